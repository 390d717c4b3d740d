"""Bylines as newsrooms write them: each author form of issue 17, and who counts as a person."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from spiders.anatomy import PERSON_LINK, Anatomy
from spiders.bylines import Credit, Credits, credits, is_nobody, split_byline
from spiders.extraction import extract_article, parse_html


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        # a label or a role kept in the name
        ("Autor Monika Bolliger", "de", ["Monika Bolliger"]),
        ("Autorin: Lena Hoffmann", "de", ["Lena Hoffmann"]),
        ("By Jane Doe, Staff Writer", "en", ["Jane Doe"]),
        ("Text: Anna Schmidt, Fotos: Max Weber", "de", ["Anna Schmidt"]),
        ("Haber: Ayşe Yılmaz - Fotoğraf: Mehmet Demir", "tr", ["Ayşe Yılmaz"]),
        (
            "Reporting by Jane Doe and Rene Wagner; Writing by Miranda Murray; Editing by John"
            " Smith",
            "en",
            ["Jane Doe", "Rene Wagner", "Miranda Murray"],
        ),
        ("Piše: P. Mucović", "bs", ["P. Mucović"]),
        # Greek's "writes the", one writer or two
        ("Γράφει ο Γιώργος Τσακίρης", "el", ["Γιώργος Τσακίρης"]),
        # where the first writer filed from, then "and" the second
        (
            "By Ibrahim Hassan-Wuyo, Kaduna and Henry Umoru, Abuja",
            "en",
            ["Ibrahim Hassan-Wuyo", "Henry Umoru"],
        ),
        ("Γράφει η Μαρία Παππά", "el", ["Μαρία Παππά"]),
        ("Γράφουν οι Γιώργος Τσακίρης και Μαρία Παππά", "el", ["Γιώργος Τσακίρης", "Μαρία Παππά"]),
        # Vietnamese "text and photos"
        ("Bài và ảnh: Minh Khôi", "vi", ["Minh Khôi"]),
        # a Chinese writer and "reports", or where they reported from
        ("蔡婉琳 报道", "zh", ["蔡婉琳"]),
        ("记者 王晓燕 台北报道", "zh", ["王晓燕"]),
        ("記者 林宜萱、李宗霖 台南報導", "zh-TW", ["林宜萱", "李宗霖"]),
        # plural labels, before a colon only ("Reporters Without Borders" is no label)
        (
            "Reportrar: Anna Karlsson, Erik Lund och Sara Berg",
            "sv",
            ["Anna Karlsson", "Erik Lund", "Sara Berg"],
        ),
        ("Toimittajat: Anna Virtanen ja Matti Korhonen", "fi", ["Anna Virtanen", "Matti Korhonen"]),
        ("Yazarlar: Ayşe Yılmaz, Mehmet Demir", "tr", ["Ayşe Yılmaz", "Mehmet Demir"]),
        ("Autoři: Jan Novák a Petr Svoboda", "cs", ["Jan Novák", "Petr Svoboda"]),
        ("Reporters: Jane Doe and John Roe", "en", ["Jane Doe", "John Roe"]),
        ("Reporters Without Borders", "en", ["Reporters Without Borders"]),
        # Swahili's "by" is a Korean name's first word on other pages
        ("Na Vitalis Kimutai", "sw", ["Vitalis Kimutai"]),
        ("By Na Young Kim", "en", ["Na Young Kim"]),
        # and so is Tagalog's a Chinese name's
        ("Ni Jocelyn Ramos", "tl", ["Jocelyn Ramos"]),
        ("By Ni Hao Chen", "en", ["Ni Hao Chen"]),
        # a letter's signature, with the writer's town and county
        ("PATRICK O’SULLIVAN, Manorhamilton, Co Leitrim.", "en", ["PATRICK O’SULLIVAN"]),
        # the Arabic script's comma
        ("كتب- محمد علي، سارة حسن وأحمد خالد:", "ar", ["محمد علي", "سارة حسن", "أحمد خالد"]),
        ("박준석 기자 외 1명", "ko", ["박준석"]),
        ("박준석 기자 이현주 기자", "ko", ["박준석", "이현주"]),
        ("박준석·이현주 기자", "ko", ["박준석", "이현주"]),
        # the desk or bureau before the name, but a surname that ends like a desk stays
        ("（社会部 川村拓也記者）", "ja", ["川村拓也"]),
        ("ワシントン支局 田中一郎", "ja", ["田中一郎"]),
        ("정치부 김철수 기자 이영희 기자", "ko", ["김철수", "이영희"]),
        # ...with the desk head's rank after it
        ("政治部長 山田太郎", "ja", ["山田太郎"]),
        ("経済部次長 佐藤花子", "ja", ["佐藤花子"]),
        ("경제부장 김철수", "ko", ["김철수"]),
        ("사회부 차장 이영희", "ko", ["이영희"]),
        ("阿部 亮介", "ja", ["阿部 亮介"]),
        # "by" and "and" of Europe's smaller languages; Danish and Swedish "Per" is a name
        ("le hÉanna Ó Dálaigh agus Áine Ní Bhriain", "ga", ["Éanna Ó Dálaigh", "Áine Ní Bhriain"]),
        ("Gan Gwenllian Rhys", "cy", ["Gwenllian Rhys"]),
        ("Per Joan Puig i Marta Soler", "ca", ["Joan Puig", "Marta Soler"]),
        ("Per Anders Nilsson", "sv", ["Per Anders Nilsson"]),
        ("Uxía Rodríguez Brea e Xurxo Martínez", "gl", ["Uxía Rodríguez Brea", "Xurxo Martínez"]),
        ("Egileak: Maialen Agirre eta Xabier Lasa", "eu", ["Maialen Agirre", "Xabier Lasa"]),
        # "and others" is no part of the last name; a wire after the place is no person
        ("Jane Doe et al.", "en", ["Jane Doe"]),
        ("王云松、陈晓晨等", "zh", ["王云松", "陈晓晨"]),
        ("ソウル=西村涼子", "ja", ["西村涼子"]),
        ("워싱턴=김철수 특파원", "ko", ["김철수"]),
        # a known place before a slash; two names a slash apart stay two people
        ("대전/송인걸 기자", "ko", ["송인걸"]),
        ("김민수/이지영 기자", "ko", ["김민수", "이지영"]),
        # Hebrew's "and" joined to the second name, the first hyphenated
        ("איתי בן-דוד ונועה לוי", "he", ["איתי בן-דוד", "נועה לוי"]),
        ("本报记者 张三、李四", "zh", ["张三", "李四"]),
        # the People's Daily pads a name of two characters to the width of three
        ("本报记者　蒋　升　　周晓云", "zh", ["蒋升", "周晓云"]),
        ("王　丹", "zh", ["王丹"]),
        # a role and where it is held before the name; a source's label before an agency
        ("Kontributor Semarang, Titis Anis Fauziyah", "id", ["Titis Anis Fauziyah"]),
        ("Source AFP", "fr", ["AFP"]),
        # a label, then a spaced tatweel
        ("كتب ـ محمد حسن عبدالعزيز", "ar", ["محمد حسن عبدالعزيز"]),
        # Spanish "writes", Burmese "news" before a dash
        ("Escribe: Rosa María Quispe", "es", ["Rosa María Quispe"]),
        ("သတင်း - ကျော်ဇင်ထွန်း", "my", ["ကျော်ဇင်ထွန်း"]),
        ("【山田太郎】", "ja", ["山田太郎"]),
        # CJK names a space apart: people in Chinese and Korean, one name in Japanese
        ("记者 张三 李四", "zh-CN", ["张三", "李四"]),
        ("记者 王\u3000丹", "zh", ["王丹"]),
        ("홍길동 이현주 기자", "ko", ["홍길동", "이현주"]),
        ("山田 太郎", "ja", ["山田 太郎"]),
        # initials and agencies in brackets
        ("Corina Gall (cog.)", "de", ["Corina Gall"]),
        ("Jane Doe (dpa)", "de", ["Jane Doe", "dpa"]),  # an agency, a credit apart
        # "and" in the page's language, and in English on every page
        ("Kari Nordmann og Ola Hansen", "nb", ["Kari Nordmann", "Ola Hansen"]),
        ("Kari Nordmann og Ola Hansen", "en", ["Kari Nordmann og Ola Hansen"]),
        ("Anna Schmidt und Max Weber", "de", ["Anna Schmidt", "Max Weber"]),
        ("Por Juan Pérez y María López", "es", ["Juan Pérez", "María López"]),
        ("José Ortega y Gasset", "es", ["José Ortega y Gasset"]),
        (
            "By Alice Adams, Bob Brown and Carol Clark",
            "en",
            ["Alice Adams", "Bob Brown", "Carol Clark"],
        ),
        # surname first: one person, as bylines print it
        ("Brazil, Rachel", "en", ["Rachel Brazil"]),
        # a surname that opens with its little words, written first
        ("Van Daele, Sofie", "nl", ["Sofie Van Daele"]),
        # a senior writer's title before the name, full-width space between
        ("編集委員\u3000村上和也", "ja", ["村上和也"]),
        ("de la Cruz, Juan", "es", ["Juan de la Cruz"]),
        # the label of the writing and an intern reporter after the reporter
        ("文｜财新记者 牛艳青 实习记者 方嘉怡", "zh", ["牛艳青", "方嘉怡"]),
        ("澎湃新闻记者 张薇 实习生 李昊然", "zh", ["张薇", "李昊然"]),
        ("Müller, Anna-Lena; Smith, John", "de", ["Anna-Lena Müller", "John Smith"]),
        # little words that are labels in one place and surnames in another
        ("Von Jane Doe", "de", ["Jane Doe"]),
        ("Von der Leyen", "de", ["Von der Leyen"]),
        ("de Gaulle", "fr", ["de Gaulle"]),
        # other credits, places, outlets and roles after the names
        ("Reporting by Jane Doe; Editing by John Smith", "en", ["Jane Doe"]),
        ("Written by Jane Doe, edited by John Smith", "en", ["Jane Doe"]),
        ("By Jane Doe with additional reporting by John Smith", "en", ["Jane Doe"]),
        ("Jane Doe - Politics Editor", "en", ["Jane Doe"]),
        ("Jane Doe, Senior Foreign Correspondent", "en", ["Jane Doe"]),
        ("Mario Rossi, inviato a Kiev", "it", ["Mario Rossi"]),
        ("Ana Souza, da Folhapress", "pt", ["Ana Souza"]),
        ("Ana Souza, de São Paulo", "pt", ["Ana Souza"]),
        ("Jane Doe in Washington", "en", ["Jane Doe"]),
        ("Redacción con información de AP", "es", ["Redacción"]),
        ("Von Max Muster mit Material von dpa", "de", ["Max Muster"]),
        # a label that names the writer with the photographer
        ("Text and photos by Jane Doe", "en", ["Jane Doe"]),
        ("Testo e foto di Mario Rossi", "it", ["Mario Rossi"]),
        # names that open with a preposition, and a single name, are people
        ("Av Kari Nordmann, Per Hansen", "nb", ["Kari Nordmann", "Per Hansen"]),
        ("Door Jan Jansen, De Vries", "nl", ["Jan Jansen", "De Vries"]),
        ("Penulis: Ardito Ramadhan, Sukmawati", "id", ["Ardito Ramadhan", "Sukmawati"]),
        ("Politics Editor", "en", []),  # a role alone
        ("Alice Adams and Bob Brown for The Guardian", "en", ["Alice Adams", "Bob Brown"]),
        ("Sophie Carlin For Mailonline", "en", ["Sophie Carlin"]),
        ("محمد أحمد وأحمد علي", "ar", ["محمد أحمد", "أحمد علي"]),  # waw joined: "and"
        ("سارة علي وعبدالله خالد", "ar", ["سارة علي", "عبدالله خالد"]),
        ("محمد أحمد وليد علي", "ar", ["محمد أحمد وليد علي"]),  # one man's names, Walid's waw
        ("محمد أحمد و أحمد علي", "ar", ["محمد أحمد", "أحمد علي"]),  # waw apart
        ("Ana Novak in Marko Horvat", "sl", ["Ana Novak", "Marko Horvat"]),  # "in" is "and"
        ("João da Silva e Maria Souza", "pt", ["João da Silva", "Maria Souza"]),
        ("Ana & Bo Li", "en", ["Ana", "Bo Li"]),  # joined by "&": two people
        # "with" joins a second credit
        ("Par Jean Dupont avec AFP", "fr", ["Jean Dupont", "AFP"]),
        ("Jane Doe with John Smith", "en", ["Jane Doe", "John Smith"]),
        ("홍길동 기자, 편집: 김민수", "ko", ["홍길동"]),  # the editor's credit goes
        # an abbreviated suffix keeps its full stop, a sentence's does not
        (
            "By James Salzer Jr. and William H. Hayes III.",
            "en",
            ["James Salzer Jr.", "William H. Hayes III"],
        ),
        ("Northbridge Robotics, Inc.", "en", ["Northbridge Robotics, Inc."]),
        ("By Jane Doe.", "en", ["Jane Doe"]),
        # and so does an initial
        ("M. K. | STA", "sl", ["M. K.", "STA"]),
        # a spaced dash between full names, as Vietnamese bylines join them
        ("CHÍ QUỐC - HOÀI THƯƠNG", "vi", ["CHÍ QUỐC", "HOÀI THƯƠNG"]),
        ("Jane Doe – The Guardian", "en", ["Jane Doe – The Guardian"]),  # a title, no name
        # a place, a desk or a second writer after a dash: only the first name is sure
        ("By Jane Doe - New York", "en", ["Jane Doe"]),
        ("Jane Doe - Politics Editor", "en", ["Jane Doe"]),  # a role
        # a newsroom's centre and beat before the name; Korean's "reporter's name" label; two
        # Korean reporters each after where they filed
        ("報道センター政治担当　宮野史康", "ja", ["宮野史康"]),
        ("기자명 김지우 기자", "ko", ["김지우"]),
        ("강릉=권원근·속초=정익기기자", "ko", ["권원근", "정익기"]),
        # a little word with a colon before a name written surname first
        ("Av: Back, Johanna", "sv", ["Johanna Back"]),
        # Slovenian's label of the text, then the photographer's credit
        ("Besedilo: Ana Furlan \u00a0 Foto: Tomaž Primožič", "sl", ["Ana Furlan"]),
    ],
)
def test_byline_forms(byline: str, language: str, expected: list[str]) -> None:
    assert split_byline(byline, language) == expected


@pytest.mark.parametrize(
    "value",
    ["you", "xiaoying", "admin", "jane@example.com", "https://twitter.com/jane", "17.05.2024",
     "Read more", "This story was updated to correct the name of the council member who voted",
     # what a dateline leaves: its label and a weekday, or Urdu's "updated"
     "Posted Wednesday", "اپ ڈیٹ کی گئی", "به‌روز شده",
     # a byline's little word in a script with capitals, left when its login and date went
     "от", "від"],
)  # fmt: skip
def test_markup_garbage_is_nobody(value: str) -> None:
    assert is_nobody(value)


@pytest.mark.parametrize(
    "value",
    ["USER", "GUEST", "YOU", "@ Reuters", "Apr", "Sept.", "Wednesday", "Uppdaterad", "GMT", "J",
     "Developed By Heba Musa"],
)  # fmt: skip
def test_garbage_that_names_an_agency_or_a_month_is_nobody(value: str) -> None:
    credit = Credit([], "news.example", "en")
    credit.add(value)
    assert credit.result() == Credits([], None)


@pytest.mark.parametrize(
    "name",
    ["Li Wei", "Ronaldinho", "张三", "박준석", "P. Mucović", "María de los Ángeles García López",
     # Georgian's letters, lower-case to Python, have no title case: names as written
     "გიორგი ბერიძე", "Ելենա Սմիրնովա", "Дилноза Раҳимова",
     # metadata may write a name of several words in lower case
     "marcos lópez"],
)  # fmt: skip
def test_names_are_somebody(name: str) -> None:
    assert not is_nobody(name)


@pytest.mark.parametrize(
    ("name", "site_names", "host"),
    [
        ("stern.de", ["stern.de"], "www.stern.de"),
        ("mdr.de", [], "www.mdr.de"),
        ("MDR SACHSEN", [], "www.mdr.de"),
        ("n-tv Nachrichten", ["n-tv.de"], "www.n-tv.de"),
        ("한국일보", ["한국일보"], "www.hankookilbo.com"),
        ("毎日新聞", [], "mainichi.jp"),  # a newspaper's name, without the page saying so
        ("Krautreporter", ["Krautreporter"], "krautreporter.de"),
        ("Herald Reporter", [], "www.herald.co.zw"),
        ("Redaktion", [], "www.example.de"),
        ("Newsroom", [], "www.example.com"),
        ("Redakcja", [], "www.example.pl"),
        ("Редакция", [], "www.example.ru"),
        ("ΣΥΝΤΑΚΤΙΚΗ ΟΜΑΔΑ", [], "www.example.gr"),  # the editorial team, in capitals
        ("מערכת ynet", [], "www.example.co.il"),
        ("Redaccion", [], "www.example.es"),  # without its accent
        ("Mynet com", [], "www.mynet.com"),  # the domain, its dot made a space
        ("GMA Integrated News", [], "www.gmanetwork.com"),  # the brand, then a media word
        ("लोकमत न्यूज नेटवर्क", ["Lokmat"], "www.lokmat.com"),  # a news network
        ("ویب ڈیسک", [], "jang.com.pk"),  # the web desk
        ("News yam md", [], "news.yam.md"),  # the host, each dot made a space
        # the site's name less its country, by a media word and the host
        ("Premium Times", ["Premium Times Nigeria"], "www.premiumtimesng.com"),
        # the site, from where it filed
        ("هسبريس من الرباط", ["هسبريس"], "www.hespress.com"),
        ("Hespress from Rabat", ["Hespress"], "en.hespress.com"),
        ("العربية نت", ["العربية"], "www.alarabiya.net"),  # the domain as Arabic writes it
        ("Joy News", ["MyJoyOnline"], "www.myjoyonline.com"),  # the host's brand, a media word
        ("लोकसत्ता टीम", ["Loksatta"], "www.loksatta.com"),  # a paper's team
        ("ऑनलाइन लोकमत", ["Lokmat"], "www.lokmat.com"),  # the paper's web desk: "online"
        ("金門日報社", [], "www.kmdn.gov.tw"),  # the paper's company
    ],
)
def test_the_site_or_a_desk_is_an_organisation(name: str, site_names: list[str], host: str) -> None:
    assert Credit(site_names, host, None).is_organisation(name)


@pytest.mark.parametrize(
    ("name", "site_names", "host"),
    [
        ("Ita", [], "megapolitan.kompas.com"),  # one word inside the host's name
        ("Reg", [], "regional.kompas.com"),
        ("Ian Press", [], "www.theguardian.com"),  # a media word as a surname
        ("Tom Post", [], "www.tomsguide.com"),
        ("John Smith", ["John Smith News"], "www.johnsmithnews.com"),  # no media word
        ("Amina from Kano", ["Daily Trust"], "dailytrust.com"),  # from where, not the site
        ("Ani", [], "news.example"),  # a given name, and in capitals an agency's
        ("Lee Brown-Smith", [], "news.example"),
        ("Jane Stern", ["stern.de"], "www.stern.de"),  # the site's name as a surname
        ("Reuters", [], "www.example.com"),  # an agency, sorted by Credit.result
        ("Anna Krüger", ["mdr.de"], "www.mdr.de"),
        ("Joy Mensah", ["MyJoyOnline"], "www.myjoyonline.com"),  # a brand's word, no media word
        ("Ulrike Müller-Funk", [], "www.example.de"),  # a double surname, not a compound
        # a person whose name sounds as the site's (the site's name in its own script counts
        # only beside other credits, and by most of its letters)
        ("नेहा यादव", ["NDTV"], "ndtv.in"),
        ("आलोक मेहता", ["Lokmat"], "www.lokmat.com"),
        ("Anh Tuấn", ["Nhân Dân"], "nhandan.vn"),
    ],
)
def test_people_and_agencies_are_not_the_publisher(
    name: str, site_names: list[str], host: str
) -> None:
    assert not Credit(site_names, host, None).is_organisation(name)


@pytest.mark.parametrize(
    ("byline", "language", "authors", "publisher"),
    [
        ("Jane Doe, The Associated Press", "en", ["Jane Doe"], "The Associated Press"),
        ("By Jane Doe | Associated Press", "en", ["Jane Doe"], "Associated Press"),
        ("Jane Doe and John Smith, Reuters", "en", ["Jane Doe", "John Smith"], "Reuters"),
        ("By Jane Doe, CNN", "en", ["Jane Doe"], "CNN"),
        ("Por Juan Pérez | EFE", "es", ["Juan Pérez"], "EFE"),
        ("Par Jean Dupont avec AFP", "fr", ["Jean Dupont"], "AFP"),
        ("Von Max Muster, dpa", "de", ["Max Muster"], "dpa"),
        ("By Reuters", "en", [], "Reuters"),  # alone, the agency is still no author
        ("Af Ritzau", "da", [], "Ritzau"),  # "af" (by) before one word, an agency
        ("Hina", "hr", [], "Hina"),  # national agencies, by their full names too
        ("Press Trust of India", "en", [], "Press Trust of India"),
        ("Estadão Conteúdo", "pt", [], "Estadão Conteúdo"),
        ("Jack Quail, NCA NewsWire", "en", ["Jack Quail"], "NCA NewsWire"),
        ("Par sudinfo.be", "fr", [], "sudinfo.be"),  # and before a domain
        ("新华社", "zh", [], "新华社"),  # agencies as Chinese and Japanese name them
        ("路透社", "zh-TW", [], "路透社"),
        ("時事通信", "ja", [], "時事通信"),
        ("(أ ف ب)", "ar", [], "أ ف ب"),  # and as Arabic, Persian and Hebrew do
        ("ایرنا", "fa", [], "ایرنا"),
        ("وكالات", "ar", [], "وكالات"),  # "agencies", "follow-ups": desks
        ("متابعات", "ar", [], "متابعات"),
        ("סוכנויות הידיעות", "he", [], "סוכנויות הידיעות"),
        ("محمد علي فارس", "ar", ["محمد علي فارس"], None),  # a name's own word, not Fars
        ("أبوظبي: وام", "ar", [], "وام"),  # after the place it was filed from
        ("By Jane Doe and Staff", "en", ["Jane Doe"], "Staff"),
        ("redaktori", "sq", [], None),  # a desk's login names no publisher
        ("संवाद न्यूज एजेंसी, बलिया", "hi", [], "संवाद न्यूज एजेंसी"),  # a news agency's desk
        # a desk, then its paper and where it sits: no person
        ("न्यूज डेस्क, अमर उजाला, लखनऊ", "hi", [], "न्यूज डेस्क"),
    ],
)
def test_an_agency_beside_a_person_or_alone_is_the_publisher(
    byline: str, language: str, authors: list[str], publisher: str | None
) -> None:
    credit = Credit([], "news.example", language)
    credit.add(byline)
    assert credit.result() == Credits(authors, publisher)


#: Four paragraphs of a story, enough for its body to be found.
PROSE = "".join(
    f"<p>Paragraph {i} of the story tells readers what happened in the valley this week.</p>"
    for i in range(4)
)


def anatomy(body: str) -> Anatomy:
    prose = PROSE
    html = f"<html><body><article><h1>Headline</h1>{body}{prose}</article></body></html>"
    return Anatomy(parse_html(html), "https://news.example/a")


def credited(
    *,
    jsonld: Sequence[str] = (),
    meta: dict[str, str] | None = None,
    body: str = "",
    site_names: tuple[str, ...] = (),
    host: str = "news.example",
    language: str = "en",
    fallback: str | None = None,
) -> Credits:
    return credits(
        jsonld_authors=jsonld,
        item_authors=lambda: (),
        meta=meta or {},
        og_authors=[],
        anatomy=anatomy(body),
        site_names=site_names,
        host=host,
        language=language,
        fallback=lambda: fallback,
    )


@pytest.mark.parametrize(
    ("byline", "site_names", "host", "authors"),
    [
        (
            "Zach Hammack Lincoln Journal Star",
            ["Lincoln Journal Star"],
            "www.journalstar.com",
            ["Zach Hammack"],
        ),
        (
            "هسبريس - عبد الرحيم العسري",
            ["Hespress هسبريس جريدة إلكترونية مغربية"],
            "www.hespress.com",
            ["عبد الرحيم العسري"],
        ),
        ("Anna Schmidt - Redaktion", [], "www.example.de", ["Anna Schmidt"]),
        ("Jane Stern", ["Stern"], "www.stern.de", ["Jane Stern"]),  # one word: a surname
        ("Lincoln Star", ["Lincoln Journal Star"], "www.journalstar.com", ["Lincoln Star"]),
        # a full stop between them
        (
            "Wilmer Leon. Sputnik International",
            ["Sputnik International"],
            "sputniknews.com",
            ["Wilmer Leon"],
        ),
        (
            "Wang Yi. Sputnik International",
            ["Sputnik International"],
            "sputniknews.com",
            ["Wang Yi"],
        ),
    ],
)
def test_the_site_beside_a_name_is_no_part_of_it(
    byline: str, site_names: list[str], host: str, authors: list[str]
) -> None:
    credit = Credit(site_names, host, None)
    credit.add(byline)
    assert credit.result().authors == authors


@pytest.mark.parametrize(
    ("byline", "site_names", "host", "authors"),
    [
        (
            "CHRIS DUNKER Lincoln Journal Star",
            ["JournalStar.com"],
            "www.journalstar.com",
            ["Chris Dunker"],
        ),
        ("DON RATZLAFF Free Press Editor", [], "www.hillsborofreepress.com", ["Don Ratzlaff"]),
        ("JOHN DOE Pantagraph", ["The Pantagraph"], "www.pantagraph.com", ["John Doe"]),
        # a surname in capitals before the given names, or after them, is one name
        ("LE PEN Marine", [], "www.example.fr", ["LE PEN Marine"]),
        ("GARCÍA LÓPEZ María", [], "www.example.es", ["GARCÍA LÓPEZ María"]),
        ("Jean DUPONT", [], "www.example.fr", ["Jean DUPONT"]),
    ],
)
def test_a_name_in_capitals_loses_the_outlet_or_the_role_after_it(
    byline: str, site_names: list[str], host: str, authors: list[str]
) -> None:
    credit = Credit(site_names, host, None)
    credit.add(byline)
    assert credit.result().authors == authors


@pytest.mark.parametrize(
    ("meta", "body", "language", "expected"),
    [
        # the site credited, the agency named in a source line
        ({"author": "Sabah"}, '<span class="source">Kaynak: AA</span>', "tr", Credits([], "AA")),
        ({}, '<p class="css-source">Quelle: dpa</p>', "de", Credits([], "dpa")),
        ({}, "<p>Fonte: ANSA</p>", "it", Credits([], "ANSA")),
        ({}, '<div class="article-source">المصدر: أ ف ب</div>', "ar", Credits([], "أ ف ب")),
        # a person signed, or the source is no agency: the line changes nothing
        (
            {"author": "Max Muster"},
            "<p>Quelle: dpa</p>",
            "de",
            Credits(["Max Muster"], None),
        ),
        ({"author": "Sabah"}, "<p>Source: Sabah Daily</p>", "tr", Credits([], "Sabah")),
    ],
)
def test_a_source_line_naming_an_agency_credits_it_when_nobody_signed(
    meta: dict[str, str], body: str, language: str, expected: Credits
) -> None:
    found = credited(meta=meta, body=body, language=language, site_names=("Sabah",))
    assert found == expected


@pytest.mark.parametrize(
    ("title", "last", "expected"),
    [
        # a portal names the agency whose story it ran after the headline, before its name
        ("首相が指示（時事通信） - Yahoo!ニュース", "", Credits([], "時事通信")),
        # other words in brackets, the headline's own brackets, a story someone signed
        ("大雨で川が氾濫（動画） - Yahoo!ニュース", "", Credits([], "Yahoo!ニュース")),
        ("首相が指示（時事通信）", "", Credits([], "Yahoo!ニュース")),
        (
            "首相が指示（時事通信） - Yahoo!ニュース",
            "【山田太郎】",
            Credits(["山田太郎"], "Yahoo!ニュース"),
        ),
    ],
)
def test_a_portals_title_naming_an_agency_credits_it_when_nobody_signed(
    title: str, last: str, expected: Credits
) -> None:
    head = f"<title>{title}</title><meta property='og:site_name' content='Yahoo!ニュース'>"
    html = _story("首相は官邸で記者団に述べた。", last, "ja").replace("<title>标题</title>", head)
    fields = extract_article("https://news.example.jp/articles/1", html)
    assert Credits(fields.authors, fields.publisher) == expected


@pytest.mark.parametrize(
    ("head", "first", "last"),
    [
        # a source line whose label and agency metadata holds too, and trafilatura's copy of
        # it less its colon ("المصدر أ ف ب")
        ('<meta name="author" content="المصدر: أ ف ب">', "المصدر: أ ف ب", "انتهى."),
        # the agency alone in brackets closing the story
        ("", "مدّد مجلس الأمن ولاية القوة.", "(أ ف ب)"),
    ],
)
def test_an_agency_credited_by_a_source_line_or_the_storys_last_line(
    head: str, first: str, last: str
) -> None:
    html = _story(first, last, "ar").replace("<title>标题</title>", f"<title>عنوان</title>{head}")
    fields = extract_article("https://news.example.lb/a.html", html)
    assert Credits(fields.authors, fields.publisher) == Credits([], "أ ف ب")


def test_the_site_as_author_goes_to_publisher_and_the_byline_names_the_people() -> None:
    found = credited(
        jsonld=["stern.de"],
        meta={"author": "stern.de"},
        body='<div class="authors">Von <a href="/autoren/anna-schmidt-1.html">Anna Schmidt</a>'
        ' und <a href="/autoren/max-weber-2.html">Max Weber</a></div>',
        site_names=("stern.de",),
        host="www.stern.de",
        language="de",
    )
    assert (found.authors, found.publisher) == (["Anna Schmidt", "Max Weber"], "stern.de")


def test_an_agency_beside_a_person_is_the_publisher_rather_than_the_site() -> None:
    byline = '<div class="author">Von Anna Schmidt, dpa</div>'
    found = credited(
        meta={"author": "Hamburger Abendblatt"}, body=byline, language="de",
        site_names=("Hamburger Abendblatt",), host="www.abendblatt.de",
    )  # fmt: skip
    assert found == Credits(["Anna Schmidt"], "dpa")
    # a desk credited stays the publisher
    desk = credited(meta={"author": "Redaktion Politik"}, body=byline, language="de")
    assert desk == Credits(["Anna Schmidt"], "Redaktion Politik")


@pytest.mark.parametrize(
    "name", ["The Oregonian", "Letters to the Editor", "CNN Newsource", "The National Desk"]
)
def test_a_newspaper_or_a_desk_is_no_person(name: str) -> None:
    assert Credit([], "www.oregonlive.com", "en").is_organisation(name)


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Rundfunk Berlin-Brandenburg", "de"),
        ("Schweizer Radio und Fernsehen", "de"),
        ("Omroep Brabant", "nl"),
        ("Norsk rikskringkasting", "nb"),
        ("Radiotelevisión Española", "es"),
    ],
)
def test_a_public_broadcaster_signing_as_itself_gives_way_to_the_byline(
    name: str, language: str
) -> None:
    assert credited(meta={"author": name}, language=language) == Credits([], name)
    byline = '<p class="author">By Thomas Bittner and Hanno Christ</p>'
    found = credited(meta={"author": name}, body=byline, language=language)
    assert found == Credits(["Thomas Bittner", "Hanno Christ"], name)


@pytest.mark.parametrize(
    ("byline", "language", "publisher"),
    [
        # "our reporter", "own correspondent", "special correspondent": a role, nobody's name
        ("- நமது நிருபர் -", "ta", None),
        ("நமது சிறப்பு நிருபர்", "ta", None),
        ("സ്വന്തം ലേഖകൻ", "ml", None),
        ("പ്രത്യേക ലേഖിക", "ml", None),
        ("खास प्रतिनिधी", "mr", None),
        ("ନିଜସ୍ୱ ସମ୍ବାଦଦାତା", "or", None),
        ("අපේ වාර්තාකරු", "si", None),
        # "Prajavani news", the paper's desk in its own script
        ("ಪ್ರಜಾವಾಣಿ ವಾರ್ತೆ", "kn", "ಪ್ರಜಾವಾಣಿ ವಾರ್ತೆ"),
    ],
)
def test_a_staff_credit_or_a_desk_in_indian_scripts_is_no_person(
    byline: str, language: str, publisher: str | None
) -> None:
    credit = Credit(["Prajavani"], "www.prajavani.net", language)
    credit.add(byline)
    assert credit.result() == Credits([], publisher)
    credit = Credit([], "news.example.in", language)
    credit.add("அபிராமி ராமநாதன்")  # a Tamil writer's name stays one
    assert credit.result().authors == ["அபிராமி ராமநாதன்"]


def test_a_given_name_that_is_also_an_agencys_credits_a_person() -> None:
    assert credited(meta={"author": "Ani"}, language="id") == Credits(["Ani"], None)
    assert credited(meta={"author": "ANI"}, language="en") == Credits([], "ANI")
    assert credited(meta={"author": "sid"}, language="de") == Credits([], "sid")


def test_the_sites_initials_name_the_site_and_a_writers_name_a_person() -> None:
    site = ("Il Fatto Quotidiano",)
    assert credited(meta={"author": "F. Q."}, site_names=site, language="it") == Credits([], None)
    assert credited(meta={"author": "F.Q."}, site_names=site, language="it").authors == []
    assert credited(meta={"author": "F Q"}, site_names=site, language="it").authors == []
    assert credited(meta={"author": "M. K."}, site_names=site, language="it").authors == ["M. K."]


def test_a_login_in_latin_letters_on_a_page_in_another_script_is_no_writer() -> None:
    """A CMS account ("Ibrahim") in the metadata, and trafilatura's copy of it."""
    assert credited(meta={"author": "Ibrahim"}, fallback="Ibrahim", language="ar").authors == []
    assert credited(meta={"author": "Ibrahim"}, language="en").authors == ["Ibrahim"]
    assert credited(meta={"author": "Ibrahim Khalil"}, language="ar").authors == ["Ibrahim Khalil"]
    # the site's domain is the publisher still
    assert credited(meta={"author": "a1plus.am"}, language="hy") == Credits([], "a1plus.am")
    assert credited(meta={"author": "Lenta.ru"}, language="ru") == Credits([], "Lenta.ru")


def test_a_companys_legal_form_closes_its_name_and_initials_are_a_persons() -> None:
    assert credited(meta={"author": "MAFRA, a.s."}, language="cs") == Credits([], "MAFRA, a.s.")
    assert credited(meta={"author": "S.A. Aiyar"}).authors == ["S.A. Aiyar"]
    assert credited(meta={"author": "K. Ramesh, S.A. Kumar"}).authors == [
        "K. Ramesh",
        "S.A. Kumar",
    ]
    assert credited(meta={"author": "Jane Doe, Asa Fitch"}).authors == ["Jane Doe", "Asa Fitch"]
    # a company of one word is no surname before a given name
    assert credited(meta={"author": "Agora, S.A."}, language="pl") == Credits([], "Agora, S.A.")


def test_the_writers_in_brackets_after_their_broadcasters_initials() -> None:
    found = credited(meta={"author": "MDR (Katharina Löffler, Paul Rehm)"}, language="de")
    assert found == Credits(["Katharina Löffler", "Paul Rehm"], "MDR")
    assert credited(meta={"author": "Corina Gall (cog.)"}, language="de").authors == ["Corina Gall"]


def test_latin_americas_and_africas_agencies_are_agencies() -> None:
    assert credited(meta={"author": "Colprensa"}, language="es") == Credits([], "Colprensa")
    assert credited(meta={"author": "ENA"}, language="am") == Credits([], "ENA")
    assert credited(meta={"author": "Ena"}, language="en") == Credits(["Ena"], None)


def test_an_unknown_acronym_is_an_agency_up_to_four_capitals() -> None:
    """Five capitals are as often a city where the story was filed as an agency."""
    assert credited(meta={"author": "APS"}, language="fr") == Credits([], "APS")
    assert credited(meta={"author": "ANGOP"}, language="pt") == Credits([], "ANGOP")
    assert credited(meta={"author": "NAMPA"}) == Credits([], "NAMPA")
    # an agency whose name is also a given name counts only in capitals
    assert credited(meta={"author": "PETRA"}, language="ar") == Credits([], "PETRA")
    assert credited(meta={"author": "Petra"}, language="de") == Credits(["Petra"], None)
    assert credited(meta={"author": "John Nakale, NAMPA"}) == Credits(["John Nakale"], "NAMPA")
    assert credited(meta={"author": "Jane Doe, ABUJA"}) == Credits(["Jane Doe"], None)


