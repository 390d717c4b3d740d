"""Retention of per-run log files: the daemon deletes those older than
``NEWSARCHIVER_LOG_RETENTION``, never the log of a run that is queued or running.

A log's age is the time since it was last written, so a long run's log is as young as its
last line. Only ``*.log`` files directly in ``NEWSARCHIVER_LOGS`` are run logs; anything else
there is left alone.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path


def prune_run_logs(directory: Path, retention: timedelta, keep: Iterable[Path]) -> list[Path]:
    """Delete the run logs in ``directory`` older than ``retention`` but those in ``keep``;
    return the deleted paths."""
    kept = {path.resolve() for path in keep}
    cutoff = time.time() - retention.total_seconds()
    deleted = []
    for path in sorted(directory.glob("*.log")):
        with contextlib.suppress(FileNotFoundError):  # deleted meanwhile (another daemon)
            if path.resolve() in kept or not path.is_file() or path.stat().st_mtime >= cutoff:
                continue
            path.unlink()
            deleted.append(path)
    return deleted
