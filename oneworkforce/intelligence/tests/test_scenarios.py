"""Scenarios in the web app: built from the imported figures, changed by planners, projected
with common random numbers, warned about destabilisation, and reproduced by the CLI."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest
from django.core.cache import cache
from django.db import connection

from oneworkforce.core import cli
from oneworkforce.core.models import AuditEvent
from oneworkforce.intelligence import projection
from oneworkforce.intelligence.models import PopulationProjection, Scenario, SocialCareWorkforce
from oneworkforce.intelligence.scenarios import backtests, crosswalk
from oneworkforce.intelligence.scenarios import selectors as scenarios
from oneworkforce.intelligence.statistics import services as importing
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests.factories import OrganisationFactory, PlaceFactory

from .local_factories import SocialCareWorkforceFactory
from .shared_data import TURNOVER

PERIOD = dt.date(2025, 10, 1)


@pytest.fixture
def partnership(db, partnership_admin):
    importing.import_file("turnover", TURNOVER)
    leeds = OrganisationFactory(name="Leeds Teaching Hospitals", ods_code="RR8", sector="nhs_acute")
    care = OrganisationFactory(name="Brightpath Home Care", sector=Sector.ADULT_SOCIAL_CARE)
    pcn = OrganisationFactory(name="Millbrook PCN", sector=Sector.PCN)
    SocialCareWorkforce.objects.create(
        organisation=care,
        period_start=dt.date(2025, 9, 1),
        job_role="Care worker",
        headcount=200,
        fte=Decimal("160"),
        leavers_last_12_months=60,
        starters_last_12_months=66,
        vacancies=10,
    )
    scenario = Scenario.objects.create(
        name="Care coordinators",
        slug="care-coordinators",
        base_period=PERIOD,
        runs=300,
        horizon_years=5,
        created_by=partnership_admin,
    )
    scenario.organisations.set([leeds, care])
    return {"leeds": leeds, "care": care, "pcn": pcn, "scenario": scenario}


def _import_a_later_period(tmp_path) -> None:
    """A second period, as a later release would bring (here, the same figures a month on)."""
    lines = TURNOVER.read_text(encoding="utf-8-sig").splitlines()
    later = [lines[0]] + [
        line.replace("202510 to 202511", "202511 to 202512") for line in lines[1:]
    ]
    path = tmp_path / "later.csv"
    path.write_text("\n".join(later) + "\n", encoding="utf-8")
    importing.import_file("turnover", path)


def _new_role(pcn, per_month=6.0, share=0.6):
    return {
        "kind": "new_role",
        "name": "Care coordinators",
        "cell": f"{pcn.slug}/Care coordinator",
        "per_month": per_month,
        "sources": [{"where": {"staff_groups": ["Care worker"]}, "share": share}],
        "start_month": 0,
        "new_cell": {"organisation": pcn.pk, "staff_group": "Care coordinator"},
    }


def test_cells_come_from_the_partners_figures(partnership):
    built = scenarios.to_engine(partnership["scenario"])
    groups = {c.staff_group for c in built.cells if c.org == "RR8"}
    assert "All staff groups" not in groups and "Nurses & health visitors" in groups
    assert built.start == "2025-11"  # stocks at the end of the published month
    nurses = next(c for c in built.cells if c.id == "RR8/Nurses & health visitors")
    from oneworkforce.intelligence.models import TurnoverFigure

    figure = TurnoverFigure.objects.get(org_code="RR8", staff_group="Nurses & health visitors")
    monthly = figure.leavers_hc / ((figure.hc_start + figure.hc_end) / 2)
    assert nurses.leaver_rate == pytest.approx(projection.annual_rate(monthly), abs=1e-6)
    assert nurses.headcount == figure.hc_end and nurses.joiners_per_month == figure.joiners_hc
    assert nurses.sector == "NHS trusts" and "Turnover benchmarking" in nurses.source
    care = next(c for c in built.cells if c.staff_group == "Care worker")
    assert care.leaver_rate == pytest.approx(0.3)
    assert care.joiners_per_month == pytest.approx(5.5)
    assert care.establishment_fte == pytest.approx(168)  # 160 FTE + 10 vacancies at 0.8 FTE


def test_cells_recruit_toward_vacancies_within_a_labour_market_the_figures_bound(partnership):
    scenario = partnership["scenario"]
    built = scenarios.to_engine(scenario)
    assert built.recruitment is not None and built.recruitment.fill_rate == pytest.approx(0.2)
    markets = {s.name: s for s in built.recruitment.sources}
    care = markets["Labour market: Care worker"]
    assert care.where.staff_groups == ("Care worker",)
    assert care.per_month == pytest.approx(5.5 * 1.5)  # 66 starters a year, 150 %
    result = projection.project(built, runs=0)
    total = result.group("total")
    supply, demand = result.bands(total).mean, result.demand(total)
    # Supply follows demand rather than growing without limit, and never passes it.
    assert np.all(supply <= demand + 1e-6)
    assert supply[-1] / demand[-1] > 0.9
    care_group = result.group("staff_group", "Care worker")
    # 8.25 recruits a month at most against about 6 leavers: the market limit does not bind,
    # and the open share settles where a fifth of open posts filled a month leaves it.
    p, growth = projection.monthly_probability(0.3), 1.01 ** (1 / 12) - 1
    steady = 0.8 * (growth + p) / (1 + growth - 0.8 * (1 - p))
    assert result.gap(care_group).share[-1] == pytest.approx(steady, abs=0.005)
    scenario.recruitment = "fixed"
    fixed = scenarios.to_engine(scenario)
    assert fixed.recruitment is not None and not fixed.recruitment.answers_vacancies
    scenario.recruitment, scenario.market_limit = "vacancies", Decimal(0)
    starved = projection.project(scenarios.to_engine(scenario), runs=0)
    assert starved.bands(starved.group("total")).mean[-1] < supply[-1] * 0.8


def test_leaver_rates_carry_the_partners_spread_and_the_page_ranks_what_matters(
    partnership, client
):
    others = [
        OrganisationFactory(name=name, ods_code=code, sector="nhs_acute")
        for name, code in (("Bradford", "RAE"), ("Airedale", "RCF"), ("Harrogate", "RCD"))
    ]
    scenario = partnership["scenario"]
    scenario.organisations.add(*others)
    built = scenarios.to_engine(scenario)
    doubt = {item.name: item for item in built.uncertainty}
    nurses = doubt["Leaver rate: Nurses & health visitors"]
    assert nurses.parameter == "leaver_rate" and nurses.probability == 0.8
    assert nurses.point == pytest.approx(1.0) and 0 < nurses.low < 1 < nurses.high
    assert nurses.where.staff_groups == ("Nurses & health visitors",)
    assert "Spread of 4 partners' leaver rates" in nurses.source
    assert "Leaver rate: Care worker" not in doubt  # one partner reports care workers
    # Centred on the figures: the expected values are those without the intervals.
    plain = projection.project(replace(built, uncertainty=()), runs=0)
    centred = projection.project(built, runs=0)
    np.testing.assert_array_equal(plain.raw.cells, centred.raw.cells)
    client.force_login(scenario.created_by)
    view = client.get(scenario.get_absolute_url()).context["view"]
    ranked = view["sensitivity"]["rows"]
    assert {row["label"] for row in ranked} == set(doubt)
    assert [row["swing"] for row in ranked] == sorted((r["swing"] for r in ranked), reverse=True)
    assert ranked[0]["swing"] > 0 and "x the figures" in ranked[0]["interval"]
    scenario.leaver_doubt = False
    assert scenarios.to_engine(scenario).uncertainty == ()


def test_population_projections_drive_demand(partnership):
    place = PlaceFactory()
    for year, (young, old) in enumerate([(100, 50), (100, 60)], start=2026):
        PopulationProjection.objects.create(place=place, year=year, age_band="18-64", people=young)
        PopulationProjection.objects.create(place=place, year=year, age_band="65-74", people=old)
    scenario = partnership["scenario"]
    scenario.population_place = place
    scenario.population_ages = "65+"
    (driver,) = scenarios.to_engine(scenario).demand.drivers
    assert [b.band for b in driver.age_bands] == ["65-74"]
    assert driver.years == (2026, 2027)
    scenario.population_ages = ""
    (everyone,) = scenarios.to_engine(scenario).demand.drivers
    assert [b.weight for b in everyone.age_bands] == [100, 50]


def test_a_new_role_drawing_care_workers_warns_of_destabilisation(partnership, client):
    scenario = partnership["scenario"]
    scenario.interventions = [_new_role(partnership["pcn"])]
    scenario.save()
    client.force_login(scenario.created_by)
    response = client.get(scenario.get_absolute_url())
    assert response.status_code == 200
    view = response.context["view"]
    assert any("Adult social care" in w for w in view["warnings"]), view["warnings"]
    assert b"Destabilisation warning" in response.content
    sources = {row["source"]: row["people"] for row in view["role_sources"]}
    assert sources["Outside the partnership's workforce"] > 0
    care_label = next(k for k in sources if "Care worker" in k)
    assert sources[care_label] == pytest.approx(
        1.5 * sources["Outside the partnership's workforce"], rel=0.25
    )
    assert view["compared"]


def test_a_retention_change_lowers_the_gap_and_warns_nobody(partnership, client):
    scenario = partnership["scenario"]
    scenario.interventions = [
        {
            "kind": "leaver_rate",
            "name": "Retention",
            "percentage_points": -3.0,
            "where": {"staff_groups": ["Nurses & health visitors"]},
            "start_month": 0,
        }
    ]
    scenario.save()
    client.force_login(scenario.created_by)
    view = client.get(scenario.get_absolute_url()).context["view"]
    assert view["warnings"] == []
    nurses = next(r for r in view["gap_rows"] if r["label"] == "Nurses & health visitors")
    assert nurses["gap"] < nurses["baseline_gap"]


def test_a_page_view_reads_the_stored_projection_until_what_is_projected_changes(
    partnership, client
):
    scenario = partnership["scenario"]
    client.force_login(scenario.created_by)
    url = scenario.get_absolute_url()
    first = client.get(url).context["view"]
    figures = scenarios.page(scenario, "total")
    assert figures["view"]["year_rows"] == first["year_rows"]
    # Mark what is stored: the next view shows the mark, so it was not projected again.
    variant, base = scenarios.engines_of(scenario)
    stored = [k for k in _cache_keys() if k.endswith(".choices")]
    assert len(stored) == 1
    view_key = next(k for k in _cache_keys() if not k.endswith(".choices"))
    marked = cache.get(view_key)
    marked["runs"] = 424242
    cache.set(view_key, marked)
    assert client.get(url).context["view"]["runs"] == 424242
    # A group that is not offered shows everyone's figures, and stores nothing new.
    odd = client.get(url, {"group": "org:NOT-A-PARTNER"})
    assert odd.context["view"]["runs"] == 424242
    assert len(_cache_keys()) == 2
    # Another seed is another projection: projected afresh, not the stored figures.
    scenario.seed = 8
    scenario.save()
    again = client.get(url).context["view"]
    assert again["runs"] == scenario.runs and len(_cache_keys()) == 4
    assert variant != scenarios.engines_of(scenario)[0] and base is None


def test_stored_figures_that_cannot_be_read_back_are_projected_afresh(partnership, client):
    scenario = partnership["scenario"]
    client.force_login(scenario.created_by)
    url = scenario.get_absolute_url()
    first = client.get(url).context["view"]
    # As if an older release had stored them: a pickle naming a class that no longer exists.
    unreadable = base64.b64encode(b"cos\nNoSuchChart\n.").decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE oneworkforce_cache SET value = %s", [unreadable])
    again = client.get(url)
    assert again.status_code == 200
    assert again.context["view"]["year_rows"] == first["year_rows"]


def test_figures_stored_by_another_version_of_the_engine_are_not_shown(
    partnership, client, monkeypatch
):
    scenario = partnership["scenario"]
    client.force_login(scenario.created_by)
    url = scenario.get_absolute_url()
    client.get(url)
    view_key = next(k for k in _cache_keys() if not k.endswith(".choices"))
    assert f".{scenarios.engine_digest()}." in view_key
    marked = cache.get(view_key)
    marked["runs"] = 424242
    cache.set(view_key, marked)
    # A release whose engine differs reads none of it: the page is projected afresh.
    monkeypatch.setattr(scenarios, "engine_digest", lambda: "another-engine")
    assert client.get(url).context["view"]["runs"] == scenario.runs
    assert len(_cache_keys()) == 4


def _cache_keys() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM oneworkforce_cache")
        return [row[0].split(":", 2)[-1] for row in cursor.fetchall()]


def test_the_command_line_reproduces_the_pages_figures(partnership, client, tmp_path, capsys):
    scenario = partnership["scenario"]
    scenario.interventions = [_new_role(partnership["pcn"])]
    scenario.save()
    client.force_login(scenario.created_by)
    toml = client.get(f"{scenario.get_absolute_url()}scenario.toml")
    web_csv = client.get(f"{scenario.get_absolute_url()}results.csv").content.decode()
    path = tmp_path / "scenario.toml"
    path.write_bytes(toml.content)
    out = tmp_path / "out.csv"
    assert cli.main(["project", str(path), "--out", str(out)]) == 0
    assert out.read_text() == web_csv
    assert "Care coordinator" in capsys.readouterr().out


def test_planners_add_and_remove_changes_with_an_audit_trail(partnership, client):
    scenario = partnership["scenario"]
    client.force_login(scenario.created_by)
    url = f"{scenario.get_absolute_url()}interventions/?type=new_role"
    role = {
        "name": "Coordinators",
        "start_month": "0",
        "organisation": str(partnership["pcn"].pk),
        "job_role": "Care coordinator",
        "per_month": "4",
        "source_1_group": "Care worker",
    }
    bad = client.post(
        url,
        {
            **role,
            "source_1_share": "70",
            "source_2_group": "Nurses & health visitors",
            "source_2_share": "50",
        },
    )
    assert "The shares add up to more than 100%" in bad.context["form"].errors["source_1_share"]
    good = client.post(url, {**role, "source_1_share": "50"})
    assert good.status_code == 302
    scenario.refresh_from_db()
    (item,) = scenario.interventions
    assert item["cell"] == f"{partnership['pcn'].slug}/Care coordinator"
    assert item["sources"] == [{"where": {"staff_groups": ["Care worker"]}, "share": 0.5}]
    late = client.post(
        f"{scenario.get_absolute_url()}interventions/?type=leaver_rate",
        {
            "name": "Late",
            "start_month": "999",
            "percentage_points": "-1",
            "staff_groups": ["Midwives"],
        },
    )
    assert "Enter a month up to 60" in late.context["form"].errors["start_month"]
    removed = client.post(f"{scenario.get_absolute_url()}interventions/0/remove/")
    assert removed.status_code == 302
    scenario.refresh_from_db()
    assert scenario.interventions == []
    actions = list(
        AuditEvent.objects.filter(object_id=str(scenario.pk)).values_list("action", flat=True)
    )
    assert actions.count("intelligence.scenario_interventions") == 2


def test_setting_up_a_scenario_checks_its_fields(partnership, client):
    client.force_login(partnership["scenario"].created_by)
    page = client.get("/intelligence/scenarios/new/")
    offered = set(page.context["form"].fields["organisations"].queryset)
    assert {partnership["leeds"], partnership["care"]} <= offered
    assert partnership["pcn"] not in offered  # no figures to project
    bad = client.post(
        "/intelligence/scenarios/new/",
        {"name": "", "base_period": "1999-01-01", "horizon_years": "40", "runs": "9000"},
    )
    errors = bad.context["form"].errors
    assert errors["name"] == ["Enter a name"]
    assert errors["horizon_years"] == ["Enter between 1 and 15 years"]
    assert "Enter between 0 and 5,000 runs" in errors["runs"][0]
    assert "base_period" in errors and "organisations" in errors
    limits = (
        client.post(
            "/intelligence/scenarios/new/",
            {"recruitment": "always", "fill_rate": "0", "market_limit": "5000"},
        )
        .context["form"]
        .errors
    )
    assert "Select a valid choice" in limits["recruitment"][0]
    assert limits["fill_rate"] == ["Enter between 1 and 100 per cent of open posts"]
    assert limits["market_limit"] == [
        "Enter between 0 and 1,000 per cent of the joiners the figures show"
    ]
    good = client.post(
        "/intelligence/scenarios/new/",
        {
            "name": "Baseline",
            "base_period": PERIOD.isoformat(),
            "organisations": [str(partnership["leeds"].pk)],
            "horizon_years": "10",
            "runs": "200",
            "seed": "7",
            "demand_growth": "1.5",
            "destabilisation_threshold": "2",
            "recruitment": "vacancies",
            "fill_rate": "20",
            "market_limit": "150",
            "shared": "on",
        },
    )
    assert good.status_code == 302
    created = Scenario.objects.get(name="Baseline")
    assert created.slug == "baseline" and list(created.organisations.all()) == [
        partnership["leeds"]
    ]
    assert AuditEvent.objects.filter(action="intelligence.scenario_created").exists()
    page = client.get(created.get_absolute_url())
    assert page.status_code == 200 and not page.context["view"]["compared"]


def test_comparing_scenarios_uses_the_first_ones_random_numbers(partnership, client):
    first = partnership["scenario"]
    second = Scenario.objects.create(
        name="With coordinators",
        slug="with-coordinators",
        base_period=PERIOD,
        runs=300,
        horizon_years=5,
        interventions=[_new_role(partnership["pcn"])],
    )
    second.organisations.set(first.organisations.all())
    client.force_login(first.created_by)
    response = client.get(
        "/intelligence/scenarios/compare/?s=care-coordinators&s=with-coordinators"
    )
    columns = response.context["columns"]
    assert [c["scenario"] for c in columns] == [first, second]
    assert columns[1]["warnings"] and not columns[0]["warnings"]
    same = [g for g in columns[0]["gaps"] if "Nurses" in g]
    assert columns[0]["gaps"][same[0]] == pytest.approx(columns[1]["gaps"][same[0]])
    one = client.get("/intelligence/scenarios/compare/?s=care-coordinators")
    assert one.context["problem"] == "Tick at least two scenarios."


def test_private_scenarios_are_hidden_from_others(partnership, client, learner):
    scenario = partnership["scenario"]
    scenario.shared = False
    scenario.save()
    client.force_login(learner)
    assert client.get(scenario.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/intelligence/scenarios").json() == []


def test_the_api_projects_a_scenario_file(partnership, client, learner):
    client.force_login(learner)
    text = projection.dump_scenario(scenarios.to_engine(partnership["scenario"]))
    data = client.post(
        "/api/v1/intelligence/project",
        {"scenario": text, "runs": 0},
        content_type="application/json",
    ).json()
    total = next(g for g in data["groups"] if g["dimension"] == "total")
    assert total["supply_fte_p50"][0] == pytest.approx(total["supply_fte_p5"][0])
    bad = client.post(
        "/api/v1/intelligence/project",
        {"scenario": "[scenario]\nname = 1\n"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "body.scenario"


def test_the_back_test_projects_from_the_earlier_period_and_measures_the_error(
    partnership, tmp_path
):
    _import_a_later_period(tmp_path)

    (result,) = backtests.backtest(partnership["scenario"])  # one month of care figures
    assert (result["from_label"], result["to_label"]) == ("October 2025", "November 2025")
    # One month on from the same stocks with the month's own flows: the projection moves the
    # stock by joiners - leavers, while the "observed" copy did not move at all.
    assert result["mae"] > 0
    assert result["mape"] < 0.05
    nurses = next(g for g in result["groups"] if g.staff_group == "Nurses & health visitors")
    assert nurses.cells == 1 and nurses.error == pytest.approx(nurses.mae)


def test_the_back_test_of_job_roles_runs_from_the_earliest_month_of_partners_figures(
    partnership, client
):
    care = partnership["care"]
    # Six months after the September count, 194 care workers: 200 x (1 - m)^6 + joiners.
    SocialCareWorkforceFactory(organisation=care, period_start=dt.date(2026, 3, 1), headcount=194)
    scenario = partnership["scenario"]
    scenario.recruitment = "fixed"
    (result,) = backtests.backtest(scenario)
    assert (result["from_label"], result["to_label"]) == ("September 2025", "March 2026")
    (group,) = result["groups"]
    m = projection.monthly_probability(0.3)
    expected = 200 * (1 - m) ** 6 + 5.5 * (1 - (1 - m) ** 6) / m
    assert group.staff_group == "Care worker" and group.observed == 194
    assert group.projected == pytest.approx(expected, rel=1e-9)
    client.force_login(scenario.created_by)
    scenario.save()
    view = client.get(scenario.get_absolute_url()).context["view"]
    (shown,) = view["backtests"]
    assert shown["rows"][0]["label"] == "Care worker" and shown["chart"].bars


def test_a_cell_can_be_chosen_on_the_scenario_page(partnership, client):
    scenario = partnership["scenario"]
    client.force_login(scenario.created_by)
    response = client.get(
        scenario.get_absolute_url(), {"group": "cell:RR8/Nurses & health visitors"}
    )
    assert response.context["view"]["group_label"].endswith("Nurses & health visitors")


def test_an_organisation_page_shows_its_leaver_rate_period_by_period(partnership, client, tmp_path):
    _import_a_later_period(tmp_path)
    response = client.get("/intelligence/organisations/RR8/")
    rows = response.context["turnover_trend_rows"]
    assert [r["month"] for r in rows] == [PERIOD, dt.date(2025, 11, 1)]
    assert rows[0]["comparison"].value == pytest.approx(rows[1]["comparison"].value)
    assert b"Leaver rate period by period" in response.content


# Every sector: partners' figures by job role, and the crosswalk ------------------------------

SUPPORT = "Support to doctors, nurses & midwives"
CARE = "Adult social care"


def test_the_shipped_crosswalk_reads_and_names_nhs_staff_groups_with_sources():
    rows = crosswalk.shipped()
    roles = {row.job_role: row for row in rows}
    assert roles["Care worker"].staff_group == SUPPORT
    assert roles["Clinical pharmacist"].staff_group == "Scientific, therapeutic & technical staff"
    assert all(row.staff_group in crosswalk.NHS_STAFF_GROUPS and row.source for row in rows)


def test_a_bad_crosswalk_file_names_each_line_and_column():
    content = (
        b"job_role,staff_group,annual_rate,source\n"
        b"Care worker,Support to doctors, nurses & midwives,,x\n"
        b'Carer,"Support to doctors, nurses & midwives",0.5,Skills for Care\n'
        b'carer ,"Carers",2,\n'
    )
    with pytest.raises(crosswalk.FileError) as raised:
        crosswalk.read(content, "crosswalk.csv")
    messages = raised.value.messages
    assert messages[0] == "line 2: has 5 values, but the header has 4"
    assert messages[1] == "line 4, column job_role: repeats line 3 ('carer')"
    assert messages[2].startswith("line 4, column staff_group: 'Carers' is not one of NHS")
    assert messages[3].startswith("line 4, column annual_rate: '2' is not a fraction")
    assert messages[4].startswith("line 4, column source: is empty")


def test_primary_care_and_voluntary_figures_are_cells_the_crosswalk_counts_across_sectors(
    partnership,
):
    practice = OrganisationFactory(name="Canal Side Health Centre", sector=Sector.GP_PRACTICE)
    for role, headcount in (("Practice nurse", 8), ("Healthcare Assistant", 5)):
        SocialCareWorkforce.objects.create(
            organisation=practice,
            period_start=dt.date(2025, 9, 1),
            job_role=role,
            headcount=headcount,
            fte=Decimal(headcount) * Decimal("0.8"),
            leavers_last_12_months=1,
        )
    scenario = partnership["scenario"]
    scenario.organisations.add(practice)
    built = scenarios.to_engine(scenario)
    nurse = next(c for c in built.cells if c.staff_group == "Practice nurse")
    assert nurse.sector == "Primary care" and "workforce by job role" in nurse.source
    mapped = {m.job_role: m for m in built.crosswalk}
    assert mapped["Practice nurse"].staff_group == "Nurses & health visitors"
    assert mapped["Healthcare Assistant"].staff_group == SUPPORT  # spelled as the partner does
    assert mapped["Care worker"].staff_group == SUPPORT and "Skills for Care" in (
        mapped["Care worker"].source
    )
    chosen = projection.Where(staff_groups=(SUPPORT,)).select(built.cells)
    assert {built.cells[i].org for i in chosen} >= {"RR8", practice.slug}
    # The NHS staff group's labour market stays its own: the care roles keep theirs.
    markets = {s.name: s for s in built.recruitment.sources}
    support_market = markets[f"Labour market: {SUPPORT}"]
    assert {c.split("/")[0] for c in support_market.where.cells} == {"RR8"}


def test_a_new_role_drawing_support_roles_in_care_warns_that_home_care_loses_staff(partnership):
    scenario = partnership["scenario"]
    role = _new_role(partnership["pcn"], per_month=6.0, share=0.6)
    role["sources"] = [{"where": {"staff_groups": [SUPPORT], "sectors": [CARE]}, "share": 0.6}]
    scenario.interventions = [role]
    scenario.runs = 0
    outcome = scenarios.run(scenario)
    care = next(
        w
        for w in outcome.warnings
        if w.startswith(f"Warning: this scenario shrinks the sector {CARE}.")
    )
    assert "Hardest hit: Brightpath Home Care (" in care
    # The warnings for the sector's job roles name the partners too.
    roles = [
        w
        for w in outcome.warnings
        if w.startswith(f"Warning: this scenario shrinks the sector and staff group {CARE} / ")
    ]
    assert roles and all("Hardest hit: Brightpath Home Care (" in w for w in roles)
