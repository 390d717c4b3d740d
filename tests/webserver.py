"""``newsarchiver serve`` in a subprocess, as a user starts it, on free ports of 127.0.0.1.

:func:`running_web` starts it with ``--port 0``, reads the two ports from its ready line and
stops it (SIGTERM, by its pid) when the block ends. ``WebServer.get`` sends raw requests with
``http.client``, which sends a path exactly as given (``../`` included), as an attacker would.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.crawlhelpers import BIN, REPO

READY = re.compile(r"web app on http://127\.0\.0\.1:(\d+)/ \(replay origin on port (\d+)\)")
START_TIMEOUT = 30.0


@dataclass
class WebServer:
    process: subprocess.Popen[str]
    port: int
    replay_port: int
    log: Path
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def replay_url(self) -> str:
        return f"http://127.0.0.1:{self.replay_port}"

    def get(
        self, path: str, *, replay: bool = False, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers (lower-case names) and body of ``GET path`` sent as written."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.replay_port if replay else self.port, timeout=60
        )
        try:
            connection.request("GET", path, headers={**self.headers, **(headers or {})})
            response = connection.getresponse()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            connection.close()


@contextmanager
def running_web(env: dict[str, str], log: Path, *args: str) -> Iterator[WebServer]:
    """``newsarchiver serve --port 0 ARGS`` until the block ends; its stderr goes to ``log``."""
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(BIN / "newsarchiver"), "serve", "--port", "0", *args],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            text=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while (found := READY.search(log.read_text())) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"newsarchiver serve did not start: {log.read_text()}")
            time.sleep(0.05)
        yield WebServer(process, int(found.group(1)), int(found.group(2)), log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
