"""Tables are made with the one table macro (core/tables.jinja, built on the NHS.UK table
component), and that macro shows what it is given: captions, headers, text, links, numbers and
an empty message."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import engines

APPS = Path(__file__).resolve().parents[2]

# Templates that may still hold a hand-written <table>, each with the reason. An entry that no
# longer holds one fails the test below, so the list can only shrink.
# Every table goes through core/tables.jinja today; a template that cannot is listed here with
# the reason.
HAND_WRITTEN_TABLES: dict[str, str] = {
    "learning/jinja2/learning/workforce/grid.jinja": (
        "the compliance grid: 50 people x 12 requirements through the macro took most of a "
        "second to render, and its six lines of totals a third of the rest of the page's; it "
        "writes the same NHS.UK responsive table markup (ADR 018)"
    ),
}

HAND_WRITTEN = re.compile(r"<table\b", re.IGNORECASE)


def templates_with_a_hand_written_table() -> set[str]:
    return {
        path.relative_to(APPS).as_posix()
        for path in APPS.glob("*/jinja2/**/*.jinja")
        if HAND_WRITTEN.search(path.read_text(encoding="utf-8"))
    }


def test_it_refuses_a_hand_written_table_outside_the_allowed_templates():
    unexpected = templates_with_a_hand_written_table() - HAND_WRITTEN_TABLES.keys()
    assert not unexpected, (
        "Make these tables with the table macro in core/tables.jinja "
        f"(or list the template here with the reason): {sorted(unexpected)}"
    )


def test_every_allowed_template_still_holds_a_hand_written_table():
    gone = HAND_WRITTEN_TABLES.keys() - templates_with_a_hand_written_table()
    assert not gone, f"Take these off the allowed list: {sorted(gone)}"


def test_every_allowed_template_says_why():
    assert all(reason.strip() for reason in HAND_WRITTEN_TABLES.values())


class Table(HTMLParser):
    """What a reader gets from a rendered table: its caption, and each cell's element,
    classes, attributes, text (without the headings shown only on phones) and links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables = 0
        self.caption: dict[str, str] = {}
        self.rows: list[list[dict]] = []
        self._cell: dict | None = None
        self._in_caption = False
        self._hidden = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._hidden:
            self._hidden += tag == "span"
        elif tag == "span" and attributes.get("aria-hidden") == "true":
            self._hidden = 1
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self._in_caption = True
            self.caption = {"class": attributes.get("class", ""), "text": ""}
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = {"tag": tag, "text": "", "links": [], **attributes}
            self.rows[-1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell["links"].append(attributes["href"])

    def handle_endtag(self, tag):
        if self._hidden and tag == "span":
            self._hidden -= 1
        elif tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th"):
            self._cell["text"] = " ".join(self._cell["text"].split())
            self._cell = None

    def handle_data(self, data):
        if self._hidden:
            return
        if self._in_caption:
            self.caption["text"] = " ".join((self.caption["text"] + data).split())
        elif self._cell is not None:
            self._cell["text"] += data

    def texts(self) -> list[list[str]]:
        return [[cell["text"] for cell in row] for row in self.rows]


def render(call: str, **context) -> Table:
    source = '{% import "core/tables.jinja" as t with context %}' + call
    return Table(engines["jinja2"].env.from_string(source).render(**context))


def test_it_shows_the_caption_headers_and_cells_and_escapes_text():
    table = render(
        "{{ t.table('Sessions booked', ['Learner', 'Note'], rows) }}",
        rows=[["Ann <b>", "Came & left"], ["Bo", "none"]],
    )
    assert table.tables == 1
    assert table.caption == {"class": "nhsuk-table__caption", "text": "Sessions booked"}
    assert table.texts() == [["Learner", "Note"], ["Ann <b>", "Came & left"], ["Bo", "none"]]
    assert [cell["scope"] for cell in table.rows[0]] == ["col", "col"]


def test_cells_may_hold_links_made_with_the_link_macro():
    table = render(
        "{{ t.table('Listings', ['Listing'], [[t.link('/learning/first-aid', 'First aid')]]) }}"
    )
    assert table.rows[1][0]["links"] == ["/learning/first-aid"]
    assert table.rows[1][0]["text"] == "First aid"


def test_it_shows_a_plain_string_given_as_html_as_text():
    table = render(
        "{{ t.table('Notes', [{'html': head}], [[{'html': note}]]) }}",
        head="<i>Note</i>",
        note='<a href="https://elsewhere.example">win</a>',
    )
    assert table.texts() == [["<i>Note</i>"], ['<a href="https://elsewhere.example">win</a>']]
    assert table.rows[1][0]["links"] == []


def test_it_right_aligns_numeric_columns_and_keeps_a_zero():
    table = render(
        "{{ t.table('Places', ['Session', {'text': 'Places', 'format': 'numeric'}], rows) }}",
        rows=[["Morning", 0], ["Evening", {"text": 12}]],
    )
    assert table.texts()[1:] == [["Morning", "0"], ["Evening", "12"]]
    assert "nhsuk-table__header--numeric" in table.rows[0][1]["class"]
    assert [row[1]["class"].split() for row in table.rows[1:]] == [
        ["nhsuk-table__cell", "nhsuk-table__cell--numeric"]
    ] * 2
    assert "nhsuk-table__cell--numeric" not in table.rows[1][0]["class"]


def test_it_says_so_across_the_table_when_there_are_no_rows():
    table = render(
        "{{ t.table('Keys', ['System', 'Created', 'Status'], [], empty='No keys yet.') }}"
    )
    assert table.texts() == [["System", "Created", "Status"], ["No keys yet."]]
    assert table.rows[1][0]["colspan"] == "3"


def test_it_leaves_the_body_empty_when_asked_to_say_nothing():
    table = render("{{ t.table('Training', ['Training'], [], empty=none) }}")
    assert table.texts() == [["Training"]]


def test_a_hidden_caption_is_still_there_for_screen_readers():
    table = render("{{ t.table('Your listings', ['Listing'], [['A']], hidden_caption=true) }}")
    assert table.caption["text"] == "Your listings"
    assert "nhsuk-u-visually-hidden" in table.caption["class"].split()


def test_a_caption_can_be_shown_as_a_small_heading():
    table = render("{{ t.table('Flows (figures)', ['Flow'], [['In']], caption_size='s') }}")
    assert "nhsuk-table__caption--s" in table.caption["class"].split()


@pytest.mark.parametrize("responsive", [True, False])
def test_on_phones_a_responsive_table_names_each_cells_column(responsive):
    source = "{{ t.table('Roles', ['Role', 'People'], [['Nurse', 3]], responsive=flag) }}"
    html = (
        engines["jinja2"]
        .env.from_string('{% import "core/tables.jinja" as t with context %}' + source)
        .render(flag=responsive)
    )
    phone_headings = r'<span class="nhsuk-table__heading" aria-hidden="true">(\w+) </span>'
    headings = re.findall(phone_headings, html)
    assert headings == (["Role", "People"] if responsive else [])
    assert ("nhsuk-table--responsive" in html) is responsive


def test_the_first_cell_of_each_row_can_name_the_row():
    table = render(
        "{{ t.table('Gap by staff group', ['Staff group', 'Gap'], rows, row_headers=true) }}",
        rows=[["Nurses", "12"], ["Doctors", "3"]],
    )
    assert [(row[0]["tag"], row[0].get("scope")) for row in table.rows[1:]] == [
        ("th", "row"),
        ("th", "row"),
    ]
    assert [row[1]["tag"] for row in table.rows[1:]] == ["td", "td"]
