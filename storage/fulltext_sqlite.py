"""Full-text search of articles on SQLite: an FTS5 external-content table.

``articles_fts`` indexes the title and text of ``articles`` without storing a second copy of
them (``content='articles'``); triggers keep it in step with every insert, update and delete.
The ``unicode61`` tokenizer with diacritics folded is language-neutral, like PostgreSQL's
``simple`` configuration used on the other backend, because the archive mixes languages.

Ranking is BM25 with the title weighted above the body, over at most the ``RANKED_MATCHES``
newest matches and without words too common to carry weight (see ``ranked``), so that a search
of a million articles stays well under 100 ms; snippets mark matches with
``search.MARK_OPEN``/``MARK_CLOSE``. ``CREATE_STATEMENTS`` is what migration 0001 created: a
change to it needs a new migration, not an edit.
See https://www.sqlite.org/fts5.html.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, column, func, literal, literal_column, select, table

from storage.models import Article

if TYPE_CHECKING:
    from sqlalchemy import ScalarSelect, Select
    from sqlalchemy.orm import Session

    from storage.search import ParsedQuery

FTS_TABLE = "articles_fts"

#: BM25 column weights, in column order (title, text): a word in the title counts ten times.
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0

#: Matches ranked at most, the most recently indexed; see ``ranked``.
RANKED_MATCHES = 10_000
#: A word in more than this share of the articles has no weight in BM25; see ``ranked``.
COMMON_SHARE = 0.5
#: Newest matches of a word looked at to estimate its share of the articles.
SHARE_SAMPLE = 1_000

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
_WORD = re.compile(r"\w")
_row: ColumnElement[Any] = literal_column(FTS_TABLE)


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


def ranked(
    session: Session, query: ParsedQuery, filters: list[ColumnElement[bool]], limit: int
) -> tuple[list[tuple[int, float]], ParsedQuery]:
    """The best ``limit`` matches for the filters, and the query they were ranked for.

    Matches are (article id, score), higher is better; the query, which snippets should mark,
    may have lost common words.

    BM25 reads every match it ranks (about a second for a word in all of a million articles),
    and a common word matches a third of them. So when a search matches more than
    ``RANKED_MATCHES`` articles, only about that many, the most recently indexed, are ranked;
    FTS5 finds where they start by reading doclists backwards, without scoring. Should that
    window hold less than a page (the filters picked older articles), all are ranked after all.

    Words in more than half of the articles, which BM25 gives no weight, are dropped when the
    clause has other words (see ``_without``); if only such words are asked for,
    all matches score 0 and the newest come first.
    """
    everything, estimates = _estimated_matches(session, query)
    common = {word for word, count in estimates.items() if count > COMMON_SHARE * everything}
    query, informative = _without(query, common)
    expression = to_match(query)
    start = _window_start(session, expression, filters, everything, _at_most(query, estimates))
    hits = session.execute(_page(expression, informative, filters, start, limit)).all()
    if len(hits) < limit and start is not None:
        hits = session.execute(_page(expression, informative, filters, None, limit)).all()
    return [(article_id, float(score)) for article_id, score in hits], query


def count(session: Session, query: ParsedQuery, filters: list[ColumnElement[bool]]) -> int:
    """How many articles ``ranked`` draws from: the matches of the query without common words."""
    everything, estimates = _estimated_matches(session, query)
    common = {word for word, count in estimates.items() if count > COMMON_SHARE * everything}
    query, _ = _without(query, common)
    stmt = select(func.count()).select_from(_fts).where(_row.op("MATCH")(to_match(query)))
    if filters:
        stmt = stmt.where(
            literal_column(f"+{FTS_TABLE}.rowid").in_(select(Article.id).where(*filters))
        )
    return int(session.scalar(stmt) or 0)


def _window_start(
    session: Session,
    expression: str,
    filters: list[ColumnElement[bool]],
    everything: int,
    estimate: float,
) -> int | None:
    """The lowest rowid worth ranking for ``expression``, or None to rank every match.

    With filters, the window is widened by the share of articles they keep, so that it holds
    about ``RANKED_MATCHES`` of the filtered matches. It is measured on the unfiltered matches:
    testing the filters on every match twice, once here and once when ranking, costs more.
    Finding it costs a pass over the matches, skipped when the words' estimated counts show
    that the window would hold them all anyway (an estimate a little low only ranks a little
    more).
    """
    depth = RANKED_MATCHES
    if filters:
        kept = session.scalar(select(func.count()).where(*filters).select_from(Article))
        if not kept:
            return None
        depth = math.ceil(RANKED_MATCHES * everything / kept)
    if estimate <= depth:
        return None
    return session.scalar(select(_nth_newest_match(expression, depth)))


def _page(
    expression: str,
    informative: bool,
    filters: list[ColumnElement[bool]],
    start: int | None,
    limit: int,
) -> Select[int, float]:
    """The best ``limit`` matches with a rowid from ``start`` on (all if None).

    The full-text table is ranked on its own: joining ``articles`` row by row would read every
    matching article's page, text and all. Filters become a set of ids read from covering
    indexes (site, date); the ``+`` stops FTS5 from running one full-text lookup per id.
    """
    # bm25() is lower-is-better and negative; negate it so both backends rank the same way.
    score = -func.bm25(_row, TITLE_WEIGHT, TEXT_WEIGHT) if informative else literal(0.0)
    stmt = select(_fts.c.rowid, score.label("score")).where(_row.op("MATCH")(expression))
    if start is not None:
        stmt = stmt.where(_fts.c.rowid >= start)
    if filters:
        allowed = select(Article.id).where(*filters)
        stmt = stmt.where(literal_column(f"+{FTS_TABLE}.rowid").in_(allowed))
    return stmt.order_by(literal_column("score").desc(), _fts.c.rowid.desc()).limit(limit)


def _nth_newest_match(expression: str, n: int) -> ScalarSelect[int]:
    """The rowid of the ``n``-th most recently indexed match, NULL if fewer match."""
    newest = _fts.alias("newest")
    return (
        select(newest.c.rowid)
        .where(literal_column(f"newest.{FTS_TABLE}").op("MATCH")(expression))
        .order_by(newest.c.rowid.desc())
        .limit(1)
        .offset(n - 1)
        .scalar_subquery()
    )


def _estimated_matches(session: Session, query: ParsedQuery) -> tuple[int, dict[str, float]]:
    """The number of articles, and how many of them each word of the query's terms is in.

    A word's count is extrapolated from the rowids of its ``SHARE_SAMPLE`` newest matches, in one
    statement for all the words; a word with fewer matches than that counts as none. Runs of
    punctuation inside phrases are no words to FTS5, and are left out.
    """
    words = sorted(
        {
            word
            for clause in query
            for phrase in clause.include
            for word in phrase.split()
            if _WORD.search(word)
        }
    )
    newest, *oldest = session.execute(
        select(
            func.max(_fts.c.rowid),
            *(_nth_newest_match(_quote(word), SHARE_SAMPLE) for word in words),
        )
    ).one()
    return newest or 0, {
        word: 0.0 if bound is None else SHARE_SAMPLE * newest / (newest - bound + 1)
        for word, bound in zip(words, oldest, strict=True)
    }


def _without(query: ParsedQuery, common: set[str]) -> tuple[ParsedQuery, bool]:
    """The query without words too common to rank by, and whether any other term is left.

    BM25's IDF is floored at zero for a word in more than half of the documents, so such a word
    (``the``, ``und``, ``le``...) changes no ranking, yet computing its IDF reads its whole
    doclist: most of the cost of a query on a million articles. It is dropped from clauses with
    other words, like a stop word, but found by counting rather than from a per-language list.
    A word alone, and words in quoted phrases, are kept.
    """
    clauses = []
    for clause in query:
        kept = tuple(phrase for phrase in clause.include if phrase not in common)
        clauses.append(replace(clause, include=kept or clause.include))
    informative = any(not common.issuperset(clause.include) for clause in clauses)
    return tuple(clauses), informative


def _at_most(query: ParsedQuery, estimates: dict[str, float]) -> float:
    """Estimated matches of ``query``: a clause matches no more articles than its rarest word.

    A word without an estimate (a run of punctuation) bounds nothing.
    """
    return sum(
        min(estimates.get(word, math.inf) for phrase in clause.include for word in phrase.split())
        for clause in query
    )


def snippets(query: ParsedQuery, ids: list[int], marks: tuple[str, str]) -> Select[int, str]:
    """(article id, snippet) for the given hits, the best-matching column's best fragment."""
    return select(_fts.c.rowid, func.snippet(_row, -1, marks[0], marks[1], "…", 24)).where(
        _row.op("MATCH")(to_match(query)), _fts.c.rowid.in_(ids)
    )
