"""Demo accounts, organisations and a demo coalition for a local trial site.

Idempotent: people and organisations are found by email/slug and created only when missing.
Passwords are set when an account is created and are for the local demo only; the table of
accounts is printed on every run.
"""

from dataclasses import dataclass

from citypeers.accounts import services
from citypeers.accounts.enums import MembershipRole, OrganisationKind, PartnerType
from citypeers.accounts.models import Organisation, User
from citypeers.directory.models import Jurisdiction

DEMO_DOMAIN = "demo.citypeers.example"
COALITION_SOURCE = (
    "Named in Smart Cities Connect's report on the National Smart Coalitions Partnership "
    "(seven regional alliances, more than 100 governments)."
)


@dataclass(frozen=True)
class DemoAccount:
    key: str
    full_name: str
    password: str
    role: str  # what the console table says
    job_title: str = ""
    expertise: str = ""
    superuser: bool = False
    organiser: bool = False

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


ACCOUNTS = [
    DemoAccount(
        "admin",
        "Sam Admin",
        "demo-admin-pass",
        "site admin",
        "Platform administrator",
        superuser=True,
    ),
    DemoAccount(
        "organiser",
        "Olivia Organiser",
        "demo-organiser-pass",
        "network organiser",
        "Network programme manager",
        "convenings, peer learning",
        organiser=True,
    ),
    DemoAccount(
        "boston-admin",
        "Avery Boston",
        "demo-boston-admin-pass",
        "admin of City of Boston, MA",
        "Chief Data Officer",
        "data governance, performance management",
    ),
    DemoAccount(
        "boston-editor",
        "Blake Boston",
        "demo-boston-editor-pass",
        "editor of City of Boston, MA",
        "Innovation analyst",
    ),
    DemoAccount(
        "la-admin",
        "Lee Angeles",
        "demo-la-admin-pass",
        "admin of City of Los Angeles, CA",
        "Deputy Mayor's Office of Innovation",
    ),
    DemoAccount(
        "la-editor",
        "Logan Angeles",
        "demo-la-editor-pass",
        "editor of City of Los Angeles, CA",
        "Open data lead",
        "open data, GIS",
    ),
    DemoAccount(
        "member",
        "Morgan Member",
        "demo-member-pass",
        "member of City of Boston, MA",
        "Budget analyst",
    ),
    DemoAccount(
        "foundation",
        "Frankie Funder",
        "demo-foundation-pass",
        "admin of a demo foundation (partner)",
        "Programme officer",
        "philanthropy, digital inclusion",
    ),
    DemoAccount(
        "expert",
        "Emery Expert",
        "demo-expert-pass",
        "expert, member of a demo university (partner)",
        "Professor of urban analytics",
        "peer benchmarking, evaluation, urban heat, broadband",
    ),
]

PARTNERS = [
    # slug, name, partner type, description
    (
        "demo-civic-data-foundation",
        "Civic Data Foundation (demo)",
        PartnerType.FOUNDATION,
        "A made-up foundation that funds data and digital-inclusion work in member cities.",
    ),
    (
        "demo-institute-urban-analytics",
        "Institute for Urban Analytics (demo)",
        PartnerType.UNIVERSITY,
        "A made-up university institute whose researchers advise cities on evaluation.",
    ),
]

COALITIONS = [
    # slug, real name, website, demo member cities (name, state)
    (
        "north-texas-innovation-alliance",
        "North Texas Innovation Alliance",
        "https://www.ntxia.org/",
        [
            ("Dallas", "TX"),
            ("Plano", "TX"),
            ("Frisco", "TX"),
            ("Arlington", "TX"),
            ("Denton", "TX"),
        ],
    ),
    (
        "colorado-smart-cities-alliance",
        "Colorado Smart Cities Alliance",
        "https://www.coloradosmartcities.org/",
        [("Denver", "CO"), ("Aurora", "CO"), ("Boulder", "CO"), ("Fort Collins", "CO")],
    ),
]

# key → (city name, state, role) for the demo people who work for a city
CITY_ROLES = {
    "boston-admin": ("Boston", "MA", MembershipRole.ADMIN),
    "boston-editor": ("Boston", "MA", MembershipRole.EDITOR),
    "member": ("Boston", "MA", MembershipRole.MEMBER),
    "la-admin": ("Los Angeles", "CA", MembershipRole.ADMIN),
    "la-editor": ("Los Angeles", "CA", MembershipRole.EDITOR),
}
PARTNER_ROLES = {
    "foundation": ("demo-civic-data-foundation", MembershipRole.ADMIN),
    "expert": ("demo-institute-urban-analytics", MembershipRole.MEMBER),
}


def find_jurisdiction(name: str, state: str) -> Jurisdiction | None:
    """The most populous directory entry with this name in this state (skips counties)."""
    return (
        Jurisdiction.objects.filter(name__iexact=name, state=state)
        .exclude(kind="county")
        .order_by("-population")
        .first()
    )


def _account(spec: DemoAccount) -> User:
    user = User.objects.filter(email=spec.email).first()
    if user is None:
        user = services.create_user(
            email=spec.email,
            password=spec.password,
            full_name=spec.full_name,
            job_title=spec.job_title,
            expertise=spec.expertise,
            is_network_organiser=spec.organiser,
            is_superuser=spec.superuser,
        )
    return user


def _partner(slug, name, partner_type, description) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        organisation = services.create_organisation(
            name=name,
            kind=OrganisationKind.PARTNER,
            partner_type=partner_type,
            description=description,
            is_demo=True,
            slug=slug,
        )
    return organisation


def _coalition(slug, name, website, cities, stdout) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        organisation = services.create_organisation(
            name=name,
            kind=OrganisationKind.COALITION,
            website=website,
            is_demo=True,
            slug=slug,
            description=(
                f"{name} is one of the regional alliances in the National Smart Coalitions "
                f"Partnership. {COALITION_SOURCE}\n\n"
                "Demo content: the member governments listed here illustrate how a coalition "
                "keeps its roster; they are not the alliance's real membership list."
            ),
        )
    for city, state in cities:
        jurisdiction = find_jurisdiction(city, state)
        if jurisdiction is None:
            stdout.write(f"    (skipped {city}, {state}: not in the directory)")
            continue
        services.add_network_member(organisation=organisation, jurisdiction=jurisdiction)
    return organisation


def setup_site(stdout) -> None:
    users = {spec.key: _account(spec) for spec in ACCOUNTS}
    partners = {row[0]: _partner(*row) for row in PARTNERS}
    for key, (slug, role) in PARTNER_ROLES.items():
        services.add_member(organisation=partners[slug], user=users[key], role=role)
    for key, (city, state, role) in CITY_ROLES.items():
        jurisdiction = find_jurisdiction(city, state)
        if jurisdiction is None:
            stdout.write(f"    (skipped {city}, {state} roles: not in the directory)")
            continue
        organisation = services.organisation_for_jurisdiction(jurisdiction)
        services.add_member(organisation=organisation, user=users[key], role=role)
    for slug, name, website, cities in COALITIONS:
        coalition = _coalition(slug, name, website, cities, stdout)
        services.add_member(
            organisation=coalition, user=users["organiser"], role=MembershipRole.ADMIN
        )
    _print_accounts(stdout)


def _print_accounts(stdout) -> None:
    width = max(len(spec.email) for spec in ACCOUNTS)
    stdout.write("  Demo accounts (passwords are for this local demo only; change or delete")
    stdout.write("  these accounts before anyone else can reach the site):")
    for spec in ACCOUNTS:
        stdout.write(f"    {spec.email:<{width}}  {spec.password:<24}  {spec.role}")
