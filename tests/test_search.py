"""Article search, show, export and replay lookup, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from collections.abc import Iterator, Sized
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, update

from storage import fulltext_sqlite, search
from storage.db import Database
from storage.indexwriter import ArticleRow, CaptureRow, IndexWriter
from storage.models import Article, RecordType
from storage.search import (
    MARK_CLOSE,
    MARK_OPEN,
    Clause,
    QueryError,
    capture_at,
    count_articles,
    get_article,
    iter_articles,
    parse_query,
    search_articles,
)

T0 = datetime(2024, 4, 1, 12, 0, tzinfo=UTC)
WARC = "news-20240401120000000-00000-host.warc.gz"
WARC_URL = f"s3://archive/news/2024/04/01/{WARC}"

STORIES = [
    # slug, site, title, text, published (days after T0, None = unknown), captured (days)
    (
        "tram",
        "city",
        "New tram line opens downtown",
        "Commuters rode the first trams on Monday. The mayor cut a ribbon at the depot.",
        0,
        0,
    ),
    (
        "budget",
        "city",
        "Council approves budget",
        "The council approved a budget that funds a new tram depot and two libraries.",
        2,
        2,
    ),
    (
        "storm",
        "weather",
        "Storm warning for the coast",
        "Forecasters expect gale force winds and heavy rain along the coast tonight.",
        4,
        4,
    ),
    (
        "undated",
        "weather",
        "Heatwave records broken",
        "Temperatures in the valley broke records that stood for a century.",
        None,
        6,
    ),
    (
        "cafe",
        "culture",
        "Café owners celebrate",
        "Owners of the corner café said the crème brûlée sold out by noon.",
        1,
        7,
    ),
]


def url_of(slug: str) -> str:
    return f"https://news.example/{slug}"


def index_stories(db: Database) -> None:
    with IndexWriter(db) as writer:
        writer.register_warc_file(WARC, "news", None, f"/spool/{WARC}.open", WARC_URL)
        for n, (slug, site, title, text, published, captured) in enumerate(STORIES):
            row = CaptureRow(
                run_id=None,
                warc_name=WARC,
                url=url_of(slug),
                status=200,
                mime="text/html",
                captured_at=T0 + timedelta(days=captured),
                record_id=f"<urn:uuid:{slug}>",
                record_type=RecordType.RESPONSE,
                payload_digest=f"sha1:{slug.upper()}",
                offset=5000 * n,
                length=4000,
            )
            writer.add_capture(row)
            writer.indexed(
                row.record_id,
                ArticleRow(
                    canonical_url=url_of(slug),
                    site=site,
                    title=title,
                    authors=["Staff"],
                    published=None if published is None else T0 + timedelta(days=published),
                    modified=None,
                    language="en",
                    section=None,
                    description=None,
                    text=text,
                    word_count=len(text.split()),
                ),
            )


@pytest.fixture
def stories(db: Database) -> Database:
    index_stories(db)
    return db


def urls(hits: list) -> list[str]:
    return [hit.url.rsplit("/", 1)[1] for hit in hits]


def test_finds_a_phrase_from_the_body_and_not_an_absent_one(stories: Database) -> None:
    hits = search_articles(stories, '"gale force winds"')
    assert urls(hits) == ["storm"]
    hit = hits[0]
    assert hit.title == "Storm warning for the coast"
    assert hit.site == "weather" and hit.authors == ["Staff"]
    assert hit.published == T0 + timedelta(days=4)
    assert hit.captured_at == T0 + timedelta(days=4)
    assert (hit.warc, hit.offset, hit.length) == (WARC_URL, 10000, 4000)
    assert hit.rank is not None and hit.rank > 0
    assert search_articles(stories, '"force gale winds"') == []  # words present, phrase absent
    assert search_articles(stories, "volcano") == []


def test_plain_words_must_all_appear(stories: Database) -> None:
    assert sorted(urls(search_articles(stories, "tram depot"))) == ["budget", "tram"]
    assert urls(search_articles(stories, "tram libraries")) == ["budget"]


def test_title_matches_rank_above_body_matches(stories: Database) -> None:
    # "tram" is in the title of one story and only in the body of the other.
    assert urls(search_articles(stories, "tram")) == ["tram", "budget"]
    assert urls(search_articles(stories, "budget")) == ["budget"]


def test_snippets_mark_the_matches(stories: Database) -> None:
    (hit,) = search_articles(stories, "ribbon")
    assert hit.snippet is not None
    assert f"{MARK_OPEN}ribbon{MARK_CLOSE}" in hit.snippet
    assert "\x1b" not in hit.snippet


def test_diacritics_and_case_are_folded(stories: Database) -> None:
    assert urls(search_articles(stories, "CAFÉ")) == ["cafe"]
    if stories.dialect == "sqlite":  # PostgreSQL's 'simple' configuration keeps accents
        assert urls(search_articles(stories, "creme brulee")) == ["cafe"]


def test_or_and_exclusion(stories: Database) -> None:
    assert sorted(urls(search_articles(stories, "storm OR heatwave"))) == ["storm", "undated"]
    assert urls(search_articles(stories, "tram -libraries")) == ["tram"]
    assert urls(search_articles(stories, 'tram -"two libraries"')) == ["tram"]
    # OR binds loosest: (council AND libraries) OR gale
    assert sorted(urls(search_articles(stories, "council libraries OR gale"))) == [
        "budget",
        "storm",
    ]
    # A lowercase "or" is a word like any other.
    assert search_articles(stories, "storm or heatwave") == []


def test_site_and_date_filters(stories: Database) -> None:
    assert urls(search_articles(stories, "tram", site="city")) == ["tram", "budget"]
    assert search_articles(stories, "tram", site="weather") == []
    since = T0 + timedelta(days=1)
    assert urls(search_articles(stories, "tram", since=since)) == ["budget"]
    assert urls(search_articles(stories, "tram", until=since)) == ["tram"]
    # Without a published date, the first capture date counts (day 6 here).
    assert urls(search_articles(stories, "records", since=T0 + timedelta(days=5))) == ["undated"]
    assert search_articles(stories, "records", until=T0 + timedelta(days=6)) == []
    assert urls(search_articles(stories, "records", until=T0 + timedelta(days=6, seconds=1))) == [
        "undated"
    ]


def test_no_query_lists_newest_first(stories: Database) -> None:
    # Dates: tram 0, cafe 1 (published, though captured on day 7), budget 2, storm 4, undated 6.
    listing = search_articles(stories, None)
    assert urls(listing) == ["undated", "storm", "budget", "cafe", "tram"]
    assert all(hit.rank is None and hit.snippet is None for hit in listing)
    assert urls(search_articles(stories, "   ", limit=2)) == ["undated", "storm"]
    assert urls(search_articles(stories, None, site="city")) == ["budget", "tram"]
    window = search_articles(stories, None, since=T0 + timedelta(days=1), until=T0 + timedelta(4))
    assert urls(window) == ["budget", "cafe"]


def test_limit_applies_after_ranking(stories: Database) -> None:
    assert urls(search_articles(stories, "tram", limit=1)) == ["tram"]
    with pytest.raises(ValueError, match="limit"):
        search_articles(stories, "tram", limit=0)


def test_pages_of_results_and_their_total(stories: Database) -> None:
    newest = urls(search_articles(stories, None, limit=10))
    assert count_articles(stories, None) == len(newest) == len(STORIES)
    pages = [urls(search_articles(stories, None, limit=2, offset=n)) for n in (0, 2, 4)]
    assert [slug for page in pages for slug in page] == newest
    ranked = urls(search_articles(stories, "tram"))
    assert count_articles(stories, "tram") == len(ranked) == 2
    assert urls(search_articles(stories, "tram", limit=1, offset=1)) == ranked[1:]
    assert search_articles(stories, "tram", offset=2) == []
    assert count_articles(stories, "tram", site="weather") == 0
    with pytest.raises(ValueError, match="offset"):
        search_articles(stories, None, offset=search.MAX_OFFSET + 1)


def test_language_filter(stories: Database) -> None:
    with stories.session() as session:
        session.execute(update(Article).where(Article.url == url_of("cafe")).values(language="fr"))
    assert urls(search_articles(stories, None, language="fr")) == ["cafe"]
    assert urls(search_articles(stories, "owners", language="fr")) == ["cafe"]
    assert search_articles(stories, "owners", language="en") == []
    assert count_articles(stories, None, language="en") == len(STORIES) - 1
    assert count_articles(stories, "owners", language="fr") == 1


def test_a_word_in_most_articles_is_searchable_alone_and_ignored_beside_others(
    stories: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A sample this small makes "the", in every story, as common as in a large archive.
    monkeypatch.setattr(fulltext_sqlite, "SHARE_SAMPLE", 2)
    hits = search_articles(stories, "the")
    assert sorted(urls(hits)) == ["budget", "cafe", "storm", "tram", "undated"]
    if stories.dialect == "sqlite":  # BM25 gives it no weight: the newest indexed come first
        assert urls(hits) == ["cafe", "undated", "storm", "budget", "tram"]
        assert {hit.rank for hit in hits} == {0.0}
    hits = search_articles(stories, "the tram")
    assert urls(hits) == ["tram", "budget"]
    assert all(f"{MARK_OPEN}tram{MARK_CLOSE}" in (hit.snippet or "").lower() for hit in hits)
    if stories.dialect == "sqlite":  # snippets mark what was searched for
        assert all(f"{MARK_OPEN}the" not in (hit.snippet or "").lower() for hit in hits)
    assert urls(search_articles(stories, '"the coast"')) == ["storm"]
    assert urls(search_articles(stories, "the -tram", site="city")) == []


# FTS5 only: ts_rank on PostgreSQL ranks every match.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_only_the_newest_matches_of_a_large_result_set_are_ranked(
    stories: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a large archive: more matches than are ranked, and word counts estimated to show it.
    monkeypatch.setattr(fulltext_sqlite, "RANKED_MATCHES", 1)
    monkeypatch.setattr(fulltext_sqlite, "SHARE_SAMPLE", 1)
    # The title match is older than the one match ranked, so the body match wins.
    assert urls(search_articles(stories, "tram", limit=1)) == ["budget"]
    # A window too short for a page is dropped: the city's stories are older than the window
    # of the two or three newest matches that a site with two of the five stories is given.
    assert sorted(urls(search_articles(stories, "the", site="city"))) == ["budget", "tram"]


def test_site_listing_walks_the_newest_or_sorts_the_site(
    stories: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    for walk in (1, search.LISTING_WALK):
        monkeypatch.setattr(search, "LISTING_WALK", walk)
        assert urls(search_articles(stories, None, site="weather")) == ["undated", "storm"]
        assert urls(search_articles(stories, None, site="weather", limit=1)) == ["undated"]
        until = T0 + timedelta(days=3)
        assert urls(search_articles(stories, None, site="city", until=until)) == ["budget", "tram"]
        assert search_articles(stories, None, site="nowhere") == []


MALFORMED = [
    ('"gale force', "unbalanced quote"),
    ('tram "depot', "unbalanced quote"),
    ("OR", "'OR' needs a search term on each side"),
    ("tram OR", "'OR' needs a search term on each side"),
    ("OR tram", "'OR' needs a search term on each side"),
    ("tram OR OR depot", "'OR' needs a search term on each side"),
    ("-", "bare '-'"),
    ("tram - depot", "bare '-'"),
    ("-tram", "only excludes"),
    ('-"gale force"', "only excludes"),
    ("tram OR -depot", "only excludes"),
    ('""', "empty quoted phrase"),
    ("!!! ???", "no words to search for"),
]

# FTS5 and tsquery operators typed as text: each must search for words, never fail.
OPERATOR_TEXT = [
    "tram AND NOT depot",
    "tram*",
    "tram:",
    "NEAR(tram depot)",
    "(tram",
    "tram^2 {depot}",
    "C++ & tram!",
    "'tram'",
    "tram\\",
    "tram; DROP TABLE articles; --",
    "title:tram",
    "tram <-> depot | !x",
]


def test_malformed_queries_raise_query_error(stories: Database) -> None:
    for query, message in MALFORMED:
        with pytest.raises(QueryError, match=message) as info:
            search_articles(stories, query)
        assert "\n" not in str(info.value), query
        with pytest.raises(QueryError):
            iter_articles(stories, query=query)  # checked before the first row


def test_operator_characters_in_plain_text_are_just_words(stories: Database) -> None:
    for query in OPERATOR_TEXT:
        search_articles(stories, query)  # must not raise
    assert urls(search_articles(stories, "tram AND NOT depot")) == []  # "and", "not": words
    assert urls(search_articles(stories, "(tram")) == ["tram", "budget"]
    assert len(search_articles(stories, None, limit=100)) == len(STORIES)


def test_parse_query_structure() -> None:
    assert parse_query('a "b  c" -d OR e') == (Clause(("a", "b c"), ("d",)), Clause(("e",)))
    assert parse_query("a & b") == (Clause(("a", "b")),)


def test_get_article_with_captures_and_versions(stories: Database) -> None:
    found = get_article(stories, url_of("storm"))
    assert found is not None
    assert found.text.startswith("Forecasters expect gale force winds")
    assert found.site == "weather" and found.word_count == 12
    assert [(c.warc, c.offset, c.length, c.status) for c in found.captures] == [
        (WARC_URL, 10000, 4000, 200)
    ]
    assert [v.version for v in found.versions] == [1]
    assert get_article(stories, "https://news.example/missing") is None


def test_capture_at_picks_the_closest_capture_at_or_before(db: Database) -> None:
    url = url_of("tram")
    with IndexWriter(db) as writer:
        writer.register_warc_file(WARC, "news", None, "/spool/x.open", WARC_URL)
        for day, kind in ((0, RecordType.RESPONSE), (3, RecordType.REVISIT)):
            row = CaptureRow(
                run_id=None,
                warc_name=WARC,
                url=url if day == 0 else url + "?from=rss",
                status=200,
                mime="text/html",
                captured_at=T0 + timedelta(days=day),
                record_id=f"<urn:uuid:day{day}>",
                record_type=kind,
                payload_digest="sha1:SAME",
                offset=100 * day,
                length=50,
                refers_to_record_id="<urn:uuid:day0>" if day else None,
            )
            writer.add_capture(row)
            text = "Commuters rode the first trams."
            writer.indexed(
                row.record_id,
                ArticleRow(
                    url,
                    "city",
                    "Tram",
                    [],
                    None,
                    None,
                    None,
                    None,
                    None,
                    text,
                    5,
                    canonical_in_site=True,
                ),
            )
        writer.add_capture(
            CaptureRow(None, WARC, "https://news.example/", 200, "text/html", T0, "<urn:uuid:home>",
                       RecordType.RESPONSE, "sha1:HOME", 900, 10)
        )  # fmt: skip

    newest = capture_at(db, url)
    assert newest is not None and newest.record_id == "<urn:uuid:day3>"
    assert newest.record_type is RecordType.REVISIT
    assert newest.refers_to is not None and newest.refers_to.record_id == "<urn:uuid:day0>"
    assert (newest.refers_to.warc, newest.refers_to.offset) == (WARC_URL, 0)
    between = capture_at(db, url + "?from=rss", T0 + timedelta(days=2))  # via the alias
    assert between is not None and between.record_id == "<urn:uuid:day0>"
    assert capture_at(db, url, T0 - timedelta(seconds=1)) is None
    home = capture_at(db, "https://news.example/")  # not an article: looked up as captured
    assert home is not None and home.record_id == "<urn:uuid:home>"
    assert capture_at(db, "https://news.example/never") is None
    with pytest.raises(ValueError, match="timezone-aware"):
        capture_at(db, url, datetime(2024, 1, 1))


def test_export_streams_rows_with_filters(stories: Database) -> None:
    rows = list(iter_articles(stories, site="weather"))
    assert [row["url"] for row in rows] == [url_of("storm"), url_of("undated")]
    storm = rows[0]
    assert storm["published"] == (T0 + timedelta(days=4)).isoformat()
    assert storm["warc"] == WARC_URL and storm["offset"] == 10000 and storm["length"] == 4000
    assert storm["text"].startswith("Forecasters") and storm["authors"] == ["Staff"]
    assert [row["url"] for row in iter_articles(stories, query="tram")] == [
        url_of("tram"),
        url_of("budget"),
    ]
    since = T0 + timedelta(days=3)
    assert len(list(iter_articles(stories, since=since))) == 2


def test_export_of_many_rows_is_an_iterator(db: Database) -> None:
    total = 5000
    with db.session() as session:
        session.execute(
            insert(Article),
            [
                {
                    "site": "bulk",
                    "url": f"https://bulk.example/{i}",
                    "canonical_url": f"https://bulk.example/{i}",
                    "title": f"Story {i}",
                    "authors": [],
                    "text": f"Body of story {i}.",
                    "word_count": 4,
                    "first_captured_at": T0 + timedelta(seconds=i),
                    "last_captured_at": T0 + timedelta(seconds=i),
                }
                for i in range(total)
            ],
        )
    rows = iter_articles(db, site="bulk")
    assert isinstance(rows, Iterator)
    assert not isinstance(rows, Sized)  # not a list in disguise: rows arrive as they are read
    first = next(rows)
    assert first["url"] == "https://bulk.example/0"
    assert first["warc"] is None  # no capture rows in this bulk load
    seen = 1 + sum(1 for _ in rows)
    assert seen == total
