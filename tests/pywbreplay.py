"""Replay WARC files through a real pywb on loopback, the judge of what an archive holds.

pywb is installed in its own virtualenv (``make test`` does it; it pins libraries that clash
with ours). ``NEWSARCHIVER_PYWB_BIN`` names its ``bin`` directory. Without pywb the replay tests
are skipped, unless ``NEWSARCHIVER_REQUIRE_SERVICES=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.services import skip_or_fail

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0


def pywb_bin() -> Path | None:
    candidates = [os.environ.get("NEWSARCHIVER_PYWB_BIN"), str(REPO / ".venv-pywb" / "bin")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "wayback").exists():
            return Path(candidate)
    found = shutil.which("wayback")
    return Path(found).parent if found else None


def require_pywb() -> Path:
    directory = pywb_bin()
    if directory is None:
        skip_or_fail("pywb is not installed (run `make test`, or set NEWSARCHIVER_PYWB_BIN)")
    return directory


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Replayed:
    status: int
    headers: dict[str, str]
    body: bytes

    def decoded(self) -> bytes:
        """The body with any Content-Encoding undone, as a browser would see it."""
        coding = self.headers.get("content-encoding", "").lower()
        if coding == "gzip":
            return gzip.decompress(self.body)
        if coding == "deflate":
            return zlib.decompress(self.body)
        return self.body


class Replay:
    """A running ``wayback`` serving one collection."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}/archive"

    def get(self, url: str, timestamp: str = "2") -> Replayed:
        """Fetch ``url`` as archived (``id_`` mode: the original bytes, no rewriting).

        The default timestamp "2" is a prefix that matches any capture, newest first by
        closeness; pass a 14-digit timestamp to pick a capture.
        """
        request = urllib.request.Request(
            f"{self.base}/{timestamp}id_/{url}", headers={"Accept-Encoding": "identity"}
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return Replayed(
                    response.status,
                    {k.lower(): v for k, v in response.headers.items()},
                    response.read(),
                )
        except urllib.error.HTTPError as error:
            return Replayed(
                error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@contextmanager
def pywb_collection(warcs: list[Path], workdir: Path) -> Iterator[Replay]:
    """Index ``warcs`` into a fresh pywb collection and serve it on a free loopback port."""
    bin_dir = require_pywb()
    workdir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    subprocess.run(
        [bin_dir / "wb-manager", "init", "archive"], cwd=workdir, check=True, env=env,
        capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [bin_dir / "wb-manager", "add", "archive", *map(str, warcs)],
        cwd=workdir, check=True, env=env, capture_output=True,
    )  # fmt: skip
    with _wayback(bin_dir, workdir, env) as replay:
        yield replay


@contextmanager
def pywb_configured(
    workdir: Path, index: Path, archive_paths: str, env: dict[str, str] | None = None
) -> Iterator[Replay]:
    """Serve a collection that reads the CDXJ ``index`` and finds the WARC files it names
    under ``archive_paths`` (a directory, ``file://`` or ``s3://`` prefix), in place."""
    bin_dir = require_pywb()
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "config.yaml").write_text(
        "collections:\n"
        "  archive:\n"
        f"    index_paths: {json.dumps(str(index))}\n"
        f"    archive_paths: {json.dumps(archive_paths)}\n",
        encoding="utf-8",
    )
    with _wayback(
        bin_dir, workdir, {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    ) as replay:
        yield replay


@contextmanager
def _wayback(bin_dir: Path, workdir: Path, env: dict[str, str]) -> Iterator[Replay]:
    port = free_port()
    log = (workdir / "wayback.log").open("wb")
    process = subprocess.Popen(
        [bin_dir / "wayback", "-p", str(port), "-b", "127.0.0.1"],
        cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_until_listening(port, process)
        yield Replay(port)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"wayback exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("wayback did not start listening")


@pytest.fixture
def pywb(tmp_path: Path) -> Callable[[list[Path]], AbstractContextManager[Replay]]:
    """``with pywb([warc, …]) as replay: replay.get(url)``."""
    return lambda warcs: pywb_collection(warcs, tmp_path / "pywb")
