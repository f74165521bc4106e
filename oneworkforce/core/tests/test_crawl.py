"""A crawl of the demo partnership as every demo person and as a visitor.

The demo is loaded, the product's own scheduled jobs run and a partner imports its figures, so
the pages show what the product itself writes (its audit events included). Then, for each
person, the links and GET form choices each page offers on the site's own host are followed;
any server error fails the test, naming the page and the person. The fullest page of each URL
pattern is then checked with axe in Chromium, as the person who saw it.

It is one test so that the demo is loaded once, whichever worker runs it.
"""

from __future__ import annotations

import io
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError

from oneworkforce import published_data
from oneworkforce.core.tests.browser import assert_accessible, axe_source, sign_in_as
from oneworkforce.partners import demo
from oneworkforce.partners.choices import AffiliationStatus
from oneworkforce.partners.models import Organisation, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITOR = "a visitor (not signed in)"
LOCAL_HOSTS = {None, "testserver", "localhost", "127.0.0.1"}
# Never followed: signing out would end the session the crawl runs in, and sign-in links come
# by e-mail, not from pages. Static files are not pages.
SKIPPED_NAMES = {"partners:sign_out", "partners:sign_in_link"}
SKIPPED_PREFIXES = ("/static/", "/media/")
# Bounds that keep the crawl fast (see Crawler): addresses of one URL pattern each person
# requests without a query, with one, and of a download; pages of a list; choices of a field.
LIMITS = {"plain": 1, "query": 1, "download": 1}
PAGES_OF_A_LIST = 10
# Filter choices not yet tried are followed, up to this many requests per URL pattern over
# everyone (a scenario page runs a projection for each).
CHOICES_PER_PATTERN = 8
CHOICES_PER_FIELD = 5
REDIRECTS = (301, 302, 303, 307, 308)
# The API's interactive documentation is django-ninja's Swagger UI page, not one of ours.
NOT_OUR_PAGES = ("api:",)


class _Page(HTMLParser):
    """The links and GET forms of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        # each form: its action and fields as (name, value, on as shown, a choice among others)
        self.forms: list[tuple[str, list[tuple[str, str, bool, bool]]]] = []
        self._fields: list[tuple[str, str, bool, bool]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._fields = []
            if a.get("method", "get").lower() == "get":
                self.forms.append((a.get("action", ""), self._fields))
        elif self._fields is None or not (a.get("name") or tag == "option"):
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                self._fields.append((a["name"], a.get("value", "on"), "checked" in a, True))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                self._fields.append((a["name"], a.get("value", ""), True, False))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select is not None:
            self._fields.append((self._select, a.get("value", ""), "selected" in a, True))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None

    def form_queries(self) -> Iterator[tuple[str, str]]:
        """(action, query) for each GET form: as shown, then with each choice picked alone
        (of a long list of choices, an evenly spread sample)."""
        for action, fields in self.forms:
            shown = [(n, v) for n, v, on, _ in fields if on and v != ""]
            yield action, urlencode(shown)
            choices: dict[str, list[str]] = defaultdict(list)
            for name, value, _, choice in fields:
                if choice and value != "":
                    choices[name].append(value)
            for name, values in choices.items():
                for value in _spread(values, CHOICES_PER_FIELD):
                    yield (
                        action,
                        urlencode([(n, v) for n, v in shown if n != name] + [(name, value)]),
                    )


def _spread(values: list[str], most: int) -> list[str]:
    """All the values, or ``most`` of them evenly spread from the first to the last."""
    if len(values) <= most:
        return values
    step = (len(values) - 1) / (most - 1)
    return [values[round(i * step)] for i in range(most)]


def _local(address: str) -> str:
    """The path and query of an address on this site, or "" for anywhere else."""
    parts = urlsplit(address)
    if parts.scheme not in ("", "http", "https") or parts.hostname not in LOCAL_HOSTS:
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _targets(address: str, html: str) -> list[str]:
    """The addresses on this site a page links to or lets a GET form ask for."""
    page = _Page()
    page.feed(html)
    found = [urljoin(address, href) for href in page.links]
    for action, query in page.form_queries():
        target = urljoin(address, action or address).split("?")[0]
        found.append(f"{target}?{query}" if query else target)
    return [t for t in map(_local, found) if t]


class Crawler:
    """Follows what pages offer, within bounds that keep the crawl fast.

    For each person and URL pattern it requests the first address without a query and the
    first with one. Beyond those, an address is requested only when it picks a filter choice
    (a parameter and a value) nobody has picked on that pattern yet (up to CHOICES_PER_PATTERN
    such requests a pattern), or is one of the first pages of a list (the same pages for most
    people, so counted over everyone). A pattern that answered with a download (a CSV, a feed,
    a PDF) gets only the first.
    """

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.requests: dict[str, int] = defaultdict(int)
        # URL name -> (size of the page, person, address): the fullest page of each pattern
        self.fullest: dict[str, tuple[int, str, str]] = {}
        self._choices: set[tuple[str, str, str]] = set()
        self._downloads: set[str] = set()
        self._pages: dict[str, int] = defaultdict(int)
        self._choice_requests: dict[str, int] = defaultdict(int)

    def crawl_as(self, person: str, client: Client) -> None:
        queue, visited = deque(["/"]), set()
        counts: dict[tuple[str, str], int] = defaultdict(int)
        while queue:
            address = queue.popleft()
            if address in visited:
                continue
            visited.add(address)
            name = self._worth_requesting(address, counts)
            if name is None:
                continue
            response = client.get(address)
            self.requests[person] += 1
            if response.status_code >= 500:
                error = getattr(response, "exc_info", None)
                cause = f" ({error[0].__name__}: {error[1]})" if error else ""
                self.errors.append(f"{response.status_code} on {address} as {person}{cause}")
            elif response.status_code in REDIRECTS:
                queue.append(_local(urljoin(address, response["Location"])))
            elif not response.get("Content-Type", "").startswith("text/html"):
                self._downloads.add(name)
            elif response.status_code == 200:
                html = response.content.decode()
                if name not in self.fullest or len(html) > self.fullest[name][0]:
                    self.fullest[name] = (len(html), person, address)
                queue.extend(t for t in _targets(address, html) if t not in visited)

    def _worth_requesting(self, address: str, counts: dict[tuple[str, str], int]) -> str | None:
        """The URL name of an address to request, or None to leave it."""
        parts = urlsplit(address)
        if not address or parts.path.startswith(SKIPPED_PREFIXES):
            return None
        try:
            name = resolve(parts.path).view_name
        except Resolver404:
            name = "(no URL pattern)"
        if name in SKIPPED_NAMES:
            return None
        query = parse_qsl(parts.query, keep_blank_values=True)
        picked = {(name, k, v) for k, v in query if k != "page"}
        if not query or name in self._downloads:
            kind = "plain" if not query else "download"
        elif picked - self._choices and self._choice_requests[name] < CHOICES_PER_PATTERN:
            self._choices |= picked
            self._choice_requests[name] += 1
            return name
        elif {k for k, _ in query} == {"page"} and self._pages[name] < PAGES_OF_A_LIST:
            self._pages[name] += 1
            return name
        else:
            kind = "query"
        counts[name, kind] += 1
        return name if counts[name, kind] <= LIMITS[kind] else None


def _demo_people(summary: demo.DemoSummary) -> dict[str, User]:
    """The demo's people, one for each role (and a second partner admin, of a care provider)."""
    emails = [email for email, _, _ in summary.people]
    users = User.objects.filter(email__in=emails).order_by("email")
    return {user.email.split("@")[0]: user for user in users}


