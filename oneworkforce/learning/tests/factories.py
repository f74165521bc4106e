"""factory_boy factories for learning: listings, sessions, bookings and completions."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from oneworkforce.learning.bookings import places
from oneworkforce.learning.models import (
    Completion,
    CompletionSource,
    CompletionState,
    JobRole,
    Kind,
    Opportunity,
    Programme,
    ProgrammeStep,
    Session,
    Status,
)
from oneworkforce.partners.choices import Role, Sector
from oneworkforce.partners.tests.factories import OrganisationFactory, RoleGrantFactory, UserFactory


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"learning-{n}")
    title = factory.Sequence(lambda n: f"Dementia awareness {n}")
    summary = "What dementia is and how to support people living with it."
    kind = Kind.IN_PERSON
    status = Status.PUBLISHED
    who_can_take = "Anyone who works or volunteers in health and care in the partnership."
    review_by = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=365))
    published_at = factory.LazyFunction(timezone.now)
    search_title = factory.SelfAttribute("title")
    search_body = factory.SelfAttribute("summary")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    opportunity = factory.SubFactory(OpportunityFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=3))
    venue = "Community room, Town Hall"
    capacity = 10

    @factory.post_generation
    def placed(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        """Placed from its postcode, as the session service does."""
        if create:
            places.session_place(self)
            if self.latitude is not None:
                self.save(update_fields=["latitude", "longitude"])


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion
        skip_postgeneration_save = True

    learner = factory.SubFactory(UserFactory)
    opportunity = factory.SubFactory(OpportunityFactory, kind=Kind.E_LEARNING)
    issuer = factory.SelfAttribute("opportunity.organisation")
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    source = CompletionSource.PARTNER_SYSTEM
    state = CompletionState.VERIFIED

    @factory.post_generation
    def requirements(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.requirements.set(extracted)


class JobRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRole

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Care worker {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A published programme (add its steps with ``ProgrammeStep``)."""

    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"programme-{n}")
    title = factory.Sequence(lambda n: f"Care Certificate cohort {n}")
    summary = "The Care Certificate's standards, taken in order with a cohort."
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def programme_of(organisation, title, step_titles, **listing):  # type: ignore[no-untyped-def]
    """A published programme of ``organisation`` whose required steps are new listings with
    ``step_titles``, in order; returns it and the listings."""
    programme = ProgrammeFactory(organisation=organisation, title=title)
    steps = [
        OpportunityFactory(organisation=organisation, title=step, **listing) for step in step_titles
    ]
    for position, opportunity in enumerate(steps, start=1):
        ProgrammeStep.objects.create(
            programme=programme, opportunity=opportunity, position=position
        )
    return programme, steps


def care_certificate():  # type: ignore[no-untyped-def]
    """The journeys' care home, its partner admin, and its Care Certificate programme of two
    required e-learning steps."""
    home = OrganisationFactory(name="Heatherlea Care Home", sector=Sector.ADULT_SOCIAL_CARE)
    admin = UserFactory(full_name="Ruth Adeyemi")
    RoleGrantFactory(user=admin, role=Role.PARTNER_ADMIN, organisation=home)
    programme, steps = programme_of(
        home,
        "Care Certificate: spring cohort",
        ("Duty of care", "Privacy and dignity"),
        kind=Kind.E_LEARNING,
        link="https://learn.example.org",
    )
    return home, admin, programme, steps
