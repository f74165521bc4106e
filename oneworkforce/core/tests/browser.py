"""Browser-journey fixtures: Playwright driving Debian's Chromium, with axe-core checks.

Every app's journeys use ``page`` (a fresh browser context per test, on the live server) and
``assert_accessible(page)``. Requests to any host but this machine are blocked, so fonts from
the NHS.UK asset host fall back to Arial and nothing leaves the machine.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices. (axe 4.x has no rule
# tagged wcag22a yet; the tag is listed so rules that gain it are run without a change here.)
AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22a",
    "wcag22aa",
    "best-practice",
]


def axe_script() -> Path:
    return Path(settings.NODE_MODULES_DIR) / "axe-core" / "axe.min.js"


@functools.cache
def axe_source() -> str:
    return axe_script().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Run `scripts/require-system-packages "
            "chromium` (or `sudo apt-get install chromium`); browser journeys are never skipped."
        )
    if not axe_script().exists():
        pytest.fail(f"axe-core is missing at {axe_script()}; run `make install` (npm ci).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _block_other_hosts(route) -> None:
    if urlparse(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def page(chromium, live_server) -> Iterator:
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.route("**/*", _block_other_hosts)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in_as(page, user, base_url: str) -> None:
    """Give the browser a session for ``user`` without going through e-mail."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def submit(page, button: str, *, first: bool = False) -> None:
    """Press a form's button and wait until the page it leads to has loaded and run its script.

    On that page a success banner takes the keyboard focus when the NHS.UK script starts, which
    can scroll the page; a click made in that moment can press down on one element and lift off
    another, so nothing happens. Waiting for the load (module scripts run before it) closes that
    gap for whatever the journey does next.
    """
    locator = page.get_by_role("button", name=button)
    with page.expect_navigation(wait_until="load"):
        (locator.first if first else locator).click()


def assert_accessible(page) -> None:
    """Run axe-core (WCAG 2.2 A/AA and best practice) on the current page: no violations."""
    # A click that navigates returns before the new page has loaded: wait for its landmarks.
    page.wait_for_load_state("load")
    page.locator("main").first.wait_for(state="attached")
    # Evaluated through the DevTools protocol rather than page.add_script_tag(path=...): that
    # adds an inline <script>, which our strict CSP (script-src 'self' 'nonce-…') refuses, and
    # turning on bypass_csp would hide a template that breaks the policy.
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        # resultTypes keeps every violating node but only one example of passes, which is faster.
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    violations = result["violations"]
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            nodes = violation["nodes"]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {json.dumps(node['target'])}" for node in nodes[:5])
            if len(nodes) > 5:
                lines.append(f"    … and {len(nodes) - 5} more")
        pytest.fail("\n".join(lines))


def assert_fits_a_phone(page, width: int = 390) -> None:
    """At a phone's width the page does not scroll sideways and stays accessible; the window
    is put back to its size afterwards."""
    size = page.viewport_size
    page.set_viewport_size({"width": width, "height": 844})
    # Polled: the narrower layout is applied a frame or two after the resize. Each check is a
    # function call (page.evaluate), which the site's Content Security Policy allows; Playwright's
    # wait_for_function with an expression string compiles it with eval when it has to poll,
    # which the policy refuses.
    measure = "() => [window.innerWidth, document.documentElement.scrollWidth]"
    deadline = time.monotonic() + 3
    inner, wide = page.evaluate(measure)
    while (inner != width or wide > width) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        inner, wide = page.evaluate(measure)
    assert inner == width and wide <= width, f"the page is {wide} px wide on a {width} px screen"
    assert_accessible(page)
    page.set_viewport_size(size)
