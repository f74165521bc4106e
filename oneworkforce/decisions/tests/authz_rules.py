"""Authorization-matrix rules for the decisions URLs."""

from __future__ import annotations

from oneworkforce.core.tests.authz import (
    ONLY_PARTNERSHIP_ADMIN,
    SIGNED_IN,
    Rule,
    World,
)
from oneworkforce.decisions.initiatives import services as initiative_services
from oneworkforce.decisions.rounds import services as round_services
from oneworkforce.decisions.tests import factories
from oneworkforce.partners.tests.factories import AffiliationFactory

FORM = ("GET", "POST")
ACTION = ("POST",)


def build_world(world: World) -> None:
    # The learner votes in rounds open to everyone confirmed as working with a partner.
    AffiliationFactory(user=world.learner, organisation=world.org_b, status="confirmed")
    world.need = factories.NeedFactory(faculty=world.faculty)
    world.value = factories.ValueFactory()
    world.proposal = factories.ProposalFactory()
    world.proposal.needs.add(world.need)
    world.draft_round = factories.RoundFactory(with_proposals=[world.proposal])
    world.open_round = factories.RoundFactory(with_proposals=[world.proposal], status="open")
    closed = factories.RoundFactory(with_proposals=[world.proposal], status="open")
    round_services.ballot_cast(
        voter=world.learner, decision_round=closed, choices={world.proposal.pk: 1}
    )
    admin = world.users["partnership_admin"]
    world.closed_round = round_services.round_close(actor=admin, decision_round=closed)
    world.initiative = world.closed_round.initiatives.get()
    world.measure = initiative_services.measure_add(
        actor=admin, initiative=world.initiative, name="Leavers", baseline=20, target=10
    )


def _slug(attribute: str):  # type: ignore[no-untyped-def]
    return lambda world: {"slug": getattr(world, attribute).slug}


RULES: dict[str, Rule] = {
    "decisions:home": Rule(SIGNED_IN),
    "decisions:needs": Rule(SIGNED_IN, query="faculty=nursing"),
    "decisions:need_add": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "decisions:themes": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "decisions:values": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "decisions:proposals": Rule(SIGNED_IN),
    "decisions:proposal_add": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "decisions:proposal": Rule(SIGNED_IN, kwargs=lambda w: {"pk": w.proposal.pk}),
    "decisions:proposal_review": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=lambda w: {"pk": w.proposal.pk}, methods=FORM
    ),
    "decisions:rounds": Rule(SIGNED_IN),
    "decisions:round_add": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "decisions:round_import": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "decisions:round": Rule(SIGNED_IN, kwargs=_slug("closed_round")),
    # Only people entitled to vote in the round (here: the learner, confirmed at a partner).
    "decisions:vote": Rule(frozenset({"learner"}), kwargs=_slug("open_round"), methods=FORM),
    "decisions:round_open": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=_slug("draft_round"), methods=ACTION
    ),
    "decisions:round_close": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=_slug("open_round"), methods=ACTION
    ),
    "decisions:round_export": Rule(ONLY_PARTNERSHIP_ADMIN, kwargs=_slug("closed_round")),
    "decisions:initiatives": Rule(SIGNED_IN),
    "api:list_rounds": Rule(SIGNED_IN),
    "api:get_round": Rule(SIGNED_IN, kwargs=_slug("closed_round")),
    "api:list_proposals": Rule(SIGNED_IN),
    "api:list_needs": Rule(SIGNED_IN),
    # POST with an empty body is refused as invalid (422) for those signed in.
    "api:decide_budget": Rule(SIGNED_IN, methods=ACTION),
    "decisions:initiative": Rule(SIGNED_IN, kwargs=lambda w: {"pk": w.initiative.pk}),
    # The owner (here the partnership admin who proposed it) or a partnership admin.
    "decisions:measure_add": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=lambda w: {"pk": w.initiative.pk}, methods=FORM
    ),
    "decisions:measure_record": Rule(
        ONLY_PARTNERSHIP_ADMIN,
        kwargs=lambda w: {"pk": w.initiative.pk, "measure_pk": w.measure.pk},
        methods=FORM,
    ),
    "decisions:initiative_review": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=lambda w: {"pk": w.initiative.pk}, methods=FORM
    ),
}
