"""The site search page keeps its own URL namespace (`search:search`)."""

from django.urls import path

from citypeers.web import search_views as views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="search"),
]
