"""`citypeers setup_site` step for the directory: the shipped Census directory and indicators.

Runs every time: an empty database is filled, an older directory (GeoNames places) is upgraded
in place, an up-to-date one is left as it is (a few seconds of reading and comparing).
"""

from citypeers.directory.services.loading import load_shipped_directory


def setup_site(stdout) -> None:
    report = load_shipped_directory(stdout=stdout)
    for line in report.lines():
        stdout.write(f"  {line}")
    stdout.write(f"  directory: done in {report.seconds:.1f}s")
