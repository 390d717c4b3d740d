"""Article fields from an HTML page: title, authors, dates, language, text.

Archivists search the index by these fields, so each one is taken from the most trustworthy
source the page offers: JSON-LD first, then OpenGraph and other ``<meta>`` tags, then the
markup, and the URL last. extruct reads the structured data and trafilatura reads the main
text (leaning to precision, never touching the network); this module is the glue that picks
between their answers and cleans bylines and titles.

Everything takes plain values and returns frozen dataclasses, with no Scrapy types, so the
spider, the index pipeline and a process pool can all call it. Hostile pages (empty, binary,
broken charsets, huge) end in :class:`ExtractionError`, never in another exception.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from html import unescape as unescape_html
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from extruct.jsonld import JsonLdExtractor
from extruct.opengraph import OpenGraphExtractor
from w3lib.url import safe_url_string

from spiders.dates import parse_date, url_date

if TYPE_CHECKING:
    from types import ModuleType

    from lxml.html import HtmlElement

#: Pages longer than this are refused rather than parsed: no news article needs it, and
#: trafilatura's time grows with the tree.
MAX_HTML_CHARS = 10_000_000


class ExtractionError(ValueError):
    """The page cannot yield an article; the message is one line that says why."""


@dataclass(frozen=True)
class StructuredData:
    """What extruct found in a page, parsed once and shared by detection and extraction.

    Plain lists and dicts only, so it pickles across a process pool.
    """

    json_ld: list[dict[str, Any]]
    opengraph: dict[str, list[str]]  # "og:type" -> ["article"], in document order
    meta: dict[str, str]  # lower-cased name/property/itemprop/http-equiv -> first content

    def jsonld_nodes(self) -> list[dict[str, Any]]:
        """Top-level JSON-LD objects, with ``@graph`` members lifted to the top level."""
        nodes: list[dict[str, Any]] = []
        for item in self.json_ld:
            graph = item.get("@graph")
            if isinstance(graph, list):
                nodes.extend(node for node in graph if isinstance(node, dict))
            elif isinstance(graph, dict):
                nodes.append(graph)
            if "@type" in item:
                nodes.append(item)
        return nodes

    def og(self, prop: str) -> str | None:
        """First non-blank value of an OpenGraph property such as ``og:title``."""
        for value in self.opengraph.get(prop, ()):
            if value.strip():
                return value.strip()
        return None


@dataclass(frozen=True)
class ArticleFields:
    """The index's view of one article."""

    canonical_url: str
    title: str | None
    authors: list[str]
    published: datetime | None  # timezone-aware
    modified: datetime | None  # timezone-aware
    language: str | None  # BCP 47, e.g. "en-US"
    section: str | None
    description: str | None
    text: str
    word_count: int
    site_name: str | None


def jsonld_types(node: dict[str, Any]) -> list[str]:
    """Bare schema.org type names of a node: ``http://schema.org/NewsArticle`` -> NewsArticle."""
    raw = node.get("@type")
    names = raw if isinstance(raw, list) else [raw]
    return [re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str) and name]


def is_article_type(type_name: str) -> bool:
    """True for schema.org Article and subtypes: NewsArticle, OpinionNewsArticle, BlogPosting…"""
    return type_name.endswith(("Article", "BlogPosting"))


def parse_html(html: str) -> HtmlElement:
    """Parse a decoded page into an lxml tree, or raise ExtractionError saying why not."""
    if not isinstance(html, str):
        raise ExtractionError(f"page must be decoded text, not {type(html).__name__}")
    if len(html) > MAX_HTML_CHARS:
        raise ExtractionError(f"page too large: {len(html)} characters (limit {MAX_HTML_CHARS})")
    # lxml refuses str input that carries an XML encoding declaration; the text is already decoded.
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html, count=1)
    if not html.strip():
        raise ExtractionError("page is empty")
    sample = html[:65536]
    if len(_CONTROL_CHARS.findall(sample)) > len(sample) // 100:
        raise ExtractionError("page looks like binary data, not HTML")
    try:
        # A parser per call: lxml parser objects must not be shared between threads.
        parser = lxml.html.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True)
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise ExtractionError(f"page is not parseable HTML: {_one_line(exc)}") from None
    return tree


