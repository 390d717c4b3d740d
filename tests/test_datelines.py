"""Publication dates: visible dates in many languages, the order of day and month, the trust
order of sources, the page's offset, and the dates that are never the article's."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest

from spiders.dates import day_first_in, shown_dates, url_date
from spiders.extraction import extract_article

PROSE = "".join(
    f"<p>Paragraph {i} of the story tells readers what happened in the valley this week, "
    "who was there and why it matters for the people who live nearby.</p>"
    for i in range(4)
)


def page(
    head: str = "", before: str = "", dateline: str = "", after: str = "", lang: str = "en"
) -> str:
    """An article page: ``before`` the story (a teaser strip), ``dateline`` under its
    headline, ``after`` it (related links, comments)."""
    return (
        f'<html lang="{lang}"><head><title>Bridge reopens</title>{head}</head><body>'
        f'<header><a href="/">The Example</a></header>{before}'
        f"<article><h1>Bridge reopens</h1>{dateline}<div class='body'>{PROSE}</div></article>"
        f"{after}</body></html>"
    )


def published(html: str, url: str = "https://news.example.com/bridge-reopens") -> datetime | None:
    return extract_article(url, html).published


def day(html: str, url: str = "https://news.example.com/bridge-reopens") -> str | None:
    """The published day, ISO-formatted."""
    when = published(html, url)
    return when.date().isoformat() if when else None


def offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "language", "day_first", "expected"),
    [
        ("Publicado: 27/01/2020 09:23", "es", True, datetime(2020, 1, 27, 9, 23)),
        ("Unica.md, 20 septembrie 2020 16:20", "ro", True, datetime(2020, 9, 20, 16, 20)),
        ("7. Juni 2020, 14:30 Uhr", "de", True, datetime(2020, 6, 7, 14, 30)),
        ("17 de mayo de 2024", "es", True, datetime(2024, 5, 17)),
        ("16 de mayo de 2024 a las 10:45", "es", True, datetime(2024, 5, 16, 10, 45)),
        ("May 14, 2024, Edited at 4:58", "en", False, datetime(2024, 5, 14)),  # not its time
        ("7 июня 2020 г. 10:00", "ru", True, datetime(2020, 6, 7, 10, 0)),
        ("June 7, 2020 at 8:25 pm", "en", False, datetime(2020, 6, 7, 20, 25)),
        ("Sept. 3, 2020", "en", False, datetime(2020, 9, 3)),
        ("2020年06月07日08:25  来源：人民网", "zh", None, datetime(2020, 6, 7, 8, 25)),
        ("입력 2020.06.07 08:25", "ko", None, datetime(2020, 6, 7, 8, 25)),
        ("2024 05/17 10:26:15", "zh", None, datetime(2024, 5, 17, 10, 26, 15)),  # year set apart
        ("2020. június 4. 12:15", "hu", None, datetime(2020, 6, 4, 12, 15)),
        ("14:30, 17.05.2024", "de", True, datetime(2024, 5, 17, 14, 30)),
        # a time before its date, with its zone
        (
            "11:32 a.m. ET May 14, 2024",
            "en",
            False,
            datetime(2024, 5, 14, 11, 32, tzinfo=offset(-4)),
        ),
        ("21:15 GMT+2 17.05.2024", "de", True, datetime(2024, 5, 17, 21, 15, tzinfo=offset(2))),
        ("17.05.2024 14:30 GMT+2", "de", True, datetime(2024, 5, 17, 14, 30, tzinfo=offset(2))),
        ("05/06/2024", "en", True, datetime(2024, 6, 5)),
        ("05/06/2024", "en", False, datetime(2024, 5, 6)),
        ("25/06/2024", "en", False, datetime(2024, 6, 25)),  # 25 can only be the day
        # month names as one country of the language writes them
        ("15 كانون الثاني 2024 - 14:30", "ar", True, datetime(2024, 1, 15, 14, 30)),  # Levant
        # the Levant's and Egypt's names of one month, side by side
        ("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "ar", True, datetime(2020, 4, 24, 21, 22)),
        ("الأحد 7 نيسان 2024", "ar", True, datetime(2024, 4, 7)),
        ("1 تشرين\u00a0الأول 2023", "ar", True, datetime(2023, 10, 1)),  # a no-break space
        ("18 يوليوز 2024", "ar", True, datetime(2024, 7, 18)),  # Morocco
        ("7 أفريل 2024", "ar", True, datetime(2024, 4, 7)),  # Algeria, Tunisia
        ("7 أبريل 2024", "ar", True, datetime(2024, 4, 7)),  # Egypt, the Gulf
        ("17 ايار 2024", "ar", True, datetime(2024, 5, 17)),  # alef without its hamza
        ("3 تشرين الاول 2024", "ar", True, datetime(2024, 10, 3)),
        ("3 كانون الثانى 2024", "ar", True, datetime(2024, 1, 3)),  # alef maksura for yeh
        ("Wien, 3. Jänner 2024", "de", True, datetime(2024, 1, 3)),  # Austria
        ("17 de setiembre de 2023", "es", True, datetime(2023, 9, 17)),  # Peru, Uruguay
        ("17. maj 2024.", "sr", True, datetime(2024, 5, 17)),  # Serbian in Latin script
        ("17. мај 2024.", "sr", True, datetime(2024, 5, 17)),  # and in Cyrillic
        # short names and scripts whose vowel signs are marks, not letters
        ("15 آب 2024", "ar", True, datetime(2024, 8, 15)),
        ("17 मई 2024", "hi", True, datetime(2024, 5, 17)),
        ("१२ जनवरी २०२४", "hi", True, datetime(2024, 1, 12)),
        ("১৭ মে ২০২৪", "bn", True, datetime(2024, 5, 17)),
        ("17 ஜூன் 2024", "ta", True, datetime(2024, 6, 17)),
        ("Objavljeno: 17.05.2024. 09:00", "hr", True, datetime(2024, 5, 17, 9, 0)),
        ("Jun 5, 2024 @ 2:32pm", "ms", False, datetime(2024, 6, 5, 14, 32)),  # "@" for "at"
        ("5:42 pm on 17 May 2024", "en", True, datetime(2024, 5, 17, 17, 42)),  # time first
        # the half of the day and the weekday between a time and its date
        ("04:05 م الأربعاء 12 يونيو 2024", "ar", True, datetime(2024, 6, 12, 16, 5)),
        # a time zone's abbreviation: its offset, or its zone's offset on that day
        (
            "May 17, 2024 9:30 p.m. EDT",
            "en",
            False,
            datetime(2024, 5, 17, 21, 30, tzinfo=offset(-4)),
        ),
        (
            "January 17, 2024, 3:45 PM ET",
            "en",
            False,
            datetime(2024, 1, 17, 15, 45, tzinfo=offset(-5)),
        ),
        ("May 17, 2024, 3:45 PM ET", "en", False, datetime(2024, 5, 17, 15, 45, tzinfo=offset(-4))),
        (
            "17. Mai 2024, 14:30 Uhr MESZ",
            "de",
            True,
            datetime(2024, 5, 17, 14, 30, tzinfo=offset(2)),
        ),
        ("Oct 3, 2020, 19:30 IST", "en", False, datetime(2020, 10, 3, 19, 30, tzinfo=offset(5.5))),
        ("May 17, 2024 10:00 AM (PDT)", "en", False, datetime(2024, 5, 17, 10, tzinfo=offset(-7))),
        # CST is the US's Central on an English page, China's on a Chinese one; on a page of
        # no language it is ambiguous
        ("May 17, 2024 9:30 PM CST", "en", False, datetime(2024, 5, 17, 21, 30, tzinfo=offset(-6))),
        ("May 17, 2024 9:30 PM CST", "zh", False, datetime(2024, 5, 17, 21, 30, tzinfo=offset(8))),
        ("May 17, 2024 9:30 PM CST", None, False, datetime(2024, 5, 17, 21, 30)),
        # a time before its date, the weekday abbreviated after a comma
        ("12:30PM, Fri. Oct. 4, 2019", "en", False, datetime(2019, 10, 4, 12, 30)),
        (
            "May 17, 2024 3:45 PM ET Updated",
            "en",
            False,
            datetime(2024, 5, 17, 15, 45, tzinfo=offset(-4)),
        ),
        (
            "May 17, 2024 10:00 AM ET By Jane Doe",
            "en",
            False,
            datetime(2024, 5, 17, 10, tzinfo=offset(-4)),
        ),
        # a time with the language's word for before or after noon, after it or before it
        ("الخميس، ٠٥ سبتمبر ٢٠٢٤ ٠٩:٢٢ م", "ar", True, datetime(2024, 9, 5, 21, 22)),
        ("05 سبتمبر 2024 09:22 ص", "ar", True, datetime(2024, 9, 5, 9, 22)),
        ("05 سبتمبر 2024 09:22 مساءً", "ar", True, datetime(2024, 9, 5, 21, 22)),
        ("05 سبتمبر 2024 09:22 مصر", "ar", True, datetime(2024, 9, 5, 9, 22)),  # no such word
        ("2024.05.17 오후 3:20", "ko", None, datetime(2024, 5, 17, 15, 20)),
        # the time, or the weekday before it, in brackets; the time alone in brackets only
        # as Korean, Japanese and Chinese pages write it, not an update's nor an event's
        ("입력 2024.03.10 (21:05)", "ko", None, datetime(2024, 3, 10, 21, 5)),
        ("기사입력 2024/03/08 [10:22]", "ko", None, datetime(2024, 3, 8, 10, 22)),
        ("2024年5月7日（火）15:12", "ja", None, datetime(2024, 5, 7, 15, 12)),
        ("2024.03.10 (최종수정 21:05)", "ko", None, datetime(2024, 3, 10)),
        ("Le 17/05/2024 (MAJ à 14h30)", "fr", True, datetime(2024, 5, 17)),
        ("Sa., 18.05.2024 (15:30 Uhr)", "de", True, datetime(2024, 5, 18)),
        ("Sa., 18.05.2024 (ab 15:30 Uhr)", "de", True, datetime(2024, 5, 18)),
        ("Le 17/05/2024 (mis à jour 14h30)", "fr", True, datetime(2024, 5, 17)),
        ("17/05/2024 (MAJ) 14:30", "fr", True, datetime(2024, 5, 17)),
        ("2024.05.17 (수정) 18:40", "ko", None, datetime(2024, 5, 17)),
        ("2024.05.17 오전 12:20", "ko", None, datetime(2024, 5, 17, 0, 20)),
        ("2024年5月17日 下午3:20", "zh", None, datetime(2024, 5, 17, 15, 20)),
        ("2024年5月17日午後3:20", "ja", None, datetime(2024, 5, 17, 15, 20)),
        ("17 Μαΐου 2024 9:22 μ.μ.", "el", True, datetime(2024, 5, 17, 21, 22)),
        # and its words for parts of the day that lie in one half of it (CLDR's day periods)
        ("Hunyo 4, 2024, 3:45 ng hapon", "tl", False, datetime(2024, 6, 4, 15, 45)),
        ("Hunyo 4, 2024, 8:10 ng gabi", "fil", False, datetime(2024, 6, 4, 20, 10)),
        ("5 de junio de 2024, 3:45 de la tarde", "es", True, datetime(2024, 6, 5, 15, 45)),
        ("5 июня 2024, 3:00 дня", "ru", True, datetime(2024, 6, 5, 15, 0)),
        ("2024年6月5日晚上8:00", "zh", None, datetime(2024, 6, 5, 20, 0)),
        ("2024년 6월 5일 밤 11:20", "ko", None, datetime(2024, 6, 5, 11, 20)),  # over midnight
        # Tagalog's month names: CLDR files the language as "fil"
        ("Hunyo 4, 2024 15:45", "tl", False, datetime(2024, 6, 4, 15, 45)),
        # a day written right after a word that ends with a vowel sign
        ("ने17 मई 2024", "hi", True, datetime(2024, 5, 17)),
        ("ថ្ងៃទី17 ឧសភា 2024", "km", True, datetime(2024, 5, 17)),
        # no space after the comma before the year
        ("பதிவு செய்த நாள்: மே 17,2024 14:30", "ta", False, datetime(2024, 5, 17, 14, 30)),
        # Urdu's "مئ" for CLDR's "مئی", and a tatweel that only stretches a word
        ("جمعـء 17 مئ 2024", "ur", True, datetime(2024, 5, 17)),
        ("17 مـئی 2024", "ur", True, datetime(2024, 5, 17)),
        ("05 سبتمبر 2024 09:22 مسـاءً", "ar", True, datetime(2024, 9, 5, 21, 22)),
        # the English months in Sinhala, as its press writes them, not CLDR's Sinhala ones
        ("2024 ජූනි 5", "si", True, datetime(2024, 6, 5)),
        ("2024 අප්\u200dරේල් 5", "si", True, datetime(2024, 4, 5)),
        # Somali's press spelling of May, beside CLDR's "Maayo"
        ("Arbaco, Maajo 8, 2024 (HOL)", "so", True, datetime(2024, 5, 8)),
        # Greek's spoken genitives of the months, beside CLDR's "Μαρτίου"
        ("Τρίτη 12 Μάρτη 2024", "el", True, datetime(2024, 3, 12)),
        ("5 Μάη 2024, 14:20", "el", True, datetime(2024, 5, 5, 14, 20)),
        ("1 Δεκέμβρη 2023", "el", True, datetime(2023, 12, 1)),
        # the day's ordinal, its weekday and the half of the day between a date and its time
        ("2024 මැයි 17 වන සිකුරාදා, ප.ව. 02:30 ට", "si", True, datetime(2024, 5, 17, 14, 30)),
        ("17 May 2024, Friday, 14:30", "en", True, datetime(2024, 5, 17, 14, 30)),
        # the commas of other scripts set a time apart from its date as "," does
        ("17 مايو 2024، 14:30", "ar", True, datetime(2024, 5, 17, 14, 30)),
        ("2024年5月17日，14:30", "zh", None, datetime(2024, 5, 17, 14, 30)),
        ("2024年5月17日、14:30", "ja", None, datetime(2024, 5, 17, 14, 30)),
        # a slash after a label before the year ("发布/2024年5月17日", Lianhe Zaobao)
        ("发布/2024年5月17日 12:05", "zh", None, datetime(2024, 5, 17, 12, 5)),
        # the Japanese era's year in brackets after the year
        ("2024年（令和6年）5月17日 午後3時10分", "ja", None, datetime(2024, 5, 17, 15, 10)),
        # dashes or slashes between a named month, its day and its year
        ("Sep - 09 - 2024 , 14:25", "en", True, datetime(2024, 9, 9, 14, 25)),
        ("17-May-2024 10:15 AM", "en", True, datetime(2024, 5, 17, 10, 15)),
        ("May-17-2024", "en", False, datetime(2024, 5, 17)),
        ("17/May/2024", "en", True, datetime(2024, 5, 17)),
        # words of the language's own between the numbers, as CLDR's date patterns write them
        ("2024 m. gegužės 23 d. 10:30", "lt", True, datetime(2024, 5, 23, 10, 30)),
        ("2024. gada 23. maijs", "lv", True, datetime(2024, 5, 23)),
        ("23 במאי 2024, 10:30", "he", True, datetime(2024, 5, 23, 10, 30)),
        ("2024 ж. 23 мамыр", "kk", True, datetime(2024, 5, 23)),
        ("2024 թ. մայիսի 23", "hy", True, datetime(2024, 5, 23)),
        ("23-may, 2024", "uz", True, datetime(2024, 5, 23)),
        ("2024(e)ko maiatzaren 23(a)", "eu", True, datetime(2024, 5, 23)),
        ("23 พฤษภาคม ค.ศ. 2024", "th", True, datetime(2024, 5, 23)),
        # with the comma of its script, and the marks that set the direction of the text
        ("23 مئی، 2024", "ur", True, datetime(2024, 5, 23)),
        ("23\u200f/05\u200f/2024", "ar", True, datetime(2024, 5, 23)),
        # and as its press writes them
        ("Thứ năm, ngày 23 tháng 5 năm 2024 10:30", "vi", True, datetime(2024, 5, 23, 10, 30)),
        ("ថ្ងៃព្រហស្បតិ៍ ទី២៣ ខែឧសភា ឆ្នាំ២០២៤ ម៉ោង ១០:៣០", "km", True, datetime(2024, 5, 23, 10, 30)),
        ("2024-yil 23-may", "uz", True, datetime(2024, 5, 23)),
        ("2022ko urriaren 3a, 08:42", "eu", True, datetime(2022, 10, 3, 8, 42)),
        # hours and minutes as CJK words
        ("2024年5月23日 10時30分", "ja", None, datetime(2024, 5, 23, 10, 30)),
        ("2024년 5월 23일 오후 3시 20분", "ko", None, datetime(2024, 5, 23, 15, 20)),
        # Latvian's "year" word, then the day and the month's locative ("on 15 March")
        ("2012. gada 15. martā", "lv", True, datetime(2012, 3, 15)),
        # Slovenian writes the month's genitive
        ("petek, 17. maja 2024", "sl", True, datetime(2024, 5, 17)),
        # Mongolian numbers the month: "year 2024, of month 5, 17"
        ("Нийтэлсэн: 2024 оны 5 сарын 17", "mn", None, datetime(2024, 5, 17)),
        ("2024 оны 5-р сарын 17, Баасан гараг", "mn", None, datetime(2024, 5, 17)),
    ],
)
def test_dates_as_pages_write_them(
    text: str, language: str, day_first: bool | None, expected: datetime
) -> None:
    assert shown_dates(text, language, day_first)[0].when == expected


def test_the_day_and_month_of_a_date_that_follows_are_no_time() -> None:
    """The "05.06" of the next date is no time of day for the one before it."""
    shown = shown_dates("May 23, 2024 · 05.06.2024 · 17.05.2024 18.05.2024", "en", True)
    assert [(s.when, s.has_time) for s in shown] == [
        (datetime(2024, 5, 23), False),
        (datetime(2024, 6, 5), False),
        (datetime(2024, 5, 17), False),
        (datetime(2024, 5, 18), False),
    ]


@pytest.mark.parametrize(
    ("dateline", "lang", "url", "expected"),
    [
        (
            "<p class='date'>2024 m. gegužės 23 d. 10:30</p>",
            "lt",
            "https://www.example.lt/naujienos/1",
            datetime(2024, 5, 23, 10, 30, tzinfo=offset(3)),
        ),
        (
            "<p class='date'>פורסם: 23 במאי 2024, 10:30</p>",
            "he",
            "https://www.example.co.il/news/1",
            datetime(2024, 5, 23, 10, 30, tzinfo=offset(3)),
        ),
        (
            "<p class='date'>Thứ năm, ngày 23 tháng 5 năm 2024 10:30</p>",
            "vi",
            "https://www.example.vn/tin/1",
            datetime(2024, 5, 23, 10, 30, tzinfo=offset(7)),
        ),
    ],
)
def test_a_dateline_in_the_languages_own_words_dates_the_page(
    dateline: str, lang: str, url: str, expected: datetime
) -> None:
    """Only the dateline dates these pages, in the words their language writes dates with."""
    assert published(page(dateline=dateline, lang=lang), url) == expected


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        # a video's length beside the date, or inside its line, is no time of day
        (
            "<div class='article-date'>17 May 2024</div>"
            "<div class='video-time' itemprop='duration'>2:35</div>",
            datetime(2024, 5, 17, tzinfo=offset(1)),
        ),
        (
            "<p class='date'>17 May 2024 <span class='duration'>02:35</span></p>",
            datetime(2024, 5, 17, tzinfo=offset(1)),
        ),
        (
            "<p class='date'>17 May 2024 <time datetime='PT2M35S'>02:35</time></p>",
            datetime(2024, 5, 17, tzinfo=offset(1)),
        ),
        # the time of day beside the date, or inside its line, is
        (
            "<div class='article-date'>17 May 2024</div><div class='article-time'>12:05</div>",
            datetime(2024, 5, 17, 12, 5, tzinfo=offset(1)),
        ),
        (
            "<p class='date'>17 May 2024 <span class='time'>12:05</span></p>",
            datetime(2024, 5, 17, 12, 5, tzinfo=offset(1)),
        ),
    ],
)
def test_a_videos_length_beside_the_date_is_no_time_of_day(
    dateline: str, expected: datetime
) -> None:
    assert published(page(dateline=dateline), "https://www.example.co.uk/news/1") == expected


def test_the_time_in_the_next_item_of_the_details_list_is_the_dates() -> None:
    """The date is alone in its item (inside a link), the time alone in the next one."""
    dateline = (
        "<ul class='post-info'><li><a href='/author/ann/'><span>Ann Lee</span></a></li>"
        "<li><a href='/2024/05/17/'><span>May 17, 2024</span></a></li>"
        "<li><span class='post-info__item--type-time'>3:45 pm</span></li></ul>"
    )
    assert published(page(dateline=dateline)) == datetime(2024, 5, 17, 15, 45, tzinfo=offset(-4))


def test_a_sinhala_dateline_is_read_in_sri_lankas_time() -> None:
    dateline = '<p class="date">2024 මැයි 17 වන සිකුරාදා, ප.ව. 02:30 ට</p>'
    when = published(page(dateline=dateline, lang="si"), "https://www.example.lk/news/1")
    assert when == datetime(2024, 5, 17, 14, 30, tzinfo=offset(5.5))


@pytest.mark.parametrize(
    "text",
    [
        "05/06/2024",
        "Chapter 3, 2020",
        "JRA (2020/7/11-12)",
        "call 0171/555 2020",
        # ranges, not dates: a dash stands only between some of the parts
        "May 2024 - June 2024",
        "Covid-19 - May 2024",
        "May 3 - 2024",
        # a path's numbers after a slash
        "news/2024/05/17",
        "12/2024年",
    ],
)
def test_what_is_not_a_date_or_cannot_be_read_is_left_out(text: str) -> None:
    assert shown_dates(text, "en", None) == []


def test_a_solar_hijri_date_keeps_the_time_after_its_arabic_comma() -> None:
    dateline = '<div class="item-date"><span>۲۸ اردیبهشت ۱۴۰۳، ۱۴:۳۰</span></div>'
    when = published(page(dateline=dateline, lang="fa"), "https://www.example.ir/news/1")
    assert when is not None and when.isoformat() == "2024-05-17T14:30:00+03:30"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", False), ("en-US", False), ("en-GB", True), ("de", True), ("pt-BR", True),
     ("zh", None), ("hu", None), ("xx", None), (None, None)],
)  # fmt: skip
def test_day_and_month_order_of_a_locale(locale: str | None, expected: bool | None) -> None:
    assert day_first_in(locale) is expected


def test_day_month_order_comes_from_the_language_then_the_domain_then_the_page() -> None:
    dateline = '<p class="date">05/06/2024</p>'
    assert day(page(dateline=dateline, lang="en-GB")) == "2024-06-05"
    assert day(page(dateline=dateline, lang="en-US")) == "2024-05-06"
    # "en" alone: the country of the domain decides
    uk = "https://www.example.co.uk/news/bridge-reopens"
    assert day(page(dateline=dateline), uk) == "2024-06-05"
    # another date on the page whose first number is over 12 settles it
    sidebar = '<div class="most-read"><a href="/x">Older story</a> <span>28/05/2024</span></div>'
    settled = page(dateline=dateline, after=sidebar, lang="en-US")
    assert day(settled) == "2024-06-05"


def test_a_dateline_set_in_pieces_reads_as_shown() -> None:
    """Year, day and time each in an element of their own, as the page sets them in lines."""
    dateline = (
        '<div class="header-time"><span class="year"><em> 2024</em></span><span class="day">'
        '<em> 05</em>/<em>17</em></span><span class="time"> 10:26:15</span></div>'
    )
    when = published(page(dateline=dateline, lang="zh-CN"), "https://www.example.cn/c.html")
    assert when is not None and when.isoformat() == "2024-05-17T10:26:15+08:00"
    # a word and the date of the next piece are still two words
    when = published(page(dateline="<p><b>Published</b>17 May 2024 10:30</p>"))
    assert when is not None and when.isoformat() == "2024-05-17T10:30:00-04:00"


@pytest.mark.parametrize(
    ("time_block", "expected"),
    [
        ('<div class="article-time">12:05 ص</div>', "2024-05-17T00:05:00+03:00"),
        ('<div class="duration">12:05</div>', "2024-05-17T00:00:00+03:00"),  # not a time
    ],
)
def test_a_time_in_a_block_of_its_own_beside_the_date_is_the_dates(
    time_block: str, expected: str
) -> None:
    dateline = f'<div class="meta"><div class="article-date">17 مايو 2024</div>{time_block}</div>'
    when = published(page(dateline=dateline, lang="ar"), "https://www.example.com.kw/article/1")
    assert when is not None and when.isoformat() == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a line of fields as long as a paragraph is the dateline, not the story's first
        ("<p>Published: 14/05/2024 &nbsp;|&nbsp; By Gareth Hughes</p>", "2024-05-14"),
        # nor is a standfirst above it, nor a name and the date a <br> apart
        (
            "<p>Residents of the valley demand the water board connects their homes.</p>"
            "<p>Redacción Sin Fronteras<br>Publicado el 16/05/2024 a las 17:45</p>",
            "2024-05-16",
        ),
    ],
)
def test_a_details_line_among_the_storys_paragraphs_is_its_dateline(
    lines: str, expected: str
) -> None:
    html = (
        "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
        f"<div class='body'>{lines}{PROSE}</div></article></body></html>"
    )
    assert day(html, "https://news.example.co.uk/bridge-reopens") == expected


@pytest.mark.parametrize(
    "byline",
    [
        "<p>By Jane Doe<br>Political correspondent</p>",
        '<div class="authorline">By <a href="/authors/jane-doe">Jane Doe</a></div>',
    ],
)
def test_a_standfirst_above_the_byline_is_the_storys_text_not_its_dateline(byline: str) -> None:
    standfirst = (
        "<p><strong>3 July 2024: residents of the valley won their fight for a new bridge."
        "</strong></p>"
    )
    html = (
        "<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1>"
        f"<div class='body'>{standfirst}{byline}{PROSE}</div></article></body></html>"
    )
    assert published(html) is None


def test_a_time_written_before_its_date_is_the_dates() -> None:
    dateline = (
        '<div class="article-date">Published 11:32 a.m. ET May 14, 2024 | '
        "Updated 4:58 p.m. ET May 14, 2024</div>"
    )
    when = published(page(dateline=dateline, lang="en-US"))
    assert when is not None and when.isoformat() == "2024-05-14T11:32:00-04:00"
    # the label of an update stands between a date's time and the next date: not its time
    shown = shown_dates("May 14, 2024 11:32 Updated May 15, 2024", "en", False)
    assert [date.when for date in shown] == [datetime(2024, 5, 14, 11, 32), datetime(2024, 5, 15)]


def test_sources_in_trust_order() -> None:
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2024-01-01T10:00:00+01:00"})
    jsonld = f'<script type="application/ld+json">{ld}</script>'
    meta = '<meta name="DC.date.issued" content="2024-02-02">'
    time = '<time datetime="2024-03-03T10:00:00+00:00">3 March</time>'
    text = '<p class="byline">Published 4 April 2024</p>'
    dated_url = "https://news.example.com/2024/05/05/bridge-reopens"
    assert published(page(jsonld + meta, dateline=time + text), dated_url) == datetime(
        2024, 1, 1, 10, tzinfo=offset(1)
    )
    assert day(page(meta, dateline=time + text), dated_url) == "2024-02-02"
    assert published(page(dateline=time + text), dated_url) == datetime(2024, 3, 3, 10, tzinfo=UTC)
    assert day(page(dateline=text), dated_url) == "2024-04-04"
    assert day(page(), dated_url) == "2024-05-05"
    assert published(page()) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.cn/fortune/20240517/4a8c7e2b9f3c/c.html", "2024-05-17"),
        ("https://www.example.com/news/20200316/rockland-declares-emergency", "2020-03-16"),
        ("https://www.example.com/news/20200316", "2020-03-16"),
        ("https://www.example.com/news/2024/05/17/bridge", "2024-05-17"),
        ("http://www.news.example.cn/politics/2023-03/05/c_1129415512.htm", "2023-03-05"),
        # an old paper's issue: the year's segment, then the month's and the day's
        ("http://www.uralrab.ru/2004/0517/ekonomika/zavod.htm", "2004-05-17"),
        ("http://www.uralrab.ru/2004/1399/ekonomika/zavod.htm", None),
        ("http://www.uralrab.ru/news/2004/05170/zavod.htm", None),
        ("https://www.example.com/news/2021/1208", None),
        ("https://www.nashgorod.ru/news/2012/1108/v-tule-otkryli-novyj-most", None),
        # no date: an impossible day, a longer number, part of a segment, a year too far
        ("https://www.example.com/news/20240230/bridge", None),
        ("https://www.example.com/news/120240517/bridge", None),
        ("https://www.example.com/news/202405170/bridge", None),
        ("https://www.example.com/news/bridge-20240517", None),
        ("https://www.example.com/news/19800517/bridge", None),
        ("https://www.example.com/news/20990517/bridge", None),
    ],
)
def test_the_date_a_url_writes(url: str, expected: str | None) -> None:
    when = url_date(url)
    assert (when.date().isoformat() if when else None) == expected


@pytest.mark.parametrize(
    ("meta", "dateline", "url", "expected"),
    [
        (
            '<meta name="publisheddate" content="2024/06/14">',
            '<div class="article-date">14 Jun 2024 | 10:43</div>',
            "https://www.example.co.za/news/1",
            "2024-06-14T10:43:00+02:00",
        ),
        (
            '<meta name="DC.date.issued" content="2025-07-25">',
            '<div class="article-date">Publikacja: 25.07.2025 12:40</div>',
            "https://www.example.pl/news/1",
            "2025-07-25T12:40:00+02:00",
        ),
        # a day written without separators
        (
            '<meta name="pubdate" content="20230117">',
            '<div class="date">Tuesday 17 January 2023 - 13:45</div>',
            "https://www.example.com.eg/news/1",
            "2023-01-17T13:45:00+02:00",
        ),
        # the dateline shows another day: the trusted source's day stands
        (
            '<meta name="publisheddate" content="2024/06/14">',
            '<div class="article-date">15 Jun 2024 | 10:43</div>',
            "https://www.example.co.za/news/1",
            "2024-06-14T00:00:00+02:00",
        ),
    ],
)
def test_a_day_without_its_time_takes_the_time_the_dateline_shows_that_day(
    meta: str, dateline: str, url: str, expected: str
) -> None:
    when = published(page(meta, dateline=dateline), url)
    assert when is not None and when.isoformat() == expected


def test_a_print_issues_midnight_after_the_modification_is_no_first_publication() -> None:
    def jsonld(published: str) -> str:
        return (
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
            f'"{published}", "dateModified": "2021-03-16T22:31:00+03:00"}}</script>'
        )

    dateline = '<time datetime="2021-03-16T22:31:00+03:00">16.03.2021, 22:31</time>'
    url = "https://www.example.ru/doc/4729140"
    html = page(jsonld("2021-03-17T00:00:00+03:00"), dateline=dateline, lang="ru")
    assert published(html, url) == datetime(2021, 3, 16, 22, 31, tzinfo=offset(3))
    # with nothing else to date the page, the midnight stands: a story scheduled for it
    assert published(page(jsonld("2021-03-17T00:00:00+03:00"), lang="ru"), url) == datetime(
        2021, 3, 17, tzinfo=offset(3)
    )
    # nor is its dateCreated, a draft's, the publication
    draft = jsonld("2021-03-17T00:00:00+03:00").replace(
        '"dateModified"', '"dateCreated": "2021-03-16T16:00:00+03:00", "dateModified"'
    )
    assert published(page(draft, dateline=dateline, lang="ru"), url) == datetime(
        2021, 3, 16, 22, 31, tzinfo=offset(3)
    )
    # a time seconds after the modification is a CMS's slip, and stays
    html = page(jsonld("2021-03-16T22:31:07+03:00"), dateline=dateline, lang="ru")
    assert published(html, url) == datetime(2021, 3, 16, 22, 31, 7, tzinfo=offset(3))


def test_rdfa_of_the_page_itself_gives_its_date() -> None:
    """Drupal marks each node, the page's and its teasers', with ``about`` its address."""
    teaser = (
        '<div about="/news/ferry-strike" typeof="sioc:Item foaf:Document"><a href="/news/ferry'
        '-strike">Ferry strike</a><span property="dc:date dc:created" content="2024-06-20T08:00'
        ':00+03:00"></span></div>'
    )
    node = (
        '<div about="/news/bridge-reopens" typeof="sioc:Item foaf:Document"><h1>Bridge reopens'
        '</h1><span property="dc:date dc:created" content="2024-06-25T18:20:00+03:00" '
        f'datatype="xsd:dateTime">Jun. 25, 2024</span><div class="body">{PROSE}</div></div>'
    )
    html = f'<html lang="en"><head><title>Bridge reopens</title></head><body>{node}{teaser}'
    when = published(html + "</body></html>", "https://www.example.co.ke/news/bridge-reopens")
    assert when is not None and when.isoformat() == "2024-06-25T18:20:00+03:00"
    # a teaser's node is another page's: without the page's own, its dateline is read
    undated = html.replace('property="dc:date dc:created" content="2024-06-25', 'title="2024-06-25')
    assert day(undated, "https://www.example.co.ke/news/bridge-reopens") == "2024-06-25"
    # schema.org in RDFa: the Article's date
    article = page(dateline='<meta property="datePublished" content="2024-06-25T18:20:00+03:00">')
    article = article.replace(
        "<article>", '<article vocab="https://schema.org/" typeof="NewsArticle">'
    )
    when = published(article)
    assert when is not None and when.isoformat() == "2024-06-25T18:20:00+03:00"


def test_several_dates_on_one_page_the_first_publication_wins() -> None:
    head = '<meta property="article:modified_time" content="2024-05-18T11:00:00+02:00">'
    dateline = (
        '<p class="meta">Veröffentlicht: 17.05.2024, 09:15 Uhr · '
        "Aktualisiert: 18.05.2024, 11:00 Uhr</p>"
    )
    comments = (
        '<section class="comments"><div class="comment"><span class="comment-date">'
        "16.05.2024, 10:02</span><p>Endlich!</p></div></section>"
    )
    fields = extract_article(
        "https://www.example.at/wien/u-bahn",
        page(head, dateline=dateline, after=comments, lang="de"),
    )
    # the time without offset takes the offset the page writes on its other dates
    assert fields.published == datetime(2024, 5, 17, 9, 15, tzinfo=offset(2))
    assert fields.published.utcoffset() == timedelta(hours=2)
    assert fields.modified == datetime(2024, 5, 18, 11, tzinfo=offset(2))


@pytest.mark.parametrize(
    "dateline",
    [
        '<p class="meta">Updated May 18, 2024</p>',
        '<p class="meta">Aktualisiert am 18.05.2024</p>',
        "<dl><dt>수정</dt><dd>2024.05.18 10:40</dd></dl>",
        '<time class="updated" datetime="2024-05-18T10:40:00Z">18 May</time>',
        '<p class="meta">Ažurirano: 18.05.2024. 10:40</p>',
        '<p class="meta">Aktualizované 18.05.2024</p>',
        '<p class="meta">अपडेट: 18 मई 2024</p>',
    ],
)
def test_a_modification_date_is_never_the_publication_date(dateline: str) -> None:
    head = '<meta property="article:modified_time" content="2024-05-18T10:40:00+00:00">'
    assert published(page(head, dateline=dateline)) is None


def test_a_date_classed_only_as_an_update_is_the_publication_when_the_page_gives_no_other() -> None:
    # hAtom's "updated" stands for the publication where "published" is missing (RNZ)
    dateline = '<div class="updated">5:08 pm on 17 May 2024</div>'
    when = published(page(dateline=dateline))
    assert when is not None and when.replace(tzinfo=None) == datetime(2024, 5, 17, 17, 8)
    # ...but not when its words say it is an update, or the page declares it a modification
    said = '<div class="updated">Updated 5:08 pm on 17 May 2024</div>'
    assert published(page(dateline=said)) is None
    declared = '<meta property="article:modified_time" content="2024-05-17T17:08:00+12:00">'
    assert published(page(declared, dateline=dateline)) is None
    # ...and not beside a publication date
    both = '<div class="published">16 May 2024</div>' + dateline
    assert day(page(dateline=both)) == "2024-05-16"
    # ...nor beside an unmarked date in the same line, hidden as Avada hides it
    line = (
        '<div class="meta">Par Mélanie Gaudry | <span class="updated rich-snippet-hidden">'
        "2024-04-18T08:12:07-05:00</span><span>17 avril 2024</span></div>"
    )
    assert day(page(dateline=line, lang="fr")) == "2024-04-17"


def test_a_date_after_another_storys_headline_link_is_that_storys() -> None:
    teaser = (
        "<p>&raquo; <a href='nota.php?id=4398'>Ferry strike called off after talks</a> "
        "(01/05/2024)</p>"
    )
    html = page(before="<p class='edition'>Friday, 17 May 2024</p>", dateline=teaser)
    assert day(html) == "2024-05-17"
    # a byline's link to its writer, however many words the name has, is no teaser
    byline = "<p>Por <a href='/x/'>María José López García</a> 17/05/2024 10:30</p>"
    assert day(page(dateline=byline, lang="es")) == "2024-05-17"
    signed = "<p>By <a href='/author/maria-de-la-cruz'>Maria de la Cruz Lopez</a> May 16, 2024</p>"
    assert day(page(dateline=signed)) == "2024-05-16"


@pytest.mark.parametrize(
    ("machine", "dateline", "lang", "expected"),
    [
        # a CMS that writes its ISO time with a clock of 12 hours: the dateline's p.m. says which
        (
            "2024-02-08T05:45:00+02:00",
            "الخميس، 08 فبراير 2024 05:45 م",
            "ar",
            datetime(2024, 2, 8, 17, 45),
        ),
        (
            "2024-05-17T03:10:00-04:00",
            "May 17, 2024 3:10 p.m.",
            "en",
            datetime(2024, 5, 17, 15, 10),
        ),
        # the same time in the morning, or another time that afternoon, leaves it as it is
        (
            "2024-02-08T05:45:00+02:00",
            "الخميس، 08 فبراير 2024 05:45 ص",
            "ar",
            datetime(2024, 2, 8, 5, 45),
        ),
        ("2024-05-17T03:10:00-04:00", "May 17, 2024 4:02 p.m.", "en", datetime(2024, 5, 17, 3, 10)),
    ],
)
def test_an_iso_time_of_a_clock_of_12_hours_takes_the_datelines_half_of_the_day(
    machine: str, dateline: str, lang: str, expected: datetime
) -> None:
    data = {"@type": "NewsArticle", "headline": "Bridge reopens", "datePublished": machine}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    when = published(page(head, dateline=f"<p class='date'>{dateline}</p>", lang=lang))
    assert when is not None and when.replace(tzinfo=None) == expected
    assert when.utcoffset() == datetime.fromisoformat(machine).utcoffset()


@pytest.mark.parametrize(
    ("dateline", "lang", "expected"),
    [
        # the CMS rewrote datePublished on the update; the dateline keeps the first time
        (
            "<p>Updated - March 22, 2023 10:41 pm IST</p>"
            "<p>Published - March 22, 2023 08:15 pm IST</p>",
            "en",
            datetime(2023, 3, 22, 20, 15, tzinfo=offset(5.5)),
        ),
        ("<p>21 marzo 2023 (modifica il 22 marzo 2023 | 22:41)</p>", "it", datetime(2023, 3, 21)),
        # the same wall-clock time in another zone, or the same day, is no earlier publication
        ("<p>March 22, 2023 10:41 pm</p>", "en", datetime(2023, 3, 22, 22, 41, tzinfo=offset(5.5))),
        ("<p>22 March 2023</p>", "en", datetime(2023, 3, 22, 22, 41, tzinfo=offset(5.5))),
    ],
)
def test_a_publication_time_rewritten_on_update_gives_way_to_the_datelines_first(
    dateline: str, lang: str, expected: datetime
) -> None:
    data = {
        "@type": "NewsArticle",
        "headline": "Bridge reopens",
        "datePublished": "2023-03-22T22:41:00+05:30",
        "dateModified": "2023-03-22T22:41:00+05:30",
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    when = published(page(head, dateline=dateline, lang=lang))
    assert when is not None
    if expected.tzinfo is None:
        assert when.date() == expected.date()
    else:
        assert when == expected and when.utcoffset() == expected.utcoffset()


def test_what_this_rounds_date_rules_leave_alone() -> None:
    # a time in UTC whose local time is not the dateline's minus twelve hours keeps its instant
    data = {"@type": "NewsArticle", "datePublished": "2024-05-17T05:00:00Z"}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    when = published(page(head, dateline="<p class='date'>17 May 2024 17:00</p>"))
    assert when == datetime(2024, 5, 17, 5, tzinfo=UTC)
    # a publication time equal to the modification time on a page that shows no update, or an
    # event's date in the dateline, is no rewrite
    data = {
        "@type": "NewsArticle",
        "datePublished": "2024-05-17T22:41:00+05:30",
        "dateModified": "2024-05-17T22:41:00+05:30",
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    for dateline in ("<p>Event: May 10, 2024 7:00 PM</p>", "<p class='date'>May 16, 2024</p>"):
        assert published(page(head, dateline=dateline)) == datetime(
            2024, 5, 17, 22, 41, tzinfo=offset(5.5)
        )


def test_teaser_related_and_comment_dates_are_never_used() -> None:
    strip = (
        '<div class="breaking"><a href="/news/ferry-strike"><time datetime="2024-03-01T07:10:00Z">'
        "1 March</time> Ferry strike called off</a></div>"
    )
    related = (
        '<div class="related"><ul><li><time datetime="2024-01-20T09:30:00Z">20 January</time> '
        '<a href="/news/landslide">Landslide buries track</a></li></ul></div>'
    )
    comments = '<div id="comments"><p class="comment-meta">March 2, 2024 at 8:02 am</p></div>'
    assert published(page(before=strip, after=related + comments)) is None
    # a dateline under the story, labelled as such, is the article's
    footer = '<p class="article-footer">Published 3 March 2024</p>'
    html = page(before=strip, after=footer + related + comments)
    assert day(html) == "2024-03-03"


def test_a_time_in_utc_is_shown_in_the_page_offset() -> None:
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2020-12-05T23:15:00Z"})
    jsonld = f'<script type="application/ld+json">{ld}</script>'
    # the dateline shows the local time: its offset is the page's
    shown = published(page(jsonld, dateline="<p class='date'>5 December 2020, 18:15</p>"))
    assert shown == datetime(2020, 12, 5, 18, 15, tzinfo=offset(-5))
    # a country with one time zone: the local day is the next one
    italian = published(page(jsonld), "https://www.example.it/news/1265473/voto")
    assert italian == datetime(2020, 12, 6, 0, 15, tzinfo=offset(1))
    # no evidence of the local offset: UTC it stays
    assert published(page(jsonld)) == datetime(2020, 12, 5, 23, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.ru/news/1", datetime(2020, 12, 6, 2, 15, tzinfo=offset(3))),
        ("https://www.example.com.br/n/1", datetime(2020, 12, 5, 20, 15, tzinfo=offset(-3))),
        ("https://www.example.ca/n/1", datetime(2020, 12, 5, 18, 15, tzinfo=offset(-5))),
        ("https://www.example.com.au/n/1", datetime(2020, 12, 6, 10, 15, tzinfo=offset(11))),
        ("https://www.example.us/n/1", datetime(2020, 12, 5, 18, 15, tzinfo=offset(-5))),
    ],
)
def test_a_time_in_utc_on_a_site_of_several_time_zones_is_in_its_newsrooms_zone(
    url: str, expected: datetime
) -> None:
    """Where a country's zones disagree, the zone most of its newsrooms keep gives the day
    (Moscow's, São Paulo's, Toronto's, Sydney's, New York's); the instant is unchanged."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2020-12-05T23:15:00Z"})
    when = published(page(f'<script type="application/ld+json">{ld}</script>'), url)
    assert when == expected
    assert when is not None and when.utcoffset() == expected.utcoffset()


def test_a_time_in_utc_is_shown_in_the_one_zone_the_pages_scripts_name() -> None:
    """A CMS's site setting names the zone of a .com site, which names no country."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2020-05-02T02:54:00Z"})
    head = f'<script type="application/ld+json">{ld}</script>'
    setting = '<script>var site = {"timezone": {"short": "ET", "long": "America/New_York"}};'
    when = published(page(head + setting + "</script>"))
    assert when is not None and when.isoformat() == "2020-05-01T22:54:00-04:00"
    # on a site of a country, a zone of another country is a third party's
    when = published(page(head + setting + "</script>"), "https://www.example.de/news/1")
    assert when is not None and when.isoformat() == "2020-05-02T04:54:00+02:00"
    # a list of zones to choose from names no one zone
    choices = '<select data-zones="America/New_York Europe/Paris"></select>'
    when = published(page(head, after=choices))
    assert when is not None and when.isoformat() == "2020-05-02T02:54:00+00:00"


@pytest.mark.parametrize(
    ("footer", "url", "expected"),
    [
        ("The Stranger, 1535 11th Ave, Seattle, WA 98122", None, "2024-05-16T11:45:00-07:00"),
        ("Austin Chronicle, PO Box 49066, Austin, TX 78765", None, "2024-05-16T11:45:00-05:00"),
        ("Tri-City News, Coquitlam, BC V3B 5J6", None, "2024-05-16T11:45:00-07:00"),
        # no address: New York's clock, as "en" is most written in the US
        ("The Stranger, all rights reserved", None, "2024-05-16T11:45:00-04:00"),
        # a country's domain other than those two keeps its own zone
        ("Seattle, WA 98122", "https://news.example.de/a", "2024-05-16T11:45:00+02:00"),
        # a British postcode: London's clock, on a generic or a British domain
        ("Registered office: 5 Howick Place, London SW1P 1WG.", None, "2024-05-16T11:45:00+01:00"),
        ("Herald House, Glasgow, G2 3QB", None, "2024-05-16T11:45:00+01:00"),
        ("London SW1P 1WG", None, "2024-05-16T11:45:00+01:00"),  # with no comma in it
        ("Europort, Gibraltar GX11 1AA", None, "2024-05-16T11:45:00-04:00"),  # no British one
        (
            "5 Howick Place, London SW1P 1WG",
            "https://news.example.de/a",
            "2024-05-16T11:45:00+02:00",
        ),
    ],
)
def test_a_wall_clock_time_is_in_the_zone_of_the_pages_postal_address(
    footer: str, url: str | None, expected: str
) -> None:
    """A US or Canadian paper's footer gives its address, whose state or province tells its
    clock; a British one's, its postcode."""
    html = page(
        dateline="<p class='date'>May 16, 2024 at 11:45 am</p>", after=f"<footer>{footer}</footer>"
    )
    when = published(html, url or "https://www.news.example.com/bridge-reopens")
    assert when is not None and when.isoformat() == expected


@pytest.mark.parametrize(
    ("lang", "extra", "after", "expected"),
    [
        # an address the story names, not the site's footer
        ("en", "", "<p>The firm is based in Seattle, WA 98122.</p>", "-04:00"),
        # offices in several zones name none
        ("en", "", "<footer>Seattle, WA 98122 · Chicago, IL 60601</footer>", "-04:00"),
        # a language tag naming another country
        ("en-IN", "", "<footer>Seattle, WA 98122</footer>", "+05:30"),
        ("en-US", "", "<footer>Howick Place, London SW1P 1WG</footer>", "-04:00"),
        # a paper in another language names its London office so
        ("el", "", "<footer>Ναυτιλία, 5 Lloyd's Avenue, London EC3N 3AE</footer>", "+03:00"),
        # a US paper's own address wins over the London office it lists
        ("en", "", "<footer>Seattle, WA 98122 · London, SW1P 1WG</footer>", "-07:00"),
        # the zone the page's scripts name comes first
        (
            "en",
            '<script>var s = {"timezone": "America/Chicago"};</script>',
            "<footer>Seattle, WA 98122</footer>",
            "-05:00",
        ),
    ],
)
def test_a_postal_address_gives_the_zone_only_from_the_sites_own_footer(
    lang: str, extra: str, after: str, expected: str
) -> None:
    dateline = "<p class='date'>May 16, 2024 at 11:45 am</p>"
    html = page(head=extra, dateline=dateline, after=after, lang=lang)
    when = published(html, "https://www.news.example.com/bridge-reopens")
    assert when is not None and when.isoformat().endswith(expected)


def test_a_time_in_utc_keeps_the_day_the_dateline_shows() -> None:
    """The dateline shows UTC's day; the country's zone would give the next one."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2020-10-28T22:22:00Z"})
    head = f'<script type="application/ld+json">{ld}</script>'
    url = "https://au.example.com.au/news/1"
    dated = published(page(head, dateline="<p class='date'>28 October 2020</p>"), url)
    assert dated is not None and dated.isoformat() == "2020-10-28T22:22:00+00:00"
    undated = published(page(head), url)
    assert undated is not None and undated.isoformat() == "2020-10-29T09:22:00+11:00"


@pytest.mark.parametrize(
    ("lang", "url", "instant", "expected"),
    [
        # the URL's day is behind UTC's: the language's region gives no such day, New York does
        ("es-ES", "https://laprensa.example.com/2020/02/17/a/", "02:18", "2020-02-17T21:18-05:00"),
        # the region the language tag names gives it
        ("es-MX", "https://noticias.example.com/2020/02/17/a/", "02:18", "2020-02-17T20:18-06:00"),
        # ahead of UTC's: the country the language is most written in
        ("hi", "https://khabar.example.com/2020/02/19/a/", "20:18", "2020-02-19T01:48+05:30"),
        # the URL shows UTC's day, or no day: UTC it stays
        ("en", "https://news.example.com/2020/02/18/a/", "02:18", "2020-02-18T02:18+00:00"),
        ("en", "https://news.example.com/a/", "02:18", "2020-02-18T02:18+00:00"),
        # no zone of the candidates gives the URL's day
        ("en", "https://news.example.com/2020/02/15/a/", "02:18", "2020-02-18T02:18+00:00"),
    ],
)
def test_a_time_in_utc_on_a_site_of_no_known_zone_takes_a_zone_that_gives_its_shown_day(
    lang: str, url: str, instant: str, expected: str
) -> None:
    ld = json.dumps({"@type": "NewsArticle", "datePublished": f"2020-02-18T{instant}:00Z"})
    when = published(page(f'<script type="application/ld+json">{ld}</script>', lang=lang), url)
    assert when is not None and when.isoformat(timespec="minutes") == expected


def test_the_country_is_the_one_the_page_names_when_fetched_from_elsewhere() -> None:
    """A mirror's copy: the canonical link is a path, og:url names the site's own host."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2020-12-05T23:15:00Z"})
    head = (
        f'<script type="application/ld+json">{ld}</script>'
        '<link rel="canonical" href="/news/1">'
        '<meta property="og:url" content="https://www.example.ru/news/1">'
    )
    when = published(page(head), "http://127.0.0.1:8080/news/1")
    assert when is not None and when.utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize(
    ("lang", "url", "dateline", "expected"),
    [
        ("ko", "https://v.example.net/v/1", "2024.06.05 14:32", "2024-06-05T14:32+09:00"),
        ("zh-CN", "https://www.example.com/a/1", "2024-06-05 13:30", "2024-06-05T13:30+08:00"),
        ("es-CO", "https://example.com/n/1", "5 de junio de 2024 14:32", "2024-06-05T14:32-05:00"),
        ("ar", "https://www.example.com/n/1", "5 يونيو 2024 14:32", "2024-06-05T14:32+03:00"),
        ("en-ZA", "https://www.example.com/n/1", "14 June 2024, 10:43", "2024-06-14T10:43+02:00"),
        ("fa", "https://www.example.org/n/1", "1403/02/27 - 10:30", "2024-05-16T10:30+03:30"),
        # the domain's country wins over the language's
        ("en-US", "https://www.example.de/n/1", "14 June 2024, 10:43", "2024-06-14T10:43+02:00"),
        # a language of no known country: UTC it stays
        ("xx", "https://www.example.com/n/1", "14 June 2024, 10:43", "2024-06-14T10:43+00:00"),
    ],
)  # fmt: skip
def test_a_time_without_offset_on_a_site_of_no_known_zone_is_its_languages_time(
    lang: str, url: str, dateline: str, expected: str
) -> None:
    """A generic domain (.com, .net) names no country: a wall time the page writes without
    its offset is its readers' time, in the region its language tag names, else the country
    its language is most written in, not UTC."""
    when = published(page(dateline=f"<p class='date'>{dateline}</p>", lang=lang), url)
    assert when is not None and when.isoformat(timespec="minutes") == expected
    naive = f'<meta property="article:published_time" content="{expected[:16]}:00">'
    when = published(page(naive, lang=lang), url)
    assert when is not None and when.isoformat(timespec="minutes") == expected


