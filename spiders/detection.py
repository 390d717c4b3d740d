"""Is this page an article? Decided from the page itself, without per-site configuration.

Only article pages go into the index (every page is archived in the WARC files either
way), so a hub wrongly taken for an article pollutes search and a missed article is
missing from it. The signals, strongest first:

1. ``article_patterns`` from the sites file, when given, decide alone.
2. A hub URL (home, tag, category, author, calendar, search, pagination, about/contact/…,
   a page of data such as ``/weather/berlin``) is never an article. A story under a listing
   segment (``/autoren/jane-doe/a-long-slug``) is read like any other page.
3. JSON-LD: a listing type (CollectionPage, SearchResultsPage, ProfilePage, MediaGallery)
   says no; an Article type (NewsArticle, BlogPosting, …, also inside ``@graph``, in a list
   of types or as ``mainEntity``) says yes; one job ad, event or product on a page that is
   not ``og:type=article`` says no (a story's sidebar may list several events); a gallery
   with its own headline and date is left to the next steps (a gallery story), another page
   type (ItemList, AboutPage, ImageGallery…) says no, and so does a bare WebPage unless the
   page shows a story (step 7).
4. OpenGraph ``og:type=article`` or ``article:published_time``; ``og:type=article`` alone
   on a list of teasers without a byline or a date by its headline says no (Yoast writes it
   on category archives). A profile, product, place or video type says no, unless a news
   video's page (``video.other``) also shows its story as step 7 reads one.
5. Article markup in the other vocabularies: a schema.org Article item in microdata or RDFa
   (one or two of them; more are a teaser list), an hNews entry, or a single hAtom entry
   with its own date or author.
6. Structure: a long body of prose with a frame (the main headline, a single ``<article>``,
   a byline or a ``<time>``) says yes; a list of headline teasers says no.
7. A story as a reader sees it, for a page whose JSON-LD only says WebPage: the main
   headline, a byline or a date close to it (or atop a side column of the page's one
   ``<article>``, where some layouts set them beside the headline), and a long body.
8. A date in the URL (``/2024/05/17/slug``) is a weak yes, for pages with some prose.

:func:`looks_like_hub_url` is the URL-only part (step 2 on its own). The page's parts
(headline, body, the zone around the headline) come from :mod:`spiders.anatomy`; plain
class and attribute checks stand in for a microformats parser, which would parse the whole
page again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

import lxml.etree

from spiders.anatomy import CREDIT_WORDS, PARAGRAPH_CHARS, Anatomy
from spiders.datelines import MODIFIED_LABEL
from spiders.dates import date_start, url_date
from spiders.extraction import (
    ExtractionError,
    StructuredData,
    is_article_type,
    jsonld_types,
    parse_html,
    structured_from_tree,
    title_hints,
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


def page_verdict(
    url: str, tree: HtmlElement, structured: StructuredData, anatomy: Anatomy | None = None
) -> Verdict:
    """The verdict of the page's own signals (steps 3 to 8), for a URL that decided nothing.

    ``anatomy`` is the page's :class:`~spiders.anatomy.Anatomy` when the caller has one.
    """
    if anatomy is None:
        anatomy = Anatomy(tree, url, title_hints(tree, structured))
    jsonld = _from_jsonld(structured)
    if jsonld is not None:
        if jsonld.reason == "json-ld WebPage":
            # Many CMSs describe every page as a WebPage: what the page shows decides.
            markup = _from_markup(tree)
            if markup is not None:
                return markup
            if _shows_a_story(anatomy):
                return Verdict(True, "structure")
        return jsonld
    return (
        _from_opengraph(structured, tree, anatomy)
        or _from_markup(tree)
        or _from_structure(tree, url, anatomy)
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
        "reporter",
        "reporters",
        "journalist",
        "journalists",
        "columnist",
        "columnists",
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
    "our-history", "history", "our-story", "kontakt", "ueber-uns", "uber-uns", "contacto",
    "contactenos", "quienes-somos", "nosotros", "contato", "quem-somos", "contatti",
    "chi-siamo", "a-propos", "qui-sommes-nous", "datenschutz", "mentions-legales",
}  # fmt: skip
#: Pages of data rather than stories: a forecast, market prices, listings. Under one, only a
#: place or an id follows ("/weather/2643743", "/wetter/berlin"); a story's slug has more words.
_DATA_PAGES = {
    "weather", "wetter", "meteo", "météo", "tiempo", "clima", "pogoda", "погода", "hava-durumu",
    "markets", "stocks", "quotes", "tv-guide", "tv-listings", "horoscope", "horoscopes",
    "lottery", "traffic",
}  # fmt: skip
_HOME_PAGES = {
    "index", "index.html", "index.htm", "index.shtml", "index.php", "index.asp", "index.cfm",
    "index.jsp", "default.aspx", "default.asp", "default.htm", "default.html", "home",
    "home.html", "home.php",
}  # fmt: skip
_SEARCH_PARAMS = {"s", "q", "query", "search", "keyword", "keywords", "term"}
_PAGE_PARAMS = {"page", "paged", "pg", "pagenum", "start"}
_TRACKING = {"fbclid", "gclid", "ref", "source", "cmp", "mc_cid", "mc_eid"}
_LISTING_PARAMS = {"cat": "category", "tag": "tag", "author": "author", "m": "calendar"}
#: Parameters that name one item by its number: a listing's parameter beside one is the item's
#: section ("news_detail.php?id=24517&cat=1").
_ITEM_PARAMS = {"id", "nid", "newsid", "news_id", "articleid", "article_id", "aid", "storyid"}
#: What a listing parameter's value looks like: WordPress' ``?m=202405`` is a month archive,
#: Blogger's ``?m=1`` is the mobile view of any page; a category's number is short, and one
#: of six digits or more numbers a story ("view.php?cat=301234", as Al Mada's are
#: addressed), which the page then shows.
_LISTING_VALUES = {
    "m": re.compile(r"(?:19|20)\d{2}(?:\d{2}){0,2}"),
    "cat": re.compile(r"(?!\d{6,}$).+"),
}
#: Words of a slug that make it a sentence, a story's, not a person's or a topic's name
#: ("ana-carolina-de-souza-lima", "elecciones-presidenciales-de-estados-unidos"); fewer with
#: the story's number.
_SENTENCE_WORDS = 8
_NUMBERED_SENTENCE_WORDS = 5


def _sentence_slug(segment: str) -> bool:
    """Whether a path segment is a story's slug: a sentence, or a shorter one and its number."""
    words = re.split(r"[-_]", segment)
    numbered = re.search(r"\d{5,}", segment) is not None
    return len(words) >= _SENTENCE_WORDS or (numbered and len(words) >= _NUMBERED_SENTENCE_WORDS)


