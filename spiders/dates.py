"""Dates as news sites write them: in feeds, sitemaps, metadata, URLs and visible text.

Its own small module, so discovery (on the crawl's event loop) reads dates without importing
the extraction libraries, which only the article indexer needs.

Visible dates ("17. Mai 2024, 14:30", "05/06/2024") are read by hand with Babel's CLDR data
for month names and for the order of day and month in each locale: htmldate reads such dates
only inside its whole-page search (whose choice among them we cannot steer away from teasers),
and dateparser guesses the order per string rather than per page. Digits of every script are
read ("٢٣ مايو ٢٠٢٤"); on a page that also dates in the Solar Hijri calendar or the Buddhist
era, dates in that calendar are converted (:mod:`spiders.calendars`), and a Hijri (lunar) date
written beside a Gregorian one is never taken for it: its month names are no calendar's we
read, and its year read as a solar one falls decades ahead. A time written with an offset
("GMT+2") or a zone's abbreviation ("9:30 p.m. EDT", "14:30 Uhr MESZ", "3:45 PM ET") keeps
it; the abbreviations are a table written by hand, as CLDR's are names for display that
differ by locale, and one that names zones of several countries (PST, IST, CST) is read as
the page's country means it. A time before noon or after it is read from "a.m."/"p.m." and
from the words CLDR's day periods give the page's language ("09:22 م", "오후 3:20",
"下午3:20"), also for a part of the day that CLDR's rules place in one half of it ("3:45 ng
hapon", "3:45 de la tarde"), and a time may stand before its date ("11:32 a.m. ET May 14,
2024"), follow it after an "@" ("Jun 5, 2024 @ 2:32pm"), a comma of any script ("۲۸ اردیبهشت
۱۴۰۳، ۱۴:۳۰") or a few short words ("2024 මැයි 17 වන සිකුරාදා, ප.ව. 02:30": the day's
ordinal, its weekday, the half of the day).
Where a language's press writes other month names than CLDR's (Sinhala papers write the
English months), a short table written by hand gives them. Languages that write words of their
own between a date's numbers ("2024 m. gegužės 23 d.", "23 במאי 2024") are read in the forms
CLDR's date patterns give them, and in a few their press writes ("ngày 23 tháng 5 năm 2024").
"""

from __future__ import annotations

import bisect
import contextlib
import email.utils
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import babel
import babel.localedata
from babel.core import get_global
from babel.dates import format_date, get_month_names, tokenize_pattern

from spiders.calendars import Calendar
from spiders.textfields import UNSPACED, without_marks


def parse_date(value: Any, *, naive: bool = False) -> datetime | None:
    """An aware datetime from ISO 8601, RFC 2822 or a Unix timestamp; naive values are UTC,
    or stay naive with ``naive=True`` (for a caller that knows the page's offset). None for
    a CMS's empty date: the Unix epoch, or the first day of year 1 or 1900."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"\d{10}(\d{3})?", value):
            parsed = datetime.fromtimestamp(int(value[:10]), tz=UTC)
        else:
            try:
                parsed = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
    if empty_day(f"{parsed:%Y-%m-%d}"):
        return None
    if (parsed.tzinfo is None or parsed.utcoffset() is None) and not naive:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def empty_day(value: str) -> bool:
    """Whether a machine-readable date is the day a CMS writes for a date it does not have,
    in any offset: the Unix epoch ("1970-01-01T00:00:00Z", "1970-01-01T03:00:00+03:00",
    "1969-12-31T19:00:00-05:00") or the first day of year 1 or 1900."""
    return _EMPTY_DAY.match(value.strip()) is not None


_EMPTY_DAY = re.compile(r"1970-01-01|1969-12-31|1900-01-01|0*1-01-01")


_URL_DATE = re.compile(
    r"(?<![0-9])((?:19|20)\d{2})([/_-])(0?[1-9]|1[0-2])(?:\2|/)(0?[1-9]|[12]\d|3[01])(?![0-9])"
)


#: A path segment that is a date and nothing else (``/20240517/``), or, opening the path, a
#: year's segment and one of the month and day before more of it (``/2004/0517/ekonomika/``,
#: an old paper's issue; deeper, four digits are as often an article's number): eight digits
#: elsewhere are an article's number, so each segment must be whole, of a year from 1995 (the
#: first news sites) to the next.
_URL_COMPACT_DATE = re.compile(
    r"/((?:199[5-9]|20\d{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?=/|$)"
    r"|^/((?:199[5-9]|20\d{2})/(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?=/[^/])"
)


def url_date(url: str) -> datetime | None:
    """The date written in a URL path (``/2024/05/17/slug``, ``-2024-05-17-``,
    ``/2023-03/05/c_1129415512.htm``, ``/20240517/slug``, ``/2004/0517/slug``), at midnight
    UTC."""
    path = urlsplit(url).path
    match = _URL_DATE.search(path)
    try:
        if match is not None:
            return datetime(int(match[1]), int(match[3]), int(match[4]), tzinfo=UTC)
        compact = _URL_COMPACT_DATE.search(path)
        digits = (compact[1] or compact[2]).replace("/", "") if compact is not None else ""
        if not digits or int(digits[:4]) > datetime.now(UTC).year + 1:
            return None
        return datetime.strptime(digits, "%Y%m%d").replace(tzinfo=UTC)
    except ValueError:  # 2023/02/30
        return None


# Dates as pages show them to readers ---------------------------------------------------------

#: A month in Roman numerals, I to XII, and its number.
_ROMAN_MONTH = r"XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"
_ROMAN_MONTHS = {roman: 12 - index for index, roman in enumerate(_ROMAN_MONTH.split("|"))}
#: A date written out: year first (2024-05-17, 2024.05.17, 2024年5月17日, 2024년 5월 17일, the
#: Mongolian "2024 оны 5 сарын 17" ("year 2024, of month 5, 17"), with
#: the Japanese era's year in brackets after the year: 2024年(令和6年)5月17日), also
#: with the year set apart from month and day (2024 05/17: a dateline whose year and day are
#: two lines), or day and month first in either order (17.05.2024, 05/17/2024, 17/05/24). YEAR
#: is a year of the Gregorian calendar, or of the page's own (:mod:`spiders.calendars`); or
#: with the month in Roman numerals (14.II.2023, 2023. II. 14.).
_NUMERIC_DATE_FORM = (
    # (a slash after a label before a year in CJK: "发布/2024年5月17日")
    r"(?:(?<![\d/.,-])|(?<=[^\d\s/.,-]/)(?=\d{4}\s*年))(?:"
    r"(?P<y1>YEAR)\s*(?:[-./년]|年\s*(?:[（(][^()（）\d]{1,4}\d{1,2}年?[)）])?|оны)\s*"
    r"(?P<m1>[01]?\d)\s*(?:[-./月월]|сарын)\s*(?P<d1>[0-3]?\d)"
    r"(?!\d|[-/]\d)\s*[日일.]?"
    r"|(?P<y3>YEAR)\s+(?P<m3>[01]\d)\s*/\s*(?P<d3>[0-3]\d)"
    r"|(?P<a>[0-3]?\d)\s*(?P<sep>[./-])\s*(?P<b>[0-3]?\d)\s*(?P=sep)\s*(?P<y2>YEAR|\d{2})"
    # the month in Roman numerals, as Polish, Czech and Hungarian write it: "14.II.2023",
    # "2023. II. 14."
    rf"|(?P<d4>[0-3]?\d)\.\s?(?P<r4>{_ROMAN_MONTH})\.\s?(?P<y4>YEAR)"
    rf"|(?P<y5>YEAR)\.\s?(?P<r5>{_ROMAN_MONTH})\.\s?(?P<d5>[0-3]?\d)\.?"
    r")(?!\d|[-/.]\d)"
)
#: Blocks of Indic and South-East Asian scripts, whose vowel signs are marks, not letters, to
#: ``\w``.
MARKED_SCRIPTS = r"\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
#: Characters that only shape the letters beside them: Arabic's tatweel, which stretches a
#: word ("جمعـه"), and the zero-width joiners. A word is read without them.
_SHAPING = "\u0640\u200c\u200d"
#: A day then its month's name (17 May, 17. Mai, 17 de mayo), and a month's name then its day
#: (May 17), which starts neither inside a word nor after a vowel sign ("ने17 मई" is a date,
#: but no name starts in the middle of "बहुत"). MONTH is a month's name; Levantine pages write
#: two names of one month ("24 نيسان / أبريل 2020"), and the first is read. Day and month may
#: also stand apart by a dash or a slash (s1, s2), which a year then follows the same way.
_DAY_MONTH = (
    r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?(?:(?P<s1>\s*[-/]\s*)|\s*(?:de\s+|of\s+)?)"
    r"(?P<n1>MONTH)(?:\s*/\s*MONTH)?"
)
_MONTH_DAY = (
    rf"(?<![\w{MARKED_SCRIPTS}])(?P<n2>MONTH)(?:(?P<s2>\s*[-/]\s*)|\s+)"
    r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
)
#: A date with its month named: 17 May 2024, 17. Mai 2024, 17 de mayo de 2024, May 17, 2024
#: (also "May 17,2024"), 2024. május 17, 2012. gada 15. martā; with dashes or slashes
#: between all three parts, as ASP.NET and South Asian sites write it: "17-May-2024",
#: "May-17-2024", "Sep - 09 - 2024" (not a range, "17 - May 2024"). ERA is what may stand
#: before the year (พ.ศ.), and YEARSHORT a year or, where the page's calendar reads them, two
#: digits (17 พ.ค. 67).
_NAMED_DATE_FORM = (
    rf"(?<!\w)(?:{_DAY_MONTH}(?(s1)(?P=s1)|,?\s*(?:de\s+|del\s+|ERA)?)(?P<y1>YEARSHORT)"
    rf"|{_MONTH_DAY}(?(s2)(?P=s2)|(?:,\s*|\s+)(?:ERA)?)(?P<y2>YEAR)"
    # Latvian's "year" word between the year and the day: "2012. gada 15. martā"
    r"|(?P<y4>YEAR)\.\s+gada\s+(?P<d4>[0-3]?\d)\.\s*(?P<n4>MONTH)"
    r"|(?P<y3>YEAR)\.?\s+(?P<n3>MONTH)\s+(?P<d3>[0-3]?\d)\.?"
    r")(?!\d)"
)
_GREGORIAN_YEAR = r"(?:19|20)\d{2}"
#: A month's name: two letters or more, with the vowel signs of those scripts ("मई",
#: "জানুয়ারি") and the characters that shape them; "آب" has two. The two kinds of character
#: are kept apart and the run is possessive, so a long run of letters is read once, not in
#: every way it could be split.
_MONTH_WORD = rf"[^\W\d_](?:[^\W\d_{MARKED_SCRIPTS}]|[{MARKED_SCRIPTS}{_SHAPING}])++\.?"


@functools.lru_cache(maxsize=64)
def _date_forms(
    calendar: Calendar | None, month_phrases: tuple[str, ...] = ()
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The numeric and the named form of a date, on a page that also dates in ``calendar`` and
    names some months in several words (``month_phrases``: "كانون الثاني", longest first)."""
    year, month, era, short = _GREGORIAN_YEAR, _MONTH_WORD, "", ""
    if calendar is not None:
        year = f"(?:{_GREGORIAN_YEAR}|{calendar.years})"
        month = f"(?:{calendar.month_word}|{_MONTH_WORD})" if calendar.month_word else month
        era, short = calendar.era, r"|\d{2}" if calendar.full_year is not None else ""
    if month_phrases:
        phrases = "|".join(map(_phrase_pattern, month_phrases))
        month = f"(?:(?i:{phrases})(?!\\w)|{month})"
    named = _NAMED_DATE_FORM.replace("MONTH", month).replace("ERA", era or "(?!)")
    named = named.replace("YEARSHORT", year + short).replace("YEAR", year)
    return re.compile(_NUMERIC_DATE_FORM.replace("YEAR", year)), re.compile(named)


