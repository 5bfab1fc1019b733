import os
from pathlib import Path

import pytest

# The real Census files sit in shared/ beside the checkout; only tests read them.
CENSUS_DIR = Path(
    os.environ.get(
        "CITYPEERS_CENSUS_DIR",
        Path(__file__).resolve().parents[2].parent / "shared" / "data" / "census",
    )
)


@pytest.fixture
def write_file(tmp_path):
    """Write text (in an encoding) to a file under tmp_path and return its path."""

    def write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture
def census_file():
    def find(name: str) -> Path:
        path = CENSUS_DIR / name
        if not path.exists():
            pytest.skip(f"{path} is not available")
        return path

    return find
