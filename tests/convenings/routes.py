from tests.access.registry import LOGIN, PERSONAS, Route, everyone
from tests.convenings.world import PARTNER_TOKEN

JSON = "application/json"
ORGANISERS = ("organiser", "site_admin")
HOME_EDITORS = ("editor", "city_admin")
HOME_MEMBERS = ("member", "editor", "city_admin")


def expect(allowed: dict[str, int], *, denied: int, anon: int = LOGIN) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **allowed}


def given(personas, status: int) -> dict[str, int]:
    return dict.fromkeys(personas, status)


def api(allowed: dict[str, int], *, denied: int = 404) -> dict[str, int]:
    return expect(allowed, denied=denied, anon=401)


def cv(world):
    return {"slug": world.convening.slug}


def home(world):
    return {"slug": world.convening.slug, "city": world.home.slug}


def official(world):
    return {"full_name": "Ana Matrix", "email": "ana.matrix@example.org", "is_senior": True}


def partner(world):
    return {
        "full_name": "Pat Matrix",
        "email": "pat.matrix@example.org",
        "organisation": world.partner_org.slug,
        "relationship": "Funds the city's data team",
    }


def new_convening(world):
    return {
        "title": "Matrix convening",
        "host": world.home.slug,
        "starts_on": "2030-06-01",
        "ends_on": "2030-06-02",
        "registration_opens_on": "2030-02-01",
        "delegation_deadline": "2030-05-01",
    }


def new_commitment(world):
    return {
        "title": "Pilot a digital navigator programme",
        "owner_name": "Ana",
        "owner_email": "ana@example.org",
        "due_on": "2031-01-31",
    }


def prop(world):
    return {"slug": world.convening.slug, "pk": world.proposal.pk}


def meeting(world):
    return {"slug": world.convening.slug, "pk": world.meeting.pk}


def session(world):
    return {"slug": world.convening.slug, "pk": world.accepted_session.pk}


def new_proposal(world):
    return {
        "title": "Matrix panel",
        "format": "panel",
        "description": "How cities fund broadband.",
        "speakers": [world.delegate.pk],
    }


def placement(world):
    return {"proposal": world.accepted_session.pk, "room": world.room.pk, "slot": world.slot.pk}


DELEGATE = ("member",)
PROGRAMME_PAGE = expect({**given(DELEGATE, 200), **given(ORGANISERS, 200)}, denied=404)
PROGRAMME_POST = expect({**given(DELEGATE, 302), **given(ORGANISERS, 302)}, denied=404)
ORGANISER_PAGE = expect(given(ORGANISERS, 200), denied=404)
ORGANISER_POST = expect(given(ORGANISERS, 302), denied=404)

