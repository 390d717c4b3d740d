"""Dates written relative to when the page was seen: "26 minutes ago", "vor 3 Stunden",
"il y a 2 jours", "3시간 전", "منذ 3 ساعات", "yesterday, 14:30" (today and yesterday only with
their time, and "USA TODAY 10:00" is a name; a date after the capture is none); and a day
written without its year, with its time ("17 May, 10:30"), which sites print for this year's
stories: the last such day at or before the capture.

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
from datetime import date, datetime, time, timedelta, tzinfo

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
#: How far a time of day written on the page may run ahead of the capture's clock.
_CLOCK_SLACK = timedelta(minutes=5)
#: How far a day written without its year may run ahead of the capture and still be this
#: year's: as far as the page's zone may be from the one it is read in.
_YEAR_SLACK = timedelta(days=1)
#: The digits of a count, as dateparser's patterns write their group.
_COUNT = r"(\d{1,3})"
#: A digit, or a letter of a script written with spaces between words: Latin, Greek, Cyrillic,
#: Arabic, Indic… (not Thai, Lao, Myanmar, Khmer or CJK, whose words run on).
_SPACED_WORD = "[0-9A-Za-z\u00c0-\u0dff\u0f00-\u0fff\u10a0-\u177f\u1800-\u2e7f]"
#: A count and a unit next to a phrase: "2 hours 30 minutes ago" is one compound date, which
#: is not read (rather than read as its last unit).
_COUNT_BEFORE = re.compile(r"\d+\s*[^\W\d_]+\s*$")
_COUNT_AFTER = re.compile(r"\s*\d+\s*[^\W\d_]")
#: How far before a phrase a count is looked for.
_NEAR = 24
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

    def when(self, seen: datetime, zone: tzinfo) -> datetime | None:
        """The date against the capture time ``seen`` (aware): an instant in ``zone``, or a
        naive local time for a day without its time (midnight when none is written); None
        when it falls after the capture ("today, 23:45" on a page fetched at ten)."""
        if not self.by_day:
            return (seen - self.ago).astimezone(zone)
        day: date = seen.astimezone(zone).date() - self.ago
        local = datetime.combine(day, self.clock or time())
        return local if local.replace(tzinfo=zone) <= seen + _CLOCK_SLACK else None


@dataclass(frozen=True)
class _Phrase:
    """One way a language writes a relative date: ``unit`` times the count the pattern's
    first group holds ("3 hours ago"), or once for a phrase without a count ("yesterday")."""

    pattern: re.Pattern[str]
    unit: timedelta
    by_day: bool


def in_capture_year(day: DayWithoutYear, seen: datetime, zone: tzinfo) -> datetime | None:
    """A day written without its year, as a naive local time: in the capture's year, or the
    year before when that would fall more than a day after the capture ("17 December" seen in
    January; within a day, the page's zone is more likely wrong than its year); None for a
    29 February of neither."""
    year = seen.astimezone(zone).year
    for candidate_year in (year, year - 1):
        try:
            local = datetime(candidate_year, day.month, day.day, day.clock.hour, day.clock.minute)
        except ValueError:
            continue
        if local.replace(tzinfo=zone) <= seen + _YEAR_SLACK:
            return local
    return None


def relative_dates(text: str, language: str | None) -> list[RelativeDate]:
    """Every relative date written in ``text``, in the page's language or in English, in
    order; none for a language dateparser has no data for."""
    found: dict[int, RelativeDate] = {}
    for phrase in _phrases(language):
        for match in phrase.pattern.finditer(text):
            if match.start() in found:
                continue
            before = text[max(0, match.start() - _NEAR) : match.start()]
            if _COUNT_BEFORE.search(before) or _COUNT_AFTER.match(text, match.end()):
                continue
            if phrase.pattern.groups:
                ago = int(match[1]) * phrase.unit
                if ago <= _MAX_AGO:
                    found[match.start()] = RelativeDate(match.start(), ago, phrase.by_day, None)
                continue
            clock = time_after(text, match.end())  # "yesterday, 14:30"; "USA Today" is none
            if clock is not None and not (
                match[0].isupper() and _CAPITALS_BEFORE.search(text, 0, match.start())
            ):
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
        for unit, length in _UNITS.items():
            written = [
                phrase.replace(r"(\d++[.,]?\d*+)", _COUNT)
                for phrase in info.get("relative-type-regex", {}).get(rf"\1 {unit} ago", [])
            ]
            words = _alternatives(info.get(unit) or [])
            if words and ago:
                written += [
                    rf"(?:{ago})\s*{_COUNT}\s*(?:{words})",
                    rf"{_COUNT}\s*(?:{words})\s*(?:{ago})",
                ]
            phrases += [_Phrase(_compiled(phrase), length, unit == "day") for phrase in written]
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
