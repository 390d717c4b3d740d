"""``newsarchiver doctor``: is this set-up ready to archive? One check per part, each with a fix.

Heritrix checks its set-up before it crawls (it refuses to start without an operator contact);
this does the same for ours, and changes nothing a crawl would not: the sites file is parsed,
the spool created if missing and written to, a probe object written, read back and deleted in
the store, the database's schema revision read (never migrated), the broker connected to, and
the daemon's and workers' presence read from the database. Messages never hold secrets:
database URLs are masked, broker and storage URLs are shown without their credentials.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass
from hashlib import sha256
from pathlib import Path
from typing import Literal

from rich.filesize import decimal

from settings import AppConfig, ConfigError, ensure_directory
from spiders.siteconfig import SiteConfigError, load_sites
from storage.backends import StorageError, backend_from_url, redact_url
from storage.db import (
    SCHEMA_HEAD,
    Database,
    DatabaseError,
    MissingIndexError,
    known_revisions,
    mask_url,
)
from storage.runs import scheduler_lease
from storage.workers import PRESENCE_TIMEOUT, connected_workers

Outcome = Literal["ok", "warning", "error"]

#: Free space under this many WARC files of the largest size is a warning: a crawl spools its
#: WARC files before they are stored, and a full disk ends it.
SPOOL_SPACE_FILES = 2
#: Seconds to wait for the broker to answer.
BROKER_TIMEOUT = 5.0


@dataclass(frozen=True)
class Check:
    """One line of the report: what was checked, how it went, what was found, and the fix."""

    name: str
    outcome: Outcome
    found: str
    fix: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


def run_checks(environ: Mapping[str, str] | None = None) -> list[Check]:
    """Every check, in the order a crawl needs the parts; a check that cannot run (no usable
    configuration) ends the list."""
    env = os.environ if environ is None else environ
    try:
        config = AppConfig.from_env(env)
    except ConfigError as exc:
        return [Check("configuration", "error", str(exc), "correct that variable")]
    database, db = check_database(config)
    checks = [check_sites(config), check_spool(config), check_storage(config), database]
    if config.executor == "celery":
        checks += check_celery(env, db)
    checks.append(check_daemon(db))
    checks += check_identity(config)
    return checks


def check_sites(config: AppConfig) -> Check:
    try:
        sites = load_sites(config.sites)
    except SiteConfigError as exc:
        return Check("sites file", "error", str(exc), "correct the sites file (NEWSARCHIVER_SITES)")
    scheduled = sum(site.schedule is not None for site in sites.values())
    return Check("sites file", "ok", f"{config.sites}: {len(sites)} site(s), {scheduled} scheduled")


def check_spool(config: AppConfig) -> Check:
    """The spool takes a file (``os.access`` says yes to root even on a read-only one), and has
    room for the WARC files of a crawl."""
    fix = "make NEWSARCHIVER_SPOOL a writable directory on a local disk"
    try:
        ensure_directory(config.spool, "NEWSARCHIVER_SPOOL")
        with tempfile.NamedTemporaryFile(dir=config.spool, prefix=".doctor-"):
            pass
    except ConfigError as exc:
        return Check("spool", "error", str(exc), fix)
    except OSError as exc:
        return Check("spool", "error", f"cannot write in {config.spool}: {exc.strerror}", fix)
    free = shutil.disk_usage(config.spool).free
    found = f"{config.spool}: writable, {decimal(free)} free"
    needed = SPOOL_SPACE_FILES * config.warc_max_size
    if free < needed:
        return Check(
            "spool",
            "warning",
            found + f", less than {SPOOL_SPACE_FILES} WARC files of "
            f"{decimal(config.warc_max_size)} (NEWSARCHIVER_WARC_MAX_SIZE)",
            "free space there, or move NEWSARCHIVER_SPOOL to a larger disk",
        )
    return Check("spool", "ok", found)


def check_storage(config: AppConfig) -> Check:
    """Write, read back and delete a probe object, through the backend crawls store with.

    The probe's key holds a dot, which no site slug does, so it can never meet a WARC file.
    """
    fix = "check NEWSARCHIVER_STORAGE, the bucket or directory, and the credentials"
    body = f"newsarchiver doctor probe {secrets.token_hex(8)}\n".encode()
    key = f"doctor-probe.{secrets.token_hex(8)}"
    try:
        backend = backend_from_url(config.storage)
        backend.check()
        with tempfile.TemporaryDirectory(prefix="newsarchiver-doctor-") as directory:
            probe = Path(directory, key)
            probe.write_bytes(body)
            stored = backend.store(probe, key, sha256(body).hexdigest(), content_type="text/plain")
        try:
            if backend.read_range(stored.url, 0, len(body)) != body:
                raise StorageError(f"{stored.url} reads back other bytes than were written")
        finally:
            backend.delete(stored.url)
    except StorageError as exc:
        return Check("storage", "error", str(exc), fix)
    except OSError as exc:
        return Check("storage", "error", f"cannot write a probe file: {exc.strerror}", fix)
    return Check(
        "storage", "ok", f"{redact_url(backend.base_url)}: wrote, read and deleted a probe"
    )


def check_database(config: AppConfig) -> tuple[Check, Database | None]:
    """Reachable, and at this version's schema revision; the database, for the checks that
    read it, only when current (any session would migrate an older schema, and doctor only
    looks)."""
    where = mask_url(config.db)
    fix = "check NEWSARCHIVER_DB and the database server"
    try:
        db = Database(config.db, existing=True)
        revisions = db.schema_revisions()
    except MissingIndexError as exc:
        return Check("database", "warning", str(exc), "the first crawl creates it"), None
    except DatabaseError as exc:
        return Check("database", "error", str(exc), fix), None
    if revisions == {SCHEMA_HEAD}:
        return Check("database", "ok", f"{where}: schema at {SCHEMA_HEAD}, current"), db
    if not revisions:
        return Check("database", "warning", f"{where}: no schema yet", "a crawl creates it"), None
    at = ", ".join(sorted(revisions))
    if revisions - known_revisions():
        return Check(
            "database",
            "error",
            f"{where}: schema at {at}, newer than this newsarchiver ({SCHEMA_HEAD})",
            "upgrade newsarchiver here to the version that migrated the database",
        ), None
    return Check(
        "database",
        "warning",
        f"{where}: schema at {at}, this newsarchiver needs {SCHEMA_HEAD}",
        "back up the database; the next newsarchiver command applies the migrations",
    ), None


def check_celery(environ: Mapping[str, str], db: Database | None) -> list[Check]:
    """The broker answers, and workers have reported to the database recently."""
    from kombu import Connection
    from kombu.exceptions import OperationalError

    from scheduler.celeryapp import CelerySettings

    try:
        broker = CelerySettings.from_env(environ).broker
    except ConfigError as exc:
        return [Check("broker", "error", str(exc), "set NEWSARCHIVER_BROKER")]
    shown = redact_url(broker)
    connection = Connection(broker, connect_timeout=BROKER_TIMEOUT)
    errors = (OperationalError, OSError, *connection.connection_errors, *connection.channel_errors)
    try:
        connection.ensure_connection(max_retries=1, interval_start=0, timeout=BROKER_TIMEOUT)
    except errors as exc:
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [
            Check(
                "broker",
                "error",
                f"cannot reach {shown}: {_without_secret(text, broker)}",
                "start the broker, or correct NEWSARCHIVER_BROKER",
            )
        ]
    finally:
        connection.release()
    checks = [Check("broker", "ok", f"{shown}: reachable")]
    if db is not None:  # else the database line says why
        workers = connected_workers(db)
        if workers:
            names = ", ".join(worker.name for worker in workers)
            checks.append(Check("workers", "ok", f"{len(workers)} alive: {names}"))
        else:
            seconds = int(PRESENCE_TIMEOUT.total_seconds())
            checks.append(
                Check(
                    "workers",
                    "warning",
                    f"no worker reported in the last {seconds} s; queued runs wait",
                    "start one with `newsarchiver worker` on a machine that shares this set-up",
                )
            )
    return checks


def check_daemon(db: Database | None) -> Check:
    if db is None:
        return Check("daemon", "warning", "not checked: no current database to read it from", None)
    lease = scheduler_lease(db)
    if lease is None:
        return Check(
            "daemon",
            "warning",
            "no scheduler daemon is running: scheduled crawls do not start",
            "start one with `newsarchiver scheduler run`",
        )
    return Check("daemon", "ok", f"running: {lease.holder}")


def check_identity(config: AppConfig) -> Iterator[Check]:
    """Sites read the User-Agent and the WARC files' warcinfo to find who crawls them."""
    defaults: list[tuple[str, str, Callable[[AppConfig], str]]] = [
        ("contact", "NEWSARCHIVER_CONTACT", lambda c: c.contact),
        ("operator", "NEWSARCHIVER_OPERATOR", lambda c: c.operator),
    ]
    for field, variable, value in defaults:
        current = value(config)
        if current == AppConfig.model_fields[field].default:
            yield Check(
                field,
                "warning",
                f"{variable} is the default {current!r}: sites cannot tell who crawls them",
                f"set {variable} to your archive's "
                + ("web page or mailto: address" if field == "contact" else "name"),
            )
        else:
            yield Check(field, "ok", current)


def _without_secret(message: str, url: str) -> str:
    """``message`` with the URL's password, if any, masked (drivers may quote the URL)."""
    from urllib.parse import urlsplit

    try:
        password = urlsplit(url).password
    except ValueError:
        return message
    return message.replace(password, "***") if password else message
