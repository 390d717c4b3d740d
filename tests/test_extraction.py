"""Article fields from realistic page shapes (tests/pages/) and from hostile input."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import socket
import subprocess
import sys
import weakref
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from spiders.decoding import decode_html
from spiders.extraction import (
    MAX_HTML_CHARS,
    ArticleFields,
    ExtractionError,
    clean_title,
    extract_article,
    marked_up_text,
    parse_html,
    parse_structured,
)
from spiders.textfields import clean_line, clean_text, count_words

PAGES = Path(__file__).parent / "pages"
REPO = PAGES.parent.parent
#: New York summer time: where English is most written, for a page whose domain names no country.
EDT = timezone(timedelta(hours=-4))


def page(name: str, content_type: str | None = "text/html; charset=utf-8") -> str:
    return decode_html((PAGES / f"{name}.html").read_bytes(), content_type)


def extract(name: str, url: str, content_type: str | None = "text/html; charset=utf-8"):
    return extract_article(url, page(name, content_type))


def article_html(head: str = "", body: str = "") -> str:
    """A plain article page; enough prose for trafilatura to find a main text."""
    prose = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the valley this week, "
        f"who was there and why it matters for the people who live nearby.</p>"
        for i in range(5)
    )
    return (
        f"<html><head>{head}</head><body><article><h1>Headline</h1>{body}{prose}"
        "</article></body></html>"
    )


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


# --- realistic pages --------------------------------------------------------------------


def test_wordpress_article() -> None:
    url = "https://springfieldgazette.com/2024/05/17/city-council-approves-budget/"
    fields = extract("wordpress_article", url)
    assert fields.title == "City Council Approves $48 Million Budget After Late-Night Session"
    assert fields.authors == ["Jane Doe"]
    assert fields.published == datetime(2024, 5, 17, 7, 30, tzinfo=UTC)
    assert fields.modified == datetime(2024, 5, 17, 10, 5, 12, tzinfo=UTC)
    assert fields.canonical_url == url
    assert fields.language == "en-US"
    assert fields.section == "Local"
    assert fields.site_name == "Springfield Gazette"
    assert fields.description == (
        "After six hours of debate, the council passed a budget that adds two libraries "
        "and freezes fares."
    )
    assert "The budget passed seven votes to two." in fields.text
    assert "scheduled for the council\u2019s June 6 meeting" in fields.text
    # comments, sidebar and navigation are not the article
    assert "Glad to see the Mill Street bridge" not in fields.text
    assert "New bakery opens on Main Street" not in fields.text
    assert fields.word_count == len(fields.text.split())
    assert 350 < fields.word_count < 450


def test_yoast_graph_page() -> None:
    url = "https://www.dailyplanet.example/politics/minister-resigns-over-leaked-memo/?utm_source=x"
    fields = extract("yoast_graph", url)
    assert fields.title == "Minister Resigns Over Leaked Memo"
    assert fields.authors == ["Tom Baker"]  # an @id reference resolved inside the @graph
    assert fields.published == datetime(2024, 3, 2, 14, 5, 11, tzinfo=UTC)
    assert fields.modified == datetime(2024, 3, 3, 8, 0, tzinfo=UTC)
    assert fields.section == "Politics"
    assert fields.language == "en-GB"
    assert fields.site_name == "The Daily Planet"
    assert fields.canonical_url == (
        "https://www.dailyplanet.example/politics/minister-resigns-over-leaked-memo/"
    )


def test_byline_with_two_authors_and_time_element() -> None:
    fields = extract("two_authors", "https://www.metrotimes.example/news/transit-strike-ends")
    assert fields.title == "Transit Strike Ends After Nine Days"
    assert fields.authors == ["Jane Doe", "John Smith"]
    assert fields.published == datetime(2024, 1, 9, 18, 20, tzinfo=timezone(timedelta(hours=-5)))
    assert fields.published == datetime(2024, 1, 9, 23, 20, tzinfo=UTC)
    assert fields.site_name == "Metro Times"


def test_date_only_in_url() -> None:
    url = "https://www.coastalcourier.example/2023/11/05/storm-brings-flooding-to-coastal-towns"
    fields = extract("url_date_only", url)
    assert fields.title == "Storm Brings Flooding to Coastal Towns"
    assert fields.authors == []
    assert fields.published == datetime(2023, 11, 5, tzinfo=EDT)  # New York: English, .example
    assert fields.modified is None
    assert fields.canonical_url == url
    assert fields.text.startswith("Heavy rain and a high tide")


def test_amp_page() -> None:
    url = "https://www.globalwire.example/amp/world/peace-talks-resume-in-geneva"
    fields = extract("amp_article", url)
    assert fields.title == "Peace Talks Resume in Geneva"
    assert fields.authors == ["Ana García", "Lukas Weber"]
    assert fields.published == datetime(2024, 2, 20, 6, 45, tzinfo=UTC)
    # the relative canonical link of the AMP page points at the regular page
    assert (
        fields.canonical_url == "https://www.globalwire.example/world/peace-talks-resume-in-geneva"
    )
    assert fields.section == "World"
    assert fields.site_name == "Global Wire"
    assert fields.language == "en"
    assert "GENEVA — Delegations" in fields.text


def test_page_without_metadata() -> None:
    url = "https://www.valleyvoice.example/stories/village-bakery-winter"
    fields = extract("no_metadata", url)
    assert fields == ArticleFields(
        canonical_url=url,
        title="How a Village Bakery Survived the Winter",
        authors=[],
        published=None,
        modified=None,
        language="en",  # detected from the text
        section=None,
        description=None,
        text=fields.text,
        word_count=fields.word_count,
        site_name=None,
    )
    assert fields.text.startswith("When the only road into the village was closed by snow")
    assert fields.word_count == 209


def test_windows_1251_declared_in_meta() -> None:
    body = (PAGES / "cp1251_meta.html").read_bytes()
    for content_type in (None, "text/html"):
        fields = extract_article(
            "https://novosti.example.ru/2024/04/12/most/", decode_html(body, content_type)
        )
        assert fields.title == "Новый мост через Волгу открыт для движения"
        assert fields.authors == ["Иван Петров"]
        assert fields.published == datetime(2024, 4, 12, 7, 0, tzinfo=UTC)
        assert fields.site_name == "Новости Поволжья"
        assert fields.language == "ru"
        assert "Строительство моста длиной почти два километра" in fields.text


def test_windows_1251_declared_in_header_only() -> None:
    fields = extract(
        "cp1251_header",
        "https://vestnik.example.ru/news/pavodok",
        content_type="text/html; charset=windows-1251",
    )
    assert fields.title == "Весенний паводок: уровень воды в реке начал снижаться"
    assert fields.authors == ["Мария Соколова"]
    # a day without time, at midnight in Moscow: the zone most Russian newsrooms keep
    assert fields.published == datetime(2024, 4, 15, tzinfo=timezone(timedelta(hours=3)))
    assert fields.language == "ru"  # no lang attribute: detected from the text
    assert "Уровень воды в реке у городского гидропоста" in fields.text  # noqa: RUF001


# --- decoding ---------------------------------------------------------------------------


def test_decode_header_charset_beats_meta() -> None:
    body = '<html><head><meta charset="utf-8"></head><body>Привет</body></html>'.encode("cp1251")
    assert "Привет" in decode_html(body, "text/html; charset=windows-1251")


def test_decode_meta_when_header_has_no_charset() -> None:
    body = (PAGES / "cp1251_meta.html").read_bytes()
    assert "Новый мост через Волгу" in decode_html(body, "text/html")


def test_decode_utf8_bytes_whatever_the_meta_says() -> None:
    """A <meta> naming Latin-1 or EUC-KR over UTF-8 bytes is a mislabel a header hid from
    the page's readers; a header's charset still rules, and a real Latin-1 page is Latin-1."""
    mislabelled = '<meta charset="iso-8859-1"><h1>Andrés Iniesta</h1>'.encode()
    assert "Andrés Iniesta" in decode_html(mislabelled, "text/html")
    korean = '<meta charset="euc-kr"><h1>코로나19 극복</h1>'.encode()
    assert "코로나19 극복" in decode_html(korean, None)
    assert "AndrÃ©s" in decode_html(mislabelled, "text/html; charset=iso-8859-1")
    latin1 = '<meta charset="iso-8859-1"><h1>Andrés Iniesta</h1>'.encode("latin-1")
    assert "Andrés Iniesta" in decode_html(latin1, "text/html")


def test_decode_detects_undeclared_charsets() -> None:
    cp1251 = (PAGES / "cp1251_header.html").read_bytes()
    assert "Весенний паводок" in decode_html(cp1251, None)
    utf8 = "<html><body><p>Déjà vu — naïve café</p></body></html>".encode()
    assert "Déjà vu — naïve café" in decode_html(utf8, "text/html")


def test_decode_bom_and_bogus_header_charset() -> None:
    body = "\ufeff<p>Grüße</p>".encode("utf-16-le")
    assert decode_html(body, None) == "<p>Grüße</p>"
    assert "Grüße" in decode_html("<p>Grüße</p>".encode(), "text/html; charset=no-such-charset")


def test_decode_never_raises_on_invalid_bytes() -> None:
    text = decode_html(b"<p>caf\xc3 \xff\xfe ok</p>", "text/html; charset=utf-8")
    assert text.startswith("<p>caf") and text.endswith(" ok</p>")
    assert "\ufffd" in text


# --- authors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ({"@type": "Person", "name": "Jane Doe"}, ["Jane Doe"]),
        (
            [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Smith"}],
            ["Jane Doe", "John Smith"],
        ),
        (["Jane Doe", "jane doe", {"name": "John Smith"}], ["Jane Doe", "John Smith"]),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ({"@type": "Organization", "name": "Reuters"}, []),  # an agency: the publisher
        ({"@type": "person", "name": "Jane Doe"}, ["Jane Doe"]),  # a type in lower case
    ],
)
def test_jsonld_author_shapes(author: object, expected: list[str]) -> None:
    head = jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "author": author})
    assert extract_article("https://x.example/a", article_html(head)).authors == expected


@pytest.mark.parametrize(
    ("author", "credits"),
    [
        # the Times of India types its desk a Thing: its capitals make it a credit like an
        # agency's, which alone is the publisher
        ({"@type": "Thing", "name": "TNN"}, ([], "TNN")),
        ({"@type": "Thing", "name": "Jane Doe"}, (["Jane Doe"], None)),  # a Thing may be one
        ({"@type": "Brand", "name": "Mumbai Mirror"}, ([], "Mumbai Mirror")),
    ],
)
def test_a_jsonld_author_typed_as_a_thing_or_a_brand(
    author: dict[str, str], credits: tuple[list[str], str | None]
) -> None:
    byline = "<p class='byline'>By Jane Doe</p>" if author["name"] == "Jane Doe" else ""
    html = article_html(jsonld({"@type": "NewsArticle", "author": author}), byline)
    fields = extract_article("https://x.example/a", html)
    assert (fields.authors, fields.publisher) == credits


def test_an_organisation_as_jsonld_author_is_the_publisher_and_the_byline_names_people() -> None:
    """An author entry typed Organization is no person: it is credited as the publisher, and
    the people come from the next source that names them (here the visible byline)."""
    desk = {"@type": "NewsMediaOrganization", "name": "Kompas Gramedia"}
    beside = [{"@type": "Person", "name": "Jane Doe"}, desk]
    fields = extract_article(
        "https://x.example/a", article_html(jsonld({"author": beside, "@type": "NewsArticle"}))
    )
    assert (fields.authors, fields.publisher) == (["Jane Doe"], "Kompas Gramedia")
    alone = article_html(
        jsonld({"@type": "NewsArticle", "author": desk}), "<p class='byline'>By Jane Doe</p>"
    )
    fields = extract_article("https://x.example/a", alone)
    assert (fields.authors, fields.publisher) == (["Jane Doe"], "Kompas Gramedia")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Alice Adams, Bob Brown and Carol Clark", ["Alice Adams", "Bob Brown", "Carol Clark"]),
        ("By Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("BY JANE DOE", ["Jane Doe"]),  # capitals written as a name
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Written by: Jane Doe &amp; John Smith", ["Jane Doe", "John Smith"]),
    ],
)
def test_byline_shapes(byline: str, expected: list[str]) -> None:
    html = article_html(body=f'<p class="byline">{byline}</p>')
    assert extract_article("https://x.example/a", html).authors == expected


def test_meta_author_beats_byline_and_facebook_url_is_not_a_name() -> None:
    head = (
        '<meta property="article:author" content="https://www.facebook.com/someone">'
        '<meta name="author" content="Jane Doe">'
    )
    byline = '<p class="byline">By Somebody Else</p><p class="bio">Jane Doe writes here.</p>'
    html = article_html(head, byline)
    assert extract_article("https://x.example/a", html).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("Headline - المدينة نيوز", "المدينة نيوز"),  # the site named after the headline
        ("Valley Courier | Headline", "Valley Courier"),  # and before it
        ("Headline - Valley Courier - Sport", None),  # three parts: which is the site's?
        ("Headline -- 上報 / 焦點", None),  # a site and its section
        ("Headline - Travel, Food, and Tech", None),  # a tagline
        ("Headline | Politics", None),  # a section
    ],
)
def test_the_titles_part_beside_the_headline_names_the_site(title: str, site: str | None) -> None:
    """With no site name in the metadata, a byline field holding the ``<title>``'s site part
    credits the site, not a person."""
    named = site or "Valley Courier"
    head = f"<title>{title}</title><meta name='author' content='{named}'>"
    fields = extract_article("https://www.valleycourier.com/a", article_html(head))
    assert fields.site_name == site
    if site:
        assert (fields.authors, fields.publisher) == ([], site)
    # the same, fetched from a mirror: the host is the one the page names as its own
    canonical = "<link rel='canonical' href='https://www.valleycourier.com/a'>"
    mirrored = extract_article("http://127.0.0.1:8080/a", article_html(head + canonical))
    assert mirrored.site_name == site


@pytest.mark.parametrize(
    ("href", "alt", "expected"),
    [
        ("/", "ဧရာဝတီ", ([], "ဧရာဝတီ")),
        # an alt in Latin letters may be a tagline or "Logo"; a section's link shows its own
        ("/", "Ayeyarwady", (["Ayeyarwady"], "Irrawaddy")),
        ("/news", "ဧရာဝတီ", (["ဧရာဝတီ"], "Irrawaddy")),
        # the home page on the host the page names as its own, fetched from a mirror
        ("https://burma.irrawaddy.com/", "ဧရာဝတီ", ([], "ဧရာဝတီ")),
    ],
)
def test_the_sites_name_in_its_own_script_is_its_logos_alt(
    href: str, alt: str, expected: tuple[list[str], str]
) -> None:
    """A site its metadata names in Latin letters signs in its own script: the alt of the logo
    linking to its home page names it so."""
    head = f"<meta property='og:site_name' content='Irrawaddy'><meta name='author' content='{alt}'>"
    head += "<link rel='canonical' href='https://burma.irrawaddy.com/news/a.html'>"
    logo = f'<header><a href="{href}"><img src="/logo.png" alt="{alt}"></a></header>'
    html = article_html(head).replace("<article>", f"{logo}<article>")
    fetched = "http://127.0.0.1:8080/news/a.html" if href.startswith("http") else None
    fields = extract_article(fetched or "https://burma.irrawaddy.com/news/a.html", html)
    assert (fields.authors, fields.publisher) == expected


def test_an_icon_linking_home_below_the_headline_names_no_site() -> None:
    """A portal closes the story with an icon linking home whose alt names its editor."""
    head = "<meta name='author' content='李昊'>"
    icon = '<div><a href="https://www.163.com/"><img src="/end.png" alt="李昊"></a>编辑</div>'
    html = article_html(head).replace("</article>", f"{icon}</article>")
    fields = extract_article("https://www.163.com/news/article/J3L7K2QB.html", html)
    # the metadata's name is no site's, so it stays the author
    assert (fields.authors, fields.publisher) == (["李昊"], None)


def test_a_blogs_author_in_its_title_stays_its_author() -> None:
    head = "<title>Headline - Jane Doe</title><meta name='author' content='Jane Doe'>"
    fields = extract_article("https://janes-notes.example/a", article_html(head))
    assert (fields.authors, fields.site_name) == (["Jane Doe"], None)


def test_a_part_of_the_headline_names_no_site() -> None:
    """Guillemets part some sites' titles ("Site » Blog Archive » …"), but here they quote the
    one the headline names: "Thomas Piketty" is no site."""
    headline = "Thomas Piketty : « La question des inégalités est revenue »"
    html = article_html(f"<title>{headline}</title>").replace("Headline", headline, 1)
    fields = extract_article("https://x.example/a", html)
    assert (fields.title, fields.site_name) == (headline, None)


# --- titles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "site_names", "url", "expected"),
    [
        ("Budget passes | The Gazette", ["The Gazette"], "https://a.example/x", "Budget passes"),
        ("Budget passes - Gazette", ["The Gazette"], "https://a.example/x", "Budget passes"),
        ("Gazette: Budget passes", ["Gazette"], "https://a.example/x", "Budget passes"),
        ("Budget passes \u2013 Metro Times", [], "https://www.metro-times.com/x", "Budget passes"),
        ("Budget passes | BBC News", [], "https://www.bbc.co.uk/x", "Budget passes | BBC News"),
        ("Budget passes | BBC", [], "https://www.bbc.co.uk/x", "Budget passes"),
        ("Analysis - what next?", ["Gazette"], "https://a.example/x", "Analysis - what next?"),
        ("A - B - Gazette", ["Gazette"], "https://a.example/x", "A - B"),
        ("Gazette", ["Gazette"], "https://a.example/x", "Gazette"),
    ],
)
def test_clean_title(title: str, site_names: list[str], url: str, expected: str) -> None:
    assert clean_title(title, site_names, url) == expected


def test_title_falls_back_from_jsonld_to_og_to_h1_to_title_tag() -> None:
    base = "<title>From Title Tag | Site</title><meta property='og:site_name' content='Site'>"
    og = "<meta property='og:title' content='From OG'>"
    ld = jsonld({"@type": "NewsArticle", "headline": "From JSON-LD"})
    assert extract_article("https://x.example/a", article_html(base + og + ld)).title == (
        "From JSON-LD"
    )
    assert extract_article("https://x.example/a", article_html(base + og)).title == "From OG"
    assert extract_article("https://x.example/a", article_html(base)).title == "Headline"
    two_h1 = article_html(base, "<h1>Second</h1>")
    assert extract_article("https://x.example/a", two_h1).title == "From Title Tag"


def test_html_escaped_jsonld_strings_are_decoded() -> None:
    ld = jsonld(
        {"@type": "NewsArticle", "headline": "Council&#8217;s vote", "author": "Ana &amp; Bo Li"}
    )
    fields = extract_article("https://x.example/a", article_html(ld))
    assert fields.title == "Council\u2019s vote"
    assert fields.authors == ["Ana", "Bo Li"]


# --- dates ------------------------------------------------------------------------------


def test_date_trust_order() -> None:
    ld = jsonld({"@type": "NewsArticle", "datePublished": "2024-01-01T10:00:00+01:00"})
    meta = '<meta property="article:published_time" content="2024-02-02T10:00:00Z">'
    time = '<time datetime="2024-03-03T10:00:00Z">March 3</time>'
    url = "https://x.example/2024/04/04/slug"
    assert extract_article(url, article_html(ld + meta, time)).published == datetime(
        2024, 1, 1, 9, 0, tzinfo=UTC
    )
    assert extract_article(url, article_html(meta, time)).published == datetime(
        2024, 2, 2, 10, 0, tzinfo=UTC
    )
    assert extract_article(url, article_html("", time)).published == datetime(
        2024, 3, 3, 10, 0, tzinfo=UTC
    )
    # the URL's day, at midnight where English is most written (x.example names no country)
    assert extract_article(url, article_html()).published == datetime(2024, 4, 4, tzinfo=EDT)
    assert extract_article("https://x.example/slug", article_html()).published is None


def test_naive_and_unparseable_dates() -> None:
    ld = jsonld(
        {"@type": "NewsArticle", "datePublished": "yesterday", "dateModified": "2024-05-01"}
    )
    meta = '<meta name="pubdate" content="2024-05-17 08:15:00">'
    fields = extract_article("https://x.example/a", article_html(ld + meta))
    # naive means the page's local time: where English is most written, on a generic domain
    assert fields.published == datetime(2024, 5, 17, 8, 15, tzinfo=EDT)
    assert fields.modified == datetime(2024, 5, 1, tzinfo=EDT)
    rfc = '<meta name="date" content="Fri, 17 May 2024 08:15:00 +0200">'
    published = extract_article("https://x.example/a", article_html(rfc)).published
    assert published == datetime(2024, 5, 17, 6, 15, tzinfo=UTC)
    assert published.tzinfo is not None


def test_impossible_url_date_is_ignored() -> None:
    fields = extract_article("https://x.example/2023/02/30/slug", article_html())
    assert fields.published is None


# --- canonical URL, language, section ---------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<link rel="canonical" href="/news/story">', "https://x.example/news/story"),
        ('<link rel="Canonical" href="https://y.example/story#top">', "https://y.example/story"),
        (
            '<meta property="og:url" content="https://x.example/og-story">',
            "https://x.example/og-story",
        ),
        # a template's site-wide canonical would merge every article into one
        ('<link rel="canonical" href="https://x.example/">', "https://x.example/a/b?id=1"),
        ('<link rel="canonical" href="javascript:void(0)">', "https://x.example/a/b?id=1"),
        ("", "https://x.example/a/b?id=1"),
    ],
)
def test_canonical_url(head: str, expected: str) -> None:
    assert extract_article("https://x.example/a/b?id=1", article_html(head)).canonical_url == (
        expected
    )


@pytest.mark.parametrize(
    ("html_lang", "head", "expected"),
    [
        ("de-de", "", "de-DE"),
        ("", '<meta property="og:locale" content="fr_FR">', "fr-FR"),
        ("", jsonld({"@type": "NewsArticle", "inLanguage": "es"}), "es"),
        ("not a language!", '<meta property="og:locale" content="pt_BR">', "pt-BR"),
    ],
)
def test_language_sources(html_lang: str, head: str, expected: str) -> None:
    html = article_html(head).replace("<html>", f'<html lang="{html_lang}">')
    assert extract_article("https://x.example/a", html).language == expected


def test_section_from_jsonld_when_no_meta() -> None:
    ld = jsonld({"@type": "NewsArticle", "articleSection": ["Sport", "Football"]})
    assert extract_article("https://x.example/a", article_html(ld)).section == "Sport"


# --- structured data --------------------------------------------------------------------


def test_parse_structured_reads_graph_opengraph_and_meta() -> None:
    data = parse_structured(page("wordpress_article"), "https://springfieldgazette.com/x")
    assert data.opengraph["article:tag"] == ["budget", "city council"]
    assert data.og("og:type") == "article"
    assert data.meta["description"].startswith("After six hours of debate")
    assert data.meta["generator"] == "WordPress 6.5.3"
    yoast = parse_structured(page("yoast_graph"), "https://www.dailyplanet.example/x")
    types = [node["@type"] for node in yoast.jsonld_nodes()]
    assert types == [
        "NewsArticle", "WebPage", "ImageObject", "BreadcrumbList", "WebSite", "Organization",
        "Person",
    ]  # fmt: skip


def test_broken_jsonld_block_does_not_hide_the_next_one() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
        + jsonld({"@type": "NewsArticle", "headline": "Second block"})
    )
    assert parse_structured(article_html(head), "https://x.example/a").json_ld == [
        {"@type": "NewsArticle", "headline": "Second block"}
    ]
    assert extract_article("https://x.example/a", article_html(head)).title == "Second block"


def test_parse_structured_of_garbage_is_empty() -> None:
    for html in ("", "   ", "\x00\x01\x02", "<<<>>>"):
        data = parse_structured(html, "https://x.example/a")
        assert data.json_ld == [] and data.opengraph == {}


# --- hostile input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "",
        "  \n\t ",
        "\x00" * 1000,
        "<html><head></head><body></body></html>",
        "<script>var a = 1;</script>",
        "<?xml version='1.0' encoding='utf-8'?><rss><channel></channel></rss>",
    ],
)
def test_empty_pages_raise_extraction_error(html: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract_article("https://x.example/a", html)
    assert "\n" not in str(caught.value) and str(caught.value)


@pytest.mark.timeout(60)
def test_binary_garbage_only_ever_raises_extraction_error() -> None:
    for seed in range(20):
        body = os.urandom(2000 + seed * 500)
        html = decode_html(body, None if seed % 2 else "text/html; charset=utf-8")
        try:
            extract_article("https://x.example/a", html)
        except ExtractionError as exc:
            assert "\n" not in str(exc)


def test_wrong_input_type_is_an_extraction_error() -> None:
    with pytest.raises(ExtractionError, match="decoded text, not bytes"):
        extract_article("https://x.example/a", b"<html></html>")  # type: ignore[arg-type]


def test_too_large_page_is_refused_quickly() -> None:
    with pytest.raises(ExtractionError, match="page too large"):
        extract_article("https://x.example/a", "x" * (MAX_HTML_CHARS + 1))


@pytest.mark.timeout(60)
def test_large_and_deeply_nested_pages_finish() -> None:
    filler = "<p>Filler text that makes this page much longer than any news article.</p>"
    big = article_html().replace("</article>", "</article><div>" + filler * 8000 + "</div>")
    assert len(big) > 500_000
    fields = extract_article("https://x.example/a", big)
    assert fields.word_count > 0
    nested = "<html><body>" + "<div>" * 5000 + "<p>deep</p>" + "</div>" * 5000 + "</body></html>"
    with contextlib.suppress(ExtractionError):  # either outcome is fine; another error is not
        extract_article("https://x.example/a", nested)


@pytest.mark.timeout(60)
def test_a_style_sheet_without_braces_is_read_in_one_pass() -> None:
    """A page that sets its headline in no heading makes extraction read its style sheet for
    the classes that size type; a hostile one of a million characters without a brace must
    not hold it up."""
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the valley this week.</p>"
        for i in range(6)
    )
    html = (
        f"<html><head><title>Site</title><style>{'a' * 1_000_000}</style></head><body>"
        f"<span class='hd'>The headline of the day</span>{paragraphs}</body></html>"
    )
    assert extract_article("https://x.example/a.html", html).word_count > 0


@pytest.mark.timeout(30)
def test_deeply_nested_title_classed_blocks_are_read_once_each() -> None:
    """The text of each block that may hold the headline is read without walking up from each
    of its words: hundreds of nested blocks classed as titles over thousands of words must
    not hold extraction up (an icon's ``<svg>`` in them makes their text skip its title)."""
    paragraphs = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the valley this week.</p>"
        for i in range(6)
    )
    depth = 240
    html = (
        "<html><head><title>The headline of the day | Site</title><meta property='og:title' "
        "content='The headline of the day'></head><body>"
        + '<div class="title">t <svg><title>icon</title></svg>' * depth
        + "<span>word</span> " * 2500
        + "</div>" * depth
        + f"{paragraphs}</body></html>"
    )
    assert extract_article("https://x.example/a.html", html).word_count > 0


