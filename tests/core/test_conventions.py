"""Team habits that a linter does not check by itself."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOQA = re.compile(r"#\s*no" r"qa\b(?P<rest>.*)$")  # split so linters do not read it
# The comment reads `no` + `qa: CODE[, CODE] - why` (a dash or an em dash before the reason).
WITH_REASON = re.compile(r"^:\s*[A-Z]+[0-9]+(\s*,\s*[A-Z]+[0-9]+)*\s+[-—]\s+\S")

pytestmark = pytest.mark.unit


def _python_files():
    for folder in ("src", "tests", "bench", "tools"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_every_noqa_names_its_codes_and_says_why():
    missing = []
    for path in _python_files():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            match = NOQA.search(line)
            if match and not WITH_REASON.match(match.group("rest")):
                missing.append(f"{path.relative_to(ROOT)}:{number}")
    assert missing == []


def test_no_merge_conflict_markers_are_left_in_the_tree():
    markers = ("<" * 7 + " ", ">" * 7 + " ")
    left = []
    for folder in ("src", "tests", "bench", "tools", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".html", ".md", ".txt", ".css", ".js", ".yaml", ".toml"}:
                continue
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                if line.startswith(markers):
                    left.append(f"{path.relative_to(ROOT)}:{number}")
    assert left == []