# C0 controls other than whitespace never occur in text: many of them mean binary data.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def parse_structured(html: str, url: str) -> StructuredData:
    """JSON-LD, OpenGraph and meta tags of a page; empty for pages that cannot be parsed.

    Never raises for bad HTML: a page without structured data is a normal page.
    """
    try:
        tree = parse_html(html)
    except ExtractionError:
        return StructuredData(json_ld=[], opengraph={}, meta={})
    return structured_from_tree(tree, url)


def structured_from_tree(tree: HtmlElement, url: str) -> StructuredData:
    """:func:`parse_structured` for a tree the caller has already parsed."""
    return StructuredData(
        json_ld=_json_ld(tree, url), opengraph=_opengraph(tree, url), meta=_meta_tags(tree)
    )


def _json_ld(tree: HtmlElement, url: str) -> list[dict[str, Any]]:
    # One script at a time: a single malformed block must not hide the others.
    extractor = JsonLdExtractor()
    items: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            found = extractor.extract_items(script, base_url=url)
        except Exception:  # noqa: BLE001 - extruct raises whatever json or jstyleson raise
            continue
        items.extend(item for item in found if isinstance(item, dict))
    return items


def _opengraph(tree: HtmlElement, url: str) -> dict[str, list[str]]:
    props: dict[str, list[str]] = {}
    try:
        objects = list(OpenGraphExtractor().extract_items(tree, base_url=url))
    except Exception:  # noqa: BLE001 - malformed prefix attributes and the like
        return props
    for obj in objects:
        for prop, value in obj.get("properties", ()):
            props.setdefault(prop.strip().lower(), []).append(value)
    return props


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = (element.get(attr) or "").strip().lower()
            if key:
                meta.setdefault(key, content)
    return meta


def extract_article(
    url: str,
    html: str,
    *,
    tree: HtmlElement | None = None,
    structured: StructuredData | None = None,
) -> ArticleFields:
    """Fields of the article in ``html`` fetched from ``url``.

    ``tree`` and ``structured`` are the page already parsed by the caller, if it has them.
    Raises ExtractionError when the page is unusable or holds neither a title nor main text.
    """
    if tree is None:
        tree = parse_html(html)
    if structured is None:
        structured = structured_from_tree(tree, url)
    try:
        return _Extraction(url, tree, structured).fields()
    except ExtractionError:
        raise
    except Exception as exc:  # a library failing on a hostile page must not escape as a crash
        raise ExtractionError(f"extraction failed: {_one_line(exc)}") from exc


#: Characters of main text that make a slower way of finding it unnecessary.
FAST_TEXT_ENOUGH = 1000


def marked_up_text(tree: HtmlElement) -> str | None:
    """The text of the article body the publisher marked up, or None when it is not clear.

    A page whose body is one ``itemprop="articleBody"`` element, or one top-level
    ``<article>``, says itself where its text is. Reading the paragraphs of that element costs
    a tenth of what trafilatura does, which matters at hundreds of pages per second. Anything
    unclear (no single container, little prose, text outside paragraphs, tables) returns None,
    and trafilatura decides.
    """
    containers = tree.xpath('//*[@itemprop="articleBody"]')
    if len(containers) != 1:
        containers = tree.xpath("//article[not(ancestor::article)]")
    if len(containers) != 1:
        return None
    container = containers[0]
    blocks: list[str] = []
    if not _collect_blocks(container, blocks):
        return None
    text = "\n".join(blocks)
    # Prose outside paragraphs (bare text, line breaks) would be lost: let trafilatura read it.
    if len(text) < FAST_TEXT_ENOUGH:
        return None
    kept = len(text) - text.count(" ") - text.count("\n")  # blocks are whitespace-normalised
    whole = _text_of(container)
    if kept < 0.6 * (len(whole) - sum(whole.count(space) for space in " \n\t\r")):
        return None
    return text


