from tests.access.registry import LOGIN, PERSONAS, Route, everyone, signed_in

JSON = "application/json"
HOME_EDITORS = ("editor", "city_admin", "site_admin")


def only(allowed: dict[str, int], *, denied: int, anon: int) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **allowed}


def editors(status: int, *, denied: int = 404, anon: int = 404) -> dict[str, int]:
    return only(dict.fromkeys(HOME_EDITORS, status), denied=denied, anon=anon)


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
    Route("coalitions:journey", signed_in(200), kwargs=lambda w: {"slug": w.home.slug}),
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
