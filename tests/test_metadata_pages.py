"""Real page shapes of issue 17 (tests/pages/metadata/): each is recognised as what it is, with
the date, the people and the publisher its ground truth gives.

``truth.json`` is the format ``benchmarks/metadata_bench.py`` reads, so the same pages score
newsarchiver against trafilatura there.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from spiders.decoding import decode_html
from spiders.detection import detect_article
from spiders.extraction import ArticleFields, extract_article

PAGES = Path(__file__).parent / "pages" / "metadata"
TRUTH: list[dict[str, Any]] = json.loads((PAGES / "truth.json").read_text(encoding="utf-8"))


def read(entry: dict[str, Any]) -> tuple[bool, ArticleFields | None]:
    html = decode_html((PAGES / entry["file"]).read_bytes(), "text/html")
    verdict = detect_article(entry["url"], html)
    return verdict.is_article, extract_article(entry["url"], html) if verdict.is_article else None


def same_text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


@pytest.mark.parametrize("entry", TRUTH, ids=[entry["file"] for entry in TRUTH])
def test_page_reads_as_its_ground_truth(entry: dict[str, Any]) -> None:
    is_article, fields = read(entry)
    assert is_article == entry.get("article", True), entry["kind"]
    if fields is None:
        return
    want = datetime.fromisoformat(entry["date"])
    assert fields.published is not None, entry["kind"]
    if want.tzinfo is not None:
        assert fields.published == want
        assert fields.published.utcoffset() == want.utcoffset(), "shown in the page's offset"
    elif "T" in entry["date"]:
        assert fields.published.replace(tzinfo=None) == want  # the wall-clock time shown
    else:
        assert fields.published.date() == want.date()
    assert [same_text(a) for a in fields.authors] == [same_text(a) for a in entry["authors"]]
    if "publisher" in entry:
        assert fields.publisher == entry["publisher"]
    assert fields.title in entry["titles"]


def test_text_fields_carry_no_invisible_characters() -> None:
    for entry in TRUTH:
        _, fields = read(entry)
        if fields is None:
            continue
        for value in (fields.title, fields.social_title, fields.description, *fields.authors):
            assert value is None or value == " ".join(value.split()), value
            assert value is None or not {"\u00ad", "\u200b", "\ufeff"} & set(value), value
