"""The URLs a page or a stylesheet embeds: what it needs to render as its reader saw it.

One reading serves both ends of the archive. The crawl requests these URLs after each page and
each stylesheet (``spiders.requisites``); an export packs the captures of the same URLs with
the page (``storage.replayset``), so what replays is what was fetched for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin

from lxml import etree

# Compiled once and run on the parsed page itself: parsel's Selector per result cost more
# than the search.
_HTML_REFERENCES = etree.XPath(
    "//link[contains(' stylesheet icon shortcut preload apple-touch-icon ',"
    " concat(' ', normalize-space(@rel), ' '))]/@href"
    " | //script/@src | //img/@src | //video/@poster | //input[@type='image']/@src",
    smart_strings=False,
)
_SRCSETS = etree.XPath("//img/@srcset | //source/@srcset", smart_strings=False)
_STYLES = etree.XPath("//style/text() | //@style", smart_strings=False)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
_NOT_FETCHED = ("data:", "#", "javascript:", "about:")


def page_requisites(root: etree._Element, base_url: str) -> list[str]:
    """Absolute URLs of the resources a parsed HTML page embeds, in the order it embeds them.

    ``base_url`` is the page's URL, or its ``<base href>`` joined with it.
    """
    found: list[str] = list(_HTML_REFERENCES(root))
    for srcset in _SRCSETS(root):
        found.extend(c.strip().split(" ")[0] for c in str(srcset).split(",") if c.strip())
    for css in _STYLES(root):
        found.extend(css_references(str(css)))
    return absolute_urls(base_url, found)


def css_references(css: str) -> list[str]:
    """``url()`` and ``@import`` references of a stylesheet, as written."""
    return [a or b for a, b in _CSS_URL.findall(css)]


def absolute_urls(base_url: str, references: Iterable[str]) -> list[str]:
    """The http(s) URLs ``references`` name from ``base_url``, once each, in order."""
    urls = []
    for reference in references:
        reference = reference.strip()
        if reference and not reference.startswith(_NOT_FETCHED):
            url = urljoin(base_url, reference)
            if url.startswith(("http://", "https://")):
                urls.append(url)
    return list(dict.fromkeys(urls))
