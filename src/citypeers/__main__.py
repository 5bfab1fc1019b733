"""`citypeers …` and `python -m citypeers …` run Django management commands.

`citypeers import census-places FILE` is sugar for `manage.py import_census_places FILE`:
a first word that names a command group (import, frameworks, …) is joined to the next
with an underscore, and dashes become underscores.
"""

import os
import sys

COMMAND_GROUPS = {"import", "frameworks", "export", "demo"}


def translate_argv(argv: list[str]) -> list[str]:
    """Turn `citypeers import census-places F` into `import_census_places F`."""
    if not argv:
        return argv
    head, *rest = argv
    if head in COMMAND_GROUPS and rest and not rest[0].startswith("-"):
        head = f"{head}_{rest.pop(0)}"
    return [head.replace("-", "_"), *rest]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citypeers.settings")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 - settings must be chosen first

    execute_from_command_line([sys.argv[0], *translate_argv(sys.argv[1:])])


if __name__ == "__main__":
    main()
