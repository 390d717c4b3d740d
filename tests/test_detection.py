"""Article detection on realistic article and hub pages (tests/pages/), and URL-only hub checks."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from spiders.decoding import decode_html
from spiders.detection import Verdict, detect_article, looks_like_hub_url
from spiders.extraction import extract_article, parse_structured

PAGES = Path(__file__).parent / "pages"
GAZETTE = "https://springfieldgazette.com"
NEUTRAL_URL = "https://neutral.example/some/page"


def page(name: str, content_type: str | None = "text/html; charset=utf-8") -> str:
    return decode_html((PAGES / f"{name}.html").read_bytes(), content_type)


PROSE = "".join(
    f"<p>Paragraph {i} of the story tells readers what happened in the valley this week, "
    "who was there and why it matters for the people who live nearby.</p>"
    for i in range(5)
)


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


ARTICLES = [
    (
        "wordpress_article",
        f"{GAZETTE}/2024/05/17/city-council-approves-budget/",
        "og:type=article",
    ),
    (
        "yoast_graph",
        "https://www.dailyplanet.example/politics/minister-resigns-over-leaked-memo/",
        "json-ld NewsArticle",
    ),
    ("two_authors", "https://www.metrotimes.example/news/transit-strike-ends", "og:type=article"),
    (
        "amp_article",
        "https://www.globalwire.example/amp/world/peace-talks-resume-in-geneva",
        "json-ld NewsArticle",
    ),
    ("no_metadata", "https://www.valleyvoice.example/stories/village-bakery-winter", "structure"),
    (
        "url_date_only",
        "https://www.coastalcourier.example/2023/11/05/storm-brings-flooding-to-coastal-towns",
        "structure",
    ),
    ("cp1251_meta", "https://novosti.example.ru/2024/04/12/most/", "og:type=article"),
    ("cp1251_header", "https://vestnik.example.ru/news/pavodok", "structure"),
]

HUBS = [
    ("hub_home", f"{GAZETTE}/", "hub: home"),
    ("hub_section", "https://www.dailyplanet.example/world/", "hub: teasers"),
    ("hub_tag", f"{GAZETTE}/tag/elections/", "hub: tag"),
    ("hub_author", f"{GAZETTE}/author/jane-doe/", "hub: author"),
    ("hub_pagination", f"{GAZETTE}/page/2/", "hub: pagination"),
    ("hub_calendar", f"{GAZETTE}/2024/05/", "hub: calendar"),
    ("hub_about", f"{GAZETTE}/about/", "hub: static"),
    ("hub_search", f"{GAZETTE}/?s=budget", "hub: search"),
    ("hub_search", f"{GAZETTE}/?s=", "hub: search"),
    ("hub_search", f"{GAZETTE}/?s=&cat=", "hub: search"),
]


@pytest.mark.parametrize(("name", "url", "reason"), ARTICLES)
def test_article_pages_are_articles(name: str, url: str, reason: str) -> None:
    charset = "text/html; charset=windows-1251" if name == "cp1251_header" else None
    html = page(name, charset)
    assert detect_article(url, html) == Verdict(True, reason)
    # the same verdict when the caller already parsed the structured data
    assert detect_article(url, html, structured=parse_structured(html, url)) == Verdict(
        True, reason
    )


@pytest.mark.parametrize(("name", "url", "reason"), HUBS)
def test_hub_pages_are_not_articles(name: str, url: str, reason: str) -> None:
    assert detect_article(url, page(name)) == Verdict(False, reason)
    assert looks_like_hub_url(url) == (reason != "hub: teasers")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("hub_home", "hub: teasers"),
        ("hub_section", "hub: teasers"),
        ("hub_tag", "json-ld CollectionPage"),  # even with og:type=article
        ("hub_author", "json-ld ProfilePage"),
        ("hub_pagination", "hub: teasers"),
        ("hub_calendar", "hub: teasers"),
        ("hub_about", "json-ld WebPage"),  # one <article> of prose and og:type=article
        ("hub_search", "json-ld CollectionPage"),
    ],
)
def test_hub_pages_are_recognised_by_content_alone(name: str, reason: str) -> None:
    assert detect_article(NEUTRAL_URL, page(name)) == Verdict(False, reason)


def test_calendar_listing_at_a_dated_url_is_not_an_article() -> None:
    """A date in the URL is weak: a listing of teasers under it stays a hub."""
    url = "https://springfieldgazette.com/news/2024/05/17/"
    assert not detect_article(url, page("hub_calendar")).is_article
    listing = page("hub_calendar")
    assert detect_article("https://x.example/2024/05/17/roundup", listing) == Verdict(
        False, "hub: teasers"
    )


def test_jsonld_news_article_beats_a_thin_page_without_url_date() -> None:
    html = (
        "<html><head>"
        + jsonld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Video"})
        + "</head><body><h1>Video</h1><p>Watch.</p></body></html>"
    )
    assert detect_article("https://x.example/world/", html) == Verdict(True, "json-ld NewsArticle")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"@type": "ReportageNewsArticle"}, "json-ld ReportageNewsArticle"),
        ({"@type": ["WebPage", "OpinionNewsArticle"]}, "json-ld OpinionNewsArticle"),
        ({"@type": "http://schema.org/BlogPosting"}, "json-ld BlogPosting"),
        (
            {"@graph": [{"@type": "WebSite"}, {"@type": "AnalysisNewsArticle"}]},
            "json-ld AnalysisNewsArticle",
        ),
        ({"@type": "WebPage", "mainEntity": {"@type": "Article"}}, "json-ld Article"),
        ([{"@type": "Organization"}, {"@type": "NewsArticle"}], "json-ld NewsArticle"),
    ],
)
def test_jsonld_article_types(data: object, reason: str) -> None:
    html = f"<html><head>{jsonld(data)}</head><body><p>Short.</p></body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(True, reason)


@pytest.mark.parametrize(
    "page_type",
    ["WebPage", "CollectionPage", "ItemList", "SearchResultsPage", "ProfilePage", "AboutPage"],
)
def test_jsonld_page_types_are_not_articles(page_type: str) -> None:
    head = jsonld({"@type": page_type}) + '<meta property="og:type" content="article">'
    html = f"<html><head>{head}</head><body><article><h1>T</h1>{PROSE}</article></body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(False, f"json-ld {page_type}")


def test_a_job_ad_is_no_article_but_a_sidebars_events_change_nothing() -> None:
    job = {"@graph": [{"@type": "WebPage"}, {"@type": "JobPosting", "title": "Data Journalist"}]}
    body = f"<body><h1>Senior Data Journalist</h1>{PROSE}</body>"
    html = f"<html><head>{jsonld(job)}</head>{body}</html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(False, "json-ld JobPosting")
    events = "".join(jsonld({"@type": "Event", "name": f"Concert {i}"}) for i in range(3))
    story = f'{events}<meta property="og:type" content="article">'
    assert detect_article(NEUTRAL_URL, f"<html><head>{story}</head>{body}</html>").is_article
    review = jsonld({"@type": "Product", "name": "Phone X", "review": {"@type": "Review"}})
    assert detect_article(NEUTRAL_URL, f"<html><head>{review}</head>{body}</html>").is_article


def test_a_dated_gallery_with_a_headline_is_a_story() -> None:
    gallery = {"@type": "ImageGallery", "headline": "Floods in Bavaria"}
    head = '<meta property="og:type" content="article">'
    dated = jsonld({**gallery, "datePublished": "2024-06-02T11:47:00+02:00"})
    html = f"<html><head>{dated}{head}</head><body><h1>Floods</h1>{PROSE}</body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(True, "og:type=article")
    index = f"<html><head>{jsonld(gallery)}{head}</head><body><h1>Galleries</h1></body></html>"
    odd = jsonld({**gallery, "datePublished": 5})
    odd_html = f"<html><head>{odd}{head}</head><body><h1>Galleries</h1></body></html>"
    assert detect_article(NEUTRAL_URL, odd_html) == Verdict(False, "json-ld ImageGallery")
    assert detect_article(NEUTRAL_URL, index) == Verdict(False, "json-ld ImageGallery")


def test_listing_with_article_nodes_is_still_a_listing() -> None:
    data = {
        "@graph": [
            {"@type": "CollectionPage"},
            {"@type": "NewsArticle", "headline": "One"},
            {"@type": "NewsArticle", "headline": "Two"},
        ]
    }
    html = f"<html><head>{jsonld(data)}</head><body></body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(False, "json-ld CollectionPage")


def test_article_published_time_alone_is_enough() -> None:
    head = '<meta property="article:published_time" content="2024-05-17T07:30:00+00:00">'
    html = f"<html><head>{head}</head><body><p>Short.</p></body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(True, "article:published_time")


def test_structure_single_story_with_related_links_is_an_article() -> None:
    related = "".join(
        f'<h3><a href="/story-{i}">Related story number {i}</a></h3>' for i in range(8)
    )
    html = (
        "<html><body><div class='story'><h2>Not an h1 headline</h2>"
        f"<time datetime='2024-05-17'>May 17</time>{PROSE}</div>"
        f"<div class='related'>{related}</div></body></html>"
    )
    assert detect_article(NEUTRAL_URL, html) == Verdict(True, "structure")


def test_url_date_is_a_weak_signal_for_prose_without_frame() -> None:
    # no <h1>, <article>, <time> or byline: only the dated URL tips the balance
    html = (
        f"<html><body><div><h2>A</h2><h2>B</h2><div class='text'>{PROSE}</div></div></body></html>"
    )
    assert detect_article("https://x.example/2024/05/17/some-story", html) == Verdict(
        True, "url-date"
    )
    assert detect_article("https://x.example/news/some-story", html) == Verdict(
        False, "no article signal"
    )


def test_article_patterns_override_detection() -> None:
    article = page("yoast_graph")
    url = "https://www.dailyplanet.example/politics/minister-resigns-over-leaked-memo/"
    assert detect_article(url, article, article_patterns=[r"/story/\d+"]) == Verdict(
        False, "no pattern matched"
    )
    patterns = [r"/story/\d+", r"^https://www\.daily"]
    assert detect_article(url, article, article_patterns=patterns) == Verdict(True, "pattern")
    # a pattern decides alone, even for a hub URL or an empty body
    assert detect_article(f"{GAZETTE}/tag/x", "", article_patterns=["/tag/"]) == Verdict(
        True, "pattern"
    )


def test_invalid_article_pattern_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"invalid article pattern '\(unclosed'") as caught:
        detect_article(NEUTRAL_URL, "<p>x</p>", article_patterns=["(unclosed"])
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("html", ["", "   ", "\x00\x01\x02" * 100, "<<<>>>", "plain text"])
def test_hostile_pages_are_not_articles(html: str) -> None:
    assert not detect_article(NEUTRAL_URL, html).is_article


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/",
        "https://news.example",
        "https://news.example/index.html",
        "https://news.example/en/",
        "https://news.example/?page=3",
        "https://news.example/page/2/",
        "https://news.example/world/page/12",
        "https://news.example/world?page=2",
        "https://news.example/?s=budget",
        "https://news.example/weather/2643743",  # a forecast, a place's id
        "https://news.example/wetter/berlin",
        "https://news.example/business/markets",
        "https://news.example/search",
        "https://news.example/search/budget/",
        "https://news.example/search?q=budget",
        "https://news.example/tag/elections/",
        "https://news.example/tags/elections",
        "https://news.example/topics/climate",
        "https://news.example/category/news/local/",
        "https://news.example/section/world",
        "https://news.example/author/jane-doe/",
        "https://news.example/news/authors/jane-doe",
        "https://news.example/?author=3",
        "https://news.example/2024/",
        "https://news.example/2024/05/",
        "https://news.example/2024/05/17/",
        "https://news.example/news/2024/05/",
        "https://news.example/archive/",
        "https://news.example/archives/2024/05",
        "https://news.example/?m=202405",
        "https://news.example/about/",
        "https://news.example/about-us",
        "https://news.example/contact",
        "https://news.example/privacy-policy/",
        "https://news.example/terms.html",
        "https://news.example/legal/impressum",
        "https://news.example/kontakt",
        "https://news.example/quienes-somos/",
        "https://news.example/our-history.html",
        "https://news.example/reporters/chinedu-okafor",
        "https://news.example/default.asp",
        "https://news.example/index.cfm",
        # a category's number, however long, up to five digits
        "https://news.example/?cat=12",
        "https://news.example/view.php?cat=30123",
    ],
)
def test_hub_urls(url: str) -> None:
    assert looks_like_hub_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example/2024/05/17/city-council-approves-budget/",
        "https://news.example/2024/05/city-council-approves-budget",
        "https://news.example/news/2024-05-17-city-council-approves-budget",
        "https://news.example/world/peace-talks-resume-in-geneva",
        "https://news.example/news/weather/storm-batters-the-coast-rcna123",  # a weather story
        "https://news.example/topics/climate/2024/05/17/glaciers-retreat",
        "https://news.example/archives/48213",
        "https://news.example/?p=48213",
        "https://news.example/politics/author-interview-with-the-mayor",
        "https://news.example/news/about-the-new-bridge",
        "https://news.example/story/123456",
        "https://news.example/amp/world/peace-talks-resume-in-geneva",
        "https://news.example/2024/05/17/slug/?utm_source=rss",
        # an old CMS's empty search field names no search
        "http://news.example/Main.asp?T=3082&S=&id=12&idE=1030&idA=59123",
        # a "category" of six digits or more numbers a story, as Al Mada's are addressed
        "https://almadapaper.net/view.php?cat=301234",
    ],
)
def test_article_urls_are_not_hub_urls(url: str) -> None:
    assert not looks_like_hub_url(url)


# --- issue 17: articles on any CMS from the page's own evidence -------------------------

METADATA_PAGES = PAGES / "metadata"
PLAIN_MARKUP = {
    # file: (the URL it was published at, the signal that recognises it)
    "cn_party_paper": (
        "http://politics.people.com.cn/n1/2024/0517/c1001-40231876.html",
        "structure",
    ),
    "de_regional_broadcaster": (  # og:type=website, no JSON-LD
        "https://www.mdr.de/nachrichten/sachsen/dresden/elbbruecke-freigabe-100.html",
        "structure",
    ),
    "de_weekly": (  # a story under an author's segment of the URL
        "https://www.freitag.de/autoren/jakob-augstein/die-spd-muss-sich-entscheiden",
        "structure",
    ),
    "us_weekly_hatom": ("https://www.riversideweekly.com/?p=48213", "hatom"),
    "us_weekly_table": ("http://www.harborlightweekly.com/story.asp?id=20421", "structure"),
    "ng_daily_aspnet": (  # an ASP.NET <form> around the whole page
        "https://www.lagoschronicle.com.ng/news-details.aspx?id=58213",
        "structure",
    ),
    "zw_daily_divs": (  # paragraphs as <div>s, the logo in an <h1>
        "https://www.herald.co.zw/maize-deliveries-to-gmb-rise-as-harvest-picks-up/",
        "structure",
    ),
    "py_weekly": (
        "https://www.elagro.com.py/nota/productores-del-chaco-piden-rutas-todo-tiempo",
        "structure",
    ),
}


@pytest.mark.parametrize("name", sorted(PLAIN_MARKUP))
def test_plain_markup_articles_are_recognised(name: str) -> None:
    url, reason = PLAIN_MARKUP[name]
    html = decode_html((METADATA_PAGES / f"{name}.html").read_bytes(), "text/html")
    assert detect_article(url, html) == Verdict(True, reason)


def test_a_section_with_a_headline_a_date_and_teasers_stays_a_hub() -> None:
    html = decode_html((METADATA_PAGES / "hub_section_plain.html").read_bytes(), "text/html")
    url = "https://www.elbland-zeitung.de/politik/nachrichten-sachsen-100.html"
    assert detect_article(url, html) == Verdict(False, "hub: teasers")


STORY_HEAD = "<h1>Bridge reopens after two years</h1>"


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        (f'<div itemscope itemtype="https://schema.org/NewsArticle">{STORY_HEAD}{PROSE}</div>',
         "microdata NewsArticle"),
        (f'<div vocab="https://schema.org/" typeof="BlogPosting">{STORY_HEAD}{PROSE}</div>',
         "rdfa BlogPosting"),
        (f'<div class="hnews hentry">{STORY_HEAD}{PROSE}</div>', "hnews"),
        (f'<div class="hentry"><h2 class="entry-title">T</h2><abbr class="published" '
         f'title="2024-05-17">May 17</abbr>{PROSE}</div>', "hatom"),
    ],
)  # fmt: skip
def test_article_markup_in_other_vocabularies(markup: str, reason: str) -> None:
    assert detect_article(NEUTRAL_URL, f"<html><body>{markup}</body></html>") == Verdict(
        True, reason
    )


def test_many_article_items_are_a_teaser_list_not_an_article() -> None:
    items = "".join(
        f'<div itemscope itemtype="https://schema.org/NewsArticle"><h2><a href="/s{i}">'
        f"Story {i}</a></h2><p>Teaser {i}</p></div>"
        for i in range(6)
    )
    assert not detect_article(NEUTRAL_URL, f"<html><body>{items}</body></html>").is_article


def test_a_bare_webpage_node_gives_way_to_what_the_page_shows() -> None:
    head = jsonld({"@type": "WebPage"})
    story = f"{STORY_HEAD}<p class='date'>17.05.2024, 14:30</p>{PROSE}"
    html = f"<html><head>{head}</head><body><main>{story}</main></body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(True, "structure")
    microdata = (
        f'<html><head>{head}</head><body><div itemscope itemtype="http://schema.org/BlogPosting">'
        f"{STORY_HEAD}{PROSE}</div></body></html>"
    )
    assert detect_article(NEUTRAL_URL, microdata) == Verdict(True, "microdata BlogPosting")


def test_a_section_page_typed_webpage_that_says_when_it_was_updated_stays_a_hub() -> None:
    teasers = "".join(
        f'<div class="item"><h2><a href="/politik/s{i}">Story {i}</a></h2>'
        f"<p>Teaser {i}: what the council decided this week and why it matters to residents "
        "of the valley towns.</p></div>"
        for i in range(6)
    )
    body = f"<h1>Politik</h1><p class='stand'>Aktualisiert: 17.05.2024, 15:02</p>{teasers}"
    html = f"<html><head>{jsonld({'@type': 'WebPage'})}</head><body>{body}</body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(False, "json-ld WebPage")


YOAST_HEAD = (
    '<meta property="og:type" content="article">'
    '<meta property="og:title" content="Economie Archives">'
)
CARDS = "".join(
    f'<div class="card"><a href="/3779{i}-story-{i}.html"><h3>Story {i} of the week</h3></a>'
    f"<small>lundi 24 juin 2024 - 1{i}:02</small></div>"
    for i in range(4)
)


def test_a_category_page_that_yoast_calls_an_article_is_a_hub() -> None:
    """og:type=article alone, on cards that link their whole teaser and no story."""
    html = f"<html><head>{YOAST_HEAD}</head><body><h1>Economie</h1>{CARDS}</body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(False, "hub: teasers")


@pytest.mark.parametrize(
    "head",
    [
        '<p class="date">25 juin 2024 - 17:55</p>',
        '<div class="author">Par Samir Dridi</div>',
        '<meta property="article:published_time" content="2024-06-25T17:55:00+00:00">',
    ],
)
def test_a_brief_called_an_article_stays_one_beside_its_teasers(head: str) -> None:
    """A short story with a rail of teasers: its byline, its date or its published_time."""
    story = f"<h1>Inflation : le taux directeur maintenu</h1>{head}<p>Bank Al-Maghrib.</p>"
    html = f"<html><head>{YOAST_HEAD}</head><body>{story}{CARDS}</body></html>"
    assert detect_article(NEUTRAL_URL, html) == Verdict(True, "og:type=article")


def two_column_page(side: str, *, site_sidebar: str = "") -> str:
    """A theme's story page: a bare WebPage node and og:type=article in the head, one
    ``<article>`` whose main column holds the headline and the body and whose side column,
    written after the related stories and the comment form, holds the byline and the date."""
    head = jsonld({"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}]})
    related = "".join(
        f'<article class="mini"><h4><a href="/other-story-{i}/">Other story {i}</a></h4></article>'
        for i in range(2)
    )
    main = (
        f'<div class="col-main"><div class="section-title"><a href="/category/local">Local</a>'
        f"</div>{STORY_HEAD}{PROSE}<div class='related'><h2>Read also</h2>{related}</div>"
        '<div class="comments"><form action="/comments"><textarea></textarea></form></div></div>'
    )
    return (
        f'<html><head><meta property="og:type" content="article">{head}</head><body>'
        f'<nav><a href="/">Home</a></nav><div class="row"><article class="post">{main}'
        f'<aside class="col-side sidebar">{side}</aside></article>{site_sidebar}</div>'
        "</body></html>"
    )


@pytest.mark.parametrize(
    "side",
    [
        '<div class="writtenby"><span>Written by</span> <a class="author" rel="author" '
        'href="/author/jane-doe/">Jane Doe</a></div><div class="date">May 17, 2024 9:02 pm</div>',
        '<div class="share"><a href="https://social.example/share">Share</a></div>'
        '<time datetime="2024-05-17T21:02">17.05.2024</time>',
    ],
)
def test_a_byline_and_date_in_the_stories_own_side_column_are_next_to_its_headline(
    side: str,
) -> None:
    assert detect_article(NEUTRAL_URL, two_column_page(side)) == Verdict(True, "structure")


@pytest.mark.parametrize(
    ("side", "site_sidebar"),
    [
        # the site's sidebar, outside the story's <article>: other stories and their dates
        (
            "",
            '<aside class="sidebar"><h3>Latest</h3><ul>'
            + "".join(
                f'<li><a href="/story-{i}/">Story {i}</a> <span class="date">May 1{i}, 2024</span>'
                "</li>"
                for i in range(5)
            )
            + "</ul></aside>",
        ),
        # a most-read box in the story's side column
        (
            '<div class="most-read"><h3>Most read</h3><p><a href="/s1/">Story</a> '
            '<span class="date">May 16, 2024</span></p></div>',
            "",
        ),
    ],
)
def test_dates_of_other_stories_in_a_sidebar_are_not_the_pages(
    side: str, site_sidebar: str
) -> None:
    html = two_column_page(side, site_sidebar=site_sidebar)
    assert detect_article(NEUTRAL_URL, html) == Verdict(False, "json-ld WebPage")


def test_a_brief_with_a_headline_and_a_dateline_is_an_article() -> None:
    brief = "".join(
        f"<p>Sentence {i} of a short wire story about a car maker's sales this year.</p>"
        for i in range(4)
    )
    html = (
        f"<html><body><div class='header-date'>January 13, 2020 / 1:39 PM</div>"
        f"{STORY_HEAD}<div class='body'>{brief}</div></body></html>"
    )
    assert detect_article(NEUTRAL_URL, html) == Verdict(True, "structure")


@pytest.mark.parametrize(
    ("url", "hub"),
    [
        ("https://news.example/section/world/peace-talks-resume-in-geneva", False),
        ("https://news.example/autoren/jakob-augstein/die-spd-muss-sich-entscheiden", False),
        ("https://news.example/section/world/", True),
        ("https://news.example/category/news/local/", True),
        ("https://blog.example/2020/07/consumers-appeal.html?m=1", False),  # Blogger's mobile view
        ("https://blog.example/?m=202407", True),  # WordPress' month archive
        # a story's hexadecimal id under a category, not a subcategory
        ("https://news.example.jp/category/society/a8f2c91d0e7b4c6f9d31e25a7b04c8f1", False),
        ("https://news.example.jp/category/society/politics", True),
        # a listing's parameter beside one naming the item: the item's section
        ("http://www.tv.example.co.th/news_detail.php?id=24517&cat=1", False),
        ("http://www.tv.example.co.th/index.php?cat=1", True),
    ],
)
def test_listing_urls_and_stories_under_listing_segments(url: str, hub: bool) -> None:
    assert looks_like_hub_url(url) is hub


def test_a_story_whose_paragraphs_are_line_breaks_in_one_paragraph_is_an_article() -> None:
    """Old CMSs set a whole story in one ``<p>``, its paragraphs apart by ``<br><br>``: each
    counts, so the headline and the body make an article without byline or date."""
    paragraphs = "<br><br>".join(
        f"Paragraph {n} of the story tells readers what happened at the harbour this week, "
        "who was there and why it matters for the people who live nearby."
        for n in range(5)
    )
    html = (
        "<html><head><title>Harbour reopens</title></head><body>"
        "<div id='menu'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        f"<div id='main'><h1>Harbour reopens</h1><p>{paragraphs}</p></div></body></html>"
    )
    assert detect_article("https://www.example.co.zw/news/harbour-reopens", html) == Verdict(
        True, "structure"
    )


def test_a_paragraph_of_links_between_line_breaks_stays_a_hub() -> None:
    links = "<br>".join(
        f"<a href='/news/story-{n}'>Story {n}: what happened at the harbour this week and why</a>"
        for n in range(8)
    )
    html = (
        "<html><head><title>News</title></head><body>"
        f"<div id='main'><h1>Latest news</h1><p>{links}</p></div></body></html>"
    )
    assert not detect_article("https://www.example.co.zw/news/latest", html).is_article


def test_the_byline_and_date_of_the_stories_side_column_are_the_articles() -> None:
    """Extraction reads them where detection found them, and not the site's sidebar."""
    side = '<div class="writtenby">By Jane Doe</div><div class="date">May 17, 2024 9:02 pm</div>'
    latest = (
        '<aside class="sidebar"><h3>Latest</h3><div class="byline">By Tom Becker</div>'
        '<div class="date">June 2, 2024</div></aside>'
    )
    fields = extract_article(NEUTRAL_URL, two_column_page(side, site_sidebar=latest))
    assert fields.authors == ["Jane Doe"]
    assert fields.published is not None
    assert fields.published.replace(tzinfo=None) == datetime(2024, 5, 17, 21, 2)  # as shown


