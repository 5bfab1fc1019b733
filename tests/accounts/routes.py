from tests.access.registry import LOGIN, PERSONAS, Route, everyone, signed_in

ORGANISERS = {"organiser": 200, "site_admin": 200}


def only(allowed: dict[str, int], *, denied: int, anon: int = LOGIN) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, denied), "anon": anon, **allowed}


def home_org(world):
    return {"slug": world.home_org.slug}


MANAGERS_REDIRECT = {"city_admin": 302, "organiser": 302, "site_admin": 302}

ROUTES = [
    Route("accounts:login", signed_in(302, anon=200)),
    Route("accounts:logout", everyone(302), method="post", data=lambda w: {}),
    Route("accounts:password_reset", everyone()),
    Route("accounts:password_reset_done", everyone()),
    Route("accounts:password_reset_confirm", everyone(),
          kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"}),
    Route("accounts:password_reset_complete", everyone()),
    Route("accounts:password_change", signed_in()),
    Route("accounts:password_change_done", signed_in()),
    Route("accounts:account", signed_in()),
    Route("accounts:api_token_create", signed_in(201), method="post",
          data=lambda w: {"name": "Matrix"}),
    Route("accounts:api_token_revoke", only({"member": 302}, denied=404), method="post",
          kwargs=lambda w: {"pk": w.member_token.pk}, data=lambda w: {}),
    Route("accounts:invitation", everyone(),
          kwargs=lambda w: {"token": w.invitation_link_token}),
    Route("accounts:invitation_accept_mine", only({"member": 302}, denied=404), method="post",
          kwargs=lambda w: {"pk": w.member_invitation.pk}, data=lambda w: {}),
    Route("accounts:organisations", everyone()),
    Route("accounts:organisation_create", only(ORGANISERS, denied=403)),
    Route("accounts:organisation", everyone(), kwargs=home_org),
    Route("accounts:organisation_edit", only(ORGANISERS, denied=403), kwargs=home_org),
    Route("accounts:organisation_invite", only({**ORGANISERS, "city_admin": 200}, denied=403),
          kwargs=home_org),
    Route("accounts:member_role", only(MANAGERS_REDIRECT, denied=403), method="post",
          kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.member_membership.pk},
          data=lambda w: {"role": "editor"}),
    Route("accounts:member_remove", only(MANAGERS_REDIRECT, denied=403), method="post",
          kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.member_membership.pk},
          data=lambda w: {}),
    Route("accounts:invitation_resend", only(MANAGERS_REDIRECT, denied=403), method="post",
          kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.home_invitation.pk},
          data=lambda w: {}),
    Route("accounts:invitation_revoke", only(MANAGERS_REDIRECT, denied=403), method="post",
          kwargs=lambda w: {"slug": w.home_org.slug, "pk": w.home_invitation.pk},
          data=lambda w: {}),
    # JSON API (namespace "api")
    Route("api:me", signed_in(200, anon=401)),
    Route("api:organisation_list", everyone()),
    Route("api:organisation_detail", everyone(), kwargs=home_org),
    Route("api:organisation_invitations",
          {**dict.fromkeys(PERSONAS, 403), "anon": 401, "city_admin": 201, "organiser": 201,
           "site_admin": 201},
          method="post", kwargs=home_org, content_type="application/json",
          data=lambda w: {"email": "api-invitee@example.org", "role": "editor"}),
]