def _phrase_pattern(phrase: str) -> str:
    """A month name of several words as a pattern: any spaces between its words, and each
    letter that :func:`_month_key` folds in any of its written forms."""
    words = (
        re.escape(word)
        .replace("ی", "[یيى]")
        .replace("ک", "[کك]")
        .replace("گ", "[گګ]")
        .replace("ا", "[اأإآ]")
        for word in phrase.split()
    )
    return r"\s+".join(words)


_NUMERIC_DATE, _NAMED_DATE = _date_forms(None)
#: Time zones as datelines abbreviate them ("9:30 p.m. EDT", "14:30 MESZ", "3:45 PM ET"): an
#: offset, or the zone whose offset that day it is. An abbreviation that names zones of several
#: countries has the meaning news writes most (IST is India's, PST the US Pacific's, BST
#: British), and another on the pages of a country that means it (:data:`_NATIONAL_ZONES`);
#: CST (the US's Central, China's) and AST are read only on the pages of such a country, or
#: of a domain of no country in the language most written there. dateparser's table is not
#: used: it reads IST as Israel's and VET as Venezuela's old -4:30.
_ZONE_ABBREVIATIONS: dict[str, timedelta | str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles", "EST": timedelta(hours=-5), "EDT": timedelta(hours=-4),
    "CDT": timedelta(hours=-5), "MST": timedelta(hours=-7), "MDT": timedelta(hours=-6),
    "PST": timedelta(hours=-8), "PDT": timedelta(hours=-7), "AKST": timedelta(hours=-9),
    "AKDT": timedelta(hours=-8), "HST": timedelta(hours=-10),
    "WET": timedelta(0), "WEST": timedelta(hours=1), "BST": timedelta(hours=1),
    "CET": timedelta(hours=1), "CEST": timedelta(hours=2), "MEZ": timedelta(hours=1),
    "MESZ": timedelta(hours=2), "EET": timedelta(hours=2), "EEST": timedelta(hours=3),
    "MSK": timedelta(hours=3), "SAST": timedelta(hours=2), "CAT": timedelta(hours=2),
    "EAT": timedelta(hours=3), "WAT": timedelta(hours=1), "PKT": timedelta(hours=5),
    "IST": timedelta(hours=5, minutes=30), "NPT": timedelta(hours=5, minutes=45),
    "ICT": timedelta(hours=7), "WIB": timedelta(hours=7), "WITA": timedelta(hours=8),
    "WIT": timedelta(hours=9), "SGT": timedelta(hours=8), "MYT": timedelta(hours=8),
    "HKT": timedelta(hours=8), "PHT": timedelta(hours=8), "AWST": timedelta(hours=8),
    "JST": timedelta(hours=9), "KST": timedelta(hours=9),
    "ACST": timedelta(hours=9, minutes=30), "ACDT": timedelta(hours=10, minutes=30),
    "AEST": timedelta(hours=10), "AEDT": timedelta(hours=11), "NZST": timedelta(hours=12),
    "NZDT": timedelta(hours=13), "ART": timedelta(hours=-3), "BRT": timedelta(hours=-3),
    "CLT": timedelta(hours=-4), "CLST": timedelta(hours=-3), "COT": timedelta(hours=-5),
    "PET": timedelta(hours=-5), "VET": timedelta(hours=-4), "UYT": timedelta(hours=-3),
    "IDT": timedelta(hours=3),
}  # fmt: skip
#: What an abbreviation means on the pages of a country where it names the country's own zone,
#: and the meanings of CST and AST, which are read only there (or in its language).
_NATIONAL_ZONES: dict[str, dict[str, timedelta]] = {
    "PH": {"PST": timedelta(hours=8)}, "PK": {"PST": timedelta(hours=5)},
    "BD": {"BST": timedelta(hours=6)}, "IE": {"IST": timedelta(hours=1)},
    "IL": {"IST": timedelta(hours=2)}, "MY": {"MST": timedelta(hours=8)},
    "CN": {"CST": timedelta(hours=8)}, "TW": {"CST": timedelta(hours=8)},
    "US": {"CST": timedelta(hours=-6)}, "CA": {"CST": timedelta(hours=-6)},
    "MX": {"CST": timedelta(hours=-6)}, "SA": {"AST": timedelta(hours=3)},
    "KW": {"AST": timedelta(hours=3)}, "IQ": {"AST": timedelta(hours=3)},
    "QA": {"AST": timedelta(hours=3)}, "BH": {"AST": timedelta(hours=3)},
}  # fmt: skip