def test_a_class_that_only_contains_an_author_word_frames_no_story() -> None:
    """ "autorotate" and a widget of top authors are no byline: a page of prose without any
    other frame stays no article."""
    html = (
        "<html><body><div class='slider autorotate'><img src='/a.jpg'></div>"
        f"<div class='text'>{PROSE}</div><aside><ul class='widget_top_authors'><li>Jane Doe"
        "</li></ul></aside></body></html>"
    )
    assert detect_article(NEUTRAL_URL, html).is_article is False


def test_a_profile_page_is_no_article() -> None:
    html = (
        '<html><head><meta property="og:type" content="profile"></head><body><article>'
        f"<h1>Chinedu Okafor</h1><p class='date'>Joined 17 May 2019</p>{PROSE}</article>"
        "</body></html>"
    )
    assert detect_article(NEUTRAL_URL, html) == Verdict(False, "og:type=profile")


def test_a_video_with_its_written_story_is_an_article_and_a_bare_video_page_is_not() -> None:
    """A news video whose page also shows its story (headline, byline and date, a written
    lead and transcript) is indexed; a player with a title and a line of text is not."""
    head = '<html><head><meta property="og:type" content="video.other"></head><body>'
    player = "<video src='/v/3c9e1.m3u8'></video>"
    story = (
        f"{head}<article><h1>Herders warn of iced-over pastures</h1>{player}"
        f"<p class='byline'>By Elin Lundqvist</p><p class='date'>5 Dec 2023 14:37</p>"
        f"{PROSE}</article></body></html>"
    )
    assert detect_article(NEUTRAL_URL, story) == Verdict(True, "video story")
    bare = f"{head}<h1>Herders warn of iced-over pastures</h1>{player}<p>2:35</p></body></html>"
    assert detect_article(NEUTRAL_URL, bare) == Verdict(False, "og:type=video.other")


