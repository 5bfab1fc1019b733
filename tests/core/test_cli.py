import pytest

from citypeers.__main__ import translate_argv

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], []),
        (["runserver", "0:8000"], ["runserver", "0:8000"]),
        (["setup-site"], ["setup_site"]),
        (["import", "census-places", "f.txt", "--dry-run"],
         ["import_census_places", "f.txt", "--dry-run"]),
        (["import", "members", "m.csv", "--network", "nlc"],
         ["import_members", "m.csv", "--network", "nlc"]),
        (["frameworks", "load"], ["frameworks_load"]),
        (["import", "--help"], ["import", "--help"]),
        (["import"], ["import"]),
        (["check", "--deploy", "--fail-level", "WARNING"],
         ["check", "--deploy", "--fail-level", "WARNING"]),
    ],
)
def test_translate_argv_joins_command_groups(argv, expected):
    assert translate_argv(argv) == expected


def test_translate_argv_leaves_the_input_alone():
    argv = ["import", "census-places", "f.txt"]

    translate_argv(argv)

    assert argv == ["import", "census-places", "f.txt"]
