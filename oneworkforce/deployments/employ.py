"""Employ and deploy: a lead employer employs staff on behalf of primary care networks (PCNs)
and deploys them to GP practices.

Services (``agreement_save``, ``agreed_role_save``, ``employment_save``, ``employment_end``)
take keyword-only arguments, run in one transaction, write the audit log and answer a broken
rule with ``ServiceError(message, field=...)`` having written nothing. Selectors decide who
sees what and assemble the per-PCN report; presenters turn it into rows for the templates.

Who sees what: partnership admins and partner admins of the lead employer manage an agreement
and see everyone employed under it. Partner admins of a PCN in the agreement see the agreement's
terms and their own PCN's report, with the names of the staff employed for their PCN only.
There is no PCN-membership model for practices, so any active GP practice can be a deployed
practice; pages always name the practices so a wrong one is easy to see.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from oneworkforce.core import audit
from oneworkforce.core.formatting import date as long_date
from oneworkforce.core.services import ServiceError, unique_slug
from oneworkforce.core.charts import BarChart, bar_chart
from oneworkforce.partners.choices import Sector
from oneworkforce.partners.models import Organisation, User

from .models import AgreedRole, Agreement, Employment, FundingSource

AGREEMENT_FIELDS = (
    "name",
    "lead_employer",
    "funding",
    "hr_services",
    "service_level",
    "starts_on",
    "ends_on",
)
ROLE_FIELDS = ("pcn", "role", "number")
EMPLOYMENT_FIELDS = ("name", "role", "pcn", "base_practice", "starts_on", "ends_on")
RESERVED_SLUGS = {"new"}
MAX_PER_ROLE = 500
AGREED_COLOUR, IN_POST_COLOUR = "#005eb8", "#007f3b"


# Services ------------------------------------------------------------------------------------


def _text(value: str | None, *, field: str, message: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise ServiceError(message, field=field)
    return cleaned


def _end_after_start(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on is None:
        raise ServiceError("Enter the start date", field="starts_on")
    if ends_on is not None and ends_on <= starts_on:
        raise ServiceError("The end date must be after the start date", field="ends_on")


def _ids(organisations: Iterable[Organisation]) -> list[int]:
    return sorted(o.pk for o in organisations)


@transaction.atomic
def agreement_save(
    *,
    actor: User,
    name: str,
    lead_employer: Organisation,
    pcns: Sequence[Organisation],
    funding: str,
    hr_services: str,
    service_level: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    agreement: Agreement | None = None,
) -> Agreement:
    """Create an agreement (or change one): the lead employer employs staff for the PCNs."""
    name = _text(name, field="name", message="Enter a name for the agreement")
    if lead_employer is None or not lead_employer.is_active:
        raise ServiceError(
            "Choose a lead employer that is an active partner", field="lead_employer"
        )
    if not actor.administers(lead_employer):
        raise ServiceError(
            "You can only set up agreements for a partner you manage", field="lead_employer"
        )
    pcns = list(pcns)
    if not pcns:
        raise ServiceError("Choose at least one primary care network", field="pcns")
    not_pcns = [o.name for o in pcns if o.sector != Sector.PCN or not o.is_active]
    if not_pcns:
        raise ServiceError(
            f"{', '.join(not_pcns)} is not an active primary care network", field="pcns"
        )
    if funding not in FundingSource.values:
        raise ServiceError("Choose where the funding comes from", field="funding")
    hr_services = _text(
        hr_services, field="hr_services", message="Say which HR services the employer provides"
    )
    service_level = _text(
        service_level, field="service_level", message="Describe the service level agreed"
    )
    _end_after_start(starts_on, ends_on)

    if agreement is None:
        agreement = Agreement()
        action, before = "deployments.employ_agreement_created", {}
    else:
        action = "deployments.employ_agreement_changed"
        before = audit.snapshot_stored(agreement, AGREEMENT_FIELDS)
        before["pcns"] = _ids(agreement.pcns.all())
        kept = {o.pk for o in pcns}
        in_use = (
            Organisation.objects.filter(
                Q(pk__in=agreement.roles.values("pcn")) | Q(pk__in=agreement.staff.values("pcn"))
            )
            .exclude(pk__in=kept)
            .order_by("name")
        )
        if in_use:
            raise ServiceError(
                f"{in_use[0].name} has agreed roles or staff: it cannot leave the agreement",
                field="pcns",
            )
    agreement.name = name
    agreement.lead_employer = lead_employer
    agreement.funding = funding
    agreement.hr_services = hr_services
    agreement.service_level = service_level
    agreement.starts_on = starts_on
    agreement.ends_on = ends_on
    if not agreement.slug:
        text = name if slugify(name) not in RESERVED_SLUGS else f"{name} agreement"
        agreement.slug = unique_slug(Agreement, text, fallback="agreement")
    agreement.save()
    agreement.pcns.set(pcns)
    after = {**audit.snapshot(agreement, AGREEMENT_FIELDS), "pcns": _ids(pcns)}
    audit.record(
        actor=actor,
        action=action,
        obj=agreement,
        changes=audit.diff(before, after),
        organisation=lead_employer,
    )
    return agreement


def _in_agreement(agreement: Agreement, pcn: Organisation | None) -> Organisation:
    if pcn is None or not agreement.pcns.filter(pk=pcn.pk).exists():
        raise ServiceError(
            "Choose a primary care network that is part of this agreement", field="pcn"
        )
    return pcn


@transaction.atomic
def agreed_role_save(
    *, actor: User, agreement: Agreement, pcn: Organisation, role: str, number: int
) -> AgreedRole:
    """Set how many people in ``role`` the lead employer employs for ``pcn``. The same role at
    the same PCN again changes the number rather than adding a second line."""
    pcn = _in_agreement(agreement, pcn)
    role = _text(role, field="role", message="Enter the role, for example care coordinator")
    if len(role) > 200:
        raise ServiceError("The role must be 200 characters or fewer", field="role")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise ServiceError("Enter a number of people of 1 or more", field="number")
    if number > MAX_PER_ROLE:
        raise ServiceError(f"Enter a number of people of {MAX_PER_ROLE} or fewer", field="number")
    line = agreement.roles.filter(pcn=pcn, role__iexact=role).first()
    if line is None:
        line = AgreedRole.objects.create(agreement=agreement, pcn=pcn, role=role, number=number)
        action, before = "deployments.employ_role_agreed", {}
    else:
        action = "deployments.employ_role_changed"
        before = audit.snapshot(line, ROLE_FIELDS)
        line.number = number
        line.save(update_fields=["number"])
    audit.record(
        actor=actor,
        action=action,
        obj=line,
        changes=audit.diff(before, audit.snapshot(line, ROLE_FIELDS)),
        organisation=agreement.lead_employer,
        label=f"{line.role} for {pcn.name}",
    )
    return line


@transaction.atomic
def employment_save(
    *,
    actor: User,
    agreement: Agreement,
    name: str,
    role: str,
    pcn: Organisation,
    base_practice: Organisation,
    practices: Sequence[Organisation],
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    employment: Employment | None = None,
) -> Employment:
    """Record someone the lead employer employs under the agreement for ``pcn``: based at
    ``base_practice`` and working at ``practices`` (which include the base)."""
    name = _text(name, field="name", message="Enter the person's full name")
    if len(name) > 200:
        raise ServiceError("The name must be 200 characters or fewer", field="name")
    pcn = _in_agreement(agreement, pcn)
    role = _text(role, field="role", message="Choose the role")
    agreed = agreement.roles.filter(pcn=pcn, role__iexact=role).first()
    if agreed is None:
        raise ServiceError(
            f"No {role} posts are agreed for {pcn.name}: add the agreed role first",
            field="role",
        )
    practices = list(practices)
    if not practices:
        raise ServiceError("Choose the practices the person works at", field="practices")
    not_practices = [o.name for o in practices if o.sector != Sector.GP_PRACTICE or not o.is_active]
    if not_practices:
        raise ServiceError(
            f"{', '.join(not_practices)} is not an active GP practice", field="practices"
        )
    if base_practice is None or base_practice.pk not in {o.pk for o in practices}:
        raise ServiceError(
            "The base practice must be one of the practices the person works at",
            field="base_practice",
        )
    _end_after_start(starts_on, ends_on)
    if starts_on < agreement.starts_on:
        raise ServiceError(
            "The start date must be on or after the agreement starts", field="starts_on"
        )
    if agreement.ends_on is not None and starts_on > agreement.ends_on:
        raise ServiceError("The start date must be before the agreement ends", field="starts_on")

    if employment is None:
        employment = Employment(agreement=agreement)
        action, before = "deployments.employ_staff_added", {}
    else:
        if employment.agreement_id != agreement.pk:
            raise ServiceError("This person is employed under another agreement.")
        action = "deployments.employ_staff_changed"
        before = audit.snapshot_stored(employment, EMPLOYMENT_FIELDS)
        before["practices"] = _ids(employment.practices.all())
    employment.name = name
    employment.role = agreed.role
    employment.pcn = pcn
    employment.base_practice = base_practice
    employment.starts_on = starts_on
    employment.ends_on = ends_on
    employment.save()
    employment.practices.set(practices)
    after = {**audit.snapshot(employment, EMPLOYMENT_FIELDS), "practices": _ids(practices)}
    audit.record(
        actor=actor,
        action=action,
        obj=employment,
        # Names are personal data: recorded as changed, without the values.
        changes=audit.diff(before, after, sensitive=("name",)),
        organisation=agreement.lead_employer,
        label=f"{employment.role} for {pcn.name}",
    )
    return employment


@transaction.atomic
def employment_end(*, actor: User, employment: Employment, ends_on: dt.date) -> Employment:
    """Record the last day someone works under the agreement."""
    if employment.ends_on is not None and employment.ends_on < timezone.localdate():
        raise ServiceError("This person's employment has already ended.", field="ends_on")
    if ends_on is None:
        raise ServiceError("Enter the last working day", field="ends_on")
    _end_after_start(employment.starts_on, ends_on)
    before = {"ends_on": employment.ends_on}
    employment.ends_on = ends_on
    employment.save(update_fields=["ends_on"])
    audit.record(
        actor=actor,
        action="deployments.employ_staff_ended",
        obj=employment,
        changes=audit.diff(before, {"ends_on": ends_on}),
        organisation=employment.agreement.lead_employer,
        label=f"{employment.role} for {employment.pcn.name}",
    )
    return employment


# Selectors: who sees what --------------------------------------------------------------------


def agreements_for(user: Any) -> QuerySet[Agreement]:
    """Agreements ``user`` may see: all for partnership admins; for partner admins, those whose
    lead employer or one of whose PCNs they manage; none for anyone else."""
    if not user.is_authenticated:
        return Agreement.objects.none()
    found = Agreement.objects.select_related("lead_employer")
    if user.is_partnership_admin:
        return found
    managed = user.administered_organisation_ids
    return found.filter(Q(lead_employer__in=managed) | Q(pcns__in=managed)).distinct()


def can_manage(user: Any, agreement: Agreement) -> bool:
    return bool(user.is_authenticated and user.administers(agreement.lead_employer))


def pcns_for(user: Any, agreement: Agreement) -> list[Organisation]:
    """The agreement's PCNs whose report (and staff names) ``user`` may see."""
    pcns = list(agreement.pcns.order_by("name"))
    if can_manage(user, agreement):
        return pcns
    return [p for p in pcns if user.administers(p)]