def test_a_time_in_utc_on_a_site_of_no_known_zone_is_not_moved_to_its_languages_zone() -> None:
    """An instant given in UTC is no wall time: without evidence of the page's day, it stays."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2024-06-05T05:32:00Z"})
    when = published(page(f'<script type="application/ld+json">{ld}</script>', lang="ko"))
    assert when is not None and when.isoformat() == "2024-06-05T05:32:00+00:00"


def test_a_time_without_offset_on_a_site_of_several_time_zones_is_its_newsrooms_time() -> None:
    meta = '<meta property="article:published_time" content="2024-07-01T09:30:00">'
    when = published(page(meta), "https://www.example.ru/news/1")
    assert when == datetime(2024, 7, 1, 9, 30, tzinfo=offset(3))
    assert when is not None and when.utcoffset() == offset(3).utcoffset(None)


def test_a_time_in_utc_is_shown_in_the_zone_the_dateline_names() -> None:
    """The dateline says "9:30 p.m. EDT" for the instant the JSON-LD gives in UTC: the day
    readers saw is the 17th, though it was already the 18th in UTC."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2024-05-18T01:30:00Z"})
    jsonld = f'<script type="application/ld+json">{ld}</script>'
    when = published(page(jsonld, dateline="<p class='date'>May 17, 2024 9:30 p.m. EDT</p>"))
    assert when == datetime(2024, 5, 17, 21, 30, tzinfo=offset(-4))
    assert when is not None and when.utcoffset() == timedelta(hours=-4)


