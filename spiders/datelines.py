"""When an article was first published, read from the sources its page offers, in trust order.

Archivists filter by publication date, so the index keeps the first publication time, with
the UTC offset the page gave. The sources, most trusted first; the first that gives a date
decides:

1. JSON-LD of the article: ``datePublished``, else ``dateCreated`` (also on the WebPage node
   that holds an article without its own);
2. microdata of the article item, read with extruct, or RDFa of the page's own item (the
   node ``about`` the page, as Drupal marks its node, or one typed an Article), read from its
   attributes (pyRdfa takes a tenth to half a second a page): ``datePublished``,
   ``dateCreated``, Dublin Core ``date``/``created``/``issued``; and the ISO date in the
   ``title`` of the article's ``abbr.published`` (hAtom, Blogger);
3. ``<meta>`` tags that name the publication: htmldate's list of them (Open Graph, Dublin
   Core, Parse.ly, Sailthru, CMS conventions) less its loose ones, and ``itemprop`` (a
   journal's ``citation_online_date`` first, its print issue's ``citation_publication_date``
   last);
4. a ``<time datetime>`` in the dateline: near the headline, or in the page's one article;
   or the date an element of the dateline keeps in an attribute (``data-date-time``, epoch
   milliseconds in ``data-val``) when it is the day the element shows;
5. the dateline as written ("17. Mai 2024, 14:30", "입력 2020.06.07 08:25"; also a heading
   that is a date, as Blogger's ``h2.date-header`` over the day's posts, or a heading's date
   labelled as the publication's, a weekday between ("<h6>Posted Wednesday, March 13
   2013</h6>"), or classed as one inside it; below the story, a line labelled as the
   publication's; a line labelled as the first publication, "Erstmals veröffentlicht am …",
   wherever it stands, before every other), with day and
   month read in the order of the page's locale (its ``lang``/``og:locale`` territory, else
   the country of its domain, else the country whose zone alone the dateline's abbreviation
   names: "10:30 AM (IST)"), unless another date on the page settles the order; in the
   Solar Hijri calendar on Persian, Dari and Pashto pages and on Iranian and Afghan domains
   ("۲۷ اردیبهشت ۱۴۰۳", also in their machine-readable dates), in the Buddhist era on Thai
   pages ("17 พ.ค. 2567"), in Minguo years on Taiwanese pages ("113/02/29"), in the
   Ethiopian calendar on Amharic and Ethiopian pages, converted to the Gregorian
   (:mod:`spiders.calendars`), and in Japan's eras ("令和6年3月12日");
6. the date in the URL;
7. a date the dateline writes relative to when the page was seen ("3 hours ago", "vor 3
   Stunden", "yesterday, 14:30") or without its year ("17 May, 10:30", "5/17(金) 18:32"),
   read against the capture's time (:mod:`spiders.relativedates`);
8. the day of an agency's dateline that opens the story's first paragraph ("BERLIN, 17. Mai
   (Reuters) - "; "Wien, 12.04.2018 (KAP)" without a dash when it gives its year after a
   short place, with the agency in capitals), in the capture's year when it leaves the year
   out;
9. a date below the story that its class alone marks as one, alone on its line (after its
   weekday at most), outside lists, links and teasers and beside no picture but the story's
   own, in its block (``<span class="date">3. 4. 2014</span>`` in the story's footer, a K2
   item's ``<div class="createddate">``);
10. the day of the print issue a line above the headline names by its number or its word
    ("Vol. 14 No. 8 | Friday, February 21, 2014", "November 7, 2012 Issue").

A day without its time from sources 1-4 ("2024-05-17") takes the time the dateline shows on
that same day ("17.05.2024 08:21"); a dateline of another day changes nothing.

Never used: modification dates (``dateModified``, ``article:modified_time``, a line labelled
"Updated", "Aktualisiert", "수정"…, a part of a line classed as an update: Avada's hidden
``<span class="updated">`` beside the shown day), dates inside teasers, related-article boxes,
comments or page chrome (:mod:`spiders.anatomy`), a picture's caption, a line classed as
today's date, dates the story's text names (but an agency's dateline), and dates after the
present.

The modification time (:meth:`DateSources.modified`) is read from ``dateModified``, the
modification ``<meta>`` tags and microdata, else from the dateline's first date labelled as
an update ("Updated 4:58 p.m. ET May 14, 2024", "Oppdatert <time datetime>"), under the same
rules, and only when it is not before the publication time.

Offsets: a time without one is the page's local time, in the zone its dateline writes beside
that same time ("May 16, 2024 9:45 PM PT"), else in the offset the page writes on its other
dates, else in the one IANA zone its scripts name (a CMS's site setting,
``"timezone":"America/New_York"``; on a country's domain, only a zone of that country), else,
on a US, a Canadian or a generic domain, in the zone of the state or province its postal
address names ("Seattle, WA 98122", a local paper's footer), or, on a British or a generic
one, of a British postcode's on an English page ("London SW1P 1WG"), else
in its country's time zone (from its domain: the
zone all or most of that country's zones agree on, else the one most of its newsrooms keep,
Moscow's for ``.ru``; a domain sold as a brand, ``.co``, only under the country's own second
level, ``.com.co``), else, on a domain of no country, in the zone of the region its language
tag names, else of the country its language is most written in ("ko" is Korea's, "en" New
York's), else UTC. A time given in UTC that the dateline shows as the same wall-clock time in
another zone (one it names, or the page's local one without a name) is that local time, which
a CMS labelled UTC ("14:30Z" beside "14:30 WIB"). Any other time given in UTC is shown in the
offset its dateline's time reveals (or a ``<time datetime>`` that writes the same instant
with its offset), or in that local zone unless only UTC gives the day its dateline shows, so
that its day is the one the page's readers saw. Where no zone is known and its URL or
dateline shows another day than UTC's, it is shown in the first zone that gives that day: of the
region its language tag names, of the country its language is most written in, or New
York's. The modification time is shown the same way; one in UTC that nothing else places
takes the offset of the publication time.

Written by hand: htmldate finds a day in all of these places but returns neither the time nor
the offset, and cannot be told to skip teasers or which order a locale writes; its list of
publication meta names is used as is.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import available_timezones

from babel.core import get_global
from htmldate.core import DATE_ATTRIBUTES, NAME_MODIFIED, PROPERTY_MODIFIED
from lxml import etree

from spiders.anatomy import (
    IN_LINK,
    LINE_CHARS,
    SHORT_LINE_CHARS,
    Anatomy,
    outermost_holder,
    squash,
    teaser_link,
)
from spiders.calendars import MINGUO, MINGUO_ERA, Calendar, page_calendar
from spiders.dates import (
    HOUR_MINUTE,
    OTHER_MEANINGS,
    ShownDate,
    countries_of,
    day_first_in,
    days_without_year,
    empty_day,
    parse_date,
    shown_dates,
    time_after,
    url_date,
    wire_date,
    zone_country,
    zone_offset,
)
from spiders.relativedates import in_capture_year, relative_dates

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Meta names that say when the page was published. htmldate's own list, less the names that
#: also mean an update, and less "meta", "timestamp" and "created", which too many CMSs put
#: on the time the page was generated; a journal's online date first, and its print issue's
#: ("citation_publication_date", which may be days or weeks later) after every other (not
#: "citation_date", which a repository gives as the day it was issued, before its upload's
#: "dcterms.available").
_PRINT_META = ("citation_publication_date",)
PUBLISHED_META = (
    "citation_online_date",
    *sorted(
        (
            (DATE_ATTRIBUTES - NAME_MODIFIED - PROPERTY_MODIFIED - {"meta", "timestamp", "created"})
            | {"og:published_time", "dcterms.available", "article:published", "publication-date"}
        )
        - set(_PRINT_META)
    ),
    *_PRINT_META,
)
#: Meta names that say when the page was last changed: the modified date, never published.
MODIFIED_META = (
    "article:modified_time", "og:updated_time", "article:modified", "datemodified",
    "last-modified", "dcterms.modified", "dc.date.modified", "modified_time", "og:modified_time",
)  # fmt: skip

_ITEM_PUBLISHED = ("datePublished", "dateCreated", "date", "created", "issued", "dateIssued")

#: Labels in front of a date that make it a modification date.
MODIFIED_LABEL = re.compile(
    r"(?:updated?|last\s+modified|modified|edited|revised|aktualisier\w*|geändert|"
    r"actualiza\w*|mis\s+à\s+jour|modifi\w*|atualiza\w*|aggiorna\w*|bijgewerkt|gewijzigd|aangepast|"
    r"oppdater\w*|opdater\w*|uppdater\w*|päivitetty|zaktualizowan\w*|aktualizac\w*|"
    r"aktualizováno|aktualizovan\w*|ažuriran\w*|azuriran\w*|ажурирано|frissítve|"
    r"güncelle\w*(?:\s+tarihi)?|обновл\w*|обновен\w*|оновлен\w*|ενημερώθηκε|更新|修改|수정|업데이트|تحديث|עודכן|"
    r"به[‌\s]?روز\s?(?:رسانی|شده)|اپ\s?ڈیٹ(?:\s+کی\s+گئی)?|बदलाव|अपडेट|अद्यतन|อัปเดต|cập\s+nhật|diperbarui)"
    r"(?:\s+(?:am|on|le|el|em|il|den|op|at|um|a\s+las|às|alle))?\W*$",
    re.IGNORECASE,
)
#: Labels in front of a date that make it the publication date.
PUBLISHED_LABEL = re.compile(
    r"(?:published|posted|first\s+published|veröffentlicht|erstellt|publicado|publié|"
    r"publicat|pubblicato|gepubliceerd|publisert|publiceret|publicerad|julkaistu|"
    r"opublikowano|publikováno|megjelent|yayınlanma|yayın|опубликовано|опубліковано|"
    r"δημοσιεύθηκε|发布|發佈|发表|입력|작성|등록|公開|配信|نشر|פורסם|đăng|diterbitkan|"
    r"objavljen[oa]?|објављено|publikované|opublikowany|julkaistu|منتشر\s?شده|प्रकाशित|เผยแพร่|"
    r"data\s+publicării|дата\s+публикации|datum\s+objave|data\s+publikacji|datum\s+zveřejnění)"
    r"(?:\s+(?:am|on|le|el|em|il|den|op|at|um|à))?\W*$",
    re.IGNORECASE,
)
#: Labels that say a date is the first publication's, which wins over every other dateline
#: on the page, above the headline or below the story ("Stand: 08.02.2024" above, "Erstmals
#: veröffentlicht am 07.02.2024" below).
FIRST_PUBLISHED_LABEL = re.compile(
    r"(?:first\s+published|originally\s+published|erstmals\s+veröffentlicht|"
    r"zuerst\s+veröffentlicht|première\s+publication|publié\s+pour\s+la\s+première\s+fois|"
    r"publicado\s+originalmente|pubblicato\s+per\s+la\s+prima\s+volta|"
    r"oorspronkelijk\s+gepubliceerd|först\s+publicerad|først\s+publisert)"
    r"(?:\s+(?:am|on|le|el|em|il|den|op|at|um|à))?\W*$",
    re.IGNORECASE,
)
#: Generic country-code domains that say nothing about where a site is.
_VANITY_TLDS = {"co", "io", "tv", "me", "fm", "ai", "ly", "cc", "ws", "to", "gg", "im", "am"}
#: The second levels a country's registry keeps under its domain ("com.co"), which no brand
#: buys.
_REGISTRY_LEVELS = {"com", "co", "net", "org", "gov", "edu", "ac", "mil", "nom", "gob", "info"}
#: Where a country's time zones disagree, the one most of its newsrooms keep: its capital's, or
#: its largest city's where the capital is not where its papers are (Sydney, São Paulo,
#: Toronto, New York). Written by hand: CLDR's "primary zones" name only a few of these.
_PRINCIPAL_ZONES = {
    "AU": "Australia/Sydney", "BR": "America/Sao_Paulo", "CA": "America/Toronto",
    "CD": "Africa/Kinshasa", "CL": "America/Santiago", "CN": "Asia/Shanghai",
    "EC": "America/Guayaquil", "GL": "America/Nuuk", "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa", "MN": "Asia/Ulaanbaatar", "MX": "America/Mexico_City",
    "NZ": "Pacific/Auckland", "PF": "Pacific/Tahiti", "PG": "Pacific/Port_Moresby",
    "RU": "Europe/Moscow", "UA": "Europe/Kyiv", "US": "America/New_York",
}  # fmt: skip
#: The zone most of each US state's and Canadian province's people keep, for a page whose
#: postal address names it (:meth:`DateSources.postal_zone`). Written by hand: CLDR maps zones
#: to countries, not to states.
_REGION_ZONES = {
    region: zone
    for zone, regions in {
        "America/New_York": "CT DE DC FL GA KY ME MD MA NH NJ NY NC OH PA RI SC VT VA WV IN MI",
        "America/Chicago": "AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI",
        "America/Denver": "CO ID MT NM UT WY",
        "America/Los_Angeles": "CA NV OR WA",
        "America/Phoenix": "AZ",
        "America/Anchorage": "AK",
        "Pacific/Honolulu": "HI",
        "America/Puerto_Rico": "PR",
        # Canada's provinces, whose postal codes have another shape
        "America/Vancouver": "BC",
        "America/Edmonton": "AB",
        "America/Regina": "SK",
        "America/Winnipeg": "MB",
        "America/Toronto": "ON QC",
        "America/Halifax": "NB NS PE",
        "America/St_Johns": "NL",
    }.items()
    for region in regions.split()
}
#: The texts of a page's footers and addresses, where a site gives its own postal address
#: (an old Spanish-language template's footer is its "pie").
_FOOTER_TEXTS = etree.XPath(
    "//footer//text() | //address//text()"
    " | //body//*[not(ancestor-or-self::article)]"
    "[contains(translate(concat(@class, ' ', @id), 'FOTER', 'foter'), 'footer')"
    " or contains(concat(' ', translate(concat(@class, ' ', @id), 'PIE', 'pie'), ' '), ' pie ')]"
    "//text()"
)
#: A city, a comma, then a state and its ZIP code or a province and its postal code; or a
#: British city and its postcode ("London SW1P 1WG", "Glasgow, G2 3QB"; Gibraltar's "GX11 1AA"
#: is shaped so too).
_POSTAL_ADDRESS = re.compile(
    r"\b[A-Z][\w'’]+(?:[ .-][A-Z][\w'’]+)*(?:,\s+"
    r"(?:(?P<region>[A-Z]{2})\s+(?:\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d))"
    r"|,?\s+(?!GX11)(?P<postcode>[A-Z]{1,2}\d[A-Z\d]?\s\d[ABD-HJLNP-UW-Z]{2}))(?![\w-])"
)
#: The zone of a British postcode's address.
_POSTCODE_ZONE = "Europe/London"
#: An IANA time zone's name, as a site's settings write it ("America/New_York").
_ZONE_NAME = re.compile(
    r"\b(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)"
    r"(?:/[A-Z][A-Za-z_-]+){1,2}\b"
)
_HALF_DAY = timedelta(hours=12)
_UPDATE_GAP = timedelta(hours=1)
#: How long before an update a dateline's first publication may be, when a CMS rewrote it.
_REWRITE_WINDOW = timedelta(days=2)
#: A date further in the future than this is a countdown, an event, or a bad clock.
_FUTURE_SLACK = timedelta(days=1)


class DateSources:
    """One page's date sources; :meth:`published` and :meth:`modified` read them in order."""

    def __init__(
        self,
        *,
        url: str,
        article: Mapping[str, Any],
        page_node: Mapping[str, Any],
        meta: Mapping[str, str],
        tree: HtmlElement,
        anatomy: Anatomy,
        locale: str | None,
        host: str,
        seen: datetime | None = None,
    ) -> None:
        self.url = url
        self.article = article
        self.page_node = page_node
        self.meta = meta
        self.tree = tree
        self.anatomy = anatomy
        self.locale = locale
        self.host = host
        self.seen = seen

    def published(self) -> datetime | None:
        """The first publication time, aware, in the offset the page gave it.

        A time the page gave in UTC is shown in the page's own offset when the page says
        which (its dateline's time, its other dates, or its country's one time zone), so that
        its day is the one its readers saw.
        """
        return self._published

    @cached_property  # read again by modified(), which is never earlier
    def _published(self) -> datetime | None:
        machine = (
            self._article_published,
            lambda: [self.page_node.get("datePublished")] if not self.article else [],
            self._item_dates,
            self._titled_dates,
            lambda: (self.meta.get(key) for key in PUBLISHED_META),
            self._dateline_times,
        )
        found = self._found(*machine, naive=True)
        if found is not None:
            when, value = found
            earlier = self._before_an_update(when, value)
            if earlier is not None:
                return earlier
            local = self._local(when)
            if _day_only(value) or 1 <= local.hour < 12:
                # "2024-05-17" beside a dateline "17.05.2024 08:21": the dateline's time; and
                # "T05:45:00" beside "05:45 م" (p.m.): a CMS that wrote its time with a clock
                # of 12 hours, as the dateline does
                timed = self._dateline_time_on(local.date())
                if timed is not None and _day_only(value):
                    return timed
                if timed is not None and _wall_minute(timed) - _wall_minute(local) == _HALF_DAY:
                    return local + _HALF_DAY
            return local
        return self._first(
            self._dateline_text,
            self._url_day,
            self._sole_update,
            self._relative_dateline,
            self._wire_dateline,
            self._classed_below,
            self._issue_line,
            # a midnight after the modification when nothing else dates the page: a story
            # scheduled for midnight and edited before it went out
            lambda: [self.article.get(key) for key in ("datePublished", "dateCreated")],
        )

    def _article_published(self) -> list[Any]:
        """The article's JSON-LD ``datePublished`` and ``dateCreated``, less a midnight later
        than its own ``dateModified``: the day of a print issue that ran the story after it
        went online (``"datePublished": "2021-03-17T00:00:00+03:00"`` beside a
        ``dateModified`` and a dateline of "16.03.2021, 22:31"), which no first publication
        is (unless nothing else dates the page), and with it ``dateCreated``, a draft's. A time
        seconds or hours after the modification is a CMS's slip, and stays."""
        values = [self.article.get(key) for key in ("datePublished", "dateCreated")]
        modified = self._parse(self.article.get("dateModified"))
        published = self._parse(values[0])
        if (
            modified is not None
            and published is not None
            and modified.tzinfo is not None
            and published.tzinfo is not None
            and published > modified
            and published.time() == time(0)
        ):
            return []  # its dateCreated is a draft's, no publication either
        return values

    def _before_an_update(self, when: datetime, value: Any) -> datetime | None:
        """An earlier publication time the page gives, when its first machine-readable one is
        also its modification time: a CMS that rewrites ``datePublished`` on every update,
        while the dateline keeps the first ("Published - March 22, 2023 08:15 pm IST" beside
        ``"datePublished": "2023-03-22T22:41:00+05:30"``, also its ``dateModified``), or one
        (``<meta name="date">``, say) that holds the time, or the day, of the update the page
        shows, where the dateline labels the earlier one as the publication's ("Erstellt:
        03.11.2022, 16:05 Uhr | Aktualisiert: 04.11.2022, 08:12 Uhr"); on a page that shows
        the update, an hour to two days before, and not at the same wall-clock time (a zone
        read another way)."""
        shown_update = next(self._modified_dateline(), None)
        if shown_update is None:
            return None  # the page shows no update: the two times may both be the first
        updates = (self.article.get("dateModified"), *(self.meta.get(k) for k in MODIFIED_META))
        day_only = _day_only(value)
        declared = (
            not day_only
            and when.tzinfo is not None
            and when in {self._parse(update) for update in updates if update}
        )
        if not declared and not (
            when.date() == self._local(shown_update).date()
            if day_only
            else _wall_minute(self._local(when)) == _wall_minute(self._local(shown_update))
        ):
            return None
        # the shown update's time or day, where only a date labelled as the publication's
        # is the first (an event's date above the story is no dateline)
        shown = self._first(
            lambda: self._dateline(self._shown, labelled_only=not declared), naive=True
        )
        first = self._local(shown) if shown is not None else None
        if first is None:
            return None
        if day_only:  # the update's day: the dateline's, a day or two before
            earlier = when.date() - _REWRITE_WINDOW <= first.date() < when.date()
            return first if earlier else None
        local = self._local(when)
        if not local - _REWRITE_WINDOW <= first <= local:
            return None
        if first.time() == time(0):  # a day without its time: only an earlier day tells
            return first if first.date() < local.date() else None
        if _wall_minute(first) == _wall_minute(local):
            return None  # the same time, read in another zone
        return first if first <= local - _UPDATE_GAP else None

    def modified(self) -> datetime | None:
        """The last modification time, in the page's own offset as :meth:`published` is; a
        time in UTC that nothing else places takes the offset of the publication time.

        From JSON-LD, ``<meta>`` and microdata, else from the dateline's first date
        labelled as an update ("Updated 4:58 p.m. ET May 14, 2024", "Oppdatert <time
        datetime>", "수정 2024.08.19 16:40"), which is dropped when it falls before the
        publication time (a label read wrong).
        """
        when = self._first(
            lambda: [self.article.get("dateModified")],
            lambda: (self.meta.get(key) for key in MODIFIED_META),
            lambda: self.tree.xpath(_MODIFIED_XPATH),
            naive=True,
        )
        shown = when is None
        if shown:
            when = self._first(self._modified_times, self._modified_dateline, naive=True)
        if when is None:
            return None
        local = self._local(when)
        published = self.published()
        if (
            when.utcoffset() == timedelta(0)
            and local.utcoffset() == timedelta(0)
            and self.local_zone(when.replace(tzinfo=None)) is None
            and published is not None
            and published.utcoffset()
        ):
            local = when.astimezone(published.tzinfo)
        if shown and published is not None and local < published:
            return None
        return local

    def _modified_times(self) -> Iterator[str]:
        """The ``<time datetime>`` of the dateline labelled as an update, by the words before
        it ("Oppdatert <time>") or the class of its line (``span.dateModified``)."""
        for element in self.anatomy.zone(tail=False):
            parent = element.getparent()
            if element.tag != "time" or parent is None or not element.get("datetime"):
                continue
            label = _text_before(element)
            if MODIFIED_LABEL.search(label) or (
                _labelled_modified(parent) and not PUBLISHED_LABEL.search(label)
            ):
                yield element.get("datetime", "")

    def _modified_dateline(self) -> Iterator[datetime]:
        """Dates the dateline writes with a label of an update (:meth:`_dateline`)."""
        yield from self._dateline(self._shown, updates=True)

    def _url_day(self) -> Iterator[datetime]:
        day = url_date(self.url)
        if day is not None:
            yield day.replace(tzinfo=None)  # a day of the page's own calendar

    def _first(self, *sources: Callable[[], Iterable[Any]], naive: bool = False) -> datetime | None:
        """The first usable date of the sources, in order; a source is only read when the ones
        before it gave none. A time without offset is the page's local time (``naive``: left
        naive for :meth:`_local`)."""
        found = self._found(*sources, naive=naive)
        return found[0] if found is not None else None

    def _found(
        self, *sources: Callable[[], Iterable[Any]], naive: bool = False
    ) -> tuple[datetime, Any] | None:
        """:meth:`_first`'s date, with the value it was read from."""
        latest = datetime.now(UTC) + _FUTURE_SLACK
        for source in sources:
            for value in source():
                when = value if isinstance(value, datetime) else self._parse(value)
                if when is None:
                    continue
                if when.tzinfo is None:
                    if naive:
                        return (when, value) if when.replace(tzinfo=UTC) <= latest else None
                    when = when.replace(tzinfo=self.wall_zone(when) or UTC)
                if when <= latest:
                    return when, value
        return None

    def _dateline_time_on(self, day: date) -> datetime | None:
        """The first time the dateline shows on ``day`` (as :meth:`_dateline` ranks its
        dates), in its own offset or the page's local one; None when it shows none that day."""
        day_first, country = self.day_first, self.country()
        timed = self._dateline(
            lambda text: (
                (shown.start, shown.when)
                for shown in shown_dates(text, self.locale, day_first, self.calendar, country)
                if shown.has_time
            )
        )
        for when in timed:
            if when.date() == day:
                return when if when.tzinfo else when.replace(tzinfo=self.wall_zone(when) or UTC)
        return None

    def _local(self, when: datetime) -> datetime:
        """A machine-readable time in the page's own offset.

        A time in UTC is shown in the offset its dateline's time reveals, else in the page's
        zone unless only UTC gives the day the dateline shows. A time without offset is
        local, or UTC when only that reading gives the day the dateline shows.
        """
        if when.tzinfo is None:
            written = self._zone_beside(when)
            if written is not None:  # "9:45 PM PT" beside 21:45
                return when.replace(tzinfo=written)
            zone = self.wall_zone(when)
            if zone is None:
                return when.replace(tzinfo=UTC)
            local, from_utc = when.replace(tzinfo=zone), when.replace(tzinfo=UTC).astimezone(zone)
            if local.date() != from_utc.date() and from_utc.date() in self._dateline_days():
                return from_utc
            return local
        if when.utcoffset() != timedelta(0):
            return when
        mislabelled = self._zone_beside(when.replace(tzinfo=None), local=True)
        if mislabelled is not None and mislabelled.utcoffset(None):
            # "14:30Z" beside "14:30 WIB": a CMS wrote its local time as UTC
            return when.replace(tzinfo=mislabelled)
        shown = self._shown_offset(when)
        if shown is not None:
            return when.astimezone(shown)
        zone = self.local_zone(when.replace(tzinfo=None))
        if zone is None:
            return self._in_a_zone_of_its_day(when) or when
        local = when.astimezone(zone)
        if local.date() != when.date():
            days = self._dateline_days()
            if when.date() in days and local.date() not in days:
                return when  # the day the page shows is UTC's
        return local

    def _dateline_days(self) -> set[date]:
        return {shown.date() for shown in self._dateline_text()}

    def _in_a_zone_of_its_day(self, when: datetime) -> datetime | None:
        """A UTC instant on a page of no known zone whose URL or dateline shows another day
        than UTC's, in the first zone that gives the shown day: of the region its language
        tag names, of the country that language is most written in, else New York's (most
        news sites on generic domains are American). None when none of them gives it."""
        days = self._dateline_days()
        url_day = url_date(self.url) if self.calendar is None else None
        if url_day is not None:
            days.add(url_day.date())
        if not days or when.date() in days:
            return None
        wall = when.replace(tzinfo=None)
        for country in (*countries_of(self.locale), "US"):
            zone = _country_zone(country, wall)
            if zone is not None and when.astimezone(zone).date() in days:
                return when.astimezone(zone)
        return None

    def _shown_offset(self, when: datetime) -> tzinfo | None:
        """The offset that turns ``when`` (UTC) into a time the dateline shows, or a
        ``<time datetime>`` of the page writes for the same instant."""
        utc = when.replace(tzinfo=None, second=0, microsecond=0)
        for value in self.tree.xpath("//time/@datetime"):
            written = parse_date(value, naive=True) if len(value) < 40 else None
            if (
                written is not None
                and written.utcoffset()
                and (written.astimezone(UTC).replace(tzinfo=None, second=0, microsecond=0) == utc)
            ):
                return written.tzinfo
        for shown in self._dateline_clock:
            if shown.tzinfo is not None:  # "9:30 p.m. EDT": the same instant
                if shown.astimezone(UTC).replace(tzinfo=None, second=0) == utc:
                    return shown.tzinfo
                # "12:02 am IST" for 22:02Z: Israel's IST, on a site of no country's domain
                difference = shown.replace(tzinfo=None, second=0) - utc
                if difference in OTHER_MEANINGS.get(shown.utcoffset() or timedelta(0), ()):
                    return timezone(difference)
                continue
            difference = shown - utc
            if abs(difference) <= timedelta(hours=14) and not difference % timedelta(minutes=15):
                return timezone(difference)
        return None

    def _zone_beside(self, wall: datetime, *, local: bool = False) -> tzinfo | None:
        """The zone the dateline writes beside the wall-clock time ``wall`` (naive) on its
        day ("May 16, 2024 9:45 PM PT"); with ``local``, also the page's local zone when the
        dateline shows that time without one. None when it shows no such time."""
        wall = wall.replace(second=0, microsecond=0)
        for shown in self._dateline_clock:
            if shown.replace(tzinfo=None, second=0) != wall:
                continue
            if shown.tzinfo is not None:
                return shown.tzinfo
            if local:
                return self.local_zone(wall)
        return None

    @cached_property
    def _dateline_clock(self) -> list[datetime]:
        """The dates with a time that the dateline shows, in order: naive unless it wrote
        their zone."""
        day_first, country = self.day_first, self.country()
        return [
            shown.when
            for _, text in _texts(self.anatomy.zone(tail=False))
            for shown in shown_dates(text, self.locale, day_first, self.calendar, country)
            if shown.has_time
        ]

    def local_zone(self, wall: datetime) -> tzinfo | None:
        """The page's time zone for a wall-clock time: the offset written on its other dates,
        else the one zone its scripts name (when the page's country has no other offset at
        that time: a third party's script may name its own), else, on a domain of the
        address's country or of none, the zone of its postal address (:attr:`postal_zone`),
        else its country's, when all or most of that country's zones agree at that time, else
        the zone most of that country's newsrooms keep (:data:`_PRINCIPAL_ZONES`)."""
        if self.page_offset is not None:
            return self.page_offset
        country = self.country()
        names = _territory_zones().get(country, []) if country is not None else []
        named = zone_offset(self.named_zone, wall) if self.named_zone is not None else None
        if named is not None and (
            country is None or named in {zone_offset(name, wall) for name in names}
        ):
            return named
        postal = self.postal_zone
        if postal is not None and country in (None, *postal[1]):
            return zone_offset(postal[0], wall)
        return _country_zone(country, wall) if country is not None else None

    def wall_zone(self, wall: datetime) -> tzinfo | None:
        """The zone of a wall-clock time the page writes without its offset: the page's
        (:meth:`local_zone`), else, when neither its domain nor its scripts place it, the
        zone of the region its language tag names ("es-CO"), else of the country its
        language is most written in ("ko" is Korea's): a site on a generic domain mostly
        writes its own readers' clock, which UTC would put hours off. Not for a time given
        in UTC, which is an instant already (:meth:`_in_a_zone_of_its_day`)."""
        zone = self.local_zone(wall)
        if zone is not None or self.named_zone is not None:
            return zone
        for country in countries_of(self.locale):
            zone = _country_zone(country, wall)
            if zone is not None:
                return zone
        return None

    @cached_property
    def postal_zone(self) -> tuple[str, tuple[str, ...]] | None:
        """The zone of the site's own postal address, and the countries it may be in, as a
        local paper's footer or ``<address>`` gives it: a US state's or a Canadian province's
        ("Seattle, WA 98134", "Toronto, ON M5V 2T6"), or else Britain's by a postcode on an
        English page ("London SW1P 1WG": a paper in another language, or a North American one,
        names its London office so); where all it gives agree, and never one a story names.
        Its country's many zones would otherwise put a paper in Seattle on New York's clock,
        and a British trade paper on a ``.com`` domain on New York's too. Not on a page whose
        language tag names another country ("en-IN")."""
        language, *tags = re.split(r"[-_]", self.locale or "")
        found = [
            match for text in _FOOTER_TEXTS(self.tree) for match in _POSTAL_ADDRESS.finditer(text)
        ]
        # (a North American paper's own address before the London office it lists too)
        zones: list[tuple[str, tuple[str, ...]]] = [
            (_REGION_ZONES[match["region"]], ("US", "CA"))
            for match in found
            if match["region"] in _REGION_ZONES
        ] or [
            (_POSTCODE_ZONE, ("GB",))
            for match in found
            if match["postcode"] and language.lower() == "en"
        ]
        if len(set(zones)) != 1:
            return None  # none, or offices in several zones
        regions = [tag.upper() for tag in tags if len(tag) == 2]
        return zones[0] if not regions or regions[0] in zones[0][1] else None

    @cached_property
    def named_zone(self) -> str | None:
        """The one IANA time zone the page's scripts or ``data-`` attributes name, as CMSs
        write their site's setting (``"timezone":"America/New_York"``); None when it names
        none, or several (a list of zones to choose from)."""
        names = {
            name
            for text in self.tree.xpath("//script/text() | //@*[starts-with(name(), 'data-')]")
            for name in _ZONE_NAME.findall(text)
            if name in _known_zones()
        }
        return names.pop() if len(names) == 1 else None

    def country(self) -> str | None:
        """The page's country, from its domain (``.it``, ``.co.uk``). A language tag's
        region is too often a CMS default (``en-US``, ``es-ES``) to overrule a domain, or to
        read an abbreviation, a calendar or a time in UTC by: the domain's country wins, and
        the language's only stands in for the zone of a time written without its offset that
        otherwise would be UTC (:meth:`wall_zone`). A domain sold as a brand (``.co``, ``.me``)
        names its country only under the country's own second level: ``diariodelsur.com.co``
        is Colombian, ``news.co`` may be anyone's."""
        *rest, tld = self.host.split(".")
        if len(tld) != 2 or not tld.isalpha():
            return None
        if tld not in _VANITY_TLDS or (len(rest) >= 2 and rest[-1] in _REGISTRY_LEVELS):
            return "GB" if tld == "uk" else tld.upper()
        return None

    def _parse(self, value: Any) -> datetime | None:
        """A machine-readable date; a naive one is kept naive for :attr:`page_offset`."""
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if not isinstance(value, str):
            return None
        parsed = parse_date(value, naive=True)
        if parsed is not None and self.calendar is not None and self.calendar.owns(parsed.year):
            # "1403-02-27T14:30:00+03:30": ISO 8601 in the page's own calendar
            day = self.calendar.gregorian(parsed.year, parsed.month, parsed.day)
            return parsed.replace(year=day.year, month=day.month, day=day.day) if day else None
        if parsed is None and len(value) < 60 and not empty_day(value):
            # "2020/06/07 08:25", "04:25:06 PM IST Apr 08, 2020": written out, not ISO.
            shown = shown_dates(value, None, None, self.calendar, self.country())
            parsed = shown[0].when if shown else None
        return parsed

    @cached_property
    def calendar(self) -> Calendar | None:
        """The calendar besides the Gregorian the page dates in, from its language or the
        country of its domain (Solar Hijri, the Buddhist era), or Minguo years on a page that
        names their era anywhere in its text ("中華民國113年7月9日"), wherever it is served
        from."""
        calendar = page_calendar(self.locale, self.country())
        if calendar is None and any(map(MINGUO_ERA.search, _ERA_TEXTS(self.tree))):
            return MINGUO
        return calendar

    # Offsets -------------------------------------------------------------------------------

    @cached_property
    def page_offset(self) -> tzinfo | None:
        """The offset other than UTC that the page writes on its machine-readable dates."""
        offsets: Counter[timedelta] = Counter()
        values = [*self.meta.values(), *(str(v) for v in self.article.values())]
        for value in values:
            if len(value) < 40 and value[:4].isdigit():
                parsed = parse_date(value, naive=True)
                offset = parsed.utcoffset() if parsed is not None else None
                if offset:
                    offsets[offset] += 1
        return timezone(offsets.most_common(1)[0][0]) if offsets else None

    # Microdata and RDFa ----------------------------------------------------------------------

    def _item_dates(self) -> Iterator[Any]:
        if not self.tree.xpath("boolean(//*[@itemscope] | //*[@typeof] | //*[@about])"):
            return
        for item in article_items(self.tree, self.url):
            properties = item.get("properties", {})
            for key in _ITEM_PUBLISHED:
                yield properties.get(key)
        yield from self._rdfa_dates()

    def _titled_dates(self) -> Iterator[str]:
        """The ISO 8601 date in the ``title`` of the article's publication element, as hAtom
        writes it and Blogger with microdata (``<abbr class="published"
        itemprop="datePublished" title="2024-06-07T18:42:00+01:00">6:42 PM</abbr>``, whose
        microdata value is its text): of an element of the article's microdata item, or of
        the page's one hAtom entry (a page of several is a list)."""
        entries: list[HtmlElement] | None = None
        for element in self.tree.xpath(_TITLED_PUBLISHED):
            title = element.get("title", "").strip()
            if not _ISO_DAY.match(title):
                continue
            if element.get("itemprop") in _ITEM_PUBLISHED:
                owner = next(
                    (n for n in element.iterancestors() if n.get("itemscope") is not None), None
                )
                types = owner.get("itemtype", "").split() if owner is not None else []
                if _is_article_item({"type": types}):
                    yield title
                    continue
            if "published" in element.get("class", "").split():
                if entries is None:
                    entries = self.tree.xpath(_HATOM_ENTRY)
                if len(entries) == 1 and entries[0] in element.iterancestors():
                    yield title

    def _rdfa_dates(self) -> Iterator[str]:
        """The publication dates RDFa gives the page's own item (``property="dc:date"``,
        ``"schema:datePublished"``): its ``content``, else its ``datetime``, else its text."""
        for element in self.tree.xpath("//*[@property]"):
            terms = element.get("property", "").split()
            if any(re.split(r"[/#:]", term)[-1] in _ITEM_PUBLISHED for term in terms) and (
                self._about_the_page(element)
            ):
                yield element.get("content") or element.get("datetime") or element.text_content()

    def _about_the_page(self, element: HtmlElement) -> bool:
        """Whether the RDFa subject of ``element``'s properties is the page: the nearest
        ``about`` (or ``resource`` of a ``typeof``) names the page's own address (Drupal's
        node among its teasers), or the nearest ``typeof`` without one is an Article."""
        for node in (element, *element.iterancestors()):
            types = node.get("typeof") if node is not element else None
            about = node.get("about") or (node.get("resource") if types is not None else None)
            if about is not None:
                path = urlsplit(urljoin(self.url, about.strip())).path.rstrip("/")
                return path == urlsplit(self.url).path.rstrip("/")
            if types is not None:
                return _is_article_item({"type": types.split()})
        return False

    # The dateline ----------------------------------------------------------------------------

    def _dateline_times(self) -> Iterator[str]:
        """``<time datetime>``, hAtom's ``<abbr class="published" title>`` and the date
        attributes of the dateline (:meth:`_attribute_date`), those after the headline first
        (a date bar above the page shows today's date)."""
        headline = self.anatomy.headline
        position = self.anatomy.order.get(headline, -1) if headline is not None else -1
        found: list[tuple[bool, str]] = []
        for element in self.anatomy.zone(tail=False):
            if element.tag == "time" and not _labelled_modified(element):
                value = element.get("datetime") or ""
            elif element.tag == "abbr" and "published" in element.get("class", "").split():
                value = element.get("title") or ""
            elif (attribute := self._attribute_date(element)) is not None:
                value = attribute
            else:
                continue
            found.append((self.anatomy.order.get(element, 0) < position, value))
        for _, value in sorted(found, key=lambda item: item[0]):
            yield value
        articles = self.tree.xpath("//article[not(ancestor::article)]")
        if len(articles) == 1:
            for element in articles[0].iter("time"):
                if not _labelled_modified(element) and not self._in_box(element, articles[0]):
                    yield element.get("datetime") or ""
                    return

    def _in_box(self, element: HtmlElement, container: HtmlElement) -> bool:
        """Whether ``element`` sits in a box (:meth:`Anatomy.is_box`) inside ``container``."""
        for node in element.iterancestors():
            if node is container:
                return False
            if self.anatomy.is_box(node):
                return True
        return False

    def _attribute_date(self, element: HtmlElement) -> str | None:
        """The machine-readable date an element of the dateline keeps in an attribute
        (Naver's ``data-date-time="2024-06-05 14:32:11"``, Sohu's ``data-val`` in epoch
        milliseconds): only on an element marked as a date, not as a modification, of a
        date from 1995 on that is the day its text shows, give or take the offset (an
        attribute of a bare name, ``data-val``, only with such a text)."""
        names = [name for name in _DATE_DATA if name in element.attrib]
        if not names or _labelled_modified(element) or not _marked_as_date(element):
            return None
        value = element.get(names[0], "").strip()
        when = parse_date(value, naive=True) if len(value) < 40 else None
        if when is None or when.year < 1995:
            return None
        text = squash(element.text_content())[:LINE_CHARS]  # the day it shows, in one line
        if MODIFIED_LABEL.search(_previous_text(element)):
            return None
        shown = shown_dates(text, self.locale, self.day_first, self.calendar, self.country())
        if not shown:
            return value if names[0] not in _BARE_DATA else None
        return value if abs(shown[0].when.date() - when.date()) <= timedelta(days=1) else None

    def _dateline_text(self) -> Iterator[datetime]:
        """Dates as the dateline writes them (:meth:`_dateline`)."""
        yield from self._dateline(self._shown)

    def _sole_update(self) -> Iterator[datetime]:
        """A dateline classed as an update whose words do not say so, on a page that declares
        no modification, read after the sources of :meth:`_published` before it found nothing:
        hAtom's ``updated``, which stands for the publication where ``published`` is missing
        (RNZ's ``<span class="updated">5:08 pm on 17 May 2024</span>`` under the headline)."""
        if self.article.get("dateModified") or any(self.meta.get(key) for key in MODIFIED_META):
            return
        yield from self._dateline(self._shown, classed_updates=True)

    def _shown(self, text: str) -> Iterator[tuple[int, datetime]]:
        """Where each date ``text`` shows starts, and the date, read as the page writes them,
        with a time labelled as the publication's alone (:func:`_published_clock`)."""
        day_first, country = self.day_first, self.country()
        shown = shown_dates(text, self.locale, day_first, self.calendar, country)
        for date_shown in shown:
            yield date_shown.start, date_shown.when
        yield from _published_clock(text, shown, self.locale)

    def _relative_dateline(self) -> Iterator[datetime]:
        """Dates the dateline writes relative to when the page was seen ("3 hours ago") or
        without their year ("17 May, 10:30"), read against its capture time; none when that
        time is not known."""
        if self.seen is None:
            return
        seen = self.seen
        zone = self.local_zone(seen.astimezone(UTC).replace(tzinfo=None))
        country = self.country()
        yield from self._dateline(
            lambda text: [
                *(
                    (relative.start, when)
                    for relative in relative_dates(text, self.locale)
                    if (when := relative.when(seen, zone)) is not None
                ),
                *(
                    (day.start, when)
                    for day in days_without_year(text, self.locale, country)
                    if (when := in_capture_year(day, seen, zone)) is not None
                ),
            ]
        )

    def _wire_dateline(self) -> Iterator[datetime]:
        """The day of an agency's dateline that opens the story's first paragraph ("BERLIN,
        17. Mai (Reuters) - ", :func:`spiders.dates.wire_date`), in the capture's year when it
        leaves the year out. Any other date of the body is a date the story names, not the
        page's."""
        first = self.anatomy.prose.first
        if first is None:
            return
        text = squash(first.text_content())
        day = wire_date(text, self.locale, self.day_first, self.calendar, self.country())
        if isinstance(day, datetime):
            yield day
        elif day is not None and self.seen is not None:
            zone = self.local_zone(self.seen.astimezone(UTC).replace(tzinfo=None))
            when = in_capture_year(day, self.seen, zone)
            if when is not None:
                yield when

    def _classed_below(self) -> Iterator[datetime]:
        """A date below the story that its class alone marks as one, alone on its line (after
        its weekday at most, with its time), outside lists, links and teasers and beside no
        picture ("<div class='sectfoot'><span class='date'>3. 4. 2014</span>", taz's only
        date), read after the URL and the other datelines: a footer may date the page's
        view."""
        day_first, country = self.day_first, self.country()

        def alone(text: str) -> Iterator[tuple[int, datetime]]:
            for shown in shown_dates(text, self.locale, day_first, self.calendar, country):
                weekday = re.fullmatch(r"(?:[^\W\d_]+\.?,)?", text[: shown.start].strip())
                if weekday is not None and not text[shown.end :].strip(" ,."):
                    yield shown.start, shown.when

        yield from self._dateline(alone, below=True)

    def _teaser_place(self, element: HtmlElement) -> bool:
        """Whether a date below the story stands where another story's does
        (:data:`_TEASER_PLACE`), not beside a picture only because the block it stands in
        holds the story and its pictures (a K2 item's "<div class='createddate'>")."""
        if not _TEASER_PLACE(element):
            return False
        first, parent = self.anatomy.prose.first, element.getparent()
        holds_story = first is not None and parent is not None and parent in first.iterancestors()
        return not holds_story or _LINKED_TEASER_PLACE(element)

    def _issue_line(self) -> Iterator[datetime]:
        """The day of the print issue that a line above the headline names with its number
        ("Vol. 14 No. 8 | Friday, February 21, 2014", "السنة 136 - العدد 45791 - … 18 أبريل
        2012") or its word ("Wednesday, November 7, 2012 Issue"), wherever the template set
        it: an old paper's site files each story under its issue and dates it no other way;
        of a line's dates, the first after the number, else the last before it. Read after
        the other datelines and the URL, since a header may show the day the page was
        seen."""
        headline = self.anatomy.headline
        if headline is None:
            return
        order, country = self.anatomy.order, self.country()
        # not another story's line, in a link; but the page's issue's own, linking to the
        # issue's contents that the page's address is under ("<a href='/the-paper/v46/n10'>Vol.
        # 46 No. 10 · 23 May 2024</a>" on /the-paper/v46/n10/…)
        above = [
            e
            for e in order
            if order[e] < order[headline] and (not IN_LINK(e) or self._own_issue_link(e))
        ]
        for element, text in _texts(above):
            if len(text) > SHORT_LINE_CHARS:
                continue
            shown = shown_dates(text, self.locale, self.day_first, self.calendar, country)
            number = _ISSUE_NUMBER.search(text)
            if number is not None and shown:
                after = [day for day in shown if day.start >= number.end()]
                yield (after[0] if after else shown[-1]).when
                return
            for day in shown:
                # the issue's word right after the date, or before it ("Ausgabe vom …")
                if _ISSUE_WORD_AFTER.match(text, day.end) or _ISSUE_WORD_BEFORE.search(
                    text[: day.start]
                ):
                    yield day.when
                    return
            if shown and element.tag != "title":
                return  # but the <title>'s, which no reader sees above the headline

    def _own_issue_link(self, element: HtmlElement) -> bool:
        """Whether ``element`` is in a link to the issue's contents that the page's own
        address lies under, as a magazine files each story under its issue."""
        link = next(node for node in (element, *element.iterancestors()) if node.tag == "a")
        path = urlsplit(urljoin(self.url, link.get("href") or "")).path.rstrip("/")
        return len(path) > 1 and urlsplit(self.url).path.startswith(f"{path}/")

    def _dateline(
        self,
        read: Callable[[str], Iterable[tuple[int, datetime]]],
        *,
        updates: bool = False,
        classed_updates: bool = False,
        below: bool = False,
        labelled_only: bool = False,
    ) -> Iterator[datetime]:
        """The dates ``read`` finds in the dateline (each with where it starts in its text),
        between the headline and the body first (or atop the story's own side column), then
        above the headline. A line marked as the publication date (by its label or its class)
        wins over an unmarked one; a date inside a long text (a sentence of the story, a
        headline) is no dateline. Dates labelled as an update are left out, or with
        ``updates`` are the only ones read, in the same order; with ``classed_updates``, a line
        marked as an update by its class alone is read as a publication's; with ``below``,
        only a date below the body that its class alone marks as one is read
        (:meth:`_classed_below`); with ``labelled_only``, only dates a label says are the
        publication's ("Erstellt:", "Veröffentlicht am")."""
        headline = self.anatomy.headline
        position = self.anatomy.order.get(headline, 0) if headline is not None else -1
        side = self.anatomy.side_column  # beside the headline, though written elsewhere
        in_head = {*self.anatomy.zone(tail=False), *side}
        ranked: list[tuple[int, int, datetime]] = []
        for element, text in _texts([*self.anatomy.zone(), *side]):
            if _CAPTION_OR_TODAY(element):
                continue  # a picture's day ("(中央社記者王飛華攝 113年5月16日)"), today's
            in_headline = (
                _in_heading(element)
                and not _dated_heading(element)
                and not _marked_as_date(element)  # "<h6><span class='date'>…</span></h6>"
            )
            for start, when in read(text):
                if start > _DATELINE_START and len(text) > SHORT_LINE_CHARS:
                    continue
                label = _label_before(text, start)
                if start == 0:
                    label = _previous_text(element)  # <dt>수정</dt><dd>2024.05.17</dd>
                first = FIRST_PUBLISHED_LABEL.search(text[max(0, start - 40) : start]) is not None
                labelled = first or bool(PUBLISHED_LABEL.search(label))
                if in_headline and not (labelled and len(text) <= SHORT_LINE_CHARS):
                    continue  # a heading's date is a headline's, unless a short line says
                    # it is the publication's ("<h6>Posted Wednesday, March 13 2013</h6>")
                update = bool(MODIFIED_LABEL.search(label)) or (
                    _labelled_modified(element)
                    and not (updates and labelled)
                    and not classed_updates
                )
                if update != updates or (labelled_only and not labelled):
                    continue
                labelled = labelled or update
                if element not in in_head:
                    # Below the body only a line that says so by its label (or, read apart,
                    # by its class): other stories' teasers follow.
                    if labelled and not below:
                        ranked.append((-1 if first else 2, 0, when))
                    elif below and _marked_as_date(element) and not self._teaser_place(element):
                        ranked.append((3, 0, when))
                    continue
                if below:
                    continue
                marked = labelled or _marked_as_date(element)
                ahead = self.anatomy.order.get(element, 0) >= position
                ranked.append((-1 if first else 0 if marked else 1, 0 if ahead else 1, when))
        for _, _, when in sorted(ranked, key=lambda item: item[:2]):
            yield when

    @cached_property
    def day_first(self) -> bool | None:
        """How the page writes 05/06/2024: from an unambiguous date of the same kind on the
        page, else from its locale, else from the country of its domain, else from the
        country whose zone its dateline names ("10:30 AM (IST)": :func:`zone_country`)."""
        text = squash(" ".join(self.tree.xpath("//body//text()[not(ancestor::script)]")))[:50_000]
        votes = Counter(
            first > 12
            for shown in shown_dates(text, None, None)
            if (first := _leading_number(text[shown.start : shown.end])) is not None
        )
        if votes:
            return votes.most_common(1)[0][0]
        order = day_first_in(self.locale)
        if order is not None and "-" in (self.locale or ""):
            return order
        country = self.country() or next(
            filter(None, (zone_country(text) for _, text in _texts(self.anatomy.zone(tail=False)))),
            None,
        )
        if country is not None:
            language = (self.locale or "").split("-")[0]
            for tag in (f"{language}-{country}" if language else None, f"und-{country}"):
                in_country = day_first_in(tag) if tag else None
                if in_country is not None:
                    return in_country
        return order


