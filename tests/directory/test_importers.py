import io

import pytest
from django.core.management import call_command

from citypeers.accounts.importers.members import import_members
from citypeers.accounts.models import JurisdictionMembership
from citypeers.directory.enums import CensusLevel, GovernmentType
from citypeers.directory.importers.base import ImportFileError
from citypeers.directory.importers.census import import_census_places, import_census_population
from citypeers.directory.importers.indicators import import_indicators, normalise_geoid
from citypeers.directory.models import Indicator, IndicatorValue, Jurisdiction
from tests.factories.accounts import CoalitionFactory
from tests.factories.directory import JurisdictionFactory

pytestmark = pytest.mark.integration

SUB_EST = (
    "SUMLEV,STATE,COUNTY,PLACE,COUSUB,CONCIT,PRIMGEO_FLAG,FUNCSTAT,NAME,STNAME,"
    "ESTIMATESBASE2020,POPESTIMATE2020,POPESTIMATE2021\n"
    "040,35,000,00000,00000,00000,0,A,New Mexico,New Mexico,2117522,2117566,2115877\n"
    "162,35,000,25170,00000,00000,0,A,Española city,New Mexico,10526,10520,10487\n"
    "157,35,039,25170,00000,00000,0,A,Española city,New Mexico,9000,8990,8950\n"
    "162,25,000,07000,00000,00000,0,A,Boston city,Massachusetts,675647,676000,654776\n"
    "061,25,017,00000,04615,00000,0,A,Bedford town,Massachusetts,14000,14050,14120\n"
)


def _geonames_place(name, state, county_fips="", **extra):
    return JurisdictionFactory(
        name=name,
        state=state,
        county_fips=county_fips,
        kind=GovernmentType.PLACE,
        census_level=CensusLevel.UNCONFIRMED,
        geoid=None,
        population=1000,
        population_year=None,
        population_source="GeoNames",
        **extra,
    )


@pytest.fixture
def geonames_places(db):
    return {
        "espanola": _geonames_place("Española", "NM", slug="espanola-nm"),
        "boston": _geonames_place("Boston", "MA", "25025", slug="boston-ma"),
        "bedford": _geonames_place("Bedford", "MA", "25017", slug="bedford-ma"),
    }


def test_import_census_population_reads_latin1_when_told_and_stores_year_and_source(
    write_file, geonames_places
):
    path = write_file("sub-est2021_all.csv", SUB_EST, encoding="latin-1")

    report = import_census_population(path=path, encoding="latin-1", progress_stream=io.StringIO())

    espanola = Jurisdiction.objects.get(slug="espanola-nm")
    assert (espanola.geoid, espanola.population, espanola.population_year, espanola.kind) == (
        "3525170",
        10487,
        2021,
        GovernmentType.CITY,
    )
    assert espanola.population_source == "U.S. Census Bureau Population Estimates"
    bedford = Jurisdiction.objects.get(slug="bedford-ma")
    assert (bedford.geoid, bedford.kind, bedford.census_level) == (
        "2501704615",
        GovernmentType.TOWN,
        CensusLevel.COUNTY_SUBDIVISION,
    )
    assert (report.rows, report.created, report.updated, report.unchanged) == (5, 0, 3, 0)
    assert dict(report.skipped) == {
        "SUMLEV 040: state total": 1,
        "SUMLEV 157: county part of a place whose total (162) is imported": 1,
    }


def test_import_census_population_twice_changes_nothing(write_file, geonames_places):
    path = write_file("sub-est2021_all.csv", SUB_EST)
    import_census_population(path=path, progress_stream=io.StringIO())
    history_rows = Jurisdiction.history.count()

    again = import_census_population(path=path, progress_stream=io.StringIO())

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Jurisdiction.history.count() == history_rows


def test_import_census_population_records_history_with_the_import_as_reason(
    write_file, geonames_places
):
    path = write_file("sub-est2021_all.csv", SUB_EST)

    import_census_population(path=path, progress_stream=io.StringIO())

    record = Jurisdiction.history.filter(slug="boston-ma").latest("history_date")
    assert (record.history_type, record.history_change_reason, record.population) == (
        "~",
        "U.S. Census Bureau Population Estimates 2021 import",
        654776,
    )


