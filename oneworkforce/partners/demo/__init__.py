"""The demo partnership: the real NHS organisations of one integrated care system, from NHS
England's published turnover benchmarking file, plus invented local partners, frameworks and
one person for each role. Loading is idempotent: run it as often as you like.

Source of the real organisations: NHS England, NHS Workforce Statistics - turnover
benchmarking (official statistics, Open Government Licence v3.0).

Real organisations keep ``is_demo=False`` (they exist); everything invented has ``is_demo=True``.
The partnership itself, its frameworks, signatures and people are a demonstration.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from oneworkforce import published_data
from oneworkforce.core.postcodes import normalise

from ..choices import (
    AffiliationStatus,
    PlaceKind,
    Relationship,
    Role,
    Sector,
    WorkStatus,
)
from ..models import (
    Affiliation,
    Faculty,
    Framework,
    Organisation,
    Place,
    RoleGrant,
    Signatory,
    Site,
    User,
)
from .data import FRAMEWORKS, INVENTED, PEOPLE, PORTABILITY_FROM, SIGNERS, WITHDRAWAL, Invented

# The partnership's own app: ``other_app_loaders`` leaves it out, ``load_all`` loads it first.
PARTNERS_APP = "oneworkforce.partners"
DEFAULT_ICS = "QWO"  # NHS West Yorkshire
DEMO_DOMAIN = "demo.example.org"
SIGN_IN_HINT = (
    "Sign in at /accounts/sign-in/ with any of these; the link is printed on this console"
)
TURNOVER_FOLDER = published_data.TURNOVER_FOLDER
REQUIRED_COLUMNS = {
    "ICS_CODE",
    "ICS_NAME",
    "REPORTING_ORG_NAME",
    "REPORTING_ORG_CODE",
    "CLUSTER_GROUP",
}
CLUSTER_SECTORS = {
    "Acute": Sector.NHS_ACUTE,
    "Ambulance": Sector.NHS_AMBULANCE,
    "Community Provider Trust": Sector.NHS_COMMUNITY,
    "Mental Health": Sector.NHS_MENTAL_HEALTH,
    "Integrated Care Board": Sector.ICB,
}
# The five places of West Yorkshire, and words in organisation names that place them. The first
# place whose words appear in a name wins; organisations that match none belong to the system.
WEST_YORKSHIRE_PLACES = {
    "Bradford District and Craven": ("Bradford", "Airedale", "Craven", "Keighley"),
    "Calderdale": ("Calderdale", "Halifax"),
    "Kirklees": ("Kirklees", "Huddersfield", "Dewsbury"),
    "Leeds": ("Leeds",),
    "Wakefield": ("Wakefield", "Mid Yorkshire", "Pontefract"),
}
# Invented partners sit in the West Yorkshire place their first site's postcode area belongs to.
WEST_YORKSHIRE_POSTCODE_AREAS = {
    "LS": "Leeds",
    "BD": "Bradford District and Craven",
    "HX": "Calderdale",
    "HD": "Kirklees",
    "WF": "Wakefield",
}
# Sites of real organisations, by ODS code: (name, address, postcode). Left empty until the
# addresses come from a published source (for example the NHS ODS data), so the demo never
# shows an unchecked address for a real organisation.
REAL_SITES: dict[str, tuple[tuple[str, str, str], ...]] = {}


class DemoDataError(Exception):
    """The published file cannot be used; the message names the folder, file or line."""


@dataclass(frozen=True)
class RealOrganisation:
    code: str
    name: str
    sector: str


@dataclass
class DemoSummary:
    ics_code: str
    ics_name: str
    real: int = 0
    invented: int = 0
    places: int = 0
    sites: int = 0
    signatories: int = 0
    withdrawn: int = 0
    source: str = ""
    # (e-mail, name, what the person can do)
    people: list[tuple[str, str, str]] = field(default_factory=list)
    other_apps: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report the command prints."""
        return [
            f"Demonstration partnership for {self.ics_name} ({self.ics_code}). "
            "The partnership, its invented partners, frameworks and people are demo data.",
            f"  {self.real} real NHS organisations from {self.source} "
            "(NHS England, Open Government Licence)",
            f"  {self.invented} invented example partners (marked as invented)",
            f"  places: {self.places}; sites of these partners: {self.sites}",
            f"  signatures on the two frameworks: {self.signatories} ({self.withdrawn} withdrawn)",
            *self.other_apps,
            f"Demo people. {SIGN_IN_HINT}:",
            *(f"  {email:<42} {name}, {what}" for email, name, what in self.people),
        ]


# Reading the published file ------------------------------------------------------------------