def staff_for(user: Any, agreement: Agreement) -> QuerySet[Employment]:
    """Everyone employed under the agreement whom ``user`` may see by name."""
    staff = agreement.staff.select_related("pcn", "base_practice").prefetch_related("practices")
    if can_manage(user, agreement):
        return staff
    return staff.filter(pcn__in=[p.pk for p in pcns_for(user, agreement)])


# Selectors: the report per PCN ---------------------------------------------------------------


def in_post(employment: Employment, on: dt.date) -> bool:
    return employment.starts_on <= on and (employment.ends_on is None or employment.ends_on >= on)


@dataclass(frozen=True)
class RoleLine:
    role: str
    agreed: int
    in_post: int

    @property
    def vacancies(self) -> int:
        return max(self.agreed - self.in_post, 0)

    @property
    def over(self) -> int:
        return max(self.in_post - self.agreed, 0)


@dataclass(frozen=True)
class PracticeLine:
    practice: Organisation
    based: int
    visiting: int

    @property
    def total(self) -> int:
        return self.based + self.visiting


@dataclass
class PcnReport:
    agreement: Agreement
    pcn: Organisation
    on: dt.date
    roles: list[RoleLine] = field(default_factory=list)
    practices: list[PracticeLine] = field(default_factory=list)
    staff: list[Employment] = field(default_factory=list)

    @property
    def funding(self) -> str:
        return self.agreement.get_funding_display()

    @property
    def agreed(self) -> int:
        return sum(r.agreed for r in self.roles)

    @property
    def in_post(self) -> int:
        return sum(r.in_post for r in self.roles)

    @property
    def vacancies(self) -> int:
        return sum(r.vacancies for r in self.roles)


