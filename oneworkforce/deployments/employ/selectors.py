"""Employ and deploy: who sees which agreements, PCNs and staff, and the report per PCN."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from oneworkforce.partners.access import can_administer, is_partnership_admin
from oneworkforce.partners.models import Organisation

from ..access import can_manage
from ..models import Agreement, Employment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from oneworkforce.partners.models import User

# Who sees what --------------------------------------------------------------------


def agreements_for(user: User | AnonymousUser) -> QuerySet[Agreement]:
    """Agreements ``user`` may see: all for partnership admins; for partner admins, those whose
    lead employer or one of whose PCNs they manage; none for anyone else."""
    if not user.is_authenticated:
        return Agreement.objects.none()
    found = Agreement.objects.select_related("lead_employer")
    if is_partnership_admin(user):
        return found
    managed = user.administered_organisation_ids
    return found.filter(Q(lead_employer__in=managed) | Q(pcns__in=managed)).distinct()


def agreement_for(*, user: User, slug: str, manage: bool = False) -> Agreement:
    """An agreement ``user`` may see (404 otherwise); with ``manage``, one whose lead employer
    they manage (403 otherwise)."""
    agreement = get_object_or_404(agreements_for(user), slug=slug)
    if manage and not can_manage(user, agreement):
        raise PermissionDenied
    return agreement


def employment_in(*, agreement: Agreement, pk: int) -> Employment:
    """Someone employed under the agreement (404 otherwise)."""
    return get_object_or_404(Employment.objects.select_related("pcn"), pk=pk, agreement=agreement)


def pcns_of(agreement: Agreement) -> list[Organisation]:
    return list(agreement.pcns.order_by("name"))


def pcns_for(user: User, agreement: Agreement) -> list[Organisation]:
    """The agreement's PCNs whose report (and staff names) ``user`` may see."""
    pcns = list(agreement.pcns.order_by("name"))
    if can_manage(user, agreement):
        return pcns
    return [p for p in pcns if can_administer(user, p)]


def staff_for(user: User, agreement: Agreement) -> QuerySet[Employment]:
    """Everyone employed under the agreement whom ``user`` may see by name."""
    staff = agreement.staff.select_related("pcn", "base_practice").prefetch_related("practices")
    if can_manage(user, agreement):
        return staff
    return staff.filter(pcn__in=[p.pk for p in pcns_for(user, agreement)])


# The report per PCN ---------------------------------------------------------------


def in_post(employment: Employment, on: dt.date) -> bool:
    return employment.starts_on <= on and (employment.ends_on is None or employment.ends_on >= on)


@dataclass(frozen=True)
class PostLine:
    job_title: str
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
    posts: list[PostLine] = field(default_factory=list)
    practices: list[PracticeLine] = field(default_factory=list)
    staff: list[Employment] = field(default_factory=list)

    @property
    def funding(self) -> str:
        return self.agreement.get_funding_display()

    @property
    def agreed(self) -> int:
        return sum(r.agreed for r in self.posts)

    @property
    def in_post(self) -> int:
        return sum(r.in_post for r in self.posts)

    @property
    def vacancies(self) -> int:
        return sum(r.vacancies for r in self.posts)


def pcn_reports(
    agreement: Agreement, pcns: Sequence[Organisation], *, on: dt.date | None = None
) -> list[PcnReport]:
    """For each PCN: posts agreed against staff in post (by job title) and vacancies, the practices
    covered with how many staff each hosts (based there or visiting), and the staff. Staff are
    in post from their start date to their last working day."""
    on = on or timezone.localdate()
    wanted = {p.pk for p in pcns}
    agreed: dict[int, dict[str, int]] = {pk: {} for pk in wanted}
    for line in agreement.posts.filter(pcn__in=wanted):
        agreed[line.pcn_id][line.job_title] = (
            agreed[line.pcn_id].get(line.job_title, 0) + line.number
        )
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
        in_post_by_title = Counter(p.job_title for p in current)
        posts = [
            PostLine(
                job_title=title,
                agreed=agreed[pcn.pk].get(title, 0),
                in_post=in_post_by_title.get(title, 0),
            )
            for title in sorted(set(agreed[pcn.pk]) | set(in_post_by_title), key=str.lower)
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
                posts=posts,
                practices=practices,
                staff=staff[pcn.pk],
            )
        )
    return reports