def test_a_time_in_utc_is_shown_in_another_meaning_of_the_datelines_zone() -> None:
    """haaretz.com: "12:02 am IST" for 22:02Z is Israel's IST (+2), not India's (+5:30), on a
    domain that names no country; readers saw the 5th."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2024-03-04T22:02:00.000Z"})
    jsonld = f'<script type="application/ld+json">{ld}</script>'
    when = published(page(jsonld, dateline="<p class='date'>Mar 5, 2024 12:02 am IST</p>"))
    assert when == datetime(2024, 3, 5, 0, 2, tzinfo=offset(2))
    assert when is not None and when.utcoffset() == timedelta(hours=2)


def test_a_time_without_offset_is_in_the_zone_the_dateline_writes_beside_it() -> None:
    """latimes.com: a naive ``<time datetime>`` and "PT" beside the same wall-clock time, on
    a domain whose language alone would say New York."""
    dateline = (
        '<time class="published-date" datetime="2024-05-16 21:45:00">May 16, 2024 9:45 PM PT</time>'
    )
    when = published(page(dateline=dateline, lang="en-US"))
    assert when is not None and when.isoformat() == "2024-05-16T21:45:00-07:00"


@pytest.mark.parametrize(
    ("utc", "dateline", "url"),
    [
        # the same instant as the dateline's: kept, shown in the zone it names
        ("2024-05-17T07:30:00Z", "17/05/2024, 14:30 WIB", "https://news.example.com/1"),
        # the dateline's wall-clock time labelled UTC: a CMS's mislabel of local time
        ("2024-05-17T14:30:00Z", "17/05/2024, 14:30 WIB", "https://news.example.com/1"),
        ("2024-05-17T14:30:00Z", "17/05/2024, 14:30", "https://www.example.co.id/1"),
    ],
)
def test_a_time_in_utc_that_the_dateline_shows_as_local_time_is_that_local_time(
    utc: str, dateline: str, url: str
) -> None:
    ld = json.dumps({"@type": "NewsArticle", "datePublished": utc})
    html = page(
        f'<script type="application/ld+json">{ld}</script>',
        dateline=f"<div class='read__time'>Kompas.com - {dateline}</div>",
        lang="id",
    )
    when = published(html, url)
    assert when is not None and when.isoformat() == "2024-05-17T14:30:00+07:00"


@pytest.mark.parametrize(
    ("abbreviation", "url", "hours"),
    [
        ("PST", "https://newsinfo.example.com.ph/1", 8),  # Philippine Standard Time
        ("PST", "https://www.example.com.pk/1", 5),  # Pakistan's
        ("PST", "https://news.example.com/1", -8),  # the US Pacific's
        ("IST", "https://www.example.ie/1", 1),  # Irish Standard Time
        ("IST", "https://www.example.co.il/1", 2),  # Israel's
        ("IST", "https://www.example.in/1", 5.5),  # India's, as everywhere else
        ("BST", "https://www.example.com.bd/1", 6),  # Bangladesh's
        ("MST", "https://www.example.com.my/1", 8),  # Malaysia's
        ("CST", "https://www.example.cn/1", 8),  # China's: read only where it is one zone
        ("CST", "https://www.example.com.mx/1", -6),
    ],
)
def test_an_abbreviation_means_the_zone_of_the_pages_country(
    abbreviation: str, url: str, hours: float
) -> None:
    dateline = f"<p class='date'>May 17, 2024 09:00 {abbreviation}</p>"
    when = published(page(dateline=dateline), url)
    assert when == datetime(2024, 5, 17, 9, tzinfo=offset(hours))
    assert when is not None and when.utcoffset() == timedelta(hours=hours)


def test_a_time_in_utc_is_shown_in_the_offset_the_dateline_writes() -> None:
    """A Kaliningrad site: its dateline's "GMT+2" wins over Moscow's zone for ``.ru``."""
    ld = json.dumps({"@type": "NewsArticle", "datePublished": "2024-05-17T12:30:00Z"})
    html = page(
        f'<script type="application/ld+json">{ld}</script>',
        dateline="<p class='date'>17.05.2024 14:30 GMT+2</p>",
        lang="ru",
    )
    when = published(html, "https://www.example.ru/news/1")
    assert when == datetime(2024, 5, 17, 14, 30, tzinfo=offset(2))
    assert when is not None and when.utcoffset() == timedelta(hours=2)


def test_a_time_in_utc_is_shown_in_the_offset_a_time_element_writes_for_it() -> None:
    """WordPress: UTC in its metadata, the site's own offset in its dateline's ``<time>``;
    the modification time is shown as the publication time is."""
    head = (
        '<meta property="article:published_time" content="2024-05-21T17:12:33+00:00">'
        '<meta property="article:modified_time" content="2024-05-22T15:01:00+00:00">'
    )
    dateline = (
        '<time class="entry-date published" datetime="2024-05-21T10:12:33-07:00">May 21, 2024'
        '</time><time class="updated" datetime="2024-05-22T08:01:00-07:00">May 22, 2024</time>'
    )
    fields = extract_article("https://news.example.org/watsonville", page(head, dateline=dateline))
    assert fields.published is not None and fields.modified is not None
    assert fields.published.isoformat() == "2024-05-21T10:12:33-07:00"
    assert fields.modified.isoformat() == "2024-05-22T08:01:00-07:00"


def test_a_modification_time_in_utc_takes_the_offset_of_the_publication_time() -> None:
    ld = json.dumps(
        {
            "@type": "NewsArticle",
            "datePublished": "2024-06-26T17:31:22Z",
            "dateModified": "2024-06-26T19:02:10Z",
        }
    )
    dateline = "<p class='date'>26/06/2024 14h31 Atualizado 26/06/2024</p>"
    head = f'<script type="application/ld+json">{ld}</script>'
    fields = extract_article(
        "https://g1.example.com/n/1", page(head, dateline=dateline, lang="pt-BR")
    )
    assert fields.published is not None and fields.modified is not None
    assert fields.published.isoformat() == "2024-06-26T14:31:22-03:00"
    assert fields.modified.isoformat() == "2024-06-26T16:02:10-03:00"
    # the page's country's zone places it: the offset it has at that time
    ld = ld.replace("2024-06-26T19:02:10Z", "2024-11-26T19:02:10Z")
    head = f'<script type="application/ld+json">{ld}</script>'
    fields = extract_article("https://www.example.co.uk/n/1", page(head, lang="en-GB"))
    assert fields.published is not None and fields.modified is not None
    assert fields.published.isoformat() == "2024-06-26T18:31:22+01:00"
    assert fields.modified.isoformat() == "2024-11-26T19:02:10+00:00"


def test_a_date_bar_above_the_page_is_not_the_dateline() -> None:
    today = '<div class="top-bar"><time datetime="2024-05-31">Friday, 31 May 2024</time></div>'
    dateline = '<time class="post-date" datetime="2024-05-14">Tuesday, 14 May 2024</time>'
    assert day(page(before=today, dateline=dateline)) == "2024-05-14"


def test_dates_in_the_future_are_not_publication_dates() -> None:
    soon = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    meta = f'<meta property="article:published_time" content="{soon}">'
    assert published(page(meta)) is None


def test_a_spacer_after_the_first_paragraph_leaves_the_story_where_it_starts() -> None:
    """An empty paragraph, a caption or an advertisement between the story's first two
    paragraphs is no line of the date and the byline: a date in the first paragraph is the
    story's, not its publication's."""
    story = "".join(
        f"<p>Paragraph {i} tells readers what the council decided.</p>" for i in range(6)
    )
    html = (
        "<html><body><article><h1>Council approves new budget</h1>"
        '<p class="byline">By Jane Doe</p>'
        "<p>On March 4, 2019, the city council approved a $4 million budget after a long "
        "night of debate in the town hall.</p><p><br></p>"
        f"{story}</article></body></html>"
    )
    assert extract_article("https://news.example.com/council-budget", html).published is None


def test_a_dateline_that_links_to_the_days_archive_is_the_articles() -> None:
    dateline = (
        '<ul class="nav meta"><li><a href="https://news.example.com/time/2020-10-13" '
        'title="13 Oct 2020 18:29">13 Oct 2020 18:29</a></li></ul>'
    )
    assert published(page(dateline=dateline)) == datetime(2020, 10, 13, 18, 29, tzinfo=offset(-4))


def test_a_long_run_of_letters_is_read_at_once() -> None:
    """A month's name may hold vowel signs (marks, not letters, to ``\\w``): a long word of
    such letters must not be tried in every way it could split (it took minutes), here in a
    process of its own that must end within a generous limit."""
    text = "बहुत" * 16 + " 2024 " + "สวัสดีครับ" * 200 + " 2567"
    code = f"from spiders.dates import shown_dates; print(shown_dates({text!r}, 'hi', True))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_chain_of_dotted_letters_after_a_date_is_read_at_once() -> None:
    """Short words may stand between a date and its time, dotted abbreviations too ("ප.ව."):
    a chain of 2,000 "a." must not be tried in every way it could split (it took minutes), in
    a process of its own that must end within a generous limit."""
    text = "Filed May 17, 2024 " + "a." * 2000
    code = f"from spiders.dates import shown_dates; print(len(shown_dates({text!r}, 'en', None)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "1"


def test_many_dates_in_one_text_are_read_in_near_linear_time() -> None:
    """A page of 60,000 dates (an archive's list) is read in a second or so; checking each
    named date against every date found before it took a minute and a half. In a process of
    its own, which must end within a generous limit."""
    code = (
        "from spiders.dates import shown_dates\n"
        "text = ' '.join(f'May {i % 28 + 1}, 2024; 17.05.2024;' for i in range(30_000))\n"
        "print(len(shown_dates(text, 'en', True)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.strip() == "60000"


def test_a_long_run_of_spaces_in_a_languages_own_form_is_read_at_once() -> None:
    """A language's own form of a date reads a space, a comma or both between its parts: a run
    of 60,000 spaces must not be tried in every way it could split (it took minutes), in a
    process of its own that must end within a generous limit."""
    code = (
        "from spiders.dates import shown_dates\n"
        "text = '2024' + ' ' * 60_000 + 'x 23 нояб.' + ' ' * 60_000 + 'x'\n"
        "print(len(shown_dates(text, 'kk', True)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.strip() == "0"


@pytest.mark.parametrize(
    "date",
    [
        "<span class='article-date'>Wednesday, 5 June 2024 - 10:41</span>",
        "<time datetime='2024-06-05T10:41:00+03:00'>Wednesday, 5 June 2024</time>",
    ],
)
def test_a_dateline_in_a_bar_of_details_and_sharing_buttons_is_read(date: str) -> None:
    """Drupal's "news-info-share": the byline and the date beside the sharing buttons. A
    bar of buttons alone ("social-share") is still page furniture."""
    dateline = (
        "<div class='news-info-share'><div class='news-info'><span class='article-author'>by "
        f"<a href='/author/1/jane-doe'>Jane Doe</a></span> | {date}</div>"
        "<div class='social-share'><a href='#'>Facebook</a> <span>17 May 2024</span></div></div>"
    )
    when = published(page(dateline=dateline), "https://www.example.co.ke/news/1-kra")
    assert when is not None and when.isoformat() == "2024-06-05T10:41:00+03:00"


def test_a_dateline_in_a_bar_of_its_time_and_sharing_buttons_is_read() -> None:
    """The Tribune's "time-share": the byline and the time beside the sharing buttons."""
    dateline = (
        "<div class='time-share'><span class='author'>Jane Doe</span><br>"
        "<span class='posted'>Posted At: 05/04/2024 10:30 AM (IST)</span></div>"
    )
    when = published(page(dateline=dateline, lang="en-IN"), "https://www.example.in/news/1")
    assert when is not None and when.isoformat() == "2024-04-05T10:30:00+05:30"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("(IST)", "2024-04-05T10:30:00+05:30"),  # India's, where the day comes first
        ("ET", "2024-05-04T10:30:00-04:00"),  # several countries': the language's order
    ],
)
def test_the_zone_a_dateline_names_settles_the_order_of_day_and_month(
    zone: str, expected: str
) -> None:
    """On a domain of no country, in a language of no region, an abbreviation only one
    country's zone has says how the page writes 05/04/2024."""
    dateline = f"<p class='posted'>Posted At: 05/04/2024 10:30 AM {zone}</p>"
    when = published(page(dateline=dateline), "https://www.example.com/news/1")
    assert when is not None and when.isoformat() == expected