def _other_meanings() -> dict[timedelta, set[timedelta]]:
    meanings: dict[timedelta, set[timedelta]] = {}
    for name, common in _ZONE_ABBREVIATIONS.items():
        for zones in _NATIONAL_ZONES.values():
            if isinstance(common, timedelta) and name in zones:
                meanings.setdefault(common, set()).add(zones[name])
    return meanings


#: The other offsets an abbreviation read in its common meaning names: IST, read as India's
#: +5:30, is Israel's +2 and Ireland's +1 on sites whose domain names no country.
OTHER_MEANINGS = _other_meanings()
_ABBREVIATION = "|".join(
    sorted(
        {*_ZONE_ABBREVIATIONS, *(n for zones in _NATIONAL_ZONES.values() for n in zones)},
        key=len,
        reverse=True,
    )
)
#: What may follow a time: "Uhr", and an offset or a zone's abbreviation.
_TIME_ZONE = (
    r"(?:\s*uhr\b)?(?:\s*(?:(?:GMT|UTC)\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?"
    r"|(?P<zone>[+-]\d{2}:?\d{2})|\(?(?-i:(?P<abbr>ABBREVIATIONS))(?![A-Za-z])\)?"
    # a North American zone's word: "5:00 AM Central", "10:30 a.m. Eastern Time", not "Central
    # Park"
    r"|(?-i:(?P<region>Eastern|Central|Mountain|Pacific))"
    r"(?:\s+Time(?![A-Za-z])|(?![A-Za-z])(?!\s+[A-Z][a-z]))))?"
).replace("ABBREVIATIONS", _ABBREVIATION)
#: The zones North American datelines name by a word.
_REGION_ZONES = {
    "Eastern": "America/New_York", "Central": "America/Chicago", "Mountain": "America/Denver",
    "Pacific": "America/Los_Angeles",
}  # fmt: skip
#: A letter with its vowel signs, and what starts the label of an update ("17 May 2024
#: Updated 18:02"), which is no word between a date and its time.
_LETTER = rf"[^\W\d](?:(?![^\W\d])[{MARKED_SCRIPTS}])*"
_NOT_AN_UPDATE = r"(?!edited|maj|màj|upd|mod|aktuali|actuali|atuali|aggiorn|최종|수정|更新|修改)"
#: A short word between a date and its time ("at", "a las", "um"): six letters at most, or
#: an abbreviation with inner dots ("ප.ව.", Sinhala's "p.m.").
_TIME_WORD = rf"(?:{_LETTER}){{1,6}}"
#: An hour and its minutes, as every time of day is written ("14:30", "9h05"), with what may
#: stand between them.
_HOUR_MINUTE_FORM = r"(?P<H>[0-2]?\d)\s*[{between}]\s*(?P<M>[0-5]\d)"
HOUR_MINUTE = _HOUR_MINUTE_FORM.format(between=":h")
#: With a dot between them too ("14.30"), where no day and month ("17.05") is meant: before a
#: zone's abbreviation (:data:`_ZONED_CLOCK`), or right after a date (:data:`_TIME`).
_DOTTED_HOUR_MINUTE = _HOUR_MINUTE_FORM.format(between=":h.")
#: Right after a date, also in CJK's words for hours and minutes ("10時30分", "3시 20분"), and
#: never the day and month of a date that follows ("17.05.2024 18.05.2024").
_HOUR_MINUTE_AFTER_DATE = _HOUR_MINUTE_FORM.format(between=":h.時时시") + r"(?!\.\d)[分분]?"
#: Commas of the scripts that write their own: Arabic's, and CJK's full-width and ideographic.
_COMMA = ",\u060c\uff0c\u3001"
#: A time after its date: up to three such words before it ("2024 මැයි 17 වන සිකුරාදා, ප.ව.
#: 02:30": the day's ordinal, its weekday and the half of the day), a comma after each, in any
#: script ("۲۸ اردیبهشت ۱۴۰۳، ۱۴:۳۰"), or the weekday in brackets, full-width ones too
#: ("2024年5月7日 (火) 午後3時12分").
_CLOCK_AFTER_DATE = (
    _HOUR_MINUTE_AFTER_DATE
    + r"(?::(?P<S>[0-5]\d))?(?:\s*(?:(?P<ampm>[ap])\.?\s?m\b\.?|(?P<ampm_fa>[قب])\.\s?ظ\.?))?"
    + _TIME_ZONE
)
_TIME = re.compile(
    rf"[\s{_COMMA}|\-–—/·•.@]*(?:(?:[(（]{_NOT_AN_UPDATE}{_TIME_WORD}\.?[)）]|{_NOT_AN_UPDATE}"
    rf"(?>{_TIME_WORD}(?:\.{_TIME_WORD})*)(?![^\W\d])\.?)[{_COMMA}]?\s*){{0,3}}"
    + _CLOCK_AFTER_DATE,
    re.IGNORECASE,
)
#: The time alone in brackets right after its date, as Korean, Japanese and Chinese CMSs
#: write it ("입력 2024.03.10 (21:05)", "기사입력 2024/03/08 [10:22]"); elsewhere a time in
#: round brackets is as often an event's ("Sa., 18.05.2024 (15:30 Uhr)") or a video's length,
#: and only square ones are a dateline's ("09.12.2023 [15:31]").
_BRACKETED_TIME = re.compile(r"\s*[(\[（]" + _CLOCK_AFTER_DATE + r"[)\]）]", re.IGNORECASE)
_SQUARE_BRACKETED_TIME = re.compile(r"\s*\[" + _CLOCK_AFTER_DATE + r"\]", re.IGNORECASE)
_BRACKETED_TIME_LANGUAGES = ("ko", "ja", "zh")
_PERSIAN_HALVES = {"ق": "a", "ب": "p"}
#: A time written before its date ("11:32 a.m. ET May 14, 2024", "14:30, 17.05.2024", "5:42
#: pm on 17 May 2024"), with up to two words between (the half of the day and the weekday:
#: "04:05 م الأربعاء 12 يونيو 2024", "12:30PM, Fri. Oct. 4, 2019"), read in the few
#: characters before the date.
#: Nor a label of another date: "10:05 am Published May 17" gives May 17 no time.
_NOT_A_LABEL = r"(?!edited|maj|màj|upd|mod|publi|post|first|erstellt|created|aktualisiert)"
_TIME_BEFORE = re.compile(
    r"(?<![\d:.])"
    + HOUR_MINUTE
    + r"(?::(?P<S>[0-5]\d))?(?:\s*(?P<ampm>[ap])\.?\s?m\b\.?)?"
    + _TIME_ZONE
    + rf"(?:[{_COMMA}]?\s+{_NOT_A_LABEL}(?:{_LETTER})+\.?){{0,2}}\s*[{_COMMA}|\-–—/·•]?\s*$",
    re.IGNORECASE,
)
_TIME_BEFORE_CHARS = 32
#: The country whose zone an abbreviation names where only one country's zone has it (IST,
#: also Ireland's and Israel's, is read as India's: all three write the day first). North
#: America's and Europe's abbreviations name zones of several countries and are left out.
_ZONE_COUNTRIES = {
    "IST": "IN", "PKT": "PK", "NPT": "NP", "WIB": "ID", "WITA": "ID", "WIT": "ID", "PHT": "PH",
    "SGT": "SG", "MYT": "MY", "HKT": "HK", "JST": "JP", "KST": "KR", "MSK": "RU", "SAST": "ZA",
    "AWST": "AU", "ACST": "AU", "ACDT": "AU", "AEST": "AU", "AEDT": "AU", "NZST": "NZ",
    "NZDT": "NZ", "ART": "AR", "BRT": "BR", "CLT": "CL", "CLST": "CL", "COT": "CO", "PET": "PE",
    "VET": "VE", "UYT": "UY",
}  # fmt: skip
_ZONED_CLOCK = re.compile(
    r"(?<![\d:.])" + _DOTTED_HOUR_MINUTE + r"(?::[0-5]\d)?(?:\s*[ap]\.?\s?m\b\.?)?" + _TIME_ZONE,
    re.IGNORECASE,
)


