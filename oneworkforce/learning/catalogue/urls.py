from django.urls import path

from . import views

MANAGE = "manage/<slug:slug>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search_page, name="search"),
    path("search.atom", views.search_atom, name="search_atom"),
    path("search.ics", views.search_ics, name="search_ics"),
    path("o/<slug:slug>/", views.opportunity, name="opportunity"),
    path("manage/", views.manage, name="manage"),
    path(MANAGE, views.provider, name="provider"),
    path(MANAGE + "new", views.listing_add, name="listing_add"),
    path(MANAGE + "o/<slug:listing>/", views.listing, name="listing"),
    path(MANAGE + "o/<slug:listing>/edit", views.listing_edit, name="listing_edit"),
    path(MANAGE + "o/<slug:listing>/publish", views.listing_publish, name="listing_publish"),
    path(MANAGE + "o/<slug:listing>/withdraw", views.listing_withdraw, name="listing_withdraw"),
]
