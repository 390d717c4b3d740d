"""Articles per site: unique by site and URL, the declared canonical kept in its own column.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Before this revision an article was unique by URL across the whole index, and that URL was the
canonical its page declared, even one on another domain: the first site to capture a story
owned it, other sites' copies merged into it, and a page of one site could claim another site's
article. Now each site has its own articles, under the URL its crawl captured them at, and the
declared canonical is a column of its own. Aliases are per site too.

Existing rows are carried over; nothing is dropped:

- ``canonical_url`` takes the old ``url``: the page's declared canonical, or its own URL.
- An article holding captures of several sites is split. The site that first saw it keeps it,
  with all its versions; every other site gets an article of its own holding its own captures,
  with the current fields and text as version 1.
- An article's ``url`` becomes a URL its site captured it at: the old one when a capture has
  it, else its earliest capture's. The old URL then stays an alias of the site's article when it
  is on the same host (``www.``, ``m.`` and ``amp.`` aside): a canonical of the site's own
  variants. On another host it is only the ``canonical_url``, never an alias.

SQLite cannot drop a UNIQUE constraint or change a primary key, so it rebuilds ``articles`` and
``article_urls`` (with foreign-key actions off: ``storage.db.Database.migrate``) and recreates
the full-text triggers; the FTS5 index keeps reading the same rows by id.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

from storage import fulltext_sqlite

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

#: ``articles`` columns that 0001 created, in its order.
_ARTICLE_COLUMNS = (
    "id, site, url, title, authors, published, modified, language, section, description, "
    "text, word_count, first_captured_at, last_captured_at, current_version"
)
_ARTICLE_FIELDS = (
    "title, authors, published, modified, language, section, description, text, word_count"
)
#: Host prefixes of a site's own variants of one page.
_VARIANT_PREFIXES = ("www.", "m.", "amp.")


def _time(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _articles_table(name: str, *, per_site: bool) -> None:
    """``articles`` as 0001 made it, or (``per_site``) as this revision makes it."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site", sa.String(100), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        *([sa.Column("canonical_url", sa.Text(), nullable=False)] if per_site else []),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("authors", sa.JSON(), nullable=False),
        _time("published", nullable=True),
        _time("modified", nullable=True),
        sa.Column("language", sa.String(35), nullable=True),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("word_count", sa.Integer(), server_default="0", nullable=False),
        _time("first_captured_at"),
        _time("last_captured_at"),
        sa.Column("current_version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint(
            *(("site", "url") if per_site else ("url",)),
            name="uq_articles_site" if per_site else "uq_articles_url",
        ),
    )


def _article_urls_table(name: str, *, per_site: bool) -> None:
    op.create_table(
        name,
        *([sa.Column("site", sa.String(100), nullable=False)] if per_site else []),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_urls_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            *(("site", "url") if per_site else ("url",)), name="pk_article_urls"
        ),
    )


def _rebuild_sqlite(*, per_site: bool) -> None:
    """Recreate both tables in the target shape, copying every row (same ids)."""
    bind = op.get_bind()
    if (
        bind.exec_driver_sql("PRAGMA foreign_keys").scalar()
        and bind.execute(sa.text("SELECT 1 FROM articles LIMIT 1")).first()
    ):
        # Dropping the old table would cascade into captures, versions and aliases.
        raise RuntimeError("migrate SQLite through storage.db.Database.migrate (foreign keys on)")
    for statement in fulltext_sqlite.DROP_TRIGGERS:
        op.execute(statement)
    _articles_table("_articles_new", per_site=per_site)
    if per_site:
        op.execute(
            f"INSERT INTO _articles_new ({_ARTICLE_COLUMNS}, canonical_url) "
            f"SELECT {_ARTICLE_COLUMNS}, url FROM articles"
        )
    else:
        op.execute(
            f"INSERT INTO _articles_new ({_ARTICLE_COLUMNS}) "
            f"SELECT {_ARTICLE_COLUMNS} FROM articles"
        )
    _article_urls_table("_article_urls_new", per_site=per_site)
    if per_site:
        op.execute(
            "INSERT INTO _article_urls_new (site, url, article_id) "
            "SELECT a.site, u.url, u.article_id FROM article_urls u "
            "JOIN articles a ON a.id = u.article_id"
        )
    else:
        _one_alias_per_url("_article_urls_new")
    op.drop_table("article_urls")
    op.drop_table("articles")
    op.rename_table("_articles_new", "articles")
    op.rename_table("_article_urls_new", "article_urls")
    _article_indexes(per_site=per_site)
    for statement in fulltext_sqlite.CREATE_TRIGGERS:
        op.execute(statement)