def _wall_minute(when: datetime) -> datetime:
    """The wall-clock time of ``when`` to the minute, its offset left out."""
    return when.replace(tzinfo=None, second=0, microsecond=0)


def _day_only(value: Any) -> bool:
    """Whether a machine-readable date gives a day without its time ("2024-05-17",
    "2024/06/14", "20240517"): no clock written, and no Unix timestamp (digits alone, unless
    eight: a day without separators)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return (
        isinstance(value, str)
        and re.search(r"\d[:h]\d|T\d", value) is None
        and not (value.strip().isdigit() and len(value.strip()) != 8)
    )


def _country_zone(country: str, wall: datetime) -> tzinfo | None:
    """The offset of a country at a wall-clock time: the one all or most of its zones have,
    else the one of the zone most of its newsrooms keep (:data:`_PRINCIPAL_ZONES`)."""
    names = _territory_zones().get(country, [])
    offsets = Counter(filter(None, (zone_offset(name, wall) for name in names)))
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    if 3 * count >= 2 * len(names):
        return offset
    principal = _PRINCIPAL_ZONES.get(country)
    return zone_offset(principal, wall) if principal is not None else None


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@functools.cache
def _territory_zones() -> dict[str, list[str]]:
    """Each country's IANA time zones, from Babel's CLDR data."""
    return dict(get_global("territory_zones"))


def _leading_number(text: str) -> int | None:
    """The first number of a d/m/y or m/d/y date that settles the order (one is over 12)."""
    match = re.match(r"\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]", text)
    if match is None or (int(match[1]) > 12) == (int(match[2]) > 12):
        return None
    return int(match[1])


def article_items(tree: HtmlElement, url: str) -> list[dict[str, Any]]:
    """The page's schema.org Article items in microdata, as extruct reads them. (RDFa is read
    from its attributes, :meth:`DateSources._rdfa_dates`: extruct's RDFa needs a DOM tree of
    its own parser, and pyRdfa takes a tenth to half a second a page.)"""
    items: list[dict[str, Any]] = []
    if tree.xpath("boolean(//*[@itemscope])"):
        from extruct.w3cmicrodata import MicrodataExtractor

        with contextlib.suppress(Exception):  # malformed markup: the other sources remain
            items += MicrodataExtractor().extract_items(tree, url)
    return [item for item in items if _is_article_item(item)]


def _is_article_item(item: Mapping[str, Any]) -> bool:
    types = item.get("type")
    names = types if isinstance(types, list) else [types]
    return any(
        isinstance(name, str) and re.split(r"[/:#]", name)[-1].endswith(("Article", "BlogPosting"))
        for name in names
    )


#: A dateline is a short line (:data:`~spiders.anatomy.SHORT_LINE_CHARS`), or its date comes
#: within this many characters of its start.
_DATELINE_START = 60
_DATE_MARKS = re.compile(r"date|time|publi|posted|fecha|datum|data|zeit|tarih|дата", re.I)


def _marked_as_date(element: HtmlElement) -> bool:
    for node in (element, element.getparent()):
        if node is not None and _DATE_MARKS.search(
            f"{node.get('class', '')} {node.get('id', '')} {node.get('itemprop', '')}"
        ):
            return True
    return False


def _text_before(element: HtmlElement) -> str:
    """The last words its parent writes before the element: "Oppdatert" of "Oppdatert
    <time>"."""
    parent = element.getparent()
    pieces = [parent.text or ""] if parent is not None else []
    for sibling in element.itersiblings(preceding=True):
        pieces[1:1] = [*sibling.itertext(), sibling.tail or ""]
    text = squash(_joined(pieces))[-25:]
    if text or parent is None:
        return text
    return _previous_text(parent)


