"""The article indexer: off the crawl's event loop, and never the reason a page goes unindexed.

A crawl queues its HTML page captures in the index and indexer processes read them back from
the WARC records. These tests kill the parts: an indexer killed mid-crawl leaves its pages
queued and the site's next crawl indexes them; an indexer whose crawl is killed exits with it.
Two indexers share one queue without indexing a page twice.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from demosite.generator import generate_site
from demosite.server import serve_directory
from spiders.recenturls import RecentUrls
from tests.crawlhelpers import BIN, REPO, Archive, crawl_json, make_archive
from tests.hostileserver import article_document

SLUG = "news"


def _count(archive: Archive, sql: str, *args: Any) -> int:
    try:
        with sqlite3.connect(f"file:{archive.db_path}?mode=ro", uri=True) as connection:
            return int(connection.execute(sql, args).fetchone()[0])
    except sqlite3.Error:  # not created yet, or being migrated
        return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        found.extend(int(child) for child in children)
    return found


def _is_indexer(pid: int) -> bool:
    try:
        # Not the resource tracker that multiprocessing also starts beside it.
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return False


def _crawl_signalling_indexers(
    archive: Archive, signum: int, *, after_captures: int = 0, **env: str
) -> dict[str, Any]:
    """Run a crawl with an indexer process, send ``signum`` to it once it exists and
    ``after_captures`` captures are committed, and return the crawl's summary."""
    env.setdefault("NEWSARCHIVER_EXTRACTION_WORKERS", "1")
    crawl = subprocess.Popen(
        [str(BIN / "newsarchiver"), "crawl", SLUG, "--json"],
        env=archive.env(**env),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    indexers: list[int] = []
    while not indexers or _count(archive, "SELECT count(*) FROM captures") < after_captures:
        assert crawl.poll() is None, crawl.communicate()[1][-2000:]
        assert time.monotonic() < deadline, "no indexer process and captures in time"
        indexers = [pid for pid in _children(crawl.pid) if _is_indexer(pid)]
        time.sleep(0.01)  # polling interval, bounded by the deadline above
    for pid in indexers:
        os.kill(pid, signum)
    out, err = crawl.communicate(timeout=120)
    assert crawl.returncode == 0, err[-2000:]
    return json.loads(out)


def _site(tmp_path: Path, articles: int, seed: int) -> Any:
    return generate_site(tmp_path / "www", articles=articles, seed=seed)


def _sites(url: str, **extra: Any) -> dict[str, dict[str, Any]]:
    return {
        SLUG: {
            "start_urls": [f"{url}/"],
            "max_depth": 3,
            "allow_private_networks": True,
            **extra,
        }
    }


def test_pages_a_killed_indexer_left_queued_are_indexed_by_the_next_crawl(
    tmp_path: Path,
) -> None:
    manifest = _site(tmp_path, articles=40, seed=5)
    with serve_directory(manifest.root) as site:
        archive = make_archive(tmp_path / "archive", _sites(site.url, download_delay=0.1))
        first = _crawl_signalling_indexers(archive, signal.SIGKILL, after_captures=5)
        assert first["status"] == "succeeded"
        assert first["errors"].get("article indexer") == 1, first["error_samples"]
        left = _count(archive, "SELECT count(*) FROM captures WHERE index_pending")
        assert left > 0, "the indexer was killed after the last page: nothing was left queued"
        assert first["articles"] < len(manifest.articles)

        second = crawl_json(archive, SLUG)
    assert second["status"] == "succeeded"
    assert _count(archive, "SELECT count(*) FROM captures WHERE index_pending") == 0
    # The first run's queued captures were indexed, not just fetched again.
    linked = _count(
        archive,
        "SELECT count(*) FROM captures WHERE run_id = ? AND article_id IS NOT NULL",
        first["run_id"],
    )
    assert linked >= len(manifest.articles) - first["articles"]
    urls = set(archive.indexed_articles())
    assert {f"{site.url}{article.path}" for article in manifest.articles} <= urls


def test_a_stalled_indexer_is_stopped_and_the_crawl_ends(tmp_path: Path) -> None:
    """An indexer that finishes no page does not hold its crawl.

    The indexer is frozen with SIGSTOP as soon as it exists, while it still imports its
    libraries, as a page that hangs extraction would freeze it: outside any transaction.
    """
    manifest = _site(tmp_path, articles=30, seed=9)
    with serve_directory(manifest.root) as site:
        archive = make_archive(tmp_path / "archive", _sites(site.url, download_delay=0.1))
        summary = _crawl_signalling_indexers(
            archive, signal.SIGSTOP, NEWSARCHIVER_INDEXER_STALL_SECONDS="2"
        )
    assert summary["status"] == "succeeded"
    assert summary["errors"].get("article indexer") == 1, summary["error_samples"]
    log = "\n".join(p.read_text() for p in (archive.root / "logs").glob("*.log"))
    # Frozen before its first page: stopped, no page blamed (the 9 MB test covers that case).
    assert "finished no page for 2 s and was stopped\n" in log, log[-3000:]
    assert _count(archive, "SELECT count(*) FROM captures WHERE index_pending") > 0


@pytest.mark.parametrize("workers", ["0", "1"])
def test_a_page_that_outlasts_the_stall_limit_fails_and_the_rest_is_indexed(
    workers: str, tmp_path: Path
) -> None:
    """A page whose extraction takes longer than the limit (9 MB of prose in 150,000
    paragraphs takes trafilatura three times the limit on a fast machine; with no
    ``<article>`` to mark its body, trafilatura has to read it),
    whether the crawl indexes in its own thread (0 workers, the default) or in an indexer
    process. A fresh indexer then indexes the article the huge page links, queued after it
    (within the limit even on a busy machine), and the summary counts one page unindexed."""
    root = tmp_path / "www"
    huge = root / "2024" / "05" / "01" / "huge"
    huge.mkdir(parents=True)
    prose = "<p>The council met to discuss the tram line and its budget.</p>\n"
    (huge / "index.html").write_text(
        "<html><head><title>Huge</title></head><body><div><h1>Huge story</h1>"
        + prose * 150_000
        + '<a href="/2024/05/02/after/">next</a></div></body></html>'
    )
    after = root / "2024" / "05" / "02" / "after"
    after.mkdir(parents=True)
    (after / "index.html").write_text(article_document("The story after the huge one"))
    (root / "index.html").write_text('<html><body><a href="/2024/05/01/huge/">x</a></body></html>')
    with serve_directory(root) as site:
        archive = make_archive(tmp_path / "archive", _sites(site.url, download_delay=0))
        summary = crawl_json(
            archive,
            SLUG,
            NEWSARCHIVER_INDEXER_STALL_SECONDS="5",
            NEWSARCHIVER_EXTRACTION_WORKERS=workers,
        )
    assert summary["status"] == "succeeded"
    log = "\n".join(p.read_text() for p in (archive.root / "logs").glob("*.log"))
    stopped = re.search(r"finished no page for 5 s and was stopped on capture (\d+)", log)
    assert stopped, log[-3000:]
    with sqlite3.connect(archive.db_path) as connection:
        url, pending, error = connection.execute(
            "SELECT url, index_pending, extraction_error FROM captures WHERE id = ?",
            (int(stopped.group(1)),),
        ).fetchone()
    assert url == f"{site.url}/2024/05/01/huge/"
    assert (pending, error) == (0, "extraction did not finish within 5 s")
    assert f"{site.url}/2024/05/02/after/" in archive.indexed_articles(), summary["error_samples"]
    assert summary["unindexed"] == 1


@pytest.mark.parametrize("workers", ["0", "1", "2"])
def test_every_page_is_indexed_once_by_any_number_of_indexers(workers: str, tmp_path: Path) -> None:
    manifest = _site(tmp_path, articles=30, seed=8)
    with serve_directory(manifest.root) as site:
        archive = make_archive(tmp_path / "archive", _sites(site.url, download_delay=0))
        summary = crawl_json(archive, SLUG, NEWSARCHIVER_EXTRACTION_WORKERS=workers)
    assert summary["status"] == "succeeded"
    assert summary["articles"] == len(manifest.articles)
    assert _count(archive, "SELECT count(*) FROM captures WHERE index_pending") == 0
    assert _count(archive, "SELECT count(*) FROM article_versions") == len(manifest.articles)
    urls = set(archive.indexed_articles())
    assert urls == {f"{site.url}{article.path}" for article in manifest.articles}


def test_an_indexer_exits_when_its_crawl_is_killed(tmp_path: Path) -> None:
    """An indexer must not outlive a crawl killed with SIGKILL (an orphan per kill)."""
    script = textwrap.dedent(
        f"""
        import os, signal, time
        from spiders.articleindexer import ArticleIndexer
        from spiders.siteconfig import Site
        if __name__ == "__main__":
            site = Site(slug="news", start_urls=["https://news.example/"])
            indexer = ArticleIndexer("sqlite:///{tmp_path}/index.sqlite3", site, 1)
            indexer.start()
            process, _ = indexer._processes[0]
            print(process.pid, flush=True)
            time.sleep(1)
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    path = tmp_path / "crawl.py"
    path.write_text(script)
    done = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=os.environ | {"PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    worker = int(done.stdout)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{worker}").exists() and _state(worker) != "Z":
        assert time.monotonic() < deadline, f"indexer {worker} outlived its crawl"
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return "gone"


def test_recent_urls_forget_the_least_recently_seen() -> None:
    recent = RecentUrls(size=2)
    assert recent.first_time("a") and recent.first_time("b")
    assert not recent.first_time("a")  # seen again: now the newest
    assert recent.first_time("c")  # forgets b, the least recently seen
    assert "a" in recent and "c" in recent and "b" not in recent
    assert len(recent) == 2
    with pytest.raises(ValueError, match="at least 1"):
        RecentUrls(size=0)
