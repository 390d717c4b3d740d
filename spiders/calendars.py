"""The calendars news pages date articles in besides the Gregorian, and which pages use them.

Iranian and Afghan sites write Solar Hijri dates ("۲۷ اردیبهشت ۱۴۰۳", "1403/02/27"), Thai
sites count years in the Buddhist era ("17 พ.ค. 2567", "17/05/67"), Taiwanese ones in Minguo
years ("113/02/29"), Ethiopian ones in their own calendar ("ሚያዝያ 2 ቀን 2016"). A page is read
in such a calendar only when its language or the country of its domain says so
(:func:`page_calendar`); its Gregorian dates stay readable, since the years of the two never
look alike (13xx/14xx and 25xx against 19xx/20xx), but for a two-digit year on a Solar Hijri
page, which could be either and is not read, and for Ethiopian years, which are read only with
the month's Ethiopian name.

Solar Hijri dates are converted by jdatetime: kept up for years, pure Python, and its
arithmetic rule agrees with the official (astronomical) calendar over every year news was
published in; convertdate's astronomical rule needs pymeeus and is slower, persiantools brings
text utilities we do not need. Its Iranian month names are used as they are.

Written by hand, as no library has them: the Dari and Pashto names Afghanistan gives the solar
months (CLDR has the Dari ones, but Babel does not ship its non-Gregorian calendars), the
Buddhist era's offset of 543 years and the Minguo era's of 1911, the Ethiopian calendar's
arithmetic (a fixed rule: no well-kept Python library has it), and which reading of a
two-digit year to take. Japan's era names are read in :mod:`spiders.dates`, as they stand
beside Gregorian months and days.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import jdatetime

#: The solar months as Afghanistan names them in Dari (Hamal, Sawr, Jawza… Hut) and in Pashto
#: (Wray, Ghwayay, Ghbargolay… Kab), as :func:`spiders.dates._month_key` writes them.
_DARI_SOLAR_MONTHS = (
    "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت",
)  # fmt: skip
_PASHTO_SOLAR_MONTHS = (
    "وری", "غویی", "غبرگولی", "چنگاښ", "زمری", "وږی", "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه",
    "کب",
)  # fmt: skip
#: Converted dates before this are not news on the web: a number, or a historical date.
_EARLIEST = date(1995, 1, 1)
#: Two-digit Buddhist-era years from here on are 1995 and later; below, 20yy is meant. The
#: two readings cannot both fall between 1995 and today until 2038.
_FIRST_SHORT_BUDDHIST_YEAR = 38


def _solar_hijri(year: int, month: int, day: int) -> date:
    return jdatetime.date(year, month, day).togregorian()


def _buddhist(year: int, month: int, day: int) -> date:
    return date(year - 543, month, day)


def _minguo(year: int, month: int, day: int) -> date:
    return date(year + 1911, month, day)


def _ethiopian(year: int, month: int, day: int) -> date:
    """The Gregorian day of an Ethiopian date: twelve months of 30 days and a thirteenth of 5
    (6 in the year before a Gregorian leap year), counted from the Julian day of its era."""
    if not (1 <= month <= 13 and 1 <= day <= (30 if month < 13 else 6)):
        raise ValueError(f"no Ethiopian day {year}-{month}-{day}")
    julian_day = _ETHIOPIAN_EPOCH + 365 * (year - 1) + year // 4 + 30 * (month - 1) + day
    return date.fromordinal(julian_day - _JULIAN_DAY_OF_ORDINAL_ZERO)


#: The Julian day before the Ethiopian era's first (Meskerem 1, year 1), and that of
#: :meth:`date.fromordinal`'s day 0.
_ETHIOPIAN_EPOCH = 1724220
_JULIAN_DAY_OF_ORDINAL_ZERO = 1721425


def _short_gregorian_year(year: int) -> int:
    return 2000 + year


def _short_buddhist_year(year: int) -> int:
    return 2500 + year if year >= _FIRST_SHORT_BUDDHIST_YEAR else 2000 + year


@dataclass(frozen=True)
class Calendar:
    """A calendar some pages date in: how its years are written and how to convert them."""

    #: A regular expression of its years as written (four digits, Minguo's three; none alone
    #: for the Ethiopian, whose years look Gregorian).
    years: str
    #: Month names of its own (month number → names); empty when it names the Gregorian months.
    month_names: tuple[tuple[str, ...], ...]
    #: A regular expression of the month names that a run of three letters or more misses
    #: (Thai vowel signs and abbreviation dots, a two-letter name), or "".
    month_word: str
    #: What may stand before the year, after the month's name or the day ("พ.ศ." before a
    #: Buddhist year, "ቀን" after an Ethiopian day).
    era: str
    #: Its year, month and day as a Gregorian date (ValueError when there is no such day).
    convert: Callable[[int, int, int], date]
    #: The full year a two-digit one stands for on its pages (its own or Gregorian);
    #: None when that cannot be told, and its pages' two-digit years are not read.
    full_year: Callable[[int], int] | None

    def owns(self, year: int) -> bool:
        """Whether a year as written (four digits, Minguo's three) is of this calendar rather
        than the Gregorian; an Ethiopian year, alike to a Gregorian one, is known by its
        month's name instead."""
        return not 1900 <= year < 2100

    def gregorian(self, year: int, month: int, day: int) -> date | None:
        """The Gregorian day of a date in this calendar; None when there is no such day, or it
        falls before 1995 or more than a year from today (a lunar Hijri year, 1445, read as a
        solar one)."""
        try:
            converted = self.convert(year, month, day)
        except ValueError:
            return None
        return converted if _EARLIEST <= converted <= _latest() else None


def _latest() -> date:
    today = date.today()
    return today.replace(year=today.year + 1, day=min(today.day, 28))


SOLAR_HIJRI = Calendar(
    years=r"1[34]\d{2}",
    month_names=tuple(
        zip(
            jdatetime.date.j_months_fa,
            jdatetime.date.j_months_en,
            _DARI_SOLAR_MONTHS,
            _PASHTO_SOLAR_MONTHS,
            strict=True,
        )
    ),
    month_word=r"[^\W\d_]{2}(?!\w)",  # دی (Dey), مه (May): two letters, others have more
    era="",
    convert=_solar_hijri,
    full_year=None,  # "03/02/27": 1403 or 2003, and in which order? Unreadable.
)
BUDDHIST = Calendar(
    years=r"25\d{2}",
    month_names=(),
    month_word=r"[\u0E01-\u0E4E][\u0E01-\u0E4E.]{2,}",  # "มิถุนายน", "พ.ค.", "มิ.ย."
    era=r"(?:[พค]\.\s?ศ\.)\s*",  # พ.ศ. (Buddhist era), ค.ศ. (Common era)
    convert=_buddhist,
    full_year=_short_buddhist_year,
)

#: Taiwan's Minguo years, counted from 1912: "113/02/29", "中華民國113年3月1日" (2024), from 100
#: (2011) on, as three digits never read as a Gregorian year; two digits are a Gregorian year's.
MINGUO = Calendar(
    years=r"1[01]\d",
    month_names=(),
    month_word="",
    era="",
    convert=_minguo,
    full_year=_short_gregorian_year,
)


#: A Minguo year after the name of its era: "中華民國113年", "民國113年".
MINGUO_ERA = re.compile(rf"民國\s*{MINGUO.years}\s*年")

#: The Ethiopian calendar, which Amharic pages date in ("ሚያዝያ 2 ቀን 2016 ዓ.ም." is 10 April
#: 2024), its years close to the Gregorian ones: a date is read in it only where its month is
#: named, "ቀን" (day) between the day and the year; a year of two digits is a Gregorian one's.
ETHIOPIAN = Calendar(
    years=r"(?!)",
    month_names=(
        ("መስከረም",), ("ጥቅምት",), ("ኅዳር", "ህዳር"), ("ታኅሣሥ", "ታህሳስ", "ታኅሳስ"), ("ጥር",),
        ("የካቲት",), ("መጋቢት",), ("ሚያዝያ",), ("ግንቦት",), ("ሰኔ",), ("ሐምሌ", "ሀምሌ"),
        ("ነሐሴ", "ነሃሴ"), ("ጳጉሜ", "ጳጉሜን"),
    ),
    month_word="",
    era=r"ቀን\s*",
    convert=_ethiopian,
    full_year=_short_gregorian_year,
)  # fmt: skip

_SOLAR_HIJRI_LANGUAGES = {"fa", "prs", "ps"}
_SOLAR_HIJRI_COUNTRIES = {"IR", "AF"}


def page_calendar(language: str | None, country: str | None) -> Calendar | None:
    """The calendar besides the Gregorian a page dates in: Solar Hijri for Persian, Dari and
    Pashto pages and for Iranian and Afghan domains, the Buddhist era for Thai pages, Minguo
    years for Taiwanese ones, the Ethiopian calendar for Amharic pages and Ethiopian domains
    (Eritrea's Tigrinya gives the Gregorian months the same names); None for every other
    page."""
    primary = (language or "").split("-")[0].lower()
    if primary in _SOLAR_HIJRI_LANGUAGES or country in _SOLAR_HIJRI_COUNTRIES:
        return SOLAR_HIJRI
    if primary == "th":
        return BUDDHIST
    if country == "TW" or (language or "").upper().endswith("-TW"):
        return MINGUO
    if primary == "am" or country == "ET":
        return ETHIOPIAN
    return None
