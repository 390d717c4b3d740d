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
import json
import re
from collections.abc import Iterable, Iterator
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

from spiders.anatomy import TITLE_SEPARATOR, Anatomy, likeness, title_parts
from spiders.bylines import Credits, credits, jsonld_people
from spiders.datelines import DateSources, article_items
from spiders.textfields import clean_field, clean_line, clean_text, count_words

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
    #: The headline written for sharing and search engines (og:title, JSON-LD ``headline``),
    #: when ``title`` is the one the reader saw on the page.
    social_title: str | None = None
    #: The organisation credited: the site or a desk named as the author, else the site.
    publisher: str | None = None


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
            found = _leading_json(script.text or "")
        items.extend(item for item in found if isinstance(item, dict))
    return items


def _leading_json(text: str) -> list[Any]:
    """The JSON value a malformed block starts with: CMS templates leave a stray brace or a
    second object after it, which json and extruct refuse whole."""
    text = text.strip()
    if text.startswith("<!--"):
        text = text.removeprefix("<!--").removesuffix("-->").strip()
    try:
        value, _ = json.JSONDecoder().raw_decode(text)
    except ValueError:
        return []
    return value if isinstance(value, list) else [value]


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
    anatomy: Anatomy | None = None,
    seen: datetime | None = None,
) -> ArticleFields:
    """Fields of the article in ``html`` fetched from ``url``.

    ``tree``, ``structured`` and ``anatomy`` are the page as the caller already read it, if
    it has them; ``seen`` is when it was fetched (aware), which dates it when its dateline
    only says "3 hours ago". ``published`` keeps the UTC offset the page gave (UTC when it
    gave none). Raises ExtractionError when the page is unusable or holds neither a title
    nor main text.
    """
    if tree is None:
        tree = parse_html(html)
    if structured is None:
        structured = structured_from_tree(tree, url)
    try:
        return _Extraction(url, tree, structured, anatomy, seen).fields()
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

    def __init__(
        self,
        url: str,
        tree: HtmlElement,
        structured: StructuredData,
        anatomy: Anatomy | None = None,
        seen: datetime | None = None,
    ) -> None:
        self.url = url
        self.seen = seen
        self.tree = tree
        self.sd = structured
        nodes = structured.jsonld_nodes()
        self.by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
        self.article = _main_article(nodes, url)
        self.website = next((node for node in nodes if "WebSite" in jsonld_types(node)), {})
        self.page_node = next(
            (node for node in nodes if {"WebPage", "ItemPage"} & set(jsonld_types(node))), {}
        )
        self.anatomy = anatomy or Anatomy(tree, url, title_hints(tree, structured))
        marked_up = marked_up_text(tree)
        if marked_up:
            self.main_text = clean_text(marked_up, lines_clean=True)
        else:
            self.main_text = clean_text(self._trafilatura_text())
        self.word_count = count_words(self.main_text)

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
        language = self.language(text)
        credits = self.credits(language)
        dates = self.dates(language)
        return ArticleFields(
            canonical_url=self.canonical_url(),
            title=title,
            authors=credits.authors,
            published=dates.published(),
            modified=dates.modified(),
            language=language,
            section=clean_field(self.section()),
            description=clean_field(self.description()),
            text=text,
            word_count=word_count,
            site_name=clean_field(self.site_name()),
            social_title=self.social_title(),
            publisher=clean_field(credits.publisher) or self.site_name(),
        )

    def _resolve(self, value: Any) -> Any:
        """Follow a JSON-LD ``{"@id": …}`` reference to the node it names (Yoast graphs)."""
        if isinstance(value, dict) and "name" not in value and value.get("@id") in self.by_id:
            return self.by_id[value["@id"]]
        return value

    def _xpath_text(self, expression: str) -> str | None:
        for found in self.tree.xpath(expression):
            text = clean_line(found if isinstance(found, str) else found.text_content())
            if text:
                return text
        return None

    @functools.cached_property
    def _metadata(self) -> Any:
        """trafilatura's own metadata: the last resort, so only read when a field needs it.
        Its date is not used (``spiders.datelines`` reads dates), so htmldate's extensive
        search, which runs dateparser over the page's text, is left out."""
        return _trafilatura_module().extract_metadata(
            self.tree, default_url=self.url, extensive=False
        )

    def _trafilatura(self, attribute: str) -> str | None:
        return getattr(self._metadata, attribute, None)

    @functools.cached_property
    def host(self) -> str:
        """The site's host, which says where the page was published even when it was fetched
        elsewhere (a mirror, an AMP cache, an archive's replay): the first host the page names
        for itself, in its canonical link or its og:url (a canonical link written as a path
        names none), else the canonical URL's."""
        for named in (self._canonical_link, self.sd.og("og:url")):
            if named and _usable_canonical("", named, self.url):
                return (urlsplit(named.strip()).hostname or "").lower()
        return (urlsplit(self.canonical_url()).hostname or "").lower()

    def site_names(self) -> list[str]:
        publisher = self._resolve(self.article.get("publisher"))
        candidates = [
            self.sd.og("og:site_name"),
            publisher.get("name") if isinstance(publisher, dict) else None,
            self.website.get("name"),
            self.sd.meta.get("application-name"),
            self._meta_publisher,
            self._title_site_part,
            self._logo_name,
        ]
        return [
            _without_scheme(clean_line(name))
            for name in candidates
            if isinstance(name, str) and name.strip()
        ]

    @functools.cached_property
    def _item_publisher(self) -> str | None:
        """The name of the article's microdata ``publisher``, which its ``author`` may repeat
        where nobody signed (``<meta itemprop="author" content="Интерфакс">``): a credit of
        the site; not a person's, as a blog may name its writer, typed as a person or not
        ("Jane Smith": two or three capitalised words are read as a name)."""
        for item in self._article_items:
            publisher = item.get("properties", {}).get("publisher")
            if (
                isinstance(publisher, dict)
                and isinstance(publisher.get("properties"), dict)
                and not str(publisher.get("type", "")).endswith("Person")
            ):
                name = publisher["properties"].get("name")
                words = name.split() if isinstance(name, str) else []
                if 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words):
                    return None
                return name if isinstance(name, str) else None
        return None

    @functools.cached_property
    def _article_items(self) -> list[dict[str, Any]]:
        return article_items(self.tree, self.url)

    @functools.cached_property
    def _meta_publisher(self) -> str | None:
        """``<meta name="publisher">``, the company that runs the site ("France Télévisions"),
        which a signature may name beside its writer; not an old link to a social page."""
        value = self.sd.meta.get("publisher") or ""
        return None if "/" in value else value or None

    @functools.cached_property
    def _logo_name(self) -> str | None:
        """The alt text of the logo linking to the site's home page, when it is short and in a
        script without capitals: the site's name in its own script, where the metadata names
        it in Latin letters ("ဧရာဝတီ" on burma.irrawaddy.com, "The Irrawaddy"), and which a
        byline credits as the site. In a script with capitals, an alt is as often "AP Logo" or
        a tagline as the site's name. The home page is on the host the page was fetched from
        or on the one it names as its own (a mirror, an archive's replay); the logo is above
        the headline."""
        homes = {_host_key(self.url), _host_key(f"https://{self.host}/")}
        headline, order = self.anatomy.headline, self.anatomy.order
        for link in self.tree.xpath("//a[@href][.//img[@alt]]"):
            if headline is not None and order[link] > order[headline]:
                break  # an icon in the story linking home, whose alt names its editor
            address = urlsplit(urljoin(self.url, link.get("href").strip()))
            if address.path.strip("/") or address.query or _host_key(address.geturl()) not in homes:
                continue  # a link to a section, a story or another site
            alt = clean_line(link.xpath(".//img/@alt")[0])
            if any(ch.isupper() or ch.islower() for ch in alt) or len(alt.split()) > 3:
                return None  # "AP Logo", "Kerala's No.1 news portal": no name to trust
            return alt if re.search(r"[^\W\d_]", alt) else None
        return None

    @functools.cached_property
    def _title_site_part(self) -> str | None:
        """The part of a two-part ``<title>`` beside the headline: the site's name on
        pages whose metadata names no site ("Headline - المدينة نيوز"), which then is no
        author when a byline field names it too."""
        parts = title_parts(self._xpath_text("//title") or "")
        # Of three parts, which is the site's and which its section's differs by site; a
        # section path ("Sport > Photos", "上報 / 焦點") or a tagline is no name either.
        if len(parts) != 2 or re.search(r"[/>,]", parts[0] + parts[1]):
            return None
        headlines = [*self.social_headlines(), self.anatomy.headline_text or ""]
        for headline_part, site_part in ((parts[0], parts[-1]), (parts[-1], parts[0])):
            if (
                len(site_part.split()) <= 5
                and any(likeness(headline_part, h) >= 0.8 for h in headlines)
                and likeness(site_part, headline_part) < 0.5
                # a part of the headline itself: "Thomas Piketty : « La question … »"
                and site_part.casefold() not in (self.anatomy.headline_text or "").casefold()
                and self._could_name_the_site(site_part)
            ):
                return site_part
        return None

    def _could_name_the_site(self, part: str) -> bool:
        """Whether a ``<title>``'s part may be the site's name rather than a person's or a
        section's ("Headline - Jane Doe", "Headline | Politics"): in a script with capitals, it
        must be the host's name ("Valley Courier" on valleycourier.com); in one without, where
        neither looks like the host, anything short."""
        if not any(ch.isupper() or ch.islower() for ch in part):
            return True
        # the host the page names as its own, which a copy fetched elsewhere keeps
        key, host = _name_key(part), _host_key(f"//{self.host}")
        return len(key) >= 4 and bool(host) and (key in host or host in key)

    def site_name(self) -> str | None:
        names = self.site_names()
        if names:
            return names[0]
        # trafilatura falls back to the host name, which is not the site's name, to the
        # site's handle ("Dvhn_Nl" for twitter:site "@dvhn_nl"), and to a part of ``<title>``
        # with a dot in it, which can be the headline's own sentence.
        guess = self._trafilatura("sitename")
        handle = (self.sd.meta.get("twitter:site") or "").lstrip("@").casefold()
        if not guess or re.fullmatch(r"[\w.:-]+\.[\w:]{2,}", guess) or guess.casefold() == handle:
            return None
        headlines = [*self.social_headlines(), self.anatomy.headline_text or ""]
        if any(likeness(guess, headline) >= 0.5 for headline in headlines):
            return None
        return guess

    # Headlines ------------------------------------------------------------------------------

    def social_headlines(self) -> list[str]:
        """The headlines the page gives machines: JSON-LD ``headline``, og:title, twitter:title."""
        headline = self.article.get("headline") or self.article.get("name")
        candidates = [
            # JSON strings are not HTML-decoded by anyone, and CMSs often escape them.
            unescape_html(headline) if isinstance(headline, str) else None,
            self.sd.og("og:title"),
            self.sd.meta.get("twitter:title"),
        ]
        return [clean_line(text) for text in candidates if text and text.strip()]

    def social_title(self) -> str | None:
        """The headline written for sharing (og:title, else JSON-LD, else twitter:title), not
        the site's name alone (:meth:`_only_the_site`)."""
        social = [text for text in self.social_headlines() if not self._only_the_site(text)]
        og = clean_line(self.sd.og("og:title") or "")
        found = og if og in social else (social[0] if social else None)
        return clean_title(found, self.site_names(), self.url) if found else None

    def title(self) -> str | None:
        """The headline the reader saw: the page's main headline when it is clear which one
        that is and the metadata's headlines do not contradict it; else the metadata's (not
        the site's name alone: :meth:`_only_the_site`), else ``<title>``, less the site's
        name."""
        sites = self.site_names()
        visible = self.anatomy.headline_text if self.anatomy.headline_certain else None
        social = [text for text in self.social_headlines() if not self._only_the_site(text)]
        agreeing = [s for s in social if visible and likeness(visible, s) >= 0.5]
        if visible and (not social or agreeing):
            if agreeing and (self.anatomy.kickers or _glued_after(visible, agreeing[0])):
                # Kicker and headline set as one line for sharing: "Bahn-Streik: Was …".
                return clean_title(agreeing[0], sites, self.url)
            return clean_title(clean_line(visible), sites, self.url)
        if social:
            return clean_title(social[0], sites, self.url)
        page_title = self._xpath_text("//title")
        if page_title:
            return self._title_tag(page_title, sites)
        fallback = self._trafilatura("title")
        return clean_title(clean_line(fallback), sites, self.url) if fallback else None

    def _only_the_site(self, headline: str) -> bool:
        """Whether a headline for machines is only the site's name, as an old CMS fills
        og:title on every page: a name the site goes by, or the part of ``<title>`` beside
        the one the page's headline repeats ("Вятский наблюдатель - Ремонт теплотрассы…")."""
        if headline.casefold() in {site.casefold() for site in self.site_names()}:
            return True
        visible = self.anatomy.headline_text if self.anatomy.headline_certain else None
        parts = title_parts(self._xpath_text("//title") or "")
        # (and shorter than that headline: a blog's name may be its page's only <h1>)
        return (
            visible is not None
            and headline in parts
            and len(headline.split()) < len(visible.split())
            and likeness(visible, headline) < 0.5
            and any(likeness(visible, part) >= 0.8 for part in parts)
        )

    def _title_tag(self, page_title: str, sites: list[str]) -> str:
        """``<title>`` less the site's name; when the site is not named anywhere, the part
        between separators that one of the page's headings repeats."""
        cleaned = clean_title(page_title, sites, self.url)
        if cleaned != page_title:
            return cleaned
        parts = [part for part in re.split(_TITLE_SEPARATOR, page_title) if part.strip()]
        if len(parts) > 1:
            headings = [clean_line(_text_of(h)) for h in self.tree.iter("h1", "h2")]
            for part in parts:
                if any(likeness(part, heading) >= 0.8 for heading in headings if heading):
                    return part.strip()
        return page_title

    # Authors ------------------------------------------------------------------------------

    def credits(self, language: str | None) -> Credits:
        return credits(
            jsonld_authors=jsonld_people(self.article.get("author"), self._resolve),
            jsonld_organisations=jsonld_people(
                self.article.get("author"), self._resolve, organisations=True
            ),
            item_authors=self._item_authors,
            meta=self.sd.meta,
            og_authors=self.sd.opengraph.get("article:author", []),
            anatomy=self.anatomy,
            # and the publisher the microdata names, which an author field may repeat; never
            # the site's name, as a theme's microdata may name its logo ("Logo") or platform
            site_names=[*self.site_names(), *filter(None, [self._item_publisher])],
            host=self.host,
            language=language,
            fallback=lambda: self._trafilatura("author"),
        )

    def _item_authors(self) -> Iterator[str]:
        for item in self._article_items:
            value = item.get("properties", {}).get("author")
            for author in value if isinstance(value, list) else [value]:
                if isinstance(author, dict):
                    author = author.get("properties", {}).get("name") or author.get("value")
                if isinstance(author, list):
                    author = next((a for a in author if isinstance(a, str)), None)
                if isinstance(author, str):
                    yield author

    # Dates --------------------------------------------------------------------------------

    def dates(self, language: str | None) -> DateSources:
        return DateSources(
            url=self.url,
            article=self.article,
            page_node=self.page_node,
            meta=self.sd.meta,
            tree=self.tree,
            anatomy=self.anatomy,
            locale=self.locale(language),
            host=self.host,
            seen=self.seen,
        )

    def locale(self, language: str | None) -> str | None:
        """The page's language with the first region it names (``en-GB`` from og:locale)."""
        if not language:
            return None
        primary = language.split("-")[0]
        for candidate in (
            self.tree.get("lang"),
            self.sd.og("og:locale"),
            self.sd.meta.get("content-language"),
            self.article.get("inLanguage"),
        ):
            tag = normalise_language(candidate)
            if tag and tag.split("-")[0] == primary and "-" in tag:
                return tag
        return language

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
        return self._canonical

    @functools.cached_property
    def _canonical(self) -> str:
        base_href = next((b.get("href") for b in self.tree.iter("base") if b.get("href")), "")
        base = urljoin(self.url, base_href.strip())
        for candidate in (self._canonical_link, self.sd.og("og:url")):
            resolved = _usable_canonical(base, candidate, self.url)
            if resolved:
                return resolved
        return self.url

    @functools.cached_property
    def _canonical_link(self) -> str | None:
        """The ``href`` of the page's ``<link rel=canonical>``, as written."""
        return next(
            (
                element.get("href")
                for element in self.tree.iter("link")
                if "canonical" in (element.get("rel") or "").lower().split()
            ),
            None,
        )


