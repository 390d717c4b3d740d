"""``storage.contentcoding``: every member decoded, within the limit, whatever the members' sizes.

``tests/test_warcreader.py`` covers the codings through archived records, and
``tests/test_hostile_sites.py`` the time a body of empty members takes in a crawl; these check
the member walking itself: members of every size around the slices it feeds, zstd frames, the
limit across members, and bodies that stop or turn to junk.
"""

from __future__ import annotations

import gzip
import os

import pytest
from backports import zstd

from storage.contentcoding import ContentDecodingError, DecodedSizeExceeded, codings_of, decode

#: Sizes around the first slice (256 B), its doublings and the largest slice (256 KiB).
SIZES = (0, 1, 255, 256, 257, 4_000, 70_000, 300_000)


def _pieces() -> list[bytes]:
    return [os.urandom(size // 2) + b"a" * (size - size // 2) for size in SIZES]


def test_gzip_members_of_every_size_decode_to_their_concatenation() -> None:
    pieces = _pieces()
    body = b"".join(gzip.compress(piece, mtime=0) for piece in pieces)
    assert decode(body, ["gzip"], 1 << 20, allow_partial=False) == b"".join(pieces)


def test_zstd_frames_decode_to_their_concatenation() -> None:
    pieces = _pieces()
    body = b"".join(zstd.compress(piece) for piece in pieces)
    assert decode(body, ["zstd"], 1 << 20, allow_partial=False) == b"".join(pieces)


def test_the_limit_counts_every_member() -> None:
    body = gzip.compress(b"x" * 600, mtime=0) * 2
    assert len(decode(body, ["gzip"], 1200, allow_partial=False)) == 1200
    with pytest.raises(DecodedSizeExceeded, match="exceeds 1199 bytes"):
        decode(body, ["gzip"], 1199, allow_partial=True)


def test_layers_are_undone_last_applied_first() -> None:
    body = zstd.compress(gzip.compress(b"page", mtime=0))
    codings = codings_of(["gzip", " ZSTD , identity"])
    assert codings == ["gzip", "zstd"]
    assert decode(body, codings, 100, allow_partial=False) == b"page"


def test_a_body_cut_in_a_member_decodes_as_far_as_it_goes_only_when_allowed() -> None:
    text = os.urandom(5_000)
    body = gzip.compress(b"first", mtime=0) + gzip.compress(text, mtime=0)[:-100]
    partial = decode(body, ["gzip"], 1 << 20, allow_partial=True)
    assert partial.startswith(b"first") and text.startswith(partial[5:])
    with pytest.raises(ContentDecodingError, match="ends before"):
        decode(body, ["gzip"], 1 << 20, allow_partial=False)


def test_junk_after_a_complete_member_is_ignored_but_junk_alone_is_an_error() -> None:
    body = gzip.compress(b"page", mtime=0) + b"\0" * 64
    assert decode(body, ["gzip"], 100, allow_partial=False) == b"page"
    with pytest.raises(ContentDecodingError, match="gzip body does not decode"):
        decode(b"\0" * 64, ["gzip"], 100, allow_partial=True)