def test_a_desk_named_after_the_site_and_a_role_is_no_person() -> None:
    found = credited(body='<p class="byline">By Punch Reporter</p>', host="punchng.com")
    assert found == Credits([], "Punch Reporter")


@pytest.mark.parametrize("name", ["Agência Lusa", "Agencia EFE", "Redacció"])
def test_an_agency_or_a_newsroom_in_portuguese_spanish_or_catalan_is_no_person(name: str) -> None:
    assert credited(jsonld=[name], language="pt") == Credits([], name)


def test_the_place_in_a_byline_is_no_person() -> None:
    byline = (
        '<div class="firma"><span class="autor">EL SIGLO DE TORREÓN</span>'
        '<span class="lugar">TORREÓN, COAH.</span>'
        '<span class="fecha">viernes, 17 mayo 2024 / 07:00 a.m.</span></div>'
    )
    found = credited(body=byline, language="es", host="www.elsiglodetorreon.com.mx")
    assert found == Credits([], "EL SIGLO DE TORREÓN")
    byline = (
        '<div class="p-author"><span class="p-author-name">Pedro Rafael Vilela - Repórter da '
        'Agência Brasil</span><span class="p-author-local">Brasília</span></div>'
    )
    assert credited(body=byline, language="pt-BR").authors == ["Pedro Rafael Vilela"]


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        # a role ending with a vowel sign, after the place it reports from, in scripts without
        # capitals: a place's correspondent, no name
        ("শাহীন মাহমুদ রাসেল, কক্সবাজার সংবাদদাতা", "bn", ["শাহীন মাহমুদ রাসেল"]),
        ("राम शर्मा, लखनऊ संवाददाता", "hi", ["राम शर्मा"]),
        ("কক্সবাজার সংবাদদাতা", "bn", []),
        ("लखनऊ संवाददाता", "hi", []),
    ],
)
def test_a_places_correspondent_in_a_script_without_capitals(
    byline: str, language: str, expected: list[str]
) -> None:
    assert split_byline(byline, language) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("حسام أبو العلا - القاهرة", ["حسام أبو العلا"]),  # Cairo, after the name
        ("القاهرة - حسام أبو العلا", ["حسام أبو العلا"]),
        ("أبوظبي - البيان", []),  # the place and the paper
        # a place of two words beside a longer name, a spaced tatweel between (Al-Ahram)
        ("كفر الشيخ ـ أحمد عبد العظيم الجندي", ["أحمد عبد العظيم الجندي"]),
        ("أحمد محمود الشريف - شرم الشيخ", ["أحمد محمود الشريف"]),
    ],
)
def test_a_place_a_dash_apart_in_a_script_without_capitals(
    byline: str, expected: list[str]
) -> None:
    assert split_byline(byline, "ar") == expected


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # the paper in its own script, which sounds as its Latin name (from the site's name or
        # its host), then where the story was filed
        ("राजीव सिन्हा, अमर उजाला, पटना", ["राजीव सिन्हा"]),
        ("न्यूज डेस्क, अमर उजाला, नई दिल्ली", []),
        ("अमर उजाला, लखनऊ", []),
        # but a writer after a desk is credited
        ("वेब डेस्क, राजीव सिन्हा", ["राजीव सिन्हा"]),
    ],
)
def test_the_place_after_the_paper_is_no_person(byline: str, authors: list[str]) -> None:
    # a writer whose name's consonants are the site's, beside a place or another writer
    for names, site_name, host, expected in (
        ("পার্থ মোল্লা, ঢাকা", "Prothomalo", "www.prothomalo.com", 1),
        ("સ્મિતા શાહ, સુનિતા દાસ", "Sandesh", "sandesh.com", 2),
        ("Елена Тур, Анна Петрова", "Лента.ру", "lenta.ru", 2),
        # a second writer's full name after the outlet
        ("अमित शर्मा, NDTV, नीता पांडे", "NDTV", "ndtv.in", 2),
        ("مریم رضایی، همشهری آنلاین، علی رضایی", "همشهری آنلاین", "www.hamshahrionline.ir", 2),
    ):
        credit = Credit((site_name,), host, None)
        credit.add(names)
        assert len(credit.result().authors) == expected, names
    # in a script with capitals, a second writer after the outlet stays
    for cased, host in (
        ("By Jane Doe, CNN and John Roe", "edition.cnn.com"),
        ("Juan Pérez / El Tiempo / María López", "www.eltiempo.com"),
        ("Dian Sastro, Kompas.com, Sabrina Asril", "www.kompas.com"),
    ):
        credit = Credit((), host, "en")
        credit.add(cased)
        assert len(credit.result().authors) == 2, cased
    site = Credit(("Amar Ujala",), "www.amarujala.com", "hi")
    site.add(byline)
    assert site.result().authors == authors
    # nor is an agency after the paper a place: it is credited as the publisher
    site = Credit(("Amar Ujala",), "www.amarujala.com", "hi")
    site.add("अमर उजाला, PTI")
    assert site.result() == Credits([], "PTI")


def test_a_photographer_the_byline_credits_is_no_author_in_any_metadata_field() -> None:
    byline = (
        '<div class="lv-author-wrap"><div class="author-name"><span class="lbl">Texto:</span> '
        '<a href="/autores/marc-casals-ferrer.html">Marc Casals Ferrer</a></div><div class="'
        'author-name photographer"><span class="lbl">Fotos:</span> <a href="/autores/pau-ribalta'
        '.html">Pau Ribalta</a></div></div>'
    )
    head = (
        '<meta property="article:author" content="https://news.example.es/autores/marc-casals-'
        'ferrer.html"><meta name="author" content="Marc Casals Ferrer, Pau Ribalta">'  # one field
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": '
        '"Person", "name": "Marc Casals Ferrer"}, {"@type": "Person", "name": "Pau Ribalta"}]}'
        "</script>"
    )
    html = _story("Start.", "End.", "es").replace("</head>", head + "</head>")
    html = html.replace("</h1>", "</h1>" + byline)
    assert extract_article("https://news.example.es/a.html", html).authors == ["Marc Casals Ferrer"]


def test_an_editor_credited_after_the_writer_is_no_author() -> None:
    labelled = (
        '<div class="news-authors"><div>Автор: Иван Петров</div><div>Редактор: Мария Георгиева'
        "</div></div>"
    )
    assert credited(body=labelled, language="bg").authors == ["Иван Петров"]
    # though the metadata lists the editor among the authors
    byline = (
        '<div class="article__authors"><span class="article__authors__label">Авторы</span> <a '
        'href="/author/eremin">Павел Ерёмин</a>, <a href="/author/lomakina">Татьяна Ломакина</a>'
        '<div class="article__authors__editor">Редактор <span>Олег Саввин</span></div></div>'
    )
    names = ["Павел Ерёмин", "Татьяна Ломакина", "Олег Саввин"]
    assert credited(jsonld=names, body=byline, language="ru").authors == names[:2]
    # alone, an editor's label credits the writer, as some sites use it
    alone = '<div class="news-authors"><div>Редактор: Елин Димитров</div></div>'
    assert credited(body=alone, language="bg").authors == ["Елин Димитров"]


def test_trafilaturas_copy_of_editors_codes_names_nobody() -> None:
    # the metadata's editors' codes are no names, nor are trafilatura's title-cased pieces
    found = credited(jsonld=["asty//now"], fallback="Asty; Now", language="pl")
    assert found.authors == []


def test_the_storys_number_beside_a_byline_is_no_person() -> None:
    byline = (
        '<div class="byline"><span>نویسنده: مریم سادات حسینی</span> <span>کد خبر ۸۵۴۳۲۱</span>'
        "</div>"
    )
    assert credited(body=byline, language="fa").authors == ["مریم سادات حسینی"]
    byline = '<div class="byline"><span>By Jane Doe</span> <span>Story ID 48213</span></div>'
    assert credited(body=byline).authors == ["Jane Doe"]
    # its views and a link to its comments, in a part of their own
    byline = (
        '<div class="author-info"><div class="author"><a href="/avtor/1234/gergana-nikolova">'
        'Гергана Николова</a></div> <div class="dates"><span class="date-published">04.06.2025'
        ' 17:58</span></div> <div class="stats"><span class="views">2 341</span> <a href='
        '"#comments">Коментари (14)</a></div></div>'
    )
    assert credited(body=byline, language="bg").authors == ["Гергана Николова"]


def test_the_storys_closing_line_naming_the_metadatas_one_writer_and_more() -> None:
    """JoongAng's metadata and byline name the first reporter; the story's last line names
    both."""
    story = "".join(
        f"<p>{i}번째 문단은 교육부가 발표한 고교학점제 시행 계획의 세부 내용을 전한다.</p>"
        for i in range(5)
    )
    html = (
        '<html lang="ko"><head><title>고교학점제</title><meta name="author" content="이지영">'
        "</head><body><article><header><h1>고교학점제 1년 앞…교사 1명이 과목 4개 가르친다</h1>"
        f"<div class='byline'>이지영 기자</div></header><div class='article_body'>{story}<p>이지영·"
        "박성훈 기자 lee.jiyoung@joongang.co.kr</p></div></article></body></html>"
    )
    url = "https://www.joongang.co.kr/article/25234567"
    assert extract_article(url, html).authors == ["이지영", "박성훈"]
    # a closing line that names only the same reporter changes nothing
    alone = html.replace("이지영·박성훈 기자", "이지영 기자")
    assert extract_article(url, alone).authors == ["이지영"]


def test_a_part_of_the_byline_labelled_as_another_field_names_nobody() -> None:
    """A magazine's list of details, each item classed as the author's."""
    genre = (
        "<li class='author'><span class='label'>genre :</span> <a href='/c/society'>ニュース"
        "</a>, <a href='/c/politics'>政治</a></li>"
    )
    writer = (
        "<li class='author'><span class='label'>文 :</span> <a href='/list/author/1'>山田太郎"
        "</a></li>"
    )
    details = f"<ul class='meta'>{genre}{writer}</ul>"
    assert credited(body=details, language="ja").authors == ["山田太郎"]
    assert credited(body=f"<ul class='meta'>{genre}</ul>", language="ja").authors == []
    section = (
        "<ul class='meta'><li class='author'><span class='label'>Rubrique :</span> <span>Politique"
        "</span></li><li class='author'><span class='label'>Par</span> <a href='/auteur/jean-"
        "dupont'>Jean Dupont</a></li></ul>"
    )
    assert credited(body=section, language="fr").authors == ["Jean Dupont"]
    # a label of the writing the table does not know, before a link to the writer's page
    nordic = (
        "<ul class='meta'><li class='author'><span class='label'>Forfatter:</span> <a href='/"
        "forfatter/ola-nordmann'>Ola Nordmann</a></li></ul>"
    )
    assert credited(body=nordic, language="nb").authors == ["Ola Nordmann"]


def test_the_bbcs_byline_with_its_buttons_and_the_role_and_desk_after_the_name() -> None:
    byline = (
        '<div data-testid="byline-new" class="sc-2b5e3b35-0"><div class="sc-2b5e3b35-1"><div '
        'class="sc-2b5e3b35-2"><time data-testid="timestamp" datetime="2025-03-11T06:14:52Z">'
        '11 March 2025</time></div><div class="sc-2b5e3b35-3"><span class="sc-2b5e3b35-10">'
        'Share</span><span class="sc-2b5e3b35-10">Save</span></div></div><div data-testid='
        '"byline-new-contributors" class="sc-2b5e3b35-4"><div class="sc-2b5e3b35-5"><img src='
        '"/p0kx2m9d.png" alt=""><div class="sc-2b5e3b35-7"><span class="sc-2b5e3b35-7">Elin '
        'Parry</span><div class="sc-2b5e3b35-8"><span>Lead weather presenter</span><span>, BBC'
        " Weather</span></div></div></div></div></div>"
    )
    assert credited(body=byline, language="en-GB").authors == ["Elin Parry"]
    # a role after a comma names no desk when a person's name follows it
    both = "<div class='byline'><span>Jane Doe</span><span>Correspondent, Jane Smith</span></div>"
    assert credited(body=both).authors == ["Jane Doe", "Jane Smith"]
    wrapped = (
        "<div class='byline'><p class='date'>14 May 2024</p><div class='author'><span>Jane Doe"
        "</span><span>Political editor, BBC News</span></div><div class='author'><span>Tom "
        "Brown</span><span>Reporter, BBC News</span></div></div>"
    )
    assert credited(body=wrapped).authors == ["Jane Doe", "Tom Brown"]


def test_the_section_beside_a_byline_is_no_person() -> None:
    byline = (
        '<div class="pst-by"><span class="pst-by_lnk">Jane Doe</span> <span class="pst-by_li">'
        'India News</span> <span class="pst-by_li">Updated: March 05, 2024 10:12 pm IST</span>'
        "</div>"
    )
    crumbs = '<nav class="breadcrumbs"><ol><li><a href="/india">India News</a></li></ol></nav>'
    assert credited(body=crumbs + byline).authors == ["Jane Doe"]
    # a columnist a menu lists is still a writer
    menu = '<nav><a href="/opinion/priya-sharma">Priya Sharma</a></nav>'
    assert credited(body=menu + byline.replace("India News", "Priya Sharma")).authors == [
        "Jane Doe",
        "Priya Sharma",
    ]
    # a writer the navigation links to their page is still a writer
    two = byline.replace("India News", "Priya Sharma")
    people = '<nav><a href="/author/priya-sharma">Priya Sharma</a></nav>'
    assert credited(body=people + two).authors == ["Jane Doe", "Priya Sharma"]


def test_a_weekday_beside_the_byline_and_the_site_after_por_are_no_people() -> None:
    byline = (
        '<div class="info-porfecha" id="creditos_fecha">Viernes, 17 de Mayo de 2024 a las'
        ' 14:30</div><div class="info-porfecha" id="creditos_autor">Por Emol</div>'
    )
    found = credited(body=byline, language="es", site_names=("Emol",), host="www.emol.com")
    assert found == Credits([], "Emol")


@pytest.mark.parametrize(
    ("name", "host"),
    [
        ("Telegraph Obituaries", "www.telegraph.co.uk"),
        ("Guardian sport", "www.theguardian.com"),
        ("Mirror Football", "www.mirror.co.uk"),
    ],
)
def test_a_section_signing_under_the_sites_brand_is_no_person(name: str, host: str) -> None:
    assert credited(jsonld=[name], host=host) == Credits([], name)


@pytest.mark.parametrize(
    ("name", "cased"),
    [("KIM JI-YOUNG", "Kim Ji-young"), ("LEE BROWN-SMITH", "Lee Brown-Smith")],
)
def test_a_korean_given_name_in_capitals_is_one_word(name: str, cased: str) -> None:
    assert credited(jsonld=[name]).authors == [cased]


def test_a_pictures_source_is_not_the_storys() -> None:
    caption = "<figure><img src='a.jpg'><figcaption>Quelle: dpa</figcaption></figure>"
    found = credited(meta={"author": "Sabah"}, body=caption, site_names=("Sabah",))
    assert found == Credits([], "Sabah")


@pytest.mark.parametrize(
    "credit",
    [
        "Bildrechte: picture alliance/dpa | Klaus-Dietmar Gabbert",
        "Klaus-Dietmar Gabbert/dpa",  # no label: the class and the picture beside it say so
    ],
)
def test_a_credit_beside_a_picture_is_no_byline(credit: str) -> None:
    picture = f'<div class="mediaCon"><img src="a.jpg" alt=""><p class="credit">{credit}</p></div>'
    found = credited(body=picture, site_names=("MDR",), host="www.mdr.de", language="de")
    assert found.authors == []


def test_wire_credits_as_wire_copy_sets_them() -> None:
    # the agency set after each name, without a comma, in the JSON-LD
    found = credited(jsonld=["SARAH KELLMAN Associated Press", "DAVID RIOS Associated Press"])
    assert found == Credits(["Sarah Kellman", "David Rios"], "Associated Press")
    assert credited(jsonld=["KIM JONG UN"]).authors == ["Kim Jong Un"]  # no agency: a name
    # Canada's wire, as BLOX papers credit it
    found = credited(jsonld=["Jordan Thibodeau The Canadian Press"])
    assert found == Credits(["Jordan Thibodeau"], "The Canadian Press")
    # or in brackets after each name
    found = credited(jsonld=["LISA MARCHETTI (Associated Press)", "OWEN TATE (Associated Press)"])
    assert found == Credits(["Lisa Marchetti", "Owen Tate"], "Associated Press")
    # never read as a surname written first ("AP Staff")
    assert credited(jsonld=["By Staff (AP)"]).publisher != "AP Staff"
    # the metadata credits the agency alone, the byline names its reporter
    byline = '<p class="byline">By <span class="author">Jonathan Price</span>, Reuters</p>'
    found = credited(meta={"author": "Reuters"}, body=byline)
    assert found == Credits(["Jonathan Price"], "Reuters")
    # a place filed from, before the agency, is no reporter
    filed = '<p class="byline">Nouméa (AFP) – </p>'
    assert credited(meta={"author": "AFP"}, body=filed, language="fr") == Credits([], "AFP")
    # a company issuing a press release is an organisation
    release = credited(meta={"author": "Northbridge Robotics, Inc."})
    assert (release.authors, release.publisher) == ([], "Northbridge Robotics, Inc.")


def test_a_name_typed_as_an_organisation_is_no_author_from_any_source() -> None:
    """The JSON-LD types "日刊スポーツ" as an Organization; a meta author field naming it
    again does not make it a person, nor does trafilatura's copy of that field, cut short."""
    found = credits(
        jsonld_authors=[],
        jsonld_organisations=["日刊スポーツ"],
        item_authors=lambda: (),
        meta={"author": "日刊スポーツ"},
        og_authors=[],
        anatomy=anatomy(""),
        site_names=("ライブドアニュース",),
        host="news.livedoor.com",
        language="ja",
        fallback=lambda: "日刊スポー",
    )
    assert found == Credits([], "日刊スポーツ")
    desk = credited(
        meta={"author": "वाराणसी ब्यूरो"}, host="www.amarujala.com", language="hi",
        fallback="वाराणसी ब्यूर",
    )  # fmt: skip
    assert desk == Credits([], "वाराणसी ब्यूरो")


def test_garbage_in_the_metadata_gives_way_to_the_visible_byline() -> None:
    found = credited(meta={"author": "you"}, body='<p class="byline">By Sarah Connor</p>')
    assert found.authors == ["Sarah Connor"]


def test_a_byline_naming_only_some_authors_gives_way_to_one_naming_all() -> None:
    body = '<div class="writer"><span>박준석 기자</span> <span>이현주 기자</span></div>'
    found = credited(meta={"author": "박준석 기자 외 1명"}, body=body, language="ko")
    assert found.authors == ["박준석", "이현주"]
    # without a fuller byline, the names it gave stay
    assert credited(meta={"author": "박준석 기자 외 1명"}, language="ko").authors == ["박준석"]


def test_sources_are_read_in_trust_order() -> None:
    """Structured data first, though not a lone name the page never shows beside a byline
    linking someone else to their page: that is who edited or posted the story."""
    shown = '<div class="about-authors">Jane Doe and John Roe write about the city.</div>'
    byline = '<p class="byline">By Somebody Else</p>' + shown
    assert credited(jsonld=["Jane Doe"], meta={"author": "John Roe"}, body=byline).authors == [
        "Jane Doe"
    ]
    assert credited(meta={"author": "John Roe"}, body=byline).authors == ["John Roe"]
    byline = '<p class="byline">By <a href="/authors/somebody-else">Somebody Else</a></p>'
    assert credited(jsonld=["Jane Doe"], body=byline).authors == ["Somebody Else"]
    # a name the page does not link to the writer's page leaves the metadata's standing
    byline = '<p class="byline">By Somebody Else</p>'
    assert credited(jsonld=["Jane Doe"], body=byline).authors == ["Jane Doe"]
    # but not a byline that names who posted, updated or reviewed it, nor a name cut short,
    # and a name set word by word in elements of its own is shown
    for line in ("Posted by John Roe", "Updated by John Roe", "Fact-checked by John Roe"):
        body = f'<p class="byline">{line}</p>'
        assert credited(jsonld=["Jane Doe"], body=body).authors == ["Jane Doe"]
    body = '<p class="byline">By <a href="/authors/jane">Jane</a></p>'
    assert credited(jsonld=["Jane Doe"], body=body).authors == ["Jane Doe"]
    body = '<p class="byline">Photographer <a href="/authors/tom-roe">Tom Roe</a></p>'
    assert credited(jsonld=["Jane Doe"], body=body).authors == ["Jane Doe"]
    body = '<p class="byline">By Somebody Else</p><p><span>Jane</span> <span>Doe</span></p>'
    assert credited(jsonld=["Jane Doe"], body=body).authors == ["Jane Doe"]
    assert credited(body=byline, fallback="Trafilatura Guess").authors == ["Somebody Else"]
    assert credited(fallback="Trafilatura Guess").authors == ["Trafilatura Guess"]


def test_a_byline_opening_the_storys_text_beats_the_one_who_posted_it() -> None:
    """A CMS's author field, and the byline the template fills from it, name who posted the
    story; its first paragraph, who wrote it. A byline in an element of its own stays behind
    the metadata when the page shows the metadata's name too."""
    posted = '<p class="entry-meta"><span class="entry-author">By Emmanuel Okogba</span></p>'
    signed = "<p><strong>By Johnbosco Agbakwuru, Abuja</strong></p>"
    meta = {"author": "Emmanuel Okogba"}
    assert credited(meta=meta, body=posted + signed).authors == ["Johnbosco Agbakwuru"]
    assert credited(body=posted + signed).authors == ["Johnbosco Agbakwuru"]
    assert credited(meta=meta, body=signed).authors == ["Johnbosco Agbakwuru"]
    swahili = "<p><strong>Na Vitalis Kimutai</strong></p>"
    assert credited(meta=meta, body=swahili, language="sw").authors == ["Vitalis Kimutai"]
    assert credited(meta=meta, body=posted).authors == ["Emmanuel Okogba"]


def test_addresses_are_never_part_of_a_name() -> None:
    """A logo's address in an author field: trafilatura splits it into name-like pieces."""
    assert credited(fallback="Sputnik https; Cdnarabic; I; Logo Png").authors == []
    assert split_byline("Jane Doe www.example.com/jane-doe", "en") == ["Jane Doe"]
    assert split_byline("Sputnik https://cdn.example.com/i/logo.png", "ar") == ["Sputnik"]


def test_a_byline_inside_a_teaser_or_a_comment_is_not_the_articles() -> None:
    teaser = (
        '<div class="related"><p class="byline">By Tom Becker</p></div>'
        '<div class="comments"><span class="comment-author">By Franz K.</span></div>'
    )
    assert credited(body=teaser).authors == []


@pytest.mark.parametrize("teasers", [0, 3])
def test_a_teasers_byline_in_a_rail_is_not_the_storys(teasers: int) -> None:
    """A rail of other stories after the story's body, near enough to be read for its byline
    or not, where trafilatura takes its teaser's byline when the story has none."""
    teaser = '<li><a href="/news/1"><h3>Ferry delays</h3></a> <time>15h ago</time></li>'
    html = (
        "<html><body><main><article><h1>Ringgit strengthens against US dollar</h1>"
        + "<p>The ringgit closed at its strongest level in three months on Friday.</p>" * 4
        + '</article><aside class="rail"><h2>Trending in News</h2><ol>'
        + teaser * teasers
        + '<li><a href="/news/2"><h3>Civil servants\' pay hike</h3></a><span class="byline">'
        "By JOSEPH KAOS JR</span></li></ol></aside></main></body></html>"
    )
    page = Anatomy(parse_html(html), "https://news.example.my/a")
    found = credits(
        jsonld_authors=[],
        item_authors=lambda: (),
        meta={},
        og_authors=[],
        anatomy=page,
        site_names=(),
        host="news.example.my",
        language="en",
        fallback=lambda: "JOSEPH KAOS JR",
    )
    assert found.authors == []


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        ("Текст: Елена Смирнова, Фото: Михаил Огнев", "ru", ["Елена Смирнова"]),
        ("Teksti: Anna Virtanen, kuvat: Matti Virtanen", "fi", ["Anna Virtanen"]),
        ("Tekst: Jan Kowalski, fot. Anna Nowak", "pl", ["Jan Kowalski"]),
        ("צילום: דני כהן", "he", []),
        ("عکس: علی رضایی", "fa", []),
        # the rights to a picture, by a label or a copyright sign
        ("Bildrechte: picture alliance/dpa | Klaus-Dietmar Gabbert", "de", []),
        ("Bildquelle: Max Weber", "de", []),
        ("Copyright: Jane Doe", "en", []),
        ("© Jane Doe", "en", []),
    ],
)
def test_photo_credits_in_many_languages_name_no_author(
    byline: str, language: str, expected: list[str]
) -> None:
    assert split_byline(byline, language) == expected


@pytest.mark.parametrize(
    ("jsonld", "body", "language", "expected"),
    [
        # one labelled item per contributor
        (
            [],
            '<div class="story__byline"><ul class="byline__list"><li>Texto: <a rel="author" '
            'href="/autor/ana-henriques">Ana Henriques</a></li><li>Fotografia: <a href="/autor/'
            'rui-gaudencio">Rui Gaudêncio</a></li></ul></div>',
            "pt",
            ["Ana Henriques"],
        ),
        # the role after each name, in an element with no class; the visible roles overrule
        # structured data that lists the photographer as an author
        (
            ["Erik Bengtsson", "Sara Olsson"],
            '<div class="article__authors"><ul><li>Erik Bengtsson<span>Reporter</span></li>'
            "<li>Sara Olsson<span>Foto</span></li></ul></div>",
            "sv",
            ["Erik Bengtsson"],
        ),
        # Estonian's and Dutch's "fotograaf" in a part of its own after the name
        (
            ["Jaan Tamm", "Mihkel Maripuu"],
            '<div class="article__authors"><div class="author"><span class="author__name">Jaan'
            ' Tamm</span><span class="author__role">reporter</span></div><div class="author">'
            '<span class="author__name">Mihkel Maripuu</span><span class="author__role">'
            "fotograaf</span></div></div>",
            "et",
            ["Jaan Tamm"],
        ),
        (
            ["Елена Смирнова", "Михаил Огнев"],
            '<div class="article-authors">Текст: Елена Смирнова, Фото: Михаил Огнев</div>',
            "ru",
            ["Елена Смирнова"],
        ),
    ],
)
def test_a_photographer_is_no_author(
    jsonld: list[str], body: str, language: str, expected: list[str]
) -> None:
    assert credited(jsonld=jsonld, body=body, language=language).authors == expected


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        (
            "<p class='ArticleHeader_authors'>Von <a href='/nachrichten/autoren/tobias-"
            "maierhofer'>Tobias Maierhofer</a> und Sabine Kröll</p>",
            "de",
            ["Tobias Maierhofer", "Sabine Kröll"],
        ),
        (
            "<div class='writer'>di <span class='writer'><a href='/firme/giulia-ferrandi'>Giulia"
            " Ferrandi</a></span> e <span class='writer'>Marco Trevisan</span></div>",
            "it",
            ["Giulia Ferrandi", "Marco Trevisan"],
        ),
        # the label "from our correspondent" in a part of its own, the name in the next
        (
            "<p class='article__author'>Van onze correspondent in Parijs</p><p class='article__"
            "author article__author--name'><strong>Joris Vanhaecke</strong></p>",
            "nl",
            ["Joris Vanhaecke"],
        ),
        # the city the writer files from, in a part classed as such
        (
            "<div class='autor_materia'>Rodrigo Tavares<br><span class='cidade_materia'>"
            "Araçatuba</span></div>",
            "pt",
            ["Rodrigo Tavares"],
        ),
        (
            "<div class='byline'>Por <a href='/autor/ana-lopez'>Ana López</a> en Buenos Aires"
            "</div>",
            "es",
            ["Ana López"],
        ),
        (
            "<div class='byline'>Av <a href='/forfatter/anna-berg'>Anna Berg</a> i New York</div>",
            "nb",
            ["Anna Berg"],
        ),
        # a place after a word that is "and" elsewhere
        (
            "<div class='byline'>Di <a href='/firme/giulia-ferrandi'>Giulia Ferrandi</a> a "
            "Nuova Delhi</div>",
            "it",
            ["Giulia Ferrandi"],
        ),
    ],
)
def test_a_writer_without_a_page_after_the_linked_ones_and_a_city_beside_a_name(
    body: str, language: str, expected: list[str]
) -> None:
    assert credited(body=body, language=language).authors == expected


@pytest.mark.parametrize(
    ("jsonld", "body", "language"),
    [
        # only under a picture
        (
            ["Nia Whitmore", "Patrick Okonkwo", "Tom Gralish"],
            "<div class='byline'>by <a href='/author/whitmore-nia/'>Nia Whitmore</a> and <a "
            "href='/author/okonkwo-patrick/'>Patrick Okonkwo</a></div><figure><img src='/s.jpg'>"
            "<figcaption>Railcars at the yard. <span class='credit'>Tom Gralish / Staff "
            "Photographer</span></figcaption></figure>",
            "en",
        ),
        # ...though a short block holds the picture
        (
            ["Nia Whitmore", "Tom Gralish"],
            "<div class='byline'>by <a href='/author/whitmore-nia/'>Nia Whitmore</a></div><div>"
            "<figure><img src='/s.jpg'><figcaption>Tom Gralish / Staff Photographer</figcaption>"
            "</figure></div>",
            "en",
        ),
        # after a photo's label, which the byline drops as a part classed as a title
        (
            ["Аида Нурланова", "Дархан Есенов"],
            "<div class='meta'><div class='meta_author'><span class='meta_author_item_title'>"
            "Автор:</span> <a href='/author/aida/'>Аида Нурланова</a></div><div class='meta_"
            "author'><span class='meta_author_item_title'>Фото:</span> <span class='meta_author"
            "_item_name'>Дархан Есенов</span></div></div>",
            "ru",
        ),
        # after a CJK camera's label, which needs no colon
        (
            ["林芷涵", "張育瑋"],
            "<div class='author'><a href='/author/linzh'>記者 林芷涵</a> / 攝影 張育瑋 報導<br>"
            "發佈時間：2024/03/12 18:30</div>",
            "zh-Hant",
        ),
    ],
)
def test_a_photographer_the_metadata_lists_beside_the_writers_is_no_author(
    jsonld: list[str], body: str, language: str
) -> None:
    assert credited(jsonld=jsonld, body=body, language=language).authors == jsonld[:-1]
    # a page that shows the last name nowhere keeps the metadata's names
    assert credited(jsonld=jsonld, language=language).authors == jsonld


@pytest.mark.parametrize(
    "body",
    [
        # no byline to weigh the caption against
        "<figure><img src='/a.jpg'><figcaption>Riders wait. Photo: Tom J. Brown</figcaption>"
        "</figure>",
        # the byline names the writer with words in parts of their own, or less his initial
        "<div class='byline'>By <a href='/author/jane-doe'><span>Jane</span> <span>Doe</span></a>"
        " and <a href='/author/tom-brown'><span>Tom</span> <span>Brown</span></a></div><figure>"
        "<img src='/a.jpg'><figcaption>Riders wait. Photo: Tom J. Brown</figcaption></figure>",
        "<div class='byline'>By Jane Doe and Tom Brown</div><figure><img src='/a.jpg'>"
        "<figcaption>Photo: Tom J. Brown</figcaption></figure>",
        # the label of the text and its photos
        "<div class='credits'><div>Tekst: Jane Doe</div><div>Tekst og foto: Tom J. Brown</div>"
        "</div>",
    ],
)
def test_a_writer_who_took_the_pictures_too_stays_an_author(body: str) -> None:
    jsonld = ["Jane Doe", "Tom J. Brown"]
    assert credited(jsonld=jsonld, body=body).authors == jsonld


def test_a_writer_named_with_more_words_in_the_byline_than_the_metadata_stays_an_author() -> None:
    body = (
        "<div class='byline'>Por Ana López y María del Carmen López</div><figure><img src='/a.jpg'>"
        "<figcaption>Foto: María López</figcaption></figure>"
    )
    jsonld = ["Ana López", "María López"]
    assert credited(jsonld=jsonld, body=body, language="es").authors == jsonld


def test_a_pictures_credit_is_no_byline_and_a_labelled_closing_line_is() -> None:
    html = _story("Start.", "<em>Текст: Светлана Рейтер, Фото: Евгений Фельдман</em>", "ru")
    html = html.replace(
        "<p>Start.</p>",
        '<figure><img src="/a.jpg" alt=""><figcaption><span class="MediaCaption-caption">'
        'Школьный класс</span><span class="MediaCaption-credit">Евгений Фельдман для «Медузы»'
        "</span></figcaption></figure><p>Start.</p>",
    )
    assert extract_article("https://news.example.ru/a.html", html).authors == ["Светлана Рейтер"]


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        # a Hungarian label and class: "szerző"
        (
            '<div class="szerzo"><span class="szerzo-label">Szerző:</span> <a class="szerzo-nev"'
            ' href="/szerzo/kovacs_peter/">Kovács Péter</a></div>',
            "hu",
            ["Kovács Péter"],
        ),
        # links to reporters' pages joined by the page's "and"
        (
            '<div class="content-meta-name"><a href="/muhabir/elif-celik">Elif Çelik</a> ve <a '
            'href="/muhabir/burak-sahin">Burak Şahin</a></div>',
            "tr",
            ["Elif Çelik", "Burak Şahin"],
        ),
    ],
)
def test_bylines_named_in_the_pages_language(body: str, language: str, expected: list[str]) -> None:
    assert credited(body=body, language=language).authors == expected


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        (
            '<p class="article-meta">Published: 14/05/2024 &nbsp;|&nbsp; By Gareth Hughes</p>',
            "en",
            ["Gareth Hughes"],
        ),
        (
            '<div class="meta-info">Published May 16, 2024 | By Chinedu Okafor, Enugu</div>',
            "en",
            ["Chinedu Okafor"],
        ),
        (
            "<div>Posted on: 14 May 2024 | Author: Kwame Asante | Views: 1,204</div>",
            "en",
            ["Kwame Asante"],
        ),
        ('<div class="info">May 15, 2024 &middot; by Mwila Chanda</div>', "en", ["Mwila Chanda"]),
        ("<p><span>May 9, 2024 &mdash; by Carol Lindqvist</span></p>", "en", ["Carol Lindqvist"]),
        ("<div>Words: Tom Briggs &bull; 15 May, 2024 11:00am</div>", "en", ["Tom Briggs"]),
        ("<div>प्रकाशित: 14 मई 2024, 06:45 PM | संवाददाता: रमेश यादव</div>", "hi", ["रमेश यादव"]),
        (
            "<div>发布时间：2024-05-15 09:30:12&nbsp;&nbsp;来源：宁陵县融媒体中心"
            "&nbsp;&nbsp;作者：张伟&nbsp;&nbsp;浏览次数：326</div>",
            "zh",
            ["张伟"],
        ),
        (
            "<div>Publié le 14 mai 2024 à 10h32<br>Par <b>Julie Tremblay</b></div>",
            "fr",
            ["Julie Tremblay"],
        ),
        # no-break spaces set the fields apart
        (
            "<div class='info'>2012-07-19 12:40 &nbsp;&nbsp; Autor: <b>Katarzyna Gąsienica-Mróz"
            "</b> &nbsp;&nbsp; Komentarzy: 14</div>",
            "pl",
            ["Katarzyna Gąsienica-Mróz"],
        ),
    ],
)
def test_a_byline_sharing_a_line_with_the_date_and_other_fields(
    body: str, language: str, expected: list[str]
) -> None:
    assert credited(body=body, language=language).authors == expected


def test_an_hcards_name_linked_with_the_class_url_is_the_byline() -> None:
    hcard = (
        '<p><span class="auteurs">par <span class="vcard author"><a class="url fn spip_in" '
        'href="spip.php?auteur7">Jean-Marc Lefèvre</a></span></span></p>'
    )
    assert credited(body=hcard, language="fr").authors == ["Jean-Marc Lefèvre"]


