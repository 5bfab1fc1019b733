"""`citypeers …` and `python -m citypeers …` run Django management commands.

`citypeers import census-places FILE` is sugar for `manage.py import_census_places FILE`:
a first word that names a command group (import, frameworks, …) is joined to the next
with an underscore, and dashes become underscores.

`citypeers`, `citypeers --help` and `citypeers help` list the groups and commands;
`citypeers import --help` (or `citypeers help import`) lists a group's commands with a line
each. The top-level list needs only Django's app registry, none of the heavy libraries, so it
answers at once; without usable settings (no secret key outside debug) it still lists
CityPeers's own commands and Django's core ones.
"""

import os
import sys
from pathlib import Path

import citypeers

COMMAND_GROUPS = {"import", "frameworks", "export", "demo"}
HELP_WORDS = {"help", "-h", "--help"}
PROG = "citypeers"


def translate_argv(argv: list[str]) -> list[str]:
    """Turn `citypeers import census-places F` into `import_census_places F`."""
    if not argv:
        return argv
    head, *rest = argv
    if head in COMMAND_GROUPS and rest and not rest[0].startswith("-"):
        head = f"{head}_{rest.pop(0)}"
    if head.startswith("-"):  # an option such as --version goes to Django untouched
        return [head, *rest]
    return [head.replace("-", "_"), *rest]


def help_topic(argv: list[str]) -> str | None:
    """What `argv` asks help for: "" for the command list, a group's name for that group, or
    None when it is not a help request that this module answers (Django answers the rest)."""
    if not argv or (argv[0] in HELP_WORDS and len(argv) == 1):
        return ""
    head, *rest = argv
    if head in HELP_WORDS and rest[0] in COMMAND_GROUPS and len(rest) == 1:
        return rest[0]
    if head in COMMAND_GROUPS and (not rest or rest[0] in HELP_WORDS):
        return head
    return None


def _command_apps() -> tuple[dict[str, str], str]:
    """Every management command → the app that provides it, and a note when the list is partial.

    With settings that load, this is Django's own registry. Without them (production settings
    and no secret key) only CityPeers's commands and Django's core ones can be found, from the
    files themselves.
    """
    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415 - settings must be chosen first
    from django.core.management import find_commands, get_commands  # noqa: PLC0415 - settings must be chosen first

    try:
        import django  # noqa: PLC0415 - settings must be chosen first
        from django.apps import apps  # noqa: PLC0415 - settings must be chosen first

        if not apps.ready:  # already set up when called from a test or a shell
            django.setup()
        return dict(get_commands()), ""
    except (ImproperlyConfigured, RuntimeError) as exc:
        commands = dict(get_commands())
        for app_dir in sorted(Path(citypeers.__file__).parent.iterdir()):
            for name in find_commands(str(app_dir / "management")):
                commands[name] = f"citypeers.{app_dir.name}"
        return commands, f"Settings did not load ({exc}); listing CityPeers's and core commands."


def _dashed(name: str) -> str:
    return name.replace("_", "-")


def _group_members(commands: dict[str, str], group: str) -> list[str]:
    prefix = f"{group}_"
    return sorted(
        name
        for name, app in commands.items()
        if name.startswith(prefix) and app.startswith("citypeers.")
    )


def _wrapped(words: list[str], first: str, width: int = 80) -> list[str]:
    """`words` joined by commas in lines of at most `width`, the first starting with `first`
    and the others indented as deep."""
    lines, line = [], first
    for word in words:
        if line.strip() and len(line) + len(word) + 2 > width:
            lines.append(line.rstrip(", "))
            line = " " * len(first)
        line += f"{word}, "
    if line.strip():
        lines.append(line.rstrip(", "))
    return lines


def command_list() -> str:
    commands, note = _command_apps()
    groups = {g: _group_members(commands, g) for g in sorted(COMMAND_GROUPS)}
    grouped = {name for members in groups.values() for name in members}
    ours = sorted(
        name
        for name, app in commands.items()
        if app.startswith("citypeers.") and name not in grouped
    )
    others: dict[str, list[str]] = {}
    for name, app in commands.items():
        if not app.startswith("citypeers."):
            others.setdefault(app.rpartition(".")[2], []).append(name)
    lines = [
        f"Usage: {PROG} <command> [options]",
        f"       {PROG} <group> <command> [options]",
        "",
        f"`{PROG} <command> --help` shows a command's options,",
        f"`{PROG} <group> --help` lists a group's commands.",
        "",
        "Command groups:",
    ]
    width = max(len(g) for g in groups)
    for group, members in groups.items():
        if members:
            names = ", ".join(_dashed(m.removeprefix(f"{group}_")) for m in members)
            lines.append(f"  {group:<{width}}  {names}")
    lines += ["", "CityPeers commands:", *_wrapped([_dashed(n) for n in ours], "  ")]
    lines += ["", "Django and library commands:"]
    for label in sorted(others):
        lines += _wrapped(sorted(others[label]), f"  [{label}] ")
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


def group_help(group: str) -> str:
    from django.core.management import load_command_class  # noqa: PLC0415 - settings must be chosen first

    commands, note = _command_apps()
    members = _group_members(commands, group)
    lines = [f"Usage: {PROG} {group} <command> [options]", ""]
    if not members:
        lines.append(f"The {group} group has no commands yet.")
    else:
        lines.append("Commands:")
        width = max(len(_dashed(m.removeprefix(f"{group}_"))) for m in members)
        for name in members:
            summary = load_command_class(commands[name], name).help.strip().splitlines()[0]
            lines.append(f"  {_dashed(name.removeprefix(f'{group}_')):<{width}}  {summary}")
        lines += ["", f"`{PROG} {group} <command> --help` shows a command's options."]
    if note:
        lines += ["", note]
    return "\n".join(lines) + "\n"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypeers.settings")
    argv = sys.argv[1:]
    topic = help_topic(argv)
    if topic is not None:
        sys.stdout.write(group_help(topic) if topic else command_list())
        return
    if argv[0] == "help" and len(argv) > 1:  # `citypeers help import census-places`
        argv = ["help", *translate_argv(argv[1:])]
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - settings must be chosen first

    execute_from_command_line([PROG, *translate_argv(argv)])


if __name__ == "__main__":
    main()