def test_import_census_population_reports_ambiguity_and_creates_missing(write_file, db):
    _geonames_place("Springfield", "IL", slug="springfield-il")
    _geonames_place("Springfield", "IL", slug="springfield-sangamon-county-il")
    path = write_file(
        "pep2021_local_governments.csv",
        "name,population,SUMLEV,STATE,COUNTY,PLACE,NAME,STNAME,latitude,longitude\n"
        "Springfield,114394,157,17,167,72000,Springfield city,Illinois,39.8,-89.6\n"
        "Newtown,512,157,17,001,99999,Newtown village,Illinois,40.0,-90.0\n",
    )

    report = import_census_population(path=path, progress_stream=io.StringIO())
    again = import_census_population(path=path, progress_stream=io.StringIO())

    created = Jurisdiction.objects.get(geoid="1799999")
    assert (created.slug, created.kind, created.population_year, created.latitude) == (
        "newtown-il",
        GovernmentType.VILLAGE,
        2021,
        40.0,
    )
    assert report.ambiguous == [
        "line 2: Springfield, IL, county 17167 → springfield-il, springfield-sangamon-county-il"
    ]
    assert (report.created, again.created, again.unchanged, len(again.ambiguous)) == (1, 0, 1, 1)


def test_import_census_population_without_year_asks_for_it(write_file, db):
    path = write_file("towns.csv", "SUMLEV,STATE,COUNTY,PLACE,NAME,population\n")

    with pytest.raises(ImportFileError) as error:
        import_census_population(path=path)

    assert str(error.value) == "Cannot tell which year towns.csv estimates: pass --year."


def test_import_census_population_dry_run_saves_nothing(write_file, geonames_places):
    path = write_file("sub-est2021_all.csv", SUB_EST)

    report = import_census_population(path=path, dry_run=True, progress_stream=io.StringIO())

    assert report.updated == 3
    assert Jurisdiction.objects.filter(geoid__isnull=False).count() == 0


PLACES = (
    "STATE|STATEFP|PLACEFP|PLACENS|PLACENAME|TYPE|CLASSFP|FUNCSTAT|COUNTIES\n"
    "MA|25|07000|00619463|Boston city|INCORPORATED PLACE|C5|A|Suffolk County\n"
    "MA|25|99990|00000000|Nowhere CDP|CENSUS DESIGNATED PLACE|U1|S|Suffolk County\n"
    "MA|25|99991|00000000|Newborough town|INCORPORATED PLACE|C1|A|Suffolk County\n"
    "ZZ|99|00001|00000000|Lost city|INCORPORATED PLACE|C1|A|\n"
)


def test_import_census_places_confirms_creates_and_skips_cdps(write_file, geonames_places):
    path = write_file("national_place2020.txt", PLACES)

    report = import_census_places(path=path, progress_stream=io.StringIO())

    boston = Jurisdiction.objects.get(slug="boston-ma")
    assert (boston.geoid, boston.functional_status, boston.legal_type, boston.kind) == (
        "2507000",
        "A",
        "city",
        GovernmentType.CITY,
    )
    assert Jurisdiction.objects.get(geoid="2599991").name == "Newborough"
    assert (report.created, report.updated) == (1, 1)
    assert dict(report.skipped) == {"Census designated place not in the directory (not created)": 1}
    assert dict(report.rejected) == {"unknown state": 1}


def test_import_census_places_include_cdps_creates_them(write_file, geonames_places):
    path = write_file("national_place2020.txt", PLACES)

    report = import_census_places(path=path, include_cdps=True, progress_stream=io.StringIO())

    assert Jurisdiction.objects.get(geoid="2599990").kind == GovernmentType.CDP
    assert report.created == 2


def test_import_census_places_missing_column_is_a_clear_error(write_file, db):
    path = write_file("places.txt", "STATE|PLACENAME\nMA|Boston city\n")

    with pytest.raises(ImportFileError) as error:
        import_census_places(path=path)

    assert str(error.value) == (
        "places.txt has no column STATEFP, PLACEFP, TYPE, FUNCSTAT (found: STATE, PLACENAME)."
    )


ACS = (
    "GEO_ID,NAME,B01003_001E,B01003_001M,B19013_001E\n"
    "id,Geographic Area Name,Estimate!!Total,Margin of Error!!Total,Median household income\n"
    "1600000US2507000,Boston city,654776,(X),81744\n"
    "1600000US3525170,Española city,10487,-,N\n"
    "1600000US9999999,Nowhere city,1,1,1\n"
)


