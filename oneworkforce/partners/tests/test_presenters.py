"""The partnership's presenters, without a database: they take plain values and objects."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from oneworkforce.partners.manage.presenters import audit_changes


def lines(markup: Markup) -> list[str]:
    return str(markup).split("<br>") if str(markup) else []


# The shapes the product's services write into AuditEvent.changes, taken from their calls to
# audit.record: one example of each.
SERVICE_SHAPES = {
    # audit.diff: a pair per changed field (partners, learning, talent, decisions...)
    "pair": {"name": {"from": "Old name", "to": "New name"}},
    # audit.diff on a sensitive field, and the password and ballot services
    "redacted": {"password": {"changed": True}},
    # intelligence.import, core.postcodes_import, talent.candidate_viewed: plain values
    "plain": {"file": "turnover.csv", "rows": 240, "replaced": False},
    # deployments.activated (the missing checks bypassed), learning requirements: lists
    "list": {"bypassed": ["DBS check expired", "no right to work"]},
    # apprenticeships.preferences_set, round.closed: lists within a pair
    "list pair": {"preferences": {"from": [3, 1], "to": [1, 2, 3]}},
    # intelligence.scenario_interventions: the list before and after, each a list of dicts
    "nested": {"interventions": [[], [{"kind": "recruit", "extra": 4.5, "years": [1, 2]}]]},
    # a nested dict, which no service writes today but the JSON field allows
    "nested dict": {"checks": {"dbs": {"valid_until": "2026-01-31"}, "right_to_work": True}},
    # talent.checkpoint_recorded, learning cancellations: None for a value not given, counts
    "none": {"reason": None, "learners_told": 0},
}


def test_it_shows_a_pair_as_from_and_to():
    assert lines(audit_changes(SERVICE_SHAPES["pair"])) == ["name: Old name → New name"]


def test_it_shows_an_empty_side_of_a_pair_as_a_dash():
    assert lines(audit_changes({"ends_on": {"from": None, "to": ""}})) == ["ends on: — → —"]


def test_it_says_only_that_a_redacted_field_changed():
    assert lines(audit_changes(SERVICE_SHAPES["redacted"])) == [
        "password: changed (value not recorded)"
    ]


def test_it_shows_plain_figures_a_service_recorded():
    assert lines(audit_changes(SERVICE_SHAPES["plain"])) == [
        "file: turnover.csv",
        "replaced: no",
        "rows: 240",
    ]


def test_it_shows_a_list_as_its_items():
    assert lines(audit_changes(SERVICE_SHAPES["list"])) == [
        "bypassed: DBS check expired, no right to work"
    ]


def test_it_shows_lists_on_either_side_of_a_pair():
    assert lines(audit_changes(SERVICE_SHAPES["list pair"])) == ["preferences: 3, 1 → 1, 2, 3"]


def test_it_shows_nested_lists_and_dicts_in_brackets():
    assert lines(audit_changes(SERVICE_SHAPES["nested"])) == [
        # before: no interventions; after: a list of one intervention
        "interventions: (none), ((kind: recruit; extra: 4.5; years: (1, 2)))"
    ]
    assert lines(audit_changes(SERVICE_SHAPES["nested dict"])) == [
        "checks: dbs: (valid until: 2026-01-31); right to work: yes"
    ]


def test_it_shows_nothing_recorded_as_a_dash_and_zero_as_zero():
    assert lines(audit_changes(SERVICE_SHAPES["none"])) == ["learners told: 0", "reason: —"]


def test_a_field_named_changed_holding_a_count_is_a_figure_not_a_redaction():
    # talent.events_changed records how many events changed under the key "changed"
    assert lines(audit_changes({"changed": 3})) == ["changed: 3"]
    assert lines(audit_changes({"state": {"changed": 2}})) == ["state: changed: 2"]


def test_it_escapes_what_people_typed():
    shown = str(audit_changes({"title": {"from": "<b>", "to": "<script>x</script>"}}))
    assert "<script>" not in shown
    assert shown == "title: &lt;b&gt; → &lt;script&gt;x&lt;/script&gt;"


def test_no_changes_show_as_nothing():
    assert str(audit_changes({})) == ""


def test_changes_that_are_not_a_dict_are_still_shown():
    assert lines(audit_changes(["a", 1])) == ["a, 1"]
    assert lines(audit_changes("note")) == ["note"]
    assert str(audit_changes(None)) == ""


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
JSON = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def leaves(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if set(value) != {"from", "to"}:  # a pair shows its two sides, not their names
                yield key
            yield from leaves(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from leaves(inner)
    else:
        yield value


@given(st.dictionaries(st.text(), JSON, max_size=6) | JSON)
def test_any_json_the_log_may_hold_is_shown_escaped_with_every_value(changes):
    shown = audit_changes(changes)
    assert isinstance(shown, Markup)
    text = str(shown)
    # The only markup is the line break between fields: whatever was recorded is escaped.
    assert "<" not in text.replace("<br>", "")
    for leaf in leaves(changes):
        if isinstance(leaf, str) and leaf.strip():
            assert str(escape(leaf.replace("_", " "))) in text or str(escape(leaf)) in text
        elif isinstance(leaf, int | float) and not isinstance(leaf, bool):
            assert str(leaf) in text