def test_a_line_break_ends_a_bylines_name_and_a_role_after_it_goes() -> None:
    role = "<p><strong>By Rick Salinas<br />Editor</strong></p>"
    assert credited(body=role).authors == ["Rick Salinas"]
    # in a byline's element, and after the outlet's name
    outlet = '<p class="byline">By Jane Doe<br>Gleaner Writer</p>'
    assert credited(body=outlet).authors == ["Jane Doe"]


def test_contributors_beside_the_date_each_with_an_affiliation() -> None:
    # the BBC's local news: each contributor's name, then the desk or service they write for
    contributor = (
        '<div class="contributor"><span class="name">{}</span><div class="desk">{}</div></div>'
    )
    kate = contributor.format("Kate Bradbrook", "BBC News, West Midlands")
    alex = contributor.format("Alex Homer", "Local Democracy Reporting Service")
    byline = (
        '<div data-testid="byline-new"><time datetime="2025-03-28T16:42:11.000Z">28 March 2025'
        '</time><div data-testid="byline-new-contributors">{}</div></div>'
    )
    found = credited(body=byline.format(kate + alex), site_names=("BBC News",))
    assert found.authors == ["Kate Bradbrook", "Alex Homer"]
    assert credited(body=byline.format(alex)).authors == ["Alex Homer"]
    # a writer's bio beside the name says what the writer is, not who
    box = (
        '<div class="byline"><div class="writer-box"><div><a class="writer-name" href="/ty-writer/'
        '1">נתי טוקר</a><p class="writer-bio">כתב לענייני בנקאות ושוק ההון.</p></div><button '
        'class="follow">עקבו</button></div><time datetime="2024-05-27">27.05.2024</time></div>'
    )
    assert credited(body=box, language="he").authors == ["נתי טוקר"]


def test_a_title_of_clergy_or_a_doctors_is_no_part_of_the_name() -> None:
    # a given name alike stays ("Pastor Maldonado")
    assert split_byline("Submitted by Deacon Paul Hartman") == ["Paul Hartman"]
    assert split_byline("Rev. Mary Ellen Cho") == ["Mary Ellen Cho"]
    assert split_byline("Pastor Maldonado") == ["Pastor Maldonado"]
    assert split_byline("بقلم: د. محمد السيد", "ar") == ["محمد السيد"]  # Arabic's "Dr."
    assert split_byline("ks. Tomasz Wierzbicki", "pl") == ["Tomasz Wierzbicki"]  # a priest
    assert split_byline("Dr Kwame Asante") == ["Kwame Asante"]
    assert split_byline("By Prof. Anna Schmidt") == ["Anna Schmidt"]
    assert split_byline("Dr. Who") == ["Dr. Who"]  # before one word, a name's own
    assert split_byline("Von Dr. med. Anna Schmidt", "de") == ["Anna Schmidt"]
    assert split_byline("Prof. Dr. Hans Müller", "de") == ["Hans Müller"]


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        # a Drupal field named for the author in Welsh, labelled "by" in Welsh
        (
            '<div class="field field-name-field-awdur"><div class="field-label">Gan&nbsp;</div>'
            '<div class="field-items"><div class="field-item"><a href="/awdur/gwenllian-prys-'
            'hughes">Gwenllian Prys Hughes</a>, Gohebydd Democratiaeth Leol</div></div></div>',
            "cy",
            ["Gwenllian Prys Hughes"],
        ),
        # a given name and a family name in parts of their own are one name
        (
            '<div class="byline"><span class="firstname">Elle Kristine</span> <span '
            'class="lastname">Hætta</span> <a class="email" href="mailto:ekh@avvir.no">'
            "ekh@avvir.no</a></div>",
            "se",
            ["Elle Kristine Hætta"],
        ),
        # a field named for the author in Danish and Norwegian, Swedish, Finnish
        ('<div class="article-forfatter"><span>Kari Nordmann</span></div>', "no",
         ["Kari Nordmann"]),
        ('<div class="artikel-forfattare"><span>Anna Lind</span></div>', "sv", ["Anna Lind"]),
        ('<div class="jutun-tekija"><span>Matti Virtanen</span></div>', "fi",
         ["Matti Virtanen"]),
        # Romansh's label
        ('<p class="article-author">Autur: <span>Gian Andri Cadonau</span></p>', "rm",
         ["Gian Andri Cadonau"]),
    ],
)  # fmt: skip
def test_bylines_of_small_languages_papers(body: str, language: str, expected: list[str]) -> None:
    assert credited(body=body, language=language).authors == expected


@pytest.mark.parametrize(
    ("closing", "authors"),
    [
        # an editor's label closing the story: the metadata's name is the editor's
        ("<div class='left_name'>【编辑:王琴】</div>", []),
        ("<div class='edit'>(责编: 王琴)</div>", []),
        # a line of who posted it may be the writer's own post
        ("<p>Published by 王琴</p>", ["王琴"]),
        # and out of brackets, or in a script with capitals, the one name is the writer's
        ("<p>编辑: 王琴</p>", ["王琴"]),
    ],
)
def test_the_editor_a_closing_line_credits_is_no_author(closing: str, authors: list[str]) -> None:
    html = _story("国家统计局发布数据。", "完", "zh-CN").replace(
        "<title>标题</title>", "<title>标题</title><meta name='author' content='王琴'>"
    )
    html = html.replace("</article>", f"{closing}</article>")
    assert extract_article("https://www.chinanews.com.cn/a.shtml", html).authors == authors


@pytest.mark.parametrize(
    "byline",
    ["Tom Baker contributed reporting.", "Tom Baker and Ana Ruiz contributed to this report."],
)
def test_those_who_contributed_reporting_are_no_byline(byline: str) -> None:
    assert split_byline(byline) == []
    assert split_byline(f"By Jane Doe; {byline}") == ["Jane Doe"]


def test_a_menus_link_above_the_headline_is_no_byline() -> None:
    """A sports site's menu links its teams ("/team/tigers/"), as staff pages are linked."""
    menu = (
        '<ul id="subnavi"><li><a href="/baseball/professional/">プロ野球</a></li><li><a '
        'href="/baseball/mlb/">ＭＬＢ</a></li><li><a href="/baseball/professional/team/tigers/">'
        "阪神</a></li></ul>"
    )
    html = _story("阪神が勝った。", "完", "ja").replace("<article>", f"{menu}<article>")
    assert extract_article("https://www.nikkansports.com/a.html", html).authors == []
    # below the headline, a list of the story's details names its writer
    details = (
        '<ul class="meta"><li>By <a href="/author/jane-doe/">Jane Doe</a></li><li><a '
        'href="/category/news/">News</a></li><li><a href="#comments">3 comments</a></li></ul>'
    )
    assert credited(body=details).authors == ["Jane Doe"]


def test_addresses_linking_to_writers_are_the_byline() -> None:
    """Instant Articles' markup: each author in an ``<address>`` with a line of bio."""
    body = (
        '<address><a href="https://www.pulse.ng/author/chinedu-okafor">Chinedu Okafor</a> '
        "Chinedu is a business reporter at Pulse Nigeria.</address><address><a "
        'href="https://www.pulse.ng/author/adaeze-nwankwo">Adaeze Nwankwo</a> Adaeze is a '
        "data journalist at Pulse Nigeria.</address>"
    )
    assert credited(body=body).authors == ["Chinedu Okafor", "Adaeze Nwankwo"]
    # a newsroom's postal address is no byline, nor a contact's address, nor its staff's list
    assert credited(body="<address>12 Marina Road, Lagos</address>").authors == []
    contact = (
        '<address>Media contact: <a href="mailto:mjones@springfield.edu">Mary Jones</a>, '
        "217-555-0100</address>"
    )
    assert credited(jsonld=["Jane Smith"], body=contact).authors == ["Jane Smith"]
    staff = '<address>Example News, 100 Main Street <a href="/staff/">Our staff</a></address>'
    assert credited(body=staff) == Credits([], None)
    # nor is an address beside the byline that links to no writer's page
    tip = '<address><a href="mailto:tips@example.com">Send us a tip</a></address>'
    byline = '<address>By <a href="/author/jane-smith/">Jane Smith</a></address>'
    assert credited(body=byline + tip).authors == ["Jane Smith"]


@pytest.mark.parametrize("closing", ["<p>Editor: Jane Doe</p>", "<div>(Editor: Jane Doe)</div>"])
def test_the_editor_line_closing_an_english_story_leaves_its_one_writer(closing: str) -> None:
    html = (
        "<html><head><title>Budget</title><meta name='author' content='Jane Doe'></head><body>"
        "<article><h1>Council approves the budget</h1>"
        + "".join(
            f"<p>Paragraph {i} of the story tells readers what happened in the valley.</p>"
            for i in range(5)
        )
        + f"{closing}</article></body></html>"
    )
    assert extract_article("https://news.example/a", html).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    ("footer", "authors"),
    [
        # a labelled byline line in the footer of the story's article signs it
        ('<p class="article-author">Autur: <span>Gian Andri Cadonau</span></p>',
         ["Gian Andri Cadonau"]),
        # but not who posted it, nor a related story's byline there
        ("<p>Posted by <span>Gian Andri Cadonau</span></p>", []),
        ('<div class="related"><h4>More from News</h4><ul><li><a href="/news/2023/old-story">'
         'Old story about the valley</a> <p class="byline">By Mark Jones</p></li></ul></div>', []),
    ],
)  # fmt: skip
def test_a_byline_in_the_footer_of_the_storys_article(footer: str, authors: list[str]) -> None:
    html = (
        f"<html><body><article><h1>Headline</h1><section>{PROSE}</section><footer>{footer}"
        "</footer></article><footer><p>© RTR</p></footer></body></html>"
    )
    assert extract_article("https://www.rtr.ch/a", html).authors == authors


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        ("بقلم: أحمد علي", "ar", ["أحمد علي"]),
        ("كتبت: ريما حداد", "ar", ["ريما حداد"]),
        ("מאת: דנה כהן", "he", ["דנה כהן"]),
        ("نویسنده: علی رضایی", "fa", ["علی رضایی"]),
        ("लेखक: राहुल शर्मा", "hi", ["राहुल शर्मा"]),
        ("Oleh: Budi Santoso", "id", ["Budi Santoso"]),
        ("Tác giả: Nguyễn Văn An", "vi", ["Nguyễn Văn An"]),
        ("โดย สมชาย ใจดี", "th", ["สมชาย ใจดี"]),
        ("Yazan: Ahmet Yılmaz", "tr", ["Ahmet Yılmaz"]),
        ("Skrevet af Mette Hansen", "da", ["Mette Hansen"]),
        ("Kirjoittaja: Matti Virtanen", "fi", ["Matti Virtanen"]),
        ("Napisał Jan Kowalski", "pl", ["Jan Kowalski"]),
        ("Текст: Иван Петров", "ru", ["Иван Петров"]),
        ("Geschreven door Jan Jansen", "nl", ["Jan Jansen"]),
        ("Scris de Ion Popescu", "ro", ["Ion Popescu"]),
        ("Reportagem de Ana Souza", "pt", ["Ana Souza"]),
        # a little word and a capitalised name, alone on its line
        ("Por Juan Pérez", "es", ["Juan Pérez"]),
        ("Af Mette Hansen", "da", ["Mette Hansen"]),
        ("Nga Arjana Pepa", "sq", ["Arjana Pepa"]),
        # Greek's "by" is "his" or "hers", before the name in the genitive: the name as its
        # person is called, a woman's surname and a father's name as they stand
        ("Του Νίκου Παπαδόπουλου", "el", ["Νίκος Παπαδόπουλος"]),
        ("Του Γιώργου Κακούρη", "el", ["Γιώργος Κακούρης"]),
        ("Του Κώστα Σαμαρά", "el", ["Κώστας Σαμαράς"]),
        ("Του Νίκου Παπαδοπούλου", "el", ["Νίκος Παπαδόπουλος"]),
        ("Του Ανδρέα Δημητρίου", "el", ["Ανδρέας Δημητρίου"]),
        ("Της Ελένης Μαυρίδου", "el", ["Ελένη Μαυρίδου"]),
        ("Της Κατερίνας Παπαδοπούλου", "el", ["Κατερίνα Παπαδοπούλου"]),
        ("Του Πέτρου Οικονόμου", "el", ["Πέτρος Οικονόμου"]),  # a genitive surname stays
        (
            "Του Γιώργου Κακούρη και της Ελένης Μαυρίδου",
            "el",
            ["Γιώργος Κακούρης", "Ελένη Μαυρίδου"],
        ),
        ("Της Ελένης Μαυρίδου, Αθήνα,", "el", ["Ελένη Μαυρίδου"]),  # where, after a comma
        # a sentence that opens with such a word is no byline
        ("Por primera vez", "es", []),
        ("De Gaulle returns to Paris", "en", []),
    ],
)
def test_a_byline_line_without_a_class_in_many_languages(
    line: str, language: str, expected: list[str]
) -> None:
    assert credited(body=f"<p>{line}</p>", language=language).authors == expected


def test_a_credit_longer_than_any_byline_is_none() -> None:
    """A paragraph or a run of markup in an author field names nobody (and long runs without
    spaces made some patterns crawl)."""
    assert split_byline("Jane Doe and John Smith " * 20, "en") == []
    assert split_byline("ab-" * 7000, "en") == []


@pytest.mark.parametrize(
    ("body", "language"),
    [
        (
            '<div class="autor-text-time"><span>Piše: P. Mucović </span>'
            '<span class="article_published_at">prije 26 minuta</span></div>',
            "bs",
        ),
        ("<p>Von P. Mucović vor 3 Stunden</p>", "de"),
    ],
)
def test_a_relative_date_beside_the_byline_is_no_part_of_the_name(body: str, language: str) -> None:
    assert credited(body=body, language=language).authors == ["P. Mucović"]


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        # the label in an element of its own, the names in links to the authors' pages
        (
            '<div class="meta"><span class="meta__author-label">Par</span> <a '
            'class="article__author-link" href="/signataires/claire-gatinois/">Claire '
            'Gatinois</a> et <a class="article__author-link" href="/signataires/ivanne-'
            'trippenbach/">Ivanne Trippenbach</a></div>',
            "fr",
            ["Claire Gatinois", "Ivanne Trippenbach"],
        ),
        # one element per author
        (
            '<div class="meta"><span class="article__author">Matti Koskinen</span>'
            '<span class="article__author">Sanna Virtanen</span></div>',
            "fi",
            ["Matti Koskinen", "Sanna Virtanen"],
        ),
        # each author's role in an element of its own
        (
            '<div class="authors"><div class="author"><a class="author__name" href="/">Kari '
            'Haugland</a><span class="author__role">Journalist</span></div><div '
            'class="author"><a class="author__name" href="/">Per Ole Hagen</a><span '
            'class="author__role">Journalist</span></div></div>',
            "nb",
            ["Kari Haugland", "Per Ole Hagen"],
        ),
        (
            '<div class="info"><span class="article__author">Jan Gerber</span> <span '
            'class="article__author-title">Parliamentary reporter</span><span '
            'class="article__author">Jason Felix</span> <span class="article__author-title">'
            "Senior political reporter</span></div>",
            "en",
            ["Jan Gerber", "Jason Felix"],
        ),
        # labels in headings of their own; the editor is no author
        (
            '<div class="read__credit"><div class="credit-title-name"><h6>Penulis</h6><a '
            'href="/author/isna">Isna Rifka Sri Rahayu</a></div><div class="credit-title-name">'
            '<h6>Editor</h6><a href="/editor/aprillia">Aprillia Ika</a></div></div>',
            "id",
            ["Isna Rifka Sri Rahayu"],
        ),
        # a class that says "by"
        (
            '<div class="gnt_ar_by"><a class="gnt_ar_by_a" href="/staff/1/joey-garrison/">Joey '
            'Garrison</a> and <a class="gnt_ar_by_a" href="/staff/2/michael-collins/">Michael '
            'Collins</a><div class="gnt_ar_by_pn">USA TODAY</div></div>',
            "en",
            ["Joey Garrison", "Michael Collins"],
        ),
        # no class at all: a line of links to the authors' pages
        (
            '<div class="a_md_a"><a href="/autor/manuel-v-gomez/">Manuel V. Gómez</a><a '
            'href="/autor/bernardo-de-miguel/">Bernardo de Miguel</a></div>',
            "es",
            ["Manuel V. Gómez", "Bernardo de Miguel"],
        ),
        (
            '<div class="L5iQ7"><a href="/reporter/">塩入彩</a>'
            '<a href="/reporter/">山本知佳</a></div>',
            "ja",
            ["塩入彩", "山本知佳"],
        ),
        # the role, or another credit's label, before each name in an element of its own
        (
            '<div class="byline"><div class="byline__item"><span class="byline__role">Journalist'
            '</span><a class="byline__name" href="/forfatter/sigrid-moen">Sigrid Moen</a></div>'
            '<div class="byline__item"><span class="byline__role">Fotograf</span><a class="'
            'byline__name" href="/forfatter/tor-stenersen">Tor Stenersen</a></div></div>',
            "no",
            ["Sigrid Moen"],
        ),
        (
            '<div class="byline"><div class="byline__item"><span>Journalist</span><span>Sigrid '
            'Moen</span></div><div class="byline__item"><span>Fotograf</span><span>Tor Stenersen'
            "</span></div></div>",
            "no",
            ["Sigrid Moen"],
        ),
        # an editor's label after the writer's: the editor is no author
        (
            '<div class="c-article-authors"><div class="c-article-author"><span class="c-article-'
            'author__role">Авторка</span> <a href="/author/olha-tkachenko/">Ольга Ткаченко</a>'
            '</div><div class="c-article-author"><span class="c-article-author__role">Редакторка'
            '</span> <a href="/author/mariia-boiko/">Марія Бойко</a></div></div>',
            "uk",
            ["Ольга Ткаченко"],
        ),
        # but two writers' labels name two writers, "Redakteurin" one of them
        (
            '<div class="byline"><span>Autor</span> <a href="/autor/anna-beck">Anna Beck</a> '
            '<span>Autorin</span> <a href="/autor/eva-roth">Eva Roth</a></div>',
            "de",
            ["Anna Beck", "Eva Roth"],
        ),
        (
            '<div class="byline"><span>Autor</span> <a href="/autor/anna-beck">Anna Beck</a> '
            '<span>Redakteurin</span> <a href="/autor/eva-roth">Eva Roth</a></div>',
            "de",
            ["Anna Beck", "Eva Roth"],
        ),
        # links to the writers' pages, in Basque
        (
            '<div class="egilea"><a href="/egileak/maialen-agirre">Maialen Agirre</a> eta <a '
            'href="/egileak/iker-arregi">Iker Arregi</a></div>',
            "eu",
            ["Maialen Agirre", "Iker Arregi"],
        ),
        # a second writer classed as the first, though with no page to link to
        (
            '<div class="dre-byline"><div><a class="dre-byline__name" href="/nyheder/profil/mette'
            '-hansen">Mette Hansen</a><span>Journalist</span></div><div><span class="dre-byline__'
            'name">Rasmus Kongsbak</span><span>Politisk reporter</span></div></div>',
            "da",
            ["Mette Hansen", "Rasmus Kongsbak"],
        ),
        # a linked name and the role after it; the names a byline leaves out
        (
            '<span class="name"><a href="/arti/SERIES/1234/">이재훈</a> 기자</span>',
            "ko",
            ["이재훈"],
        ),
        # a region the heading names, and its labelled parts (BBC Mundo)
        (
            '<section aria-labelledby="article-byline"><h2 id="article-byline" aria-hidden="true">'
            'Información del artículo</h2><ul><li><span role="text"><span>Autor, </span>Valeria '
            'Ponce</span></li><li><span role="text"><span>Título del autor, </span>BBC News Mundo'
            "</span></li></ul></section>",
            "es",
            ["Valeria Ponce"],
        ),
        # a name and a role in two elements whose hashed classes say nothing
        (
            '<div class="sc-78c64b73-1"><span class="sc-60908c11-8">Sanne Verhoef</span><span '
            'class="sc-a7ef5abe-8">verslaggever Binnenland</span></div>',
            "nl",
            ["Sanne Verhoef"],
        ),
        # a site's desk after a name, cut where a name with a digit begins
        (
            '<p class="from">Por <a href="">Márcio Falcão</a>, <a href="">Fernanda Vivas</a>, '
            "TV Globo e g1 — Brasília</p>",
            "pt",
            ["Márcio Falcão", "Fernanda Vivas"],
        ),
    ],
)
def test_bylines_as_news_sites_set_them(body: str, language: str, expected: list[str]) -> None:
    assert credited(body=body, language=language, host="g1.globo.com").authors == expected


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the byline under a lead paragraph, above the body
        (
            '<p class="textabsatz"><strong>Nach wochenlangen Verhandlungen hat sich die Ampel '
            'auf den Haushalt geeinigt.</strong></p><div class="authorline"><span class="'
            'authorline__text">Von <a href="/autoren/corinna-emundts-101.html">Corinna Emundts'
            "</a>, tagesschau.de</span></div>",
            "",
        ),
        # an author box under the body, above a note on the programme the story ran in
        (
            "",
            '<div class="meta-authors"><p class="meta-label">Autor/in</p><ul><li><a href="/'
            'autoren/corinna-emundts-100.html"><span class="name">Corinna Emundts</span></a>'
            '<span class="role">SWR Studio Stuttgart</span></li></ul></div><p class="broadcast">'
            "Sendung am Fr., 25.10.2024 17:00 Uhr, SWR4 BW am Nachmittag, SWR4 BW</p>",
        ),
    ],
)
def test_a_byline_between_a_lead_or_a_closing_note_and_the_body(before: str, after: str) -> None:
    """The site credited in the metadata, the visible byline names the writer."""
    prose = "".join(
        f"<p>Absatz {i}: Bundeskanzler Olaf Scholz und Finanzminister Christian Lindner haben "
        "sich in der Nacht auf Eckpunkte verständigt.</p>"
        for i in range(4)
    )
    html = (
        '<html lang="de"><head><title>Ampel einigt sich</title><meta name="author" content="'
        'tagesschau.de"></head><body><article><h1>Ampel einigt sich nach langem Ringen</h1>'
        f"<div class='body'>{before}{prose}{after}</div>"
        "</article></body></html>"
    )
    fields = extract_article("https://www.tagesschau.de/a-100.html", html)
    assert (fields.authors, fields.publisher) == (["Corinna Emundts"], "tagesschau.de")


def test_an_embed_sized_16by9_is_no_byline() -> None:
    body = '<div class="embed-responsive-16by9">Prétexte - Belga</div>'
    assert credited(body=body, language="fr").authors == []


def test_one_name_in_the_metadata_gives_way_to_a_byline_naming_more() -> None:
    body = (
        '<p class="byline">di <span class="author-art">Marco Galluzzo</span> e <span '
        'class="author-art">Mario Sensini</span></p>'
    )
    found = credited(meta={"author": "Marco Galluzzo"}, body=body, language="it")
    assert found.authors == ["Marco Galluzzo", "Mario Sensini"]
    # "with" joins a second writer as "and" does, in a byline in capitals too
    body = '<div class="Page-authors">By SEAN MURPHY with KEN MILLER</div>'
    found = credited(meta={"author": "Sean Murphy"}, body=body)
    assert found.authors == ["Sean Murphy", "Ken Miller"]
    # a link beside the name, or a one-word place, adds nobody
    for byline in ("By Matt Birney | Email Matt Birney", "By Matt Birney, Perth"):
        body = f'<p class="byline">{byline}</p>'
        assert credited(meta={"author": "Matt Birney"}, body=body).authors == ["Matt Birney"]
    # a byline read only to check the name credits no publisher
    body = '<p class="byline">By afp.com</p>'
    assert credited(jsonld=["AFP"], body=body) == Credits([], "AFP")  # the agency, not afp.com


def test_a_desk_or_a_handle_is_no_person_and_a_handle_no_publisher() -> None:
    found = credited(body='<span class="author-name">Hürriyet.com.tr/Haber Merkezi</span>')
    assert found == Credits([], "Hürriyet.com.tr")
    body = '<p class="news-credits">Haber: Ayşe Yılmaz - Fotoğraf: Mehmet Demir</p>'
    found = credited(meta={"author": "Hürriyet"}, body=body, site_names=("Hürriyet",))
    assert found.authors == ["Ayşe Yılmaz"]  # "Haber:" (news) labels the writer
    found = credited(body='<p class="byline">By Marlon Ramos / @inquirerdotnet</p>')
    assert found == Credits(["Marlon Ramos"], None)


@pytest.mark.parametrize("email_class", ["email", "contact"])
def test_a_handle_or_an_address_beside_the_byline_is_no_part_of_the_name(
    email_class: str,
) -> None:
    body = (
        '<div class="td-post-author-name"><div class="td-author-by">By</div> <a href="/author/'
        'mdelgado/">Marissa Delgado-Reyes</a> <span class="twitter"><a href="https://twitter.com/'
        f'MDelgadoNews">@MDelgadoNews</a></span> <span class="{email_class}"><a href="mailto:'
        'mdelgado@dubuquetoday.com">mdelgado@dubuquetoday.com</a></span></div>'
    )
    site = ("Dubuque Today",)
    for meta in ({"author": "Dubuque Today"}, {}):
        found = credited(meta=meta, body=body, site_names=site, host="www.dubuquetoday.com")
        assert found.authors == ["Marissa Delgado-Reyes"]
    # a handle before more words marks a part as no name's: the paper beside its handle
    body = (
        '<div id="art_author">By: <a href="/byline/jerome-aning-cruz">Jerome Aning Cruz</a> - '
        'Reporter / <a href="https://twitter.com/INQnational">@INQnational</a><br> Philippine '
        "Daily Inquirer / 05:12 PM May 04, 2024</div>"
    )
    assert credited(body=body).authors == ["Jerome Aning Cruz"]


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (
            "Reporting by Maria Martinez and Rene Wagner; Writing by Miranda Murray; Editing by "
            "Friederike Heine and Christina Fincher",
            ["Maria Martinez", "Rene Wagner", "Miranda Murray"],
        ),
        ("Reporting by Jane Doe; Editing by John Smith", ["Jane Doe"]),
        (
            "BY KIM JI-YOUNG, PARK SANG-WOO [kim.jiyoung@joongang.co.kr]",
            ["Kim Ji-young", "Park Sang-woo"],
        ),
        ("By Tuesday, prices had fallen again.", []),  # a sentence
        ("(By Teng Pei-ju and Ko Lin)", ["Teng Pei-ju", "Ko Lin"]),  # a wire's, in brackets
        ("(Reuters)", []),  # an agency, which credits the publisher
        # an agency's correspondent, after where she filed from
        ("From our correspondent in Brussels, Eleni Mavridou", ["Eleni Mavridou"]),
    ],
)
def test_a_byline_line_closing_the_story(last: str, expected: list[str]) -> None:
    prose = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the city this week.</p>"
        for i in range(5)
    )
    html = (
        '<html lang="en"><head><title>Headline</title><meta name="author" content="Daily Paper">'
        '<meta property="og:site_name" content="Daily Paper"></head><body><article>'
        f"<h1>Headline</h1>{prose}<p>{last}</p></article></body></html>"
    )
    assert extract_article("https://news.example/a.html", html).authors == expected


def test_an_agencys_reporter_signs_in_brackets_closing_the_last_paragraph() -> None:
    """The metadata credits the agency alone and, as its author, the editor the page labels
    as one: the reporter signs in the brackets that close the story."""
    prose = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the city this week.</p>"
        for i in range(5)
    )
    ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ioana Marin"}}'
    html = (
        '<html lang="ro"><head><title>Cod portocaliu</title><meta name="author" '
        f'content="AGERPRES"><script type="application/ld+json">{ld}</script></head><body>'
        "<article><h1>Cod portocaliu</h1><div class='info'><span>Sursa: AGERPRES</span> "
        f"<span>Editor: Ioana Marin</span></div>{prose}<p>Autoritățile recomandă populației "
        "să evite expunerea la soare. AGERPRES (autor: Cristina Stan, editor: Mariana "
        "Ionescu)</p></article></body></html>"
    )
    fields = extract_article("https://www.gazeta.example.ro/actualitate/a.html", html)
    assert (fields.authors, fields.publisher) == (["Cristina Stan"], "AGERPRES")


def story_page(lang: str, head: str = "", before: str = "", after: str = "") -> str:
    prose = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the city this week.</p>"
        for i in range(5)
    )
    return (
        f'<html lang="{lang}"><head><title>Headline</title>{head}</head><body><article>'
        f"<h1>Headline</h1>{before}{prose}{after}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("lang", "before", "after", "expected"),
    [
        # a Japanese paper running a wire's copy signs it with the wire's name
        ("ja", "", "<p>政府は来年度から実施する方針だ。（共同）</p>", []),
        ("ja", "", "<p>（大阪本社）</p>", []),
        # a correspondent's place and a wire, or a pair of currencies, name nobody
        ("ja", "<p><span>ワシントン=ブルームバーグ</span></p>", "", []),
        ("ja", "<p><span>ユーロ＝ドル</span></p>", "", []),
        # an Urdu lead's staff credit or agency in brackets
        ("ur", "<p>کراچی (اسٹاف رپورٹر) شہر میں</p>", "", []),
        ("ur", "<p>اسلام آباد (آن لائن) وزیر اعظم نے</p>", "", []),
        # but a reporter there, with their role after a slash or not, in Urdu and Sindhi, and
        # after the place and the day in Punjabi
        ("ur", "<p>اسلام آباد(عمران ستار/نامہ نگار خصوصی) وفاقی حکومت نے</p>", "", ["عمران ستار"]),
        ("sd", "<p>لاڙڪاڻو (علي حسن ميمڻ) لاڙڪاڻي شهر ۾</p>", "", ["علي حسن ميمڻ"]),
        ("pa", "<p>ਫ਼ਿਰੋਜ਼ਪੁਰ, 19 ਅਕਤੂਬਰ (ਗੁਰਿੰਦਰ ਸਿੰਘ)- ਜ਼ਿਲ੍ਹਾ ਵਿਚ</p>", "", ["ਗੁਰਿੰਦਰ ਸਿੰਘ"]),
        ("pa", "<p>ਫ਼ਿਰੋਜ਼ਪੁਰ, 19 ਅਕਤੂਬਰ (ਪੱਤਰ ਪ੍ਰੇਰਕ)- ਜ਼ਿਲ੍ਹਾ ਵਿਚ</p>", "", []),
        # a Sri Lankan paper's writer, then their district "group" and role after a dash
        (
            "ta",
            "",
            '<p class="reporter-line"><strong>ஏ.எல்.எம். சலீம் - கல்முனை குறூப் நிருபர்</strong></p>',
            ["ஏ.எல்.எம். சலீம்"],
        ),
        # another language's little word
        ("it", "<p><b>Per</b> Mario Rossi e Anna Bianchi</p>", "", []),
        # a reporter's box after the story: its button to the reporter's other stories
        # names nobody
        (
            "ko",
            "",
            "<div class='reporter-info'><p class='name'>최은정 기자</p><a class='email' "
            "href='mailto:ejchoi@kbs.co.kr'>ejchoi@kbs.co.kr</a><a class='btn-more' "
            "href='/news/pc/reporter/reporter.html?id=choi_ej'>최은정 기자의 기사 모음</a></div>",
            ["최은정"],
        ),
        # nor does a button without a class, or one that writes it without a space
        (
            "ko",
            "",
            "<div class='reporter-info-box'><div class='info'><span class='reporter-name'>이하늘 "
            "기자</span><a href='/news/pc/reporter/reporterList.do?reporterCode=4821' "
            "class='more'>이하늘 기자의 기사모음</a></div></div>",
            ["이하늘"],
        ),
        (
            "ko",
            "",
            "<div class='reporterArea'><p class='name'>김지훈 기자</p><a href='/search/?reporter="
            "김지훈'>기자 다른 기사 보기</a></div>",
            ["김지훈"],
        ),
        # a picture and its caption open the story, and the byline follows them in italics
        (
            "en",
            "<p><a href='/a/6a00d-pi'><img src='/a/6a00d-500wi'></a><br><em>The current "
            "bathhouses at Compo Beach. Dave Matlow for WestportNow.com</em></p>"
            "<p><em>By Maria Delgado-Russo</em></p>",
            "",
            ["Maria Delgado-Russo"],
        ),
        # a forum's CMS names the writer by their user name
        (
            "en",
            "<div class='article_meta'><span class='article_username'><a class='username' "
            "href='member.php?11832-Kavita-Maharaj'>Kavita Maharaj</a></span> <span "
            "class='time'>Published on 06-27-2012 09:05 PM</span></div>",
            "",
            ["Kavita Maharaj"],
        ),
        # the writer's address after the name credits nobody more
        (
            "fr",
            "",
            "<div class='auteur_article'><b>Dieudonné Saint-Cyr</b><br><a href='mailto:"
            "dsaintcyr@lenouvelliste.com'>dsaintcyr@lenouvelliste.com</a></div>",
            ["Dieudonné Saint-Cyr"],
        ),
        # beside the byline, the section and the day in a part classed as its creation's,
        # and the newsroom's address
        (
            "da",
            "<div class='created_and_author'><div class='created_at'>Erhverv - 02. januar 2020"
            " kl. 10:21</div><div class='author'>Af Ritzau</div><div class='editorial_info'>"
            "Kontakt redaktionen:<a href='mailto:sndk@sn.dk'>sndk@sn.dk</a></div></div>",
            "",
            [],
        ),
        # where the writer filed from, on a line of its own under the name (Folha)
        (
            "pt",
            "<div class='author'><p>JULIANA CARVALHO<br>DE BRASÍLIA</p></div>",
            "",
            ["Juliana Carvalho"],
        ),
        # the place an agency's or a newsroom's story came from, classed or in capitals
        (
            "fr",
            "<p class='auteur'><span class='nom'>Agence France-Presse</span><br><span "
            "class='lieu'>Genève</span></p>",
            "",
            [],
        ),
        (
            "it",
            "<div class='news-author'><span>Redazione ANSA</span> <strong>GENOVA</strong></div>",
            "",
            [],
        ),
        # and a writer's town, in Catalan's class (Segre) or English
        (
            "ca",
            "<div class='info-autor'><span class='autor'>Pere Santamaria Farré</span> <span "
            "class='poblacio'>Lleida</span></div>",
            "",
            ["Pere Santamaria Farré"],
        ),
        (
            "en",
            "<div class='byline'><span class='name'>Kerry Ann Fitz</span> <span "
            "class='author-town'>Kendal</span></div>",
            "",
            ["Kerry Ann Fitz"],
        ),
        # the story's text in a block classed as the byline's is no name
        (
            "ar",
            "<div class='bbbody' id='divAuthor'><span class='author'>كتب ـ محمد حسن عبدالعزيز"
            "</span></div><div class='bbbody'>أعلنت وزارة التموين والتجارة الداخلية بدء صرف "
            "المقررات التموينية لشهر ديسمبر المقبل اعتبارا من يوم السبت الأول من الشهر، مع زيادة"
            " حصة الفرد من السكر إلى كيلوجرامين بدلا من كيلوجرام ونصف، وذلك للمرة الأولى منذ عام"
            " 2008.</div>",
            "",
            ["محمد حسن عبدالعزيز"],
        ),
        # a heading below the headline's is a byline only as a Chinese reporter's line
        ("en", "<h2>BY NDAPEWA SHIVUTE</h2>", "", []),  # as a deck in capitals would be
        ("en", "<h3>BY POPULAR DEMAND</h3>", "", []),
        ("zh", "<h4>本报记者　蒋　升　　周晓云</h4>", "", ["蒋升", "周晓云"]),
        ("en", "<h2>By the river, a town rebuilds</h2>", "", []),
        ("en", "<h3>BY THE NUMBERS</h3>", "", []),
        ("en", "<h3>BY GAZETTE STAFF</h3>", "", []),
        # a signature under the story names the writer, not a heading over it
        (
            "en",
            "<h3>FROM CITY HALL</h3>",
            "<p style='text-align:right'><b>— Maria Gonzalez</b></p>",
            ["Maria Gonzalez"],
        ),
        # a second writer on a line of their own is no place filed from
        (
            "nl",
            "<div class='byline'>Door Jan Jansen<br>en Piet Bakker</div>",
            "",
            ["Jan Jansen", "Piet Bakker"],
        ),
        # a credit's label and its "by" set apart by no-break spaces credit no writer
        ("en", "<p>May 15, 2024&nbsp;&nbsp;Photos&nbsp;&nbsp;by Peter Walsh</p>", "", []),
        # shown on wide screens only, still a byline the reader sees
        (
            "en",
            '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '{"@type": "Person", "name": "Jane Doe"}}</script>'
            "<div class='post-meta hidden-xs'><span class='byline'>By <a href='/author/jane-"
            "doe/'>Jane Doe</a> and <a href='/author/john-roe/'>John Roe</a></span></div>",
            "",
            ["Jane Doe", "John Roe"],
        ),
        # a second link to the same writer's page names nobody else
        (
            "en",
            "<div class='byline'>By <span itemprop='author'><a href='/author/jane-doe/'><span "
            "itemprop='name'>Jane Doe</span></a></span> <a href='/author/jane-doe/'>More from "
            "this author</a></div>",
            "",
            ["Jane Doe"],
        ),
        # ...nor when no name is marked: the link after the role line goes to the same page
        (
            "en",
            "<div class='author-details'><p class='byline'>By <a href='/kenya/authors/mercy-koros"
            "-3987654'>Mercy Koros</a></p><p>Nation Media Group</p><a class='more-by' href='/kenya"
            "/authors/mercy-koros-3987654'>More by this Author</a></div>",
            "",
            ["Mercy Koros"],
        ),
    ],
)
def test_what_the_new_forms_of_a_credit_do_not_take(
    lang: str, before: str, after: str, expected: list[str]
) -> None:
    html = story_page(lang, before=before, after=after)
    assert extract_article("https://news.example/2024/05/17/a.html", html).authors == expected


