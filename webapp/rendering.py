"""Every page twice: HTML for people, and its JSON twin at the same path plus ``.json``.

As in Datasette, a page's view builds one dict of data; ``page`` renders it with the page's
Jinja template, or, for a path ending in ``.json``, returns the same data as JSON, so scripts
and the CLI's ``--json`` see what a person sees. Templates are autoescaped; the few filters
here format dates, sizes and search snippets for them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from rich import filesize
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from storage.search import MARK_CLOSE, MARK_OPEN

TEMPLATES = Path(__file__).with_name("templates")


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def human_bytes(size: int | None) -> str:
    """Sizes as the CLI shows them (``rich.filesize``, powers of 1000); static/app.js's
    ``formatBytes`` writes them the same way when a page updates itself."""
    return "\u2013" if size is None else filesize.decimal(size)


def when(value: datetime | str | None, precision: str = "minutes") -> str:
    """A UTC time as people read it: ``2024-06-29 08:00 UTC``; dates alone for ``day``."""
    if value is None:
        return "\u2013"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    value = value.astimezone(UTC)
    if precision == "day":
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M" + (":%S" if precision == "seconds" else "")) + " UTC"


def highlighted(snippet: str | None) -> Markup:
    """A search snippet escaped, with its matches in ``<mark>``."""
    if not snippet:
        return Markup("")
    html = str(escape(snippet))
    return Markup(html.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["bytes"] = human_bytes
    env.filters["when"] = when
    env.filters["highlighted"] = highlighted
    return env


_env = _environment()


def page(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    status: int = 200,
    view: dict[str, Any] | None = None,
) -> Response:
    """The page's HTML, or ``data`` as JSON for a ``.json`` path.

    ``view`` holds what only the HTML needs (links, forms, formatted diffs).
    """
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    context = {"request": request, "data": data, **(view or {})}
    return HTMLResponse(_env.get_template(template).render(context), status_code=status)


def error(request: Request, status: int, message: str) -> Response:
    """An error page (or ``{"error": ...}``) that says in one line what was wrong."""
    return page(request, "error.html", {"error": message, "status": status}, status=status)


def render(template: str, **context: Any) -> str:
    """A template rendered outside a request's page (the replay origin's frame)."""
    return _env.get_template(template).render(context)
