"""Workflows of the partnership: sign-in, profiles, affiliations, partners, frameworks, roles.

Each function takes keyword-only arguments, runs in one transaction and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from oneworkforce import personal_data
from oneworkforce.core import audit
from oneworkforce.core.http import keyed_hash, secret_digest
from oneworkforce.core.services import ServiceError, unique_slug

from .choices import (
    ROLE_MAY_HAVE_ORGANISATION,
    ROLE_NEEDS_FACULTY,
    ROLE_NEEDS_ORGANISATION,
    AffiliationStatus,
    Role,
)
from .models import (
    Affiliation,
    Faculty,
    Framework,
    Organisation,
    RoleGrant,
    Signatory,
    SignInAttempt,
    SignInToken,
    Site,
    User,
)


def _account_label(user: User) -> str:
    # The audit log names people by account number, so a deleted account leaves no e-mail behind.
    return f"Account #{user.pk}"


# Sign-in ------------------------------------------------------------------------------------


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
        audit.record(actor=user, action="account.created", obj=user, label=_account_label(user))
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
        label=_account_label(user),
    )


def sign_in_records_purge(*, now: dt.datetime | None = None) -> int:
    """Delete used or expired links and attempts older than the rate window. Idempotent."""
    now = now or timezone.now()
    window = now - dt.timedelta(minutes=settings.SIGN_IN_RATE_WINDOW_MINUTES)
    removed, _ = SignInToken.objects.filter(expires_at__lt=window).delete()
    attempts, _ = SignInAttempt.objects.filter(at__lt=window).delete()
    return removed + attempts


# Profiles and affiliations -------------------------------------------------------------------

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
            label=_account_label(user),
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
        label=f"{_account_label(user)} at {organisation.name}",
    )
    return affiliation


@transaction.atomic
def affiliation_decide(
    *, actor: User, affiliation: Affiliation, confirm: bool, note: str = ""
) -> Affiliation:
    if not actor.administers(affiliation.organisation):
        raise ServiceError("Only this partner's admins can confirm who works there.")
    if affiliation.status != AffiliationStatus.PENDING:
        raise ServiceError("This request has already been decided.")
    before = affiliation.status
    affiliation.status = AffiliationStatus.CONFIRMED if confirm else AffiliationStatus.DECLINED
    affiliation.decided_by = actor
    affiliation.decided_at = timezone.now()
    affiliation.decision_note = note
    affiliation.save()
    audit.record(
        actor=actor,
        action="affiliation.confirmed" if confirm else "affiliation.declined",
        obj=affiliation,
        organisation=affiliation.organisation,
        changes={"status": {"from": before, "to": affiliation.status}},
        label=f"{_account_label(affiliation.user)} at {affiliation.organisation.name}",
    )
    return affiliation


@transaction.atomic
def affiliation_end(*, actor: User, affiliation: Affiliation) -> Affiliation:
    if actor.pk != affiliation.user_id and not actor.administers(affiliation.organisation):
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
        label=f"{_account_label(affiliation.user)} at {affiliation.organisation.name}",
    )
    return affiliation


@transaction.atomic
def account_delete(*, actor: User, user: User) -> None:
    """Delete a person's account by following the personal-data map
    (``oneworkforce.personal_data``): what identifies them goes from every table and from the
    audit log; what reports count stays, with a closed, anonymised account. The audit log
    keeps the account number."""
    if actor.pk != user.pk and not actor.is_partnership_admin:
        raise ServiceError("You can only delete your own account.")
    if not user.is_active:
        raise ServiceError("This account has already been closed.")
    audit.record(actor=actor, action="account.deleted", obj=user, label=_account_label(user))
    personal_data.erase(user=user)


# Organisations and sites ---------------------------------------------------------------------

ORGANISATION_FIELDS = ("name", "sector", "ods_code", "place", "summary", "website", "contact_email")


def _save_unique(instance: Any, *, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise ServiceError(message, field=field) from None


@transaction.atomic
def organisation_create(*, actor: User, data: dict[str, Any]) -> Organisation:
    if not actor.is_partnership_admin:
        raise ServiceError("Only partnership admins can add partners.")
    organisation = Organisation(
        **{k: data.get(k) or "" for k in ORGANISATION_FIELDS if k != "place"}
    )
    organisation.place = data.get("place")
    organisation.ods_code = (organisation.ods_code or "").upper()
    organisation.slug = unique_slug(Organisation, organisation.name)
    _save_unique(
        organisation, field="ods_code", message="Another partner already has this ODS code."
    )
    audit.record(
        actor=actor,
        action="organisation.created",
        obj=organisation,
        organisation=organisation,
        changes=audit.diff({}, audit.snapshot(organisation, ORGANISATION_FIELDS)),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: User, organisation: Organisation, data: dict[str, Any]
) -> Organisation:
    if not actor.administers(organisation):
        raise ServiceError("Only this partner's admins can change its page.")
    before = audit.snapshot_stored(organisation, ORGANISATION_FIELDS)
    for name in ORGANISATION_FIELDS:
        if name in data:
            value = data[name]
            setattr(organisation, name, value if name == "place" else (value or ""))
    organisation.ods_code = (organisation.ods_code or "").upper()
    _save_unique(
        organisation, field="ods_code", message="Another partner already has this ODS code."
    )
    changes = audit.diff(before, audit.snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="organisation.updated",
            obj=organisation,
            organisation=organisation,
            changes=changes,
        )
    return organisation


@transaction.atomic
def site_add(
    *, actor: User, organisation: Organisation, name: str, postcode: str, address: str = ""
) -> Site:
    if not actor.administers(organisation):
        raise ServiceError("Only this partner's admins can add sites.")
    site = Site(organisation=organisation, name=name, postcode=postcode, address=address)
    _save_unique(
        site, field="name", message=f"{organisation.name} already has a site called {name}."
    )
    audit.record(
        actor=actor,
        action="site.added",
        obj=site,
        organisation=organisation,
        changes=audit.diff({}, audit.snapshot(site, ("name", "postcode", "address"))),
    )
    return site


@transaction.atomic
def site_remove(*, actor: User, site: Site) -> None:
    if not actor.administers(site.organisation):
        raise ServiceError("Only this partner's admins can remove sites.")
    audit.record(
        actor=actor,
        action="site.removed",
        obj=site,
        organisation=site.organisation,
        changes=audit.diff(audit.snapshot(site, ("name", "postcode")), {}),
    )
    site.delete()


# Faculties and frameworks --------------------------------------------------------------------

FACULTY_FIELDS = ("name", "description", "position", "is_active")
FRAMEWORK_FIELDS = ("name", "kind", "summary", "terms_url")


@transaction.atomic
def faculty_save(*, actor: User, data: dict[str, Any], faculty: Faculty | None = None) -> Faculty:
    if not actor.is_partnership_admin:
        raise ServiceError("Only partnership admins can change faculties.")
    created = faculty is None
    faculty = faculty or Faculty()
    before = audit.snapshot_stored(faculty, FACULTY_FIELDS)
    for name in FACULTY_FIELDS:
        if name in data:
            setattr(faculty, name, data[name])
    if created:
        faculty.slug = unique_slug(Faculty, faculty.name)
    _save_unique(faculty, field="name", message="There is already a faculty with this name.")
    changes = audit.diff(before, audit.snapshot(faculty, FACULTY_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="faculty.created" if created else "faculty.updated",
            obj=faculty,
            changes=changes,
        )
    return faculty


@transaction.atomic
def framework_save(
    *, actor: User, data: dict[str, Any], framework: Framework | None = None
) -> Framework:
    if not actor.is_partnership_admin:
        raise ServiceError("Only partnership admins can change frameworks.")
    created = framework is None
    framework = framework or Framework()
    before = audit.snapshot_stored(framework, FRAMEWORK_FIELDS)
    for name in FRAMEWORK_FIELDS:
        if name in data:
            setattr(framework, name, data[name] or "")
    if created:
        framework.slug = unique_slug(Framework, framework.name)
    framework.save()
    changes = audit.diff(before, audit.snapshot(framework, FRAMEWORK_FIELDS))
    if changes:
        audit.record(
            actor=actor,
            action="framework.created" if created else "framework.updated",
            obj=framework,
            changes=changes,
        )
    return framework


@transaction.atomic
def framework_sign(
    *,
    actor: User,
    framework: Framework,
    organisation: Organisation,
    signed_on: dt.date,
    signed_by_name: str,
    signed_by_job_title: str,
) -> Signatory:
    if not actor.administers(organisation):
        raise ServiceError(
            f"You cannot sign on behalf of {organisation.name}.", field="organisation"
        )
    if signed_on > timezone.localdate():
        raise ServiceError("The date signed must be today or in the past.", field="signed_on")
    if framework.signatories.filter(organisation=organisation, withdrawn_on__isnull=True).exists():
        raise ServiceError(
            f"{organisation.name} has already signed this framework.", field="organisation"
        )
    signatory = Signatory.objects.create(
        framework=framework,
        organisation=organisation,
        signed_on=signed_on,
        signed_by_name=signed_by_name,
        signed_by_job_title=signed_by_job_title,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="framework.signed",
        obj=signatory,
        organisation=organisation,
        changes=audit.diff(
            {},
            audit.snapshot(
                signatory, ("framework", "signed_on", "signed_by_name", "signed_by_job_title")
            ),
        ),
    )
    return signatory


@transaction.atomic
def signatory_withdraw(
    *, actor: User, signatory: Signatory, withdrawn_on: dt.date, reason: str
) -> Signatory:
    if not actor.administers(signatory.organisation):
        raise ServiceError(f"You cannot withdraw {signatory.organisation.name}'s signature.")
    if signatory.withdrawn_on is not None:
        raise ServiceError("This signature has already been withdrawn.")
    if withdrawn_on < signatory.signed_on:
        raise ServiceError(
            "The withdrawal date must be on or after the date it was signed.",
            field="withdrawn_on",
        )
    signatory.withdrawn_on = withdrawn_on
    signatory.withdrawal_reason = reason
    signatory.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    audit.record(
        actor=actor,
        action="framework.withdrawn",
        obj=signatory,
        organisation=signatory.organisation,
        changes={
            "withdrawn_on": {"from": None, "to": withdrawn_on.isoformat()},
            "withdrawal_reason": {"from": "", "to": reason},
        },
    )
    return signatory


# Roles ---------------------------------------------------------------------------------------


@transaction.atomic
def role_grant(
    *,
    actor: User,
    user: User,
    role: str,
    organisation: Organisation | None = None,
    faculty: Faculty | None = None,
) -> RoleGrant:
    if not actor.is_partnership_admin:
        raise ServiceError("Only partnership admins can give roles.")
    if role not in Role.values:
        raise ServiceError("Choose a role.", field="role")
    if role in ROLE_NEEDS_ORGANISATION and organisation is None:
        raise ServiceError("Choose the organisation this role is for.", field="organisation")
    if role not in ROLE_MAY_HAVE_ORGANISATION and organisation is not None:
        raise ServiceError("This role is not tied to one organisation.", field="organisation")
    if role in ROLE_NEEDS_FACULTY and faculty is None:
        raise ServiceError("Choose the faculty this role is for.", field="faculty")
    if role not in ROLE_NEEDS_FACULTY and faculty is not None:
        raise ServiceError("This role is not tied to a faculty.", field="faculty")
    if (
        RoleGrant.objects.active()
        .filter(user=user, role=role, organisation=organisation, faculty=faculty)
        .exists()
    ):
        raise ServiceError("This person already has this role.", field="role")
    grant = RoleGrant.objects.create(
        user=user, role=role, organisation=organisation, faculty=faculty, granted_by=actor
    )
    user.forget_cached_roles()
    audit.record(
        actor=actor,
        action="role.granted",
        obj=grant,
        organisation=organisation,
        changes=audit.diff({}, audit.snapshot(grant, ("user", "role", "organisation", "faculty"))),
        label=f"{grant} to {_account_label(user)}",
    )
    return grant


@transaction.atomic
def role_revoke(*, actor: User, grant: RoleGrant) -> RoleGrant:
    if not actor.is_partnership_admin:
        raise ServiceError("Only partnership admins can remove roles.")
    if grant.revoked_at is not None:
        raise ServiceError("This role has already been removed.")
    if (
        grant.role == Role.PARTNERSHIP_ADMIN
        and RoleGrant.objects.active().filter(role=Role.PARTNERSHIP_ADMIN).count() == 1
    ):
        raise ServiceError("The partnership needs at least one partnership admin.")
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    grant.user.forget_cached_roles()
    audit.record(
        actor=actor,
        action="role.revoked",
        obj=grant,
        organisation=grant.organisation,
        changes={"revoked_at": {"from": None, "to": grant.revoked_at.isoformat()}},
        label=f"{grant} from {_account_label(grant.user)}",
    )
    return grant
