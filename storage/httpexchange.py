"""One HTTP request/response pair as the bytes that crossed the wire, independent of Scrapy.

The download handler (``spiders/wirehandler.py``) keeps the bytes a connection sends and
receives; the WARC recorder middleware (``spiders/warcrecording.py``) puts them in an
:class:`HttpExchange`, and :class:`storage.capturerecorder.CaptureRecorder` writes them as WARC
records without rebuilding anything: the record's HTTP block is these bytes. Keeping this type
free of Scrapy lets the storage layer be tested and reused on its own.

Validation happens here, at construction, and checks only what would break a record: a head
that does not end with its blank line would let a body be read as headers.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

Truncation = Literal["length", "time", "disconnect", "unspecified"]

#: The reasons a WARC 1.1 record may give in ``WARC-Truncated``.
TRUNCATIONS: frozenset[str] = frozenset({"length", "time", "disconnect", "unspecified"})

# As lenient as Twisted, which reads the response: any version and any number as the status.
_STATUS_LINE = re.compile(rb"HTTP/[^ \r\n]* +(\d+)(?=[ \t\r\n])")
_REQUEST_LINE = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+ [^\x00-\x20\x7f]+ HTTP/\d+\.\d+\r?\n")
_BAD_TARGET_CHAR = re.compile(r"[\x00-\x20\x7f]|[^\x00-\xff]")


@dataclass(frozen=True)
class HttpExchange:
    """A network exchange exactly as transmitted.

    ``request_head`` and ``response_head`` run from the request or status line through the blank
    line that ends the headers; ``request_body`` and ``body`` are the message bodies that
    followed: the response's still content-coded, with its chunk framing when it had one.
    """

    target_uri: str
    date: datetime
    ip_address: str | None
    request_head: bytes
    request_body: bytes
    response_head: bytes
    body: bytes
    truncated: Truncation | None
    status: int = field(init=False)

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
        for name in ("request_head", "request_body", "response_head", "body"):
            if not isinstance(getattr(self, name), bytes):
                raise ValueError(f"HttpExchange.{name} must be bytes")
        if not _REQUEST_LINE.match(self.request_head) or not _one_head(self.request_head):
            raise ValueError(
                "HttpExchange.request_head must be a request line and headers ending with a "
                f"blank line, got {self.request_head[:200]!r}"
            )
        status = _STATUS_LINE.match(self.response_head)
        if status is None or not _one_head(self.response_head):
            raise ValueError(
                "HttpExchange.response_head must be an HTTP status line and headers ending with "
                f"a blank line, got {self.response_head[:200]!r}"
            )
        if self.truncated is not None and self.truncated not in TRUNCATIONS:
            raise ValueError(
                f"HttpExchange.truncated must be None or one of {sorted(TRUNCATIONS)}, "
                f"got {self.truncated!r}"
            )
        object.__setattr__(self, "status", int(status.group(1)))

    @property
    def request_method(self) -> str:
        return self.request_head.split(b" ", 1)[0].decode("ascii")

    def response_header(self, name: str) -> str | None:
        """The first value of a response header (latin-1, case-insensitive), or None."""
        wanted = name.lower().encode("latin-1") + b":"
        for line in self.response_head.split(b"\n")[1:]:
            if line[: len(wanted)].lower() == wanted:
                return line[len(wanted) :].strip().decode("latin-1")
        return None


def head_length(message: bytes) -> int | None:
    """Where the head of an HTTP/1.x message ends: just after the first empty line, which ends
    in CRLF or, from servers that send bare LF line ends, in LF. None without one."""
    ends = [
        found + len(blank) for blank in (b"\n\r\n", b"\n\n") if (found := message.find(blank)) >= 0
    ]
    return min(ends) if ends else None


def _one_head(head: bytes) -> bool:
    return head_length(head) == len(head)
