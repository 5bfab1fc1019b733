from tests.access.registry import LOGIN, PERSONAS, Route, everyone, signed_in

JSON = "application/json"
HOME_EDITORS = ("editor", "city_admin", "site_admin")


def only(allowed: dict[str, int], *, denied: int, anon: int) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **allowed}


def editors(status: int, *, denied: int = 404, anon: int = 404) -> dict[str, int]:
    return only(dict.fromkeys(HOME_EDITORS, status), denied=denied, anon=anon)


RUNNERS = ("organiser", "site_admin")


def runners(status: int, *, anon: int = 404) -> dict[str, int]:
    """The matrix coalition's runners: no persona administers it, so the network organiser and
    the site admin; everyone else gets the same 404 as for a missing coalition."""
    return only(dict.fromkeys(RUNNERS, status), denied=404, anon=anon)


def coal(world):
    return {"slug": world.region_coalition.slug}


def coal_partner(world):
    return {"slug": world.region_coalition.slug, "partner_slug": "matrix-university"}


def coal_project(world):
    return {"slug": world.region_coalition.slug, "pk": world.coalition_project.pk}


def api_project(world):
    return {"slug": world.region_coalition.slug, "project_id": world.coalition_project.pk}


def rep(world):
    return {"pk": world.replication.pk}


def rep_id(world):
    return {"replication_id": world.replication.pk}


def new_replication(world):
    return {
        "solution": world.replicable_solution.slug,
        "adopter": world.home.slug,
        "adapted": "Matrix",
    }