def test_import_indicators_stores_values_and_skips_annotations(write_file, db):
    boston = JurisdictionFactory(geoid="2507000")
    JurisdictionFactory(geoid="3525170")
    path = write_file("acs.csv", ACS)

    report = import_indicators(
        path=path,
        key="GEO_ID",
        source="ACS 2021 5-year",
        year=2021,
        theme="economy",
        progress_stream=io.StringIO(),
    )

    values = {
        (v.indicator.code, v.year, v.value, v.source)
        for v in IndicatorValue.objects.filter(jurisdiction=boston).select_related("indicator")
    }
    assert values == {
        ("b01003_001e", 2021, 654776.0, "ACS 2021 5-year"),
        ("b19013_001e", 2021, 81744.0, "ACS 2021 5-year"),
    }
    assert (
        IndicatorValue.objects.get(
            indicator__code="b01003_001e", jurisdiction__geoid="3525170"
        ).value
        == 10487
    )
    assert (report.created, report.rows) == (3, 3)
    assert dict(report.skipped) == {
        "text column (not an indicator)": 1,
        "non-numeric cell skipped": 3,
    }
    assert dict(report.rejected) == {"no directory entry with this GEOID": 1}


def test_import_indicators_twice_changes_nothing_and_updates_changed_values(write_file, db):
    JurisdictionFactory(geoid="2507000")
    JurisdictionFactory(geoid="3525170")
    path = write_file("acs2021.csv", ACS)
    import_indicators(path=path, key="GEO_ID", progress_stream=io.StringIO())

    again = import_indicators(path=path, key="GEO_ID", progress_stream=io.StringIO())
    changed = import_indicators(
        path=write_file("acs2021.csv", ACS.replace("654776", "650000")),
        key="GEO_ID",
        progress_stream=io.StringIO(),
    )

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)


def test_normalise_geoid_keeps_and_restores_leading_zeros():
    assert [normalise_geoid(v) for v in ("1600000US0644000", "0644000", "644000", "6037")] == [
        "0644000",
        "0644000",
        "0644000",
        "06037",
    ]


def test_import_members_resolves_names_and_reports_ambiguity(write_file, db):
    network = CoalitionFactory(slug="metro-alliance")
    boston = JurisdictionFactory(name="Boston", state="MA", slug="boston-ma")
    JurisdictionFactory(name="Springfield", state="IL", slug="springfield-il")
    JurisdictionFactory(name="Springfield", state="IL", slug="springfield-sangamon-county-il")
    path = write_file(
        "members.csv",
        "name,state\nCity of Boston,MA\nSpringfield,IL\nNowhere,MA\nBoston,Massachusetts\n",
    )

    report = import_members(path=path, network="metro-alliance", progress_stream=io.StringIO())
    again = import_members(path=path, network="metro-alliance", progress_stream=io.StringIO())

    assert list(
        JurisdictionMembership.objects.filter(organisation=network).values_list(
            "jurisdiction_id", flat=True
        )
    ) == [boston.pk]
    assert report.ambiguous == [
        "line 3: Springfield, IL → springfield-il, springfield-sangamon-county-il"
    ]
    assert dict(report.rejected) == {"not in the directory": 1, "listed twice": 1}
    assert (report.created, again.created, again.unchanged) == (1, 0, 1)


def test_import_command_prints_report_and_progress(write_file, geonames_places):
    path = write_file("sub-est2021_all.csv", SUB_EST)
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "import_census_population",
        str(path),
        "--dry-run",
        "--progress-every",
        "1",
        stdout=out,
        stderr=err,
    )

    assert out.getvalue().splitlines()[:5] == [
        "Census population from sub-est2021_all.csv (dry run: nothing was saved)",
        "  rows read:  5",
        "  created:    0",
        "  updated:    3",
        "  unchanged:  0",
    ]
    assert (
        err.getvalue().splitlines()[-1] == "population [##############################] 3/3 (100%)"
    )
    assert Jurisdiction.objects.filter(geoid__isnull=False).count() == 0


