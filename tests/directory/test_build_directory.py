"""The shipped directory files are exactly what `tools/build_directory.py` makes from the
Census files beside the checkout (skipped when those files are absent)."""

import csv
import gzip
from pathlib import Path

import pytest

from tools.build_directory import main, split_county_name, split_place_name

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
SHIPPED = ROOT / "src" / "citypeers" / "directory" / "data"
FILES = ["jurisdictions.csv.gz", "indicators.csv.gz", "indicator_definitions.csv"]

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("census", "expected"),
    [
        ("Boise City city", ("Boise City", "city", "city")),
        (
            "Nashville-Davidson metropolitan government (balance)",
            ("Nashville-Davidson", "metropolitan government", "consolidated"),
        ),
        ("Augusta charter township", ("Augusta", "charter township", "township")),
        ("Juneau city and borough", ("Juneau", "city and borough", "consolidated")),
        ("Macon-Bibb County", ("Macon-Bibb County", "consolidated city-county", "consolidated")),
        ("Carson City", ("Carson City", "consolidated municipality", "consolidated")),
        ("Nashville plantation", ("Nashville", "plantation", "plantation")),
    ],
)
def test_split_place_name_gives_name_legal_type_and_kind(census, expected):
    assert split_place_name(census) == expected


def test_split_place_name_refuses_a_name_without_a_legal_type():
    with pytest.raises(ValueError):
        split_place_name("Boston Seaport")


@pytest.mark.parametrize(
    ("census", "legal"),
    [
        ("Suffolk County", "county"),
        ("Orleans Parish", "parish"),
        ("Alexandria city", "independent city"),
        ("Bethel Census Area", "census area"),
        ("District of Columbia", "district"),
    ],
)
def test_split_county_name(census, legal):
    assert split_county_name(census) == (census, legal)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "census").exists(), reason="Census files not beside checkout")
def test_rebuilding_from_the_census_files_gives_the_shipped_bytes(tmp_path, capsys):
    main(["--data", str(SHARED), "--out", str(tmp_path)])

    for name in FILES:
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name
    assert capsys.readouterr().out.splitlines()[0] == "Kept 28,453 jurisdictions:"


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


@pytest.fixture
def census_dir(tmp_path):
    data = tmp_path / "data"
    pep = "name,population,SUMLEV,STATE,COUNTY,PLACE,NAME,STNAME,latitude,longitude\n"
    pep += "Chicago,1500000,157,17,031,14000,Chicago city,Illinois,41.8,-87.6\n"
    pep += "Abbeville,2379,157,01,067,00124,Abbeville city,Alabama,31.57,-85.25\n"
    pep += "Chicago,2696555,162,17,000,14000,Chicago city,Illinois,41.88,-87.63\n"
    pep += "Chicago,1196555,157,17,043,14000,Chicago city,Illinois,41.8,-88.0\n"
    pep += "Bethel,20513,061,09,001,00000,Bethel town,Connecticut,41.37,-73.41\n"
    pep += "Lexington,34071,061,25,017,00000,Lexington town,Massachusetts,,\n"
    _write(data / "census" / "pep2021_local_governments.csv", pep)
    national = "STATE|STATEFP|PLACEFP|PLACENS|PLACENAME|TYPE|CLASSFP|FUNCSTAT|COUNTIES\n"
    national += "AL|01|00100|1|Abanda CDP|CENSUS DESIGNATED PLACE|U1|S|Chambers County\n"
    national += "AL|01|00124|2|Abbeville city|INCORPORATED PLACE|C1|A|Henry County\n"
    national += "IL|17|14000|3|Chicago city|INCORPORATED PLACE|C1|A|Cook County~~~DuPage County\n"
    national += (
        "TN|47|52006|4|Nashville-Davidson metropolitan government (balance)|"
        "INCORPORATED PLACE|C8|F|Davidson County\n"
    )
    national += "DC|11|50000|5|Washington city|INCORPORATED PLACE|C5|N|District of Columbia\n"
    _write(data / "census" / "national_place2020.txt", national)
    counties = "SUMLEV,STATE,COUNTY,STNAME,CTYNAME,POPESTIMATE2021\n"
    counties += "040,35,000,New Mexico,New Mexico,2115877\n"
    counties += "050,35,013,New Mexico,Do\u00f1a Ana County,221508\n"
    counties += "050,17,031,Illinois,Cook County,5173146\n"
    counties += "050,17,043,Illinois,DuPage County,929368\n"
    counties += "050,11,001,District of Columbia,District of Columbia,670050\n"
    _write(data / "census" / "co-est2021-alldata.csv", counties, encoding="latin-1")
    places = "GEOID,NAME,STATE,population,housing_units,median_household_income\n"
    places += '0100124,"Abbeville city, Alabama",AL,2470,1288,250001\n'
    places += '0100100,"Abanda CDP, Alabama",AL,48,19,\n'
    places += '3500000,"Nowhere CDP, New Mexico",NM,1,1,\n'
    places += '4752006,"Nashville-Davidson (balance), Tennessee",TN,684298,320000,70000\n'
    _write(data / "acs" / "acs_places.csv", places)
    cousubs = "GEOID,NAME,STATE,population,housing_units,land_area_sqmi,pop_density_per_sqmi\n"
    cousubs += '0919004720,"Bethel town, Western Connecticut Planning Region, Connecticut",CT,'
    cousubs += "20600,7900,16.9,1219.0\n"
    cousubs += '2501735215,"Lexington town, Middlesex County, Massachusetts",MA,34000,12000,,\n'
    _write(data / "acs" / "acs_cousubs.csv", cousubs)
    _write(data / "acs" / "acs_counties.csv", "GEOID,NAME,STATE,population,households\n")
    return data


def _read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_build_keeps_governments_once_with_zero_padded_geoids(census_dir, tmp_path, capsys):
    out = tmp_path / "out"

    main(["--data", str(census_dir), "--out", str(out)])

    rows = {r["geoid"]: r for r in _read(out / "jurisdictions.csv.gz")}
    assert sorted(rows) == [
        "0100124",
        "0919004720",
        "11001",
        "17031",
        "17043",
        "1714000",
        "2501735215",
        "35013",
        "4752006",
    ]
    chicago = rows["1714000"]
    assert (chicago["population"], chicago["county_name"], chicago["county_fips"]) == (
        "2696555",
        "Cook County, DuPage County",
        "",
    )
    assert (rows["35013"]["name"], rows["11001"]["legal_type"]) == (
        "Do\u00f1a Ana County",
        "district",
    )
    nashville = rows["4752006"]
    assert (nashville["name"], nashville["kind"], nashville["population_year"]) == (
        "Nashville-Davidson",
        "consolidated",
        "2023",
    )
    assert (rows["0919004720"]["county_name"], rows["0919004720"]["kind"]) == ("", "town")
    indicators = {r["geoid"]: r for r in _read(out / "indicators.csv.gz")}
    assert indicators["0100124"]["median_household_income"] == "250000"
    assert indicators["2501735215"]["land_area_sqmi"] == ""
    printed = capsys.readouterr().out
    assert (
        "       2  duplicate GEOID (part of a place already kept) (e.g. Chicago; Chicago)"
        in printed
    )
    assert "place file, not an active government (FUNCSTAT N) (e.g. Washington city)" in printed
