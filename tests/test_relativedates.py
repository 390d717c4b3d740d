"""Relative dates ("3 hours ago", "vor 3 Stunden", "3시간 전"): read against the time the page
was captured, never the present, only in the dateline, and only when the page gives no other
date; a revisit's page is dated by the capture that holds its body."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from demosite.server import serve_directory
from spiders.dates import days_without_year
from spiders.extraction import extract_article
from spiders.relativedates import in_capture_year, relative_dates
from tests.crawlhelpers import crawl_json, make_archive, run_cli
from tests.test_datelines import page

SEEN = datetime(2024, 5, 17, 10, 0, tzinfo=UTC)
BERLIN_SUMMER = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Posted 3 hours ago by Jane Doe", "en", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("Jane Doe | 26 mins ago", "en", datetime(2024, 5, 17, 9, 34, tzinfo=UTC)),
        ("By Jane Doe, 3 hrs ago", "en", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("Von Max Muster · vor 3 Stunden", "de", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("5 часов назад", "ru", datetime(2024, 5, 17, 5, 0, tzinfo=UTC)),
        ("منذ 3 ساعات", "ar", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("发布于3小时前", "zh", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("3시간 전", "ko", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("3時間前", "ja", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("hace 2 horas", "es", datetime(2024, 5, 17, 8, 0, tzinfo=UTC)),
        ("3 saat önce", "tr", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        # a count after a phrase that ends with its "ago" is something else
        ("By Jane Doe · 3 hours ago 4 min read", "en", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("vor 3 Stunden 2 Kommentare", "de", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        ("โพสต์เมื่อ 3 ชั่วโมงที่แล้วโดย", "th", datetime(2024, 5, 17, 7, 0, tzinfo=UTC)),
        # a day without its time: that local day, at midnight, naive (the page's local time)
        ("Il y a 2 jours · Par Jean Dupont", "fr", datetime(2024, 5, 15)),
        # today and yesterday with their time: a local time, naive
        ("Gestern, 14:30 Uhr", "de", datetime(2024, 5, 16, 14, 30)),
        ("yesterday at 2:30 pm", "en", datetime(2024, 5, 16, 14, 30)),
    ],
)
def test_relative_dates_in_many_languages(text: str, language: str, expected: datetime) -> None:
    found = relative_dates(text, language)
    assert len(found) == 1
    assert found[0].when(SEEN, UTC) == expected


def test_a_relative_day_is_counted_from_the_capture_day_in_the_pages_zone() -> None:
    """At 23:30 UTC it is already the next day in Berlin: "2 days ago" counts from that."""
    late = datetime(2024, 5, 17, 23, 30, tzinfo=UTC)
    (found,) = relative_dates("vor 2 Tagen", "de")
    assert found.when(late, BERLIN_SUMMER) == datetime(2024, 5, 16)
    (hours,) = relative_dates("vor 3 Stunden", "de")
    assert hours.when(late, BERLIN_SUMMER) == datetime(2024, 5, 17, 22, 30, tzinfo=BERLIN_SUMMER)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("3 min read", "en"),  # a reading time
        ("3 weeks ago", "en"),  # too vague to date a publication
        ("2 months ago", "en"),
        ("10 days ago", "en"),
        ("By Jane Doe, USA TODAY", "en"),  # today without a time
        ("zuvor 3 Stunden", "de"),  # "vor" inside a word
        ("2 comments", "en"),
        ("USA TODAY 10:00", "en"),  # a name, with a time after it
        ("1 day 3 hours ago", "en"),  # compounds are not read as their last unit
        ("Posted 2 hours 30 minutes ago", "en"),
        ("vor 1 Tag 3 Stunden", "de"),
    ],
)
def test_what_is_no_relative_date(text: str, language: str) -> None:
    assert relative_dates(text, language) == []


def test_a_time_of_day_after_the_capture_is_no_date() -> None:
    """Fetched at ten: "today, 23:45" is not yet, and no page is published in the future."""
    (later,) = relative_dates("Today, 23:45", "en")
    assert later.when(SEEN, UTC) is None
    (earlier,) = relative_dates("Today, 09:45", "en")
    assert earlier.when(SEEN, UTC) == datetime(2024, 5, 17, 9, 45)


def _published(
    html: str, seen: datetime | None, url: str = "https://news.example.de/a/1"
) -> datetime | None:
    return extract_article(url, html, seen=seen).published


def test_a_relative_dateline_dates_the_page_against_its_capture_in_its_zone() -> None:
    html = page(dateline="<p class='byline'>Von Max Muster · vor 3 Stunden</p>", lang="de")
    # a .de site: shown in Berlin's offset, the instant three hours before the capture
    assert _published(html, SEEN) == datetime(2024, 5, 17, 9, 0, tzinfo=BERLIN_SUMMER)
    assert _published(html, SEEN).utcoffset() == timedelta(hours=2)  # type: ignore[union-attr]
    # without the capture's time, no date: the present is not when the page was seen
    assert _published(html, None) is None


def test_any_other_date_of_the_page_wins_over_a_relative_one() -> None:
    html = page(dateline="<p class='byline'>3 hours ago</p>")
    assert _published(html, SEEN, "https://news.example.com/2024/05/01/harbour") == datetime(
        2024, 5, 1, tzinfo=timezone(timedelta(hours=-4))
    )
    meta = '<meta property="article:published_time" content="2024-05-16T08:00:00+00:00">'
    assert _published(page(meta, dateline="<p>3 hours ago</p>"), SEEN) == datetime(
        2024, 5, 16, 8, tzinfo=UTC
    )


def test_an_update_a_teaser_or_a_comment_gives_no_relative_date() -> None:
    updated = page(dateline="<p class='byline'>Updated 3 hours ago</p>")
    assert _published(updated, SEEN) is None
    teaser = (
        "<aside class='related'><ul><li><a href='/b'>Other story</a> 2 hours ago</li></ul></aside>"
    )
    comment = "<section class='comments'><p>Jane wrote 1 hour ago: great</p></section>"
    assert _published(page(before=teaser, after=comment), SEEN) is None


def _article(path: Path, dateline: str) -> None:
    path.mkdir(parents=True)
    prose = "".join(
        f"<p>Paragraph {n} of the story tells readers what happened at the harbour this week, "
        "who was there and why it matters for the people who live nearby.</p>"
        for n in range(6)
    )
    (path / "index.html").write_text(
        "<html lang='en'><head><title>Harbour reopens</title>"
        "<meta property='og:type' content='article'></head><body>"
        f"<article><h1>Harbour reopens</h1><p class='byline'>{dateline}</p>{prose}</article>"
        "</body></html>",
        encoding="utf-8",
    )


def test_a_crawl_dates_a_relative_dateline_by_the_capture_that_holds_the_page(
    tmp_path: Path,
) -> None:
    """Crawled twice with the same bytes: the second capture is a revisit, and the article
    keeps the date counted from the first capture, which holds the page's body."""
    root = tmp_path / "www"
    _article(root / "news" / "harbour-reopens", "By Jane Doe, 3 hours ago")
    (root / "index.html").write_text(
        "<html><body><a href='/news/harbour-reopens/'>Harbour</a></body></html>"
    )
    with serve_directory(root) as site:
        url = f"{site.url}/news/harbour-reopens/"
        sites = {
            "relative": {
                "start_urls": [f"{site.url}/"],
                "allow_private_networks": True,
                "download_delay": 0,
                "article_patterns": ["/news/"],
                "recapture_after": "0s",
            }
        }
        archive = make_archive(tmp_path / "archive", sites)
        assert crawl_json(archive, "relative")["status"] == "succeeded"
        assert crawl_json(archive, "relative")["status"] == "succeeded"
    shown = run_cli(["articles", "show", url, "--json"], archive.env())
    assert shown.returncode == 0, shown.stderr
    article = json.loads(shown.stdout)
    captures = sorted(article["captures"], key=lambda capture: capture["captured_at"])
    assert [capture["type"] for capture in captures] == ["response", "revisit"]
    first = datetime.fromisoformat(captures[0]["captured_at"])
    assert datetime.fromisoformat(article["published"]) == first - timedelta(hours=3)