def test_extraction_uses_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        # Recorded, not only raised: extraction code may swallow the exception.
        attempts.append(args)
        raise OSError("network access refused in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    url = "https://springfieldgazette.com/2024/05/17/city-council-approves-budget/"
    assert extract("wordpress_article", url).authors == ["Jane Doe"]
    assert attempts == []


# --- the marked-up article body -----------------------------------------------------------

STORY = [
    f"Paragraph {i} of the story says what the council decided on the tram line this week, "
    "who voted for it and what it will cost the people who ride it every day."
    for i in range(8)
]


def marked_up_page(body: str, *, container: str = '<div itemprop="articleBody">') -> str:
    tag = container[1:].split()[0].rstrip(">")
    return (
        '<html lang="en"><head><title>Tram vote</title></head><body>'
        '<header class="masthead"><a href="/">The Daily Example</a></header>'
        f"<main>{container}{body}</{tag}></main>"
        "<footer>Copyright The Daily Example</footer></body></html>"
    )


def story(first: int = 0, last: int = 8) -> str:
    return "".join(f"<p>{text}</p>" for text in STORY[first:last])


def test_marked_up_body_keeps_the_story_and_drops_what_is_not() -> None:
    body = (
        '<p class="byline">By Jane Doe</p>'
        '<div class="share-tools"><a href="/share">Share this story</a></div>'
        + story(0, 3)
        + "<h2>What happens next</h2>"
        + '<figure><img src="/tram.jpg"><figcaption>The tram depot</figcaption></figure>'
        + story(3, 5)
        + "<aside><p>Read also: an unrelated story about the harbour</p></aside>"
        + '<div class="newsletter-promo"><p>Sign up for our newsletter today</p></div>'
        + '<ul class="links"><li><a href="/a">Related: tram fares</a></li></ul>'
        + story(5, 8)
        + '<p class="more"><a href="/section/">More from the city section</a></p>'
    )
    text = marked_up_text(parse_html(marked_up_page(body)))
    assert text == "\n".join([*STORY[:3], "What happens next", *STORY[3:]])


def test_one_top_level_article_is_a_marked_up_body_too() -> None:
    html = marked_up_page(story(), container='<article class="story tag-politics">')
    assert marked_up_text(parse_html(html)) == "\n".join(STORY)


def test_marked_up_paragraphs_are_one_line_each_whatever_their_spaces() -> None:
    spaced = [
        "  Line one of a paragraph\n\t  broken by the <em>editor</em>  ",
        "Der Stadtrat\u00a0beschloss die Straßenbahn,\u2009sagte die Bürgermeisterin.",
    ]
    html = marked_up_page("".join(f"<p>{text}</p>" for text in spaced) + story())
    fields = extract_article("https://example.com/2024/05/17/tram-vote/", html)
    assert fields.text.split("\n")[:2] == [
        "Line one of a paragraph broken by the editor",
        "Der Stadtrat beschloss die Straßenbahn, sagte die Bürgermeisterin.",
    ]
    assert fields.text == marked_up_text(parse_html(html))
    assert fields.word_count == len(fields.text.split())


@pytest.mark.parametrize(
    "html",
    [
        marked_up_page(story(0, 3)),  # too little text to trust
        marked_up_page(story() + "<table><tr><td>Votes</td><td>7</td></tr></table>"),
        # most of the prose is outside paragraphs, where the paragraphs would miss it
        marked_up_page("<p>Lead.</p>" + "<br>".join(STORY)),
        # two articles: which one is the story is not marked up
        "<html><body><article>" + story() + "</article><article>" + story() + "</article>",
        "<html><body><div>" + story() + "</div></body></html>",  # no container
    ],
    ids=["short", "table", "bare-text", "two-articles", "no-container"],
)
def test_unclear_bodies_are_left_to_trafilatura(html: str) -> None:
    assert marked_up_text(parse_html(html)) is None
    assert extract_article("https://news.example/2024/05/01/tram", html).text


def test_a_marked_up_page_with_metadata_never_loads_trafilatura() -> None:
    """Importing trafilatura costs half a second of CPU per crawl; such pages do not need it."""
    head = (
        '<meta property="og:site_name" content="Daily Example"><meta name="author" content="J D">'
    )
    html = marked_up_page(story()).replace("<head>", f"<head>{head}")
    script = (
        "import sys\n"
        "from spiders.extraction import extract_article\n"
        f"fields = extract_article('https://news.example/2024/05/01/tram', {html!r})\n"
        "assert fields.text.startswith('Paragraph 0'), fields.text\n"
        "assert (fields.language, fields.site_name) == ('en', 'Daily Example')\n"
        "print('trafilatura' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert done.stdout.strip() == "False"


# --- issue 17: the headline the reader saw, clean text fields -------------------------------


def test_title_is_the_headline_the_reader_saw_and_social_title_the_shared_one() -> None:
    head = (
        "<meta property='og:site_name' content='Valley Voice'>"
        "<meta property='og:title' "
        "content='Bridge reopens after two years of repairs | Valley Voice'>"
        + jsonld({"@type": "NewsArticle", "headline": "Bridge reopens after two years of repairs"})
    )
    html = article_html(head).replace(
        "<h1>Headline</h1>", "<h1>Bridge reopens after two years</h1>"
    )
    fields = extract_article("https://x.example/a", html)
    assert fields.title == "Bridge reopens after two years"
    assert fields.social_title == "Bridge reopens after two years of repairs"
    assert fields.publisher == "Valley Voice"


@pytest.mark.parametrize(
    ("publisher_type", "name", "authors", "publisher"),
    [
        # the paper its microdata names as the publisher and as the author signed nothing
        ("Organization", "Diario El Dia de La Plata", [], "Diario El Dia de La Plata"),
        # a blog's writer, named as its publisher too, is its author, whatever its type
        ("Person", "Ronaldinho", ["Ronaldinho"], "Springfield Notes"),
        ("Organization", "Jane Smith", ["Jane Smith"], "Springfield Notes"),
    ],
)
def test_the_microdata_publisher_names_the_site(
    publisher_type: str, name: str, authors: list[str], publisher: str
) -> None:
    item = (
        '<div itemscope itemtype="https://schema.org/NewsArticle"><div itemprop="publisher" '
        f'itemscope itemtype="https://schema.org/{publisher_type}"><meta itemprop="name" '
        f'content="{name}"></div><meta itemprop="author" content="{name}"></div>'
    )
    html = article_html("<meta property='og:site_name' content='Springfield Notes'>", body=item)
    fields = extract_article("https://www.example.com/a", html)
    assert (fields.authors, fields.publisher) == (authors, publisher)


def test_the_microdata_publisher_is_never_the_sites_name() -> None:
    """A theme's microdata may name its logo or its platform as the publisher."""
    item = (
        '<div itemscope itemtype="https://schema.org/NewsArticle"><div itemprop="publisher" '
        'itemscope itemtype="https://schema.org/Organization"><meta itemprop="name" '
        'content="Logo"></div></div>'
    )
    fields = extract_article("https://www.example.com/a", article_html(body=item))
    assert (fields.site_name, fields.publisher) == (None, None)


@pytest.mark.parametrize(
    ("og_title", "expected"),
    [
        # the page sets kicker and headline as one line for sharing: that is its headline
        (
            "Bahn-Streik: Was Pendler jetzt wissen müssen",
            "Bahn-Streik: Was Pendler jetzt wissen müssen",
        ),
        # else the big line under the kicker is
        (None, "Was Pendler jetzt wissen müssen"),
    ],
)
def test_a_kicker_inside_the_headline(og_title: str | None, expected: str) -> None:
    head = f"<meta property='og:title' content='{og_title}'>" if og_title else ""
    html = article_html(head).replace(
        "<h1>Headline</h1>",
        '<h1><span class="title__kicker">Bahn-Streik</span><span>Was Pendler jetzt wissen '
        "müssen</span></h1>",
    )
    assert extract_article("https://x.example/a", html).title == expected


@pytest.mark.parametrize(
    "kicker_class",
    ["titleModule__surtitle", "article-surtitre", "antetitulo", "titolo-occhiello"],
)
def test_a_kicker_classed_in_french_spanish_or_italian(kicker_class: str) -> None:
    html = article_html().replace(
        "<h1>Headline</h1>",
        f'<h1><span class="{kicker_class}">Tunnel Louis-Hippolyte-La Fontaine</span><span '
        'class="titleModule__main">Des fermetures complètes ce printemps</span></h1>',
    )
    assert extract_article("https://x.example/a", html).title == (
        "Des fermetures complètes ce printemps"
    )


@pytest.mark.parametrize(
    ("kicker", "og_title"),
    [
        # hashed classes: a data attribute names the kicker
        ('<span class="css-1tuo7hh" data-manual="kicker">Tarifkonflikt</span>', None),
        # nothing names it, but the headline for sharing is what follows it, glued on
        ('<span class="css-1tuo7hh">Tarifkonflikt</span>', "GDL und Bahn einigen sich"),
    ],
)
def test_a_kicker_glued_to_the_headline_is_left_out(kicker: str, og_title: str | None) -> None:
    head = f"<meta property='og:title' content='{og_title}'>" if og_title else ""
    html = article_html(head).replace(
        "<h1>Headline</h1>",
        f'<h1>{kicker}<span class="css-1b9s7ze">GDL und Bahn einigen sich</span></h1>',
    )
    assert extract_article("https://x.example/a", html).title == "GDL und Bahn einigen sich"


def test_an_icons_title_is_no_part_of_the_headline() -> None:
    """The page names kicker and headline with a colon between for sharing; the kicker is set
    after an icon whose ``<title>`` no reader sees."""
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"Tarifkonflikt: GDL und Bahn einigen sich"}</script>'
        "<meta property='og:title' content='Bahn-Streik vorbei: Einigung im Tarifstreit'>"
    )
    html = article_html(head).replace(
        "<h1>Headline</h1>",
        '<h2><span class="flex"><span><svg width="25" height="16"><title>SPIEGEL Plus</title>'
        '</svg></span><span class="font-normal">Tarifkonflikt</span></span><span>GDL und Bahn '
        "einigen sich</span></h2>",
    )
    assert extract_article("https://x.example/a", html).title == (
        "Tarifkonflikt: GDL und Bahn einigen sich"
    )


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        (
            "Germania, terzo sciopero dei macchinisti<br>treni fermi, caos tra i pendolari",
            "Germania, terzo sciopero dei macchinisti treni fermi, caos tra i pendolari",
        ),
        (
            "市議会 新年度予算案を可決<br>一般会計は過去最大の1,611億円",
            "市議会 新年度予算案を可決 一般会計は過去最大の1,611億円",
        ),
        ("Bund stoppt Corona-<br>Hilfen", "Bund stoppt Corona-Hilfen"),
        ("東京都知事選、<br>現職が3選", "東京都知事選、現職が3選"),
    ],
)
def test_a_line_break_in_the_headline_is_a_space(headline: str, expected: str) -> None:
    """...but where the line broke after a hyphen or a CJK comma, which join the lines."""
    html = article_html().replace("<h1>Headline</h1>", f"<h1>{headline}</h1>")
    assert extract_article("https://x.example/a", html).title == expected


