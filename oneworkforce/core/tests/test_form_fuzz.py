"""No form input may cause a server error: every form page in the authorization matrix is sent
random values for its own field names (as a person allowed to use it)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneworkforce.core.tests import authz

_, RULES = authz.collect_rules()

FIELD_NAME = re.compile(r'name="([a-z_]+)"')
FORM_PAGES = sorted(name for name, rule in RULES.items() if "POST" in rule.methods)

awkward_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "2026-02-30", "<script>", "NaN"]),
)


def _user_for(rule: authz.Rule, world):
    for role in (authz.PARTNERSHIP_ADMIN, authz.TALENT_COORDINATOR, authz.ADMIN_A, authz.LEARNER):
        if role in rule.allowed:
            return world.users[role]
    return None


@pytest.mark.parametrize("name", FORM_PAGES)
def test_random_form_input_never_causes_a_server_error(name, shared_world):
    world = shared_world
    rule = RULES[name]
    client = Client()
    user = _user_for(rule, world)
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=rule.kwargs(world) or None)
    page = client.get(url)
    fields = (
        sorted(set(FIELD_NAME.findall(page.content.decode()))) if page.status_code == 200 else []
    )
    fields = [f for f in fields if f != "csrfmiddlewaretoken"] or ["unexpected"]

    @settings(max_examples=12, suppress_health_check=list(HealthCheck))
    @given(st.dictionaries(st.sampled_from(fields), awkward_text))
    def post(data):
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)

    post()
