"""Suggest needs that look alike, with the shared words that make them alike (TF-IDF).

Pure Python, no Django: ``suggest_pairs(documents)`` takes ``{id: text}`` and returns pairs whose
cosine similarity reaches the threshold, each with the words that contribute most.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "most",
        "not",
        "of",
        "on",
        "one",
        "or",
        "our",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "too",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "within",
        "without",
        "would",
        "new",
        "staff",
        "people",
        "need",
        "needs",
        "work",
        "working",
    ]
)
_WORD = re.compile(r"[a-z][a-z'-]+")


def words(text: str) -> list[str]:
    tokens = []
    for token in _WORD.findall(text.lower()):
        token = token.strip("'-")
        if len(token) < 3 or token in STOP_WORDS:
            continue
        # A light stem so that "leave", "leaves" and "leaving" meet.
        for suffix in ("ing", "s"):
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                token = token[: -len(suffix)]
                break
        tokens.append(token)
    return tokens


def tfidf(documents: Mapping[int, str]) -> dict[int, dict[str, float]]:
    counts = {key: Counter(words(text)) for key, text in documents.items()}
    document_frequency: Counter[str] = Counter()
    for counter in counts.values():
        document_frequency.update(counter.keys())
    total = len(documents)
    vectors: dict[int, dict[str, float]] = {}
    for key, counter in counts.items():
        weights = {
            # Smoothed inverse document frequency, as in common TF-IDF practice: a word in every
            # need still counts a little, a word in few needs counts more.
            term: (1 + math.log(n)) * (math.log((1 + total) / (1 + document_frequency[term])) + 1)
            for term, n in counter.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[key] = {term: w / norm for term, w in weights.items()}
    return vectors


@dataclass(frozen=True)
class Suggestion:
    first: int
    second: int
    similarity: float
    shared_words: tuple[str, ...]


def suggest_pairs(
    documents: Mapping[int, str], *, threshold: float = 0.15, shown_words: int = 5
) -> list[Suggestion]:
    """Pairs at or above ``threshold`` cosine similarity, most similar first."""
    vectors = tfidf(documents)
    keys = sorted(vectors)
    suggestions = []
    for index, first in enumerate(keys):
        for second in keys[index + 1 :]:
            a, b = vectors[first], vectors[second]
            shared = {term: a[term] * b[term] for term in a.keys() & b.keys()}
            similarity = sum(shared.values())
            if similarity >= threshold:
                top = sorted(shared, key=lambda term: (-shared[term], term))[:shown_words]
                suggestions.append(Suggestion(first, second, round(similarity, 3), tuple(top)))
    return sorted(suggestions, key=lambda s: (-s.similarity, s.first, s.second))
