from django.urls import path

from citypeers.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("network/", views.network, name="network"),
    path("healthz", views.healthz, name="healthz"),
]
