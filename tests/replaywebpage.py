"""ReplayWeb.page, served on loopback to open a WACZ in a real browser.

ReplayWeb.page is AGPL-3.0: ``make test`` fetches the pinned ``replaywebpage`` package from the
npm registry into ``.cache/`` (gitignored, its LICENSE beside it) and ``NEWSARCHIVER_REPLAYWEBPAGE``
names that directory. Nothing of it enters our sources: this module only serves its files.

:func:`serve_replay` serves, on a free port of 127.0.0.1 (a secure context, so its service
worker runs): an embedding page ``/`` with ``<replay-web-page>`` for one WACZ and URL, the
package's ``ui.js`` (at ``/`` and in ``/replay/``, where the service worker's own page loads
it) and ``sw.js`` (in ``/replay/``), and the WACZ at ``/archive.wacz``, with the range
requests ReplayWeb.page reads it by. Without the package the tests are skipped, unless
``NEWSARCHIVER_REQUIRE_SERVICES=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from demosite.server import start_http_server
from tests.services import skip_or_fail

REPO = Path(__file__).resolve().parent.parent
WACZ_PATH = "/archive.wacz"


def replaywebpage_dir() -> Path | None:
    configured = os.environ.get("NEWSARCHIVER_REPLAYWEBPAGE")
    candidates = [Path(configured)] if configured else sorted(REPO.glob(".cache/replaywebpage-*"))
    for candidate in reversed(candidates):
        if (candidate / "ui.js").is_file() and (candidate / "sw.js").is_file():
            return candidate
    return None


def _embedding_page(url: str) -> bytes:
    return (
        '<!doctype html>\n<html><head><meta charset="utf-8"><script src="/ui.js"></script>'
        "<style>html, body, replay-web-page { margin: 0; height: 100%; }</style></head>\n"
        f'<body><replay-web-page source="{WACZ_PATH}" url="{html.escape(url)}" '
        'embed="replayonly"></replay-web-page></body></html>\n'
    ).encode()


@contextmanager
def serve_replay(wacz: Path, url: str) -> Iterator[str]:
    """Serve ReplayWeb.page opening ``url`` from ``wacz``; yields the page's address."""
    package = replaywebpage_dir()
    if package is None:
        skip_or_fail(
            "ReplayWeb.page is not installed (run `make test`, or set NEWSARCHIVER_REPLAYWEBPAGE)"
        )
    files = {
        "/ui.js": (package / "ui.js", "application/javascript"),
        "/replay/ui.js": (package / "ui.js", "application/javascript"),
        "/replay/sw.js": (package / "sw.js", "application/javascript"),
        WACZ_PATH: (wacz, "application/wacz"),
    }
    page = _embedding_page(url)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def do_GET(self) -> None:
            self._answer(body=True)

        def _answer(self, *, body: bool) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(200, "text/html; charset=utf-8", page, body=body)
            elif path in files:
                source, content_type = files[path]
                self._send_file(source, content_type, body=body)
            else:
                self._send(404, "text/plain", b"not found\n", body=body)

        def _send_file(self, source: Path, content_type: str, *, body: bool) -> None:
            size = source.stat().st_size
            start, end = 0, size - 1
            status = 200
            wanted = self.headers.get("Range", "")
            if wanted.startswith("bytes=") and "," not in wanted:
                first, _, last = wanted[len("bytes=") :].partition("-")
                if first:
                    start, end = int(first), min(int(last) if last else size - 1, size - 1)
                else:
                    start = max(size - int(last), 0)
                if start > end:
                    self._send(
                        416,
                        "text/plain",
                        b"",
                        body=body,
                        extra={"Content-Range": f"bytes */{size}"},
                    )
                    return
                status = 206
            with source.open("rb") as stream:
                stream.seek(start)
                data = stream.read(end - start + 1)
            extra = {"Accept-Ranges": "bytes"}
            if status == 206:
                extra["Content-Range"] = f"bytes {start}-{end}/{size}"
            self._send(status, content_type, data, body=body, extra=extra)

        def _send(
            self,
            status: int,
            content_type: str,
            data: bytes,
            *,
            body: bool,
            extra: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if body:
                self.wfile.write(data)

    with start_http_server(Handler) as server:
        yield f"{server.url}/"
