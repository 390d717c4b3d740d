"""Many-sites benchmark: N news sites on frequent schedules, crawled by the real daemon.

An archive that follows hundreds of news sites runs out of per-run overhead and shared
resources long before it runs out of bandwidth, because a polite crawl is mostly waiting. This
benchmark measures where one machine breaks. It

- serves N small news sites from one server process on loopback, each on a host of its own
  (127.0.1.1, 127.0.1.2, …: Linux routes all of 127.0.0.0/8 to loopback; distinct ports on
  127.0.0.1 are the fallback). Each site has a front page, a section page, an RSS feed, a
  sitemap (announced in robots.txt), a stylesheet and a logo, pages of tens of KB, and
  publishes ``--articles-per-cycle`` new articles (5) a little before each of its scheduled
  fire times, so what it serves moves on with the clock;
- writes a sites file giving every site ``download_delay = 1.0`` and a cron schedule of
  ``--real-cycle`` seconds (15 minutes), both compressed by the same factor so that a run of
  several cycles takes minutes: the delay and the cycle shrink together, the ratio of waiting
  to work is kept. CPU work does not shrink, so a compressed run is harsher than real time:
  the machine has 1/factor of the CPU seconds per cycle it would really have;
- runs the real daemon, ``newsarchiver scheduler run``, with a fresh database, storage, spool
  and logs for ``--cycles`` cycles, once per design (``today``: the defaults; ``hosted``:
  ``NEWSARCHIVER_EXECUTOR=hosted`` and ``--hosted-env`` settings, when the executor exists),
  one after the other in the same invocation;
- reports side by side: schedule lag (run start minus its scheduled time: p50, p95, max), runs
  succeeded and failed, scheduled fires that queued no run (the previous run of the site was
  still pending), the share of the newly published articles the index holds with a capture
  from before the site's next fire time, CPU seconds per run (``os.wait4`` of the daemon after
  it exits, which includes every crawl process it reaped), peak total RSS of the daemon and all
  its descendants (``/proc`` sampled every half second), database errors in the logs, the
  write-lock wait a probe measures on the SQLite index every second, and the index size.

The schedule lag comes from the database (``runs.scheduled_at`` when the schema has it, else
the fire time the cron gives for the run's queue time) and, when the daemon serves metrics
(``--metrics-port``), from its ``newsarchiver_schedule_lag_seconds`` histogram as well: the
report says whether the two agree (count and sum). Runs queued but never started by the end
count in the lag figures with the time they had waited, shown as ``≥``::

    .venv/bin/python benchmarks/many_sites.py --sites 50
    .venv/bin/python benchmarks/many_sites.py --sites 500 --output docs/benchmarks.md
    .venv/bin/python benchmarks/many_sites.py --sites 5 --cycle 10 --cycles 2   # CI

``--output FILE`` also writes the markdown section into FILE, replacing the section of an
earlier run with the same parameters.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.utils
import gzip
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from crawl_bench import BenchError, machine, write_section
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from settings import AppConfig, ConfigError
from storage.db import Database
from storage.models import Article, Capture, Run, RunStatus, RunTrigger

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
STATIC = ROOT / "demosite" / "static"
REAL_DELAY = 1.0
LISTED = 10  # articles on the front page, the section page, the feed and the sitemap
RELATED = 3  # links from an article to articles of the batch before
RSS_SAMPLE_SECONDS = 0.5
LOCK_PROBE_SECONDS = 1.0
DAEMON_START_SECONDS = 120.0
STOP_GRACE_SECONDS = 15
METRIC = "newsarchiver_schedule_lag_seconds"
DB_ERROR = re.compile(r"database is locked|OperationalError|database unavailable|deadlock")
#: What tests/logcheck.py counts as a problem: a traceback, or a record at ERROR or CRITICAL.
LOG_PROBLEM = re.compile(r"Traceback \(most recent call last\)|\b(ERROR|CRITICAL)\b")
DAEMON_STARTED = re.compile(r"scheduler daemon \S+ started")
HOST_PREFIX = "127.0.1."

_WORDS = (
    "council", "budget", "harbour", "railway", "museum", "election", "minister", "river", "storm",
    "school", "hospital", "farmers", "market", "festival", "bridge", "library", "court", "strike",
    "tariff", "coast", "energy", "wind", "solar", "housing", "village", "city", "region",
    "parliament", "report", "study", "survey", "police", "football", "orchestra", "archive",
    "newspaper", "weather", "winter", "summer", "tourism", "airport", "border", "trade", "union",
    "teachers", "nurses", "workers", "engineers", "students", "scientists", "officials",
    "residents", "critics", "supporters", "plan", "vote", "debate", "delay", "protest", "warning",
    "decision", "agreement", "proposal", "reform", "inquiry", "approve", "reject", "unveil",
    "postpone", "launch", "expand", "question", "defend", "revive", "fund", "review",
)  # fmt: skip
_NAMES = (
    "Ana Silva", "Tom Becker", "Maria Lopez", "Jonas Nilsen", "Leila Haddad", "Pieter de Vries",
    "Sofia Rossi", "Kwame Mensah", "Hannah Weber", "Mateo García", "Yuki Tanaka", "Olga Ivanova",
)  # fmt: skip


# The sites ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """The compressed clock: cycles, fire times and when each site publishes."""

    cycle: float  # compressed seconds between two fires of a site
    groups: int  # sites are spread over this many fire times per cycle
    lead: float  # a batch is published this long before the fire it is meant for

    def offset(self, site: int) -> float:
        """Seconds after each multiple of the cycle at which ``site``'s schedule fires."""
        return (site % self.groups) * self.cycle / self.groups

    def batch_at(self, site: int, now: float) -> int:
        """The newest batch ``site`` has published at ``now`` (Unix time)."""
        return math.floor((now + self.lead - self.offset(site)) / self.cycle)

    def fire(self, site: int, batch: int) -> float:
        """When ``site``'s schedule fires for ``batch``; the batch is due by the next fire."""
        return batch * self.cycle + self.offset(site)

    def published(self, site: int, batch: int) -> float:
        return self.fire(site, batch) - self.lead


