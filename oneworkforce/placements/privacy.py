"""A student's placements data for the personal-data map (``oneworkforce.personal_data``):
their copy, and what deleting their account does to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .models import Concern, Evaluation, Student

if TYPE_CHECKING:
    from oneworkforce.partners.models import User

FORMER = "Former student"


def students(user: User) -> Any:
    return Student.objects.filter(user=user).select_related("programme__provider")


def student_export(user: User) -> list[dict[str, Any]]:
    rows = []
    for student in students(user).prefetch_related(
        "placements__block", "placements__environment", "placements__hours"
    ):
        rows.append(
            {
                "provider": student.programme.provider.name,
                "programme": str(student.programme),
                "reference": student.reference,
                "name": student.name,
                "email": student.email,
                "home_postcode": student.home_postcode,
                "placements": [
                    {
                        "block": p.block.name,
                        "environment": p.environment.name,
                        "status": p.get_status_display(),
                        "why_here": p.why_here,
                        "hours": [
                            {
                                "date": h.worked_on.isoformat(),
                                "hours": str(h.hours),
                                "confirmed": h.confirmed_at is not None,
                            }
                            for h in p.hours.all()
                        ],
                        "evaluation": _evaluation(p),
                    }
                    for p in student.placements.all()
                ],
            }
        )
    return rows


def _evaluation(placement: Any) -> dict[str, Any] | None:
    found = Evaluation.objects.filter(placement=placement).first()
    if found is None:
        return None
    answers = {q: getattr(found, q) for q in Evaluation.QUESTIONS}
    return {**answers, "comment": found.comment}


def identifying_values(user: User) -> set[str]:
    values: set[str] = set()
    for name, email in students(user).values_list("name", "email"):
        values |= {name, email}
    return values


def student_erase(user: User, redact: Callable[[str], str]) -> None:
    """The student's name, e-mail address and home go; their placements, hours and
    evaluation scores stay under "Former student" for the partnership's figures; their
    evaluation comments and the concerns they raised are cleaned of what identifies them."""
    mine = list(students(user))
    Evaluation.objects.filter(placement__student__in=mine).update(comment="")
    for concern in Concern.objects.filter(placement__student__in=mine):
        concern.text = redact(concern.text)
        concern.save(update_fields=["text"])
    for student in mine:
        student.name = FORMER
        student.email = ""
        student.home_postcode = ""
        student.latitude = student.longitude = None
        student.user = None
        student.save()
