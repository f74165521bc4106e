"""Builders for the projection tests and benchmark: small scenarios, hypothesis strategies, and a
Vensim model equivalent to the engine's expected values (for the PySD comparison)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import strategies as st

from oneworkforce import published_data
from oneworkforce.intelligence.projection import (
    Cell,
    LeaverRateChange,
    NewRole,
    RoleSource,
    Scenario,
    ScenarioError,
    TrainingIntake,
    Transfer,
    Where,
    annual_rate,
    monthly_probability,
    scenario_from_text,
)

REPO = Path(__file__).resolve().parents[3]
TURNOVER = (
    published_data.DATA_DIR
    / published_data.TURNOVER_FOLDER
    / "Turnover benchmarking 2. Staff group and organisation, monthly, Nov-25.csv"
)
EXAMPLES = REPO / "docs" / "examples"


def cell(
    cell_id: str,
    headcount: float,
    leaver_rate: float = 0.12,
    joiners: float = 2.0,
    **extra: object,
) -> Cell:
    org, _, group = cell_id.partition("/")
    values: dict[str, object] = {
        "sector": "NHS trust",
        "place": "Leeds",
        "fte_per_head": 0.9,
        **extra,
    }
    return Cell(
        id=cell_id,
        org=org,
        staff_group=group or "Nurses",
        headcount=headcount,
        leaver_rate=leaver_rate,
        joiners_per_month=joiners,
        **values,  # type: ignore[arg-type]
    )


def scenario(*cells: Cell, **extra: object) -> Scenario:
    values: dict[str, object] = {"horizon_months": 36, "report_every_months": 12, "runs": 200}
    values.update(extra)
    return Scenario(name="Test", start="2025-11", cells=cells, **values)  # type: ignore[arg-type]


def coupled_scenario() -> Scenario:
    """Three trusts and a new primary care cell: transfers, a new role, training, a cut."""
    cells = (
        cell("T1/Nurses", 400, 0.10, 4, retirement_rate=0.02),
        cell("T1/Pharmacists", 60, 0.09, 0.6),
        cell("T2/Nurses", 250, 0.14, 2.5, sector="Acute", place="Bradford"),
        cell("T2/Pharmacists", 30, 0.12, 0.3, sector="Acute", place="Bradford"),
        cell("PCN/Pharmacists", 0, 0.10, 0.0, sector="Primary care"),
    )
    return scenario(
        *cells,
        transfers=(Transfer(Where(cells=("T2/Nurses",)), Where(cells=("T1/Nurses",)), 0.05),),
        interventions=(
            NewRole(
                "PCN/Pharmacists",
                1.5,
                (RoleSource(Where(staff_groups=("Pharmacists",), orgs=("T1", "T2")), 0.6),),
                target_headcount=25,
            ),
            TrainingIntake("T1/Nurses", 12, 18, attrition=0.25, cohort_months=(3, 9)),
            LeaverRateChange(-2.0, Where(staff_groups=("Nurses",)), start_month=6),
        ),
    )


def refusal(text: str) -> str:
    """The messages a scenario file is refused with, joined; each must name its file line."""
    try:
        scenario_from_text(text)
    except ScenarioError as error:
        message = "; ".join(error.messages)
        assert "(line " in message
        return message
    raise AssertionError("the scenario was not refused")


# --- hypothesis strategies --------------------------------------------------------------------

names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() != "")
rates = st.floats(0, 0.6, allow_nan=False)


@st.composite
def small_scenarios(draw: st.DrawFn, *, interventions: bool = True) -> Scenario:
    horizon = draw(st.integers(1, 30))
    count = draw(st.integers(1, 4))
    cells = []
    for i in range(count):
        cells.append(
            Cell(
                id=f"o{i % 2}/g{i}",
                org=f"o{i % 2}",
                staff_group=f"g{i}",
                headcount=float(draw(st.integers(0, 400))),
                leaver_rate=draw(rates),
                joiners_per_month=draw(st.floats(0, 8, allow_nan=False)),
                retirement_rate=draw(st.floats(0, 0.1, allow_nan=False)),
                fte_per_head=draw(st.floats(0.5, 1.0, allow_nan=False)),
                sector=draw(st.sampled_from(["Acute", "Primary care"])),
                place=f"p{i % 2}",
            )
        )
    transfers = []
    if count > 1 and draw(st.booleans()):
        transfers.append(
            Transfer(Where(cells=(cells[0].id,)), Where(cells=(cells[1].id,)), draw(rates))
        )
    extra = []
    if interventions and count > 1 and draw(st.booleans()):
        extra.append(
            NewRole(
                cells[-1].id,
                draw(st.floats(0, 5, allow_nan=False)),
                (RoleSource(Where(cells=(cells[0].id,)), draw(st.floats(0, 1))),),
                target_headcount=draw(st.none() | st.floats(0, 200)),
            )
        )
    if interventions and draw(st.booleans()):
        extra.append(
            TrainingIntake(
                cells[0].id,
                draw(st.integers(0, 40)),
                draw(st.integers(0, 24)),
                attrition=draw(st.floats(0, 1)),
            )
        )
    if interventions and draw(st.booleans()):
        extra.append(
            LeaverRateChange(draw(st.floats(-5, 5)), start_month=draw(st.integers(0, horizon)))
        )
    return Scenario(
        name="Generated",
        start="2025-11",
        cells=tuple(cells),
        horizon_months=horizon,
        report_every_months=min(horizon, draw(st.sampled_from([1, 5, 12]))),
        transfers=tuple(transfers),
        interventions=tuple(extra),
    )


# --- Vensim -----------------------------------------------------------------------------------


def _vensim_list(values: list[float]) -> str:
    return ", ".join(_eight(v) for v in values)


def _eight(value: float) -> str:
    """PySD keeps eight decimal places of a constant, so the model states no more."""
    return repr(round(float(value), 8))


def vensim_model(source: Scenario) -> tuple[str, Scenario]:
    """A Vensim model of the scenario's expected values — a subscripted stock per cell with
    leavers (monthly probability x stock), constant joiners and transfers, Euler steps of one
    month — and the scenario with its rates rounded the way the model states them (eight
    decimal places of each monthly probability), so both describe exactly the same model.
    Only scenarios without retirements, demand drivers or interventions."""
    if source.interventions or any(c.retirement_rate for c in source.cells):
        raise ValueError("the Vensim model covers leavers, joiners and transfers only")
    cells = source.cells
    names = [f"c{i}" for i in range(len(cells))]
    matrix = [[0.0] * len(cells) for _ in cells]
    for transfer in source.transfers:
        origin = transfer.origin.select(cells)
        destination = transfer.destination.select(cells)
        weights = [cells[d].headcount for d in destination]
        for o in origin:
            others = [(d, w) for d, w in zip(destination, weights, strict=True) if d != o]
            total = sum(w for _, w in others) or 1.0
            for d, w in others:
                matrix[o][d] += monthly_probability(transfer.annual_rate) * w / total
    matrix = [[float(_eight(v)) for v in row] for row in matrix]
    leave = [float(_eight(monthly_probability(c.leaver_rate))) for c in cells]
    equivalent = replace(
        source,
        cells=tuple(
            replace(
                c, leaver_rate=annual_rate(p), joiners_per_month=float(_eight(c.joiners_per_month))
            )
            for c, p in zip(cells, leave, strict=True)
        ),
        transfers=tuple(
            Transfer(Where(cells=(cells[o].id,)), Where(cells=(cells[d].id,)), annual_rate(v))
            for o, row in enumerate(matrix)
            for d, v in enumerate(row)
            if v
        ),
    )
    rows = ";\n\t".join(_vensim_list(row) for row in matrix)
    moves = " + transfers in[cell] - transfers out[cell]" if source.transfers else ""
    transfer_part = (
        f"""transfer probability[cell, dest]=
