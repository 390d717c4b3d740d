"""Every command behaves the same on SQLite and on PostgreSQL: one crawl of one site into
each, then the same commands against both, as a user runs them, with the outputs compared.

The PostgreSQL side is a fresh schema in this session's test database; it is skipped without a
server, and fails instead under ``NEWSARCHIVER_REQUIRE_SERVICES=1`` (CI).
"""

from __future__ import annotations

import json
import secrets
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from demosite.generator import SiteManifest, generate_site
from demosite.server import serve_directory
from tests.crawlhelpers import Archive, crawl_json, make_archive, run_cli, warcio_check

pytestmark = pytest.mark.postgres

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="module")
def pg_schema_url(pg_database: str) -> Iterator[str]:
    schema = f"e2e_{secrets.token_hex(6)}"
    admin = create_engine(pg_database, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{pg_database}?options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="module")
def archives(
    tmp_path_factory: pytest.TempPathFactory, pg_schema_url: str
) -> Iterator[tuple[SiteManifest, dict[str, Archive]]]:
    """The same demo site crawled into a SQLite index and into a PostgreSQL one."""
    root = tmp_path_factory.mktemp("pg-e2e")
    manifest = generate_site(root / "site", articles=15, seed=7)
    with serve_directory(root / "site") as server:
        sites = {
            "demo": {
                "start_urls": [f"{server.url}/"],
                "allow_private_networks": True,
                "download_delay": 0,
            }
        }
        result = {}
        for backend in BACKENDS:
            archive = make_archive(root / backend, sites)
            if backend == "postgresql":
                archive.extra_env["NEWSARCHIVER_DB"] = pg_schema_url
            summary = crawl_json(archive, "demo")
            assert summary["status"] == "succeeded", summary
            result[backend] = archive
        # The PostgreSQL crawl really wrote there, not to the default SQLite file.
        assert not result["postgresql"].db_path.exists()
        engine = create_engine(pg_schema_url)
        with engine.connect() as connection:
            indexed = connection.execute(text("SELECT count(*) FROM articles")).scalar_one()
        engine.dispose()
        assert indexed == len(manifest.articles)
        yield manifest, result


def _site_url(archive: Archive) -> str:
    """The demo site's origin, as written in the archive's sites file."""
    with archive.sites.open("rb") as sites:
        return tomllib.load(sites)["sites"]["demo"]["start_urls"][0].rstrip("/")


def _json(archive: Archive, *args: str) -> Any:
    done = run_cli([*args, "--json"], archive.env())
    assert done.returncode == 0, f"{args}: {done.stderr}"
    return json.loads(done.stdout)


def _both(archives: dict[str, Archive], *args: str) -> dict[str, Any]:
    return {backend: _json(archive, *args) for backend, archive in archives.items()}


def test_search_lists_the_same_articles(
    archives: tuple[SiteManifest, dict[str, Archive]],
) -> None:
    manifest, by_backend = archives
    results = _both(by_backend, "articles", "search", "--limit", "100")
    fields = ("url", "title", "authors", "published", "site")
    listed = {
        backend: sorted(tuple(json.dumps(hit[f]) for f in fields) for hit in hits)
        for backend, hits in results.items()
    }
    assert listed["sqlite"] == listed["postgresql"]
    assert len(listed["postgresql"]) == len(manifest.articles)
    for hit in results["postgresql"]:
        assert hit["warc"].startswith("file://") and hit["length"] > 0


def test_full_text_search_finds_the_same_articles(
    archives: tuple[SiteManifest, dict[str, Archive]],
) -> None:
    manifest, by_backend = archives
    article = manifest.articles[0]
    word = max(article.title.split(), key=len).strip(".,:;!?\"'")
    phrase = f'"{article.title}"'
    for query in (word, phrase):
        found = {
            backend: {hit["url"] for hit in hits}
            for backend, hits in _both(by_backend, "articles", "search", query).items()
        }
        assert found["sqlite"] == found["postgresql"], query
    found_phrase = _json(by_backend["postgresql"], "articles", "search", phrase)
    assert any(hit["url"].endswith(article.path) for hit in found_phrase)


def test_show_and_get_return_the_same_article(
    archives: tuple[SiteManifest, dict[str, Archive]],
) -> None:
    manifest, by_backend = archives
    url = _site_url(by_backend["sqlite"]) + manifest.articles[1].path
    pages = {}
    for backend, archive in by_backend.items():
        shown = _json(archive, "articles", "show", url)
        got = run_cli(["articles", "get", url], archive.env())
        assert got.returncode == 0, got.stderr
        pages[backend] = (shown["title"], shown["text"], len(shown["captures"]), got.stdout)
    assert pages["sqlite"] == pages["postgresql"]
    assert manifest.articles[1].title in pages["postgresql"][3]


def test_runs_and_warc_files_are_reported_the_same(
    archives: tuple[SiteManifest, dict[str, Archive]],
) -> None:
    _, by_backend = archives
    runs = _both(by_backend, "jobs", "list")
    keep = ("site", "trigger", "status", "pages", "articles")
    assert [{k: r[k] for k in keep} for r in runs["sqlite"]] == [
        {k: r[k] for k in keep} for r in runs["postgresql"]
    ]
    verified = _json(by_backend["postgresql"], "warc", "verify")
    stored = sorted(Path(by_backend["postgresql"].storage).rglob("*.warc.gz"))
    assert stored and sorted(f["name"] for f in verified) == [p.name for p in stored]
    assert all(f["ok"] and f["records"] > 0 for f in verified), verified
    for path in stored:
        assert warcio_check(path).returncode == 0, path


def test_exports_hold_the_same_records(
    archives: tuple[SiteManifest, dict[str, Archive]], tmp_path: Path
) -> None:
    manifest, by_backend = archives
    word = max(manifest.articles[0].title.split(), key=len).strip(".,:;!?\"'")
    held = {}
    for backend, archive in by_backend.items():
        index, wacz = tmp_path / f"{backend}.cdxj", tmp_path / f"{backend}.wacz"
        for args in (
            ["export", "cdxj", "-o", str(index)],
            ["export", "wacz", "-o", str(wacz), word],
        ):
            done = run_cli(args, archive.env())
            assert done.returncode == 0, f"{backend} {args}: {done.stderr}"
        indexed = sorted(json.loads(line.split(" ", 2)[2])["url"] for line in index.open())
        with zipfile.ZipFile(wacz) as packed:
            listed = sorted(
                json.loads(line)["url"]
                for line in packed.read("pages/pages.jsonl").decode().splitlines()[1:]
            )
        held[backend] = (indexed, listed)
    assert held["sqlite"] == held["postgresql"]
    assert held["postgresql"][1] and len(held["postgresql"][0]) > len(manifest.articles)
