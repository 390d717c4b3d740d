"""``/search``: the CLI's search (``storage.search``) with filters, pages and a total count.

Its JSON twin's ``results`` are exactly what ``articles search --json`` prints for the same
query and filters.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from storage.search import MAX_OFFSET, QueryError, count_articles, search_articles
from webapp import queryparams as params
from webapp.context import context_of
from webapp.queryparams import record_uuid
from webapp.rendering import page

PER_PAGE = 20
MAX_PAGE = MAX_OFFSET // PER_PAGE + 1


def search(request: Request) -> Response:
    web = context_of(request)
    query = params.text(request, "q")
    filters: dict[str, Any] = {
        "site": params.slug(params.text(request, "site")),
        "since": params.text(request, "since"),
        "until": params.text(request, "until"),
        "language": params.language(params.text(request, "language")),
    }
    since = params.when(filters["since"], "since")
    until = params.when(filters["until"], "until")
    number = params.number(request, "page", 1, 1, MAX_PAGE)
    data: dict[str, Any] = {"query": query, "filters": filters, "page": number}
    sites, languages = web.choices()
    view: dict[str, Any] = {"sites": sites, "languages": languages, "hits": []}
    try:
        hits = search_articles(
            web.db,
            query,
            site=filters["site"],
            since=since,
            until=until,
            language=filters["language"],
            limit=PER_PAGE,
            offset=(number - 1) * PER_PAGE,
        )
        total = count_articles(
            web.db, query, site=filters["site"], since=since, until=until,
            language=filters["language"],
        )  # fmt: skip
    except QueryError as exc:
        data |= {"error": f"invalid query: {exc}", "total": 0, "results": []}
        return page(request, "search.html", data, status=400, view=view)
    data |= {"total": total, "per_page": PER_PAGE, "results": [hit.to_json() for hit in hits]}
    last = min(MAX_PAGE, max(1, math.ceil(total / PER_PAGE)))
    view |= {
        "hits": hits,
        "last_page": last,
        "page_link": lambda n: _link(query, filters, n),
        "download": "/download/search.wacz?" + _query_string(query, filters),
    }
    return page(request, "search.html", data, view=view)


def _query_string(query: str | None, filters: dict[str, Any], number: int = 1) -> str:
    values = {"q": query, **filters, "page": number if number > 1 else None}
    return urlencode({key: value for key, value in values.items() if value})


def _link(query: str | None, filters: dict[str, Any], number: int) -> str:
    return "/search?" + _query_string(query, filters, number)


def replay_link(record_id: str) -> str:
    return "/replay?" + urlencode({"capture": record_uuid(record_id)})
