"""Is this page an article? Decided from the page itself, without per-site configuration.

Only article pages go into the index (every page is archived in the WARC files either
way), so a hub wrongly taken for an article pollutes search and a missed article is
missing from it. The signals, strongest first:

1. ``article_patterns`` from the sites file, when given, decide alone.
2. A hub URL (home, tag, category, author, calendar, search, pagination, about/contact/…)
   is never an article.
3. JSON-LD: an Article type (NewsArticle, BlogPosting, …, also inside ``@graph`` or in a
   list of types) says yes; WebPage, CollectionPage, ItemList, SearchResultsPage,
   ProfilePage and AboutPage say no.
4. OpenGraph ``og:type=article`` or ``article:published_time``.
5. Structure: one block of substantial prose with a byline, ``<time>``, a single
   ``<article>`` or ``<h1>`` says yes; a list of headline teasers says no.
6. A date in the URL (``/2024/05/17/slug``) is a weak yes, for pages with some prose.

:func:`looks_like_hub_url` is the URL-only part (step 2 on its own).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

from spiders.dates import url_date
from spiders.extraction import (
    ExtractionError,
    StructuredData,
    is_article_type,
    jsonld_types,
    parse_html,
    structured_from_tree,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement


@dataclass(frozen=True)
class Verdict:
    """Whether a page is an article, and the signal that decided it (for logs and tests)."""

    is_article: bool
    reason: str


def detect_article(
    url: str,
    html: str,
    *,
    article_patterns: Sequence[str] = (),
    structured: StructuredData | None = None,
) -> Verdict:
    """Decide whether the page at ``url`` is an article.

    Raises ValueError only for an invalid regular expression in ``article_patterns``.
    """
    verdict = url_verdict(url, article_patterns)
    if verdict is not None:
        return verdict
    try:
        tree = parse_html(html)
    except ExtractionError as exc:
        return Verdict(False, f"unusable page: {exc}")
    return page_verdict(url, tree, structured or structured_from_tree(tree, url))


def page_verdict(url: str, tree: HtmlElement, structured: StructuredData) -> Verdict:
    """The verdict of the page's own signals (steps 3 to 6), for a URL that decided nothing."""
    return (
        _from_jsonld(structured)
        or _from_opengraph(structured)
        or _from_structure(tree, url)
        or Verdict(False, "no article signal")
    )


def url_verdict(url: str, article_patterns: Sequence[str] = ()) -> Verdict | None:
    """The verdict the URL alone gives (steps 1 and 2), or None when the page must be read.

    Raises ValueError only for an invalid regular expression in ``article_patterns``.
    """
    if article_patterns:
        matched = any(pattern.search(url) for pattern in _compile(tuple(article_patterns)))
        return Verdict(matched, "pattern" if matched else "no pattern matched")
    hub = _hub_kind(url)
    return Verdict(False, f"hub: {hub}") if hub is not None else None


def looks_like_hub_url(url: str) -> bool:
    """True when the URL alone shows a hub: home, section, tag, author, archive, search, page N."""
    return _hub_kind(url) is not None


