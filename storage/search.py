"""Finding archived articles: ranked search, one article with its captures, export, replay lookup.

This is the backend-neutral face of the index that the CLI calls; the full-text parts come from
``fulltext_sqlite`` (FTS5, BM25) or ``fulltext_postgres`` (tsvector, ts_rank) by dialect, and
both rank title matches above body matches. Each backend picks the best page its own way: FTS5
ranks only the newest matches of a huge result set and ignores words found in most articles.

Query syntax, the same on both backends (the ``websearch_to_tsquery`` grammar):
``brown fox`` finds articles with both words, ``"brown fox"`` the phrase, ``-fox`` excludes a
word or phrase, and ``cat OR dog`` (upper case) finds either side, OR binding loosest
(``a b OR c`` is ``(a AND b) OR c``). Everything else is a literal word, so plain text just
works; unbalanced quotes, a bare ``-`` or ``OR``, and queries that only exclude raise
``QueryError`` with a one-line message. So does a query over ``MAX_QUERY_BYTES`` or searching
for more than ``MAX_QUERY_WORDS`` different words: the index's work grows with both, and a
2,000-word query would otherwise take seconds, or fail in SQLite.

Pages: ``offset`` skips that many results of the same ranking (at most ``MAX_OFFSET``), and
``count_articles`` says how many match in all, so a result list can be paged through.

Dates: ``since``/``until`` filter on an article's ``published`` date, or on when it was first
captured if the page gave no date, and listings without a query sort on the same date, newest
first. ``since`` is inclusive and ``until`` exclusive, so consecutive ranges never overlap.
``published`` comes back in the UTC offset the page gave it in, so its day is the page's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import islice
from types import ModuleType
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy import exc as sa_exc

from storage import fulltext_postgres, fulltext_sqlite
from storage.models import (
    Article,
    ArticleUrl,
    ArticleVersion,
    Capture,
    RecordType,
    WarcFile,
    article_date,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage.db import Database

#: Around each matched term in snippets; the CLI may restyle them (plain text, no ANSI codes).
MARK_OPEN = "[["
MARK_CLOSE = "]]"

EXPORT_BATCH = 500

#: Results a search may skip: deep pages cost as much as ranking them all, and nobody reads them.
MAX_OFFSET = 10_000

#: Newest articles a site listing looks through before sorting the site's articles instead.
LISTING_WALK = 5_000
#: Rows of that walk fetched at a time: enough for a page of a site with a tenth of the articles.
WALK_BATCH = 200


#: The longest query, in bytes of UTF-8, and the most words it may search for (a word in a
#: phrase counts; a repeated word once): more costs the index far more than any question needs.
MAX_QUERY_BYTES = 2_000
MAX_QUERY_WORDS = 64


class QueryError(ValueError):
    """The search query cannot be understood. The message is one line."""


@dataclass(frozen=True)
class Clause:
    """Phrases that must all appear (``include``) and that must not (``exclude``)."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()


#: Clauses joined by OR.
ParsedQuery = tuple[Clause, ...]


