import json

from tests.access.registry import LOGIN, Route, everyone

# Full access (answers, roadmap): the city's members and the reviewers (organiser, site admin).
FULL = {
    "anon": LOGIN,
    "member": 200,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 404,
    "organiser": 200,
    "site_admin": 200,
}
# A private result: same people, but not a sign-in-only page (anonymous visitors get 404).
PRIVATE_RESULT = {**FULL, "anon": 404}
# A result shared with peers: every signed-in network member.
PEERS_RESULT = {**dict.fromkeys(FULL, 200), "anon": 404}
# Writes by the city's editors (pages redirect after the action).
EDIT_POST = {
    "anon": LOGIN,
    "member": 403,
    "editor": 302,
    "city_admin": 302,
    "other_editor": 404,
    "organiser": 403,
    "site_admin": 302,
}
REVIEWERS = {
    "anon": LOGIN,
    "member": 403,
    "editor": 403,
    "city_admin": 403,
    "other_editor": 403,
    "organiser": 200,
    "site_admin": 200,
}
# Reviewing the home city: its own members may see it but not review it.
REVIEW = {**REVIEWERS, "other_editor": 404}
REVIEW_POST = {**REVIEW, "organiser": 302, "site_admin": 302}
START = {
    "anon": LOGIN,
    "member": 403,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 403,
    "organiser": 403,
    "site_admin": 200,
}
PRIVATE_FILE = {**PRIVATE_RESULT, "organiser": 404, "site_admin": 404}
# Evidence files by visibility. "Only our members" reaches no reviewer, organiser or site admin;
# on a result the city keeps private, wider visibilities still reach only members and reviewers.
HOME_FILE = {
    "private": PRIVATE_FILE,
    **dict.fromkeys(["reviewers", "peers", "public"], PRIVATE_RESULT),
}
NOBODY_ELSE = {**dict.fromkeys(FULL, 404), "other_editor": 200}
OTHER_FILE = {
    "private": NOBODY_ELSE,
    "reviewers": {**NOBODY_ELSE, "organiser": 200, "site_admin": 200},
    "peers": PEERS_RESULT,
    "public": PEERS_RESULT,
}
EVIDENCE_DELETE = {**EDIT_POST, "organiser": 404, "site_admin": 404}
ASK = {**EDIT_POST, "member": 302}

API_WRITE = {
    "anon": 401,
    "member": 403,
    "editor": 200,
    "city_admin": 200,
    "other_editor": 404,
    "organiser": 403,
    "site_admin": 200,
}
API_CREATE = {
    "anon": 401,
    "member": 403,
    "editor": 201,
    "city_admin": 201,
    "other_editor": 403,
    "organiser": 403,
    "site_admin": 201,
}
API_EVIDENCE = {k: (201 if v == 200 else v) for k, v in API_WRITE.items()}
# Submitting an unfinished draft is refused with a 400 that names what is missing.
API_SUBMIT = {k: (400 if v == 200 else v) for k, v in API_WRITE.items()}
API_REVIEW = {
    "anon": 401,
    "member": 403,
    "editor": 403,
    "city_admin": 403,
    "other_editor": 404,
    "organiser": 200,
    "site_admin": 200,
}
# Validating before every criterion is rated (or asking for evidence with none flagged): 400.
API_DECIDE = {**API_REVIEW, "organiser": 400, "site_admin": 400}
API_QUEUE = {**dict.fromkeys(FULL, 403), "organiser": 200, "site_admin": 200}
JSON = "application/json"


def _draft(w):
    return {"pk": w.home_draft.pk}


def _submitted(w):
    return {"pk": w.home_submitted.pk}


def _shared(w):
    return {"pk": w.other_shared.pk}


def _home(w):
    return {"slug": w.home.slug}


def _framework(w):
    return {"slug": "city-data-practices", "version": "2025.1"}


