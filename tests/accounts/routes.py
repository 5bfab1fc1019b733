from tests.access.registry import LOGIN, PERSONAS, Route, everyone, signed_in

ORGANISERS = {"organiser": 200, "site_admin": 200}


def only(allowed: dict[str, int], *, denied: int, anon: int = LOGIN) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **allowed}


def home_org(world):
    return {"slug": world.home_org.slug}


def coalition(world):
    return {"slug": world.coalition.slug}


def coalition_city(world):
    return {"slug": world.coalition.slug, "city": world.home.slug}


MANAGERS_REDIRECT = {"city_admin": 302, "organiser": 302, "site_admin": 302}
# The home city's people may leave it; its only administrator may not (told why).
LEAVE_PAGE = only({"member": 200, "editor": 200, "city_admin": 200}, denied=404)
LEAVE = only({"member": 302, "editor": 302, "city_admin": 400}, denied=404)
API_LEAVE = only({"member": 204, "editor": 204, "city_admin": 409}, denied=404, anon=401)
# Nobody in the world administers the coalition: only organisers manage its member cities.
CITY_MANAGERS = {"organiser": 200, "site_admin": 200}
CITY_MANAGERS_REDIRECT = {"organiser": 302, "site_admin": 302}
API_INVITATION_MANAGERS = {"city_admin": 200, "organiser": 200, "site_admin": 200}

ROUTES = [
    Route("accounts:login", signed_in(302, anon=200)),
    Route("accounts:logout", everyone(302), method="post", data=lambda w: {}),
    Route("accounts:password_reset", everyone()),
    Route("accounts:password_reset_done", everyone()),
    Route(
        "accounts:password_reset_confirm",
        everyone(),
        kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"},
    ),
    Route("accounts:password_reset_complete", everyone()),
    Route("accounts:password_change", signed_in()),
    Route("accounts:password_change_done", signed_in()),
    Route("accounts:account", signed_in()),
    Route(
        "accounts:api_token_create",
        signed_in(201),
        method="post",
        data=lambda w: {"name": "Matrix"},
    ),
    Route(
        "accounts:api_token_revoke",
        only({"member": 302}, denied=404),
        method="post",
        kwargs=lambda w: {"pk": w.member_token.pk},
        data=lambda w: {},
    ),
    Route("accounts:invitation", everyone(), kwargs=lambda w: {"token": w.invitation_link_token}),
    Route(
        "accounts:invitation_accept_mine",
        only({"member": 302}, denied=404),
        method="post",
        kwargs=lambda w: {"pk": w.member_invitation.pk},
        data=lambda w: {},
    ),
    Route("accounts:organisations", everyone()),
    Route("accounts:organisation_create", only(ORGANISERS, denied=403)),
    Route("accounts:organisation", everyone(), kwargs=home_org),
    Route("accounts:organisation_edit", only(ORGANISERS, denied=403), kwargs=home_org),
    Route(
        "accounts:organisation_invite",
        only({**ORGANISERS, "city_admin": 200}, denied=403),
        kwargs=home_org,
    ),
    Route(
        "accounts:member_role",
        only(MANAGERS_REDIRECT, denied=403),
        method="post",
        kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.member_membership.pk},
        data=lambda w: {"role": "editor"},
    ),
    Route(
        "accounts:member_remove",
        only(MANAGERS_REDIRECT, denied=403),
        method="post",
        kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.member_membership.pk},
        data=lambda w: {},
    ),
    Route(
        "accounts:invitation_resend",
        only(MANAGERS_REDIRECT, denied=403),
        method="post",
        kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.home_invitation.pk},
        data=lambda w: {},
    ),
    Route(
        "accounts:invitation_revoke",
        only(MANAGERS_REDIRECT, denied=403),
        method="post",
        kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.home_invitation.pk},
        data=lambda w: {},
    ),
    Route("accounts:organisation_leave", LEAVE_PAGE, kwargs=home_org),
    Route("accounts:organisation_leave", LEAVE, method="post", kwargs=home_org, data=lambda w: {}),
    Route("accounts:organisation_cities", only(CITY_MANAGERS, denied=403), kwargs=coalition),
    Route(
        "accounts:organisation_cities",
        only(CITY_MANAGERS, denied=403),
        kwargs=coalition,
        query="?q=other",
    ),
    Route(
        "accounts:organisation_city_add",
        only(CITY_MANAGERS_REDIRECT, denied=403),
        method="post",
        kwargs=coalition,
        data=lambda w: {"jurisdiction": w.other.slug},
    ),
    Route(
        "accounts:organisation_city_remove", only(CITY_MANAGERS, denied=403), kwargs=coalition_city
    ),
    Route(
        "accounts:organisation_city_remove",
        only(CITY_MANAGERS_REDIRECT, denied=403),
        method="post",
        kwargs=coalition_city,
        data=lambda w: {},
    ),
    # JSON API (namespace "api")
    Route("api:me", signed_in(200, anon=401)),
    Route("api:organisation_list", everyone()),
    Route("api:organisation_detail", everyone(), kwargs=home_org),
    Route(
        "api:organisation_invitations",
        {
            **dict.fromkeys(PERSONAS, 403),
            "anon": 401,
            "city_admin": 201,
            "organiser": 201,
            "site_admin": 201,
        },
        method="post",
        kwargs=home_org,
        content_type="application/json",
        data=lambda w: {"email": "api-invitee@example.org", "role": "editor"},
    ),
    Route(
        "api:organisation_invitation_list",
        only(API_INVITATION_MANAGERS, denied=403, anon=401),
        kwargs=home_org,
    ),
    Route(
        "api:organisation_invitation_revoke",
        only(dict.fromkeys(API_INVITATION_MANAGERS, 204), denied=403, anon=401),
        method="delete",
        kwargs=lambda w: {"slug": w.home_org.slug, "invitation_id": w.home_invitation.pk},
    ),
    Route("api:organisation_leave", API_LEAVE, method="delete", kwargs=home_org),
    Route(
        "api:organisation_city_add",
        only({"organiser": 201, "site_admin": 201}, denied=403, anon=401),
        method="post",
        kwargs=coalition,
        content_type="application/json",
        data=lambda w: {"jurisdiction": w.other.slug},
    ),
    Route(
        "api:organisation_city_remove",
        only({"organiser": 204, "site_admin": 204}, denied=403, anon=401),
        method="delete",
        kwargs=lambda w: {"slug": w.coalition.slug, "key": w.home.slug},
    ),
]