def _previous_text(element: HtmlElement) -> str:
    previous = element.getprevious()
    text = squash("".join(previous.itertext())) if previous is not None else ""
    return text[-25:] if len(text) < 40 else ""


def _in_heading(element: HtmlElement) -> bool:
    return any(
        node.tag in ("h1", "h2", "h3", "h4", "h5", "h6")
        for node in (element, *element.iterancestors())
    )


#: The page's texts that name the Minguo era, found by libxml2 rather than read whole.
_ERA_TEXTS = etree.XPath("//text()[contains(., '民國')]")


def _dated_heading(element: HtmlElement) -> bool:
    """A heading that is a date, not a headline: Blogger's ``<h2 class="date-header">`` over
    the day's posts."""
    return any(
        node.tag in ("h2", "h3", "h4", "h5", "h6")
        and "date" in f"{node.get('class', '')} {node.get('id', '')}".lower()
        for node in (element, *element.iterancestors())
    )


def _labelled_modified(element: HtmlElement) -> bool:
    marks = f"{element.get('class', '')} {element.get('itemprop', '')} {element.get('id', '')}"
    marks = marks.lower()
    return ("updated" in marks or "modified" in marks) and "publish" not in marks


def _texts(elements: Iterable[HtmlElement]) -> Iterator[tuple[HtmlElement, str]]:
    """Each element's own text: its text and the tails of its children, with the text of a
    ``<time>`` child, so "Publicado: <time>27/01/2020</time>" reads as one line, and the
    time of day the next element shows (:func:`_clock_beside`); never a video's length
    (:func:`_is_duration`), a child classed as an update (read as its own line: Avada's
    hidden "<span class='updated'>2024-04-18T08:12:07-05:00</span><span>17 avril 2024</span>"),
    nor the date after another story's headline (:func:`teaser_link`)."""
    for element in elements:
        if element.tag in ("script", "style", "noscript", "template"):
            continue
        previous = element.getprevious()
        if (
            previous is not None
            and teaser_link(previous)
            and not (previous.tail or "").strip()
            and _BRACKETED.fullmatch(_joined(element.itertext()))
        ):
            continue  # another story's date in brackets right after its link: "<i>(07.11.2001)"
        parts = [element.text or ""]
        for child in element:
            if (
                child.tag in ("time", "span", "b", "strong", "em", "small")
                and not _is_duration(child)
                and not _labelled_modified(child)
            ):
                parts.append(_joined(child.itertext()))
            # another story's date after its headline's link, which opens the line: "» <a>…
            # </a> (01/11/2019)", not a byline's "Por <a>María José López García</a> 17/05/2024"
            if not (teaser_link(child) and not any(map(_LETTER.search, parts))):
                parts.append(child.tail or "")
        parts.append(_clock_beside(element))
        text = squash(_joined(parts))
        if text and any(ch.isdigit() for ch in text):
            yield element, text


