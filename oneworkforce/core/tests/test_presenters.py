"""The shared pagination presenters, without a database: any page number gives a real page and
the links keep the search."""

from __future__ import annotations

from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.core.presenters import paginate, pagination, query_without_page

requests = RequestFactory()


@given(st.text(max_size=12), st.integers(0, 120))
def test_any_page_number_gives_a_real_page(number, count):
    page = paginate(requests.get("/", {"page": number}), list(range(count)), per_page=25)
    assert 1 <= page.number <= max(1, -(-count // 25))
    assert len(page.object_list) == min(25, max(0, count - (page.number - 1) * 25))


def test_the_links_keep_the_search_and_drop_the_page():
    request = requests.get("/", {"q": "moving and handling", "page": "2", "sector": "nhs"})
    base = query_without_page(request)
    assert "page" not in base and "q=moving+and+handling" in base
    links = pagination(paginate(request, list(range(60))), base)
    assert links["previous"]["href"] == f"?{base}&page=1"
    assert links["next"]["href"] == f"?{base}&page=3"
    assert links["next"]["labelText"] == "Page 3 of 3"


def test_a_single_page_has_no_links_and_no_search_gives_plain_links():
    assert pagination(paginate(requests.get("/"), [1, 2]), "") == {}
    links = pagination(paginate(requests.get("/"), list(range(30))), "")
    assert links == {"next": {"href": "?page=2", "labelText": "Page 2 of 2"}}