def _import_a_partners_figures() -> None:
    """A care provider's admin downloads the monthly returns template and uploads it."""
    admin = User.objects.get(email=f"care-admin@{demo.DEMO_DOMAIN}")
    organisation = Organisation.objects.get(
        affiliations__user=admin, affiliations__status=AffiliationStatus.CONFIRMED
    )
    client = Client()
    client.force_login(admin)
    template = client.get(reverse("intelligence:local_template", kwargs={"kind": "returns"}))
    assert template.status_code == 200
    upload = SimpleUploadedFile("returns.csv", template.content, content_type="text/csv")
    where = {"slug": organisation.slug, "kind": "returns"}
    response = client.post(reverse("intelligence:local_upload", kwargs=where), {"file": upload})
    assert response.status_code == 302, response.content.decode()


def _axe_problems(page: Any, base_url: str, crawler: Crawler, people: dict[str, User]) -> list[str]:
    """axe on the fullest page of each URL pattern, as the person who saw it."""
    by_person: dict[str, list[str]] = defaultdict(list)
    for name, (_, person, address) in sorted(crawler.fullest.items()):
        if not name.startswith(NOT_OUR_PAGES):
            by_person[person].append(address)
    # axe-core is put in every page as it loads, rather than sent to each page after.
    page.context.add_init_script(script=axe_source())
    problems = []
    for person, addresses in sorted(by_person.items()):
        page.context.clear_cookies()
        if person != VISITOR:
            sign_in_as(page, people[person], base_url)
        for address in addresses:
            page.goto(address)
            try:
                assert_accessible(page)
            except (pytest.fail.Exception, PlaywrightError) as failure:
                problems.append(f"As {person}: {failure}")
    return problems


def test_no_page_the_demo_reaches_fails_or_breaks_axe_for_any_person(page, live_server):
    started = time.monotonic()
    summary = demo.load_all(data_dir=published_data.DATA_DIR)
    loaded = time.monotonic()
    call_command("run_due_jobs", stdout=io.StringIO())
    _import_a_partners_figures()
    people = _demo_people(summary)
    assert {"partnership-admin", "learner", "talent-coordinator", "analyst"} <= set(people)

    prepared = time.monotonic()
    crawler = Crawler()
    for person, user in [(VISITOR, None), *people.items()]:
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        crawler.crawl_as(person, client)
    crawled = time.monotonic()
    if crawler.errors:
        pytest.fail("Server errors:\n" + "\n".join(crawler.errors), pytrace=False)

    problems = _axe_problems(page, live_server.url, crawler, people)
    print(
        f"demo loaded in {loaded - started:.1f} s; jobs and import {prepared - loaded:.1f} s; "
        f"{sum(crawler.requests.values())} requests in {crawled - prepared:.1f} s "
        f"({dict(crawler.requests)}); axe on {len(crawler.fullest)} pages in "
        f"{time.monotonic() - crawled:.1f} s"
    )
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
