"""Generate a static, deterministic news site for the demo, the benchmark and tests.

``newsarchiver demo`` crawls a site made here, and the benchmark races our crawler against a
plain Scrapy spider on one, so it carries what real news sites carry: a home page of teasers,
paginated section pages (``/world/``, ``/world/page/2/``), article pages of about 12 KB at
``/YYYY/MM/DD/slug/`` with JSON-LD ``NewsArticle``, OpenGraph, a canonical link, a byline and
``<time datetime>``, a shared stylesheet and logo, an RSS feed, ``robots.txt`` and sitemaps
(an index pointing at article sitemaps and a Google News sitemap).

The same seed always gives the same bytes: text comes from a seeded ``random.Random`` and
dates count back from a fixed instant. Pages are written one at a time as they are generated,
so 30,000 articles take a few seconds and little memory; only the small per-article metadata
of the manifest is kept, and written to ``manifest.json`` so tests can compare a crawl with it.

Absolute URLs (canonical, sitemaps, feed) need an origin, but the demo server only learns its
port once it listens. Pages are therefore written with :data:`ORIGIN_PLACEHOLDER`, which
:mod:`demosite.server` replaces with its own address as it serves them.
"""

from __future__ import annotations

import bisect
import email.utils
import json
import os
import random
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape as xml_escape

__all__ = [
    "ARTICLE_TARGET_BYTES",
    "FEED_PATH",
    "MANIFEST_NAME",
    "NEWEST_ARTICLE_DATE",
    "ORIGIN_PLACEHOLDER",
    "SITEMAP_PATH",
    "ManifestArticle",
    "SiteManifest",
    "generate_site",
    "load_manifest",
]

ORIGIN_PLACEHOLDER = "http://demosite.invalid"
"""Origin written into absolute URLs; ``.invalid`` never resolves, so a leak is harmless."""

SITE_NAME = "The Demo Chronicle"
ARTICLE_TARGET_BYTES = 12 * 1024
NEWEST_ARTICLE_DATE = datetime(2024, 6, 28, 18, 0, tzinfo=timezone(timedelta(hours=2)))
"""Articles count back from here, so dates do not depend on when the site is generated."""

FEED_PATH = "/feed.xml"
SITEMAP_PATH = "/sitemap.xml"
MANIFEST_NAME = "manifest.json"
TEASERS_PER_PAGE = 20
FEED_ITEMS = 20
URLS_PER_SITEMAP = 50_000  # the sitemaps.org limit per file
NEWS_SITEMAP_WINDOW = timedelta(days=2)  # Google News sitemaps list the last two days only
NEWS_SITEMAP_MAX = 1_000

_SECTION_NAME = re.compile(r"[a-z][a-z0-9-]*")
_RESERVED_SECTIONS = frozenset({"static"})
_STATIC_DIR = Path(__file__).with_name("static")
_BODY_SLOT = "\x00body\x00"  # where article text goes; cannot occur in escaped page text

