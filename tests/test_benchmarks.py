"""Benchmarks cannot rot: every script in bench/ runs in its --quick mode (tiny sizes, figures
only, no verdicts), so a refactor that breaks one fails the suite."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.run_all import benchmark_scripts

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]


def _env(script: Path, data_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CITYPEERS_", "DJANGO_"))
    }
    env.update(
        PYTHONPATH=f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        CITYPEERS_DATA_DIR=str(data_dir),
        OPENBLAS_NUM_THREADS="1",
    )
    if "DATABASE_URL" in env:
        # On PostgreSQL a benchmark creates its own throwaway database: name it after ours,
        # the script and the xdist worker, so it never meets the suite's or another's.
        base = urlparse(env["DATABASE_URL"]).path.lstrip("/")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        env["CITYPEERS_TEST_DB_NAME"] = f"test_{base}_bench_{script.stem}_{worker}"
    return env


def test_every_benchmark_is_found():
    assert [path.name for path in benchmark_scripts()] == [
        "assessments_scoring.py",
        "coalitions_dashboard.py",
        "convenings_networking.py",
        "convenings_timetable.py",
        "digests_fanout.py",
        "directory_profile.py",
        "matching_peers.py",
        "search_fts.py",
        "workshops_cohort.py",
    ]


@pytest.mark.parametrize("script", benchmark_scripts(), ids=lambda path: path.stem)
def test_benchmark_runs_in_quick_mode(script, tmp_path):
    result = subprocess.run(
        [sys.executable, str(script), "--quick"],
        env=_env(script, tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 0, f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].startswith("quick mode: ")