@dataclass(frozen=True)
class Story:
    """One article of one site, derived from (site, batch, number) alone."""

    site: int
    batch: int
    number: int
    published: float

    @property
    def rng(self) -> random.Random:
        return random.Random(f"{self.site}/{self.batch}/{self.number}")

    @property
    def title(self) -> str:
        words = self.rng.sample(_WORDS, 7)
        return " ".join(words).capitalize()

    @property
    def path(self) -> str:
        day = datetime.fromtimestamp(self.published, UTC)
        slug = "-".join(self.title.lower().split()[:5])
        return f"/{day:%Y/%m/%d}/{slug}-{self.batch}-{self.number}/"

    @property
    def author(self) -> str:
        return _NAMES[(self.site + self.batch + self.number) % len(_NAMES)]

    @property
    def iso(self) -> str:
        return datetime.fromtimestamp(self.published, UTC).isoformat(timespec="seconds")


def _sentences(rng: random.Random, count: int) -> str:
    return " ".join(
        " ".join(rng.choices(_WORDS, k=rng.randint(8, 18))).capitalize() + "." for _ in range(count)
    )


class NewsSite:
    """What one site serves at a moment: pages rendered from the clock, never stored."""

    def __init__(self, number: int, origin: str, timing: Timing, per_batch: int) -> None:
        self.number = number
        self.origin = origin
        self.timing = timing
        self.per_batch = per_batch
        self.name = f"The Loopback Courier {number + 1}"

    def stories(self, batch: int) -> list[Story]:
        published = self.timing.published(self.number, batch)
        return [Story(self.number, batch, n, published) for n in range(self.per_batch)]

    def latest(self, now: float) -> list[Story]:
        newest = self.timing.batch_at(self.number, now)
        listed: list[Story] = []
        batch = newest
        while len(listed) < LISTED:
            listed += reversed(self.stories(batch))
            batch -= 1
        return listed[:LISTED]

    def respond(self, path: str, now: float) -> tuple[int, str, bytes]:
        """(status, content type, body) of ``path`` at ``now``."""
        if path == "/":
            return 200, "text/html; charset=utf-8", self.front(now).encode()
        if path == "/news/":
            return 200, "text/html; charset=utf-8", self.section(now).encode()
        if path == "/feed.xml":
            return 200, "application/rss+xml", self.feed(now).encode()
        if path == "/sitemap.xml":
            return 200, "application/xml", self.sitemap(now).encode()
        if path == "/robots.txt":
            text = f"User-agent: *\nAllow: /\n\nSitemap: {self.origin}/sitemap.xml\n"
            return 200, "text/plain", text.encode()
        match = re.fullmatch(r"/\d{4}/\d\d/\d\d/[a-z-]+-(-?\d+)-(\d+)/", path)
        if match:
            batch, number = int(match.group(1)), int(match.group(2))
            if number < self.per_batch and batch <= self.timing.batch_at(self.number, now):
                story = self.stories(batch)[number]
                if story.path == path:
                    return 200, "text/html; charset=utf-8", self.article(story).encode()
        missing = self.page("Not found", "", "<h1>Not found</h1>")
        return 404, "text/html; charset=utf-8", missing.encode()

    def page(self, title: str, head: str, body: str) -> str:
        """The frame every page shares: a realistic head, navigation and footer."""
        config = json.dumps(
            {"site": self.name, "ads": [f"slot-{n}" for n in range(40)], "consent": "v2"}
        )
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="stylesheet" href="/static/site.css">\n'
            '<link rel="icon" type="image/png" href="/static/logo.png">\n'
            f'<link rel="alternate" type="application/rss+xml" href="{self.origin}/feed.xml">\n'
            f"{head}<script>window.siteConfig = {config};</script>\n"
            f"<style>{_STYLE}</style>\n</head>\n<body>\n"
            f'<header><a href="/"><img src="/static/logo.png" alt="" width="32" height="32">'
            f'</a> <a class="brand" href="/">{escape(self.name)}</a></header>\n'
            f'<nav><a href="/">Home</a> <a href="/news/">News</a> {_EXTERNAL_NAV}</nav>\n'
            f"<main>\n{body}</main>\n<footer>{_FOOTER}</footer>\n</body>\n</html>\n"
        )

    def teaser(self, story: Story, sentences: int) -> str:
        summary = _sentences(story.rng, sentences)
        return (
            f'<div class="teaser"><h2><a href="{story.path}">{escape(story.title)}</a></h2>'
            f'<p class="meta">By {escape(story.author)} · <time datetime="{story.iso}">'
            f"{story.iso}</time></p><p>{escape(summary)}</p></div>\n"
        )

    def front(self, now: float) -> str:
        latest = self.latest(now)
        teasers = "".join(self.teaser(story, 4) for story in latest)
        most_read = "".join(
            f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in latest[::2]
        )
        body = f"<h1>Latest news</h1>\n{teasers}<aside><h2>Most read</h2><ol>{most_read}</ol>"
        head = f'<link rel="canonical" href="{self.origin}/">\n'
        return self.page(self.name, head, body + f"<p>{_sentences(random.Random(0), 40)}</p>")

    def section(self, now: float) -> str:
        teasers = "".join(self.teaser(story, 8) for story in self.latest(now))
        head = f'<link rel="canonical" href="{self.origin}/news/">\n'
        return self.page(f"News | {self.name}", head, f"<h1>News</h1>\n{teasers}")

    def article(self, story: Story) -> str:
        rng = story.rng
        url = f"{self.origin}{story.path}"
        paragraphs = "".join(f"<p>{_sentences(rng, 6)}</p>\n" for _ in range(14))
        related = "".join(
            f'<li><a href="{other.path}">{escape(other.title)}</a></li>'
            for other in self.stories(story.batch - 1)[:RELATED]
        )
        json_ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": story.title,
                "datePublished": story.iso,
                "author": [{"@type": "Person", "name": story.author}],
                "publisher": {"@type": "Organization", "name": self.name},
                "mainEntityOfPage": url,
            }
        )
        head = (
            f'<link rel="canonical" href="{url}">\n<meta property="og:type" content="article">\n'
            f'<meta property="og:title" content="{escape(story.title)}">\n'
            f'<meta property="article:published_time" content="{story.iso}">\n'
            f'<script type="application/ld+json">{json_ld}</script>\n'
        )
        body = (
            f"<article>\n<h1>{escape(story.title)}</h1>\n"
            f'<p class="byline">By {escape(story.author)}</p>\n'
            f'<p class="dateline"><time datetime="{story.iso}">{story.iso}</time> · '
            f'<a href="/news/">News</a></p>\n{paragraphs}</article>\n'
            f"<aside><h2>Related</h2><ul>{related}</ul></aside>\n"
        )
        return self.page(story.title, head, body)

    def feed(self, now: float) -> str:
        items = "".join(
            f"<item><title>{xml_escape(s.title)}</title><link>{self.origin}{s.path}</link>"
            f'<guid isPermaLink="true">{self.origin}{s.path}</guid>'
            f"<pubDate>{email.utils.formatdate(s.published, usegmt=True)}</pubDate>"
            f"<description>{xml_escape(_sentences(s.rng, 3))}</description></item>\n"
            for s in self.latest(now)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
            f"<title>{xml_escape(self.name)}</title><link>{self.origin}/</link>\n"
            f"<description>Latest news</description>\n{items}</channel></rss>\n"
        )

    def sitemap(self, now: float) -> str:
        urls = "".join(
            f"<url><loc>{self.origin}{s.path}</loc><lastmod>{s.iso}</lastmod></url>\n"
            for s in self.latest(now)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
        )


