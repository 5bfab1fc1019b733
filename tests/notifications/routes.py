from tests.access.registry import LOGIN, PERSONAS, Route, signed_in

JSON = "application/json"


def recipient(status: int, *, anon: int) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, 404), "anon": anon, "member": status}


def notice(world):
    return {"pk": world.member_notification.pk}


ROUTES = [
    Route("notifications:list", signed_in(200)),
    Route("notifications:list", signed_in(200), query="?show=unread"),
    Route("notifications:read", recipient(302, anon=LOGIN), method="post", kwargs=notice),
    Route("notifications:read-all", signed_in(302), method="post", data=lambda w: {}),
    Route("notifications:settings", signed_in(200)),
    Route(
        "notifications:settings",
        signed_in(302),
        method="post",
        data=lambda w: {"email": ["helpdesk.answered"]},
    ),
    Route("api:notification_settings", signed_in(200, anon=401)),
    Route(
        "api:notification_settings_save",
        signed_in(200, anon=401),
        method="put",
        data=lambda w: {"choices": [{"code": "helpdesk.answered", "email": False}]},
        content_type=JSON,
    ),
    Route("api:notification_list", signed_in(200, anon=401)),
    Route("api:notification_list", signed_in(200, anon=401), query="?unread=true"),
    Route(
        "api:notification_read",
        recipient(200, anon=401),
        method="post",
        kwargs=lambda w: {"notification_id": w.member_notification.pk},
        data=lambda w: {},
        content_type=JSON,
    ),
    Route(
        "api:notification_read_all",
        signed_in(200, anon=401),
        method="post",
        data=lambda w: {},
        content_type=JSON,
    ),
]
