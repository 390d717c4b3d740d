"""Logs of the daemon, the workers and their crawls must hold no traceback and no ERROR line.

End-to-end tests of long-running processes call :func:`assert_clean_logs` once the processes
are stopped: a bug the process survives (a catch-all that logs and goes on) fails the test
instead of scrolling by. A test that provokes an error on purpose names the lines it expects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

#: A line of a traceback, or a record logged at ERROR or CRITICAL (Python's format, Scrapy's).
_PROBLEM = re.compile(r"Traceback \(most recent call last\)|\b(ERROR|CRITICAL)\b")


def log_problems(paths: Iterable[Path], allowed: Iterable[str] = ()) -> list[str]:
    """Lines of the logs at ``paths`` (files, or directories of ``*.log``) that show a problem,
    except those containing one of the ``allowed`` fragments; each prefixed by its file."""
    expected = tuple(allowed)
    found = []
    for path in paths:
        files = sorted(path.rglob("*.log")) if path.is_dir() else [path]
        for file in files:
            if not file.is_file():
                continue
            for line in file.read_text(errors="replace").splitlines():
                if _PROBLEM.search(line) and not any(fragment in line for fragment in expected):
                    found.append(f"{file.name}: {line}")
    return found


def assert_clean_logs(paths: Iterable[Path], allowed: Iterable[str] = ()) -> None:
    problems = log_problems(paths, allowed)
    assert not problems, "\n".join(problems[:20])