_SUBJECTS = (
    "City councillors", "Regional lawmakers", "Researchers", "Farmers", "Central bankers",
    "Museum curators", "Transport officials", "Startup founders", "Health officials",
    "Teachers", "Dock workers", "Climate scientists", "Orchestra musicians", "Club owners",
    "Energy regulators", "Astronomers", "Villagers", "Trade negotiators", "Students",
    "Fishing crews", "Librarians", "Nurses", "Archaeologists", "Engineers",
)  # fmt: skip
_VERBS = (
    "approve", "reject", "unveil", "debate", "postpone", "celebrate", "investigate", "expand",
    "question", "launch", "rethink", "defend", "revive", "fund", "map", "challenge",
)  # fmt: skip
_OBJECTS = (
    "new rail link", "library budget", "plan to restore the old harbour", "ban on night flights",
    "deep-sea survey", "river clean-up", "tax on sugary drinks", "housing project",
    "exhibition of medieval maps", "solar farm", "water tariff", "hospital merger",
    "street theatre festival", "vaccine study", "bridge repairs", "newspaper archive",
    "cycle lane network", "coastal defence scheme", "school meal programme", "wind park",
)  # fmt: skip
_QUALIFIERS = (
    "after long delay", "amid protests", "despite warnings", "in surprise vote",
    "ahead of winter", "as costs rise", "after public consultation",
    "for the first time in decades", "", "", "",
)  # fmt: skip
_OPENINGS = (
    "According to officials,", "In a statement,", "Speaking to reporters,", "Critics argue that",
    "Supporters say", "For many residents,", "Over the past year,", "By the end of the month,",
    "In the meantime,", "As one observer put it,", "Behind closed doors,", "On Tuesday,",
)  # fmt: skip
_PREDICATES = (
    "expect", "want to see", "hope to finish", "plan to review", "are worried about",
    "welcomed", "criticised", "questioned", "have already funded", "will discuss",
)  # fmt: skip
_TAILS = (
    "before the summer", "within the next two years", "at a cost of {n} million euros",
    "in {n} districts", "with support from {n} volunteers", "after a study of {n} households",
    "despite a shortfall of {n} percent", "once the review of {n} contracts is complete",
    "as part of a wider reform", "without waiting for the national government",
)  # fmt: skip
_FIRST_NAMES = (
    "Ana", "Tom", "Maria", "Jonas", "Leila", "Pieter", "Sofia", "Kwame", "Hannah", "Mateo",
    "Yuki", "Olga", "Samuel", "Ingrid", "Ravi", "Chloé", "Emeka", "Lucía",
)  # fmt: skip
_LAST_NAMES = (
    "Silva", "Becker", "Lopez", "Nilsen", "Haddad", "de Vries", "Rossi", "Mensah", "Weber",
    "García", "Tanaka", "Ivanova", "Okafor", "Larsen", "Iyer", "Dubois", "Novak", "Byrne",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ManifestArticle:
    """What a crawl of the site must find for one article, as the generator wrote it."""

    path: str
    title: str
    authors: tuple[str, ...]
    published: datetime
    section: str

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published.isoformat(),
            "section": self.section,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ManifestArticle:
        return cls(
            path=data["path"],
            title=data["title"],
            authors=tuple(data["authors"]),
            published=datetime.fromisoformat(data["published"]),
            section=data["section"],
        )


@dataclass(frozen=True)
class SiteManifest:
    """The generated site: where it is and every article in it, newest first."""

    root: Path
    seed: int
    origin: str
    sections: tuple[str, ...]
    articles: tuple[ManifestArticle, ...]
    feed_path: str = FEED_PATH
    sitemap_path: str = SITEMAP_PATH

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "origin": self.origin,
            "sections": list(self.sections),
            "feed_path": self.feed_path,
            "sitemap_path": self.sitemap_path,
            "articles": [article.to_json() for article in self.articles],
        }


def load_manifest(root: Path) -> SiteManifest:
    """Read the manifest of a site generated earlier, so a benchmark can reuse the site."""
    path = Path(root) / MANIFEST_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return SiteManifest(
            root=Path(root),
            seed=data["seed"],
            origin=data["origin"],
            sections=tuple(data["sections"]),
            articles=tuple(ManifestArticle.from_json(item) for item in data["articles"]),
            feed_path=data["feed_path"],
            sitemap_path=data["sitemap_path"],
        )
    except FileNotFoundError:
        raise FileNotFoundError(f"no demo site manifest at {path}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"demo site manifest {path} is invalid: {exc!r}") from None


def generate_site(
    root: Path,
    *,
    articles: int = 60,
    seed: int = 0,
    sections: Sequence[str] = ("world", "politics", "business", "science", "culture"),
    origin: str = ORIGIN_PLACEHOLDER,
) -> SiteManifest:
    """Write a news site of ``articles`` articles into the empty directory ``root``.

    ``origin`` is written into absolute URLs; keep the placeholder when the site will be
    served by :func:`demosite.server.serve_directory`, which fills in its own address.
    """
    root = Path(root)
    sections = _checked_sections(sections)
    if isinstance(articles, bool) or not isinstance(articles, int) or articles < 1:
        raise ValueError(f"articles must be a positive integer, got {articles!r}")
    if not re.fullmatch(r"https?://[^/\s]+", origin):
        raise ValueError(f"origin must look like http://host[:port] with no path, got {origin!r}")
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"demo site root {root} must be an empty or new directory")
    root.mkdir(parents=True, exist_ok=True)

    writer = _SiteWriter(root, origin, sections, random.Random(seed))
    manifest_articles = writer.write(articles)
    manifest = SiteManifest(
        root=root,
        seed=seed,
        origin=origin,
        sections=sections,
        articles=manifest_articles,
    )
    with (root / MANIFEST_NAME).open("w", encoding="utf-8") as out:
        # dumps, not dump: only the one-shot encoder is the fast C one (~1 s per 30,000).
        out.write(json.dumps(manifest.to_json(), ensure_ascii=False))
    return manifest