def test_a_header_among_the_storys_paragraphs_is_the_storys_and_may_hold_its_byline() -> None:
    html = story_page(
        "en",
        before="<div class='imagebox'><img src='/a.jpg' alt=''></div><header class='inner-content'>"
        "<p><b>By Nadeeka Jayasinghe</b></p></header>",
    )
    html = html.replace("<article>", "<div class='a-content'>").replace("</article>", "</div>")
    assert extract_article("https://www.dailymirror.example/a/108-280114", html).authors == [
        "Nadeeka Jayasinghe"
    ]


def test_a_box_about_the_author_between_the_headline_and_the_story_is_its_byline() -> None:
    box = (
        '<div class="author-box"><a href="/yazarlar/ayse-demir/">Ayşe Demir</a> <span>Ekonomi '
        "Servisi</span></div>"
    )
    html = _story("Start.", "End.", "tr").replace("</h1>", "</h1>" + box)
    assert extract_article("https://news.example.com.tr/a.html", html).authors == ["Ayşe Demir"]


def test_an_elementor_post_info_lists_the_authors_the_metadata_cut_short() -> None:
    info = (
        '<ul class="elementor-inline-items elementor-icon-list-items elementor-post-info"><li '
        'class="elementor-icon-list-item elementor-repeater-item-author"><span class="elementor-'
        'icon-list-text">Laura Pérez y Javier Ortega</span></li><li class="elementor-icon-list-'
        'item elementor-repeater-item-date"><span>23/06/2021 - 12:45</span></li></ul>'
    )
    found = credited(jsonld=["Laura Pérez"], body=info, language="es")
    assert found.authors == ["Laura Pérez", "Javier Ortega"]
    # a list of authors is still no byline
    writers = '<ul class="author-list"><li>Laura Pérez</li><li>Javier Ortega</li></ul>'
    assert credited(body=writers, language="es").authors == []


def test_an_elementor_grid_of_posts_is_a_box_of_other_stories() -> None:
    """Elementor calls the story's own parts widgets too, but a grid of posts is other stories,
    with their own bylines and dates."""
    grid = (
        "<div class='elementor-element elementor-widget elementor-widget-posts'><div "
        "class='elementor-widget-container'><article class='elementor-post'><h3><a href='/b/'>"
        "Roads plan delayed</a></h3><span class='elementor-post-author'>John Roe</span> <span "
        "class='elementor-post-date'>April 1, 2024</span></article></div></div>"
    )
    fields = extract_article("https://news.example/a.html", story_page("en", before=grid))
    assert (fields.authors, fields.published) == ([], None)


def test_a_blogger_posts_bold_byline_opening_its_lines() -> None:
    # the site's name is the one <h1>; the post, its title and its text sit in Blogger's
    # widget of the posts, no box of the sidebar's
    lines = "".join(
        f"Paragraph {i} of the story tells readers what happened in the city this week.<br><br>"
        for i in range(5)
    )
    html = (
        '<html lang="en"><head><title>Pulse Desk: Load shedding returns</title><meta '
        'property="og:title" content="Load shedding returns"></head><body><header><h1>'
        '<a href="/">Pulse Desk</a></h1></header><div class="widget Blog" id="Blog1"><div '
        'class="post hentry"><h3 class="post-title">Load shedding returns</h3><div '
        f'class="post-body"><b>By Kofi Mensah Asare</b><br><br>{lines}</div><div '
        'class="post-footer">Posted by <a href="https://www.blogger.com/profile/1">Pulse '
        'Desk</a></div></div></div><div class="widget PopularPosts"><a href="/2025/05/b.html">'
        "Fuel prices rise again across the country</a></div></body></html>"
    )
    assert extract_article("https://www.pulsedesk.example/2025/05/a.html", html).authors == [
        "Kofi Mensah Asare"
    ]


def _story(first: str, last: str, lang: str) -> str:
    filler = (
        "国家统计局发布数据显示，全国规模以上工业增加值同比增长，社会消费品零售总额继续恢复。" * 3
    )
    paragraphs = "".join(f"<p>{filler}</p>" for _ in range(5))
    return (
        f'<html lang="{lang}"><head><title>标题</title></head><body><article><h1>国民经济运行'
        f"稳中有进</h1><p>{first}</p>{paragraphs}<p>{last}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        (
            "新华社北京5月17日电（记者王希、张辛欣）国家统计局17日发布数据显示。",
            "完",
            "zh-CN",
            ["王希", "张辛欣"],
        ),
        (
            "文/广州日报全媒体记者 龙锟 通讯员 穗交宣 图/广州日报全媒体记者 苏俊杰",
            "完",
            "zh",
            ["龙锟"],
        ),
        (
            "政府は17日の閣議で白書を決定した。",
            "【阿部亮介、奥山はるな】",
            "ja",
            ["阿部亮介", "奥山はるな"],
        ),
        ("政府は17日の閣議で白書を決定した。", "【ワシントン秋山信一】", "ja", ["秋山信一"]),
        # closing the lead paragraph, a name written with the kanji repeat mark
        (
            "気象庁は12日、予報の対象地域を細分化すると発表した。【山田花子、佐々木健】",
            "完",
            "ja",
            ["山田花子", "佐々木健"],
        ),
        # reporters in round brackets closing the last sentence
        (
            "政府は17日の閣議で白書を決定した。",
            "政府は放出時期を判断する方針だ。（佐藤達弥、福地慶太郎）",
            "ja",
            ["佐藤達弥", "福地慶太郎"],
        ),
        # a name in capitals, then the agency the writer reported with
        ("Mulai.", "<strong>REZA ADITYA | ANTARA</strong>", "id", ["Reza Aditya"]),
        ("Mulai.", "<strong>FOTO UTAMA | AFP</strong>", "id", []),
        ("Kuala Lumpur, 15 Mei.", "<strong>KUALA LUMPUR | BERNAMA</strong>", "ms", []),
        # a signature with the surname in capitals, as written
        ("Начало.", "<b>Ирина КУЗНЕЦОВА.</b>", "ru", ["Ирина КУЗНЕЦОВА"]),
        # a signature, a comma, then the agency's initials
        ("Бошланиши.", "<strong>Дилноза Раҳимова, ЎзА</strong>", "uz", ["Дилноза Раҳимова"]),
        ("Начало.", "<b>Иван Петров, БелТА</b>", "ru", ["Иван Петров"]),
        ("Начало.", "<b>Иван Петров, Мария Сидорова</b>", "ru", ["Иван Петров", "Мария Сидорова"]),
        ("Начало.", "<b>Иван Петров, ТАСС</b>", "ru", ["Иван Петров"]),
        ("Start.", "<strong>John Nakale, NAMPA</strong>", "en", ["John Nakale"]),
        # but not a degree in capitals after a name
        ("Start.", "<strong>Jane Doe, MD</strong>", "en", []),
        # a signature, then the photo's credit on a line of its own
        (
            "Начало.",
            'Конец.</p><p style="text-align:right"><b>Ольга ПЕТРОВА.</b><br><i>Фото автора.</i>',
            "ru",
            ["Ольга ПЕТРОВА"],
        ),
        # a signature above the photo's credit closing the story
        (
            "Начало.",
            'Конец.</p><p style="text-align:right"><b>Елена Смирнова</b></p><p><i>Фото: '
            "пресс-служба</i>",
            "ru",
            ["Елена Смирнова"],
        ),
        ("Начало.", "<b>РЕДАКЦИЯ САЙТА.</b>", "ru", []),
        ("Начало.", "<b>Пресс-служба МВД.</b>", "ru", []),  # a press office and an acronym
        ("Начало.", "<b>—</b>", "ru", []),  # a dash alone signs nothing
        ("Start.", "<em>By</em>", "en", []),
        ("Début.", "<strong>Avec AFP</strong>", "fr", []),
        ("Début.", "<strong>Service COMMUNICATION</strong>", "fr", []),
        # ...after their rank
        (
            "政府は17日の閣議で白書を決定した。",
            "見直しを求める声も出ている。（編集委員・山本大輔、松井玲奈）",
            "ja",
            ["山本大輔", "松井玲奈"],
        ),
        # but a picture's credit is no reporter's
        ("政府は17日の閣議で白書を決定した。", "出ている。（写真・中村由美）", "ja", []),
        # a brackets' organisation is no reporter
        ("政府は17日の閣議で白書を決定した。", "方針だ。（共同通信社）", "ja", []),
        # a wire lead opening with the place and the name, or where the report was filed
        ("【ワシントン＝中根圭一】米下院は16日、予算案を可決した。", "完", "ja", ["中根圭一"]),
        ("【ニューヨーク＝共同】米株式市場は16日、続落した。", "完", "ja", []),
        ("〔記者林志怡／台北報導〕梅雨鋒面報到！週末起連3天大雨。", "完", "zh-TW", ["林志怡"]),
        ("【記者陳美玲／金城報導】金門縣政府推動老街活化計畫。", "完", "zh-TW", ["陳美玲"]),
        # a correspondent's label between the reporter and the correspondent
        (
            "扬子晚报网5月17日讯（记者 王晓燕 通讯员 刘建华）南京地铁。",
            "完",
            "zh-CN",
            ["王晓燕", "刘建华"],
        ),
        # a Japanese reporter's bureau before the name
        ("政府は17日の閣議で白書を決定した。", "（石巻総局・菅原彩花）", "ja", ["菅原彩花"]),
        # a column's name is no reporter
        ("【記者手記】一場大雨過後，北市街頭一片狼藉。", "完", "zh-TW", []),
        ("（记者观察）一场大雨过后，街头一片狼藉。", "完", "zh-CN", []),
        # a picture's caption, its photographer's credit closing it, before the story
        (
            "工作人员在热力站巡检。新京报记者 王飞 摄</p><p>新京报讯（记者 刘洋）北京正式供暖。",
            "完",
            "zh-CN",
            ["刘洋"],
        ),
        # an agency's dateline: the reporter, then where the story was filed
        ("（中央社記者陳怡君台北17日電）立法院今天三讀通過。", "完", "zh-TW", ["陳怡君"]),
        ("（中央社記者林愷新北市17日電）新北市政府今天宣布。", "完", "zh-TW", ["林愷"]),
        ("（中央社記者張謙華盛頓16日專電）美國國會今天表決。", "完", "zh-TW", ["張謙"]),
        ("（中央社記者王子瑄台北市17日電）台北市政府今天宣布。", "完", "zh-TW", ["王子瑄"]),
        # Amharic's "by" is the name's first letter: "በሰላማዊት መንገሻ"
        ("<strong>በሰላማዊት መንገሻ</strong>", "ተገለጸ።", "am", ["ሰላማዊት መንገሻ"]),
        # where the writer filed, a colon, then the name, all in bold
        ("<strong>الشارقة: أحمد النعيمي</strong>", "انتهى", "ar", ["أحمد النعيمي"]),
        # a portal's line crediting the paper it ran the story from, and its reporter
        ("国家统计局发布数据。", "来源：杭州日报 记者 陈洁 通讯员 杭铁宣", "zh-CN", ["陈洁"]),
        # or the account it came from, and its author among more fields, a comma apart
        (
            "国家统计局发布数据。",
            "本文来自网易号“新京报”，作者：张晓燕，编辑：王磊",
            "zh-CN",
            ["张晓燕"],
        ),
        # the reporter's and the photographer's fields opening a Malaysian Chinese story
        ("报道：黄佩玲<br>摄影：陈家伟", "完", "zh-Hans", ["黄佩玲"]),
        # where the story was filed, a dash and its writer, as Arabic papers open it
        ("<b>الإسكندرية ـ أحمد عبد الحليم:</b>", "انتهى", "ar", ["أحمد عبد الحليم"]),
        # a Taiwanese daily's reporters after a caption's photographer and a promotion of its
        # app, which open the story as paragraphs of their own
        (
            "勞動部今年將提前啟動基本工資審議的前置研究。（記者王藝菘攝）</p><p>不用抽 不用搶 "
            "現在用APP看新聞 <a href='/app/'>點我下載APP</a></p><p>〔記者李欣芳、林哲遠／台北報導〕"
            "勞動部今天表示，今年基本工資審議委員會將比照往例於第三季召開。",
            "完",
            "zh-Hant",
            ["李欣芳", "林哲遠"],
        ),
        ("政府發表報告。（記者王藝菘攝）", "完", "zh-Hant", []),
        # text and photos by the same reporter
        ("（本报记者 张三 文/摄）国务院常务会议17日召开。", "完", "zh-CN", ["张三"]),
        # a state paper's correspondent and reporter, each after the outlet, in brackets
        # opening the lead
        (
            "【环球时报驻美国特约记者 张远 环球时报记者 李倩】美国智库最新报告称代价远超预期。",
            "完",
            "zh-CN",
            ["张远", "李倩"],
        ),
        # a heading in brackets names nobody; nor does a credit line on a page of another language
        ("政府は17日の閣議で白書を決定した。", "【関連記事】", "ja", []),
        ("新华社北京5月17日电（记者王希、张辛欣）国家统计局17日发布数据显示。", "完", "ja", []),
    ],
)
def test_a_credit_in_the_storys_own_text(
    first: str, last: str, lang: str, expected: list[str]
) -> None:
    html = _story(first, last, lang)
    assert extract_article("https://news.example.cn/a.html", html).authors == expected


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        ("דני כהן ויוסי לוי", "he", ["דני כהן", "יוסי לוי"]),
        ("ורד כהן", "he", ["ורד כהן"]),  # a name that begins with the letter of "and"
        ("अमित शर्मा और राजेश कुमार, जयपुर", "hi", ["अमित शर्मा", "राजेश कुमार"]),
        ("By Jane Doe, Washington", "en", ["Jane Doe"]),  # a place after a name
        ("Jane Doe, Reuters", "en", ["Jane Doe", "Reuters"]),  # an agency stays to be credited
        ("Редактор: Елин Димитров", "bg", ["Елин Димитров"]),
        ("Toimetaja: Mari Mets", "et", []),  # the editor
        ('Allikas: "Aktuaalne kaamera"', "et", []),  # the source
        ("নিজস্ব প্রতিবেদক", "bn", []),  # "staff correspondent"
        # "by" in Khmer, Lao and Burmese, and the Khmer colon after it
        ("ដោយ៖ ឈឹម សុវណ្ណារ៉ា", "km", ["ឈឹម សុវណ្ណារ៉ា"]),
        ("ໂດຍ: ສົມພອນ ແກ້ວມະນີ", "lo", ["ສົມພອນ ແກ້ວມະນີ"]),
        ("ရေးသားသူ - အောင်ကိုကို", "my", ["အောင်ကိုကို"]),
        # the full-width bar of Chinese bylines, after a label and between names
        ("文｜王小东", "zh", ["王小东"]),
        ("王小东｜李明", "zh", ["王小东", "李明"]),
        ("报道：黄佩玲", "zh", ["黄佩玲"]),
        # "by" in Swahili and Hausa, "written by" in Somali, "reporter" and its colon in Amharic
        ("Na Vitalis Kimutai na Wanderi Kamau", "sw", ["Vitalis Kimutai", "Wanderi Kamau"]),
        ("Daga Sagir Kano Saleh", "ha", ["Sagir Kano Saleh"]),
        ("Waxaa qoray: Cabdiqani Xasan", "so", ["Cabdiqani Xasan"]),
        ("ዘጋቢ፡ ዮሐንስ አንበርብር", "am", ["ዮሐንስ አንበርብር"]),
        # where the writer filed from, before a colon, as Gulf and Levant papers set it
        ("الشارقة: جيهان شعيب", "ar", ["جيهان شعيب"]),
        ("DUBAI: Jane Doe", "en", ["Jane Doe"]),
        ("تصوير: أحمد علي", "ar", []),  # a photographer's label
        # a spaced dash before a full name opening with a common given name
        ("كتب: محمود عبد الراضي - محمد السيد", "ar", ["محمود عبد الراضي", "محمد السيد"]),
    ],
)
def test_more_byline_forms(byline: str, language: str, expected: list[str]) -> None:
    assert split_byline(byline, language) == expected


@pytest.mark.parametrize(
    "value", ["Updated: March", "نُشر", "Publicado", "Data publicării", "Дата публикации"]
)
def test_a_label_left_beside_a_byline_is_nobody(value: str) -> None:
    assert is_nobody(value)


def test_a_date_in_an_element_classed_as_the_authors_name_is_no_byline() -> None:
    body = (
        '<div class="author-meta"><span class="author-name">Data publicării: <time '
        'datetime="2024-05-28T11:24:00+03:00">28.05.2024 11:24</time></span></div>'
    )
    assert credited(body=body, language="ro").authors == []


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        ("Avtor: Ana Novak", "sl", ["Ana Novak"]),
        ("Аутор: Јелена Петровић", "sr", ["Јелена Петровић"]),
        ("Autorius: Rūta Petrauskaitė", "lt", ["Rūta Petrauskaitė"]),
        ("Muallif: Dilshod Karimov", "uz", ["Dilshod Karimov"]),
        ("Муаллиф: Дилшод Каримов", "uz", ["Дилшод Каримов"]),
        ("Müəllif: Nigar Həsənova", "az", ["Nigar Həsənova"]),
        ("ავტორი: ნინო ბერიძე", "ka", ["ნინო ბერიძე"]),
        ("Հեղինակ: Անի Սարգսյան", "hy", ["Անի Սարգսյան"]),
        ("Հեղինակ՝ Անի Սարգսյան", "hy", ["Անի Սարգսյան"]),  # the Armenian comma as its colon
        ("Автор материала: Анна Петрова", "ru", ["Анна Петрова"]),
        ("Ajakirjanik Mari Mets", "et", ["Mari Mets"]),
        ("oprac. Katarzyna Bogdańska", "pl", ["Katarzyna Bogdańska"]),
        # labels that are other words too ("prepared", "wrote"), before a colon only
        ("Подготовила: Анна Петрова", "ru", ["Анна Петрова"]),
        ("Дайындаған: Айгүл Серікова", "kk", ["Айгүл Серікова"]),
        ("Připravila: Jana Nováková", "cs", ["Jana Nováková"]),
        ("Írta: Kovács Bálint", "hu", ["Kovács Bálint"]),
        ("Opracowanie: Katarzyna Bogdańska", "pl", ["Katarzyna Bogdańska"]),
    ],
)
def test_byline_labels_of_eastern_europe_the_caucasus_and_central_asia(
    byline: str, language: str, expected: list[str]
) -> None:
    assert split_byline(byline, language) == expected


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        ('<div class="author-name">Аутор: Јелена Петровић</div>', "sr", ["Јелена Петровић"]),
        (
            '<div class="article-authors">Autorius: Rūta Petrauskaitė</div>',
            "lt",
            ["Rūta Petrauskaitė"],
        ),
        (
            '<div class="news-detail__author">Müəllif: Nigar Həsənova</div>',
            "az",
            ["Nigar Həsənova"],
        ),
    ],
)
def test_a_byline_labelled_in_the_regions_languages(
    body: str, language: str, expected: list[str]
) -> None:
    assert credited(body=body, language=language).authors == expected


def test_a_labelled_line_in_the_regions_languages_closing_the_story() -> None:
    prose = "".join(
        f"<p>Toshkent metrosining {i}-bosqichi qurilishi shu hafta boshlandi, deyiladi xabarda.</p>"
        for i in range(5)
    )
    html = (
        '<html lang="uz"><head><title>Sarlavha</title></head><body><article><h1>Sarlavha</h1>'
        f"{prose}<p><b>Muallif:</b> Dilshod Karimov</p></article></body></html>"
    )
    assert extract_article("https://kun.uz/news/a", html).authors == ["Dilshod Karimov"]


@pytest.mark.parametrize(
    ("fallback", "expected"),
    [
        ("Írta Kovács Bálint", ["Kovács Bálint"]),  # "Írta: Kovács Bálint", its colon dropped
        ("Подготовила Анна Петрова", ["Анна Петрова"]),
        ("Jane Doe", ["Jane Doe"]),
    ],
)
def test_a_label_trafilatura_left_without_its_colon_is_no_part_of_the_name(
    fallback: str, expected: list[str]
) -> None:
    assert credited(fallback=fallback).authors == expected


@pytest.mark.parametrize(
    ("line", "fallback", "expected"),
    [
        # a source's label, an editor's: trafilatura reads the line from a byline's class
        (
            '<p class="source">Allikas: „Aktuaalne kaamera“, ERR-i raadiouudised</p>',
            "ERR-i raadiouudised",
            [],
        ),
        (
            '<p class="editor">Toimetaja: <a href="/toimetaja/kk">Karin Koppel</a></p>',
            "Karin Koppel",
            [],
        ),
        # a writer's label after a picture's credit on the same line, or a bar between them
        ('<p class="credits">Foto: AP. By Jane Doe</p>', "Jane Doe", ["Jane Doe"]),
        ('<p class="credits">Foto: AP | Jane Doe</p>', "Jane Doe", ["Jane Doe"]),
    ],
)
def test_trafilaturas_name_after_another_credits_label_is_no_writer(
    line: str, fallback: str, expected: list[str]
) -> None:
    assert credited(body=line, fallback=fallback, language="et").authors == expected


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        # the piece named before "von"
        ("Ein Artikel von Florian Mayer", "de", ["Florian Mayer"]),
        ("Kommentar von Erik Peter", "de", ["Erik Peter"]),
        ("Eine Reportage von Anna Beck und Max Roth", "de", ["Anna Beck", "Max Roth"]),
        # the forms for writers of any gender, and labels joined by "und"
        ("Autor/in: Anna Beck", "de", ["Anna Beck"]),
        ("Autor:innen: Anna Beck und Max Roth", "de", ["Anna Beck", "Max Roth"]),
        ("Autor*in: Anna Beck", "de", ["Anna Beck"]),
        ("Autorinnen und Autoren", "de", []),
        # words and pictures by one writer
        ("Tekst og foto: Ola Nordmann", "nb", ["Ola Nordmann"]),
        ("Text och foto: Anna Lindqvist", "sv", ["Anna Lindqvist"]),
        ("Texte et photos : Anna Beck", "fr", ["Anna Beck"]),
        ("Tekst i foto: Krzysztof Wiśniewski", "pl", ["Krzysztof Wiśniewski"]),
        (
            "Texti: Hrefna Björk Gunnarsdóttir / Myndir: Rúnar Hólm",
            "is",
            ["Hrefna Björk Gunnarsdóttir"],
        ),
        # "from our correspondent" and where, before the name or alone
        ("Van onze correspondent in Parijs", "nl", []),
        ("From our correspondent in Nairobi, Jane Doe", "en", ["Jane Doe"]),
        ("De notre correspondante à Rome, Anne Dupont", "fr", ["Anne Dupont"]),
        ("De notre correspondante Marie Durand", "fr", ["Marie Durand"]),
        ("Von unserem Korrespondenten Hans Müller, Brüssel", "de", ["Hans Müller"]),
        ("From our correspondent in New York", "en", []),
        (
            "Από την ανταποκρίτρια του ΑΠΕ-ΜΠΕ στις Βρυξέλλες, Ελένη Μαυρίδου",
            "el",
            ["Ελένη Μαυρίδου"],
        ),
        # the work in brackets after each name
        ("Von Fabienne Wyss (Text) und Jonas Künzli (Bilder)", "de", ["Fabienne Wyss"]),
        ("Jonas Künzli (Bilder), Fabienne Wyss (Text)", "de", ["Fabienne Wyss"]),
        ("Text a foto: Jan Novák", "cs", ["Jan Novák"]),
        ("Текст и фото: Петя Димитрова", "bg", ["Петя Димитрова"]),
        # a role after a full name without a comma, and the desk after the role
        ("Gianna Blum Redaktorin News", "de", ["Gianna Blum"]),
        ("Ola Nordmann Journalist", "nb", ["Ola Nordmann"]),
        ("Anna Lindqvist Reporter", "sv", ["Anna Lindqvist"]),
        ("Jane Reporter", "en", ["Jane Reporter"]),  # after one word, a surname
    ],
)
def test_byline_labels_and_roles_of_german_speaking_and_nordic_newsrooms(
    byline: str, language: str, expected: list[str]
) -> None:
    assert split_byline(byline, language) == expected


def test_a_heading_that_only_labels_the_authors_is_no_name_and_a_desks_role_stays() -> None:
    body = (
        '<div class="article-authors"><h3>Autorinnen und Autoren</h3><div class="author-card">'
        '<p class="author-name">Jan-Philipp Kleine</p><p class="author-role">Autor</p></div>'
        '<div class="author-card"><p class="author-name">Karolin Schöning</p><p '
        'class="author-role">Autorin</p></div></div>'
    )
    found = credited(body=body, language="de")
    assert found.authors == ["Jan-Philipp Kleine", "Karolin Schöning"]
    assert credited(jsonld=["Online News Editor"]) == Credits([], "Online News Editor")


@pytest.mark.parametrize(
    ("byline", "publisher"),
    [
        # the newsroom ("red"), the site and its agencies
        ("red, wien.ORF.at/Agenturen", "wien.ORF.at"),
        ("Agences", "Agences"),
        # a programme or a broadcaster named by its kind of medium
        ("Regionaljournal Bern Freiburg Wallis", "Regionaljournal Bern Freiburg Wallis"),
        ("Rundfunk Berlin-Brandenburg", "Rundfunk Berlin-Brandenburg"),
    ],
)
def test_agencies_and_a_programme_credited_as_a_byline_are_no_person(
    byline: str, publisher: str
) -> None:
    credit = Credit(["wien.ORF.at"], "wien.orf.at", "de")
    credit.add(byline)
    assert credit.result() == Credits([], publisher)


def test_a_programmes_source_line_beside_the_byline_credits_nobody() -> None:
    body = (
        '<div class="article-author-source"><p>Regionaljournal Bern Freiburg Wallis, 16.05.2024,'
        " 17:30 Uhr; sda/brut</p></div>"
    )
    assert credited(body=body, language="de").authors == []


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        # who reported the broadcast story, who wrote its web version, who interviewed
        ("Sujet radio: Delphine Gendre", "fr", ["Delphine Gendre"]),
        ("Sujet TJ: Delphine Gendre", "fr", ["Delphine Gendre"]),
        ("Adaptation web: Julien Furrer", "fr", ["Julien Furrer"]),
        ("Onlinefassung: Max Roth", "de", ["Max Roth"]),
        ("Propos recueillis par Anna Beck", "fr", ["Anna Beck"]),
    ],
)
def test_credit_labels_of_a_broadcasters_story_and_its_web_version(
    byline: str, language: str, expected: list[str]
) -> None:
    assert split_byline(byline, language) == expected


def test_credits_each_labelled_on_a_line_of_its_own_are_apart() -> None:
    body = (
        '<p class="article-signature">Sujet radio: Delphine Gendre<br>Adaptation web: Julien '
        "Furrer</p>"
    )
    found = credited(body=body, language="fr")
    assert found.authors == ["Delphine Gendre", "Julien Furrer"]


def test_names_in_capitals_are_written_as_names_and_an_account_is_no_publisher() -> None:
    credit = Credit(["MDR"], "www.mdr.de", "en")
    credit.add("By JOSH BOAK and ZEKE MILLER, AP")
    credit.add("MDR SACHSEN")
    assert credit.result() == Credits(["Josh Boak", "Zeke Miller"], "MDR SACHSEN")
    credit = Credit(["खबर इंडिया टीवी"], "khabar.example", "hi")
    credit.add("Admin")
    assert credit.result() == Credits([], None)


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        # names and the role after them, with no class to say so
        (
            '<div class="info_view"><span class="txt_info">박상영·김은성 기자</span>'
            '<span class="txt_info">입력 <span class="num_date">2024. 6. 5. 14:32</span></span>'
            "</div>",
            "ko",
            ["박상영", "김은성"],
        ),
        # "by" in a class name written in camel case; a place and a date beside the names
        (
            '<div class="storyBy"><div class="byName">अमित शर्मा और राजेश कुमार, जयपुर</div>'
            '<div class="dateTime"><span class="publish">प्रकाशित: 5 जून 2024, 11:05 AM</span>'
            "</div></div>",
            "hi",
            ["अमित शर्मा", "राजेश कुमार"],
        ),
        (
            '<div class="contributor-details"><div class="contributor-name">Rahim Uddin</div>'
            '<div class="author-location">ঢাকা</div></div>',
            "bn",
            ["Rahim Uddin"],
        ),
        # the byline's date in an element of its own, with no space before it
        (
            '<div class="authorAndDate"><span class="authors">דני כהן ויוסי לוי</span><span '
            'class="date"><time>05.06.24 | 19:42</time></span></div>',
            "he",
            ["דני כהן", "יוסי לוי"],
        ),
        # a details list's field: its label, a colon after it, and the name, each in a span
        (
            '<div class="meta-news"><ul><li><span class="title-meta">کد خبر: </span><span '
            'class="text-meta">۱۴۰۳۰۹۱۲۰۷۶۵۴</span></li><li><span class="title-meta">خبرنگار: '
            '</span><span class="text-meta">زهرا کریمی</span></li></ul></div>',
            "fa",
            ["زهرا کریمی"],
        ),
        ("<ul><li><span>Editor: </span><span>Jane Doe</span></li></ul>", "en", []),
        # a credits line of dates and a copy-link button names nobody
        (
            '<div class="article__refs-credits"><time class="refs-date">GMT 17:27 17.03.2020'
            '</time><span class="refs-getshorturl">انسخ الرابط</span></div>',
            "ar",
            [],
        ),
    ],
)
def test_more_bylines_as_news_sites_set_them(body: str, language: str, expected: list[str]) -> None:
    assert credited(body=body, language=language).authors == expected


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        # the interns who reported with the reporter are writers too
        ("澎湃新闻记者 陈伟 实习生 张悦", "完", "zh", ["陈伟", "张悦"]),
        ("新京报讯（记者 李聪 王俊）6月5日，北京市发布通知。", "完", "zh", ["李聪", "王俊"]),
        (
            "<strong>Blessings Chidakwa</strong><br><strong>Senior Reporter</strong>",
            "End.",
            "en",
            ["Blessings Chidakwa"],
        ),
        # ...or as two paragraphs over the story
        (
            "<strong>Blessings Chidakwa</strong></p><p><strong>Senior Reporter</strong>",
            "End.",
            "en",
            ["Blessings Chidakwa"],
        ),
        # a byline opening the story, then where it was filed in capitals
        ("<strong>By Ikechukwu Nnadi, ABUJA</strong>", "End.", "en", ["Ikechukwu Nnadi"]),
        # a picture's caption over a desk's role names nobody
        (
            '<img src="/ncube.jpg"></p><p><strong>Prof Mthuli Ncube</strong></p><p><strong>'
            "Business Reporter</strong>",
            "End.",
            "en",
            [],
        ),
        # a name alone in bold as the story's last paragraph signs it
        ("Hà Nội đón đợt nắng nóng đầu tiên.", "<strong>Sơn Hà</strong>", "vi", ["Sơn Hà"]),
        # "by" in Swahili before a name in capitals
        ("<strong>NA VITALIS KIMUTAI</strong>", "Mwisho.", "sw", ["Vitalis Kimutai"]),
        # bold lines that are no names
        ("<strong>Breaking News</strong>", "<b>Read More</b>", "en", []),
        ("Start.", "<strong>The council will vote again next week.</strong>", "en", []),
    ],
)
def test_a_name_in_the_storys_own_lines(
    first: str, last: str, lang: str, expected: list[str]
) -> None:
    html = _story(first, last, lang).replace(
        "<title>标题</title>",
        "<title>标题</title><meta property='article:author' content='新京报'>",
    )
    found = extract_article("https://news.example.com/a.html", html)
    assert found.authors == expected


@pytest.mark.parametrize(
    ("label", "name", "role", "language"),
    [
        ("Author,", "Jane Doe", "Role,", "en"),
        ("مصنف,", "شہزاد ملک", "عہدہ,", "ur"),
        ("Author,", "Ambia Hirsi", "Nafasi,", "sw"),  # the role's label, whatever its word
        ("Автор,", "Ольга Ившина", "Должность,", "ru"),
    ],
)
def test_the_byline_of_the_bbc_world_services(
    label: str, name: str, role: str, language: str
) -> None:
    """A test id marks it; labels and the role are set in hidden spans, inside a list."""
    body = (
        f'<div data-testid="byline" class="bbc-1a3w4ok"><ul><li><span role="text"><span '
        f'class="bbc-m04vo2">{label}</span>{name}</span></li><li><span role="text"><span '
        f'class="bbc-m04vo2">{role}</span>BBC News, Islamabad</span></li><li><time '
        'datetime="2024-06-12">12 June 2024</time></li></ul></div>'
    )
    assert credited(body=body, language=language).authors == [name]


@pytest.mark.parametrize(
    ("author", "lead", "expected"),
    [
        # a CMS account named after the outlet the wire lead credits in brackets
        ("ኤፍ ቢ ሲ", "አዲስ አበባ፣ መስከረም 5፣ 2017 (ኤፍ ቢ ሲ) – የከተማ አስተዳደሩ አስታወቀ።", Credits([], "ኤፍ ቢ ሲ")),
        # a reporter stays beside the agency the lead credits, which is the publisher
        (
            "Jane Doe",
            "NAIROBI, May 17 (Xinhua) — The county said on Friday.",
            Credits(["Jane Doe"], "Xinhua"),
        ),
        (
            "Jane Doe",
            "DENVER (AP) — Colorado wildlife officials said Friday.",
            Credits(["Jane Doe"], "AP"),
        ),
        # ...but not a place or another word in brackets, nor an acronym a sentence spells out
        ("Jane Doe", "DENVER (Colorado) — Officials said Friday.", Credits(["Jane Doe"], None)),
        (
            "Jane Doe",
            "More students passed Advanced Placement (AP) — college-level — exams this year.",
            Credits(["Jane Doe"], None),
        ),
    ],
)
def test_the_author_a_wire_lead_credits_in_brackets_is_the_outlet(
    author: str, lead: str, expected: Credits
) -> None:
    assert credited(jsonld=[author], body=f"<p>{lead}</p>") == expected


def test_the_outlet_the_metadata_credits_alone_gives_way_to_the_writer_the_byline_names() -> None:
    body = '<div class="byline">Hannah Reinholt, KFF Health News</div>'
    found = credited(jsonld=["KFF Health News"], body=body, host="coloradosun.com")
    assert found == Credits(["Hannah Reinholt"], "KFF Health News")


def test_a_translator_credited_after_the_story_is_no_author() -> None:
    body = "<div class='byline'>Harriet Sloane</div>"
    html = story_page("es", before=body, after="<p><em>Traducido por Javier Biosca</em></p>")
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": '
        '"Person", "name": "Harriet Sloane"}, {"@type": "Person", "name": "Javier Biosca"}]}'
        "</script>"
    )
    html = html.replace("</head>", f"{head}</head>")
    assert extract_article("https://www.eldiario.example/a.html", html).authors == [
        "Harriet Sloane"
    ]


def test_one_jsonld_person_naming_several_is_each_of_them() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": '
        '"Person", "name": ["Mara Ellison", "Jonah Pettit"]}}</script>'
    )
    html = story_page("en").replace("</head>", f"{head}</head>")
    assert extract_article("https://www.npr.example/a.html", html).authors == [
        "Mara Ellison",
        "Jonah Pettit",
    ]