@dataclass(frozen=True)
class ArticleHit:
    """One search result. ``warc``/``offset``/``length`` locate the capture's WARC record.

    ``url`` is where the article's site captured it; ``canonical_url`` is what its page
    declared (for a syndicated story, often another domain). The capture is the newest
    response record of the article (a revisit only if it has none); these are None only if all
    its captures were deleted. ``rank`` is higher-is-better and None when listing without a
    query; ``snippet`` marks matches with MARK_OPEN/MARK_CLOSE.
    """

    url: str
    title: str | None
    authors: list[str]
    published: datetime | None
    site: str
    captured_at: datetime | None
    warc: str | None
    offset: int | None
    length: int | None
    snippet: str | None
    rank: float | None
    canonical_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The result as ``articles search --json`` prints it and the web app serves it."""
        return {
            "url": self.url,
            "title": self.title,
            "authors": self.authors,
            "published": _iso(self.published),
            "site": self.site,
            "captured_at": _iso(self.captured_at),
            "warc": self.warc,
            "offset": self.offset,
            "length": self.length,
            "snippet": self.snippet,
            "canonical_url": self.canonical_url,
        }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class CaptureRef:
    """A response or revisit record of a URL, and where to read it.

    For a revisit, ``refers_to`` is the earlier response holding the identical payload (None if
    that record is not in the index), which is what replay needs for the body.
    """

    url: str
    captured_at: datetime
    record_type: RecordType
    status: int | None
    mime: str | None
    warc: str
    offset: int
    length: int
    record_id: str
    site: str
    run_id: int | None
    refers_to: CaptureRef | None = None

    def to_json(self) -> dict[str, Any]:
        """The capture as ``articles show --json`` lists it."""
        return {
            "url": self.url,
            "captured_at": _iso(self.captured_at),
            "type": str(self.record_type),
            "status": self.status,
            "warc": self.warc,
            "offset": self.offset,
            "length": self.length,
            "record_id": self.record_id,
        }


@dataclass(frozen=True)
class VersionInfo:
    """One distinct text of an article, in the order it was first captured."""

    version: int
    captured_at: datetime
    title: str | None
    text_sha256: str
    text: str
    #: None for versions indexed before bylines were kept with each version.
    authors: list[str] | None


@dataclass(frozen=True)
class ArticleDetail:
    """Everything the index knows about one site's article; captures newest first.

    ``title`` is the headline the reader saw, ``social_title`` the one written for sharing;
    ``publisher`` is the organisation credited (the site, or a desk named as the author).
    ``other_sites`` are the other sites that archived an article at the URL it was looked up
    by (two site entries over one domain do).
    """

    url: str
    site: str
    title: str | None
    social_title: str | None
    authors: list[str]
    publisher: str | None
    published: datetime | None
    modified: datetime | None
    language: str | None
    section: str | None
    description: str | None
    text: str
    word_count: int
    first_captured_at: datetime
    last_captured_at: datetime
    current_version: int
    aliases: list[str]
    captures: list[CaptureRef]
    versions: list[VersionInfo]
    canonical_url: str | None = None
    other_sites: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The article as ``articles show --json`` prints it and the web app serves it."""
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "title": self.title,
            "social_title": self.social_title,
            "authors": self.authors,
            "publisher": self.publisher,
            "published": _iso(self.published),
            "modified": _iso(self.modified),
            "language": self.language,
            "section": self.section,
            "description": self.description,
            "word_count": self.word_count,
            "aliases": self.aliases,
            "text": self.text,
            "captures": [capture.to_json() for capture in self.captures],
            "versions": [
                {"version": v.version, "captured_at": _iso(v.captured_at), "title": v.title}
                for v in self.versions
            ],
            "current_version": self.current_version,
        }


def as_published(published: datetime | None, offset_minutes: int | None) -> datetime | None:
    """The stored UTC instant in the offset the page gave it in."""
    if published is None or not offset_minutes:
        return published
    return published.astimezone(timezone(timedelta(minutes=offset_minutes)))


# Phrases (optionally negated), or runs of anything but space and quotes.
_TOKEN = re.compile(r'(-?)"([^"]*)"|([^\s"]+)')
_SEARCHABLE = re.compile(r"\w")


def parse_query(query: str) -> ParsedQuery:
    """Parse user input into clauses; raise QueryError on input that has no clear meaning,
    or that is longer than ``MAX_QUERY_BYTES`` or searches for more than ``MAX_QUERY_WORDS``."""
    size = len(query.encode("utf-8", errors="replace"))
    if size > MAX_QUERY_BYTES:
        raise QueryError(f"the query is {size} bytes long; at most {MAX_QUERY_BYTES} are allowed")
    if query.count('"') % 2:
        raise QueryError(f"unbalanced quote in query {query!r}")
    segments: list[list[tuple[bool, str]]] = [[]]
    for match in _TOKEN.finditer(query):
        negated, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            segments.append([])
            continue
        if word is not None:
            if word == "-":
                raise QueryError("bare '-' in query: put it right before a word to exclude it")
            negated, phrase = ("-", word[1:]) if word.startswith("-") else ("", word)
        elif not phrase.strip():
            raise QueryError(f"empty quoted phrase in query {query!r}")
        if _SEARCHABLE.search(phrase):
            segments[-1].append((negated == "-", " ".join(phrase.split())))
    if len(segments) > 1 and not all(segments):
        raise QueryError("'OR' needs a search term on each side")
    clauses = []
    for segment in segments:
        # A phrase asked for twice in a clause asks for nothing more.
        include = tuple(dict.fromkeys(phrase for negated, phrase in segment if not negated))
        exclude = tuple(dict.fromkeys(phrase for negated, phrase in segment if negated))
        if not include:
            if exclude:
                raise QueryError("query only excludes words ('-'): add a word to search for")
            raise QueryError(f"query {query!r} has no words to search for")
        clauses.append(Clause(include, exclude))
    words = {
        word
        for clause in clauses
        for phrase in clause.include + clause.exclude
        for word in phrase.split()
    }
    if len(words) > MAX_QUERY_WORDS:
        raise QueryError(
            f"the query searches for {len(words)} different words; at most "
            f"{MAX_QUERY_WORDS} are allowed"
        )
    return tuple(clauses)


