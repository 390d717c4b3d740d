"""The operator commands with no daemon running, and the daemon's settings.

Commands run as real processes through the ``newsarchiver`` entry point's ``main()``, so exit
codes and the one-line errors are what a shell sees. The daemon tests cover the same commands
with a daemon answering.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from scheduler.daemon import DaemonSettings
from settings import ConfigError
from spiders.siteconfig import Site
from storage.models import RequestKind, RunStatus
from storage.runs import get_run, pending_requests
from tests.test_scheduler_daemon import Archive, site_table

URL = "http://news.invalid"


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    made = Archive.create(tmp_path, URL)
    made.write_sites(site_table("news", URL, schedule="*/30 * * * *"), site_table("other", URL))
    made.db.migrate()  # an archive that has an index, and no daemon
    yield made
    made.cleanup()


def test_trigger_without_a_daemon_queues_and_says_so(archive: Archive) -> None:
    done = archive.cli("jobs", "trigger", "news")
    assert done.stdout == "queued run 1 of news\n"
    assert done.stderr == (
        "note: no scheduler daemon is running (start one with `newsarchiver scheduler run`); "
        "the run waits for it\n"
    )
    assert get_run(archive.db, 1).status is RunStatus.QUEUED
    assert [(r.kind, r.run_id) for r in pending_requests(archive.db)] == [(RequestKind.TRIGGER, 1)]

    answer = archive.cli_json("jobs", "trigger", "other")
    assert answer == {
        "id": 2,
        "site": "other",
        "status": "queued",
        "already_queued": False,
        "daemon_running": False,
    }
    [queued, _] = archive.cli_json("jobs", "list", "--status", "queued")
    assert (queued["id"], queued["trigger"], queued["started_at"]) == (2, "manual", None)


def test_trigger_of_a_site_with_a_queued_run_queues_nothing(archive: Archive) -> None:
    archive.cli("jobs", "trigger", "news")
    again = archive.cli("jobs", "trigger", "news")
    assert again.stdout == "run 1 of news is already queued; queued nothing\n"
    answer = archive.cli_json("jobs", "trigger", "news")
    assert (answer["id"], answer["already_queued"]) == (1, True)
    assert [run["id"] for run in archive.cli_json("jobs", "list")] == [1]
    assert [r.run_id for r in pending_requests(archive.db)] == [1]


def test_cancelling_a_queued_run_is_not_an_error(archive: Archive) -> None:
    archive.cli("jobs", "trigger", "news")
    done = archive.cli("jobs", "cancel", "1")
    assert (done.stdout, done.stderr) == ("run 1 cancelled before it started\n", "")
    shown = archive.cli_json("jobs", "show", "1")
    assert (shown["status"], shown["error"]) == ("cancelled", None)
    assert "  error " not in archive.cli("jobs", "show", "1").stdout
    # The site is free again: a new trigger queues a new run.
    assert archive.cli_json("jobs", "trigger", "news")["id"] == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("jobs", "trigger", "nope"), 2, "error: unknown site 'nope' (known sites: news, other)"),
        (("schedule", "pause", "nope"), 2, "error: unknown site 'nope' (known sites: news, other)"),
        (("jobs", "show", "42"), 1, "error: unknown run id 42"),
        (("jobs", "cancel", "42"), 1, "error: unknown run id 42"),
        (
            ("jobs", "list", "--status", "done"),
            2,
            "error: invalid --status 'done': use one of queued, running, succeeded, failed, "
            "cancelled",
        ),
    ],
)
def test_bad_input_is_one_line(
    archive: Archive, args: tuple[str, ...], code: int, message: str
) -> None:
    done = archive.cli(*args, code=code)
    assert done.stderr == message + "\n"


def test_schedule_list_pause_and_resume_without_a_daemon(archive: Archive) -> None:
    rows = archive.cli_json("schedule", "list")
    assert [(r["site"], r["cron"], r["paused"], r["timezone"], r["error"]) for r in rows] == [
        ("news", "*/30 * * * *", False, "UTC", None),
        ("other", None, False, "UTC", None),
    ]
    upcoming = datetime.fromisoformat(rows[0]["next_run"])
    # The test archive's seconds field is "*/2": an even second of minute 0 or 30 (any even
    # second when the command runs within one of those minutes).
    assert upcoming.minute in (0, 30) and upcoming.second % 2 == 0
    assert upcoming.utcoffset() == timedelta(0)
    assert rows[1]["next_run"] is None

    assert archive.cli_json("schedule", "pause", "news") == {
        "site": "news", "paused": True, "cron": "*/30 * * * *", "daemon_running": False
    }  # fmt: skip
    assert [r["paused"] for r in archive.cli_json("schedule", "list")] == [True, False]
    assert archive.cli("schedule", "resume", "news").stdout == "schedule of news resumed\n"
    assert [r.kind for r in pending_requests(archive.db)] == [RequestKind.PAUSE, RequestKind.RESUME]


def test_schedule_list_of_a_broken_sites_file_never_seen_good(archive: Archive) -> None:
    archive.write_sites('[sites.news]\nstart_urls = ["http://news.invalid/"]\nschedule = "* *"\n')
    done = archive.cli("schedule", "list", code=2)
    assert done.stderr.startswith("error: ")
    assert "sites.news.schedule: invalid cron '* *': expected 5 fields" in done.stderr
    assert done.stderr.count("\n") == 1


def test_status_without_a_daemon(archive: Archive) -> None:
    (archive.root / "spool").mkdir()
    (archive.root / "spool" / "news-1.warc.gz").write_bytes(b"x" * 10)
    status = archive.cli_json("status")
    assert status == {
        "daemon": {"running": False, "holder": None, "lease_until": None},
        "workers": [],
        "running": [],
        "queued": 0,
        "spool": {
            "path": str(archive.root / "spool"),
            "open_files": 0,
            "closed_files": 1,
            "bytes": 10,
        },
        "site_health": {},
    }
    assert "scheduler daemon: not running" in archive.cli("status").stdout


def test_daemon_refuses_bad_settings_in_one_line(archive: Archive) -> None:
    archive.env["NEWSARCHIVER_MAX_RUNS"] = "0"
    done = archive.cli("scheduler", "run", code=2)
    assert done.stderr == "error: NEWSARCHIVER_MAX_RUNS: must be at least 1 (got '0')\n"


@pytest.mark.parametrize(
    ("environ", "field", "value"),
    [
        ({}, "run_timeout", timedelta(hours=6)),
        ({"NEWSARCHIVER_RUN_TIMEOUT": "90"}, "run_timeout", timedelta(seconds=90)),
        ({"NEWSARCHIVER_RUN_TIMEOUT": "1h30m"}, "run_timeout", timedelta(minutes=90)),
        ({"NEWSARCHIVER_STOP_GRACE": "2.5"}, "stop_grace", timedelta(seconds=2.5)),
        ({"NEWSARCHIVER_MAX_RUNS": "4"}, "max_runs", 4),
        ({"NEWSARCHIVER_SCHEDULE_JITTER": "30"}, "schedule_jitter", 30),
        ({"NEWSARCHIVER_SCHEDULE_SECOND": "*/5"}, "schedule_second", "*/5"),
    ],
)
def test_daemon_settings_from_environment(
    environ: dict[str, str], field: str, value: object
) -> None:
    assert getattr(DaemonSettings.from_env(environ), field) == value


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"NEWSARCHIVER_RUN_TIMEOUT": "soon"}, "NEWSARCHIVER_RUN_TIMEOUT: invalid duration 'soon'"),
        ({"NEWSARCHIVER_RUN_TIMEOUT": "0"}, "NEWSARCHIVER_RUN_TIMEOUT: must be longer than zero"),
        ({"NEWSARCHIVER_SCHEDULE_JITTER": "-1"}, "NEWSARCHIVER_SCHEDULE_JITTER: "),
        ({"NEWSARCHIVER_SCHEDULE_SECOND": "75"}, "NEWSARCHIVER_SCHEDULE_SECOND: invalid cron"),
    ],
)
def test_daemon_settings_errors_name_the_variable(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=f"^{message}"):
        DaemonSettings.from_env(environ)


def test_one_duration_syntax_for_the_sites_file_and_every_variable() -> None:
    from scheduler.celeryapp import CelerySettings

    def site(recapture_after: str) -> Site:
        return Site(slug="s", start_urls=["http://a.example/"], recapture_after=recapture_after)

    daemon = DaemonSettings.from_env({"NEWSARCHIVER_RUN_TIMEOUT": "1h30m"})
    assert site("1h30m").recapture_interval == daemon.run_timeout == timedelta(minutes=90)
    assert site("90").recapture_interval == timedelta(seconds=90)
    celery = CelerySettings.from_env(
        {"NEWSARCHIVER_BROKER": "redis://127.0.0.1:6379", "NEWSARCHIVER_STALE_AFTER": "1m"}
    )
    assert celery.stale_after == 60.0