def zone_country(text: str) -> str | None:
    """The country whose zone ``text`` names after a time ("10:30 AM (IST)" is India's), when
    its abbreviation is one country's (:data:`_ZONE_COUNTRIES`); None otherwise."""
    for clock in _ZONED_CLOCK.finditer(text):
        country = _ZONE_COUNTRIES.get(clock["abbr"] or "")
        if country is not None:
            return country
    return None


@dataclass(frozen=True)
class ShownDate:
    """A date found in visible text: ``when`` is naive unless the text gave an offset."""

    when: datetime
    has_time: bool
    start: int
    end: int


def date_start(text: str) -> int | None:
    """Where the first thing written like a date starts in ``text`` (a cheap test: month
    names are not checked)."""
    starts = [m.start() for m in (_NUMERIC_DATE.search(text), _NAMED_DATE.search(text)) if m]
    return min(starts) if starts else None


def shown_dates(
    text: str,
    language: str | None,
    day_first: bool | None,
    calendar: Calendar | None = None,
    country: str | None = None,
) -> list[ShownDate]:
    """Every date written in ``text``, in order, with the time that follows (or precedes) it.

    Month names are read in ``language``, as any of its countries writes them, and in English
    (Babel's names, any case, with or without the abbreviation's dot). ``day_first`` says how
    to read 05/06/2024 when neither number is over 12; None leaves such dates out. Dates
    the language writes with words of its own between the numbers are read in its own forms
    (:func:`_worded_forms`: "2024 m. gegužės 23 d.", "23 במאי 2024"), and a year of Japan's
    eras on any page ("令和6年3月12日"). Digits of any script count ("۱۴۰۳", "٢٠٢٤"). A
    weekday in brackets may stand before the time ("2024年5月7日(火) 15:12"), and on Korean,
    Japanese and Chinese pages the time may stand alone in brackets ("2024.03.10 (21:05)"), on
    any page in square ones ("09.12.2023 [15:31]"). A
    page that also dates in ``calendar``
    (:func:`spiders.calendars.page_calendar`) has its dates in that calendar converted to
    Gregorian ones, and those before 1995 left out. ``country`` (of the page's domain) says
    what an abbreviated time zone means there ("PST" on a Philippine page).
    """
    if not text.isascii():
        text = _OTHER_DIGIT.sub(lambda digit: str(unicodedata.decimal(digit[0])), text)
        text = text.translate(_DIRECTION_MARKS)
    found = _dates_in_general_forms(text, language, day_first, calendar, country)
    forms = _worded_forms(language)
    if _JAPANESE_ERA_DATE.search(text):
        forms = (*forms, _JAPANESE_ERA_DATE)
    if not forms:
        return found
    # A worded date is left out where it overlaps one found before: a search, not a scan.
    starts = [shown.start for shown in found]
    reach = list(itertools.accumulate((shown.end for shown in found), max))
    worded_reach = -1
    matches = sorted((m for form in forms for m in form.finditer(text)), key=lambda m: m.start())
    for match in matches:
        before = bisect.bisect_left(starts, match.end())
        if match.start() < worded_reach or (before and reach[before - 1] > match.start()):
            continue
        groups = match.groupdict()
        month = (
            int(groups["m"])
            if groups.get("m")
            else month_numbers(language).get(_month_key(groups["n"]))
        )
        day = _gregorian_day(_year_of(match), month or 0, int(match["d"]), None, named_in=None)
        if day is not None:
            found.append(_shown(text, match, day, country, language))
            worded_reach = match.end()
    return sorted(found, key=lambda shown: shown.start)


#: The first year of each of Japan's eras since 1989, less one: Reiwa 6 is 2024; and the last
#: year of an era that ended (Heisei 31, 2019).
_JAPANESE_ERAS = {"令和": 2018, "平成": 1988}
_LAST_JAPANESE_ERA_YEARS = {"平成": 31}
#: A date in a Japanese era, as regional papers and offices write it: "令和6年5月7日", and an
#: era's first year, "元年".
_JAPANESE_ERA_DATE = re.compile(
    r"(?P<era>令和|平成)\s*(?P<y>元|\d{1,2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
)


def _year_of(match: re.Match[str]) -> int | None:
    """The Gregorian year of a worded date: its own, or its Japanese era's (None for a year
    the era never had)."""
    era = match.groupdict().get("era")
    if era is None:
        return int(match["y"])
    year = 1 if match["y"] == "元" else int(match["y"])
    return _JAPANESE_ERAS[era] + year if year <= _LAST_JAPANESE_ERA_YEARS.get(era, year) else None


#: Marks that only set the direction of the text around them, which Arabic and Hebrew pages
#: write inside dates ("23\u200f/05\u200f/2024"): read as spaces, so positions stay.
_DIRECTION_MARKS = str.maketrans(dict.fromkeys("\u200e\u200f\u061c", " "))


