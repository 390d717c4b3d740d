"""Dates written relative to when the page was seen: "26 minutes ago", "vor 3 Stunden",
"il y a 2 jours", "3시간 전", "منذ 3 ساعات", "yesterday, 14:30" (today and yesterday only with
their time, and "USA TODAY 10:00" is a name; a date after the capture is none); and a day
written without its year, with its time ("17 May, 10:30"), which sites print for this year's
stories: the last such day at or before the capture (on the day of the week written beside
it: "5/17(金) 18:32").

Fresh news pages often date their stories this way, and some give no other date. An archive
knows when it saw the page (its capture's time), so such a date is read against that time,
never against the present: indexing an old capture again gives the same date.

The words are dateparser's, from its data for each language (drawn from CLDR): its units, its
words for "ago", its patterns for "3 hours ago" and its words for today and yesterday.
Written by hand: finding the phrase inside a longer line ("Von Max Muster · vor 3 Stunden"),
where dateparser's own search also takes a reading time ("5 min read") for a date; and which
phrases are precise enough to date a publication: seconds, minutes, hours, and days up to a
week ("3 weeks ago" and "2 months ago" are left out).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from dateparser.languages import default_loader

from spiders.dates import DayWithoutYear, time_after

#: The units precise enough for a publication date, as dateparser's data names them.
_UNITS = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
}
#: "6 days ago" still names a day of the week the reader can check; a week is too vague.
_MAX_AGO = timedelta(days=6)
#: How far a time of day written on the page may run ahead of the capture's clock, when the
#: page's zone is known; when it is not (read as UTC), as far as any zone is ahead of UTC.
_CLOCK_SLACK = timedelta(minutes=5)
_UNKNOWN_ZONE_SLACK = timedelta(hours=14)
#: The digits of a count, as dateparser's patterns write their group.
_COUNT = r"(\d{1,3})"
#: A digit, or a letter of a script written with spaces between words: Latin, Greek, Cyrillic,
#: Arabic, Indic… (not Thai, Lao, Myanmar, Khmer or CJK, whose words run on).
_SPACED_WORD = "[0-9A-Za-z\u00c0-\u0dff\u0f00-\u0fff\u10a0-\u177f\u1800-\u2e7f]"
#: How far before a phrase a count of a unit, or capitals, are looked for.
_NEAR = 24
#: The units a compound may join to a phrase, as dateparser's data names them.
_ALL_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
#: Capitals before "TODAY" make a name of it: "USA TODAY 10:00".
_CAPITALS_BEFORE = re.compile(r"(?<![^\W\d_])[A-Z]{2,}\s+$")


@dataclass(frozen=True)
class RelativeDate:
    """A relative date found in text: ``ago`` before the capture, or, ``by_day``, that many
    days before the capture's day (at ``clock`` when the text gives the time)."""

    start: int
    ago: timedelta
    by_day: bool
    clock: time | None

    def when(self, seen: datetime, zone: tzinfo | None) -> datetime | None:
        """The date against the capture time ``seen`` (aware) in the page's ``zone`` (None
        when unknown: UTC): an instant, or a naive local time for a day without its time
        (midnight when none is written); None when it falls after the capture ("today,
        23:45" on a page fetched at ten)."""
        if not self.by_day:
            return (seen - self.ago).astimezone(zone or UTC)
        day: date = seen.astimezone(zone or UTC).date() - self.ago
        local = datetime.combine(day, self.clock or time())
        return local if _not_after(local, seen, zone) else None


@dataclass(frozen=True)
class _Phrase:
    """One way a language writes a relative date: ``unit`` times the count the pattern's
    first group holds ("3 hours ago"), or once for a phrase without a count ("yesterday")."""

    pattern: re.Pattern[str]
    unit: timedelta
    by_day: bool
    #: A count of a unit of the language on the phrase's open side (before "3 hours ago",
    #: after "vor 3 Stunden"): "2 hours 30 minutes ago" and "vor 1 Tag 3 Stunden" are
    #: compounds, which are not read rather than read as one of their units; "3 hours ago
    #: 4 min read" and "vor 3 Stunden 2 Kommentare" are no compounds.
    compound: re.Pattern[str] | None = None


def in_capture_year(day: DayWithoutYear, seen: datetime, zone: tzinfo | None) -> datetime | None:
    """A day written without its year: the last such day at or before the capture time
    ``seen`` ("17 December" seen in January is last year's) that falls on the day of the week
    written beside it ("5/17(金)": a Friday), at its time (else midnight) in the zone written
    after it, else in the page's ``zone`` (None when unknown) as a naive local time; None for
    a 29 February, or a day of the week, of none of the years around."""
    written = day.zone or zone
    year = seen.astimezone(written or UTC).year
    clock = day.clock or time()
    for candidate_year in (year + 1, year, year - 1):
        try:
            local = datetime(candidate_year, day.month, day.day, clock.hour, clock.minute)
        except ValueError:
            continue
        if day.weekday is not None and local.weekday() != day.weekday:
            continue
        if _not_after(local, seen, written):
            return local.replace(tzinfo=day.zone) if day.zone else local
    return None