@pytest.mark.parametrize(
    ("jsonld_headline", "expected"),
    [
        # the metadata names the second part whole: the first is a kicker
        ("Ampel streitet über Ausnahmen", "Ampel streitet über Ausnahmen"),
        # it names both with a colon between, which the page glued together
        (
            "Streit ums Heizungsgesetz: Ampel streitet über Ausnahmen",
            "Streit ums Heizungsgesetz: Ampel streitet über Ausnahmen",
        ),
    ],
)
def test_a_kicker_in_a_span_of_its_own_beside_the_headlines(
    jsonld_headline: str, expected: str
) -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        f'"{jsonld_headline}"}}</script><meta property="og:title" content="{jsonld_headline}">'
    )
    html = article_html(head).replace(
        "<h1>Headline</h1>",
        '<h2><span class="font-bold block mb-12">Streit ums Heizungsgesetz</span><span class='
        '"align-middle">Ampel streitet über Ausnahmen</span></h2>',
    )
    assert extract_article("https://www.spiegel.example/a", html).title == expected


def test_title_tag_separator_without_a_known_site_name() -> None:
    head = "<title>Bridge reopens after two years | Valley Voice News Online</title>"
    html = article_html(head).replace("<h1>Headline</h1>", "<h1>One</h1><h1>Two</h1>")
    html = html.replace("<article>", "<article><h2>Bridge reopens after two years</h2>")
    assert extract_article("https://x.example/a", html).title == "Bridge reopens after two years"