def blogger_page(footer: str, posts: int = 1) -> str:
    """A Blogger post page: the day's header over the post, its time in the post's footer."""
    post = (
        "<div class='post hentry' itemprop='blogPost' itemscope='itemscope' "
        "itemtype='http://schema.org/BlogPosting'><h3 class='post-title entry-title'>Bridge "
        f"reopens</h3><div class='post-body entry-content'>{PROSE}</div>"
        f"<div class='post-footer'>{footer}</div></div>"
    )
    return (
        "<html lang='en'><head><title>The Blog: Bridge reopens</title></head><body>"
        "<header><h1 class='title'><a href='/'>The Blog</a></h1></header>"
        "<div class='blog-posts hfeed'><div class='date-outer'><h2 class='date-header'>"
        f"<span>Friday, June 07, 2024</span></h2>{post * posts}</div></div></body></html>"
    )


def test_a_blogger_post_is_dated_by_the_title_of_its_published_element() -> None:
    """hAtom and Blogger's microdata put the ISO date in the ``title`` of ``abbr.published``
    (whose microdata value is its text, "6:42 PM"); the day's header is the fallback."""
    url = "https://www.blog.example.com/2024/06/bridge-reopens.html"
    abbr = "<abbr class='published' {} title='2024-06-07T18:42:00+01:00'>6:42 PM</abbr>"
    microdata = abbr.format("itemprop='datePublished'")
    when = published(blogger_page(f"Posted at {microdata}"), url)
    assert when is not None and when.isoformat() == "2024-06-07T18:42:00+01:00"
    when = published(blogger_page(f"Posted at {abbr.format('')}"), url)  # hAtom alone
    assert when is not None and when.isoformat() == "2024-06-07T18:42:00+01:00"
    # a date header and no time
    assert day(blogger_page("Posted by Jane Doe"), url) == "2024-06-07"


