"""Authorization-matrix rules for the careers URLs."""

from __future__ import annotations

from oneworkforce.careers.prospectus.demo import building_png
from oneworkforce.careers.prospectus.services import photo_add
from oneworkforce.core.tests.authz import (
    EVERYONE,
    PARTNERSHIP_ADMIN,
    TALENT_COORDINATOR,
    Rule,
    World,
)
from oneworkforce.talent.tests.factories import VacancyFactory

# Partnership admins and talent coordinators (analysts too, who are not in the matrix's cast).
PARTNERS = frozenset({PARTNERSHIP_ADMIN, TALENT_COORDINATOR})
FORM = ("GET", "POST")
ACTION = ("POST",)


def build_world(world: World) -> None:
    """An open vacancy for the job board's pages, and a prospectus photo."""
    world.board_vacancy = VacancyFactory(organisation=world.org_a, career_role="care-worker")
    world.prospectus_photo = photo_add(
        actor=None, upload=building_png(), alt_text="A drawing of a building with a red roof"
    )


def _photo(world: World) -> dict[str, int]:
    return {"pk": world.prospectus_photo.pk}


RULES = {
    "careers:home": Rule(EVERYONE),
    "careers:index": Rule(EVERYONE),
    "careers:role": Rule(EVERYONE, kwargs=lambda w: {"code": "care-worker"}),
    "careers:jobs": Rule(EVERYONE),
    "careers:jobs_feed": Rule(EVERYONE),
    "careers:job": Rule(EVERYONE, kwargs=lambda w: {"pk": w.board_vacancy.pk}),
    "careers:apply": Rule(
        EVERYONE, methods=("GET", "POST"), kwargs=lambda w: {"pk": w.board_vacancy.pk}
    ),
    "api:jobs_search": Rule(EVERYONE, query="q=care&near=LS9"),
    "api:jobs_job": Rule(EVERYONE, kwargs=lambda w: {"job_id": w.board_vacancy.pk}),
    "api:careers_roles": Rule(EVERYONE),
    "api:careers_role": Rule(EVERYONE, kwargs=lambda w: {"code": "care-worker"}),
    "careers:schools": Rule(PARTNERS),
    "careers:figures": Rule(PARTNERS),
    "careers:prospectus": Rule(EVERYONE),
    "careers:prospectus_pdf": Rule(EVERYONE),
    "careers:prospectus_edit": Rule(PARTNERS, methods=FORM),
    "careers:prospectus_photos": Rule(PARTNERS, methods=FORM),
    "careers:prospectus_photo": Rule(EVERYONE, kwargs=_photo),
    "careers:prospectus_photo_edit": Rule(PARTNERS, methods=FORM, kwargs=_photo),
    "careers:prospectus_photo_move": Rule(PARTNERS, methods=ACTION, kwargs=_photo),
    "careers:prospectus_photo_remove": Rule(PARTNERS, methods=ACTION, kwargs=_photo),
    "careers:figures_csv": Rule(PARTNERS),
    "careers:ambassador_add": Rule(PARTNERS, methods=FORM),
    "careers:visit_add": Rule(PARTNERS, methods=FORM),
    "careers:schools_import": Rule(frozenset({PARTNERSHIP_ADMIN}), methods=FORM),
    "careers:applied": Rule(EVERYONE, kwargs=lambda w: {"pk": w.board_vacancy.pk}),
}
