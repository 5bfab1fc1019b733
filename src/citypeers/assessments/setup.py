"""`citypeers setup_site` step: shipped frameworks, demo resources and demo assessments.

Idempotent: frameworks load once (same content → unchanged), resources are upserted by slug and
demo assessments are created only where a city has none for that cycle. Every demo assessment
and certification is `is_demo=True` and labelled "Demo content": the answers are generated to
give the pages material and say nothing about the real cities named.
"""

import random

from django.db import transaction

from citypeers.accounts.models import User
from citypeers.assessments import services
from citypeers.assessments.engine.spec import BINARY, NUMERIC, ORDINAL
from citypeers.assessments.enums import AssessmentStatus, ResourceKind, ResultSharing
from citypeers.assessments.frameworks import DEFAULT_FRAMEWORK, shipped_framework_paths
from citypeers.assessments.models import Assessment, Criterion, FrameworkVersion
from citypeers.directory.models import Jurisdiction

MATURITY_FRAMEWORK = "data-maturity-ladder"
REVIEWER_EMAIL = "organiser@demo.citypeers.example"

# (name, state, strength 0 to 1, cycles, sharing). Strength drives the generated answers only.
DEMO_CITIES = [
    ("Boston", "MA", 0.62, (2023, 2024), ResultSharing.PEERS),
    ("Los Angeles", "CA", 0.74, (2024,), ResultSharing.PEERS),
    ("San Diego", "CA", 0.66, (2024,), ResultSharing.PEERS),
    ("San Francisco", "CA", 0.71, (2024,), ResultSharing.PUBLIC),
    ("San Jose", "CA", 0.69, (2024,), ResultSharing.PEERS),
    ("Sacramento", "CA", 0.48, (2024,), ResultSharing.PEERS),
    ("Long Beach", "CA", 0.57, (2024,), ResultSharing.PEERS),
    ("Oakland", "CA", 0.44, (2024,), ResultSharing.PEERS),
    ("Fresno", "CA", 0.39, (2024,), ResultSharing.PRIVATE),
    ("Seattle", "WA", 0.72, (2024,), ResultSharing.PEERS),
    ("Denver", "CO", 0.64, (2022, 2023, 2024), ResultSharing.PUBLIC),
    ("Austin", "TX", 0.70, (2024,), ResultSharing.PEERS),
    ("Dallas", "TX", 0.58, (2024,), ResultSharing.PEERS),
    ("San Antonio", "TX", 0.55, (2024,), ResultSharing.PEERS),
    ("Fort Worth", "TX", 0.50, (2024,), ResultSharing.PEERS),
    ("Phoenix", "AZ", 0.80, (2024,), ResultSharing.PEERS),
    ("Kansas City", "MO", 0.67, (2024,), ResultSharing.PEERS),
    ("Louisville", "KY", 0.63, (2024,), ResultSharing.PEERS),
    ("New Orleans", "LA", 0.52, (2024,), ResultSharing.PEERS),
    ("Chattanooga", "TN", 0.68, (2024,), ResultSharing.PEERS),
    ("Cambridge", "MA", 0.78, (2024,), ResultSharing.PEERS),
    ("Worcester", "MA", 0.42, (2024,), ResultSharing.PEERS),
]
DRAFT_CITY = ("Boston", "MA", 2025)  # the demo editors continue this one
QUEUED_CITY = ("Los Angeles", "CA", 2025)  # waits in the review queue
VALIDATED_CITY = ("Los Angeles", "CA", 2024)  # shows validation and a (demo) certified level
MATURITY_CITIES = [("Denver", "CO", 0.6), ("Boston", "MA", 0.55), ("Seattle", "WA", 0.7)]

