from django.urls import path

from citypeers.workshops import views

app_name = "workshops"

urlpatterns: list = []
