"""The shared bank of values-based screening questions, written for this project in plain words.

Each question explores one value from the NHS Constitution or from the values adult social care
employers recruit for (the "values-based recruitment" approach). The wording is our own. Synced
into ``ScreeningQuestion`` after every migrate; coordinators choose which to ask.
"""

from __future__ import annotations

from typing import Any

from .models import ScreeningQuestion

BANK: tuple[dict[str, str], ...] = (
    {
        "code": "together-for-people",
        "value": "Working together for the people we care for",
        "source": "nhs_constitution",
        "text": (
            "Tell us about a time you worked with other people to get something done for someone "
            "else. What did you do, and what did the others do?"
        ),
        "listen_for": (
            "Puts the other person's needs first; shares the work; asks for and gives help."
        ),
    },
    {
        "code": "respect-dignity",
        "value": "Respect and dignity",
        "source": "nhs_constitution",
        "text": (
            "Think of someone whose views or way of life was very different from yours. How did "
            "you make sure they felt respected?"
        ),
        "listen_for": "Listens without judging; adapts how they speak; protects privacy.",
    },
    {
        "code": "quality-of-care",
        "value": "Commitment to quality of care",
        "source": "nhs_constitution",
        "text": (
            "Have you ever noticed something that was not quite right and done something about "
            "it? What happened?"
        ),
        "listen_for": "Notices, speaks up, follows through; owns mistakes.",
    },
    {
        "code": "compassion",
        "value": "Compassion",
        "source": "nhs_constitution",
        "text": (
            "Tell us about a time someone was upset or worried and you helped. How did you know "
            "what they needed?"
        ),
        "listen_for": "Notices feelings; takes time; practical kindness.",
    },
    {
        "code": "improving-lives",
        "value": "Improving lives",
        "source": "nhs_constitution",
        "text": "What would make you proud at the end of a day's work in health or care?",
        "listen_for": "Motivation rooted in making a difference to people.",
    },
    {
        "code": "everyone-counts",
        "value": "Everyone counts",
        "source": "nhs_constitution",
        "text": "How would you make sure someone who finds it hard to speak up still gets heard?",
        "listen_for": (
            "Fairness; includes people who are easily missed; uses other ways to communicate."
        ),
    },
    {
        "code": "person-centred",
        "value": "Putting the person at the centre",
        "source": "social_care",
        "text": (
            "If you were helping someone get ready in the morning, how would you find out how "
            "they like things done?"
        ),
        "listen_for": "Asks the person; respects choices and routines; promotes independence.",
    },
    {
        "code": "reliability",
        "value": "Being reliable and honest",
        "source": "social_care",
        "text": (
            "People rely on care workers turning up. Tell us about a time other people relied on "
            "you. How did you make sure you did not let them down?"
        ),
        "listen_for": "Plans ahead; tells people early when something goes wrong; honesty.",
    },
    {
        "code": "learning",
        "value": "Willing to learn",
        "source": "social_care",
        "text": (
            "Tell us about something new you learned recently, at work or anywhere else. How did "
            "you go about it?"
        ),
        "listen_for": "Curiosity; asks for feedback; keeps going when it is hard.",
    },
)


def sync_questions() -> int:
    """Add or update every question in the bank; questions no longer listed are kept (answers
    point at them) but marked inactive. Returns how many questions are active."""
    codes = []
    for position, entry in enumerate(BANK):
        ScreeningQuestion.objects.update_or_create(
            code=entry["code"],
            defaults={**entry, "position": position, "is_active": True},
        )
        codes.append(entry["code"])
    ScreeningQuestion.objects.exclude(code__in=codes).update(is_active=False)
    return len(codes)


def sync_after_migrate(**kwargs: Any) -> None:
    """``post_migrate`` handler: the bank is there on every new or upgraded database."""
    sync_questions()
