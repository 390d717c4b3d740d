"""Run the real ``newsarchiver`` CLI against a temporary archive and read back what it wrote.

The end-to-end tests judge a crawl the way a user would: a sites file, a handful of
``NEWSARCHIVER_*`` variables, the command in a subprocess, then the WARC files (through
warcio, a tool this project did not write) and the SQLite index.
"""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLI_TIMEOUT = 120.0


def write_sites(path: Path, sites: dict[str, dict[str, Any]]) -> Path:
    """Write a sites file with one ``[sites.SLUG]`` table per entry (values: TOML scalars/lists)."""
    lines: list[str] = []
    for slug, values in sites.items():
        lines.append(f"[sites.{slug}]")
        lines += [f"{key} = {_toml(value)}" for key, value in values.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value)  # strings and numbers: JSON spelling is valid TOML here


@dataclass
class Archive:
    """A temporary archive: where a crawl writes, and the environment that says so."""

    root: Path
    sites: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def storage(self) -> Path:
        return self.root / "store"

    @property
    def db_path(self) -> Path:
        return self.root / "index.sqlite3"

    def env(self, **overrides: str) -> dict[str, str]:
        """The environment of a CLI run against this archive."""
        env = {
            **os.environ,
            "NEWSARCHIVER_SITES": str(self.sites),
            "NEWSARCHIVER_STORAGE": f"file://{self.storage}",
            "NEWSARCHIVER_DB": f"sqlite:///{self.db_path}",
            "NEWSARCHIVER_SPOOL": str(self.root / "spool"),
            "NEWSARCHIVER_LOGS": str(self.root / "logs"),
            "NEWSARCHIVER_DOWNLOAD_TIMEOUT": "3",
            "PYTHONWARNINGS": "ignore",
            **self.extra_env,
        }
        env.update(overrides)
        return env

    def warcs(self) -> list[Path]:
        """Every closed WARC file, in storage and still in the spool."""
        return sorted(self.root.rglob("*.warc.gz"))

    def records(self) -> list[Record]:
        """Every record of every WARC file, in file order."""
        return [record for path in self.warcs() for record in read_records(path)]

    def indexed_articles(self) -> dict[str, dict[str, Any]]:
        """The ``articles`` table of the index, keyed by URL."""
        with sqlite3.connect(self.db_path) as connection:
            connection.row_factory = sqlite3.Row
            rows = connection.execute("SELECT * FROM articles").fetchall()
        return {row["url"]: dict(row) for row in rows}


def make_archive(root: Path, sites: dict[str, dict[str, Any]], **extra_env: str) -> Archive:
    root.mkdir(parents=True, exist_ok=True)
    return Archive(root, write_sites(root / "sites.toml", sites), dict(extra_env))


def run_cli(
    args: list[str], env: dict[str, str], cwd: Path | None = None, timeout: float = CLI_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """``newsarchiver ARGS`` in a subprocess, as a user runs it."""
    return subprocess.run(
        [str(BIN / "newsarchiver"), *args],
        env=env,
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What ``newsarchiver ARGS`` writes to a terminal (a pseudo-terminal) as its stdout; the
    command must succeed."""
    leader, follower = pty.openpty()
    with tempfile.TemporaryFile() as errors:
        command = subprocess.Popen(
            [str(BIN / "newsarchiver"), *args], env=env, stdout=follower, stderr=errors
        )
        os.close(follower)
        written = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the command has exited and its output is read
                break
            if not chunk:
                break
            written += chunk
        os.close(leader)
        if command.wait(timeout=CLI_TIMEOUT) != 0:
            errors.seek(0)
            raise AssertionError(errors.read().decode(errors="replace")[-3000:])
    return written


def crawl_json(archive: Archive, slug: str, *extra: str, **env: str) -> dict[str, Any]:
    """Crawl ``slug`` with ``--json`` and return the run summary (the run must end with 0)."""
    result = run_cli(["crawl", slug, "--json", *extra], archive.env(**env))
    assert result.returncode == 0, f"crawl exited {result.returncode}: {result.stderr[-3000:]}"
    return json.loads(result.stdout)


@dataclass(frozen=True)
class Record:
    """One WARC record, read back with warcio."""

    warc: Path
    type: str
    headers: dict[str, str]
    http_status: int | None
    http_headers: list[tuple[str, str]]
    http_head: str  # the HTTP status or request line
    payload: bytes  # the HTTP body exactly as stored: content-coding kept

    @property
    def target(self) -> str:
        return self.headers.get("WARC-Target-URI", "")

    def http_header(self, name: str) -> str | None:
        for key, value in self.http_headers:
            if key.lower() == name.lower():
                return value
        return None


def read_records(path: Path) -> list[Record]:
    records = []
    with path.open("rb") as stream:
        for raw in ArchiveIterator(stream):
            records.append(_record(path, raw))
    return records


def _record(path: Path, raw: ArcWarcRecord) -> Record:
    http = raw.http_headers
    return Record(
        warc=path,
        type=raw.rec_type,
        headers=dict(raw.rec_headers.headers),
        http_status=int(http.get_statuscode()) if http and raw.rec_type == "response" else None,
        http_headers=list(http.headers) if http else [],
        http_head=" ".join(filter(None, (http.protocol, http.statusline))) if http else "",
        payload=raw.raw_stream.read(),
    )


def warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    """``warcio check -v FILE``: digests and structure, judged by warcio itself."""
    return subprocess.run(
        [str(BIN / "warcio"), "check", "-v", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def http_blocks(path: Path) -> list[tuple[str, str, bytes]]:
    """``(WARC-Type, WARC-Target-URI, block)`` of every record in a ``.warc.gz``: the stored
    bytes themselves, as no parser would give them back."""
    blocks = []
    data = path.read_bytes()
    while data:
        member = zlib.decompressobj(zlib.MAX_WBITS | 16)
        record = member.decompress(data)
        data = member.unused_data
        head, _, rest = record.partition(b"\r\n\r\n")
        fields = dict(line.split(b": ", 1) for line in head.split(b"\r\n")[1:])
        block = rest[: int(fields[b"Content-Length"])]
        target = fields.get(b"WARC-Target-URI", b"").decode()
        blocks.append((fields[b"WARC-Type"].decode(), target, block))
    return blocks
