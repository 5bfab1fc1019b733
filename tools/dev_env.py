"""Write a development `.env` from `.env.example` when there is none (`make setup` runs this).

    python tools/dev_env.py [--path .env]

The file gets a random secret key, debug on and an absolute data folder, so every `citypeers`
command works in a fresh shell, from any directory, without exporting anything. Variables left
empty in the example are written commented out (an empty value is not the same as unset).
An existing file is never touched.
"""

import argparse
import re
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")


def development_env(example: str, *, secret_key: str, data_dir: Path) -> str:
    """The text of a development .env made from the text of .env.example."""
    fixed = {
        "CITYPEERS_DEBUG": "1",
        "CITYPEERS_SECRET_KEY": secret_key,
        "CITYPEERS_DATA_DIR": str(data_dir),
    }
    lines = ["# Development settings from `make setup` (tools/dev_env.py); not for production."]
    for line in example.splitlines():
        match = ASSIGNMENT.match(line)
        if match is None:
            lines.append(line)
        elif match["name"] in fixed:
            lines.append(f"{match['name']}={fixed[match['name']]}")
        elif match["value"] == "":
            lines.append(f"# {line}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=ROOT / ".env")
    args = parser.parse_args(argv)
    if args.path.exists():
        print(f"{args.path} exists: left as it is.")
        return 0
    text = development_env(
        (ROOT / ".env.example").read_text(encoding="utf-8"),
        secret_key=secrets.token_urlsafe(50),
        data_dir=(ROOT / "var").resolve(),
    )
    args.path.write_text(text, encoding="utf-8")
    args.path.chmod(0o600)
    print(f"Wrote {args.path} (debug on, a new secret key).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
