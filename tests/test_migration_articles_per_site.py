"""Migration 0005 on a populated 0003 index: articles become per site, nothing is lost.

The index is built at revision 0003 by Alembic and filled as the old code filled it: a wire
story's two copies merged under the wire service's URL (the canonical both pages declared),
owned by the first site; an article filed under its in-site canonical though captured only
with a tracking parameter; a plain article. ``Database.migrate`` (what every command runs)
then upgrades it, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import JSON, Connection, column, func, inspect, select, table, text

from storage.db import Database, alembic_config
from storage.models import Article, ArticleUrl, ArticleVersion, Capture, UTCDateTime
from storage.search import get_article, search_articles

T0 = datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
WIRE = "https://wire.example/2024/06/ferries"
PAPER_COPY = "https://www.paper.example/news/ferries"
MIRROR_COPY = "https://mirror.example/s/ferries"
BRIDGE = "https://www.paper.example/news/bridge"
PLAIN = "https://www.paper.example/news/plain"


def _insert(conn: Connection, name: str, *rows: dict[str, Any]) -> None:
    """Rows into a table of the 0003 schema, with the models' time and JSON types."""
    types = {
        key: UTCDateTime() if isinstance(value, datetime) else JSON() if isinstance(value, list)
        else None
        for key, value in rows[0].items()
    }  # fmt: skip
    target = table(name, *(column(key, kind) for key, kind in types.items()))
    conn.execute(target.insert(), list(rows))


def _article(id_: int, url: str, title: str, text: str, version: int) -> dict[str, Any]:
    return {
        "id": id_, "site": "paper", "url": url, "title": title, "authors": ["Ada Reporter"],
        "text": text, "word_count": len(text.split()), "first_captured_at": T0,
        "last_captured_at": T0 + timedelta(hours=id_), "current_version": version,
    }  # fmt: skip


def _capture(id_: int, warc: int, url: str, article: int, hours: int) -> dict[str, Any]:
    return {
        "id": id_, "warc_file_id": warc, "url": url, "status": 200, "mime": "text/html",
        "captured_at": T0 + timedelta(hours=hours), "record_id": f"<urn:uuid:{id_}>",
        "record_type": "response", "payload_digest": f"sha1:{id_}", "offset": 100 * id_,
        "length": 90, "article_id": article, "index_pending": False,
        "redirected_from": [f"https://mirror.example/?p={id_}"] if warc == 2 else [],
    }  # fmt: skip


def _populate_0003(db: Database) -> None:
    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0003")
    with db.engine.begin() as conn:
        _insert(
            conn,
            "warc_files",
            *(
                {"id": n, "name": f"{site}-20240601080000000-00000-h.warc.gz", "site": site,
                 "status": "stored", "storage_url": f"file:///store/{site}.warc.gz",
                 "created_at": T0}
                for n, site in ((1, "paper"), (2, "mirror"))
            ),
        )  # fmt: skip
        _insert(
            conn,
            "articles",
            _article(1, WIRE, "Ferries return", "The ferries are back in service.", 2),
            _article(2, BRIDGE, "Bridge reopens", "The bridge reopened today.", 1),
            _article(3, PLAIN, "Plain story", "Nothing unusual here.", 1),
        )
        _insert(
            conn,
            "captures",
            _capture(1, 1, PAPER_COPY, 1, 0),
            _capture(2, 2, MIRROR_COPY, 1, 1),
            _capture(3, 1, PAPER_COPY, 1, 2),
            _capture(4, 1, BRIDGE + "?utm_source=feed", 2, 0),
            _capture(5, 1, PLAIN, 3, 0),
        )
        _insert(
            conn,
            "article_versions",
            *(
                {"article_id": article, "version": version, "text_sha256": f"{article}{version}",
                 "title": title, "text": text, "captured_at": T0, "capture_id": capture}
                for article, version, title, text, capture in (
                    (1, 1, "Ferries return", "The ferries return soon.", 1),
                    (1, 2, "Ferries return", "The ferries are back in service.", 2),
                    (2, 1, "Bridge reopens", "The bridge reopened today.", 4),
                    (3, 1, "Plain story", "Nothing unusual here.", 5),
                )
            ),
        )  # fmt: skip
        _insert(
            conn,
            "article_urls",
            {"url": PAPER_COPY, "article_id": 1},
            {"url": MIRROR_COPY, "article_id": 1},
            {"url": "https://mirror.example/?p=2", "article_id": 1},
            {"url": BRIDGE + "?utm_source=feed", "article_id": 2},
        )
        # What another revision may have added by then (they may run in either order).
        conn.execute(text("ALTER TABLE articles ADD COLUMN note TEXT"))
        conn.execute(text("UPDATE articles SET note = 'kept' WHERE id = 2"))
        conn.execute(text("CREATE INDEX ix_articles_section ON articles (section)"))
        if db.dialect == "postgresql":  # the ids above were given, not drawn from sequences
            for name in ("warc_files", "articles", "captures"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), 100)"))


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")  # inspect(), below
def test_a_populated_0003_index_upgrades_per_site_without_loss(db_url: str) -> None:
    db = Database(db_url)
    try:
        _populate_0003(db)
        assert db.migrate() is True

        paper = get_article(db, PAPER_COPY, site="paper")
        assert paper is not None
        assert (paper.url, paper.canonical_url, paper.aliases) == (PAPER_COPY, WIRE, [])
        assert [c.record_id for c in paper.captures] == ["<urn:uuid:3>", "<urn:uuid:1>"]
        assert [v.version for v in paper.versions] == [1, 2]  # its history, untouched

        mirror = get_article(db, MIRROR_COPY)
        assert mirror is not None
        assert (mirror.site, mirror.url, mirror.canonical_url) == ("mirror", MIRROR_COPY, WIRE)
        assert (mirror.title, mirror.text) == ("Ferries return", "The ferries are back in service.")
        assert [c.record_id for c in mirror.captures] == ["<urn:uuid:2>"]
        assert mirror.aliases == ["https://mirror.example/?p=2"]
        assert [(v.version, v.text) for v in mirror.versions] == [
            (1, "The ferries are back in service.")
        ]
        assert get_article(db, WIRE) is None  # the other domain was never trusted

        bridge = get_article(db, BRIDGE + "?utm_source=feed")
        assert bridge is not None
        assert (bridge.url, bridge.canonical_url) == (BRIDGE + "?utm_source=feed", BRIDGE)
        assert bridge.aliases == [BRIDGE]  # the site's own canonical still finds it
        plain = get_article(db, PLAIN)
        assert plain is not None and (plain.url, plain.canonical_url) == (PLAIN, PLAIN)

        assert sorted(hit.site for hit in search_articles(db, "ferries")) == ["mirror", "paper"]
        assert [hit.url for hit in search_articles(db, None, site="mirror")] == [MIRROR_COPY]
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(Article)) == 4
            assert session.scalar(select(func.count()).select_from(ArticleVersion)) == 5
            linked = session.scalar(
                select(func.count()).select_from(Capture).where(Capture.article_id.is_not(None))
            )
            assert linked == 5
            assert session.scalar(select(func.count()).select_from(ArticleUrl)) == 2
            assert session.execute(
                text("SELECT id, note FROM articles WHERE note IS NOT NULL")
            ).all() == [(2, "kept")]
        indexes = {index["name"] for index in inspect(db.engine).get_indexes("articles")}
        assert {"ix_articles_section", "ix_articles_language", "ix_articles_url"} <= indexes
    finally:
        db.dispose()
