from django.urls import path

from citypeers.digests import views

app_name = "digests"

urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.preferences, name="settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("open/<str:token>/", views.open_digest, name="open"),
]
