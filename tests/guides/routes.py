from tests.access.registry import LOGIN, PERSONAS, Route, everyone

JSON = "application/json"


def expect(default: int, anon: int = LOGIN, **statuses: int) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, default), "anon": anon, **statuses}


def slug(w):
    return {"slug": w.guide.slug}


def draft_slug(w):
    return {"slug": w.draft_guide.slug}


def section(w):
    return {"slug": w.guide.slug, "pk": w.guide_section.pk}


def chapter(w):
    return {"slug": w.guide.slug, "pk": w.guide_chapter.pk}


def published(w):
    return {"slug": w.guide.slug, "number": w.guide_published.number}


def in_review(w):
    return {"slug": w.guide.slug, "number": w.guide_in_review.number}


# Who is who on `guide`: editor leads, member writes, other_editor reviews 1.1, city_admin is
# only invited; organiser and site_admin manage (and approved 1.0) but do not write.
WRITERS = {"editor": 302, "member": 302}
MANAGERS = {"editor": 302, "organiser": 302, "site_admin": 302}
DRAFT_READERS = {"editor": 200, "member": 200, "organiser": 200, "site_admin": 200}
# 1.1 is in review: the consortium, the organisers and its reviewer read it; others get 404.
REVIEW_HIDDEN = {"city_admin": 404}