_LETTER = re.compile(r"[^\W\d_]")
#: A text in round brackets, whole.
_BRACKETED = re.compile(r"\s*\(.*\)\s*", re.DOTALL)
#: A print issue's number ("Vol. 14 No. 8", "№ 213", "العدد 45791"); its word is below.
_ISSUE_NUMBER = re.compile(
    r"(?:\b(?:vol|volume|no|nr|issue|edition|édition|edición|edição|edizione|ausgabe|jahrgang"
    r"|numéro|número|numero|sayı|broj|číslo|wydanie)\.?\s*\d+|[№#]\s*\d+"
    r"|(?:العدد|السنة)\s*[\d٠-٩]+)"
    r"(?![\d٠-٩])(?!\s*[^\W\d])",  # a number, not a rank: "Springfield's No. 12 news source"
    re.IGNORECASE,
)
_ISSUE_WORDS = r"issue|edition|ausgabe|édition|edición|edizione|wydanie|выпуск"
_ISSUE_WORD_AFTER = re.compile(rf"\s*(?:{_ISSUE_WORDS})\b", re.IGNORECASE)
_ISSUE_WORD_BEFORE = re.compile(
    rf"\b(?:{_ISSUE_WORDS})\s+(?:of|vom|du|del|de|dell'|z|от)?\s*[^\W\d]*,?\s*$", re.IGNORECASE
)


