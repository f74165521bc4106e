"""Reads for offers, allocation and placements, and the engine's input built from the
database."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404

from oneworkforce.partners.access import is_partnership_admin
from oneworkforce.partners.models import Organisation, User

from ..models import (
    AllocationRun,
    Block,
    LearningEnvironment,
    Offer,
    Placement,
    PlacementRequest,
    PlacementStatus,
    Setting,
    Student,
    Supervisor,
)
from ..models.choices import REQUIRED_SETTINGS
from . import engine, yearplan


def blocks() -> QuerySet[Block]:
    return Block.objects.all()


def block(pk: int) -> Block | None:
    return Block.objects.filter(pk=pk).first()


def offers_for(environment: LearningEnvironment) -> QuerySet[Offer]:
    return environment.offers.select_related("block")


def offered_elsewhere(environment: LearningEnvironment, block: Block, profession: str) -> int:
    """Places the environment offers in ``block`` for other professions."""
    found = (
        Offer.objects.filter(environment=environment, block=block)
        .exclude(profession=profession)
        .aggregate(total=Sum("places"))["total"]
    )
    return int(found or 0)


def supervision(
    environment: LearningEnvironment, block: Block, profession: str | None = None
) -> int:
    """Students the environment's supervisors can take at once in ``block``: those still
    there whose preparation is not due for refreshing before the block starts."""
    rows = Supervisor.objects.prepared_on_day(block.starts_on).filter(environment=environment)
    if profession is not None:
        rows = rows.filter(profession=profession)
    return int(rows.aggregate(total=Sum("max_students"))["total"] or 0)


def placements_in(block: Block) -> QuerySet[Placement]:
    return (
        Placement.objects.live()
        .filter(block=block)
        .select_related("block", "student__programme__provider", "environment__organisation")
    )


def latest_run(block: Block) -> AllocationRun | None:
    return block.runs.first()


def placement_with_context(placement: Placement) -> Placement:
    return (
        Placement.objects.select_related(
            "student__programme__provider",
            "environment__organisation",
            "block",
            "request",
            "supervisor",
        )
        .prefetch_related("hours", "concerns")
        .get(pk=placement.pk)
    )


def my_placements(user: User) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(student__user=user)
        .select_related("block", "environment__organisation", "student__programme__provider")
        .order_by("block__starts_on")
    )


def to_confirm(user: User) -> list[Placement]:
    """Proposed placements waiting on this person's confirmation (as a provider's or a
    partner's admin)."""
    if not user.is_authenticated:
        return []
    organisations = user.administered_organisation_ids
    if not organisations:
        return []
    found = Placement.objects.filter(status=PlacementStatus.PROPOSED).select_related(
        "student__programme__provider", "environment__organisation", "block"
    )
    return [
        p
        for p in found.filter(student__programme__provider_id__in=organisations)
        if p.provider_confirmed_at is None
    ] + [
        p
        for p in found.filter(environment__organisation_id__in=organisations)
        if p.partner_confirmed_at is None
    ]


def change_options(placement: Placement) -> QuerySet[Offer]:
    programme = placement.student.programme
    return (
        Offer.objects.filter(block=placement.block, profession=programme.profession, places__gt=0)
        .select_related("environment")
        .order_by("environment__name")
    )


def offers_in(block: Block, organisation: Organisation | None = None) -> QuerySet[Offer]:
    found = Offer.objects.filter(block=block).select_related("environment__organisation")
    return found if organisation is None else found.filter(environment__organisation=organisation)


# The engine's input ---------------------------------------------------------------------------


@dataclass
class Built:
    data: engine.BlockInput
    students: dict[str, Student]
    requests: dict[str, PlacementRequest]
    offers: dict[str, Offer]
    # Students whose programme's setting mix cannot be met this year: id -> yearplan reason.
    mix_unmet: dict[str, str] = field(default_factory=dict)


def _needs_settings(
    student: Student, block: Block, later: set[int], had: dict[int, set[str]]
) -> tuple[str, ...]:
    """The settings the student must be placed in now: their programme needs one of them,
    they have had none, and this is their programme's last requested block."""
    programme = student.programme
    required = REQUIRED_SETTINGS.get(programme.requirement)
    if not required or programme.pk in later or had.get(student.pk, set()) & required:
        return ()
    return tuple(sorted(required))