ROUTES = [
    Route("guides:index", everyone(200)),
    Route("guides:index", everyone(200), query="?show=mine&area=housing-affordability"),
    Route("guides:new", expect(200, member=403)),
    Route("guides:guide", everyone(200), kwargs=slug),
    Route(
        "guides:guide",
        expect(404, anon=404, editor=200, organiser=200, site_admin=200),
        kwargs=draft_slug,
    ),
    Route("guides:edit", expect(403, editor=200, organiser=200, site_admin=200), kwargs=slug),
    Route("guides:draft", expect(403, **DRAFT_READERS), kwargs=slug),
    Route(
        "guides:member-invite",
        expect(403, **MANAGERS),
        kwargs=slug,
        method="post",
        data=lambda w: {"email": "nobody@example.com", "role": "author"},
    ),
    Route(
        "guides:invitation",
        expect(404, city_admin=302),
        kwargs=lambda w: {"slug": w.guide.slug, "pk": w.guide_invitation.pk},
        method="post",
        data=lambda w: {"answer": "accept"},
    ),
    Route(
        "guides:chapter-add",
        expect(403, **WRITERS),
        kwargs=slug,
        method="post",
        data=lambda w: {"title": "Another chapter"},
    ),
    Route(
        "guides:section-add",
        expect(403, **WRITERS),
        kwargs=chapter,
        method="post",
        data=lambda w: {"title": "Another section"},
    ),
    Route("guides:section-edit", expect(403, editor=200, member=200), kwargs=section),
    Route("guides:section-history", expect(403, **DRAFT_READERS), kwargs=section),
    Route(
        "guides:revision",
        expect(403, **DRAFT_READERS),
        kwargs=lambda w: {**section(w), "number": 2},
    ),
    Route(
        "guides:block-add",
        expect(403, **WRITERS),
        kwargs=section,
        method="post",
        data=lambda w: {"kind": "checklist", "items": "Read it"},
    ),
    Route(
        "guides:block-remove",
        expect(403, **WRITERS),
        kwargs=lambda w: {"slug": w.guide.slug, "pk": w.guide_block.pk},
        method="post",
    ),
    # The world's guide has no file: a missing one is the same 404 for everyone.
    Route(
        "guides:file",
        expect(404, anon=404),
        kwargs=lambda w: {"slug": w.guide.slug, "pk": 999999},
    ),
    Route(
        "guides:edition-new", expect(403, editor=200, organiser=200, site_admin=200), kwargs=slug
    ),
    Route("guides:edition", everyone(200), kwargs=published),
    Route("guides:edition", expect(200, anon=404, **REVIEW_HIDDEN), kwargs=in_review),
    Route("guides:edition-pdf", everyone(200), kwargs=published),
    Route(
        "guides:reviewer-add",
        expect(403, **MANAGERS, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
        data=lambda w: {"email": "nobody@example.com"},
    ),
    Route(
        "guides:review",
        expect(403, other_editor=302, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
        data=lambda w: {"decision": "approved"},
    ),
    Route(
        "guides:comment-add",
        expect(403, other_editor=302, **WRITERS, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
        data=lambda w: {"body": "A comment"},
    ),
    Route(
        "guides:comment-resolve",
        expect(403, **MANAGERS, **REVIEW_HIDDEN),
        kwargs=lambda w: {**in_review(w), "pk": w.guide_comment.pk},
        method="post",
        data=lambda w: {"resolution": "Done"},
    ),
    Route(
        "guides:publish",
        expect(403, **MANAGERS, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
    ),
    Route(
        "guides:withdraw",
        expect(403, **MANAGERS, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
    ),
    # API
    Route("api:guide_list", everyone(200)),
    Route(
        "api:guide_create",
        expect(201, anon=401, member=403),
        method="post",
        content_type=JSON,
        data=lambda w: {
            "title": "API guide",
            "purpose": "Why",
            "audience": "Who",
            "area": w.area.slug,
        },
    ),
    Route("api:guide_detail", everyone(200), kwargs=slug),
    Route(
        "api:guide_detail",
        expect(404, anon=404, editor=200, organiser=200, site_admin=200),
        kwargs=draft_slug,
    ),
    Route(
        "api:guide_update",
        expect(403, anon=401, editor=200, organiser=200, site_admin=200),
        kwargs=slug,
        method="patch",
        content_type=JSON,
        data=lambda w: {"audience": "Everyone"},
    ),
    Route(
        "api:guide_member_invite",
        expect(403, anon=401, editor=400, organiser=400, site_admin=400),
        kwargs=slug,
        method="post",
        content_type=JSON,
        data=lambda w: {"email": "nobody@example.com", "role": "author"},
    ),
    Route(
        "api:guide_invitation_answer",
        expect(404, anon=401, city_admin=200),
        kwargs=lambda w: {"slug": w.guide.slug, "member_id": w.guide_invitation.pk},
        method="post",
        content_type=JSON,
        data=lambda w: {"accept": True},
    ),
    Route(
        "api:guide_chapter_create",
        expect(403, anon=401, editor=201, member=201),
        kwargs=slug,
        method="post",
        content_type=JSON,
        data=lambda w: {"title": "API chapter"},
    ),
    Route(
        "api:guide_section_create",
        expect(403, anon=401, editor=201, member=201),
        kwargs=lambda w: {"slug": w.guide.slug, "chapter_id": w.guide_chapter.pk},
        method="post",
        content_type=JSON,
        data=lambda w: {"title": "API section", "body": "Text"},
    ),
    Route(
        "api:guide_section_detail",
        expect(403, anon=401, editor=200, member=200, organiser=200, site_admin=200),
        kwargs=lambda w: {"slug": w.guide.slug, "section_id": w.guide_section.pk},
    ),
    Route(
        "api:guide_section_update",
        expect(403, anon=401, editor=200, member=200),
        kwargs=lambda w: {"slug": w.guide.slug, "section_id": w.guide_section.pk},
        method="put",
        content_type=JSON,
        data=lambda w: {"title": "First steps", "body": "One.\nTwo.\nThree."},
    ),
    Route(
        "api:guide_revision_list",
        expect(403, anon=401, editor=200, member=200, organiser=200, site_admin=200),
        kwargs=lambda w: {"slug": w.guide.slug, "section_id": w.guide_section.pk},
    ),
    Route(
        "api:guide_revision_detail",
        expect(403, anon=401, editor=200, member=200, organiser=200, site_admin=200),
        kwargs=lambda w: {"slug": w.guide.slug, "section_id": w.guide_section.pk, "number": 2},
    ),
    Route(
        "api:guide_block_create",
        expect(403, anon=401, editor=201, member=201),
        kwargs=lambda w: {"slug": w.guide.slug, "section_id": w.guide_section.pk},
        method="post",
        content_type=JSON,
        data=lambda w: {"kind": "resource", "url": "https://example.org/", "title": "Example"},
    ),
    Route("api:guide_edition_list", everyone(200), kwargs=slug),
    Route(
        "api:guide_edition_create",
        expect(403, anon=401, editor=400, organiser=400, site_admin=400),
        kwargs=slug,
        method="post",
        content_type=JSON,
        data=lambda w: {"release_notes": "Another"},
    ),
    Route("api:guide_edition_detail", everyone(200), kwargs=published),
    Route(
        "api:guide_edition_detail",
        expect(200, anon=404, **REVIEW_HIDDEN),
        kwargs=in_review,
    ),
    Route(
        "api:guide_reviewer_add",
        expect(403, anon=401, editor=400, organiser=400, site_admin=400, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
        content_type=JSON,
        data=lambda w: {"email": "nobody@example.com"},
    ),
    Route(
        "api:guide_review",
        expect(403, anon=401, other_editor=200, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
        content_type=JSON,
        data=lambda w: {"decision": "approved"},
    ),
    Route(
        "api:guide_comment_create",
        expect(403, anon=401, other_editor=201, editor=201, member=201, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
        content_type=JSON,
        data=lambda w: {"body": "API comment"},
    ),
    Route(
        "api:guide_comment_resolve",
        expect(403, anon=401, editor=200, organiser=200, site_admin=200, **REVIEW_HIDDEN),
        kwargs=lambda w: {**in_review(w), "comment_id": w.guide_comment.pk},
        method="post",
        content_type=JSON,
        data=lambda w: {"resolution": "Done"},
    ),
    Route(
        "api:guide_edition_publish",
        expect(403, anon=401, editor=400, organiser=400, site_admin=400, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
    ),
    Route(
        "api:guide_edition_withdraw",
        expect(403, anon=401, editor=200, organiser=200, site_admin=200, **REVIEW_HIDDEN),
        kwargs=in_review,
        method="post",
    ),
]