#: Where another story's date stands: in a list, in a link or after one, or beside a linked
#: heading ("<div class='next-story'><h4><a>…</a></h4><div class='date'>…</div></div>")...
_TEASER_BY_LINK = (
    "ancestor-or-self::li | ancestor-or-self::a | preceding-sibling::a"
    " | ../*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6][.//a]"
)
#: ...or near a picture or beside a linked one (a teaser's, a gallery's).
_TEASER_BY_PICTURE = (
    "..//img | ../preceding-sibling::*[1][.//a//img] | ../following-sibling::*[1][.//a//img]"
)
_TEASER_PLACE = etree.XPath(f"boolean({_TEASER_BY_LINK} | {_TEASER_BY_PICTURE})")
#: A picture's caption, which dates the picture, and a header's date of the day the page was
#: seen ("<p class='today-date'>令和6年5月9日 (木)</p>").
_CAPTION_OR_TODAY = etree.XPath(
    "boolean(ancestor-or-self::figcaption | ancestor-or-self::*[position() <= 4]"
    "[contains(concat(' ', translate(@class, '_', '-'), ' '), ' today ') or "
    "contains(translate(@class, '_', '-'), 'today-date') or "
    "contains(translate(@class, '_', '-'), 'date-today')])"
)
_LINKED_TEASER_PLACE = etree.XPath(f"boolean({_TEASER_BY_LINK})")