ROUTES = [
    Route("assessments:index", everyone()),
    Route("assessments:framework", everyone(), kwargs=_framework),
    Route("assessments:start", START, kwargs=_home),
    Route("assessments:queue", REVIEWERS),
    Route("assessments:network", REVIEWERS),
    Route("assessments:city", FULL, kwargs=_home),
    Route("assessments:detail", FULL, kwargs=_draft),
    Route("assessments:answer", FULL, kwargs=lambda w: {**_draft(w), "area": "open-data"}),
    Route(
        "assessments:answer",
        EDIT_POST,
        method="post",
        kwargs=lambda w: {**_draft(w), "area": "open-data"},
        data=lambda w: {"od-policy-met": "yes", "next": "stay"},
    ),
    Route(
        "assessments:evidence_add",
        EDIT_POST,
        method="post",
        kwargs=lambda w: {**_draft(w), "criterion": "od-portal"},
        data=lambda w: {"url": "https://example.org/portal", "visibility": "reviewers"},
    ),
    Route(
        "assessments:evidence", PRIVATE_FILE, kwargs=lambda w: {"pk": w.home_private_evidence.pk}
    ),
    Route(
        "assessments:evidence", PEERS_RESULT, kwargs=lambda w: {"pk": w.other_public_evidence.pk}
    ),
    *[
        Route(
            "assessments:evidence",
            expect,
            kwargs=lambda w, key=(city, visibility): {"pk": w.evidence[key].pk},
        )
        for city, files in [("home", HOME_FILE), ("other", OTHER_FILE)]
        for visibility, expect in files.items()
    ],
    Route(
        "assessments:evidence_delete",
        EVIDENCE_DELETE,
        method="post",
        kwargs=lambda w: {"pk": w.home_private_evidence.pk},
        data=lambda w: {},
    ),
    Route("assessments:submit", EDIT_POST, method="post", kwargs=_draft, data=lambda w: {}),
    Route(
        "assessments:sharing",
        EDIT_POST,
        method="post",
        kwargs=_draft,
        data=lambda w: {"sharing": "peers"},
    ),
    Route("assessments:result", PRIVATE_RESULT, kwargs=_draft),
    Route("assessments:result", PEERS_RESULT, kwargs=_shared),
    Route("assessments:roadmap", FULL, kwargs=_draft),
    Route("assessments:roadmap_pdf", FULL, kwargs=_draft),
    Route(
        "assessments:ask_peer",
        ASK,
        method="post",
        kwargs=_draft,
        data=lambda w: {"criterion": "od-policy", "peer": w.other.pk},
    ),
    Route("assessments:review", REVIEW, kwargs=_submitted),
    Route(
        "assessments:request_evidence",
        REVIEW_POST,
        method="post",
        kwargs=_submitted,
        data=lambda w: {},
    ),
    Route("assessments:validate", REVIEW_POST, method="post", kwargs=_submitted, data=lambda w: {}),
    # API
    Route("api:assessment_frameworks", everyone()),
    Route("api:assessment_framework", everyone(), kwargs=_framework),
    Route("api:assessments", everyone()),
    Route(
        "api:assessments",
        API_CREATE,
        method="post",
        content_type=JSON,
        data=lambda w: json.dumps(
            {
                "jurisdiction": w.home.slug,
                "framework": "city-data-practices",
                "version": "2025.1",
                "cycle": 2026,
            }
        ),
    ),
    Route("api:assessment", PRIVATE_RESULT, kwargs=_draft),
    Route("api:assessment", PEERS_RESULT, kwargs=_shared),
    Route("api:assessment_responses", PRIVATE_RESULT, kwargs=_draft),
    Route(
        "api:assessment_responses",
        {**PRIVATE_RESULT, "member": 404, "editor": 404, "city_admin": 404, "other_editor": 200},
        kwargs=_shared,
    ),
    Route(
        "api:assessment_response",
        API_WRITE,
        method="put",
        content_type=JSON,
        kwargs=lambda w: {**_draft(w), "criterion": "od-portal"},
        data=lambda w: json.dumps({"met": True, "notes": "Portal live since 2019."}),
    ),
    Route(
        "api:assessment_evidence",
        API_EVIDENCE,
        method="post",
        content_type=JSON,
        kwargs=lambda w: {**_draft(w), "criterion": "od-portal"},
        data=lambda w: json.dumps({"url": "https://example.org/portal"}),
    ),
    Route("api:assessment_submission_check", PRIVATE_RESULT, kwargs=_draft),
    Route("api:assessment_submit", API_SUBMIT, method="post", kwargs=_draft),
    Route(
        "api:assessment_sharing",
        API_WRITE,
        method="put",
        content_type=JSON,
        kwargs=_draft,
        data=lambda w: json.dumps({"sharing": "peers"}),
    ),
    Route("api:assessment_result", PRIVATE_RESULT, kwargs=_draft),
    Route("api:assessment_result", PEERS_RESULT, kwargs=_shared),
    Route("api:assessment_roadmap", PRIVATE_RESULT, kwargs=_draft),
    Route("api:assessment_benchmarks", PRIVATE_RESULT, kwargs=_draft),
    Route("api:assessment_benchmarks", PEERS_RESULT, kwargs=_shared),
    Route("api:assessment_progress", PRIVATE_RESULT, kwargs=_home),
    Route("api:assessment_review_queue", API_QUEUE),
    Route(
        "api:assessment_review",
        API_REVIEW,
        method="put",
        content_type=JSON,
        kwargs=lambda w: {**_submitted(w), "criterion": "od-policy"},
        data=lambda w: json.dumps({"met": True, "comment": "Policy seen."}),
    ),
    Route(
        "api:assessment_validate",
        API_DECIDE,
        method="post",
        content_type=JSON,
        kwargs=_submitted,
        data=lambda w: json.dumps({"summary": ""}),
    ),
    Route(
        "api:assessment_request_evidence",
        API_DECIDE,
        method="post",
        content_type=JSON,
        kwargs=_submitted,
        data=lambda w: json.dumps({"summary": ""}),
    ),
]