def test_text_fields_lose_invisible_characters_and_odd_spaces() -> None:
    head = (
        "<meta property='og:title' content='Bundes\u00adregierung\u200b beschließt Haushalt'>"
        "<meta name='author' content='\ufeffAnna\u00a0 Schmidt'>"
        "<meta name='description' content='Erste\u2009Lesung  im\u200b Bundestag'>"
    )
    fields = extract_article("https://x.example/a", article_html(head))
    assert fields.social_title == "Bundesregierung beschließt Haushalt"
    assert fields.authors == ["Anna Schmidt"]
    assert fields.description == "Erste Lesung im Bundestag"


def test_clean_text_keeps_joiners_that_spell_words() -> None:
    assert clean_line("می\u200cشود \u00ad") == "می\u200cشود"
    assert clean_text("  one\u00a0 line \n\n\u200b\n two ") == "one line\ntwo"


def test_malayalams_old_chillus_are_its_chillu_letters() -> None:
    # "own correspondent", its last letter a consonant, a virama and a joiner, and the
    # letter Unicode 5.1 encodes; a joiner elsewhere stays
    assert clean_line("സ്വന്തം ലേഖകന്\u200d") == "സ്വന്തം ലേഖകൻ"
    assert clean_text("അവര്\u200d\nവന്നു") == "അവർ\nവന്നു"
    assert clean_line("क्\u200dष") == "क्\u200dष"


