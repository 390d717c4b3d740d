"""Metadata benchmark: what the index says about real pages, against their ground truth.

Archivists find articles by date and byline, so this measures what ``newsarchiver crawl``
records for pages whose truth a person checked, and what trafilatura's own metadata says about
the same pages in the same run::

    .venv/bin/python benchmarks/metadata_bench.py CORPUS_DIR [--output docs/benchmarks.md]

``CORPUS_DIR`` holds ``truth.json``, a list of pages::

    {"url": "https://www.example.de/politik/story-100.html",  # where the page was published
     "file": "pages/123.html",                 # its bytes as fetched, relative to CORPUS_DIR
     "date": "2024-05-17" | "2024-05-17T14:30:00+02:00" | null,   # published; null: none
     "authors": ["Monika Bolliger"],           # optional: person names, byline order
     "publisher": "stern.de",                  # optional: organisation credited as author
     "titles": ["The headline", "og:title"],   # optional: the page's own headlines
     "article": true}                          # optional, default true; false for hubs

Each original host is served by its own HTTP server on 127.0.0.1 (one port per host, so pages
of different sites never collide), under the page's original path and query, with the bytes of
the file and ``Content-Type: text/html`` (the page declares its own charset). One site in a
scratch sites file lists every page as a start URL (depth 0, no requisites, no robots.txt),
``newsarchiver crawl`` archives and indexes them without ``article_patterns``, and each page is
read back with ``newsarchiver articles show URL --json``. ``--code DIR`` runs another checkout
of newsarchiver instead (say, ``git worktree`` or ``git archive`` of an older commit), which is
how the "before" figures of ``docs/benchmarks.md`` were taken.

Scores, each a mean over the pages that have the truth it needs; a page the index did not
record scores 0 on every field:

- detection: articles recorded (and, when the corpus has hubs, hubs left out);
- date, day: ``published`` on the truth's day, read in the offset the page gave;
- date, minute: the same to the minute, for truths with a time (an offset-less truth is
  compared with the wall-clock time the page gave);
- authors: set F1 of the names (case and spacing ignored); no names expected and none given
  scores 1;
- headline: ``title`` is one of the truth's titles.

trafilatura gets the original URL and the page's bytes (``extract_metadata``: its date comes
from htmldate, its author from its own rules); it has no notion of article or hub.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from crawl_bench import write_section
from w3lib.url import safe_url_string

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SLUG = "metadata-bench"
#: ``newsarchiver articles show`` processes at once (each is a short Python start-up).
READERS = 4


class BenchError(RuntimeError):
    """The benchmark cannot run; the message says why."""


# Corpus -----------------------------------------------------------------------------------------


@dataclass
class Page:
    url: str
    path: Path
    date: str | None
    authors: list[str] | None
    publisher: str | None
    titles: list[str] | None
    article: bool
    served_url: str = ""


def load_corpus(corpus: Path) -> list[Page]:
    truth_file = corpus / "truth.json"
    try:
        entries = json.loads(truth_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BenchError(f"cannot read {truth_file}: {exc}") from None
    pages = []
    for entry in entries:
        date = entry.get("date")
        if isinstance(date, float) and math.isnan(date):  # pandas wrote missing dates as NaN
            date = None
        path = corpus / entry["file"]
        if not path.is_file():
            raise BenchError(f"{truth_file}: {entry['file']} does not exist")
        pages.append(
            Page(
                url=entry["url"],
                path=path,
                date=date,
                authors=entry.get("authors"),
                publisher=entry.get("publisher"),
                titles=entry.get("titles"),
                article=entry.get("article", True),
            )
        )
    return pages


# Serving ----------------------------------------------------------------------------------------


def _target_key(target: str) -> str:
    """Path and query as one comparable string, however either side quoted them.

    Split by hand: ``urlsplit`` would read the host of a path such as ``//story.php``, which
    ``http.server`` hands over as ``/story.php``.
    """
    path, _, query = target.partition("?")
    pairs = urlencode(sorted(parse_qsl(query.partition("#")[0], keep_blank_values=True)))
    return "/" + unquote(path).lstrip("/") + ("?" + pairs if pairs else "")


class _Handler(BaseHTTPRequestHandler):
    pages: dict[str, Path]

    def do_GET(self) -> None:
        path = self.pages.get(_target_key(self.path))
        if path is None:
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(pages: list[Page]) -> Iterator[None]:
    """One server per original host on 127.0.0.1; sets each page's ``served_url``."""
    by_host: dict[str, dict[str, Path]] = {}
    for page in pages:
        by_host.setdefault(urlsplit(page.url).netloc.lower(), {})
    servers = []
    ports: dict[str, int] = {}
    try:
        for host, table in by_host.items():
            handler = type("Handler", (_Handler,), {"pages": table})
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            server.daemon_threads = True
            servers.append(server)
            ports[host] = server.server_address[1]
            threading.Thread(target=server.serve_forever, daemon=True).start()
        for page in pages:
            parts = urlsplit(page.url)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            host = parts.netloc.lower()
            by_host[host][_target_key(target)] = page.path
            # As Scrapy requests it (percent-encoded), which is what the index records.
            page.served_url = safe_url_string(f"http://127.0.0.1:{ports[host]}{target}")
        yield
    finally:
        # Each shutdown waits for its server's next poll: wait for them all at once.
        with concurrent.futures.ThreadPoolExecutor(max(1, len(servers))) as pool:
            list(pool.map(lambda server: server.shutdown(), servers))
        for server in servers:
            server.server_close()


