"""Demo talent hub: five outreach campaigns in West Yorkshire communities, ~320 invented
candidates with realistic mixes of barriers and support, vacancies at care providers, the council,
GP practices and NHS trusts, applications in every state with their history, starts with 6- and
12-month checkpoints, and shared recruitment events.

Every person is invented (names drawn at random from a list, e-mail addresses on the reserved
``example.net`` domain). The mixes are plausible, not published figures. Deterministic (a fixed
seed, dates relative to today) and safe to run twice: when the demo campaigns exist, nothing is
added again.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, User

from .. import common
from ..models import (
    Application,
    ApplicationStep,
    Barrier,
    BarrierKind,
    Campaign,
    CampaignResponse,
    Candidate,
    CandidateCohort,
    Channel,
    Checkpoint,
    CheckpointOutcome,
    Cohort,
    ConditionKind,
    Equality,
    EventPartner,
    EventRegistration,
    Hours,
    Intervention,
    InterventionKind,
    InterventionOutcome,
    LawfulBasis,
    LeftReason,
    OfferCondition,
    Qualification,
    QualificationKind,
    QualificationStatus,
    RecruitmentEvent,
    ScreeningAnswer,
    ScreeningQuestion,
    Vacancy,
)
from ..pipeline import states
from ..pipeline.states import State
from .data import (
    AGE_BANDS,
    BARRIER_CHANCE,
    CAMPAIGNS,
    ETHNICITY,
    FIRST,
    LAST,
    ROLES,
    SEX,
    SUPPORT_FOR,
    DemoCampaign,
)

SEED = 2026
CANDIDATES = 320
CAMPAIGN_SHARES = (0.345, 0.23, 0.18, 0.15, 0.095)
DEMO_DOMAIN = "demo.example.org"


def _organisations() -> dict[str, Organisation]:
    found: dict[str, Organisation] = {}
    names = {name for c in CAMPAIGNS for name in c.partners} | {
        entry[1] for entry in ROLES if isinstance(entry[1], str) and entry[1] not in Sector.values
    }
    names |= {organisation for organisation, _, _ in SUPPORT_FOR.values()}
    for organisation in Organisation.objects.filter(name__in=names):
        found[organisation.name] = organisation
    for sector in (Sector.NHS_ACUTE, Sector.NHS_MENTAL_HEALTH, Sector.NHS_COMMUNITY):
        first = Organisation.objects.filter(sector=sector).order_by("name").first()
        if first is not None:
            found[sector] = first
    return found


def _age_band(rng: random.Random, young: bool) -> str:
    return "16-24" if young else rng.choice(AGE_BANDS[1:])


@transaction.atomic
def load(**_: Any) -> str:
    if Campaign.objects.filter(slug=CAMPAIGNS[0].slug).exists():
        return "talent hub demo already loaded"
    rng = random.Random(SEED)
    today = timezone.localdate()
    now = timezone.now()
    organisations = _organisations()
    coordinator = User.objects.filter(email=f"talent-coordinator@{DEMO_DOMAIN}").first()

    campaigns = []
    for entry in CAMPAIGNS:
        campaign = Campaign.objects.create(
            slug=entry.slug,
            name=entry.name,
            community=entry.community,
            venue=entry.venue,
            channel=entry.channel,
            starts_on=today - dt.timedelta(days=30 * entry.months_ago),
            ends_on=None if entry.months_ago < 12 else today - dt.timedelta(days=60),
            welcome=entry.welcome,
            created_by=coordinator,
        )
        campaign.partners.set([organisations[n] for n in entry.partners if n in organisations])
        campaigns.append((entry, campaign))

    vacancies = []
    for title, where, family, area, hours in ROLES:
        organisation = organisations.get(where)
        if organisation is None:
            continue
        vacancies.append(
            Vacancy.objects.create(
                organisation=organisation,
                title=title,
                job_family=family,
                work_area=area,
                hours=hours,
                places=rng.randint(2, 8),
                postcode=rng.choice(("LS9 6TT", "BD3 8QH", "WF1 3JS", "HX1 2YP", "LS11 8BZ")),
                closes_on=today + dt.timedelta(days=rng.randint(10, 90)),
                description=f"{title} with {organisation.name}. Full training given.",
                created_by=coordinator,
                created_at=now - dt.timedelta(days=rng.randint(30, 600)),
            )
        )
    questions = list(ScreeningQuestion.objects.filter(is_active=True))

    counts = {"candidates": 0, "applications": 0, "starts": 0}
    used_names: set[str] = set()
    # Campaigns reach different numbers of people (about 110, 74, 58, 48 and 30 of 320).
    reach = [
        index
        for index, share in enumerate(CAMPAIGN_SHARES[: len(campaigns)])
        for _ in range(round(share * CANDIDATES))
    ]
    for n in range(CANDIDATES):
        entry, campaign = campaigns[reach[n % len(reach)]]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        while name in used_names:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        used_names.add(name)
        # Weighted towards earlier joiners, who have had time to reach work and a checkpoint.
        days_ago = 3 + int((30 * entry.months_ago - 3) * rng.random() ** 0.55)
        if rng.random() < 0.25:  # and a steady stream of recent ones, still in the pipeline
            days_ago = rng.randint(2, 50)
        joined = now - dt.timedelta(days=days_ago, hours=rng.randint(0, 20))
        district = rng.choice(entry.districts)
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        postcode = f"{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        where = common.place(postcode)
        young = entry.channel == Channel.SCHOOL or rng.random() < 0.2
        unemployed = rng.random() < 0.72
        months_out = rng.choice((2, 4, 7, 12, 18, 30, 48)) if unemployed else None
        local = name.lower().replace(" ", ".")
        candidate = Candidate.objects.create(
            full_name=name,
            email=f"{local}.{n}@example.net" if rng.random() < 0.9 else None,
            phone=f"07700{900000 + n:06d}",
            postcode=where.postcode if where else "",
            outward_code=where.outward_code if where else district,
            deprivation_decile=where.deprivation_decile if where else None,
            community=entry.community,
            campaign=campaign,
            interest_families=rng.sample(("care_support", "admin", "estates"), k=rng.randint(1, 2)),
            interest_areas=rng.sample(
                ("social_care", "hospital", "community", "primary_care", "council"),
                k=rng.randint(1, 3),
            ),
            hours=rng.choice(Hours.values),
            travel_km=rng.choice((5, 8, 10, 15)),
            previously_unemployed=unemployed,
            unemployed_months=months_out,
            lawful_basis=LawfulBasis.CONSENT,
            consent_at=joined,
            consent_wording="2026-1",
            special_category_consent_at=joined,
            created_at=joined,
            last_activity_at=joined,
        )
        counts["candidates"] += 1
        CampaignResponse.objects.create(campaign=campaign, candidate=candidate, at=joined)
        cohorts = set()
        if months_out and months_out >= 12:
            cohorts.add(Cohort.LONG_TERM_UNEMPLOYED)
        if young:
            cohorts.add(Cohort.YOUNG_PERSON)
        if entry.channel == Channel.VETERANS and rng.random() < 0.8:
            cohorts.add(Cohort.VETERAN)
        for cohort, chance in (
            (Cohort.DISABLED, 0.12),
            (Cohort.CARE_LEAVER, 0.04 if not young else 0.15),
            (Cohort.REFUGEE, entry.english * 0.4),
        ):
            if rng.random() < chance:
                cohorts.add(cohort)
        CandidateCohort.objects.bulk_create(
            [CandidateCohort(candidate=candidate, cohort=c) for c in sorted(cohorts)]
        )
        barriers = [kind for kind, chance in BARRIER_CHANCE.items() if rng.random() < chance]
        if rng.random() < entry.english:
            barriers.append(BarrierKind.ENGLISH)
        Barrier.objects.bulk_create(
            [Barrier(candidate=candidate, kind=kind, noted_on=joined.date()) for kind in barriers]
        )
        if rng.random() < 0.7:
            Equality.objects.create(
                candidate=candidate,
                age_band=_age_band(rng, young),
                sex=rng.choice(SEX),
                ethnicity=rng.choice(ETHNICITY),
                disability="yes" if Cohort.DISABLED in cohorts else rng.choice(("no", "no", "")),
                recorded_at=joined,
            )
        _support(rng, candidate, barriers, organisations, joined.date(), today, coordinator)
        counts["applications"] += _applications(
            rng, candidate, vacancies, questions, joined.date(), today, coordinator, counts
        )
    events = _events(rng, organisations, campaigns, today, coordinator)
    return (
        f"talent hub: {len(campaigns)} campaigns, {counts['candidates']} candidates, "
        f"{len(vacancies)} vacancies, {counts['applications']} applications, "
        f"{counts['starts']} starts, {events} events"
    )


def _support(
    rng: random.Random,
    candidate: Candidate,
    barriers: list[str],
    organisations: dict[str, Organisation],
    joined: dt.date,
    today: dt.date,
    actor: User | None,
) -> None:
    for barrier in barriers:
        support = SUPPORT_FOR.get(barrier)
        if support is None or rng.random() > 0.7:
            continue
        kind, where, text = support
        organisation = organisations.get(where)
        if organisation is None:
            continue
        starts = joined + dt.timedelta(days=rng.randint(3, 30))
        if starts > today:
            starts = today
        ends = starts + dt.timedelta(days=rng.choice((1, 14, 21, 70)))
        finished = ends <= today
        outcome = (
            rng.choice((InterventionOutcome.COMPLETED,) * 4 + (InterventionOutcome.NOT_COMPLETED,))
            if finished
            else InterventionOutcome.IN_PROGRESS
        )
        Intervention.objects.create(
            candidate=candidate,
            kind=kind,
            barrier=barrier,
            organisation=organisation,
            description=text,
            starts_on=starts,
            ends_on=ends,
            outcome=outcome,
            created_by=actor,
        )
        if outcome == InterventionOutcome.COMPLETED:
            Barrier.objects.filter(candidate=candidate, kind=barrier).update(resolved_on=ends)
        if kind == InterventionKind.ESOL:
            _qualification(
                candidate,
                QualificationKind.ESOL,
                "Entry level 3",
                organisation,
                starts,
                ends,
                achieved=outcome == InterventionOutcome.COMPLETED,
                actor=actor,
            )
        if kind == InterventionKind.PRE_EMPLOYMENT and finished:
            _qualification(
                candidate,
                QualificationKind.FUNCTIONAL_ENGLISH,
                "Level 1",
                organisation,
                starts,
                ends + dt.timedelta(days=30),
                achieved=ends + dt.timedelta(days=30) <= today,
                actor=actor,
            )


def _qualification(
    candidate: Candidate,
    kind: str,
    title: str,
    provider: Organisation | None,
    started: dt.date,
    ends: dt.date,
    *,
    achieved: bool,
    actor: User | None,
) -> None:
    Qualification.objects.create(
        candidate=candidate,
        kind=kind,
        title=title,
        provider=provider,
        status=QualificationStatus.ACHIEVED if achieved else QualificationStatus.IN_PROGRESS,
        started_on=started,
        achieved_on=ends if achieved else None,
        created_by=actor,
    )


def _path_for(rng: random.Random, age_days: int) -> list[State]:
    """Where an application made ``age_days`` ago has got to, with plausible drop-outs."""
    path = [State.INTERESTED]
    for nxt, days_needed, drop in (
        (State.SCREENED, 8, 0.07),
        (State.PUT_FORWARD, 14, 0.05),
        (State.INTERVIEW, 28, 0.12),
        (State.OFFER, 42, 0.18),
        (State.STARTED, 75, 0.1),
    ):
        if age_days < days_needed * rng.uniform(0.7, 1.4):
            return path
        if rng.random() < drop:
            ending = {
                State.OFFER: State.NOT_SUCCESSFUL,
                State.STARTED: State.OFFER_DECLINED,
            }.get(nxt, rng.choice((State.WITHDRAWN, State.NOT_SUCCESSFUL)))
            return [*path, ending]
        path.append(nxt)
    return path


def _applications(
    rng: random.Random,
    candidate: Candidate,
    vacancies: list[Vacancy],
    questions: list[ScreeningQuestion],
    joined: dt.date,
    today: dt.date,
    actor: User | None,
    counts: dict[str, int],
) -> int:
    if not vacancies or rng.random() < 0.18:  # still in the pool with no application yet
        return 0
    chosen = rng.sample(vacancies, k=min(len(vacancies), rng.choice((1, 1, 1, 2, 2, 3))))
    made = 0
    started = False
    for vacancy in chosen:
        applied = joined + dt.timedelta(days=rng.randint(2, 20))
        if applied >= today:
            applied = today
        path = _path_for(rng, (today - applied).days)
        if started and State.STARTED in path:
            path = [*path[: path.index(State.OFFER)], State.WITHDRAWN]
        made += 1
        _store_application(rng, candidate, vacancy, path, applied, today, questions, actor)
        if State.STARTED in path:
            started = True
            counts["starts"] += 1
    if started:
        Candidate.objects.filter(pk=candidate.pk).update(in_pool=False)
    return made


def _store_application(
    rng: random.Random,
    candidate: Candidate,
    vacancy: Vacancy,
    path: list[State],
    applied: dt.date,
    today: dt.date,
    questions: list[ScreeningQuestion],
    actor: User | None,
) -> None:
    day = applied
    moved_on = [day]
    for previous in path[:-1]:
        gap = states.WAITING.get(previous, (7, states.Party.COORDINATOR))[0]
        # Most steps are on time; some run late so the work list has overdue items.
        day = min(today, day + dt.timedelta(days=max(1, int(gap * rng.uniform(0.4, 1.3)))))
        moved_on.append(day)
    final = path[-1]
    if final in states.WAITING and len(path) > 1:
        # A live application reached its step recently; about one in six is now overdue.
        wait = states.WAITING[final][0]
        recent = today - dt.timedelta(days=rng.randint(0, int(wait * 1.2)))
        moved_on[-1] = max(moved_on[-2], min(today, recent))
    started_on = moved_on[path.index(State.STARTED)] if State.STARTED in path else None
    application = Application.objects.create(
        candidate=candidate,
        vacancy=vacancy,
        state=final.value,
        state_changed_at=_at(moved_on[-1]),
        due_on=states.due_on(final, moved_on[-1]),
        furthest_step=max(states.PATH.index(s) for s in path if s in states.PATH),
        reason=_reason(final),
        started_on=started_on,
        created_by=actor,
        created_at=_at(applied),
    )
    ApplicationStep.objects.bulk_create(
        [
            ApplicationStep(
                application=application,
                from_state=path[i - 1].value if i else "",
                to_state=state.value,
                at=_at(moved_on[i]),
                actor=actor,
                note=_reason(state) if state in states.ENDED else "",
            )
            for i, state in enumerate(path)
        ]
    )
    if State.SCREENED in path and questions:
        ScreeningAnswer.objects.bulk_create(
            [
                ScreeningAnswer(
                    application=application, question=q, rating=rng.choice((2, 3, 3, 4))
                )
                for q in rng.sample(questions, k=min(3, len(questions)))
            ]
        )
    if State.OFFER in path:
        offer_day = moved_on[path.index(State.OFFER)]
        for kind in (ConditionKind.REFERENCES, ConditionKind.DBS, ConditionKind.RIGHT_TO_WORK):
            met = started_on or (offer_day + dt.timedelta(days=10) if rng.random() < 0.5 else None)
            OfferCondition.objects.create(
                application=application, kind=kind, met_on=min(met, today) if met else None
            )
    if started_on is not None:
        _checkpoints(rng, application, started_on, today)


def _checkpoints(
    rng: random.Random, application: Application, started_on: dt.date, today: dt.date
) -> None:
    left = False
    for months in (6, 12):
        due = states.checkpoint_due(started_on, months)
        checkpoint = Checkpoint(application=application, months=months, due_on=due)
        if due <= today - dt.timedelta(days=3) and rng.random() < 0.92:
            if left:
                checkpoint.outcome = CheckpointOutcome.LEFT
            else:
                roll = rng.random()
                stays = 0.78 if months == 6 else 0.85
                if roll < stays * 0.9:
                    checkpoint.outcome = CheckpointOutcome.IN_POST
                elif roll < stays:
                    checkpoint.outcome = CheckpointOutcome.MOVED
                    checkpoint.moved_to = (
                        Organisation.objects.filter(talent_vacancies__isnull=False)
                        .exclude(pk=application.vacancy.organisation_id)
                        .order_by("name")
                        .first()
                    )
                    if checkpoint.moved_to is None:
                        checkpoint.outcome = CheckpointOutcome.IN_POST
                else:
                    checkpoint.outcome = CheckpointOutcome.LEFT
                    left = True
            if checkpoint.outcome == CheckpointOutcome.LEFT:
                checkpoint.left_reason = rng.choice(LeftReason.values)
            checkpoint.recorded_at = _at(due)
        checkpoint.save()
    if left:
        reason = application.checkpoints.filter(outcome="left").order_by("months").first()
        Application.objects.filter(pk=application.pk).update(
            state=State.LEFT.value,
            left_on=reason.due_on if reason else None,
            left_reason=reason.left_reason if reason else "",
            due_on=None,
        )
        ApplicationStep.objects.create(
            application=application,
            from_state=State.STARTED.value,
            to_state=State.LEFT.value,
            at=_at(reason.due_on) if reason else timezone.now(),
            note="Recorded at the retention checkpoint",
        )


def _reason(state: State) -> str:
    return {
        State.WITHDRAWN: "Found other work",
        State.NOT_SUCCESSFUL: "Another candidate was a closer fit this time",
        State.OFFER_DECLINED: "The hours did not fit around childcare",
    }.get(state, "")


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _events(
    rng: random.Random,
    organisations: dict[str, Organisation],
    campaigns: list[tuple[DemoCampaign, Campaign]],
    today: dt.date,
    actor: User | None,
) -> int:
    council = organisations.get("Westdale Council")
    if council is None:
        return 0
    plan = (
        ("Health and care jobs fair, Harehills", "fair", 12, "Harehills community centre", 0),
        ("Open day at Heatherlea Care Home", "open_day", 19, "Heatherlea Care Home", 1),
        ("Careers in care for veterans", "information", 26, "Wakefield veterans' hub", 2),
        ("Halifax health and care jobs fair", "fair", 40, "Halifax Minster hall", 3),
        ("Home care information evening", "information", -20, "Brightpath office", 4),
        ("Bradford jobs fair", "fair", -45, "Bradford city library", 1),
    )
    partners = [o for o in organisations.values() if o.talent_vacancies.exists()]
    candidates = list(Candidate.objects.order_by("pk")[:120])
    for title, kind, in_days, venue, campaign_index in plan:
        starts = _at(today + dt.timedelta(days=in_days))
        event = RecruitmentEvent.objects.create(
            title=title,
            slug=slugify(title),
            kind=kind,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=4),
            venue=venue,
            community=campaigns[campaign_index][0].community,
            description="Meet employers from across the partnership, find out about vacancies and "
            "training, and get help with applications on the day.",
            capacity=rng.choice((60, 80, 120)),
            organiser=council,
            campaign=campaigns[campaign_index][1],
            created_by=actor,
        )
        for organisation in rng.sample(partners, k=min(len(partners), rng.randint(3, 6))):
            EventPartner.objects.create(
                event=event, organisation=organisation, work_on_offer="Care and support work"
            )
        for candidate in rng.sample(candidates, k=rng.randint(8, 25)):
            EventRegistration.objects.create(
                event=event,
                candidate=candidate,
                attended=(rng.random() < 0.7) if in_days < 0 else None,
            )
    return len(plan)
