from tests.access.registry import LOGIN, PERSONAS, Route, everyone, signed_in

JSON = "application/json"
HOME = ("member", "editor", "city_admin")


def only(allowed: dict[str, int], *, denied: int, anon: int) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **allowed}


def organisers(status: int, *, denied: int = 404, anon: int = LOGIN) -> dict[str, int]:
    return only({"organiser": status, "site_admin": status}, denied=denied, anon=anon)


def pk(attribute):
    return lambda w: {"pk": getattr(w, attribute).pk}


def rid(attribute):
    return lambda w: {"request_id": getattr(w, attribute).pk}


def new_request(world):
    return {
        "jurisdiction": world.home.slug,
        "title": "Matrix asks",
        "question": "How?",
        "area": world.area.slug,
    }


ROUTES = [
    # Pages
    Route("helpdesk:index", signed_in(200)),
    Route(
        "helpdesk:request-new",
        only({**dict.fromkeys(HOME, 200), "other_editor": 200}, denied=403, anon=LOGIN),
    ),
    Route("helpdesk:queue", organisers(200, denied=403)),
    Route("helpdesk:queue", organisers(200, denied=403), query="?status=all&older_than=7"),
    Route("helpdesk:request", signed_in(200), kwargs=pk("help_request")),
    Route(
        "helpdesk:request",
        {**signed_in(200), "other_editor": 404},
        kwargs=pk("private_request"),
    ),
    Route(
        "helpdesk:request-triage",
        organisers(302),
        method="post",
        kwargs=pk("new_request"),
        data=lambda w: {"decision": "accept"},
    ),
    Route(
        "helpdesk:request-invite",
        organisers(302),
        method="post",
        kwargs=pk("help_request"),
        data=lambda w: {"people": [w.help_expert.pk]},
    ),
    Route(
        "helpdesk:request-answer",
        {
            **dict.fromkeys(HOME, 403),
            "anon": LOGIN,
            "other_editor": 302,
            "organiser": 302,
            "site_admin": 302,
        },
        method="post",
        kwargs=pk("help_request"),
        data=lambda w: {"body": "Matrix answer"},
    ),
    Route(
        "helpdesk:answer-accept",
        {
            **dict.fromkeys(HOME, 302),
            "anon": LOGIN,
            "other_editor": 403,
            "organiser": 403,
            "site_admin": 302,
        },
        method="post",
        kwargs=pk("help_answer"),
    ),
    Route(
        "helpdesk:request-publish",
        {
            **dict.fromkeys(HOME, 302),
            "anon": LOGIN,
            "other_editor": 404,
            "organiser": 403,
            "site_admin": 302,
        },
        method="post",
        kwargs=pk("resolved_request"),
        data=lambda w: {"consent": "on"},
    ),
    Route("helpdesk:qa-index", everyone()),
    Route("helpdesk:qa-entry", everyone(), kwargs=pk("qa")),
    Route("helpdesk:qa-entry", everyone(404), kwargs=lambda w: {"pk": w.unpublished_qa_id}),
    # API
    Route("api:help_request_list", everyone()),
    Route("api:help_request_list", everyone(), query="?status=answered&mine=true"),
    Route(
        "api:help_request_create",
        only({**dict.fromkeys(HOME, 201), "site_admin": 201}, denied=403, anon=401),
        method="post",
        data=new_request,
        content_type=JSON,
    ),
    Route("api:help_request_queue", organisers(200, denied=403, anon=401)),
    Route("api:help_request_detail", {**signed_in(200), "anon": 404}, kwargs=rid("help_request")),
    Route(
        "api:help_request_detail",
        {**signed_in(200), "anon": 404, "other_editor": 404},
        kwargs=rid("private_request"),
    ),
    Route(
        "api:help_request_triage",
        organisers(200, anon=401),
        method="post",
        kwargs=rid("new_request"),
        data=lambda w: {"decision": "accept"},
        content_type=JSON,
    ),
    Route(
        "api:help_request_suggestions",
        organisers(200, anon=401),
        kwargs=rid("help_request"),
    ),
    Route(
        "api:help_request_invite",
        organisers(200, anon=401),
        method="post",
        kwargs=rid("help_request"),
        data=lambda w: {"user_ids": [w.help_expert.pk]},
        content_type=JSON,
    ),
    Route(
        "api:help_request_answer",
        {
            **dict.fromkeys(HOME, 403),
            "anon": 401,
            "other_editor": 201,
            "organiser": 201,
            "site_admin": 201,
        },
        method="post",
        kwargs=rid("help_request"),
        data=lambda w: {"body": "Matrix answer"},
        content_type=JSON,
    ),
    Route(
        "api:help_answer_accept",
        {
            **dict.fromkeys(HOME, 200),
            "anon": 401,
            "other_editor": 403,
            "organiser": 403,
            "site_admin": 200,
        },
        method="post",
        kwargs=lambda w: {"answer_id": w.help_answer.pk},
        data=lambda w: {},
        content_type=JSON,
    ),
    Route(
        "api:help_request_publish",
        {
            **dict.fromkeys(HOME, 200),
            "anon": 401,
            "other_editor": 404,
            "organiser": 403,
            "site_admin": 200,
        },
        method="post",
        kwargs=rid("resolved_request"),
        data=lambda w: {"consent": True},
        content_type=JSON,
    ),
]