_STYLE = " ".join(f".c{n} {{ margin: {n % 7}px; padding: {n % 5}px; }}" for n in range(120))
_EXTERNAL_NAV = " ".join(
    f'<a href="https://partners.example/{word}/">{word.capitalize()}</a>' for word in _WORDS[:40]
)
_FOOTER = (
    " ".join(f'<a href="https://about.example/{word}">{word}</a>' for word in _WORDS[40:])
    + "<p>&copy; The Loopback Courier. Generated benchmark content.</p>"
)


# Serving --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def choose_origins(count: int) -> tuple[list[Origin], str]:
    """One host each on one port (127.0.1.x), or distinct ports on 127.0.0.1 when that fails."""
    if count <= 254:
        port = free_port()
        try:
            for number in range(1, count + 1):
                with socket.socket() as sock:
                    sock.bind((f"{HOST_PREFIX}{number}", port))
        except OSError:
            pass
        else:
            hosts = [Origin(f"{HOST_PREFIX}{n}", port) for n in range(1, count + 1)]
            return hosts, f"one host each, {HOST_PREFIX}1 to {HOST_PREFIX}{count}, port {port}"
    # 127.0.1.x gives 254 hosts; beyond that, continue over 127.0.2.x and on.
    port = free_port()
    origins = [Origin(f"127.0.{1 + n // 254}.{1 + n % 254}", port) for n in range(count)]
    try:
        for origin in origins:
            with socket.socket() as sock:
                sock.bind((origin.host, origin.port))
    except OSError:
        origins = [Origin("127.0.0.1", free_port()) for _ in range(count)]
        return origins, "distinct ports on 127.0.0.1 (other loopback addresses refused)"
    return origins, f"one host each, {origins[0].host} to {origins[-1].host}, port {port}"