def _checked_sections(sections: Sequence[str]) -> tuple[str, ...]:
    if isinstance(sections, str):
        raise ValueError(f"sections must be a sequence of names, not the string {sections!r}")
    names = tuple(sections)
    if not names:
        raise ValueError("sections must name at least one section")
    for name in names:
        if not isinstance(name, str) or not _SECTION_NAME.fullmatch(name):
            raise ValueError(f"section name {name!r} must match [a-z][a-z0-9-]*")
        if name in _RESERVED_SECTIONS:
            raise ValueError(f"section name {name!r} is reserved")
    if len(set(names)) != len(names):
        raise ValueError(f"section names must be unique, got {list(names)}")
    return names


@dataclass
class _SectionPager:
    """Streams one section's listing pages; a page is written once we know if an older follows."""

    name: str
    page: int = 1
    teasers: list[str] = field(default_factory=list)


class _SiteWriter:
    """Writes every page of one site; holds only teasers waiting for their listing page."""

    def __init__(
        self, root: Path, origin: str, sections: tuple[str, ...], rng: random.Random
    ) -> None:
        self.root = root
        self.origin = origin
        self.sections = sections
        self.rng = rng
        self.authors_pool = [f"{first} {last}" for first in _FIRST_NAMES for last in _LAST_NAMES]
        rng.shuffle(self.authors_pool)
        del self.authors_pool[60:]
        pool = sorted({self._sentence() for _ in range(900)}, key=lambda s: (len(s), s))
        self.sentences = pool
        self.sentence_lengths = [len(s) for s in pool]
        # Whole paragraphs are drawn per article and only the last one is built to fit:
        # drawing sentence by sentence made 30,000 articles several times slower.
        self.paragraphs = [
            f"<p>{' '.join(rng.choices(pool, k=rng.randint(3, 6)))}</p>\n" for _ in range(600)
        ]
        self.shortest_paragraph = min(len(p) for p in self.paragraphs)
        self.nav = "".join(
            f'<a href="/{name}/">{escape(name.capitalize())}</a>' for name in sections
        )

    # -- text ------------------------------------------------------------------------------

    def _sentence(self) -> str:
        rng = self.rng
        tail = rng.choice(_TAILS).format(n=rng.randint(2, 480))
        return (
            f"{rng.choice(_OPENINGS)} {rng.choice(_SUBJECTS).lower()} "
            f"{rng.choice(_PREDICATES)} the {rng.choice(_OBJECTS)} {tail}."
        )

    def _title(self) -> str:
        rng = self.rng
        words = [rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)]
        qualifier = rng.choice(_QUALIFIERS)
        if qualifier:
            words.append(qualifier)
        return " ".join(words)

    def _authors(self) -> tuple[str, ...]:
        count = self.rng.choices((1, 2, 3), weights=(70, 25, 5))[0]
        return tuple(self.rng.sample(self.authors_pool, count))

    def _paragraphs(self, budget: int) -> str:
        """Paragraphs of at most ``budget`` bytes, filled to within one short sentence."""
        pool, lengths = self.sentences, self.sentence_lengths
        out: list[str] = []
        room = budget
        for paragraph in self.rng.choices(self.paragraphs, k=budget // self.shortest_paragraph + 1):
            if len(paragraph) > room:
                break
            out.append(paragraph)
            room -= len(paragraph)
        room -= len("<p></p>\n")
        last: list[str] = []
        while (index := bisect.bisect_right(lengths, room - (1 if last else 0)) - 1) >= 0:
            # A random sentence among those that still fit, so endings differ between articles.
            sentence = pool[self.rng.randint(0, index)]
            room -= len(sentence) + (1 if last else 0)
            last.append(sentence)
        if last:
            out.append(f"<p>{' '.join(last)}</p>\n")
        return "".join(out)

    # -- site ------------------------------------------------------------------------------

    def write(self, count: int) -> tuple[ManifestArticle, ...]:
        (self.root / "static").mkdir()
        for name in ("site.css", "logo.png"):
            shutil.copyfile(_STATIC_DIR / name, self.root / "static" / name)
        pagers = {name: _SectionPager(name) for name in self.sections}
        newest: list[tuple[ManifestArticle, str]] = []
        manifest: list[ManifestArticle] = []
        with _SitemapWriter(self.root, self.origin) as sitemaps:
            for article in self._articles(count):
                summary = self._write_article(article)
                manifest.append(article)
                teaser = self._teaser(article, summary)
                if len(newest) < max(TEASERS_PER_PAGE, FEED_ITEMS):
                    newest.append((article, summary))
                pager = pagers[article.section]
                if len(pager.teasers) == TEASERS_PER_PAGE:
                    self._write_section_page(pager, has_older=True)
                pager.teasers.append(teaser)
                sitemaps.add(article)
        for pager in pagers.values():
            self._write_section_page(pager, has_older=False)
        self._write_home(newest)
        self._write_feed(newest[:FEED_ITEMS])
        (self.root / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {self.origin}{SITEMAP_PATH}\n", encoding="utf-8"
        )
        return tuple(manifest)

    def _articles(self, count: int) -> Iterator[ManifestArticle]:
        published = NEWEST_ARTICLE_DATE
        day_slugs: set[str] = set()
        day = published.date()
        for _ in range(count):
            if published.date() != day:
                day, day_slugs = published.date(), set()
            title = self._title()
            slug = "-".join(re.findall(r"[a-z0-9]+", title.lower()))
            unique, n = slug, 1
            while unique in day_slugs:
                n += 1
                unique = f"{slug}-{n}"
            day_slugs.add(unique)
            yield ManifestArticle(
                path=f"/{published:%Y/%m/%d}/{unique}/",
                title=title,
                authors=self._authors(),
                published=published,
                section=self.rng.choice(self.sections),
            )
            published -= timedelta(minutes=self.rng.randint(20, 240))

    def _page(self, *, title: str, head: str, body: str) -> str:
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="stylesheet" href="/static/site.css">\n'
            '<link rel="icon" type="image/png" href="/static/logo.png">\n'
            f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" '
            f'href="{self.origin}{FEED_PATH}">\n'
            f"{head}</head>\n<body>\n"
            '<header class="masthead"><a href="/"><img src="/static/logo.png" alt="" '
            f'width="32" height="32"></a><a class="brand" href="/">{SITE_NAME}</a></header>\n'
            f'<nav class="sections">{self.nav}</nav>\n<main>\n{body}</main>\n'
            f"<footer>&copy; {NEWEST_ARTICLE_DATE.year} {SITE_NAME}. Generated demo content."
            "</footer>\n</body>\n</html>\n"
        )

    def _write_article(self, article: ManifestArticle) -> str:
        """Write the article page and return its summary for teasers and the feed."""
        url = f"{self.origin}{article.path}"
        summary = self.rng.choice(self.sentences)
        published = article.published.isoformat()
        title = escape(article.title)
        json_ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": article.title,
                "description": summary,
                "datePublished": published,
                "dateModified": published,
                "articleSection": article.section,
                "author": [{"@type": "Person", "name": name} for name in article.authors],
                "publisher": {
                    "@type": "Organization",
                    "name": SITE_NAME,
                    "logo": {"@type": "ImageObject", "url": f"{self.origin}/static/logo.png"},
                },
                "mainEntityOfPage": {"@type": "WebPage", "@id": url},
                "image": f"{self.origin}/static/logo.png",
            },
            ensure_ascii=False,
        ).replace("</", "<\\/")
        authors_meta = "".join(
            f'<meta property="article:author" content="{escape(name)}">\n'
            for name in article.authors
        )
        head = (
            f'<meta name="description" content="{escape(summary)}">\n'
            f'<meta name="author" content="{escape(", ".join(article.authors))}">\n'
            f'<link rel="canonical" href="{url}">\n'
            '<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{title}">\n'
            f'<meta property="og:description" content="{escape(summary)}">\n'
            f'<meta property="og:url" content="{url}">\n'
            f'<meta property="og:image" content="{self.origin}/static/logo.png">\n'
            f'<meta property="og:site_name" content="{SITE_NAME}">\n'
            f'<meta property="article:published_time" content="{published}">\n'
            f'<meta property="article:section" content="{article.section}">\n'
            f"{authors_meta}"
            f'<script type="application/ld+json">\n{json_ld}\n</script>\n'
        )
        date_text = f"{article.published:%d %B %Y, %H:%M}"
        before_text = (
            f"<article>\n<h1>{title}</h1>\n"
            f'<p class="byline">By {escape(_join_names(article.authors))}</p>\n'
            f'<p class="dateline"><time datetime="{published}">{date_text}</time> · '
            f'<a href="/{article.section}/">{escape(article.section.capitalize())}</a></p>\n'
            f'<p class="lede"><strong>{escape(summary)}</strong></p>\n'
        )
        after_text = (
            f'<p class="more"><a href="/{article.section}/">More from '
            f"{escape(article.section.capitalize())}</a></p>\n</article>\n"
        )
        shell = self._page(
            title=article.title, head=head, body=f"{before_text}{_BODY_SLOT}{after_text}"
        )
        start, end = (part.encode("utf-8") for part in shell.split(_BODY_SLOT))
        text = self._paragraphs(ARTICLE_TARGET_BYTES - len(start) - len(end))
        directory = os.path.join(self.root, article.path.strip("/"))  # pathlib costs ~1 s/30k
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "index.html"), "wb") as out:
            out.write(start + text.encode("ascii") + end)
        return summary

    def _teaser(self, article: ManifestArticle, summary: str) -> str:
        return (
            f'<div class="teaser"><h2><a href="{article.path}">{escape(article.title)}</a></h2>'
            f'<p class="meta">By {escape(_join_names(article.authors))} · '
            f'<time datetime="{article.published.isoformat()}">'
            f"{article.published:%d %b %Y}</time></p><p>{escape(summary)}</p></div>\n"
        )

    def _write_section_page(self, pager: _SectionPager, *, has_older: bool) -> None:
        def page_path(n: int) -> str:
            return f"/{pager.name}/" if n == 1 else f"/{pager.name}/page/{n}/"

        links = []
        if pager.page > 1:
            links.append(f'<a rel="prev" href="{page_path(pager.page - 1)}">Newer posts</a>')
        if has_older:
            links.append(f'<a rel="next" href="{page_path(pager.page + 1)}">Older posts</a>')
        heading = pager.name.capitalize()
        if pager.page > 1:
            heading += f", page {pager.page}"
        body = (
            f"<h1>{escape(heading)}</h1>\n{''.join(pager.teasers)}"
            f'<nav class="pagination">{"".join(links)}</nav>\n'
        )
        head = f'<link rel="canonical" href="{self.origin}{page_path(pager.page)}">\n'
        target = self.root / page_path(pager.page).strip("/")
        target.mkdir(parents=True, exist_ok=True)
        page = self._page(title=f"{heading} | {SITE_NAME}", head=head, body=body)
        (target / "index.html").write_bytes(page.encode("utf-8"))
        pager.page += 1
        pager.teasers.clear()

    def _write_home(self, newest: list[tuple[ManifestArticle, str]]) -> None:
        teasers = "".join(self._teaser(a, s) for a, s in newest[:TEASERS_PER_PAGE])
        body = f"<h1>Latest news</h1>\n{teasers}"
        head = (
            f'<meta name="description" content="Latest news from {SITE_NAME}">\n'
            f'<link rel="canonical" href="{self.origin}/">\n'
        )
        page = self._page(title=SITE_NAME, head=head, body=body)
        (self.root / "index.html").write_bytes(page.encode("utf-8"))

    def _write_feed(self, items: list[tuple[ManifestArticle, str]]) -> None:
        entries = "".join(
            "<item>\n"
            f"<title>{xml_escape(a.title)}</title>\n"
            f"<link>{self.origin}{a.path}</link>\n"
            f'<guid isPermaLink="true">{self.origin}{a.path}</guid>\n'
            f"<pubDate>{email.utils.format_datetime(a.published)}</pubDate>\n"
            + "".join(f"<dc:creator>{xml_escape(name)}</dc:creator>\n" for name in a.authors)
            + f"<category>{a.section}</category>\n"
            f"<description>{xml_escape(summary)}</description>\n"
            "</item>\n"
            for a, summary in items
        )
        last_build = email.utils.format_datetime(items[0][0].published)
        feed = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"<title>{SITE_NAME}</title>\n<link>{self.origin}/</link>\n"
            f'<atom:link href="{self.origin}{FEED_PATH}" rel="self" '
            'type="application/rss+xml"/>\n'
            f"<description>Latest news from {SITE_NAME}</description>\n"
            f"<language>en</language>\n<lastBuildDate>{last_build}</lastBuildDate>\n"
            f"{entries}</channel>\n</rss>\n"
        )
        (self.root / FEED_PATH.lstrip("/")).write_bytes(feed.encode("utf-8"))