def test_the_date_attribute_of_the_dateline_gives_its_seconds_and_offset() -> None:
    """Naver's ``data-date-time`` and Sohu's ``data-val`` (epoch milliseconds) on the dateline
    element; a bare ``data-val`` only where the text shows the same day."""
    naver = (
        "<div class='datestamp'><span class='term'>입력</span><span class='datestamp_time' "
        "data-date-time='2024-06-05 14:32:11'>2024.06.05. 오후 2:32</span></div>"
    )
    when = published(page(dateline=naver, lang="ko"), "https://n.news.example.com/a/028/1")
    assert when is not None and when.isoformat() == "2024-06-05T14:32:11+09:00"
    sohu = "<div class='article-info'><span class='time' data-val='{}'>{}</span></div>"
    epoch = sohu.format("1717565412000", "2024-06-05 13:30")
    when = published(page(dateline=epoch, lang="zh"), "https://www.example.com/a/7_1")
    assert when is not None and when.isoformat() == "2024-06-05T13:30:12+08:00"
    # a number that is no date of the day shown, or on no date's element, is left alone
    for dateline in (
        sohu.format("1617565412000", "2024-06-05 13:30"),
        sohu.format("1717565412000", "Sohu"),
        "<p class='meta'><span data-date-time='2024-06-05 14:32:11'>2024-06-05 13:30</span></p>",
    ):
        when = published(page(dateline=dateline, lang="zh"), "https://www.example.com/a/7_1")
        assert when is None or when.isoformat() == "2024-06-05T13:30:00+08:00"