async def _serve(sites: dict[tuple[str, int], NewsSite], statics: dict[str, bytes]) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host, port = writer.get_extra_info("sockname")[:2]
        site = sites[(host, port)]
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
                lines = head.split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {
                    name.strip().lower(): value.strip()
                    for name, _, value in (line.partition(":") for line in lines[1:] if line)
                }
                path = target.split("?", 1)[0]
                if path in statics:
                    status, kind, body = 200, _static_type(path), statics[path]
                else:
                    status, kind, body = site.respond(path, time.time())
                extra = ""
                if "gzip" in headers.get("accept-encoding", "") and not kind.startswith("image"):
                    body = gzip.compress(body, compresslevel=6)
                    extra = "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
                reason = "OK" if status == 200 else "Not Found"
                writer.write(
                    f"HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\n"
                    f"Content-Length: {len(body)}\r\n{extra}\r\n".encode()
                )
                if method != "HEAD":
                    writer.write(body)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        except ValueError:  # a request line we do not understand
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, host, port, backlog=256) for host, port in sites]
    await asyncio.gather(*(server.serve_forever() for server in servers))


def _static_type(path: str) -> str:
    return "text/css" if path.endswith(".css") else "image/png"


def serve_sites(origins: list[Origin], timing: Timing, per_batch: int) -> None:
    """The server process: every site, until SIGTERM."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    sites = {(o.host, o.port): NewsSite(n, o.url, timing, per_batch) for n, o in enumerate(origins)}
    statics = {f"/static/{p.name}": p.read_bytes() for p in STATIC.iterdir() if p.is_file()}
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(sites, statics))


@contextlib.contextmanager
def serving(origins: list[Origin], timing: Timing, per_batch: int) -> Iterator[None]:
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=serve_sites, args=(origins, timing, per_batch), daemon=True)
    process.start()
    try:
        deadline = time.monotonic() + 30
        for origin in (origins[0], origins[-1]):
            while True:
                if not process.is_alive():
                    raise BenchError(f"the site server exited with code {process.exitcode}")
                try:
                    with urllib.request.urlopen(f"{origin.url}/robots.txt", timeout=2):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise BenchError(f"the site server did not answer {origin.url}") from None
                    time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.join(10)


# The sites file -------------------------------------------------------------------------------


def cron_for(timing: Timing, site: int) -> tuple[str, str]:
    """(5-field cron, NEWSARCHIVER_SCHEDULE_SECOND) firing every ``timing.cycle`` seconds at
    ``timing.offset(site)``: whole minutes dividing an hour, or seconds dividing a minute."""
    cycle = round(timing.cycle)
    if cycle >= 60:
        minutes = cycle // 60
        first = round(timing.offset(site)) // 60
        return f"{first}-59/{minutes} * * * *", "0"
    return "* * * * *", f"*/{cycle}"


def check_cycle(cycle: float, groups: int) -> str | None:
    """Why ``cycle`` seconds in ``groups`` cannot be expressed in cron, or None."""
    if cycle != round(cycle):
        return "--cycle must be whole seconds"
    seconds = round(cycle)
    if seconds >= 60:
        if seconds % 60 or 3600 % seconds:
            return "--cycle of a minute or more must be whole minutes dividing an hour"
        if (seconds // 60) % groups:
            return "--groups must divide the minutes of --cycle"
        return None
    if 60 % seconds:
        return "--cycle under a minute must divide 60"
    if groups != 1:
        return "--groups needs a --cycle of several minutes (fires are whole minutes apart)"
    return None


def sites_toml(origins: list[Origin], timing: Timing, delay: float) -> str:
    tables = []
    for number, origin in enumerate(origins):
        cron, _ = cron_for(timing, number)
        tables.append(
            f"[sites.site{number + 1:04d}]\n"
            f'start_urls = ["{origin.url}/"]\n'
            f'feeds = ["{origin.url}/feed.xml"]\n'
            f'schedule = "{cron}"\n'
            f"download_delay = {delay:.6g}\n"
            f'allow_private_networks = ["{origin.host}/32"]\n'
        )
    return "\n".join(tables)


def site_slug(number: int) -> str:
    return f"site{number + 1:04d}"


# Measuring ------------------------------------------------------------------------------------


class TreeSampler(threading.Thread):
    """Peak total RSS of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.peak_bytes = 0
        self.peak_processes = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(RSS_SAMPLE_SECONDS):
            total, count = self.sample()
            self.peak_bytes = max(self.peak_bytes, total)
            self.peak_processes = max(self.peak_processes, count)

    def sample(self) -> tuple[int, int]:
        pending, total, count = [self.pid], 0, 0
        while pending:
            pid = pending.pop()
            try:
                with open(f"/proc/{pid}/statm") as statm:
                    total += int(statm.read().split()[1]) * self.page
                count += 1
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children") as children:
                        pending += [int(child) for child in children.read().split()]
            except (OSError, ValueError, IndexError):
                continue  # the process ended while we looked
        return total, count


