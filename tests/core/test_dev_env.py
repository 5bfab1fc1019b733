"""`make setup` writes a development .env so commands work in a fresh shell."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.dev_env import development_env, main

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


def test_development_env_sets_debug_secret_and_data_dir_and_comments_out_empty_values():
    example = "# A comment\nCITYPEERS_DEBUG=0\nCITYPEERS_SECRET_KEY=\nDATABASE_URL=\nX_Y=1\n"

    text = development_env(example, secret_key="s3cret", data_dir=Path("/srv/var"))

    assert text.splitlines()[1:] == [
        "# A comment",
        "CITYPEERS_DEBUG=1",
        "CITYPEERS_SECRET_KEY=s3cret",
        "# DATABASE_URL=",
        "X_Y=1",
    ]


def test_dev_env_never_overwrites_an_existing_file(tmp_path):
    path = tmp_path / ".env"
    path.write_text("MINE=1\n")

    main(["--path", str(path)])

    assert path.read_text() == "MINE=1\n"


def test_dev_env_writes_a_new_file_with_a_random_key(tmp_path):
    first, second = tmp_path / "a.env", tmp_path / "b.env"

    main(["--path", str(first)])
    main(["--path", str(second)])

    keys = [
        next(line for line in p.read_text().splitlines() if line.startswith("CITYPEERS_SECRET"))
        for p in (first, second)
    ]
    assert keys[0] != keys[1]
    assert len(keys[0]) > len("CITYPEERS_SECRET_KEY=") + 40


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".env").exists(), reason="no .env: run `make setup` first")
def test_cli_runs_in_a_fresh_shell_without_environment_variables(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", str(tmp_path))}

    result = subprocess.run(
        [sys.executable, "-m", "citypeers", "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert (result.returncode, result.stdout.strip()) == (
        0,
        "System check identified no issues (0 silenced).",
    )
