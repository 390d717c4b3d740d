"""Terminal output and one-line errors shared by the CLI modules.

Kept apart from ``scheduler.cli`` so sub-command modules can import it without importing the
application that registers them.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from rich.console import Console

from settings import AppConfig
from spiders.siteconfig import Site, get_site, load_sites
from storage.db import Database

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
