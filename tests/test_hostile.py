"""End to end: a crawl of the fixture site's hostile pages is contained, recorded and reported.

One ``newsarchiver crawl --json`` (module scope) starts at ``/hostile/`` and also gets the
malformed, billion-laughs and XXE feeds and sitemaps; only 127.0.0.1/32 is allowed, so the
private, metadata and decimal-IP targets must be refused before any connection. The tests read
the summary, the server's request log and the WARC files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.crawlhelpers import (
    BIN,
    CLI_TIMEOUT,
    REPO,
    Archive,
    Record,
    make_archive,
    warcio_check,
)
from tests.fixturesite import (
    ARTICLES,
    BILLION_LAUGHS_FEED,
    BILLION_LAUGHS_SITEMAP,
    BROKEN_CHARSET,
    DRIP,
    GZIP_BOMB,
    GZIP_BOMB_LAYERED,
    HANG,
    HOSTILE,
    HUGE,
    HUGE_CHUNKED,
    MALFORMED_FEED,
    MALFORMED_HTML,
    MALFORMED_SITEMAP,
    PRIVATE_REDIRECTS,
    PRIVATE_TARGETS,
    REDIRECT_LOOP,
    XXE_SITEMAP,
    FixtureSite,
)

MAX_BODY = 1_000_000  # NEWSARCHIVER_MAX_BODY_SIZE=1MB
MEMORY_CEILING_KB = 600_000  # a decoded bomb would be 1 GiB


@dataclass
class Hostile:
    site: FixtureSite
    archive: Archive
    summary: dict[str, Any]
    records: list[Record]
    peak_rss_kb: int

    def response(self, target: str) -> Record:
        url = self.site.url_for(target)
        found = [r for r in self.records if r.type == "response" and r.target == url]
        assert len(found) == 1, f"{len(found)} response records for {target}"
        return found[0]

    def errors_about(self, target: str) -> list[str]:
        url = self.site.url_for(target)
        return [s for s in self.summary["error_samples"] if url in s]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    with FixtureSite() as site:
        archive = make_archive(
            tmp_path_factory.mktemp("hostile"),
            {
                "hostile": {
                    "start_urls": [site.url_for(HOSTILE)],
                    "sitemaps": [
                        site.url_for(p)
                        for p in (MALFORMED_SITEMAP, BILLION_LAUGHS_SITEMAP, XXE_SITEMAP)
                    ],
                    "feeds": [site.url_for(p) for p in (MALFORMED_FEED, BILLION_LAUGHS_FEED)],
                    "max_depth": 1,
                    "download_delay": 0,
                    "concurrent_requests": 8,
                    "allow_private_networks": ["127.0.0.1/32"],
                }
            },
        )
        # The crawl runs under a process of its own that reports its children's peak: this
        # process's own children include every earlier test's in this worker.
        peak_file = archive.root / "peak-rss-kb"
        result = subprocess.run(
            [sys.executable, "-c", _PEAK_OF_CHILD, str(peak_file), str(BIN / "newsarchiver"),
             "crawl", "hostile", "--json"],
            env=archive.env(NEWSARCHIVER_MAX_BODY_SIZE="1MB", NEWSARCHIVER_DOWNLOAD_TIMEOUT="2"),
            cwd=REPO, capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False,
        )  # fmt: skip
        assert result.returncode == 0, f"crawl exited {result.returncode}: {result.stderr[-3000:]}"
        summary = json.loads(result.stdout)
        peak = int(peak_file.read_text())
        yield Hostile(site, archive, summary, archive.records(), peak)


#: Runs a command, then writes the peak resident memory (KB) of its process tree to a file.
_PEAK_OF_CHILD = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def test_crawl_ends_and_succeeds(hostile: Hostile) -> None:
    assert hostile.summary["status"] == "succeeded"
    assert hostile.summary["reason"] == "finished"


def test_huge_bodies_are_cut_and_marked_truncated(hostile: Hostile) -> None:
    for target in (HUGE, HUGE_CHUNKED):
        record = hostile.response(target)
        assert record.headers.get("WARC-Truncated") == "length", target
        assert MAX_BODY <= len(record.payload) < 2 * MAX_BODY, target
        # The headers are as sent: a Content-Length announces the whole body, which the record
        # says it does not hold.
        assert record.http_header("Content-Length") == hostile.site.sent(target).header(
            "Content-Length"
        ), target
    assert hostile.summary["truncated"] >= 2


def test_compression_bombs_are_contained_and_reported(hostile: Hostile) -> None:
    for target in (GZIP_BOMB, GZIP_BOMB_LAYERED):
        assert hostile.errors_about(target), f"{target} not reported"
    assert hostile.summary["errors"].get("body too large after decoding") == 2
    # The crawl is the CLI's child; resource reports the largest child of this process.
    assert hostile.peak_rss_kb < MEMORY_CEILING_KB


def test_redirect_loop_ends_and_is_reported(hostile: Hostile) -> None:
    assert hostile.summary["errors"].get("redirect loop") == 1
    assert hostile.errors_about(REDIRECT_LOOP[0])
    targets = hostile.site.requested_targets()
    assert sum(t in REDIRECT_LOOP for t in targets) <= 12


def test_hang_and_drip_time_out_and_are_reported(hostile: Hostile) -> None:
    for target in (HANG, DRIP):
        reported = hostile.errors_about(target)
        assert reported and all("Timeout" in line for line in reported), target


def test_malformed_and_entity_files_do_not_break_the_crawl(hostile: Hostile) -> None:
    for target in (
        MALFORMED_HTML,
        MALFORMED_FEED,
        MALFORMED_SITEMAP,
        BILLION_LAUGHS_FEED,
        BILLION_LAUGHS_SITEMAP,
        XXE_SITEMAP,
        BROKEN_CHARSET,
    ):
        assert hostile.response(target).http_status == 200
    # Article 1 is linked from the malformed page and listed first in the malformed sitemap.
    assert hostile.site.was_requested(ARTICLES[0].path)
    for request in hostile.site.requests():
        assert "passwd" not in request.target
        assert "latest/meta-data" not in request.target
    for record in hostile.records:
        assert not record.target.startswith("file:")
        assert "169.254.169.254" not in record.target


def test_private_targets_are_refused_and_reported(hostile: Hostile) -> None:
    for target in PRIVATE_REDIRECTS:
        assert hostile.response(target).http_status == 302
    for url in PRIVATE_TARGETS:
        assert url in hostile.summary["refused"]
        assert not any(r.target == url for r in hostile.records)


def test_every_warc_passes_warcio_check(hostile: Hostile) -> None:
    assert hostile.archive.warcs()
    for path in hostile.archive.warcs():
        result = warcio_check(path)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
