"""Routes of a person's account (names under the ``partners`` namespace)."""

from django.urls import path

from . import views

urlpatterns = [
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
    path("accounts/weekly-email/", views.digest, name="digest"),
    path("accounts/affiliations/add/", views.affiliation_add, name="affiliation_add"),
    path("accounts/affiliations/<int:pk>/end/", views.affiliation_end, name="affiliation_end"),
    path("accounts/your-data/", views.data_download, name="data_download"),
    path("accounts/your-data/your-data.json", views.data_download_json, name="data_download_json"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
]
