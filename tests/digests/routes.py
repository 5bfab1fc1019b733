from tests.access.registry import PERSONAS, Route, everyone, signed_in

JSON = "application/json"
HOME = ("member", "editor", "city_admin")


def home_only(status: int, *, denied: int = 404, anon: int = 401) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **dict.fromkeys(HOME, status)}


def token(world):
    return {"token": world.digest_token}


ROUTES = [
    Route("digests:index", signed_in(200)),
    Route("digests:settings", signed_in(200)),
    Route(
        "digests:settings",
        # other_editor's own city has no answer in this form: the page shows the error.
        {**signed_in(302), "other_editor": 200},
        method="post",
        data=lambda w: {f"city_{w.home.pk}": "monthly"},
    ),
    Route("digests:unsubscribe", everyone(200), kwargs=token),
    # A link from a digest email: followed by anyone holding it, then on to the page it names.
    Route("digests:open", everyone(302), kwargs=lambda w: {"token": "not-a-token"}),
    Route("digests:unsubscribe", everyone(404), kwargs=lambda w: {"token": "not-a-token"}),
    Route("digests:unsubscribe", everyone(200), kwargs=token, method="post", data=lambda w: {}),
    Route("api:digest_preferences", signed_in(200, anon=401)),
    Route(
        "api:digest_preferences_update",
        home_only(200),
        method="put",
        data=lambda w: {"preferences": [{"city": w.home.slug, "frequency": "monthly"}]},
        content_type=JSON,
    ),
    Route("api:digest_preview", home_only(200), query="?city=hometown-tx"),
    Route("api:digest_preview", home_only(404, denied=404), query="?city=no-such-city"),
]