def _dates_in_general_forms(
    text: str,
    language: str | None,
    day_first: bool | None,
    calendar: Calendar | None,
    country: str | None,
) -> list[ShownDate]:
    """The dates of :func:`shown_dates` in the forms most languages share, numeric and named,
    in ``text`` whose digits are already ASCII."""
    numeric_form, named_form = _date_forms(calendar, _month_phrases(language))
    found: list[ShownDate] = []
    for match in numeric_form.finditer(text):
        if match["y1"] or match["y3"]:
            number = "1" if match["y1"] else "3"
            day_month = (int(match[f"d{number}"]), int(match[f"m{number}"]))
            year: int | None = int(match[f"y{number}"])
        elif match["y4"] or match["y5"]:
            number = "4" if match["y4"] else "5"
            day_month = (int(match[f"d{number}"]), _ROMAN_MONTHS[match[f"r{number}"]])
            year = int(match[f"y{number}"])
        else:
            a, b = int(match["a"]), int(match["b"])
            year = _full_year(match["y2"], calendar)
            if a > 12 >= b:
                day_month = (a, b)
            elif b > 12 >= a:
                day_month = (b, a)
            elif day_first is None:
                continue
            else:
                day_month = (a, b) if day_first else (b, a)
        day = _gregorian_day(year, day_month[1], day_month[0], calendar, named_in=None)
        if day is not None:
            found.append(_shown(text, match, day, country, language))
    names = month_numbers(language)
    own_names = _calendar_months(calendar)
    # A named date is left out where it overlaps a numeric one, or a named one before it: the
    # numeric dates' starts and how far those up to each reach, for a search, not a scan.
    found.sort(key=lambda shown: shown.start)
    starts = [shown.start for shown in found]
    reach = list(itertools.accumulate((shown.end for shown in found), max))
    named_reach = -1
    # Searched, not iterated: a match whose "month" is no month ("17 and 20 May 2024", with a
    # two-digit year) must not swallow the date that follows it.
    position = 0
    while (named := named_form.search(text, position)) is not None:
        position = named.end()
        for number in "1234":
            if named[f"n{number}"]:
                key = _month_key(named[f"n{number}"])
                own = key in own_names
                month = own_names[key] if own else names.get(key)
                if month is None:
                    position = named.start() + 1
                    break
                year = _full_year(named[f"y{number}"], calendar)
                day = _gregorian_day(year, month, int(named[f"d{number}"]), calendar, named_in=own)
                shown = _shown(text, named, day, country, language) if day is not None else None
                if shown is not None and named_reach <= shown.start:
                    # Named dates come in order: each one before this starts before it ends.
                    before = bisect.bisect_left(starts, shown.end)
                    if not before or reach[before - 1] <= shown.start:
                        found.append(shown)
                        named_reach = shown.end
                break
    return sorted(found, key=lambda shown: shown.start)


#: A decimal digit other than 0-9, which Python's ``\d`` matches and ``int`` reads.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _full_year(year: str, calendar: Calendar | None) -> int | None:
    """A written year as a number: a two-digit one as the page's calendar reads it (20yy
    when the page has no other calendar)."""
    if len(year) != 2:
        return int(year)
    if calendar is None:
        return 2000 + int(year)
    return calendar.full_year(int(year)) if calendar.full_year is not None else None


def _gregorian_day(
    year: int | None, month: int, day: int, calendar: Calendar | None, *, named_in: bool | None
) -> date | None:
    """The Gregorian day of a date written in the Gregorian calendar or the page's own:
    ``named_in`` says whether its month was named in the page's own calendar (True), in the
    Gregorian (False) or given as a number (None). A month and a year of different calendars
    make no date."""
    if year is None:
        return None
    if calendar is not None and (calendar.owns(year) or named_in):
        if named_in is False and calendar.month_names:
            return None
        return calendar.gregorian(year, month, day)
    if named_in:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # 30 February
        return None


def _shown(
    text: str, match: re.Match[str], day: date, country: str | None, language: str | None
) -> ShownDate:
    when = datetime(day.year, day.month, day.day)
    end = match.end()
    clock = _TIME.match(text, end)
    if clock is None:
        bracketed = (language or "").split("-")[0] in _BRACKETED_TIME_LANGUAGES
        clock = (_BRACKETED_TIME if bracketed else _SQUARE_BRACKETED_TIME).match(text, end)
    if clock is None:
        clock = _TIME_BEFORE.search(text, max(0, match.start() - _TIME_BEFORE_CHARS), match.start())
    else:
        end = clock.end()
    time_of_day = _time_of_day(clock, language) if clock is not None else None
    if clock is None or time_of_day is None:
        return ShownDate(when, False, match.start(), match.end())
    when = datetime.combine(when.date(), time_of_day)
    when = when.replace(tzinfo=_written_zone(clock, when, country, language))
    return ShownDate(when, True, min(match.start(), clock.start()), end)


def _written_zone(
    clock: re.Match[str], wall: datetime, country: str | None, language: str | None = None
) -> timezone | None:
    """The offset written after a time ("GMT+2", "+02:00", "EDT", "Central"), at the
    wall-clock time ``wall`` on a page of ``country`` (else of the region its ``language`` tag
    names, or the country that language is most written in: CST is Central on an English page
    of a generic domain, China's on a Chinese one); None when none is written, or its
    abbreviation or word means nothing there (CST outside the countries that use it; a North
    American zone's word on a page of another country, "10:30am Pacific" in New Zealand)."""
    offset = clock.groupdict().get("offset") or clock.groupdict().get("zone")
    countries = [country] if country else countries_of(language)
    region = clock.groupdict().get("region")
    if region is not None:
        if countries and countries[0] not in ("US", "CA"):
            return None
        return zone_offset(_REGION_ZONES[region], wall)
    abbreviation = clock.groupdict().get("abbr")
    if abbreviation is not None:
        national = _NATIONAL_ZONES.get(countries[0] if countries else "", {})
        zone: timedelta | str | None = national.get(abbreviation)
        if zone is None:
            zone = _ZONE_ABBREVIATIONS.get(abbreviation)
        if isinstance(zone, timedelta):
            return timezone(zone)
        return zone_offset(zone, wall) if zone is not None else None
    if offset is not None or re.search(r"GMT|UTC", clock[0], re.IGNORECASE):
        return _offset(offset or "+00")
    return None


def countries_of(locale: str | None) -> list[str]:
    """The country a language tag names ("es-MX"), then the one its language is most
    written in (CLDR's likely subtags: "es" is Spain's, "en" the US's)."""
    parts = (locale or "").replace("_", "-").split("-")
    countries = [part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()]
    likely = get_global("likely_subtags").get(parts[0].lower())
    return [*countries, likely.split("_")[-1]] if likely else countries