ROUTES = [
    # Coalitions, partnerships and dashboards: public
    Route("coalitions:index", everyone()),
    Route("coalitions:coalition", everyone(), kwargs=lambda w: {"slug": w.region_coalition.slug}),
    Route(
        "coalitions:coalition-dashboard",
        everyone(),
        kwargs=lambda w: {"slug": w.region_coalition.slug},
    ),
    Route(
        "coalitions:coalition-dashboard",
        everyone(),
        query="?format=csv",
        kwargs=lambda w: {"slug": w.region_coalition.slug},
    ),
    Route(
        "coalitions:partnership", everyone(), kwargs=lambda w: {"slug": w.region_partnership.slug}
    ),
    Route(
        "coalitions:partnership-dashboard",
        everyone(),
        kwargs=lambda w: {"slug": w.region_partnership.slug},
    ),
    Route(
        "coalitions:coalition-report",
        everyone(),
        kwargs=lambda w: {"slug": w.region_coalition.slug},
    ),
    Route(
        "coalitions:partnership-report",
        everyone(),
        kwargs=lambda w: {"slug": w.region_partnership.slug},
    ),
    Route(
        "api:coalition_replication_report",
        everyone(),
        kwargs=lambda w: {"slug": w.region_coalition.slug},
    ),
    Route(
        "api:partnership_replication_report",
        everyone(),
        kwargs=lambda w: {"slug": w.region_partnership.slug},
    ),
    Route("coalitions:journey", signed_in(200), kwargs=lambda w: {"slug": w.home.slug}),
    # Running a coalition and a partnership
    Route("coalitions:coalition-edit", runners(200), kwargs=coal),
    Route(
        "coalitions:coalition-edit",
        runners(302),
        kwargs=coal,
        method="post",
        data=lambda w: {"mission": "Matrix", "region_states": "TX", "version": 1},
    ),
    Route("coalitions:partners", runners(200), kwargs=coal),
    Route("coalitions:partner-edit", runners(200), kwargs=coal_partner),
    Route(
        "coalitions:partner-remove",
        runners(302),
        kwargs=coal_partner,
        method="post",
        data=lambda w: {},
    ),
    Route("coalitions:project-new", runners(200), kwargs=coal),
    Route("coalitions:project-edit", runners(200), kwargs=coal_project),
    Route("coalitions:project-delete", runners(200), kwargs=coal_project),
    Route("coalitions:member-import", runners(200), kwargs=coal),
    Route(
        "coalitions:partnership-edit",
        runners(200),
        kwargs=lambda w: {"slug": w.region_partnership.slug},
    ),
    # The replication ledger: pages
    Route(
        "coalitions:replication-start",
        only({"editor": 200, "city_admin": 200}, denied=403, anon=LOGIN),
        kwargs=lambda w: {"slug": w.replicable_solution.slug},
    ),
    Route("coalitions:replication", signed_in(200, anon=404), kwargs=rep),
    Route("coalitions:replication-edit", editors(200), kwargs=rep),
    Route("coalitions:replication-delete", editors(200), kwargs=rep),
    Route(
        "coalitions:replication-stage",
        editors(302),
        kwargs=rep,
        method="post",
        data=lambda w: {"stage": "adapting", "version": 1},
    ),
    Route(
        "coalitions:question-ask",
        signed_in(302, anon=404),
        kwargs=rep,
        method="post",
        data=lambda w: {"body": "Which vendor?"},
    ),
    Route(
        "coalitions:question-answer",
        only({"other_editor": 302, "site_admin": 302}, denied=404, anon=404),
        kwargs=lambda w: {"pk": w.question.pk},
        method="post",
        data=lambda w: {"answer": "An RFP."},
    ),
    # API
    Route("api:coalition_detail", everyone(), kwargs=lambda w: {"slug": w.region_coalition.slug}),
    Route(
        "api:coalition_dashboard", everyone(), kwargs=lambda w: {"slug": w.region_coalition.slug}
    ),
    Route(
        "api:partnership_detail", everyone(), kwargs=lambda w: {"slug": w.region_partnership.slug}
    ),
    Route(
        "api:partnership_dashboard",
        everyone(),
        kwargs=lambda w: {"slug": w.region_partnership.slug},
    ),
    Route(
        "api:coalition_update",
        runners(200, anon=401),
        kwargs=coal,
        method="patch",
        data=lambda w: {"version": 1, "mission": "Matrix"},
        content_type=JSON,
    ),
    Route("api:coalition_partner_list", everyone(), kwargs=coal),
    Route(
        "api:coalition_partner_create",
        runners(201, anon=401),
        kwargs=coal,
        method="post",
        data=lambda w: {"partner": "matrix-university", "role": "Host"},
        content_type=JSON,
    ),
    Route(
        "api:coalition_partner_update",
        runners(200, anon=401),
        kwargs=coal_partner,
        method="patch",
        data=lambda w: {"role": "Host"},
        content_type=JSON,
    ),
    Route(
        "api:coalition_partner_delete",
        runners(204, anon=401),
        kwargs=coal_partner,
        method="delete",
    ),
    Route("api:coalition_project_list", everyone(), kwargs=coal),
    Route(
        "api:coalition_project_create",
        runners(201, anon=401),
        kwargs=coal,
        method="post",
        data=lambda w: {"title": "Matrix project"},
        content_type=JSON,
    ),
    Route("api:coalition_project_detail", everyone(), kwargs=api_project),
    Route(
        "api:coalition_project_update",
        runners(200, anon=401),
        kwargs=api_project,
        method="patch",
        data=lambda w: {"version": 1, "title": "Renamed"},
        content_type=JSON,
    ),
    Route(
        "api:coalition_project_delete",
        runners(204, anon=401),
        kwargs=api_project,
        method="delete",
    ),
    Route(
        "api:partnership_update",
        runners(200, anon=401),
        kwargs=lambda w: {"slug": w.region_partnership.slug},
        method="patch",
        data=lambda w: {"version": 1, "description": "Matrix"},
        content_type=JSON,
    ),
    Route("api:barrier_kinds", everyone()),
    Route("api:replication_list", everyone()),
    Route("api:replication_detail", signed_in(200, anon=404), kwargs=rep_id),
    Route("api:solution_lineage", everyone(), kwargs=lambda w: {"slug": w.origin_solution.slug}),
    Route(
        "api:replication_create",
        editors(201, denied=403, anon=401),
        method="post",
        data=new_replication,
        content_type=JSON,
    ),
    Route(
        "api:replication_update",
        editors(200, anon=401),
        kwargs=rep_id,
        method="patch",
        data=lambda w: {"version": 1, "adapted": "Renamed"},
        content_type=JSON,
    ),
    Route(
        "api:replication_stage",
        editors(200, anon=401),
        kwargs=rep_id,
        method="post",
        data=lambda w: {"stage": "adapting", "version": 1},
        content_type=JSON,
    ),
    Route("api:replication_delete", editors(204, anon=401), kwargs=rep_id, method="delete"),
    Route(
        "api:replication_question_create",
        signed_in(201, anon=401),
        kwargs=rep_id,
        method="post",
        data=lambda w: {"body": "Which vendor?"},
        content_type=JSON,
    ),
    Route(
        "api:replication_question_answer",
        only({"other_editor": 200, "site_admin": 200}, denied=403, anon=401),
        kwargs=lambda w: {"question_id": w.question.pk},
        method="post",
        data=lambda w: {"answer": "An RFP."},
        content_type=JSON,
    ),
]