ROUTES = [
    # Pages
    Route("convenings:index", everyone()),
    Route("convenings:create", expect(given(ORGANISERS, 200), denied=403)),
    Route("convenings:detail", everyone(), kwargs=cv),
    Route(
        "convenings:detail",
        expect(given(ORGANISERS, 200), denied=404, anon=404),
        kwargs=lambda w: {"slug": w.draft_convening.slug},
    ),
    Route("convenings:edit", ORGANISER_PAGE, kwargs=cv),
    Route(
        "convenings:transition",
        ORGANISER_POST,
        kwargs=cv,
        method="post",
        data=lambda w: {"to_state": "programme"},
    ),
    Route(
        "convenings:room_add",
        ORGANISER_POST,
        kwargs=cv,
        method="post",
        data=lambda w: {"name": "Salon B", "capacity": 30},
    ),
    Route(
        "convenings:room_remove",
        ORGANISER_POST,
        kwargs=lambda w: {"slug": w.convening.slug, "pk": w.room.pk},
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:invite",
        ORGANISER_POST,
        kwargs=cv,
        method="post",
        data=lambda w: {"cities": w.home.slug},
    ),
    Route("convenings:delegations", ORGANISER_PAGE, kwargs=cv),
    Route("convenings:delegations_csv", ORGANISER_PAGE, kwargs=cv),
    Route("convenings:badges_pdf", ORGANISER_PAGE, kwargs=cv),
    Route(
        "convenings:delegation",
        expect({**given(HOME_MEMBERS, 200), **given(ORGANISERS, 200)}, denied=404),
        kwargs=home,
    ),
    Route(
        "convenings:delegation_add_official",
        expect({**given(HOME_EDITORS, 302), **given(ORGANISERS, 302)}, denied=404),
        kwargs=home,
        method="post",
        data=official,
    ),
    Route(
        "convenings:delegation_invite_partner",
        expect({**given(HOME_EDITORS, 302), **given(ORGANISERS, 302)}, denied=404),
        kwargs=home,
        method="post",
        data=partner,
    ),
    Route(
        "convenings:delegate_remove",
        expect({**given(HOME_EDITORS, 302), **given(ORGANISERS, 302)}, denied=404),
        kwargs=lambda w: {**home(w), "pk": w.delegate.pk},
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:delegation_submit",
        expect({**given(HOME_EDITORS, 302), **given(ORGANISERS, 302)}, denied=404),
        kwargs=home,
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:delegation_confirm",
        expect({**given(HOME_EDITORS, 403), **given(ORGANISERS, 302)}, denied=404),
        kwargs=home,
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:delegation_exception",
        expect({**given(HOME_EDITORS, 403), **given(ORGANISERS, 302)}, denied=404),
        kwargs=home,
        method="post",
        data=lambda w: {"rule": "partners", "reason": "The partner withdrew late."},
    ),
    Route(
        "convenings:partner_invitation",
        everyone(),
        kwargs=lambda w: {"token": PARTNER_TOKEN},
    ),
    Route(
        "convenings:partner_invitation",
        everyone(404),
        kwargs=lambda w: {"token": "not-a-token"},
    ),
    Route(
        "convenings:tour_add",
        ORGANISER_POST,
        kwargs=cv,
        method="post",
        data=lambda w: {"title": "Riverfront", "starts_at": "2030-05-11T10:00", "capacity": 25},
    ),
    Route(
        "convenings:tour_signup",
        expect({}, denied=302),
        kwargs=lambda w: {"slug": w.convening.slug, "pk": w.tour.pk},
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:tour_cancel",
        expect({}, denied=302),
        kwargs=lambda w: {"slug": w.convening.slug, "pk": w.tour.pk},
        method="post",
        data=lambda w: {},
    ),
    Route("convenings:follow_up", ORGANISER_PAGE, kwargs=cv),
    Route("convenings:outcomes", ORGANISER_PAGE, kwargs=cv),
    Route(
        "convenings:commitment_add",
        expect({**given(HOME_EDITORS, 302), **given(ORGANISERS, 302)}, denied=404),
        kwargs=home,
        method="post",
        data=new_commitment,
    ),
    Route(
        "convenings:commitment_progress",
        expect({**given(HOME_EDITORS, 302), **given(ORGANISERS, 302)}, denied=404),
        kwargs=lambda w: {**home(w), "pk": w.commitment.pk},
        method="post",
        data=lambda w: {"status": "in_progress", "note": "Started"},
    ),
    # Programme pages
    Route("convenings:proposals", PROGRAMME_PAGE, kwargs=cv),
    Route("convenings:proposal_create", PROGRAMME_PAGE, kwargs=cv),
    Route("convenings:proposal", PROGRAMME_PAGE, kwargs=prop),
    Route("convenings:proposal_edit", ORGANISER_PAGE, kwargs=prop),
    Route(
        "convenings:proposal_vote", PROGRAMME_POST, kwargs=prop, method="post", data=lambda w: {}
    ),
    Route(
        "convenings:proposal_review",
        expect({**given(DELEGATE, 403), **given(ORGANISERS, 302)}, denied=404),
        kwargs=prop,
        method="post",
        data=lambda w: {"relevance": 4, "feasibility": 5, "comment": "Timely"},
    ),
    Route(
        "convenings:proposal_decide",
        expect({**given(DELEGATE, 403), **given(ORGANISERS, 302)}, denied=404),
        kwargs=prop,
        method="post",
        data=lambda w: {"decision": "accepted", "message": "Welcome", "version": 1},
    ),
    Route(
        "convenings:proposal_confirm",
        expect({**given(DELEGATE, 302), **given(ORGANISERS, 403)}, denied=404),
        kwargs=session,
        method="post",
        data=lambda w: {},
    ),
    Route("convenings:timetable", everyone(), kwargs=cv),
    Route(
        "convenings:timetable",
        expect(given(ORGANISERS, 200), denied=404, anon=404),
        kwargs=lambda w: {"slug": w.draft_convening.slug},
    ),
    Route("convenings:timetable_pdf", everyone(), kwargs=cv),
    Route("convenings:timetable_ics", everyone(), kwargs=cv),
    Route(
        "convenings:slot_add",
        ORGANISER_POST,
        kwargs=cv,
        method="post",
        data=lambda w: {"day": "2030-05-11", "starts": "09:00", "ends": "10:00"},
    ),
    Route(
        "convenings:slot_remove",
        ORGANISER_POST,
        kwargs=lambda w: {"slug": w.convening.slug, "pk": w.slot.pk},
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:timetable_propose", ORGANISER_POST, kwargs=cv, method="post", data=lambda w: {}
    ),
    Route("convenings:timetable_place", ORGANISER_POST, kwargs=cv, method="post", data=placement),
    Route(
        "convenings:timetable_publish", ORGANISER_POST, kwargs=cv, method="post", data=lambda w: {}
    ),
    Route(
        "convenings:room", everyone(), kwargs=lambda w: {"slug": w.convening.slug, "pk": w.room.pk}
    ),
    Route(
        "convenings:room_pdf",
        everyone(),
        kwargs=lambda w: {"slug": w.convening.slug, "pk": w.room.pk},
    ),
    Route(
        "convenings:room_ics",
        everyone(),
        kwargs=lambda w: {"slug": w.convening.slug, "pk": w.room.pk},
    ),
    Route("convenings:agenda", expect(given(DELEGATE, 200), denied=404), kwargs=cv),
    Route("convenings:agenda_pdf", expect(given(DELEGATE, 200), denied=404), kwargs=cv),
    Route(
        "convenings:agenda_add",
        expect(given(DELEGATE, 302), denied=404),
        kwargs=session,
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:agenda_remove",
        expect(given(DELEGATE, 302), denied=404),
        kwargs=session,
        method="post",
        data=lambda w: {},
    ),
    Route(
        "convenings:agenda_ics",
        everyone(),
        kwargs=lambda w: {"slug": w.convening.slug, "token": w.agenda_token},
    ),
    Route(
        "convenings:agenda_ics",
        everyone(404),
        kwargs=lambda w: {"slug": w.convening.slug, "token": w.agenda_token[:-2] + "xx"},
    ),
    Route("convenings:networking", PROGRAMME_PAGE, kwargs=cv),
    Route(
        "convenings:networking",
        expect(given(DELEGATE, 302), denied=404),
        kwargs=cv,
        method="post",
        data=lambda w: {"wants": [w.area.pk]},
    ),
    Route(
        "convenings:networking_propose",
        expect(given(ORGANISERS, 302), denied=404),
        kwargs=cv,
        method="post",
        data=lambda w: {"slots": 2, "tables": 3},
    ),
    Route(
        "convenings:networking_request",
        expect(given(DELEGATE, 302), denied=404),
        kwargs=cv,
        method="post",
        data=lambda w: {"delegate": w.other_official.pk, "slot": 2, "note": "Broadband"},
    ),
    Route(
        "convenings:networking_request",
        expect(given(DELEGATE, 400), denied=404),
        kwargs=cv,
        method="post",
        data=lambda w: {"delegate": w.other_official.pk, "slot": 1},
    ),
    Route(
        "convenings:networking_respond",
        expect(given(DELEGATE, 302), denied=404),
        kwargs=meeting,
        method="post",
        data=lambda w: {"answer": "accept"},
    ),
    # API
    Route("api:convenings_list", everyone()),
    Route(
        "api:convening_create",
        api(given(ORGANISERS, 201), denied=403),
        method="post",
        data=new_convening,
        content_type=JSON,
    ),
    Route("api:convening_detail", everyone(), kwargs=cv),
    Route(
        "api:convening_detail",
        expect(given(ORGANISERS, 200), denied=404, anon=404),
        kwargs=lambda w: {"slug": w.draft_convening.slug},
    ),
    Route(
        "api:convening_update",
        api(given(ORGANISERS, 200)),
        kwargs=cv,
        method="patch",
        data=lambda w: {"version": 1, "title": "Renamed"},
        content_type=JSON,
    ),
    Route(
        "api:convening_transition",
        api(given(ORGANISERS, 200)),
        kwargs=cv,
        method="post",
        data=lambda w: {"to_state": "programme"},
        content_type=JSON,
    ),
    Route(
        "api:convening_invite",
        api(given(ORGANISERS, 200)),
        kwargs=cv,
        method="post",
        data=lambda w: {"cities": [w.home.slug]},
        content_type=JSON,
    ),
    Route(
        "api:delegation_detail",
        api({**given(HOME_MEMBERS, 200), **given(ORGANISERS, 200)}),
        kwargs=home,
    ),
    Route(
        "api:delegation_add_official",
        api({**given(HOME_EDITORS, 201), **given(ORGANISERS, 201)}),
        kwargs=home,
        method="post",
        data=official,
        content_type=JSON,
    ),
    Route(
        "api:delegation_invite_partner",
        api({**given(HOME_EDITORS, 201), **given(ORGANISERS, 201)}),
        kwargs=home,
        method="post",
        data=partner,
        content_type=JSON,
    ),
    Route(
        "api:delegation_submit",
        api({**given(HOME_EDITORS, 400), **given(ORGANISERS, 400)}),
        kwargs=home,
        method="post",
        data=lambda w: {},
        content_type=JSON,
    ),
    Route(
        "api:delegation_exception",
        api({**given(HOME_EDITORS, 403), **given(ORGANISERS, 200)}),
        kwargs=home,
        method="post",
        data=lambda w: {"rule": "partners", "reason": "The partner withdrew late."},
        content_type=JSON,
    ),
    Route(
        "api:commitments_list",
        api({**given(HOME_MEMBERS, 200), **given(ORGANISERS, 200)}),
        kwargs=home,
    ),
    Route(
        "api:commitment_create",
        api({**given(HOME_EDITORS, 201), **given(ORGANISERS, 201)}),
        kwargs=home,
        method="post",
        data=new_commitment,
        content_type=JSON,
    ),
    Route(
        "api:commitment_progress",
        api({**given(HOME_EDITORS, 200), **given(ORGANISERS, 200)}),
        kwargs=lambda w: {**home(w), "pk": w.commitment.pk},
        method="post",
        data=lambda w: {"status": "done", "note": "Launched"},
        content_type=JSON,
    ),
    Route("api:convening_commitments", api(given(ORGANISERS, 200)), kwargs=cv),
    # Programme API
    Route("api:proposals_list", api({**given(DELEGATE, 200), **given(ORGANISERS, 200)}), kwargs=cv),
    Route(
        "api:proposal_create",
        api({**given(DELEGATE, 201), **given(ORGANISERS, 201)}),
        kwargs=cv,
        method="post",
        data=new_proposal,
        content_type=JSON,
    ),
    Route(
        "api:proposal_detail", api({**given(DELEGATE, 200), **given(ORGANISERS, 200)}), kwargs=prop
    ),
    Route(
        "api:proposal_update",
        api(given(ORGANISERS, 200)),
        kwargs=prop,
        method="patch",
        data=lambda w: {"version": 1, "title": "Renamed"},
        content_type=JSON,
    ),
    Route(
        "api:proposal_vote",
        api({**given(DELEGATE, 200), **given(ORGANISERS, 200)}),
        kwargs=prop,
        method="post",
    ),
    Route(
        "api:proposal_unvote",
        api({**given(DELEGATE, 200), **given(ORGANISERS, 200)}),
        kwargs=prop,
        method="delete",
    ),
    Route(
        "api:proposal_review",
        api({**given(DELEGATE, 403), **given(ORGANISERS, 200)}),
        kwargs=prop,
        method="post",
        data=lambda w: {"relevance": 4, "feasibility": 5},
        content_type=JSON,
    ),
    Route(
        "api:proposal_decision",
        api({**given(DELEGATE, 403), **given(ORGANISERS, 200)}),
        kwargs=prop,
        method="post",
        data=lambda w: {"decision": "declined", "message": "Not this year"},
        content_type=JSON,
    ),
    Route(
        "api:proposal_speaker_confirm",
        api({**given(DELEGATE, 200), **given(ORGANISERS, 403)}),
        kwargs=session,
        method="post",
    ),
    Route("api:timetable_detail", everyone(), kwargs=cv),
    Route(
        "api:timetable_detail",
        expect(given(ORGANISERS, 200), denied=404, anon=404),
        kwargs=lambda w: {"slug": w.draft_convening.slug},
    ),
    Route("api:timetable_propose", api(given(ORGANISERS, 200)), kwargs=cv, method="post"),
    Route("api:timetable_publish", api(given(ORGANISERS, 200)), kwargs=cv, method="post"),
    Route(
        "api:timetable_place",
        api(given(ORGANISERS, 200)),
        kwargs=session,
        method="put",
        data=lambda w: {"room": w.room.name, "slot": w.slot.pk},
        content_type=JSON,
    ),
    Route("api:agenda", api(given(DELEGATE, 200)), kwargs=cv),
    Route(
        "api:agenda_add",
        api(given(DELEGATE, 201)),
        kwargs=cv,
        method="post",
        data=lambda w: {"proposal": w.accepted_session.pk},
        content_type=JSON,
    ),
    Route("api:agenda_remove", api(given(DELEGATE, 204)), kwargs=session, method="delete"),
    Route("api:networking_preferences", api(given(DELEGATE, 200)), kwargs=cv),
    Route(
        "api:networking_preferences_put",
        api(given(DELEGATE, 200)),
        kwargs=cv,
        method="put",
        data=lambda w: {"wants": [w.area.slug], "offers": []},
        content_type=JSON,
    ),
    Route(
        "api:networking_meetings",
        api({**given(DELEGATE, 200), **given(ORGANISERS, 200)}),
        kwargs=cv,
    ),
    Route(
        "api:networking_propose",
        api(given(ORGANISERS, 200)),
        kwargs=cv,
        method="post",
        data=lambda w: {"slots": 2, "tables": 3},
        content_type=JSON,
    ),
    Route("api:networking_people", api(given(DELEGATE, 200)), kwargs=cv),
    Route(
        "api:networking_request",
        api(given(DELEGATE, 201)),
        kwargs=cv,
        method="post",
        data=lambda w: {"delegate": w.other_official.pk, "slot": 2},
        content_type=JSON,
    ),
    Route(
        "api:networking_request",
        api(given(DELEGATE, 404)),
        kwargs=cv,
        method="post",
        data=lambda w: {"delegate": w.delegate.pk},
        content_type=JSON,
    ),
    Route(
        "api:networking_respond",
        api(given(DELEGATE, 200)),
        kwargs=meeting,
        method="post",
        data=lambda w: {"answer": "decline"},
        content_type=JSON,
    ),
]