class _SitemapWriter:
    """Streams article sitemaps (50,000 URLs each) and the Google News sitemap, then the index."""

    _URLSET = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'

    def __init__(self, root: Path, origin: str) -> None:
        self.root = root
        self.origin = origin
        self.files: list[str] = []
        self.current: IO[str] | None = None
        self.in_current = 0
        self.news: IO[str] | None = None
        self.news_count = 0
        self.news_cutoff: datetime | None = None

    def __enter__(self) -> _SitemapWriter:
        self.news = self._open("sitemap-news.xml")
        self.news.write(
            f'{self._URLSET}\n xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        )
        return self

    def _open(self, name: str) -> IO[str]:
        return (self.root / name).open("w", encoding="utf-8")

    def add(self, article: ManifestArticle) -> None:
        if self.current is None or self.in_current == URLS_PER_SITEMAP:
            self._close_current()
            name = f"sitemap-articles-{len(self.files) + 1}.xml"
            self.files.append(name)
            self.current = self._open(name)
            self.current.write(f"{self._URLSET}>\n")
        loc = f"{self.origin}{article.path}"
        self.current.write(
            f"<url><loc>{loc}</loc><lastmod>{article.published.isoformat()}</lastmod></url>\n"
        )
        self.in_current += 1
        if self.news_cutoff is None:
            self.news_cutoff = article.published - NEWS_SITEMAP_WINDOW
        if article.published >= self.news_cutoff and self.news_count < NEWS_SITEMAP_MAX:
            assert self.news is not None
            self.news.write(
                f"<url><loc>{loc}</loc><news:news><news:publication>"
                f"<news:name>{SITE_NAME}</news:name><news:language>en</news:language>"
                f"</news:publication><news:publication_date>{article.published.isoformat()}"
                f"</news:publication_date><news:title>{xml_escape(article.title)}</news:title>"
                "</news:news></url>\n"
            )
            self.news_count += 1

    def _close_current(self) -> None:
        if self.current is not None:
            self.current.write("</urlset>\n")
            self.current.close()
            self.current = None
            self.in_current = 0

    def __exit__(self, *exc_info: object) -> None:
        self._close_current()
        if self.news is not None:
            self.news.write("</urlset>\n")
            self.news.close()
        entries = "".join(
            f"<sitemap><loc>{self.origin}/{name}</loc></sitemap>\n"
            for name in [*self.files, "sitemap-news.xml"]
        )
        (self.root / SITEMAP_PATH.lstrip("/")).write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</sitemapindex>\n",
            encoding="utf-8",
        )


def _join_names(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C': the byline form readers and extractors expect."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"
