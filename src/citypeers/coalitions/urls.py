from django.urls import path

from citypeers.coalitions import views

app_name = "coalitions"

urlpatterns = [
    path("", views.coalition_index, name="index"),
    path("c/<slug:slug>/", views.coalition_detail, name="coalition"),
    path("c/<slug:slug>/dashboard/", views.coalition_dashboard, name="coalition-dashboard"),
    path("c/<slug:slug>/edit/", views.coalition_edit, name="coalition-edit"),
    path("c/<slug:slug>/report/", views.coalition_report, name="coalition-report"),
    path("c/<slug:slug>/partners/", views.coalition_partners, name="partners"),
    path(
        "c/<slug:slug>/partners/<slug:partner_slug>/",
        views.coalition_partner_edit,
        name="partner-edit",
    ),
    path(
        "c/<slug:slug>/partners/<slug:partner_slug>/remove/",
        views.coalition_partner_remove,
        name="partner-remove",
    ),
    path("c/<slug:slug>/projects/new/", views.project_new, name="project-new"),
    path("c/<slug:slug>/projects/<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("c/<slug:slug>/projects/<int:pk>/delete/", views.project_delete, name="project-delete"),
    path("c/<slug:slug>/members/import/", views.member_import, name="member-import"),
    path("partnerships/<slug:slug>/", views.partnership_detail, name="partnership"),
    path("partnerships/<slug:slug>/edit/", views.partnership_edit, name="partnership-edit"),
    path("partnerships/<slug:slug>/report/", views.partnership_report, name="partnership-report"),
    path(
        "partnerships/<slug:slug>/dashboard/",
        views.partnership_dashboard,
        name="partnership-dashboard",
    ),
    path("journey/<slug:slug>/", views.journey, name="journey"),
    path("solutions/<slug:slug>/replicate/", views.replication_start, name="replication-start"),
    path("replications/<int:pk>/", views.replication_detail, name="replication"),
    path("replications/<int:pk>/edit/", views.replication_edit, name="replication-edit"),
    path("replications/<int:pk>/stage/", views.replication_stage, name="replication-stage"),
    path("replications/<int:pk>/delete/", views.replication_delete, name="replication-delete"),
    path("replications/<int:pk>/questions/", views.question_ask, name="question-ask"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question-answer"),
]