@pytest.mark.parametrize(
    ("lang", "url", "dateline", "expected"),
    [
        (
            "en",
            "https://www.example.com/story/1",
            "<p class='dateline'>Published 11:32 a.m. ET May 14, 2024 | Updated 4:58 p.m. ET "
            "May 14, 2024</p>",
            "2024-05-14T16:58:00-04:00",
        ),
        (
            "nb",
            "https://www.example.no/nyheter/1",
            "<div class='dateline'><span class='datePublished'>Publisert <time "
            "datetime='2024-09-12T06:01:52+02:00'>12. sep. 2024 kl. 06.01</time></span> "
            "<span>Oppdatert <time datetime='2024-09-12T09:14:00+02:00'>12. sep. 2024 kl. "
            "09.14</time></span></div>",
            "2024-09-12T09:14:00+02:00",
        ),
        (
            "fr",
            "https://www.example.fr/politique/article/1",
            "<span class='meta__date'>Publié le 02 octobre 2024 à 11h30, modifié le 02 octobre "
            "2024 à 15h02</span>",
            "2024-10-02T15:02:00+02:00",
        ),
        (
            "ko",
            "https://www.example.co.kr/news/1",
            "<dl class='wrt-text'><dd><span>입력</span> 2024.08.19 15:28</dd><dd><span>수정</span> "
            "2024.08.19 16:40</dd></dl>",
            "2024-08-19T16:40:00+09:00",
        ),
        (
            "tr",
            "https://www.example.com.tr/ekonomi/1",
            "<div class='news-date'><span>Oluşturulma Tarihi: Haziran 03, 2024 10:00</span>"
            "<span>Güncellenme Tarihi: Haziran 03, 2024 10:24</span></div>",
            "2024-06-03T10:24:00+03:00",
        ),
        (
            "bg",
            "https://www.example.bg/news/1",
            "<div class='dates'><time datetime='2024-06-05T14:32'>05 юни 2024, 14:32</time>"
            "<span class='updated'>Обновена: 05 юни 2024, 16:01</span></div>",
            "2024-06-05T16:01:00+03:00",
        ),
        (
            "nl",
            "https://nos.example.nl/artikel/1",
            "<p class='sc-meta'><time datetime='2024-09-13T15:45:12+0200'>vrijdag 13 september, "
            "15:45</time> · Aangepast <time datetime='2024-09-13T17:02:40+0200'>vrijdag 13 "
            "september, 17:02</time></p>",
            "2024-09-13T17:02:40+02:00",
        ),
        # before the publication: a label read wrong
        (
            "en",
            "https://www.example.com/story/1",
            "<p class='dateline'>Published May 14, 2024 4:58 pm | Updated May 13, 2024 9:00 am</p>",
            None,
        ),
    ],
)
def test_a_modification_stated_only_in_the_dateline_is_the_modified_time(
    lang: str, url: str, dateline: str, expected: str | None
) -> None:
    when = extract_article(url, page(dateline=dateline, lang=lang)).modified
    assert (when.isoformat() if when else None) == expected


@pytest.mark.parametrize(
    ("lang", "url", "dateline", "expected"),
    [
        (
            "en",
            "https://www.canberratimes.example.au/story/8912345/light-rail/",
            "<div class='text-sm'>Updated April 3 2025 - 4:45pm, first published 2:30pm</div>",
            "2025-04-03T14:30:00+11:00",
        ),
        (
            "fr",
            "https://www.example.fr/politique/article/1",
            "<p class='meta'>Mis à jour le 2 octobre 2024 à 15h02, publié à 11h30</p>",
            "2024-10-02T11:30:00+02:00",
        ),
        # later than the update: no time of the same day
        (
            "en",
            "https://www.canberratimes.example.au/story/8912345/light-rail/",
            "<div class='text-sm'>Updated April 3 2025 - 9:10am, first published 2:30pm</div>",
            None,
        ),
    ],
)
def test_a_publication_time_beside_an_updates_date_is_on_its_day(
    lang: str, url: str, dateline: str, expected: str | None
) -> None:
    when = published(page(dateline=dateline, lang=lang), url)
    assert (when.isoformat() if when else None) == expected


def test_an_update_in_a_teaser_or_a_comment_is_no_modified_time() -> None:
    dateline = "<p class='dateline'>Published May 14, 2024 4:58 pm</p>"
    teaser = "<aside class='related'><p>Updated May 20, 2024 10:00</p></aside>"
    comment = "<section class='comments'><p>Edited May 21, 2024 10:00</p></section>"
    html = page(dateline=dateline, before=teaser, after=teaser + comment)
    assert extract_article("https://www.example.com/story/1", html).modified is None


def test_a_page_wrapped_in_a_form_is_dated_by_its_dateline() -> None:
    """An ASP.NET page wraps all of itself in a ``<form>``: with the headline in a ``<span>``
    (no ``<h1>`` or ``<h2>`` that marks the story), the form still holds the story."""
    html = (
        '<html lang="en"><body><form method="post" id="form1">'
        "<div class='header'><ul class='menu'><li><a href='/'>Home</a></li></ul></div>"
        "<table><tr><td class='content'><span class='title_detail'>Bridge reopens</span><br>"
        f"<span class='date'>21/05/2024 - Read: 1,024</span><div class='detail'>{PROSE}</div>"
        "</td></tr></table></form></body></html>"
    )
    assert day(html, "https://news.example.la/detail.aspx?id=84512") == "2024-05-21"


