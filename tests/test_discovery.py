"""Links followed from pages: the same as Scrapy's LinkExtractor finds, for less CPU."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from spiders.discovery import page_links

PAGES = sorted((Path(__file__).parent / "pages").glob("*.html"))
EXTRA = b"""<html><head><base href="https://cdn.example/base/"></head><body>
<a href=" rel/ative ">spaces</a> <a href="#top">top</a> <a href="/doc.pdf">pdf</a>
<a href="/photo.JPG">image</a> <a href="mailto:a@b.example">mail</a>
<a href="javascript:void(0)">js</a> <a href="/caf\xe9?q=\xe9t\xe9">latin-1</a>
<a href="http://[::1">bogus</a> <map><area href="/area-link"></map> <a href="/x#frag">x</a>
<a href="/dup">1</a><a href="/dup">2</a></body></html>"""


def _response(url: str, body: bytes, encoding: str = "utf-8") -> HtmlResponse:
    return HtmlResponse(url, body=body, encoding=encoding)


def _expected(response: HtmlResponse) -> list[str]:
    return [
        link.url for link in LinkExtractor(unique=True, canonicalize=False).extract_links(response)
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_page_links_match_link_extractor(page: Path) -> None:
    response = _response("https://news.example/2024/05/17/story/", page.read_bytes())
    assert page_links(response) == _expected(response)


def test_page_links_handle_base_whitespace_extensions_and_encodings() -> None:
    response = _response("https://news.example/page", EXTRA, encoding="latin-1")
    links = page_links(response)
    assert links == _expected(response)
    assert links == [
        "https://cdn.example/base/rel/ative",
        "https://cdn.example/base/#top",
        "https://cdn.example/caf%C3%A9?q=%E9t%E9",
        "https://cdn.example/area-link",
        "https://cdn.example/x#frag",
        "https://cdn.example/dup",
    ]