#: A last path segment that names one story: several words, or an id with an extension, or
#: a long hexadecimal one ("/category/society/a8f2c91d0e7b4c6f9d31e25a7b04c8f1").
_STORY_SLUG = re.compile(
    r"(?:[^\W_]+[-_]){2,}[^\W_]+.*|.*\d{4,}.*|.+\.(?:html?|php|aspx?)|[0-9a-f]{16,}"
)


def _hub_kind(url: str) -> str | None:
    parts = urlsplit(url)
    segments = [unquote(s).lower() for s in parts.path.split("/") if s]
    query = [(k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    for key, value in query:
        if key in _SEARCH_PARAMS and (value.strip() or not any(v for k, v in query if k != key)):
            # an empty one beside the fields that name a story ("Main.asp?T=3082&S=&id=12")
            # searches nothing; alone ("/?s=") it lists every post
            return "search"
        if key in _PAGE_PARAMS and value.isdigit():
            return "pagination"
        if (
            key in _LISTING_PARAMS
            and value
            and not any(k in _ITEM_PARAMS and v.isdigit() for k, v in query)
        ):
            shape = _LISTING_VALUES.get(key)
            if shape is None or shape.fullmatch(value):
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
            if len(tail) == 2 and _STORY_SLUG.fullmatch(tail[-1]):
                continue  # /autoren/jane-doe/why-the-vote-matters: a story by an author
            if len(tail) == 1 and _sentence_slug(tail[0]):
                continue  # /columnists/scotlands-ferry-fiasco-shows-…-4597832: a column
            return kind
        if segment in {"archive", "archives", "archiv"} and (not tail or _is_calendar(tail)):
            return "calendar"
    for i, segment in enumerate(segments):
        tail = segments[i + 1 :]
        if segment in _DATA_PAGES and (
            not tail or (len(tail) == 1 and len(re.split(r"[-_]", tail[0])) < 3)
        ):
            return "data"
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
#: Things a page may be about instead of a story: one such item, on a page that does not call
#: itself an article, is that item's page (a job ad); a story's sidebar lists several events,
#: and a review describes what it reviews.
_ITEM_TYPES = {"JobPosting", "Event", "SportsEvent", "Product", "Course"}
#: Galleries that are stories when dated and headlined: a gallery of a flood's pictures with
#: their reporting in the captions, not a site's index of galleries.
_GALLERY_TYPES = {"ImageGallery", "VideoGallery"}
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
    if any(
        set(jsonld_types(node)) & _GALLERY_TYPES
        and isinstance(node.get("headline"), str)
        and isinstance(node.get("datePublished"), str)
        for node in nodes
    ):
        return None  # a dated gallery story: what else the page says decides
    items = [t for t in types if t in _ITEM_TYPES]
    reviewed = "Review" in types or any("review" in node for node in nodes)
    if len(items) == 1 and not reviewed and (structured.og("og:type") or "").lower() != "article":
        return Verdict(False, f"json-ld {items[0]}")
    page = next((t for t in types if t in _NOT_ARTICLE_TYPES), None)
    return Verdict(False, f"json-ld {page}") if page else None


def _main_entity_types(node: dict[str, object]) -> list[str]:
    entity = node.get("mainEntity")
    return jsonld_types(entity) if isinstance(entity, dict) else []


#: Open Graph types of pages that are no article: a person's profile, a video (unless the
#: page also shows its story, as a reader sees one), a product.
_NOT_ARTICLE_OG_TYPES = re.compile(r"profile|book|product|music\.\w+|video\.\w+|place")


def _from_opengraph(
    structured: StructuredData, tree: HtmlElement, anatomy: Anatomy
) -> Verdict | None:
    """``og:type=article`` or ``article:published_time`` say yes; but ``og:type=article``
    alone on a list of teasers with neither a byline nor a date by its headline is a
    section: Yoast writes it on a category's archive ("Economie Archives")."""
    og_type = (structured.og("og:type") or "").lower()
    published = structured.og("article:published_time") or structured.meta.get(
        "article:published_time"
    )
    if og_type == "article":
        if published or not _lists_teasers(tree, anatomy) or _signed_or_dated(anatomy):
            return Verdict(True, "og:type=article")
        return Verdict(False, "hub: teasers")
    if _NOT_ARTICLE_OG_TYPES.fullmatch(og_type):
        if og_type == "video.other" and _shows_a_story(anatomy):
            return Verdict(True, "video story")  # a news video with its written story
        return Verdict(False, f"og:type={og_type}")
    if published:
        return Verdict(True, "article:published_time")
    return None


# --- Other vocabularies ---------------------------------------------------------------

_MICRODATA_TYPES = lxml.etree.XPath("//*[@itemscope]/@itemtype")
_RDFA_TYPES = lxml.etree.XPath("//*[@typeof]/@typeof")
_HNEWS = lxml.etree.XPath(
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' hnews ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' h-entry ')]"
)
_HATOM = lxml.etree.XPath("//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]")
#: An hAtom or h-entry item's own date or author, by the vocabularies' property names: whole
#: words, unlike a template's byline classes (:data:`spiders.anatomy.BYLINE_CLASS`).
_HATOM_OWN = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' published ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' dt-published ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' author ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' p-author ')]"
)
#: More article items than this on one page are a teaser list, not one article.
MAX_ARTICLE_ITEMS = 2


def _from_markup(tree: HtmlElement) -> Verdict | None:
    """Article markup in microdata, RDFa, hNews or hAtom."""
    for vocabulary, found in (("microdata", _MICRODATA_TYPES), ("rdfa", _RDFA_TYPES)):
        types = [
            name
            for value in found(tree)
            for name in (re.split(r"[/:#]", word)[-1] for word in str(value).split())
            if name
        ]
        articles = [name for name in types if is_article_type(name)]
        if 0 < len(articles) <= MAX_ARTICLE_ITEMS:
            return Verdict(True, f"{vocabulary} {articles[0]}")
    if len(_HNEWS(tree)) == 1:
        return Verdict(True, "hnews")
    entries = _HATOM(tree)
    if len(entries) == 1 and entries[0].xpath(_HATOM_OWN):
        return Verdict(True, "hatom")
    return None


# --- Structure ------------------------------------------------------------------------

#: Prose of at least this many characters, in at least this many paragraphs of one block,
#: is an article body; teaser lists never have it in one block. (CJK characters count three.)
SUBSTANTIAL_CHARS = 500
SUBSTANTIAL_PARAGRAPHS = 3
#: Headline links (h2 to h4 made of a link, or inside one) that make a page without prose a
#: listing.
TEASER_HEADLINES = 4

#: Class, id or itemprop words of the elements that hold a byline (:data:`CREDIT_WORDS`) or a
#: dateline.
_BYLINE_OR_DATE = re.compile(
    rf"{CREDIT_WORDS}|dateline|date|datum|fecha|data|time|publish|posted|meta|info",
    re.IGNORECASE,
)


def _from_structure(tree: HtmlElement, url: str, anatomy: Anatomy) -> Verdict | None:
    prose = anatomy.prose
    substantial = _has_substantial_prose(anatomy)
    if substantial:
        if _has_article_frame(tree, anatomy):
            return Verdict(True, "structure")
    elif _lists_teasers(tree, anatomy):
        return Verdict(False, "hub: teasers")
    if url_date(url) is not None and prose.chars >= SUBSTANTIAL_CHARS // 2:
        return Verdict(True, "url-date")
    if not substantial and _shows_a_story(anatomy):
        return Verdict(True, "structure")  # a short story, or a long one in few paragraphs
    return None


def _has_substantial_prose(anatomy: Anatomy) -> bool:
    prose = anatomy.prose
    return prose.chars >= SUBSTANTIAL_CHARS and prose.paragraphs >= SUBSTANTIAL_PARAGRAPHS


def _lists_teasers(tree: HtmlElement, anatomy: Anatomy) -> bool:
    """Headline teasers and no body of prose: a listing."""
    return not _has_substantial_prose(anatomy) and _teaser_headlines(tree) >= TEASER_HEADLINES


def _has_article_frame(tree: HtmlElement, anatomy: Anatomy) -> bool:
    """A byline, a ``<time>``, one top-level ``<article>`` or the main headline: one story."""
    return bool(
        tree.xpath(
            "boolean(//time | //*[@rel='author'] | //*[@itemprop='author']"
            " | //*[contains(@class, 'byline')])"
        )
        or len(tree.xpath("//article[not(ancestor::article)]")) == 1
        or anatomy.headline is not None
    )


def _shows_a_story(anatomy: Anatomy) -> bool:
    """The main headline, a byline or a date close to it (or at the top of the story's own side
    column), and a body of prose: a long one, or a brief of a few paragraphs."""
    prose = anatomy.prose
    long_enough = prose.chars >= SUBSTANTIAL_CHARS or (
        prose.chars >= SUBSTANTIAL_CHARS // 2 and prose.paragraphs >= 2
    )
    return anatomy.headline is not None and long_enough and _signed_or_dated(anatomy)


def _signed_or_dated(anatomy: Anatomy) -> bool:
    """A byline or a date close to the headline, or at the top of the story's own side
    column."""
    for element in (*anatomy.zone(), *anatomy.side_column):
        if element.tag == "time":
            return True
        text = " ".join(element.text.split()) if element.text else ""
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}"
        if _BYLINE_OR_DATE.search(marks) and 0 < len(_text_of(element)) < 4 * PARAGRAPH_CHARS:
            return True
        start = date_start(text) if text else None
        if start is not None and not MODIFIED_LABEL.search(text[max(0, start - 25) : start]):
            return True  # a publication date: a section page may say when it was updated
    return False


def _text_of(element: HtmlElement) -> str:
    return _squash("".join(element.itertext()))


def _teaser_headlines(tree: HtmlElement) -> int:
    """Headings h2 to h4 that are links: made of one (``<h3><a>…</a></h3>``) or inside one,
    as a card links its whole teaser (``<a href><h3>…</h3></a>``)."""
    count = 0
    for heading in _LINKED_HEADINGS(tree):
        text = _squash(heading.text_content())
        linked = sum(len(_squash(a.text_content())) for a in heading.iter("a"))
        if text and (linked >= 0.8 * len(text) or heading.xpath("ancestor::a[@href]")):
            count += 1
    return count


_LINKED_HEADINGS = lxml.etree.XPath(
    "//*[self::h2 or self::h3 or self::h4][.//a[@href] or ancestor::a[@href]]"
)


def _squash(text: str) -> str:
    return " ".join(text.split())
