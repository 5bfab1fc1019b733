"""A demo guide, so the guide pages, a revision diff, the review page and the PDF have
something to show: edition 1.0 published after two approvals, edition 1.1 in review.

Everything here is demo content (`is_demo=True`, labelled on every page, in the PDF and in
search): it illustrates how a consortium writes a guide and says nothing about what the named
cities did. Its case studies cite the demo solutions (titled "(demo)"). Idempotent: the guide is
found by its slug.
"""

from django.db import transaction

from citypeers.accounts.models import User
from citypeers.accounts.setup import DEMO_DOMAIN, find_jurisdiction
from citypeers.assessments.models import Criterion
from citypeers.guides import services
from citypeers.guides.enums import BlockKind, MemberRole, ReviewDecision
from citypeers.guides.models import Guide
from citypeers.knowledge.models import ChallengeArea, Solution

SLUG = "getting-residents-online-demo"
TITLE = "Getting residents online (demo)"
NOTE = (
    "_Demo guide: written to show how a consortium writes on CityPeers, "
    "not advice from the cities named._"
)

CHAPTERS = [
    (
        "Know who is offline",
        [
            (
                "Start from the figures you already have",
                "Before buying a survey, read what the public statistics already say about "
                "households without an internet subscription, by neighbourhood where possible.\n\n"
                "Every CityPeers profile shows the American Community Survey figures with their "
                "year; compare them with your peers before choosing where to start.\n\n" + NOTE,
                [
                    {
                        "kind": BlockKind.CHECKLIST,
                        "title": "Before you plan",
                        "items": [
                            "Find the share of households without a subscription, and its year",
                            "Ask libraries and housing providers where people ask for help",
                            "List the low-cost plans available in your city",
                        ],
                    },
                    {
                        "kind": BlockKind.RESOURCE,
                        "title": "American Community Survey (U.S. Census Bureau)",
                        "url": "https://www.census.gov/programs-surveys/acs",
                    },
                ],
            ),
        ],
    ),
    (
        "Connect households",
        [
            (
                "Help people sign up",
                "Offers that nobody uses connect nobody. Put trained people where residents "
                "already go and let them help with the sign-up, the device and the first steps."
                "\n\n" + NOTE,
                [
                    {
                        "kind": BlockKind.CASE_STUDY,
                        "solution": "Digital navigators at public libraries",
                    }
                ],
            ),
            (
                "Public Wi-Fi where people already are",
                "Public Wi-Fi is no substitute for a home connection, but along transit lines "
                "and in public buildings it reaches people between home and work.\n\n" + NOTE,
                [
                    {
                        "kind": BlockKind.CASE_STUDY,
                        "solution": "Public Wi-Fi along the streetcar line",
                    }
                ],
            ),
        ],
    ),
]

REVISED_FIRST_SECTION = (
    "Before buying a survey, read what the public statistics already say about households "
    "without an internet subscription, by neighbourhood where possible.\n\n"
    "Every CityPeers profile shows the American Community Survey figures with their year; "
    "compare them with your peers before choosing where to start.\n\n"
    "Then ask the people who see the gap every day: librarians, housing staff and school "
    "family liaisons know which households struggle and why.\n\n" + NOTE
)


def _user(key: str) -> User | None:
    return User.objects.filter(email=f"{key}@{DEMO_DOMAIN}").first()


def _solution(title: str) -> Solution | None:
    return Solution.objects.filter(
        title__startswith=title, is_demo=True, status="published"
    ).first()


def _write(guide: Guide, lead: User) -> None:
    for chapter_title, sections in CHAPTERS:
        chapter = services.add_chapter(actor=lead, guide=guide, title=chapter_title)
        for title, body, blocks in sections:
            section = services.add_section(actor=lead, chapter=chapter, title=title, body=body)
            for block in blocks:
                spec = dict(block)
                if "solution" in spec:
                    spec["solution"] = _solution(spec["solution"])
                    if spec["solution"] is None:
                        continue
                services.add_block(actor=lead, section=section, **spec)


@transaction.atomic
def setup_site(stdout) -> None:
    lead, author, partner = _user("boston-editor"), _user("la-editor"), _user("foundation")
    expert, organiser = _user("expert"), _user("organiser")
    area = ChallengeArea.objects.filter(slug="broadband-access").first()
    boston = find_jurisdiction("Boston", "MA")
    if None in (lead, author, partner, expert, organiser, area, boston):
        stdout.write("    guides: skipped (demo accounts or taxonomy missing)")
        return
    if Guide.objects.filter(slug=SLUG).exists():
        stdout.write("    guides: demo guide already present")
        return
    criteria = sorted(
        set(Criterion.objects.filter(key__icontains="inclusion").values_list("key", flat=True)[:3])
    )
    guide = services.create_guide(
        actor=lead,
        title=TITLE,
        purpose=(
            "How a city can find the households that are offline and connect them: what to "
            "measure, who to involve and what other cities tried. " + NOTE
        ),
        audience="city digital-inclusion staff and library partners",
        area=area,
        criteria_keys=criteria,
        lead_city=boston,
        is_demo=True,
    )
    guide.slug = SLUG
    guide.save(update_fields=["slug"])
    for user, role in ((author, MemberRole.AUTHOR), (partner, MemberRole.EDITOR)):
        member = services.invite_member(actor=lead, guide=guide, user=user, role=role)
        services.answer_invitation(actor=user, member=member, accept=True)
    _write(guide, lead)
    first = services.cut_edition(
        actor=lead,
        guide=guide,
        release_notes="First edition: who is offline, sign-up help and public Wi-Fi.",
        reviewers=[expert, organiser],
    )
    services.comment_on_edition(
        actor=expert,
        edition=first,
        body="Say which year the subscription figures are from when you quote them.",
        section_id=first.content["chapters"][0]["sections"][0]["id"],
    )
    comment = first.comments.get()
    services.resolve_comment(
        actor=lead, comment=comment, resolution="The text now asks readers to note the year."
    )
    for reviewer in (expert, organiser):
        services.decide_review(actor=reviewer, edition=first, decision=ReviewDecision.APPROVED)
    services.publish_edition(actor=lead, edition=first)
    section = guide.chapters.first().sections.first()
    services.save_section(
        actor=author,
        section=section,
        title=section.title,
        body=REVISED_FIRST_SECTION,
        expected_version=section.version,
    )
    second = services.cut_edition(
        actor=lead,
        guide=guide,
        release_notes="Adds who to ask locally before planning.",
        reviewers=[expert],
    )
    services.comment_on_edition(
        actor=expert,
        edition=second,
        body="Could the new paragraph name the kinds of partners that helped most?",
        section_id=second.content["chapters"][0]["sections"][0]["id"],
    )
    stdout.write("    guides: demo guide added (edition 1.0 published, 1.1 in review)")
