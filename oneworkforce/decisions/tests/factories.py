from __future__ import annotations

import factory

from oneworkforce.decisions.models import (
    DecisionRound,
    Need,
    PartnershipValue,
    Proposal,
    ProposalStatus,
)
from oneworkforce.partners.choices import Role
from oneworkforce.partners.tests.factories import (
    AffiliationFactory,
    FacultyFactory,
    OrganisationFactory,
    RoleGrantFactory,
    UserFactory,
)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    faculty = factory.SubFactory(FacultyFactory)
    title = factory.Sequence(lambda n: f"Need {n}")
    description = "Not enough people to cover weekends."


class ValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipValue

    name = factory.Sequence(lambda n: f"Value {n}")
    question = "Is this better done together?"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    title = factory.Sequence(lambda n: f"Proposal {n}")
    problem = "Recruitment is slow."
    cost = 10_000
    measures = "Vacancies down by 10% at 90 days."
    status = ProposalStatus.PASSED


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionRound
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Round {n}")
    slug = factory.Sequence(lambda n: f"round-{n}")
    budget = 25_000
    ballot_type = "approval"
    rule = "equal-shares"
    electorate = "affiliated"

    @factory.post_generation
    def with_proposals(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.proposals.set(extracted)


def lead_at(sector: str | None = None, organisation=None):
    """A faculty lead confirmed as working for a partner of ``sector`` (or ``organisation``)."""
    user = UserFactory()
    RoleGrantFactory(user=user, role=Role.FACULTY_LEAD, organisation=None, faculty=FacultyFactory())
    if organisation is None and sector is not None:
        organisation = OrganisationFactory(sector=sector)
    if organisation is not None:
        AffiliationFactory(user=user, organisation=organisation, status="confirmed")
    return user
