"""Undo HTTP/1.1 chunked framing, as RFC 9112 (section 7.1) reads it.

A response record keeps a chunked body as it crossed the wire: chunk-size lines with their
extensions, the chunks, the last chunk and the trailer section. The archive's readers (the
article indexer, ``articles get``) want the body without them. warcio's reader takes a trailer
section for body bytes, so this one is the archive's own: it reads each size line (extensions
ignored), the chunk, its line end, and stops at the last chunk, dropping the trailer section.
"""

from __future__ import annotations

import re

_SIZE = re.compile(rb"[ \t]*([0-9A-Fa-f]+)[ \t]*(?:;[^\n]*)?\r?\n")


class ChunkedBodyError(ValueError):
    """The framing of a chunked body is broken at ``offset``."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def dechunk(framed: bytes, allow_partial: bool = False) -> bytes:
    """The body ``framed`` carries. With ``allow_partial`` (a record cut short), the chunks that
    arrived; otherwise a body that ends early or is not chunked raises :class:`ChunkedBodyError`.
    """
    body = bytearray()
    position = 0
    with memoryview(framed) as data:
        while True:
            size_line = _SIZE.match(framed, position)
            if size_line is None:
                if allow_partial:
                    break
                raise ChunkedBodyError(f"no chunk size at byte {position}", position)
            size = int(size_line.group(1), 16)
            if size == 0:
                break
            start = size_line.end()
            body += data[start : start + size]
            position = start + size
            if framed.startswith(b"\r\n", position):
                position += 2
            elif framed.startswith(b"\n", position):
                position += 1
            elif allow_partial:
                break
            else:
                raise ChunkedBodyError(f"chunk at byte {start} does not end its line", position)
    return bytes(body)
