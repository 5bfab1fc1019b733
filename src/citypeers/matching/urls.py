from django.urls import path

from citypeers.matching import views

app_name = "matching"

urlpatterns: list = [
    path("", views.finder, name="finder"),
    path("cities/", views.city_options, name="city_options"),
    path("<slug:slug>/compare/", views.compare, name="compare"),
    path("<slug:slug>/two-way/", views.two_way, name="two_way"),
    path("<slug:slug>/panel/", views.profile_panel, name="profile_panel"),
]