SEEN = datetime(2024, 6, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("5/17(金) 18:32配信", datetime(2024, 5, 17, 18, 32, tzinfo=offset(9))),
        ("5月17日(金) 18:32配信", datetime(2024, 5, 17, 18, 32, tzinfo=offset(9))),
        # the day of the week is the year's: 17 May was a Saturday in none of the years around
        ("5/17(土) 18:32配信", None),
    ],
)
def test_a_numeric_day_with_its_weekday_is_a_day_without_its_year(
    dateline: str, expected: datetime | None
) -> None:
    html = page(dateline=f"<p class='date'><time>{dateline}</time></p>", lang="ja")
    url = "https://news.example.co.jp/articles/5a1b2c3d"
    assert extract_article(url, html, seen=SEEN).published == expected


BERLIN_SUMMER = offset(2)


def _story_opening(first: str) -> str:
    """A story whose first paragraph begins with ``first``, and no other date."""
    return (
        '<html lang="de"><body><article><h1>Deutschland liefert weiteres Patriot-System</h1>'
        f"<div class='body'><p>{first} Deutschland wird der Ukraine ein weiteres "
        f"Flugabwehrsystem liefern.</p>{PROSE}</div></article></body></html>"
    )


@pytest.mark.parametrize(
    ("first", "seen", "expected"),
    [
        # without its year: the capture's year
        ("BERLIN, 17. Mai (Reuters) -", SEEN, datetime(2024, 5, 17, tzinfo=BERLIN_SUMMER)),
        ("BERLIN, 17. Mai 2024 (Reuters) -", None, datetime(2024, 5, 17, tzinfo=BERLIN_SUMMER)),
        (
            "<b>Frankfurt</b>, 17.05.2024 (dpa-AFX) –",
            None,
            datetime(2024, 5, 17, tzinfo=BERLIN_SUMMER),
        ),
        ("Bruselas, 7 oct (EFE).-", SEEN, datetime(2023, 10, 7, tzinfo=offset(2))),
        # a full date needs no dash after the agency (Kathpress); a day without its year does
        (
            "<span class='ort'>Wien, 12.04.2018 (KAP)</span>",
            None,
            datetime(2018, 4, 12, tzinfo=offset(2)),
        ),
        ("BERLIN, 17. Mai (Reuters)", SEEN, None),
        # a sentence naming a day, with brackets after it, is no dateline
        ("Der Tag der offenen Tür findet am Samstag, 21.04.2018 (ab 10 Uhr) statt.", None, None),
        ("Wien, 21.04.2018 (ab 10 Uhr) öffnet der Dom.", None, None),
        # a date the story names, with no agency after it, is none
        ("Am 17. Mai (Reuters) -", SEEN, None),
        ("BERLIN, 17. Mai -", SEEN, None),
        ("BERLIN (Reuters) - Am 17. Mai 2024 kündigte Scholz an:", SEEN, None),
        ("Der Kanzler sagte am 17. Mai 2024:", SEEN, None),
    ],
)
def test_an_agencys_dateline_opening_the_story_dates_it(
    first: str, seen: datetime | None, expected: datetime | None
) -> None:
    url = "https://www.example.de/news/patriot-ukraine-26581234"
    assert extract_article(url, _story_opening(first), seen=seen).published == expected


@pytest.mark.parametrize(
    "dateline",
    [
        "Updated May 18, 2024 10:05 am Published May 17, 2024",
        "Aktualisiert 18.05.2024, 09:12 Uhr Erstellt 17.05.2024",
    ],
)
def test_an_updates_time_before_the_publication_date_is_not_its_time(dateline: str) -> None:
    when = published(page(dateline=f"<span class='date'>{dateline}</span>"))
    assert when is not None and (when.day, when.hour, when.minute) == (17, 0, 0)


def test_a_form_wrapping_the_page_but_its_footer_is_dated_by_its_dateline() -> None:
    """The form wraps the page though a ``<footer>`` of legal prose sits after it: all the
    text outside the form is other chrome."""
    html = (
        '<html lang="en"><body><form method="post" id="form1">'
        "<div class='header'><ul class='menu'><li><a href='/'>Home</a></li></ul></div>"
        "<table><tr><td class='content'><span class='title_detail'>Bridge reopens</span><br>"
        f"<span class='date'>21/05/2024 - Read: 1,024</span><div class='detail'>{PROSE}</div>"
        "</td></tr></table></form><footer><p>Copyright 2024 News Agency. All rights reserved. "
        "No part of this site may be reproduced without permission.</p></footer></body></html>"
    )
    assert day(html, "https://news.example.la/detail.aspx?id=84512") == "2024-05-21"


def test_a_date_in_a_low_heading_labelled_as_the_publications_dates_the_page() -> None:
    """Nation Media's 2013 template sets "Posted" in an ``<h6>`` under the byline; the weekday
    between the label and the date does not hide the label."""
    byline = (
        "<div class='byline'><h5>By Denis Ssebwami &amp; Grace Atuhaire</h5>"
        "<h6>Posted  Wednesday, March 13  2013 at  01:00</h6></div>"
    )
    html = page(dateline=byline)
    assert published(html, "https://www.monitor.co.ug/News/National/seeds/-/688334/1717342") == (
        datetime(2013, 3, 13, 1, 0, tzinfo=offset(3))
    )
    assert extract_article("https://news.example.com/bridge-reopens", html).authors == [
        "Denis Ssebwami",
        "Grace Atuhaire",
    ]


def test_a_heading_that_is_a_date_is_no_dateline_unless_labelled() -> None:
    dated = page(dateline="<h3>March 13, 2013: the day the bridge closed</h3>")
    assert day(dated) is None
    # or classed as one inside it (derStandard's "<h6 class='info'>")
    info = "<h6 class='info'><span class='date'>12. April 2018, 13:32</span> 284 Postings</h6>"
    assert day(page(dateline=info, lang="de"), "https://www.derstandard.at/story/2000077") == (
        "2018-04-12"
    )


def test_an_update_with_its_weekday_is_no_publication() -> None:
    dateline = "<p class='meta'>Updated Monday, May 20, 2024</p><p>May 17, 2024</p>"
    assert day(page(dateline=dateline)) == "2024-05-17"


@pytest.mark.parametrize(
    ("bar", "lang", "expected"),
    [
        ("<b>Wednesday, November 7, 2012 Issue</b>", "en", "2012-11-07"),
        (
            "<b>Vol. 14 No. 8</b> | Friday, February 21, 2014 | <a href='/'>Home</a>",
            "en",
            "2014-02-21",
        ),
        ("<b>السنة 136 - العدد 45791 - الأربعاء 18 أبريل 2012</b>", "ar", "2012-04-18"),
        # a header's date with no issue is the day the page was seen
        ("<b>Wednesday, November 7, 2012</b>", "en", None),
        ("<b>Wednesday, November 7, 2012 | Current issue</b>", "en", None),
        ("<b>The Valley's No. 1 news source | Wednesday, November 7, 2012</b>", "en", None),
        ("<b>Ausgabe vom 7. November 2012</b>", "de", "2012-11-07"),
        # the issue's date after its number, not the day of viewing before it
        (
            "<b>Tuesday, May 5, 2026</b><br><b>Vol. 14 No. 8 | Friday, February 21, 2014</b>",
            "en",
            "2014-02-21",
        ),
        ("<b>The Valley's No. 12 news source | Wednesday, November 7, 2012</b>", "en", None),
    ],
)
def test_the_issue_a_bar_above_the_headline_names_dates_an_old_papers_story(
    bar: str, lang: str, expected: str | None
) -> None:
    """Table layouts of weeklies and old dailies set the issue's day in a bar far above the
    headline, past a menu, and give no other date."""
    menu = "".join(f"<a href='/s{i}.html'>Section {i}</a><br>" for i in range(12))
    html = (
        f"<html lang='{lang}'><head><title>The Valley Leader</title></head><body><table>"
        f"<tr><td colspan='2'>{bar}</td></tr><tr><td>{menu}</td><td>"
        "<p class='headline'>Bridge reopens after repairs</p>"
        f"<div class='body'>{PROSE}</div></td></tr></table></body></html>"
    )
    assert day(html, "http://www.valleyleader.example/news/2012/bridge.html") == expected


def test_a_date_classed_as_such_below_the_body_dates_a_page_that_gives_no_other() -> None:
    """taz's 2014 template gives the day only in the story's footer; the related stories
    after it, each with its date after its link, date nothing."""
    footer = "<div class='sectfoot'><span class='date'>3. 4. 2014</span></div>"
    related = (
        "<div class='related'><ul><li><a href='/!135980/'>Der Ausverkauf geht weiter</a> "
        "<span class='date'>24. 3. 2014</span></li></ul></div>"
    )
    url = "http://www.taz.de/!136412/"
    assert day(page(after=footer + related, lang="de"), url) == "2014-04-03"
    assert day(page(after=related, lang="de"), url) is None
    # nor does the next story's, beside its linked heading
    following = (
        "<div class='next-story'><p>Nächster Artikel</p><h4><a href='/!136500/'>Brücke wieder "
        "offen</a></h4><div class='date'>5. 4. 2014</div></div>"
    )
    assert day(page(after=following, lang="de"), url) is None
    # nor a teaser's beside its picture, nor a date in a sentence
    teaser = (
        "<div class='more'><div class='item'><img src='/t.jpg'><p class='title'><a "
        "href='/!136555/'>Mieten steigen weiter</a></p><span class='date'>1. 4. 2014</span>"
        "</div></div>"
    )
    assert day(page(after=teaser, lang="de"), url) is None
    beside = (
        "<div class='next'><div class='thumb'><a href='/!136600/'><img src='/t.jpg'></a></div>"
        "<div class='info'><span class='date'>1. 4. 2014</span><b>Mieten steigen</b></div></div>"
    )
    assert day(page(after=beside, lang="de"), url) is None
    for footnote in ("Termin 3. 4. 2014", "3. 4. 2014 bis 9. 4. 2014, Stadthalle"):
        other = f"<div class='sectfoot'><span class='date'>{footnote}</span></div>"
        assert day(page(after=other, lang="de"), url) is None
    photo = "<div class='caption'><span class='date'>Foto vom 2. März 2019</span></div>"
    assert day(page(after=photo, lang="de"), url) is None
    # and the URL's day comes first
    dated = "http://www.taz.example/2014/04/02/volksbegehren/"
    assert day(page(after=footer, lang="de"), dated) == "2014-04-02"


def test_a_date_labelled_as_the_first_publication_wins_wherever_it_stands() -> None:
    """MDR dates the page above the headline by its last state ("Stand") and below the story
    by its first publication."""
    head = "<p class='webtime'>Stand: 08. Februar 2024, 10:15 Uhr</p>"
    foot = (
        "<div class='shortInfo'><p class='autorName'>MDR (Katharina Löffler, Paul Rehm) | "
        "Erstmals veröffentlicht am 07.02.2024</p></div>"
    )
    url = "https://www.mdr.de/nachrichten/sachsen-anhalt/eulenberg-100.html"
    assert day(page(dateline=head, after=foot, lang="de"), url) == "2024-02-07"
    assert day(page(dateline=head, lang="de"), url) == "2024-02-08"
    french = "<p class='credit'>Première publication le 7 février 2024</p>"
    assert (
        day(
            page(
                dateline="<p>Mis à jour le 8 février 2024</p><p>8 février 2024</p>",
                after=french,
                lang="fr",
            ),
            url,
        )
        == "2024-02-07"
    )


def test_a_date_classed_below_the_body_in_the_block_of_the_story_and_its_picture() -> None:
    """A Joomla K2 item sets its only date after the text, in the block that also holds the
    story's picture ("<div class='createddate'>2024-03-12 HKT 14:32</div>"); a related story's
    date in a list after it still dates nothing."""
    item = (
        "<div class='itemView'><h1>東鐵綫信號故障 港鐵致歉</h1><div class='itemImage'><img "
        f"src='/p.jpg'></div><div class='itemFullText'>{PROSE}</div><div class='createddate'>"
        "2024-03-12 HKT 14:32</div></div>"
    )
    related = (
        "<ul><li><a href='/k2/1741105.htm'>港鐵</a> <span class='date'>2024-03-01</span></li></ul>"
    )
    html = f"<html lang='zh-HK'><head><title>RTHK</title></head><body>{item}{related}</body></html>"
    url = "https://news.rthk.hk/rthk/ch/component/k2/1743210.htm"
    assert published(html, url) == datetime(2024, 3, 12, 14, 32, tzinfo=offset(8))
    assert day(html.replace("2024-03-12 HKT 14:32", ""), url) is None
    # nor does the next story's after its linked heading in that block
    following = (
        "<h3><a href='/k2/1743300.htm'>下一篇：港鐵加班車</a></h3><div class='datum'>2024-03-01"
        "</div></div>"
    )
    teaser = html.replace("2024-03-12 HKT 14:32</div></div>", f"</div>{following}")
    assert day(teaser, url) is None


