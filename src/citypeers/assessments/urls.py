from django.urls import path

from citypeers.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.index, name="index"),
    path("frameworks/<slug:slug>/<str:version>/", views.framework, name="framework"),
    path("start/<slug:slug>/", views.start, name="start"),
    path("review/", views.queue, name="queue"),
    path("network/", views.network, name="network"),
    path("city/<slug:slug>/", views.city, name="city"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/areas/<slug:area>/", views.answer, name="answer"),
    path("<int:pk>/criteria/<slug:criterion>/evidence/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/sharing/", views.sharing, name="sharing"),
    path("<int:pk>/result/", views.result, name="result"),
    path("<int:pk>/roadmap/", views.roadmap, name="roadmap"),
    path("<int:pk>/roadmap.pdf", views.roadmap_pdf, name="roadmap_pdf"),
    path("<int:pk>/roadmap/ask/", views.ask_peer, name="ask_peer"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/review/request-evidence/", views.request_evidence, name="request_evidence"),
    path("<int:pk>/review/validate/", views.validate, name="validate"),
]