def pcn_reports(
    agreement: Agreement, pcns: Sequence[Organisation], *, on: dt.date | None = None
) -> list[PcnReport]:
    """For each PCN: roles agreed against staff in post (by role) and vacancies, the practices
    covered with how many staff each hosts (based there or visiting), and the staff. Staff are
    in post from their start date to their last working day."""
    on = on or timezone.localdate()
    wanted = {p.pk for p in pcns}
    agreed: dict[int, dict[str, int]] = {pk: {} for pk in wanted}
    for line in agreement.roles.filter(pcn__in=wanted):
        agreed[line.pcn_id][line.role] = agreed[line.pcn_id].get(line.role, 0) + line.number
    staff: dict[int, list[Employment]] = {pk: [] for pk in wanted}
    for person in (
        agreement.staff.filter(pcn__in=wanted)
        .select_related("base_practice")
        .prefetch_related("practices")
        .order_by("name", "pk")
    ):
        staff[person.pcn_id].append(person)

    reports = []
    for pcn in pcns:
        current = [p for p in staff[pcn.pk] if in_post(p, on)]
        posts = Counter(p.role for p in current)
        roles = [
            RoleLine(role=role, agreed=agreed[pcn.pk].get(role, 0), in_post=posts.get(role, 0))
            for role in sorted(set(agreed[pcn.pk]) | set(posts), key=str.lower)
        ]
        based: Counter[int] = Counter()
        visiting: Counter[int] = Counter()
        places: dict[int, Organisation] = {}
        for person in current:
            based[person.base_practice_id] += 1
            places[person.base_practice_id] = person.base_practice
            for practice in person.practices.all():
                places[practice.pk] = practice
                if practice.pk != person.base_practice_id:
                    visiting[practice.pk] += 1
        practices = [
            PracticeLine(practice=practice, based=based[pk], visiting=visiting[pk])
            for pk, practice in sorted(places.items(), key=lambda item: item[1].name)
        ]
        reports.append(
            PcnReport(
                agreement=agreement,
                pcn=pcn,
                on=on,
                roles=roles,
                practices=practices,
                staff=staff[pcn.pk],
            )
        )
    return reports