def _not_after(local: datetime, seen: datetime, zone: tzinfo | None) -> bool:
    """Whether the naive local time in ``zone`` is not after the capture: within a few minutes
    when the zone is known, within any zone's lead on UTC when it is not."""
    slack = _CLOCK_SLACK if zone is not None else _UNKNOWN_ZONE_SLACK
    return local.replace(tzinfo=zone or UTC) <= seen + slack


def relative_dates(text: str, language: str | None) -> list[RelativeDate]:
    """Every relative date written in ``text``, in the page's language or in English, in
    order; none for a language dateparser has no data for."""
    found: dict[int, RelativeDate] = {}
    for phrase in _phrases(language):
        for match in phrase.pattern.finditer(text):
            if match.start() in found:
                continue
            before = text[max(0, match.start() - _NEAR) : match.start()]
            around = f"{before}\0{text[match.end() : match.end() + _NEAR]}"
            if phrase.compound is not None and phrase.compound.search(around):
                continue
            if phrase.pattern.groups:
                ago = int(match[1]) * phrase.unit
                if ago <= _MAX_AGO:
                    found[match.start()] = RelativeDate(match.start(), ago, phrase.by_day, None)
                continue
            clock = time_after(text, match.end(), language)  # "yesterday, 14:30"
            if clock is not None and not (match[0].isupper() and _CAPITALS_BEFORE.search(before)):
                found[match.start()] = RelativeDate(match.start(), phrase.unit, True, clock[0])
    return [found[start] for start in sorted(found)]


@functools.lru_cache(maxsize=64)
def _phrases(language: str | None) -> tuple[_Phrase, ...]:
    """The phrases of the language and of English."""
    phrases: list[_Phrase] = []
    for tag in dict.fromkeys(filter(None, ((language or "").split("-")[0].lower(), "en"))):
        try:
            info = default_loader.get_locale(tag).info
        except ValueError:  # no data for this language
            continue
        ago = _alternatives(word for word in info.get("ago") or [] if word != "before")
        written = {
            unit: [
                phrase.replace(r"(\d++[.,]?\d*+)", _COUNT)
                for phrase in info.get("relative-type-regex", {}).get(rf"\1 {unit} ago", [])
            ]
            for unit in _UNITS
        }
        # The language's own order: CLDR's phrases say whether its count comes first.
        orders = {phrase.startswith(_COUNT) for forms in written.values() for phrase in forms}
        every_unit = _alternatives(word for unit in _ALL_UNITS for word in info.get(unit) or [])
        counted = rf"\d+\s*(?:{every_unit})(?!{_SPACED_WORD})"
        # A compound on the open side: before a count-first phrase, after an "ago"-first one.
        compounds = {
            True: re.compile(rf"{counted}\s*\0", re.IGNORECASE),
            False: re.compile(rf"\0\s*{counted}", re.IGNORECASE),
        }
        for unit, length in _UNITS.items():
            words = _alternatives(info.get(unit) or [])
            forms = list(written[unit])
            if words and ago:
                if False in orders or not orders:
                    forms.append(rf"(?:{ago})\s*{_COUNT}\s*(?:{words})")
                if True in orders or not orders:
                    forms.append(rf"{_COUNT}\s*(?:{words})\s*(?:{ago})")
            phrases += [
                _Phrase(
                    _compiled(form),
                    length,
                    unit == "day",
                    compounds[form.startswith(_COUNT)] if every_unit else None,
                )
                for form in forms
            ]
        for days, key in ((0, "0 day ago"), (1, "1 day ago")):
            for word in info.get("relative-type", {}).get(key, []):
                phrases.append(_Phrase(_compiled(re.escape(word)), timedelta(days=days), True))
    return tuple(phrases)


def _alternatives(words: Iterable[str]) -> str:
    """Words as alternatives of a pattern, longest first ("minutes" before "min")."""
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def _compiled(phrase: str) -> re.Pattern[str]:
    """A phrase as a pattern that starts and ends at word boundaries in scripts that write
    spaces ("vor" is no phrase inside "zuvor"); CJK text runs on without them ("3小时前发布")."""
    return re.compile(f"(?<!{_SPACED_WORD})(?:{phrase})(?!{_SPACED_WORD})", re.IGNORECASE)
