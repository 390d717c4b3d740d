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

import contextlib
import json
import logging
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.text import Text

from settings import AppConfig, ConfigError
from spiders.siteconfig import Site, SiteConfigError, get_site, load_sites
from storage.db import Database, DatabaseError

out = Console()
if not out.is_terminal:
    # Piped or redirected, tables and lines are as wide as their content: every URL, path,
    # WARC name and digest stays whole on its line, for grep, cut and copy. On a terminal,
    # columns that hold them fold (``overflow="fold"``) rather than cut with "…".
    out.width = 100_000
# Errors are one line however long (paths, URLs): never wrap them at the terminal's width.
err = Console(stderr=True, soft_wrap=True)

EXIT_FAILED = 1
EXIT_USAGE = 2

#: ``--json``, the same plain flag on every command: it takes no value (see
#: ``scheduler.cli.plain_flags`` for ``--json true``), and its help shows none.
JsonFlag = Annotated[bool, typer.Option("--json", metavar="", help="print JSON")]


class CommandError(typer.TyperException):
    """A failure to report in one line, with its exit code.

    Typer's exceptions (its bundled click's usage errors among them) share this base, with
    ``exit_code`` and ``format_message``: ``scheduler.cli.main`` reports them all alike.
    """

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.exit_code = code


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
    from scheduler.crawlrun import CrawlIncompleteError
    from storage.backends import StorageError
    from storage.runs import RunConflictError

    if isinstance(exc, CommandError):
        return exc.exit_code
    if isinstance(exc, ConfigError | SiteConfigError | StorageError | DatabaseError):
        return EXIT_USAGE
    if isinstance(exc, RunConflictError | CrawlIncompleteError):
        return EXIT_FAILED
    return None


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    raise CommandError(message, code)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, default=str, ensure_ascii=False) + "\n")


def utc_text(value: datetime | str | None, *, seconds: bool = False) -> str:
    """A time as people read it, with its zone: ``2026-12-06 05:10 UTC`` (``-`` for none).

    Times are stored in UTC; a naive one (SQLite hands them back so) is UTC too.
    """
    if value is None:
        return "-"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M" + (":%S" if seconds else "")) + " UTC"


@contextlib.contextmanager
def output_stream(output: Path | None) -> Iterator[TextIO]:
    """Where an export writes: stdout, or ``output`` written beside itself and renamed into
    place once complete, so a failed export leaves no partial file (and keeps an old one)."""
    if output is None:
        yield sys.stdout
        return
    directory = output.expanduser().absolute().parent
    if not directory.is_dir():
        fail(f"cannot write {output}: {directory} is not a directory", EXIT_USAGE)
    try:
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".export-", suffix=".part")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_USAGE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(temporary, _file_mode(output))  # mkstemp's 0600 is for its own use
        os.replace(temporary, output)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _file_mode(path: Path) -> int:
    """The mode of the file at ``path``, or of a new file there under this process's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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


def log_to_stderr(level: str) -> None:
    """Log lines with their time, level and source on stderr: the daemon's and a worker's log."""
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # "Context impl SQLiteImpl." etc.
