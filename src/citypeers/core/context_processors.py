from django.conf import settings


def site(request):
    return {"NETWORK_NAME": settings.NETWORK_NAME, "SITE_URL": settings.SITE_URL}