def test_a_story_between_brs_signed_on_its_closing_lines_names_those_a_byline_left_out() -> None:
    prose = "<br><br>".join(
        f"문단 {i}: 외식 물가가 가파르게 오르면서 편의점 도시락을 찾는 "
        "직장인이 늘고 있다고 업계는 전했다."
        for i in range(5)
    )
    html = (
        '<html lang="ko"><head><title>제목</title></head><body><h1>편의점 도시락 매출 급증</h1>'
        '<div class="title_foot"><span class="report"><a href="/news/Profile?r=dohyun">김도현 기자'
        '</a> 외 1명</span></div><div id="article_txt"><div class="photo"><span class="desc">14일 '
        "서울의 한 편의점에서 직장인들이 도시락을 고르고 있다. 정수빈 기자</span></div>"
        f"{prose}<br><br>"
        "김도현 기자 dohyun@donga.com<br>정수빈 기자 soobin@donga.com</div></body></html>"
    )
    assert extract_article("https://www.donga.example/news/a", html).authors == [
        "김도현",
        "정수빈",
    ]


def test_a_brand_joining_the_sites_initial_and_last_word_is_the_site() -> None:
    credit = Credit(["Kaieteur News"], "www.kaieteurnewsonline.com", "en")
    assert credit.is_organisation("KNews")
    assert not credit.is_organisation("McNews")  # no initial of the site's
    credit.add("KNews")
    assert credit.result() == Credits([], "KNews")


def test_a_role_the_sites_initials_sign_is_a_desk() -> None:
    credit = Credit(["Hindustan Times"], "www.hindustantimes.com", "en")
    assert credit.is_organisation("HT Correspondent")
    assert not credit.is_organisation("Harry Thomas")
    # its name set apart as a role, the byline's text keeps only where it was filed
    body = (
        '<small class="byline">By <a href="/author/ht-correspondent-1016">HT Correspondent</a>'
        ", New Delhi</small>"
    )
    found = credited(body=body, site_names=("Hindustan Times",), host="www.hindustantimes.com")
    assert found == Credits([], "HT Correspondent")


def test_a_dateline_beside_a_site_staff_byline_names_nobody() -> None:
    body = (
        '<div class="Byline"><div class="Byline__Author"><span class="Byline__By">By</span> '
        '<span>ABC7.com staff</span></div><div class="Byline__Meta Byline__Meta--publishDate">'
        "Saturday, March 9, 2024 2:07AM</div></div>"
    )
    assert credited(body=body, host="abc7.com").authors == []
    assert is_nobody("Saturday, March") and is_nobody("March Saturday")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a desk, then a writer: only a desk's paper and place name nobody
        ("<div class='byline'>By Web Desk, Jane Doe</div>", ["Jane Doe"]),
        # a subhead in bold opening the story, however a byline might open
        ("<p><strong>LAGOS: Heavy Rains Expected</strong></p>", []),
        ("<p><strong>Heavy Rains in Lagos</strong></p>", []),
        # two spans, a phrase and a word of a role: no name and role
        ("<div><span>Meet Our</span><span>Columnists</span></div>", []),
        ("<div><span>White House</span><span>Correspondents Dinner</span></div>", []),
        # spans classed as the writer's link that name no one
        (
            '<div class="byline">By <a class="link" href="/author/jane-doe">Jane Doe</a> <span '
            'class="link">Share on Twitter</span><span class="link">Updated Daily</span></div>',
            ["Jane Doe"],
        ),
    ],
)
def test_what_this_rounds_byline_rules_leave_alone(body: str, expected: list[str]) -> None:
    assert credited(body=body).authors == expected


def test_names_of_months_and_days_are_names_unless_a_dateline_left_them() -> None:
    assert not is_nobody("April May") and not is_nobody("June Sun")
    assert is_nobody("Saturday, March") and is_nobody("Wednesday")


def test_the_outlet_named_by_its_brand_beside_its_reporter_is_no_person() -> None:
    body = '<div class="artInfo">文｜财新 王小东<br>2024年05月17日 16:18</div>'
    found = credited(meta={"author": "财新网"}, body=body, host="finance.caixin.com", language="zh")
    assert found == Credits(["王小东"], "财新网")


@pytest.mark.parametrize(
    ("byline", "authors", "publisher"),
    [
        ("上報快訊／范姜佳鈺", ["范姜佳鈺"], "上報快訊"),
        ("記者王小明／台北報導", ["王小明"], None),
        ("記者 王小明 / 綜合報導", ["王小明"], None),
        # the outlet before "reporter", as a JSON-LD author holds the whole byline
        ("聯合報 記者王小明／台北即時報導", ["王小明"], None),
        ("中央社記者王小明／台北報導", ["王小明"], None),
    ],
)
def test_chinese_credits_with_an_outlet_or_where_the_report_was_filed(
    byline: str, authors: list[str], publisher: str | None
) -> None:
    credit = Credit([], "news.example.tw", "zh-TW")
    credit.add(byline)
    assert credit.result() == Credits(authors, publisher)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<div class="postinfo">Posted on May 16, 2024 by Tom Reddick</div>', ["Tom Reddick"]),
        (
            '<p class="meta">Posted by: Bruce Stiefel<br>Posted on: May 17, 2024 8:05 AM</p>',
            ["Bruce Stiefel"],
        ),
        ("<p><em>Submitted by Elaine Cormier, Port Elgin Lions Club</em></p>", ["Elaine Cormier"]),
        ("<p><strong>From Kwame Asare Boadu, Kumasi</strong></p>", ["Kwame Asare Boadu"]),
        (
            '<div class="post-byline"><strong>Tendai Mhaka</strong><br>Opinion</div>',
            ["Tendai Mhaka"],
        ),
        ('<p class="auth">By DEBRA KOHL Staff Writer</p>', ["Debra Kohl"]),
        ('<span class="byline">Contributed</span>', []),
        (
            '<div class="info">发布时间：2024-05-17 来源：湖北日报 作者：李明 通讯员 陈芳</div>',
            ["李明"],
        ),
        # a slash for the colon
        ('<div class="info">发布/2024年5月17日 15:20　作者/陈思远</div>', ["陈思远"]),
        # a WordPress meta line: the login name is nobody, the category link no author
        (
            '<p class="post-meta"> by <span class="author vcard"><a rel="author" href="/author/'
            'j03f3l_1000/">j03f3l_1000</a></span> | <span class="published">Jun 2, 2020</span> '
            '| <a href="/category/blogs/" rel="category tag">Executive Search Blogs</a> |</p>',
            [],
        ),
    ],
)
def test_bylines_of_small_sites(body: str, expected: list[str]) -> None:
    assert credited(body=body, language="zh" if "作者" in body else "en").authors == expected


def test_a_byline_set_as_the_storys_first_paragraph() -> None:
    html = _story("<strong>Por: Marcelo Quispe Mamani</strong>", "Fin.", "es")
    assert extract_article("https://news.example.bo/a.html", html).authors == [
        "Marcelo Quispe Mamani"
    ]
    html = _story("<em>Submitted by Elaine Cormier</em><br>May 14, 2024", "End.", "en")
    assert extract_article("https://news.example.ca/a.html", html).authors == ["Elaine Cormier"]
    # with the writer's account after the name
    html = _story("<strong>Etenesh Abera @EteneshAbera</strong>", "End.", "en")
    assert extract_article("https://news.example.et/a.html", html).authors == ["Etenesh Abera"]
    # a comment's byline before the story is not the story's
    html = _story("Start.", "End.", "en").replace(
        "<p>Start.</p>", '<div class="comments"><p>By Franz Kafka</p></div><p>Start.</p>'
    )
    assert extract_article("https://news.example.com/a.html", html).authors == []


@pytest.mark.parametrize(
    ("first", "language", "expected"),
    [
        ("(எம்.மனோசித்ரா)", "ta", ["எம்.மனோசித்ரா"]),  # as Sri Lankan papers sign a story
        ("(ලලිත් ප්‍රනාන්දු)", "si", ["ලලිත් ප්‍රනාන්දු"]),
        ("(Kamal Perera)", "en", ["Kamal Perera"]),
        # an agency credits the publisher; a heading or a caption in brackets names nobody
        ("(Reuters)", "en", []),
        ("(AFP)", "en", []),
        ("(Video)", "en", []),
        ("(Updated)", "en", []),
        ("(Representational Image)", "en", []),
        ("(Updated at 5 pm)", "en", []),
        ("(Exclusive Interview)", "en", []),
        ("(With Inputs)", "en", []),
        ("(فيديو)", "ar", []),
        ("(फाइल फोटो)", "hi", []),
    ],
)
def test_a_name_alone_in_brackets_opening_the_story(
    first: str, language: str, expected: list[str]
) -> None:
    assert credited(body=f"<p>{first}</p>", language=language).authors == expected


@pytest.mark.parametrize(
    ("label", "href", "expected"),
    [
        ("Reporter", "/penulis/1765", ["Dewi Lestari Anjani"]),  # an Indonesian writer's page
        ("Penulis:", "/wartawan/1765", ["Dewi Lestari Anjani"]),
        ("Tác giả", "/tac-gia/dewi-lestari-anjani-1765", ["Dewi Lestari Anjani"]),
        ("By", "/news/dewi-lestari-anjani", ["Dewi Lestari Anjani"]),  # a page named after her
        ("Editor", "/penulis/1765", []),  # another credit's label
        ("Reporter", "/ekonomi/1765", []),  # a link to no person's page
    ],
)
def test_a_label_and_a_linked_name_each_in_an_element_of_its_own(
    label: str, href: str, expected: list[str]
) -> None:
    """No class says byline; the label's element, then the name's, then the editor's."""
    body = (
        f'<div class="block-avatar"><p class="title"><span>{label}</span></p><h4 class="title">'
        f'<a href="https://news.example{href}">Dewi Lestari Anjani</a></h4><p class="title">'
        '<span>Editor</span></p><h4 class="title"><a href="https://news.example/penulis/102">'
        "Agung Sedayu</a></h4></div>"
    )
    assert credited(body=body, language="id").authors == expected


def test_a_signature_closing_the_story_is_right_aligned_bold() -> None:
    signed = _story("Hà Nội đón đợt nắng nóng.", "", "vi").replace(
        "<p></p>", '<p class="Normal" style="text-align:right;"><strong>Sơn Hà</strong></p>'
    )
    assert extract_article("https://news.example.vn/a.html", signed).authors == ["Sơn Hà"]
    heading = _story("Start.", "<strong>Top Stories Today</strong>", "en")
    assert extract_article("https://news.example.com/a.html", heading).authors == []
    # in capitals, as Vietnamese papers sign (names given in their own case); a heading in
    # capitals signs nothing
    capitals = signed.replace("Sơn Hà", "NGỌC ĐOAN - THU HÀ")
    assert extract_article("https://news.example.vn/a.html", capitals).authors == [
        "Ngọc Đoan",
        "Thu Hà",
    ]
    # a heading or a place in capitals closing the story, not set to the right, signs nothing
    for heading in ("TOP STORIES TODAY", "LEIA MAIS", "SOUTH AFRICA"):
        html = _story("Start.", f"<strong>{heading}</strong>", "pt")
        assert extract_article("https://news.example.com/a.html", html).authors == []
    # even on a Vietnamese page, or set to the right: a heading is one phrase
    for heading in ("TIN LIÊN QUAN", "THEO TUỔI TRẺ"):
        html = _story("Start.", f"<strong>{heading}</strong>", "vi")
        assert extract_article("https://news.example.vn/a.html", html).authors == []
    right = signed.replace("Sơn Hà", "VEJA TAMBÉM")
    assert extract_article("https://news.example.com.br/a.html", right).authors == []
    # one pen name in capitals set to the right signs a Vietnamese story; a heading does not
    one = signed.replace("Sơn Hà", "NGỌC HÀ")
    assert extract_article("https://news.example.vn/a.html", one).authors == ["Ngọc Hà"]
    for heading in ("TIN LIÊN QUAN", "BẢN TIN", "THEO TTXVN"):
        right = signed.replace("Sơn Hà", heading)
        assert extract_article("https://news.example.vn/a.html", right).authors == []
    # elsewhere "Theo" is a given name
    theo = _story("Start.", "<strong>Theo Walcott</strong>", "en")
    assert extract_article("https://news.example.com/a.html", theo).authors == ["Theo Walcott"]
    # after the block that holds the story's paragraphs
    outside = signed.replace("<article>", "<article><div class='fck_detail'>").replace(
        '<p class="Normal"', '</div><p class="Normal"'
    )
    assert extract_article("https://news.example.vn/a.html", outside).authors == ["Sơn Hà"]
    # a heading of related stories there is no signature
    related = outside.replace(' style="text-align:right;"', "").replace("Sơn Hà", "Tin Liên Quan")
    assert extract_article("https://news.example.vn/a.html", related).authors == []


@pytest.mark.parametrize(
    ("jsonld", "body", "expected"),
    [
        # a role alone names nobody, whatever kind words it has
        ([], '<p class="byline">By Our Staff Reporter</p>', []),
        ([], '<p class="byline">Senior Staff Writer</p>', []),
        # and in languages that set the kind after the role, or a little word before it
        ([], '<p class="byline">Na Mwandishi Wetu</p>', []),
        ([], '<p class="byline">De notre correspondant</p>', []),
        ([], '<p class="byline">Correspondance particulière</p>', []),
        ([], '<p class="byline">From our correspondent</p>', []),
        # a field's label before a colon is no place the story was filed from
        ([], '<p class="byline">Category: World News</p>', []),
        # where the story was filed is no second author
        (["Jane Doe"], '<p class="byline">By Jane Doe, New York</p>', ["Jane Doe"]),
        (["Jane Doe"], '<p class="byline">By Jane Doe, Hong Kong</p>', ["Jane Doe"]),
        # a sponsor's strip is no byline
        ([], '<div class="sponsored-by">Sponsored by Acme Corp</div>', []),
    ],
)
def test_what_a_byline_is_not(jsonld: list[str], body: str, expected: list[str]) -> None:
    assert credited(jsonld=jsonld, body=body).authors == expected


def test_a_sentence_with_a_number_and_by_is_no_byline() -> None:
    html = _story("Police said 3 people were killed by Hamas fighters.", "End.", "en")
    assert extract_article("https://news.example.com/a.html", html).authors == []


def test_a_chinese_byline_naming_its_outlet_and_a_correspondent() -> None:
    body = (
        "<div>澎湃新闻记者 王一鸣 通讯员 沈佳</div>"
        '<div class="index_editor">责任编辑：陈斯斯　图片编辑：蒋立冬<br>校对：施鋆</div>'
    )
    assert credited(body=body, language="zh-CN").authors == ["王一鸣", "沈佳"]
    assert credited(body="<div>人民日报记者 王一鸣／北京报道</div>", language="zh").authors == [
        "王一鸣"
    ]
    # in an element its class marks as the byline too
    body = '<div class="article-author">南方日报记者 黄佳慧 通讯员 粤商宣</div>'
    assert credited(body=body, language="zh-CN").authors == ["黄佳慧", "粤商宣"]


@pytest.mark.parametrize(
    ("last", "lang", "expected"),
    [
        ("<strong>Fredo Bassolé</strong><br><strong>Lefaso.net</strong>", "fr", ["Fredo Bassolé"]),
        ("<b>Kouamé Yao</b>", "fr", ["Kouamé Yao"]),
        ("<strong>Hanitra R.</strong>", "fr", ["Hanitra R."]),  # an initial and its full stop
        ("<strong>නිමල් ජයසිංහ</strong>", "si", ["නිමල් ජයසිංහ"]),
        ("<em>&#8212; Dennis Santos</em>", "tl", ["Dennis Santos"]),
        # headings, calls to action and sections' titles sign nothing
        ("<strong>Top Stories Today</strong>", "en", []),
        ("<strong>Follow Us Now</strong>", "en", []),
        ("<b>Read More</b>", "en", []),
        ("<strong>相关 新闻</strong>", "zh", []),
        ("<strong>Happy New Year</strong>", "en", []),
        ("<em>Stay Safe Everyone</em>", "en", []),
        ("— Updated Friday Evening", "en", []),
        ("<b>ये भी पढ़ें</b>", "hi", []),  # "read also"
        ("<b>اقرأ أيضا</b>", "ar", []),
        ("<i>Kouamé Yao</i>", "fr", ["Kouamé Yao"]),  # in italics
        ("— Dennis Santos", "tl", ["Dennis Santos"]),  # after a dash alone
        # two names joined by "and" only in a signature set to the right (below)
        ("<strong>New York and New Jersey</strong>", "en", []),
        # above the source line closing the story, a paper; over an agency's, a quote's speaker
        (
            "<strong>Kouamé Yao</strong></p><p><em>Source : Le Républicain</em>",
            "fr",
            ["Kouamé Yao"],
        ),
        ("<strong>Carlos Vives</strong></p><p>Fuente: Colprensa", "es", []),
    ],
)
def test_a_signature_closing_the_story(last: str, lang: str, expected: list[str]) -> None:
    html = _story("Start.", last, lang)
    assert extract_article("https://news.example.com/a.html", html).authors == expected


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("Mariam Sanou<br>Lefaso.net", ["Mariam Sanou"]),
        # a notice over it is no name, nor a third line
        ("Tous droits réservés<br>Lefaso.net", []),
        ("Mariam Sanou<br>Lefaso.net<br>Ouagadougou", []),
        # another domain is a venue's, a charity's or a press contact's
        ("Harrogate Theatre<br>harrogatetheatre.co.uk", []),
        ("Jessica Ramirez<br>maricopa.gov", []),
    ],
)
def test_a_signature_over_the_sites_domain_closing_the_story(
    last: str, expected: list[str]
) -> None:
    html = _story("Start.", last, "fr")
    assert extract_article("https://lefaso.net/spip.php?article1", html).authors == expected


def test_a_line_over_a_parent_domain_signs_nothing_but_over_the_mobile_sites() -> None:
    html = _story("Start.", "Fale Conosco<br>clicrbs.com.br", "pt")
    assert extract_article("https://gauchazh.clicrbs.com.br/a.html", html).authors == []
    html = _story("Start.", "Mariam Sanou<br>Lefaso.net", "fr")
    assert extract_article("https://m.lefaso.net/a.html", html).authors == ["Mariam Sanou"]
    # fetched elsewhere (a mirror, a replay), the site is the one its canonical link names
    html = html.replace("</head>", '<link rel="canonical" href="https://lefaso.net/a"></head>')
    assert extract_article("http://127.0.0.1:8080/a", html).authors == ["Mariam Sanou"]


def test_a_vietnamese_signature_set_to_the_right_joins_its_names_by_and() -> None:
    html = _story("Start.", "<strong>Đức Anh và Thu Trang</strong>", "vi")
    html = html.replace("<p><strong>", '<p style="text-align:right"><strong>')
    assert extract_article("https://news.example.vn/a.html", html).authors == [
        "Đức Anh",
        "Thu Trang",
    ]
    # not places the story names
    html = _story("Start. Đà Nẵng đón khách.", "<strong>Đà Nẵng và Hội An</strong>", "vi")
    html = html.replace("<p><strong>", '<p style="text-align:right"><strong>')
    assert extract_article("https://news.example.vn/a.html", html).authors == []
    # elsewhere a line so set may join places
    html = _story("Start.", "<strong>New York and New Jersey</strong>", "en")
    html = html.replace("<p><strong>", '<p style="text-align:right"><strong>')
    assert extract_article("https://news.example.com/a.html", html).authors == []


def test_a_signature_set_to_the_right_inside_a_body_of_br_lines() -> None:
    line = "В минувшую пятницу в Центральном районе открылся обновлённый сквер, шли два года."
    body = "<br><br>".join([line] * 8)
    signature = '<div align="right"><b>Виктор СЕМЁНОВ.</b><br><i>Фото автора.</i></div>'
    html = (
        '<html lang="ru"><head><title>Сквер помолодел</title></head><body><table><tr><td><font '
        f'size="5"><b>Сквер помолодел</b></font><br><font size="3">{body}<br><br>{signature}'
        "</font></td></tr></table></body></html>"
    )
    url = "http://www.kuzrab.example/archive/?id=41235"
    assert extract_article(url, html).authors == ["Виктор СЕМЁНОВ"]
    # not set to the right, it may be a subhead
    html = html.replace('<div align="right">', "<div>")
    assert extract_article(url, html).authors == []


def test_a_bylines_date_in_brackets_goes_with_its_label() -> None:
    body = "<div>By Khamphone Sisavath<br>(Latest Update May 23, 2024)</div>"
    assert credited(body=body).authors == ["Khamphone Sisavath"]
    # a bracket around the whole byline stays
    body = "<div class='byline'>(By Jane Doe, 17 May 2024)</div>"
    assert credited(body=body).authors == ["Jane Doe"]


def test_the_paper_a_closing_source_line_credits_is_no_writer() -> None:
    """An aggregator's byline names the paper it took the story from, which the story's last
    line gives as its source under the writer's signature."""
    byline = '<p class="author">Par <a href="/category/sources/le-republicain/">Le Républicain</a>'
    html = _story("Start.", "<strong>Moussa Touré</strong></p><p>Source : Le Républicain", "fr")
    html = html.replace("<p><p>Start.", "<p>Start.").replace("</h1>", f"</h1>{byline}</p>")
    fields = extract_article("https://www.maliweb.example/a.html", html)
    assert Credits(fields.authors, fields.publisher) == Credits(["Moussa Touré"], "Le Républicain")
    # one who signs alone, and whom the source line names, stays the writer
    html = _story("Start.", "Source : Boukary Sawadogo", "fr")
    html = html.replace("</h1>", '</h1><p class="author">Par Boukary Sawadogo</p>')
    assert extract_article("https://www.maliweb.example/a.html", html).authors == [
        "Boukary Sawadogo"
    ]
    # a writer the source line does not name stays the writer
    html = _story("Start.", "Source : Le Républicain", "fr")
    html = html.replace("</h1>", '</h1><p class="author">Par Awa Diallo</p>')
    assert extract_article("https://www.maliweb.example/a.html", html).authors == ["Awa Diallo"]


@pytest.mark.parametrize(
    ("last", "after", "lang", "publisher"),
    [
        ("Πηγή: ΑΠΕ-ΜΠΕ", "", "el", "ΑΠΕ-ΜΠΕ"),
        ("Kraj.", "<div class='story-source'>Извор: Танјуг</div>", "sr", "Танјуг"),
        ("Kraj.", "<div class='story-source'>Izvor: Tanjug</div>", "sr", "Tanjug"),
        ("Sfârșit.", "<div class='story-source'>Sursa: Agerpres</div>", "ro", "Agerpres"),
        ("Fund.", "<div class='story-source'>Burimi: ATA</div>", "sq", "ATA"),
        # an office the story quotes is no agency
        ("Kraj.", "<div class='story-source'>Izvor: Gradska uprava Kragujevac</div>", "sr", None),
    ],
)
def test_an_agency_a_source_line_closing_the_story_credits_when_nobody_signed(
    last: str, after: str, lang: str, publisher: str | None
) -> None:
    html = _story("Start.", last, lang).replace("</article>", f"</article>{after}")
    fields = extract_article("https://news.example.rs/a.html", html)
    assert Credits(fields.authors, fields.publisher) == Credits([], publisher)


def test_the_storys_last_paragraph_classed_as_its_byline() -> None:
    html = _story("Start.", "", "ja").replace(
        "<p></p>", '<p class="byline">佐藤 誠一/Webオリジナル（特集班）</p>'
    )
    # the piece's label in two scripts names nobody
    assert extract_article("https://news.example.jp/a.html", html).authors == ["佐藤 誠一"]
    html = _story("Start.", "", "en").replace("<p></p>", '<p class="byline">By Jane Doe</p>')
    assert extract_article("https://news.example.com/a.html", html).authors == ["Jane Doe"]
    # unmarked, a last paragraph naming someone is the story's own sentence
    html = _story("Start.", "Jane Doe", "en")
    assert extract_article("https://news.example.com/a.html", html).authors == []


@pytest.mark.parametrize(
    ("first", "last", "lang", "expected"),
    [
        # an editor's label closing the story credits its editor
        ("Start.", "<strong>Редактор: Иван Петров</strong>", "ru", ["Meseret Awoke"]),
        ("Start.", "<strong>በአልማዝ አየነ</strong>", "am", ["አልማዝ አየነ"]),
        ("<b>Ni Jocelyn Ramos</b>", "Wakas.", "tl", ["Jocelyn Ramos"]),
        # a name in bold without a label does not overrule the author field
        ("Start.", "<strong>Almaz Ayene</strong>", "en", ["Meseret Awoke"]),
    ],
)
def test_a_labelled_bold_byline_in_the_story_overrules_the_cms_author(
    first: str, last: str, lang: str, expected: list[str]
) -> None:
    """The CMS's author field names who posted the story."""
    html = _story(first, last, lang).replace(
        "</head>", '<meta name="author" content="Meseret Awoke"></head>'
    )
    assert extract_article("https://news.example.et/a.html", html).authors == expected


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("Das Budget wurde beschlossen. (Andrea Heigl, DER STANDARD-Printausgabe, 27.10.2009)",
         ["Andrea Heigl"]),
        ("Das Budget wurde beschlossen. (Florian Gmeiner, derStandard.at, 14.2.2013)",
         ["Florian Gmeiner"]),  # the site's domain for the paper
        ("Das sagte er. (Ernst Strasser, Pressekonferenz, 27.10.2009)", []),
        # an agency or a place and the day sign no person
        ("Das Budget wurde beschlossen. (APA, 27.10.2009)", []),
        ("Das Budget wurde beschlossen. (Wien, 27.10.2009)", []),
        ("Das Budget wurde beschlossen. (Salzburger Nachrichten, Printausgabe, 27.10.2009)", []),
        ("Das sagte er. (Ernst Strasser, Pressekonferenz am 27.10.2009)", []),
        ("Das Urteil fiel. (Oberster Gerichtshof, Urteil, 27.10.2009)", []),
    ],
)  # fmt: skip
def test_brackets_closing_the_story_with_a_name_and_the_day_it_ran(
    last: str, expected: list[str]
) -> None:
    html = _story("Start.", last, "de")
    assert extract_article("https://derstandard.example/a.html", html).authors == expected


def test_a_name_alone_in_bold_before_more_of_the_story_is_a_heading() -> None:
    html = _story("Start.", "<strong>Kouamé Yao</strong>", "fr").replace(
        "</article>", "<p>La suite de l’article, un paragraphe de plus.</p></article>"
    )
    assert extract_article("https://news.example.ci/a.html", html).authors == []


def test_a_commenter_is_no_author() -> None:
    html = _story("Start.", "<strong>Fredo Bassolé</strong><br><strong>Lefaso.net</strong>", "fr")
    html = html.replace(
        "</article>",
        '</article><div class="forum"><div class="forum-item"><p class="forum-auteur">Kassoum, '
        "le 17 mai 2024 à 16:05</p><p>Il faut sanctionner.</p></div></div>",
    )
    assert extract_article("https://lefaso.example/a.html", html).authors == ["Fredo Bassolé"]
    forum = '<div class="forum"><p class="forum-auteur">Kassoum Ouédraogo</p></div>'
    assert credited(body=forum, language="fr").authors == []


@pytest.mark.parametrize(
    ("jsonld", "body", "language", "expected"),
    [
        (
            ["विजय पुंडीर"],
            '<div class="auther-details"><span class="reporter">Reported By: <a href="/authors/'
            'arun-parashar">अरुण पाराशर</a></span> <span class="publisher">Published by: <a '
            'href="/authors/vijay-pundir">विजय पुंडीर</a></span></div>',
            "hi",
            ["अरुण पाराशर"],
        ),
        # "Published by" alone names the writer who posted the story
        (
            ["Jane Doe"],
            '<span class="publisher">Published by: <a href="/author/jane-doe">Jane Doe</a></span>',
            "en",
            ["Jane Doe"],
        ),
        # an editor labelled beside the writer, whom the metadata lists first
        (
            ["Icha Rastika"],
            '<div class="byline">Ardito Ramadhan</div><div>Edited by: Icha Rastika</div>',
            "id",
            ["Ardito Ramadhan"],
        ),
    ],
)
def test_an_editor_beside_the_byline_is_no_author(
    jsonld: list[str], body: str, language: str, expected: list[str]
) -> None:
    assert credited(jsonld=jsonld, body=body, language=language).authors == expected


@pytest.mark.parametrize(
    ("jsonld", "body", "language", "expected"),
    [
        # a role before the name, whose link goes to a page named after them
        (
            [],
            '<div class="byline">By state political reporter <a href="/news/kate-lindqvist/1234">'
            "Kate Lindqvist</a></div>",
            "en",
            ["Kate Lindqvist"],
        ),
        # a role after the name, in an element of its own
        (
            [],
            '<div class="byline">By Denise Thornton <span>HealthDay Reporter</span></div>',
            "en",
            ["Denise Thornton"],
        ),
        # little words inside a name are no date's ("den 14 maj")
        (
            [],
            '<span class="article__author">Pieter Van den Broeck</span> <time>14-03-24</time>',
            "nl",
            ["Pieter Van den Broeck"],
        ),
        # a field beside the names, its label and value, a <time>'s text: no names
        (
            ["Santiago Siguero"],
            '<div class="ue-c-article__byline"><span class="ue-c-article__byline-name">Santiago '
            "Siguero</span> <time>Actualizado Martes, 14 mayo 2024 - 23:12</time></div>",
            "es",
            ["Santiago Siguero"],
        ),
        (
            [],
            '<div class="title-info-author"><a class="name" href="https://m.sohu.com/media/1">'
            '杭州日报</a> <span class="time">2024-05-18 11:26</span> <span class="ip">'
            "发布于：浙江省</span></div>",
            "zh-CN",
            [],
        ),
        # a dateline's label ("Publicado hace 2 horas") is no byline: the one after it is
        (
            [],
            '<div class="info-notaemol-porfecha"><span id="cuDetalle_cuCreditos_fecha" class="'
            'fecha-relativa">Publicado hace 2 horas</span> | Por <span class="autor">Catalina '
            "Reyes</span></div>",
            "es",
            ["Catalina Reyes"],
        ),
        # Joomla's byline, a byline among the sharing buttons, an abbreviated class
        (
            [],
            '<dl class="article-info"><dd class="createdby">Written by <span itemprop="name">'
            "Alison Tremlett</span></dd></dl>",
            "en",
            ["Alison Tremlett"],
        ),
        (
            [],
            '<div class="time-share"><span class="author">Gurpreet Sandhu</span> <span>Tribune '
            'News Service</span><br><span class="posted">Posted At: 05/04/2024 10:30 AM</span>'
            "</div>",
            "en",
            ["Gurpreet Sandhu"],
        ),
        (
            [],
            '<div class="left-authr-art"><span class="auth-name">Faraz Qureshi</span> <span '
            'class="left-authr-art-date">May 17, 2024</span></div>',
            "en",
            ["Faraz Qureshi"],
        ),
    ],
)
def test_names_beside_roles_dates_and_other_fields(
    jsonld: list[str], body: str, language: str, expected: list[str]
) -> None:
    assert credited(jsonld=jsonld, body=body, language=language).authors == expected


def test_the_site_and_a_date_beside_a_byline_leave_no_piece_as_a_name() -> None:
    body = (
        '<div class="bylineDetails"><span class="authorText">Joanne Chiasson · CBC News</span> · '
        '<span class="timeStamp"><time>Posted: May 04, 2024 4:00 AM EDT</time></span> | <span>'
        "Last Updated: May 5, 2024</span></div>"
    )
    found = credited(body=body, host="www.cbc.ca")
    assert found == Credits(["Joanne Chiasson"], "CBC News")


def test_a_name_never_starts_with_punctuation() -> None:
    body = (
        '<p class="credit">KYODO NEWS - <span>May 17, 2024 - 14:30</span> | <a href="/news/'
        'japan-nation">Japan</a></p>'
    )
    found = credited(body=body, site_names=("Kyodo News+",), host="english.kyodonews.net")
    assert found.authors == []


def test_a_live_blogs_entries_credit_their_own_sources_not_the_page() -> None:
    entries = "".join(
        f'<div class="liveblog__entry"><h2>Meldung {n}</h2><p>{"Die Lage bleibt angespannt. " * n}'
        '</p><p class="liveblog__author">Quelle: dpa / Reuters</p></div>'
        for n in (2, 3, 4, 5, 2)
    )
    html = (
        "<html><body><article><h1>Liveblog</h1><p>Nach dem Tod des Präsidenten ordnet die "
        f"Führung eine Staatstrauer an.</p><div>{entries}</div></article></body></html>"
    )
    found = credits(
        jsonld_authors=(),
        jsonld_organisations=["tagesschau.de"],
        item_authors=lambda: (),
        meta={},
        og_authors=[],
        anatomy=Anatomy(parse_html(html), "https://www.tagesschau.de/liveblog"),
        site_names=("tagesschau.de",),
        host="www.tagesschau.de",
        language="de",
        fallback=lambda: None,
    )
    assert found == Credits([], "tagesschau.de")


def test_the_name_in_an_author_box_after_the_story_is_its_byline() -> None:
    prose = PROSE
    box = (
        '<div class="author-box"><img src="/a.jpg" alt=""><div class="author-box__info">'
        '<a href="/author/prodromos-papadopoulos/" class="author-box__name">Πρόδρομος'
        ' Παπαδόπουλος</a><p class="author-box__bio">Ο Πρόδρομος Παπαδόπουλος είναι συντάκτης'
        " του οικονομικού τμήματος.</p></div></div>"
    )
    html = f"<html><body><article><h1>Headline</h1>{prose}{box}</article></body></html>"
    page = Anatomy(parse_html(html), "https://www.kathimerini.gr/economy/1/")
    found = credits(
        jsonld_authors=[], item_authors=lambda: (), meta={}, og_authors=[], anatomy=page,
        site_names=(), host="www.kathimerini.gr", language="el", fallback=lambda: None,
    )  # fmt: skip
    assert found == Credits(["Πρόδρομος Παπαδόπουλος"], None)


def test_the_name_the_page_shows_wins_over_its_metadata_with_words_after_it() -> None:
    """BLOX fills the author field with the whole byline: "Amber Peabody Enterprise Staff
    Writer", where the page links "Amber Peabody" alone."""
    byline = (
        '<span class="tnt-byline">By <a href="/users/profile/Amber%20Peabody" rel="author">'
        "Amber Peabody</a> Enterprise Staff Writer</span>"
    )
    found = credited(
        jsonld=["Amber Peabody Enterprise Staff Writer"], body=byline,
        site_names=("Cody Enterprise",), host="www.codyenterprise.com",
    )  # fmt: skip
    assert found.authors == ["Amber Peabody"]
    # a longer name on the page than in the metadata changes nothing
    assert credited(jsonld=["Amber Peabody"], body=byline).authors == ["Amber Peabody"]
    # the outlet after a full stop
    byline = '<div class="article__author"><a href="/authors/wilmer-leon/">Wilmer Leon</a></div>'
    found = credited(jsonld=["Wilmer Leon. Sputnik International"], body=byline)
    assert found.authors == ["Wilmer Leon"]


def test_a_class_that_holds_city_in_another_word_sets_no_name_aside() -> None:
    byline = (
        '<div class="byline"><span class="opacity-80">Jane Doe</span>'
        '<span class="opacity-80">John Roe</span></div>'
    )
    assert credited(body=byline).authors == ["Jane Doe", "John Roe"]


@pytest.mark.parametrize("place", ["رام الله", "بوابة الأهرام"])
def test_a_place_or_an_outlet_a_dash_before_an_arabic_name_is_no_second_writer(
    place: str,
) -> None:
    assert "محمد علي" not in split_byline(f"{place} - محمد علي", "ar")[1:]
    assert len(split_byline(f"{place} - محمد علي", "ar")) == 1


@pytest.mark.parametrize("credit", ["ترجمة: محمد علي", "المحرر: محمد علي", "ภาพ: สมชาย ใจดี"])
def test_a_translator_editor_or_photographer_before_a_colon_is_no_place_and_writer(
    credit: str,
) -> None:
    assert split_byline(credit, "ar") == []