def zone_offset(name: str, wall: datetime) -> timezone | None:
    """The fixed offset the IANA zone ``name`` has at the wall-clock time ``wall`` (naive);
    None for a zone this system does not know."""
    try:
        offset = wall.replace(tzinfo=ZoneInfo(name)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return timezone(offset) if offset is not None else None


@dataclass(frozen=True)
class DayWithoutYear:
    """A day and month written without the year, with the time that follows them ("17 May,
    10:30", "May 17 at 3:45 p.m.", "5/17(金) 18:32"): sites drop this year's year. An agency's
    dateline writes one without its time (:func:`wire_date`)."""

    start: int
    month: int
    day: int
    clock: time | None
    #: The offset written after the time ("10:30 p.m. EDT"), if any.
    zone: timezone | None
    #: The day of the week written beside it (Monday is 0): "5/17(金)" is a Friday.
    weekday: int | None = None


#: The days of the week that Japanese, Korean and Chinese write in brackets after a day
#: ("5/17(金)", "5/17(금)", "5/17(五)"), by their number (Monday is 0).
_CJK_WEEKDAYS = {
    **{name: number for number, name in enumerate("月火水木金土日")},
    **{name: number for number, name in enumerate("월화수목금토일")},
    **{name: number for number, name in enumerate("一二三四五六天")},
}
#: A day and month not followed by a year: MONTH is a month's name; or, with the day of the
#: week in brackets that settles their order and the year, month then day in numbers
#: ("5/17(金)", "5月17日(金)").
_YEARLESS_FORM = (
    rf"(?<!\w)(?:{_DAY_MONTH}|{_MONTH_DAY}"
    r"|(?<![/.-])(?P<m3>1[0-2]|0?[1-9])\s*[/.月월]\s*(?P<d3>[0-3]?\d)\s*[日일]?\s*"
    rf"[(（](?P<weekday>[{''.join(_CJK_WEEKDAYS)}])[)）])"
    r"(?![\d.]*\d)(?!,?\s*(?:de\s+)?\d{2,4}\b(?!\s*[:h.]\s*\d))"
)
_YEARLESS = re.compile(_YEARLESS_FORM.replace("MONTH", _MONTH_WORD))


def days_without_year(
    text: str, language: str | None, country: str | None = None
) -> list[DayWithoutYear]:
    """The days written with their month named (or in numbers, with their day of the week),
    their time after them and no year, in order (month names as :func:`shown_dates` reads
    them, and the time's zone as it does on a page of ``country``)."""
    names = month_numbers(language)
    found: list[DayWithoutYear] = []
    position = 0
    # Searched, not iterated, as in shown_dates: "Published 17" must not hide "17 May".
    while (match := _YEARLESS.search(text, position)) is not None:
        month_day = _month_and_day(match, names)
        if month_day is None:
            position = match.start() + 1
            continue
        position = match.end()
        clock = _clock_at(text, match.end(), language)
        if clock is not None:
            month, day = month_day
            written, time_of_day = clock
            # The year is unknown: a named zone ("ET") takes its offset in that month of 2000.
            wall = datetime.combine(date(2000, month, 1), time_of_day)
            zone = _written_zone(written, wall, country, language)
            weekday = _CJK_WEEKDAYS.get(match["weekday"] or "")
            found.append(DayWithoutYear(match.start(), month, day, time_of_day, zone, weekday))
    return found


def _month_and_day(match: re.Match[str], names: dict[str, int]) -> tuple[int, int] | None:
    """The month and the day of a match of :data:`_YEARLESS`; None when its month's name is
    none of ``names`` or its day none of a month."""
    if match["m3"]:
        month, day = int(match["m3"]), int(match["d3"])
    else:
        number = "1" if match["n1"] else "2"
        month, day = names.get(_month_key(match[f"n{number}"]), 0), int(match[f"d{number}"])
    return (month, day) if month and 1 <= day <= 31 else None


#: An agency's dateline that opens a story: a place, the day (its year may be left out), and
#: the agency in brackets before a dash ("BERLIN, 17. Mai (Reuters) - ", "Bruselas, 7 oct
#: (EFE).- ", "WASHINGTON, May 17, 2024 (AFP) — "), which a full date and an agency in
#: capitals after a place of a few words may go without ("Wien, 12.04.2018 (KAP) Die Caritas
#: …").
_WIRE_DATELINE = re.compile(
    r"\s*(?P<place>[^\W\d][^\d,()]{0,40}),\s*(?P<date>[^()]{3,40}?)\s*"
    r"\((?P<agency>[^\W\d][^()]{0,30})\)\.?\s*(?P<dash>[-–—])?"
)
#: An agency's name in capitals, as a dateline without its dash must give it: "(KAP)".
_AGENCY_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,6}")


def wire_date(
    text: str,
    language: str | None,
    day_first: bool | None,
    calendar: Calendar | None = None,
    country: str | None = None,
) -> datetime | DayWithoutYear | None:
    """The day of the agency's dateline that ``text`` starts with (:data:`_WIRE_DATELINE`), as
    :func:`shown_dates` reads it, or without its year and time: the agency's name after it
    makes a date of "17. Mai", which elsewhere may be any day the story names. Without the
    dash after the agency, only a full date after a place of a few words, with the agency in
    capitals ("Wien, 12.04.2018 (KAP)"). None when ``text`` starts otherwise, or more than a
    date stands before the agency."""
    wire = _WIRE_DATELINE.match(text)
    if wire is None:
        return None
    written, dashless = wire["date"], wire["dash"] is None
    if dashless and not (
        _AGENCY_ACRONYM.fullmatch(wire["agency"]) and len(wire["place"].split()) <= 3
    ):
        return None  # a sentence naming a day: "The festival opens on Friday, May 17 (…)"
    shown = shown_dates(written, language, day_first, calendar, country)
    if len(shown) == 1 and shown[0].start == 0 and shown[0].end == len(written):
        return shown[0].when
    if dashless:
        return None  # only a full date is a dateline without its dash: "Wien, 12.04.2018 (KAP)"
    match = _YEARLESS.fullmatch(written)
    month_day = _month_and_day(match, month_numbers(language)) if match is not None else None
    return DayWithoutYear(0, *month_day, None, None) if month_day is not None else None


def time_after(text: str, position: int, language: str | None = None) -> tuple[time, int] | None:
    """The time of day written at ``position`` (", 14:30", " at 2:30 p.m.", " a las 10:45",
    " 오후 3:20" on a page in ``language``), and where it ends; None when there is none."""
    clock = _clock_at(text, position, language)
    return (clock[1], clock[0].end()) if clock is not None else None


def _clock_at(text: str, position: int, language: str | None) -> tuple[re.Match[str], time] | None:
    """The time written at ``position``: its match of :data:`_TIME`, and the time of day."""
    clock = _TIME.match(text, position)
    time_of_day = _time_of_day(clock, language) if clock is not None else None
    return (clock, time_of_day) if clock is not None and time_of_day is not None else None


def _time_of_day(clock: re.Match[str], language: str | None) -> time | None:
    """The time a match of :data:`_TIME` or :data:`_TIME_BEFORE` gives, read with its a.m. or
    p.m., Persian ق.ظ/ب.ظ, or the words of ``language`` for before and after noon
    (:func:`_day_half`); None for an hour past 23."""
    hour, minute = int(clock["H"]), int(clock["M"])
    ampm = (
        clock["ampm"]
        or _PERSIAN_HALVES.get(clock.groupdict().get("ampm_fa") or "", "")
        or _day_half(clock, language)
    ).lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return time(hour, minute, int(clock["S"] or 0)) if hour <= 23 else None