def test_the_headline_next_to_the_body_wins_over_a_logo_named_like_the_site() -> None:
    head = (
        "<meta property='og:title' content='Council approves the budget'>"
        "<meta name='twitter:title' content='Daily Example'>"
    )
    html = (
        article_html(head)
        .replace("<body>", "<body><header><div class='logo'><h1>Daily Example</h1></div></header>")
        .replace("<h1>Headline</h1>", "<h1>Council approves the budget</h1>")
    )
    assert extract_article("https://x.example/a", html).title == "Council approves the budget"


def test_a_title_part_with_a_full_stop_is_not_the_site_name() -> None:
    # trafilatura names the site after the <title> part that holds a dot: here the
    # headline's own sentence.
    head = (
        "<title>Отрезать голову во имя пророка. Теракт обнажил проблемы | Политика | "
        "Аргументы и Факты</title>"
        "<meta property='og:title' content='Отрезать голову во имя пророка. Теракт обнажил "
        "проблемы'>"
    )
    fields = extract_article("https://aif.example/a", article_html(head))
    assert fields.site_name is None
    assert fields.publisher is None


def test_chinese_and_japanese_words_are_counted_by_character() -> None:
    sentence = "国家统计局发布数据显示全国规模以上工业增加值同比增长"  # 26 characters
    # each paragraph its own (extractors drop repeated ones): the sentence turned by i
    body = "".join(f"<p>{sentence[i:]}{sentence[:i]}。</p>" for i in range(6))
    html = f"<html lang='zh'><body><article><h1>经济运行</h1>{body}</article></body></html>"
    fields = extract_article("https://news.example.cn/a.html", html)
    assert fields.text.count("。") == 6
    assert fields.word_count == sum("\u4e00" <= ch <= "\u9fff" for ch in fields.text) >= 6 * 26
    assert count_words("Tokyo で AI") == 3 and count_words("one two\nthree") == 3


