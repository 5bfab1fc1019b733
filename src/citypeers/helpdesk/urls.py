from django.urls import path

from citypeers.helpdesk import views

app_name = "helpdesk"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.request_new, name="request-new"),
    path("queue/", views.queue, name="queue"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/triage/", views.request_triage, name="request-triage"),
    path("requests/<int:pk>/invite/", views.request_invite, name="request-invite"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request-answer"),
    path("requests/<int:pk>/publish/", views.request_publish, name="request-publish"),
    path("answers/<int:pk>/accept/", views.answer_accept, name="answer-accept"),
    path("qa/", views.qa_index, name="qa-index"),
    path("qa/<int:pk>/", views.qa_entry, name="qa-entry"),
]