def _day_half(clock: re.Match[str], language: str | None) -> str:
    """The half of the day ("a", "p") a word of ``language`` beside the time ``clock`` matched
    names: after it ("09:22 م", "9:22 μ.μ.", "3:45 ng hapon") or before it ("오후 3:20",
    "下午3:20"), where the language's own clock puts it; "" when no such word stands there."""
    halves, before = _day_halves(language)
    if not halves:
        return ""
    text = clock.string
    if before:
        start = clock.start("H")
        written = _period_key(text[max(0, start - 16) : start].rstrip())
        for word, half in halves.items():
            if len(word) < 2 or not written.endswith(word):  # "ከ 3:20" is Amharic's "from"
                continue
            ahead = written[: -len(word)]
            # "日下午3:20": Chinese and Japanese need no space before the word
            if not ahead or not ahead[-1].isalnum() or UNSPACED.match(word):
                return half
        return ""
    end = clock.end("S") if clock["S"] else clock.end("M")
    after = _PERIOD_WORD.match(text, end, end + 24)
    if after is None:
        return ""
    written = _period_key(after[1])
    for word, half in halves.items():  # longest first: "ng hapon", not "ng"
        if written.startswith(word) and not written[len(word) : len(word) + 1].isalnum():
            return half
    return ""


#: The words written after a time: letters, their marks and inner dots ("π.μ."), and the
#: words after a first ("ng hapon", "de la tarde", "في الصباح").
_PERIOD_WORD = re.compile(
    r"\s*([^\W\d_](?:[^\W\d_]|[.\u0300-\u036f\u064b-\u065f\u0670]|\s(?=[^\W\d_]))*)"
)
#: Scripts written without spaces between words: Han and kana.
_NOON = 12 * 3600


@functools.lru_cache(maxsize=64)
def _day_halves(language: str | None) -> tuple[dict[str, str], bool]:
    """The words ``language`` writes for before and after noon ("ص"/"م" and "صباحًا"/"مساءً",
    "오전"/"오후", "上午"/"下午", Tagalog's "ng umaga"/"ng hapon"), as :func:`_period_key`
    writes them, each "a" or "p", longest first: CLDR's day periods in every width, ``am``
    and ``pm`` and those of a part of the day that CLDR's rules for the language place
    within one half of it (afternoon, evening), less a word that means a time of both
    halves (a night over midnight), and one Latin letter alone (English's a.m. and p.m. are
    read by :data:`_TIME`). And whether the language writes them before the time (CLDR's
    pattern of an hour and its minutes)."""
    try:
        locale = babel.Locale.parse((language or "").split("-")[0].lower())
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return {}, False
    rules = locale.day_period_rules.get(None, {})
    halves: dict[str, str] = {}
    for context in locale.day_periods.values():
        for width in context.values():
            for period, name in width.items():
                word = _period_key(name)
                if not word or (len(word) == 1 and word.isascii()):
                    continue
                half = {"am": "a", "pm": "p"}.get(period) or _half_of(rules.get(period, ()))
                if halves.setdefault(word, half) != half:
                    halves[word] = ""
    halves = {word: halves[word] for word in sorted(halves, key=len, reverse=True) if halves[word]}
    skeleton = locale.datetime_skeletons.get("hm")
    pattern = skeleton.pattern if skeleton is not None else ""
    hour = min((pattern.find(h) for h in "hK" if h in pattern), default=-1)
    return halves, 0 <= pattern.find("a") < hour


def _half_of(rules: Any) -> str:
    """The half of the day ("a", "p") that CLDR's rules of a day period (``{"from": 43200,
    "before": 57600}``, ``{"at": 0}``, in seconds) lie within; "" when they span both."""
    halves = set()
    for rule in rules:
        start = rule.get("at", rule.get("from"))
        end = rule.get("at", rule.get("before", 0) - 1)
        if start is None or end is None or start > end:  # over midnight
            return ""
        halves |= {"a" if start < _NOON else "p", "a" if end < _NOON else "p"}
    return halves.pop() if len(halves) == 1 else ""


def _period_key(word: str) -> str:
    """A word for a half of the day as looked up: any case, without the marks of its vowels
    (مساءً is مساء), tatweel, joiners or a final dot."""
    return without_marks(word.casefold()).translate(_UNSHAPED).rstrip(".").strip()


def _offset(value: str) -> timezone:
    sign = -1 if value.startswith("-") else 1
    digits = value[1:].replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _month_key(word: str) -> str:
    """A month name as looked up: any case, no final dot, single spaces, Arabic yeh and kaf as
    Persian writes them (ارديبهشت is اردیبهشت), Pashto's gaf as Persian's (چنګاښ is چنگاښ),
    alef with or without hamza alike (أيار is ايار), alef maksura as yeh (الثانى), a final
    "ئی" as the "ئ" Urdu also writes (مئ is مئی), and without tatweel or zero-width joiners,
    which only shape the letters (مـئی, Sinhala's අප්‍රේල්)."""
    key = " ".join(word.split()).casefold().rstrip(".").translate(_PERSIAN_LETTERS)
    return _FINAL_YEH_HAMZA.sub("ئ", key)


_UNSHAPED = str.maketrans(dict.fromkeys(_SHAPING))
_PERSIAN_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ګ": "گ", "أ": "ا", "إ": "ا", "آ": "ا"} | dict.fromkeys(_SHAPING)
)
_FINAL_YEH_HAMZA = re.compile(r"ئی\b")


@functools.cache
def _calendar_months(calendar: Calendar | None) -> dict[str, int]:
    """The month names of the page's own calendar, as :func:`_month_key` writes them."""
    if calendar is None:
        return {}
    return {
        _month_key(name): number
        for number, names in enumerate(calendar.month_names, start=1)
        for name in names
    }


@functools.lru_cache(maxsize=64)
def month_numbers(language: str | None) -> dict[str, int]:
    """Month names of ``language`` and English, as :func:`_month_key` writes them, and each
    name's unambiguous prefixes of four letters or more ("sept" for September)."""
    names = dict(_month_names(language))
    for name, number in _month_names("en").items():
        names.setdefault(name, number)
    for name, number in list(names.items()):
        for end in range(4, len(name)):
            prefix = name[:end]
            if names.setdefault(prefix, number) != number:
                names[prefix] = 0  # ambiguous
    return {name: number for name, number in names.items() if number}


@functools.lru_cache(maxsize=64)
def _month_names(language: str | None) -> dict[str, int]:
    """The month names of ``language`` in all its countries' variants: Levantine Arabic's
    نيسان beside Egypt's أبريل, Austria's Jänner, Peru's setiembre, Serbian in either script.
    A name that two variants give to different months is left out. And the names its press
    writes where CLDR has others (:data:`_PRESS_MONTHS`)."""
    names: dict[str, int] = {}
    language = (language or "").split("-")[0].lower()
    written = [
        get_month_names(width, context, locale).items()
        for locale in _variants(language)
        for width in ("wide", "abbreviated")
        for context in ("format", "stand-alone")
    ]
    for number, name in itertools.chain(*written, enumerate(_PRESS_MONTHS.get(language, ()), 1)):
        if names.setdefault(_month_key(name), number) != number:
            names[_month_key(name)] = 0
    return {name: number for name, number in names.items() if number}


