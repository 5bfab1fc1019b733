"""`citypeers setup_site` step for knowledge: the taxonomy, then demo content (idempotent).

Runs after the directory is loaded. Cities are looked up by name and state; a city that is not
in the directory is skipped with a note. Existing statements and solutions are left as they are,
so a second run changes nothing and keeps edits.
"""

import datetime as dt

from django.db.models import F
from django.utils.text import slugify

from citypeers.core.enums import PublicationStatus
from citypeers.directory.models import Jurisdiction
from citypeers.knowledge import demo
from citypeers.knowledge.enums import Priority
from citypeers.knowledge.models import ChallengeArea, ChallengeStatement, Solution
from citypeers.knowledge.services import (
    OutcomeData,
    create_solution,
    create_statement,
    seed_taxonomy,
    update_statement,
)


def _city(name: str, state: str) -> Jurisdiction | None:
    # Several directory rows can share a name in one state; the most populous is the city.
    return (
        Jurisdiction.objects.filter(name=name, state=state)
        .order_by(F("population").desc(nulls_last=True), "pk")
        .first()
    )


def demo_solution_slug(title: str) -> str:
    return "demo-" + slugify(title)[:110]


def _correct_earlier_seed(statement, *, narrative: str, priority: str) -> None:
    """A sourced statement seeded by an earlier version, unedited since, takes today's wording:
    the priority the source never gave goes back to "not stated", and the generated sentence
    per issue becomes the city's one sourced sentence."""
    changes: dict[str, str] = {}
    if statement.priority != priority:
        changes["priority"] = priority
    if statement.narrative != narrative and statement.narrative.startswith(
        demo.EARLIER_NARRATIVE_PREFIXES
    ):
        changes["narrative"] = narrative
    if changes:
        update_statement(statement=statement, **changes)


def load_demo_content(stdout=None) -> dict[str, int]:
    """Create the demo statements and solutions that are missing; returns what was created."""
    areas = {a.slug: a for a in ChallengeArea.objects.all()}
    cities: dict[tuple[str, str], Jurisdiction | None] = {}
    missing: set[str] = set()

    def city(key):
        if key not in cities:
            cities[key] = _city(*key)
            if cities[key] is None:
                missing.add(f"{key[0]}, {key[1]}")
        return cities[key]

    created = {"statements": 0, "solutions": 0}
    for key, area_slug, narrative, source, is_demo in demo.STATEMENTS:
        jurisdiction = city(key)
        if jurisdiction is None or area_slug not in areas:
            continue
        # The sources name issues, not priorities: a real city's statement has none.
        priority = Priority.MEDIUM if is_demo else Priority.UNSTATED
        existing = ChallengeStatement.objects.filter(
            jurisdiction=jurisdiction, area=areas[area_slug]
        ).first()
        if existing is not None:
            if not is_demo and existing.source_note == source:
                _correct_earlier_seed(existing, narrative=narrative, priority=priority)
            continue
        create_statement(
            jurisdiction=jurisdiction,
            area=areas[area_slug],
            narrative=narrative,
            priority=priority,
            source_note=source,
            status=PublicationStatus.PUBLISHED,
            is_demo=is_demo,
        )
        created["statements"] += 1
    for (
        key,
        title,
        challenge_slugs,
        problem,
        approach,
        cost,
        start,
        stage,
        evidence,
        outcomes,
    ) in demo.SOLUTIONS:
        owner = city(key)
        slug = demo_solution_slug(title)
        if owner is None or Solution.objects.filter(slug=slug).exists():
            continue
        create_solution(
            owner=owner,
            slug=slug,
            title=f"{title} (demo)",
            challenges=[areas[s] for s in challenge_slugs if s in areas],
            problem=demo.DEMO_PREFIX + problem,
            approach=approach + "\n\nThis entry was written for the CityPeers demo.",
            cost_band=cost,
            started_on=dt.date(*start, 1),
            solution_status=stage,
            evidence_level=evidence,
            status=PublicationStatus.PUBLISHED,
            is_demo=True,
            outcomes=[OutcomeData(**o) for o in outcomes],
            source_note="Demo content written for CityPeers; not a record of this city's work.",
        )
        created["solutions"] += 1
    if stdout is not None and missing:
        stdout.write(f"    knowledge: not in the directory, skipped: {', '.join(sorted(missing))}")
    return created


def setup_site(stdout) -> None:
    made, total = seed_taxonomy()
    stdout.write(f"    knowledge: taxonomy {total} areas ({made} new)")
    created = load_demo_content(stdout)
    stdout.write(
        f"    knowledge: demo content {created['statements']} statements, "
        f"{created['solutions']} solutions added"
    )
