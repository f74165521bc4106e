"""Authorization-matrix rules for campaigns, the public form, status pages and events.

Campaigns are run by the talent coordinator; the admins of a partner taking part see its page,
QR code and poster (counts only). The form, the thank-you page, the status-link
request, the candidate's own status page (reached with its secret link) and events are open to
everyone; adding an event or signing a partner up needs a recruiter; changing or cancelling one
needs a recruiter for its organiser; only coordinators see who registered and record who came.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oneworkforce.core.tests.authz import (
    ADMINS_OF_A,
    ANY_ADMIN,
    EVERYONE,
    TALENT_COORDINATOR,
    Rule,
    World,
)
from oneworkforce.talent.models import RecruitmentEvent
from oneworkforce.talent.outreach import services as outreach
from oneworkforce.talent.tests.factories import CampaignFactory, CandidateFactory

FORM = ("GET", "POST")
COORDINATOR = frozenset({TALENT_COORDINATOR})
RECRUITERS = ANY_ADMIN | COORDINATOR
# Partner A organises the matrix's event and takes part in its campaign.
MANAGERS_OF_A = ADMINS_OF_A | COORDINATOR


def build_world(world: World) -> None:
    world.outreach_campaign = CampaignFactory(name="Matrix outreach", slug="matrix-outreach")
    world.outreach_campaign.partners.add(world.org_a)
    candidate = CandidateFactory(full_name="Sam Status", email="sam.status@example.com")
    world.outreach_token = outreach.status_link_create(candidate=candidate)
    world.outreach_delete_token = outreach.status_link_create(
        candidate=CandidateFactory(full_name="Dee Delete")
    )
    starts = timezone.now() + dt.timedelta(days=10)
    world.outreach_event = RecruitmentEvent.objects.create(
        title="Matrix jobs fair",
        slug="matrix-jobs-fair",
        kind="fair",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        venue="Town hall",
        organiser=world.org_a,
    )


def _event(world: World) -> dict[str, str]:
    return {"slug": world.outreach_event.slug}


def _campaign(world: World) -> dict[str, str]:
    return {"slug": world.outreach_campaign.slug}


RULES: dict[str, Rule] = {
    "talent:campaigns": Rule(RECRUITERS),
    "talent:campaign_add": Rule(COORDINATOR, methods=FORM),
    # Partner A takes part in the matrix's campaign: its admins see it, B's do not.
    "talent:campaign": Rule(MANAGERS_OF_A, _campaign),
    "talent:campaign_edit": Rule(COORDINATOR, _campaign, methods=FORM),
    "talent:campaign_qr": Rule(MANAGERS_OF_A, _campaign),
    "talent:campaign_poster": Rule(MANAGERS_OF_A, _campaign),
    "talent:join": Rule(EVERYONE, lambda w: {"code": w.outreach_campaign.code}, methods=FORM),
    "talent:join_general": Rule(EVERYONE, methods=FORM),
    "talent:join_thanks": Rule(EVERYONE),
    "talent:status_request": Rule(EVERYONE, methods=FORM),
    "talent:status": Rule(EVERYONE, lambda w: {"token": w.outreach_token}),
    "talent:status_data": Rule(EVERYONE, lambda w: {"token": w.outreach_token}),
    "talent:status_correct": Rule(EVERYONE, lambda w: {"token": w.outreach_token}, methods=FORM),
    # GET only: a POST would delete the details, which the privacy tests cover.
    "talent:status_delete": Rule(EVERYONE, lambda w: {"token": w.outreach_delete_token}),
    "talent:events": Rule(EVERYONE),
    "talent:events_calendar": Rule(EVERYONE),
    "talent:event_calendar": Rule(EVERYONE, lambda w: {"slug": w.outreach_event.slug}),
    "talent:event": Rule(EVERYONE, lambda w: {"slug": w.outreach_event.slug}, methods=FORM),
    "talent:event_add": Rule(RECRUITERS, methods=FORM),
    "talent:event_edit": Rule(MANAGERS_OF_A, _event, methods=FORM),
    "talent:event_cancel": Rule(MANAGERS_OF_A, _event, methods=FORM),
    "talent:event_attendance": Rule(COORDINATOR, _event, methods=FORM),
    "talent:event_signup": Rule(
        RECRUITERS, lambda w: {"slug": w.outreach_event.slug}, methods=FORM
    ),
}