def test_reading_a_page_keeps_nothing_of_it_once_done() -> None:
    """A crawl host reads pages for days: no cache may hold a page's tree after extraction."""
    html = (
        "<html lang='en'><body><article><h1>Bridge reopens</h1><p class='date'>05/06/2024 "
        "10:00</p>"
        + "<p>Paragraph of the story that tells readers what happened in the valley.</p>" * 5
        + "</article></body></html>"
    )
    tree = parse_html(html)
    alive = weakref.ref(tree)
    assert extract_article("https://news.example.com/a", html, tree=tree).published is not None
    del tree
    gc.collect()
    assert alive() is None


def test_the_sites_social_handle_names_no_publisher() -> None:
    """trafilatura makes "Dvhn_Nl" of twitter:site "@dvhn_nl" when nothing names the site."""
    html = article_html("<meta name='twitter:site' content='@dvhn_nl'>")
    assert extract_article("https://www.dvhn.nl/groningen/1", html).publisher is None


def test_a_kicker_classed_as_a_title_gives_way_to_the_heading_the_headline_names() -> None:
    html = (
        "<html><head><title>Wohnungsnot in Zürich: Stadt kauft Hochhaus in Altstetten | "
        "Tages-Anzeiger</title><meta property='og:title' content='Wohnungsnot in Zürich: Stadt "
        "kauft Hochhaus in Altstetten'></head><body><article><p><span class='ContentHeadTitle_"
        "overline'>Wohnungsnot in Zürich</span></p><h2 class='ContentHeadTitle_title'>Stadt kauft "
        "Hochhaus in Altstetten</h2><p class='lead'>Mit dem Kauf sollen 240 Wohnungen der "
        "Spekulation entzogen werden.</p>"
        + "".join(
            f"<p>Absatz {i}: Der Stadtrat hat am Mittwoch den Kauf des Hochhauses beschlossen, "
            "wie er an einer Medienkonferenz mitteilte.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    )
    fields = extract_article("https://www.tagesanzeiger.example/stadt-kauft-hochhaus-4682", html)
    assert fields.title == "Stadt kauft Hochhaus in Altstetten"


def test_a_headline_in_an_h4_inside_a_box_classed_as_the_headline_is_the_h4() -> None:
    """A box classed as the headline that also holds a programme's name and the dates: the
    heading inside it, which the metadata names as closely, is the headline."""
    headline = "[대전·세종·충남] 대전 도시철도 2호선 트램 착공 또 연기"
    box = (
        "<div class='view-headline'><span class='program-name'>[뉴스7(대전)]</span>"
        f"<h4 class='headline-title'>{headline}</h4>"
        "<div class='dates'><em>입력 2024.05.22 (19:42)</em></div></div>"
    )
    html = article_html(f"<meta property='og:title' content='{headline}'>", box)
    html = html.replace("<h1>Headline</h1>", "")
    assert extract_article("https://news.example.kr/view.do?ncd=7971234", html).title == headline


def test_a_site_named_by_its_address_is_named_by_its_host() -> None:
    html = article_html("<meta property='og:site_name' content='https://www.wvlt.tv'>")
    assert extract_article("https://www.wvlt.tv/2024/05/17/story/", html).publisher == "wvlt.tv"


def test_an_opening_mark_the_headline_for_sharing_leaves_out_is_no_kicker() -> None:
    head = "<meta property='og:title' content='Por qué sube la inflación?'>"
    html = article_html(head).replace("<h1>Headline</h1>", "<h1>¿Por qué sube la inflación?</h1>")
    assert extract_article("https://x.example/a", html).title == "¿Por qué sube la inflación?"


def _prose(paragraph: str = "p") -> str:
    return "".join(
        f"<{paragraph}>Paragraph {i} of the story tells readers what happened in the valley this "
        f"week, who was there and why it matters for the people who live nearby.</{paragraph}>"
        for i in range(5)
    )


def test_a_wordpress_post_classed_by_its_tags_holds_its_headline_byline_and_date() -> None:
    """WordPress classes a post by its tags ("tag-pilar"), which reads like a box of tags, but
    the post holds the story's prose: its headline, byline and dateline are the story's."""
    html = (
        "<html lang='en'><head><title>Mayor finds stalled works and collapsed streets &#8211; "
        "Radio Example</title></head><body><header><h1 class='logo'><a href='/'>Radio Example"
        "</a></h1></header><div class='container'><article class='post-1015336 post "
        "type-post status-publish format-standard hentry category-politics tag-pilar "
        "tag-federico-achaval' id='post-1015336'><header class='article-header'><h2 "
        "class='post-title'><a href='/mayor-finds-stalled-works/'>Mayor finds stalled works and "
        "collapsed streets</a></h2><p class='author'>By Pablo Livsit</p><span class='date'>"
        "January 13, 2020</span></header><section class='entry-content'>"
        f"{_prose()}</section></article><aside class='sidebar'><div class='widget "
        "related-posts'><h3><a href='/fuel-prices/'>Fuel prices rise again</a></h3><p>By Max "
        "Roe</p><span class='date'>January 2, 2020</span></div></aside></div></body></html>"
    )
    fields = extract_article("https://www.radio.example/mayor-finds-stalled-works/", html)
    assert fields.title == "Mayor finds stalled works and collapsed streets"
    assert fields.authors == ["Pablo Livsit"]
    assert fields.published is not None and fields.published.date().isoformat() == "2020-01-13"


def test_a_story_classed_like_a_box_keeps_its_byline_and_a_box_inside_it_stays_one() -> None:
    """The Daily Mail sets the whole story, its headline in an ``<h2>``, in a ``<div
    class="article-text heading-tag-switch">`` ("tag"): no box, as it holds the story's
    prose; a box of related stories in it, between the headline and the byline, still is."""
    headline = "Henderson would be morally right to finish the season at Sheffield"
    html = (
        f"<html lang='en'><head><meta property='og:title' content='{headline}'></head><body>"
        "<div id='content'><div class='alpha'><div class='article-text wide  "
        f"heading-tag-switch' id='js-article-text'><h2>{headline}</h2><div class='related-"
        "carousel'><a href='/sport/article-8297001/Wilder.html'>Wilder praises his keeper</a><p "
        "class='author-section'>By Max Roe</p><p class='byline-section'>Published: 09:00 EDT, "
        "1 May 2020</p></div><p class='author-section byline-plain'>By <a href='/home/search."
        "html?authornamef=Amitai+Winehouse' class='author'>Amitai Winehouse</a> For Mailonline"
        "</p><p class='byline-section'><span class='article-timestamp article-timestamp-"
        "published'>Published: 10:55 EDT, 7 May 2020</span></p><div itemprop='articleBody'>"
        f"{_prose('div')}</div></div></div><div class='beta'><div class='sidebar'><p>By Kay "
        "Doe</p><p>Published: 12:00 EDT, 6 May 2020</p></div></div></div></body></html>"
    )
    url = "https://www.dailymail.example/sport/football/article-8297417/Henderson.html"
    fields = extract_article(url, html)
    assert fields.title == headline
    assert fields.authors == ["Amitai Winehouse"]
    assert fields.published is not None and fields.published.date().isoformat() == "2020-05-07"


def test_blogger_posts_widget_holds_the_posts_headline_and_date() -> None:
    """Blogger's ``<div class="widget Blog">`` holds the post, which its sidebar's widgets
    ("widget PopularPosts") do not."""
    html = (
        "<html lang='en'><head><title>Pulse Desk: Load shedding returns</title></head><body>"
        "<header><h1><a href='/'>Pulse Desk</a></h1></header><div class='main section' "
        "id='main'><div class='widget Blog' data-version='1' id='Blog1'><div class='blog-posts "
        "hfeed'><div class='date-outer'><h2 class='date-header'><span>Monday, May 12, 2025"
        "</span></h2><div class='date-posts'><div class='post-outer'><div class='post hentry'>"
        "<h3 class='post-title entry-title'>Load shedding returns</h3><div class='post-body "
        f"entry-content'>{_prose()}</div></div></div></div></div></div></div></div><div "
        "class='sidebar section' id='sidebar'><div class='widget PopularPosts' "
        "id='PopularPosts1'><h2>Popular</h2><span class='date'>Friday, May 9, 2025</span><a "
        "href='/2025/05/fuel.html'>Fuel prices rise again across the country</a></div></div>"
        "</body></html>"
    )
    fields = extract_article("https://www.pulsedesk.example/2025/05/load-shedding.html", html)
    assert fields.title == "Load shedding returns"
    assert fields.published is not None and fields.published.date().isoformat() == "2025-05-12"


@pytest.mark.parametrize(
    "hidden",
    [
        "<span class='hidden'>Unser Thema: </span>",
        "<span class='visually-hidden'>Breaking: </span>",
        "<span class='sr-only'>Video </span>",
    ],
)
def test_words_for_screen_readers_only_are_no_part_of_the_headline(hidden: str) -> None:
    html = article_html().replace(
        "<h1>Headline</h1>", f"<h1 class='conHeadline'>{hidden}Kölner Dom soll Eintritt kosten</h1>"
    )
    assert extract_article("https://x.example/a", html).title == "Kölner Dom soll Eintritt kosten"
    # a class that only names a part of the headline hides nothing
    shown = article_html().replace(
        "<h1>Headline</h1>",
        "<h1><span class='hidden-xs'>Köln:</span> Dom soll Eintritt kosten</h1>",
    )
    assert extract_article("https://x.example/a", shown).title == "Köln: Dom soll Eintritt kosten"


def test_a_part_hidden_on_small_screens_only_is_part_of_the_headline() -> None:
    html = article_html().replace(
        "<h1>Headline</h1>",
        "<h1><span class='hidden sm:inline'>Live: </span>Minister resigns over bus lanes</h1>",
    )
    title = extract_article("https://x.example/a", html).title
    assert title == "Live: Minister resigns over bus lanes"


def test_a_headlines_script_is_never_its_text() -> None:
    """A headline whose words are for screen readers alone gives those, never a script's."""
    html = article_html().replace(
        "<h1>Headline</h1>",
        "<h1><img src='/title.svg' alt=''><span class='sr-only'>The Long Road Home</span>"
        "<script>var tracked = 1;</script></h1>",
    )
    assert extract_article("https://x.example/a", html).title == "The Long Road Home"


def test_an_og_title_that_is_only_the_sites_name_is_no_headline() -> None:
    """An old CMS fills og:title with the site's name on every page; the ``<title>`` names
    the site beside the headline the page shows."""
    headline = "Forty homes left without heating after a pipe burst in Novovyatsk"
    head = (
        f"<title>Vyatka Observer - {headline}</title>"
        "<meta property='og:title' content='Vyatka Observer'>"
    )
    html = article_html(head).replace("<h1>Headline</h1>", f"<h1>{headline}</h1>")
    fields = extract_article("https://vyatka.example/index.php?id=1", html)
    assert (fields.title, fields.social_title) == (headline, None)
    # a blog's name as its only <h1>, beside the post's title for sharing
    head = (
        f"<title>Vyatka Observer: {headline}</title><meta property='og:title' content='{headline}'>"
    )
    html = article_html(head).replace("<h1>Headline</h1>", "<h1>Vyatka Observer</h1>")
    assert extract_article("https://vyatka.example/2024/05/x.html", html).title == headline
