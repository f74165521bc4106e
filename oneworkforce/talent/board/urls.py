from django.urls import path

from . import views

urlpatterns = [
    path("vacancies/<int:pk>/board/", views.board, name="board"),
    path("applications/<int:pk>/interview", views.interview_book, name="interview_book"),
    path("interviews/<int:pk>/outcome", views.interview_outcome, name="interview_outcome"),
    path("applications/<int:pk>/notes/add", views.case_note_add, name="case_note_add"),
]
