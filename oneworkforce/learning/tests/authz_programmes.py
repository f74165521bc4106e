"""Authorization-matrix rules for programmes and session materials (merged into the learning
rules by ``authz_rules``)."""

from __future__ import annotations

from oneworkforce.core.tests.authz import ADMINS_OF_A, EVERYONE, SIGNED_IN, Rule, World
from oneworkforce.learning.models import Audience, Booking, BookingState, Material, ProgrammeStep
from oneworkforce.learning.programmes import services as programme_services

from .factories import ProgrammeFactory

FORM = ("GET", "POST")
ACTION = ("POST",)
# The learner enrolled on the programme and holding a place on the past session.
OWNER = frozenset({"learner"})


def build_world(world: World) -> None:
    """A published programme of partner A whose one required step the learner has completed
    (so their certificate is ready), and a booked-only file on a past session they came to."""
    world.programme = ProgrammeFactory(organisation=world.org_a)
    ProgrammeStep.objects.create(
        programme=world.programme, opportunity=world.elearning, position=1, required=True
    )
    world.enrolment = programme_services.enrolment_create(
        actor=world.learner, programme=world.programme
    )
    Booking.objects.create(
        session=world.past_session, learner=world.learner, state=BookingState.BOOKED
    )
    world.material = Material.objects.create(
        session=world.past_session,
        title="Slides",
        file=b"%PDF-1.4 slides",
        file_name="slides.pdf",
        file_type="application/pdf",
        file_size=15,
        audience=Audience.BOOKED,
        who_can_use="People who came to the session.",
    )


def _programme(world: World) -> dict[str, str]:
    return {"slug": world.org_a.slug, "programme": world.programme.slug}


def _org(world: World) -> dict[str, str]:
    return {"slug": world.org_a.slug}


def _past(world: World) -> dict[str, object]:
    return {"slug": world.org_a.slug, "pk": world.past_session.pk}


RULES: dict[str, Rule] = {
    "learning:programmes": Rule(EVERYONE),
    "learning:programme": Rule(EVERYONE, kwargs=lambda w: {"slug": w.programme.slug}),
    "learning:programme_enrol": Rule(
        SIGNED_IN, kwargs=lambda w: {"slug": w.programme.slug}, methods=ACTION
    ),
    # Only someone enrolled can leave (the learner's programme is complete, so the service
    # refuses and the page shows why); everyone else is told they are not enrolled.
    "learning:programme_leave": Rule(
        OWNER, kwargs=lambda w: {"slug": w.programme.slug}, methods=FORM
    ),
    # Only the enrolled learner who completed it; everyone else is told there is none.
    "learning:programme_certificate": Rule(OWNER, kwargs=lambda w: {"slug": w.programme.slug}),
    "learning:programmes_manage": Rule(ADMINS_OF_A, kwargs=_org),
    "learning:programme_add": Rule(ADMINS_OF_A, kwargs=_org, methods=FORM),
    "learning:programme_manage": Rule(ADMINS_OF_A, kwargs=_programme, methods=FORM),
    "learning:programme_step_add": Rule(ADMINS_OF_A, kwargs=_programme, methods=ACTION),
    "learning:programme_step_change": Rule(ADMINS_OF_A, kwargs=_programme, methods=ACTION),
    "learning:programme_publish": Rule(ADMINS_OF_A, kwargs=_programme, methods=ACTION),
    "learning:programme_learners": Rule(ADMINS_OF_A, kwargs=_programme),
    "learning:programme_withdraw": Rule(
        ADMINS_OF_A,
        kwargs=lambda w: {**_programme(w), "enrolment": w.enrolment.pk},
        methods=FORM,
    ),
    "learning:session_materials": Rule(ADMINS_OF_A, kwargs=_past, methods=FORM),
    "learning:material_remove": Rule(ADMINS_OF_A, kwargs=_past, methods=ACTION),
    # A booked-only file: those who had a place, and the provider's admins.
    "learning:material_file": Rule(OWNER | ADMINS_OF_A, kwargs=lambda w: {"pk": w.material.pk}),
    "api:learning_programmes": Rule(EVERYONE),
    "api:learning_programme": Rule(EVERYONE, kwargs=lambda w: {"slug": w.programme.slug}),
    "api:learning_my_programmes": Rule(SIGNED_IN),
    # Anyone signed in may enrol. Only someone enrolled may leave: others are told they are
    # not enrolled (404); the learner completed it, so they are refused on its field (422).
    "api:learning_programme_enrol": Rule(
        SIGNED_IN, kwargs=lambda w: {"slug": w.programme.slug}, methods=ACTION
    ),
    "api:learning_programme_learners": Rule(ADMINS_OF_A, kwargs=_programme),
    "api:learning_programme_leave": Rule(
        OWNER, kwargs=lambda w: {"slug": w.programme.slug}, methods=ACTION
    ),
}