@functools.lru_cache(maxsize=64)
def _compile(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(f"invalid article pattern {pattern!r}: {exc}") from None
    return compiled


# --- URL ------------------------------------------------------------------------------

_LISTING_SEGMENTS = {
    "tag": {"tag", "tags", "topic", "topics", "keyword", "keywords", "label", "labels", "thema"},
    "category": {"category", "categories", "section", "sections", "rubric", "rubrik", "rubrique"},
    "author": {
        "author",
        "authors",
        "autor",
        "autoren",
        "auteur",
        "writer",
        "contributor",
        "byline",
    },
    "search": {"search", "suche", "recherche", "buscar"},
}
_LISTING_KIND = {
    segment: kind for kind, segments in _LISTING_SEGMENTS.items() for segment in segments
}
_STATIC_PAGES = {
    "about", "about-us", "aboutus", "who-we-are", "contact", "contact-us", "contacts",
    "privacy", "privacy-policy", "privacy-notice", "terms", "terms-of-service", "terms-of-use",
    "terms-and-conditions", "tos", "imprint", "impressum", "legal", "disclaimer", "cookies",
    "cookie-policy", "accessibility", "subscribe", "subscription", "newsletter", "newsletters",
    "login", "signin", "sign-in", "register", "signup", "account", "advertise", "advertising",
    "careers", "jobs", "faq", "help", "sitemap", "masthead", "team", "staff",
}  # fmt: skip
_HOME_PAGES = {"index", "index.html", "index.htm", "index.php", "default.aspx", "home"}
_SEARCH_PARAMS = {"s", "q", "query", "search", "keyword", "keywords", "term"}
_PAGE_PARAMS = {"page", "paged", "pg", "pagenum", "start"}
_TRACKING = {"fbclid", "gclid", "ref", "source", "cmp", "mc_cid", "mc_eid"}
_LISTING_PARAMS = {"cat": "category", "tag": "tag", "author": "author", "m": "calendar"}


def _hub_kind(url: str) -> str | None:
    parts = urlsplit(url)
    segments = [unquote(s).lower() for s in parts.path.split("/") if s]
    query = [(k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    for key, value in query:
        if key in _SEARCH_PARAMS:
            return "search"
        if key in _PAGE_PARAMS and value.isdigit():
            return "pagination"
        if key in _LISTING_PARAMS and value:
            return _LISTING_PARAMS[key]
    if not segments or (len(segments) == 1 and _is_home_segment(segments[0])):
        # "/?p=48213" is a WordPress post; only tracking parameters keep a root URL home.
        identifying = [k for k, _ in query if not k.startswith("utm_") and k not in _TRACKING]
        return None if identifying else "home"
    for i, segment in enumerate(segments[:-1]):
        if segment == "page" and segments[i + 1].isdigit():
            return "pagination"
    if _is_calendar(segments):
        return "calendar"
    for i, segment in enumerate(segments):
        kind = _LISTING_KIND.get(segment)
        tail = segments[i + 1 :]
        if kind is not None and len(tail) <= 2 and not any(map(_has_date, tail)):
            return kind
        if segment in {"archive", "archives", "archiv"} and (not tail or _is_calendar(tail)):
            return "calendar"
    last = re.sub(r"\.(?:html?|php|aspx?)$", "", segments[-1])
    if len(segments) <= 2 and last in _STATIC_PAGES:
        return "static"
    return None


def _is_home_segment(segment: str) -> bool:
    return segment in _HOME_PAGES or re.fullmatch(r"[a-z]{2}(?:[-_][a-z]{2})?", segment) is not None


def _is_calendar(segments: list[str]) -> bool:
    """``/2024/``, ``/2024/05/``, ``/news/2024/05/17/``: a date with nothing after it."""
    for start in (0, 1):
        dates = segments[start:]
        if (
            0 < len(dates) <= 3
            and re.fullmatch(r"(?:19|20)\d{2}", dates[0])
            and all(re.fullmatch(r"\d{1,2}", s) for s in dates[1:])
        ):
            return True
    return False


def _has_date(segment: str) -> bool:
    return re.search(r"(?:19|20)\d{2}", segment) is not None


# --- JSON-LD and OpenGraph ------------------------------------------------------------

_NOT_ARTICLE_TYPES = {
    "WebPage", "CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage", "AboutPage",
    "ContactPage", "FAQPage", "MediaGallery", "ImageGallery", "VideoGallery", "CheckoutPage",
}  # fmt: skip
# Listing pages sometimes describe each teaser as an Article node next to the page node.
_LISTING_TYPES = {"CollectionPage", "SearchResultsPage", "ProfilePage", "MediaGallery"}


def _from_jsonld(structured: StructuredData) -> Verdict | None:
    nodes = structured.jsonld_nodes()
    types = [t for node in nodes for t in jsonld_types(node)]
    listing = next((t for t in types if t in _LISTING_TYPES), None)
    if listing:
        return Verdict(False, f"json-ld {listing}")
    article = next((t for t in types if is_article_type(t)), None)
    if article is None:
        article = next(
            (t for node in nodes for t in _main_entity_types(node) if is_article_type(t)), None
        )
    if article:
        return Verdict(True, f"json-ld {article}")
    page = next((t for t in types if t in _NOT_ARTICLE_TYPES), None)
    return Verdict(False, f"json-ld {page}") if page else None


def _main_entity_types(node: dict[str, object]) -> list[str]:
    entity = node.get("mainEntity")
    return jsonld_types(entity) if isinstance(entity, dict) else []


def _from_opengraph(structured: StructuredData) -> Verdict | None:
    if (structured.og("og:type") or "").lower() == "article":
        return Verdict(True, "og:type=article")
    if structured.og("article:published_time") or structured.meta.get("article:published_time"):
        return Verdict(True, "article:published_time")
    return None


# --- Structure ------------------------------------------------------------------------

#: Prose of at least this many characters, in at least this many paragraphs of one block,
#: is an article body; teaser lists never have it in one block.
SUBSTANTIAL_CHARS = 500
SUBSTANTIAL_PARAGRAPHS = 3
#: Headline links (h2 to h4 made of a link) that make a page without prose a listing.
TEASER_HEADLINES = 4

_BOILERPLATE_TAGS = {"nav", "header", "footer", "aside", "form"}


def _from_structure(tree: HtmlElement, url: str) -> Verdict | None:
    chars, paragraphs = _main_prose(tree)
    if chars >= SUBSTANTIAL_CHARS and paragraphs >= SUBSTANTIAL_PARAGRAPHS:
        if _has_article_frame(tree):
            return Verdict(True, "structure")
    elif _teaser_headlines(tree) >= TEASER_HEADLINES:
        return Verdict(False, "hub: teasers")
    if url_date(url) is not None and chars >= SUBSTANTIAL_CHARS // 2:
        return Verdict(True, "url-date")
    return None


def _main_prose(tree: HtmlElement) -> tuple[int, int]:
    """Characters and paragraphs of the largest block of sibling ``<p>`` outside page chrome.

    Link text does not count: a paragraph that is all link is navigation, not prose.
    """
    blocks: dict[HtmlElement, list[int]] = {}
    for paragraph in tree.iter("p"):
        if any(a.tag in _BOILERPLATE_TAGS for a in paragraph.iterancestors()):
            continue
        linked = sum(len(_squash(a.text_content())) for a in paragraph.iter("a"))
        own = len(_squash(paragraph.text_content())) - linked
        if own >= 40:
            block = blocks.setdefault(paragraph.getparent(), [0, 0])
            block[0] += own
            block[1] += 1
    return max(((chars, count) for chars, count in blocks.values()), default=(0, 0))


def _has_article_frame(tree: HtmlElement) -> bool:
    """A byline, a ``<time>``, one top-level ``<article>`` or one ``<h1>``: a single story."""
    return bool(
        tree.xpath(
            "boolean(//time | //*[@rel='author'] | //*[@itemprop='author']"
            " | //*[contains(@class, 'byline')])"
        )
        or len(tree.xpath("//article[not(ancestor::article)]")) == 1
        or len(tree.xpath("//h1")) == 1
    )


def _teaser_headlines(tree: HtmlElement) -> int:
    count = 0
    for heading in tree.xpath("//h2[.//a[@href]] | //h3[.//a[@href]] | //h4[.//a[@href]]"):
        text = _squash(heading.text_content())
        linked = sum(len(_squash(a.text_content())) for a in heading.iter("a"))
        if text and linked >= 0.8 * len(text):
            count += 1
    return count


def _squash(text: str) -> str:
    return " ".join(text.split())