def _article_indexes(*, per_site: bool) -> None:
    op.create_index("ix_articles_site", "articles", ["site"])
    op.create_index(
        "ix_articles_date", "articles", [sa.text("coalesce(published, first_captured_at)")]
    )
    op.create_index("ix_article_urls_article_id", "article_urls", ["article_id"])
    if per_site:
        op.create_index("ix_articles_url", "articles", ["url"])
        op.create_index("ix_article_urls_url", "article_urls", ["url"])


def _one_alias_per_url(target: str) -> None:
    """Back to one global alias per URL: the oldest article's, as the old upsert kept it."""
    op.execute(
        f"INSERT INTO {target} (url, article_id) "
        "SELECT url, MIN(article_id) FROM article_urls GROUP BY url"
    )


def _alter_postgresql() -> None:
    op.add_column("articles", sa.Column("canonical_url", sa.Text(), nullable=True))
    op.execute("UPDATE articles SET canonical_url = url")
    op.alter_column("articles", "canonical_url", nullable=False)
    op.drop_constraint("uq_articles_url", "articles", type_="unique")
    op.create_unique_constraint("uq_articles_site", "articles", ["site", "url"])
    op.create_index("ix_articles_url", "articles", ["url"])
    op.add_column("article_urls", sa.Column("site", sa.String(100), nullable=True))
    op.execute(
        "UPDATE article_urls SET site = a.site FROM articles a WHERE a.id = article_urls.article_id"
    )
    op.alter_column("article_urls", "site", nullable=False)
    op.drop_constraint("pk_article_urls", "article_urls", type_="primary")
    op.create_primary_key("pk_article_urls", "article_urls", ["site", "url"])
    op.create_index("ix_article_urls_url", "article_urls", ["url"])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(per_site=True)
    else:
        _alter_postgresql()
    _split_by_site(bind)
    _use_captured_urls(bind)


# Data --------------------------------------------------------------------------------------