RESOURCES = [
    # slug, title, kind, summary, url, source note, criteria keys, is_demo
    (
        "governance-charter-starter",
        "Writing a data governance charter",
        ResourceKind.TEMPLATE,
        "A one-page charter template: purpose, members, duties, meeting rhythm and how decisions "
        "are recorded.",
        "",
        "",
        ["dm-governance", "lc-data-lead"],
        True,
    ),
    (
        "dataset-catalogue-starter",
        "Starting a dataset catalogue",
        ResourceKind.GUIDE,
        "How to list datasets department by department, what to record for each, and how to keep "
        "the list current.",
        "",
        "",
        ["dm-inventory", "ci-analytics-services", "od-portal"],
        True,
    ),
    (
        "open-data-policy-checklist",
        "Open data policy checklist",
        ResourceKind.GUIDE,
        "The clauses an open data policy usually needs, from proactive release to privacy "
        "review, with questions to ask your counsel.",
        "",
        "",
        ["od-policy", "od-guidance"],
        True,
    ),
    (
        "quarterly-review-meetings",
        "Running quarterly performance reviews",
        ResourceKind.GUIDE,
        "An agenda, a pre-read template and tips for turning a review meeting into decisions.",
        "",
        "",
        ["pa-goals", "pa-reviews", "pa-analysis-decisions"],
        True,
    ),
    (
        "outcome-focused-buying",
        "Outcome-focused procurement playbook",
        ResourceKind.GUIDE,
        "Setting outcomes before you buy, tracking them during the contract and using them at "
        "renewal.",
        "",
        "",
        ["rdc-goals", "rdc-measure", "rdc-manage", "rdc-structure"],
        True,
    ),
    (
        "first-evaluation",
        "Planning your first programme evaluation",
        ResourceKind.COURSE,
        "Choosing a question, a design and a partner; budgeting the work; sharing what you find.",
        "",
        "",
        ["ev-commitment", "ev-launch", "ev-use-results", "lc-evaluation-lead"],
        True,
    ),
    (
        "algorithm-review-template",
        "Reviewing an algorithm before you use it",
        ResourceKind.TEMPLATE,
        "Questions to ask about data, purpose, fairness and appeal before an automated tool "
        "affects residents.",
        "",
        "",
        ["pa-algorithms"],
        True,
    ),
    (
        "federal-data-resources",
        "Federal data resources (resources.data.gov)",
        ResourceKind.GUIDE,
        "U.S. federal guidance and tools on data governance, inventories and open data.",
        "https://resources.data.gov/",
        "Public U.S. government site; tagged to criteria by CityPeers.",
        ["dm-governance", "dm-inventory", "od-policy", "dm-quality"],
        False,
    ),
]


def setup_site(stdout) -> None:
    for path in shipped_framework_paths():
        outcome = services.load_framework_file(path=path)
        stdout.write(f"  assessments: {outcome.version} {outcome.action}")
    default = (
        FrameworkVersion.objects.filter(framework__slug=DEFAULT_FRAMEWORK)
        .order_by("-version")
        .first()
    )
    maturity = (
        FrameworkVersion.objects.filter(framework__slug=MATURITY_FRAMEWORK)
        .order_by("-version")
        .first()
    )
    _resources(default)
    created = _demo_assessments(default, maturity)
    stdout.write(f"  assessments: {created} demo assessments created (labelled Demo content)")


def _resources(version) -> None:
    criteria = {c.key: c for c in Criterion.objects.filter(version=version)}
    for slug, title, kind, summary, url, note, keys, is_demo in RESOURCES:
        services.upsert_resource(
            slug=slug,
            title=title,
            kind=kind,
            summary=summary,
            url=url,
            source_note=note,
            criteria=[criteria[k] for k in keys if k in criteria],
            is_demo=is_demo,
        )


def _find(name: str, state: str) -> Jurisdiction | None:
    return (
        Jurisdiction.objects.filter(name__iexact=name, state=state)
        .exclude(kind="county")
        .order_by("-population")
        .first()
    )


def _generated_answers(spec, rng: random.Random, strength: float) -> dict[str, dict]:
    """Plausible, clearly invented answers: harder criteria are met less often."""
    bias = {"low": 0.15, "medium": 0.0, "high": -0.2}
    answers = {}
    for criterion in spec.criteria:
        chance = min(0.97, max(0.03, strength + bias[criterion.effort]))
        if criterion.type == BINARY and criterion.checklist:
            ticked = [i.key for i in criterion.checklist if rng.random() < chance + 0.1]
            answers[criterion.key] = {"checklist": ticked}
        elif criterion.type == BINARY:
            answers[criterion.key] = {"met": rng.random() < chance}
        elif criterion.type == ORDINAL:
            top, bottom = spec.top_level, spec.bottom_level
            centre = bottom + chance * (top - bottom)
            level = round(min(top, max(bottom, rng.gauss(centre, 0.7))))
            answers[criterion.key] = {"level": level}
        elif criterion.type == NUMERIC:
            answers[criterion.key] = {"value": round(min(100, max(0, rng.gauss(chance * 100, 15))))}
    return answers


