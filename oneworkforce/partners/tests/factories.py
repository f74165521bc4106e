"""factory_boy factories for the partnership. Later apps import these."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from oneworkforce.partners.choices import (
    FrameworkKind,
    JobFamily,
    Relationship,
    Role,
    Sector,
    WorkArea,
    WorkStatus,
)
from oneworkforce.partners.models import (
    Affiliation,
    Faculty,
    Framework,
    Organisation,
    Place,
    RoleGrant,
    Signatory,
    Site,
    User,
)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    sector = Sector.ADULT_SOCIAL_CARE
    summary = "A partner in the test partnership."


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    postcode = "LS1 4AP"


class FacultyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Faculty

    name = factory.Sequence(lambda n: f"Faculty {n}")
    slug = factory.Sequence(lambda n: f"faculty-{n}")


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = factory.Sequence(lambda n: f"Framework {n}")
    slug = factory.Sequence(lambda n: f"framework-{n}")
    kind = FrameworkKind.STAFF_PORTABILITY
    summary = "Partners lend each other staff for short periods."


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    framework = factory.SubFactory(FrameworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    signed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    signed_by_name = "Sam Signer"
    signed_by_job_title = "Chief executive"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    job_family = JobFamily.CARE_SUPPORT
    work_area = WorkArea.SOCIAL_CARE
    work_status = WorkStatus.PARTNER
    password = factory.django.Password(None)


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    relationship = Relationship.EMPLOYEE


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = Role.PARTNER_ADMIN
    organisation = factory.SubFactory(OrganisationFactory)


def partner_admin(organisation: Organisation, **kwargs: object) -> User:
    user = UserFactory(**kwargs)
    RoleGrantFactory(user=user, role=Role.PARTNER_ADMIN, organisation=organisation)
    return user


def partnership_admin(**kwargs: object) -> User:
    user = UserFactory(**kwargs)
    RoleGrantFactory(user=user, role=Role.PARTNERSHIP_ADMIN, organisation=None)
    return user


def talent_coordinator(**kwargs: object) -> User:
    user = UserFactory(**kwargs)
    RoleGrantFactory(user=user, role=Role.TALENT_COORDINATOR, organisation=None)
    return user