@pytest.mark.parametrize(
    ("headline", "title"),
    [
        # old templates: no <h1>; the heading the <title> names
        (
            "<td><font size=5><b>Fiscal court accepts road grant</b></font></td>",
            "Fiscal court accepts road grant - Clinton County News",
        ),
        (
            "<h3 class='newshead'>Cawongla Road causeway to be rebuilt</h3>",
            "Kyogle Examiner :: Cawongla Road causeway to be rebuilt",
        ),
        (
            "<h2 class='titulo'>Firman convenio para caminos vecinales</h2>",
            "Semanario Chaco :: Firman convenio para caminos vecinales",
        ),
        # the one heading classed as a title, under a <title> that is only the site's name
        (
            "<div class='newstitle'><b>OPP lay charges after highway crash</b></div>",
            "Bayshore Broadcasting News Centre",
        ),
    ],
)
def test_a_story_headed_without_an_h1_is_an_article(headline: str, title: str) -> None:
    html = (
        f"<html><head><title>{title}</title></head><body><table><tr><td>"
        f"{headline}<p class='date'>May 16, 2024</p>{PROSE}</td></tr></table></body></html>"
    )
    assert detect_article("https://www.weekly.example/story.asp?id=4821", html).is_article
    fields = extract_article("https://www.weekly.example/story.asp?id=4821", html)
    assert fields.title is not None and fields.title in headline