def _fulltext(db: Database) -> ModuleType:
    return fulltext_sqlite if db.dialect == "sqlite" else fulltext_postgres


def _filters(
    site: str | None,
    since: datetime | None,
    until: datetime | None,
    language: str | None = None,
) -> list[ColumnElement[bool]]:
    for name, value in (("since", since), ("until", until)):
        if value is not None and (not isinstance(value, datetime) or value.utcoffset() is None):
            raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")
    filters = []
    if site is not None:
        filters.append(Article.site == site)
    if since is not None:
        filters.append(article_date >= since)
    if until is not None:
        filters.append(article_date < until)
    if language is not None:
        filters.append(Article.language == language)
    return filters


def _best_capture_id() -> Any:
    """The capture a result points at: newest response, else newest revisit."""
    return (
        select(Capture.id)
        .where(Capture.article_id == Article.id)
        .order_by(
            (Capture.record_type == RecordType.RESPONSE).desc(),
            Capture.captured_at.desc(),
            Capture.id.desc(),
        )
        .limit(1)
        .correlate(Article)
        .scalar_subquery()
    )


def _with_capture(*columns: Any) -> Select[Any]:
    return (
        select(
            *columns,
            Capture.captured_at,
            WarcFile.storage_url.label("warc"),
            Capture.offset,
            Capture.length,
        )
        .select_from(Article)
        .outerjoin(Capture, Capture.id == _best_capture_id())
        .outerjoin(WarcFile, WarcFile.id == Capture.warc_file_id)
    )


def _newest(
    session: Session, site: str | None, dates: list[ColumnElement[bool]], limit: int
) -> list[int]:
    """Ids of the newest ``limit`` articles of ``site`` (any if None) within the date filters.

    With a site, the site index would hand over all of the site's articles to be sorted by date
    (tens of thousands at archive scale, each row read); walking the date index from the newest
    and skipping other sites stops after a few hundred. That walk is capped at
    ``LISTING_WALK`` articles, and a site too small to fill the page within it is sorted.
    """
    order = (article_date.desc(), Article.id.desc())
    if site is not None:
        walk = select(Article.id, Article.site).where(*dates).order_by(*order).limit(LISTING_WALK)
        with session.execute(walk.execution_options(yield_per=WALK_BATCH)) as rows:
            found = list(islice((id_ for id_, at in rows if at == site), limit))
        if len(found) == limit:
            return found
        dates = [*dates, Article.site == site]
    return list(session.scalars(select(Article.id).where(*dates).order_by(*order).limit(limit)))


