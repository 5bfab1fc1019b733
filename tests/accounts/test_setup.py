import io

import pytest

from citypeers.accounts import setup
from citypeers.accounts.enums import MembershipRole, OrganisationKind
from citypeers.accounts.models import JurisdictionMembership, Membership, Organisation, User
from citypeers.directory.enums import GovernmentType
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def demo_cities(db):
    for name, state in [
        ("Boston", "MA"),
        ("Los Angeles", "CA"),
        ("Dallas", "TX"),
        ("Plano", "TX"),
        ("Denver", "CO"),
    ]:
        JurisdictionFactory(
            name=name,
            state=state,
            kind=GovernmentType.CITY,
            slug=f"{name.lower().replace(' ', '-')}-{state.lower()}",
        )


def _run() -> str:
    out = io.StringIO()
    setup.setup_site(out)
    return out.getvalue()


def test_setup_creates_every_demo_account(demo_cities):
    _run()

    assert sorted(User.objects.values_list("email", flat=True)) == sorted(
        spec.email for spec in setup.ACCOUNTS
    )


def test_setup_gives_the_city_roles(demo_cities):
    _run()

    roles = {
        m.user.email.split("@")[0]: (m.organisation.name, m.role)
        for m in Membership.objects.select_related("user", "organisation").filter(
            organisation__kind=OrganisationKind.LOCAL_GOVERNMENT
        )
    }
    assert roles == {
        "boston-admin": ("City of Boston", MembershipRole.ADMIN),
        "boston-editor": ("City of Boston", MembershipRole.EDITOR),
        "member": ("City of Boston", MembershipRole.MEMBER),
        "la-admin": ("City of Los Angeles", MembershipRole.ADMIN),
        "la-editor": ("City of Los Angeles", MembershipRole.EDITOR),
    }


def test_setup_accounts_can_sign_in_with_the_printed_password(demo_cities):
    _run()

    for spec in setup.ACCOUNTS:
        assert User.objects.get(email=spec.email).check_password(spec.password) is True


def test_setup_marks_invented_organisations_as_demo(demo_cities):
    _run()

    assert sorted(Organisation.objects.filter(is_demo=True).values_list("slug", flat=True)) == [
        "colorado-smart-cities-alliance",
        "demo-civic-data-foundation",
        "demo-institute-urban-analytics",
        "north-texas-innovation-alliance",
    ]


def test_setup_adds_the_coalition_member_cities_it_finds(demo_cities):
    _run()

    members = JurisdictionMembership.objects.filter(
        organisation__slug="north-texas-innovation-alliance"
    ).order_by("jurisdiction__name")
    assert [m.jurisdiction.name for m in members] == ["Dallas", "Plano"]


def test_setup_is_idempotent(demo_cities):
    _run()
    counts = (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        JurisdictionMembership.objects.count(),
    )

    _run()

    assert counts == (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
        JurisdictionMembership.objects.count(),
    )


def test_setup_prints_every_account_each_run(demo_cities):
    _run()

    output = _run()

    for spec in setup.ACCOUNTS:
        assert f"{spec.email}" in output
        assert spec.password in output
    assert "for this local demo only" in output


def test_setup_without_the_directory_skips_city_roles(db):
    output = _run()

    assert "(skipped Boston, MA roles: not in the directory)" in output
    assert User.objects.count() == len(setup.ACCOUNTS)
