"""Explainable suggestions of needs that read alike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from oneworkforce.decisions.similarity import suggest_pairs, tfidf, words

NEEDS = {
    1: "Newly qualified nurses leave within two years; retention of new starters is poor.",
    2: "Care workers leave in their first year: retention of new starters in home care.",
    3: "Not enough practice supervisors for pharmacy technicians in community pharmacies.",
}


def test_needs_that_share_distinctive_words_are_suggested_with_those_words():
    suggestions = suggest_pairs(NEEDS)
    assert [(s.first, s.second) for s in suggestions] == [(1, 2)]
    assert {"retention", "starter", "leave"} <= set(suggestions[0].shared_words)


def test_words_are_lowercased_stemmed_and_stop_words_dropped():
    assert words("The Carers are LEAVING their jobs") == ["carer", "leav", "job"]


texts = st.dictionaries(
    st.integers(0, 20),
    st.lists(
        st.sampled_from(["retention", "nurses", "care", "pharmacy", "digital", "rural"]), max_size=6
    ).map(" ".join),
    max_size=8,
)


@given(texts)
def test_similarities_are_between_zero_and_one_and_vectors_are_unit_length(documents):
    for vector in tfidf(documents).values():
        if vector:
            assert abs(sum(w * w for w in vector.values()) - 1) < 1e-9
    for suggestion in suggest_pairs(documents, threshold=0.0):
        assert -1e-9 <= suggestion.similarity <= 1 + 1e-9
        assert suggestion.first < suggestion.second
