"""Demo decisions for the demo partnership: values, needs from the seven faculties with shared
themes, a dozen proposals through the values gate, a closed round with results and an open one.

Idempotent: records are keyed by their names, and rounds that exist are left as they are.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from oneworkforce.partners.choices import AffiliationStatus, Relationship, Role, Sector
from oneworkforce.partners.models import Affiliation, Faculty, Organisation, RoleGrant, User

from .initiatives import services as initiative_services
from .models import DecisionRound, Need, PartnershipValue, Proposal, Theme
from .proposals import services as proposal_services
from .rounds import services as round_services

VALUES = [
    ("Better done together", "Is this better done together than by one partner alone?"),
    (
        "Fair to every sector",
        "Does it help social care, primary care and the voluntary sector as well as the NHS?",
    ),
    ("Evidence of need", "Is the need shown by data or by the people affected?"),
    ("Measurable within a year", "Will we know within 12 months whether it works?"),
]

NEEDS = {
    "medical": [
        ("Too few GP trainers in deprived areas", "supervision capacity"),
        ("Junior doctors leave after foundation years", "retention"),
    ],
    "pharmacy": [
        ("Community pharmacies cannot recruit technicians", "recruitment from local communities"),
        ("Pharmacists pulled from trusts into new primary care roles", "retention"),
    ],
    "healthcare-science": [
        ("No clear route from apprentice to scientist", "career pathways"),
        ("Ageing workforce in diagnostics", "retention"),
    ],
    "nursing-and-midwifery": [
        ("Half of new nurses leave within two years", "retention"),
        ("Not enough practice supervisors", "supervision capacity"),
    ],
    "allied-health-professionals": [
        ("Few therapy placements in community settings", "supervision capacity"),
        ("Paramedics moving to primary care", "retention"),
    ],
    "social-care": [
        ("Care workers leave in their first year", "retention"),
        ("Local people do not see care as a career", "recruitment from local communities"),
    ],
    "vcse": [
        ("Volunteers lack basic digital skills", "digital skills"),
        ("No pathway from volunteering into paid roles", "career pathways"),
    ],
}

PROPOSALS = [
    ("Shared preceptorship for new starters in every sector", 240_000, True),
    ("Joint bank so staff can pick up shifts across partners", 310_000, True),
    ("Community recruitment days in the most deprived wards", 95_000, True),
    ("Practice supervisor training open to care homes and practices", 120_000, True),
    ("Apprenticeship pathway from healthcare assistant to scientist", 260_000, True),
    ("Mentoring scheme for care workers in their first year", 85_000, True),
    ("Digital skills for volunteers and care staff", 60_000, True),
    ("Volunteer-to-career programme with guaranteed interviews", 150_000, True),
    ("Rotational posts for pharmacists across trusts and practices", 280_000, True),
    ("Leadership programme for first-line managers in every sector", 190_000, True),
    ("New hospital simulation suite", 450_000, False),
    ("Recruitment campaign for one trust's theatre staff", 70_000, False),
    # Left in review, with one reviewer so far: the faculty leads' home shows it.
    ("Shared induction for international recruits in every sector", 130_000, None),
]

# Invented faculty leads who review proposals: from different sectors, and from none of the
# proposing partners, as the values gate needs.
REVIEWERS = [
    ("reviewer-council", "Amara Nwosu", "allied-health-professionals", Sector.LOCAL_AUTHORITY),
    ("reviewer-care", "Tomasz Nowak", "social-care", Sector.ADULT_SOCIAL_CARE),
]


def _reviewers() -> list[User]:
    """The invented reviewers, each a faculty lead confirmed as working for a partner."""
    people = []
    for key, name, faculty_slug, sector in REVIEWERS:
        organisation = Organisation.objects.active().filter(sector=sector).order_by("name").first()
        faculty = Faculty.objects.filter(slug=faculty_slug).first() or Faculty.objects.first()
        user, _ = User.objects.get_or_create(
            email=f"{key}@demo.example.org", defaults={"full_name": name}
        )
        if faculty and not RoleGrant.objects.active().filter(user=user).exists():
            RoleGrant.objects.create(user=user, role=Role.FACULTY_LEAD, faculty=faculty)
        if organisation and not user.affiliations.exists():
            Affiliation.objects.create(
                user=user,
                organisation=organisation,
                relationship=Relationship.EMPLOYEE,
                job_title="Faculty lead",
                status=AffiliationStatus.CONFIRMED,
            )
        people.append(user)
    return people


def _value_reviews(reviewers: list[User], proposal: Proposal, passes: bool | None) -> None:
    if proposal.panel.exists():
        return
    values = list(PartnershipValue.objects.filter(is_active=True))
    for number, reviewer in enumerate(reviewers if passes is not None else reviewers[1:]):
        verdicts = {}
        for value in values:
            ok = passes is not False or number > 0 or value.name != "Fair to every sector"
            verdicts[value] = (
                ok,
                f"Meets “{value.name}”: shown in the problem and the partners involved."
                if ok
                else "Benefits one NHS trust only; social care and the voluntary sector gain "
                "nothing.",
            )
        proposal_services.proposal_review(
            actor=reviewer,
            proposal=proposal,
            verdicts=verdicts,
            interests="My team would take part in the training." if number == 1 and passes else "",
        )


def _representatives() -> list[User]:
    """One partner representative for each partner organisation (invented people)."""
    reps = []
    for organisation in Organisation.objects.active().order_by("name"):
        grant = (
            RoleGrant.objects.active()
            .filter(role=Role.PARTNER_REPRESENTATIVE, organisation=organisation)
            .first()
        )
        if grant is None:
            user, _ = User.objects.get_or_create(
                email=f"rep-{organisation.slug[:40]}@demo.example.org",
                defaults={"full_name": f"Representative of {organisation.name}"[:200]},
            )
            grant = RoleGrant.objects.create(
                user=user, role=Role.PARTNER_REPRESENTATIVE, organisation=organisation
            )
        reps.append(grant.user)
    return reps


# (days since the start, [(checkpoint, decision, reason, share of the allocation spent)]) for
# the first funded initiatives: starts far enough back for every review recorded to have been
# open, and the second has its 60-day review overdue.
REVIEW_PLANS = [
    (
        75,
        [
            (30, "continue", "Recruitment of mentors on track.", 0.1),
            (60, "continue", "First-year leavers falling.", 0.25),
        ],
    ),
    (70, [(30, "change", "Take-up low in care homes: move sessions to evenings.", 0.1)]),
    (
        100,
        [
            (30, "continue", "Started well.", 0.1),
            (60, "continue", "No change yet in the measure.", 0.2),
            (
                90,
                "stop",
                "No change in leavers after 90 days; the money is better spent elsewhere.",
                0.3,
            ),
        ],
    ),
    (40, [(30, "scale_up", "Demand from every sector: extend to primary care.", 0.15)]),
]


def _follow_through(admin: User, decision_round: DecisionRound) -> None:
    """Give the demo's first initiatives measures and reviews at different points."""
    today = timezone.localdate()
    for initiative, (days, plan) in zip(
        decision_round.initiatives.order_by("id"), REVIEW_PLANS, strict=False
    ):
        initiative.started_on = today - dt.timedelta(days=days)
        initiative.save(update_fields=["started_on"])
        measure = initiative_services.measure_add(
            actor=admin,
            initiative=initiative,
            name="Leavers in their first year (%)",
            baseline=30,
            target=20,
        )
        for checkpoint, decision, reason, spent_share in plan:
            value = 30 - (checkpoint // 30) * (2 if decision != "stop" else 0)
            initiative_services.measure_record(
                actor=admin, measure=measure, checkpoint=checkpoint, value=value
            )
            initiative_services.initiative_review(
                actor=admin,
                initiative=initiative,
                checkpoint=checkpoint,
                decision=decision,
                reason=reason,
                spent=int(initiative.allocated * spent_share),
            )


@transaction.atomic
def load(**_: Any) -> str:
    admin = User.objects.get(email="partnership-admin@demo.example.org")
    for position, (name, question) in enumerate(VALUES, start=1):
        PartnershipValue.objects.update_or_create(
            name=name, defaults={"question": question, "position": position}
        )
    for slug, needs in NEEDS.items():
        faculty = Faculty.objects.filter(slug=slug).first()
        if faculty is None:
            continue
        for title, theme in needs:
            need, created = Need.objects.get_or_create(
                faculty=faculty,
                title=title,
                defaults={"description": title + ".", "severity": "high", "created_by": admin},
            )
            if created:
                need.themes.add(Theme.objects.get_or_create(name=theme.capitalize())[0])
    organisations = list(Organisation.objects.active())
    # The demo's faculty lead wrote the proposals, so she cannot review them herself.
    author = User.objects.filter(email="faculty-lead@demo.example.org").first() or admin
    reviewers = _reviewers()
    for title, cost, passes in PROPOSALS:
        proposal = Proposal.objects.filter(title=title).first()
        if proposal is None:
            proposal = proposal_services.proposal_create(
                # The one left in review is the partnership admin's, for the faculty lead to
                # review.
                actor=author if passes is not None else admin,
                title=title,
                problem=title + " would answer needs that several faculties share.",
                cost=cost,
                measures="Leavers and vacancies against baseline at 30, 60, 90 days and 12 months.",
                needs=Need.objects.filter(themes__name__in=["Retention", "Career pathways"])[:3],
                organisations=[o for o in organisations if o.sector != Sector.ICB][
                    :: 3 if passes else 9
                ],
            )
        _value_reviews(reviewers, proposal, passes)

    passed = list(Proposal.objects.filter(status="passed").order_by("title"))
    rounds = 0
    if not DecisionRound.objects.filter(slug="workforce-fund-2026-27").exists():
        closed = round_services.round_create(
            actor=admin,
            name="Workforce fund 2026/27",
            budget=1_600_000,
            ballot_type="approval",
            rule="equal-shares",
            electorate="representatives",
            proposals=passed,
        )
        closed.slug = "workforce-fund-2026-27"
        closed.save(update_fields=["slug"])
        round_services.round_open(actor=admin, decision_round=closed)
        rng = random.Random(2026)  # reproducible demo votes
        ids = [p.pk for p in passed]
        for rep in _representatives():
            if rep.email == "partner-representative@demo.example.org":
                continue
            round_services.ballot_cast(
                voter=rep,
                decision_round=closed,
                choices=dict.fromkeys(rng.sample(ids, rng.randint(2, 4)), 1),
            )
        round_services.round_close(actor=admin, decision_round=closed)
        _follow_through(admin, closed)
        rounds += 1
    if not DecisionRound.objects.filter(slug="quick-wins-2026").exists():
        open_round = round_services.round_create(
            actor=admin,
            name="Quick wins 2026",
            budget=200_000,
            ballot_type="cumulative",
            rule="equal-shares",
            electorate="representatives",
            proposals=[p for p in passed if not hasattr(p, "initiative") and p.cost <= 200_000]
            or sorted(passed, key=lambda p: p.cost)[:1],
            max_points=10,
        )
        open_round.slug = "quick-wins-2026"
        open_round.save(update_fields=["slug"])
        round_services.round_open(actor=admin, decision_round=open_round)
        rounds += 1
    if not DecisionRound.objects.filter(slug="shared-bank-2027").exists():
        # Being prepared, and flagged: one of its proposals costs more than the whole budget.
        draft = round_services.round_create(
            actor=admin,
            name="Shared bank 2027",
            budget=250_000,
            ballot_type="approval",
            rule="equal-shares",
            electorate="representatives",
            proposals=[p for p in passed if p.cost > 250_000][:1]
            + [p for p in passed if p.cost <= 250_000][:2],
        )
        draft.slug = "shared-bank-2027"
        draft.save(update_fields=["slug"])
        rounds += 1
    return (
        f"Decisions: {PartnershipValue.objects.count()} values, {Need.objects.count()} needs, "
        f"{Proposal.objects.count()} proposals, {rounds} new decision rounds."
    )