def _split_by_site(bind: sa.Connection) -> None:
    """Give every site whose captures sit under another site's article an article of its own."""
    strays = bind.execute(
        sa.text(
            "SELECT DISTINCT c.article_id, w.site FROM captures c "
            "JOIN warc_files w ON w.id = c.warc_file_id "
            "JOIN articles a ON a.id = c.article_id "
            "WHERE w.site <> a.site ORDER BY c.article_id, w.site"
        )
    ).all()
    for article_id, site in strays:
        captures = bind.execute(
            sa.text(
                "SELECT c.id, c.url, c.captured_at, c.redirected_from FROM captures c "
                "JOIN warc_files w ON w.id = c.warc_file_id "
                "WHERE c.article_id = :article AND w.site = :site "
                "ORDER BY c.captured_at, c.id"
            ),
            {"article": article_id, "site": site},
        ).all()
        first, newest = captures[0], captures[-1]
        own = bind.execute(
            sa.text("SELECT id FROM articles WHERE site = :site AND url = :url"),
            {"site": site, "url": first.url},
        ).scalar()
        if own is not None:
            # The site got an article at that URL from an earlier stray: one article it is.
            new_id = own
            low, high = ("MIN", "MAX") if bind.dialect.name == "sqlite" else ("LEAST", "GREATEST")
            bind.execute(
                sa.text(
                    f"UPDATE articles SET first_captured_at = {low}(first_captured_at, :first), "
                    f"last_captured_at = {high}(last_captured_at, :last) WHERE id = :id"
                ),
                {"first": first.captured_at, "last": newest.captured_at, "id": own},
            )
        else:
            new_id = _copy_article(bind, article_id, site, first, newest)
        capture_ids = [row.id for row in captures]
        bind.execute(
            sa.text("UPDATE captures SET article_id = :new WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"new": new_id, "ids": capture_ids},
        )
        aliases = {row.url for row in captures}
        for row in captures:
            aliases.update(_redirect_sources(row.redirected_from))
        for alias in sorted(aliases - {first.url}):
            _add_alias(bind, site, alias, new_id)
        # The URLs that only the moved captures had are no longer the first site's.
        kept = bind.execute(
            sa.text("SELECT url, redirected_from FROM captures WHERE article_id = :article"),
            {"article": article_id},
        ).all()
        still = {row.url for row in kept}
        for row in kept:
            still.update(_redirect_sources(row.redirected_from))
        for alias in sorted(aliases - still):
            bind.execute(
                sa.text("DELETE FROM article_urls WHERE article_id = :article AND url = :url"),
                {"article": article_id, "url": alias},
            )


def _copy_article(
    bind: sa.Connection, article_id: int, site: str, first: sa.Row[Any], newest: sa.Row[Any]
) -> int:
    """A new article of ``site`` with the fields and current text of ``article_id``."""
    new_id: int = bind.execute(
        sa.text(
            f"INSERT INTO articles (site, url, canonical_url, {_ARTICLE_FIELDS}, "
            "first_captured_at, last_captured_at, current_version) "
            f"SELECT :site, :url, canonical_url, {_ARTICLE_FIELDS}, :first, :last, 1 "
            "FROM articles WHERE id = :article RETURNING id"
        ),
        {
            "site": site,
            "url": first.url,
            "first": first.captured_at,
            "last": newest.captured_at,
            "article": article_id,
        },
    ).scalar_one()
    bind.execute(
        sa.text(
            "INSERT INTO article_versions "
            "(article_id, version, text_sha256, title, text, captured_at, capture_id) "
            "SELECT :new, 1, v.text_sha256, v.title, v.text, :when, :capture "
            "FROM article_versions v JOIN articles a ON a.id = v.article_id "
            "WHERE a.id = :article AND v.version = a.current_version"
        ),
        {"new": new_id, "when": newest.captured_at, "capture": newest.id, "article": article_id},
    )
    return new_id


def _use_captured_urls(bind: sa.Connection) -> None:
    """Put each article under a URL its site captured it at (see the module docstring)."""
    moved = bind.execute(
        sa.text(
            "SELECT a.id, a.site, a.url, "
            "(SELECT c.url FROM captures c WHERE c.article_id = a.id "
            " ORDER BY c.captured_at, c.id LIMIT 1) AS captured "
            "FROM articles a "
            "WHERE EXISTS (SELECT 1 FROM captures c WHERE c.article_id = a.id) "
            "AND NOT EXISTS (SELECT 1 FROM captures c WHERE c.article_id = a.id AND c.url = a.url) "
            "ORDER BY a.id"
        )
    ).all()
    for article_id, site, old_url, captured in moved:
        if _taken(bind, site, captured, article_id):
            continue  # another article of the site is there already: keep the old URL
        bind.execute(
            sa.text("UPDATE articles SET url = :url WHERE id = :id"),
            {"url": captured, "id": article_id},
        )
        bind.execute(
            sa.text("DELETE FROM article_urls WHERE site = :site AND url = :url"),
            {"site": site, "url": captured},
        )
        if _same_host(old_url, captured):
            _add_alias(bind, site, old_url, article_id)


def _taken(bind: sa.Connection, site: str, url: str, article_id: int) -> bool:
    return (
        bind.execute(
            sa.text("SELECT 1 FROM articles WHERE site = :site AND url = :url AND id <> :id"),
            {"site": site, "url": url, "id": article_id},
        ).first()
        is not None
    )


def _add_alias(bind: sa.Connection, site: str, url: str, article_id: int) -> None:
    exists = bind.execute(
        sa.text("SELECT 1 FROM article_urls WHERE site = :site AND url = :url"),
        {"site": site, "url": url},
    ).first()
    if exists is None:
        bind.execute(
            sa.text("INSERT INTO article_urls (site, url, article_id) VALUES (:site, :url, :id)"),
            {"site": site, "url": url, "id": article_id},
        )


def _redirect_sources(value: Any) -> list[str]:
    if isinstance(value, str):  # SQLite hands JSON back as text through a plain SELECT
        value = json.loads(value)
    return [url for url in value or () if isinstance(url, str)]


def _same_host(one: str, other: str) -> bool:
    def host(url: str) -> str:
        name = (urlsplit(url).hostname or "").lower()
        for prefix in _VARIANT_PREFIXES:
            name = name.removeprefix(prefix)
        return name

    return host(one) == host(other) != ""


# Downgrade ---------------------------------------------------------------------------------


def downgrade() -> None:
    """Back to one article per URL. Refused while two sites hold articles at one URL."""
    bind = op.get_bind()
    shared = bind.execute(
        sa.text("SELECT url FROM articles GROUP BY url HAVING COUNT(*) > 1 LIMIT 1")
    ).scalar()
    if shared is not None:
        raise RuntimeError(
            f"cannot downgrade below 0004: several sites hold an article at {shared}"
        )
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(per_site=False)
        return
    op.drop_index("ix_article_urls_url", table_name="article_urls")
    op.execute(
        "DELETE FROM article_urls u USING article_urls o "
        "WHERE u.url = o.url AND u.article_id > o.article_id"
    )
    op.drop_constraint("pk_article_urls", "article_urls", type_="primary")
    op.drop_column("article_urls", "site")
    op.create_primary_key("pk_article_urls", "article_urls", ["url"])
    op.drop_index("ix_articles_url", table_name="articles")
    op.drop_constraint("uq_articles_site", "articles", type_="unique")
    op.create_unique_constraint("uq_articles_url", "articles", ["url"])
    op.drop_column("articles", "canonical_url")
