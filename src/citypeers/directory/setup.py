"""`citypeers setup_site` step for the directory: load the shipped GeoNames directory once."""

import time

from citypeers.directory.services.loading import load_shipped_directory


def setup_site(stdout) -> None:
    started = time.monotonic()
    added = load_shipped_directory()
    if added:
        stdout.write(
            f"  directory: loaded {added:,} places and counties (GeoNames, CC BY 4.0) "
            f"in {time.monotonic() - started:.1f}s"
        )
    else:
        stdout.write("  directory: already loaded")