# Presenters ----------------------------------------------------------------------------------


def staff_status(employment: Employment, on: dt.date) -> str:
    if employment.starts_on > on:
        return f"Starts {long_date(employment.starts_on)}"
    if employment.ends_on is not None and employment.ends_on < on:
        return f"Left {long_date(employment.ends_on)}"
    if employment.ends_on is not None:
        return f"In post until {long_date(employment.ends_on)}"
    return "In post"


def staff_row(employment: Employment, on: dt.date) -> dict[str, Any]:
    """A row of a staff table: the base practice first, then the visiting practices."""
    visiting = sorted(
        p.name for p in employment.practices.all() if p.pk != employment.base_practice_id
    )
    return {
        "id": employment.pk,
        "name": employment.name,
        "role": employment.role,
        "pcn": employment.pcn.name,
        "base": employment.base_practice.name,
        "visiting": ", ".join(visiting) or "None",
        "status": staff_status(employment, on),
        "can_end": employment.ends_on is None or employment.ends_on >= on,
    }


def role_rows(roles: Iterable[RoleLine]) -> list[dict[str, Any]]:
    return [
        {
            "role": r.role,
            "agreed": r.agreed,
            "in_post": r.in_post,
            "vacancies": r.vacancies,
            "note": f"{r.over} more than agreed" if r.over else "",
        }
        for r in roles
    ]


def chart_items(roles: Iterable[RoleLine]) -> list[tuple[str, float, str]]:
    """Bars for the chart of agreed against in post, two per role (the table has the same)."""
    items: list[tuple[str, float, str]] = []
    for r in roles:
        items.append((f"{r.role}: agreed", r.agreed, str(r.agreed)))
        items.append((f"{r.role}: in post", r.in_post, str(r.in_post)))
    return items


def role_chart(roles: Sequence[RoleLine]) -> BarChart | None:
    """The bar chart of agreed (blue) against in post (green), or ``None`` without roles."""
    if not roles:
        return None
    chart = bar_chart(chart_items(roles))
    for index, bar in enumerate(chart.bars):
        bar.colour = IN_POST_COLOUR if index % 2 else AGREED_COLOUR
    return chart
