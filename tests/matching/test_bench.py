import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BENCH = Path(__file__).resolve().parents[2] / "bench" / "matching_peers.py"


def test_matching_bench_quick_mode_runs_every_measure():
    # Its own throwaway SQLite database, never a second one on the suite's PostgreSQL server.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )

    assert result.returncode == 0, result.stderr[-2000:]
    first, *lines = result.stdout.splitlines()
    assert first.startswith("quick mode: ")
    assert lines[0].startswith("300 places from synthetic")
    assert [line.split()[0] for line in lines[2:10]] == [
        "bare",
        "engine",
        "api",
        "healthz",
        "build_s",
        "engine_ratio",
        "api_ms",
        "api_ratio",
    ]
    assert lines[-1] == "quick run: timing bars not checked"
