"""Browser journey: a partnership admin adds a photo with its alternative text, and a visitor on
a phone sees it on the public prospectus (axe-core on every page)."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import expect

from oneworkforce.core.tests.browser import (
    assert_accessible,
    assert_fits_a_phone,
    sign_in_as,
    submit,
)
from oneworkforce.partners.tests.factories import partnership_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALT = "Two care workers walking along a path beside a river"


def _photo(tmp_path) -> str:
    path = tmp_path / "walk.jpg"
    Image.new("RGB", (2400, 1600), (60, 140, 90)).save(path, "JPEG")
    return str(path)


def test_an_admin_adds_a_photo_and_the_public_prospectus_shows_it(page, live_server, tmp_path):
    # Given a partnership admin on the prospectus
    sign_in_as(page, partnership_admin(), live_server.url)
    page.goto(f"{live_server.url}/careers/prospectus/")
    page.get_by_role("link", name="its photos").click()
    expect(page.get_by_role("heading", name="Prospectus photos", level=1)).to_be_visible()
    assert_accessible(page)

    # When they upload a photo with "photo" as its alternative text, it is refused on the field
    page.get_by_label("Photo", exact=True).set_input_files(_photo(tmp_path))
    page.get_by_label("Alternative text").fill("photo")
    submit(page, "Add the photo")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Describe what the photo shows")
    assert_accessible(page)

    # And with honest alternative text and a caption it is added, narrowed to 1,600 px
    page.get_by_label("Photo", exact=True).set_input_files(_photo(tmp_path))
    page.get_by_label("Alternative text").fill(ALT)
    page.get_by_label("Caption (optional)").fill("The riverside walk near the hospital")
    submit(page, "Add the photo")
    expect(page.get_by_text("The photo is added to the prospectus")).to_be_visible()
    expect(page.get_by_role("img", name=ALT)).to_have_attribute("width", "1600")
    assert_accessible(page)
    assert_fits_a_phone(page)

    # Then a visitor on a phone sees it on the prospectus, with its caption, within the screen
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/careers/prospectus/")
    picture = page.get_by_role("img", name=ALT)
    picture.scroll_into_view_if_needed()
    expect(picture).to_be_visible()
    expect(page.locator("figcaption")).to_contain_text("The riverside walk near the hospital")
    assert page.evaluate("(img) => img.naturalWidth", picture.element_handle()) == 1600
    assert picture.bounding_box()["width"] <= 390
    assert_fits_a_phone(page)
