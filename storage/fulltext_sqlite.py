"""Full-text search of articles on SQLite: an FTS5 external-content table.

``articles_fts`` indexes the title and text of ``articles`` without storing a second copy of
them (``content='articles'``); triggers keep it in step with every insert, update and delete.
The ``unicode61`` tokenizer with diacritics folded is language-neutral, like PostgreSQL's
``simple`` configuration used on the other backend, because the archive mixes languages.

Ranking is BM25 with the title weighted above the body, and snippets mark matches with
``search.MARK_OPEN``/``MARK_CLOSE``. ``CREATE_STATEMENTS`` is what migration 0001 created: a
change to it needs a new migration, not an edit.
See https://www.sqlite.org/fts5.html.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, column, func, literal_column, select, table

from storage.models import Article

if TYPE_CHECKING:
    from sqlalchemy import Select

    from storage.search import ParsedQuery

FTS_TABLE = "articles_fts"

#: BM25 column weights, in column order (title, text): a word in the title counts ten times.
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0

CREATE_TABLE = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    "title, text, content='articles', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')"
)

# Only title/text changes touch the index: updating capture times must not re-tokenize.
CREATE_TRIGGERS = (
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END""",
)

CREATE_STATEMENTS = (CREATE_TABLE, *CREATE_TRIGGERS)

DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_update",
)

DROP_STATEMENTS = (*DROP_TRIGGERS, "DROP TABLE IF EXISTS articles_fts")

#: Re-read every article into the index: after bulk loads that bypassed the triggers.
REBUILD = "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"

# The hidden column named after the table stands for the whole row in MATCH, bm25(), snippet().
_fts = table(FTS_TABLE, column("rowid"))
_row = literal_column(FTS_TABLE)


def to_match(query: ParsedQuery) -> str:
    """Render a parsed query as an FTS5 expression; every term is quoted, so never a syntax error.

    Each clause is ``("a" AND "b c") NOT "d"``; clauses are joined with OR.
    """
    clauses = []
    for clause in query:
        included = " AND ".join(_quote(phrase) for phrase in clause.include)
        excluded = "".join(f" NOT {_quote(phrase)}" for phrase in clause.exclude)
        clauses.append(f"({included}){excluded}")
    return " OR ".join(clauses)


def _quote(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def matches(query: ParsedQuery) -> ColumnElement[bool]:
    """A condition on ``articles`` selecting the articles that match."""
    hits = select(_fts.c.rowid).where(_row.op("MATCH")(to_match(query)))
    return Article.id.in_(hits.scalar_subquery())


def ranked(query: ParsedQuery, filters: list[ColumnElement[bool]]) -> Select[tuple[int, float]]:
    """Matching article ids (``id``) with a ``score``, higher is better, for the filters.

    The full-text table is ranked on its own: joining ``articles`` row by row would read every
    matching article's page, text and all. Filters become a set of ids read from covering
    indexes (site, date); the ``+`` stops FTS5 from running one full-text lookup per id.
    """
    # bm25() is lower-is-better and negative; negate it so both backends rank the same way.
    score = (-func.bm25(_row, TITLE_WEIGHT, TEXT_WEIGHT)).label("score")
    stmt = select(_fts.c.rowid.label("id"), score).where(_row.op("MATCH")(to_match(query)))
    if filters:
        allowed = select(Article.id).where(*filters)
        stmt = stmt.where(literal_column(f"+{FTS_TABLE}.rowid").in_(allowed))
    return stmt


def snippets(query: ParsedQuery, ids: list[int], marks: tuple[str, str]) -> Select[tuple[int, str]]:
    """(article id, snippet) for the given hits, the best-matching column's best fragment."""
    return select(_fts.c.rowid, func.snippet(_row, -1, marks[0], marks[1], "…", 24)).where(
        _row.op("MATCH")(to_match(query)), _fts.c.rowid.in_(ids)
    )
