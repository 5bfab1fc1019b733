"""Framework definitions shipped with CityPeers, one YAML file per framework version."""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
DEFAULT_FRAMEWORK = "city-data-practices"


def shipped_framework_paths() -> list[Path]:
    return sorted(DIRECTORY.glob("*.yaml"))
