"""``/runs`` and ``/runs/ID``: each run's outcome, errors, WARC files and log.

A run's JSON twin is ``jobs show --json``, plus ``progress`` (what the index holds of it so
far) and ``findings``; the page of a running run polls it to update its figures. The log is
read from the path the run recorded, never from a path in the request, and only its end.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from storage.models import RunStatus
from storage.runs import (
    UnknownRunError,
    get_run,
    list_runs,
    run_detail_json,
    run_findings,
    run_json,
    run_progress,
    warc_files_of_run,
)
from webapp import queryparams as params
from webapp.context import context_of
from webapp.rendering import error, page

LIST_RUNS = 100
#: The end of a log shown on a run's page, and served by ``/runs/ID/log``.
LOG_TAIL_BYTES = 64 * 1024


def runs(request: Request) -> Response:
    web = context_of(request)
    site = params.slug(params.text(request, "site"))
    status_name = params.text(request, "status")
    status = None
    if status_name is not None:
        try:
            status = RunStatus(status_name)
        except ValueError:
            return error(request, 400, f"status must be one of {', '.join(RunStatus)}")
    found = list_runs(web.db, site=site, status=status, limit=LIST_RUNS)
    findings = run_findings(web.db, [run.id for run in found])
    rows = [
        run_json(run)
        | {
            "new_articles": findings[run.id].new if run.id in findings else 0,
            "changed_articles": findings[run.id].changed if run.id in findings else 0,
        }
        for run in found
    ]
    data = {"filters": {"site": site, "status": status_name}, "runs": rows}
    return page(request, "runs.html", data, view={"statuses": list(RunStatus)})


def run(request: Request) -> Response:
    web = context_of(request)
    run_id = _run_id(request)
    try:
        found = get_run(web.db, run_id)
    except UnknownRunError:
        return error(request, 404, f"no run {run_id}")
    files = warc_files_of_run(web.db, run_id)
    progress = run_progress(web.db, run_id)
    findings = run_findings(web.db, [run_id]).get(run_id)
    data: dict[str, Any] = run_detail_json(found, files) | {
        "progress": {
            "records": progress.records,
            "record_bytes": progress.record_bytes,
            "articles": progress.articles,
        },
        "findings": {
            "new_articles": findings.new if findings else 0,
            "changed_articles": findings.changed if findings else 0,
        },
    }
    log, log_note = _log_tail(found.log_path)
    view = {"log": log, "log_note": log_note, "running": found.status is RunStatus.RUNNING}
    return page(request, "run.html", data, view=view)


def run_log(request: Request) -> Response:
    web = context_of(request)
    run_id = _run_id(request)
    try:
        found = get_run(web.db, run_id)
    except UnknownRunError:
        return PlainTextResponse(f"no run {run_id}\n", status_code=404)
    log, note = _log_tail(found.log_path)
    return PlainTextResponse(
        log if log is not None else f"{note}\n", status_code=200 if log else 404
    )


def _run_id(request: Request) -> int:
    value = request.path_params["run_id"]
    if not value.isdigit() or len(value) > 18:
        raise params.BadRequest("a run id is a whole number")
    return int(value)


def _log_tail(path: str | None) -> tuple[str | None, str]:
    """The end of the run's log, and a note on where it is (or why it cannot be shown)."""
    if not path:
        return None, "this run recorded no log file"
    log = Path(path)
    try:
        with log.open("rb") as stream:
            size = stream.seek(0, os.SEEK_END)
            stream.seek(max(0, size - LOG_TAIL_BYTES))
            data = stream.read(LOG_TAIL_BYTES)
    except OSError as exc:
        return None, f"the log {log} cannot be read here: {exc.strerror or exc}"
    text = data.decode("utf-8", "replace")
    if size > LOG_TAIL_BYTES:
        text = text.split("\n", 1)[-1]  # from the first whole line
        return text, f"the last {LOG_TAIL_BYTES // 1024} KiB of {log} ({size:,} bytes)"
    return text, str(log)