def test_a_pictures_caption_and_a_headers_date_of_today_date_no_story() -> None:
    url = "https://www.example.com.tw/news/20240517.html"
    caption = (
        "<figure><img src='/p.jpg'><figcaption>立法院外聚集民眾。"
        "（中央社記者王飛華攝 113年5月16日）</figcaption></figure>"
        "<p class='info'>2024/05/17 18:30</p>"
    )
    assert published(page(dateline=caption, lang="zh-Hant-TW"), url) == datetime(
        2024, 5, 17, 18, 30, tzinfo=offset(8)
    )
    # a story's block whose class only holds the word keeps its date
    named = page(dateline="<p class='date'>17 May 2024</p>").replace(
        "<article>", "<article class='todayonline-story'>"
    )
    assert day(named, "https://www.todayonline.example/singapore/bridge") == "2024-05-17"
    wrapped = "<div class='today-date'><div><p>令和6年5月9日（木）</p></div></div>"
    assert day(page(before=wrapped, lang="ja"), "https://www.example.jp/news/2.html") is None
    today = "<p class='today-date'>令和6年5月9日（木）</p>"
    html = page(before=today, dateline="<p>2024年5月7日 15:12</p>", lang="ja")
    assert published(html, "https://www.example.jp/news/1.html") == datetime(
        2024, 5, 7, 15, 12, tzinfo=offset(9)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("May 17, 2024 10:30 a.m. Pacific", datetime(2024, 5, 17, 10, 30, tzinfo=offset(-7))),
        ("Nov. 14, 2018 5:00 AM Central", datetime(2018, 11, 14, 5, 0, tzinfo=offset(-6))),
        ("May 17, 2024 10:30 a.m. Eastern Time", datetime(2024, 5, 17, 10, 30, tzinfo=offset(-4))),
        (
            "May 17, 2024 10:30 a.m. Eastern Time Monday",
            datetime(2024, 5, 17, 10, 30, tzinfo=offset(-4)),
        ),
        # a place, not a zone
        ("May 17, 2024 10:30 a.m. Central Park", datetime(2024, 5, 17, 10, 30)),
    ],
)
def test_a_north_american_zone_named_by_its_word(text: str, expected: datetime) -> None:
    assert shown_dates(text, "en", False)[0].when == expected
    # on another country's page the word names no North American zone
    assert shown_dates(text, "en-NZ", False, None, "NZ")[0].when.tzinfo is None


@pytest.mark.parametrize(
    "related",
    [
        # the date in brackets in an element of its own right after another story's headline
        "&#149; <a href='/diario/2001/11/07/p-00402.htm'>Los bancos aceptan el canje ahora</a> "
        "<i>(07.11.2001)</i><br>",
        "<a href='/diario/2001/11/07/p-00402.htm'>Los bancos aceptan el canje ahora</a>"
        "<span>(07.11.2001)</span>",
    ],
)
def test_a_related_storys_date_after_its_link_in_an_old_layout(related: str) -> None:
    """An old table layout whose story and related links share the lines under the headline;
    the story itself shows no date."""
    html = (
        "<html lang='es'><head><title>Postergan el aguinaldo</title></head><body><table><tr><td>"
        "<font size='4'><b>Postergan el aguinaldo de estatales</b></font><br>"
        f"<font size='2'><p>{PROSE}</p></font><table><tr><td><b>TEMAS RELACIONADOS</b><br>"
        f"{related}</td></tr></table></td></tr></table></body></html>"
    )
    assert day(html, "http://www.clarin.example/diario/p-00401.htm") != "2001-11-07"


@pytest.mark.parametrize(
    "empty",
    [
        "1970-01-01T00:00:00Z",
        "1970-01-01T03:00:00+03:00",
        "1969-12-31T19:00:00-05:00",
        "0001-01-01T00:00:00",
    ],
)
def test_a_cms_empty_date_gives_way_to_the_dateline(empty: str) -> None:
    data = {"@type": "NewsArticle", "datePublished": empty}
    head = (
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
        f'<meta property="article:published_time" content="{empty}">'
    )
    html = page(head, dateline="<p class='date'>Jun. 25, 2024</p>")
    assert day(html) == "2024-06-25"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dodano: 14.II.2023 20:05", datetime(2023, 2, 14, 20, 5)),
        ("3.XI.2023", datetime(2023, 11, 3)),
        ("2023. II. 14. 10:30", datetime(2023, 2, 14, 10, 30)),
        # a numeral after a day's number and a full stop, before no year, is no month
        ("Rozdział 3. II. część", None),
    ],
)
def test_months_in_roman_numerals(text: str, expected: datetime | None) -> None:
    found = shown_dates(text, "pl", True)
    assert (found[0].when if found else None) == expected


def test_the_storys_own_date_after_a_link_of_a_writers_name() -> None:
    """A link of four words or more to a path of no person's page, then the date: the
    byline's, not a teaser's."""
    dateline = (
        "<div class='autor-fecha'><a href='/noticias/maria-jose-garcia-lopez'>María José García "
        "López</a> <time>12/03/2024</time></div>"
    )
    html = page(dateline=dateline, lang="es")
    assert day(html, "https://www.diarioregional.example.com.co/region/puente") == "2024-03-12"


def test_the_issue_line_linking_to_the_issue_dates_the_page() -> None:
    """A review's only date is its issue's, in a link to the issue's contents above the
    headline; the page's ``<title>`` repeats it, and no reader sees that above the headline."""
    issue = "<div class='issue'><a href='/the-paper/v46/n10'>Vol. 46 No. 10 · 23 May 2024</a></div>"
    html = page(before=issue).replace(
        "<title>Bridge reopens</title>", "<title>Bridge reopens · LRB 22 May 2024</title>"
    )
    url = "https://www.lrb.example/the-paper/v46/n10/anna-whitcombe/in-the-marsh"
    assert day(html, url) == "2024-05-23"
    # another story's link above the headline dates nothing
    teaser = "<div class='more'><a href='/blog/2024/may/x'>The Rwanda Plan, 21 May 2024</a></div>"
    assert day(page(before=teaser), url) is None


def test_another_issues_link_above_the_headline_dates_nothing() -> None:
    """Only a link to the issue whose contents hold the page dates it: the current issue, a
    podcast's volume, an e-paper's edition link elsewhere."""
    url = "https://www.review.example/issues/vol-12-no-5/the-long-road/"
    for link in (
        "<a href='/issues/vol-12-no-6/'>Current issue: Vol. 12 No. 6 · 20 June 2024</a>",
        "<a href='/podcast/crate-diggers-vol-3'>Crate Diggers Vol. 3 — December 12, 2019</a>",
    ):
        assert day(page(before=f"<div class='top'>{link}</div>"), url) is None
    own = "<a href='/issues/vol-12-no-5/'>Vol. 12 No. 5 · 16 May 2024</a>"
    assert day(page(before=f"<div class='top'>{own}</div>"), url) == "2024-05-16"


@pytest.mark.parametrize(
    ("lang", "host", "expected"),
    [
        # a brand's domain names its country only under the country's own second level
        ("es", "www.diariodelsur.com.co", "-05:00"),
        ("es", "www.diario.example.co", "+02:00"),
        ("en", "news.example.co.im", "+01:00"),
        ("en", "news.example.co", "-04:00"),
        ("es", "news.example.gob.co", "-05:00"),
    ],
)
def test_a_brands_domain_is_its_countrys_under_its_registrys_second_level(
    lang: str, host: str, expected: str
) -> None:
    dateline = "<p class='date'>2024-05-16 11:45</p>"
    when = published(page(dateline=dateline, lang=lang), f"https://{host}/bridge-reopens")
    assert when is not None and when.isoformat().endswith(expected)


@pytest.mark.parametrize(
    ("head", "dateline", "expected"),
    [
        # a <meta name="date"> holding the time of the update the page shows
        (
            "<meta name='date' content='2022-11-04T08:12:00+01:00'>",
            "<p>Erstellt: 03.11.2022, 16:05 Uhr | Aktualisiert: 04.11.2022, 08:12 Uhr</p>",
            "2022-11-03T16:05:00+01:00",
        ),
        # or its day only
        (
            "<meta name='date' content='2022-11-04'>",
            "<p>Veröffentlicht am 03.11.2022 um 16:05 Uhr</p>"
            "<p>Zuletzt geändert am 04.11.2022 um 08:12 Uhr</p>",
            "2022-11-03T16:05:00+01:00",
        ),
        # without its offset, the update's wall-clock time
        (
            "<meta name='date' content='2022-11-04T08:12:00'>",
            "<p>Erstellt: 03.11.2022, 16:05 Uhr | Aktualisiert: 04.11.2022, 08:12 Uhr</p>",
            "2022-11-03T16:05:00+01:00",
        ),
        # a machine date of another time than the update stays the first publication
        (
            "<meta name='date' content='2022-11-03T10:00:00+01:00'>",
            "<p>Erstellt: 02.11.2022, 16:05 Uhr | Aktualisiert: 04.11.2022, 08:12 Uhr</p>",
            "2022-11-03T10:00:00+01:00",
        ),
        # and so does one on the update's day where the page shows no earlier date
        (
            "<meta name='date' content='2022-11-04'>",
            "<p>Aktualisiert: 04.11.2022, 08:12 Uhr</p>",
            "2022-11-04T00:00:00+01:00",
        ),
        # or none labelled as the publication's: an event's day above the story
        (
            "<meta name='date' content='2022-11-04'>",
            "<div class='info-box'>Datum: Montag, 02.11.2022</div>"
            "<p>Zuletzt geändert am 04.11.2022 um 08:12 Uhr</p>",
            "2022-11-04T00:00:00+01:00",
        ),
    ],
)
def test_a_machine_date_that_is_the_shown_update_gives_way_to_the_first_publication(
    head: str, dateline: str, expected: str
) -> None:
    when = published(page(head=head, dateline=dateline, lang="de"), "https://www.example.de/a")
    assert when is not None and when.isoformat() == expected


@pytest.mark.parametrize(
    ("lang", "dateline", "expected"),
    [
        # a time in square brackets after its date, in any language
        ("az", "09.12.2023 [15:31]", "2023-12-09T15:31:00+04:00"),
        ("en", "09.12.2023 [15:31]", "2023-12-09T15:31:00+04:00"),
        # in round ones, outside Korean, Japanese and Chinese, an event's time
        ("de", "09.12.2023 (15:31 Uhr)", "2023-12-09T00:00:00+04:00"),
    ],
)
def test_a_time_in_square_brackets_after_its_date_is_the_datelines(
    lang: str, dateline: str, expected: str
) -> None:
    html = page(dateline=f"<div class='news_date'>{dateline}</div>", lang=lang)
    when = published(html, "https://azertag.az/xeber/1")
    assert when is not None and when.isoformat() == expected


def test_a_journals_online_date_before_its_print_issues() -> None:
    head = (
        "<meta name='citation_publication_date' content='2024/03/14'>"
        "<meta name='citation_online_date' content='2024/03/05'>"
    )
    when = published(page(head=head), "https://www.nature.example/articles/d41586-024-00641-8")
    assert when is not None and when.date().isoformat() == "2024-03-05"
    # alone, the print issue's date is the page's
    head = "<meta name='citation_publication_date' content='2024/03/14'>"
    when = published(page(head=head), "https://www.nature.example/articles/d41586-024-00641-8")
    assert when is not None and when.date().isoformat() == "2024-03-14"


def test_an_old_spanish_templates_pie_is_its_footer() -> None:
    """Its address gives the paper's clock; a table cell of another class gives none."""
    dateline = "<p class='date'>14/03/2023 10:05 AM</p>"
    for cell, expected in (("pie", "-05:00"), ("menu", "+01:00")):
        after = (
            f"<table><tr><td class='{cell}'>El Centinela © 2023 | 1234 S. Zarzamora St., "
            "San Antonio, TX 78207</td></tr></table>"
        )
        html = page(dateline=dateline, after=after, lang="es")
        when = published(html, "http://www.elcentinelasa.com/noticias/nota.php?id=1")
        assert when is not None and when.isoformat().endswith(expected), cell


def test_a_repositorys_issue_date_before_its_upload() -> None:
    """DSpace gives the day a report was issued as ``citation_date`` and ``DCTERMS.issued``,
    and the upload's time as ``DCTERMS.available``."""
    head = (
        "<meta name='DCTERMS.available' content='2023-05-10T09:12:33Z'>"
        "<meta name='DCTERMS.issued' content='2023-04-27'>"
        "<meta name='citation_date' content='2023-04-27'>"
    )
    when = published(page(head=head), "https://repositorio.example.org/handle/11362/48911")
    assert when is not None and when.date().isoformat() == "2023-04-27"
