import json

from tests.access.registry import LOGIN, Route, everyone

# The home city's editors, its admins and site admins edit; other signed-in people may not.
EDIT = {
    "anon": LOGIN,
    "member": 403,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 403,
    "organiser": 403,
    "site_admin": 200,
}
API_WRITE = {
    "anon": 401,
    "member": 403,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 403,
    "organiser": 403,
    "site_admin": 200,
}


def _home(world):
    return {"slug": world.home.slug}


def _person(world):
    return {"slug": world.home.slug, "pk": world.home_person.pk}


ROUTES = [
    Route("directory:list", everyone()),
    Route(
        "directory:list",
        everyone(),
        query="?q=home&state=TX&band=30k-100k&kind=city&sort=-population",
    ),
    Route("directory:list", everyone(), query="?state=ZZ&band=nonsense&page=999"),
    Route("profiles:profile", everyone(), kwargs=_home),
    Route("profiles:pdf", everyone(), kwargs=_home),
    Route("profiles:profile", everyone(), kwargs=lambda w: {"slug": w.other.slug}),
    Route("profiles:edit", EDIT, kwargs=_home),
    Route(
        "profiles:edit",
        {**EDIT, "editor": 403, "city_admin": 403, "other_editor": 200},
        kwargs=lambda w: {"slug": w.other.slug},
    ),
    Route("profiles:history", EDIT, kwargs=_home),
    Route("profiles:person_add", EDIT, kwargs=_home),
    Route("profiles:person_edit", EDIT, kwargs=_person),
    Route("profiles:person_delete", EDIT, kwargs=_person),
    Route(
        "profiles:person_delete",
        {k: (302 if v == 200 else v) for k, v in EDIT.items()},
        kwargs=_person,
        method="post",
        data=lambda w: {},
    ),
    # API
    Route("api:jurisdiction_list", everyone()),
    Route(
        "api:jurisdiction_list",
        everyone(),
        query="?search=home&state=TX&min_population=1&sort=-population",
    ),
    Route("api:jurisdiction_list", everyone(400), query="?state=ZZ"),
    Route("api:jurisdiction_list", everyone(422), query="?min_population=-1&page=0"),
    Route("api:jurisdiction_detail", everyone(), kwargs=lambda w: {"key": w.home.slug}),
    Route("api:jurisdiction_detail", everyone(), kwargs=lambda w: {"key": "4812345"}),
    Route("api:jurisdiction_detail", everyone(404), kwargs=lambda w: {"key": "no-such-place"}),
    Route(
        "api:jurisdiction_update",
        API_WRITE,
        method="patch",
        kwargs=lambda w: {"key": w.home.slug},
        data=lambda w: json.dumps({"summary": "A river city.", "story_status": "published"}),
    ),
    Route("api:jurisdiction_export_csv", everyone()),
    Route("api:jurisdiction_export_json", everyone(), query="?state=TX"),
]