@transaction.atomic
def _assessment(jurisdiction, version, cycle, strength, *, sharing, status, user=None):
    if Assessment.objects.filter(jurisdiction=jurisdiction, version=version, cycle=cycle).exists():
        return None
    assessment = Assessment(jurisdiction=jurisdiction, version=version, cycle=cycle, is_demo=True)
    assessment.full_clean()
    assessment.save()
    # Same draws every cycle: a higher strength in a later cycle meets a superset of criteria,
    # so the demo progress chart rises.
    rng = random.Random(f"{jurisdiction.slug}-{version.framework.slug}")
    answers = _generated_answers(version.spec, rng, strength)
    if status == AssessmentStatus.DRAFT:
        # A draft in progress: the first three practice areas answered.
        keys = {c.key for area in version.spec.areas[:3] for c in area.criteria}
        answers = {k: v for k, v in answers.items() if k in keys}
    services.record_answers(assessment=assessment, answers=answers, user=user)
    if status != AssessmentStatus.DRAFT:
        _demo_evidence(assessment, user)
        services.submit_assessment(assessment=assessment, user=user)
    services.set_sharing(assessment=assessment, sharing=sharing)
    return assessment


def _demo_evidence(assessment, user) -> None:
    """A labelled placeholder link for each evidence item the met criteria require."""
    spec = assessment.version.spec
    for gap in services.submission_check(assessment).missing_evidence:
        criterion = spec.criteria_by_key[gap.criterion]
        for requirement in criterion.evidence:
            if requirement.required:
                services.add_evidence(
                    assessment=assessment,
                    criterion_key=criterion.key,
                    user=user,
                    title=f"Demo placeholder, not a real document: {requirement.text}"[:200],
                    url=f"https://demo.citypeers.example/evidence/{criterion.key}/{requirement.key}",
                    requirement_key=requirement.key,
                )


def _validate(assessment, reviewer) -> None:
    """A reviewer who agrees with everything except two criteria (demo)."""
    spec = assessment.version.spec
    responses = {r.criterion.key: r for r in assessment.responses.select_related("criterion")}
    disagree = {c.key for c in spec.criteria if responses[c.key].met}
    disagree = set(sorted(disagree)[:2])
    for criterion in spec.criteria:
        response = responses[criterion.key]
        met = response.met and criterion.key not in disagree
        # Only the field the criterion's type uses: the service refuses the others.
        if criterion.checklist:
            answer = {"checklist": response.checklist if met else []}
        elif criterion.type == "binary":
            answer = {"met": met}
        else:
            answer = {"level": response.level, "value": response.value}
        services.rate_response(
            assessment=assessment,
            criterion_key=criterion.key,
            reviewer=reviewer,
            **answer,
            comment=""
            if criterion.key not in disagree
            else "The documents show this is planned but not yet in place (demo comment).",
        )
    services.validate_assessment(
        assessment=assessment,
        reviewer=reviewer,
        summary="Demo validation: the evidence supports most answers.",
    )


def _demo_assessments(default, maturity) -> int:
    reviewer = User.objects.filter(email=REVIEWER_EMAIL).first()
    created = 0
    for name, state, strength, cycles, sharing in DEMO_CITIES:
        jurisdiction = _find(name, state)
        if jurisdiction is None:
            continue
        for step, cycle in enumerate(sorted(cycles)):
            grown = strength - 0.08 * (len(cycles) - 1 - step)
            made = _assessment(
                jurisdiction,
                default,
                cycle,
                grown,
                sharing=sharing,
                status=AssessmentStatus.SUBMITTED,
            )
            created += made is not None
            if made and reviewer and (name, state, cycle) == VALIDATED_CITY:
                _validate(made, reviewer)
    for (name, state, cycle), status, strength in [
        (DRAFT_CITY, AssessmentStatus.DRAFT, 0.66),
        (QUEUED_CITY, AssessmentStatus.SUBMITTED, 0.78),
    ]:
        jurisdiction = _find(name, state)
        if jurisdiction is not None:
            made = _assessment(
                jurisdiction, default, cycle, strength, sharing=ResultSharing.PRIVATE, status=status
            )
            created += made is not None
    if maturity is not None:
        for name, state, strength in MATURITY_CITIES:
            jurisdiction = _find(name, state)
            if jurisdiction is not None:
                made = _assessment(
                    jurisdiction,
                    maturity,
                    2025,
                    strength,
                    sharing=ResultSharing.PEERS,
                    status=AssessmentStatus.SUBMITTED,
                )
                created += made is not None
    return created
