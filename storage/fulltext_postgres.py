"""Full-text search of articles on PostgreSQL: a generated ``tsvector`` column with a GIN index.

The vector is computed by the server from title (weight A) and text (weight B), so it can never
drift from the row. The ``simple`` configuration is chosen on purpose: it lower-cases without
stemming or stop words, which treats every language of a multilingual archive the same way
(a language-specific configuration would mangle the others). Text beyond ``MAX_INDEXED_CHARS``
is not indexed, so that an absurdly long page can never hit the 1 MB ``tsvector`` limit and
make its row (and the batch it is in) fail to insert.

Queries go through ``websearch_to_tsquery``, which never raises on user input; ranking is
``ts_rank`` with the title weighted above the body, and snippets come from ``ts_headline``.
``CREATE_STATEMENTS`` is what migration 0001 created: a change needs a new migration.
See https://www.postgresql.org/docs/current/textsearch.html.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.dialects.postgresql import TSVECTOR

from storage.models import Article

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session

    from storage.search import ParsedQuery

CONFIG = "simple"
VECTOR_COLUMN = "search_vector"
VECTOR_INDEX = "ix_articles_search_vector"
MAX_INDEXED_CHARS = 500_000

#: ts_rank weights for D, C, B, A: body words (B) count a fifth of title words (A).
RANK_WEIGHTS = "{0.05, 0.1, 0.2, 1.0}"
#: Divide the rank by 1 + log(document length), so long articles do not win by bulk alone.
RANK_NORMALIZATION = 1

CREATE_STATEMENTS = (
    f"""ALTER TABLE articles ADD COLUMN {VECTOR_COLUMN} tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('{CONFIG}', left(coalesce(text, ''), {MAX_INDEXED_CHARS})), 'B')
) STORED""",
    f"CREATE INDEX {VECTOR_INDEX} ON articles USING gin ({VECTOR_COLUMN})",
)

DROP_STATEMENTS = (
    f"DROP INDEX IF EXISTS {VECTOR_INDEX}",
    f"ALTER TABLE articles DROP COLUMN IF EXISTS {VECTOR_COLUMN}",
)

_vector = literal_column(f"articles.{VECTOR_COLUMN}", TSVECTOR)
_config: ColumnElement[Any] = literal_column(f"'{CONFIG}'::regconfig")


def to_websearch(query: ParsedQuery) -> str:
    """Render a parsed query in ``websearch_to_tsquery`` syntax, every term quoted.

    Quoting keeps words such as ``or`` literal; the grammar (implicit AND, ``OR`` binding
    loosest, ``-`` to exclude) is the one the parser in ``storage.search`` accepts.
    """
    clauses = []
    for clause in query:
        terms = [_quote(phrase) for phrase in clause.include]
        terms += [f"-{_quote(phrase)}" for phrase in clause.exclude]
        clauses.append(" ".join(terms))
    return " or ".join(clauses)


def _quote(phrase: str) -> str:
    return '"' + phrase.replace('"', " ") + '"'


def _tsquery(query: ParsedQuery) -> ColumnElement[object]:
    return func.websearch_to_tsquery(_config, to_websearch(query))


def matches(query: ParsedQuery) -> ColumnElement[bool]:
    """A condition on ``articles`` selecting the articles that match."""
    return _vector.op("@@")(_tsquery(query))


def ranked(
    session: Session, query: ParsedQuery, filters: list[ColumnElement[bool]], limit: int
) -> tuple[list[tuple[int, float]], ParsedQuery]:
    """The best ``limit`` matches for the filters, and the query they were ranked for.

    Matches are (article id, score), higher is better. The query is always ``query`` itself:
    unlike FTS5's BM25, ts_rank has no IDF, so there are no weightless common words to drop.
    """
    score = func.ts_rank(
        literal_column(f"'{RANK_WEIGHTS}'::float4[]"), _vector, _tsquery(query), RANK_NORMALIZATION
    ).label("score")
    page = (
        select(Article.id, score)
        .where(matches(query), *filters)
        .order_by(score.desc(), Article.id.desc())
        .limit(limit)
    )
    return [(article_id, float(rank)) for article_id, rank in session.execute(page)], query


def count(session: Session, query: ParsedQuery, filters: list[ColumnElement[bool]]) -> int:
    """How many articles match ``query`` and the filters."""
    stmt = select(func.count()).select_from(Article).where(matches(query), *filters)
    return int(session.scalar(stmt) or 0)


def snippets(query: ParsedQuery, ids: list[int], marks: tuple[str, str]) -> Select[int, str]:
    """(article id, snippet) for the given hits only: ts_headline re-parses the whole text."""
    options = f"StartSel={marks[0]}, StopSel={marks[1]}, MaxWords=35, MinWords=15, MaxFragments=2"
    # Title and text together, like FTS5's snippet() picking the best column of the two.
    text = func.concat_ws("\n", Article.title, func.left(Article.text, MAX_INDEXED_CHARS))
    headline = func.ts_headline(_config, text, _tsquery(query), options)
    return select(Article.id, headline).where(Article.id.in_(ids))
