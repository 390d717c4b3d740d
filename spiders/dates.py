"""Dates as news sites write them: in feeds, sitemaps, metadata and URLs.

Its own small module, so discovery (on the crawl's event loop) reads dates without importing
the extraction libraries, which only the article indexer needs.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit


def parse_date(value: Any) -> datetime | None:
    """An aware datetime from ISO 8601, RFC 2822 or a Unix timestamp; naive values are UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"\d{10}(\d{3})?", value):
            return datetime.fromtimestamp(int(value[:10]), tz=UTC)
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


_URL_DATE = re.compile(
    r"(?<![0-9])((?:19|20)\d{2})([/_-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?![0-9])"
)


def url_date(url: str) -> datetime | None:
    """The date written in a URL path (``/2024/05/17/slug``, ``-2024-05-17-``), at midnight UTC."""
    match = _URL_DATE.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        return datetime(int(match[1]), int(match[3]), int(match[4]), tzinfo=UTC)
    except ValueError:  # 2023/02/30
        return None
