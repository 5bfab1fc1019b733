"""City profile pages, mounted at /directory/ beside the directory list."""

from django.urls import path

from citypeers.profiles import views

app_name = "profiles"

urlpatterns = [
    path("<slug:slug>/", views.profile, name="profile"),
    path("<slug:slug>/profile.pdf", views.profile_pdf, name="pdf"),
    path("<slug:slug>/edit/", views.edit_story, name="edit"),
    path("<slug:slug>/history/", views.history, name="history"),
    path("<slug:slug>/audit/", views.audit, name="audit"),
    path("<slug:slug>/people/add/", views.person_add, name="person_add"),
    path("<slug:slug>/people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<slug:slug>/people/<int:pk>/delete/", views.person_delete, name="person_delete"),
]