#: Text of an element with its whitespace collapsed, computed by libxml2: a third of the cost
#: of joining ``itertext()`` and splitting it, which matters once per paragraph.
_normalized_text = lxml.etree.XPath("normalize-space()")


def _block_text(element: HtmlElement) -> str:
    """The element's text on one line; XPath leaves Unicode spaces (no-break) to Python."""
    text = _normalized_text(element)
    return text if text.isascii() else _squash(text)


#: Elements inside an article body that are never its text.
_NOT_TEXT = {
    "aside", "nav", "header", "footer", "form", "figure", "button", "script", "style",
    "noscript", "template", "svg", "iframe", "select", "textarea", "h1",
}  # fmt: skip
_TEXT_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dd", "dt"}
#: Class or id words of boxes inside an article that are not the story.
_BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|recirc|newsletter|promo|advert|ads?|"
    r"sponsor(?:ed)?|comments?|subscribe|paywall|byline|dateline|author|meta|tags?|"
    r"caption|credit|breadcrumbs?)(?:$|[\s_-])",
    re.IGNORECASE,
)


def _collect_blocks(element: HtmlElement, blocks: list[str]) -> bool:
    """Append the text of each paragraph-like block under ``element``; False on a table."""
    for child in element:
        tag = child.tag
        if tag in _NOT_TEXT or not isinstance(tag, str) or child.get("hidden") is not None:
            continue
        if tag in ("table", "pre"):
            return False
        if _BOILERPLATE_CLASS.search(f"{child.get('class', '')} {child.get('id', '')}"):
            continue
        if tag not in _TEXT_BLOCKS:
            if not _collect_blocks(child, blocks):
                return False
            continue
        text = _block_text(child)
        if not text:
            continue
        linked = sum(len(_text_of(link).strip()) for link in child.iter("a"))
        if 2 * linked < len(text):  # a block that is mostly links is navigation
            blocks.append(text)
    return True


def _trafilatura_module() -> ModuleType:
    """trafilatura, imported when a page first needs it: pages with a marked-up body and full
    metadata never do, and the import alone costs a crawl half a second of CPU."""
    import trafilatura
    import trafilatura.utils

    return trafilatura


def _main_text(tree: HtmlElement, url: str, *, fast: bool) -> Any:
    return _trafilatura_module().bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        deduplicate=False,
    )


