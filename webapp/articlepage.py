"""``/article``: one article's metadata, text, captures, versions, and what changed between them.

The JSON twin is ``articles show --json`` plus ``changes``: for each pair of consecutive
versions, the word-level differences of headline, byline and body (``webapp.textdiff``).
"""

from __future__ import annotations

import itertools
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from storage.search import ArticleDetail, VersionInfo, get_article
from webapp import queryparams as params
from webapp import textdiff
from webapp.context import context_of
from webapp.rendering import error, page
from webapp.searchpage import replay_link


def article(request: Request) -> Response:
    web = context_of(request)
    url = params.article_url(params.text(request, "url", params.MAX_URL))
    site = params.slug(params.text(request, "site"))
    found = get_article(web.db, url, site=site)
    if found is None:
        where = f" of site {site}" if site else ""
        return error(request, 404, f"no archived article{where} at {url}")
    data = found.to_json() | {"changes": changes(found)}
    view = {
        "article": found,
        "replay_link": replay_link,
        "changed": textdiff.changed,
        "paragraphs": [p for p in found.text.split("\n") if p.strip()],
    }
    return page(request, "article.html", data, view=view)


def changes(found: ArticleDetail) -> list[dict[str, Any]]:
    """What changed from each version to the next, oldest first."""
    return [_change(before, after) for before, after in itertools.pairwise(found.versions)]


def _change(before: VersionInfo, after: VersionInfo) -> dict[str, Any]:
    bylines = None
    if before.authors is not None and after.authors is not None:
        bylines = textdiff.words(", ".join(before.authors), ", ".join(after.authors))
    return {
        "from_version": before.version,
        "to_version": after.version,
        "captured_at": after.captured_at.isoformat(),
        "title": textdiff.words(before.title or "", after.title or ""),
        "authors": bylines,
        "body": textdiff.body(before.text, after.text),
    }
