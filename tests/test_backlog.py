"""The sitemap backlog: newest pages first, a chunk at a time, in small tuples."""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.backlog import PageBacklog
from spiders.discovery import sitemap_entries


def day(n: int) -> datetime:
    return datetime(2024, 5, n, tzinfo=UTC)


def test_pages_come_newest_first_and_undated_last_in_arrival_order() -> None:
    backlog = PageBacklog()
    backlog.add("https://n.example/undated-1", None)
    backlog.add("https://n.example/old", day(1))
    backlog.add("https://n.example/new", day(9))
    backlog.add("https://n.example/undated-2", None)
    backlog.add("https://n.example/middle", day(5))
    first = backlog.take(2)
    assert [c.url for c in first] == ["https://n.example/new", "https://n.example/middle"]
    assert first[0].date == day(9)
    rest = backlog.take(10)
    assert [c.url for c in rest] == [
        "https://n.example/old",
        "https://n.example/undated-1",
        "https://n.example/undated-2",
    ]
    assert rest[1].date is None
    assert len(backlog) == 0 and backlog.take(5) == []


def test_a_large_sitemap_is_read_entry_by_entry() -> None:
    urls = "".join(
        f"<url><loc>https://n.example/a/{n}</loc><lastmod>2024-05-01</lastmod></url>"
        for n in range(50_000)
    )
    body = f'<?xml version="1.0"?><urlset xmlns="x">{urls}</urlset>'.encode()
    is_index, entries = sitemap_entries(body)
    assert not is_index
    backlog = PageBacklog()
    for entry in entries:
        backlog.add(entry.url, entry.date)
    assert len(backlog) == 50_000
    assert backlog.take(1)[0].date == datetime(2024, 5, 1, tzinfo=UTC)