@pytest.mark.slow
def test_real_census_files_grow_the_directory_and_reimport_changes_nothing(census_file, db):
    # Into an empty directory: the shipped directory already holds these governments.
    pep = census_file("pep2021_local_governments.csv")
    places = census_file("national_place2020.txt")

    first = import_census_population(path=pep, progress_stream=io.StringIO())
    total = Jurisdiction.objects.count()
    second = import_census_population(path=pep, progress_stream=io.StringIO())
    import_census_places(path=places, progress_stream=io.StringIO())
    places_again = import_census_places(path=places, progress_stream=io.StringIO())

    assert total >= 25_000
    assert first.created >= 10_000
    assert (second.created, second.updated) == (0, 0)
    assert (places_again.created, places_again.updated) == (0, 0)
    assert Jurisdiction.objects.get(geoid="2507000").population_year == 2021


@pytest.mark.django_db
def test_indicator_import_tells_listeners_once_after_commit(
    tmp_path, django_capture_on_commit_callbacks
):
    from citypeers.directory.signals import bulk_changed
    from tests.factories.directory import JurisdictionFactory

    JurisdictionFactory(geoid="2507000")
    path = tmp_path / "acs_2021.csv"
    path.write_text("GEOID,median_income\n2507000,81744\n")
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    bulk_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_indicators(path=path, source="ACS test")
    finally:
        bulk_changed.disconnect(listener)
    assert [(r["directory"], r["indicators"]) for r in received] == [(False, True)]


def _same_government_twice() -> list[str]:
    """Entries a Census import created whose government the directory already listed: an
    unconfirmed entry in the same state whose name differs only by "City" or a parenthesis,
    in the same county or with a plausibly equal population."""
    from citypeers.directory.importers.reconcile import _plausible_population, other_spellings

    fields = ("state", "name", "name_normalised", "population", "county_fips")
    unconfirmed = {}
    for entry in Jurisdiction.objects.filter(census_level=CensusLevel.UNCONFIRMED).values_list(
        *fields
    ):
        unconfirmed.setdefault((entry[0], entry[2]), []).append(entry)
    created = Jurisdiction.objects.filter(
        geonames_id=None, census_level=CensusLevel.PLACE
    ).values_list(*fields)
    pairs = []
    for state, name, _key, population, county in created:
        for key in other_spellings(name):
            for other in unconfirmed.get((state, key), []):
                if (county and county == other[4]) or _plausible_population(population, other[3]):
                    pairs.append(f"{name}, {state} ({population}) = {other[1]} ({other[3]})")
    return sorted(pairs)


@pytest.mark.slow
def test_real_census_imports_add_no_second_entry_for_a_listed_government(census_file, db):
    from citypeers.directory.services.loading import load_shipped_directory

    load_shipped_directory()
    listed = set(Jurisdiction.objects.values_list("state", "name_normalised", "kind"))
    before = set(Jurisdiction.objects.values_list("pk", flat=True))
    import_census_population(
        path=census_file("pep2021_local_governments.csv"), progress_stream=io.StringIO()
    )
    import_census_places(path=census_file("national_place2020.txt"), progress_stream=io.StringIO())

    created = Jurisdiction.objects.exclude(pk__in=before)
    twice = [
        f"{j.name}, {j.state} ({j.kind})"
        for j in created
        if (j.state, j.name_normalised, j.kind) in listed
    ]
    boise = Jurisdiction.objects.filter(state="ID", name_normalised__in=["boise", "boise city"])
    new_york = Jurisdiction.objects.filter(
        state="NY", name_normalised__in=["new york", "new york city"]
    )
    assert [(j.slug, j.geoid, j.name) for j in boise] == [
        ("boise-city-id", "1608830", "Boise City")
    ]
    assert [(j.slug, j.geoid, j.name) for j in new_york] == [("new-york-ny", "3651000", "New York")]
    assert twice == []
    assert _same_government_twice() == []


def test_import_indicators_never_stores_a_value_from_a_cut_last_line(write_file, db):
    JurisdictionFactory(geoid="2507000")
    JurisdictionFactory(geoid="0644000")
    path = write_file("acs_2023.csv", "GEOID,share\n2507000,75.0\n0644000,7")

    report = import_indicators(path=path, progress_stream=io.StringIO())

    assert list(IndicatorValue.objects.values_list("jurisdiction__geoid", "value")) == [
        ("2507000", 75.0)
    ]
    assert dict(report.rejected) == {
        "last line has no line end: the file may be cut off (not imported)": 1
    }
    assert report.rows == 2


