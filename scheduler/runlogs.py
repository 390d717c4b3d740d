"""Retention of per-run log files: the daemon, and each Celery worker on its own machine,
delete those older than ``NEWSARCHIVER_LOG_RETENTION``, never the log of a queued or running run.

A log's age is the time since it was last written, so a long run's log is as young as its
last line. Only ``*.log`` files directly in ``NEWSARCHIVER_LOGS`` are run logs; anything else
there is left alone.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from settings import AppConfig
from storage.db import Database
from storage.runs import active_log_paths

logger = logging.getLogger(__name__)

#: How often the daemon and each worker look for old run logs.
LOG_PRUNE_SECONDS = 600.0


def apply_log_retention(config: AppConfig, db: Database) -> list[Path]:
    """Delete the run logs ``config.log_retention`` says are old, and log how many."""
    retention = config.log_retention
    if retention is None or not config.logs.is_dir():
        return []
    deleted = prune_run_logs(config.logs, retention, active_log_paths(db))
    if deleted:
        logger.info(
            "deleted %s run log(s) in %s not written for %s (NEWSARCHIVER_LOG_RETENTION)",
            len(deleted),
            config.logs,
            retention,
        )
    return deleted


def prune_run_logs(directory: Path, retention: timedelta, keep: Iterable[Path]) -> list[Path]:
    """Delete the run logs in ``directory`` older than ``retention`` but those in ``keep``;
    return the deleted paths."""
    kept = {path.resolve() for path in keep}
    cutoff = time.time() - retention.total_seconds()
    deleted = []
    for path in sorted(directory.glob("*.log")):
        try:
            if path.resolve() in kept or not path.is_file() or path.stat().st_mtime >= cutoff:
                continue
            path.unlink()
        except FileNotFoundError:  # deleted meanwhile
            continue
        except OSError as exc:  # not ours to delete (permissions): say so, keep going
            logger.warning("cannot delete the old run log %s: %s", path, exc.strerror or exc)
            continue
        deleted.append(path)
    return deleted
