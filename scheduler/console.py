"""Terminal output and one-line errors shared by the CLI modules.

Kept apart from ``scheduler.cli`` so sub-command modules can import it without importing the
application that registers them.

Text a crawl captured (titles, authors, URLs, page bodies, error messages that quote them) is
written by whoever runs the site, so it reaches a terminal only through :func:`captured` or
:func:`escape_controls`: control characters are shown as escapes, and Rich markup is never
read from it. An escape sequence in a headline could otherwise retitle the window, clear the
screen or draw a fake prompt, and ``[fc00::1]`` in a URL would vanish as a markup tag. Rich's
own ``escape`` handles markup only, and its control-code stripping leaves ESC through.
``--json`` output is data, and stays exact.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, NoReturn

from rich.console import Console
from rich.text import Text

from settings import AppConfig, ConfigError
from spiders.siteconfig import Site, SiteConfigError, get_site, load_sites
from storage.db import Database, DatabaseError

out = Console()
# Errors are one line however long (paths, URLs): never wrap them at the terminal's width.
err = Console(stderr=True, soft_wrap=True)

EXIT_FAILED = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


#: C0 controls but newline and tab, DEL and the C1 controls (U+009B is a CSI on its own).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The same, newline and tab included: a title must not fake lines of output.
_CONTROLS_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f]")


def escape_controls(text: str, *, multiline: bool = False) -> str:
    """``text`` with each control character written as ``\\xNN``; newlines and tabs are kept
    only when ``multiline`` (an article's text), and escaped in one-line values."""
    pattern = _CONTROLS if multiline else _CONTROLS_AND_BREAKS
    return pattern.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def captured(value: object, style: str = "", *, multiline: bool = False) -> Text:
    """A captured value ready to print: controls escaped, never read as markup."""
    return Text(escape_controls(str(value), multiline=multiline), style=style)


def note(message: str) -> None:
    """A remark on stderr, on one line (stdout stays the result, for scripts); what a site
    wrote in it (a URL, an error) is escaped like any captured text."""
    err.print(escape_controls(message), highlight=False, markup=False, soft_wrap=True)


def error_exit_code(exc: BaseException) -> int | None:
    """The exit code of an error a user can fix (said in one line), None for a bug.

    The CLI exits with it; a crawl host reports it for a run it could not start, as the
    crawl's process would have.
    """
    from storage.backends import StorageError
    from storage.runs import RunConflictError

    if isinstance(exc, CommandError):
        return exc.code
    if isinstance(exc, ConfigError | SiteConfigError | StorageError | DatabaseError):
        return EXIT_USAGE
    if isinstance(exc, RunConflictError):
        return EXIT_FAILED
    return None


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    raise CommandError(message, code)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, default=str, ensure_ascii=False) + "\n")


def load_config() -> AppConfig:
    return AppConfig.from_env()


def open_index(config: AppConfig | None = None) -> Database:
    """The existing index, for commands that only read: a missing one is a one-line error
    (exit 2) saying where it was looked for, and nothing is created."""
    db = Database((config or load_config()).db, existing=True)
    db.migrate()
    return db


def load_site(config: AppConfig, slug: str) -> Site:
    return get_site(load_sites(config.sites), slug)


def human_bytes(size: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1000 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")