def test_a_table_layout_headline_in_the_biggest_type_under_a_title_of_the_site() -> None:
    lines = "<br><br>".join(
        f"Párrafo {i}: los pobladores de las compañías cerraron la ruta durante cuatro horas "
        "para exigir el arreglo del camino vecinal que une ambas comunidades."
        for i in range(5)
    )
    teasers = (
        "<table><tr><td><b>Otras noticias</b></td></tr><tr><td>&raquo; <a href='nota.php?id=43'>"
        "Inauguran nuevo puesto de salud en Paso Barreto</a> (01/11/2019)</td></tr></table>"
    )
    html = (
        "<html><head><title>Semanario El Norte - Concepción, Paraguay</title></head><body><table>"
        "<tr><td><font size='1'>Edición Nº 812 - Concepción, Viernes 08 de Noviembre de 2019"
        "</font><br><font size='2'><b>REGIONALES</b></font><br><font size='5'><b>Pobladores de "
        "Horqueta cierran la ruta</b></font><br><br><font size='2'>"
        f"{lines}</font><br><font size='1'><b>Por Ramón Benítez</b></font>{teasers}</td></tr>"
        "</table></body></html>"
    )
    url = "http://www.semanarioelnorte.example.py/nota.php?id=4417"
    assert detect_article(url, html).is_article
    fields = extract_article(url, html)
    assert fields.title == "Pobladores de Horqueta cierran la ruta"
    # the date after another story's link is that story's: the edition's is the article's
    assert fields.published is not None and fields.published.date().isoformat() == "2019-11-08"
    # two lines in the same biggest type: neither is sure to be the headline
    twice = html.replace("<font size='2'><b>REGIONALES</b>", "<font size='5'><b>REGIONALES</b>")
    assert not detect_article(url, twice).is_article


