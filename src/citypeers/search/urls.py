from django.urls import path

from citypeers.search import views

app_name = "search"

urlpatterns: list = []
