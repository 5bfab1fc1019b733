"""The CLI: `citypeers frameworks validate|load` and the setup_site step."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from citypeers.assessments import setup
from citypeers.assessments.frameworks import shipped_framework_paths
from citypeers.assessments.models import Assessment, FrameworkVersion, Resource
from tests.factories.accounts import UserFactory
from tests.factories.directory import JurisdictionFactory

BROKEN = """schema: citypeers.framework/1
framework: {slug: broken, title: Broken}
version:
  id: "1"
  levels: {basis: percent_of_points, scope: overall, rounding: floor,
           tiers: [{key: a, title: A, at_least: 50}]}
  areas:
    - key: one
      title: One
      criteria:
        - {key: a, title: A, prerequisites: [{criterion: b, effect: blocks_points}]}
        - {key: b, title: B, prerequisites: [{criterion: a, effect: advisory}]}
        - {key: c, title: C, prerequisites: [{criterion: zz, effect: advisory}]}
"""


@pytest.mark.unit
def test_frameworks_validate_shipped_files_ok():
    out = io.StringIO()
    call_command("frameworks_validate", *[str(p) for p in shipped_framework_paths()], stdout=out)
    assert out.getvalue().count(": OK · ") == 2


@pytest.mark.unit
def test_frameworks_validate_reports_every_problem(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("frameworks_validate", str(path), stderr=err)
    assert err.getvalue().splitlines()[1:] == [
        "  - criterion 'c': prerequisite 'zz' is not a criterion of this version",
        "  - criterion 'a': prerequisites form a cycle: a → b → a",
    ]


@pytest.mark.integration
def test_frameworks_load_is_idempotent(db):
    out = io.StringIO()
    call_command("frameworks_load", "--shipped", stdout=out)
    call_command("frameworks_load", "--shipped", stdout=out)
    actions = [line.split(": ")[1].split(" ·")[0] for line in out.getvalue().splitlines()]
    assert (actions, FrameworkVersion.objects.count()) == (
        ["created", "created", "unchanged", "unchanged"],
        2,
    )


@pytest.mark.integration
def test_setup_site_seeds_demo_assessments_once(db):
    JurisdictionFactory(name="Boston", state="MA", slug="boston-ma", population=650_000)
    JurisdictionFactory(name="Denver", state="CO", slug="denver-co", population=715_000)
    setup.setup_site(io.StringIO())
    first = Assessment.objects.count()
    setup.setup_site(io.StringIO())
    assert (
        first,
        Assessment.objects.count(),
        Resource.objects.count(),
        Assessment.objects.filter(is_demo=False).count(),
    ) == (8, 8, 8, 0)


@pytest.mark.integration
def test_setup_site_validates_the_demo_assessment_through_the_service(db):
    JurisdictionFactory(name="Los Angeles", state="CA", slug="los-angeles-ca", population=3_820_000)
    UserFactory(email=setup.REVIEWER_EMAIL, is_network_organiser=True)

    setup.setup_site(io.StringIO())

    validated = Assessment.objects.get(jurisdiction__slug="los-angeles-ca", cycle=2024)
    assert (validated.status, validated.is_demo) == ("validated", True)
