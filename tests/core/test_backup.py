"""A backup restores into an empty database with every table as it was, uploads included."""

import sqlite3
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from citypeers.core.backup import SQLITE_NAME, create_backup, read_manifest
from tests.factories.directory import JurisdictionFactory
from tests.factories.knowledge import SolutionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _rows(cursor, table: str) -> list[tuple]:
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
    return [tuple(row) for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite path; PostgreSQL below")
def test_sqlite_backup_restores_into_an_empty_database_with_every_table_equal(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "solutions").mkdir(parents=True)
    (settings.MEDIA_ROOT / "solutions" / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    SolutionFactory(owner=JurisdictionFactory(name="Backupville"))
    archive = tmp_path / "backup.tar.gz"

    manifest = create_backup(archive)

    restored = tmp_path / "restored"
    with tarfile.open(archive) as tar:
        tar.extractall(restored, filter="data")
    # Django registers its type converters with sqlite3 globally: read both sides alike.
    empty = sqlite3.connect(
        restored / SQLITE_NAME, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    )
    live = connection.cursor()
    try:
        differing = [
            table
            for table in manifest["tables"]
            if _rows(empty.cursor(), table) != _rows(live, table)
        ]
    finally:
        empty.close()
    assert differing == []
    assert manifest["tables"]["directory_jurisdiction"] >= 1
    assert (restored / "media" / "solutions" / "plan.pdf").read_bytes() == b"%PDF-1.4 plan"


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not a tar file")
    with pytest.raises(CommandError, match="Not a readable CityPeers backup"):
        call_command("restore", str(junk), "--yes")


def test_backup_then_restore_round_trips_the_site(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    city = JurisdictionFactory(name="Roundtrip")
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    city.delete()

    call_command("restore", str(archive), "--yes")

    from citypeers.directory.models import Jurisdiction

    assert Jurisdiction.objects.filter(name="Roundtrip").count() == 1
    assert read_manifest(archive)["vendor"] == connection.vendor