#: A time of day alone, with the half of the day or the zone after it ("12:05 ص", "10:15 AM").
_BARE_CLOCK = re.compile(rf"{HOUR_MINUTE}(?:\s*[^\W\d]\S{{0,5}})?")


#: The last word before a date, where it may be the date's weekday: "Posted Wednesday, ".
_LAST_WORD = re.compile(r"[^\W\d_]+\.?,?\s*$")


def _label_before(text: str, start: int) -> str:
    """The words before a date at ``start`` that may label it, less a weekday between them
    ("Posted Wednesday, March 13 2013", "Updated Monday, 4 May")."""
    label = text[max(0, start - 25) : start]
    if PUBLISHED_LABEL.search(label) or MODIFIED_LABEL.search(label):
        return label
    return _LAST_WORD.sub("", text[max(0, start - 40) : start])


def _published_clock(
    text: str, shown: list[ShownDate], language: str | None
) -> Iterator[tuple[int, datetime]]:
    """A time a line labels as the publication's without its day, on the day of the line's
    date before it (else after it): a line that gives its update in full writes the first
    publication of the same day by its time alone ("Updated April 3 2025 - 4:45pm, first
    published 2:30pm", "Aktualisiert 17.05.2024, 16:10, veröffentlicht um 14:30"). Never
    later than that date's own time, an update's."""
    for clock in _BARE_CLOCK.finditer(text):
        start = clock.start()
        label = text[max(0, start - 25) : start]
        if any(d.start <= start < d.end for d in shown) or not PUBLISHED_LABEL.search(label):
            continue
        time_of_day = time_after(text, start, language)
        dated = [d for d in shown if d.end <= start][-1:] or shown[:1]
        if time_of_day is None or not dated:
            continue
        when = datetime.combine(dated[0].when.date(), time_of_day[0], dated[0].when.tzinfo)
        if not dated[0].has_time or when <= dated[0].when:
            yield start, when