@pytest.mark.parametrize(
    ("style", "headline"),
    [
        (".hd { font-family: Georgia; font-size: 20px; font-weight: bold; }", True),
        ("td span.hd, .big { font-size: 1.5em }", True),
        (".hd { font-size: 12pt }", False),  # 16 pixels: the body's size, no headline's
        # a deck under it in a smaller class is no headline
        (".hd { font-size: 22px } .deck { font-size: 18px }", True),
    ],
)
def test_a_table_layout_headline_in_a_class_its_style_sheet_sizes(
    style: str, headline: bool
) -> None:
    """A weekly's hand-written page sets its headline in a span its ``<style>`` makes big,
    under a ``<title>`` that names only the site, and its date in a bar above it."""
    paragraphs = "".join(
        f"<p>Paragraph {i}: the Legion will host its first winter chili cook-off on Saturday, "
        "and organizers hope it raises enough to replace the branch's aging furnace.</p>"
        for i in range(6)
    )
    html = (
        f"<html><head><title>The Creemore Echo - News</title><style>{style}</style></head>"
        "<body><table><tr><td><b>Vol. 14 No. 8</b> | Friday, February 21, 2014</td></tr><tr>"
        "<td><span class='hd'>Legion turns up the heat with chili cook-off</span><br>"
        "<span class='deck'>The branch hopes to replace its furnace</span><br>"
        f"{paragraphs}<p align='right'><i>Trina Mackay</i></p></td></tr></table></body></html>"
    )
    url = "http://www.creemore.example/news/feb21_2014_legion.html"
    assert detect_article(url, html).is_article is headline
    if headline:
        fields = extract_article(url, html)
        assert fields.title == "Legion turns up the heat with chili cook-off"
        assert fields.authors == ["Trina Mackay"]


