"""Team habits that a linter does not check by itself."""

import ast
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


# Views and API handlers test no permission themselves: they reach private objects through
# access helpers (`<noun>_for_user(user, key, *, for_edit=False)` in the app's selectors) and
# services check the named predicate. Each exception here needs a reason; there are none.
HAND_WRITTEN_CHECKS_ALLOWED: dict[str, str] = {}
PERMISSION_CALLS = {"has_perm", "has_perms", "test_rule", "has_rule", "test_perm"}


def _interface_modules():
    apps = ROOT / "src" / "citypeers"
    for app in sorted(p for p in apps.iterdir() if p.is_dir()):
        for name in ("views", "api"):
            module = app / f"{name}.py"
            if module.exists():
                yield module
            yield from sorted((app / name).rglob("*.py")) if (app / name).is_dir() else ()


def _hand_written_checks(path: Path, root: Path = ROOT) -> list[str]:
    """`has_perm`-style calls and `raise PermissionDenied` in one module, in line order."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in PERMISSION_CALLS:
                found.append((node.lineno, f"{path.relative_to(root)}:{node.lineno} calls {name}"))
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = raised.attr if isinstance(raised, ast.Attribute) else getattr(raised, "id", "")
            if name == "PermissionDenied":
                found.append(
                    (node.lineno, f"{path.relative_to(root)}:{node.lineno} raises PermissionDenied")
                )
    return [check for _, check in sorted(found)]


def test_views_and_api_handlers_write_no_permission_check_by_hand():
    found = [
        check
        for path in _interface_modules()
        for check in _hand_written_checks(path)
        if check.split(" ")[0] not in HAND_WRITTEN_CHECKS_ALLOWED
    ]
    assert found == []


def test_the_convention_check_sees_a_hand_written_check(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def page(request):\n"
        "    if not request.user.has_perm('x'):\n"
        "        raise PermissionDenied('no')\n"
        "    rules.test_rule('y', request.user)\n"
    )
    assert _hand_written_checks(module, root=tmp_path) == [
        "views.py:2 calls has_perm",
        "views.py:3 raises PermissionDenied",
        "views.py:4 calls test_rule",
    ]


def test_rules_predicates_are_declared_only_in_permissions_modules():
    outside = []
    for path in (ROOT / "src" / "citypeers").rglob("*.py"):
        if path.name != "permissions.py" and "@rules.predicate" in path.read_text():
            outside.append(str(path.relative_to(ROOT)))
    assert outside == []
