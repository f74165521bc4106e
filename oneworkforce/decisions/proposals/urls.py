from django.urls import path

from . import views

urlpatterns = [
    path("values/", views.values, name="values"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/add/", views.proposal_add, name="proposal_add"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("proposals/<int:pk>/review/", views.proposal_review, name="proposal_review"),
]
