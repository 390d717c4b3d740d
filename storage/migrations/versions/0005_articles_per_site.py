"""Articles per site: unique by site and URL, the declared canonical kept in its own column.

Revision ID: 0005
Revises: 0004
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
``article_urls`` (with foreign-key actions off: ``storage.db.Database.migrate``), reading them
as they are: columns and indexes of other revisions survive, in whatever order revisions run.
Their full-text triggers are put back, and the FTS5 index keeps reading the same rows by id.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_ARTICLE_FIELDS = (
    "title, authors, published, modified, language, section, description, text, word_count"
)
#: Host prefixes of a site's own variants of one page.
_VARIANT_PREFIXES = ("www.", "m.", "amp.")


def _rebuild_sqlite(
    bind: sa.Connection,
    name: str,
    *,
    key: tuple[str, ...],
    add: tuple[tuple[sa.Column[Any], str], ...] = (),
    drop: tuple[str, ...] = (),
    source: str = "",
    keep: Callable[[str], bool] = lambda index: True,
) -> None:
    """Rebuild ``name`` (SQLite cannot alter a table's keys), copying every row with its id.

    The table is read as it is, so columns and indexes that other revisions added survive
    whatever order revisions run in. ``key`` is the unique key of ``articles`` or the primary
    key of ``article_urls``; ``add`` pairs each new column with its value (SQL over the old
    table, ``o``, joined with ``source``); ``keep`` says which of the table's indexes to put
    back. Its triggers (full text) are put back as they were.
    """
    if (
        bind.exec_driver_sql("PRAGMA foreign_keys").scalar()
        and bind.execute(sa.text(f"SELECT 1 FROM {name} LIMIT 1")).first()
    ):
        # Dropping the old table would cascade into captures, versions and aliases.
        raise RuntimeError("migrate SQLite through storage.db.Database.migrate (foreign keys on)")
    with warnings.catch_warnings():
        # Expression indexes (ix_articles_date) are not reflected: they are put back from
        # their SQL below, like every other index.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        old = sa.Table(name, sa.MetaData(), autoload_with=bind)
    extras = bind.execute(
        sa.text(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = :table "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        ),
        {"table": name},
    ).all()
    metadata = sa.MetaData()
    sa.Table("articles", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    kept = [column for column in old.columns if column.name not in drop]
    columns = [
        sa.Column(c.name, c.type, nullable=c.nullable, server_default=c.server_default)
        for c in kept
    ]
    constraints: list[sa.Constraint] = [
        sa.ForeignKeyConstraint(
            fk.column_keys,
            [element.target_fullname for element in fk.elements],
            name=fk.name,
            ondelete=fk.ondelete,
        )
        for fk in old.foreign_key_constraints
    ]
    if name == "articles":
        constraints += [
            sa.PrimaryKeyConstraint("id", name="pk_articles"),
            sa.UniqueConstraint(*key, name=f"uq_articles_{key[0]}"),
        ]
    else:
        constraints.append(sa.PrimaryKeyConstraint(*key, name=f"pk_{name}"))
    new = sa.Table(f"_{name}_new", metadata, *columns, *(column for column, _ in add), *constraints)
    new.create(bind)
    names = [c.name for c in kept]
    targets = ", ".join([*names, *(column.name for column, _ in add)])
    values = ", ".join([*(f"o.{n}" for n in names), *(value for _, value in add)])
    op.execute(f"INSERT INTO {new.name} ({targets}) SELECT {values} FROM {name} o {source}")
    op.drop_table(name)
    op.rename_table(new.name, name)
    for kind, object_name, sql in extras:
        if kind == "trigger" or keep(object_name):
            op.execute(sql)


def _rebuild_sqlite_per_site(bind: sa.Connection) -> None:
    _rebuild_sqlite(
        bind,
        "articles",
        key=("site", "url"),
        add=((sa.Column("canonical_url", sa.Text(), nullable=False), "o.url"),),
    )
    _rebuild_sqlite(
        bind,
        "article_urls",
        key=("site", "url"),
        add=((sa.Column("site", sa.String(100), nullable=False), "a.site"),),
        source="JOIN articles a ON a.id = o.article_id",
    )
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_article_urls_url", "article_urls", ["url"])


def _rebuild_sqlite_global(bind: sa.Connection) -> None:
    per_site = ("ix_articles_url", "ix_article_urls_url")
    _rebuild_sqlite(
        bind,
        "articles",
        key=("url",),
        drop=("canonical_url",),
        keep=lambda index: index not in per_site,
    )
    _rebuild_sqlite(
        bind,
        "article_urls",
        key=("url",),
        drop=("site",),
        keep=lambda index: index not in per_site,
        # One alias per URL again: the oldest article's, as the old upsert kept it.
        source="WHERE o.article_id = (SELECT MIN(article_id) FROM article_urls d "
        "WHERE d.url = o.url)",
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
        _rebuild_sqlite_per_site(bind)
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
            f"cannot downgrade below 0005: several sites hold an article at {shared}"
        )
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite_global(bind)
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
