from django.contrib import admin
from django.urls import include, path

from citypeers.api.urls import api

urlpatterns = [
    path("", include("citypeers.web.urls")),
    path("accounts/", include("citypeers.accounts.urls")),
    path("directory/", include("citypeers.directory.urls")),
    # City profiles live under the directory's URLs: /directory/<slug>/.
    path("directory/", include("citypeers.profiles.urls")),
    path("knowledge/", include("citypeers.knowledge.urls")),
    path("search/", include("citypeers.web.search_urls")),
    path("peers/", include("citypeers.matching.urls")),
    path("assessments/", include("citypeers.assessments.urls")),
    path("workshops/", include("citypeers.workshops.urls")),
    path("coalitions/", include("citypeers.coalitions.urls")),
    path("convenings/", include("citypeers.convenings.urls")),
    path("help/", include("citypeers.helpdesk.urls")),
    path("guides/", include("citypeers.guides.urls")),
    path("digests/", include("citypeers.digests.urls")),
    path("notifications/", include("citypeers.notifications.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