class LockProbe(threading.Thread):
    """How long a writer waits for the SQLite index's write lock, probed once a second."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(daemon=True)
        self.path = path or Path()
        self.waits: list[float] = []
        self.failures = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(LOCK_PROBE_SECONDS):
            if not self.path.exists():
                continue
            try:
                with contextlib.closing(
                    sqlite3.connect(self.path, timeout=60, isolation_level=None)
                ) as connection:
                    started = time.perf_counter()
                    connection.execute("BEGIN IMMEDIATE")
                    self.waits.append(time.perf_counter() - started)
                    connection.execute("ROLLBACK")
            except sqlite3.Error:
                self.failures += 1


@dataclass
class Outcome:
    """What one design did over the measured cycles."""

    design: str
    env: dict[str, str]
    lags: list[float] = field(default_factory=list)
    censored: list[float] = field(default_factory=list)  # queued, never started: waited so far
    statuses: dict[str, int] = field(default_factory=dict)
    fires_expected: int = 0
    fires_skipped: int = 0
    articles_published: int = 0
    articles_in_cycle: int = 0
    articles_late: int = 0
    cpu_seconds: float = 0.0
    runs_started: int = 0
    peak_rss: int = 0
    peak_processes: int = 0
    db_errors: int = 0
    error_lines: int = 0
    lock_waits: list[float] = field(default_factory=list)
    index_bytes: int | None = None
    articles_indexed: int = 0
    captures: int = 0
    metrics: str = "not served"
    lag_source: str = ""
    wall_seconds: float = 0.0


def metrics_supported() -> bool:
    """Whether this ``newsarchiver scheduler run`` takes ``--metrics-port``."""
    done = subprocess.run(
        [str(VENV_BIN / "newsarchiver"), "scheduler", "run", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return "--metrics-port" in done.stdout


def hosted_supported() -> bool:
    try:
        AppConfig(executor="hosted")
    except (ValueError, ConfigError):
        return False
    return True


def scrape_lag(port: int) -> tuple[float, float] | None:
    """(count, sum) of the schedule-lag histogram the daemon serves, or None."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None
    count = total = None
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == f"{METRIC}_count":
                count = (count or 0.0) + sample.value
            elif sample.name == f"{METRIC}_sum":
                total = (total or 0.0) + sample.value
    return None if count is None or total is None else (count, total)


