"""Authorization-matrix rules for the partnership URLs."""

from __future__ import annotations

from oneworkforce.core.tests.authz import (
    ADMINS_OF_A,
    ANY_ADMIN,
    EVERYONE,
    ONLY_PARTNERSHIP_ADMIN,
    SIGNED_IN,
    Rule,
    World,
)
from oneworkforce.partners.choices import Role
from oneworkforce.partners.tests import factories

FORM = ("GET", "POST")
ACTION = ("POST",)


def build_world(world: World) -> None:
    world.affiliation = factories.AffiliationFactory(user=world.learner, organisation=world.org_a)
    world.site = factories.SiteFactory(organisation=world.org_a)
    world.framework = factories.FrameworkFactory()
    world.signatory = factories.SignatoryFactory(
        framework=world.framework, organisation=world.org_a
    )
    world.faculty = factories.FacultyFactory()
    world.coordinator_grant = factories.RoleGrantFactory(
        role=Role.TALENT_COORDINATOR, organisation=None
    )


def _a(world: World) -> dict[str, str]:
    return {"slug": world.org_a.slug}


RULES: dict[str, Rule] = {
    # Core pages.
    "core:healthz": Rule(EVERYONE),
    "core:accessibility": Rule(EVERYONE),
    "core:privacy": Rule(EVERYONE),
    "core:cookies": Rule(EVERYONE),
    # Where sign-in lands: what is waiting on the person signed in.
    "core:home": Rule(SIGNED_IN),
    # Public partnership pages.
    "partners:directory": Rule(EVERYONE, query="q=care&sector=adult_social_care"),
    "partners:detail": Rule(EVERYONE, kwargs=_a),
    "partners:frameworks": Rule(EVERYONE),
    "partners:framework": Rule(EVERYONE, kwargs=lambda w: {"slug": w.framework.slug}),
    "partners:faculties": Rule(EVERYONE),
    "partners:sign_in": Rule(EVERYONE, methods=FORM),
    "partners:sign_in_sent": Rule(EVERYONE),
    "partners:sign_in_link": Rule(EVERYONE, kwargs=lambda w: {"token": w.sign_in_token}),
    "partners:sign_in_password": Rule(EVERYONE, methods=FORM),
    # Your own account.
    "partners:sign_out": Rule(SIGNED_IN, methods=FORM),
    "partners:account": Rule(SIGNED_IN),
    "partners:profile": Rule(SIGNED_IN, methods=FORM),
    "partners:password": Rule(SIGNED_IN, methods=FORM),
    "partners:digest": Rule(SIGNED_IN, methods=FORM),
    "partners:affiliation_add": Rule(SIGNED_IN, methods=FORM),
    # Only the learner owns this affiliation; everyone else gets "not found".
    "partners:affiliation_end": Rule(
        frozenset({"learner"}), kwargs=lambda w: {"pk": w.affiliation.pk}, methods=ACTION
    ),
    "partners:data_download": Rule(SIGNED_IN),
    # Only ever the signed-in person's own data: there is no one else's to ask for.
    "partners:data_download_json": Rule(SIGNED_IN),
    "partners:account_delete": Rule(SIGNED_IN, methods=FORM),
    # Partner admins of organisation A (and partnership admins).
    "partners:edit": Rule(ADMINS_OF_A, kwargs=_a, methods=FORM),
    "partners:site_add": Rule(ADMINS_OF_A, kwargs=_a, methods=FORM),
    "partners:site_remove": Rule(
        ADMINS_OF_A, kwargs=lambda w: {"slug": w.org_a.slug, "pk": w.site.pk}, methods=ACTION
    ),
    "partners:people": Rule(ADMINS_OF_A, kwargs=_a),
    "partners:affiliation_decide": Rule(
        ADMINS_OF_A,
        kwargs=lambda w: {"slug": w.org_a.slug, "pk": w.affiliation.pk},
        methods=FORM,
    ),
    "partners:signatory_withdraw": Rule(
        ADMINS_OF_A,
        kwargs=lambda w: {"slug": w.framework.slug, "pk": w.signatory.pk},
        methods=FORM,
    ),
    "partners:framework_sign": Rule(
        ANY_ADMIN, kwargs=lambda w: {"slug": w.framework.slug}, methods=FORM
    ),
    "partners:manage": Rule(ANY_ADMIN),
    # Partnership admins.
    "partners:organisation_add": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "partners:roles": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "partners:role_revoke": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=lambda w: {"pk": w.coordinator_grant.pk}, methods=ACTION
    ),
    "partners:audit": Rule(ONLY_PARTNERSHIP_ADMIN, query="action=role&since=2020-01-01"),
    "partners:faculty_add": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "partners:faculty_edit": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=lambda w: {"slug": w.faculty.slug}, methods=FORM
    ),
    "partners:framework_add": Rule(ONLY_PARTNERSHIP_ADMIN, methods=FORM),
    "partners:framework_edit": Rule(
        ONLY_PARTNERSHIP_ADMIN, kwargs=lambda w: {"slug": w.framework.slug}, methods=FORM
    ),
    # API: open data, and your own record.
    "api:index": Rule(EVERYONE),
    # Ninja registers a placeholder root; our index above answers the same path first.
    "api:api-root": Rule(EVERYONE),
    "api:openapi-json": Rule(EVERYONE),
    "api:openapi-view": Rule(EVERYONE),
    "api:list_partners": Rule(EVERYONE, query="q=alpha&sector=adult_social_care"),
    "api:get_partner": Rule(EVERYONE, kwargs=_a),
    "api:list_frameworks": Rule(EVERYONE),
    "api:get_framework": Rule(EVERYONE, kwargs=lambda w: {"slug": w.framework.slug}),
    "api:list_faculties": Rule(EVERYONE),
    "api:me": Rule(SIGNED_IN),
}