def _clock_beside(element: HtmlElement) -> str:
    """The time of day that the element right after ``element`` shows alone, when marked as
    a date or time: a block of its own beside the date's (``<div class="article-date">17 مايو
    2024</div><div class="article-time">12:05 ص</div>``), also beside the element that holds
    only ``element`` (``<li><a><span>May 17, 2024</span></a></li><li><span
    class="post-info__item--type-time">3:45 pm</span></li>``); "" when there is none."""
    element = outermost_holder(element)
    following = element.getnext()
    if following is None or (element.tail or "").strip() or not isinstance(following.tag, str):
        return ""
    text = squash("".join(itertools.islice(following.itertext(), 8)))
    if not _BARE_CLOCK.fullmatch(text) or _is_duration(following):
        return ""  # the cheap test first: the element after may be the whole story
    marks = " ".join(f"{e.get('class', '')} {e.get('id', '')}" for e in following.iter())
    return text if _DATE_MARKS.search(marks) else ""


#: Class, id or itemprop words of an element that shows how long a video or a recording runs.
_DURATION_MARKS = re.compile(r"duration|runtime|(?:^|[\s_-])length(?:$|[\s_-])", re.IGNORECASE)


def _is_duration(element: HtmlElement) -> bool:
    """Whether the element shows a length ("2:35" of a video), not a time of day: marked as
    one, or a ``<time>`` whose ``datetime`` is an ISO 8601 duration ("PT2M35S")."""
    marks = " ".join(element.get(name, "") for name in ("class", "id", "itemprop"))
    return bool(_DURATION_MARKS.search(marks)) or element.get("datetime", "").startswith("P")


