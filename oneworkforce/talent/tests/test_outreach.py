"""The public form, merging returning people, status links, events and the candidate's rights."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.services import ServiceError
from oneworkforce.talent.casework import privacy
from oneworkforce.talent.models import (
    Application,
    Barrier,
    Candidate,
    Checkpoint,
    Equality,
    EventRegistration,
    RecruitmentEvent,
)
from oneworkforce.talent.outreach import services as outreach
from oneworkforce.talent.tests.factories import (
    ApplicationFactory,
    CampaignFactory,
    CandidateFactory,
    RecruitmentEventFactory,
)

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "Amina Yusuf",
    "email": "amina@example.net",
    "phone": "07700 900 123",
    "postcode": "LS9 7AB",
    "interest_families": ["care_support"],
    "hours": "part_time",
    "previously_unemployed": "on",
    "unemployed_months": "14",
    "barriers": ["english", "transport"],
    "special_consent": "on",
    "consent": "on",
}


def _register(**overrides):
    values = {
        "campaign": None,
        "full_name": "Amina Yusuf",
        "email": "amina@example.net",
        "phone": "",
        "postcode": "",
        "interest_families": [],
        "interest_areas": [],
        "hours": "",
        "previously_unemployed": False,
        "unemployed_months": None,
        "barriers": [],
        "consent": True,
        "special_consent": False,
    }
    return outreach.candidate_register(**{**values, **overrides})


def test_the_campaign_form_records_consent_barriers_and_the_campaign(mailoutbox):
    campaign = CampaignFactory()
    response = Client().post(reverse("talent:join", kwargs={"code": campaign.code}), FORM)
    assert response.status_code == 302
    candidate = Candidate.objects.get(email="amina@example.net")
    assert candidate.phone == "07700900123" and candidate.campaign == campaign
    assert candidate.lawful_basis == "consent" and candidate.consent_wording == "2026-1"
    assert candidate.special_category_consent_at is not None
    assert set(candidate.barriers.values_list("kind", flat=True)) == {"english", "transport"}
    assert candidate.community == campaign.community and candidate.unemployed_months == 14
    assert campaign.responses.count() == 1
    assert "/talent/status/" in mailoutbox[0].body


def test_without_consent_nothing_is_written_and_the_field_is_named():
    response = Client().post(reverse("talent:join_general"), {**FORM, "consent": ""})
    assert response.status_code == 200
    assert "Tick the box to say you agree" in response.content.decode()
    assert not Candidate.objects.exists()


def test_barriers_need_their_own_explicit_consent():
    with pytest.raises(ServiceError, match="what makes work harder") as raised:
        _register(barriers=["housing"])
    assert raised.value.field == "special_consent"
    assert not Candidate.objects.exists()


def test_a_returning_person_is_merged_by_email_or_phone_and_never_told():
    first = _register(phone="07700900123", interest_families=["admin"])
    again = _register(email="", phone="+44 7700 900123", interest_families=["care_support"])
    assert again.merged and again.candidate.pk == first.candidate.pk
    assert Candidate.objects.count() == 1
    candidate = Candidate.objects.get()
    assert candidate.interest_families == ["admin", "care_support"]
    assert candidate.email == "amina@example.net"  # a blank never overwrites


def test_email_and_phone_matching_two_people_flags_a_possible_duplicate():
    one = CandidateFactory(email="one@example.net", phone=None)
    CandidateFactory(email=None, phone="07700900999")
    result = _register(email="one@example.net", phone="07700900999")
    assert result.candidate == one and Candidate.objects.count() == 2
    assert AuditEvent.objects.filter(action="talent.possible_duplicate").exists()


def test_a_bad_phone_number_is_named():
    response = Client().post(reverse("talent:join_general"), {**FORM, "phone": "call me"})
    assert "Enter a phone number" in response.content.decode()
    assert not Candidate.objects.exists()


def test_a_closed_campaign_points_to_the_general_form():
    closed = CampaignFactory(starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 2, 1))
    page = Client().get(reverse("talent:join", kwargs={"code": closed.code})).content.decode()
    assert "This campaign has ended" in page and reverse("talent:join_general") in page


def test_the_public_form_is_rate_limited(settings):
    client = Client()
    for n in range(outreach.PUBLIC_LIMIT):
        client.post(
            reverse("talent:join_general"), {**FORM, "email": f"p{n}@example.net", "phone": ""}
        )
    response = client.post(
        reverse("talent:join_general"), {**FORM, "email": "late@example.net", "phone": ""}
    )
    assert "Too many forms" in response.content.decode()
    assert not Candidate.objects.filter(email="late@example.net").exists()


def test_the_status_page_says_where_things_stand_and_links_expire(mailoutbox):
    links = []
    registration = _register(link_builder=links.append)
    application = ApplicationFactory(candidate=registration.candidate, state="interview")
    token = links[0].rsplit("/", 2)[-2]
    page = Client().get(reverse("talent:status", kwargs={"token": token})).content.decode()
    assert "Interview" in page and "let you know how the interview went" in page
    vacancy = application.vacancy
    assert f"{vacancy.title}, {vacancy.organisation.name}" in page
    later = timezone.now() + dt.timedelta(days=outreach.LINK_DAYS + 1)
    import time_machine

    with time_machine.travel(later):
        assert Client().get(reverse("talent:status", kwargs={"token": token})).status_code == 404


def test_asking_for_a_link_says_the_same_for_unknown_addresses(mailoutbox):
    _register()
    client = Client()
    known = client.post(reverse("talent:status_request"), {"email": "AMINA@example.net"})
    unknown = client.post(reverse("talent:status_request"), {"email": "nobody@example.net"})
    assert known.content.decode().count("If we have that address") == 1
    assert "If we have that address" in unknown.content.decode()
    assert len(mailoutbox) == 2  # one on registering, one on asking


def test_a_candidate_downloads_their_data_then_deletes_it_and_counts_survive(talent_coordinator):
    registration = _register(barriers=["english"], special_consent=True)
    candidate = registration.candidate
    Equality.objects.create(candidate=candidate, ethnicity="asian")
    application = ApplicationFactory(candidate=candidate, state="started")
    Checkpoint.objects.create(application=application, months=6, due_on=timezone.localdate())
    token = outreach.status_link_create(candidate=candidate)
    data = json.loads(Client().get(reverse("talent:status_data", kwargs={"token": token})).content)
    assert data["name"] == "Amina Yusuf" and data["barriers"][0]["barrier"] == "English language"
    assert data["equality_monitoring"]["ethnicity"] == "asian"
    response = Client().post(reverse("talent:status_delete", kwargs={"token": token}))
    assert "have been deleted" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.is_anonymised and candidate.full_name == "" and candidate.email is None
    assert not Equality.objects.exists() and Barrier.objects.filter(kind="english").exists()
    assert Application.objects.filter(state="started").count() == 1
    assert Client().get(reverse("talent:status", kwargs={"token": token})).status_code == 404


def test_the_retention_job_anonymises_only_idle_people_with_nothing_outstanding():
    old = timezone.now() - dt.timedelta(days=800)
    idle = CandidateFactory(last_activity_at=old)
    waiting = CandidateFactory(last_activity_at=old)
    ApplicationFactory(candidate=waiting, state="interview")
    recent = CandidateFactory()
    assert privacy.anonymise_due(timezone.now()) == 1
    assert privacy.anonymise_due(timezone.now()) == 0
    idle.refresh_from_db()
    waiting.refresh_from_db()
    recent.refresh_from_db()
    assert idle.is_anonymised and not waiting.is_anonymised and not recent.is_anonymised


def test_events_take_registrations_up_to_capacity(org_a):
    starts = timezone.now() + dt.timedelta(days=3)
    event = RecruitmentEvent.objects.create(
        title="Fair",
        slug="fair",
        kind="fair",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        venue="Hall",
        organiser=org_a,
        capacity=1,
    )
    client = Client()
    url = reverse("talent:event", kwargs={"slug": event.slug})
    first = client.post(url, {"full_name": "A", "email": "a@example.net", "consent": "on"})
    assert first.status_code == 302 and event.registrations.count() == 1
    full = client.post(url, {"full_name": "B", "email": "b@example.net", "consent": "on"})
    assert "This event is full" in full.content.decode()
    assert event.registrations.count() == 1
    assert not Candidate.objects.filter(email="b@example.net").exists()
    again = client.post(url, {"full_name": "A", "email": "a@example.net", "consent": "on"})
    assert again.status_code == 302 and event.registrations.count() == 1


def _event(organiser, *, in_days=3, **values):
    starts = timezone.now() + dt.timedelta(days=in_days)
    return RecruitmentEvent.objects.create(
        **{
            "title": "Jobs fair",
            "slug": f"jobs-fair-{in_days}",
            "kind": "fair",
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=3),
            "venue": "Town hall",
            "organiser": organiser,
            **values,
        }
    )


def _registered(event, *people):
    for name, email in people:
        outreach.event_register(event=event, full_name=name, email=email, phone="", consent=True)


def _has_started(event):
    """Registration closes when an event ends, so tests register first, then move it on."""
    event.starts_at = timezone.now() - dt.timedelta(hours=1)
    event.ends_at = event.starts_at + dt.timedelta(hours=3)
    event.save()


def _change(event, actor, **changes):
    values = {
        "organiser": event.organiser,
        "title": event.title,
        "kind": event.kind,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "venue": event.venue,
        "capacity": event.capacity,
    }
    return outreach.event_save(actor=actor, event=event, **{**values, **changes})


def test_an_event_is_changed_and_the_change_audited_but_places_never_fall_below_registrations(
    admin_a, org_a
):
    event = _event(org_a, capacity=10)
    _registered(event, ("A", "a@example.net"), ("B", "b@example.net"))
    with pytest.raises(ServiceError, match="give at least 2 places") as refused:
        _change(event, admin_a, capacity=1)
    assert refused.value.field == "capacity"
    event.refresh_from_db()
    assert event.capacity == 10
    changed = _change(event, admin_a, venue="Library", capacity=2)
    assert (changed.venue, changed.capacity, changed.slug) == ("Library", 2, event.slug)
    audit = AuditEvent.objects.get(action="talent.event_changed")
    assert audit.changes["venue"] == {"from": "Town hall", "to": "Library"}
    assert changed.partners.filter(organisation=org_a).exists()


def test_cancelling_tells_everyone_registered_by_e_mail_and_closes_the_event(
    admin_a, org_a, mailoutbox
):
    event = _event(org_a)
    _registered(event, ("A", "a@example.net"), ("B", "b@example.net"))
    outreach.event_register(
        event=event, full_name="C", email="", phone="07700 900 456", consent=True
    )
    mailoutbox.clear()
    with pytest.raises(ServiceError, match="Say why") as refused:
        outreach.event_cancel(actor=admin_a, event=event, reason="  ")
    assert refused.value.field == "reason"
    told = outreach.event_cancel(actor=admin_a, event=event, reason="The hall is flooded")
    assert told == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.net", "b@example.net"]
    assert "The hall is flooded" in mailoutbox[0].body
    event.refresh_from_db()
    assert event.cancelled_at is not None and event.cancel_reason == "The hall is flooded"
    with pytest.raises(ServiceError, match="not taking registrations"):
        outreach.event_register(event=event, full_name="D", email="d@x.org", phone="", consent=True)
    with pytest.raises(ServiceError, match="cannot be changed"):
        _change(event, admin_a, venue="Library")
    with pytest.raises(ServiceError, match="already been cancelled"):
        outreach.event_cancel(actor=admin_a, event=event, reason="Again")
    page = Client().get(reverse("talent:event", kwargs={"slug": event.slug})).content.decode()
    assert "The hall is flooded" in page and "Register to come" not in page
    token = outreach.status_link_create(candidate=Candidate.objects.get(email="a@example.net"))
    status = Client().get(reverse("talent:status", kwargs={"token": token})).content.decode()
    assert "Jobs fair</a>" in status and "<strong>cancelled</strong>" in status


def test_attendance_is_recorded_once_the_event_has_started(talent_coordinator, org_a):
    event = _event(org_a, in_days=1)
    _registered(event, ("A", "a@example.net"), ("B", "b@example.net"))
    first, second = event.registrations.order_by("pk")
    with pytest.raises(ServiceError, match="once the event has started"):
        outreach.attendance_record(actor=talent_coordinator, event=event, attended={first.pk: True})
    _has_started(event)
    other = _event(org_a, in_days=2)
    _registered(other, ("C", "c@example.net"))
    stranger = other.registrations.get()
    with pytest.raises(ServiceError, match="not registered for this event"):
        outreach.attendance_record(
            actor=talent_coordinator, event=event, attended={stranger.pk: True}
        )
    changed = outreach.attendance_record(
        actor=talent_coordinator, event=event, attended={first.pk: True, second.pk: False}
    )
    assert changed == 2
    assert [r.attended for r in event.registrations.order_by("pk")] == [True, False]
    assert AuditEvent.objects.filter(action="talent.event_attendance").count() == 1
    assert (
        outreach.attendance_record(
            actor=talent_coordinator, event=event, attended={first.pk: True, second.pk: False}
        )
        == 0
    )


def test_the_attendance_page_lists_who_registered_and_saves_answers(talent_coordinator, org_a):
    event = _event(org_a, in_days=1)
    _registered(event, ("Amina Yusuf", "a@example.net"))
    _has_started(event)
    registration = event.registrations.get()
    client = Client()
    client.force_login(talent_coordinator)
    url = reverse("talent:event_attendance", kwargs={"slug": event.slug})
    page = client.get(url).content.decode()
    assert "Amina Yusuf" in page
    assert AuditEvent.objects.filter(action="talent.event_registrations_viewed").exists()
    saved = client.post(url, {f"came_{registration.pk}": "yes"})
    assert saved.status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
    shown = client.get(reverse("talent:event", kwargs={"slug": event.slug})).content.decode()
    assert "1 came" in shown


def test_a_partner_signs_up_once_to_an_event(admin_a, org_a, org_b):
    starts = timezone.now() + dt.timedelta(days=3)
    event = outreach.event_save(
        actor=admin_a,
        organiser=org_a,
        title="Open day",
        kind="open_day",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        venue="Hall",
    )
    with pytest.raises(ServiceError, match="already signed up"):
        outreach.event_partner_signup(actor=admin_a, event=event, organisation=org_a)
    outreach.event_partner_signup(actor=admin_a, event=event, organisation=org_b)
    assert event.partners.count() == 2


def test_a_campaign_page_shows_its_qr_code(talent_coordinator):
    campaign = CampaignFactory()
    client = Client()
    client.force_login(talent_coordinator)
    page = client.get(reverse("talent:campaign", kwargs={"slug": campaign.slug})).content.decode()
    assert "<svg" in page and f"/talent/join/{campaign.code}" in page
    svg = client.get(reverse("talent:campaign_qr", kwargs={"slug": campaign.slug}))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content


def test_run_due_jobs_knows_the_talent_hub_s_jobs():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("run_due_jobs", only=["talent-retention", "talent-overdue"], stdout=out)
    assert "talent-retention" in out.getvalue() and "talent-overdue" in out.getvalue()


# Importing candidates --------------------------------------------------------------------------

CANDIDATES_HEADER = (
    "name,email,phone,postcode,kinds_of_work,hours,out_of_work,months_out_of_work,"
    "lawful_basis,consent_date,campaign\n"
)


def test_a_good_candidates_file_adds_everyone(talent_coordinator):
    from oneworkforce.talent.casework import candidate_import

    campaign = CampaignFactory()
    text = (
        CANDIDATES_HEADER
        + "Jo Example,jo@example.net,,LS9 7AB,care_support;admin,part_time,yes,8,"
        + f"consent,2026-11-02,{campaign.code}\n"
        + "Ali Example,,07700 900456,,,,,,public_task,,\n"
    )
    assert candidate_import.candidates_import(actor=talent_coordinator, data=text.encode()) == 2
    jo = Candidate.objects.get(email="jo@example.net")
    assert jo.interest_families == ["admin", "care_support"] and jo.campaign == campaign
    assert jo.unemployed_months == 8 and jo.consent_at is not None
    assert Candidate.objects.get(phone="07700900456").lawful_basis == "public_task"


def test_a_candidates_file_with_bad_lines_writes_nothing_and_names_each(talent_coordinator):
    from oneworkforce.talent.casework import candidate_import
    from oneworkforce.talent.pipeline.vacancy_import import ImportProblems

    CandidateFactory(email="held@example.net")
    text = (
        CANDIDATES_HEADER
        + "Good Person,good@example.net,,,,,,,consent,2026-11-01,\n"
        + "No Contact,,,,,,,,consent,2026-11-01,\n"
        + "Bad Basis,b@example.net,,,,,,,whatever,,\n"
        + "No Date,d@example.net,,,,,,,consent,,\n"
        + "Held,held@example.net,,,,,,,consent,2026-11-01,\n"
        + "Twice,good@example.net,,,,,,,consent,2026-11-01,\n"
        + "Bad Campaign,c@example.net,,,,,,,consent,2026-11-01,NOPE\n"
    )
    with pytest.raises(ImportProblems) as raised:
        candidate_import.candidates_import(actor=talent_coordinator, data=text.encode())
    problems = raised.value.problems
    assert "Line 3, email: give an e-mail address or a phone number" in problems
    assert any(p.startswith("Line 4, lawful_basis:") for p in problems)
    assert any(p.startswith("Line 5, consent_date:") for p in problems)
    assert any(p.startswith("Line 6, email: already held as C-") for p in problems)
    assert "Line 7, email: the same as line 2" in problems
    assert "Line 8, campaign: no campaign has the code NOPE" in problems
    assert Candidate.objects.count() == 1  # only the one held before


def test_a_candidate_corrects_their_own_details_and_the_change_is_audited():
    person = _register(email="amina@example.net", phone="07700 900 123").candidate
    CandidateFactory(email="someone.else@example.net")
    token = outreach.status_link_create(candidate=person)
    url = reverse("talent:status_correct", kwargs={"token": token})
    client = Client()
    assert "amina@example.net" in client.get(url).content.decode()
    taken = client.post(url, {"full_name": "Amina Y", "email": "someone.else@example.net"})
    assert "Ask your talent coordinator" in taken.content.decode()
    assert "someone.else" not in str(taken.context["form"].errors)  # never says whose it is
    nothing = client.post(url, {"full_name": "Amina Y", "email": "", "phone": ""})
    assert "Enter an e-mail address or a phone number" in nothing.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Amina Yusuf" and person.email == "amina@example.net"
    saved = client.post(
        url,
        {"full_name": "Amina Yusuf-Khan", "email": "amina.yk@example.net", "postcode": "ls9 7ab"},
    )
    assert saved.status_code == 302
    person.refresh_from_db()
    assert (person.full_name, person.email, person.phone, person.postcode) == (
        "Amina Yusuf-Khan",
        "amina.yk@example.net",
        None,
        "LS9 7AB",
    )
    change = AuditEvent.objects.get(action="talent.candidate_corrected")
    assert change.actor is None and "by the candidate" in change.object_repr
    assert set(change.changes) >= {"full_name", "email", "phone", "postcode"}
    assert "amina.yk@example.net" not in str(change.changes)  # personal values are redacted


def test_a_partner_sees_only_the_campaigns_it_takes_part_in_and_cannot_change_them(
    admin_a, org_a, org_b
):
    ours = CampaignFactory(name="Care careers in Harehills", slug="ours")
    ours.partners.add(org_a)
    theirs = CampaignFactory(name="Hospital jobs in Beeston", slug="theirs")
    theirs.partners.add(org_b)
    _register(campaign=ours)
    client = Client()
    client.force_login(admin_a)
    listing = client.get(reverse("talent:campaigns")).content.decode()
    assert "Care careers in Harehills" in listing and "Hospital jobs in Beeston" not in listing
    assert "Start a campaign" not in listing
    page = client.get(reverse("talent:campaign", kwargs={"slug": "ours"}))
    assert page.status_code == 200 and page.context["people"] == 1
    assert "Change the campaign" not in page.content.decode()
    assert "Amina" not in page.content.decode()  # counts, never people
    assert client.get(reverse("talent:campaign", kwargs={"slug": "theirs"})).status_code == 404
    assert (
        client.get(reverse("talent:campaign_poster", kwargs={"slug": "theirs"})).status_code == 404
    )


def test_event_times_are_shown_in_uk_time_whatever_the_season(org_a, mailoutbox):
    # Stored in UTC: 09:00 and 12:30 UTC on a June day are 10am and 1:30pm British Summer Time,
    # and 23:30 UTC on 15 June is already 16 June in the UK.
    summer = dt.datetime(2027, 6, 15, 9, 0, tzinfo=dt.UTC)
    fair = RecruitmentEventFactory(
        organiser=org_a, starts_at=summer, ends_at=summer + dt.timedelta(hours=3, minutes=30)
    )
    late = dt.datetime(2027, 6, 15, 23, 30, tzinfo=dt.UTC)
    night = RecruitmentEventFactory(
        organiser=org_a, starts_at=late, ends_at=late + dt.timedelta(hours=2)
    )
    page = Client().get(reverse("talent:event", kwargs={"slug": fair.slug})).content.decode()
    assert "15 June 2027, 10am to 1:30pm" in page
    page = Client().get(reverse("talent:event", kwargs={"slug": night.slug})).content.decode()
    assert "16 June 2027, 12:30am to 2:30am" in page
    _registered(fair, ("Ola", "ola@example.net"))
    outreach.event_cancel(actor=None, event=fair, reason="The hall flooded")
    assert "on 15 June 2027 at 10am at Town hall" in mailoutbox[-1].body


def test_recruiters_find_recent_events_to_record_who_came(
    org_a, talent_coordinator, admin_a, learner
):
    waiting = RecruitmentEventFactory(title="Jobs fair in May", organiser=org_a, in_days=2)
    _registered(waiting, ("Ola", "ola@example.net"), ("Sam", "sam@example.net"))
    _has_started(waiting)
    waiting.ends_at = timezone.now() - dt.timedelta(minutes=5)
    waiting.save()
    recorded = RecruitmentEventFactory(title="Open day", organiser=org_a, in_days=-3)
    for attended in (True, True, False):
        EventRegistration.objects.create(
            event=recorded, candidate=CandidateFactory(), attended=attended
        )
    RecruitmentEventFactory(
        title="Called-off fair", organiser=org_a, in_days=-5, cancelled_at=timezone.now()
    )
    RecruitmentEventFactory(title="Spring fair", organiser=org_a, in_days=-90)

    client = Client()
    client.force_login(talent_coordinator)
    page = client.get(reverse("talent:events")).content.decode()
    recent = page[page.index("Recent events") :]
    assert "Jobs fair in May" in recent and "Spring fair" not in recent
    attendance = reverse("talent:event_attendance", kwargs={"slug": waiting.slug})
    assert attendance in recent and "2 of 3 recorded" in recent and "Cancelled" in recent
    client.force_login(admin_a)
    page = client.get(reverse("talent:events")).content.decode()
    assert "Recent events" in page and attendance not in page and "Not recorded" in page
    for visitor in (learner, None):
        client = Client()
        if visitor is not None:
            client.force_login(visitor)
        assert "Recent events" not in client.get(reverse("talent:events")).content.decode()
