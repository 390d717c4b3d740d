"""Where a news site lists its articles: feeds, sitemaps and links.

Parsing is defensive: sitemaps go through lxml with entity resolution and network access
off, feeds through feedparser, and gzipped sitemaps are inflated with a size cap
(``storage.contentcoding``), so a billion-laughs file or a compression bomb costs nothing.
"""

from __future__ import annotations

import io
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.response import get_base_url
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from spiders.dates import parse_date
from storage.contentcoding import ContentDecodingError, decode

if TYPE_CHECKING:
    from scrapy.http import HtmlResponse

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
MAX_SITEMAP_SIZE = 50 * 1024 * 1024  # the sitemaps.org limit for an uncompressed sitemap


class DiscoveryError(ValueError):
    """A feed or sitemap could not be read."""


@dataclass(frozen=True)
class Entry:
    """An article URL a feed or sitemap announces, with its date when given."""

    url: str
    date: datetime | None = None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text:
            return child.text.strip()
    return None


def sitemap_entries(body: bytes) -> tuple[bool, Iterator[Entry]]:
    """Return ``(is_index, entries)`` of a sitemap or sitemap index, gzipped or not.

    Entries are read as the parser goes, so a 50,000-URL sitemap never sits in memory as a
    tree. Google News sitemaps give ``news:publication_date``, preferred over ``lastmod``.
    Iterating may raise DiscoveryError, like the call itself.
    """
    if body[:2] == b"\x1f\x8b":
        try:
            body = decode(body, ["gzip"], MAX_SITEMAP_SIZE, allow_partial=True)
        except ContentDecodingError as exc:
            raise DiscoveryError(f"cannot inflate sitemap: {exc}") from None
    events = etree.iterparse(
        io.BytesIO(body),
        events=("start", "end"),
        recover=True,
        remove_comments=True,
        resolve_entities=False,
        no_network=True,
    )
    try:
        _, root = next(events)
    except StopIteration:
        root = None
    except etree.LxmlError as exc:
        raise DiscoveryError(f"malformed sitemap: {exc}") from None
    kind = _local(root.tag) if root is not None else ""
    if kind not in ("sitemapindex", "urlset"):
        raise DiscoveryError(f"not a sitemap (root element {kind or 'missing'!r})")
    return kind == "sitemapindex", _sitemap_items(events, root)


def _sitemap_items(
    events: Iterator[tuple[str, etree._Element]], root: etree._Element
) -> Iterator[Entry]:
    try:
        for event, item in events:
            if event != "end" or item.getparent() is not root:
                continue
            url = _child_text(item, "loc")
            if url:
                date = parse_date(_child_text(item, "publication_date"))
                yield Entry(url, date or parse_date(_child_text(item, "lastmod")))
            # Read entries are dropped, so the tree never grows past one entry.
            item.clear()
            while item.getprevious() is not None:
                del root[0]
    except etree.LxmlError as exc:
        raise DiscoveryError(f"malformed sitemap: {exc}") from None


def feed_entries(body: bytes, base_url: str) -> list[Entry]:
    """Article links of an RSS or Atom feed, newest information first as given."""
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if parsed.bozo and not parsed.entries:
        raise DiscoveryError(f"malformed feed: {parsed.get('bozo_exception')}")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        date = datetime(*stamp[:6]).replace(tzinfo=UTC) if stamp else None
        entries.append(Entry(link, date))
    return entries


def feed_links(response: HtmlResponse) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="…rss+xml|atom+xml">``."""
    hrefs = []
    for link in response.xpath("//link[@href][contains(concat(' ', @rel, ' '), ' alternate ')]"):
        if (link.attrib.get("type") or "").lower() in FEED_TYPES:
            hrefs.append(response.urljoin(link.attrib["href"]))
    return hrefs


#: Files Scrapy's LinkExtractor does not follow: images, media, archives, office documents.
_IGNORED_EXTENSIONS = frozenset(f".{extension}" for extension in IGNORED_EXTENSIONS)
_HREFS = etree.XPath("//a/@href | //area/@href", smart_strings=False)


def page_links(response: HtmlResponse) -> list[str]:
    """Links a page offers to follow (scope and trap checks happen later, in middlewares).

    The links Scrapy's ``LinkExtractor`` finds (``<a>`` and ``<area>`` hrefs resolved against
    the page's ``<base>``, none to a file of an extension it ignores), without the link
    text, the escaping of ASCII URLs (``Request`` does that again anyway) and the other work
    it does for every link: that was a sixth of the crawl's CPU.
    """
    base = get_base_url(response)
    found: dict[str, None] = {}
    for href in _HREFS(response.selector.root):
        href = strip_html5_whitespace(href)
        if not href:
            continue
        try:
            url = urljoin(base, href)
            if not url.isascii():  # the query is encoded as the page is, like browsers do
                url = safe_url_string(url, encoding=response.encoding)
            extension = posixpath.splitext(urlsplit(url).path)[1].lower()
        except ValueError:
            continue  # a bogus link, such as an unclosed IPv6 host
        if url.startswith(("http://", "https://")) and extension not in _IGNORED_EXTENSIONS:
            found[url] = None
    return list(found)
