"""The register's and the account's presenters, without a database: unsaved models and plain
objects in, NHS.UK macro parameters out."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from oneworkforce.partners.accounts.presenters import affiliation_tag
from oneworkforce.partners.choices import AffiliationStatus, Sector
from oneworkforce.partners.models import Organisation, Site
from oneworkforce.partners.registry.presenters import (
    organisation_rows,
    signatory_table_rows,
    site_table_rows,
)


def _keys(rows):
    return [row["key"]["text"] for row in rows]


def test_a_partner_without_code_place_website_or_contact_shows_only_its_type():
    organisation = Organisation(name="Kirkgate Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    assert _keys(organisation_rows(organisation)) == ["Type of organisation"]


def test_a_partners_website_and_contact_are_links_with_their_text_escaped():
    organisation = Organisation(
        name="Leeds Trust",
        sector=Sector.NHS_ACUTE,
        ods_code="RR8",
        website='https://example.org/?a="b"',
        contact_email="team@example.org",
    )
    rows = organisation_rows(organisation)
    assert _keys(rows) == ["Type of organisation", "ODS code", "Website", "Contact"]
    website, contact = rows[2]["value"]["html"], rows[3]["value"]["html"]
    assert '"b"' not in website
    assert "&#34;b&#34;" in website
    assert contact == '<a href="mailto:team@example.org">team@example.org</a>'


def test_a_sites_address_is_one_line():
    site = Site(name="Main", address="1 High Street\nLeeds", postcode="LS1 4AP")
    assert site_table_rows([site]) == [
        [{"text": "Main"}, {"text": "1 High Street, Leeds"}, {"text": "LS1 4AP"}]
    ]


def _signatory(**values):
    organisation = SimpleNamespace(name="Leeds Trust", get_absolute_url=lambda: "/partners/lt/")
    base = {
        "organisation": organisation,
        "signed_on": dt.date(2025, 4, 1),
        "signed_by_name": "Anita Rowe",
        "signed_by_job_title": "Chief executive",
        "withdrawn_on": None,
        "withdrawal_reason": "",
    }
    return SimpleNamespace(**{**base, **values})


def test_a_current_signature_shows_who_signed_and_when():
    (row,) = signatory_table_rows([_signatory()])
    assert [cell.get("text") for cell in row[1:]] == ["1 April 2025", "Anita Rowe, Chief executive"]
    assert row[0]["html"] == '<a href="/partners/lt/">Leeds Trust</a>'


def test_a_past_signature_shows_its_withdrawal_and_reason_and_a_future_one_when_it_starts():
    withdrawn = _signatory(withdrawn_on=dt.date(2026, 1, 31), withdrawal_reason="New owners")
    future = _signatory(signed_on=dt.date(2030, 5, 2))
    rows = signatory_table_rows([withdrawn, future], withdrawn=True)
    assert rows[0][3] == {"text": "31 January 2026: New owners"}
    assert rows[1][3] == {"text": "Takes effect 2 May 2030"}


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (AffiliationStatus.PENDING, "Waiting"),
        (AffiliationStatus.CONFIRMED, "Confirmed"),
        (AffiliationStatus.DECLINED, "Not confirmed"),
        (AffiliationStatus.ENDED, "Ended"),
    ],
)
def test_each_link_status_has_its_own_words(status, text):
    assert affiliation_tag(str(status))["text"] == text