def _published(read: Callable[[Path], Any], data_dir: Path) -> Any:
    """``read(data_dir)``, a missing published file becoming the demo's own error."""
    try:
        return read(data_dir)
    except published_data.MissingData as error:
        raise DemoDataError(f"{error} Point --data-dir at a folder laid out like data/.") from None


def turnover_file(data_dir: Path) -> Path:
    """The newest turnover benchmarking CSV under ``data_dir``."""
    path: Path = _published(published_data.turnover, data_dir)
    return path


def check_data_dir(data_dir: Path) -> None:
    """The sickness files the other apps' demos read are there (``load`` has found the
    turnover file). ``load_all`` checks inside its transaction, so a missing file undoes the
    partnership too."""
    _published(published_data.sickness, data_dir)


_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "upon"}
_ACRONYMS = {"NHS", "ICB", "UK", "CIC"}


def tidy_name(name: str) -> str:
    """Names as published; an all-capitals name gets ordinary capitals (``NHS`` stays)."""
    name = " ".join(name.split())
    if not name.isupper():
        return name

    def word(text: str, first: bool) -> str:
        if text in _ACRONYMS:
            return text
        if not first and text.lower() in _SMALL_WORDS:
            return text.lower()
        return text[:1] + text[1:].lower()

    def words(text: str, first: bool) -> str:
        parts = text.split("-")
        return "-".join(word(part, first and n == 0) for n, part in enumerate(parts))

    return " ".join(words(text, index == 0) for index, text in enumerate(name.split(" ")))