@pytest.mark.parametrize(
    ("text", "language", "seen", "zone", "expected"),
    [
        # the page's zone unknown (read as UTC): a time ahead of UTC may still be this year's
        ("17 May, 10:30", "en", SEEN, None, datetime(2024, 5, 17, 10, 30)),
        ("May 16 at 3:45 p.m.", "en", SEEN, UTC, datetime(2024, 5, 16, 15, 45)),
        ("17. Mai, 09:30 Uhr", "de", SEEN, BERLIN_SUMMER, datetime(2024, 5, 17, 9, 30)),
        ("17 de mayo, 10:30", "es", SEEN, None, datetime(2024, 5, 17, 10, 30)),
        # the zone written after the time is the date's
        (
            "Published 16 May 10:30 BST",
            "en",
            SEEN,
            None,
            datetime(2024, 5, 16, 10, 30, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "May 16, 10:30 p.m. EDT",
            "en",
            SEEN,
            None,
            datetime(2024, 5, 16, 22, 30, tzinfo=timezone(timedelta(hours=-4))),
        ),
        # after the capture in a known zone: last year's; seen in January, December's too
        ("17 May, 23:30", "en", SEEN, timezone(timedelta(hours=1)), datetime(2023, 5, 17, 23, 30)),
        (
            "17 December, 10:30",
            "en",
            datetime(2025, 1, 5, tzinfo=UTC),
            UTC,
            datetime(2024, 12, 17, 10, 30),
        ),
        # a New Year's time seen just before midnight UTC, the zone unknown: ahead of UTC
        (
            "1 January, 00:30",
            "en",
            datetime(2024, 12, 31, 23, tzinfo=UTC),
            None,
            datetime(2025, 1, 1, 0, 30),
        ),
    ],
)
def test_a_day_without_its_year_is_the_last_such_day_before_the_capture(
    text: str, language: str, seen: datetime, zone: timezone | None, expected: datetime
) -> None:
    (day,) = days_without_year(text, language)
    assert in_capture_year(day, seen, zone) == expected


@pytest.mark.parametrize(
    "text", ["17 May 2024, 10:30", "May 17, 2024 10:30", "17 May", "17 May 10 people"]
)
def test_a_day_with_its_year_or_without_a_time_is_not_one_without_its_year(text: str) -> None:
    assert days_without_year(text, "en") == []


def test_a_dateline_without_the_year_dates_the_page_in_the_capture_year() -> None:
    html = page(dateline="<p class='date'>17. Mai, 09:30 Uhr</p>", lang="de")
    assert _published(html, SEEN) == datetime(2024, 5, 17, 9, 30, tzinfo=BERLIN_SUMMER)
    assert _published(html, None) is None
