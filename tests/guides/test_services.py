"""Writing, revisions, editions, review and publication through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from citypeers.core.services import StaleEdit
from citypeers.guides import services
from citypeers.guides.enums import EditionStatus, MemberStatus, ReviewDecision
from citypeers.guides.models import Edition, Revision
from citypeers.notifications.models import Notification
from tests.factories.accounts import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_creator_leads_and_invitees_join_when_they_accept(team, guide):
    members = {m.user_id: (m.role, m.status) for m in guide.members.all()}
    assert members == {
        team.lead.pk: ("lead", MemberStatus.ACCEPTED),
        team.author.pk: ("author", MemberStatus.ACCEPTED),
    }
    assert Notification.objects.filter(user=team.author, kind="guides.invited").count() == 1


def test_a_member_without_an_editor_role_cannot_start_a_guide(team):
    with pytest.raises(PermissionDenied):
        services.create_guide(
            actor=team.stranger, title="T", purpose="P", audience="A", area=team.area
        )


def test_only_writers_write(team, guide):
    with pytest.raises(PermissionDenied):
        services.add_chapter(actor=team.peer_reviewer, guide=guide, title="Not mine")
    with pytest.raises(PermissionDenied):
        services.add_chapter(actor=team.organiser, guide=guide, title="Organisers manage")


def test_every_save_is_a_numbered_revision(team, section):
    services.save_section(
        actor=team.author,
        section=section,
        title="Why land trusts",
        body="First line.\nA new second line.\nThird line.",
        expected_version=1,
    )
    revisions = list(Revision.objects.filter(section=section).order_by("number"))
    assert [(r.number, r.author_id, r.summary) for r in revisions] == [
        (1, team.lead.pk, "Section started"),
        (2, team.author.pk, "1 line(s) added, 1 removed"),
    ]
    section.refresh_from_db()
    assert section.version == 2


def test_a_stale_save_of_the_same_lines_is_refused_and_nothing_is_lost(team, section):
    services.save_section(
        actor=team.author,
        section=section,
        title=section.title,
        body="First line.\nAuthor's second line.\nThird line.",
        expected_version=1,
    )
    with pytest.raises(StaleEdit) as refused:
        services.save_section(
            actor=team.lead,
            section=section,
            title=section.title,
            body="First line.\nLead's second line.\nThird line.",
            expected_version=1,
        )
    assert refused.value.current.body == "First line.\nAuthor's second line.\nThird line."
    section.refresh_from_db()
    assert (section.version, section.body) == (2, "First line.\nAuthor's second line.\nThird line.")
    assert section.revisions.count() == 2


def test_a_stale_save_of_other_lines_is_merged(team, section):
    services.save_section(
        actor=team.author,
        section=section,
        title=section.title,
        body="First line, by the author.\nSecond line.\nThird line.",
        expected_version=1,
    )
    saved, merged = services.save_section(
        actor=team.lead,
        section=section,
        title="Why community land trusts",
        body="First line.\nSecond line.\nThird line, by the lead.",
        expected_version=1,
    )
    assert merged is True
    assert saved.title == "Why community land trusts"
    assert saved.body == "First line, by the author.\nSecond line.\nThird line, by the lead."
    latest = saved.revisions.order_by("-number").first()
    assert (latest.number, latest.merged) == (3, True)


def test_blocks_validate_and_are_revisions(team, section):
    with pytest.raises(ValidationError) as missing:
        services.add_block(actor=team.lead, section=section, kind="case_study")
    assert missing.value.message_dict == {
        "solution": ["Choose the solution this case study presents."]
    }
    services.add_block(actor=team.lead, section=section, kind="case_study", solution=team.solution)
    assert section.revisions.order_by("-number").first().summary == (
        "added case study (a solution): Case study (a solution)"
    )


def _ready_edition(team, guide, section):
    services.add_block(actor=team.lead, section=section, kind="case_study", solution=team.solution)
    return services.cut_edition(
        actor=team.lead,
        guide=guide,
        release_notes="First edition.",
        reviewers=[team.peer_reviewer, team.outside_reviewer],
    )


def test_an_edition_freezes_the_draft(team, guide, section):
    edition = _ready_edition(team, guide, section)
    assert edition.number == "1.0"
    services.save_section(
        actor=team.author, section=section, title="Changed", body="Changed.", expected_version=None
    )
    edition.refresh_from_db()
    frozen = edition.content["chapters"][0]["sections"][0]
    assert (frozen["title"], frozen["body"]) == (
        "Why land trusts",
        "First line.\nSecond line.\nThird line.",
    )


def test_a_writer_cannot_review(team, guide, section):
    edition = _ready_edition(team, guide, section)
    with pytest.raises(ValidationError) as refused:
        services.add_reviewer(actor=team.lead, edition=edition, reviewer=team.author)
    assert refused.value.message_dict["reviewer"] == [
        f"{team.author} writes this guide and cannot also review it."
    ]


def test_publishing_without_the_approvals_names_what_is_missing(team, guide, section):
    edition = _ready_edition(team, guide, section)
    services.decide_review(
        actor=team.peer_reviewer, edition=edition, decision=ReviewDecision.APPROVED
    )
    with pytest.raises(ValidationError) as refused:
        services.publish_edition(actor=team.lead, edition=edition)
    assert refused.value.messages == [
        "This edition cannot be published yet. Missing: 1 more reviewer approval (the guide "
        "needs 2, it has 1)."
    ]
    assert Edition.objects.get(pk=edition.pk).status == EditionStatus.IN_REVIEW


def test_approvals_from_the_consortium_cities_alone_are_not_enough(team, guide, section):
    colleague = MembershipFactory(
        organisation=team.author.memberships.get().organisation, role="member"
    ).user
    edition = _ready_edition(team, guide, section)
    review = services.add_reviewer(actor=team.lead, edition=edition, reviewer=colleague)
    assert review.outside_consortium is False
    for reviewer in (colleague, team.peer_reviewer):
        services.decide_review(actor=reviewer, edition=edition, decision="approved")
    guide.outside_approval_required = True
    guide.save()
    services.decide_review(
        actor=team.outside_reviewer, edition=edition, decision="changes_requested", note="No."
    )
    edition.reviews.filter(reviewer=team.peer_reviewer).update(outside_consortium=False)
    with pytest.raises(ValidationError) as refused:
        services.publish_edition(actor=team.lead, edition=edition)
    assert refused.value.messages == [
        "This edition cannot be published yet. Missing: An approval from a reviewer outside the "
        "consortium. Changes requested by Outside Expert must be answered."
    ]


def test_a_request_for_changes_needs_a_note_and_blocks_publication(team, guide, section):
    edition = _ready_edition(team, guide, section)
    with pytest.raises(ValidationError):
        services.decide_review(
            actor=team.outside_reviewer, edition=edition, decision="changes_requested"
        )
    services.decide_review(
        actor=team.outside_reviewer,
        edition=edition,
        decision="changes_requested",
        note="Cite the outcome's year.",
    )
    services.decide_review(actor=team.peer_reviewer, edition=edition, decision="approved")
    with pytest.raises(ValidationError) as refused:
        services.publish_edition(actor=team.lead, edition=edition)
    assert "Changes requested by Outside Expert must be answered." in refused.value.messages[0]


def test_publication_with_the_approvals_freezes_the_edition_and_links_the_cases(
    team, guide, section
):
    edition = _ready_edition(team, guide, section)
    services.comment_on_edition(
        actor=team.outside_reviewer, edition=edition, body="A year, please.", section_id=section.pk
    )
    for reviewer in (team.peer_reviewer, team.outside_reviewer):
        services.decide_review(actor=reviewer, edition=edition, decision="approved")
    with pytest.raises(ValidationError) as refused:
        services.publish_edition(actor=team.lead, edition=edition)
    assert refused.value.messages[0].endswith("1 unresolved review comment.")
    services.resolve_comment(actor=team.lead, comment=edition.comments.get(), resolution="Added.")
    services.publish_edition(actor=team.lead, edition=edition)
    guide.refresh_from_db()
    assert guide.current_edition_id == edition.pk
    assert list(edition.cited_solutions.all()) == [team.solution]
    assert Notification.objects.filter(user=team.author, kind="guides.published").count() == 1
    second = services.cut_edition(actor=team.lead, guide=guide, release_notes="More.", major=True)
    assert second.number == "2.0"


def test_a_reviewer_cannot_publish_what_they_approved(team, guide, section):
    edition = _ready_edition(team, guide, section)
    for reviewer in (team.peer_reviewer, team.outside_reviewer):
        services.decide_review(actor=reviewer, edition=edition, decision="approved")
    guide_two = edition.guide
    services.invite_member(actor=team.lead, guide=guide_two, user=team.organiser, role="reviewer")
    with pytest.raises(PermissionDenied):
        services.decide_review(actor=team.organiser, edition=edition, decision="approved")


def test_only_one_edition_is_in_review_at_a_time(team, guide, section):
    _ready_edition(team, guide, section)
    with pytest.raises(ValidationError) as refused:
        services.cut_edition(actor=team.lead, guide=guide, release_notes="Again.")
    assert refused.value.messages == [
        "Edition 1.0 is still in review: publish or withdraw it first."
    ]


def test_a_deleted_solution_leaves_its_case_study_marked_unavailable(client, team, section):
    block = services.add_block(
        actor=team.lead, section=section, kind="case_study", solution=team.solution
    )
    team.solution.delete()
    block.refresh_from_db()
    assert block.solution_id is None