def _joined(pieces: Iterable[str]) -> str:
    """Pieces of text as the page shows them: "<em>05</em>/<em>17</em>" is "05/17", but a
    space keeps apart two words that would run together ("<b>Published</b>17 May")."""
    joined: list[str] = []
    for piece in pieces:
        if joined and piece and joined[-1][-1:].isalnum() and piece[0].isalnum():
            joined.append(" ")
        if piece:
            joined.append(piece)
    return "".join(joined)


#: Attributes in which a dateline's element keeps its date for scripts, most explicit first,
#: and those whose name alone does not say that they hold a date.
_DATE_DATA = (
    "data-date-time", "data-datetime", "data-published", "data-published-time",
    "data-publish-time", "data-publish-date", "data-pubdate", "data-timestamp", "data-time",
    "data-date", "data-val", "data-value",
)  # fmt: skip
_BARE_DATA = {"data-val", "data-value"}
#: Elements that may give the publication date in their ``title`` (hAtom, Blogger).
_TITLED_PUBLISHED = (
    "//*[@title][@itemprop='datePublished' or @itemprop='dateCreated'"
    " or contains(concat(' ', normalize-space(@class), ' '), ' published ')]"
)
_HATOM_ENTRY = "//*[contains(concat(' ', normalize-space(@class), ' '), ' hentry ')]"
_ISO_DAY = re.compile(r"(?:19|20)\d{2}-[01]\d-[0-3]\d(?:$|[T ])")

_MODIFIED_XPATH = (
    '//*[@itemprop="dateModified"]/@datetime | //*[@itemprop="dateModified"]/@content'
    ' | //time[contains(@class, "updated")]/@datetime'
)
