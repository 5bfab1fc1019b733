"""Damaged files through every importer: a report or a clear ImportFileError, never a traceback,
and never a value that was not in the file as written."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citypeers.accounts.importers.members import import_members
from citypeers.accounts.models import JurisdictionMembership
from citypeers.directory.importers.base import ImportFileError
from citypeers.directory.importers.census import import_census_places, import_census_population
from citypeers.directory.importers.indicators import import_indicators
from citypeers.directory.models import IndicatorValue, Jurisdiction
from tests.factories.accounts import CoalitionFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PLACES = (
    "STATE|STATEFP|PLACEFP|PLACENS|PLACENAME|TYPE|CLASSFP|FUNCSTAT|COUNTIES\n"
    "ID|16|08830|02409906|Boise City city|INCORPORATED PLACE|C1|A|Ada County\n"
    "NM|35|25170|02410440|Española city|INCORPORATED PLACE|C1|A|Rio Arriba County\n"
)
POPULATION = (
    "SUMLEV,STATE,COUNTY,PLACE,COUSUB,FUNCSTAT,NAME,POPESTIMATE2021\n"
    "162,16,000,08830,00000,A,Boise City city,237446\n"
    "061,25,017,00000,04615,A,Bedford town,14120\n"
)
INDICATORS = "GEOID,share,income\n1608830,75.0,61000\n3525170,12.5,38000\n"
MEMBERS = "name,state\nBoise,ID\nEspañola,NM\n"
JUNK = [b"\x00", b"\xff", b"\xe9", b"\x1a", b"\x89PNG", b"x", b" ", b'"', b"\t", b"\xc3"]


def damaged(text: str):
    raw = text.encode()
    return st.one_of(
        st.integers(0, len(raw)).map(lambda cut: raw[:cut]),
        # Junk that is not part of a number: a digit dropped in would make another plausible
        # file that no importer could tell apart.
        st.tuples(st.integers(0, len(raw)), st.lists(st.sampled_from(JUNK), min_size=1)).map(
            lambda p: raw[: p[0]] + b"".join(p[1]) + raw[p[0] :]
        ),
        st.tuples(st.integers(0, len(raw) - 1), st.sampled_from([b'"', b",", b"|", b"\n"])).map(
            lambda p: raw[: p[0]] + p[1] + raw[p[0] + 1 :]
        ),
    )


def _run(importer, tmp_path, raw, **kwargs):
    path = tmp_path / "file_2021.csv"
    path.write_bytes(raw)
    try:
        return importer(path=path, progress_stream=io.StringIO(), **kwargs)
    except ImportFileError as exc:
        assert str(exc)
        return None


@FUZZ
@given(raw=damaged(PLACES))
def test_census_places_import_survives_damage(tmp_path, db, raw):
    _run(import_census_places, tmp_path, raw)

    assert set(Jurisdiction.objects.values_list("geoid", flat=True)) <= {"1608830", "3525170"}


@FUZZ
@given(raw=damaged(POPULATION))
def test_census_population_import_survives_damage(tmp_path, db, raw):
    _run(import_census_population, tmp_path, raw)

    assert set(Jurisdiction.objects.values_list("population", flat=True)) <= {237446, 14120}


@FUZZ
@given(raw=damaged(INDICATORS))
def test_indicator_import_stores_only_values_as_written(tmp_path, db, raw):
    Jurisdiction.objects.all().delete()
    JurisdictionFactory(geoid="1608830", slug="boise-id")
    JurisdictionFactory(geoid="3525170", slug="espanola-nm")

    _run(import_indicators, tmp_path, raw, key="GEOID")

    assert set(IndicatorValue.objects.values_list("value", flat=True)) <= {
        75.0,
        12.5,
        61000.0,
        38000.0,
    }


@FUZZ
@given(raw=damaged(MEMBERS))
def test_member_import_survives_damage(tmp_path, db, raw):
    JurisdictionMembership.objects.all().delete()
    Jurisdiction.objects.all().delete()
    network = CoalitionFactory()
    JurisdictionFactory(name="Boise", state="ID", slug="boise-id")

    _run(import_members, tmp_path, raw, network=network.slug)

    assert JurisdictionMembership.objects.count() <= 1
