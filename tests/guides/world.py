from citypeers.accounts.permissions import forget_roles
from citypeers.guides import services
from citypeers.guides.enums import BlockKind, MemberRole, ReviewDecision


def build_guide(*, lead, lead_city, author, reviewers, outside_reviewer, area, solution):
    """A guide led by `lead` with `author` writing: edition 1.0 approved by `reviewers` and
    published; then a revised section and edition 1.1 in review by `outside_reviewer`, with one
    open comment. Returns (guide, section, published, in_review)."""
    guide = services.create_guide(
        actor=lead,
        title="Matrix guide",
        purpose="Show the permission matrix a guide.",
        audience="test readers",
        area=area,
        lead_city=lead_city,
    )
    member = services.invite_member(actor=lead, guide=guide, user=author, role=MemberRole.AUTHOR)
    services.answer_invitation(actor=author, member=member, accept=True)
    chapter = services.add_chapter(actor=lead, guide=guide, title="Start here")
    section = services.add_section(actor=lead, chapter=chapter, title="First steps", body="One.")
    services.add_block(actor=lead, section=section, kind=BlockKind.CASE_STUDY, solution=solution)
    published = services.cut_edition(
        actor=lead, guide=guide, release_notes="First.", reviewers=reviewers
    )
    for reviewer in reviewers:
        services.decide_review(actor=reviewer, edition=published, decision=ReviewDecision.APPROVED)
    services.publish_edition(actor=lead, edition=published)
    section.refresh_from_db()
    services.save_section(
        actor=author, section=section, title="First steps", body="One.\nTwo.", expected_version=None
    )
    in_review = services.cut_edition(
        actor=lead, guide=guide, release_notes="Second.", reviewers=[outside_reviewer]
    )
    services.comment_on_edition(actor=outside_reviewer, edition=in_review, body="Why two?")
    return guide, section, published, in_review


def extend(world):
    """`guide`: led by the editor persona (home), the member persona writes; 1.0 published
    (approved by the organiser and the site admin), 1.1 in review by `other_editor` with an
    open comment `guide_comment`. `draft_guide`: never published, led by the editor.
    `guide_invitation`: the city admin is invited to `guide` and has not answered."""
    users = world.users
    guide, section, published, in_review = build_guide(
        lead=users["editor"],
        lead_city=world.home,
        author=users["member"],
        reviewers=[users["organiser"], users["site_admin"]],
        outside_reviewer=users["other_editor"],
        area=world.area,
        solution=world.solution,
    )
    world.guide = guide
    world.guide_section = section
    world.guide_block = section.blocks.get()
    world.guide_chapter = section.chapter
    world.guide_published = published
    world.guide_in_review = in_review
    world.guide_comment = in_review.comments.get()
    world.guide_invitation = services.invite_member(
        actor=users["editor"], guide=guide, user=users["city_admin"], role=MemberRole.EDITOR
    )
    world.draft_guide = services.create_guide(
        actor=users["editor"],
        title="Matrix draft guide",
        purpose="Never published.",
        audience="nobody yet",
        area=world.area,
    )
    # The services above cached each actor's roles on the user objects; tests of other apps
    # count the query that loads them.
    for user in users.values():
        if user is not None:
            forget_roles(user)