\t{rows};
\t~\t1/Month
\t~\t\t|

transfers out[cell]=
\tSUM(headcount[cell] * transfer probability[cell, dest!])
\t~\tpeople/Month
\t~\t\t|

transfers in[dest]=
\tSUM(headcount[cell!] * transfer probability[cell!, dest])
\t~\tpeople/Month
\t~\t\t|

"""
        if source.transfers
        else ""
    )
    text = f"""{{UTF-8}}
cell:
\t{", ".join(names)}
\t~\t
\t~\t\t|

dest <-> cell ~~|

headcount[cell]= INTEG (
\tjoiners[cell]{moves} - leavers[cell],
\t\tinitial headcount[cell])
\t~\tpeople
\t~\t\t|

initial headcount[cell]=
\t{_vensim_list([c.headcount for c in cells])}
\t~\tpeople
\t~\t\t|

leave probability[cell]=
\t{_vensim_list(leave)}
\t~\t1/Month
\t~\t\t|

joiners[cell]=
\t{_vensim_list([c.joiners_per_month for c in cells])}
\t~\tpeople/Month
\t~\t\t|

leavers[cell]=
\theadcount[cell] * leave probability[cell]
\t~\tpeople/Month
\t~\t\t|

{transfer_part}INITIAL TIME  = 0
\t~\tMonth
\t~\t\t|

FINAL TIME  = {source.horizon_months}
\t~\tMonth
\t~\t\t|

TIME STEP  = 1
\t~\tMonth
\t~\t\t|

SAVEPER  = {source.report_every_months}
\t~\tMonth
\t~\t\t|
"""
    return text, equivalent
