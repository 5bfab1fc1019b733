from django.urls import path

from citypeers.workshops.views import cohort, insights, sessions, webinars, workshops

app_name = "workshops"

# Fixed prefixes ("insights/", "webinars/", "new/") come before "<slug>/"; services never
# give a workshop one of those slugs (RESERVED_SLUGS).
urlpatterns = [
    path("", workshops.index, name="index"),
    path("new/", workshops.create, name="create"),
    path("insights/", insights.library, name="insights"),
    path("insights/<slug:slug>/", insights.detail, name="insight"),
    path("insights/<slug:slug>/edit/", insights.edit, name="insight_edit"),
    path("insights/<slug:slug>/transition/", insights.transition, name="insight_transition"),
    path("webinars/", webinars.index, name="webinars"),
    path("webinars/new/", webinars.create, name="webinar_create"),
    path("webinars/feed.ics", webinars.feed, name="webinars_feed"),
    path("webinars/<slug:slug>/", webinars.detail, name="webinar"),
    path("webinars/<slug:slug>.ics", webinars.ics, name="webinar_ics"),
    path("webinars/<slug:slug>/edit/", webinars.edit, name="webinar_edit"),
    path("webinars/<slug:slug>/status/", webinars.set_status, name="webinar_status"),
    path("webinars/<slug:slug>/register/", webinars.register, name="webinar_register"),
    path("webinars/<slug:slug>/cancel/", webinars.cancel, name="webinar_cancel"),
    path("webinars/<slug:slug>/attendance/", webinars.attendance, name="webinar_attendance"),
    path("webinars/<slug:slug>/reminders/", webinars.reminders, name="webinar_reminders"),
    path("<slug:slug>/", workshops.detail, name="detail"),
    path("<slug:slug>/edit/", workshops.edit, name="edit"),
    path("<slug:slug>/transition/", workshops.transition, name="transition"),
    path("<slug:slug>/experts/", workshops.experts, name="experts"),
    path("<slug:slug>/experts/<int:pk>/remove/", workshops.expert_remove, name="expert_remove"),
    path("<slug:slug>/report/", workshops.report, name="report"),
    path("<slug:slug>/report.pdf", workshops.report_pdf, name="report_pdf"),
    path("<slug:slug>/sessions.ics", workshops.sessions_ics, name="sessions_ics"),
    path("<slug:slug>/cohort/", cohort.cohort, name="cohort"),
    path("<slug:slug>/cohort/run/", cohort.run, name="cohort_run"),
    path("<slug:slug>/cohort/add/", cohort.add, name="cohort_add"),
    path("<slug:slug>/cohort/invite/", cohort.invite, name="cohort_invite"),
    path("<slug:slug>/cohort/<slug:city>/lock/", cohort.lock, name="cohort_lock"),
    path("<slug:slug>/cohort/<slug:city>/remove/", cohort.remove, name="cohort_remove"),
    path("<slug:slug>/cohort/<slug:city>/respond/", cohort.respond, name="cohort_respond"),
    path("<slug:slug>/prework/<slug:city>/", sessions.prework, name="prework"),
    path("<slug:slug>/insights/new/", insights.create, name="insight_create"),
    path("<slug:slug>/sessions/new/", sessions.session_create, name="session_create"),
    path("<slug:slug>/sessions/<int:pk>/", sessions.session, name="session"),
    path("<slug:slug>/sessions/<int:pk>/edit/", sessions.session_edit, name="session_edit"),
    path("<slug:slug>/sessions/<int:pk>/capture/", sessions.capture, name="capture"),
    path("<slug:slug>/sessions/<int:pk>/cancel/", sessions.session_cancel, name="session_cancel"),
]
