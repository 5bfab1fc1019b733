"""Write the API's OpenAPI document to tests/api/openapi.json (`make openapi-snapshot`)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402 - settings must be chosen first

django.setup()

from tests.api.test_openapi_snapshot import SNAPSHOT, current_document  # noqa: E402 - after setup()

SNAPSHOT.write_text(current_document())
print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