def search_articles(
    db: Database,
    query: str | None,
    *,
    site: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    language: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[ArticleHit]:
    """Articles matching ``query`` best first, or without a query the newest first.

    ``offset`` skips that many of them, for the next page of the same list.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise ValueError(f"offset must be between 0 and {MAX_OFFSET}, got {offset}")
    parsed = parse_query(query) if query and query.strip() else None
    filters = _filters(site, since, until, language)
    fulltext = _fulltext(db)
    with db.session() as session:
        if parsed is None:
            dates = _filters(None, since, until, language)
            newest = _newest(session, site, dates, offset + limit)[offset:]
            ranks: dict[int, float | None] = dict.fromkeys(newest)
            snippets: dict[int, str] = {}
        else:
            try:
                hits, searched = fulltext.ranked(session, parsed, filters, offset + limit)
                ranks = dict(hits[offset:])
                snippets = dict(
                    session.execute(
                        fulltext.snippets(searched, list(ranks), (MARK_OPEN, MARK_CLOSE))
                    ).all()
                )
            except sa_exc.OperationalError as exc:
                # FTS5 reports query syntax as OperationalError; other errors are not the query's.
                if "fts5" not in str(exc.orig):
                    raise
                reason = str(exc.orig).splitlines()[0]
                raise QueryError(f"cannot search for {query!r}: {reason}") from exc
        rows = session.execute(
            _with_capture(
                Article.id, Article.url, Article.title, Article.authors, Article.published,
                Article.published_offset, Article.site, Article.canonical_url,
            ).where(Article.id.in_(ranks))
        )  # fmt: skip
        by_id = {row[0]: row for row in rows}
    return [
        ArticleHit(
            url=row.url,
            title=row.title,
            authors=list(row.authors or []),
            published=as_published(row.published, row.published_offset),
            site=row.site,
            captured_at=row.captured_at,
            warc=row.warc,
            offset=row.offset,
            length=row.length,
            snippet=snippets.get(article_id),
            rank=rank,
            canonical_url=row.canonical_url,
        )
        for article_id, rank in ranks.items()
        if (row := by_id.get(article_id)) is not None
    ]


def count_articles(
    db: Database,
    query: str | None,
    *,
    site: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    language: str | None = None,
) -> int:
    """How many articles ``search_articles`` pages through for the same query and filters."""
    parsed = parse_query(query) if query and query.strip() else None
    filters = _filters(site, since, until, language)
    with db.session() as session:
        if parsed is None:
            stmt = select(func.count()).select_from(Article).where(*filters)
            return int(session.scalar(stmt) or 0)
        return int(_fulltext(db).count(session, parsed, filters))


def filter_choices(db: Database) -> tuple[list[str], list[str]]:
    """The sites and the languages of the indexed articles: what the search filters offer."""
    with db.session() as session:
        sites = session.scalars(select(Article.site).distinct().order_by(Article.site)).all()
        languages = session.scalars(
            select(Article.language)
            .where(Article.language.is_not(None))
            .distinct()
            .order_by(Article.language)
        ).all()
    return list(sites), [language for language in languages if language]


def _find_articles(session: Session, url: str, site: str | None) -> list[Article]:
    """The articles known at ``url`` (their URL or an alias), of ``site`` or of every site,
    the most recently captured first."""
    aliased = select(ArticleUrl.article_id).where(ArticleUrl.url == url)
    query = select(Article).where((Article.url == url) | Article.id.in_(aliased))
    if site is not None:
        query = query.where(Article.site == site)
    return list(session.scalars(query.order_by(Article.last_captured_at.desc(), Article.id.desc())))


def _capture_refs(
    session: Session, condition: ColumnElement[bool], limit: int | None = None
) -> list[CaptureRef]:
    """Captures matching ``condition``, newest first, with revisits resolved to their response."""
    stmt = (
        select(Capture, WarcFile.storage_url, WarcFile.site)
        .join(WarcFile, WarcFile.id == Capture.warc_file_id)
        .where(condition)
        .order_by(Capture.captured_at.desc(), Capture.id.desc())
        .limit(limit)
    )
    rows = session.execute(stmt).all()
    targets = {c.refers_to_record_id for c, _, _ in rows if c.refers_to_record_id}
    originals: dict[str, CaptureRef] = {}
    if targets:
        originals = {
            ref.record_id: ref for ref in _capture_refs(session, Capture.record_id.in_(targets))
        }
    return [
        CaptureRef(
            url=capture.url,
            captured_at=capture.captured_at,
            record_type=RecordType(capture.record_type),
            status=capture.status,
            mime=capture.mime,
            warc=storage_url,
            offset=capture.offset,
            length=capture.length,
            record_id=capture.record_id,
            site=site,
            run_id=capture.run_id,
            refers_to=originals.get(capture.refers_to_record_id or ""),
        )
        for capture, storage_url, site in rows
    ]


def get_article(db: Database, url: str, *, site: str | None = None) -> ArticleDetail | None:
    """The article at ``url``: its own URL, or another URL its site knows it by (an alias).

    Each site has its own articles, so two sites may hold one at the same URL: ``site`` picks
    one, and without it the most recently captured is given, naming the others.
    """
    with db.session() as session:
        found = _find_articles(session, url, site)
        if not found:
            return None
        article = found[0]
        aliases = session.scalars(
            select(ArticleUrl.url)
            .where(ArticleUrl.article_id == article.id)
            .order_by(ArticleUrl.url)
        ).all()
        captures = _capture_refs(session, Capture.article_id == article.id)
        versions = session.scalars(
            select(ArticleVersion)
            .where(ArticleVersion.article_id == article.id)
            .order_by(ArticleVersion.version)
        ).all()
    return ArticleDetail(
        url=article.url,
        site=article.site,
        title=article.title,
        social_title=article.social_title,
        authors=list(article.authors or []),
        publisher=article.publisher,
        published=as_published(article.published, article.published_offset),
        modified=article.modified,
        language=article.language,
        section=article.section,
        description=article.description,
        text=article.text,
        word_count=article.word_count,
        first_captured_at=article.first_captured_at,
        last_captured_at=article.last_captured_at,
        current_version=article.current_version,
        aliases=list(aliases),
        captures=captures,
        versions=[
            VersionInfo(v.version, v.captured_at, v.title, v.text_sha256, v.text, v.authors)
            for v in versions
        ],
        canonical_url=article.canonical_url,
        other_sites=sorted({other.site for other in found[1:]} - {article.site}),
    )


def _url_condition(session: Session, url: str, site: str | None = None) -> ColumnElement[bool]:
    """Captures of ``url``: all of its articles' if it is one (their URL or an alias; of
    ``site`` only, when given), else those of the URL itself (of ``site``'s files)."""
    articles = [article.id for article in _find_articles(session, url, site)]
    if articles:
        return Capture.article_id.in_(articles)
    condition = Capture.url == url
    if site is not None:
        condition &= Capture.warc_file_id.in_(select(WarcFile.id).where(WarcFile.site == site))
    return condition


def url_captures(db: Database, url: str, *, site: str | None = None) -> list[CaptureRef]:
    """Every capture of ``url`` as :func:`capture_at` chooses among them, newest first."""
    with db.session() as session:
        return _capture_refs(session, _url_condition(session, url, site))


def find_capture(db: Database, record_id: str) -> CaptureRef | None:
    """The response or revisit record with this ``WARC-Record-ID``, if the index has it."""
    with db.session() as session:
        refs = _capture_refs(session, Capture.record_id == record_id, limit=1)
    return refs[0] if refs else None


def capture_at(
    db: Database, url: str, at: datetime | None = None, *, site: str | None = None
) -> CaptureRef | None:
    """The capture of ``url`` closest at or before ``at`` (the newest when ``at`` is None).

    ``url`` may be an article's URL or alias, whose captures all count (those of ``site``'s
    article only, when given); any other captured URL (a hub page, a stylesheet) is looked up
    as is.
    """
    if at is not None and at.utcoffset() is None:
        raise ValueError(f"at must be a timezone-aware datetime, got {at!r}")
    with db.session() as session:
        condition = _url_condition(session, url, site)
        if at is not None:
            condition = condition & (Capture.captured_at <= at)
        refs = _capture_refs(session, condition, limit=1)
    return refs[0] if refs else None


def article_conditions(
    db: Database,
    query: str | None,
    *,
    site: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    language: str | None = None,
) -> list[ColumnElement[bool]]:
    """The conditions on ``Article`` that select what a search with these filters finds.

    Export and the WACZ writer select with them, so they select exactly what search lists.
    The query and dates are checked here (``QueryError``, ``ValueError``), before any row is read.
    """
    conditions = _filters(site, since, until, language)
    if query and query.strip():
        conditions.append(_fulltext(db).matches(parse_query(query)))
    return conditions


def iter_articles(
    db: Database,
    *,
    query: str | None = None,
    site: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Iterator[dict[str, Any]]:
    """Every matching article as a JSON-ready dict, streamed in constant memory for export.

    Rows come in insertion order, fetched in batches (a server-side cursor on PostgreSQL), so
    exporting a million articles never holds them all. Dates are ISO 8601 strings
    (``published`` in the offset the page gave it in); ``warc``,
    ``offset``, ``length`` and ``captured_at`` describe the capture search results point at.
    The query and filters are checked at once, before the first row is read.
    """
    filters = article_conditions(db, query, site=site, since=since, until=until)
    stmt = (
        _with_capture(
            Article.url, Article.site, Article.title, Article.authors, Article.published,
            Article.modified, Article.language, Article.section, Article.description,
            Article.word_count, Article.first_captured_at, Article.last_captured_at,
            Article.text, Article.canonical_url, Article.social_title, Article.publisher,
            Article.published_offset,
        )
        .where(*filters)
        .order_by(Article.id)
        .execution_options(yield_per=EXPORT_BATCH)
    )  # fmt: skip
    return _stream(db, stmt)


def _stream(db: Database, stmt: Select[Any]) -> Iterator[dict[str, Any]]:
    with db.session() as session:
        for row in session.execute(stmt):
            record = row._asdict()
            record["authors"] = list(record["authors"] or [])
            record["published"] = as_published(record["published"], record.pop("published_offset"))
            yield {
                key: value.isoformat() if isinstance(value, datetime) else value
                for key, value in record.items()
            }
