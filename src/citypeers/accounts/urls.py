from django.urls import path

from citypeers.accounts import views

app_name = "accounts"

urlpatterns: list = []
