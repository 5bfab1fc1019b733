from django.urls import path

from citypeers.assessments import views

app_name = "assessments"

urlpatterns: list = []
