"""Recruitment events in people's own calendars: a feed to subscribe to and one event to add,
read back with the icalendar library as a calendar program would."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.talent.models import EventPartner
from oneworkforce.talent.outreach import services as outreach
from oneworkforce.talent.tests.factories import RecruitmentEventFactory

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_one_event_says_when_where_who_and_where_to_register(org_a, org_b):
    event = RecruitmentEventFactory(
        title="Care careers fair; all welcome, bring a friend",
        organiser=org_a,
        venue="Harehills Community Centre",
        postcode="LS9 7AB",
        description="Talk to employers about care work.\nNo experience needed.",
    )
    EventPartner.objects.create(event=event, organisation=org_b, work_on_offer="Porters")
    response = Client().get(reverse("talent:event_calendar", kwargs={"slug": event.slug}))
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    (entry,) = _events(response).values()
    assert str(entry["summary"]) == "Care careers fair; all welcome, bring a friend"
    # iCalendar times are whole seconds
    assert entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert entry.decoded("dtend") == event.ends_at.replace(microsecond=0)
    assert str(entry["location"]) == "Harehills Community Centre, LS9 7AB"
    description = str(entry["description"])
    assert f"Recruitment fair organised by {org_a.name}." in description
    assert f"Partners there: {org_b.name}." in description
    assert "No experience needed." in description
    assert description.endswith(reverse("talent:event", kwargs={"slug": event.slug}))
    assert str(entry["uid"]) == f"talent-event-{event.pk}@oneworkforce"
    assert str(entry["status"]) == "CONFIRMED"


def test_the_feed_keeps_cancellations_and_recent_events_and_drops_old_ones(org_a):
    RecruitmentEventFactory(title="Coming up", organiser=org_a, in_days=10)
    RecruitmentEventFactory(title="Last week", organiser=org_a, in_days=-7)
    RecruitmentEventFactory(title="Months ago", organiser=org_a, in_days=-90)
    called_off = RecruitmentEventFactory(title="Called off", organiser=org_a, in_days=3)
    outreach.event_cancel(actor=None, event=called_off, reason="The hall flooded")
    entries = _events(Client().get(reverse("talent:events_calendar")))
    assert set(entries) == {"Coming up", "Last week", "Called off"}
    assert str(entries["Called off"]["status"]) == "CANCELLED"
    assert "Cancelled: The hall flooded" in str(entries["Called off"]["description"])
    assert str(entries["Coming up"]["status"]) == "CONFIRMED"


def test_event_pages_link_to_the_calendar_until_the_event_starts(org_a):
    event = RecruitmentEventFactory(organiser=org_a, in_days=2)
    page = Client().get(reverse("talent:event", kwargs={"slug": event.slug})).content.decode()
    assert reverse("talent:event_calendar", kwargs={"slug": event.slug}) in page
    event.starts_at = timezone.now() - dt.timedelta(hours=1)
    event.save()
    page = Client().get(reverse("talent:event", kwargs={"slug": event.slug})).content.decode()
    assert reverse("talent:event_calendar", kwargs={"slug": event.slug}) not in page
    listing = Client().get(reverse("talent:events")).content.decode()
    assert reverse("talent:events_calendar") in listing


def test_an_unknown_event_is_not_found():
    response = Client().get(reverse("talent:event_calendar", kwargs={"slug": "no-such-event"}))
    assert response.status_code == 404
