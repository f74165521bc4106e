"""Reads for the decisions pages."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, QuerySet

from .models import DecisionRound, Need, NeedLink, Proposal, Theme
from .similarity import suggest_pairs


def needs(faculty_slug: str = "") -> QuerySet[Need]:
    found = Need.objects.select_related("faculty").prefetch_related("themes", "organisations")
    return found.filter(faculty__slug=faculty_slug) if faculty_slug else found


def recurring_themes() -> list[tuple[Theme, int, list[str]]]:
    """Themes named by needs in more than one faculty: candidates for working together."""
    rows = []
    themes = Theme.objects.annotate(faculties=Count("needs__faculty", distinct=True)).filter(
        faculties__gt=1
    )
    for theme in themes.prefetch_related("needs__faculty"):
        names = sorted({n.faculty.name for n in theme.needs.all()})
        rows.append((theme, len(names), names))
    return sorted(rows, key=lambda row: (-row[1], row[0].name))


def proposal_detail(pk: int) -> Proposal:
    return Proposal.objects.prefetch_related(
        "needs__faculty", "organisations", "reviews__value", "reviews__reviewer"
    ).get(pk=pk)


def round_results(decision_round: DecisionRound) -> dict[str, Any]:
    """Rows per proposal, and the share of the budget reaching each faculty and sector."""
    result = decision_round.result
    proposals = {
        str(p.pk): p
        for p in decision_round.proposals.prefetch_related("needs__faculty", "organisations")
    }
    rows = []
    by_faculty: dict[str, int] = defaultdict(int)
    by_sector: dict[str, int] = defaultdict(int)
    for project_id in sorted(
        proposals, key=lambda p: (-result["projects"][p]["votes"], proposals[p].title)
    ):
        proposal, outcome = proposals[project_id], result["projects"][project_id]
        rows.append({"proposal": proposal, **outcome})
        if outcome["funded"]:
            for faculty in proposal.faculties:
                by_faculty[faculty.name] += proposal.cost
            for sector in {o.get_sector_display() for o in proposal.organisations.all()}:
                by_sector[sector] += proposal.cost
    titles = {pid: proposals[pid].title for pid in proposals}
    return {
        "rows": rows,
        "by_faculty": sorted(by_faculty.items(), key=lambda kv: -kv[1]),
        "by_sector": sorted(by_sector.items(), key=lambda kv: -kv[1]),
        "other_rules": {
            rule: [titles[p] for p in selected] for rule, selected in result["other_rules"].items()
        },
    }


def suggested_groupings(limit: int = 20) -> list[dict[str, Any]]:
    """Pairs of needs from different faculties that read alike and nobody has decided on."""
    needs_by_id = {n.pk: n for n in Need.objects.select_related("faculty")}
    decided = set(NeedLink.objects.values_list("first_id", "second_id"))
    documents = {pk: f"{n.title}. {n.description}" for pk, n in needs_by_id.items()}
    rows = []
    for suggestion in suggest_pairs(documents):
        first, second = needs_by_id[suggestion.first], needs_by_id[suggestion.second]
        if first.faculty_id == second.faculty_id or (first.pk, second.pk) in decided:
            continue
        rows.append(
            {
                "first": first,
                "second": second,
                "similarity": suggestion.similarity,
                "shared_words": suggestion.shared_words,
            }
        )
        if len(rows) == limit:
            break
    return rows


def round_weights(decision_round: DecisionRound) -> str:
    """Plain words for the round's voting weights."""
    if not decision_round.weights:
        return "Every voter counts the same"
    from oneworkforce.partners.models import Organisation

    names = dict(
        Organisation.objects.filter(pk__in=[int(k) for k in decision_round.weights]).values_list(
            "pk", "name"
        )
    )
    parts = [f"{names.get(int(k), 'a partner')}: {v}" for k, v in decision_round.weights.items()]
    return "; ".join(sorted(parts)) + "; everyone else 1"