def _main_article(nodes: list[dict[str, Any]], url: str) -> dict[str, Any]:
    """The JSON-LD node of the page's own article: the Article node whose ``url``, ``@id`` or
    ``mainEntityOfPage`` is the page, else the first Article node (a page may describe its
    teasers as Article nodes too)."""
    articles = [node for node in nodes if any(map(is_article_type, jsonld_types(node)))]
    if len(articles) > 1:
        path = urlsplit(url).path.rstrip("/")
        for node in articles:
            entity = node.get("mainEntityOfPage")
            for value in (node.get("url"), node.get("@id"), entity, _entity_id(entity)):
                if isinstance(value, str) and path and urlsplit(value).path.rstrip("/") == path:
                    return node
    return articles[0] if articles else {}


def _entity_id(entity: Any) -> Any:
    return entity.get("@id") if isinstance(entity, dict) else None


def title_hints(tree: HtmlElement, structured: StructuredData) -> list[str]:
    """The headlines the page's metadata gives, for picking its main headline."""
    hints = [structured.og("og:title"), structured.meta.get("twitter:title")]
    for node in structured.jsonld_nodes():
        if any(map(is_article_type, jsonld_types(node))) and isinstance(node.get("headline"), str):
            hints.append(unescape_html(node["headline"]))
    title = tree.find(".//title")
    if title is not None and title.text:
        hints.append(title.text)
    return [hint for hint in hints if hint]


def _without_scheme(name: str) -> str:
    """A site named by its address ("https://www.wvlt.tv", as some CMSs fill og:site_name) is
    named by its host ("wvlt.tv")."""
    if not re.match(r"https?://", name, re.IGNORECASE):
        return name
    host = urlsplit(name).hostname or name
    return host.removeprefix("www.")


def _glued_after(visible: str, headline: str) -> bool:
    """Whether ``visible`` is ``headline`` after another line with no space between, as a
    kicker in an element of its own reads when nothing marks it as one: "TarifkonfliktGDL und
    Bahn …" for "GDL und Bahn …", or "Deutsche BahnWarum …" for "Deutsche Bahn: Warum …"."""
    start = len(visible) - len(headline)
    if start > 0 and visible.endswith(headline) and visible[start - 1].isalnum():
        return True
    kicker, colon, rest = headline.partition(": ")
    return bool(colon and kicker and rest) and visible == f"{kicker}{rest}"


#: A ``<title>``'s separators, and a colon: a site's name may open it as "Site: Headline".
_TITLE_SEPARATOR = f"(?:{TITLE_SEPARATOR}|\\s*:\\s+)"


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
