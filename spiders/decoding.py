"""Page bytes to text, the way a browser decodes them.

Its own small module, so the CLI (``articles get``) decodes pages without importing the
extraction libraries.
"""

from __future__ import annotations

import charset_normalizer
from w3lib.encoding import html_to_unicode, http_content_type_encoding


def decode_html(body: bytes, content_type_header: str | None) -> str:
    """Decode a response body the way a browser would.

    Order: byte-order mark, the Content-Type charset, then UTF-8 for a body that is valid
    UTF-8 beyond ASCII, whatever its ``<meta>`` says (text in a legacy charset with letters
    beyond ASCII is almost never valid UTF-8, while a page whose ``<meta>`` names Latin-1 or
    EUC-KR over UTF-8 bytes is common: its server's header said UTF-8, which a copy of the
    page without its header has lost), then ``<meta charset>`` or http-equiv, then detection
    (charset-normalizer), then UTF-8. Undecodable bytes become U+FFFD rather than an error,
    so a broken charset never loses the rest of the page.
    """
    if http_content_type_encoding(content_type_header) is None and not body.isascii():
        try:
            return _without_bom(body).decode("utf-8")
        except UnicodeDecodeError:
            pass
    _, text = html_to_unicode(content_type_header, body, auto_detect_fun=_detect_encoding)
    return text


def _without_bom(body: bytes) -> bytes:
    return body.removeprefix(b"\xef\xbb\xbf")


def _detect_encoding(body: bytes) -> str | None:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body[:65536]).best()
        return best.encoding if best is not None else None
    return "utf-8"