def test_a_line_of_the_date_in_a_byline_element_names_nobody() -> None:
    """ITmedia's byline gives the time, then the writer and the site in brackets."""
    body = '<div id="byline">2014年09月18日 15時20分 公開<br>[山田祐介，ITmedia]</div>' + "".join(
        f"<p>名刺管理アプリの認識精度を向上した。段落{i}です。</p>" for i in range(5)
    )
    found = credited(body=body, language="ja", site_names=("ITmedia",), host="www.itmedia.co.jp")
    assert (found.authors, found.publisher) == (["山田祐介"], "ITmedia")


@pytest.mark.parametrize(
    "caption",
    [
        "台中捷運綠線北屯機廠工地。（記者林志昇攝）",
        "財政部今天下午將公佈今年1-2月期統一發票中獎清冊，本期千萬中獎張數為18張。（資料照）",
    ],
)
def test_a_pictures_caption_above_a_taiwanese_lead_is_not_the_story(caption: str) -> None:
    """The Liberty Times sets a picture and its caption, with its credit ("(記者林志昇攝)") or
    as a file photo's ("(資料照)"), in the story's first paragraph; the reporter's lead opens
    the next one."""
    html = _story(
        f"<img src='/p.jpg'>{caption}</p>"
        "<p>〔記者林志昇／台中報導〕台中捷運綠線北屯機廠工程進度落後近一成。",
        "完",
        "zh-TW",
    )
    assert extract_article("https://news.ltn.com.tw/news/life/paper/763412", html).authors == [
        "林志昇"
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # the link's class says it is the author's, though its address names no author's page
        (
            "<div class='info_wrap'><a class='category' href='/suspilstvo_tag52456/'>Суспільство"
            "</a> — <a class='author_name' href='/blogger/yuriy_bratyuk_u53168/'>Юрій Братюк,</a>"
            " <span class='date'>18:06</span></div>",
            ["Юрій Братюк"],
        ),
        (
            "<div class='publication-header__meta'><a class='publication-header__author' "
            "href='https://decorrespondent.nl/lottehoogendijk'><span>Lotte Hoogendijk</span> "
            "<span class='publication-header__author-role'>Correspondent Onderwijs</span></a>"
            "</div>",
            ["Lotte Hoogendijk"],
        ),
        # a link to another story, though beside the headline, credits nobody
        ("<div class='info'><a href='/news/other-story-n1503'>Інша новина</a></div>", []),
    ],
)
def test_a_link_classed_as_the_authors_is_the_byline(byline: str, expected: list[str]) -> None:
    html = story_page("uk", before=byline)
    assert extract_article("https://zaxid.example/news_n1503302", html).authors == expected


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # 1C-Bitrix's news template lists the story's fields as loose lines after it
        (
            "<div style='clear:both'></div><br>Автор:&nbsp;Сергей Лукин<br>"
            "Источник:&nbsp;«Тульские известия»<br>",
            ["Сергей Лукин"],
        ),
        # a source alone credits no writer
        ("<br>Источник:&nbsp;«Тульские известия»<br>", []),
        # nor does a line after another element with text
        ("<p class='share'>Поделиться</p>Автор:&nbsp;Сергей Лукин", []),
    ],
)
def test_loose_lines_after_the_story_credit_its_writer(after: str, expected: list[str]) -> None:
    prose = "".join(
        f"<p>Абзац {i}: в Туле отремонтируют Демидовскую плотину до конца года.</p>"
        for i in range(5)
    )
    html = (
        "<html lang='ru'><head><title>Плотина</title></head><body><h1>Плотина</h1>"
        f"<div class='news-detail'>{prose}{after}</div></body></html>"
    )
    assert extract_article("https://tulapressa.example/news/plotina/", html).authors == expected


def test_a_word_in_capitals_is_a_place_only_after_a_wires_newsroom() -> None:
    """ "Redazione ANSA" then "GENOVA": the city the wire's newsroom filed from; after a site
    or a desk of no wire, one name in capitals is a writer's (Indonesian writers may have
    one)."""
    wire = Credit([], "www.ansa.it", "it")
    wire.add("Redazione ANSA")
    wire.add("GENOVA")
    assert wire.result().authors == []
    site = Credit(["Contoh Berita"], "www.contohberita.co.id", "id")
    site.add("Contoh Berita")
    site.add("SUPRIYANTO")
    assert site.result().authors == ["SUPRIYANTO"]


def _jsonld(**article: object) -> str:
    node = {"@context": "https://schema.org", "@type": "NewsArticle", **article}
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


@pytest.mark.parametrize(
    ("lang", "head", "before", "expected"),
    [
        # an outlet and the agency it ran, as the JSON-LD credits them: the agency
        ("fr", _jsonld(author={"@type": "Organization", "name": "Le Monde avec AFP"}), "", "AFP"),
        # an outlet "with" a word that is no agency stays the publisher
        (
            "de",
            _jsonld(author={"@type": "Organization", "name": "Zeitung mit Herz"}),
            "",
            "Zeitung mit Herz",
        ),
        # the agency after the linked writer, outside the link, as the writer's source
        (
            "fr",
            _jsonld(author={"@type": "Person", "name": "Romain Vasseur"}),
            "<div class='author-and-date'><span class='ad_author'>Par <a href='/auteur/romain-"
            "vasseur/'>Romain Vasseur</a> avec AFP</span><div class='timestamp'>Le 3 octobre 2023"
            " à 13h21</div></div>",
            "AFP",
        ),
    ],
)
def test_an_agency_beside_an_outlet_or_a_writer_is_the_publisher(
    lang: str, head: str, before: str, expected: str
) -> None:
    html = story_page(lang, head=head, before=before)
    fields = extract_article("https://www.leparisien.example/story-123.php", html)
    assert fields.publisher == expected


def test_a_byline_naming_the_metadatas_writers_and_more_wins() -> None:
    """The JSON-LD names two of the three writers the byline shows."""
    head = _jsonld(
        author=[
            {"@type": "Person", "name": "Anaïs Ferrandi"},
            {"@type": "Person", "name": "Karim Oulmane"},
        ]
    )
    byline = (
        "<p class='byline'>Par <a class='author' href='/biographie/anais-ferrandi'>Anaïs "
        "Ferrandi</a>, <a class='author' href='/biographie/karim-oulmane'>Karim Oulmane</a> et "
        "<a class='author' href='/biographie/stephanie-lacombe-roy'>Stéphanie Lacombe-Roy</a>"
        " (Le Poulpe)</p>"
    )
    html = story_page("fr", head=head, before=byline)
    assert extract_article("https://www.mediapart.example/journal/140224/x", html).authors == [
        "Anaïs Ferrandi",
        "Karim Oulmane",
        "Stéphanie Lacombe-Roy",
    ]
    # a byline naming others than the metadata's does not replace them
    other = byline.replace("Anaïs Ferrandi", "Julie Brun").replace("anais-ferrandi", "julie-brun")
    html = story_page("fr", head=head, before=other)
    assert extract_article("https://www.mediapart.example/journal/140224/x", html).authors == [
        "Anaïs Ferrandi",
        "Karim Oulmane",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("political reporter Maddie Hetherington", ["Maddie Hetherington"]),
        ("state political reporter Kate Lind", ["Kate Lind"]),
        # a capitalised role before the name is a label
        ("Reporter Jane Doe", ["Jane Doe"]),
        # a name in lower case after a role is left as it is
        ("staff reporter jane doe", ["staff reporter jane doe"]),
    ],
)
def test_a_role_in_lower_case_before_a_name_is_left_out(name: str, expected: list[str]) -> None:
    assert split_byline(name, "en") == expected


@pytest.mark.parametrize(
    ("name", "publisher"),
    [("Pa Reporter", "PA"), ("AAP Staff", "AAP"), ("Reuters Staff", "Reuters")],
)
def test_an_agency_signing_by_a_role_is_the_publisher(name: str, publisher: str) -> None:
    credit = Credit(["The Independent"], "www.independent.co.uk", "en")
    credit.add(name)
    assert credit.result() == Credits([], publisher)


def test_a_dateline_beside_the_names_parts_is_no_name() -> None:
    byline = (
        "<div class='story-author-wrp'><div class='profile-detial'><div class='byline_names'>"
        "<a href='/author/rahul-gautam' class='byline-name'>राहुल गौतम</a></div>"
        "<div class='brand-detial-wrp'><span>नई दिल्ली,</span> <span>28 मार्च 2024,</span></div>"
        "</div><div class='social-share'><a href='https://twitter.com/share'>X</a></div></div>"
    )
    html = story_page("hi", before=byline)
    assert extract_article("https://www.aajtak.example/story/x-1908842", html).authors == [
        "राहुल गौतम"
    ]


def test_a_marked_name_keeps_its_parts_label() -> None:
    """An itemprop name after "Edited by" in its part of the byline is the editor's."""
    byline = (
        "<div class='pst-by'><span itemprop='author' itemscope itemtype='https://schema.org/"
        "Person'><span>Edited by <a href='/topic/anindita-sanyal' itemprop='url'><span "
        "itemprop='name'>Anindita Sanyal</span></a></span></span> "
        "<span>Press Trust of India</span></div>"
    )
    html = story_page("en", before=byline)
    fields = extract_article("https://www.ndtv.example/india-news/x-5012345", html)
    assert "Anindita Sanyal" not in fields.authors


@pytest.mark.parametrize(
    ("lang", "byline", "other", "expected"),
    [
        # the photographer after a label without a colon, in the writers' byline
        (
            "nl",
            "<div class='byline'><span class='label'>Tekst</span> <span class='author'><a "
            "href='/auteur/merel-dekkers'>Merel Dekkers</a></span> en <span class='author'><a "
            "href='/auteur/thijs-van-leeuwen'>Thijs van Leeuwen</a></span>, <span "
            "class='label'>beeld</span> <span class='author--photo'>Jildou Hoekstra</span></div>",
            "Jildou Hoekstra",
            ["Merel Dekkers", "Thijs van Leeuwen"],
        ),
        # the editor after "Edição:", the reviewer after "Revisado por:"
        (
            "pt",
            "<p class='autor'>Por <a href='/autor/anjos/'>Anna Beatriz Anjos</a>, <a "
            "href='/autor/roliveira/'>Rafael Oliveira</a> | Edição: <a href='/autor/ggirardi/'>"
            "Giovana Girardi</a></p>",
            "Giovana Girardi",
            ["Anna Beatriz Anjos", "Rafael Oliveira"],
        ),
        (
            "es",
            "<div class='autores'><p>Escrito por: <a href='/autores/laura-pena'>Laura Peña</a> y "
            "<a href='/autores/andres-gomez'>Andrés Gómez</a></p><p><span>Revisado por:</span> "
            "<a href='/autores/natalia-rincon'>Natalia Rincón</a>, editora</p></div>",
            "Natalia Rincón",
            ["Laura Peña", "Andrés Gómez"],
        ),
        # "Photographs by" credits pictures
        (
            "en",
            "<div class='byline'>Words by <a href='/author/rina-chandran/'>Rina Chandran</a> and"
            " <a href='/author/nilesh-christopher/'>Nilesh Christopher</a></div><div "
            "class='credit'><span>Photographs by</span> <a href='/author/ore-huiying/'>Ore "
            "Huiying</a></div>",
            "Ore Huiying",
            ["Rina Chandran", "Nilesh Christopher"],
        ),
    ],
)
def test_the_metadatas_photographer_or_editor_credited_otherwise_is_left_out(
    lang: str, byline: str, other: str, expected: list[str]
) -> None:
    """The JSON-LD lists everyone credited; the byline says who did what."""
    head = _jsonld(author=[{"@type": "Person", "name": name} for name in [*expected, other]])
    html = story_page(lang, head=head, before=byline)
    assert extract_article("https://www.news.example/2024/01/16/story/", html).authors == expected


def test_indonesian_reporters_labels() -> None:
    """ "Pewarta" (the wire's reporter) closing the story, "Laporan Wartawan" opening it."""
    closing = (
        "<p class='text-muted'>Pewarta : Yosef Wenda Kogoya, Agustina Rumbiak<br>Editor : Andi "
        "Firdaus<br>COPYRIGHT &copy; ANTARA 2024</p>"
    )
    html = story_page("id", after=closing)
    assert extract_article("https://papua.antaranews.example/berita/812455/x", html).authors == [
        "Yosef Wenda Kogoya",
        "Agustina Rumbiak",
    ]
    opening = (
        "<p><strong>Laporan Wartawan Tribun Bali, Ni Made Ayu Sukmasari dan I Komang Agus "
        "Aryanta</strong></p>"
    )
    head = _jsonld(author={"@type": "Person", "name": "Ni Made Ayu Sukmasari"})
    head += "<meta property='og:site_name' content='Tribun Bali'>"
    html = story_page("id", head=head, before=opening)
    assert extract_article("https://bali.tribunnews.example/2024/01/18/x", html).authors == [
        "Ni Made Ayu Sukmasari",
        "I Komang Agus Aryanta",
    ]


def test_a_part_opening_with_another_label_is_no_writers() -> None:
    """The BBC's world services label each part of the byline; after the writers' part, one
    labelled without a comma says where they report from, or when it was updated."""
    byline = (
        "<ul class='bbc-m04vo2' role='list'><li class='bbc-1a3w4ok'><span class='bbc-1pr2ijg'>"
        "लेखक,</span><span class='bbc-1ypcc2'>प्रियंका शर्मा और राहुल वर्मा</span></li>"
        "<li class='bbc-1a3w4ok'><span class='bbc-1pr2ijg'>पदनाम,</span><span>बीबीसी संवाददाता"
        "</span></li><li class='bbc-1a3w4ok'><span class='bbc-1pr2ijg'>Reporting from</span>"
        "<span>नई दिल्ली</span></li><li class='bbc-1a3w4ok'><span class='bbc-1pr2ijg'>अपडेटेड "
        "</span><span>5 घंटे पहले</span></li></ul>"
    )
    html = story_page("hi", before=f"<section aria-labelledby='article-byline'>{byline}</section>")
    assert extract_article("https://www.bbc.example/hindi/articles/c2ll8xk4z1ko", html).authors == [
        "प्रियंका शर्मा",
        "राहुल वर्मा",
    ]


def test_labelled_credit_lines_with_the_agency_they_add() -> None:
    """A broadcaster's credits, each on a line after its label, then the agency."""
    signature = (
        "<p class='article-signature'>Sujet radio: Delphine Gendre-Aebischer<br>Adaptation web:"
        " Tristan Kohler<br>avec ats</p>"
    )
    html = story_page("fr", before=signature)
    assert extract_article(
        "https://www.rts.example/info/article/x-28431552.html", html
    ).authors == [
        "Delphine Gendre-Aebischer",
        "Tristan Kohler",
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        (
            "Une opinion de Marc Vandenberghe, professeur de droit constitutionnel à "
            "l’UCLouvain, et Ilse Dewulf, politologue (KU Leuven).",
            ["Marc Vandenberghe", "Ilse Dewulf"],
        ),
        (
            "Par Anne Dupont, envoyée spéciale à Perpignan, et Marc Roy",
            ["Anne Dupont", "Marc Roy"],
        ),
        ("Une carte blanche de Sophie Lenglez", ["Sophie Lenglez"]),
        # "and" after the comma
        ("Jean Dupont, et Marie Curie", ["Jean Dupont", "Marie Curie"]),
    ],
)
def test_roles_in_lower_case_between_an_opinions_writers(byline: str, expected: list[str]) -> None:
    assert split_byline(byline, "fr") == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Par Jean Dupont à 14h30", ["Jean Dupont"]),
        ("Par Jean Dupont à Bruxelles", ["Jean Dupont"]),
        ("Par Jean Dupont, professeur à l’ULB, et Anne Roy", ["Jean Dupont", "Anne Roy"]),
    ],
)
def test_a_time_or_a_place_after_a_is_left_out(byline: str, expected: list[str]) -> None:
    html = story_page("fr", before=f"<p class='byline'>{byline}</p>")
    assert extract_article("https://www.lalibre.example/debats/x/", html).authors == expected


def _people(*names: str) -> str:
    return _jsonld(author=[{"@type": "Person", "name": name} for name in names])


@pytest.mark.parametrize(
    ("lang", "head", "byline", "authors", "not_publisher"),
    [
        # capitals after the linked writer are a credential, a place or a section, not an
        # agency the table knows
        ("en", "", "<p class='byline'>By <a href='/author/mg/'>Maria Gonzalez</a>, RN</p>",
         ["Maria Gonzalez"], "RN"),
        ("es", "", "<p class='byline'>Por <a href='/autor/lm/'>Laura Méndez</a> | CDMX</p>",
         ["Laura Méndez"], "CDMX"),
        ("en", _people("Jane Whitaker"), "<p class='byline'>By Jane Whitaker, MD</p>",
         ["Jane Whitaker"], "MD"),
        # a given name that is an agency's too
        ("en", "", "<p class='byline'>By <a href='/author/jp/'>John Park</a> and Ria</p>",
         ["John Park"], None),
        # a byline naming the metadata's writers and a place, an outlet or a video's maker
        ("en", _people("Jane Doe", "Tom Baker"),
         "<p class='byline'>By Jane Doe and Tom Baker, New York</p>", ["Jane Doe", "Tom Baker"],
         None),
        ("en", _people("Jane Doe", "Tom Baker"),
         "<p class='byline'>By Jane Doe and Tom Baker, Bloomberg News</p>",
         ["Jane Doe", "Tom Baker"], None),
        ("en", _people("Jane Doe", "Tom Baker"),
         "<div class='byline'>By <a href='/author/jane-doe/'>Jane Doe</a>, <a href='/author/"
         "tom-baker/'>Tom Baker</a> and <a href='/author/ray-cole/'>Ray Cole</a> (video)</div>",
         ["Jane Doe", "Tom Baker"], None),
        # an editor's title, "pictures" or "beeld" after a label of the writing, before a writer
        ("en", _people("Tom Baker", "Jane Doe"),
         "<p class='byline'>By Political Editor Tom Baker and Jane Doe</p>",
         ["Tom Baker", "Jane Doe"], None),
        ("en", _people("Jane Doe", "Tom Baker"),
         "<p class='byline'>Words and pictures by Jane Doe and Tom Baker</p>",
         ["Jane Doe", "Tom Baker"], None),
        ("nl", _people("Merel Dekkers", "Thijs van Leeuwen"),
         "<p class='byline'>Tekst en beeld Merel Dekkers en Thijs van Leeuwen</p>",
         ["Merel Dekkers", "Thijs van Leeuwen"], None),
        # a role before a marked name is no label of other work
        ("en", "",
         "<div class='byline'><div class='author-card'><span class='author-title'>Video "
         "Journalist</span> <span itemprop='author' itemscope itemtype='https://schema.org/"
         "Person'><a href='/author/jane-doe/' itemprop='url'><span itemprop='name'>Jane Doe"
         "</span></a></span></div></div>",
         ["Jane Doe"], None),
        # a name and a date in one part, a name opening a part in bold
        ("en", "",
         "<p class='byline'><span>Jane Doe,</span> <span>Tom Baker,</span> <span>Ana Cruz, March"
         " 12, 2024</span></p>", ["Jane Doe", "Tom Baker", "Ana Cruz"], None),
        ("en", "",
         "<div class='byline'><span class='author'><span class='label'>Written by:</span> Jane "
         "Doe</span><span class='author'><b>Tom Baker</b> in Miami</span></div>",
         ["Jane Doe", "Tom Baker"], None),
        # "with" an outlet's words, no agency's
        ("es", _jsonld(author={"@type": "Organization", "name": "Vivir con VIH"}), "", [], "Vivir"),
        # a contributor named in the byline is no desk
        ("fr", "",
         "<p class='byline'>Par Marie Dubois, avec la contribution de Paul Martin</p>",
         None, "la contribution de Paul Martin"),
        # the wire's photographer after the reporter
        ("id", "",
         "<p class='byline'>Pewarta: Fathur Rochman<br>Pewarta Foto: Galih Pradipta</p>",
         ["Fathur Rochman"], None),
    ],
)  # fmt: skip
def test_ordinary_bylines_the_agency_and_label_rules_leave_alone(
    lang: str, head: str, byline: str, authors: list[str] | None, not_publisher: str | None
) -> None:
    fields = extract_article(
        "https://www.daily.example/news/2024/03/12/story/", story_page(lang, head, byline)
    )
    if authors is not None:
        assert fields.authors == authors
    if not_publisher is not None:
        assert fields.publisher != not_publisher


def test_a_writer_the_byline_shows_though_a_line_credits_them_with_files() -> None:
    head = _people("Sarah Pelletier", "Jonah Ferris")
    byline = (
        "<div class='byline'><span class='authorText'><a class='bylineLink' href='/news/author/"
        "sarah-pelletier-1.5124455'>Sarah Pelletier</a>, Jonah Ferris · CBC News</span></div>"
    )
    after = (
        "<div class='withFiles'><p>With files from Jonah Ferris and The Canadian Press</p></div>"
    )
    html = story_page("en", head, byline, after)
    assert extract_article("https://www.cbc.example/news/canada/x-1.7140123", html).authors == [
        "Sarah Pelletier",
        "Jonah Ferris",
    ]
    # one the byline leaves out is still credited only with files
    byline = byline.replace(", Jonah Ferris", "")
    html = story_page("en", head, byline, after)
    assert extract_article("https://www.cbc.example/news/canada/x-1.7140123", html).authors == [
        "Sarah Pelletier"
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("كتبت نورا عبد الله ومنى ربيع", ["نورا عبد الله", "منى ربيع"]),
        ("كتب أحمد عبد الحليم وهشام سالم", ["أحمد عبد الحليم", "هشام سالم"]),
        # "و" opening a name that is no given name of the list is its own letter
        ("كتب أحمد عبد الحليم وليد", ["أحمد عبد الحليم وليد"]),
    ],
)
def test_arabic_and_joined_to_a_given_name(byline: str, expected: list[str]) -> None:
    assert split_byline(byline, "ar") == expected


def test_the_second_arabic_writer_beside_the_metadatas_first() -> None:
    head = _people("نورا عبد الله")
    html = story_page("ar", head, "<div class='writer'>كتبت نورا عبد الله ومنى ربيع</div>")
    assert extract_article("https://www.youm7.example/story/2024/3/12/x/6512345", html).authors == [
        "نورا عبد الله",
        "منى ربيع",
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Oluwaseun Adebayo – Ibadan", ["Oluwaseun Adebayo"]),
        ("By Oluwaseun Adebayo - ABUJA", ["Oluwaseun Adebayo"]),
        # after the dash a second writer reads as a place or a desk would: the first is sure;
        # an agency is left for the credit to weigh
        ("Jane Doe - John Roe", ["Jane Doe"]),
        ("Jane Doe - Reuters", ["Jane Doe - Reuters"]),
    ],
)
def test_one_word_after_a_dash_is_where_it_was_filed(byline: str, expected: list[str]) -> None:
    assert split_byline(byline, "en") == expected


def test_a_desk_of_the_sites_brand_is_no_writer() -> None:
    credit = Credit(["INQUIRER.net"], "newsinfo.inquirer.net", "en")
    credit.add("Inquirer Research")
    assert credit.result().authors == []


def test_a_japanese_lead_before_a_paywalls_block_credits_its_reporters() -> None:
    """Mainichi sets its reporters in brackets at the end of the lead, which stands before the
    block a paywall holds the rest of the story in."""
    lead = "能登半島地震で大きな被害を受けた石川県輪島市で12日、応急仮設住宅への入居が始まった。"
    paragraphs = "".join(f"<p>　{lead}第{i}陣が鍵を受け取った。</p>" for i in range(4))
    html = (
        "<html lang='ja'><head><title>仮設住宅</title><meta name='cXenseParse:author' "
        "content='島田信幸'></head><body><h1>仮設住宅への入居始まる</h1><section class='body'>"
        f"<p>　{lead}【島田信幸、金沢支局・山口あずさ】</p><p>　{lead}</p>"
        f"<div class='paywall'>{paragraphs}</div></section></body></html>"
    )
    assert extract_article(
        "https://mainichi.example/articles/20240312/k00/00m/040/187000c", html
    ).authors == [
        "島田信幸",
        "山口あずさ",
    ]


def test_an_arabic_lead_naming_its_writer_between_dashes() -> None:
    lead = (
        "<p>عمون - كتب أحمد الزعبي - تبدأ أمانة عمّان الكبرى الأسبوع المقبل "
        "أعمال إعادة تأهيل الشارع.</p>"
    )
    html = story_page("ar", before=lead)
    assert extract_article("https://www.ammonnews.example/article/862417", html).authors == [
        "أحمد الزعبي"
    ]
    # a lead without "wrote" names its place and outlet only
    html = story_page("ar", before=lead.replace("كتب ", ""))
    assert extract_article("https://www.ammonnews.example/article/862417", html).authors == []


def test_the_first_of_a_closing_blocks_credits() -> None:
    note = (
        "<div class='MaterialNote-root'><p>Story by Daria Sokolova</p><p>Abridged translation by "
        "Anna Kenworthy</p><p>Edited by Sam Breazeale</p></div>"
    )
    html = story_page("en", after=note)
    assert extract_article("https://meduza.example/en/feature/2024/03/15/x", html).authors == [
        "Daria Sokolova"
    ]


def test_a_thai_story_label_closing_the_story() -> None:
    credit = "<p class='credit'>เรื่อง : ณัฐวุฒิ แก้วประเสริฐ<br>ภาพ : ชัยวัฒน์ ทองดี</p>"
    html = story_page("th", after=credit)
    assert extract_article("https://www.khaosod.example/lifestyle/news_8087612", html).authors == [
        "ณัฐวุฒิ แก้วประเสริฐ"
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("From CNN Correspondent Martin Holloway", ["Martin Holloway"]),
        ("Gustavo Ibarra. DE LA REDACCION DE CLARIN", ["Gustavo Ibarra"]),
        # initials keep their full stops
        ("J. R. Smith", ["J. R. Smith"]),
    ],
)
def test_old_pages_bylines(byline: str, expected: list[str]) -> None:
    credit = Credit(["CNN.com"], "www.cnn.com", "en")
    credit.add(byline)
    assert credit.result().authors == expected


def test_a_place_in_one_word_under_the_name() -> None:
    byline = "<p class='byline'><b>Wanjiru Kamau</b><br>Nairobi</p>"
    html = story_page("en", before=byline)
    assert extract_article("https://allafrica.example/stories/200403120123.html", html).authors == [
        "Wanjiru Kamau"
    ]
    # an agency on its line is the writer's source
    html = story_page("en", before=byline.replace("Nairobi", "Reuters"))
    fields = extract_article("https://allafrica.example/stories/200403120123.html", html)
    assert (fields.authors, fields.publisher) == (["Wanjiru Kamau"], "Reuters")


def test_korean_reporters_each_on_a_line_after_the_story() -> None:
    after = (
        "<p>김철수기자 <a href='mailto:chulsoo@chosun.example'>chulsoo@chosun.example</a><br>"
        "이영희기자 <a href='mailto:younghee@chosun.example'>younghee@chosun.example</a></p>"
    )
    html = story_page("ko", after=after)
    assert extract_article(
        "https://www.chosun.example/national/news/200403120211.html", html
    ).authors == [
        "김철수",
        "이영희",
    ]


def test_an_empty_marked_name_is_read_without_a_crash() -> None:
    byline = (
        "<div class='byline'><span itemprop='author' itemscope><span>By <span itemprop='name'>"
        "</span></span></span> <a href='/author/michel-rose/'>Michel Rose</a></div>"
    )
    html = story_page("en", before=byline)
    assert extract_article("https://www.reuters.example/article/x-idUSKBN2131", html).title


@pytest.mark.parametrize(
    ("credit", "authors", "publisher"),
    [
        # an advertisement's line, its phone number given
        ("TEXT AD: Call Willie - +2348098788999", [], None),
        # an agency and the day of its dateline, no surname-first name
        ("MENA , Tuesday", [], "MENA"),
        # an agency by its initials signing by a role, and beside the site
        ("ANA Reporter", [], "ANA"),
        ("APA - Seneweb.com", [], "APA"),
        # a place and the agency filing from it
        ("دبي - وام", [], "وام"),
        # an agency's writers
        ("by Xinhua writers Wang Ruoyu, Chen Lin", ["Wang Ruoyu", "Chen Lin"], None),
        ("Times Staff Writer Jane Doe", ["Jane Doe"], None),
    ],
)
def test_agencies_desks_and_advertisements(
    credit: str, authors: list[str], publisher: str | None
) -> None:
    found = Credit([], "www.news.example", "en")
    found.add(credit)
    result = found.result()
    assert result.authors == authors
    if publisher is not None:
        assert result.publisher == publisher


def test_a_login_with_an_underscore_is_read_once() -> None:
    """trafilatura title-cases a login it reads from the metadata ("rokapi_ituri")."""
    found = credited(meta={"dcterms.creator": "rokapi_ituri"}, fallback="Rokapi Ituri")
    assert found.authors == []


@pytest.mark.parametrize(
    ("lang", "head", "byline", "expected"),
    [
        # the BBC's world services label the writer with a comma, in a part of its own
        ("ar", "",
         "<ul role='list'><li><div><span class='bbc-1ordnqw'>Author,</span><span class='bbc-1hz8"
         "dx4'>سالي نبيل</span></div></li><li><span class='bbc-1ordnqw'>Role,</span><span>بي بي "
         "سي نيوز عربي - القاهرة</span></li></ul>", ["سالي نبيل"]),
        # a place after Arabic's comma, beside the metadata's one name, is no second writer
        ("ar", _people("محمد علي"), "<div class='author-name'>محمد علي، رام الله</div>",
         ["محمد علي"]),
        # a byline classed as the author's by an abbreviation
        ("ar", "",
         "<div class='meta'><a class='ech-sgmn__athr' href='/author/mohamed-meslem'><img "
         "src='a.jpg' alt=''><span>محمد مسلم</span></a><div class='ech-sgmn__sdte'><span>27 "
         "فبراير 2024</span></div></div>", ["محمد مسلم"]),
        # share buttons beside the writers' links
        ("pt", "",
         "<div class='autor-data'><div><p class='small'><strong><a href='/autor/tamara-brandao'>"
         "Tâmara Brandão</a> e <a href='/autor/joaquim-freitas'>Joaquim Freitas</a></strong> - "
         "Repórteres da Agência Brasil</p><p class='small'>Brasília e Porto Alegre</p></div><div "
         "class='compartilhe'><a href='#' class='fb'>Facebook</a> <a href='#' class='x'>X</a> <a "
         "href='#' class='wa'>WhatsApp</a></div></div>", ["Tâmara Brandão", "Joaquim Freitas"]),
        # a bold name opening the story in a paragraph classed as the byline
        ("es", _people("Agencia EFE"),
         "<p class='autor-efe'><strong>Irene Valdivieso</strong></p><p><strong>Bogotá (EFE).-"
         "</strong> El Gobierno colombiano declaró este lunes la situación de desastre.</p>",
         ["Irene Valdivieso"]),
    ],
)  # fmt: skip
def test_labels_classes_and_links_of_bylines_in_many_layouts(
    lang: str, head: str, byline: str, expected: list[str]
) -> None:
    html = story_page(lang, head, byline)
    assert extract_article("https://www.news.example/2024/03/12/story/", html).authors == expected


def test_an_editor_before_the_copyright_is_no_writer() -> None:
    head = _people("Budi Suyanto")
    after = (
        "<p class='text-muted'>Pewarta: Fianda Sjofjan Rassat, Aditya Ramadhan<br>Editor: Budi "
        "Suyanto<br>Copyright &copy; ANTARA 2024</p>"
    )
    html = story_page("id", head, after=after)
    assert extract_article("https://www.antaranews.example/berita/4007123/x", html).authors == [
        "Fianda Sjofjan Rassat",
        "Aditya Ramadhan",
    ]


def test_a_korean_wire_leads_reporters_a_space_apart() -> None:
    lead = "<p>(서울=뉴스1) 김민수 박지영 기자 = 행정안전부는 장마를 앞두고 점검한다고 밝혔다.</p>"
    html = story_page("ko", _people("김민수"), lead)
    assert extract_article("https://v.daum.example/v/20240603141205123", html).authors == [
        "김민수",
        "박지영",
    ]


@pytest.mark.parametrize(
    ("lang", "head", "byline", "expected"),
    [
        # a Taiwanese reporter's line of its own opening the story
        ("zh-Hant-TW", "",
         "<p><strong>記者黃哲民／台北報導</strong></p><p>颱風海葵已遠離台灣，中央氣象署表示，今天北部"
         "地區午後有雷陣雨機率。</p>", ["黃哲民"]),
        # "this paper" after the reporter
        ("ko", "", "<div class='byline'>김태훈 기자 kth@kookje.example | 본지</div>", ["김태훈"]),
        # the metadata's one name in another script than the byline's names
        ("en", "<meta name='author' content='周文婷'><meta property='og:site_name' content='China "
         "Daily'>",
         "<div class='info'><span class='info_l'>By ZHOU WENTING in Shanghai and LI HONGYANG in "
         "Beijing | China Daily | Updated: 2024-04-09 07:21</span></div>",
         ["Zhou Wenting", "Li Hongyang"]),
        # an agency alone after "by", and where it filed from
        ("pt", _people("Reuters"), "<p class='content-from'>Por Reuters — Washington</p>", []),
        # an intern's asterisk
        ("pt", "", "<p class='autor'>Por Letícia Mouhamad*</p>", ["Letícia Mouhamad"]),
    ],
)  # fmt: skip
def test_reporter_lines_desks_scripts_agencies_and_interns(
    lang: str, head: str, byline: str, expected: list[str]
) -> None:
    html = story_page(lang, head, byline)
    assert extract_article("https://www.news.example/2024/03/12/story/", html).authors == expected


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        # a surname first before a given name that is a month's or a day's word too
        ("Smith, June", "en", ["June Smith"]),
        ("Kowalski, Jan", "pl", ["Jan Kowalski"]),
        # a writer of two words before an agency
        # a surname opening with "و" and a given name
        ("كتب: أحمد محمد وهبة السيد", "ar", ["أحمد محمد وهبة السيد"]),
        # a city in capitals after the name's full stop
        ("Marcelo Cantelmi. BUENOS AIRES", "es", ["Marcelo Cantelmi. BUENOS AIRES"]),
    ],
)
def test_what_the_second_review_found(byline: str, language: str, expected: list[str]) -> None:
    assert split_byline(byline, language) == expected


def test_a_lead_quoting_what_an_official_wrote_is_no_byline() -> None:
    lead = (
        "<p>عمان - كتب وزير الخارجية أيمن الصفدي - عبر منصة إكس - أن الأردن يرفض أي تهجير "
        "للفلسطينيين.</p>"
    )
    html = story_page("ar", before=lead)
    assert extract_article("https://www.ammonnews.example/article/862418", html).authors == []


@pytest.mark.parametrize(
    "closing", ["<p>(Oberster Gerichtshof, 14.3.2024)</p>", "<p>(Karl Nehammer, 14.3.2024)</p>"]
)
def test_a_source_cited_with_its_day_in_roman_signs_nothing(closing: str) -> None:
    html = story_page("de", after=closing)
    fields = extract_article("https://www.zeitung.example/story/3000000211456/x", html)
    assert fields.authors == []


def test_a_teasers_byline_shows_nobody_as_this_storys_writer() -> None:
    head = _people("Sarah Pelletier", "Jonah Ferris")
    byline = (
        "<div class='byline'><a class='bylineLink' href='/news/author/sarah-pelletier-1.5124455'>"
        "Sarah Pelletier</a> · CBC News</div>"
    )
    after = (
        "<div class='withFiles'><p>With files from Jonah Ferris and The Canadian Press</p></div>"
        "<aside "
        "class='related'><h3>Related stories</h3><a href='/news/canada/other-story-1.714'>Council"
        " debates the new transit plan tonight</a><div class='relatedByline'>Jonah Ferris · CBC "
        "News</div></aside>"
    )
    html = story_page("en", head, byline, after)
    assert extract_article("https://www.cbc.example/news/canada/x-1.7140123", html).authors == [
        "Sarah Pelletier"
    ]


def test_a_writer_of_two_words_before_an_agency_stays() -> None:
    credit = Credit([], "www.news.example", "ar")
    credit.add("أحمد الزعبي - بترا")
    assert credit.result().authors == ["أحمد الزعبي"]