def test_import_indicators_without_theme_makes_the_file_a_theme_of_its_own(write_file, db):
    JurisdictionFactory(geoid="2507000")
    path = write_file("acs_places_2023.csv", "GEOID,median_household_income\n2507000,89212\n")

    import_indicators(path=path, progress_stream=io.StringIO())

    assert list(Indicator.objects.values_list("code", "label", "theme", "source")) == [
        ("median_household_income", "Median household income", "acs_places", "acs_places_2023.csv")
    ]


def test_import_indicators_themes_file_sets_theme_label_and_unit_or_skips(write_file, db):
    JurisdictionFactory(geoid="2507000")
    themes = write_file(
        "themes.csv",
        "column,theme,label,unit\n"
        "median_household_income,economy,Median household income (ACS),$\n"
        "median_age,people,,\n"
        "population,skip,,\n",
    )
    path = write_file(
        "acs_2023.csv",
        "GEOID,median_household_income,median_age,growth,population\n2507000,89212,32,1.5,9\n",
    )

    report = import_indicators(path=path, themes_file=themes, progress_stream=io.StringIO())

    assert dict(report.skipped) == {"column skipped by the themes file": 1}
    assert list(
        Indicator.objects.order_by("code").values_list("code", "label", "unit", "theme")
    ) == [
        ("growth", "growth", "", "acs"),
        ("median_age", "Median age", "", "people"),
        ("median_household_income", "Median household income (ACS)", "$", "economy"),
    ]


def test_import_indicators_again_with_another_theme_or_source_updates_them(write_file, db):
    JurisdictionFactory(geoid="2507000")
    path = write_file("acs_2023.csv", "GEOID,poverty_rate\n2507000,17.2\n")
    import_indicators(path=path, theme="people", source="ACS", progress_stream=io.StringIO())

    report = import_indicators(
        path=path,
        theme="economy",
        source="U.S. Census Bureau, ACS 2019-2023 5-year",
        progress_stream=io.StringIO(),
    )

    indicator = Indicator.objects.get()
    assert (indicator.theme, indicator.source) == (
        "economy",
        "U.S. Census Bureau, ACS 2019-2023 5-year",
    )
    assert IndicatorValue.objects.get().source == "U.S. Census Bureau, ACS 2019-2023 5-year"
    assert (report.updated, report.unchanged) == (1, 0)
    assert report.notes[:2] == [
        "Indicator poverty_rate: theme 'people' → 'economy'",
        "Indicator poverty_rate: source 'ACS' → 'U.S. Census Bureau, ACS 2019-2023 5-year'",
    ]


def test_import_indicators_again_unchanged_leaves_the_peer_cache_alone(
    write_file, db, django_capture_on_commit_callbacks
):
    from citypeers.matching.models import FeatureDataVersion

    JurisdictionFactory(geoid="2507000")
    path = write_file("acs_2023.csv", "GEOID,poverty_rate\n2507000,17.2\n")
    with django_capture_on_commit_callbacks(execute=True):
        import_indicators(path=path, theme="economy", progress_stream=io.StringIO())
    before = list(FeatureDataVersion.objects.values_list("indicator_version", flat=True))
    updated_at = Indicator.objects.get().updated_at

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = import_indicators(path=path, theme="economy", progress_stream=io.StringIO())

    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert callbacks == []
    assert list(FeatureDataVersion.objects.values_list("indicator_version", flat=True)) == before
    assert Indicator.objects.get().updated_at == updated_at