#: Month names a language's press writes where CLDR gives others, or besides them: Sri Lanka's
#: Sinhala papers write the English months ("2024 මැයි 17"), CLDR the Sinhala calendar's names
#: (වෙසක්).
_PRESS_MONTHS: dict[str, tuple[str, ...]] = {
    "si": (
        "ජනවාරි", "පෙබරවාරි", "මාර්තු", "අප්\u200dරේල්", "මැයි", "ජූනි", "ජූලි", "අගෝස්තු",
        "සැප්තැම්බර්", "ඔක්තෝබර්", "නොවැම්බර්", "දෙසැම්බර්",
    ),
    # Greek papers write the spoken genitives too: "12 Μάρτη 2024" beside CLDR's "Μαρτίου"
    "el": (
        "Γενάρη", "Φλεβάρη", "Μάρτη", "Απρίλη", "Μάη", "Ιούνη", "Ιούλη", "Αυγούστου",
        "Σεπτέμβρη", "Οκτώβρη", "Νοέμβρη", "Δεκέμβρη",
    ),
    # Slovenian papers write the months' genitives ("17. maja 2024"), CLDR the nominatives
    "sl": (
        "januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta",
        "septembra", "oktobra", "novembra", "decembra",
    ),
    # and Latvian ones the locative after the day ("2012. gada 15. martā": "on 15 March")
    "lv": (
        "janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā",
        "septembrī", "oktobrī", "novembrī", "decembrī",
    ),
    # Somali papers spell May with the "j" of its other loans, not CLDR's "Maayo"
    "so": (
        "Janaayo", "Febraayo", "Maarso", "Abriil", "Maajo", "Juunyo", "Luulyo", "Ogoosto",
        "Sebtembar", "Oktoobar", "Nofembar", "Disembar",
    ),
}  # fmt: skip


def _variants(language: str) -> list[babel.Locale]:
    """Babel's locales of a language: ``ar``, ``ar_SY``, ``ar_MA``…, under the code CLDR
    files it by (Tagalog's ``tl`` is ``fil``, ``in`` Indonesian's ``id``); none for an
    unknown one."""
    if not language.isalpha():
        return []
    language = get_global("language_aliases").get(language, language)
    locales = []
    for identifier in babel.localedata.locale_identifiers():
        if identifier == language or identifier.startswith(f"{language}_"):
            with contextlib.suppress(ValueError, babel.UnknownLocaleError):
                locales.append(babel.Locale.parse(identifier))
    return locales


@functools.lru_cache(maxsize=64)
def _month_phrases(language: str | None) -> tuple[str, ...]:
    """The month names of ``language`` written in several words, longest first."""
    phrases = [name for name in _month_names(language) if len(name.split()) > 1]
    return tuple(sorted(phrases, key=len, reverse=True))


#: Date patterns, in CLDR's syntax, that a language's press writes beside CLDR's own:
#: Vietnamese papers write "ngày 23 tháng 5 năm 2024", Khmer ones "ទី២៣ ខែឧសភា ឆ្នាំ២០២៤",
#: Uzbek ones "2024-yil 23-may", Basque ones "2022ko urriaren 3a" (CLDR's "2022(e)ko
#: urriaren 3(a)" without its brackets).
_PRESS_DATE_PATTERNS: dict[str, tuple[str, ...]] = {
    "vi": ("'ngày' d 'tháng' M 'năm' y",),
    "km": ("'ទី'd 'ខែ'MMMM 'ឆ្នាំ'y",),
    "uz": ("y'-yil' d-MMMM",),
    "eu": ("y'ko' MMMM'ren' d'a'",),
}


@functools.lru_cache(maxsize=64)
def _worded_forms(language: str | None) -> tuple[re.Pattern[str], ...]:
    """The forms in which ``language`` writes dates with words of its own between the numbers,
    which the general forms miss: the long and medium date patterns CLDR gives its countries
    ("2024 m. gegužės 23 d.", "2024. gada 23. maijs", "23 במאי 2024", "2024 ж. 23 мамыр")
    and its press's (:data:`_PRESS_DATE_PATTERNS`). A pattern whose sample date the general
    forms already read is left out, so most languages have none and pay nothing."""
    code = (language or "").split("-")[0].lower()
    locales = _variants(code)
    if not locales:
        return ()
    sample = date(2024, 11, 23)
    names = sorted(
        {
            name
            for locale in locales
            for width in ("wide", "abbreviated")
            for context in ("format", "stand-alone")
            for name in get_month_names(width, context, locale).values()
        },
        key=len,
        reverse=True,
    )
    month_name = "(?i:" + "|".join(map(re.escape, names)) + ")"
    patterns = {
        locale.date_formats[width].pattern for locale in locales for width in ("long", "medium")
    }
    forms: dict[str, re.Pattern[str]] = {}
    for pattern in sorted(patterns | set(_PRESS_DATE_PATTERNS.get(code, ()))):
        regex = _pattern_regex(pattern, month_name)
        if regex is None or regex in forms:
            continue
        written = format_date(sample, pattern, locale=locales[0])
        written = _OTHER_DIGIT.sub(lambda digit: str(unicodedata.decimal(digit[0])), written)
        written = written.translate(_DIRECTION_MARKS)  # as :func:`shown_dates` reads a text
        form = re.compile(regex)
        general = _dates_in_general_forms(written, code, True, None, None)
        if form.search(written) and sample not in {shown.when.date() for shown in general}:
            forms[regex] = form
    return tuple(forms.values())


def _pattern_regex(pattern: str, month_name: str) -> str | None:
    """A CLDR date pattern as a regular expression with the groups ``y``, ``d`` and ``n`` (a
    month's name) or ``m`` (its number); its words as written, any case, its spaces any
    spaces, its commas and full stops optional. None for a pattern with a weekday or another
    field no date is read by."""
    parts = [r"(?<!\w)"]
    for _, value in tokenize_pattern(pattern):
        if isinstance(value, str):  # the pattern's own characters
            for char in value:
                literal = _LITERAL.get(char, re.escape(char))
                if literal != parts[-1] or literal != r"\s*":  # one run of spaces, read once
                    parts.append(literal)
            continue
        field, width = value
        if field == "y":
            parts.append(f"(?P<y>{_GREGORIAN_YEAR})")
        elif field == "d":
            parts.append(r"(?P<d>[0-3]?\d)")
        elif field in "ML":
            parts.append(f"(?P<n>{month_name})" if width >= 3 else r"(?P<m>[01]?\d)")
        elif field == "G":
            parts.append(r"(?:[^\s\d]+)?")  # an era: "ค.ศ. 2024"
        else:
            return None
    return "(?i:" + "".join(parts) + r")(?!\d)"


#: How a pattern's characters other than letters are read: any spaces, an optional comma of
#: any script (with spaces before it: "03 نومبر ، 2023") or full stop.
_LITERAL = {
    **dict.fromkeys(" \u00a0\u202f", r"\s*"),
    **dict.fromkeys(_COMMA, f"(?:\\s*[{_COMMA}])?"),
    ".": r"\.?",
}


@functools.lru_cache(maxsize=256)
def day_first_in(locale_tag: str | None) -> bool | None:
    """Whether the locale writes the day before the month in short dates (Babel's CLDR data):
    ``de``, ``en-GB``, ``pt-BR`` do, ``en-US`` and plain ``en`` do not; year-first locales
    (``zh``, ``hu``) give None, as does an unknown locale."""
    if not locale_tag:
        return None
    try:
        locale = babel.Locale.parse(locale_tag.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return None
    pattern = locale.date_formats["short"].pattern
    day, month, year = pattern.find("d"), pattern.find("M"), pattern.find("y")
    if min(day, month, year) < 0 or year < min(day, month):
        return None
    return day < month
