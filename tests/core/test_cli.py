import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from citypeers.__main__ import help_topic, main, translate_argv

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = tempfile.mkdtemp(prefix="citypeers-cli-test-")  # as tests/settings.py does

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], []),
        (["runserver", "0:8000"], ["runserver", "0:8000"]),
        (["setup-site"], ["setup_site"]),
        (
            ["import", "census-places", "f.txt", "--dry-run"],
            ["import_census_places", "f.txt", "--dry-run"],
        ),
        (
            ["import", "members", "m.csv", "--network", "nlc"],
            ["import_members", "m.csv", "--network", "nlc"],
        ),
        (["frameworks", "load"], ["frameworks_load"]),
        (["import", "--help"], ["import", "--help"]),
        (["import"], ["import"]),
        (
            ["check", "--deploy", "--fail-level", "WARNING"],
            ["check", "--deploy", "--fail-level", "WARNING"],
        ),
    ],
)
def test_translate_argv_joins_command_groups(argv, expected):
    assert translate_argv(argv) == expected


def test_translate_argv_leaves_the_input_alone():
    argv = ["import", "census-places", "f.txt"]

    translate_argv(argv)

    assert argv == ["import", "census-places", "f.txt"]


@pytest.mark.parametrize(
    ("argv", "topic"),
    [
        ([], ""),
        (["--help"], ""),
        (["-h"], ""),
        (["help"], ""),
        (["import"], "import"),
        (["import", "--help"], "import"),
        (["help", "frameworks"], "frameworks"),
        (["help", "check"], None),
        (["import", "census-places", "--help"], None),
        (["check"], None),
        (["--version"], None),
    ],
)
def test_help_topic_names_what_the_cli_answers_itself(argv, topic):
    assert help_topic(argv) == topic


def test_translate_argv_passes_options_through():
    assert translate_argv(["--version"]) == ["--version"]


def _cli(*args: str, debug: bool = True, code: str | None = None) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CITYPEERS_", "DJANGO_"))
    }
    env.update(
        PYTHONPATH=str(ROOT / "src"),
        CITYPEERS_DATA_DIR=DATA_DIR,
        DJANGO_SETTINGS_MODULE="citypeers.settings",
    )
    # Explicit values, so a development .env beside the checkout (`make run`) cannot fill them.
    env["CITYPEERS_DEBUG"] = "1" if debug else "0"
    if not debug:
        env["CITYPEERS_SECRET_KEY"] = ""
    command = ["-c", code, *args] if code else ["-m", "citypeers", *args]
    return subprocess.run(
        [sys.executable, *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _section(output: str, title: str) -> list[str]:
    lines = output.splitlines()
    start = lines.index(title) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def _main(monkeypatch, capsys, *args: str) -> str:
    """`citypeers ARGS` in this process (settings already loaded); its standard output."""
    monkeypatch.setattr(sys, "argv", ["citypeers", *args])
    main()
    out, err = capsys.readouterr()
    assert err == ""
    return out


def _assert_lists_groups_and_commands(output: str) -> None:
    assert output.splitlines()[:2] == [
        "Usage: citypeers <command> [options]",
        "       citypeers <group> <command> [options]",
    ]
    assert _section(output, "Command groups:") == [
        "  frameworks  load, validate",
        "  import      census-places, census-population, indicators, members",
    ]
    assert _section(output, "CityPeers commands:") == [
        "  assessments-reviewer, backup, load-directory, peers, rebuild-search-index",
        "  restore, scheduler, send-commitment-reminders, send-webinar-reminders",
        "  setup-site",
    ]
    others = _section(output, "Django and library commands:")
    assert (others[0], others[-1]) == (
        "  [auth] changepassword, createsuperuser",
        "  [staticfiles] collectstatic, findstatic",
    )


@pytest.mark.parametrize("args", [(), ("--help",), ("-h",), ("help",)])
def test_cli_help_lists_groups_and_commands(monkeypatch, capsys, args):
    _assert_lists_groups_and_commands(_main(monkeypatch, capsys, *args))


def test_cli_help_from_the_installed_command():
    result = _cli("--help")

    assert (result.returncode, result.stderr) == (0, "")
    _assert_lists_groups_and_commands(result.stdout)


def test_cli_help_without_settings_lists_our_commands_and_says_why():
    result = _cli("--help", debug=False)

    assert (result.returncode, result.stderr) == (0, "")
    assert _section(result.stdout, "Command groups:") == [
        "  frameworks  load, validate",
        "  import      census-places, census-population, indicators, members",
    ]
    assert result.stdout.splitlines()[-1] == (
        "Settings did not load (CITYPEERS_SECRET_KEY must be set when CITYPEERS_DEBUG is off.); "
        "listing CityPeers's and core commands."
    )


@pytest.mark.parametrize("args", [("import", "--help"), ("help", "import"), ("import",)])
def test_cli_group_help_lists_the_group_commands_with_their_summaries(monkeypatch, capsys, args):
    lines = _main(monkeypatch, capsys, *args).splitlines()
    assert lines[:3] == ["Usage: citypeers import <command> [options]", "", "Commands:"]
    assert [line.split()[0] for line in lines[3:7]] == [
        "census-places",
        "census-population",
        "indicators",
        "members",
    ]
    assert lines[3].startswith("  census-places      Import the Census national place file")
    assert lines[-1] == "`citypeers import <command> --help` shows a command's options."


def test_cli_command_help_still_comes_from_django():
    result = _cli("import", "census-places", "--help")

    assert (result.returncode, result.stderr) == (0, "")
    usage = "usage: citypeers import_census_places [-h] [--encoding ENCODING]"
    assert result.stdout.startswith(usage)


HEAVY = ["markdown", "numpy", "pandas", "pulp", "scipy", "sklearn", "weasyprint"]
LOADED_BY_HELP = f"""
import contextlib, io, json, sys
sys.argv = ["citypeers", "--help"]
from citypeers.__main__ import main
with contextlib.redirect_stdout(io.StringIO()):
    main()
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def test_cli_help_imports_no_heavy_library():
    result = _cli(code=LOADED_BY_HELP)

    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == []


LOADED_BY_URLS = f"""
import json, sys, django
django.setup()
import citypeers.urls
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def test_url_configuration_loads_only_numpy_of_the_heavy_libraries():
    # What `citypeers check` and every worker's first request load; the others wait for use.
    result = _cli(code=LOADED_BY_URLS)

    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == ["numpy"]


def test_cli_group_without_commands_says_so(monkeypatch, capsys):
    assert _main(monkeypatch, capsys, "demo").splitlines() == [
        "Usage: citypeers demo <command> [options]",
        "",
        "The demo group has no commands yet.",
    ]
