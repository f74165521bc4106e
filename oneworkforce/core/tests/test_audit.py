"""The audit log is append-only and records differences, redacting sensitive fields."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core import audit
from oneworkforce.core.models import AppendOnlyError, AuditEvent

values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.booleans())
records = st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), values)


@given(before=records, after=records)
def test_diff_lists_exactly_the_fields_that_changed(before, after):
    changes = audit.diff(before, after)
    for name in set(before) | set(after):
        changed = before.get(name) != after.get(name)
        assert (name in changes) == changed
        if changed:
            assert changes[name] == {"from": before.get(name), "to": after.get(name)}


@given(before=records, after=records)
def test_sensitive_fields_never_carry_values(before, after):
    changes = audit.diff(before, after, sensitive={"a", "b"})
    for name in ("a", "b"):
        if name in changes:
            assert changes[name] == {"changed": True}


@pytest.mark.django_db
def test_an_event_cannot_be_changed_or_deleted(org_a, learner):
    event = audit.record(actor=learner, action="test.done", obj=org_a)
    event.action = "test.undone"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().action == "test.done"


@pytest.mark.django_db
def test_system_events_have_no_actor(org_a):
    event = audit.record(actor=None, action="job.ran", obj=org_a)
    assert event.actor is None
    assert event.actor_label == "System"
    assert event.object_type == "partners.organisation"
    assert event.object_id == str(org_a.pk)