def test_an_h1_holding_the_site_name_gives_way_to_the_heading_the_title_names() -> None:
    html = (
        "<html><head><title>The Millerville Gazette &raquo; Blog Archive &raquo; Memorial Day "
        "parade to take new route</title></head><body><div id='header'><h1><a href='/'>The "
        "Millerville Gazette</a></h1></div><div class='post'><h2>Memorial Day parade to take "
        f"new route</h2><small>May 15th, 2024</small>{PROSE}</div></body></html>"
    )
    fields = extract_article("https://www.millervillegazette.example/?p=4821", html)
    assert fields.title == "Memorial Day parade to take new route"


def test_an_h1_the_title_does_not_name_stays_the_headline() -> None:
    """A rewritten <title> and the site's name in bold in the story: the <h1> stays."""
    html = (
        "<html><head><title>Potholes plan explained | The Daily Gazette</title></head><body>"
        "<article><h1>Council approves a budget for the roads</h1><p class='date'>May 16, 2024"
        f"</p>{PROSE}<p>Read more in <strong>The Daily Gazette</strong> tomorrow.</p></article>"
        "</body></html>"
    )
    fields = extract_article("https://www.dailygazette.example/news/roads-budget", html)
    assert fields.title == "Council approves a budget for the roads"


def test_a_section_whose_only_prose_is_its_footers_legal_notice_stays_a_hub() -> None:
    """The footer holds the page's longest prose, but the teasers beside it show that it
    does not wrap the page: it stays chrome, and the section a list of teasers."""
    teasers = "".join(
        f"<div class='news-listing__item'><a href='/social/2020/01/1{i}/story-{i}.html'><h3>"
        f"Story {i} of the day in the region</h3></a><time datetime='2020-01-1{i}'>1{i} January"
        "</time></div>"
        for i in range(6)
    )
    legal = "".join(
        f"<p>Clause {i}: all rights to the materials published on this site belong to the "
        "editorial office and are protected by the law; any use needs written consent.</p>"
        for i in range(4)
    )
    html = (
        "<html><head><title>Social | MK Ryazan</title></head><body><header><nav><a href='/'>"
        f"Home</a></nav></header><div class='news-listing'>{teasers}</div>"
        f"<footer id='footer'>{legal}</footer></body></html>"
    )
    assert detect_article("https://rzn.example.ru/social/", html) == Verdict(False, "hub: teasers")


