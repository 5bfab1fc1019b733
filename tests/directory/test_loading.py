import io

import pytest
from django.core.management import call_command

from citypeers.directory.enums import GovernmentType
from citypeers.directory.models import Jurisdiction
from citypeers.directory.setup import setup_site

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_setup_site_loads_the_shipped_directory_once(db):
    first, second = io.StringIO(), io.StringIO()

    setup_site(first)
    count = Jurisdiction.objects.count()
    setup_site(second)

    boston = Jurisdiction.objects.get(slug="boston-ma")
    assert count >= 19_000
    assert Jurisdiction.objects.count() == count
    assert second.getvalue() == "  directory: already loaded"
    assert (boston.population_source, boston.population_year, boston.county_name, boston.kind) == (
        "GeoNames",
        None,
        "Suffolk County",
        GovernmentType.PLACE,
    )
    assert Jurisdiction.objects.get(slug="cook-county-il").geoid == "17031"
    assert Jurisdiction.objects.filter(name_normalised="").count() == 0


def test_load_directory_command_reports_nothing_to_add_when_loaded(db):
    call_command("load_directory", stdout=io.StringIO())
    out = io.StringIO()

    call_command("load_directory", stdout=out)

    assert out.getvalue().startswith("Nothing to add; the directory has ")
