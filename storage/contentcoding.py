"""Undo an HTTP body's Content-Encoding within a size limit, in time linear in its size.

Both the crawl (``spiders.contentdecoding``, for the spider to parse) and the archive's readers
(:meth:`storage.warcreader.ArchivedRecord.decoded_body`: the article indexer, ``articles get``)
decode bodies a hostile site chose. So decoding here never produces more than ``max_size``
bytes (a compression bomb is refused, not inflated), and its cost grows with the input, never
faster: a body of a million empty gzip members, each of which the usual loop over
``unused_data`` copies the rest of the body to reach, takes as long as any other body of its
size. Input is fed to each member in slices that start small and double, so reaching the next
member copies at most about twice what the member itself took.

gzip (and x-gzip) and zstd bodies may hold several members or frames, which decode to the
concatenation of their contents; deflate is taken zlib-wrapped or raw, as servers send both;
br needs the ``brotli`` package. Like browsers, junk after a complete stream is ignored.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from typing import Protocol

try:
    from compression import zstd  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # before Python 3.14, Scrapy brings the backport
    from backports import zstd  # type: ignore[no-redef,unused-ignore]

#: Input handed to a member's decompressor at first; doubled while the member goes on.
_FIRST_SLICE = 256
_LARGEST_SLICE = 256 * 1024
#: Decoded output taken from a decompressor at a time.
_OUTPUT_CHUNK = 1024 * 1024


class ContentDecodingError(ValueError):
    """A body cannot be decoded according to its Content-Encoding."""


class DecodedSizeExceeded(ContentDecodingError):
    """Decoding would produce more than ``max_size`` bytes (a compression bomb, or just big)."""

    def __init__(self, max_size: int) -> None:
        super().__init__(f"decoded body exceeds {max_size} bytes")
        self.max_size = max_size


class _Decompressor(Protocol):
    """What zlib's and zstd's decompressor objects have in common."""

    @property
    def eof(self) -> bool: ...

    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: bytes | memoryview, max_length: int, /) -> bytes: ...


def codings_of(header_values: Iterable[str]) -> list[str]:
    """The codings named by ``Content-Encoding`` header values, in the order applied."""
    return [
        coding.strip().lower()
        for value in header_values
        for coding in value.split(",")
        if coding.strip().lower() not in ("", "identity")
    ]


def is_supported(coding: str) -> bool:
    """True for a coding :func:`decode` undoes (br only with ``brotli`` installed)."""
    if coding == "br":
        try:
            import brotli  # noqa: F401
        except ImportError:
            return False
        return True
    return coding in _MEMBERED or coding == "deflate"


def decode(body: bytes, codings: list[str], max_size: int, *, allow_partial: bool) -> bytes:
    """Undo ``codings`` (as :func:`codings_of` lists them), the last one applied first.

    With ``allow_partial``, a body that ends early or turns into junk yields what decoded
    before (a record cut with ``WARC-Truncated``, or what a browser would show); otherwise that
    raises :class:`ContentDecodingError`. Over ``max_size`` bytes raises
    :class:`DecodedSizeExceeded` whatever ``allow_partial`` says.
    """
    for coding in reversed(codings):
        body = _decode_one(coding, body, max_size, allow_partial)
    return body


def _decode_one(coding: str, data: bytes, max_size: int, allow_partial: bool) -> bytes:
    if coding in _MEMBERED:
        return _members(coding, _MEMBERED[coding], data, max_size, allow_partial)
    if coding == "deflate":
        try:
            return _members(coding, _zlib_wrapped, data, max_size, allow_partial, once=True)
        except DecodedSizeExceeded:
            raise
        except ContentDecodingError:
            return _members(coding, _raw_deflate, data, max_size, allow_partial, once=True)
    if coding == "br":
        return _unbrotli(data, max_size, allow_partial)
    raise ContentDecodingError(f"unsupported Content-Encoding {coding!r}")


def _gzip_member() -> _Decompressor:
    return zlib.decompressobj(zlib.MAX_WBITS | 16)


def _zlib_wrapped() -> _Decompressor:
    return zlib.decompressobj(zlib.MAX_WBITS)


def _raw_deflate() -> _Decompressor:
    return zlib.decompressobj(-zlib.MAX_WBITS)


def _zstd_frame() -> _Decompressor:
    return zstd.ZstdDecompressor()


#: Codings whose body may be several members (frames), decoded one after the other.
_MEMBERED: dict[str, Callable[[], _Decompressor]] = {
    "gzip": _gzip_member,
    "x-gzip": _gzip_member,
    "zstd": _zstd_frame,
}


def _members(
    coding: str,
    new_member: Callable[[], _Decompressor],
    data: bytes,
    max_size: int,
    allow_partial: bool,
    *,
    once: bool = False,
) -> bytes:
    """Decode the members of ``data`` one after the other (only the first with ``once``)."""
    view = memoryview(data)
    output = _Output(max_size)
    position = 0
    complete = False
    while position < len(view) and not (once and complete):
        member = new_member()
        size = _FIRST_SLICE
        while True:
            piece = view[position : position + size]
            try:
                output.drain(member, piece)
            except (zlib.error, zstd.ZstdError, EOFError) as exc:
                if complete or (allow_partial and output.size):
                    return output.value()
                raise ContentDecodingError(f"{coding} body does not decode: {exc}") from None
            if member.eof:
                position += len(piece) - len(member.unused_data)
                complete = True
                break
            # Not at its end, and drained: the member took all of the piece.
            position += len(piece)
            if position >= len(view):
                if allow_partial:
                    return output.value()
                raise ContentDecodingError(f"{coding} body ends before its compressed stream does")
            size = min(size * 2, _LARGEST_SLICE)
    return output.value()


class _Output:
    """Decoded bytes, taken from a decompressor a chunk at a time up to a limit.

    Chunks, not one buffer sized by the decompressor: a bomb refused at the limit has then
    only ever held chunks that the allocator hands to the next one, rather than fresh memory
    for each (the kernel's work of mapping it cost more than the inflating).
    """

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self.size = 0
        self._chunks: list[bytes] = []

    def drain(self, member: _Decompressor, piece: memoryview) -> None:
        """Decompress ``piece`` and whatever output it leads to; raise once over the limit."""
        data: bytes | memoryview = piece
        while True:
            room = min(_OUTPUT_CHUNK, self.max_size + 1 - self.size)
            chunk = member.decompress(data, room)
            if chunk:
                self._chunks.append(chunk)
                self.size += len(chunk)
            if self.size > self.max_size:
                self._chunks.clear()  # before the exception, whose traceback keeps this frame
                raise DecodedSizeExceeded(self.max_size)
            if member.eof or len(chunk) < room:
                return
            # Output was cut at ``room``: zlib hands back the input it did not read yet, zstd
            # keeps it and wants to be asked again.
            data = getattr(member, "unconsumed_tail", b"")

    def value(self) -> bytes:
        return b"".join(self._chunks)


def _unbrotli(data: bytes, max_size: int, allow_partial: bool) -> bytes:
    try:
        import brotli
    except ImportError:
        raise ContentDecodingError("br body needs the 'brotli' package to decode") from None
    decompressor = brotli.Decompressor()
    try:
        output: bytes = decompressor.process(data, output_buffer_limit=max_size + 1)
    except brotli.error as exc:
        raise ContentDecodingError(f"br body does not decode: {exc}") from None
    if len(output) > max_size:
        raise DecodedSizeExceeded(max_size)
    if not decompressor.is_finished() and not allow_partial:
        raise ContentDecodingError("br body ends before its compressed stream does")
    return output
