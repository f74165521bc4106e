"""What careers pages show of the catalogue: pure, no database."""

from __future__ import annotations

from oneworkforce.careers.pathways import presenters
from oneworkforce.careers.pathways.catalogue import load_catalogue

CATALOGUE = load_catalogue()


def test_hourly_pay_is_also_shown_yearly_for_a_full_time_week():
    care = CATALOGUE.role("care-worker")
    row = presenters.pay_row(care.pay[0], CATALOGUE)
    assert row["hourly"] == "£12.21 to £13.00"
    # 12.21 * 37.5 * 52.143 = 23,874.97
    assert row["yearly"] == "about £23,875 to £25,420"
    assert row["band"] == ""
    assert "Skills for Care" in row["source"]


def test_yearly_nhs_pay_is_also_shown_hourly_with_the_band_beside_it():
    nurse = CATALOGUE.role("registered-nurse-adult")
    row = presenters.pay_row(nurse.pay[0], CATALOGUE)
    assert row["yearly"] == "£31,049 to £37,796"
    assert row["hourly"] == "about £15.88 to £19.33"
    assert row["band"] == "NHS Band 5"


def test_one_amount_is_not_written_as_a_range():
    porter = CATALOGUE.role("porter")
    assert presenters.pay_row(porter.pay[0], CATALOGUE)["yearly"] == "£24,465"


def test_a_pathway_picture_has_one_box_per_step_and_arrows_between():
    pathway = CATALOGUE.pathways[0]
    shown = presenters.pathway_picture(pathway, CATALOGUE, 1)
    picture = shown["picture"]
    assert len(picture["boxes"]) == len(pathway.steps) == len(shown["steps"])
    assert len(picture["arrows"]) == len(pathway.steps) - 1
    assert picture["label"].startswith(pathway.title + ": Care and support worker, then ")
    assert [s["title"] for s in shown["steps"]][-1] == "Registered nurse (adult)"


def test_long_titles_wrap_to_two_lines_within_the_box():
    lines = presenters._lines("Registered nurse (learning disability)")
    assert lines == ["Registered nurse (learning", "disability)"]
    assert all(len(line) <= presenters.LINE_CHARS for line in lines)


def test_a_role_page_says_where_it_leads_and_what_leads_to_it():
    page = presenters.role_page(CATALOGUE.role("senior-care-worker"), CATALOGUE)
    assert [r["title"] for r in page["next"]][:2] == ["Nursing associate", "Deputy manager (care)"]
    assert "Care and support worker" in [r["title"] for r in page["leads_from"]]
    assert page["moves"]["boxes"][0]["current"] is True
    assert len(page["moves"]["branches"]) == len(page["next"])
    assert page["learning_href"] == "/learning/search?q=medication"


def test_a_senior_role_with_no_next_step_has_no_picture():
    page = presenters.role_page(CATALOGUE.role("registered-manager"), CATALOGUE)
    assert page["next"] == [] and page["moves"] is None