def test_import_indicators_onto_entries_without_geoid_says_what_to_import_first(write_file, db):
    JurisdictionFactory(geoid=None)
    path = write_file("acs_2023.csv", "GEOID,poverty_rate\n2507000,17.2\n16001,9.1\n")

    with pytest.raises(ImportFileError) as exc:
        import_indicators(path=path, progress_stream=io.StringIO())

    assert str(exc.value) == (
        "No directory entry has a Census GEOID yet, so no row can be matched. Import the Census "
        "files that give them first (counties: `citypeers import census-population "
        "co-est2021-alldata.csv`; places: `citypeers import census-places "
        "national_place2020.txt`), then this file again."
    )
    assert Indicator.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "GEOID,share\n3525170,Espa\xf1ola\n".encode("latin-1"),
            "acs_2023.csv is not UTF-8: line 2 has the byte 0xF1 ('3525170,Espa\\\\xf1ola'). "
            "Nothing was imported. If the file is Latin-1 (older Census files) or Windows-1252, "
            "say so with --encoding latin-1 or --encoding cp1252.",
        ),
        (
            b"GEOID,share,share\n2507000,1,2\n",
            "acs_2023.csv has the column share more than once; a value cannot be told apart "
            "from its twin. Rename or remove the duplicate.",
        ),
        (
            b"\x1f\x8b\x08\x00binary",
            "acs_2023.csv is not a text table: it looks like a gzip-compressed file: "
            "decompress it first.",
        ),
    ],
)
def test_import_command_bad_files_end_in_a_message_not_a_traceback(tmp_path, db, content, message):
    from django.core.management.base import CommandError

    path = tmp_path / "acs_2023.csv"
    path.write_bytes(content)

    with pytest.raises(CommandError) as exc:
        call_command("import_indicators", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    assert str(exc.value) == message
    assert IndicatorValue.objects.count() == 0


def test_import_command_with_encoding_keeps_accented_names(write_file, geonames_places):
    path = write_file("sub-est2021_all.csv", SUB_EST, encoding="latin-1")

    call_command(
        "import_census_population",
        str(path),
        "--encoding",
        "latin-1",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )

    assert Jurisdiction.objects.get(geoid="3525170").name == "Española"


def test_import_census_population_finds_listed_towns_without_cousub_codes(write_file, db):
    # The shipped directory lists towns with 10-digit GEOIDs; the PEP file names them by state,
    # county and name only (PLACE 00000, no COUSUB). Connecticut's 2021 county codes differ from
    # the planning regions in the GEOIDs, so a town unique in its state is found there.
    bethel = JurisdictionFactory(
        name="Bethel",
        state="VT",
        geoid="5002705200",
        county_fips="50027",
        census_level=CensusLevel.COUNTY_SUBDIVISION,
        kind=GovernmentType.TOWN,
        population=2000,
    )
    ashford = JurisdictionFactory(
        name="Ashford",
        state="CT",
        geoid="0915001710",
        county_fips="09150",
        census_level=CensusLevel.COUNTY_SUBDIVISION,
        kind=GovernmentType.TOWN,
        population=4000,
    )
    path = write_file(
        "pep2021_local_governments.csv",
        "name,population,SUMLEV,STATE,COUNTY,PLACE,NAME,STNAME,latitude,longitude\n"
        "Bethel,2025,061,50,027,00000,Bethel town,Vermont,43.8,-72.6\n"
        "Ashford,4269,061,09,013,00000,Ashford town,Connecticut,41.9,-72.1\n",
    )
    before = Jurisdiction.objects.count()

    report = import_census_population(path=path, progress_stream=io.StringIO())

    bethel.refresh_from_db()
    ashford.refresh_from_db()
    assert (report.created, Jurisdiction.objects.count() - before) == (0, 0)
    assert (bethel.population, bethel.geoid, ashford.population, ashford.geoid) == (
        2025,
        "5002705200",
        4269,
        "0915001710",
    )


def test_import_members_command_writes_every_row_left_out(write_file, db, tmp_path):
    CoalitionFactory(slug="metro-alliance")
    JurisdictionFactory(name="Boston", state="MA", slug="boston-ma")
    rows = "".join(f"Nowhere {i},MA\n" for i in range(5))
    path = write_file("members.csv", f"name,state\nBoston,MA\n{rows}Boston,MA\n")
    left_out = tmp_path / "left-out.csv"
    out = io.StringIO()

    call_command(
        "import_members",
        str(path),
        "--network",
        "metro-alliance",
        "--dry-run",
        "--left-out",
        str(left_out),
        stdout=out,
        stderr=io.StringIO(),
    )

    assert left_out.read_text().splitlines() == [
        "line,name,state,reason,directory entries",
        *(f"{i + 3},Nowhere {i},MA,not in the directory," for i in range(5)),
        "8,Boston,MA,listed twice,boston-ma",
    ]
    assert out.getvalue().splitlines()[-1] == f"Rows left out: 6, all written to {left_out}"
