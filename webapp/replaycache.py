"""The small WACZ of each replayed capture, built once and kept on disk for range requests.

ReplayWeb.page reads a WACZ with HTTP range requests (the zip's directory, the index, then
each record), so every range must come from the same bytes: the WACZ of a capture, made by the
exporter (``storage.wacz``) from that capture alone and closed over what it needs (request,
redirect hops, requisites, robots.txt, the response a revisit refers to), is written once into
the cache directory and served as a file. The oldest files go when the cache holds
more than ``max_bytes``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from storage.exportselection import ExportFilters
from storage.recordaccess import RecordUnavailableError
from storage.wacz import write_wacz

if TYPE_CHECKING:
    from storage.db import Database
    from storage.search import CaptureRef

#: ReplayWeb.page's files the replay origin serves, nothing else from its directory.
ASSET_NAMES = ("ui.js", "sw.js")


class ReplayUnavailableError(RuntimeError):
    """This capture cannot be replayed here. The message is one line."""


class ReplayCache:
    def __init__(
        self, db: Database, directory: Path, assets: Path, max_bytes: int = 1_000_000_000
    ) -> None:
        self.db = db
        self.directory = directory
        self.assets = assets
        self.max_bytes = max_bytes
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def unavailable_reason(self) -> str | None:
        missing = [name for name in ASSET_NAMES if not (self.assets / name).is_file()]
        if missing:
            return (
                f"ReplayWeb.page is not installed in {self.assets} (run `make replaywebpage`, "
                "or set NEWSARCHIVER_REPLAYWEBPAGE)"
            )
        return None

    @property
    def available(self) -> bool:
        return self.unavailable_reason is None

    def asset(self, name: str) -> Path:
        if name not in ASSET_NAMES:
            raise ReplayUnavailableError(f"no replay asset {name!r}")
        return self.assets / name

    def wacz(self, capture: CaptureRef, key: str) -> Path:
        """The WACZ of ``capture`` (named ``key``, a record UUID), built on first use."""
        target = self.directory / f"{key}.wacz"
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if not target.exists():
                partial = target.with_suffix(".partial")
                try:
                    self._build(capture, partial)
                    os.replace(partial, target)
                finally:
                    with contextlib.suppress(FileNotFoundError):
                        partial.unlink()
                self._evict(keep=target)
        return target

    def _build(self, capture: CaptureRef, path: Path) -> None:
        """The WACZ ``export wacz`` would write of this one capture and what it needs."""
        try:
            with path.open("wb") as out:
                write_wacz(
                    self.db,
                    ExportFilters(record_id=capture.record_id),
                    out,
                    work_dir=self.directory,
                )
        except RecordUnavailableError as exc:
            raise ReplayUnavailableError(str(exc)) from None

    def _evict(self, keep: Path) -> None:
        files = sorted(self.directory.glob("*.wacz"), key=lambda p: p.stat().st_mtime)
        total = sum(p.stat().st_size for p in files)
        for path in files:
            if total <= self.max_bytes:
                break
            if path != keep:
                total -= path.stat().st_size
                path.unlink(missing_ok=True)
