"""The shipped directory files are exactly what `tools/build_directory.py` makes from the
Census files beside the checkout (skipped when those files are absent)."""

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
