"""CSV cells: text a spreadsheet would run as a formula stays text, in every download."""

import csv
import io

from oneworkforce.core.http import csv_response
from oneworkforce.core.spreadsheet import safe_cell


def test_it_keeps_formula_text_as_text_and_leaves_figures_alone():
    assert [safe_cell(v) for v in ("=1+1", "+44", "-x", "@SUM", "\tA", "\rB")] == [
        "'=1+1",
        "'+44",
        "'-x",
        "'@SUM",
        "'\tA",
        "'\rB",
    ]
    assert [safe_cell(v) for v in ("Leeds", "", None, -3.5, 0)] == ["Leeds", "", "", -3.5, 0]


def test_downloads_of_the_web_app_use_the_same_rule():
    response = csv_response("x.csv", ["name", "figure"], [["=HYPERLINK(1)", -2]])
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["'=HYPERLINK(1)", "-2"]
