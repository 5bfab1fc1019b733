from tests.access.registry import LOGIN, PERSONAS, Route, everyone, signed_in

JSON = "application/json"
ORGANISERS_OK = {"organiser": 200, "site_admin": 200}
ORGANISERS_REDIRECT = {"organiser": 302, "site_admin": 302}
PARTICIPANTS = {
    "member": 200,
    "editor": 200,
    "city_admin": 200,
    "organiser": 200,
    "site_admin": 200,
}


def only(allowed: dict[str, int], *, denied: int, anon: int = LOGIN) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **allowed}


def api_only(allowed: dict[str, int], *, denied: int = 403) -> dict[str, int]:
    return only(allowed, denied=denied, anon=401)


def ws(world):
    return {"slug": world.workshop.slug}


def city(attr):
    return lambda w: {"slug": w.workshop.slug, "city": getattr(w, attr).slug}


def session(world):
    return {"slug": world.workshop.slug, "pk": world.session.pk}


def slug_of(attr):
    return lambda w: {"slug": getattr(w, attr).slug}


def new_workshop(world):
    return {
        "title": "Matrix workshop",
        "area": world.area.slug,
        "purpose": "Test.",
        "starts_on": "2030-05-01",
        "ends_on": "2030-05-02",
        "cohort_min": 2,
        "cohort_max": 4,
    }


def new_insight(world):
    return {
        "title": "Matrix insight",
        "area": world.area.slug,
        "challenge": "Rents.",
        "steps": ["Do a thing"],
        "workshop": world.workshop.slug,
    }


def new_session(world):
    return {
        "title": "Matrix session",
        "starts_at": "2030-03-02T10:00:00-06:00",
        "ends_at": "2030-03-02T12:00:00-06:00",
    }


def new_webinar(world):
    return {
        "title": "Matrix webinar",
        "description": "Test.",
        "starts_at": "2030-04-02T13:00:00-05:00",
        "ends_at": "2030-04-02T14:00:00-05:00",
    }


def new_prework(world):
    return {"challenge": "Rents.", "tried": "Zoning."}