@pytest.mark.parametrize("path", ["/Main.asp", "Main.asp"])
def test_a_side_list_linking_the_story_by_other_query_fields_holds_no_headline(path: str) -> None:
    """An ASP weekly names each story by its query; its side list of the issue links this one
    in bold, above the headline set in big type, under a <title> of site and headline."""
    paragraphs = "".join(
        f"<p>Párrafo {i}: en la carretera Interoceánica el paisaje cambia de golpe, donde hace "
        "una década había bosque amazónico ahora se extiende un desierto de arena.</p>"
        for i in range(5)
    )
    html = (
        "<html><head><title>CARETAS - La fiebre del oro en La Pampa</title></head><body><table>"
        "<tr><td><b>EN ESTA EDICIÓN</b><br><a href='/Main.asp?T=3082&amp;idA=59121'>Conga: la"
        f" mesa de diálogo</a><br><a href='{path}?T=3082&amp;idA=59123'><b>La fiebre del oro"
        " en La Pampa</b></a></td><td><font size='6'><b>La fiebre del oro en La Pampa</b></font>"
        "<br><font size='2'><b>Escribe: Rosa María Quispe</b></font>"
        f"<font size='3'>{paragraphs}</font></td></tr></table></body></html>"
    )
    url = "http://www.caretas.example.pe/Main.asp?T=3082&S=&id=12&idE=1030&idA=59123"
    fields = extract_article(url, html)
    assert (fields.title, fields.authors) == (
        "La fiebre del oro en La Pampa",
        ["Rosa María Quispe"],
    )