class _Extraction:
    """One page's sources, read in trust order field by field."""

    def __init__(self, url: str, tree: HtmlElement, structured: StructuredData) -> None:
        self.url = url
        self.tree = tree
        self.sd = structured
        nodes = structured.jsonld_nodes()
        self.by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        self.article = next(
            (node for node in nodes if any(map(is_article_type, jsonld_types(node)))), {}
        )
        self.website = next((node for node in nodes if "WebSite" in jsonld_types(node)), {})
        marked_up = marked_up_text(tree)
        if marked_up:
            # One line per block, single spaces between words: its spaces count its words.
            self.main_text = marked_up
            self.word_count = marked_up.count(" ") + marked_up.count("\n") + 1
        else:
            self.main_text = self._trafilatura_text()
            self.word_count = len(self.main_text.split())

    def _trafilatura_text(self) -> str:
        # trafilatura's fast mode skips its fallback extractors (readability, jusText), which
        # cost as much again; they run only when the fast pass finds little text.
        doc = _main_text(self.tree, self.url, fast=True)
        if doc is None or len(doc.text or "") < FAST_TEXT_ENOUGH:
            doc = _main_text(self.tree, self.url, fast=False)
        return (doc.text if doc is not None else None) or ""

    def fields(self) -> ArticleFields:
        text, word_count = self.main_text, self.word_count
        if not re.search(r"\w", text):  # only replacement characters or punctuation
            text, word_count = "", 0
        title = self.title()
        if not title and not text:
            raise ExtractionError("no title or main text found in page")
        return ArticleFields(
            canonical_url=self.canonical_url(),
            title=title,
            authors=self.authors(),
            published=self.published(),
            modified=self.modified(),
            language=self.language(text),
            section=self.section(),
            description=self.description(),
            text=text,
            word_count=word_count,
            site_name=self.site_name(),
        )

    def _resolve(self, value: Any) -> Any:
        """Follow a JSON-LD ``{"@id": …}`` reference to the node it names (Yoast graphs)."""
        if isinstance(value, dict) and "name" not in value and value.get("@id") in self.by_id:
            return self.by_id[value["@id"]]
        return value

    def _xpath_text(self, expression: str) -> str | None:
        for found in self.tree.xpath(expression):
            text = _squash(found if isinstance(found, str) else found.text_content())
            if text:
                return text
        return None

    @functools.cached_property
    def _metadata(self) -> Any:
        """trafilatura's own metadata: the last resort, so only read when a field needs it."""
        return _trafilatura_module().extract_metadata(self.tree, default_url=self.url)

    def _trafilatura(self, attribute: str) -> str | None:
        return getattr(self._metadata, attribute, None)

    def site_names(self) -> list[str]:
        publisher = self._resolve(self.article.get("publisher"))
        candidates = [
            self.sd.og("og:site_name"),
            publisher.get("name") if isinstance(publisher, dict) else None,
            self.website.get("name"),
            self.sd.meta.get("application-name"),
        ]
        return [_squash(name) for name in candidates if isinstance(name, str) and name.strip()]

    def site_name(self) -> str | None:
        names = self.site_names()
        if names:
            return names[0]
        # trafilatura falls back to the host name, which is not the site's name.
        guess = self._trafilatura("sitename")
        return guess if guess and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", guess) else None

    def title(self) -> str | None:
        headline = self.article.get("headline") or self.article.get("name")
        # Read in trust order, each only when the ones before it gave nothing.
        sources: tuple[Callable[[], str | None], ...] = (
            # JSON strings are not HTML-decoded by anyone, and CMSs often escape them.
            lambda: unescape_html(headline) if isinstance(headline, str) else None,
            lambda: self.sd.og("og:title"),
            lambda: self.sd.meta.get("twitter:title"),
            self._single_h1,
            lambda: self._xpath_text("//title"),
            lambda: self._trafilatura("title"),
        )
        found = next((text for text in (read() for read in sources) if text and text.strip()), None)
        if found:
            return clean_title(_squash(found), self.site_names(), self.url)
        return None

    def _single_h1(self) -> str | None:
        h1s = self.tree.findall(".//h1")
        return _squash(_text_of(h1s[0])) if len(h1s) == 1 else None

    def authors(self) -> list[str]:
        from_jsonld = list(self._jsonld_people(self.article.get("author")))
        if from_jsonld:
            return clean_authors(from_jsonld)
        for key in ("author", "parsely-author", "sailthru.author", "dc.creator", "byl"):
            names = clean_authors([self.sd.meta.get(key, "")])
            if names:
                return names
        article_author = self.sd.og("article:author")
        if article_author and not _looks_like_url(article_author):
            return clean_authors([article_author])
        return clean_authors((self._trafilatura("author") or "").split(";"))

    def _jsonld_people(self, value: Any) -> Iterator[str]:
        value = self._resolve(value)
        if isinstance(value, str):
            yield unescape_html(value)
        elif isinstance(value, list):
            for item in value:
                yield from self._jsonld_people(item)
        elif isinstance(value, dict) and isinstance(value.get("name"), str):
            yield unescape_html(value["name"])

    def published(self) -> datetime | None:
        return _first_date(
            lambda: [self.article.get("datePublished"), self.article.get("dateCreated")],
            lambda: (self.sd.meta.get(key) for key in _PUBLISHED_META),
            lambda: self.tree.xpath(_PUBLISHED_XPATH),
            self._container_times,
        ) or url_date(self.url)

    def modified(self) -> datetime | None:
        return _first_date(
            lambda: [self.article.get("dateModified")],
            lambda: (self.sd.meta.get(key) for key in _MODIFIED_META),
            lambda: self.tree.xpath(_MODIFIED_XPATH),
        )

    def _container_times(self) -> list[str]:
        """``<time datetime>`` of the article body, or of the page when it has no container."""
        articles = self.tree.xpath("//article[not(ancestor::article)]")
        scope = "//article[not(ancestor::article)]" if len(articles) == 1 else "//main"
        times = self.tree.xpath(f"{scope}//time/@datetime")
        return times or self.tree.xpath("//time/@datetime")[:1]

    def language(self, text: str) -> str | None:
        candidates = [
            self.tree.get("lang"),
            self.tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
            self.sd.meta.get("content-language"),
            self.sd.og("og:locale"),
            self.article.get("inLanguage"),
        ]
        for candidate in candidates:
            tag = normalise_language(candidate)
            if tag:
                return tag
        if not text:
            return None
        return normalise_language(_trafilatura_module().utils.language_classifier(text, ""))

    def section(self) -> str | None:
        section = self.sd.og("article:section") or self.sd.meta.get("article:section")
        if not section:
            from_jsonld = self.article.get("articleSection")
            if isinstance(from_jsonld, list):
                from_jsonld = next((s for s in from_jsonld if isinstance(s, str)), None)
            section = from_jsonld if isinstance(from_jsonld, str) else None
        return _squash(section) if section and section.strip() else None

    def description(self) -> str | None:
        jsonld = self.article.get("description")
        for candidate in (
            self.sd.og("og:description"),
            self.sd.meta.get("description"),
            jsonld if isinstance(jsonld, str) else None,
            self.sd.meta.get("twitter:description"),
        ):
            if candidate and candidate.strip():
                return _squash(candidate)
        return None

    def canonical_url(self) -> str:
        base_href = next((b.get("href") for b in self.tree.iter("base") if b.get("href")), "")
        base = urljoin(self.url, base_href.strip())
        link = next(
            (
                element.get("href")
                for element in self.tree.iter("link")
                if "canonical" in (element.get("rel") or "").lower().split()
            ),
            None,
        )
        for candidate in (link, self.sd.og("og:url")):
            resolved = _usable_canonical(base, candidate, self.url)
            if resolved:
                return resolved
        return self.url


