"""Checking what a request asks for before anything reaches the index or the stores.

Every value a page takes from its URL goes through one of these functions: slugs against the
slug pattern, record ids against the UUID form our WARC writer uses, dates as ISO 8601, numbers
within bounds. Anything else is a ``BadRequest`` with a one-line reason, shown as a 400 page.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from starlette.requests import Request

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
RECORD_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
MAX_QUERY = 500
MAX_URL = 4000


class BadRequest(ValueError):
    """The request asks for something malformed. The message is one line."""


def text(request: Request, name: str, limit: int = MAX_QUERY) -> str | None:
    value = request.query_params.get(name, "").strip()
    if len(value) > limit:
        raise BadRequest(f"{name} is longer than {limit} characters")
    return value or None


def slug(value: str | None, name: str = "site") -> str | None:
    if value is not None and not SLUG.fullmatch(value):
        raise BadRequest(f"{name} {value!r} is not a site slug")
    return value


def language(value: str | None) -> str | None:
    if value is not None and not LANGUAGE.fullmatch(value):
        raise BadRequest(f"language {value!r} is not a language code such as en or pt-BR")
    return value


def when(value: str | None, name: str) -> datetime | None:
    """An ISO 8601 date or time; without a zone it is UTC (as the CLI reads ``--since``)."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"{name} {value!r} is not an ISO 8601 date or time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def number(request: Request, name: str, default: int, low: int, high: int) -> int:
    value = request.query_params.get(name)
    if value is None or value == "":
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadRequest(f"{name} must be a whole number from {low} to {high}")
    return int(value)


def record_id(value: str | None) -> str:
    """The ``WARC-Record-ID`` of a capture named by its UUID, as the WARC writer spells it."""
    if value is None or not RECORD_UUID.fullmatch(value):
        raise BadRequest("capture must be the UUID of a WARC record")
    return f"<urn:uuid:{value}>"


def record_uuid(record: str) -> str:
    """The UUID that names a capture in links: its ``WARC-Record-ID`` without the wrapping."""
    return record.removeprefix("<urn:uuid:").removesuffix(">")


def article_url(value: str | None) -> str:
    if value is None:
        raise BadRequest("url is missing: which article?")
    if len(value) > MAX_URL or not value.startswith(("http://", "https://")):
        raise BadRequest("url must be an http(s) URL")
    return value
