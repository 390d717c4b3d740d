"""``newsarchiver doctor`` through the real CLI: a healthy set-up, and each part broken.

Storage is real (a directory, and SeaweedFS for s3://), the index a real SQLite file migrated
by Alembic, the broker a closed port. Tests run as root, where permission bits do not bind: an
unwritable spool is a directory made immutable (``chattr +i``) or a path under a file.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from kombu import Connection
from sqlalchemy import text

from storage.db import SCHEMA_HEAD, Database, alembic_config
from storage.workers import beat_worker
from tests.crawlhelpers import Archive, make_archive, run_cli
from tests.s3server import SeaweedFS, free_ports
from tests.services import skip_or_fail

IDENTITY = {
    "NEWSARCHIVER_CONTACT": "mailto:archive@library.example",
    "NEWSARCHIVER_OPERATOR": "Example Library web archive",
}


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """A sites file and a current index; storage and spool are created by doctor's probes."""
    made = make_archive(tmp_path / "archive", {"news": {"start_urls": ["https://news.example/"]}})
    Database(f"sqlite:///{made.db_path}").migrate()
    return made


def doctor(archive: Archive, **env: str) -> tuple[int, dict[str, dict[str, Any]]]:
    """Exit code, and the checks by name (from --json)."""
    as_json = run_cli(["doctor", "--json"], archive.env(**IDENTITY) | env)
    return as_json.returncode, {check["name"]: check for check in json.loads(as_json.stdout)}


def doctor_text(archive: Archive, **env: str) -> tuple[int, dict[str, dict[str, Any]], str]:
    """Exit code, the checks by name (from --json), and the text report."""
    code, checks = doctor(archive, **env)
    report = run_cli(["doctor"], archive.env(**IDENTITY) | env)
    assert code == report.returncode, report.stderr
    return code, checks, report.stdout


def outcomes(checks: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {name: check["outcome"] for name, check in checks.items()}


def test_a_healthy_setup_passes_with_one_line_per_check(archive: Archive) -> None:
    code, checks, report = doctor_text(archive)
    assert code == 0, report
    assert outcomes(checks) == {
        "sites file": "ok",
        "spool": "ok",
        "storage": "ok",
        "database": "ok",
        "daemon": "warning",  # none runs in this test
        "contact": "ok",
        "operator": "ok",
    }
    assert f"schema at {SCHEMA_HEAD}, current" in checks["database"]["found"]
    lines = report.splitlines()
    assert len(lines) == len(checks)
    assert lines[0].startswith("ok") and "sites file" in lines[0]
    daemon = next(line for line in lines if "daemon" in line)
    assert daemon.startswith("warning") and "newsarchiver scheduler run" in daemon
    # The probe is gone: the store holds nothing but the empty root.
    assert not [path for path in archive.storage.rglob("*") if path.is_file()]


def test_default_identity_and_a_broken_sites_file(archive: Archive) -> None:
    archive.sites.write_text('[sites.news]\nstart_urls = "not a list"\n', encoding="utf-8")
    environ = archive.env(NEWSARCHIVER_CONTACT="", NEWSARCHIVER_OPERATOR="")
    result = run_cli(["doctor", "--json"], environ)
    assert result.returncode == 1
    checks = {check["name"]: check for check in json.loads(result.stdout)}
    assert checks["sites file"]["outcome"] == "error"
    assert "start_urls" in checks["sites file"]["found"]
    assert checks["contact"]["outcome"] == checks["operator"]["outcome"] == "warning"
    assert "NEWSARCHIVER_CONTACT" in checks["contact"]["fix"]


def test_s3_storage_probe_and_a_missing_bucket(archive: Archive, seaweedfs: SeaweedFS) -> None:
    bucket = seaweedfs.create_bucket()
    code, checks = doctor(
        archive, NEWSARCHIVER_STORAGE=f"s3://{bucket}/archive", **seaweedfs.environ()
    )
    assert code == 0, checks
    assert checks["storage"]["outcome"] == "ok"
    assert seaweedfs.client().list_objects_v2(Bucket=bucket).get("KeyCount") == 0

    code, checks, report = doctor_text(
        archive,
        NEWSARCHIVER_STORAGE="s3://no-such-bucket/archive",
        **seaweedfs.environ(),
    )
    assert code == 1
    assert checks["storage"] == {
        "name": "storage",
        "outcome": "error",
        "found": "bucket 'no-such-bucket' does not exist",
        "fix": "check NEWSARCHIVER_STORAGE, the bucket or directory, and the credentials",
    }
    assert seaweedfs.secret_key not in report
    assert [line for line in report.splitlines() if line.startswith("error")] == [
        "error   storage     bucket 'no-such-bucket' does not exist; fix: check "
        "NEWSARCHIVER_STORAGE, the bucket or directory, and the credentials"
    ]


@contextlib.contextmanager
def immutable(directory: Path) -> Iterator[None]:
    """``directory`` made immutable, which binds root too; skipped where chattr cannot."""
    directory.mkdir(parents=True)
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(directory)], check=False).returncode:
        skip_or_fail("chattr +i is not available on this file system")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(directory)], check=True)


