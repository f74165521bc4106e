"""Partner directory search at the size of a large ICS (2,000 partners, 3,000 sites).

Peer: the same search through the JSON API, in the same run, so the ratio shows what the HTML
page (NHS.UK macros, pagination, filters) costs on top of the query.
"""

from __future__ import annotations

from django.test import Client

from bench.harness import measure, ratio
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, Site

NAME = "directory"
SECTORS = Sector.values


def setup() -> None:
    Organisation.objects.bulk_create(
        Organisation(
            name=f"{['Leeds', 'Bradford', 'Calderdale', 'Kirklees', 'Wakefield'][n % 5]} "
            f"{['Care', 'Health', 'Support', 'Community', 'Practice'][n % 7 % 5]} {n}",
            slug=f"bench-{n}",
            sector=SECTORS[n % len(SECTORS)],
            ods_code=f"B{n:04d}" if n % 3 == 0 else "",
        )
        for n in range(2000)
    )
    organisations = list(Organisation.objects.filter(slug__startswith="bench-"))
    Site.objects.bulk_create(
        Site(organisation=o, name=f"Site {k}", postcode=f"LS{(o.pk + k) % 28 + 1} 4AP")
        for o in organisations
        for k in range(1 + (o.pk % 2))
    )


def run() -> list[str]:
    client = Client()
    queries = {
        "all partners, first page": {},
        "two words": {"q": "leeds care"},
        "sector filter": {"sector": ["vcse", "adult_social_care"]},
        "postcode district": {"q": "LS12"},
    }
    lines = []
    for label, params in queries.items():
        page = measure(f"page: {label}", lambda p=params: client.get("/partners/", p), runs=25)
        api = measure(f"API:  {label}", lambda p=params: client.get("/api/v1/partners", p), runs=25)
        lines += [page.row(), api.row(), ratio(f"page / API ({label})", page, api)]
    return lines
