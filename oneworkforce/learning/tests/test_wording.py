"""The inclusive-language check: what it flags, what it leaves alone, the rules file's errors."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.learning.catalogue.wording import (
    RulesError,
    WordingWarning,
    check,
    check_fields,
    load_rules,
    rules_from_toml,
)

NEUTRAL = [
    "Open to anyone who works or volunteers in health and care across the partnership.",
    "Experienced practitioners or team leaders (for example NHS band 6 to 7, deputy manager in "
    "social care).",
    "A half-day session on the ward for care workers, nurses and support workers.",
    "Counts towards your CPD. Bring your DBS certificate number if you have one.",
    "Temporary or bank staff are welcome; book your place here.",
    "Covers mast cell disorders and the husband's role as a carer.",
    "Statutory and mandatory training for everyone, whatever their role or level.",
    "Agree the time with your manager, then book here; completion goes on your learning record.",
]


def ids(text: str) -> list[str]:
    return [w.rule_id for w in check(text)]


def matched(text: str) -> list[tuple[str, str]]:
    return [(w.rule_id, w.matched) for w in check(text)]


def ids_with(text: str, rules) -> list[str]:
    return [w.rule_id for w in check(text, rules)]


@pytest.mark.parametrize("text", NEUTRAL)
def test_it_stays_quiet_on_neutral_wording(text):
    assert check(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Suitable for Band 5 nurses.", "Band 5"),
        ("Open to band 6+ staff.", "band 6+"),
        ("Aimed at Bands 2-4.", "Bands 2-4"),
        ("For AfC band 7 and above", "AfC band 7 and above"),
        ("Band 5 and above only", "Band 5 and above"),
        ("Ideal for band 6s and 7s", "band 6s and 7s"),
        ("Bands 8a to 8c", "Bands 8a to 8c"),
    ],
)
def test_it_flags_bare_nhs_pay_bands(text, expected):
    assert matched(text) == [("nhs-pay-band", expected)]


def test_it_flags_agenda_for_change_and_all_bands():
    assert matched("Staff on Agenda for Change terms, all bands welcome") == [
        ("agenda-for-change", "Agenda for Change terms"),
        ("all-pay-bands", "all bands"),
    ]
    assert ids("Your Agenda for Change band decides the level") == ["agenda-for-change"]


def test_it_leaves_other_kinds_of_band_alone():
    assert check("Age band 5 to 10 years; the husband 5 times; Leeds AFC") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Trust staff only.", "Trust staff only"),
        ("This course is for trust employees.", "for trust employees"),
        ("NHS staff only - sorry!", "NHS staff only"),
        ("Open to trust staff only", "Open to trust staff only"),
        ("Restricted to our Trust colleagues.", "Restricted to our Trust colleagues"),
    ],
)
def test_it_flags_courses_closed_to_one_employer(text, expected):
    assert matched(text) == [("nhs-staff-only", expected)]


def test_it_does_not_flag_nhs_staff_named_alongside_other_sectors():
    assert check("Open to NHS staff and social care staff, and to volunteers.") == []
    assert check("Many NHS staff and care workers find this useful.") == []


@pytest.mark.parametrize(
    "text,rule,expected",
    [
        ("Your line manager must sign off via ESR.", "esr-route", "sign off via ESR"),
        (
            "Book through the Electronic Staff Record.",
            "esr-route",
            "Book through the Electronic Staff Record",
        ),
        ("Ask the L&D department for a code.", "l-and-d-department", "the L&D department"),
        ("Open to bank staff.", "bank-staff", "bank staff"),
        ("Ask the staff bank office.", "bank-staff", "staff bank"),
        ("Report it on Datix afterwards.", "datix", "Datix"),
        ("Slides are on the Trust intranet.", "intranet", "the Trust intranet"),
        ("Use your NHSmail address to sign up.", "nhs-mail", "NHSmail address"),
        ("Bring your NHS smartcard.", "smartcard", "NHS smartcard"),
        ("Substantive staff only.", "substantive-staff", "Substantive staff"),
    ],
)
def test_it_flags_nhs_only_systems_and_phrases(text, rule, expected):
    assert matched(text) == [(rule, expected)]


@pytest.mark.parametrize(
    "text,rule",
    [
        ("Completion is recorded in your ESR record.", "esr-route"),
        ("Record it in ESR", "esr-route"),
        ("For HCAs new to the role", "acronym-hca"),
        ("Meets CSTF learning outcomes", "acronym-cstf"),
        ("Counts towards your MAST compliance", "acronym-mast"),
        ("Annual StatMand update", "acronym-statmand"),
        ("stat & mand day", "acronym-statmand"),
        ("Run by the OD team", "acronym-od"),
        ("Funded by the ICB", "acronym-icb"),
        ("For staff in each PCN", "acronym-pcn"),
        ("For ARRS roles", "acronym-arrs"),
        ("0.6 WTE post holders", "acronym-wte"),
        ("Developed with HEE", "acronym-hee"),
        ("An NHSE programme", "acronym-nhse"),
        ("Identified in your TNA", "acronym-tna"),
        ("Mapped to KSF dimensions", "acronym-ksf"),
        ("Discuss it at your PDR", "acronym-pdr"),
        ("IG refresher", "acronym-ig"),
        ("Free on eLfH", "acronym-elfh"),
        ("Ask L&D", "acronym-l-and-d"),
    ],
)
def test_it_flags_nhs_only_acronyms(text, rule):
    assert ids(text) == [rule]


@pytest.mark.parametrize(
    "text",
    [
        "Uses the Electronic Staff Record (ESR). Log in to ESR to see your record.",
        "For healthcare assistants (HCAs) and care workers.",
        "The Core Skills Training Framework (CSTF) sets the outcomes.",
        "Your integrated care board (ICB) funds this.",
        "Each primary care network (PCN) may send two people.",
        "Training needs analysis (TNA) results.",
        "Information governance (IG) for everyone.",
        "Organisational development (OD) team.",
        "Mandatory and statutory training (MAST).",
        "Blood tests including ESR (erythrocyte sedimentation rate).",
    ],
)
def test_it_accepts_acronyms_spelled_out_in_the_same_text(text):
    assert check(text) == []


def test_short_acronyms_that_are_also_words_are_matched_by_case():
    assert check("The mast, the od one, and a big ig") == []
    assert ids("MAST and OD") == ["acronym-mast", "acronym-od"]


def test_it_matches_whole_words_only():
    assert check("Desrever ESRA hcase icbm datixes") == []


def test_a_finding_inside_a_wider_one_is_reported_once():
    # "ESR" alone would be an acronym warning; the wider "sign off via ESR" covers it.
    assert ids("Managers sign off via ESR") == ["esr-route"]
    # "AfC" inside the pay band, "L&D" inside the department.
    assert ids("AfC band 5") == ["nhs-pay-band"]
    assert ids("Contact the L&D dept") == ["l-and-d-department"]


def test_each_place_is_reported_once_and_in_order():
    text = "ESR, then HCA, then ESR again; Band 5 or band 6."
    warnings = check(text)
    assert [(w.rule_id, w.start) for w in warnings] == [
        ("acronym-esr", 0),
        ("acronym-hca", 10),
        ("acronym-esr", 20),
        ("nhs-pay-band", 31),
    ]
    assert warnings[-1].matched == "Band 5 or band 6"


def test_offsets_slice_back_to_the_matched_text():
    text = "Intro.\n\nFor Band 5 nurses and HCAs; book via ESR. Trust staff only."
    warnings = check(text)
    assert len(warnings) == 4
    for w in warnings:
        assert text[w.start : w.end] == w.matched


def test_a_warning_carries_the_rules_message_and_suggestion():
    (warning,) = check("Report incidents on Datix.")
    assert warning == WordingWarning(
        rule_id="datix",
        matched="Datix",
        start=20,
        end=25,
        message=warning.message,
        suggestion="Write 'your organisation's incident reporting system'.",
    )
    assert "social care" in warning.message


def test_every_suggestion_passes_the_check_itself():
    for rule in load_rules():
        assert check(rule.suggestion) == [], rule.id


def test_check_fields_maps_each_field_to_its_own_warnings():
    result = check_fields(
        {
            "title": "Moving and handling for Band 3",
            "summary": "Open to anyone who works or volunteers in health and care.",
            "eligibility": "Trust staff only. Ask your L&D department.",
            "notes": "",
        }
    )
    assert list(result) == ["title", "eligibility"]
    assert [w.rule_id for w in result["title"]] == ["nhs-pay-band"]
    assert [w.rule_id for w in result["eligibility"]] == ["nhs-staff-only", "l-and-d-department"]
    assert result["eligibility"][1].matched == "your L&D department"


def test_an_acronym_spelled_out_in_one_field_is_still_flagged_in_another():
    result = check_fields({"title": "ESR basics", "summary": "The Electronic Staff Record (ESR)."})
    assert list(result) == ["title"]


def test_the_packaged_rules_are_loaded_once():
    first, second = load_rules(), load_rules()
    assert first == second and first is not second
    assert all(a is b for a, b in zip(first, second, strict=True))
    assert len({rule.id for rule in first}) == len(first) >= 25


def test_custom_rules_can_be_passed_in():
    rules = rules_from_toml(
        """
        [[rule]]
        id = "widget"
        pattern = 'widgets?'
        message = "Only engineers say widget."
        suggestion = "Say 'part'."
        """
    )
    assert [w.matched for w in check("A widget and two Widgets; ESR", rules)] == [
        "widget",
        "Widgets",
    ]
    assert list(check_fields({"a": "widget", "b": "none"}, rules)) == ["a"]


def test_a_rules_file_on_disk_loads(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        "[[rule]]\nid = \"x\"\npattern = 'foo'\nunless = 'bar'\n"
        'message = "m"\nsuggestion = "s"\n',
        encoding="utf-8",
    )
    (rule,) = load_rules(path)
    assert rule.id == "x" and rule.unless is not None
    assert ids_with("foo", [rule]) == ["x"] and ids_with("foo bar", [rule]) == []


GOOD_RULE = """
[[rule]]
id = "first"
pattern = 'foo'
message = "m"
suggestion = "s"
"""


def problems(text: str) -> list[str]:
    with pytest.raises(RulesError) as caught:
        rules_from_toml(GOOD_RULE + text, source="wording.toml")
    assert str(caught.value).startswith("wording.toml: ")
    return caught.value.problems


def test_a_missing_key_is_named_with_its_rule():
    assert problems('[[rule]]\nid = "second"\npattern = \'bar\'\nmessage = "m"\n') == [
        "rule 2 ('second'): 'suggestion' is missing"
    ]


def test_a_bad_regular_expression_is_named_with_its_rule():
    (problem,) = problems(
        '[[rule]]\nid = "broken"\npattern = \'(ESR\'\nmessage = "m"\nsuggestion = "s"\n'
    )
    assert problem.startswith("rule 2 ('broken'): 'pattern' is not a valid regular expression")


def test_a_stray_closing_bracket_cannot_escape_the_whole_word_wrapper():
    (problem,) = problems(
        '[[rule]]\nid = "stray"\npattern = \'a)|(b\'\nmessage = "m"\nsuggestion = "s"\n'
    )
    assert "'pattern' is not a valid regular expression" in problem


def test_a_repeated_id_is_named():
    assert problems(
        '[[rule]]\nid = "first"\npattern = \'bar\'\nmessage = "m"\nsuggestion = "s"\n'
    ) == ["rule 2 ('first'): 'id' repeats the id of rule 1"]


@pytest.mark.parametrize(
    "body,expected",
    [
        (
            'id = "x"\npattern = \'a*\'\nmessage = "m"\nsuggestion = "s"',
            "rule 2 ('x'): 'pattern' must not match empty text",
        ),
        (
            'id = "x"\npattern = \'a\'\nmessage = ""\nsuggestion = "s"',
            "rule 2 ('x'): 'message' must be non-empty text",
        ),
        (
            'id = "x"\npattern = 3\nmessage = "m"\nsuggestion = "s"',
            "rule 2 ('x'): 'pattern' must be non-empty text",
        ),
        (
            'id = "X Y"\npattern = \'a\'\nmessage = "m"\nsuggestion = "s"',
            "rule 2 ('X Y'): 'id' must be lower-case",
        ),
        ('pattern = \'a\'\nmessage = "m"\nsuggestion = "s"', "rule 2: 'id' is missing"),
        (
            'id = "x"\npattern = \'a\'\nmessage = "m"\nsuggestion = "s"\nsugestion = "t"',
            "rule 2 ('x'): 'sugestion' is not a known key",
        ),
        (
            'id = "x"\npattern = \'a\'\nmessage = "m"\nsuggestion = "s"\nunless = \'[\'',
            "rule 2 ('x'): 'unless' is not a valid regular expression",
        ),
        (
            'id = "x"\npattern = \'a\'\nmessage = "m"\nsuggestion = "s"\ncase_sensitive = "yes"',
            "rule 2 ('x'): 'case_sensitive' must be true or false",
        ),
    ],
)
def test_other_mistakes_are_named_with_rule_and_key(body, expected):
    found = problems("[[rule]]\n" + body + "\n")
    assert len(found) == 1 and found[0].startswith(expected)


def test_every_problem_is_reported_at_once():
    found = problems('[[rule]]\nid = "first"\npattern = \'(\'\n\n[[rule]]\nid = "third"\n')
    assert len(found) == 7
    assert "rule 2 ('first'): 'id' repeats the id of rule 1" in found
    assert "rule 3 ('third'): 'pattern' is missing" in found


def test_broken_toml_and_wrong_shapes_are_reported():
    with pytest.raises(RulesError, match="is not valid TOML"):
        rules_from_toml("[[rule]\nid=")
    with pytest.raises(RulesError, match=r"'rule' must be written as \[\[rule\]\] tables"):
        rules_from_toml('rule = "x"')
    with pytest.raises(RulesError, match="unknown top-level key 'rules'"):
        rules_from_toml(GOOD_RULE + '\n[[rules]]\nid = "y"\n')


def test_an_unreadable_file_is_reported_by_name(tmp_path):
    with pytest.raises(RulesError, match=r"^missing\.toml: cannot be read"):
        load_rules(tmp_path / "missing.toml")


def test_it_is_fast_enough_to_run_on_every_save():
    listing = {
        "title": "Moving and handling refresher for Band 5 and above",
        "summary": "Practical session for HCAs and care workers. " * 40,
        "eligibility": "Open to anyone who works or volunteers in health and care. " * 40,
    }
    check_fields(listing)
    started = time.perf_counter()
    for _ in range(20):
        check_fields(listing)
    # About a millisecond on a laptop; the bound only catches a pathological pattern.
    assert (time.perf_counter() - started) / 20 < 0.25


FRAGMENTS = st.sampled_from(
    [
        "Band 5",
        "bands 2-4",
        " and above",
        "ESR",
        "Electronic Staff Record",
        "via ",
        "trust staff only",
        "for NHS staff",
        " and ",
        "L&D",
        " department",
        "bank staff",
        "temporary or ",
        "Datix",
        "HCA",
        "İ",
        "ß",
        "\u00a0",
        "\u2019s",
        "+",
        "-",
        " ",
    ]
)


@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=30).map("".join))
def test_check_never_raises_and_offsets_always_slice_back(text):
    warnings = check(text)
    for w in warnings:
        assert 0 <= w.start < w.end <= len(text)
        assert text[w.start : w.end] == w.matched
    starts = [w.start for w in warnings]
    assert starts == sorted(starts)
    spans = {(w.start, w.end) for w in warnings}
    assert len(spans) == len(warnings)
    for a in warnings:
        for b in warnings:
            # no finding sits wholly inside another one
            assert a is b or not (b.start <= a.start and a.end <= b.end)