# newsarchiver -----------------------------------------------------------------------------------


def sites_toml(pages: list[Page]) -> str:
    urls = ",\n".join(f"  {json.dumps(page.served_url)}" for page in pages)
    return (
        f"[sites.{SLUG}]\nstart_urls = [\n{urls}\n]\n"
        'allowed_domains = ["127.0.0.1"]\n'
        f"max_depth = 0\nmax_pages = {len(pages) + 10}\n"
        "download_delay = 0\nconcurrent_requests = 8\nobey_robots = false\n"
        "capture_requisites = false\nallow_private_networks = true\n"
    )


def newsarchiver_command(code: Path | None) -> list[str]:
    if code is None:
        return [str(VENV_BIN / "newsarchiver")]
    return [sys.executable, "-c", "import sys; from scheduler.cli import main; sys.exit(main())"]


def crawl(pages: list[Page], scratch: Path, code: Path | None) -> tuple[dict[str, str], float]:
    """Crawl every page into a fresh archive; the environment that reads it, and seconds."""
    sites = scratch / "sites.toml"
    sites.write_text(sites_toml(pages), encoding="utf-8")
    archive = scratch / "archive"
    env = os.environ | {
        "NEWSARCHIVER_SITES": str(sites),
        "NEWSARCHIVER_STORAGE": f"file://{archive}/store",
        "NEWSARCHIVER_DB": f"sqlite:///{archive}/index.sqlite3",
        "NEWSARCHIVER_SPOOL": str(archive / "spool"),
        "NEWSARCHIVER_LOGS": str(archive / "logs"),
    }
    if code is not None:
        env["PYTHONPATH"] = str(code)
    started = time.monotonic()
    done = subprocess.run(
        [*newsarchiver_command(code), "crawl", SLUG, "--json"],
        env=env,
        cwd=code or ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0:
        raise BenchError(f"crawl failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return env, seconds


def read_back(pages: list[Page], env: dict[str, str], code: Path | None) -> list[dict | None]:
    command = newsarchiver_command(code)

    def show(page: Page) -> dict[str, Any] | None:
        done = subprocess.run(
            [*command, "articles", "show", page.served_url, "--json"],
            env=env,
            cwd=code or ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode == 1:
            return None  # not an article in the index
        if done.returncode != 0:
            raise BenchError(f"articles show failed: {done.stderr.strip()[-300:]}")
        return json.loads(done.stdout)

    with concurrent.futures.ThreadPoolExecutor(READERS) as pool:
        return list(pool.map(show, pages))


def trafilatura_metadata(pages: list[Page]) -> list[dict[str, Any]]:
    import trafilatura

    found = []
    for page in pages:
        document = trafilatura.extract_metadata(page.path.read_bytes(), default_url=page.url)
        found.append(
            {
                "title": document.title,
                "published": document.date,
                "authors": [a for a in (document.author or "").split(";") if a.strip()],
            }
        )
    return found


# Scores -----------------------------------------------------------------------------------------


def _name(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def _title(value: str) -> str:
    return re.sub(r"\W+", " ", _name(value)).strip()


def authors_f1(expected: list[str], found: list[str]) -> float:
    want, got = {_name(n) for n in expected}, {_name(n) for n in found}
    if not want and not got:
        return 1.0
    if not want or not got:
        return 0.0
    hits = len(want & got)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(got), hits / len(want)
    return 2 * precision * recall / (precision + recall)


def _has_time(truth: str) -> bool:
    return "T" in truth or " " in truth.strip()


def same_day(truth: str, found: str | None) -> bool:
    return found is not None and found[:10] == truth[:10]


def same_minute(truth: str, found: str | None) -> bool:
    if not found:
        return False
    try:
        want = datetime.fromisoformat(truth)
        got = datetime.fromisoformat(found)
    except ValueError:
        return False
    if want.tzinfo is None:  # compare with the wall-clock time the page gave
        got = got.replace(tzinfo=None)
    elif got.tzinfo is None:
        got = got.replace(tzinfo=UTC)
    return abs((want - got).total_seconds()) < 60


@dataclass
class Tally:
    """Sums and counts of one tool's scores."""

    sums: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, metric: str, score: float) -> None:
        self.sums[metric] = self.sums.get(metric, 0.0) + score
        self.counts[metric] = self.counts.get(metric, 0) + 1

    def mean(self, metric: str) -> float | None:
        count = self.counts.get(metric, 0)
        return self.sums[metric] / count if count else None


def score(
    pages: list[Page], ours: list[dict | None], theirs: list[dict[str, Any]]
) -> tuple[Tally, Tally, list[dict[str, Any]]]:
    tallies = (Tally(), Tally())
    misses: list[dict[str, Any]] = []
    for page, mine, other in zip(pages, ours, theirs, strict=True):
        if not page.article:
            tallies[0].add("hubs", float(mine is None))
            continue
        tallies[0].add("detection", float(mine is not None))
        if mine is None:
            misses.append({"url": page.url, "file": str(page.path), "miss": "not an article"})
        for tally, found in zip(tallies, (mine, other), strict=True):
            found = found or {}
            if page.date:
                day = same_day(page.date, found.get("published"))
                tally.add("day", float(day))
                if tally is tallies[0] and mine is not None and not day:
                    misses.append(
                        {"url": page.url, "file": str(page.path), "miss": "date",
                         "want": page.date, "got": found.get("published")}
                    )  # fmt: skip
                if _has_time(page.date):
                    tally.add("minute", float(same_minute(page.date, found.get("published"))))
            if page.authors is not None:
                f1 = authors_f1(page.authors, found.get("authors") or [])
                tally.add("authors", f1)
                if tally is tallies[0] and mine is not None and f1 < 1:
                    misses.append(
                        {"url": page.url, "file": str(page.path), "miss": "authors",
                         "want": page.authors, "got": found.get("authors")}
                    )  # fmt: skip
            if page.publisher is not None and tally is tallies[0]:
                tally.add(
                    "publisher", float(_name(found.get("publisher") or "") == _name(page.publisher))
                )
            if page.titles:
                title = found.get("title") or ""
                ok = _title(title) in {_title(t) for t in page.titles}
                tally.add("headline", float(ok))
                if tally is tallies[0] and mine is not None and not ok:
                    misses.append(
                        {"url": page.url, "file": str(page.path), "miss": "headline",
                         "want": page.titles, "got": title}
                    )  # fmt: skip
    return tallies[0], tallies[1], misses


# Report -----------------------------------------------------------------------------------------

METRICS = (
    ("detection", "detected as an article"),
    ("hubs", "hubs left out"),
    ("headline", "headline: one of the page's own"),
    ("day", "published date, same day"),
    ("minute", "published date and time, to the minute"),
    ("authors", "authors, set F1"),
    ("publisher", "publisher credited as author, in `publisher`"),
)


def _cell(value: float | None, count: int) -> str:
    return "-" if value is None else f"{value:.3f} ({count})"


def report(
    corpus: Path,
    pages: list[Page],
    ours: Tally,
    theirs: Tally,
    *,
    label: str,
    command: str,
    seconds: float,
) -> str:
    articles = sum(page.article for page in pages)
    lines = [
        f"### {corpus.name}: {len(pages)} pages ({articles} articles), {label}",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}; "
        f"crawl and indexing {seconds:.0f} s. (n) is the number of pages with that truth.",
        "",
        "```",
        command,
        "```",
        "",
        "| field | newsarchiver | trafilatura, same pages |",
        "|---|---:|---:|",
    ]
    for metric, name in METRICS:
        if metric not in ours.counts and metric not in theirs.counts:
            continue
        # trafilatura has no notion of article or publisher, and gives a day without a time.
        theirs_cell = (
            "-"
            if metric in ("detection", "hubs", "publisher", "minute")
            else _cell(theirs.mean(metric), theirs.counts.get(metric, 0))
        )
        lines.append(
            f"| {name} | {_cell(ours.mean(metric), ours.counts.get(metric, 0))} | {theirs_cell} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="directory with truth.json and the pages")
    parser.add_argument("--code", type=Path, help="crawl with this checkout of newsarchiver")
    parser.add_argument("--label", default="", help="names the run in the report (before, after)")
    parser.add_argument("--output", type=Path, help="also write the section into this file")
    parser.add_argument("--misses", type=Path, help="write the pages scored wrong as JSON here")
    args = parser.parse_args(argv)
    code = args.code.resolve() if args.code else None
    label = args.label or ("code of " + str(code) if code else "this checkout")
    try:
        pages = load_corpus(args.corpus)
        with tempfile.TemporaryDirectory(prefix="metadata-bench-") as scratch, serving(pages):
            env, seconds = crawl(pages, Path(scratch), code)
            ours = read_back(pages, env, code)
        theirs = trafilatura_metadata(pages)
    except BenchError as exc:
        print(f"metadata_bench: {exc}", file=sys.stderr)
        return 1
    mine, other, misses = score(pages, ours, theirs)
    command = " ".join(["python benchmarks/metadata_bench.py", *(argv or sys.argv[1:])])
    section = report(
        args.corpus.resolve(), pages, mine, other, label=label, command=command, seconds=seconds
    )
    print(section)
    if args.misses:
        args.misses.write_text(json.dumps(misses, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.output:
        marker = f"metadata_bench {args.corpus.resolve().name} {args.label or 'run'}"
        write_section(args.output, marker, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
