"""A run that archived nothing fails, and says why: on the terminal, in ``--json``, in ``jobs``.

Each site here leads nowhere for a reason an operator can fix: its start page is on a private
address the site does not allow, its robots.txt forbids everything, or its host does not
resolve. ``newsarchiver crawl`` must exit 1 with the run ``failed``, the summary's ``error``
naming the cause (and the setting that changes it), the same line on stderr, and ``jobs show``
giving that line rather than how Scrapy closed the spider.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from demosite.server import serve_directory
from tests.crawlhelpers import Archive, make_archive, run_cli


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    root = tmp_path_factory.mktemp("outcomes")
    forbidden = root / "forbidden-site"
    forbidden.mkdir()
    (forbidden / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    (forbidden / "index.html").write_text("<html><body><a href='/a.html'>a</a></body></html>")
    with serve_directory(forbidden) as server:
        yield make_archive(
            root / "archive",
            {
                # Loopback, and the site does not allow private networks.
                "private": {"start_urls": [f"{server.url}/"], "download_delay": 0},
                "robots": {
                    "start_urls": [f"{server.url}/"],
                    "allow_private_networks": True,
                    "download_delay": 0,
                },
                "nowhere": {"start_urls": ["http://newsarchiver-test.invalid/"]},
            },
        )


def _failed_crawl(archive: Archive, slug: str) -> tuple[dict[str, Any], str]:
    done = run_cli(["crawl", slug, "--json"], archive.env())
    assert done.returncode == 1, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["status"] == "failed" and summary["pages"] == 0
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == f"error: run {summary['run_id']} of {slug} failed: {summary['error']}"
    return summary, summary["error"]


def test_a_refused_private_address_fails_the_run_and_names_the_setting(archive: Archive) -> None:
    done = run_cli(["crawl", "private"], archive.env())  # the terminal, not --json
    assert done.returncode == 1, done.stderr[-2000:]
    last = done.stderr.strip().splitlines()[-1]
    run_id = int(last.removeprefix("error: run ").split()[0])
    error = last.removeprefix(f"error: run {run_id} of private failed: ")
    assert error.startswith("no page archived: refused http://127.0.0.1:")
    assert "127.0.0.1, a non-public address" in error
    assert "allow_private_networks = true" in error and "[sites.private]" in error
    assert "no page archived: refused" in done.stdout  # in the summary table too

    shown = json.loads(run_cli(["jobs", "show", str(run_id), "--json"], archive.env()).stdout)
    assert (shown["status"], shown["error"]) == ("failed", error)
    assert shown["summary"]["refused"]


def test_robots_forbidding_every_page_fails_the_run(archive: Archive) -> None:
    _, error = _failed_crawl(archive, "robots")
    assert error.startswith("no page archived: robots.txt forbids http://127.0.0.1:")
    assert "obey_robots = false" in error


def test_an_unresolvable_host_fails_the_run_and_jobs_show_says_why(archive: Archive) -> None:
    summary, error = _failed_crawl(archive, "nowhere")
    assert error.startswith("no page archived: ")
    assert "http://newsarchiver-test.invalid/: DNS lookup failed" in error
    shown = run_cli(["jobs", "show", str(summary["run_id"])], archive.env())
    assert shown.returncode == 0
    assert f"  error        {error}" in shown.stdout.splitlines()
    listed = json.loads(run_cli(["jobs", "list", "--json"], archive.env()).stdout)
    assert {run["id"]: run["status"] for run in listed}[summary["run_id"]] == "failed"