def block_input(block: Block, *, seed: int = 0, year: bool = True) -> Built:
    """The block as the engine sees it: environments with offers, offers, and the named
    students of every request (up to the number asked for). Confirmed placements stay. With
    ``year``, students whose programme still needs a setting are steered to it in this block
    when the year's plan gives it to them now (:func:`_steered`)."""
    offers = list(Offer.objects.filter(block=block, places__gt=0).select_related("environment"))
    environments = {o.environment_id: o.environment for o in offers}
    limits = defaultdict(int)
    for row in (
        Supervisor.objects.prepared_on_day(block.starts_on)
        .filter(environment_id__in=environments)
        .values("environment_id")
        .annotate(total=Sum("max_students"))
    ):
        limits[row["environment_id"]] = int(row["total"])
    labels = dict(Setting.choices)
    requests = list(
        PlacementRequest.objects.filter(block=block).select_related("programme__provider")
    )
    later = set(
        PlacementRequest.objects.filter(
            programme__in=[r.programme for r in requests], block__starts_on__gt=block.starts_on
        ).values_list("programme_id", flat=True)
    )
    confirmed = {
        p.student_id: p
        for p in Placement.objects.filter(block=block, status=PlacementStatus.CONFIRMED)
    }
    offer_of = {(o.environment_id, o.profession): o for o in offers}
    had: dict[int, set[str]] = defaultdict(set)
    been: dict[int, set[str]] = defaultdict(set)
    for student_id, setting, environment_id in (
        Placement.objects.live()
        .exclude(block=block)
        .filter(student__programme__in=[r.programme for r in requests])
        .values_list("student_id", "environment__setting", "environment_id")
    ):
        had[student_id].add(setting)
        been[student_id].add(str(environment_id))
    busy = set(  # no student is on two placements at once
        Placement.objects.live()
        .exclude(block=block)
        .filter(block__starts_on__lte=block.ends_on, block__ends_on__gte=block.starts_on)
        .values_list("student_id", flat=True)
    )
    students: dict[str, Student] = {}
    request_of: dict[str, PlacementRequest] = {}
    people = []
    for request in requests:
        programme = request.programme
        named = list(programme.students.order_by("reference")[: request.students])
        for student in named:
            if student.pk in busy:
                continue
            sid = str(student.pk)
            students[sid] = student
            request_of[sid] = request
            kept = confirmed.get(student.pk)
            fixed = offer_of.get((kept.environment_id, programme.profession)) if kept else None
            people.append(
                engine.Student(
                    sid,
                    provider=str(programme.provider_id),
                    profession=programme.profession,
                    year=programme.year,
                    name=student.name,
                    latitude=student.latitude,
                    longitude=student.longitude,
                    max_travel_minutes=programme.max_travel_minutes,
                    needs_settings=_needs_settings(student, block, later, had),
                    fixed_offer=str(fixed.pk) if fixed else None,
                    been_at=tuple(sorted(been[student.pk])),
                    programme=str(programme),
                )
            )
    data = engine.BlockInput(
        label=block.name,
        environments=tuple(
            engine.Environment(
                str(e.pk),
                e.name,
                str(e.organisation_id),
                e.setting,
                e.latitude,
                e.longitude,
                supervision=limits[e.pk],
                setting_label=labels.get(e.setting, e.setting),
            )
            for e in environments.values()
        ),
        offers=tuple(
            engine.Offer(
                str(o.pk),
                str(o.environment_id),
                o.profession,
                o.places,
                tuple(o.environment.years),
            )
            for o in offers
        ),
        students=tuple(people),
        seed=seed,
    )
    built = Built(data, students, request_of, {str(o.pk): o for o in offers})
    return _steered(block, built, had, seed) if year else built


def _steered(block: Block, built: Built, had: dict[int, set[str]], seed: int) -> Built:
    """The year's plan for the programmes' setting mix (:mod:`.yearplan`) over this block and
    the later blocks its students' programmes are requested in."""
    needs = []
    for sid, student in built.students.items():
        required = REQUIRED_SETTINGS.get(student.programme.requirement)
        if required and not had.get(student.pk, set()) & required:
            needs.append(yearplan.MixNeed(sid, tuple(sorted(required))))
    if not needs:
        return built
    later = (
        Block.objects.filter(
            starts_on__gt=block.starts_on,
            requests__programme__in={r.programme_id for r in built.requests.values()},
        )
        .distinct()
        .order_by("starts_on")
    )
    year = [built.data, *(block_input(b, seed=seed, year=False).data for b in later)]
    found = yearplan.plan(year, needs)
    return replace(built, data=yearplan.steer(built.data, found, needs), mix_unmet=found.unmet)


def block_or_404(pk: int) -> Block:
    return get_object_or_404(Block, pk=pk)


def administered(user: User) -> QuerySet[Organisation]:
    """The partners whose placements pages this person runs."""
    if is_partnership_admin(user):
        return Organisation.objects.active().order_by("name")
    return Organisation.objects.filter(pk__in=user.administered_organisation_ids).order_by("name")


def provider_names() -> dict[str, str]:
    return {
        str(pk): name
        for pk, name in Organisation.objects.filter(placement_programmes__isnull=False)
        .distinct()
        .values_list("pk", "name")
    }


def demand_in(block: Block) -> dict[str, int]:
    asked = PlacementRequest.objects.filter(block=block).aggregate(total=Sum("students"))["total"]
    offered = Offer.objects.filter(block=block).aggregate(total=Sum("places"))["total"]
    return {"asked": int(asked or 0), "offered": int(offered or 0)}


def requirement_students(run: AllocationRun | None) -> dict[str, tuple[str, str]]:
    """``{student id: (name, programme)}`` for the students a run found could not have their
    programme's setting mix this year."""
    ids = list((run.figures.get("requirements_unmet", {}) if run else {}).keys())
    found = Student.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    return {str(s.pk): (s.name, str(s.programme)) for s in found.select_related("programme")}
