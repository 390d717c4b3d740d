"""Page bytes to text, the way a browser decodes them.

Its own small module, so the CLI (``articles get``) decodes pages without importing the
extraction libraries.
"""

from __future__ import annotations

import charset_normalizer
from w3lib.encoding import html_to_unicode


def decode_html(body: bytes, content_type_header: str | None) -> str:
    """Decode a response body the way a browser would.

    Order: byte-order mark, the Content-Type charset, ``<meta charset>`` or http-equiv, then
    detection (strict UTF-8, else charset-normalizer), then UTF-8. Undecodable bytes become
    U+FFFD rather than an error, so a broken charset never loses the rest of the page.
    """
    _, text = html_to_unicode(content_type_header, body, auto_detect_fun=_detect_encoding)
    return text


def _detect_encoding(body: bytes) -> str | None:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body[:65536]).best()
        return best.encoding if best is not None else None
    return "utf-8"
