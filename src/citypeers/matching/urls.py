from django.urls import path

from citypeers.matching import views

app_name = "matching"

urlpatterns: list = []
