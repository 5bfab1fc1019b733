from django.urls import path

from citypeers.knowledge import views

app_name = "knowledge"

urlpatterns: list = []