_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
)
_PUBLISHED_XPATH = (
    '//*[@itemprop="datePublished"]/@datetime | //*[@itemprop="datePublished"]/@content'
    ' | //time[@pubdate]/@datetime | //time[contains(@class, "published")]/@datetime'
)
_MODIFIED_XPATH = (
    '//*[@itemprop="dateModified"]/@datetime | //*[@itemprop="dateModified"]/@content'
    ' | //time[contains(@class, "updated")]/@datetime'
)


def _first_date(*sources: Callable[[], Iterable[Any]]) -> datetime | None:
    """The first parseable date of the sources, in order; a source is read only when the
    ones before it gave none (the markup's XPaths cost more than the metadata's lookups)."""
    for source in sources:
        for value in source():
            parsed = parse_date(value)
            if parsed is not None:
                return parsed
    return None


# hyphen, bar, en and em dash, middle dot, bullet, guillemet, colon
_TITLE_SEPARATOR = "(?:\\s+[-|\u2013\u2014\u00b7\u2022\u00bb]+|\\s*:)\\s+"


def clean_title(title: str, site_names: Iterable[str], url: str) -> str:
    """Drop a " - Site Name" suffix (or "Site Name | " prefix) naming the site.

    The site is named by og:site_name or JSON-LD, or by the host (``springfield-gazette.com``
    matches "Springfield Gazette").
    """
    keys = {_name_key(name) for name in site_names} | {_host_key(url)}
    keys.discard("")
    suffix = re.match(rf"^(.*\S){_TITLE_SEPARATOR}(.+)$", title)
    if suffix and _name_key(suffix[2]) in keys:
        return suffix[1]
    prefix = re.match(rf"^(.+?){_TITLE_SEPARATOR}(\S.*)$", title)
    if prefix and _name_key(prefix[1]) in keys:
        return prefix[2]
    return title