# Fifteenth round ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # the desk after the second writer's comma
        (
            "<div class='authorline'><div class='authorline__author'><span class='authorline__"
            "author-text'>Von <a href='/autoren/jan-koch-101.html'>Jan Koch</a> und Svea "
            "Lindholm, ARD-Hauptstadtstudio</span></div></div>",
            ["Jan Koch", "Svea Lindholm"],
        ),
        # and no second writer where "und" is followed by no name
        (
            "<div class='authorline'><div class='authorline__author'><span class='authorline__"
            "author-text'>Von <a href='/autoren/jan-koch-101.html'>Jan Koch</a> und weitere, "
            "ARD-Hauptstadtstudio</span></div></div>",
            ["Jan Koch"],
        ),
    ],
)
def test_a_desk_after_an_unlinked_second_writer(byline: str, expected: list[str]) -> None:
    html = story_page("de", before=byline)
    assert extract_article("https://www.tagesschau.example/inland/x-100.html", html).authors == (
        expected
    )


def test_linked_greek_names_in_the_genitive_are_named_in_the_nominative() -> None:
    byline = (
        "<div class='article-author'>Της <a href='/author/eleni-fotiou/'>Ελένης Φωτίου</a> και "
        "του <a href='/author/kostas-papadakis/'>Κώστα Παπαδάκη</a></div>"
    )
    html = story_page("el", before=byline)
    url = "https://www.tanea.example/2024/06/18/greece/kausonas/"
    assert extract_article(url, html).authors == ["Ελένη Φωτίου", "Κώστας Παπαδάκης"]
    # a linked name after no article stays as written
    plain = "<div class='article-author'>Από <a href='/author/eleni-fotiou/'>Ελένη Φωτίου</a></div>"
    assert extract_article(url, story_page("el", before=plain)).authors == ["Ελένη Φωτίου"]


@pytest.mark.parametrize(
    ("lang", "line", "expected"),
    [
        (
            "pt",
            "<font face='Verdana' size='2'><b>HELENA TEIXEIRA BRANDÃO</b><br>da Folha Online, em "
            "Brasília</font>",
            ["Helena Teixeira Brandão"],
        ),
        (
            "en",
            "<font face='Verdana' size='2'><b>ALISON MCLEAN<br>HOME AFFAIRS CORRESPONDENT</b>"
            "</font>",
            ["Alison Mclean"],
        ),
        (
            "es",
            "<font face='Arial' size='2'><b>Eduardo Lanzetta</b><br>elanzetta@clarin.com</font>",
            ["Eduardo Lanzetta"],
        ),
        (
            "pl",
            "<font face='Verdana' size='1'><b>Marek Żuławski</b> 11-03-2003, ostatnia aktualizacja "
            "11-03-2003 21:04</font>",
            ["Marek Żuławski"],
        ),
        # a date's label in bold, a kicker over a headline, a section's name in capitals
        (
            "en",
            "<ul><li><strong>Last Updated:</strong> September 24, 2020, 9:27 PM IST</li></ul>",
            [],
        ),
        ("en", "<p><b>Breaking News</b><br>Markets fall sharply on Friday morning</p>", []),
        ("pt", "<font><b>ÚLTIMAS NOTÍCIAS</b><br>Dólar fecha semana em queda</font>", []),
    ],
)
def test_an_old_templates_name_in_bold_under_the_headline(
    lang: str, line: str, expected: list[str]
) -> None:
    html = story_page(lang, before=line)
    assert extract_article("http://www.paper.example/2003/story.html", html).authors == expected


def test_a_readers_name_in_bold_beside_the_date_of_a_comment_is_no_byline() -> None:
    comment = (
        "<div class='commentsec'><h3>Comments (4)</h3><div class='cmt'><b>Raman Kumar</b> "
        "<span>17-05-2024 15:12</span><p>It should be finished soon.</p></div></div>"
    )
    html = story_page("en", after=comment)
    assert extract_article("https://www.paper.example/news/3634567", html).authors == []


def test_a_curators_label_opening_the_byline_credits_its_writer() -> None:
    byline = (
        "<div class='article_byline'><div class='rpt_name'><span>Curated By : </span><a href='"
        "https://www.news18.example/byline/aditi-mehra-12345/'>Aditi Mehra</a></div><span>"
        "News18.com</span><span>New Delhi, India</span></div>"
    )
    url = "https://www.news18.example/india/isro-launch-8985123.html"
    html = story_page("en", _people("Aditi Mehra"), byline)
    assert extract_article(url, html).authors == ["Aditi Mehra"]
    # after a writer's credit, the editor's label still names an editor
    both = "<p class='byline'>Written by Rahul Sharma | Edited by Priya Nair</p>"
    html = story_page("en", _people("Rahul Sharma", "Priya Nair"), both)
    assert extract_article(url, html).authors == ["Rahul Sharma"]


def test_a_byline_card_giving_a_photographers_role_credits_no_writer() -> None:
    cards = "".join(
        f"<li class='byline__author'><a href='/forfatter/{slug}' class='byline__name'>{name}</a>"
        f" <span class='byline__role'>{role}</span></li>"
        for slug, name, role in (
            ("ingrid-aspelund", "Ingrid Aspelund", "Journalist"),
            ("thomas-nilsen-berg", "Thomas Nilsen Berg", "Journalist"),
            ("frode-hansen", "Frode Hansen", "Fotograf"),
        )
    )
    byline = f"<div class='byline'><ul class='byline__list'>{cards}</ul></div>"
    url = "https://www.vg.example/nyheter/i/gEqR7d/fly"
    html = story_page(
        "no", _people("Ingrid Aspelund", "Thomas Nilsen Berg", "Frode Hansen"), byline
    )
    assert extract_article(url, html).authors == ["Ingrid Aspelund", "Thomas Nilsen Berg"]
    # a writer's card whose role is no picture's keeps them
    html = story_page("no", "", byline.replace("Fotograf", "Reporter"))
    assert extract_article(url, html).authors == [
        "Ingrid Aspelund",
        "Thomas Nilsen Berg",
        "Frode Hansen",
    ]


@pytest.mark.parametrize(
    ("path", "person"),
    [
        ("/tag/us/va/alexandria", False),
        ("/news/us/politics/story-1", False),
        ("/u/janedoe/", True),
        ("/users/jane-doe/", True),
        ("/author/jane-doe/", True),
    ],
)
def test_a_us_section_is_no_persons_page(path: str, person: bool) -> None:
    assert (PERSON_LINK.search(path) is not None) is person


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Westminster Producer Lucy Pratt", ["Lucy Pratt"]),
        ("By Political Editor Robert Peston", ["Robert Peston"]),
        ("By Lucy Pratt, Westminster Producer", ["Lucy Pratt"]),
    ],
)
def test_a_capitalised_role_before_the_name(byline: str, expected: list[str]) -> None:
    assert split_byline(byline, "en") == expected


def test_the_metadatas_latin_names_give_way_to_the_bylines_own_script() -> None:
    byline = (
        "<div class='article-author'>Пише: <a href='/autor/mj/'>Милан Јовановић</a> и <a "
        "href='/autor/jp/'>Јелена Петровић</a></div>"
    )
    url = "https://www.politika.example/sr/clanak/612345/most"
    head = _people("Milan Jovanović", "Jelena Petrović")
    html = story_page("sr", head, byline)
    assert extract_article(url, html).authors == ["Милан Јовановић", "Јелена Петровић"]
    # not where the byline names others than the metadata
    other = byline.replace("Јелена Петровић", "Ана Марковић")
    assert extract_article(url, story_page("sr", head, other)).authors == [
        "Milan Jovanović",
        "Jelena Petrović",
    ]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # the reporter in a class spelt "auther", then who published it
        (
            "<div class='auther_sec'><p class='auther-name'><a href='/reporters/abhishek-tripathi'>"
            "अभिषेक त्रिपाठी</a>, अमर उजाला, लखनऊ</p>\n<p class='published-by'>Published by: <a "
            "href='/authors/akash-dubey'>आकाश दुबे</a></p></div>",
            ["अभिषेक त्रिपाठी"],
        ),
        # "Posted by" alone credits its writer
        (
            "<div class='auther_sec'><p class='published-by'>Posted by <a href='/authors/akash-"
            "dubey'>आकाश दुबे</a></p></div>",
            ["आकाश दुबे"],
        ),
    ],
)
def test_who_posted_it_after_a_writer_is_no_writer(byline: str, expected: list[str]) -> None:
    html = story_page("hi", _people("आकाश दुबे"), byline)
    url = "https://www.amarujala.example/lucknow/lda-bulldozer-2024-03-08"
    assert extract_article(url, html).authors == expected


def test_a_video_journalists_card_credits_a_writer() -> None:
    cards = "".join(
        f"<div class='css-author'><div><span class='css-author-name'>{name}</span><span "
        f"class='css-author-role'>{role}</span></div></div>"
        for name, role in (("Ramona Schneider", "Reporterin"), ("Lucas Zwahlen", "Videojournalist"))
    )
    html = story_page("de", _people("Ramona Schneider", "Lucas Zwahlen"), cards)
    url = "https://www.blick.example/schweiz/stromausfall-id20653214.html"
    assert extract_article(url, html).authors == ["Ramona Schneider", "Lucas Zwahlen"]


def _old_page(cell: str) -> str:
    """A page of 2001 laid out in a table, ``cell`` the story's cell."""
    return (
        "<html lang='sv'><head><title>Aftonbladet: Regeringen backar</title></head><body><table>"
        "<tr><td width='150'><font size='1'><a href='/'>Nyheter</a><br><a href='/sport/'>Sport"
        f"</a></font></td><td width='465'>{cell}</td></tr></table></body></html>"
    )


_OLD_STORY = (
    "<font face='Verdana' size='2' color='#CC0000'><b>INRIKES</b></font><br>"
    "<font face='Arial Black' size='5'>Regeringen backar om skolpengen</font><br><br>"
    "<font face='Verdana' size='2'><b>Kommunerna får behålla rätten att styra pengarna till "
    "friskolorna efter hård kritik från både oppositionen och de egna leden.</b></font><br><br>"
    "<font face='Verdana' size='1'>Publicerad 12 juni 2001 14:25</font><br><br><font face='"
    "Verdana' size='2'>"
    + "".join(
        f"<p>Stycke {i}: förslaget skulle ha tvingat kommunerna att betala lika mycket per elev "
        "till friskolor som till de kommunala skolorna, sade skolministern i dag.</p>"
        for i in range(6)
    )
    + "</font>"
)


def test_old_templates_paragraphs_inside_a_font_are_the_story() -> None:
    """The cell's text between ``<br>``s counts no paragraph of the ``<font>`` that holds
    them: the story is those paragraphs, and the lines after their block close it."""
    signature = (
        "<font face='Verdana' size='2'><b>Per Ekström</b><br><a href='mailto:per.ekstrom@"
        "aftonbladet.se'>per.ekstrom@aftonbladet.se</a><br><b>Maria Lindqvist</b><br><a href="
        "'mailto:maria.lindqvist@aftonbladet.se'>maria.lindqvist@aftonbladet.se</a></font>"
    )
    html = _old_page(_OLD_STORY + signature)
    page = anatomy(html)
    assert page.prose.first is not None and page.prose.first.tag == "p"
    url = "http://www.aftonbladet.se/nyheter/0106/12/skola.html"
    assert extract_article(url, html).authors == ["Per Ekström", "Maria Lindqvist"]
    # a name without its address, or a link that is no address, signs nothing
    unsigned = signature.replace("mailto:maria.lindqvist@", "/redaktion/")
    assert extract_article(url, _old_page(_OLD_STORY + unsigned)).authors == []


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        (
            "ANA ISABEL MOLERO / LUIS G. SOTELO / MÓNICA ÁLVAREZ / JUAN CARLOS PRIETO - Valencia "
            "/ Murcia",
            ["ANA ISABEL MOLERO", "LUIS G. SOTELO", "MÓNICA ÁLVAREZ", "JUAN CARLOS PRIETO"],
        ),
        # a second writer in capitals stays
        ("JOHN DOE, JANE ROE", ["JOHN DOE", "JANE ROE"]),
        ("JANE DOE, John Roe", ["JANE DOE", "John Roe"]),
    ],
)
def test_places_after_a_dash_and_second_writers_in_capitals(
    byline: str, expected: list[str]
) -> None:
    assert list(split_byline(byline, "es")) == expected


def test_a_label_of_its_own_before_the_name_and_the_city() -> None:
    byline = (
        "<div class='sd-reporter'><span class='lbl'>અહેવાલ:</span> <span class='nm'>કિશન પટેલ"
        "</span>, <span class='pl'>અમદાવાદ</span></div>"
    )
    html = story_page("gu", before=byline)
    url = "https://sandesh.example/gujarat/news/ahmedabad/flower-show"
    assert extract_article(url, html).authors == ["કિશન પટેલ"]


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("<a href='https://www.ndtv.example/india'>India News</a>", []),
        ("<a href='/world'>World News</a>", []),
        # a writer's page, named after them or not
        ("<a href='/jane-doe'>Jane Doe</a>", ["Jane Doe"]),
        ("<a href='/author/india-smith'>India Smith</a>", ["India Smith"]),
    ],
)
def test_a_section_link_opening_a_byline_names_nobody(link: str, expected: list[str]) -> None:
    byline = (
        f"<div class='pst-by'><span class='pst-by_li'>{link}</span> <span class='pst-by_li'>"
        "<span class='pst-by_lnk'>Press Trust of India</span></span></div>"
    )
    head = _people("Press Trust of India")
    html = story_page("en", head, byline)
    fields = extract_article("https://www.ndtv.example/india-news/odisha-5912347", html)
    assert (fields.authors, fields.publisher) == (expected, "Press Trust of India")


def test_a_bold_byline_above_the_opening_picture() -> None:
    """The story's block opens with its byline, then a picture, then the story."""
    head = _jsonld(author={"@type": "Organization", "name": "CalMatters"})
    prose = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the city this week.</p>"
        for i in range(5)
    )
    html = (
        f"<html lang='en'><head><title>Headline</title>{head}</head><body><article><header><h1>"
        "Headline</h1><div class='byline'>By <a href='/author/calmatters/'>CalMatters</a></div>"
        "</header><div class='entry-content'><p class='has-small-font-size'><strong>By Rohan "
        "Mehta, CalMatters</strong></p><figure><img src='/evc.jpg'><figcaption>Evergreen Valley "
        f"College</figcaption></figure>{prose}</div></article></body></html>"
    )
    url = "https://sanjosespotlight.example/community-colleges-enrollment/"
    assert extract_article(url, html).authors == ["Rohan Mehta"]


@pytest.mark.parametrize(
    ("byline", "authors", "publisher"),
    [
        ("Por Télam", [], "Télam"),
        ("DAILY SABAH WITH AA", [], "AA"),
        ("Tamara Bailey-Grant/Staff Reporter", ["Tamara Bailey-Grant"], None),
    ],
)
def test_agencies_and_companies_credited(
    byline: str, authors: list[str], publisher: str | None
) -> None:
    credit = Credit(["Daily Sabah"], "www.dailysabah.example", "en")
    credit.add(byline)
    found = credit.result()
    assert found.authors == authors
    assert publisher is None or found.publisher == publisher


def test_a_company_in_the_author_meta_gives_way_to_the_byline() -> None:
    head = "<meta name='author' content='Gleaner Company'>"
    byline = "<p class='byline'>Tamara Bailey-Grant/Staff Reporter</p>"
    html = story_page("en", head, byline)
    url = "https://jamaica-gleaner.example/article/news/20240312/drain-works"
    assert extract_article(url, html).authors == ["Tamara Bailey-Grant"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        (
            "Autor: Marieta Cabrera Valdés | internet@granma.cu Autor: Osmany Leyva Carmona | "
            "internet@granma.cu",
            ["Marieta Cabrera Valdés", "Osmany Leyva Carmona"],
        ),
        ("By Jane Doe jane@paper.example and John Roe", ["Jane Doe", "John Roe"]),
    ],
)
def test_an_address_ends_its_writers_credit(byline: str, expected: list[str]) -> None:
    assert split_byline(byline, "es") == expected


def test_the_editor_an_arabic_label_names_is_no_writer() -> None:
    meta = (
        "<div class='post-meta'><span class='post-editor'>تحرير: <a href='/archives/author/osama'>"
        "أسامة آغي</a></span></div>"
    )
    opening = "<p class='writer'>كتب: حسام المحمود</p>"
    html = story_page("ar", _people("أسامة آغي"), meta + opening)
    url = "https://www.enabbaladi.example/693456/bread/"
    assert extract_article(url, html).authors == ["حسام المحمود"]


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        ("文｜财新周刊 记者 王晓明 李静 来源：财新网", "zh", ["王晓明", "李静"]),
        ("Беседовала Анна Ковалёва", "ru", ["Анна Ковалёва"]),
        ("Беседовал Иван Петров", "ru", ["Иван Петров"]),
    ],
)
def test_outlet_reporters_before_a_source_and_an_interviewers_label(
    byline: str, language: str, expected: list[str]
) -> None:
    assert split_byline(byline, language) == expected


def test_labelled_parts_in_a_language_the_table_lacks() -> None:
    parts = "".join(
        f"<li class='bbc-wrt4e6'><span class='bbc-ovsisd'><span>{label}</span></span><span>"
        f"{value}</span></li>"
        for label, value in (
            ("Marubuci,", "Zainab Bala Yusuf"),
            ("Aiki,", "BBC Hausa"),
            ("Aiko rahoto daga", "Kano"),
        )
    )
    byline = (
        "<section aria-labelledby='article-byline' data-e2e='byline'><ul role='list'>"
        f"{parts}<li><time datetime='2024-05-17'>17 Mayu 2024</time></li></ul></section>"
    )
    html = story_page("ha", before=byline)
    url = "https://www.bbc.example/hausa/articles/c4nn8kz2y1jo"
    assert extract_article(url, html).authors == ["Zainab Bala Yusuf"]


@pytest.mark.parametrize(
    ("lang", "closing", "expected"),
    [
        # a signature set to the right, then its source in brackets
        (
            "vi",
            "<p class='Normal' style='text-align:right;'><strong>Hồng Hạnh</strong> (Theo <em>AFP"
            "</em>)</p>",
            ["Hồng Hạnh"],
        ),
        # not bold words in a sentence closing the story
        ("vi", "<p><strong>Hồng Hạnh</strong> (Theo AFP) nói thêm rằng</p>", []),
        # labelled credits, the editor's label in a language the table lacks
        (
            "pt",
            "<p class='credit'>Jornalista: Florencia Martins<br>Editór: Rafael Carvalho</p>",
            ["Florencia Martins"],
        ),
        # the credits above a notice forbidding copying the story
        (
            "id",
            "<p class='small'>Pewarta: Aria Ananda Putri, Rio Feisal Nasution<br>Editor: Hendra "
            "Sitepu<br>Copyright © ANTARA 2024</p><p>Dilarang keras mengambil konten, melakukan "
            "crawling atau pengindeksan otomatis untuk AI di situs web ini tanpa izin tertulis."
            "</p>",
            ["Aria Ananda Putri", "Rio Feisal Nasution"],
        ),
        # a Chinese credit line: its label, an outlet of its own name, reporters, correspondents
        (
            "zh",
            "<p class='editor-line'>采写：南都记者 陈秋圆 通讯员 黄小凤 林舒</p>"
            "<p class='editor-line'>编辑：何思婷</p>",
            ["陈秋圆", "黄小凤", "林舒"],
        ),
    ],
)
def test_closing_signatures_labels_and_notices(
    lang: str, closing: str, expected: list[str]
) -> None:
    html = story_page(lang, after=closing)
    assert extract_article("https://news.example/story/4754021.html", html).authors == expected


def test_a_language_editions_account_is_no_writer() -> None:
    head = _people("Irrawaddy Burmese")
    byline = (
        "<div class='jeg_meta_author'><span class='meta_text'>ရေးသားသူ</span> <a href='https://"
        "burma.irrawaddy.example/author/wai-yan-moe'>ဝေယံမိုး</a></div>"
    )
    html = story_page("my", head, byline)
    fields = extract_article("https://burma.irrawaddy.example/news/2024/02/12/379412.html", html)
    assert fields.authors == ["ဝေယံမိုး"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # the photographer after a dash, without a colon
        ("كتب محمد السيد – تصوير هاني عادل", ["محمد السيد"]),
        # a login with an underscore, and the "from" its date link left
        ("Автор: Marina_K от", []),
    ],
)
def test_a_photographers_label_after_a_dash_and_a_login(byline: str, expected: list[str]) -> None:
    credit = Credit([], "www.paper.example", "ar" if "كتب" in byline else "ru")
    credit.add(byline)
    assert credit.result().authors == expected


def test_a_closing_paragraph_classed_tacgia_signs_the_story() -> None:
    html = story_page("vi", after="<p class='tacgia'>Thu Hà</p>")
    url = "https://baodanang.example/channel/5399/202403/cau-vuot-3980512/"
    assert extract_article(url, html).authors == ["Thu Hà"]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # the reviews' ordinary pages: a press office's contact, a live blog's heading, an
        # interviewee's card and a voice from the street in bold, all no byline
        ("", "<div class='press-contact'><b>Jane Smith</b><br><a href='mailto:jane.smith@acme."
         "example'>jane.smith@acme.example</a></div>", []),
        ("<p><strong>Key Events</strong> March 12, 2024</p>", "", []),
        ("<div><strong>Helima Croft</strong><br>Chief Commodities Analyst</div>", "", []),
        ("<div><strong>Sarah Jones</strong><br>from Stockport</div>", "", []),
        # a right-aligned line in bold with something else than an agency in brackets
        ("", "<p style='text-align: right;'><strong>Disgruntled Commuter</strong> (Hastings)</p>",
         []),
        ("", "<p style='text-align: right;'><strong>Albert Einstein</strong> (1879-1955)</p>", []),
        # a desk after "and" is no second writer
        ("<p class='byline'>By <a href='/author/jane-doe/'>Jane Doe</a> and The Editorial Board"
         ", Daily Herald</p>", "", ["Jane Doe"]),
    ],
)  # fmt: skip
def test_bold_lines_and_desks_that_are_no_byline(
    before: str, after: str, expected: list[str]
) -> None:
    html = story_page("en", before=before, after=after)
    assert extract_article("https://www.dailyherald.example/news/2024/03/12/x/", html).authors == (
        expected
    )


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # an address with no label after it ends nothing: where it was filed stays a place
        ("By Jane Doe | jane.doe@paper.example | Nairobi", ["Jane Doe"]),
        ("Jane Doe, jane@paper.example, Washington", ["Jane Doe"]),
    ],
)
def test_an_address_before_no_label_is_no_credits_end(byline: str, expected: list[str]) -> None:
    assert split_byline(byline, "en") == expected


def test_a_writers_page_named_after_one_of_their_names_is_no_section() -> None:
    byline = (
        "<div class='pst-by'><span class='pst-by_li'><a href='/smith'>John Smith</a></span></div>"
    )
    html = story_page("en", before=byline)
    assert extract_article("https://www.paper.example/news/story-5912347", html).authors == [
        "John Smith"
    ]


def test_a_name_and_role_in_one_bold_element() -> None:
    line = "<font size='2'><b>JANE DOE<br>STAFF CORRESPONDENT</b></font>"
    html = story_page("en", before=line)
    assert extract_article("http://www.paper.example/2003/story.html", html).authors == ["Jane Doe"]


def test_the_press_in_the_stories_last_line_points_to_no_contacts() -> None:
    """Names over their own addresses after the story sign it though its last line speaks of
    the press ("pressen"); a line pointing to contacts ("kontakta") makes them contacts."""
    signature = (
        "<p><b>Per Ekström</b><br><a href='mailto:per.ekstrom@aftonbladet.se'>per.ekstrom@"
        "aftonbladet.se</a></p>"
    )
    url = "http://www.aftonbladet.se/nyheter/0106/12/skola.html"
    story = _OLD_STORY.replace("i dag.</p>", "i dag till pressen.</p>", 1)
    assert extract_article(url, _old_page(story + signature)).authors == ["Per Ekström"]
    pointer = _OLD_STORY.replace("i dag.</p>", "i dag. Kontakta kommunen.</p>")
    assert extract_article(url, _old_page(pointer + signature)).authors == []


def test_a_signature_after_the_block_under_a_legal_notice() -> None:
    """A copyright notice closing the story's block hides no signature set to the right after
    the block."""
    prose = "".join(
        f"<p>Paragraph {i} of the story tells readers what happened in the city this week.</p>"
        for i in range(5)
    )
    html = (
        "<html lang='en'><head><title>Headline</title></head><body><article><h1>Headline</h1>"
        f"<div class='body'>{prose}<p>Copyright 2024 The Daily Herald. All rights reserved.</p>"
        "</div><p style='text-align:right'><strong>Jane Whitaker</strong></p></article></body>"
        "</html>"
    )
    url = "https://www.dailyherald.example/news/2024/03/12/x/"
    assert extract_article(url, html).authors == ["Jane Whitaker"]


@pytest.mark.parametrize(
    ("byline", "language", "expected"),
    [
        # a role, then where it is held, in a script other than Latin; in Latin letters a
        # second writer's name may be so written, and "and" or a sign opens one
        ("Автор: Сергей Мельников, соб. корр. «УР», Нижний Тагил", "ru", ["Сергей Мельников"]),
        ("Jane Doe, Staff Writer, John Smith", "en", ["Jane Doe", "John Smith"]),
        ("By Jane Doe, Staff Writer & John Smith", "en", ["Jane Doe", "John Smith"]),
        ("Jane Doe, staff writer, and John Smith", "en", ["Jane Doe", "John Smith"]),
        ("Jane Doe, staff writer, John Smith, correspondent", "en", ["Jane Doe", "John Smith"]),
        ("Por Ana Lima, de São Paulo, João Silva", "pt", ["Ana Lima", "João Silva"]),
        # who edited an agency's copy, in French, Spanish and Italian
        ("Par Belga, édité par Sophie Lambert", "fr", ["Belga"]),
        ("Por EFE, editado por Ana Ruiz", "es", ["EFE"]),
        ("Mario Rossi | Editato da Luca Bianchi", "it", ["Mario Rossi"]),
        # the text's label and the photos' after a slash, or a CJK photographer's label
        ("เรื่อง/ภาพ: ธีรพงษ์ แก้วมณี", "th", ["ธีรพงษ์ แก้วมณี"]),
        ("文／陳怡君 攝影／林志明", "zh", ["陳怡君"]),
        ("文／佐藤真理子　写真／田中健", "ja", ["佐藤真理子"]),
        ("글 김민수 기자 / 사진 박지훈 기자", "ko", ["김민수"]),
        ("Text: Anna Weber / Foto: Max Roth", "de", ["Anna Weber"]),
        ("Tekst / foto: Jan Kowalski", "pl", ["Jan Kowalski"]),
        # a bar before an editor's label without its colon
        ("Kontributor Demak, Nur Zaidi | Editor Pythagoras Kurniawan", "id", ["Nur Zaidi"]),
        # a mark before the label, and the label of "our editor" in Dutch
        ("■报导：黄伟强", "zh", ["黄伟强"]),
        ("Door onze redacteur Sanne de Vries", "nl", ["Sanne de Vries"]),
        ("De notre rédacteur en chef Jean Dupont", "fr", ["Jean Dupont"]),
        # "and" in Hausa and Somali, only on their pages
        ("Daga Aminu Sani Garba da Halima Yusuf", "ha", ["Aminu Sani Garba", "Halima Yusuf"]),
        ("Maxamed Cali iyo Faadumo Xasan", "so", ["Maxamed Cali", "Faadumo Xasan"]),
        ("Maria da Silva", "pt", ["Maria da Silva"]),
        ("Daga Mariana da Silva, Porto Alegre", "ha", ["Mariana da Silva", "Porto Alegre"]),
        ("Daga Nasidi Adamu Yahaya da ke Dutse", "ha", ["Nasidi Adamu Yahaya da ke Dutse"]),
        # Persian's "interview" and "publisher" (who put it online), Kurmanji's "news"
        ("گفت\u200cوگو: فاطمه نوری", "fa", ["فاطمه نوری"]),
        ("خبرنگار: امیر حسین\u200cزاده ** انتشاردهنده: مهدی اکبری", "fa", ["امیر حسین\u200cزاده"]),
        ("Nûçe: Berfin Aydın / MA", "ku", ["Berfin Aydın", "MA"]),
        # the piece's kind labels a byline only before a colon
        ("Interview: Anna Weber", "de", ["Anna Weber"]),
        ("Reportage: Sanne de Vries", "nl", ["Sanne de Vries"]),
        # "representative" after a Telugu paper's name
        ("కొండపల్లి వెంకటేశ్వర్లు, సాక్షి ప్రతినిధి", "te", ["కొండపల్లి వెంకటేశ్వర్లు"]),
        # only a Russian paper's own correspondent is posted to the place after the role
        ("Анна Смирнова, обозреватель, Игорь Белов", "ru", ["Анна Смирнова", "Игорь Белов"]),
        (
            "Елена Кузнецова, корр. «СН», Дмитрий Волков",
            "ru",
            ["Елена Кузнецова", "Дмитрий Волков"],
        ),
        (
            "Анна Петрова, собственная корреспондентка «РГ», Нижний Тагил",
            "ru",
            ["Анна Петрова"],
        ),
        # a CJK picture label joined to the text's is no credit apart
        ("图/文 王小明", "zh", ["王小明"]),
        ("文图/本报记者 刘洋", "zh", ["刘洋"]),
        ("文/龙锟 图/苏俊杰", "zh", ["龙锟"]),
        ("文/陳怡君、攝影/林志明", "zh", ["陳怡君"]),
        ("文・写真/山田太郎", "ja", ["山田太郎"]),
        ("取材・文・写真／山田太郎", "ja", ["山田太郎"]),
        ("글/김민수 사진/박지훈", "ko", ["김민수"]),
        ("글·사진/김민수", "ko", ["김민수"]),
        ("文、圖／陳怡君", "zh", ["陳怡君"]),
    ],
)
def test_sixteenth_round_byline_forms(byline: str, language: str, expected: list[str]) -> None:
    assert split_byline(byline, language) == expected


@pytest.mark.parametrize(
    "value",
    ["Accéder à la page de l'auteur", "View the author's profile page", "ホーム > 特集 >",
     "News » Politics"],
)  # fmt: skip
def test_sentences_and_breadcrumbs_are_nobody(value: str) -> None:
    assert is_nobody(value)


@pytest.mark.parametrize(
    "name",
    ["Ludwig van der Berg", "María de los Ángeles García", "Jan van 't Hof", "marcos lópez",
     "Siti Aishah binti Ahmad", "Abd al-Aziz bin Abd al-Rahman", "Anna «Аня» Петрова",
     "Sophie in 't Veld", "Mohamed ould Cheikh ould Sidiya", "Jean « Johnny » Dupont"],
)  # fmt: skip
def test_names_with_lower_case_particles_are_somebody(name: str) -> None:
    assert not is_nobody(name)


def test_a_sites_edition_after_its_writer_is_the_publisher() -> None:
    credit = Credit(["ITV News"], "www.itv.com", "en")
    credit.add("By Sarah Ridley, ITV News Tyne Tees")
    assert credit.result() == Credits(["Sarah Ridley"], "ITV News Tyne Tees")
    # a role or a desk after the site's name is no edition
    credit = Credit(["Harbour City Free Press"], "www.hcfp.example", "en")
    credit.add("By Hans Tse, Harbour City Free Press reporter")
    assert credit.result() == Credits(["Hans Tse"], None)
    # the site's name after the writer's, glued: the writer
    credit = Credit(["Lincoln Journal Star"], "www.journalstar.com", "en")
    credit.add("Zach Hammack Lincoln Journal Star")
    assert credit.result().authors == ["Zach Hammack"]


@pytest.mark.parametrize(
    ("name", "site_names", "host", "organisation"),
    [
        ("Báo Tuổi Trẻ", ["TUOI TRE ONLINE"], "tuoitre.vn", True),
        ("Diario Libre", ["Diario Libre"], "www.diariolibre.com", True),
        ("Jornal Nacional", ["g1"], "g1.globo.com", False),
        ("Local Democracy Reporting", ["Otago Daily Times"], "www.odt.co.nz", True),
        # a given name that "newspaper" loses its marks to, and a brand's first word alone
        ("Bảo Thanh", ["Thanh Niên"], "thanhnien.vn", False),
        ("Báo Tuổi", ["TUOI TRE ONLINE"], "tuoitre.vn", False),
    ],
)
def test_newspaper_before_the_sites_name_and_a_reporting_desk(
    name: str, site_names: list[str], host: str, organisation: bool
) -> None:
    assert Credit(site_names, host, None).is_organisation(name) is organisation


@pytest.mark.parametrize(
    ("lang", "before", "after", "expected"),
    [
        # a Japanese paper's bureau, a space and its reporter closing the story
        ("ja", "", "<p align='right'>（北海道支局　佐々木恵 記者）</p>", ["佐々木恵"]),
        ("ja", "", "<p>（北海道支局）</p>", []),
        ("ja", "", "<p>（阿部 亮介）</p>", ["阿部 亮介"]),
        # a signature opening with a hyphen, and where its writer filed from
        ("en", "", "<p><b>- Yaw Ofori-Atta, Kumasi</b></p>", ["Yaw Ofori-Atta"]),
        ("en", "", "<p>- The council meets again on Tuesday.</p>", []),
        # one word in brackets under a signature set to the right: where it was filed
        (
            "si",
            "",
            "<p style='text-align:right'><strong>චමින්ද ප්\u200dරියදර්ශන</strong><br>(ගාල්ල)</p>",
            ["චමින්ද ප්\u200dරියදර්ශන"],
        ),
        (
            "en",
            "",
            "<p style='text-align:right'><strong>Disgruntled Commuter</strong><br>(Hastings)</p>",
            [],
        ),
        # set plain, a hyphen's line attributes a quote
        ("en", "", "<p>“The future belongs to us.”</p><p>- Kwame Nkrumah</p>", []),
        ("en", "", "<p>“The future belongs to us.”</p><p><em>- Kwame Nkrumah</em></p>", []),
        # a desk before its reporter, not a surname ending in 部
        ("ja", "", "<p>（社会部 山田太郎）</p>", ["山田太郎"]),
        # a kicker of a sentence after a report's label; the byline below it
        (
            "fa",
            "<div class='rutitr'>گزارش «پیام ملت» از بازار مسکن پایتخت در آستانه فصل نقل و انتقال"
            "</div><div class='news-reporter'><span class='lbl'>گزارش:</span> <span class='name'>"
            "مریم احمدی</span> <span class='lbl'>عکس:</span> <span class='name'>حسین رضایی</span>"
            "</div>",
            "",
            ["مریم احمدی"],
        ),
        # a byline's role and place classed as such
        (
            "bn",
            "<div class='contributor-name'><span class='author-name'>শাহনাজ পারভীন</span>, <span "
            "class='author-designation'>বিশেষ প্রতিনিধি</span></div>",
            "",
            ["শাহনাজ পারভীন"],
        ),
    ],
)
def test_sixteenth_round_lines_around_the_story(
    lang: str, before: str, after: str, expected: list[str]
) -> None:
    url = "https://www.paper.example/news/2024/05/17/story.html"
    assert extract_article(url, story_page(lang, before=before, after=after)).authors == expected


def test_a_closing_source_of_the_paper_and_an_agency_credits_the_agency() -> None:
    head = (
        '<meta name="author" content="L\'essentiel">'
        '<meta property="og:site_name" content="L\'essentiel">'
    )
    url = "https://www.lessentiel.lu/fr/story/x-458122367001"
    fields = extract_article(url, story_page("fr", head=head, after="<p>(L'essentiel/AFP)</p>"))
    assert (fields.authors, fields.publisher) == ([], "AFP")
    for closing in ("(L'essentiel/Vidéo)", "(Foto/AFP)"):
        html = story_page("fr", head=head, after=f"<p>{closing}</p>")
        assert extract_article(url, html).publisher == "L'essentiel"


def test_the_bylines_script_over_the_metadatas_latin_nasals_alike() -> None:
    """ "सिंह" is "simh" in Latin letters, "Singh" in the metadata: the same name."""
    head = '<meta name="author" content="Amit Kumar Singh">'
    html = story_page("hi", head=head, before="<p class='byline'>अमित कुमार सिंह</p>")
    url = "https://www.news.example.in/up/lucknow-power-cut"
    assert extract_article(url, html).authors == ["अमित कुमार सिंह"]


def test_a_label_of_reporting_is_no_desk_and_a_name_of_particles_a_byline() -> None:
    credit = Credit([], "news.example", "en")
    credit.add("Reporting: Jane Doe")  # no desk, nor a label of the writing ("Reporting: Crime
    assert credit.result() == Credits([], None)  # Stoppers Hotline")
    html = story_page("en", before="<p class='byline'>By Mary Ann de la Cruz van der Berg</p>")
    url = "https://www.paper.example/news/2024/05/17/story.html"
    assert extract_article(url, html).authors == ["Mary Ann de la Cruz van der Berg"]


