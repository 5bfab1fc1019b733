"""Backups an operator can restore: the database and the uploaded files in one archive.

`citypeers backup [FILE]` writes a .tar.gz holding `manifest.json` (what, when, row counts per
table), the database (`database.sqlite3` from SQLite's online backup, or `database.dump` from
`pg_dump -Fc`) and `media/` (uploads). `citypeers restore FILE` puts both back; on PostgreSQL it
runs `pg_restore --clean`. Nothing is read from the network.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.dump"


class BackupError(Exception):
    pass


def table_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(db: dict) -> dict[str, str]:
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _dump_database(alias: str, folder: Path) -> str:
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            connection.connection.backup(target)  # online: writers may go on meanwhile
        finally:
            target.close()
        return SQLITE_NAME
    if connection.vendor == "postgresql":
        out = folder / PG_NAME
        command = ["pg_dump", "-Fc", "--no-owner", "-f", str(out), *_pg_args(db), db["NAME"]]
        result = subprocess.run(command, env=_pg_env(db), capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return PG_NAME
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def create_backup(path: Path, *, alias: str = "default") -> dict:
    """Write the archive to `path`; returns its manifest."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        database = _dump_database(alias, folder)
        manifest = {
            "format": 1,
            "created_at": datetime.now(UTC).isoformat(),
            "vendor": connections[alias].vendor,
            "database": database,
            "tables": table_counts(alias),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(path, "w:gz") as archive:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(folder / database, arcname=database)
            if media.exists():
                archive.add(media, arcname="media")
    return manifest


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile("manifest.json")
            if member is None:
                raise BackupError(f"{path} is not a CityPeers backup (no manifest).")
            return json.loads(member.read())
    except (tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not a CityPeers backup ({error}).") from error


def restore_backup(path: Path, *, alias: str = "default") -> dict:
    """Put the database and uploads of the archive back. The target database is replaced."""
    manifest = read_manifest(path)
    connection = connections[alias]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This backup is of a {manifest['vendor']} database; the site uses "
            f"{connection.vendor}. Restore it into the same kind of database."
        )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(folder, filter="data")
        _restore_database(alias, folder / manifest["database"])
        media = Path(settings.MEDIA_ROOT)
        if (folder / "media").exists():
            shutil.copytree(folder / "media", media, dirs_exist_ok=True)
    return manifest


def _restore_database(alias: str, dump: Path) -> None:
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    command = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "-d",
        db["NAME"],
        *_pg_args(db),
        str(dump),
    ]
    connection.close()
    result = subprocess.run(command, env=_pg_env(db), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