def read_ics(path: Path, ics_code: str) -> tuple[str, list[RealOrganisation]]:
    """The ICS's name and its reporting organisations, in the file's order of first mention."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise DemoDataError(f"{path.name} line 1: missing columns {', '.join(sorted(missing))}")
        names: dict[str, str] = {}
        found: dict[str, RealOrganisation] = {}
        for line, row in enumerate(reader, start=2):
            code = (row["ICS_CODE"] or "").strip().upper()
            names.setdefault(code, (row["ICS_NAME"] or "").strip())
            org_code = (row["REPORTING_ORG_CODE"] or "").strip().upper()
            if code != ics_code or org_code in found:
                continue
            if not org_code or len(org_code) > 10:
                raise DemoDataError(
                    f"{path.name} line {line}: REPORTING_ORG_CODE {org_code!r} is not an ODS code"
                )
            found[org_code] = RealOrganisation(
                code=org_code,
                name=tidy_name(row["REPORTING_ORG_NAME"] or org_code),
                sector=CLUSTER_SECTORS.get(
                    (row["CLUSTER_GROUP"] or "").strip(), Sector.INDEPENDENT
                ),
            )
    if ics_code not in names:
        known = ", ".join(f"{code} ({name})" for code, name in sorted(names.items()))
        raise DemoDataError(f"No ICS with code {ics_code} in {path.name}. Valid codes: {known}")
    return names[ics_code], list(found.values())


# Helpers -------------------------------------------------------------------------------------


def _place_for(name: str, places: dict[str, Place], system: Place) -> Place:
    lowered = name.lower()
    for place_name, words in WEST_YORKSHIRE_PLACES.items():
        if place_name in places and any(word.lower() in lowered for word in words):
            return places[place_name]
    return system


def _invented_place(item: Invented, places: dict[str, Place], system: Place) -> Place:
    area = "".join(c for c in normalise(item.sites[0][1]).split(" ")[0] if c.isalpha())
    return places.get(WEST_YORKSHIRE_POSTCODE_AREAS.get(area, ""), system)


def _organisation(slug: str, **values: Any) -> Organisation:
    """Create or update by slug; saves only what changed, so ``updated_at`` means something."""
    organisation, created = Organisation.objects.get_or_create(slug=slug, defaults=values)
    changed = [name for name, value in values.items() if getattr(organisation, name) != value]
    if not created and changed:
        for name in changed:
            setattr(organisation, name, values[name])
        organisation.save(update_fields=[*changed, "updated_at"])
    return organisation


def _sites(organisation: Organisation, sites: tuple[tuple[str, str, str], ...]) -> int:
    for name, address, postcode in sites:
        Site.objects.update_or_create(
            organisation=organisation,
            name=name,
            defaults={"address": address, "postcode": normalise(postcode)},
        )
    return len(sites)


def _signer(organisation: Organisation) -> str:
    return SIGNERS[organisation.pk % len(SIGNERS)]


def _sign(
    framework: Framework,
    organisation: Organisation,
    signed_on: dt.date,
    title: str,
    withdrawn: tuple[dt.date, str] | None = None,
) -> None:
    """One signature per (framework, organisation): the open one, else the newest, is updated."""
    values = {
        "signed_on": signed_on,
        "signed_by_name": _signer(organisation),
        "signed_by_job_title": title,
        "withdrawn_on": withdrawn[0] if withdrawn else None,
        "withdrawal_reason": withdrawn[1] if withdrawn else "",
    }
    current = (
        Signatory.objects.filter(framework=framework, organisation=organisation)
        .order_by(F("withdrawn_on").desc(nulls_first=True), "-signed_on", "-pk")
        .first()
    )
    if current is None:
        Signatory.objects.create(framework=framework, organisation=organisation, **values)
        return
    changed = [name for name, value in values.items() if getattr(current, name) != value]
    if changed:
        for name in changed:
            setattr(current, name, values[name])
        current.save(update_fields=changed)


# Loading -------------------------------------------------------------------------------------


def _load_places(ics_code: str, ics_name: str) -> tuple[Place, dict[str, Place]]:
    system, _ = Place.objects.update_or_create(
        slug=slugify(ics_name),
        defaults={"name": ics_name, "kind": PlaceKind.SYSTEM, "code": ics_code, "parent": None},
    )
    places: dict[str, Place] = {}
    if ics_code == DEFAULT_ICS:
        for place_name in WEST_YORKSHIRE_PLACES:
            places[place_name], _ = Place.objects.update_or_create(
                slug=slugify(place_name),
                defaults={"name": place_name, "kind": PlaceKind.PLACE, "parent": system},
            )
    return system, places


def _load_frameworks(
    real: list[RealOrganisation], organisations: dict[str, Organisation], host: Organisation
) -> None:
    frameworks = {
        slug: Framework.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "summary": text}
        )[0]
        for slug, (name, kind, text) in FRAMEWORKS.items()
    }
    portability = frameworks["staff-portability-framework"]
    talent = frameworks["talent-management-mou"]
    trusts = [organisations[r.code] for r in real if r.sector != Sector.ICB]
    icbs = [organisations[r.code] for r in real if r.sector == Sector.ICB]
    # Most trusts have signed the portability framework: the last one listed (unless it is the
    # demo partner admin's trust) is still deciding.
    holdout = next((t for t in reversed(trusts) if t != host), None) if len(trusts) > 2 else None
    signing = [t for t in trusts if t != holdout] + icbs
    for n, organisation in enumerate(signing):
        signed_on = PORTABILITY_FROM + dt.timedelta(days=7 * n)
        _sign(portability, organisation, signed_on, "Chief people officer")
    for key in ("council", "home-care", "supported-living", "carers", "confederation"):
        _sign(portability, organisations[key], dt.date(2025, 6, 2), "Director")
    _sign(
        portability,
        organisations["care-home"],
        dt.date(2025, 6, 2),
        "Registered manager",
        withdrawn=WITHDRAWAL,
    )
    for key in ("council", "college", "second-chances", "carers", "kitchen", "home-care"):
        _sign(talent, organisations[key], dt.date(2025, 9, 15), "Chief executive")
    for organisation in (icbs + trusts)[:3]:
        _sign(talent, organisation, dt.date(2025, 9, 15), "Chief people officer")


def _load_people(
    organisations: dict[str, Organisation], host: Organisation
) -> list[tuple[str, str, str]]:
    people: dict[str, User] = {}
    for key, name, title, family, area, level in PEOPLE:
        profile = {
            "full_name": name,
            "job_title": title,
            "job_family": family,
            "work_area": area,
            "level": level,
            "work_status": WorkStatus.PARTNER,
        }
        # No password: demo people sign in by e-mail link like everyone else.
        people[key], _ = User.objects.update_or_create(
            email=f"{key}@{DEMO_DOMAIN}",
            defaults=profile,
            create_defaults={**profile, "password": make_password(None)},
        )

    nursing, _ = Faculty.objects.get_or_create(
        slug="nursing-and-midwifery", defaults={"name": "Nursing and midwifery", "position": 4}
    )
    care_provider = organisations["home-care"]
    council = organisations["council"]
    grants: list[tuple[str, str, Organisation | None, Faculty | None, str]] = [
        ("learner", "", None, None, f"learner at {care_provider.name}"),
        ("partner-admin", Role.PARTNER_ADMIN, host, None, f"partner admin of {host.name}"),
        (
            "care-admin",
            Role.PARTNER_ADMIN,
            care_provider,
            None,
            f"partner admin of {care_provider.name}",
        ),
        ("partnership-admin", Role.PARTNERSHIP_ADMIN, None, None, "partnership admin"),
        ("talent-coordinator", Role.TALENT_COORDINATOR, None, None, "talent coordinator"),
        ("faculty-lead", Role.FACULTY_LEAD, None, nursing, f"faculty lead, {nursing.name}"),
        (
            "partner-representative",
            Role.PARTNER_REPRESENTATIVE,
            council,
            None,
            f"partner representative for {council.name}",
        ),
        ("analyst", Role.ANALYST, None, None, "analyst"),
    ]
    listed = []
    for key, role, organisation, faculty, what in grants:
        if role:
            RoleGrant.objects.get_or_create(
                user=people[key],
                role=role,
                organisation=organisation,
                faculty=faculty,
                revoked_at=None,
                defaults={"granted_by": None},
            )
        listed.append((people[key].email, people[key].full_name, what))

    def affiliate(key: str, organisation: Organisation, status: str, relationship: str) -> None:
        user = people[key]
        if not Affiliation.objects.open().filter(user=user, organisation=organisation).exists():
            Affiliation.objects.create(
                user=user,
                organisation=organisation,
                relationship=relationship,
                job_title=user.job_title,
                status=status,
            )

    confirmed, pending = AffiliationStatus.CONFIRMED, AffiliationStatus.PENDING
    affiliate("learner", care_provider, confirmed, Relationship.EMPLOYEE)
    # Waiting for the partner admin to confirm: the partner-admin journey starts here.
    affiliate("learner", host, pending, Relationship.BANK)
    affiliate("partner-admin", host, confirmed, Relationship.EMPLOYEE)
    affiliate("care-admin", care_provider, confirmed, Relationship.EMPLOYEE)
    affiliate("partner-representative", council, confirmed, Relationship.EMPLOYEE)
    return listed


@transaction.atomic
def load(*, data_dir: Path, ics_code: str = DEFAULT_ICS) -> DemoSummary:
    """Load (or bring up to date) the demo partnership for one ICS. Idempotent."""
    ics_code = ics_code.strip().upper()
    path = turnover_file(data_dir)
    ics_name, real = read_ics(path, ics_code)
    summary = DemoSummary(ics_code=ics_code, ics_name=ics_name, source=path.name)

    system, places = _load_places(ics_code, ics_name)
    summary.places = 1 + len(places)

    organisations: dict[str, Organisation] = {}
    for item in real:
        existing = Organisation.objects.filter(ods_code=item.code).first()
        organisations[item.code] = _organisation(
            existing.slug if existing else slugify(item.name)[:100],
            name=item.name,
            sector=item.sector,
            ods_code=item.code,
            place=_place_for(item.name, places, system),
            is_demo=False,
            summary=f"An NHS organisation in {ics_name}. Part of the demonstration partnership.",
        )
        summary.sites += _sites(organisations[item.code], REAL_SITES.get(item.code, ()))
    summary.real = len(real)

    for item in INVENTED:
        organisations[item.key] = _organisation(
            slugify(item.name),
            name=item.name,
            sector=item.sector,
            ods_code="",
            place=_invented_place(item, places, system),
            is_demo=True,
            summary=item.summary + " (An invented example partner.)",
        )
        sites = tuple((name, "", postcode) for name, postcode in item.sites)
        summary.sites += _sites(organisations[item.key], sites)
    summary.invented = len(INVENTED)

    acute = [organisations[r.code] for r in real if r.sector == Sector.NHS_ACUTE]
    others = [organisations[r.code] for r in real]
    host = (acute or others or [organisations["council"]])[0]

    _load_frameworks(real, organisations, host)
    signatures = Signatory.objects.filter(framework__slug__in=FRAMEWORKS)
    summary.signatories = signatures.count()
    summary.withdrawn = signatures.exclude(withdrawn_on=None).count()
    summary.people = _load_people(organisations, host)
    return summary


def other_app_loaders() -> list[Callable[..., str]]:
    """Each other app of the project may add demo records with a ``demo.load()`` returning a line
    for the summary (given ``data_dir`` if it takes it). They run after the partnership, which
    they build on."""
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("oneworkforce.") or config.name == PARTNERS_APP:
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        loaders.append(module.load)
    return loaders


@transaction.atomic
def load_all(*, data_dir: Path, ics_code: str = DEFAULT_ICS) -> DemoSummary:
    """The partnership and every other app's demo records, in one transaction."""
    summary = load(data_dir=data_dir, ics_code=ics_code)
    check_data_dir(data_dir)  # before the other apps
    summary.other_apps = [
        loader(data_dir=data_dir)
        if "data_dir" in inspect.signature(loader).parameters
        else loader()
        for loader in other_app_loaders()
    ]
    return summary