def test_a_correspondent_credited_by_place_is_a_desk_in_scripts_without_capitals() -> None:
    credit = Credit([], "www.prothomalo.com", "bn")
    credit.add("চট্টগ্রাম প্রতিনিধি")
    assert credit.result() == Credits([], "চট্টগ্রাম প্রতিনিধি")


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        (
            "Geschrieben am 8. März 2023 von <a href='/author/jw/'>Jörg Wegener</a>",
            "de",
            ["Jörg Wegener"],
        ),
        ("Publié le 3 mai 2024 par <a href='/auteur/ml/'>Marie Lenoir</a>", "fr", ["Marie Lenoir"]),
        ("Publicado el 3 de mayo de 2024 por Ana Ruiz", "es", ["Ana Ruiz"]),
        ("Pubblicato il 3 maggio 2024 da Marco Bellini", "it", ["Marco Bellini"]),
        ("Geplaatst op 3 mei 2024 door Sanne de Vries", "nl", ["Sanne de Vries"]),
        # no date, no byline: a sentence that opens so
        ("Geschrieben von der Redaktion am Montag", "de", []),
    ],
)
def test_a_blog_themes_dated_byline_over_its_categories(
    line: str, lang: str, expected: list[str]
) -> None:
    """The theme's line gives the day and the writer, then, after a line break, the
    categories and the comments: only the first line is the byline."""
    body = (
        f"<div class='meta-right'>{line}<br>in <a href='/category/kultur/' rel='category tag'>"
        "Kultur</a>, <a href='/category/ruhr/'>Ruhrgebiet</a> | <a href='#comments'>12 "
        "Kommentare</a></div>"
    )
    assert credited(body=body, language=lang).authors == expected


def test_a_source_label_before_a_person_and_a_role_credits_the_person() -> None:
    body = "<p class='floatRight'>Source: Kwame Boateng Asare, Contributor</p>"
    assert credited(body=body).authors == ["Kwame Boateng Asare"]
    # an agency after the label stays the source, and a place is no role
    assert credited(body="<p class='floatRight'>Source: Reuters</p>").authors == []
    body = "<p class='floatRight'>Source: Kwame Boateng Asare, Accra</p>"
    assert credited(body=body).authors == []


@pytest.mark.parametrize(
    ("jsonld", "byline", "expected"),
    [
        (["Gruber Lena", "Aichinger Moritz"], "Von Lena Gruber und Moritz Aichinger", None),
        (["Ndeye Fatou Seck"], "Par Ndèye Fatou SECK", ["Ndèye Fatou SECK"]),
        # other people, not the same ones written otherwise
        (["Lena Gruber"], "Von Moritz Aichinger", ["Lena Gruber"]),
    ],
)
def test_the_metadatas_names_reordered_or_respelt_give_way_to_the_bylines(
    jsonld: list[str], byline: str, expected: list[str] | None
) -> None:
    body = f"<p class='byline'>{byline}</p>"
    found = credited(jsonld=jsonld, body=body, language="de").authors
    assert found == (expected or ["Lena Gruber", "Moritz Aichinger"])


@pytest.mark.parametrize(
    ("opening", "lang", "site", "expected"),
    [
        (
            "<p><strong>CHITALU MWEWA and JOSEPH MWANZA, Kabwe</strong></p>",
            "en",
            "Daily Mail",
            ["Chitalu Mwewa", "Joseph Mwanza"],
        ),
        (
            "<p><strong>FLÁVIO NHANCALE e CÉLIA MATSINHE</strong></p>",
            "pt",
            "Flávio Nhancale",
            ["Flávio Nhancale", "Célia Matsinhe"],
        ),
        ("<p><strong>MWILA CHANDA, Ndola</strong></p>", "en", "Daily Mail", ["Mwila Chanda"]),
        ("<p><strong>MWILA CHOLA<br>Lusaka</strong></p>", "en", "Daily Mail", ["Mwila Chola"]),
        ("<p><strong>MWILA CHOLA<br>LUSAKA</strong></p>", "en", "Daily Mail", []),
        # one phrase in capitals is a heading, one with a place in capitals a dateline, and
        # a heading's words give it away
        ("<p><strong>MWILA CHANDA</strong></p>", "en", "Daily Mail", []),
        ("<p><strong>LUSAKA, ZAMBIA</strong></p>", "en", "Daily Mail", []),
        ("<p><strong>BREAKING NEWS and LIVE UPDATES</strong></p>", "en", "Daily Mail", []),
        # nor when the line says more than the names
        ("<p><strong>JOHN BANDA</strong> and friends met on Monday.</p>", "en", "Daily Mail", []),
    ],
)
def test_names_in_bold_capitals_opening_the_story(
    opening: str, lang: str, site: str, expected: list[str]
) -> None:
    head = (
        f'<meta name="author" content="{site}"><meta property="og:site_name" content="Daily Mail">'
    )
    html = story_page(lang, head=head, before=opening)
    fields = extract_article("https://www.daily-mail.co.zm/drought-relief/", html)
    assert fields.authors == (expected or ([site] if site != "Daily Mail" else []))


@pytest.mark.parametrize(
    ("closing", "lang", "expected"),
    [
        ('<p align="right"><b>Ө.Энхтуяа</b></p>', "mn", ["Ө.Энхтуяа"]),
        # but one phrase in capitals, even set to the right, may be a slogan or an office
        ('<p style="text-align:right"><b>ALUTA CONTINUA</b></p>', "pt", []),
        ('<p style="text-align:right"><b>ASSESSORIA DE IMPRENSA</b></p>', "pt", []),
        ('<p align="right"><b>ᲒᲐᲒᲠᲫᲔᲚᲔᲑᲐ ᲘᲥᲜᲔᲑᲐ</b></p>', "ka", []),  # "to be continued"
        # several names each with its initial are not one surname-first name
        ('<p align="right"><b>Н.СОКОЛОВА, В.ГОЛУБЕВ</b></p>', "ru", ["Н.Соколова", "В.Голубев"]),
    ],
)
def test_a_right_aligned_signature_in_capitals_or_with_a_glued_initial(
    closing: str, lang: str, expected: list[str]
) -> None:
    html = story_page(lang, after=closing)
    authors = extract_article("https://www.paper.example/a/84512", html).authors
    assert [a.casefold() for a in authors] == [a.casefold() for a in expected]


def test_a_name_with_a_glued_initial_is_no_place_after_a_wire_desk() -> None:
    body = "<p><strong>By B.DULGUUN</strong></p>"
    found = credited(meta={"author": "The UB Post"}, body=body, site_names=("The UB Post",))
    assert found.authors == ["B.DULGUUN"]


def test_a_role_then_the_outlet_by_its_initials_is_no_name() -> None:
    body = (
        "<div data-testid='byline-new'><span>Gan Heledd Fflur Jones</span>"
        "<div>Gohebydd Addysg BBC Cymru</div></div>"
    )
    found = credited(body=body, language="cy", host="www.bbc.co.uk", site_names=("BBC Cymru Fyw",))
    assert found.authors == ["Heledd Fflur Jones"]
    body = "<p class='byline'>By Heledd Jones<br>Education correspondent BBC Wales</p>"
    assert credited(body=body).authors == ["Heledd Jones"]
    # a name in capitals after a role's label is a name
    credit = Credit([], "news.example", "en")
    credit.add("Reporter JANE DOE")
    assert credit.result().authors == ["Jane Doe"]


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ("Hanna Jensen og Rógvi Olsen", "fo", ["Hanna Jensen", "Rógvi Olsen"]),
        ("Jelle de Boer en Sytske Hoekstra", "fy", ["Jelle de Boer", "Sytske Hoekstra"]),
        ("Айгүл Сейітова және Нұрлан Құмар", "kk", ["Айгүл Сейітова", "Нұрлан Құмар"]),
        ("Aynur Həsənova və Elvin Quliyev", "az", ["Aynur Həsənova", "Elvin Quliyev"]),
        ("ნინო ბერიძე და გიორგი კაპანაძე", "ka", ["ნინო ბერიძე", "გიორგი კაპანაძე"]),
        ("Անի Հակոբյան և Արմեն Սարգսյան", "hy", ["Անի Հակոբյան", "Արմեն Սարգսյան"]),
    ],
)
def test_and_in_more_languages(byline: str, lang: str, expected: list[str]) -> None:
    assert split_byline(byline, lang) == expected


def test_a_surname_that_is_an_agencys_name_stays_the_persons() -> None:
    credit = Credit([], "www.losandes.com.ar", "es")
    credit.add("Nicolás Fernández Mena")
    assert credit.result() == Credits(["Nicolás Fernández Mena"], None)
    credit = Credit([], "www.news.example", "en")
    credit.add("Ahmed Ali MENA")  # in capitals, the agency
    assert credit.result() == Credits(["Ahmed Ali"], "MENA")


def test_a_photographers_card_beside_a_picture_or_in_brackets() -> None:
    cards = "".join(
        f"<div class='byline'><img src='/{n}.png' alt=''><div><a class='byline__name' "
        f"href='/av/{n}'>{name}</a><span class='byline__title'>{role}</span></div></div>"
        for n, (name, role) in enumerate(
            [
                ("Emma Lindqvist", "Reporter"),
                ("Johan Hellberg", "Reporter"),
                ("Sara Nilsson", "Fotograf"),
            ]
        )
    )
    jsonld = ["Emma Lindqvist", "Johan Hellberg", "Sara Nilsson"]
    body = f"<div class='article__bylines'>{cards}</div>"
    assert credited(jsonld=jsonld, body=body, language="sv").authors == jsonld[:2]
    body = (
        "<div class='byline'><a href='/autor/ml'>Marta Leite</a> (texto) e "
        "<a href='/autor/nfs'>Nuno Santos</a> (fotografia)</div>"
    )
    found = credited(jsonld=["Marta Leite", "Nuno Santos"], body=body, language="pt")
    assert found.authors == ["Marta Leite"]


def test_a_thai_desk_and_a_chinese_editorial_are_publishers() -> None:
    body = "<div class='byline'>ข่าวโดย : กองบรรณาธิการเชียงใหม่นิวส์</div>"
    found = credited(body=body, site_names=("เชียงใหม่นิวส์",), language="th")
    assert found == Credits([], "กองบรรณาธิการเชียงใหม่นิวส์")
    found = credited(jsonld=["聯合報社論"], site_names=("聯合新聞網",), language="zh-TW")
    assert found == Credits([], "聯合報社論")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("本文来源：澎湃新闻 作者：澎湃新闻记者 王迪", ["王迪"]),  # the source's field first
        ("中国新闻周刊记者：王青", ["王青"]),  # the outlet's reporter, then a colon
        ("界面新闻记者 | 李彪", ["李彪"]),  # or a bar
        ("来源：新华社", []),
    ],
)
def test_chinese_reporters_after_their_outlet_and_a_colon_or_a_bar(
    line: str, expected: list[str]
) -> None:
    credit = Credit([], "www.163.com", "zh-CN")
    credit.add(line)
    assert credit.result().authors == expected


def test_a_share_button_after_a_chinese_author_field_is_no_name() -> None:
    body = (
        '<div class="info"><span class="time">2024-06-19 15:41:08</span><span>来源：新民晚报'
        '</span><span class="author">作者：杨洁</span><a href="javascript:;">分享</a></div>'
    )
    assert credited(body=body, language="zh-CN").authors == ["杨洁"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("АМИТ «Ховар»", Credits([], "АМИТ «Ховар»")),
        ("ИА «Регнум»", Credits([], "ИА «Регнум»")),
        ("Агентство «Минск-Новости»", Credits([], "Агентство «Минск-Новости»")),
        ("ІА «УНІАН»", Credits([], "ІА «УНІАН»")),
        # a nickname between a person's names is no brand
        ("Иван «Ваня» Петров", Credits(["Иван «Ваня» Петров"], None)),
    ],
)
def test_an_organisations_kind_then_its_name_in_guillemets(name: str, expected: Credits) -> None:
    credit = Credit([], "khovar.tj", "tg")
    credit.add(name)
    assert credit.result() == expected


@pytest.mark.parametrize(
    "opening",
    [
        # what the story is about, named again in it: a wedding's couple, an obituary's dead
        "<p><strong>JESSICA LYNN MARTIN AND DAVID ALAN REYES</strong></p>",
        "<p><strong>MARGARET ANN KOWALSKI, Hazleton</strong></p>",
        # an institution, a dateline
        "<p><strong>MINISTRY OF HEALTH AND CHILD CARE</strong></p>",
        "<p><strong>CARSON CITY, Nev.</strong></p>",
    ],
)
def test_bold_capitals_opening_a_story_about_them_credit_nobody(opening: str) -> None:
    prose = (
        "<p>Jessica Martin and David Reyes were married on Saturday; Margaret Kowalski of "
        "Hazleton died at home on Friday, aged 84.</p>"
    )
    head = '<meta property="og:site_name" content="Daily Mail">'
    html = story_page("en", head=head, before=opening + prose)
    assert extract_article("https://www.daily-mail.co.zm/notices/a/", html).authors == []
    # nor over another writer the metadata credits
    head += '<meta name="author" content="Ryan Lopez">'
    html = story_page("en", head=head, before="<p><strong>JOHN BANDA and MARY PHIRI</strong></p>")
    assert extract_article("https://www.daily-mail.co.zm/a/", html).authors == ["Ryan Lopez"]


@pytest.mark.parametrize(
    "line",
    [
        "Publicado en 2019 por Siruela",  # a book's details: a year alone, no day
        "Publicado el 3 de mayo de 2024 por Comunicación Social",  # an office
        "Geschrieben am 8. März 2023 von Pressewart",
    ],
)
def test_a_dated_line_naming_no_person_is_no_byline(line: str) -> None:
    body = f"<div class='meta-right'>{line}<br>in <a href='/category/x/'>Kultur</a></div>"
    assert credited(body=body, language="es").authors == []


@pytest.mark.parametrize(
    "line",
    [
        "Source: Ghanaian Times, Contributor",  # an outlet
        "Source: Kumasi Metropolitan Assembly, Contributor",  # an institution
        "Source: Eric Mensah, Photographer",  # who took the pictures
    ],
)
def test_a_source_label_before_no_writer_credits_nobody(line: str) -> None:
    assert credited(body=f"<p class='floatRight'>{line}</p>").authors == []


def test_the_metadatas_accents_stay_where_the_byline_drops_them() -> None:
    body = "<p class='byline'>POR <a href='/autor/ml'>MARIA LOPEZ</a></p>"
    assert credited(jsonld=["María López"], body=body, language="es").authors == ["María López"]


def test_a_lone_photographers_card_beside_the_headers_other_blocks_credits_them() -> None:
    """A photo series' one card, beside the kicker's and the date's blocks, is its maker's."""
    body = (
        "<div class='header'><div class='kicker'>Foto</div><div class='byline'><img src='/f.png'"
        " alt=''><div><a href='/av/frode-hansen'>Frode Hansen</a><span>Fotograf</span></div>"
        "</div><div class='dates'>3. september 2024</div></div>"
    )
    assert credited(jsonld=["Frode Hansen"], body=body, language="no").authors == ["Frode Hansen"]


def test_an_and_before_the_photographer_in_brackets_keeps_the_writer_whole() -> None:
    assert split_byline("Por Ana Lima e Rui Costa (fotografia)", "pt") == ["Ana Lima"]


@pytest.mark.parametrize(
    "after",
    [
        # in capitals, what follows the dash may be a province; beside an outlet, its bureau
        '<p style="text-align:right;"><strong>VĂN HẢI - NGHỆ AN</strong></p>',
        '<p style="text-align:right;"><strong>Văn Hải/VOV-Tây Bắc</strong></p>',
    ],
)
def test_a_vietnamese_credit_adding_a_place_or_a_bureau_keeps_the_metadatas_name(
    after: str,
) -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        '{"@type": "Person", "name": "Văn Hải"}}</script>'
    )
    html = story_page("vi", head=head, after=after)
    assert extract_article("https://vov.vn/xa-hoi/a-1234.vov", html).authors == ["Văn Hải"]


def test_a_korean_closing_line_opened_by_a_slash() -> None:
    """An old template's story of bare lines, closing with "/name 기자 address"."""
    lines = "<br><br>".join(
        f"광주시는 복합쇼핑몰 인허가 절차를 {n}단계로 나눠 신속하게 진행하겠다고 밝혔다." * 3
        for n in range(6)
    )
    html = (
        '<html lang="ko"><head><title>제목</title></head><body><h1>광주 복합쇼핑몰</h1>'
        f'<div class="read_body">{lines}<br><br>/박은지 기자 ej@kwangju.co.kr</div></body></html>'
    )
    assert extract_article("https://kwangju.co.kr/article.php?aid=1716", html).authors == ["박은지"]


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        # a place and a staff role after a dash name nobody
        ("ঢাকা - নিজস্ব প্রতিবেদক", "bn", []),
        ("जयपुर - संवाददाता", "hi", []),
    ],
)
def test_what_this_rounds_forms_leave_alone(byline: str, lang: str, expected: list[str]) -> None:
    credit = Credit([], "news.example", lang)
    credit.add(byline)
    assert credit.result().authors == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted 3 hours ago by Tom Reddick", ["Tom Reddick"]),
        ("Posted on May 16 by Tom Reddick", ["Tom Reddick"]),
    ],
)
def test_a_dated_line_with_a_day_and_no_year_credits_its_writer(
    line: str, expected: list[str]
) -> None:
    body = f"<div class='postinfo'>{line}<br>in <a href='/category/news/'>News</a></div>"
    assert credited(body=body).authors == expected


def test_the_metadatas_names_stay_when_the_byline_differs_only_in_case() -> None:
    body = "<p class='byline'>Par Jean DUPONT</p>"
    assert credited(jsonld=["Jean Dupont"], body=body, language="fr").authors == ["Jean Dupont"]


@pytest.mark.parametrize(
    "line", ["Source: Myjoyonline, Contributor", "Source: Starr FM, Contributor"]
)
def test_a_source_label_before_an_outlet_and_a_role_credits_no_person(line: str) -> None:
    assert credited(body=f"<p class='floatRight'>{line}</p>", host="www.ghanaweb.com").authors == []


@pytest.mark.parametrize(
    ("lang", "lead"),
    [
        ("sd", "<p>ڪراچي (اسٽاف رپورٽر) شهر ۾</p>"),
        ("pa", "<p>ਫ਼ਿਰੋਜ਼ਪੁਰ, 19 ਅਕਤੂਬਰ (ਸਾਡੇ ਰਿਪੋਰਟਰ)- ਜ਼ਿਲ੍ਹਾ ਵਿਚ</p>"),
    ],
)
def test_a_leads_staff_credit_in_sindhi_or_punjabi_names_nobody(lang: str, lead: str) -> None:
    html = story_page(lang, before=lead)
    assert extract_article("https://news.example/2024/10/19/a.html", html).authors == []


@pytest.mark.parametrize(
    "opening",
    [
        "<p><strong>ZESCO UNITED and NKANA FC</strong></p>",
        "<p><strong>NEW YORK, Reuters</strong></p>",
    ],
)
def test_a_bold_capitals_subhead_or_dateline_is_no_byline(opening: str) -> None:
    head = (
        '<meta name="author" content="Daily Mail"><meta property="og:site_name" '
        'content="Daily Mail">'
    )
    html = story_page("en", head=head, before=opening)
    assert extract_article("https://www.daily-mail.co.zm/sport/a/", html).authors == []


def test_a_bold_name_and_its_place_after_a_little_word_is_no_surname_first_byline() -> None:
    html = story_page("de", before="<p><b>Von Meier, Zürich</b></p>")
    assert extract_article("https://news.example.ch/2024/05/17/a.html", html).authors == []


def test_a_person_before_an_outlet_in_guillemets_is_no_organisation() -> None:
    credit = Credit([], "news.example", "ru")
    credit.add("Сергей Иванов «Новая газета»")
    assert credit.result() == Credits(["Сергей Иванов"], None)


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        ("<p>（聞き手は佐藤健太）</p>", ["佐藤健太"]),
        ("<p>聞き手はいない。</p>", []),
    ],
)
def test_a_japanese_interviews_closing_interviewer(closing: str, expected: list[str]) -> None:
    html = story_page("ja", after=closing)
    assert extract_article("https://www.nikkei.com/article/DGXZQOUC0912.html", html).authors == (
        expected
    )


@pytest.mark.parametrize(
    ("lang", "before", "after", "expected"),
    [
        # Latvian's and Lithuanian's "text", with "and" between the names or the photos
        (
            "lv",
            "<p><em>Teksts: Dace Kļaviņa un Ilze Strautiņa</em></p>",
            "",
            ["Dace Kļaviņa", "Ilze Strautiņa"],
        ),
        ("lt", "<p>Tekstas: Rasa Petraitienė</p>", "", ["Rasa Petraitienė"]),
        # German's "from our editor", of any gender
        ("de", "<p>Von unserer Redakteurin Katrin Weiland</p>", "", ["Katrin Weiland"]),
        ("de", "<p>Von unserem Mitarbeiter Jonas Keller</p>", "", ["Jonas Keller"]),
        # Sorani's "prepared by", two names joined by "and"
        (
            "ckb",
            "<p>ئامادەکردنی: شوان ئەحمەد و کاروان جەمال</p>",
            "",
            ["شوان ئەحمەد", "کاروان جەمال"],
        ),
    ],
)
def test_labels_of_the_nineteenth_round(
    lang: str, before: str, after: str, expected: list[str]
) -> None:
    html = story_page(lang, before=before, after=after)
    assert extract_article("https://news.example/a/story-1", html).authors == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # a company's initials, then what it is
        ("KSF Media", True),
        ("RTL News", True),
        ("NWZ Gruppe", True),
        # a person's initials, or a name in capitals that is no media word's, or a first
        # name in capitals and a surname that is a media word
        ("JR Smith", False),
        ("KSF Lindström", False),
        ("Ksf Media", False),
        ("ZOE PRESS", False),
        ("AJ Post", False),
        ("TAL POST", False),
        ("MAX NEWS", False),
        # a broadcaster, in the languages that write the word otherwise
        ("Rádio Regina Stred", True),
        ("Rádió 1 Szeged", True),
        # a media group's name of one word
        ("Megamedia", True),
    ],
)
def test_initials_and_a_media_word_are_a_company(name: str, expected: bool) -> None:
    assert Credit([], "www.hbl.fi", "sv").is_organisation(name) is expected


def test_the_outlet_a_writer_wrote_for_is_the_site() -> None:
    credit = Credit(["LA GACETA"], "www.lagaceta.com.ar", "es")
    credit.add("Por Carlos Ríos - PARA LA GACETA")
    assert credit.authors == ["Carlos Ríos"]
    # "for" before a person is no outlet
    credit = Credit(["LA GACETA"], "www.lagaceta.com.ar", "es")
    credit.add("Por Carlos Ríos y Para Nomeolvides")
    assert credit.authors == ["Carlos Ríos", "Para Nomeolvides"]


def test_a_broadcaster_after_the_writers_name_is_the_publisher() -> None:
    credit = Credit(["Správy STVR"], "spravy.stvr.sk", "sk")
    credit.add("Autor: Ľubomír Varga, Rádio Regina Stred")
    assert (credit.authors, credit.publisher) == (["Ľubomír Varga"], "Rádio Regina Stred")


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Erkan KIRKPINAR/TRABZON, (DHA)- Maçka ilçesinde sağanak", ["Erkan KIRKPINAR"]),
        ("Mehmet YILMAZ / ANKARA (İHA) – Başkentte kar yağışı", ["Mehmet YILMAZ"]),
        # two, joined by a hyphen; a province in brackets after the district
        ("Mehmet ALTUN-Ayşe KAYA/İZMİR, (DHA)- Tire ilçesinde", ["Mehmet ALTUN", "Ayşe KAYA"]),
        ("Mustafa ÖZTÜRK/ ELBİSTAN (Kahramanmaraş), (DHA)- Elbistan", ["Mustafa ÖZTÜRK"]),
        # not a name in lower case, nor a place in it, nor brackets of no agency
        ("Ali Veli/İSTANBUL, (AA)- Şehirde", []),
        ("Erkan KIRKPINAR/Trabzon, (DHA)- Maçka ilçesinde", []),
        ("Erkan KIRKPINAR/TRABZON, (Haberler Merkezi)- Maçka", []),
    ],
)
def test_a_wire_leads_reporter_before_the_place_and_the_agency(
    lead: str, expected: list[str]
) -> None:
    html = story_page("tr", before=f"<p>{lead} ilçesinde iki gündür etkili olan yağış.</p>")
    assert extract_article("https://news.example/a/story-1", html).authors == expected


def test_a_wires_signature_with_its_desks_code_in_the_brackets() -> None:
    signature = (
        "<p class='signature'>AGERPRES/(A - autor: Ioan Bărbuță, editor: Georgiana Tănăsescu, "
        "editor online: Ady Ivaşcu)</p>"
    )
    html = story_page("ro", after=signature)
    assert extract_article("https://www.agerpres.ro/social/2024/02/06/x", html).authors == [
        "Ioan Bărbuță"
    ]


def test_a_byline_named_as_a_part_of_the_headlines_block_is_no_teasers() -> None:
    card = (
        "<article class='news-card'><h1 class='news-card__title'>Headline</h1>"
        "<div class='news-card__info'><div class='news-card__author'>Автор: "
        "<a href='/bg/author/tsvetelina-ivanova'>Цветелина Иванова</a></div></div>"
        + "".join(
            f"<p>Параграф {i} от историята разказва какво се случи в града.</p>" for i in range(6)
        )
        + "</article>"
    )
    teaser = (
        "<div class='news-card'><a href='/bg/news/2'>Друга новина днес</a>"
        "<div class='news-card__author'>Автор: Мария Стоянова</div></div>"
    )
    html = f"<html lang='bg'><head><title>Headline</title></head><body>{card}{teaser}</body></html>"
    assert extract_article("https://www.bta.bg/bg/news/1", html).authors == ["Цветелина Иванова"]
    # a teaser's card above a story of no such block credits nobody
    html = story_page("bg", before=teaser)
    assert extract_article("https://www.bta.bg/bg/news/1", html).authors == []


def test_a_photographer_labelled_in_hungarian_is_no_writer() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Headline", '
        '"author": [{"@type": "Person", "name": "Kovács Gergely"}, '
        '{"@type": "Person", "name": "Frank Yvette"}]}</script>'
    )
    before = (
        "<div class='meta'><div class='article-meta-author'>Szerző: Kovács Gergely</div>"
        "<div class='article-meta-photographer'>Fotó: Frank Yvette</div></div>"
    )
    html = story_page("hu", head=head, before=before)
    assert extract_article("https://www.delmagyar.hu/a/1", html).authors == ["Kovács Gergely"]


def test_a_login_title_cased_names_nobody() -> None:
    head = "<meta name='author' content='express_web_01'>"
    html = story_page("en", head=head)
    assert extract_article("https://www.express.pk/story/1", html).authors == []


@pytest.mark.parametrize(
    ("name", "host", "expected"),
    [
        # acronyms that spell the site's name, in a row
        ("MMC RTV SLO", "www.rtvslo.si", True),
        ("RTV SLO", "www.rtvslo.si", True),
        # not on another site, nor names of longer words
        ("MMC RTV SLO", "www.delo.si", False),
        ("TV SLO", "www.delo.si", False),
    ],
)
def test_acronyms_that_spell_the_site_are_the_site(name: str, host: str, expected: bool) -> None:
    assert Credit([], host, "sl").is_organisation(name) is expected


def test_an_editors_code_in_lower_case_names_nobody() -> None:
    after = (
        "<footer class='article-footer'><p class='article-author__source'>Regionaljournal "
        "Bern Freiburg Wallis, 16.01.2024, 17:30 Uhr ; sda/wilm</p></footer>"
    )
    html = story_page("de", after=after)
    assert extract_article("https://www.srf.ch/news/schweiz/x", html).authors == []


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        # an Iraqi paper's place, a slash and the writer, in bold
        ("<p><b>بغداد/ علي حسين الجبوري</b></p>", ["علي حسين الجبوري"]),
        ("<p><b>البصرة/ المدى</b></p>", []),
    ],
)
def test_a_place_and_a_slash_before_the_writer_in_arabic(before: str, expected: list[str]) -> None:
    html = story_page("ar", before=before)
    assert extract_article("https://almadapaper.net/view.php?cat=301234", html).authors == expected


def test_two_arabic_writers_a_slash_apart_are_no_place_and_name() -> None:
    assert split_byline("أحمد علي / محمد حسن", "ar") == ["أحمد علي", "محمد حسن"]


def test_a_closing_credit_of_the_text_and_photos_in_polish_names_the_writer() -> None:
    info = "<div class='info'>dodano: 07.06.2024 12:47 | autor: Redakcja | odsłon: 2316</div>"
    signed = "<p align='right'><i>Tekst i zdjęcia: Joanna Babiarz-Nowak</i></p>"
    prose = "".join(f"<p>Akapit {i} opowiada, co wydarzyło się w mieście.</p>" for i in range(6))
    html = (
        "<html lang='pl'><head><title>Nowy chodnik</title></head><body>"
        f"<h1>Nowy chodnik</h1>{info}<div class='tresc'>{prose}{signed}</div></body></html>"
    )
    assert extract_article("https://www.limanowa.example/a/1", html).authors == [
        "Joanna Babiarz-Nowak"
    ]


@pytest.mark.parametrize(
    ("lang", "before", "expected"),
    [
        # a play's author in a review's box of credits, above its critic's name
        (
            "is",
            "<div class='credits'>Höfundur: Bergur Ólafsson / Leikstjórn: Una Þorleifsdóttir</div>",
            [],
        ),
        # a match's commentator, in Persian the word for a reporter
        (
            "fa",
            "<ul class='match-info'><li>پخش زنده: شبکه سه سیما / گزارشگر: محمدرضا احمدی</li></ul>",
            [],
        ),
    ],
)
def test_an_author_of_other_work_in_a_box_of_credits_is_no_writer(
    lang: str, before: str, expected: list[str]
) -> None:
    html = story_page(lang, before=before)
    assert extract_article("https://news.example/a/story-1", html).authors == expected


@pytest.mark.parametrize(
    ("name", "host", "expected"),
    [
        # the site's name, less its host's suffix, by the article it opens with
        ("El Centinela", "www.elcentinelasa.com", True),
        ("La Voz", "www.lavozdegalicia.es", True),
        # a person's name on a site of their name
        ("John Smith", "www.johnsmithnews.com", False),
        ("El Hadji Diouf", "www.senego.com", False),
    ],
)
def test_an_article_and_the_start_of_the_host_are_the_site(
    name: str, host: str, expected: bool
) -> None:
    assert Credit([], host, "es").is_organisation(name) is expected


def test_an_accounts_first_name_in_the_metadata_gives_way_to_a_desks_byline() -> None:
    head = "<meta name='author' content='Sameer'>"
    byline = "<div class='jeg_meta_author'><a href='/author/sameer/'>News Desk</a></div>"
    html = story_page("en", head=head, before=byline)
    fields = extract_article("https://www.siasat.example/a-story-1", html)
    assert (fields.authors, fields.publisher) == ([], "News Desk")
    # a full name there, or one the page shows, stays the writer
    head = "<meta name='author' content='Sameer Ali'>"
    html = story_page("en", head=head, before=byline)
    assert extract_article("https://www.siasat.example/a-story-1", html).authors == ["Sameer Ali"]


@pytest.mark.parametrize(
    ("lang", "byline", "expected"),
    [
        # a writer who took the pictures too stays a writer
        ("hu", "Horváth Balázs | Fotó: Horváth Balázs", ["Horváth Balázs"]),
        ("hu", "Kiss Dóra, Szabó Béla | Fotó: Szabó Béla", ["Kiss Dóra", "Szabó Béla"]),
        ("de", "Anna Schmidt | Foto: Anna Schmidt", ["Anna Schmidt"]),
        # one who only took them is none
        ("de", "Anna Schmidt | Foto: Jonas Keller", ["Anna Schmidt"]),
    ],
)
def test_a_writer_who_took_the_pictures_too(lang: str, byline: str, expected: list[str]) -> None:
    html = story_page(lang, before=f"<div class='byline'>{byline}</div>")
    assert extract_article("https://news.example/a/story-1", html).authors == expected


def test_comments_inside_the_headlines_block_stay_a_box() -> None:
    comments = (
        "<section class='story__comments'><div class='story__comment'>"
        "<span class='story__comment-author'>Karl Heinz Fussenegger</span>"
        "<p class='story__comment-text'>Endlich passiert etwas in unserer Gemeinde!</p></div>"
        "</section>"
    )
    prose = "".join(
        f"<p>Absatz {i} der Meldung erzählt, was in der Stadt geschah.</p>" for i in range(6)
    )
    html = (
        "<html lang='de'><head><title>Headline</title></head><body><article class='story'>"
        f"<h1 class='story__title'>Headline</h1>{prose}{comments}</article></body></html>"
    )
    assert extract_article("https://www.vol.example/news/1", html).authors == []


@pytest.mark.parametrize(
    ("name", "host", "language", "expected"),
    [
        # the site's brand and the country of its domain, in the page's language or English
        ("Aps Sénégal", "aps.sn", "fr", True),
        ("Aps Senegal", "aps.sn", "fr", True),
        # not another country, nor on a domain of no country
        ("Aps Mali", "aps.sn", "fr", False),
        ("Aps Sénégal", "aps.com", "fr", False),
    ],
)
def test_the_sites_brand_and_its_domains_country_are_the_site(
    name: str, host: str, language: str, expected: bool
) -> None:
    assert Credit([], host, language).is_organisation(name) is expected


def test_two_signatures_in_bold_capitals_closing_the_story() -> None:
    after = "<p><strong>Massa SIDIBÉ</strong></p><p><strong>Amadou GUÉGUÉRÉ</strong></p>"
    html = story_page("fr", after=after)
    assert extract_article("https://www.essor.ml/a-1/", html).authors == [
        "Massa SIDIBÉ",
        "Amadou GUÉGUÉRÉ",
    ]
    # a bold heading above a signature is none
    after = "<p><strong>LIRE AUSSI</strong></p><p><strong>Amadou GUÉGUÉRÉ</strong></p>"
    html = story_page("fr", after=after)
    assert extract_article("https://www.essor.ml/a-1/", html).authors == ["Amadou GUÉGUÉRÉ"]


def test_a_role_alone_in_the_jsonld_gives_way_to_the_byline() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Headline", '
        '"author": {"@type": "Person", "name": "Editör"}}</script>'
    )
    html = story_page("tr", head=head, before="<div class='byline'>Mehmet Yılmaz</div>")
    assert extract_article("https://www.gazete.example.tr/a-1", html).authors == ["Mehmet Yılmaz"]


def test_the_paper_a_writer_writes_at_after_of_the() -> None:
    credit = Credit(["Diário do Grande ABC"], "www.dgabc.com.br", "pt")
    credit.add("Yara Ferraz, Do Diário do Grande ABC")
    assert (credit.authors, credit.publisher) == (["Yara Ferraz"], "Diário do Grande ABC")
    # a surname's particle stays the person's
    credit = Credit(["Diário do Grande ABC"], "www.dgabc.com.br", "pt")
    credit.add("Yara Ferraz, Dos Santos Lima")
    assert credit.authors == ["Yara Ferraz", "Dos Santos Lima"]


def test_a_bold_name_over_the_writers_email_opening_the_story() -> None:
    before = (
        "<p><strong>Marcos Vinícius Tavares</strong><br>"
        "<em>marcos.tavares@oregional.example</em></p>"
    )
    html = story_page("pt", before=before)
    assert extract_article("https://oregional.example/2024/05/a/", html).authors == [
        "Marcos Vinícius Tavares"
    ]


def test_a_story_block_heading_in_an_h2_reads_without_recursion() -> None:
    prose = "".join(f"<p>Paragraph {i} of the story tells what happened.</p>" for i in range(6))
    html = (
        "<html><head><title>T</title></head><body><article class='news-card'>"
        "<h2 class='news-card__headline'>Bridge reopens after two years</h2>"
        f"<div class='news-card__author'>By Jane Doe</div>{prose}</article></body></html>"
    )
    extract_article("https://x.example/a/b-1", html)  # no RecursionError
