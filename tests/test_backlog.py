"""The sitemap backlog: newest pages first, a chunk at a time, in small tuples."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from spiders.backlog import PageBacklog
from spiders.discovery import sitemap_entries
from tests.crawlhelpers import REPO


def day(n: int) -> datetime:
    return datetime(2024, 5, n, tzinfo=UTC)


def test_pages_come_newest_first_and_undated_last_in_arrival_order() -> None:
    backlog = PageBacklog(limit=10)
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
    backlog = PageBacklog(limit=50_000)
    for entry in entries:
        backlog.add(entry.url, entry.date)
    assert len(backlog) == 50_000
    assert backlog.take(1)[0].date == datetime(2024, 5, 1, tzinfo=UTC)


def test_only_the_newest_pages_up_to_the_limit_are_kept() -> None:
    backlog = PageBacklog(limit=3)
    for n in (4, 1, 9, None, 6, 2):
        backlog.add(f"https://n.example/{n}", day(n) if n else None)
    assert backlog.dropped == 3
    assert [c.url for c in backlog.take(10)] == [
        "https://n.example/9",
        "https://n.example/6",
        "https://n.example/4",
    ]


def test_reading_a_large_sitemap_does_not_build_its_tree(tmp_path: Path) -> None:
    """Peak memory while reading a 50,000-entry sitemap, measured in a process of its own."""
    script = textwrap.dedent(
        """
        import resource, sys
        from spiders.discovery import sitemap_entries
        urls = "".join(
            f"<url><loc>https://n.example/a/{n}</loc><lastmod>2024-05-01</lastmod></url>"
            for n in range(50_000)
        )
        body = f'<?xml version="1.0"?><urlset xmlns="x">{urls}</urlset>'.encode()
        del urls
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        _, entries = sitemap_entries(body)
        count = sum(1 for _ in entries)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(count, grown)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=os.environ | {"PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    count, grown_kb = map(int, done.stdout.split())
    assert count == 50_000
    # As a tree (etree.fromstring) the same sitemap takes about 35 MB more.
    assert grown_kb < 10_000