@pytest.mark.parametrize("style", [".masthead { font-size: 30px }", ".masthead { font-size: 2em }"])
def test_a_masthead_its_style_sheet_sizes_is_no_headline(style: str) -> None:
    """The site's name or tagline set big at the top of the page stands far above the story;
    the headline in a sized class just above it still heads it."""
    paragraphs = "".join(
        f"<p>Paragraph {i}: the Legion will host its first winter chili cook-off on Saturday, "
        "and organizers hope it raises enough to replace the branch's aging furnace.</p>"
        for i in range(6)
    )
    menu = "".join(f"<a href='/s{i}.html'>Section {i}</a><br>" for i in range(8))
    url = "http://www.creemore.example/news/feb21_2014_legion.html"

    def html(headline_style: str) -> str:
        return (
            f"<html><head><title>The Creemore Echo - News</title><style>{style} "
            f"{headline_style}</style></head><body><span class='masthead'>The Creemore Echo"
            f"</span><br>{menu}<table><tr><td><span class='hd'>Legion turns up the heat with "
            f"chili cook-off</span><br><br>{paragraphs}</td></tr></table></body></html>"
        )

    fields = extract_article(url, html(".hd { font-size: 20px }"))
    assert fields.title == "Legion turns up the heat with chili cook-off"
    assert not detect_article(url, html("")).is_article  # the masthead heads nothing


@pytest.mark.parametrize(
    ("url", "hub"),
    [
        # a column under its writers' section, its slug a sentence with the story's number
        (
            "https://www.scotsman.com/news/opinion/columnists/scotlands-ferry-fiasco-shows-"
            "holyrood-has-forgotten-who-islanders-are-fiona-lennox-4597832",
            False,
        ),
        # a columnist's page, by name and id, and a tag of a few words stay hubs
        ("https://www.example.com/columnists/fiona-lennox", True),
        ("https://www.example.com/author/jane-doe-12345", True),
        ("https://www.example.com/tag/new-york-city-council", True),
        ("https://www.example.com/autor/ana-carolina-de-souza-lima/", True),
        ("https://www.example.com/tag/elecciones-presidenciales-de-estados-unidos/", True),
        ("https://www.example.com/category/news-and-current-affairs-from-lagos/", True),
    ],
)
def test_a_story_under_a_listings_segment(url: str, hub: bool) -> None:
    assert looks_like_hub_url(url) is hub


@pytest.mark.parametrize(
    "heading_class", ["rubrik", "antraste", "virsraksts", "pealkiri", "artikelrubrik", "news_tit"]
)
def test_an_old_table_layouts_headline_classed_in_a_nordic_or_baltic_language(
    heading_class: str,
) -> None:
    """A headline set in a ``<span>`` classed as one in Swedish, Lithuanian, Latvian or
    Estonian, named by the ``<title>``, over a story of ``<br>`` lines and its dateline."""
    lines = "<br><br>".join(
        f"Line {n} of the story tells readers what the council decided about the harbour, "
        "who spoke and what it will cost the town."
        for n in range(6)
    )
    html = (
        "<html><head><title>NLT.se - Kinneviken gets a new guest harbour</title></head><body>"
        "<table><tr><td><a href='/'>Start</a></td><td>"
        f"<span class='{heading_class}'>Kinneviken gets a new guest harbour</span><br>"
        "<span class='datum'>Publicerad: 2009-03-12 14:25</span><br>"
        f"<div class='brodtext'>{lines}</div></td></tr></table></body></html>"
    )
    url = "http://www.nlt.se/nyheter/artikel.asp?id=482113&sec=lidkoping"
    assert detect_article(url, html).is_article
