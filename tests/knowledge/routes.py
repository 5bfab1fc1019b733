import json

from tests.access.registry import LOGIN, Route, everyone, signed_in

# Editors of the home city (and site admins) may write; other signed-in people may look.
EDIT = {
    "anon": LOGIN,
    "member": 403,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 403,
    "organiser": 403,
    "site_admin": 200,
}
# A draft is seen only by the home city's members and site admins.
DRAFT = {
    "anon": 404,
    "member": 200,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 404,
    "organiser": 404,
    "site_admin": 200,
}
DRAFT_EDIT = {**DRAFT, "member": 403}
API_WRITE = {
    "anon": 401,
    "member": 403,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 403,
    "organiser": 403,
    "site_admin": 200,
}
API_DELETE = {k: (204 if v == 200 else v) for k, v in API_WRITE.items()}
# The matrix posts form data; the JSON endpoints reject it after authentication.
API_CREATE_FORM_BODY = {**dict.fromkeys(API_WRITE, 400), "anon": 401}


def _home(world):
    return {"slug": world.home.slug}


def _solution(world):
    return {"slug": world.solution.slug}


def _draft(world):
    return {"slug": world.draft_solution.slug}


def _statement(world):
    return {"pk": world.statement.pk}


def _attachment(world):
    return {"pk": world.attachment.pk}


ROUTES = [
    Route("knowledge:challenges", everyone()),
    Route("knowledge:challenge-area", everyone(), kwargs=lambda w: {"slug": w.area.slug}),
    Route("knowledge:city", everyone(), kwargs=_home),
    Route("knowledge:statement-create", EDIT, kwargs=_home),
    Route("knowledge:solution-create", EDIT, kwargs=_home),
    Route("knowledge:statement-edit", EDIT, kwargs=_statement),
    Route("knowledge:statement-delete", EDIT, kwargs=_statement),
    Route("knowledge:statement-history", signed_in(), kwargs=_statement),
    Route("knowledge:solutions", everyone()),
    Route("knowledge:solutions", everyone(), query="?q=land+trust&challenge=housing-affordability"),
    Route("knowledge:solution", everyone(), kwargs=_solution),
    Route("knowledge:solution", DRAFT, kwargs=_draft),
    Route("knowledge:solution-edit", EDIT, kwargs=_solution),
    Route("knowledge:solution-edit", DRAFT_EDIT, kwargs=_draft),
    Route("knowledge:solution-delete", EDIT, kwargs=_solution),
    Route("knowledge:solution-history", signed_in(), kwargs=_solution),
    Route("knowledge:attachment-add", EDIT, kwargs=_solution),
    Route("knowledge:attachment", everyone(), kwargs=_attachment),
    Route("knowledge:attachment", DRAFT, kwargs=lambda w: {"pk": w.draft_attachment.pk}),
    Route("knowledge:attachment-delete", EDIT, kwargs=_attachment),
    # API
    Route("api:challenge_areas", everyone()),
    Route("api:challenge_list", everyone(), query="?area=housing-affordability"),
    Route("api:challenge_detail", everyone(), kwargs=lambda w: {"statement_id": w.statement.pk}),
    Route(
        "api:challenge_create",
        API_CREATE_FORM_BODY,
        method="post",
        data=lambda w: {"narrative": "x"},
    ),
    Route(
        "api:challenge_update",
        API_WRITE,
        method="patch",
        kwargs=lambda w: {"statement_id": w.statement.pk},
        data=lambda w: json.dumps({"priority": "high"}),
    ),
    Route(
        "api:challenge_delete",
        API_DELETE,
        method="delete",
        kwargs=lambda w: {"statement_id": w.statement.pk},
    ),
    Route("api:solution_list", everyone(), query="?search=land&state=TX"),
    Route("api:solution_detail", everyone(), kwargs=_solution),
    Route("api:solution_detail", DRAFT, kwargs=_draft),
    Route(
        "api:solution_create", API_CREATE_FORM_BODY, method="post", data=lambda w: {"title": "x"}
    ),
    Route(
        "api:solution_update",
        API_WRITE,
        method="patch",
        kwargs=_solution,
        data=lambda w: json.dumps({"evidence_level": "monitored"}),
    ),
    Route(
        "api:solution_update",
        {**API_WRITE, "anon": 401, "member": 403, "other_editor": 404, "organiser": 404},
        method="patch",
        kwargs=_draft,
        data=lambda w: json.dumps({"title": "Renamed"}),
    ),
    Route("api:solution_delete", API_DELETE, method="delete", kwargs=_solution),
    Route("api:solution_export_csv", everyone()),
    Route("api:solution_export_json", everyone()),
]
