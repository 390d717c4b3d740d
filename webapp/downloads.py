"""``/download/…wacz``: a WACZ of a search result, a site or a run, as ``export wacz`` makes it.

The exporter (``storage.wacz.write_wacz``) writes the zip in a worker thread into a bounded
queue that the response streams from, so the first bytes leave at once and memory stays flat
however large the site. A selection that matches nothing is a 404 page before any byte is
sent; a reader who goes away stops the export.
"""

from __future__ import annotations

import io
import queue
import threading
from collections.abc import AsyncIterator
from typing import Any, BinaryIO, cast

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from storage.exportselection import EmptySelectionError, ExportFilters, check_selection
from storage.runs import UnknownRunError, get_run
from storage.search import QueryError
from storage.wacz import MEDIA_TYPE, write_wacz
from webapp import queryparams as params
from webapp.context import context_of
from webapp.rendering import error

#: Chunks waiting between the exporter's thread and the response: a few megabytes at most.
QUEUE_CHUNKS = 32
_DONE = object()


class _Cancelled(Exception):
    """The reader went away: the exporter stops at its next write."""


class _QueueWriter(io.RawIOBase):
    """A write-only, unseekable stream handing what it is given to a bounded queue."""

    def __init__(self, chunks: queue.Queue[Any], cancelled: threading.Event) -> None:
        self.chunks = chunks
        self.cancelled = cancelled
        self.position = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def write(self, data: Any) -> int:
        block = bytes(data)
        while True:
            if self.cancelled.is_set():
                raise _Cancelled
            try:
                self.chunks.put(block, timeout=0.5)
                break
            except queue.Full:
                continue
        self.position += len(block)
        return len(block)


def _stream(request: Request, selection: ExportFilters, name: str) -> Response:
    db = context_of(request).db
    try:
        check_selection(db, selection)
    except EmptySelectionError as exc:
        return error(request, 404, str(exc))
    except (QueryError, ValueError) as exc:
        return error(request, 400, str(exc))
    chunks: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_CHUNKS)
    cancelled = threading.Event()

    def export() -> None:
        try:
            # The writer does what write_wacz needs of a binary stream: write and tell.
            write_wacz(db, selection, cast("BinaryIO", _QueueWriter(chunks, cancelled)))
        except _Cancelled:
            return
        except Exception as exc:  # noqa: BLE001 - handed to the response, which ends the download
            chunks.put(exc)
            return
        chunks.put(_DONE)

    async def body() -> AsyncIterator[bytes]:
        worker = threading.Thread(target=export, name=f"wacz {name}", daemon=True)
        worker.start()
        try:
            while True:
                item = await anyio.to_thread.run_sync(chunks.get)
                if item is _DONE:
                    return
                if isinstance(item, Exception):
                    raise item
                yield item
        finally:
            cancelled.set()

    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(body(), media_type=MEDIA_TYPE, headers=headers)


def search_wacz(request: Request) -> Response:
    """The articles a search finds (all its pages), with what they need to replay."""
    selection = ExportFilters(
        query=params.text(request, "q"),
        site=params.slug(params.text(request, "site")),
        since=params.when(params.text(request, "since"), "since"),
        until=params.when(params.text(request, "until"), "until"),
        language=params.language(params.text(request, "language")),
    )
    return _stream(request, selection, "newsarchiver-search.wacz")


def site_wacz(request: Request) -> Response:
    slug = params.slug(request.path_params["slug"]) or ""
    return _stream(request, ExportFilters(site=slug), f"newsarchiver-{slug}.wacz")


def run_wacz(request: Request) -> Response:
    value = request.path_params["run_id"]
    if not value.isdigit() or len(value) > 18:
        raise params.BadRequest("a run id is a whole number")
    try:
        run = get_run(context_of(request).db, int(value))
    except UnknownRunError:
        return error(request, 404, f"no run {value}")
    selection = ExportFilters(site=run.site, run_id=run.id)
    return _stream(request, selection, f"newsarchiver-{run.site}-run{run.id}.wacz")
