"""Articles belong to the site whose crawl found them, under the URL they were captured at.

Two small news sites are served over real HTTP, on different loopback addresses so that they
are different hosts: ``paper`` on 127.0.0.1 and ``mirror`` on 127.0.0.2. Both publish the same
wire story, each declaring the wire service's own URL (a third domain, never crawled) as the
canonical. ``mirror`` also publishes a forged page whose canonical names ``paper``'s harbour
article, and ``paper`` publishes an AMP copy of that article (canonical: the article). A third
site entry, ``paper-front``, crawls ``paper`` again at a shallower depth, the common set-up of a
frequent front-page crawl beside a nightly full one.

Crawled in that order by the ``newsarchiver`` command, the index must list each site's own
copies, never let one site's canonical claim another site's article, and still merge a site's
own variants.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from demosite.server import serve_directory
from tests.crawlhelpers import Archive, crawl_json, make_archive, run_cli

WIRE_URL = "https://wire.example/2024/06/27/harbour-ferries-return"
WIRE_TEXT = (
    "The harbour ferries returned to service on Thursday after a winter of repairs, the port "
    "authority said. Crews replaced the landing stages at both piers and the timetable now "
    "runs every twenty minutes until midnight. Commuters welcomed the change, saying the "
    "buses had been slow and crowded while the ferries were laid up. "
) * 3
HARBOUR_TEXT = (
    "The harbour bridge reopened to traffic this morning after eleven weeks of work on its "
    "deck and cables. Engineers said the repairs came in under budget. Cyclists get a lane "
    "of their own on the north side, a first for the city. "
) * 3
FORGED_TEXT = (
    "The harbour bridge has been closed for good, officials said, in a story this page wants "
    "the archive to believe came from somewhere else. "
) * 4


def _article(title: str, text: str, canonical: str, published: str) -> str:
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in text.split(". ") if sentence)
    jsonld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": published,
            "author": [{"@type": "Person", "name": "Ada Reporter"}],
        }
    )
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"<link rel='canonical' href='{canonical}'>"
        f"<meta property='og:type' content='article'>"
        f"<script type='application/ld+json'>{jsonld}</script></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def _home(links: list[str]) -> str:
    items = "".join(f"<li><a href='{link}'>{link}</a></li>" for link in links)
    return f"<!DOCTYPE html><html><head><title>Home</title></head><body><ul>{items}</ul></body>"


def _write(root: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return root


@dataclass(frozen=True)
class Sites:
    archive: Archive
    paper: str  # origins
    mirror: str
    summaries: dict[str, dict[str, Any]]

    def search(self, site: str) -> list[dict[str, Any]]:
        listed = run_cli(["articles", "search", "--site", site, "--json"], self.archive.env())
        assert listed.returncode == 0, listed.stderr
        return list(json.loads(listed.stdout))

    def show(self, url: str, *options: str) -> dict[str, Any]:
        shown = run_cli(["articles", "show", url, "--json", *options], self.archive.env())
        assert shown.returncode == 0, shown.stderr
        return dict(json.loads(shown.stdout))


HARBOUR = "/news/2024/06/harbour-bridge-reopens.html"
HARBOUR_AMP = "/news/2024/06/harbour-bridge-reopens/amp.html"
PAPER_WIRE = "/news/2024/06/harbour-ferries-return.html"
MIRROR_WIRE = "/stories/2024/06/27/ferries-back.html"
FORGED = "/stories/2024/06/28/bridge-closed.html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    root = tmp_path_factory.mktemp("per-site")
    with ExitStack() as stack:
        paper_root = root / "paper-site"
        mirror_root = root / "mirror-site"
        paper_root.mkdir()
        mirror_root.mkdir()
        paper = stack.enter_context(serve_directory(paper_root, host="127.0.0.1")).url
        mirror = stack.enter_context(serve_directory(mirror_root, host="127.0.0.2")).url
        published = "2024-06-28T08:00:00+00:00"
        _write(
            paper_root,
            {
                "/index.html": _home([HARBOUR, HARBOUR_AMP, PAPER_WIRE]),
                HARBOUR: _article("Harbour bridge reopens", HARBOUR_TEXT, paper + HARBOUR,
                                  published),
                HARBOUR_AMP: _article("Harbour bridge reopens", HARBOUR_TEXT, paper + HARBOUR,
                                      published),
                PAPER_WIRE: _article("Harbour ferries return", WIRE_TEXT, WIRE_URL, published),
            },
        )  # fmt: skip
        _write(
            mirror_root,
            {
                "/index.html": _home([MIRROR_WIRE, FORGED]),
                MIRROR_WIRE: _article("Harbour ferries return", WIRE_TEXT, WIRE_URL, published),
                FORGED: _article("FORGED: harbour bridge closed for good", FORGED_TEXT,
                                 paper + HARBOUR, "2024-06-29T08:00:00+00:00"),
            },
        )  # fmt: skip

        def entry(origin: str, depth: int) -> dict[str, Any]:
            return {
                "start_urls": [f"{origin}/"],
                "allow_private_networks": True,
                "download_delay": 0,
                "max_depth": depth,
                "obey_robots": False,
            }

        archive = make_archive(
            root / "archive",
            {
                "paper": entry(paper, 2),
                "mirror": entry(mirror, 2),
                "paper-front": entry(paper, 1),
            },
        )
        summaries = {slug: crawl_json(archive, slug) for slug in ("paper", "mirror", "paper-front")}
        yield Sites(archive, paper, mirror, summaries)


def test_each_site_lists_its_own_copy_of_a_syndicated_story(sites: Sites) -> None:
    listed = {site: sites.search(site) for site in ("paper", "mirror")}
    paper_copy = next(a for a in listed["paper"] if a["title"] == "Harbour ferries return")
    mirror_copy = next(a for a in listed["mirror"] if a["title"] == "Harbour ferries return")
    # Each under the URL it was captured at; the declared canonical is kept beside it.
    assert paper_copy["url"] == sites.paper + PAPER_WIRE
    assert mirror_copy["url"] == sites.mirror + MIRROR_WIRE
    assert paper_copy["canonical_url"] == mirror_copy["canonical_url"] == WIRE_URL
    # Each copy's capture is its own site's record.
    assert paper_copy["warc"] != mirror_copy["warc"]
    shown = sites.show(sites.mirror + MIRROR_WIRE)
    assert shown["site"] == "mirror"
    assert {capture["url"] for capture in shown["captures"]} == {sites.mirror + MIRROR_WIRE}
    # The third domain was never captured, so no article goes by it.
    missing = run_cli(["articles", "show", WIRE_URL], sites.archive.env())
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"error: no archived article at {WIRE_URL}"


def test_a_canonical_naming_another_sites_article_never_claims_it(sites: Sites) -> None:
    victim = sites.show(sites.paper + HARBOUR, "--site", "paper")
    assert victim["site"] == "paper"
    assert victim["title"] == "Harbour bridge reopens"
    assert victim["current_version"] == 1
    assert [v["title"] for v in victim["versions"]] == ["Harbour bridge reopens"]
    assert all(c["url"].startswith(sites.paper) for c in victim["captures"])
    body = run_cli(["articles", "get", sites.paper + HARBOUR], sites.archive.env())
    assert body.returncode == 0, body.stderr
    assert "FORGED" not in body.stdout and "Harbour bridge reopens" in body.stdout

    forged = sites.show(sites.mirror + FORGED)
    assert (forged["site"], forged["url"]) == ("mirror", sites.mirror + FORGED)
    assert forged["canonical_url"] == sites.paper + HARBOUR  # recorded, not trusted
    assert forged["aliases"] == []
    mirror_titles = {a["title"] for a in sites.search("mirror")}
    assert "FORGED: harbour bridge closed for good" in mirror_titles
    paper_titles = [a["title"] for a in sites.search("paper")]
    assert "FORGED: harbour bridge closed for good" not in paper_titles


def test_a_sites_own_variants_still_merge(sites: Sites) -> None:
    article = sites.show(sites.paper + HARBOUR_AMP, "--site", "paper")
    assert article["url"] == sites.paper + HARBOUR
    assert article["canonical_url"] == sites.paper + HARBOUR
    assert article["aliases"] == [sites.paper + HARBOUR_AMP]
    assert {c["url"] for c in article["captures"]} == {
        sites.paper + HARBOUR,
        sites.paper + HARBOUR_AMP,
    }
    titles = [a["title"] for a in sites.search("paper")]
    assert sorted(titles) == ["Harbour bridge reopens", "Harbour ferries return"]


def test_two_entries_over_one_domain_each_list_every_article(sites: Sites) -> None:
    front = sites.search("paper-front")
    assert sorted(a["url"] for a in front) == sorted(a["url"] for a in sites.search("paper"))
    # paper's crawl a moment ago does not make paper-front skip the articles as recent.
    summary = sites.summaries["paper-front"]
    assert summary["skipped_recent"] == 0
    assert summary["articles"] == sites.summaries["paper"]["articles"] == 3  # AMP copy included
    # A URL two sites archived: show picks one and says which; --site chooses.
    both = run_cli(["articles", "show", sites.paper + HARBOUR, "--json"], sites.archive.env())
    assert both.returncode == 0, both.stderr
    assert json.loads(both.stdout)["site"] in ("paper", "paper-front")
    assert "also archived by site" in both.stderr
    front_copy = sites.show(sites.paper + HARBOUR, "--site", "paper-front")
    assert front_copy["site"] == "paper-front"