ROUTES = [
    # Workshops: pages
    Route("workshops:index", everyone()),
    Route("workshops:create", only(ORGANISERS_OK, denied=403)),
    Route("workshops:detail", signed_in(200, anon=404), kwargs=ws),
    Route(
        "workshops:detail",
        only(ORGANISERS_OK, denied=404, anon=404),
        kwargs=slug_of("planning_workshop"),
    ),
    Route("workshops:detail", everyone(), kwargs=slug_of("published_workshop")),
    Route("workshops:edit", only(ORGANISERS_OK, denied=403), kwargs=ws),
    Route(
        "workshops:transition",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=ws,
        method="post",
        data=lambda w: {"to_state": "in_session"},
    ),
    Route("workshops:experts", signed_in(), kwargs=ws),
    Route(
        "workshops:expert_remove",
        only(ORGANISERS_REDIRECT, denied=403),
        method="post",
        kwargs=lambda w: {"slug": w.workshop.slug, "pk": w.contributor.pk},
        data=lambda w: {},
    ),
    Route("workshops:report", signed_in(200, anon=404), kwargs=ws),
    Route("workshops:report", everyone(), kwargs=slug_of("published_workshop")),
    Route("workshops:report_pdf", everyone(), kwargs=slug_of("published_workshop")),
    Route("workshops:sessions_ics", signed_in(200, anon=404), kwargs=ws),
    # Cohort
    Route("workshops:cohort", only(ORGANISERS_OK, denied=403), kwargs=ws),
    Route(
        "workshops:cohort_run",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=ws,
        method="post",
        data=lambda w: {},
    ),
    Route(
        "workshops:cohort_add",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=ws,
        method="post",
        data=lambda w: {"city": w.home.slug},
    ),
    Route(
        "workshops:cohort_invite",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=ws,
        method="post",
        data=lambda w: {},
    ),
    Route(
        "workshops:cohort_lock",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=city("home"),
        method="post",
        data=lambda w: {"locked": "1"},
    ),
    Route(
        "workshops:cohort_remove",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=city("other"),
        method="post",
        data=lambda w: {},
    ),
    Route(
        "workshops:cohort_respond",
        only({"other_editor": 302, "site_admin": 302}, denied=403),
        kwargs=city("other"),
        method="post",
        data=lambda w: {"answer": "accept"},
    ),
    # Sessions, pre-work, capture
    Route("workshops:prework", only(PARTICIPANTS, denied=403), kwargs=city("home")),
    Route("workshops:session_create", only(ORGANISERS_OK, denied=403), kwargs=ws),
    Route("workshops:session", signed_in(200, anon=404), kwargs=session),
    Route("workshops:session_edit", only(ORGANISERS_OK, denied=403), kwargs=session),
    Route("workshops:capture", only(ORGANISERS_OK, denied=403), kwargs=session),
    Route("workshops:session_cancel", only(ORGANISERS_OK, denied=403), kwargs=session),
    Route(
        "workshops:session_cancel",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=session,
        method="post",
        data=lambda w: {"reason": "The venue flooded."},
    ),
    # Insights
    Route("workshops:insights", everyone()),
    Route("workshops:insight_create", only(ORGANISERS_OK, denied=403), kwargs=ws),
    Route("workshops:insight", everyone(), kwargs=slug_of("insight")),
    Route("workshops:insight", signed_in(200, anon=404), kwargs=slug_of("members_insight")),
    Route(
        "workshops:insight",
        only(ORGANISERS_OK, denied=404, anon=404),
        kwargs=slug_of("draft_insight"),
    ),
    Route("workshops:insight_edit", only(ORGANISERS_OK, denied=403), kwargs=slug_of("insight")),
    Route(
        "workshops:insight_transition",
        only(ORGANISERS_REDIRECT, denied=404),
        kwargs=slug_of("draft_insight"),
        method="post",
        data=lambda w: {"to_state": "reviewed"},
    ),
    # Webinars
    Route("workshops:webinars", everyone()),
    Route("workshops:webinars_feed", everyone()),
    Route("workshops:webinar_create", only(ORGANISERS_OK, denied=403)),
    Route("workshops:webinar", everyone(), kwargs=slug_of("webinar")),
    Route(
        "workshops:webinar",
        only(ORGANISERS_OK, denied=404, anon=404),
        kwargs=slug_of("draft_webinar"),
    ),
    Route("workshops:webinar_ics", everyone(), kwargs=slug_of("webinar")),
    Route("workshops:webinar_edit", only(ORGANISERS_OK, denied=403), kwargs=slug_of("webinar")),
    Route(
        "workshops:webinar_status",
        only(ORGANISERS_REDIRECT, denied=404),
        kwargs=slug_of("draft_webinar"),
        method="post",
        data=lambda w: {"status": "published"},
    ),
    Route(
        "workshops:webinar_register",
        signed_in(302),
        kwargs=slug_of("webinar"),
        method="post",
        data=lambda w: {},
    ),
    Route(
        "workshops:webinar_cancel",
        only({"member": 302}, denied=404),
        kwargs=slug_of("webinar"),
        method="post",
        data=lambda w: {},
    ),
    Route(
        "workshops:webinar_attendance", only(ORGANISERS_OK, denied=403), kwargs=slug_of("webinar")
    ),
    Route(
        "workshops:webinar_reminders",
        only(ORGANISERS_REDIRECT, denied=403),
        kwargs=slug_of("webinar"),
        method="post",
        data=lambda w: {},
    ),
    # API: workshops
    Route("api:workshops_list", everyone()),
    Route(
        "api:workshop_create",
        api_only({"organiser": 201, "site_admin": 201}),
        method="post",
        data=new_workshop,
        content_type=JSON,
    ),
    Route("api:workshop_detail", signed_in(200, anon=404), kwargs=ws),
    Route(
        "api:workshop_update",
        api_only(ORGANISERS_OK),
        kwargs=ws,
        method="patch",
        data=lambda w: {"title": "Renamed"},
        content_type=JSON,
    ),
    Route(
        "api:workshop_transition",
        api_only(ORGANISERS_OK),
        kwargs=ws,
        method="post",
        data=lambda w: {"to_state": "in_session"},
        content_type=JSON,
    ),
    Route("api:contributors_list", signed_in(200, anon=404), kwargs=ws),
    Route(
        "api:contributor_create",
        api_only({"organiser": 201, "site_admin": 201}),
        kwargs=ws,
        method="post",
        content_type=JSON,
        data=lambda w: {"role": "speaker", "email": w.users["editor"].email},
    ),
    # API: cohort
    Route("api:cohort_detail", api_only(ORGANISERS_OK), kwargs=ws),
    Route(
        "api:cohort_run",
        api_only(ORGANISERS_OK),
        kwargs=ws,
        method="post",
        data=lambda w: {},
        content_type=JSON,
    ),
    Route(
        "api:cohort_add",
        api_only({"organiser": 201, "site_admin": 201}),
        kwargs=ws,
        method="post",
        data=lambda w: {"city": w.home.slug},
        content_type=JSON,
    ),
    Route(
        "api:cohort_lock",
        api_only(ORGANISERS_OK),
        kwargs=city("home"),
        method="post",
        data=lambda w: {"locked": True},
        content_type=JSON,
    ),
    Route("api:cohort_remove", api_only(ORGANISERS_OK), kwargs=city("other"), method="delete"),
    Route(
        "api:cohort_invite",
        api_only(ORGANISERS_OK),
        kwargs=ws,
        method="post",
        data=lambda w: {},
        content_type=JSON,
    ),
    Route(
        "api:cohort_respond",
        api_only({"other_editor": 200, "site_admin": 200}),
        kwargs=city("other"),
        method="post",
        data=lambda w: {"accept": True},
        content_type=JSON,
    ),
    # API: sessions, statements, pre-work
    Route("api:sessions_list", signed_in(200, anon=404), kwargs=ws),
    Route(
        "api:session_create",
        api_only({"organiser": 201, "site_admin": 201}),
        kwargs=ws,
        method="post",
        data=new_session,
        content_type=JSON,
    ),
    Route(
        "api:session_cancel",
        api_only({"organiser": 200, "site_admin": 200}),
        kwargs=session,
        method="post",
        data=lambda w: {"reason": "The venue flooded."},
        content_type=JSON,
    ),
    Route("api:statements_list", only(PARTICIPANTS, denied=404, anon=404), kwargs=session),
    Route(
        "api:statement_create",
        {**api_only({"organiser": 201, "site_admin": 201}), "other_editor": 404},
        kwargs=session,
        method="post",
        data=lambda w: {"kind": "idea", "text": "Try it."},
        content_type=JSON,
    ),
    Route("api:prework_detail", only(PARTICIPANTS, denied=404, anon=404), kwargs=city("home")),
    Route(
        "api:prework_save",
        api_only({"editor": 200, "city_admin": 200, "organiser": 200, "site_admin": 200}),
        kwargs=city("home"),
        method="put",
        data=new_prework,
        content_type=JSON,
    ),
    # API: insights
    Route("api:insights_list", everyone()),
    Route("api:insight_detail", everyone(), kwargs=slug_of("insight")),
    Route(
        "api:insight_detail",
        only(ORGANISERS_OK, denied=404, anon=404),
        kwargs=slug_of("draft_insight"),
    ),
    Route(
        "api:insight_create",
        api_only({"organiser": 201, "site_admin": 201}),
        method="post",
        data=new_insight,
        content_type=JSON,
    ),
    Route(
        "api:insight_transition",
        api_only(ORGANISERS_OK, denied=404),
        kwargs=slug_of("draft_insight"),
        method="post",
        data=lambda w: {"to_state": "reviewed"},
        content_type=JSON,
    ),
    # API: webinars
    Route("api:webinars_list", everyone()),
    Route("api:webinar_detail", everyone(), kwargs=slug_of("webinar")),
    Route(
        "api:webinar_create",
        api_only({"organiser": 201, "site_admin": 201}),
        method="post",
        data=new_webinar,
        content_type=JSON,
    ),
    Route(
        "api:webinar_update",
        api_only(ORGANISERS_OK),
        kwargs=slug_of("webinar"),
        method="patch",
        data=lambda w: {"capacity": 120},
        content_type=JSON,
    ),
    Route(
        "api:webinar_status",
        api_only(ORGANISERS_OK, denied=404),
        kwargs=slug_of("draft_webinar"),
        method="post",
        data=lambda w: {"status": "published"},
        content_type=JSON,
    ),
    Route(
        "api:webinar_registration", api_only({"member": 200}, denied=404), kwargs=slug_of("webinar")
    ),
    Route(
        "api:webinar_register",
        signed_in(201, anon=401),
        kwargs=slug_of("webinar"),
        method="post",
        data=lambda w: {},
        content_type=JSON,
    ),
    Route(
        "api:webinar_unregister",
        api_only({"member": 200}, denied=404),
        kwargs=slug_of("webinar"),
        method="delete",
    ),
]
