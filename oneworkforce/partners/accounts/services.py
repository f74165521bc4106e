"""Workflows of a person's account: sign-in by link and password, the profile, the
affiliations a person asks for or ends, and deleting the account.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from oneworkforce import personal_data
from oneworkforce.core import audit
from oneworkforce.core.http import keyed_hash, secret_digest
from oneworkforce.core.services import ServiceError
from oneworkforce.partners.access import can_administer, is_partnership_admin

from ..choices import AffiliationStatus
from ..models import Affiliation, Organisation, SignInAttempt, SignInToken, User


def account_label(user: User) -> str:
    # The audit log names people by account number, so a deleted account leaves no e-mail behind.
    return f"Account #{user.pk}"


def _recent_attempts(
    kind: str, *, address_hash: str | None = None, ip_hash: str | None = None
) -> int:
    since = timezone.now() - dt.timedelta(minutes=settings.SIGN_IN_RATE_WINDOW_MINUTES)
    attempts = SignInAttempt.objects.filter(kind=kind, at__gte=since)
    if address_hash is not None:
        attempts = attempts.filter(address_hash=address_hash)
    if ip_hash is not None:
        attempts = attempts.filter(ip_hash=ip_hash)
    return attempts.count()


@dataclass(frozen=True)
class LinkRequestResult:
    sent: bool
    rate_limited: bool = False


@transaction.atomic
def sign_in_link_request(
    *, email: str, ip: str, link_builder: Any, next_url: str = ""
) -> LinkRequestResult:
    """Send a single-use sign-in link to ``email``, whether or not an account exists yet.

    ``link_builder(token)`` returns the absolute URL of the link. Limited per address and per IP
    address within the rate window; a limited request sends nothing.
    """
    email = email.strip().lower()
    address_hash = keyed_hash("address", email)
    ip_hash = keyed_hash("ip", ip)
    if (
        _recent_attempts(SignInAttempt.Kind.LINK, address_hash=address_hash)
        >= settings.SIGN_IN_RATE_PER_ADDRESS
        or _recent_attempts(SignInAttempt.Kind.LINK, ip_hash=ip_hash)
        >= settings.SIGN_IN_RATE_PER_IP
    ):
        return LinkRequestResult(sent=False, rate_limited=True)
    SignInAttempt.objects.create(
        kind=SignInAttempt.Kind.LINK, address_hash=address_hash, ip_hash=ip_hash
    )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    SignInToken.objects.create(
        email=email,
        token_hash=secret_digest(token),
        created_at=now,
        expires_at=now + dt.timedelta(minutes=settings.SIGN_IN_LINK_MINUTES),
        next_url=next_url[:300],
    )
    link = link_builder(token)
    minutes = settings.SIGN_IN_LINK_MINUTES
    send_mail(
        subject=f"Your link to sign in to {settings.SERVICE_NAME}",
        message=(
            f"Use this link to sign in to {settings.SERVICE_NAME}:\n\n{link}\n\n"
            f"The link works once and stops working after {minutes} minutes.\n"
            "If you did not ask to sign in, you can ignore this e-mail: nobody can sign in "
            "without the link.\n"
        ),
        from_email=None,
        recipient_list=[email],
    )
    return LinkRequestResult(sent=True)


class SignInLinkError(Exception):
    """Why a sign-in link cannot be used: ``invalid``, ``used``, ``expired`` or ``closed``."""

    MESSAGES = {
        "invalid": "This sign-in link is not valid. Check you copied the whole link, or ask "
        "for a new one.",
        "used": "This sign-in link has already been used. Each link works once: ask for a new one.",
        "expired": "This sign-in link has expired. Links stop working after "
        f"{settings.SIGN_IN_LINK_MINUTES} minutes: ask for a new one.",
        "closed": "This account has been closed.",
    }

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = self.MESSAGES[reason]


def _usable_token(token: str, *, lock: bool) -> SignInToken:
    if not token or len(token) > 100:
        raise SignInLinkError("invalid")
    tokens = SignInToken.objects.filter(token_hash=secret_digest(token))
    if lock:
        tokens = tokens.select_for_update()
    found = tokens.first()
    if found is None:
        raise SignInLinkError("invalid")
    if found.used_at is not None:
        raise SignInLinkError("used")
    if found.expires_at <= timezone.now():
        raise SignInLinkError("expired")
    return found


def sign_in_link_check(*, token: str) -> SignInToken:
    """Check a link without using it up (so e-mail scanners that open links do no harm)."""
    return _usable_token(token, lock=False)


@dataclass(frozen=True)
class SignInResult:
    user: User
    created: bool
    next_url: str


@transaction.atomic
def sign_in_link_redeem(*, token: str) -> SignInResult:
    """Use a link: mark it used, create the account on first use, and return the person."""
    found = _usable_token(token, lock=True)
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    user = User.objects.filter(email__iexact=found.email).first()
    created = False
    if user is None:
        user = User.objects.create_user(email=found.email)
        created = True
        audit.record(actor=user, action="account.created", obj=user, label=account_label(user))
    elif not user.is_active:
        raise SignInLinkError("closed")
    return SignInResult(user=user, created=created, next_url=found.next_url)


def password_sign_in_allowed(*, email: str, ip: str) -> bool:
    address_hash = keyed_hash("address", email)
    return (
        _recent_attempts(SignInAttempt.Kind.PASSWORD, address_hash=address_hash)
        < settings.PASSWORD_ATTEMPTS_PER_ADDRESS
        and _recent_attempts(SignInAttempt.Kind.PASSWORD, ip_hash=keyed_hash("ip", ip))
        < settings.SIGN_IN_RATE_PER_IP
    )


def password_attempt_failed(*, email: str, ip: str) -> None:
    SignInAttempt.objects.create(
        kind=SignInAttempt.Kind.PASSWORD,
        address_hash=keyed_hash("address", email),
        ip_hash=keyed_hash("ip", ip),
    )


@transaction.atomic
def password_set(*, user: User, password: str | None) -> None:
    """Set a password (optional: links always work) or remove it with ``None``."""
    if password:
        user.set_password(password)
        action = "account.password_set"
    else:
        user.set_unusable_password()
        action = "account.password_removed"
    user.save(update_fields=["password"])
    audit.record(
        actor=user,
        action=action,
        obj=user,
        changes={"password": dict(audit.REDACTED)},
        label=account_label(user),
    )


def sign_in_records_purge(*, now: dt.datetime | None = None) -> int:
    """Delete used or expired links and attempts older than the rate window. Idempotent."""
    now = now or timezone.now()
    window = now - dt.timedelta(minutes=settings.SIGN_IN_RATE_WINDOW_MINUTES)
    removed, _ = SignInToken.objects.filter(expires_at__lt=window).delete()
    attempts, _ = SignInAttempt.objects.filter(at__lt=window).delete()
    return removed + attempts


PERSONAL_PROFILE_FIELDS = ("full_name", "other_organisation")


@transaction.atomic
def user_profile_update(*, actor: User, user: User, data: dict[str, Any]) -> User:
    before = audit.snapshot_stored(user, User.PROFILE_FIELDS)
    for name in User.PROFILE_FIELDS:
        if name in data:
            setattr(user, name, data[name] or "")
    user.save()
    changes = audit.diff(
        before, audit.snapshot(user, User.PROFILE_FIELDS), sensitive=PERSONAL_PROFILE_FIELDS
    )
    if changes:
        audit.record(
            actor=actor,
            action="profile.updated",
            obj=user,
            changes=changes,
            label=account_label(user),
        )
    return user


@transaction.atomic
def user_digest_set(*, actor: User, user: User, on: bool) -> User:
    """Turn the weekly e-mail of what is waiting on ``user`` on or off (their own choice)."""
    if actor.pk != user.pk:
        raise ServiceError("Only you can change the e-mails you get", field="weekly_digest")
    if user.weekly_digest != on:
        user.weekly_digest = on
        user.save(update_fields=["weekly_digest"])
        audit.record(
            actor=actor,
            action="profile.digest_changed",
            obj=user,
            changes={"weekly_digest": {"from": not on, "to": on}},
            label=account_label(user),
        )
    return user


@transaction.atomic
def affiliation_request(
    *, user: User, organisation: Organisation, relationship: str, job_title: str = ""
) -> Affiliation:
    if Affiliation.objects.open().filter(user=user, organisation=organisation).exists():
        raise ServiceError(f"You are already linked to {organisation.name}.", field="organisation")
    affiliation = Affiliation.objects.create(
        user=user, organisation=organisation, relationship=relationship, job_title=job_title
    )
    audit.record(
        actor=user,
        action="affiliation.requested",
        obj=affiliation,
        organisation=organisation,
        changes={"relationship": {"from": None, "to": relationship}},
        label=f"{account_label(user)} at {organisation.name}",
    )
    return affiliation


@transaction.atomic
def affiliation_end(*, actor: User, affiliation: Affiliation) -> Affiliation:
    if actor.pk != affiliation.user_id and not can_administer(actor, affiliation.organisation):
        raise ServiceError("You cannot change this link.")
    if not affiliation.is_open:
        raise ServiceError("This link has already ended.")
    before = affiliation.status
    affiliation.status = AffiliationStatus.ENDED
    affiliation.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="affiliation.ended",
        obj=affiliation,
        organisation=affiliation.organisation,
        changes={"status": {"from": before, "to": affiliation.status}},
        label=f"{account_label(affiliation.user)} at {affiliation.organisation.name}",
    )
    return affiliation


@transaction.atomic
def account_delete(*, actor: User, user: User) -> None:
    """Delete a person's account by following the personal-data map
    (``oneworkforce.personal_data``): what identifies them goes from every table and from the
    audit log; what reports count stays, with a closed, anonymised account. The audit log
    keeps the account number."""
    if actor.pk != user.pk and not is_partnership_admin(actor):
        raise ServiceError("You can only delete your own account.")
    if not user.is_active:
        raise ServiceError("This account has already been closed.")
    audit.record(actor=actor, action="account.deleted", obj=user, label=account_label(user))
    personal_data.erase(user=user)
