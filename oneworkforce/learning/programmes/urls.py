from django.urls import path

from . import views

MANAGE = "manage/<slug:slug>/programmes/"

urlpatterns = [
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("programmes/<slug:slug>/enrol", views.enrol, name="programme_enrol"),
    path("programmes/<slug:slug>/leave", views.leave, name="programme_leave"),
    path(
        "programmes/<slug:slug>/certificate.pdf",
        views.certificate_pdf,
        name="programme_certificate",
    ),
    path(MANAGE, views.manage, name="programmes_manage"),
    path(MANAGE + "new", views.programme_add, name="programme_add"),
    path(MANAGE + "<slug:programme>/", views.programme_manage, name="programme_manage"),
    path(MANAGE + "<slug:programme>/steps/add", views.step_add, name="programme_step_add"),
    path(MANAGE + "<slug:programme>/steps", views.step_change, name="programme_step_change"),
    path(MANAGE + "<slug:programme>/publish", views.publish, name="programme_publish"),
    path(MANAGE + "<slug:programme>/learners", views.learners, name="programme_learners"),
    path(
        MANAGE + "<slug:programme>/learners/<int:enrolment>/withdraw",
        views.withdraw,
        name="programme_withdraw",
    ),
]