def test_an_unwritable_spool_is_an_error(archive: Archive) -> None:
    blocker = archive.root / "a-file"
    blocker.write_text("not a directory")
    code, checks = doctor(archive, NEWSARCHIVER_SPOOL=str(blocker / "spool"))
    assert code == 1
    assert checks["spool"]["outcome"] == "error"
    assert str(blocker / "spool") in checks["spool"]["found"]

    read_only = archive.root / "read-only-spool"
    with immutable(read_only):
        code, checks = doctor(archive, NEWSARCHIVER_SPOOL=str(read_only))
    assert code == 1
    assert checks["spool"]["outcome"] == "error"
    assert f"directory {read_only} is not writable" in checks["spool"]["found"]


def test_an_old_schema_is_reported_and_left_as_it_is(db_url: str, archive: Archive) -> None:
    url = db_url  # SQLite, and PostgreSQL
    with Database(url).engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0005")
    code, checks = doctor(archive, NEWSARCHIVER_DB=url)
    assert code == 0
    assert checks["database"]["outcome"] == "warning"
    assert f"schema at 0005, this newsarchiver needs {SCHEMA_HEAD}" in checks["database"]["found"]
    assert Database(url).schema_revisions() == {"0005"}  # doctor only looks

    with Database(url).engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    code, checks = doctor(archive, NEWSARCHIVER_DB=url)
    assert code == 1
    assert "newer than this newsarchiver" in checks["database"]["found"]


def test_a_broker_that_does_not_answer_is_an_error(archive: Archive) -> None:
    (port,) = free_ports(1)
    code, checks, report = doctor_text(
        archive,
        NEWSARCHIVER_EXECUTOR="celery",
        NEWSARCHIVER_BROKER=f"redis://:hunter2secret@127.0.0.1:{port}/0",
    )
    assert code == 1
    assert checks["broker"]["outcome"] == "error"
    assert checks["broker"]["found"].startswith(f"cannot reach redis://127.0.0.1:{port}/0: ")
    assert "hunter2secret" not in report
    assert "workers" not in checks  # nothing to say about them without a broker


def test_a_live_broker_and_the_workers_it_serves(archive: Archive) -> None:
    broker = "amqp://guest:guest@127.0.0.1:5672//"
    try:
        with Connection(broker, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1)
    except OSError as exc:
        skip_or_fail(f"no RabbitMQ at 127.0.0.1:5672: {exc}")
    env = {"NEWSARCHIVER_EXECUTOR": "celery", "NEWSARCHIVER_BROKER": broker}
    code, checks, report = doctor_text(archive, **env)
    assert code == 0, report
    assert checks["broker"]["found"] == "amqp://127.0.0.1:5672//: reachable"
    assert checks["workers"]["outcome"] == "warning"
    assert "`newsarchiver worker`" in checks["workers"]["fix"]
    assert ":guest@" not in report

    beat_worker(Database(f"sqlite:///{archive.db_path}"), "crawler-1", "host-a", 4242, 2)
    code, checks = doctor(archive, **env)
    workers = checks["workers"]
    assert (workers["outcome"], workers["found"]) == ("ok", "1 alive: crawler-1")


def test_an_unreachable_database_is_an_error_without_its_password(archive: Archive) -> None:
    (port,) = free_ports(1)
    code, checks, report = doctor_text(
        archive,
        NEWSARCHIVER_DB=f"postgresql://archivist:pgsecret42@127.0.0.1:{port}/archive",
    )
    assert code == 1
    assert checks["database"]["outcome"] == "error"
    assert "archivist:***@127.0.0.1" in checks["database"]["found"]
    assert "pgsecret42" not in report
    assert checks["daemon"]["found"] == "not checked: no current database to read it from"
