from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    # The partnership, open to everyone.
    path("", views.home, name="home"),
    path("partners/", views.directory, name="directory"),
    path("partners/<slug:slug>/", views.detail, name="detail"),
    path("frameworks/", views.frameworks, name="frameworks"),
    path("frameworks/<slug:slug>/", views.framework, name="framework"),
    path("faculties/", views.faculties, name="faculties"),
    # Signing in.
    path("accounts/sign-in/", views.sign_in, name="sign_in"),
    path("accounts/sign-in/check-your-email/", views.sign_in_sent, name="sign_in_sent"),
    path("accounts/sign-in/link/<str:token>/", views.sign_in_link, name="sign_in_link"),
    path("accounts/sign-in/password/", views.sign_in_password, name="sign_in_password"),
    path("accounts/sign-out/", views.sign_out, name="sign_out"),
    # Your account.
    path("accounts/", views.account, name="account"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/password/", views.password, name="password"),
    path("accounts/affiliations/add/", views.affiliation_add, name="affiliation_add"),
    path("accounts/affiliations/<int:pk>/end/", views.affiliation_end, name="affiliation_end"),
    path("accounts/your-data/", views.data_download, name="data_download"),
    path("accounts/your-data/your-data.json", views.data_download_json, name="data_download_json"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    # Partner admins.
    path("partners/<slug:slug>/edit/", views.edit, name="edit"),
    path("partners/<slug:slug>/sites/add/", views.site_add, name="site_add"),
    path("partners/<slug:slug>/sites/<int:pk>/remove/", views.site_remove, name="site_remove"),
    path("partners/<slug:slug>/people/", views.people, name="people"),
    path(
        "partners/<slug:slug>/people/<int:pk>/",
        views.affiliation_decide,
        name="affiliation_decide",
    ),
    path("frameworks/<slug:slug>/sign/", views.framework_sign, name="framework_sign"),
    path(
        "frameworks/<slug:slug>/signatories/<int:pk>/withdraw/",
        views.signatory_withdraw,
        name="signatory_withdraw",
    ),
    path("manage/", views.manage, name="manage"),
    # Partnership admins.
    path("manage/partners/add/", views.organisation_add, name="organisation_add"),
    path("manage/roles/", views.roles, name="roles"),
    path("manage/roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("manage/audit/", views.audit_log, name="audit"),
    path("manage/faculties/add/", views.faculty_edit, name="faculty_add"),
    path("manage/faculties/<slug:slug>/edit/", views.faculty_edit, name="faculty_edit"),
    path("manage/frameworks/add/", views.framework_edit, name="framework_add"),
    path("frameworks/<slug:slug>/edit/", views.framework_edit, name="framework_edit"),
]
