"""Dates in the calendars news pages print besides the Gregorian: Solar Hijri on Iranian and
Afghan pages, the Buddhist era on Thai ones, Minguo years on Taiwanese ones, the Ethiopian
calendar on Amharic ones, Japan's eras, Hijri beside Gregorian on Arabic ones; and pages in other
languages read as before."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from spiders.calendars import (
    BUDDHIST,
    ETHIOPIAN,
    MINGUO,
    SOLAR_HIJRI,
    Calendar,
    page_calendar,
)
from spiders.dates import shown_dates
from tests.test_datelines import page, published

IRANIAN = "https://www.example.ir/news/1403/bridge-reopens"
AFGHAN = "https://www.example.af/dari/news/bridge-reopens"
ELSEWHERE = "https://news.example.com/bridge-reopens"


def offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "language", "calendar", "expected"),
    [
        # Solar Hijri: 27 Ordibehesht 1403 is 16 May 2024
        ("۲۷ اردیبهشت ۱۴۰۳", "fa", SOLAR_HIJRI, datetime(2024, 5, 16)),
        ("جمعه ۲۷ ارديبهشت ۱۴۰۳ - ساعت ۱۴:۳۰", "fa", SOLAR_HIJRI, datetime(2024, 5, 16, 14, 30)),
        ("1403/02/27", "fa", SOLAR_HIJRI, datetime(2024, 5, 16)),
        ("۱۴۰۳-۰۲-۲۷ ۱۴:۳۰", "fa", SOLAR_HIJRI, datetime(2024, 5, 16, 14, 30)),
        ("27/02/1403", "fa", SOLAR_HIJRI, datetime(2024, 5, 16)),
        ("۱۰ دی ۱۴۰۲", "fa", SOLAR_HIJRI, datetime(2023, 12, 31)),  # a two-letter month
        ("۱۶ مه ۲۰۲۴", "fa", SOLAR_HIJRI, datetime(2024, 5, 16)),  # Gregorian, two letters
        ("۲۷ ثور ۱۴۰۳", "fa", SOLAR_HIJRI, datetime(2024, 5, 16)),  # Afghan (Dari) name
        ("27 Ordibehesht 1403", "en", SOLAR_HIJRI, datetime(2024, 5, 16)),
        ("۲۷ غویی ۱۴۰۳", "ps", SOLAR_HIJRI, datetime(2024, 5, 16)),  # Pashto: Ghwayay
        ("۲۷ غويي ۱۴۰۳", "ps", SOLAR_HIJRI, datetime(2024, 5, 16)),  # with Arabic yeh
        ("۱۵ چنګاښ ۱۴۰۲ ۱۰:۳۰", "ps", SOLAR_HIJRI, datetime(2023, 7, 6, 10, 30)),  # Pashto gaf
        ("۱۲ لیندۍ ۱۴۰۲", "ps", SOLAR_HIJRI, datetime(2023, 12, 3)),
        ("۳ کب ۱۴۰۲", "ps", SOLAR_HIJRI, datetime(2024, 2, 22)),  # Kab: two letters
        ("2 تير 1399 - 02:09:08 ب.ظ", "fa", SOLAR_HIJRI, datetime(2020, 6, 22, 14, 9, 8)),  # p.m.
        ("2 تير 1399 - 12:09 ق.ظ", "fa", SOLAR_HIJRI, datetime(2020, 6, 22, 0, 9)),
        ("17 May 2024", "en", SOLAR_HIJRI, datetime(2024, 5, 17)),  # Gregorian stays
        ("از ۱۲ تا ۱۵ دی ۱۴۰۳", "fa", SOLAR_HIJRI, datetime(2025, 1, 4)),  # "from 12 to 15 Dey"
        ("۱۲ دی ۱۵ بهمن ۱۴۰۳", "fa", SOLAR_HIJRI, datetime(2025, 2, 3)),  # no two-digit year
        # the Buddhist era: 2567 is 2024
        ("17 พ.ค. 2567", "th", BUDDHIST, datetime(2024, 5, 17)),
        ("วันที่17 พฤษภาคม 2567", "th", BUDDHIST, datetime(2024, 5, 17)),  # no space before it
        ("17 มิ.ย. 2567", "th", BUDDHIST, datetime(2024, 6, 17)),
        ("17 มิถุนายน 2567", "th", BUDDHIST, datetime(2024, 6, 17)),
        ("วันศุกร์ที่ 17 พฤษภาคม พ.ศ. 2567", "th", BUDDHIST, datetime(2024, 5, 17)),
        ("17 พ.ค. 67 12:30 น.", "th", BUDDHIST, datetime(2024, 5, 17, 12, 30)),
        ("17/05/2567", "th", BUDDHIST, datetime(2024, 5, 17)),
        ("17/05/67", "th", BUDDHIST, datetime(2024, 5, 17)),
        ("17/05/24", "th", BUDDHIST, datetime(2024, 5, 17)),  # a Gregorian short year
        ("17 กุมภาพันธ์ 2024", "th", BUDDHIST, datetime(2024, 2, 17)),
        ("between 17 and 20 May 2024", "th", BUDDHIST, datetime(2024, 5, 20)),  # "17 and 20"
        # Minguo years: 113 is 2024
        ("發布日期：113/02/29 16:30", "zh-Hant-TW", MINGUO, datetime(2024, 2, 29, 16, 30)),
        ("中華民國113年3月1日　星期五", "zh-Hant-TW", MINGUO, datetime(2024, 3, 1)),
        ("2024/02/29", "zh-Hant-TW", MINGUO, datetime(2024, 2, 29)),  # Gregorian stays
        # the Ethiopian calendar, named months only: Meskerem 1, 2016 is 12 September 2023
        ("ቀን: ረቡዕ፣ ሚያዝያ 2 ቀን 2016 ዓ.ም.", "am", ETHIOPIAN, datetime(2024, 4, 10)),
        ("ቅዳሜ፣ ጥር 11 ቀን 2016 ዓ.ም", "am", ETHIOPIAN, datetime(2024, 1, 20)),
        ("መስከረም 1 ቀን 2016", "am", ETHIOPIAN, datetime(2023, 9, 12)),
        ("ጳጉሜ 6 ቀን 2015", "am", ETHIOPIAN, datetime(2023, 9, 11)),  # a leap year's last day
        ("April 10, 2024", "am", ETHIOPIAN, datetime(2024, 4, 10)),  # Gregorian stays
        # a year of two digits is a Gregorian one's
        ("17/05/24", "en", ETHIOPIAN, datetime(2024, 5, 17)),
        ("05/17/24 10:32", "en", MINGUO, datetime(2024, 5, 17, 10, 32)),
        # Japan's eras, in any calendar: Reiwa 6 is 2024, its first year 2019
        ("掲載日：令和6年5月7日（火）　午後3時12分", "ja", None, datetime(2024, 5, 7, 15, 12)),
        ("［令和６年３月１２日］", "ja", None, datetime(2024, 3, 12)),
        ("令和元年5月1日", "ja", None, datetime(2019, 5, 1)),
        ("平成31年4月30日 10:00", "ja", None, datetime(2019, 4, 30, 10)),
        # Hijri beside Gregorian: the Gregorian date, in any digits
        ("الجمعة 17 مايو 2024 - 9 ذو القعدة 1445", "ar", None, datetime(2024, 5, 17)),
        ("الجمعة ١٧ مايو ٢٠٢٤ - ٩ ذو القعدة ١٤٤٥", "ar", None, datetime(2024, 5, 17)),
        (
            "۹ ذی‌القعده ۱۴۴۵ - ۱۶ مه ۲۰۲۴ - ۲۷ اردیبهشت ۱۴۰۳",
            "fa",
            SOLAR_HIJRI,
            datetime(2024, 5, 16),
        ),
    ],
)
def test_dates_of_other_calendars_read_as_gregorian(
    text: str, language: str, calendar: Calendar | None, expected: datetime
) -> None:
    """Every date the line gives is the expected one (the Hijri date gives none)."""
    assert {shown.when for shown in shown_dates(text, language, True, calendar)} == {expected}


@pytest.mark.parametrize(
    ("text", "language", "calendar"),
    [
        ("۹ ذو القعدة ١٤٤٥", "ar", None),  # Hijri alone: no date
        ("1445/11/09", "ar", None),
        ("09/11/1445", "ar", None),
        ("۹ ذی‌القعده ۱۴۴۵", "fa", SOLAR_HIJRI),
        ("17 May 1403", "fa", SOLAR_HIJRI),  # a Gregorian month in a Solar Hijri year
        ("27 اردیبهشت 2024", "fa", SOLAR_HIJRI),  # and the other way round
        ("۲۷/۰۲/۰۳", "fa", SOLAR_HIJRI),  # 1403 or 2003, and which order: unreadable
        ("1350/01/01", "fa", SOLAR_HIJRI),  # 1971: before 1995
        ("1445/11/09", "fa", SOLAR_HIJRI),  # lunar Hijri, read as solar: decades ahead
        ("1403/02/27", "en", None),  # not a Solar Hijri page
        ("17/05/2567", "en", None),  # not a Thai page
        ("17 พ.ค. 2567", "th", None),
        ("113/02/29", "zh-Hant", None),  # not a Taiwanese page
        ("ሚያዝያ 2 ቀን 2016", "en", None),  # not an Ethiopian page
        ("ጳጉሜ 7 ቀን 2015", "am", ETHIOPIAN),  # no such day
        ("平成35年4月30日", "ja", None),  # Heisei ended in its 31st year
    ],
)
def test_what_no_calendar_of_the_page_reads_gives_no_date(
    text: str, language: str, calendar: Calendar | None
) -> None:
    assert shown_dates(text, language, True, calendar) == []


@pytest.mark.parametrize(
    ("language", "country", "expected"),
    [("fa", None, SOLAR_HIJRI), ("fa-IR", None, SOLAR_HIJRI), ("ps", None, SOLAR_HIJRI),
     ("en", "IR", SOLAR_HIJRI), (None, "AF", SOLAR_HIJRI), ("th", None, BUDDHIST),
     ("th-TH", "TH", BUDDHIST), ("en", "TH", None), ("ar", "SA", None), (None, None, None),
     ("zh-Hant-TW", None, MINGUO), ("zh-TW", None, MINGUO), ("zh-Hant", "TW", MINGUO),
     ("zh-Hant", "HK", None), ("am", None, ETHIOPIAN), ("en", "ET", ETHIOPIAN),
     ("ti", "ER", None)],  # Eritrea's Tigrinya names the Gregorian months alike
)  # fmt: skip
def test_the_page_calendar_comes_from_its_language_or_its_domain(
    language: str | None, country: str | None, expected: Calendar | None
) -> None:
    assert page_calendar(language, country) is expected


def dated(dateline: str, lang: str, url: str, head: str = "") -> datetime | None:
    return published(page(head, dateline=f'<p class="date">{dateline}</p>', lang=lang), url)


def test_a_persian_dateline_is_the_gregorian_day_in_the_pages_offset() -> None:
    tehran = dated("۲۷ اردیبهشت ۱۴۰۳ - ۱۴:۳۰", "fa", IRANIAN)
    assert tehran == datetime(2024, 5, 16, 14, 30, tzinfo=offset(3.5))
    # an English page on an Iranian domain
    assert dated("1403/02/27", "en", IRANIAN) == datetime(2024, 5, 16, tzinfo=offset(3.5))
    # a Persian page on a domain of no country: Iran's day, where Persian is most written
    assert dated("1403/02/27", "fa", ELSEWHERE) == datetime(2024, 5, 16, tzinfo=offset(3.5))
    kabul = dated("۲۷ ثور ۱۴۰۳", "fa-AF", AFGHAN)
    assert kabul == datetime(2024, 5, 16, tzinfo=offset(4.5))
    # the same line on a page of neither language nor country gives no date
    assert dated("1403/02/27", "en", ELSEWHERE) is None


def test_a_solar_hijri_date_in_json_ld_is_converted() -> None:
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "1403-02-27T14:30:00+03:30"})
    head = f'<script type="application/ld+json">{ld}</script>'
    assert published(page(head, lang="fa"), IRANIAN) == datetime(
        2024, 5, 16, 14, 30, tzinfo=offset(3.5)
    )


def test_a_converted_date_in_the_future_is_no_publication_date() -> None:
    year = datetime.now(UTC).year - 621 + 2  # two Solar Hijri years ahead
    assert dated(f"{year}/01/15", "fa", ELSEWHERE) is None
    assert dated(f"15/01/{datetime.now(UTC).year + 545}", "th", ELSEWHERE) is None


def test_a_thai_dateline_in_the_buddhist_era() -> None:
    bangkok = "https://www.example.co.th/news/bridge-reopens"
    assert dated("17 พ.ค. 2567 12:30 น.", "th", bangkok) == datetime(
        2024, 5, 17, 12, 30, tzinfo=offset(7)
    )
    assert dated("17/05/2567", "en", ELSEWHERE) is None


def test_an_arabic_dateline_with_hijri_beside_gregorian_gives_the_gregorian_day() -> None:
    assert dated("الجمعة ١٧ مايو ٢٠٢٤ - ٩ ذو القعدة ١٤٤٥", "ar", ELSEWHERE) == datetime(
        2024, 5, 17, tzinfo=offset(3)
    )
    assert dated("٩ ذو القعدة ١٤٤٥", "ar", ELSEWHERE) is None


def test_a_minguo_year_after_its_eras_name_is_read_wherever_the_page_is_served() -> None:
    """ "中華民國113年7月9日" names its calendar: a Taiwanese page read from another host (a
    mirror, an archive's replay) keeps its date; a bare "113年" there is no year."""
    elsewhere = "http://127.0.0.1:8000/article.asp?id=5597"
    when = dated("文／陳怡君　中華民國113年7月9日", "zh", elsewhere)
    assert when is not None and when.date().isoformat() == "2024-07-09"
    assert dated("113年7月9日", "zh", elsewhere) is None