def _name_key(name: str) -> str:
    key = re.sub(r"\W+", "", name.casefold())
    return key.removeprefix("the")


def _host_key(url: str) -> str:
    labels = (urlsplit(url).hostname or "").split(".")
    if len(labels) < 2:
        return ""
    if len(labels) > 2 and labels[-2] in _SECOND_LEVEL_LABELS:  # bbc.co.uk
        return _name_key(labels[-3])
    return _name_key(labels[-2])


_SECOND_LEVEL_LABELS = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gv"}


_BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|words)\s+by|by|von|par|por|door|av|автор(?:ы)?)\b\s*:?\s*",
    re.IGNORECASE,
)
_NAME_SEPARATOR = re.compile(r"\s*(?:[,;&|/]|\s(?:and|und|et|и)\s)\s*", re.IGNORECASE)
_NOT_A_NAME = {
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "updated",
    "published",
    "posted",
    "admin",
}


def clean_authors(raw: Iterable[str]) -> list[str]:
    """Author names from bylines or metadata: "By A, B and C" -> [A, B, C], deduplicated."""
    names: list[str] = []
    seen: set[str] = set()
    for entry in raw:
        if not isinstance(entry, str):
            continue
        for part in _NAME_SEPARATOR.split(_BYLINE_PREFIX.sub("", _squash(entry))):
            name = _BYLINE_PREFIX.sub("", part).strip(" .,:;-\u2013\u2014\u00b7")
            words = name.split()
            if (
                not words
                or len(words) > 6
                or len(name) > 80
                or any(ch.isdigit() for ch in name)
                or "@" in name
                or _looks_like_url(name)
                or _NOT_A_NAME.intersection(word.casefold() for word in words)
            ):
                continue
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


def normalise_language(value: Any) -> str | None:
    """A BCP 47 tag from html lang, og:locale ("en_US") or inLanguage; None when unusable."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    if not isinstance(value, str):
        return None
    tag = value.split(",", 1)[0].strip().replace("_", "-")  # "en-US, en" happens
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", tag):
        return None
    primary, *rest = tag.split("-")
    return "-".join(
        [
            primary.lower(),
            *(p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in rest),
        ]
    )


def _usable_canonical(base: str, candidate: str | None, url: str) -> str | None:
    """A canonical URL worth trusting, resolved; None for junk or a site-wide root link."""
    if not candidate or not candidate.strip():
        return None
    resolved = safe_url_string(urljoin(base, candidate.strip())).split("#", 1)[0]
    parts = urlsplit(resolved)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    # Some CMS templates put the home page as canonical on every page; taking it would
    # merge every article of the site into one index entry.
    if parts.path in ("", "/") and urlsplit(url).path not in ("", "/"):
        return None
    return resolved


def _text_of(element: HtmlElement) -> str:
    """``text_content()`` without its XPath call, which costs more than the text itself."""
    return "".join(element.itertext())


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"^(?:https?:)?//|^www\.", value.strip(), re.IGNORECASE))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _one_line(exc: BaseException) -> str:
    return _squash(str(exc)) or type(exc).__name__
