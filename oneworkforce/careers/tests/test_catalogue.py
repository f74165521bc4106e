"""The careers catalogue file: read and checked without Django."""

from __future__ import annotations

import pytest

from oneworkforce.careers.pathways.catalogue import (
    CatalogueError,
    catalogue_from_toml,
    load_catalogue,
)
from oneworkforce.partners.choices import JobFamily

PACKAGED_NEEDED = [
    "care-worker",
    "senior-care-worker",
    "healthcare-support-worker",
    "nursing-associate",
    "registered-nurse-adult",
    "registered-nurse-mental-health",
    "registered-nurse-learning-disability",
    "registered-nurse-children",
    "midwife",
    "social-worker",
    "occupational-therapist",
    "physiotherapist",
    "paramedic",
    "pharmacist",
    "pharmacy-technician",
    "social-prescribing-link-worker",
    "care-coordinator",
    "physician-associate",
    "gp-assistant",
    "receptionist",
    "administrator",
    "registered-manager",
    "activities-coordinator",
    "peer-support-worker",
    "volunteer",
]

SMALL = """
[settings]
care_home = "Care homes"
[routes]
no_qualifications = "No qualifications needed"
[sources]
own = "Our estimate"

[[role]]
code = "care-worker"
title = "Care worker"
stage = 1
job_family = "care_support"
work = "Helping people."
where = ["care_home"]
routes = ["no_qualifications"]
pay = [{ sector = "care_home", low = 12.21, high = 13, unit = "hour", source = "own" }]
next = []
learning = "care certificate"
"""


def test_the_packaged_catalogue_has_every_named_role_across_sectors():
    catalogue = load_catalogue(job_families=JobFamily.values)
    codes = {role.code for role in catalogue.roles}
    assert len(codes) >= 30
    assert set(PACKAGED_NEEDED) <= codes
    settings_used = {key for role in catalogue.roles for key in role.where}
    for setting in ("care_home", "home_care", "hospital", "gp_practice", "council", "voluntary"):
        assert setting in settings_used
    routes_used = {key for role in catalogue.roles for key in role.routes}
    assert set(catalogue.routes) == routes_used


def test_every_pay_range_names_its_source_and_every_paid_role_has_one():
    catalogue = load_catalogue()
    for role in catalogue.roles:
        if role.code != "volunteer":
            assert role.pay, role.code
        for pay in role.pay:
            assert pay.source in catalogue.sources
            assert 0 < pay.low <= pay.high


def test_the_care_worker_pathway_to_registered_nurse_is_there():
    catalogue = load_catalogue()
    steps = {pathway.steps for pathway in catalogue.pathways}
    assert (
        "care-worker",
        "senior-care-worker",
        "nursing-associate",
        "registered-nurse-adult",
    ) in steps
    assert "healthcare-support-worker" in catalogue.role("care-worker").next
    assert "care-coordinator" in catalogue.role("administrator").next


def test_a_local_file_adds_roles_that_may_lead_to_packaged_ones(tmp_path):
    local = tmp_path / "local.toml"
    local.write_text(
        SMALL.split("[[role]]")[1]
        .join(["[[role]]", ""])
        .replace('"care-worker"', '"bank-care-worker"')
        .replace("next = []", 'next = ["senior-care-worker"]')
        .replace('"care_home"', '"home_care"')
        .replace('"own"', '"local_estimate"'),
        encoding="utf-8",
    )
    catalogue = load_catalogue(local)
    role = catalogue.role("bank-care-worker")
    assert role is not None and role.local
    assert role in catalogue.leads_from("senior-care-worker")


def test_a_local_role_may_not_reuse_a_packaged_code(tmp_path):
    local = tmp_path / "local.toml"
    local.write_text(
        "[[role]]"
        + SMALL.split("[[role]]")[1]
        .replace('"care_home"', '"home_care"')
        .replace('"own"', '"local_estimate"'),
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(local)
    assert raised.value.problems == [
        "local.toml: role 1 ('care-worker'): 'code' repeats the code of roles.toml: role 1 "
        "('care-worker')"
    ]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("stage = 1", "stage = 7"), "'stage' must be one of 1, 2, 3, 4, not 7"),
        (('where = ["care_home"]', 'where = ["moon"]'), "'where' names 'moon'"),
        (("next = []", 'next = ["nobody"]'), "'next' names unknown role 'nobody'"),
        (("low = 12.21, high = 13", "low = 14, high = 13"), "'low' and 'high' must be"),
        (('unit = "hour"', 'unit = "week"'), "'unit' must be"),
        (('source = "own"', 'source = "rumour"'), "'source' must be a key of [sources]"),
        (('job_family = "care_support"', 'job_family = "wizard"'), "'wizard' is not one of"),
        (('title = "Care worker"', 'titel = "Care worker"'), "'titel' is not a known key"),
    ],
)
def test_each_fault_is_named_with_its_entry(change, problem):
    text = SMALL.replace(*change)
    with pytest.raises(CatalogueError) as raised:
        catalogue_from_toml(text, job_families=frozenset(JobFamily.values))
    assert any(problem in p for p in raised.value.problems), raised.value.problems


def test_a_file_that_is_not_toml_is_refused_with_its_name():
    with pytest.raises(CatalogueError) as raised:
        catalogue_from_toml("[[role]\n")
    assert raised.value.problems[0].startswith("roles.toml: is not valid TOML")


def test_a_pathway_must_name_known_roles():
    text = SMALL + '\n[[pathway]]\ntitle = "Up"\nsteps = ["care-worker", "astronaut"]\n'
    with pytest.raises(CatalogueError) as raised:
        catalogue_from_toml(text)
    assert raised.value.problems == [
        "roles.toml: pathway 1: 'steps' names unknown roles 'astronaut'"
    ]
