"""A small placements world for tests: a university, a care home and a hospital trust with
environments, supervisors, a block, a programme with students, requests and offers."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from oneworkforce.partners.choices import Sector
from oneworkforce.partners.tests import factories as partner_factories

from ..allocation import services as allocation
from ..demand import services as demand
from ..environments import services as environments
from ..models import Concern, Student

TODAY = dt.date(2027, 6, 1)
LEEDS = (53.7997, -1.5492)


def university(**kwargs: object):  # type: ignore[no-untyped-def]
    return partner_factories.OrganisationFactory(
        name=kwargs.pop("name", "Northfield University"),
        slug=kwargs.pop("slug", "northfield-university"),
        sector=Sector.EDUCATION,
        contact_email="placements@northfield.example.ac.uk",
        **kwargs,
    )


def environment(
    actor, organisation, name, setting="care_home", places=4, professions=("nursing",), where=LEEDS
):  # type: ignore[no-untyped-def]
    made = environments.environment_add(
        actor=actor,
        organisation=organisation,
        name=name,
        setting=setting,
        postcode="LS1 4AP",
        professions=list(professions),
        years=[1, 2, 3],
        places_per_block=places,
    )
    made.latitude, made.longitude = where
    made.save()
    return made


def supervisor(actor, place, profession="nursing", max_students=2, email=""):  # type: ignore[no-untyped-def]
    return environments.supervisor_add(
        actor=actor,
        environment=place,
        name=f"Supervisor at {place.name}",
        email=email,
        role="supervisor",
        profession=profession,
        max_students=max_students,
        prepared_on=dt.date(2027, 1, 10),
        refresh_due=dt.date(2029, 1, 10),
        today=TODAY,
    )


def world(
    students: int = 3,
    *,
    starts_on: dt.date = dt.date(2027, 9, 6),
    ends_on: dt.date = dt.date(2027, 11, 26),
    request: bool = True,
) -> SimpleNamespace:
    """Partners, an admin each, a coordinator, one block, one programme with named students
    who asked for places, and two environments with offers."""
    w = SimpleNamespace()
    w.coordinator = partner_factories.partnership_admin(email="coordinator@example.org")
    w.university = university()
    w.uni_admin = partner_factories.partner_admin(w.university, email="uni@example.org")
    w.care_home = partner_factories.OrganisationFactory(
        name="Oak House Care", slug="oak-house", contact_email="oak@example.org"
    )
    w.home_admin = partner_factories.partner_admin(w.care_home, email="oak-admin@example.org")
    w.trust = partner_factories.OrganisationFactory(
        name="City Hospitals", slug="city-hospitals", sector=Sector.NHS_ACUTE
    )
    w.trust_admin = partner_factories.partner_admin(w.trust, email="trust@example.org")
    w.block = demand.block_add(
        actor=w.coordinator,
        name="Autumn 2027",
        starts_on=starts_on,
        ends_on=ends_on,
    )
    w.programme = demand.programme_add(
        actor=w.uni_admin,
        provider=w.university,
        name="Adult nursing",
        profession="nursing",
        year=2,
        field="Adult",
    )
    w.student_user = partner_factories.UserFactory(email="student1@example.org")
    rows = "\n".join(
        f"S{i},Student {i},student{i}@example.org,LS1 4AP" for i in range(1, students + 1)
    )
    demand.students_import(
        actor=w.uni_admin,
        programme=w.programme,
        data=f"reference,name,email,home_postcode\n{rows}\n".encode(),
    )
    Student.objects.filter(programme=w.programme).update(latitude=LEEDS[0], longitude=LEEDS[1])
    if request:
        w.request = demand.request_submit(
            actor=w.uni_admin,
            programme=w.programme,
            block=w.block,
            students=students,
            starts_on=starts_on + dt.timedelta(days=7),
            ends_on=ends_on - dt.timedelta(days=7),
            required_hours=300,
        )
    w.home = environment(w.home_admin, w.care_home, "Oak House nursing floor", places=2)
    w.ward = environment(
        w.trust_admin, w.trust, "Ward 7", setting="acute", places=6, where=(53.83, -1.58)
    )
    supervisor(w.home_admin, w.home, max_students=2, email="supervisor@example.org")
    supervisor(w.trust_admin, w.ward, max_students=3)
    supervisor(w.trust_admin, w.ward, max_students=3)
    w.home_offer = allocation.offer_make(
        actor=w.home_admin, environment=w.home, block=w.block, profession="nursing", places=2
    )
    w.ward_offer = allocation.offer_make(
        actor=w.trust_admin, environment=w.ward, block=w.block, profession="nursing", places=4
    )
    return w


def student_record(person, *, name: str, email: str, postcode: str) -> Student:  # type: ignore[no-untyped-def]
    """A student linked to ``person``'s account on a programme of a new university, placed in
    a block, with a concern that names them (for the personal-data map's tests)."""
    w = world(students=1)
    student = Student.objects.get(programme=w.programme)
    student.user, student.name, student.email, student.home_postcode = person, name, email, postcode
    student.save()
    allocation.block_allocate(actor=w.coordinator, block=w.block, time_limit=5)
    placement = student.placements.get()
    Concern.objects.create(placement=placement, raised_by=person, text=f"{name} felt unsafe")
    return student