def wait_for_log(path: Path, pattern: re.Pattern[str], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + DAEMON_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = path.read_text(errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise BenchError(f"the daemon exited with status {process.returncode}: {tail[0]}")
        if path.exists() and pattern.search(path.read_text(errors="replace")):
            return
        time.sleep(0.2)
    raise BenchError(f"the daemon did not start within {DAEMON_START_SECONDS:.0f} s")


def scan_logs(logs: Path, daemon_log: Path) -> tuple[int, list[str]]:
    """(database errors, ERROR lines and tracebacks) in the daemon's and every run's log."""
    db_errors, problems = 0, []
    for path in [daemon_log, *logs.rglob("*.log")]:
        with path.open(errors="replace") as lines:
            for line in lines:
                if DB_ERROR.search(line):
                    db_errors += 1
                if LOG_PROBLEM.search(line):
                    problems.append(f"{path.name}: {line.rstrip()}")
    return db_errors, problems


def run_design(
    design: str,
    design_env: dict[str, str],
    args: argparse.Namespace,
    timing: Timing,
    sites_file: Path,
    scratch: Path,
    metrics: bool,
) -> Outcome:
    """Run the daemon for ``args.cycles`` cycles with ``design_env``; measure it."""
    home = scratch / design
    home.mkdir()
    with fresh_database(args.db, home) as db_url:
        return measure_daemon(design, design_env, args, timing, sites_file, home, db_url, metrics)


def measure_daemon(
    design: str,
    design_env: dict[str, str],
    args: argparse.Namespace,
    timing: Timing,
    sites_file: Path,
    home: Path,
    db_url: str,
    metrics: bool,
) -> Outcome:
    """Start the daemon on the index at ``db_url``, wait out the cycles, read the figures."""
    _, second = cron_for(timing, 0)
    env = os.environ | {
        "NEWSARCHIVER_SITES": str(sites_file),
        "NEWSARCHIVER_DB": db_url,
        "NEWSARCHIVER_STORAGE": f"file://{home}/store",
        "NEWSARCHIVER_SPOOL": str(home / "spool"),
        "NEWSARCHIVER_LOGS": str(home / "logs"),
        "NEWSARCHIVER_SCHEDULE_SECOND": second,
        "NEWSARCHIVER_STOP_GRACE": f"{STOP_GRACE_SECONDS}s",
        **design_env,
    }
    command = [str(VENV_BIN / "newsarchiver"), "scheduler", "run"]
    metrics_port = free_port() if metrics else None
    if metrics_port is not None:
        command += ["--metrics-port", str(metrics_port)]
    daemon_log = home / "daemon.log"
    outcome = Outcome(design, design_env)
    print(f"[{design}] starting the daemon", file=sys.stderr)
    with daemon_log.open("wb") as log:
        daemon = subprocess.Popen(
            command, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
    database = make_url(db_url).database
    sqlite_path = Path(database) if db_url.startswith("sqlite") and database else None
    sampler, probe = TreeSampler(daemon.pid), LockProbe(sqlite_path)
    sampler.start()
    if sqlite_path is not None:
        probe.start()
    started = time.time()
    try:
        wait_for_log(daemon_log, DAEMON_STARTED, daemon)
        # The first cycle starting after the daemon is up is the first measured; the run ends
        # just before the fire after the last measured one of the last group.
        first = math.floor((time.time() + 1) / timing.cycle) + 1
        batches = range(first, first + args.cycles)
        last_group = min(args.sites, timing.groups) - 1
        end = timing.fire(last_group, batches[-1] + 1) - 1
        print(
            f"[{design}] measuring {args.cycles} cycle(s) from "
            f"{datetime.fromtimestamp(first * timing.cycle, UTC):%H:%M:%S} UTC "
            f"to {datetime.fromtimestamp(end, UTC):%H:%M:%S} UTC",
            file=sys.stderr,
        )
        while time.time() < end:
            if daemon.poll() is not None:
                raise BenchError(f"[{design}] the daemon exited early ({daemon.returncode})")
            time.sleep(0.5)
        measure_db(outcome, db_url, args, timing, batches, time.time())
        if metrics_port is not None:
            outcome.metrics = compare_metrics(metrics_port, lambda: started_lags(db_url, timing))
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, status, usage = os.wait4(daemon.pid, 0)
        daemon.returncode = os.waitstatus_to_exitcode(status)
        sampler.stopping.set()
        probe.stopping.set()
        sampler.join()
        if probe.is_alive():
            probe.join()
    outcome.wall_seconds = time.time() - started
    outcome.cpu_seconds = usage.ru_utime + usage.ru_stime
    outcome.peak_rss, outcome.peak_processes = sampler.peak_bytes, sampler.peak_processes
    outcome.lock_waits = probe.waits
    outcome.db_errors, problems = scan_logs(home / "logs", daemon_log)
    outcome.error_lines = len(problems)
    for line in problems[:10]:
        print(f"[{design}] {line}", file=sys.stderr)
    outcome.index_bytes = index_size(db_url)
    if daemon.returncode != 0:
        raise BenchError(f"[{design}] the daemon exited with status {daemon.returncode}")
    return outcome


@contextlib.contextmanager
def fresh_database(server: str | None, home: Path) -> Iterator[str]:
    """The URL of an empty index: a SQLite file in ``home``, or a new database on the
    PostgreSQL ``server`` (dropped afterwards)."""
    if server is None:
        yield f"sqlite:///{home / 'index.sqlite3'}"
        return
    url = make_url(server).set(drivername="postgresql+psycopg")
    name = f"newsarchiver_bench_{os.getpid()}_{home.name}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except SQLAlchemyError as exc:
        raise BenchError(f"--db {url.render_as_string()}: {exc.__class__.__name__}") from None
    finally:
        admin.dispose()


def index_size(db_url: str) -> int:
    """Bytes of the index: the SQLite file with its WAL, or the PostgreSQL database."""
    url = make_url(db_url)
    if url.drivername.startswith("sqlite"):
        path = Path(url.database or "")
        return sum(p.stat().st_size for p in path.parent.glob(f"{path.name}*") if p.is_file())
    database = Database(db_url)
    try:
        with database.session() as session:
            return int(session.scalar(text("SELECT pg_database_size(current_database())")) or 0)
    finally:
        database.dispose()


def scheduled_time(run: Run, timing: Timing, number: int) -> float:
    """When the run was scheduled: ``runs.scheduled_at`` when the schema has it, else the cron
    fire time its queue time falls in (the daemon queues a run when its schedule fires)."""
    scheduled_at = getattr(run, "scheduled_at", None)
    if scheduled_at is not None:
        return float(scheduled_at.timestamp())
    offset = timing.offset(number)
    return math.floor((run.queued_at.timestamp() - offset) / timing.cycle) * timing.cycle + offset


def scheduled_runs(db_url: str) -> list[Run]:
    database = Database(db_url)
    try:
        with database.session() as session:
            return list(session.scalars(select(Run).where(Run.trigger == RunTrigger.SCHEDULE)))
    finally:
        database.dispose()


def started_lags(db_url: str, timing: Timing) -> list[float]:
    """The lag of every scheduled run that started, as the daemon's histogram observes it."""
    return [
        run.started_at.timestamp() - scheduled_time(run, timing, slug_number(run.site))
        for run in scheduled_runs(db_url)
        if run.started_at is not None
    ]


def slug_number(slug: str) -> int:
    return int(slug.removeprefix("site")) - 1


def measure_db(
    outcome: Outcome,
    db_url: str,
    args: argparse.Namespace,
    timing: Timing,
    batches: range,
    now: float,
) -> None:
    """Lag, statuses, fires and articles of the measured cycles, read from the index."""
    outcome.lag_source = (
        "runs.scheduled_at"
        if hasattr(Run, "scheduled_at")
        else "cron fire time of the run's queue time"
    )
    runs = scheduled_runs(db_url)
    database = Database(db_url)
    try:
        with database.session() as session:
            articles = {
                (site, url): captured
                for site, url, captured in session.execute(
                    select(Article.site, Article.url, Article.first_captured_at)
                )
            }
            outcome.captures = session.scalar(select(func.count()).select_from(Capture)) or 0
    finally:
        database.dispose()
    outcome.articles_indexed = len(articles)
    seen: set[tuple[str, int]] = set()
    for run in runs:
        number = slug_number(run.site)
        scheduled = scheduled_time(run, timing, number)
        batch = round((scheduled - timing.offset(number)) / timing.cycle)
        if batch not in batches:
            continue
        seen.add((run.site, batch))
        status = run.status.value
        if run.status is RunStatus.RUNNING:
            status = "running at the end"
        elif run.status is RunStatus.QUEUED:
            status = "queued at the end"
        outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
        if run.started_at is not None:
            outcome.runs_started += 1
            outcome.lags.append(run.started_at.timestamp() - scheduled)
        else:
            outcome.censored.append(now - scheduled)
    outcome.fires_expected = args.sites * len(batches)
    outcome.fires_skipped = outcome.fires_expected - len(seen)
    # Every article published for a measured fire must be indexed before the site's next fire.
    for number, origin in enumerate(args.origins):
        site = NewsSite(number, origin.url, timing, args.articles_per_cycle)
        for batch in batches:
            deadline = timing.fire(number, batch + 1)
            for story in site.stories(batch):
                outcome.articles_published += 1
                captured = articles.get((site_slug(number), origin.url + story.path))
                if captured is None:
                    continue
                if captured.timestamp() < deadline:
                    outcome.articles_in_cycle += 1
                else:
                    outcome.articles_late += 1


def compare_metrics(port: int, lags: Callable[[], list[float]]) -> str:
    """Whether the daemon's lag histogram agrees with the database: same count, same sum.

    Runs still start while we look, so the database is read between two scrapes that agree.
    """
    for _ in range(10):
        before = scrape_lag(port)
        from_db = lags()
        after = scrape_lag(port)
        if before is None or after is None:
            return f"{METRIC} not found"
        if before == after:
            break
        time.sleep(0.5)
    else:
        return "the histogram kept changing while it was read"
    count, total = after
    agree = int(count) == len(from_db) and abs(total - sum(from_db)) <= 0.001 * len(from_db) + 0.01
    verdict = "agree" if agree else "DISAGREE"
    return (
        f"{verdict}: histogram count {count:.0f}, sum {total:.1f} s; database "
        f"{len(from_db)} runs, sum {sum(from_db):.1f} s"
    )


# Reporting ------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def lag_cell(outcome: Outcome, share: float | None, factor: float) -> str:
    """A lag statistic in compressed seconds, with what it means in real time."""
    values = outcome.lags + outcome.censored
    if not values:
        return "n/a"
    value = max(values) if share is None else percentile(values, share)
    bound = "≥ " if outcome.censored and value >= min(outcome.censored) else ""
    return f"{bound}{value:.1f} s ({bound}{value * factor:.0f} s real)"


def table(outcomes: list[Outcome], factor: float) -> list[str]:
    def row(label: str, cells: list[str]) -> str:
        return f"| {label} | " + " | ".join(cells) + " |"

    def each(function: Callable[[Outcome], object]) -> list[str]:
        return [str(function(outcome)) for outcome in outcomes]

    def mb(value: int) -> str:
        return f"{value / 1024**2:,.0f} MB"

    def share(o: Outcome) -> str:
        if not o.articles_published:
            return "n/a"
        return (
            f"{100 * o.articles_in_cycle / o.articles_published:.1f} % "
            f"({o.articles_in_cycle:,} of {o.articles_published:,}; {o.articles_late} late)"
        )

    def statuses(o: Outcome) -> str:
        return ", ".join(f"{n:,} {s}" for s, n in sorted(o.statuses.items())) or "none"

    def locks(o: Outcome) -> str:
        if not o.lock_waits:
            return "n/a"
        return (
            f"p95 {1000 * percentile(o.lock_waits, 0.95):.0f} ms, "
            f"max {1000 * max(o.lock_waits):.0f} ms ({len(o.lock_waits)} probes)"
        )

    return [
        "| | " + " | ".join(o.design for o in outcomes) + " |",
        "|---|" + "---:|" * len(outcomes),
        row("schedule lag p50", [lag_cell(o, 0.5, factor) for o in outcomes]),
        row("schedule lag p95", [lag_cell(o, 0.95, factor) for o in outcomes]),
        row("schedule lag max", [lag_cell(o, None, factor) for o in outcomes]),
        row("lag source", each(lambda o: o.lag_source)),
        row("lag from metrics", each(lambda o: o.metrics)),
        row("runs", each(statuses)),
        row(
            "fires that queued no run (one still pending)",
            each(lambda o: f"{o.fires_skipped:,} of {o.fires_expected:,}"),
        ),
        row("new articles archived within their cycle", each(share)),
        row(
            "CPU s per run (daemon + crawls)",
            each(
                lambda o: (
                    f"{o.cpu_seconds / max(1, o.runs_started):.2f} "
                    f"({o.cpu_seconds:,.0f} s, {o.runs_started:,} runs)"
                )
            ),
        ),
        row(
            "peak total RSS (daemon + descendants)",
            each(lambda o: f"{mb(o.peak_rss)} ({o.peak_processes} processes)"),
        ),
        row("database errors in logs", each(lambda o: o.db_errors)),
        row("ERROR lines and tracebacks in logs", each(lambda o: o.error_lines)),
        row("write-lock wait (probe)", each(locks)),
        row(
            "index size",
            each(
                lambda o: (
                    f"{mb(o.index_bytes or 0)} ({o.articles_indexed:,} articles, "
                    f"{o.captures:,} captures)"
                )
            ),
        ),
        row(
            "settings",
            each(lambda o: " ".join(f"`{k}={v}`" for k, v in o.env.items()) or "defaults"),
        ),
    ]


def report(
    args: argparse.Namespace, timing: Timing, delay: float, hosts: str, outcomes: list[Outcome]
) -> str:
    factor = args.real_cycle / timing.cycle
    spread = (
        "every site fires at the start of the cycle"
        if timing.groups == 1
        else f"sites spread over {timing.groups} fire times per cycle"
    )
    return "\n".join(
        [
            f"### {args.sites:,} sites, {args.cycles} cycles of "
            f"{args.real_cycle / 60:g} minutes compressed {factor:g}x",
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}; load average "
            f"{args.load_before:.1f} before, {os.getloadavg()[0]:.1f} after.",
            "",
            "```",
            "python benchmarks/many_sites.py " + " ".join(args.argv),
            "```",
            "",
            compression_note(args, timing, delay)
            + f" Sites: {hosts}; {spread}; {args.articles_per_cycle} new articles per site "
            f"and cycle, due before the site's next fire. Index: "
            f"{'PostgreSQL' if args.db else 'SQLite'}.",
            "",
            *table(outcomes, factor),
            "",
        ]
    )


def compression_note(args: argparse.Namespace, timing: Timing, delay: float) -> str:
    factor = args.real_cycle / timing.cycle
    return (
        f"Time is compressed {factor:g}x: a {args.real_cycle:g} s cycle runs in "
        f"{timing.cycle:g} s and `download_delay` {REAL_DELAY:g} s becomes {delay:.3g} s, the "
        "same ratio of waiting to cycle. CPU work does not compress, so the machine has "
        f"1/{factor:g} of the CPU time per cycle it would have in real time: a compressed run "
        "is harsher than real time. Lags are in compressed seconds, then scaled to real ones."
    )


# Main -----------------------------------------------------------------------------------------


def parse_env(items: list[str]) -> dict[str, str]:
    env = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not re.fullmatch(r"NEWSARCHIVER_[A-Z0-9_]+", name):
            raise BenchError(f"--hosted-env {item!r}: expected NEWSARCHIVER_NAME=VALUE")
        env[name] = value
    return env


def hosted_settings(sites: int) -> dict[str, str]:
    """The hosted design: crawl hosts (``NEWSARCHIVER_CRAWL_HOSTS``, one per CPU by default)
    that may run every site's crawl at once, as every site may fire at once (a polite crawl
    mostly waits); ``--hosted-env`` adds or overrides settings."""
    return {"NEWSARCHIVER_EXECUTOR": "hosted", "NEWSARCHIVER_MAX_RUNS": str(sites)}


def benchmark(args: argparse.Namespace, scratch: Path) -> tuple[str, Timing, float, list[Outcome]]:
    timing = Timing(args.cycle, args.groups, lead=min(5.0, args.cycle / 20))
    factor = args.real_cycle / args.cycle
    delay = REAL_DELAY / factor
    designs: dict[str, dict[str, str]] = {}
    for design in args.designs:
        if design == "today":
            designs[design] = {}
        elif hosted_supported():
            designs[design] = hosted_settings(args.sites) | parse_env(args.hosted_env)
        else:
            print("hosted: this newsarchiver has no hosted executor; skipped", file=sys.stderr)
    if not designs:
        raise BenchError("no design to run")
    origins, hosts = choose_origins(args.sites)
    args.origins = origins
    sites_file = scratch / "sites.toml"
    sites_file.write_text(sites_toml(origins, timing, delay))
    print(compression_note(args, timing, delay), file=sys.stderr)
    metrics = metrics_supported()
    outcomes = []
    with serving(origins, timing, args.articles_per_cycle):
        for design, env in designs.items():
            outcome = run_design(design, env, args, timing, sites_file, scratch, metrics)
            print(f"[{design}] done in {outcome.wall_seconds:.0f} s", file=sys.stderr)
            outcomes.append(outcome)
    return hosts, timing, delay, outcomes


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=50, help="news sites served and scheduled")
    parser.add_argument("--articles-per-cycle", type=int, default=5, help="new articles per site")
    parser.add_argument("--real-cycle", type=float, default=900, help="the cycle in real seconds")
    parser.add_argument(
        "--cycle", type=float, default=180, help="the cycle as run, in seconds (compressed)"
    )
    parser.add_argument("--cycles", type=int, default=3, help="cycles measured")
    parser.add_argument(
        "--groups", type=int, default=1, help="fire times per cycle the sites are spread over"
    )
    parser.add_argument(
        "--designs", nargs="+", choices=("today", "hosted"), default=["today", "hosted"]
    )
    parser.add_argument(
        "--hosted-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting of the hosted design (repeatable)",
    )
    parser.add_argument(
        "--db",
        help="a PostgreSQL server URL: each design gets a new database there (default: SQLite)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument("--output", type=Path, help="also write the markdown section here")
    args = parser.parse_args(argv)
    args.argv = argv
    args.load_before = os.getloadavg()[0]
    if args.sites < 1 or args.articles_per_cycle < 1 or args.cycles < 1 or args.groups < 1:
        parser.error("--sites, --articles-per-cycle, --cycles and --groups must be positive")
    if args.real_cycle < args.cycle:
        parser.error("--real-cycle must be at least --cycle (time is compressed, not stretched)")
    if args.db and not args.db.startswith(("postgresql:", "postgresql+psycopg:", "postgres:")):
        parser.error("--db must be a postgresql:// URL (the default index is SQLite)")
    problem = check_cycle(args.cycle, args.groups)
    if problem:
        parser.error(problem)

    # SIGTERM unwinds like Ctrl-C, so the server and the daemon are stopped, scratch removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    scratch = Path(tempfile.mkdtemp(prefix="newsarchiver-many-sites-"))
    try:
        hosts, timing, delay, outcomes = benchmark(args, scratch)
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"scratch directory kept: {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    section = report(args, timing, delay, hosts, outcomes)
    print(section)
    if args.output:
        marker = f"many_sites sites={args.sites} cycle={args.cycle:g} groups={args.groups}"
        if args.db:
            marker += " db=postgresql"
        write_section(args.output, marker, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
