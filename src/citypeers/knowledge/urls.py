from django.urls import path

from citypeers.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("challenges/", views.challenge_area_list, name="challenges"),
    path("challenges/<slug:slug>/", views.challenge_area_detail, name="challenge-area"),
    path("cities/<slug:slug>/", views.city_knowledge, name="city"),
    path("cities/<slug:slug>/challenges/new/", views.statement_create, name="statement-create"),
    path("cities/<slug:slug>/solutions/new/", views.solution_create, name="solution-create"),
    path("statements/<int:pk>/edit/", views.statement_edit, name="statement-edit"),
    path("statements/<int:pk>/delete/", views.statement_delete, name="statement-delete"),
    path("statements/<int:pk>/history/", views.statement_history, name="statement-history"),
    path("solutions/", views.solution_list, name="solutions"),
    path("solutions/<slug:slug>/", views.solution_detail, name="solution"),
    path("solutions/<slug:slug>/edit/", views.solution_edit, name="solution-edit"),
    path("solutions/<slug:slug>/delete/", views.solution_delete, name="solution-delete"),
    path("solutions/<slug:slug>/history/", views.solution_history, name="solution-history"),
    path("solutions/<slug:slug>/attachments/new/", views.attachment_add, name="attachment-add"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment-delete"),
]
