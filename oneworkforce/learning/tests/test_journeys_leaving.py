"""Browser journeys (axe-core on every page, and at 390 px): a learner leaves a programme after
a confirmation and enrols again with their completed step still counted, while the provider's
figures count them as withdrawn in between; a social worker in a council chooses the Social
Work England preset, records a piece of CPD reflected on with a peer and downloads the
summary."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oneworkforce.core.models import AuditEvent
from oneworkforce.core.tests.browser import (
    assert_accessible,
    assert_fits_a_phone,
    sign_in_as,
    submit,
)
from oneworkforce.learning.cpd import services as cpd_services
from oneworkforce.learning.models import CpdEntry, ProgrammeEnrolment
from oneworkforce.partners.tests.factories import (
    UserFactory,
)

from .factories import CompletionFactory, care_certificate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_leaves_a_programme_and_enrols_again_keeping_their_step(page, live_server):
    # Given a care provider's two-step programme and a learner enrolled who did the first step
    home, admin, programme, steps = care_certificate()
    learner = UserFactory(full_name="Jordan Ellis")
    ProgrammeEnrolment.objects.create(programme=programme, learner=learner)
    CompletionFactory(learner=learner, opportunity=steps[0])
    sign_in_as(page, learner, live_server.url)

    # When they open the programme and choose to leave, they are asked to confirm first
    page.goto(f"/learning/programmes/{programme.slug}/")
    expect(page.get_by_text("1 of 2 steps needed are done (50%)")).to_be_visible()
    page.get_by_role("link", name="Leave this programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Leave Care Certificate: spring cohort?"
    )
    assert_accessible(page)
    assert_fits_a_phone(page)
    assert not ProgrammeEnrolment.objects.get(learner=learner).withdrawn
    submit(page, "Yes, leave the programme")

    # Then they have left, their completed step is still in their CPD log
    expect(page.get_by_text("You have left Care Certificate: spring cohort.")).to_be_visible()
    expect(page.get_by_text("You left this programme on")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)
    assert CpdEntry.objects.filter(person=learner, title="Duty of care").exists()

    # And the provider counts them as withdrawn, not active
    provider = page.context.browser.new_context(base_url=live_server.url, locale="en-GB")
    admin_page = provider.new_page()
    sign_in_as(admin_page, admin, live_server.url)
    admin_page.goto(f"/learning/manage/{home.slug}/programmes/")
    row = admin_page.get_by_role("row", name="Care Certificate: spring cohort")
    # Each cell also holds its column's name for phones: the figure ends it.
    expect(row.get_by_role("cell").nth(3)).to_have_text(re.compile(r"Learners active\s+0\s*$"))
    expect(row.get_by_role("cell").nth(5)).to_have_text(re.compile(r"Withdrawn\s+1\s*$"))
    assert_accessible(admin_page)
    admin_page.get_by_role("link", name="Learners on Care Certificate: spring cohort").click()
    expect(admin_page.get_by_text("Left", exact=True)).to_be_visible()
    assert_accessible(admin_page)
    assert_fits_a_phone(admin_page)
    provider.close()

    # When the learner enrols again, the step they did counts at once
    submit(page, "Enrol again")
    expect(page.get_by_text("You are enrolled on Care Certificate: spring cohort.")).to_be_visible()
    expect(page.get_by_text("1 of 2 steps needed are done (50%)")).to_be_visible()
    assert_accessible(page)
    assert list(
        AuditEvent.objects.filter(action__startswith="learning.programme_")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["learning.programme_left", "learning.programme_re_enrolled"]


def test_a_social_worker_chooses_social_work_england_and_downloads_the_summary(page, live_server):
    # Given a council social worker with one piece of CPD written up
    worker = UserFactory(full_name="Priya Nair", job_title="Social worker, council adults' team")
    cpd_services.cpd_entry_save(
        actor=worker,
        entry=None,
        done_on=timezone.localdate() - dt.timedelta(days=30),
        days=1,
        title="Mental Capacity Act refresher",
        hours=Decimal(3),
        participatory=True,
        learnt="How to record a capacity assessment decision by decision.",
        practice_change="I now write down each decision I assess separately.",
    )
    sign_in_as(page, worker, live_server.url)

    # When she chooses Social Work England among equals and her renewal date
    page.goto("/learning/my/cpd/revalidation")
    assert_accessible(page)
    choices = page.get_by_role("group", name="Who do you renew your registration with?")
    expect(choices.get_by_role("radio")).to_have_count(3)
    expect(choices.get_by_role("radio", checked=True)).to_have_count(0)
    choices.get_by_label("Social Work England registration renewal").check()
    renewal = timezone.localdate() + dt.timedelta(days=120)
    group = page.get_by_role("group", name="Date your registration is next renewed")
    group.get_by_label("Day").fill(str(renewal.day))
    group.get_by_label("Month").fill(str(renewal.month))
    group.get_by_label("Year").fill(str(renewal.year))
    submit(page, "Save renewal date")

    # Then the summary counts pieces of CPD, and one reflected on with a peer is still needed
    expect(page.get_by_text("Your renewal date is saved.")).to_be_visible()
    expect(page.get_by_text("1 of 2 pieces")).to_be_visible()
    expect(page.get_by_text("0 of 1 pieces")).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)

    # When she adds group supervision with what she learnt from her peers
    page.goto("/learning/my/cpd/new")
    page.get_by_label("What was the learning?").fill("Group supervision: a safeguarding case")
    day = timezone.localdate() - dt.timedelta(days=3)
    group = page.get_by_role("group", name="Date you did it")
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Hours").fill("1.5")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("What did you learn?", exact=True).fill("Hearing the person's own words.")
    page.get_by_label("How has it changed your practice?").fill("I quote people in my reports.")
    page.get_by_label("What did you learn from discussing it with a peer?").fill(
        "A colleague showed me how I had framed the risk for the family."
    )
    assert_accessible(page)
    assert_fits_a_phone(page)
    submit(page, "Save")
    expect(page.get_by_text("Saved in your CPD log.")).to_be_visible()

    # Then both requirements are met, and she downloads the summary (audited)
    page.goto("/learning/my/cpd/revalidation")
    expect(page.get_by_text("2 of 2 pieces")).to_be_visible()
    expect(page.get_by_text("1 of 1 pieces")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the summary (PDF)").click()
    with open(download.value.path(), "rb") as saved:
        assert saved.read(5) == b"%PDF-"
    assert AuditEvent.objects.filter(
        action="personal_data.downloaded", changes__download="CPD summary (PDF)"
    ).exists()
