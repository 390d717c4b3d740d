"""One HTTP request/response pair as it went over the wire, independent of Scrapy.

The WARC recorder (``spiders/warcrecording.py``) builds an :class:`HttpExchange` from Scrapy's
request and response; :class:`storage.warcwriter.RotatingWarcWriter` turns it into WARC records.
Keeping this type free of Scrapy lets the storage layer be tested and reused on its own.

Validation happens here, at construction, because a malformed header name or a CR/LF inside a
value would silently corrupt the WARC record that is written later. See docs/architecture.md.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

Protocol = Literal["HTTP/1.0", "HTTP/1.1", "h2"]
Truncation = Literal["length", "time", "disconnect", "unspecified"]

PROTOCOLS: frozenset[str] = frozenset({"HTTP/1.0", "HTTP/1.1", "h2"})
#: The reasons a WARC 1.1 record may give in ``WARC-Truncated``.
TRUNCATIONS: frozenset[str] = frozenset({"length", "time", "disconnect", "unspecified"})

# RFC 9110 token: what a header name or a method may consist of.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# CR, LF and NUL would end a header line early; anything above U+00FF was not latin-1 decoded.
_BAD_VALUE_CHAR = re.compile(r"[\x00\r\n]|[^\x00-\xff]")
# Names are checked only for what would break the record: servers send (and Twisted passes on)
# names that are not RFC tokens, and refusing them would lose the whole exchange.
_BAD_NAME = re.compile(r"^[ \t]|[\x00\r\n:]|[^\x00-\xff]")
_BAD_TARGET_CHAR = re.compile(r"[\x00-\x20\x7f]|[^\x00-\xff]")

Headers = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class HttpExchange:
    """A network exchange exactly as transmitted (body still content-encoded).

    ``protocol`` also accepts ``HTTP/1.0`` so that old servers do not break a crawl; the WARC
    status line is always written as ``HTTP/1.1`` because the body is stored de-chunked.
    """

    target_uri: str
    date: datetime
    ip_address: str | None
    protocol: Protocol
    status: int
    reason: str
    response_headers: Headers
    body: bytes
    truncated: Truncation | None
    request_method: str
    request_target: str
    request_headers: Headers
    request_body: bytes

    def __post_init__(self) -> None:
        parts = urlsplit(self.target_uri)
        if not parts.scheme or not parts.netloc or _BAD_TARGET_CHAR.search(self.target_uri):
            raise ValueError(f"HttpExchange.target_uri is not an absolute URI: {self.target_uri!r}")
        if self.date.tzinfo is None or self.date.utcoffset() is None:
            raise ValueError(f"HttpExchange.date must be timezone-aware, got {self.date!r}")
        if self.ip_address is not None:
            try:
                ipaddress.ip_address(self.ip_address)
            except ValueError:
                raise ValueError(
                    f"HttpExchange.ip_address is not an IP address: {self.ip_address!r}"
                ) from None
        if self.protocol not in PROTOCOLS:
            raise ValueError(
                f"HttpExchange.protocol must be one of {sorted(PROTOCOLS)}, got {self.protocol!r}"
            )
        if isinstance(self.status, bool) or not isinstance(self.status, int):
            raise ValueError(f"HttpExchange.status must be an int, got {self.status!r}")
        if not 100 <= self.status <= 999:
            raise ValueError(f"HttpExchange.status must be a 3-digit code, got {self.status}")
        if _BAD_VALUE_CHAR.search(self.reason):
            raise ValueError(f"HttpExchange.reason contains CR, LF or NUL: {self.reason!r}")
        if self.truncated is not None and self.truncated not in TRUNCATIONS:
            raise ValueError(
                f"HttpExchange.truncated must be None or one of {sorted(TRUNCATIONS)}, "
                f"got {self.truncated!r}"
            )
        if not _TOKEN.fullmatch(self.request_method):
            raise ValueError(
                f"HttpExchange.request_method is not an HTTP method: {self.request_method!r}"
            )
        if not self.request_target or _BAD_TARGET_CHAR.search(self.request_target):
            raise ValueError(
                "HttpExchange.request_target must be a non-empty path and query without "
                f"spaces or control characters, got {self.request_target!r}"
            )
        for field in ("body", "request_body"):
            if not isinstance(getattr(self, field), bytes):
                raise ValueError(f"HttpExchange.{field} must be bytes")
        _check_headers("response_headers", self.response_headers)
        _check_headers("request_headers", self.request_headers)


def _check_headers(field: str, headers: Headers) -> None:
    """Reject headers that could not be written back byte-for-byte as latin-1 lines."""
    for pair in headers:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise ValueError(f"HttpExchange.{field} must hold (name, value) pairs, got {pair!r}")
        name, value = pair
        if not isinstance(name, str) or _BAD_NAME.search(name):
            raise ValueError(
                f"HttpExchange.{field}: header name {name!r} must be a latin-1 str without "
                "':', CR, LF, NUL or leading whitespace"
            )
        if not isinstance(value, str) or _BAD_VALUE_CHAR.search(value):
            raise ValueError(
                f"HttpExchange.{field}: value of {name!r} must be a latin-1 str "
                f"without CR, LF or NUL, got {value!r}"
            )
