"""Who wrote an article: the people its byline names, in byline order, and apart from them
the publisher or desk it credits.

A wrong byline misattributes a journalist's work, so each name is checked before it counts:

- sources, most trusted first, the first that names a person deciding: JSON-LD ``author`` (an
  entry typed as an organisation, a brand or a site is none); microdata or RDFa ``author``;
  ``<meta>`` author tags; the visible byline near the headline (``rel=author`` links,
  ``itemprop=author``, byline and author classes, one element per author, an hCard's name,
  lines starting "By", "Von", "Por"…, names followed by "기자", a line of links to authors'
  pages, a label in an element of its own and a link to the writer's page in the next (or, in
  a list of details, the name alone in the next), the name's own element in a box about the
  author, a part of a line of details it shares with the date and other fields, cut at bars,
  dots, dashes and line breaks ("Published: 14/05/2024 | By Gareth Hughes", "Posted on: … |
  Author: Kwame Asante | Views: 1,204", "作者: 张伟 浏览次数: 326", no-break spaces: "2012-07-19
  12:40&nbsp;&nbsp;Autor: …"), a link classed as the author's above the story, a part classed
  as the writer's user name, the BBC world services' ``data-testid="byline"``, ``<address>``
  elements linking to writers' pages, a given name and a family name in parts of their own as
  one name), never a picture's caption or credit (nor a picture and its caption set as the
  story's first paragraph), nor a reader's comment; a credit line in the story's own text,
  where Chinese and Japanese newsrooms set it ("【山田太郎】", "記者林志怡", a portal's
  "来源: 杭州日报 记者 陈洁"), an Arabic lead's place and writer
  ("الإسكندرية ـ أحمد عبد الحليم:", "بغداد/ علي حسين الجبوري"), a Turkish wire's lead naming
  its reporters before where they filed ("Erkan KIRKPINAR/TRABZON, (DHA)-"), a name alone in
  brackets opening the story ("(எம்.மனோசித்ரா)"), a name alone in bold opening it with a
  label or a role (also as two paragraphs, with no picture above them), or closing it as its
  signature
  (its last paragraph, above a photo's credit at most, a dash, the site's domain
  after it, in capitals before an agency: "REZA ADITYA | ANTARA", or before the agency's
  initials: "Дилноза Раҳимова, ЎзА"), brackets closing it with a name, the paper or its domain
  and the day it ran, a writer's field among the loose lines after it (1C-Bitrix's
  "Автор:&nbsp;…<br>Источник: …"), or a labelled line closing it ("Текст: Светлана Рейтер,
  Фото: …", "(By Teng Pei-ju and Ko Lin)", a portal's "…, 作者: 张晓燕, 编辑: 王磊"), or a short one
  opening with a label and naming only people ("BY KIM JI-YOUNG, PARK SANG-WOO [e-mail]", wire
  copy's "Reporting by …; Writing by …; Editing by …"); after these, a Chinese reporter's line
  set as the heading under the headline ("<h4>本报记者　王浩</h4>"); trafilatura's author as
  the last resort, unless the page shows it only in a box, a rail of other stories or chrome
  (a labelled byline line in the footer of the story's ``<article>`` excepted, not who posted
  it). Metadata that names one person gives way to a visible byline, or the
  story's credit line, naming that person and others (a CMS field often holds the first
  author only), one person named by
  any source to a byline opening the story's text ("By Johnbosco Agbakwuru, Abuja": the CMS's
  author field, and the byline the template fills from it, often name who posted the story),
  and metadata that credits a news agency alone to a visible byline naming its reporter by a
  full name ("By Jonathan Price, Reuters"), and one name in metadata to the same name the page
  shows without the words a CMS field kept after it ("Amber Peabody Enterprise Staff Writer"
  is "Amber Peabody"), and one name in metadata that the page never shows to a visible byline
  linking someone else's full name to their page, not one naming who posted, updated or edited
  the story (the CMS's author field names who edited or posted it), or to a name in bold after
  a byline's label opening or closing the story ("<b>Ni Jocelyn Ramos</b>");
- labels, titles of clergy, doctors and professors and roles go ("Autor Monika Bolliger",
  "By", "Haber: Ayşe Kaya", "Words: …", "संवाददाता: …", "Deacon Paul Hartman", "Dr Kwame
  Asante", "Van onze correspondent in Parijs", "Staff Writer", "Jane Doe - Politics
  Editor", "Mario Rossi, inviato a Kiev", "박준석 기자 외 1명", a role in an element of its
  own or on a line of its own ("By Rick Salinas<br>Editor", "By Jane Doe<br>Gleaner
  Writer"), a role before a name linked to its page: "By state political reporter <a>Kate
  Lindqvist</a>"), and so do initials and
  agencies in brackets ("Corina Gall (cog.)"), a broadcaster's initials before its writers in
  brackets ("MDR (Katharina Löffler, Paul Rehm)"), a known Korean place before a slash
  ("대전/송인걸 기자") and a relative date beside the names ("P. Mucović prije 26 minuta");
- other credits go with their names ("Fotos: Max Weber", "Фото: …", "Fotoğraf: …", "Editing
  by John Smith", "with additional reporting by…", "con información de AP", "Toimetaja: Mari
  Mets"), also set as the label of one linked name or after a name ("Sara
  Olsson<span>Foto</span>", "Jonas Künzli (Bilder)"), and
  so do places and outlets after a name ("Jane Doe in Washington", "Jane Doe, Washington",
  "Ana Souza, da Folhapress", "… for The Guardian", "… For Mailonline", a desk in an
  element of its own: "<span>Alex Homer</span><div>Local Democracy Reporting Service</div>")
  or before it and a colon ("الشارقة: جيهان شعيب"), an outlet or a role in mixed case after a
  name in capitals ("CHRIS DUNKER Lincoln Journal Star", "DON RATZLAFF Free Press Editor")
  and the site named beside one ("Zach Hammack Lincoln Journal Star", "هسبريس - عبد الرحيم
  العسري"); a person the page credits for other work than the writing is no author though
  its metadata lists them as one (nor one it shows only under a picture, "Tom Gralish / Staff
  Photographer", or after another credit's label, where a line outside the pictures names no
  such writer), nor is an editor labelled beside a byline that names
  another writer ("Published by: …", "Editor …"), or, where nobody else is credited, by a
  bracketed line in CJK characters closing the story ("【编辑:王琴】"), nor those who
  "contributed reporting";
- names joined by "and" or "with" are split in the page's language ("A og B", "A und B",
  "A y B", "Jean Dupont avec AFP", Arabic's "و" joined to a common given name), full names
  a spaced dash apart ("CHÍ QUỐC - HOÀI THƯƠNG"), and Chinese and Korean names a space apart
  ("张三 李四"); a surname-first form ("Brazil, Rachel") stays one person; a Greek name in
  the genitive after the article that says "by" is named as its person is ("Γιώργου
  Κακούρη" is Γιώργος Κακούρης, "Της Ελένης Μαυρίδου" is Ελένη Μαυρίδου);
- the site itself, a domain, a desk or newsroom ("stern.de", "n-tv Nachrichten", "한국일보",
  "Redaktion", "GMA Integrated News", "Letters to the Editor", a name opening with "The", the
  paper's name in its own script beside other credits, by its sound and most of its letters,
  "अमर उजाला" on Amar Ujala, its brand joining its initial and last word, "KNews" on Kaieteur
  News), a
  company ("Northbridge Robotics, Inc.", "MAFRA, a.s.", a paper's "金門日報社", "KSF Media"),
  the site's initials ("F. Q." on Il Fatto Quotidiano) or acronyms ("MMC RTV SLO" on
  rtvslo.si), its name by its article and the start of its host ("El Centinela" on
  elcentinelasa.com), a broadcaster ("Rádio Regina Stred"), or a name the JSON-LD
  types as an organisation,
  goes to ``publisher``, never to ``authors``, whichever source names it (and then
  trafilatura's copy of those fields is not read); so does a news agency, credited
  beside a person ("Jane Doe, The Associated Press", "SARAH KELLMAN Associated Press", "LISA
  MARCHETTI (Associated Press)") or
  alone ("By Reuters"), or opening a story the metadata credits to its reporters alone, after
  a place in capitals ("DENVER (AP) —"), or named by a
  source line near the headline ("Quelle: dpa"), not one under each of a live blog's entries,
  in brackets closing the story ("(أ ف ب)") or ending the headline's part of an aggregator's
  ``<title>`` ("… (時事通信) - Yahoo!ニュース"), when only the site or a desk is credited;
- markup garbage is dropped: user names ("xiaoying", and in the metadata a login of one word
  in Latin letters on a page in another script, "Ibrahim"; trafilatura's title-cased copy of a
  login, "Express Web", or of an editor's code the page writes in lower case, "sda/wilm"), a
  byline's little word left alone in a script with capitals ("от"), pronouns ("you"), e-mail
  addresses and social handles beside a name ("@MDelgadoNews"), URLs, dates, labels ("Updated:"), a
  ``<time>`` or another field beside the names ("Last Updated: May 5, 2024", "发布于: 浙江省",
  a line opening with the date, a part classed as the story's creation, its views and
  comments, a part labelled as another field before links to no person: "genre :"), a
  button ("Share", "Save", a link to the writer's other stories: "기사모음") or an
  address linked beside them, a part describing the writer ("fs-author-desc"), anything too
  long to be a name; names in capitals ("JOSH
  BOAK") are written as names ("Josh Boak"), a Korean given name as one word ("KIM
  JI-YOUNG" is "Kim Ji-young").

Written by hand: trafilatura's author rules are the last resort because they keep roles and
split at every comma, and no library knows bylines in many languages. anyascii writes a name
of any script in Latin letters, which is how a paper's name in its own script is matched with
the site's, by its consonants (:func:`sound_key`) and most of its letters.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from anyascii import anyascii
from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names
from lxml import etree

from spiders.anatomy import (
    BYLINE_CLASS,
    BYLINE_WORDS,
    CREDIT_WORDS,
    LINE_CHARS,
    PERSON_LINK,
    SHORT_LINE_CHARS,
    SHOWN_ON_SOME_SCREENS,
    Anatomy,
    line_fields,
    outermost_holder,
    teaser_link,
    title_parts,
)
from spiders.datelines import MODIFIED_LABEL, PUBLISHED_LABEL
from spiders.dates import MARKED_SCRIPTS, date_start, month_numbers
from spiders.relativedates import relative_dates
from spiders.textfields import clean_line, without_marks

if TYPE_CHECKING:
    from lxml.html import HtmlElement


@dataclass(frozen=True)
class Credits:
    """The article's authors (people) and the organisation credited instead of or beside them."""

    authors: list[str]
    publisher: str | None


# Words --------------------------------------------------------------------------------------

#: What follows a label before the names: a colon, full-width, Khmer's ("ដោយ៖ …"), Ethiopic's
#: ("ዘጋቢ፡ …"), and the Armenian comma (U+055D), which follows a label as a colon does.
_COLONS = ":：៖፡՝"
#: Labels that are other words too, and plurals ("Reportrar: A, B och C"), which label a
#: byline only before a colon ("Words: Tom Briggs") or alone in an element of their own
#: (:data:`_LABEL_ONLY`).
_COLON_LABELS = (
    r"words|jornalista|संवाददाता|रिपोर्टर|reporters|reporterinnen|reportrar|reportere|reporterzy|"
    r"writers|redakteure|redakteurinnen|journalister|skribenter|toimittajat|yazarlar|autoři|"
    r"egilea|egileak|автори|συντάκτες|giornalisti|journalistes|periodistas|报道|报导|報導|采写|"
    r"haber|เรื่อง|"  # Thai's "story": "เรื่อง : ณัฐวุฒิ แก้วประเสริฐ"
    r"reportage|interview|"  # the piece's kind: "Reportage · Energie" names no one
    r"nûçe|"  # Kurmanji's "news": "Nûçe: …"
    # "prepared", "wrote", "compilation": "Подготовила: Анна Петрова", "Írta: Kovács Bálint"
    r"подготовил[аи]?|дайындаған|p[řr]ipravil[aiy]?|írta|opracowanie"
)
#: The word for "text" in a byline's label of the text and its photos: "Tekst i foto:",
#: "เรื่อง/ภาพ:", "Bài và ảnh:".
_TEXT_WORDS = "text|texte|texto|testo|tekst|teksti|teksts|tekstas|текст|szöveg|story|words|เรื่อง|bài"
#: "And" between a byline's label of the text and of its photos: "Tekst i foto:", "Text a foto:".
_TEXT_AND = r"and|und|e|y|et|og|och|en|i|a|и|és|și|ja|un|ir|và|&"
#: Words that label a byline or the names in it, in the languages of the world's newsrooms.
_LABELS = (
    # "Text and photos by", "Tekst og foto:", "Texte et photos :", "Tekst i foto:"
    rf"(?:{_TEXT_WORDS})(?:\s+(?:{_TEXT_AND})\s+|\s?/\s?)"  # or a slash: "เรื่อง/ภาพ:"
    r"(?:photos?|fotos?|foto's|fotók?|zdjęcia|nuotraukos|фото|kuvat?|pictures|bild(?:er)?|ภาพ|ảnh)"
    rf"(?:\s+(?:by|von|di|de|por|par)|(?=\s*[{_COLONS}]))|"
    # "from our correspondent" (editor, reporter, special envoy) and where, before the name:
    # "Van onze correspondent in Parijs", "Door onze redacteur Sanne de Vries", "Από την
    # ανταποκρίτρια του ΑΠΕ-ΜΠΕ στις Βρυξέλλες, Ελένη Μαυρίδου" (or the outlet's: "From CNN
    # Correspondent Martin Holloway")
    r"(?:van\s+onze|door\s+onze|from\s+\S+|de\s+notre|par\s+notre|von\s+unsere[mr]|"
    r"dal\s+nostro|dalla\s+nostra|del\s+nuestro|de\s+nuestra|do\s+nosso|da\s+nossa|"
    r"από\s+τ[ηο]ν)\s+(?:\w+\s+)?"
    r"(?:correspondent[ea]?|korrespondent(?:en|in)?|corrispondente|corresponsal|correspondante?|"
    r"ανταποκρ[ιί]τ\w*|redacteur|redactrice|redakteur(?:in)?|mitarbeiter(?:in)?|reporter(?:in)?|"
    r"verslaggever|verslaggeefster|rédac(?:teur|trice)"
    r"(?:\s+en\s+chef)?|envoyée?\s+spéciale?)"
    # and where, up to the comma before the name ("…του ΑΠΕ-ΜΠΕ στις Βρυξέλλες, Ελένη…") or,
    # in two words at most, the end of the line ("…in Parijs")
    r"(?:\s+(?:in|à|a|en|em|aus|au|at|στ\w{0,2}|του|της)\s+"
    r"(?:[^,:\s]+(?:\s+[^,:\s]+)?(?=\s*$)|[^,:]{1,50}?(?=\s*,)))?|"
    # German bylines name the piece: "Ein Artikel von …", "Kommentar von …"
    r"(?:eine?\s+)?(?:artikel|beitrag|kommentar|analyse|gastbeitrag|interview|reportage|essay|"
    r"kolumne|bericht)\s+von|"
    # and French ones: "Une opinion de …", "Une carte blanche de …", "Une chronique de …"
    r"une?\s+(?:opinion|carte\s+blanche|chronique|tribune|analyse|billet|article)\s+d[e'’]|"
    # the writer of a broadcaster's story and of its web version: "Sujet radio: …",
    # "Adaptation web: …", "Onlinefassung: …"
    r"sujet\s+(?:radio|tv|tj)|adaptation\s+web|propos\s+recueillis\s+par|onlinefassung|"
    r"(?:written|writing|posted|reported|reporting|words|story|text|compiled|submitted|"
    r"contributed)"
    r"\s+by|by|a\s+cura\s+di|"
    r"escriben?|escrito\s+por|publicado\s+por|redactado\s+por|publié\s+par|"
    r"(?:article\s+)?rédigé\s+par|"
    r"geschrieben\s+von|veröffentlicht\s+von|authors?|"
    # with German's forms for writers of any gender: "Autor/in", "Autor:innen", "Autorinnen"
    r"autor(?:[/:*_]in(?:nen)?|innen|in|en|a|as|es|s|ka|zy)?|autur|"  # Romansh: "Autur:"
    rf"(?:{_COLON_LABELS})(?=\s*[{_COLONS}])|"
    r"auteurs?|autore|autori|text|texte|texto|testo|tekst|teksti|teksts|tekstas|texti|besedilo|"
    r"reporter(?:in)?|"
    r"redakteur(?:in)?|redaktor|korrespondent(?:in)?|correspondent|writer|columnist|"
    r"kolumnist(?:in)?|yazar|muhabir|szerző|piše|napisao|napisala|"
    r"автор(?:ка|ки|и|ы|\s+материала)?|редактор(?:ка)?|пише|беседовал[аи]?|συντάκτης|аутор|"
    r"γράφ(?:ει|ουν)(?:\s+(?:ο|η|οι)(?=\s))?|"  # Greek "writes the": "Γράφει η Μαρία …"
    r"avtor(?:ica|ji)?|autorius|autorė|"
    r"ajakirjanik|muallif|муаллиф|muxbir|müəllif|ავტორი|հեղինակ|"
    # Polish "compiled by", abbreviated: "oprac. Katarzyna Bogdańska"
    r"oprac\.?|opr\.|"
    # the text's and the pictures' label, in either order: "图/文", "文图", "文・写真",
    # "取材・文・写真", "글·사진"
    r"(?:图|圖)\s*[/／]\s*文|文\s*[/／]\s*(?:图|圖)|文(?:图|圖)|(?:图|圖)文|"
    r"(?:取材[・·])?文[・·、](?:写真|图|圖)|글[·・]사진|"
    r"作者|(?:本报|本報|新华社|新華社)?(?:记者|記者)|文|撰文|기자명|기자|글|取材|"
    r"reportagem(?:\s+de)?|reportaje|geschreven\s+door|skrevet\s+a[fv]|skrivet\s+av|"
    r"scris\s+de|napisał[a]?|kirjoittaja|toimittaja|yazan|текст|oleh|penulis|pewarta|(?:laporan\s+)?wartawan|"
    r"tác\s+giả|(?:ข่าว|เรื่อง|ภาพและข่าว)?โดย|ដោយ|ໂດຍ|ရေးသားသူ|သတင်း|ผู้เขียน|लेखक|بقلم|كتبت?|كتبه|إعداد|تقرير|الكاتب|مصنف|מאת|כתבה?|نویسنده|"
    # Persian's "interview" too, Sorani's "prepared by" and "written by"
    r"نوشته|گزارش|خبرنگار|ئامادەکردنی|نووسینی|تحریر|راپور|گفت\u200cوگو|گفتگو|"
    r"waxaa\s+qoray|ዘጋቢ"  # "written by" in Somali, "reporter" in Amharic
)
#: Little words that open bylines in some languages and surnames in others ("von der Leyen",
#: "de Gaulle"), and Swahili's "Na" and Hausa's "Daga" ("Na Vitalis Kimutai"): a label only
#: before a capitalised name of two words or more.
_PARTICLES = (
    r"von|vom|par|por|door|av|af|di|da|de|od|from|от|від|του|της|των|na|daga|per|gan|le|ni|nga"
)
#: Those of one language, which in a name of another language's page are its first word
#: ("Na Young Kim", "Per Anders Nilsson", "Ni Hao"), unless a name in capitals follows ("NA
#: VITALIS KIMUTAI"): Swahili's, Hausa's, Catalan's, Welsh's, Irish's, Tagalog's and Albanian's
#: "by".
_LOCAL_PARTICLES = {
    "na": "sw", "daga": "ha", "per": "ca", "gan": "cy", "le": "ga", "ni": "tl", "nga": "sq",
}  # fmt: skip
#: Marks some papers set before a credit: "■报导:黄伟强".
_BULLETS = "■□●○◆◇▶►▪•※◎"
# (?!\w), not \b: a label may end in a vowel sign, no word character ("संवाददाता"); labels
# joined by "and" are one: "Autorinnen und Autoren"
_LEADING_LABEL = re.compile(
    rf"^[{_BULLETS}]?\s*(?:(?:{_LABELS})(?!\w)\.?\s*[{_COLONS}/|｜\-–—ـ,]?\s*"
    rf"(?:(?:and|und|et|og|och|en|&)\s+(?=(?:{_LABELS})(?!\w)))?)+",
    re.IGNORECASE,
)
#: Titles of clergy, doctors and professors before a name of two words or more: "Deacon Paul
#: Hartman", "Dr Kwame Asante".
_HONORIFIC = re.compile(
    r"^(?:Deacon|Father|Fr\.|Rev\.|Reverend|Pastor|Sister|Msgr\.|Monsignor|Rabbi|Imam|"
    r"(?:(?:Dr\.?|Dra\.|Prof\.?)(?:\s+(?:med|phil|jur|rer\.\s?nat|h\.\s?c)\.)*\s+)*"
    r"(?:Dr\.?|Dra\.|Prof\.?)(?:\s+(?:med|phil|jur|rer\.\s?nat|h\.\s?c)\.)*|"
    r"[Kk]s\.|"  # Polish "ksiądz": "ks. Tomasz Wierzbicki"
    r"د\.|الدكتورة?)\s+"  # Arabic's doctor: "بقلم: د. محمد السيد"
    r"(?=[^\W\d_][\w.'’-]*\s+[^\W\d_])"
)
_LEADING_PARTICLE = re.compile(rf"^(?:{_PARTICLES})\b\s*:?\s*", re.IGNORECASE)
#: Labels of the source a story credits: "Kaynak: AA", "Quelle: dpa", "Fonte: ANSA".
_SOURCE_LABELS = (
    r"sources?|quellen?|fuente|fonte|allikas|kilde|källa|lähde|źródło|zdroj|forrás|izvor|"
    r"джерело|источник|извор|източник|πηγή|burimi|sursa|kaynak|sumber|nguồn|المصدر|منبع|מקור|"
    r"来源|來源|出處|出典|출처"
)
#: Labels of the story's editing rather than its writing ("Editor:", "责任编辑", "편집").
#: An editor's own labels: "Editor", "Редактор", "Редакторка".
_EDITOR_WORDS = r"editor|редактор(?:ка)?"
_EDITING_LABELS = (
    r"edited|editor|editora|editing|penyunting|redaktur|producer|produser|produced|curated|edição|"
    r"éditée?|editad[oa]|editat[oa]|"
    r"edición|revisad[oa]|reviewed|"
    r"责任编辑|責任編輯|编辑|編輯|责编|責編|편집|संपादक|संपादन|دبیر|تحرير|"
    r"ویراستار|"  # Persian's and Dari's "editor"
    r"انتشاردهنده"  # Persian "publisher", who put the story online
)
#: The label of a curator, which a byline opening with it gives the story's writer ("Curated
#: By : <a>Aditi Mehra</a>", whom the metadata names the author); "Edited By" opening it names
#: an editor still.
_CURATED = re.compile(r"\s*curated\s+by\b", re.IGNORECASE)
#: Labels of other credits that some bylines write without a colon ("Fot. Anna Nowak").
_OTHER_LABELS = (
    r"editor|editing|penyunting|fotos?|fotó|photos?|kamera|video|grafik|kuvat?|beeld|фото|عکس|צילום|"
    r"تصوير|사진|fot\."
)
#: CJK labels of who filmed or photographed a story, which need no colon after them: "攝影
#: 張育瑋".
_CJK_CAMERA = "撮影|攝影|摄影|攝像|摄像"
#: Not after the "and" of a label of the text and its photos, nor its slash: "Tekst i foto:",
#: "เรื่อง/ภาพ:", "Tekst / foto:".
_NOT_AFTER_TEXT_LABEL = "".join(
    rf"(?<!{word}{slash})" for word in _TEXT_WORDS.split("|") for slash in ("/", " /", "/ ", " / ")
) + "".join(rf"(?<!\b{word}\s)" if word != "&" else r"(?<!&\s)" for word in _TEXT_AND.split("|"))
#: The roles of those who make a story's pictures: "Fotograf", "photographer", "Illustration".
_PICTURE_WORDS = (
    r"fotogra+f\w*|photographer|fotógraf[oa]|kuvaaja|videograf\w*|illustrat\w*|grafiker(?:in)?"
)
#: Labels after which names are not the article's authors (photos, video, editing, the
#: rights to a picture), followed by a colon or "by": "Fotos: Max Weber", "Editing by John
#: Smith", "edited by John Smith", "Bildrechte: picture alliance/dpa | Klaus-Dietmar Gabbert"
#: (but not "Text and photos by Jane Doe" or "Tekst og foto:", whose label names the writer
#: too), or a copyright sign ("© Jane Doe"); and the sources a byline adds ("con información
#: de AP", "mit Material von dpa").
_OTHER_CREDIT = re.compile(
    _NOT_AFTER_TEXT_LABEL + r"\b(?:pewarta\s+foto|fotos?|fotók?|zdjęcia|nuotraukos|photos?|"
    r"photographs?|photography|"
    rf"{_PICTURE_WORDS}|beeld|bild(?:er)?|video|grafik|graphics?|"
    r"bildrechte|bildquelle|bildnachweis|copyright|"
    rf"kamera|camera|montage|schnitt|{_EDITING_LABELS}|bearbeitet|redigiert|"
    r"fotografía|fotografia|fotoğraf|ilustración|imagens?|images?|translated|translation|"
    r"übersetzung|"
    r"übersetzt|traducid[oa]|traduzid[oa]|traduit|tradott[oa]|vertaald|"
    r"traducción|mitarbeit|additional\s+reporting|contributing|"
    rf"developed|designed|powered|sponsored|presented|toimetaja|{_SOURCE_LABELS}|"
    rf"kuvat?|myndir|mynd|фото|عکس|تصوير|عدسة|ترجمة|المحرر|محرر|צילום|ภาพ|แปล|사진|영상|写真|{_CJK_CAMERA})\b"
    rf"(?:\s*[{_COLONS}]|\s+(?:by|von|por|par|di|da|door|av)\b)|\bfot\.\s|(?:\bcopyright\s*)?©"
    # and CJK labels of pictures before a slash, full-width or not: "文/陳怡君 攝影/林志明",
    # "文/龙锟 图/苏俊杰", "사진/박지훈"; not one joined to the text's label
    # ("取材・文・写真/山田太郎", "글·사진/김민수", "文、圖/陳怡君", "图/文 王小明",
    # :data:`_LABELS`)
    rf"|(?<![・·/／文글])(?<!文、)(?:{_CJK_CAMERA}|写真|图|圖|사진)\s*[／/](?!\s*文)"
    r"|\b(?:con\s+informaci[óo]n|com\s+informaç(?:ão|ões)|con\s+informazioni|mit\s+material|"
    r"with\s+files|avec\s+des\s+informations)\s+(?:de|da|von|from|di|d['’])"
    # without a colon, at the start of a part (after a bar between parts: "| Editor …"):
    # "Editor Aprillia Ika" beside "Penulis …", or after a dash or a slash: "كتب محمد السيد -
    # تصوير هاني عادل", "글 김민수 기자 / 사진 박지훈 기자"
    rf"|(?:^[|｜]?\s*|\s[–—/-]\s*)(?:{_OTHER_LABELS})\s+(?=[^\W\d_])",
    re.IGNORECASE,
)
#: A word left dangling where another credit was cut off: "By Jane Doe with" (additional
#: reporting by…).
_TRAILING_JOINER = re.compile(r"\s+(?:with|and|mit|und|avec|et|con|y|com|e|met|med)$", re.I)
#: A line of those who added to the reporting: "Tom Baker contributed reporting", "… contributed
#: to this report".
_CONTRIBUTED = re.compile(r"\bcontributed\s+(?:reporting|to\b)", re.IGNORECASE)
#: "With" between two credits, as bylines join a person and an agency or a second writer:
#: "Jean Dupont avec AFP", "Jane Doe with John Smith"; lower case only (it is a word).
_WITH_WORDS = "with|avec|mit|con|com|met|med"
_WITH = re.compile(rf"\s+(?:{_WITH_WORDS})\s+")
#: And in capitals, in a byline all in capitals: "DAILY SABAH WITH AA".
_WITH_IN_CAPITALS = re.compile(rf"\s+(?:{_WITH_WORDS.upper()})\s+")
#: Such a "with" opening a credit of its own: "…; avec ats".
_LEADING_WITH = re.compile(rf"^(?:{_WITH_WORDS})\s+(?=\S)")
#: The full stop of a name before a desk in capitals: "Gustavo Ibarra. DE LA REDACCION DE
#: CLARIN".
_DESK_IN_CAPITALS_AFTER = re.compile(
    r"(?<=[^\W\d_A-Z]{2})\.\s+(?=([A-ZÀ-Þ]{2,}(?:\s+[A-ZÀ-Þ]{2,})+))"
)


def _comma_before_desk(stop: re.Match[str]) -> str:
    """A comma for the full stop before a desk in capitals; a city's ("Marcelo Cantelmi.
    BUENOS AIRES") stays."""
    return ", " if _names_a_desk(stop[1]) or _names_an_outlet(stop[1]) else stop[0]


#: A phone number, which an advertisement gives and a byline never does ("TEXT AD: Call Willie -
#: +2348098788999").
_PHONE = re.compile(r"\+\d[\d ()-]{7,}\d|(?<!\d)\d{9,}(?!\d)")
#: A place or an outlet after a name: "Ana Souza, da Folhapress" (a part after a comma that
#: opens with a preposition in lower case: "Per Hansen" and "De Vries" are names), "Jane Doe
#: in Washington", "… for The Guardian", "… For Mailonline" (a capital no name's word has).
_PLACE_PART = re.compile(
    r"^(?:in|from|for|at|aus|für|bei|à|a|de|depuis|pour|desde|en|para|em|da|do|dal|dalla|"
    r"per|z|ze|iz|из|в|во)\s+\S"
    r"|^(?:Co\.?|County)\s+[A-Z]"  # an Irish county: "PATRICK O'SULLIVAN, Co Leitrim"
)
_PLACE_TAIL = re.compile(
    r"\s+(?:in|from|[Ff]or|aus|für|à|depuis|pour|desde|para|em|per)\s+[A-ZÀ-ÖØ-Þ].*$"
)
#: A word's characters, with the vowel signs of Indic and South-East Asian scripts, which ``\w``
#: leaves out ("সংবাদদাতা" ends with one).
_WORD = rf"\w{MARKED_SCRIPTS}"
#: Roles a byline gives after a name, in the languages of the world's newsrooms.
_ROLES = (
    r"writer|reporter|correspondent|editor|columnist|contributor|journalist|photographer|"
    r"producer|analyst|presenter|commentator|inviat[oa]|corrispondente|giornalista|redat(?:tore|trice)|"
    r"correspondante?|envoyée?|journaliste|rédac(?:teur|trice)|chroniqueu(?:r|se)|"
    r"corresponsal|enviad[oa]|periodista|redactora?|columnista|correspondente|jornalista|"
    r"repórter|colunista|korrespondent(?:in)?|redakteur(?:in)?|reporterin|kolumnist(?:in)?|"
    r"volontär(?:in)?|journalistin|redaktor(?:in)?|redaktør|verslaggever|verslaggeefster|"
    r"redacteur|kontributor|"
    r"корреспондент(?:ка)?|корр\.|собкор|спецкор|журналист(?:ка)?|обозреватель(?:ница)?|প্রতিবেদক|সংবাদদাতা|संवाददाता|"
    r"نامہ\s+نگار|رپورٹر|مراسل|mwandishi|waandishi|correspondance|wakilinmu|"
    # the reporters of India's, Bangladesh's and Sri Lanka's other scripts: Tamil, Malayalam,
    # Kannada, Telugu, Marathi, Gujarati, Punjabi, Odia, Sinhala, and the "representative" of
    # Bengali, Telugu and Hindi ("நமது நிருபர்", "സ്വന്തം ലേഖകൻ", "సాక్షి ప్రతినిధి")
    r"நிருபர்|செய்தியாளர்|ലേഖകൻ|ലേഖിക|ವರದಿಗಾರ|విలేకరి|प्रतिनिधी|वार्ताहर|પ્રતિનિધિ|"
    r"প্রতিনিধি|ప్రతినిధి|प्रतिनिधि|"
    r"ਪ੍ਰਤੀਨਿਧੀ|ਪੱਤਰ\s+ਪ੍ਰੇਰਕ|ସମ୍ବାଦଦାତା|වාර්තාකරු|"
    # Europe's smaller languages and Central Asia's and the Caucasus's: Welsh, Irish,
    # Icelandic, Basque, Maltese, Albanian; Kazakh, Azerbaijani, Georgian, Armenian, Mongolian
    r"gohebydd|golygydd|newyddiadurwr|comhfhreagraí|tuairisceoir|eagarthóir|blaðamaður|"
    r"kazetaria|ġurnalista?|gazetare?|тілші|müxbir|კორესპონდენტი|ჟურნალისტი|"
    r"թղթակից|լրագրող|сурвалжлагч"
)
#: A role and the one word of where it is held, before the name: "Kontributor Semarang"; a
#: role before a name of two words is a label ("Repórter Ana Lima").
_ROLE_AND_PLACE = re.compile(rf"(?:{_ROLES})\s+[^\W\d_][\w-]*", re.IGNORECASE)
#: Roles after a name: "Jane Doe, Staff Writer", "Jane Doe - Politics Editor", "Mario Rossi,
#: inviato a Kiev", "박준석 기자", "山田太郎記者", "李宗霖 台南報導".
_TRAILING_ROLE = re.compile(
    rf"(?:\s*[,|\-–—/]\s*(?:[^\W\d_][{_WORD}.&-]*\s+){{0,3}}(?:{_ROLES})s?(?![{_WORD}]).*"
    r"|\s*(?:선임|수석|전문)?(?:기자|특파원|논설위원|객원기자|인턴기자|통신원)(?:\s*외\s*\d+\s*명)?\s*$"
    r"|\s*외\s*\d+\s*명\s*$"
    r"|\s*(?:記者|特派員|編集委員|论说员|特约记者|通讯员|報導)\s*$"
    # and where or that they reported, a space apart: "林宜萱、李宗霖 台南報導", "蔡婉琳 报道"
    r"|\s+[\u4e00-\u9fff]{0,6}(?:報導|报道|报导)\s*$)",
    re.IGNORECASE,
)
#: A newsroom's desk or bureau before a reporter's name, as Japanese, Chinese and Korean
#: bylines write it: "社会部 川村拓也記者", "ワシントン支局 田中一郎", "사회부 홍길동 기자". A
#: desk's name is one of the usual beats, as a surname may also end in 部 ("阿部 亮介"); a
#: bureau's is any place. A desk head's rank goes with it ("政治部長", "경제부장"), and so
#: does a senior writer's title ("編集委員 村上和也").
_CJK_DESK = re.compile(
    r"(?:^|(?<=[\s、,]))(?:"
    r"(?:社会|政治|経済|经济|国際|国际|外信|外報|科学|文化|運動|运动|体育|スポーツ|写真|摄影|映像|"
    r"地方|報道|报道|編集|编辑|生活|くらし|デジタル|特別報道|調査報道|論説|財経|财经)"
    r"[\u3040-\u30ff\u4e00-\u9fff]{0,6}?部(?:長|次長|长|主任)?"
    r"|[\u30a0-\u30ff\u4e00-\u9fff]{1,8}(?:支局|総局|总局|支社|分社)"
    # a newsroom's centre and a beat: "報道センター政治担当"
    r"|[\u30a0-\u30ff\u4e00-\u9fff]{1,12}?(?:センター|担当)"
    r"|(?:特別|上級)?編集委員|論説(?:副)?委員(?:長)?|専門記者"
    r"|(?:정치|사회|경제|국제|문화|산업|스포츠|체육|사진|편집|금융|증권|전국|디지털뉴스|온라인뉴스|"
    r"취재|기획취재|정책|탐사보도|과학|IT과학)\d?(?:부|팀)(?:장|\s?차장|\s?부장)?"
    r")[\s・]+(?=\S)"
)
#: "And N others": a byline that names only some of its authors; no part of the last name
#: ("Jane Doe et al.", "王云松、陈晓晨等").
_INCOMPLETE = re.compile(
    r"외\s*\d+\s*명|\bet\s+al\b\.?|\bu\.\s?a\.|\band\s+others\b|\by\s+otros\b|"
    r"\be\s+altri\b|\bet\s+autres\b|\bund\s+andere\b|等$",
    re.IGNORECASE,
)
#: Korean and Japanese bylines put the role after each name: "박준석 기자 이현주 기자".
_ROLE_AFTER_NAME = re.compile(r"(?<=\S)\s*(?:기자|특파원|記者|特派員)\s+(?=\S)")
_BRACKETS = re.compile(r"\s*[(\[{（【][^)\]}）】]*[)\]}）】]")
#: The role of a Russian paper's "own correspondent", posted to the region its byline names
#: next: "собственный корреспондент", abbreviated.
_POSTED_CORRESPONDENT = re.compile(
    r"соб(?:ственн(?:ый|ая|ые|ого|ой)|\.)?\s*корр|собкор", re.IGNORECASE
)
#: A part of a byline after the first that gives a role: "Mario Rossi, inviato a Kiev".
_ROLE_PART = re.compile(
    rf"^(?:[^\W\d_][{_WORD}.&-]*\s+){{0,3}}(?:{_ROLES})s?(?![{_WORD}])", re.IGNORECASE
)
#: A name given only as a role ("Staff Writer", "Senior Correspondent").
_ROLE_KINDS = (
    r"staff|senior|chief|political|politics|business|sports?|foreign|special|our|"
    r"contributing|guest|freelance|local|associate|managing|deputy|executive|health|science|"
    r"education|crime|courts?|city|economics?|technology|tech|culture|arts|investigative|"
    r"environment|climate|transport|weather|entertainment|digital|notre|নিজস্ব|निजी|"
    # "our", "own" and "special" in the scripts of those reporters
    r"நமது|சிறப்பு|സ്വന്തം|പ്രത്യേക|ನಮ್ಮ|ವಿಶೇಷ|మా|ప్రత్యేక|आमचे|आमचा|खास|અમારા|ખાસ|ਸਾਡੇ|ਵਿਸ਼ੇਸ਼|"
    r"ନିଜସ୍ୱ|ଆମ|අපේ|විශේෂ"
)
#: Kinds that Swahili and French set after the role: "Mwandishi Wetu" ("our writer"),
#: "Correspondance particulière".
_ROLE_KINDS_AFTER = (
    r"wetu|maalum|particuli(?:er|ère)|spéciale?|binnenland|buitenland|politiek|economie|regio"
)
#: After a byline's little word too: "De notre correspondant", "From our correspondent".
_ROLE_ONLY = re.compile(
    rf"^(?:(?:{_PARTICLES})\s+)?(?:(?:{_ROLE_KINDS})\s+)*(?:{_ROLES})s?"
    rf"(?:\s+(?:{_ROLE_KINDS_AFTER}))*$",
    re.IGNORECASE,
)
#: A role where a name would be, after the place it reports from, in a script without capitals:
#: "কক্সবাজার সংবাদদাতা" (Cox's Bazar's correspondent), "लखनऊ संवाददाता" (only there: in a
#: script with capitals, "Jane Reporter" may be a surname).
_PLACED_ROLE = re.compile(
    rf"^[^\W\d_][{_WORD}.-]*\s+(?:(?:{_ROLE_KINDS})\s+)*(?:{_ROLES})s?$", re.IGNORECASE
)
_ROLE_KIND = re.compile(_ROLE_KINDS, re.IGNORECASE)
#: A role or a column's kind after a name with no comma before it: "DEBRA KOHL Staff
#: Writer", "Tendai Mhaka Opinion", "Ola Nordmann Journalist", and the desk after the role:
#: "Gianna Blum Redaktorin News".
_KIND_AND_ROLE_AFTER = re.compile(
    rf"\s+(?:(?:(?:{_ROLE_KINDS})\s+)*(?:{_ROLES})s?(?:\s+[^\W\d_][\w-]*)?"
    r"|opinion|column|commentary|analysis|editorial)$",
    re.IGNORECASE,
)
#: Where the names of a byline end and its date begins: "By Jane Doe on May 17, 2024". "le",
#: "el" and "den" are also particles inside names ("Pieter Van den Broeck"): they open a date
#: only before a number or a word in lower case ("le 17 mai", "el martes 14 de mayo").
_DATE_TAIL = re.compile(
    # each alternative starts where a run of spaces does, and takes it whole: linear time
    r"(?<!\s)\s++(?:le|el|den)\s+(?=\d|[a-zà-ÿ]).*$"
    r"|(?<!\s)\s++(?:on|am|il|em|op|at|um|[Uu]pdated|[Pp]ublished|[Pp]osted|"
    r"[Aa]ktualisiert|[Vv]eröffentlicht|[Pp]ublicado|[Aa]ctualizado|[Pp]ublié)\b.*$"
    # "à 14h30", "à Paris"; not "professeur à l'UCLouvain, et …", a role before the next name
    r"|(?<!\s)\s++à\s+(?=\d|[A-ZÀ-Þ]).*$"
    # from a word with a digit ("g1", "17.05.2024"), though not a domain's ("ABC7.com staff")
    r"|(?:(?<!\s)\s++|^)(?![\w-]+\.[a-z]{2,}\b)\S*\d.*$"
)
#: Endings of CJK media names: newspaper, daily, broadcaster, news agency, website.
_CJK_MEDIA = re.compile(
    "(?:新聞|新闻|新聞社|新闻社|日報|日报|일보|신문|뉴스|방송|放送|通信|通信社|通讯社|テレビ|"
    "電視|电视台|晚报|晚報|早报|早報|時報|时报|周刊|週刊|网|網|編集部|编辑部|报|報|報社|报社|"
    "快訊|快讯|社論|社论|사설)$"  # and the paper's editorial: "聯合報社論"
)
#: A dash or a bar set between two parts of a name ("هسبريس - عبد الرحيم العسري"), or between
#: names, as Vietnamese bylines join them ("CHÍ QUỐC - HOÀI THƯƠNG").
_DASH_APART = re.compile(r"\s+[-–—|ـ]\s+")  # a spaced tatweel too: "كفر الشيخ ـ أحمد"
#: A company's legal form closing its name after a comma: "MAFRA, a.s.", "Gruppo, S.p.A.".
_COMPANY_SUFFIX = (
    r"\s*(?:a\.\s?s\.|s\.\s?r\.\s?o\.|s\.\s?a\.|s\.\s?p\.\s?a\.|b\.\s?v\.|n\.\s?v\.|ag|oy|"
    r"sp\.\s?z\s?o\.\s?o\.)\s*$"
)
#: Separators between names; not a comma before a suffix ("John Smith, Jr.", "Northbridge
#: Robotics, Inc.", which :data:`_DESK_WORDS` then makes an organisation, or a company's legal
#: form at the end: "MAFRA, a.s.").
_SEPARATORS = re.compile(
    r"\s*(?:[;&|｜/／·•、，+＋،؛]|,(?!\s*(?:jr|sr|ii|iii|iv|inc|ltd|llc|plc|corp|gmbh)\b\.?)"
    rf"(?!{_COMPANY_SUFFIX}))\s*",
    re.I,
)
#: "and" in the languages newsrooms write bylines in; English counts on every page.
CONJUNCTIONS = {
    "en": "and", "de": "und", "fr": "et", "es": "y|e", "pt": "e", "it": "e|ed", "nl": "en",
    "nb": "og", "nn": "og", "no": "og", "da": "og", "is": "og", "sv": "och", "fi": "ja",
    "et": "ja", "pl": "i|oraz", "cs": "a", "sk": "a", "sl": "in", "hr": "i", "bs": "i",
    "sr": "i|и", "ru": "и", "uk": "і|та", "bg": "и", "ro": "și|şi|si", "hu": "és",
    "tr": "ve", "el": "και", "lv": "un", "lt": "ir", "ca": "i", "eu": "eta", "id": "dan",
    "ms": "dan", "tl": "at", "fil": "at", "vi": "và", "ja": "と", "zh": "和|与|與",
    "ko": "와|과|및", "af": "en", "sq": "dhe", "mk": "и", "hi": "और|एवं", "ur": "اور",
    "bn": "ও|এবং", "fa": "و", "ar": "و", "th": "และ", "sw": "na", "gl": "e", "ga": "agus",
    "cy": "a|ac", "mt": "u", "lb": "an", "so": "iyo", "ha": "da", "fo": "og", "fy": "en",
    "rm": "e", "kk": "және|мен", "ky": "жана", "uz": "va|ва", "az": "və", "tg": "ва",
    "tk": "we", "ka": "და", "hy": "և|եւ", "mn": "болон", "be": "і", "am": "እና",
    "si": "සහ", "ta": "மற்றும்", "te": "మరియు", "kn": "ಮತ್ತು", "mr": "आणि", "gu": "અને",
    "or": "ଓ", "ne": "र|तथा", "as": "আৰু", "pa": "ਅਤੇ", "ckb": "و", "ps": "او",
}  # fmt: skip
#: Hebrew writes "and" as the letter vav joined to the next name. Only between two full
#: names, as names can begin with that letter too (Vered); a name's word may be joined by a
#: hyphen or a maqaf ("בן-דוד").
_HEBREW_WORD = r"[\u05d0-\u05ea]+(?:[-\u05be][\u05d0-\u05ea]+)*"
_HEBREW_AND = re.compile(
    rf"^({_HEBREW_WORD}(?:\s+{_HEBREW_WORD})+?)\s+ו({_HEBREW_WORD}\s+[\u05d0-\u05ea].*)$"
)
#: Arabic does too ("محمد أحمد وأحمد علي"), but many given names begin with waw (وليد, وائل,
#: وسام), and a name of four words is as often one person's chain of forebears as two people.
#: So only before a full name whose first word, less the waw, begins with one of the commonest
#: given names, none of which makes a name with waw before it: then the waw is surely "and".
#: So too a spaced dash, which sets a place or an outlet apart as well as a second writer,
#: where both sides are such names ("كتب: محمود عبد الراضي - محمد السيد", not "رام الله -
#: محمد علي").
_ARABIC_GIVEN = (
    "محمد|محمود|أحمد|مصطفى|علي|عمر|حسن|حسين|خالد|إبراهيم|يوسف|عبد|مريم|فاطمة|سارة|نور|هند|"
    "منى|مها|ندى|دينا|رانيا|ياسمين|إيمان|أمل|سلمى|ريم|ليلى|آية|شيماء|أسماء|رشا|سمر|هالة|"
    "إسراء|دعاء|نادية|سامي|طارق|كريم|هشام|أيمن|عمرو|مينا|بسمة"
)
_ARABIC_NAME_AHEAD = rf"(?=(?:{_ARABIC_GIVEN})[\u0600-\u06ff]*\s+[\u0600-\u06ff])"
_ARABIC_AND = re.compile(
    rf"([\u0600-\u06ff]+\s+[\u0600-\u06ff]+)\s+و{_ARABIC_NAME_AHEAD}"
    rf"|(?<![\u0600-\u06ff])({_ARABIC_NAME_AHEAD}[\u0600-\u06ff]+(?:\s+[\u0600-\u06ff]+){{1,2}})"
    rf"\s+[-–—]\s+{_ARABIC_NAME_AHEAD}"
)
#: News agencies, as :func:`name_key` writes them: organisations, never authors, credited
#: beside a person ("Jane Doe, The Associated Press", "Jean Dupont avec AFP") or alone. An
#: acronym in capitals ("WAFA", "SPA") is one without being listed (:func:`_is_agency`).
_AGENCIES = {
    "ap", "associatedpress", "reuters", "thomsonreuters", "afp", "agencefrancepresse", "dpa",
    "efe", "ansa", "xinhua", "kyodo", "kyodonews", "jiji", "yonhap", "pa", "pamedia",
    "bloomberg", "upi", "tass", "ria", "rianovosti", "interfax", "apa", "sda", "kna", "epd",
    "usatoday", "anp", "belga", "ntb", "tt", "stt", "ritzau", "pap", "ctk", "čtk", "mti", "hina",
    "bta", "anadolu", "aa", "ians", "pti", "ani", "lusa", "agenciabrasil", "folhapress", "estadão",
    "europapress", "telam", "télam", "notimex", "cna", "bernama", "antara", "aap", "nzpa", "wenn",
    "ukrinform", "unian", "irna", "isna", "mena", "wam", "qna", "kuna", "sputnik", "cnn",
    "bbc", "dapd", "ddp", "kap", "ots", "sid", "tanjug", "agerpres", "anampa", "fena", "ats",
    "makfax", "belta", "kazinform", "angop", "nampa", "petra", "ziana", "ttxvn", "sapa",
    "kabar", "khovar", "montsame", "armenpress", "akipress", "colprensa", "prensalatina",
    "andina", "ipp", "nna", "gna", "apanews", "ena", "mapexpress", "aps", "tap",
    # as Cyrillic writes them: TASS, Interfax, RIA Novosti, BelTA, Ukrinform, UNIAN, Kazinform,
    # Tanjug
    "танјуг", "тасс", "интерфакс", "риановости", "белта", "укрінформ", "уніан", "казинформ",
    "presstrustofindia", "indoasiannewsservice",
    "asiannewsinternational", "estadãoconteúdo", "estadaoconteudo", "agênciabrasil",
    "agênciaestado", "keystonesda", "keystoneats", "ncanewswire", "canadianpress",
    "thecanadianpress", "lapressecanadienne", "australianassociatedpress", "pressassociation",
    # as Chinese and Japanese write them: Xinhua, China News Service, CNA (Taiwan), Kyodo,
    # Jiji, Yonhap, Reuters, AFP, AP
    "新华社", "新華社", "中新社", "中央社", "中央通訊社", "中央通讯社", "共同通信",
    "共同通信社", "共同社", "共同", "時事", "時事通信",
    "時事通信社", "韩联社", "韓聯社", "路透社", "法新社", "美联社", "美聯社",
    # as Greek writes ANA-MPA
    "απεμπε",
    # as Arabic writes them ("أ ف ب" for AFP): Reuters, AP, dpa, MENA, WAM, SPA, QNA, KUNA,
    # Petra, SANA, WAFA, Anadolu, Xinhua; as Persian does: IRNA, ISNA, Fars, Tasnim, Mehr; and
    # as Hebrew writes Reuters
    "أفب", "رويترز", "أب", "دبأ", "أشأ", "وام", "واس", "قنا", "كونا", "بترا", "سانا", "وفا",
    "الأناضول", "شينخوا", "ایرنا", "ایسنا", "فارس", "تسنیم", "مهر", "רויטרס",
}  # fmt: skip
#: "Agency" in the languages of the wires: a desk's word, and part of an agency's name before
#: it ("Agência Lusa", :func:`_known_agency`).
_AGENCY_WORDS = {
    "agency", "agencia", "agência", "agència", "agence", "agenzia", "agentur", "agencja",
    "agentúra",
}  # fmt: skip
#: Words that make a credit a newsroom, a desk or a service rather than a person.
_DESK_WORDS = {
    *_AGENCY_WORDS,
    "redaktion", "redaction", "rédaction", "redacción", "redação", "redazione", "redactie",
    "redaksjon", "redaktionen", "newsroom", "staff", "desk", "team", "editorial", "editors",
    "agencies", "nachrichtenagentur", "agenturen", "agencias", "agences", "agenzie",
    "agentschappen", "byråer",
    "bureau", "wire", "wires", "newswire", "service", "services", "newsdesk", "webdesk", "online",
    "network", "नेटवर्क", "डेस्क", "ब्यूरो", "एजेंसी", "ڈیسک", "بیورو", "ডেস্ক", "নেটওয়ার্ক",
    "टीम", "টিম", "ٹیম",  # a team
    "ବ୍ୟୁରୋ", "ਬਿਊਰੋ",  # a bureau, in Odia and Punjabi
    "සමූහ", "குறூப்",  # Sri Lankan papers' district "group" of correspondents
    "ವಾರ್ತೆ", "वृत्तसेवा",  # "news" and "news service", as Kannada and Marathi desks sign
    "ऑनलाइन", "অনলাইন",  # "online": "ऑनलाइन लोकमत", Lokmat's web desk
    "본지",  # "this paper", as Korean papers credit themselves
    "inc", "ltd", "llc", "plc", "corp", "corporation", "company", "gmbh",
    "letters", "leserbriefe", "newsource", "syndication",
    "digital", "correspondents", "reporters", "admin", "administrator", "webmaster",
    "편집국", "編集部", "編集局", "编辑部", "本报", "本網", "新闻中心", "편집부", "취재팀",
    "redakcja", "redakce", "redakcia", "редакция", "редакція", "redakcija", "toimitus",
    "redaccion", "redacao", "redaktori", "redacció", "redacção", "erredakzioa",
    "szerkesztőség", "redaksi", "σύνταξη", "συνταξη", "συντακτική", "συντακτικη", "ομάδα",
    "ομαδα", "التحرير", "تحریریه", "merkezi", "club", "association", "society", "council",
    "committee", "foundation", "university", "ministry", "department", "police",
    "מערכת", "وكالات", "متابعات", "סוכנויות",  # "agencies", "follow-ups", "agencies"
    # public broadcasters, which sign as themselves: "Rundfunk Berlin-Brandenburg", "Omroep
    # Brabant", "Norsk rikskringkasting", "Radiotelevisión Española"
    "rundfunk", "fernsehen", "omroep", "kringkasting", "rikskringkasting", "yleisradio",
    "ríkisútvarpið", "radiodiffusion", "télévision", "télévisions", "televisión", "television",
    "televisions", "televisione", "televízia", "televize", "televízió", "telewizja",
    "televizija", "rozhlas", "rádio", "rádió", "ràdio", "radyo", "радио", "радіо",
    "televisão", "radiotelevisión", "radiotelevisione", "broadcasting", "broadcaster",
}  # fmt: skip
#: Words of media names: with the site's name they make a credit the publisher.
_MEDIA_WORDS = {
    "news", "nachrichten", "noticias", "notícias", "nouvelles", "notizie", "nieuws",
    "nyheter", "nyheder", "uutiset", "wiadomości", "новости", "haber", "tv", "radio", "fm",
    "online", "digital", "zeitung", "magazin", "magazine", "journal", "times", "post",
    "daily", "herald", "tribune", "gazette", "press", "media", "today", "24", "info",
    "reporter", "reporters", "correspondent", "staff", "writer", "desk", "team",
}  # fmt: skip
#: Definite articles that open a paper's name: "The Guardian", "El Centinela", "La Voz",
#: "Il Tirreno", "Der Bund", "De Telegraaf".
_ARTICLES = {
    "the", "el", "la", "los", "las", "le", "les", "il", "lo", "o", "os", "der", "die", "das",
    "het", "de",
}  # fmt: skip
#: What a company that owns papers or stations calls itself after its initials: "KSF Media",
#: "NWZ Gruppe", "RTL News".
_GROUP_WORDS = {
    "group", "gruppe", "groep", "grupo", "gruppo", "groupe", "medien", "verlag", "media",
    "médias", "news", "radio", "holding",
}  # fmt: skip
#: "For", before the outlet a writer wrote for, and "of the", before the one they write at:
#: "Por Carlos Ríos - PARA LA GACETA", "Yara Ferraz, Do Diário do Grande ABC".
_FOR_OUTLET = re.compile(
    r"^(?:para|for|pour|für|voor|pentru|dla|для|do|da|dos|das|du|del|della|dalla)\s+",
    re.IGNORECASE,
)
#: German compounds that name a programme or a paper by its kind of medium: "Regionaljournal",
#: "Wirtschaftsmagazin", "Rundfunk", and a media group's name ("Megamedia"); no surname ends
#: so, though a double one may ("Müller-Funk"), and a surname a CMS joined to the outlet does
#: ("Isabel KeaneJournal New").
_MEDIA_COMPOUND = re.compile(
    r"[^\W\d_][a-zäöüß]{2,}(?:journal|rundschau|nachrichten|zeitung|magazin|funk|media)"
)
#: What a desk named from its site's brand is, after the brand in the host's name: "Joy News",
#: "Citi FM", "Punch Reporter", the sections that sign as desks, "Telegraph Obituaries", and
#: the language editions, "Irrawaddy Burmese".
_BRAND_DESKS = {
    "news", "tv", "radio", "fm", "online", "digital", "nachrichten", "noticias", "reporter",
    "reporters", "correspondent", "staff", "writer", "desk", "team",
    "sport", "sports", "football", "obituaries", "obituary", "politics", "business", "money",
    "research",
    "travel", "culture", "features", "opinion", "comment", "view", "science", "health", "tech",
    "technology", "weather", "world", "foreign", "entertainment", "lifestyle", "motoring",
    # a language edition's account: "Irrawaddy Burmese" on burma.irrawaddy.com
    "english", "burmese", "hindi", "urdu", "bangla", "bengali", "tamil", "arabic", "persian",
    "farsi", "chinese", "spanish", "french", "portuguese", "russian", "turkish", "swahili",
}  # fmt: skip
#: "Newspaper" before a paper's name, as an author field credits it: "Báo Tuổi Trẻ".
_PAPER_WORDS = {"báo", "diario", "diário", "jornal", "gazeta", "газета", "harian", "dziennik"}
#: Words in lower case, not a name's particles, that make a sentence of a name's words.
_SENTENCE_WORDS = 3
#: The most words a name has, less its particles ("María de los Ángeles García Pérez").
_MOST_NAME_WORDS = 5
#: Values that markup puts in author fields and that are nobody.
_NOBODY = {
    "you", "me", "we", "us", "i", "admin", "administrator", "guest", "anonymous", "unknown",
    "user", "webmaster", "editor", "editors", "editör", "yazar", "author", "autor", "staff",
    "null", "none",
    "undefined", "n/a", "na", "nn", "redaktion", "newsroom", "team", "desk", "all", "more",
    "home", "share", "follow", "email", "print", "comments", "read more", "posted", "updated",
    "gmt", "utc", "contributed", "submitted", "contributor", "guest author", "super user",
    # a guest's piece, signed so in the metadata: "Contribution externe"
    "contribution externe", "external contribution", "guest contribution",
}  # fmt: skip
#: Accounts a CMS credits when nobody signed: never the publisher ("Super User" is Joomla's).
_ACCOUNTS = {"admin", "administrator", "webmaster", "user", "guest", "super user"}
#: Days of the week, which a dateline leaves beside a name: in English, and written out in
#: the languages whose sites set a byline and a dateline in one element ("Viernes").
_WEEKDAYS = {
    name.casefold()
    for width in ("wide", "abbreviated")
    for name in get_day_names(width, "format", "en").values()
} | {
    name.casefold()
    for language in ("es", "pt", "fr", "it", "de", "nl", "ca")
    for name in get_day_names("wide", "format", language).values()
}
#: Little words inside names ("María de los Ángeles García", "Ludwig van der Berg").
_NAME_PARTICLES = {
    "de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "van", "von", "der",
    "den", "ten", "ter", "y", "e", "bin", "ibn", "al", "el", "le", "du", "st.",
}  # fmt: skip
_EMAIL = re.compile(r"\S+@\S+\.\w+")
#: A breadcrumb's separator, no name's character: "ホーム > 特集 >", "News » Politics"; but
#: guillemets around a nickname are a name's ("Anna «Аня» Петрова", "Jean « Johnny » Dupont").
_BREADCRUMB = re.compile(r"[<>]|(?<!\S)[›»](?!\S)")
#: An address before the label of the next credit: "internet@granma.cu Autor: …".
_EMAIL_BEFORE_LABEL = re.compile(rf"{_EMAIL.pattern}(?=\s+[^\W\d_]+\s*[{_COLONS}])")
#: A social media handle ending a name's part: "Marissa Delgado-Reyes @MDelgadoNews". One
#: before more words ("@INQnational Philippine Daily Inquirer") marks a part as no name's.
_HANDLE = re.compile(r"(?<!\S)@\w[\w.]*(?=\s*(?:[,;|/]|$))")
#: Words that only an address or a file name holds.
_ADDRESS_PIECE = re.compile(r"\b(?:https?|www|png|jpe?g|gif|svg|webp)\b", re.IGNORECASE)
#: An address in a credit ("Sputnik https://cdn…/logo.png"): never part of a name.
_LINK = re.compile(r"(?:https?:)?//\S*|\bwww\.\S+", re.IGNORECASE)
#: Punctuation around a byline's names, left where a label or another credit was cut: the
#: full-width bar of Chinese bylines, the colons after labels and an intern's asterisk
#: ("Letícia Mouhamad*") too.
_AROUND_NAMES = f" .,;*{_COLONS}-–—|｜"
#: Longer than this, a credit is a paragraph or garbage (and some patterns would crawl on it).
_LONGEST_BYLINE = 300
#: "Reporter" set before a Chinese name without a space: "記者王小明".
_CJK_REPORTER = re.compile(r"^(?:本報|本报)?(?:記者|记者)(?=[\u4e00-\u9fff]{2})")
#: Where a Chinese report was filed, after its writer: "台北報導", "綜合報導".
_CJK_REPORT = re.compile(r"[\u4e00-\u9fff]{1,6}(?:報導|报道)")
#: Korean names, and Chinese ones, are written without spaces: names a space apart are
#: people ("张三 李四"). Japanese writes a family name apart from the given one ("山田 太郎").
_SPACED_NAMES = {
    "ko": re.compile(r"[\uac00-\ud7a3]{2,4}(?:\s+[\uac00-\ud7a3]{2,4})+"),
    "zh": re.compile(r"[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})+"),
}
_CHINESE_WORDS = re.compile(r"[\u4e00-\u9fff]+(?:\s+[\u4e00-\u9fff]+)*")


def _unpadded(names: str) -> str:
    """Chinese names with each name of two characters that a paper padded to the width of
    three closed up: "王　丹" is "王丹", "蒋　升　　周晓云" is "蒋升 周晓云"."""
    words, closed = names.split(), []
    while words:
        if len(words) >= 2 and len(words[0]) == len(words[1]) == 1:
            closed.append(words.pop(0) + words.pop(0))
        else:
            closed.append(words.pop(0))
    return " ".join(closed)


_URL = re.compile(r"^(?:https?:)?//|^www\.", re.IGNORECASE)
#: Endings of domain names, as a CMS leaves them when it makes a site's domain a name, and as
#: Arabic sites write theirs ("العربية نت" for العربية.نت).
_DOMAIN_ENDINGS = {
    "com", "net", "org", "info", "cat", "co", "uk", "de", "fr", "es", "it", "br", "نت", "كوم",
}  # fmt: skip
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:[a-z]{2,6})$", re.IGNORECASE)
_WIDE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")


#: A byline's label, then a comma where its name would be, set apart: "By , New Delhi".
_NAME_GONE = re.compile(rf"^\s*(?:{_LABELS})\s+,", re.IGNORECASE)


#: Words of the pictures a name is credited for in brackets.
_PICTURES_IN_BRACKETS = (
    r"bilder|bild|fotos?|photos?|fotografie|fotografias?|fotografía|illustrations?|video|"
    r"grafik|kuvat?"
)
#: A name and, in brackets after it, the pictures it is credited for: "Von Fabienne Wyss
#: (Text) und Jonas Künzli (Bilder)", with the "and" or the comma before it.
_PICTURED_IN_BRACKETS = re.compile(
    r"(?:\s*(?:,|\b(?:and|und|et|e|y|en|og|och|i|ja)\b))?\s*"
    r"(?!(?:and|und|et|e|y|en|og|och|i|ja)\s)[^\W\d_][\w.'’-]*"
    r"(?:\s+(?!(?:and|und|et|e|y|en|og|och|i|ja)\s)[^\W\d_][\w.'’-]*){1,3}\s*"
    rf"[(（](?:{_PICTURES_IN_BRACKETS})[)）]",
    re.IGNORECASE,
)
#: Such a credit in brackets, or an editor's, right after a linked name: "<a>Ray Cole</a>
#: (video)", "<a>Giovana Girardi</a> (edição)".
_OTHER_WORK_IN_BRACKETS = re.compile(
    rf"\s*[(（]({_PICTURES_IN_BRACKETS}|edição|edición|editing|editor|editora)[)）]",
    re.IGNORECASE,
)


def _credit_in_brackets(found: re.Match[str]) -> str:
    """What brackets in a byline leave: the agency they name after a full name, as a credit
    apart ("LISA MARCHETTI (Associated Press)"), the writers they name after an outlet's
    initials ("MDR (Katharina Löffler, Paul Rehm)"), or nothing (initials: "Corina Gall (cog.)";
    the agency after where the story was filed, "Nouméa (AFP)", which the byline's own
    agency credits)."""
    inside = found[0].strip().strip("()[]{}（）【】 ")
    before = _strip_label(re.split(r"[,;]", found.string[: found.start()])[-1]).split()
    if len(before) >= 2 and _known_agency(inside):
        return f"; {inside}"
    people = [name.split() for name in re.split(r"\s*,\s*", inside)]
    if (
        len(before) == 1
        and before[0].isupper()
        and all(2 <= len(words) <= 4 and all(map(_capitalised, words)) for words in people)
    ):
        return f"; {inside}"  # the writers after their broadcaster: "MDR (Anna Beck, Max Roth)"
    return ""


def split_byline(byline: str, language: str | None = None) -> list[str]:
    """The names a byline string holds, labels, roles and bracketed initials removed.

    Separators are commas, semicolons, "&" and the like, "and" in English and in ``language``
    ("WITH" too in a byline all in capitals), and an e-mail address before the next credit's
    label. A comma between two single words is a surname-first name: "Brazil, Rachel"
    is one person, written as bylines print it, "Rachel Brazil"; so is each of a list of such
    names separated by semicolons.
    """
    return list(_split_byline(byline, language))


#: A hyphen between a surname in capitals and the next reporter's given name, as Turkish
#: agencies join two reporters: "Mehmet ALTUN-Ayşe KAYA".
_TURKISH_HYPHEN = re.compile(r"(?<=[A-ZÇĞİÖŞÜ]{2})-(?=[A-ZÇĞİÖŞÜ][a-zçğıöşü])")


@functools.lru_cache(maxsize=4096)
def _split_byline(byline: str, language: str | None) -> tuple[str, ...]:
    """:func:`split_byline`, remembered: a site's pages name the same few people."""
    if len(byline) > _LONGEST_BYLINE or _PHONE.search(byline):
        return ()  # a paragraph, markup garbage or an advertisement, never a byline
    text = clean_line(byline)
    if _NAME_GONE.match(text):
        return ()  # "By , New Delhi": a credit set apart as a role, and where it was filed
    if (language or "").startswith("tr"):
        text = _TURKISH_HYPHEN.sub(", ", text)  # "Mehmet ALTUN-Ayşe KAYA": two reporters
    # "(cog.)" goes and "(dpa)" is a credit apart; a name given only in brackets, 【山田太郎】,
    # stays.
    text = _PICTURED_IN_BRACKETS.sub("", text)  # "… und Jonas Künzli (Bilder)"
    unbracketed = clean_line(_BRACKETS.sub(_credit_in_brackets, text))
    text = unbracketed or text.strip("()[]{}（）【】 ")
    reporters = _outlet_reporters(text)
    if reporters:
        text = "、".join(reporters)  # "聯合報 記者王小明": the names, not the outlet
    other = _OTHER_CREDIT.search(text)
    if other is not None:
        text = _TRAILING_JOINER.sub("", text[: other.start()].strip(_AROUND_NAMES))
    # beside a name, never part of it, and the end of its credit before another's label:
    # "Autor: … | internet@granma.cu Autor: …"
    text = _HANDLE.sub(" ", _EMAIL.sub(" ", _EMAIL_BEFORE_LABEL.sub(";", text)))
    text = _DESK_IN_CAPITALS_AFTER.sub(_comma_before_desk, text)
    text = _ROLE_AFTER_NAME.sub(", ", _LINK.sub(" ", text))
    text = _strip_label(_CJK_REPORTER.sub("", _trimmed(text, _AROUND_NAMES)), language)
    text = _without_place(_CJK_DESK.sub("", _CJK_PLACE_BEFORE.sub("", text)))
    conjunction = re.compile(rf"\s+(?:{_and_words(language)})\s+", re.IGNORECASE)
    leading_and = re.compile(rf"^(?:{_and_words(language)})\s+(?=[^\W\d_])", re.IGNORECASE)
    names: list[str] = []
    for group_index, group in enumerate(re.split(r"\s*;\s*", text)):
        if _surname_first(group):
            surname, given = (part.strip() for part in group.split(","))
            names.append(f"{given} {surname}")
            continue
        group = _WITH.sub(", ", _LEADING_WITH.sub("", group))
        if group.isupper():
            group = _WITH_IN_CAPITALS.sub(", ", group)
        if language and language.startswith("he"):
            group = _HEBREW_AND.sub(r"\1, \2", group)
        group = _ARABIC_AND.sub(lambda found: f"{found[1] or found[2]}, ", group)
        if not _cased(group):
            group = _without_dashed_place(group)
        dashed = _dashed_names(group)
        if len(dashed) > 1 and not (group.isupper() or language == "vi"):
            # "Jane Doe - New York" or "Jane Doe - John Roe": a place, a desk or a second
            # writer, which only Vietnamese bylines' capitals tell apart; the first is sure
            dashed = dashed[:1]
        parts = [p for piece in dashed for p in _SEPARATORS.split(piece)]
        after_role = False
        for index, part in enumerate(parts):
            if _CONTRIBUTED.search(part):
                continue  # "Tom Baker contributed reporting": more reporting, not the byline
            if index and (_PLACE_PART.match(part) or _ROLE_PART.match(part)):
                after_role = _POSTED_CORRESPONDENT.match(part) is not None
                continue  # ", da Folhapress", ", inviato a Kiev": where, for whom, as what
            if after_role and index == len(parts) - 1 and _place_after_role(part, group):
                continue  # a Russian correspondent's post, "Нижний Тагил"
            after_role = False
            if index and _lower_case_role(part, conjunction):
                continue  # ", professeur de droit constitutionnel": an opinion's writer's role
            if index or group_index:
                part = leading_and.sub("", part)  # ", et Ilse Dewulf", "jane@… and John Roe"
            if not index and len(parts) > 1 and _ROLE_AND_PLACE.fullmatch(part):
                continue  # "Kontributor Semarang, Titis Anis Fauziyah": as what, from where
            if _CJK_REPORT.fullmatch(part):
                continue  # "台北報導" after a writer: where the report was filed
            if index and _lone_word_after_a_name(part, parts[0], language):
                continue  # "Jane Doe, Washington": a place, a section or a desk
            pieces = _split_conjunction(part, conjunction)
            placed = len(pieces) >= 2 and _lone_word_after_a_name(pieces[0], parts[0], language)
            if index and placed:
                pieces = pieces[1:]  # "Jane Doe, Kaduna and Henry Umoru": where she filed from
            names.extend(pieces)
    cleaned: list[str] = []
    for name in names:
        name = _INCOMPLETE.sub("", _trimmed(name, _AROUND_NAMES)).strip()  # "Jane Doe et al."
        source = _SOURCE_OF.fullmatch(name)
        if source is not None and _is_agency(source[1]):
            name = source[1]  # "Source AFP": the agency
        name = _TRAILING_ROLE.sub("", _strip_label(name, language))
        name = _without_role_after(name)
        name = _TRAILING_JOINER.sub("", _PLACE_TAIL.sub("", name))  # "TV Globo e" (g1, cut)
        if _QUOTED_BRAND.fullmatch(name.strip()):
            name = clean_line(name)  # "АМИТ «Ховар»" keeps its closing quote
        else:
            name = clean_line(_trimmed(name, _AROUND_NAMES + "'\"“”«»"))
            # and a person's name less the outlet it opens in guillemets: "Сергей Иванов «Новая
            # газета»"
            if name.count("«") > name.count("»"):
                name = name[: name.rfind("«")].strip()
        if not name or _ROLE_ONLY.match(name) or (_PLACED_ROLE.match(name) and not _cased(name)):
            continue
        script = (language or "").split("-")[0].lower()
        if script == "zh" and _CHINESE_WORDS.fullmatch(name):
            name = _unpadded(name)
        spaced = _SPACED_NAMES.get(script)
        if spaced and spaced.fullmatch(name):
            # not a correspondent's label between them: "记者 王晓燕 通讯员 刘建华"
            cleaned.extend(part for part in name.split() if not re.fullmatch(_CJK_FELLOWS, part))
        else:
            cleaned.append(name)
    return tuple(cleaned)


#: A suffix a name ends with, abbreviated, or an initial: its full stop is the name's ("James
#: Salzer Jr.", "Northbridge Robotics, Inc.", "M. K."); any other full stop at the end is the
#: sentence's.
_ABBREVIATED_SUFFIX = re.compile(
    r"[\s,](?:jr|sr|inc|ltd|corp)\.$|(?:^|[\s.])[^\W\d_]\.$", re.IGNORECASE
)


def _place_after_role(part: str, byline: str) -> bool:
    """Whether the last part of a byline, after a comma and the role of a paper's own
    correspondent posted to a region (:data:`_POSTED_CORRESPONDENT`), is where they are
    posted: up to three capitalised words in a script other than Latin ("Нижний Тагил"); after
    another role, or in Latin letters, a second writer's name is as often so written ("Анна
    Смирнова, обозреватель, Игорь Белов", "Jane Doe, Staff Writer, John Smith")."""
    words = part.split()
    return (
        len(words) <= 3
        and all(map(_capitalised, words))
        and not _latin(part)
        and re.search(rf",\s*{re.escape(part)}\s*$", byline) is not None
    )


def _lower_case_role(part: str, conjunction: re.Pattern[str]) -> bool:
    """Whether a part of a byline after a name opens with a word in lower case of four letters
    or more, neither a surname's particle nor "and": what its writer is ("professeur de …",
    "politologue", "envoyée spéciale à Perpignan")."""
    first = part.split(maxsplit=1)[0] if part.strip() else ""
    return (
        len(first) >= 4
        and first.isalpha()
        and first.islower()
        and first not in _NAME_PARTICLES
        and not conjunction.fullmatch(f" {first} ")
    )


def _trimmed(text: str, ends: str) -> str:
    """``text`` less the characters ``ends`` at either end, though an abbreviated suffix
    keeps its full stop."""
    trimmed = text.strip(ends)
    kept = text.rstrip(ends.replace(".", ""))
    return f"{trimmed}." if _ABBREVIATED_SUFFIX.search(kept) else trimmed


#: Languages of countries where many people have a single name.
_ONE_NAME_LANGUAGES = frozenset(("id", "ms", "jv", "su"))


#: Roman numerals, which stay in capitals in a name ("Jane Doe III").
_NUMERAL = re.compile(r"[IVX]+")


#: A district's group of correspondents and a role, as Sri Lankan papers credit their writers
#: after a dash: "கல்முனை குறூப் நிருபர்" (Kalmunai group reporter), "ගාල්ල සමූහ".
_GROUP_ROLE_AFTER = re.compile(rf"(?:^|\s)(?:குறூப்|සමූහ)(?:\s+(?:{_ROLES}))?$", re.IGNORECASE)


def _without_dashed_place(group: str) -> str:
    """A byline of a script without capitals less the place a dash sets apart from the name:
    one word, or two beside a name of three or more ("حسام أبو العلا - القاهرة", Cairo, is
    "حسام أبو العلا"; "كفر الشيخ ـ أحمد عبد العظيم الجندي" is the name after Kafr el-Sheikh);
    two single words are a place and the paper ("أبوظبي - البيان"), no name; a place of one
    word and an agency are the agency ("دبي - وام"); a name, then its district's group of
    correspondents, is the name."""
    pieces = _DASH_APART.split(group)
    if len(pieces) != 2 or _WIDE.search(group):
        return group  # CJK names are one word
    agencies = [piece for piece in pieces if _is_agency(piece)]
    if agencies:
        # the agency a place of one word files for: "دبي - وام" ("رام الله - وفا" stays)
        places = [piece for piece in pieces if piece not in agencies]
        return agencies[0] if len(places) == 1 and len(places[0].split()) == 1 else group
    if len(re.split(r"[\s.]+", pieces[0].strip(". "))) >= 2 and _GROUP_ROLE_AFTER.search(pieces[1]):
        return pieces[0]  # the name, then its district's group: "… - கல்முனை குறூப் நிருபர்"
    sizes = [len(piece.split()) for piece in pieces]
    if sizes == [1, 1]:
        return ""
    if min(sizes) == 1 or (min(sizes) == 2 and max(sizes) >= 3):
        return pieces[sizes.index(max(sizes))]
    return group


#: A place in one capitalised word: "Ibadan", "Nairobi".
_ONE_WORD_PLACE = re.compile(r"[A-ZÀ-Þ][\w'’.-]+")


def _dashed_names(group: str) -> list[str]:
    """``group`` cut at spaced dashes when every piece looks like a full name: two to four
    capitalised words, none a media word nor an article ("Jane Doe - The Guardian" stays
    whole, and "Jane Doe - Politics Editor" loses its role later); an agency before a domain
    is cut from it ("APA - Seneweb.com"), and a full name or a listed agency loses the places
    of one word after it ("By Oluwaseun Adebayo - Ibadan", "Reuters — Washington", "… / JUAN
    CARLOS PRIETO - Valencia / Murcia")."""
    pieces = _DASH_APART.split(group)
    if len(pieces) < 2:
        return [group]
    name, *rest = pieces
    if len(rest) == 1 and _DOMAIN.match(rest[0]):
        return pieces  # the agency, then the site: "APA - Seneweb.com"
    last = re.split(r"\s*/\s*", name)[-1].split()  # the last of names a slash apart
    places = re.split(r"\s*/\s*", rest[0]) if len(rest) == 1 else []
    if (
        places
        and all(_ONE_WORD_PLACE.fullmatch(place) and not _is_agency(place) for place in places)
        and (
            (2 <= len(last) <= 4 and all(word[0].isupper() for word in last))
            or _listed_agency(name)  # "Reuters — Washington"
        )
    ):
        # where it was filed, in a word or a few a slash apart: "By Oluwaseun Adebayo -
        # Ibadan", "ANA ISABEL MOLERO / … / JUAN CARLOS PRIETO - Valencia / Murcia"
        return [name]
    for piece in pieces:
        words = piece.split()
        if not 2 <= len(words) <= 4 or not all(word[0].isupper() for word in words):
            return [group]
        if words[0].casefold() in _ARTICLES:
            return [group]  # a title: "Jane Doe - The Guardian"
        if any(name_key(word) in _MEDIA_WORDS | _DESK_WORDS for word in words) or _ROLE_PART.match(
            piece
        ):
            return [group]
    return pieces


#: The commonest Korean family names, romanised, which Korean papers write first.
_KOREAN_SURNAMES = {
    "kim", "lee", "park", "choi", "jung", "jeong", "kang", "cho", "yoon", "jang", "lim",
    "han", "oh", "seo", "shin", "kwon", "hwang", "ahn", "song", "yoo", "hong", "jeon", "ko",
    "moon", "yang", "son", "bae", "baek", "heo", "nam", "noh", "kwak", "sung", "cha", "joo",
    "ryu", "chae", "yeo",
}  # fmt: skip


#: A Korean given name romanised, two syllables a hyphen apart ("JI-YOUNG", "SANG-WOO"), not a
#: Western double name ("BROWN-SMITH", "ANNE-MARIE").
_KOREAN_GIVEN = re.compile(
    r"(?i:[bcdghjkmnprstwy]{0,3}[aeiouy]{1,3}(?:ng|n|m|l|k|p|t)?)-(?i:[bcdghjkmnprstwy]{0,3}[aeiouy]{1,3}(?:ng|n|m|l|k|p|t)?)"
)


def _capital_surname(name: str) -> bool:
    """Whether ``name`` is a given name, then a surname in capitals: "Ирина КУЗНЕЦОВА", "Jean
    DUPONT", "Anne-Marie LE GALL", as some papers sign; not a desk or an acronym ("Avec AFP",
    "Service COMMUNICATION")."""
    words = name.split()
    if not 2 <= len(words) <= 3:
        return False
    given, *surname = words
    return (
        given[0].isupper()
        and not given.isupper()
        and given.replace("-", "").isalpha()
        and all(word.isupper() and word.isalpha() and len(word) >= 2 for word in surname)
        and len(surname[-1]) >= 4  # "Avec AFP", "Пресс-служба МВД": an acronym's
        and not _is_agency(surname[-1])
        and name_key(given) not in _DESK_WORDS  # "Service COMMUNICATION"
        and given.casefold() not in _NOT_NAME_WORDS
    )


def _name_case(name: str) -> str:
    """A name in capitals as names are written: "JOSH BOAK" is "Josh Boak", "O'BRIEN" is
    "O'Brien", a Korean given name after the family name is one word ("KIM JI-YOUNG" is "Kim
    Ji-young"); Roman numerals ("III") and words of scripts without case stay as they are."""
    words = name.split()
    if (
        len(words) == 2
        and words[0].casefold() in _KOREAN_SURNAMES
        and _KOREAN_GIVEN.fullmatch(words[1])
    ):
        return f"{words[0].title()} {words[1].capitalize()}" if name.isupper() else name
    return " ".join(
        word if _NUMERAL.fullmatch(word) or not word.isupper() else word.title() for word in words
    )


def _without_role_after(name: str) -> str:
    """``name`` less a role or a column's kind after it with no comma before it ("DEBRA
    KOHL Staff Writer"); a name given only as a role ("Our Staff Reporter", "Senior Staff
    Writer") is left whole, for :data:`_ROLE_ONLY` to drop, and so is a desk's ("Online News
    Editor")."""
    if _ROLE_ONLY.match(name.strip()):
        return name
    rest = _KIND_AND_ROLE_AFTER.sub("", name)
    words = rest.split()
    if rest != name and (
        len(words) < 2
        or any(_ROLE_KIND.fullmatch(word) for word in words)
        or any(word.casefold() in _DESK_WORDS for word in words)
    ):
        return name
    return rest


def _lone_word_after_a_name(part: str, first: str, language: str | None) -> bool:
    """A single word after a full name, which bylines use for a place ("Jane Doe,
    Washington", "अमित शर्मा, जयपुर") or a section, not for a person; an agency ("Reuters",
    "AFP") stays to be credited, and so do CJK names, which are written as one word, and the
    one-word names many Indonesians and Malaysians have ("Ardito Ramadhan, Sukmawati")."""
    return (
        (language or "").split("-")[0].lower() not in _ONE_NAME_LANGUAGES
        and len(part.split()) == 1
        and len(first.split()) >= 2
        and not _WIDE.search(part)
        and not _is_agency(part.strip(_AROUND_NAMES))
        and not _DOMAIN.match(part.strip())
    )


#: A role in lower case before a capitalised name of two words or more, as the ABC links its
#: writers: "political reporter Maddie Hetherington".
_LOWER_ROLE_BEFORE = re.compile(
    r"^(?:[a-z]+\s+){0,3}(?:writer|reporter|correspondent|columnist|journalist|contributor)"
    r"\s+(?=[^\W\d_a-z][\w'’-]*\s+[^\W\d_a-z])"
)


#: An outlet's writers before their names, or a desk's role of one word and its editor,
#: producer or presenter: "Xinhua writers Wang Ruoyu, Chen Lin", "Times Staff Writer Jane Doe",
#: "Westminster Producer Lucy Pratt", "Political Editor Robert Peston" (not "Jane Doe Editor At
#: Large", a name before its role).
_OUTLETS_WRITERS_BEFORE = re.compile(
    r"^(?:(?:[A-Z][\w.&'’-]*\s+){1,3}(?:[Ss]taff\s+)?(?:[Ww]riters?|[Rr]eporters?|"
    r"[Cc]orrespondents?)|[A-Z][\w'’-]*\s+(?:Producer|Editor|Presenter))\s+"
    r"(?=[A-Z][\w'’-]*\s+[A-Z])"
)


def _strip_label(text: str, language: str | None = None) -> str:
    text = _HONORIFIC.sub("", _LEADING_LABEL.sub("", text))
    text = _OUTLETS_WRITERS_BEFORE.sub("", _LOWER_ROLE_BEFORE.sub("", text))
    if (language or "").split("-")[0].lower() == "am":
        text = _AMHARIC_BY.sub("", text)
    particle = _LEADING_PARTICLE.match(text)
    local = _LOCAL_PARTICLES.get(text.split(maxsplit=1)[0].casefold()) if text.strip() else None
    if local is not None and not text.isupper() and (language or "").split("-")[0] != local:
        particle = None  # "Na Young Kim" on an English page
    if particle is not None:
        rest = text[particle.end() :]
        if local == "ga":
            rest = _IRISH_H.sub("", rest)  # "le hÉanna Ó Dálaigh": Éanna after "le"
        if rest[:1].isupper() and len(rest.split()) >= 2:
            article = particle[0].strip(" :").lower()  # casefold() writes "της" as "τησ"
            return _greek_nominative(rest, article) if article in ("του", "της") else rest
        if name_key(rest) in _AGENCIES or _DOMAIN.match(rest.strip()):
            return rest  # "Af Ritzau", "Par sudinfo.be"
    return text


def _greek_nominative(name: str, article: str) -> str:
    """A Greek name as its person is called, from the genitive a byline gives it after the
    article ``article`` ("his" or "hers"): "Γιώργου Κακούρη" is Γιώργος Κακούρης, "Της
    Ελένης Μαυρίδου" is Ελένη Μαυρίδου, as a woman's surname is a genitive already. Words in
    another script stay as they are."""
    # each name after its own article: "Γιώργου Κακούρη και της Ελένης Μαυρίδου"
    joined = _GREEK_AND.search(name)
    if joined is not None:
        before = _greek_nominative(name[: joined.start()], article)
        after = _greek_nominative(name[joined.end() :], (joined[2] or article).lower())
        return f"{before}{joined[1]}{after}"
    words = name.split()
    if not words:
        return name
    if article == "της":
        return " ".join([_GREEK_FEMININE.sub(_nominative_ending, words[0]), *words[1:]])
    # a man's surname ending as "Οικονόμου" and "Θεοδώρου" do is most often a genitive that
    # stays one, but for the commonest: "Παπαδοπούλου" is Παπαδόπουλος
    return " ".join(
        _GREEK_MASCULINE.sub(_nominative_ending, word)
        if not index or not word.endswith(("ου", "ού")) or word.endswith(("πούλου", "πουλου"))
        else word
        for index, word in enumerate(words)
    )


#: The genitive endings of Greek men's names: "Γιώργου", "Παπαδοπούλου", "Κακούρη",
#: "Κώστα", "Σαμαρά"; and of women's given names: "Μαρίας", "Ελένης".
_GREEK_MASCULINE = re.compile(r"(?<=[\u0370-\u03ff\u1f00-\u1fff]{2})(οπούλου|ου|ού|η|ή|α|ά)$")
_GREEK_FEMININE = re.compile(r"(?<=[\u0370-\u03ff\u1f00-\u1fff]{2})(ας|άς|ης|ής)$")
_GREEK_NOMINATIVES = {
    "οπούλου": "όπουλος", "ου": "ος", "ού": "ός", "η": "ης", "ή": "ής", "α": "ας", "ά": "άς",
    "ας": "α", "άς": "ά", "ης": "η", "ής": "ή",
}  # fmt: skip
#: The articles before a Greek name in the genitive: "by him", "by her".
_GREEK_ARTICLES = r"του|της|Του|Της"
#: The article before a linked Greek name in the genitive: "Της <a>…</a> και του <a>…</a>".
_GREEK_ARTICLE_BEFORE = re.compile(rf"(?:^|\s)({_GREEK_ARTICLES})$")
#: "And" or a comma between two names in Greek, with the second's article: " και της ".
_GREEK_AND = re.compile(rf"(\s+και\s+|\s*,\s*)(?:({_GREEK_ARTICLES})\s+)?")


def _nominative_ending(ending: re.Match[str]) -> str:
    return _GREEK_NOMINATIVES[ending[1]]


#: Amharic's "by", written as the first letter of the name's first word: "በሰላማዊት መንገሻ" is
#: by Selamawit Mengesha.
_AMHARIC_BY = re.compile(r"^በ(?=[\u1200-\u137f]+\s+[\u1200-\u137f])")
#: The "h" Irish sets before a name beginning with a vowel after "le" ("by").
_IRISH_H = re.compile(r"^h(?=[AEIOUÁÉÍÓÚ])")


#: A place of one or two words before a colon (or a slash, in Iraq's papers), then the
#: credit: "الشارقة: جيهان شعيب", "بغداد/ علي حسين الجبوري".
_PLACE_BEFORE = re.compile(
    rf"^(?P<place>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s*(?P<mark>[{_COLONS}/])\s*(?P<credit>\S.*)$"
)


_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def _without_place(text: str) -> str:
    """``text`` less the place its writer filed from, set before a colon as Gulf and Levant
    papers do ("الشارقة: جيهان شعيب", "أبوظبي: وام", "دبي: «الخليج»"), when a full name, an
    agency or an outlet in quotes follows it. The place is in a script without cases or in
    capitals ("DUBAI: Jane Doe"): a word capitalised before a colon is a field's label
    ("Category: World News"); labels of the writing and of other credits are cut before."""
    found = _PLACE_BEFORE.match(text)
    if (
        found is None
        or found["place"] != found["place"].upper()
        or _dateline_label(found["place"])
        or found["place"].casefold() in _NOT_NAME_WORDS  # "EXCLUSIVE: …", "INTERVIEW: …"
        # a slash after an Arabic place of one word only: "AFP/Getty Images", "김민수/이지영"
        # and "أحمد علي / محمد حسن" are names
        or (
            found["mark"] == "/"
            and (not _ARABIC_LETTER.search(found["place"]) or " " in found["place"])
        )
    ):
        return text
    credit = found["credit"]
    if len(credit.split()) >= 2 or _is_agency(credit) or credit[:1] in '«"“':
        return credit
    return text


def _surname_first(group: str) -> bool:
    """ "Brazil, Rachel", "Müller, Anna-Lena" or "Van Daele, Sofie": one capitalised word
    after a comma, and before it one, after the little words a surname may open with."""
    parts = [part.strip() for part in group.split(",")]
    if len(parts) != 2:
        return False
    *particles, surname = parts[0].split() or [""]
    return (
        all(word.casefold() in _NAME_PARTICLES for word in particles)
        and all(re.fullmatch(r"[^\W\d_][\w'’.-]*", part) for part in (surname, parts[1]))
        and surname[0].isupper()
        and parts[1][0].isupper()
        and _LEADING_LABEL.match(parts[0] + " ") is None
        and not _ROLE_ONLY.match(parts[1])
        and re.fullmatch(_COMPANY_SUFFIX, f" {parts[1]}", re.IGNORECASE) is None  # "Agora, S.A."
        and not _is_agency(surname)  # an agency and the day: "MENA , Tuesday"
        and not _INITIAL_GLUED.search(parts[1])  # two names, each with its initial
    )


def _split_conjunction(part: str, conjunction: re.Pattern[str]) -> list[str]:
    """Split at "and" unless it joins a compound surname ("José Ortega y Gasset") or the
    media of a broadcaster's name ("Schweizer Radio und Fernsehen")."""
    pieces = conjunction.split(part)
    if (
        len(pieces) == 2
        and len(pieces[1].split()) == 1
        and len(pieces[0].split()) >= 2
        and (
            pieces[1].casefold() not in _DESK_WORDS  # "Jane Doe and Staff"
            or name_key(pieces[0].split()[-1]) in _MEDIA_WORDS
        )
    ):
        return [part]
    return pieces


def name_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold()).removeprefix("the")


#: How much of a name written in Latin letters must be the site's for it to be the site's.
_SAME_NAME = 0.85
#: Letters that sound alike once a script is written in Latin letters (the nasals too), and
#: those that do not carry a name's sound (vowels, which scripts write apart or leave out, and
#: "h" of aspiration).
_ALIKE_LETTERS = str.maketrans("dbgzqcfvm", "tpkskkppn", "aeiouyhw")


def _latin(name: str) -> bool:
    """Whether a name is written in Latin letters alone."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha()) and any(
        ch.isalpha() for ch in name
    )


def sound_key(name: str) -> str:
    """The consonants of ``name`` written in Latin letters, so that a name in any script
    matches its Latin spelling: "अमर उजाला" and "Amar Ujala" are both "nrjl", and "सिंह"
    ("simh") and "Singh" both "sn", a nasal being one."""
    words = re.findall(r"[a-z]+", anyascii(name).casefold())
    letters = "".join(word.replace("ng", "n") for word in words).translate(_ALIKE_LETTERS)
    return re.sub(r"(.)\1+", r"\1", letters)


def _name_words(name: str) -> int:
    """How many words ``name`` has, less its particles."""
    return sum(word.casefold() not in _NAME_PARTICLES for word in name.split())


def is_nobody(name: str) -> bool:
    """Markup garbage rather than a name: pronouns, user names, addresses, dates, sentences,
    breadcrumbs."""
    words = name.split()
    folded = name.casefold()
    if (
        not words
        or folded in _NOBODY
        or len(name) > 60
        or _name_words(name) > _MOST_NAME_WORDS
        or any(ch.isdigit() for ch in name)
        or "@" in name
        or "_" in name  # a login: "Marina_K"
        or (_BREADCRUMB.search(name) is not None and "«" not in name)
        # "Updated: March", a label and what a dateline left beside it
        or any(colon in name for colon in _COLONS)
        or _URL.match(name)
        or not any(ch.isalpha() for ch in name)
    ):
        return True
    if _WIDE.search(name):
        # a label of the piece in two scripts ("Webオリジナル") names nobody: no name does
        return len(name.replace(" ", "")) > 12 or re.search(r"[A-Za-z]", name) is not None
    folded_words = [word.casefold().strip(".,") for word in words]
    if any(map(_capitalised, words)) and (
        sum(
            word.islower() and not _capitalised(word) and word not in _NAME_PARTICLES
            for word in words
        )
        >= _SENTENCE_WORDS
    ):
        # a sentence, as a link's hidden words, "Accéder à la page de l'auteur": words wholly
        # in lower case besides a name's particles ("al-Aziz" is none, nor a word of Georgian,
        # whose letters have no capitals), more than a name has ("Sophie in 't Veld")
        return True
    months = [word in month_numbers("en") for word in folded_words]
    weekdays = [word in _WEEKDAYS for word in folded_words]
    if (
        _dateline_label(name)
        or (len(words) == 1 and (len(name.rstrip(".")) == 1 or months[0] or weekdays[0]))
        or (
            len(words) == 2
            and any(months)
            and any(w and len(word) > 3 for w, word in zip(weekdays, folded_words, strict=True))
        )
        or (len(words) == 2 and (weekdays[1] or months[1]) and _dateline_label(words[0]))
    ):
        # "J", "Apr", "Wednesday", "Saturday, March", "Uppdaterad", "Data publicării", "Posted
        # Wednesday": what a dateline left
        return True
    # One lower-case Latin word or more is a login name ("xiaoying"), and so is one word in
    # another script with capitals, or a byline's little word left alone ("от", of "Автор:
    # redaktor от 12 ноября"): names are capitalised (Georgian's letters have no title case),
    # though metadata may write a name of several in lower case ("marcos lópez")
    return (name.isascii() or len(words) == 1) and not any(map(_capitalised, words))


def _capitalised(word: str) -> bool:
    """Whether a word's first letter is as a name's is, in capitals where its script has them."""
    letter = next((ch for ch in word if ch.isalpha()), "")
    return letter.title() == letter


def _dateline_label(text: str) -> bool:
    """A dateline's label ("Uppdaterad", "Publicado"), which no name is."""
    # without marks too: "نُشر" is "نشر", but "publicării" is no "publicarii"
    forms = {text.strip(), without_marks(text.strip())}
    return any(MODIFIED_LABEL.fullmatch(form) or PUBLISHED_LABEL.fullmatch(form) for form in forms)


def _uncased_word(text: str) -> bool:
    """Whether ``text`` is a word of a script without capitals and no digit ("ගාල්ල", not
    "ක1")."""
    return any(ch.isalpha() for ch in text) and not _cased(text) and not re.search(r"\d", text)


def _cased(text: str) -> bool:
    """Whether ``text`` is written in a script with capitals."""
    return any(ch.isupper() or ch.islower() for ch in text)


def _paper_and_place(credit: str) -> bool:
    """Whether a credit is three parts, the last one word: a desk, its paper and its place."""
    parts = credit.split(",")
    return len(parts) == 3 and len(parts[2].split()) == 1


def _names_a_desk(name: str) -> bool:
    """Whether a credit names a desk or a newsroom by its word ("News Desk", "न्यूज डेस्क"),
    or by "Reporting" last, after what it reports on ("Local Democracy Reporting"; a label
    opens a byline with it: "Reporting: …")."""
    words = name.split()
    return bool(
        _DESK_WORDS.intersection(word.casefold() for word in words)
        or any(name_key(word) in _DESK_WORDS for word in words)
        or (len(words) >= 2 and words[-1] == "Reporting")
    )


#: A name of initials alone, with their dots or not: "F. Q.", "A.B.", "F Q".
_INITIALS_ONLY = re.compile(r"(?:[^\W\d_](?:\.\s*|\s+|$)){2,4}")


class Credit:
    """Sorts names into people and the organisation credited, for one page."""

    def __init__(self, site_names: Sequence[str], host: str, language: str | None) -> None:
        self.language = language
        self.latin_spellings = [*site_names, *host.lower().split(".")]
        self.site_keys = {key for key in map(name_key, site_names) if key}
        # A site named by its domain ("n-tv.de") is also named without it ("n-tv").
        self.site_keys |= {
            name_key(name.rsplit(".", 1)[0]) for name in site_names if _DOMAIN.match(name.strip())
        }
        labels = [label for label in host.lower().split(".") if label not in ("www", "m")]
        #: The domain's last label, a country's code on a country's domain ("sn").
        self.top_level = labels[-1] if labels else ""
        # The host itself, its dots made spaces by a CMS: "News yam md" for news.yam.md.
        self.host_key = name_key("".join(labels))
        if len(labels) >= 2:
            registrable = labels[-3] if len(labels) > 2 and len(labels[-2]) <= 3 else labels[-2]
            self.site_keys.add(name_key(registrable))
        self.site_keys.discard("")
        #: The site's names as words, whose first letters and last word its brand may join
        #: ("KNews" for Kaieteur News).
        self.site_words = [name.split() for name in site_names if len(name.split()) >= 2]
        #: Each word of those names, as :func:`name_key` writes it.
        self.site_word_keys = {name_key(word) for words in self.site_words for word in words}
        #: The site's initials, which its desks sign with ("HT Correspondent", Hindustan Times).
        self.initials = {
            "".join(word[0] for word in name.split()).upper()
            for name in site_names
            if len(name.split()) >= 2 and all(word[:1].isalpha() for word in name.split())
        }
        #: How the site's names sound, which its name in another script sounds like too; a
        #: sound of four consonants at least, which a person's name matches by chance seldom.
        self.site_sounds = {
            sound for sound in map(sound_key, (*site_names, *self.site_keys)) if len(sound) >= 4
        }
        #: Names the structured data types as organisations: no source makes them people.
        self.organisations: set[str] = set()
        #: The keys of those the page credits for other work than the writing.
        self.not_writers: Callable[[], set[str]] = set
        self.authors: list[str] = []
        self.publisher: str | None = None
        self.incomplete = False  # a byline said "and N others"
        self._seen: set[str] = set()
        #: Whether the last credit was a wire's newsroom ("Redazione ANSA"), after which a
        #: word in capitals is the city it filed from ("GENOVA").
        self._after_wire_desk = False

    def _signs_as_desk(self, name: str) -> bool:
        """A desk or a newsroom by its word ("News Desk"), or a role the site's initials sign
        ("HT Correspondent" on Hindustan Times)."""
        initials, _, role = name.partition(" ")
        return _names_a_desk(name) or (initials in self.initials and bool(_ROLE_ONLY.match(role)))

    def _after_site_name(self, name: str) -> str | None:
        """What ``name`` says after the site's name of two words or more that opens it
        ("Tyne Tees" of "ITV News Tyne Tees"), or None when no such name opens it."""
        words = name.split()
        return next(
            (
                " ".join(words[size:])
                for size in range(2, len(words))
                if name_key(" ".join(words[:size])) in self.site_keys
            ),
            None,
        )

    def _names_the_site_again(self, name: str) -> bool:
        """Whether ``name``, a part of a credit of several, is the site's name in its own
        script, which sounds as its Latin one: "अमर उजाला" in "राजीव सिन्हा, अमर उजाला, पटना"
        on Amar Ujala's site. Alone, such a name is more likely a person's."""
        latin = re.search(r"[A-Za-z]", unicodedata.normalize("NFD", name)) is not None
        if latin or sound_key(name) not in self.site_sounds:
            return False
        # its consonants and most of its letters: "amr ujala" and "Amar Ujala", not "sunita
        # das" and "Sandesh", whose consonants agree by chance
        written = re.sub(r"[^a-z]", "", anyascii(name).casefold())
        return any(
            difflib.SequenceMatcher(None, written, re.sub(r"[^a-z]", "", site.casefold())).ratio()
            >= _SAME_NAME
            for site in self.latin_spellings
        )

    def _shortens_site(self, name: str) -> bool:
        """Whether one word joins the first letters of the site's name and its last word, as
        a brand shortens it: "KNews" for Kaieteur News."""
        parts = re.findall(r"[A-Z][a-z]*", name)
        if len(parts) < 2 or "".join(parts) != name.strip():
            return False
        return any(
            len(words) == len(parts)
            and parts[-1].casefold() == words[-1].casefold()
            and all(word.startswith(part) for part, word in zip(parts[:-1], words, strict=False))
            for words in self.site_words
        )

    def _site_initials_word(self, word: str) -> bool:
        """Whether ``word`` is the site's name, its host's or its name's first word: "BBC" on
        bbc.co.uk; not a surname in capitals ("Amadou BA" on bamada.net)."""
        key = name_key(word)
        return key in self.site_keys or any(name_key(words[0]) == key for words in self.site_words)

    def _site_initials(self, name: str) -> bool:
        """Whether a name of initials alone is the site's name's, whole or less its first
        word (an article: "Il"), as a paper signs its desk's pieces: "F. Q." for Il Fatto
        Quotidiano (a writer's own initials, "m. k.", name a person)."""
        if _INITIALS_ONLY.fullmatch(name) is None:
            return False
        letters = "".join(re.findall(r"[^\W\d_]", name)).casefold()
        return any(
            letters in (initials, initials[1:])
            for words in self.site_words
            for initials in ["".join(word[0] for word in words).casefold()]
        )

    def is_organisation(self, name: str) -> bool:
        """The site itself, a domain name, a desk or a newsroom."""
        key = name_key(name)
        if not key or name.startswith("@"):  # a social handle is nobody, not the site
            return False
        if key in self.site_keys or key in self.organisations or key == self.host_key:
            return True
        if without_marks(key) in self.site_keys:
            return True  # "El Siglo de Torreón" on elsiglodetorreon.com.mx
        if _DOMAIN.match(name.strip()) or re.search(rf",{_COMPANY_SUFFIX}", name, re.I):
            return True
        if _QUOTED_BRAND.fullmatch(name.strip()):
            return True  # "АМИТ «Ховар»": an agency, by its kind and its name
        if len(name.split()) >= 2 and name.split()[0] == "The":
            return True  # "The Oregonian", "The National Desk": no person's name opens so
        if (_WIDE.search(name) or len(name.split()) == 1) and any(
            len(site) >= 4 and (site in key or key in site) for site in self.site_keys
        ):
            return True
        *first, last = re.split(r"[\s.]+", name.strip())
        if (
            first
            and last.casefold() in _DOMAIN_ENDINGS
            and name_key(" ".join(first)) in self.site_keys
        ):
            return True  # "Mynet com", "العربية نت": a domain whose dot a CMS made a space
        if _WIDE.search(name) and _CJK_MEDIA.search(name.replace(" ", "")):
            return True
        outlets = (*self.site_keys, name_key(self.publisher or ""))
        if _WIDE.search(name) and any(_CJK_MEDIA.sub("", outlet) == key for outlet in outlets):
            return True  # the outlet by its brand, less "网" or "日报": "财新 王小东" on 财新网
        words = [name_key(word) for word in name.split()]
        if (
            len(words) >= 2
            and len(words[0]) >= 3
            and words[0] in self.host_key
            and (name.split()[0].isupper() or len(words) >= 3 or words[-1] in _BRAND_DESKS)
        ):
            # The brand in the host's name, then what the desk is: "GMA Integrated News" on
            # gmanetwork.com, "Joy News" on myjoyonline.com; but "Ian Press" on
            # theguardian.com is a person, whose surname a media word may be.
            return True
        if self._signs_as_desk(name) or self._shortens_site(name) or self._site_initials(name):
            return True
        if self._brand_and_country(name):
            return True
        brand, *place = re.split(r"\s+(?:من|from)\s+", name, maxsplit=1)
        if place and name_key(brand) in self.site_keys | self.site_word_keys:
            return True  # "هسبريس من الرباط": the site, from where it filed
        if (
            len(words) >= 2
            and any(word in _MEDIA_WORDS for word in words)
            and any(site.startswith(key) for site in self.site_keys)
        ):
            return True  # "Premium Times" on "Premium Times Nigeria": the site less its country
        paper, _, brand = name.partition(" ")
        if paper.casefold() in _PAPER_WORDS and brand:
            # "newspaper" and the site's name, less its "Online": "Báo Tuổi Trẻ"
            brand = without_marks(name_key(brand))
            if any(without_marks(site).removesuffix("online") == brand for site in self.site_keys):
                return True
        if any(_MEDIA_COMPOUND.fullmatch(word) for word in name.split()):
            return True  # "Regionaljournal Bern Freiburg Wallis": a programme
        if self._acronyms_of_site(name):
            return True
        if (
            len(name.split()) >= 2
            and name.split()[0].casefold() in _ARTICLES
            and any(site.startswith(key) for site in (self.host_key, *self.site_keys))
        ):
            # "El Centinela" on elcentinelasa.com: the site's name less its suffix, by the
            # article it opens with, as no person's name does ("John Smith" on
            # johnsmithnews.com is a person)
            return True
        first_word, *kinds = name.split()
        if (
            kinds
            and 2 <= len(first_word) <= 5
            and first_word.isupper()
            and first_word.isalpha()
            and all(kind.istitle() and name_key(kind) in _GROUP_WORDS for kind in kinds)
        ):
            # "KSF Media", "RTL News": a company's initials and what it is, not a first name
            # in capitals and a surname ("ZOE MEDIA", "AJ Post")
            return True
        others = [w for w in words if w not in self.site_keys]
        if len(others) == len(words):
            return False
        # The site's acronym in capitals ("MDR SACHSEN"), or its name with media words.
        acronym = any(word.isupper() and name_key(word) in self.site_keys for word in name.split())
        return acronym or all(w in _MEDIA_WORDS for w in others)

    def _brand_and_country(self, name: str) -> bool:
        """Whether a name is the site's brand and the country of its domain, as an agency's
        account is named: "Aps Sénégal" on aps.sn (in the page's language or in English)."""
        brand, _, country = name.partition(" ")
        tld = self.top_level.upper()
        if not country or len(tld) != 2 or name_key(brand) not in self.site_keys:
            return False
        names = set()
        for language in {(self.language or "en").split("-")[0], "en"}:
            try:
                names.add(Locale.parse(language).territories.get(tld, "").casefold())
            except (ValueError, UnknownLocaleError):
                continue
        return country.casefold() in names

    def _acronyms_of_site(self, name: str) -> bool:
        """Whether a name of acronyms (words of three capitals at most) holds the site's
        registered name as words in a row: "MMC RTV SLO" on rtvslo.si."""
        words = name.split()
        if len(words) < 2 or not all(len(word) <= 3 and word.isupper() for word in words):
            return False
        keys = [name_key(word) for word in words]
        runs = {
            "".join(keys[start:end])
            for start in range(len(keys))
            for end in range(start + 2, len(keys) + 1)
        }
        return any(len(site) >= 4 and site in runs for site in self.site_keys)

    def add(self, raw: str) -> None:
        """Credit the names in ``raw``: people to ``authors``, the site or a desk to
        ``publisher`` (the first such), garbage nowhere. A news agency is kept among the
        authors, as a credit that ends the search for one, until :meth:`result` makes it the
        publisher."""
        if _INCOMPLETE.search(raw):
            self.incomplete = True
        split = split_byline(raw, self.language)
        role = "" if split else clean_line(_strip_label(raw.split(",")[0], self.language))
        if (
            role
            and _PLACED_ROLE.fullmatch(role)
            and not _ROLE_ONLY.match(role)  # "our reporter" names no desk
            and not _cased(role)
        ):
            # a correspondent credited by where or for whom they report, in a script without
            # capitals: "চট্টগ্রাম প্রতিনিধি", "సాక్షి ప్రతినిధి, విజయవాడ"; a desk
            self.publisher = self.publisher or role
        parts = [piece for whole in split for piece in self._apart_from_credit(whole)]
        after_outlet = False
        several = len(parts) > 1 or re.search(r"[,،]", raw) is not None
        for index, part in enumerate(parts):
            rest = self._after_site_name(part) if index else None
            if rest is not None and _ROLE_ONLY.match(rest):
                continue  # the writer's role at the site: "…, Harbour City Free Press reporter"
            initials = _role_at_outlet(part)
            if initials is not None and self._site_initials_word(initials):
                # a role at the site, its initials after it, alone or after the name:
                # "Gohebydd Addysg BBC Cymru", "Heledd Jones Education correspondent BBC Wales"
                part = _name_before_role(part)
                if not part:
                    continue
            # the site's edition after its writer, in capitalised words that name no role or
            # desk: "By Sarah Ridley, ITV News Tyne Tees", not "…, Daily News City Hall bureau"
            edition = (
                rest is not None
                and all(map(_capitalised, rest.split()))
                and not _names_a_desk(rest)
                and not _ROLE_PART.match(rest)
            )
            name = part if edition else self._without_site(part)
            wire, _, role = name.partition(" ")
            signs_by_role = _ROLE_ONLY.match(role) or role.casefold() in _DESK_WORDS
            # not an agency's name of two words, nor a role the site's initials sign ("HT
            # Correspondent")
            wire_desk = not (_known_agency(name) or wire in self.initials)
            if wire_desk and _is_agency(wire) and signs_by_role:
                # an agency's copy signed by its role: "PA Reporter", "AAP Staff"
                name = wire.upper() if len(wire) <= 4 else wire
            bare = _FOR_OUTLET.sub("", _LEADING_PARTICLE.sub("", name, count=1), count=1)
            if bare != name and not self.is_organisation(name) and self.is_organisation(bare):
                # "Por Emol": the site, after a byline's little word; "PARA LA GACETA", for it
                name = bare
            if after_outlet and index == len(parts) - 1 and self._filed_from(name, raw, index):
                break  # where it was filed, after the paper: "राजीव सिन्हा, अमर उजाला, पटना"
            after_outlet = (
                edition
                or self.is_organisation(name)
                or (several and self._names_the_site_again(name))
            )
            if after_outlet:
                self._after_wire_desk = len(name.split()) >= 2 and any(
                    _is_agency(word) for word in name.split()
                )
                # a login ("redaktori") or an account ("Admin") names no publisher, and the
                # site's initials ("F. Q.") name the site
                if not (name.isalpha() and name.islower()) and name.casefold() not in _ACCOUNTS:
                    self.publisher = self.publisher or (None if self._site_initials(name) else name)
                if index == 0 and self._signs_as_desk(name) and _paper_and_place(raw):
                    break  # a desk, then its paper and place: "न्यूज डेस्क, अमर उजाला, लखनऊ"
                continue
            if name_key(name) in self.not_writers():
                continue  # a photographer, an editor, a translator
            agency = _is_agency(name)
            if is_nobody(name) and not (name.isalpha() and name_key(name) in _AGENCIES):
                continue  # but "dpa", which looks like a login name, is an agency
            if (
                self._after_wire_desk
                and not agency
                and name.isupper()
                and len(name.split()) == 1
                and not _INITIAL_GLUED.search(name)  # a name: "B.DULGUUN"
            ):
                continue  # where a wire's newsroom filed from: "Redazione ANSA" … "GENOVA"
            self._after_wire_desk = False
            key = name.casefold()
            if key not in self._seen:
                self._seen.add(key)
                # "JOSH BOAK", as wire bylines set names, is Josh Boak ("MDR SACHSEN", the
                # site's acronym, went to the publisher above)
                words = name.split()
                shouted = len(words) >= 2 and not agency and all(w.isupper() for w in words)
                self.authors.append(_name_case(name) if shouted else name)

    def _filed_from(self, name: str, raw: str, index: int) -> bool:
        """Whether ``name``, the last part of the credit ``raw`` after an outlet, is where the
        story was filed, as bylines in scripts without capitals end ("…, अमर उजाला, पटना",
        "ఈనాడు, హైదరాబాద్‌"): no "and" in the credit, no agency, one word (not a CJK name nor
        one of a language whose people have one name), or several after a desk and the
        paper. In a script with capitals a second writer ends so as often ("Jane Doe, CNN,
        John Roe")."""
        joined = re.search(rf"\s(?:{_and_words(self.language)})\s", raw, re.IGNORECASE)
        script = (self.language or "").split("-")[0].lower()
        one_word = (
            len(name.split()) == 1 and not _WIDE.search(name) and script not in _ONE_NAME_LANGUAGES
        )
        # after a desk and the paper, a place of several words ("…, अमर उजाला, नई दिल्ली");
        # after a writer, only one word: a second writer's full name ends it as often
        return (
            not _cased(name)
            and joined is None
            and not _is_agency(name)
            and (one_word or (index >= 2 and not self.authors))
        )

    def _apart_from_credit(self, name: str) -> list[str]:
        """A name and an agency after it (:func:`_apart_from_agency`), or a name in capitals
        and another credit after it in mixed case, as Lee papers, old CMSs and wire copy set
        a byline: an outlet, the site or a role, which goes ("CHRIS DUNKER Lincoln Journal
        Star", "DON RATZLAFF Free Press Editor"). Only after two words in capitals, and only a
        credit that says what it is: a surname in capitals may open a name before the given
        names ("LE PEN Marine", "GARCÍA LÓPEZ María")."""
        parts = _apart_from_agency(name)
        words = name.split()
        capitals = next((i for i, word in enumerate(words) if not word.isupper()), len(words))
        if len(parts) > 1 or not 2 <= capitals < len(words):
            return parts
        credit = " ".join(words[capitals:])
        if self.is_organisation(credit) or _ROLE_PART.match(credit) or _names_an_outlet(credit):
            return [" ".join(words[:capitals])]
        return parts

    def _without_site(self, name: str) -> str:
        """``name`` less the site (or a desk) named before or after it, apart by a dash
        ("هسبريس - عبد الرحيم العسري"), or the site's name in two words or more ("Zach Hammack
        Lincoln Journal Star"): one word beside a name is as often a surname ("Jane Stern" on
        stern.de). A full name of two words or more is left."""
        segments = _DASH_APART.split(name)
        if len(segments) == 2:
            for site, rest in (segments, segments[::-1]):
                if self.is_organisation(site) and len(rest.split()) >= 2:
                    return rest
        words = name.split()
        for size in range(len(words) - 2, 1, -1):
            for site, rest in ((words[:size], words[size:]), (words[-size:], words[:-size])):
                if name_key(" ".join(site)) in self.site_keys:
                    # "KYODO NEWS - May": no "- May"; "Wilmer Leon. Sputnik International": no
                    # full stop, though an initial keeps its own ("John F.")
                    kept = " ".join(rest).strip(" -–—|:·")
                    stop = kept.endswith(".") and not _ABBREVIATED_SUFFIX.search(kept)
                    return kept[:-1] if stop else kept
        return name

    def restart(self) -> None:
        """Forget the people credited so far (the publisher stays), for the next source."""
        self.authors, self.incomplete = [], False
        self._seen.clear()

    def result(self) -> Credits:
        """The credits. A news agency is an organisation, never an author: beside a person it
        is the publisher's source, the publisher unless a desk is credited ("Von Anna
        Schmidt, dpa" on a site whose metadata names itself: dpa); alone, it is the
        publisher, as who the page credits rather than the site that ran its story."""
        people = [name for name in self.authors if not _is_agency(name)]
        agency = next((name for name in self.authors if _is_agency(name)), None)
        if not people:
            return Credits([], agency or self.publisher)
        desk = self.publisher if not self._the_site(self.publisher or "") else None
        return Credits(people, desk or agency or self.publisher)

    def _the_site(self, name: str) -> bool:
        """Whether ``name`` is the site's, or its acronym and what it stands for ("RTS Radio
        Télévision Suisse" on rts.ch)."""
        first, *rest = name.split() or [""]
        spelt = "".join(word[0] for word in rest).casefold() == first.casefold()
        return name_key(name) in self.site_keys or (
            spelt and first.isupper() and len(first) >= 2 and name_key(first) in self.site_keys
        )


# Sources ------------------------------------------------------------------------------------

#: Meta tags naming the author, most specific first.
AUTHOR_META = (
    "author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
    "dcterms.creator", "byl", "citation_author", "cxenseparse:author", "twitter:data1",
)  # fmt: skip
#: Class, id or test id words of a byline's element: a credit's (:data:`CREDIT_WORDS`), and more
#: that name other things too, which the tests beside them tell apart (a picture's credit, a
#: writer's bio or avatar): a byline's in other languages, its writer's roles ("signature",
#: "reporter", "yazar"), a person's ("contributor", hCard's "fn" and "vcard"), CMSs' ("byl",
#: "posted-by", "auth_name").
_BYLINE_MARKS = re.compile(
    rf"{CREDIT_WORDS}|by-line|writer|reporter|signature|journalist|creator|contributor|byl\b|"
    r"fn\b|vcard|posted-by|created-?by|(?<![a-z])auth[-_]?name|(?<![a-z])athr|szerz[oő]|yazar|"
    r"muhabir|"
    # Welsh, Danish and Norwegian, Swedish, Finnish, Vietnamese ("tacgia", "tác giả")
    r"awdur|forfatter|f[oö]rfattare|tekij[aä]|tac[-_]?gia|"
    r"username",  # a forum's CMS: "<span class='article_username'><a class='username'>"
    re.IGNORECASE,
)
#: "by" as a word of a class name: "gnt_ar_by", "by-author", "byName", "storyBy"; not "16by9"
#: or "baby".
_BY_MARK = re.compile(r"(?<![A-Za-z0-9])[Bb]y(?![a-z0-9])|(?<=[a-z])By(?![a-z])")
#: Parts of a byline that say what a person is, not who ("Journalist", "Parliamentary
#: reporter", a writer's bio: "<p class='writer-bio'>כתב לענייני בנקאות…</p>"), or where they
#: wrote from ("<span class='lugar'>TORREÓN, COAH.</span>", "<span
#: class='p-author-local'>Brasília</span>").
_ASIDE_MARKS = re.compile(
    r"role|title|position|job|function|(?<![a-z])bio|(?<![a-z])desc|location|lugar|ciudad|cidade|"
    r"(?<![a-z])city|designation|(?<![a-z])loc(?![a-z])|"
    r"(?<![a-z])local(?![a-z])|dateline|(?<![a-z])place(?!holder)|(?<![a-z])lieu|luogo|"
    # French, Italian and German: "<span class='lieu'>Genève</span>"
    r"(?<![a-z])ort(?![a-z])|(?<![a-z])town(?![a-z])|"
    r"poblaci|localitat",  # Catalan's: "<span class='poblacio'>Lleida</span>"
    re.IGNORECASE,
)
#: A byline's label set apart in an element of its own: "<span>Par</span> <a>…</a>",
#: "<h6>Editor</h6><a>…</a>"; without its colon, not a word that is more often something else
#: ("Haber", news) nor one language's little word ("Le").
_LABEL_ONLY = re.compile(
    r"^(?!(?:haber|words|le|per|gan)$)"
    rf"(?:{_LABELS}|{_COLON_LABELS}|{_PARTICLES}|{_OTHER_LABELS})\s*[{_COLONS},]?$",
    re.IGNORECASE,
)
_NOT_BYLINE_MARKS = re.compile(
    r"avatar|photo|image|img|bio|description|about|social|share|follow|more|other|"
    r"related|box|card|list|location|sponsor|presented|powered|brought|sortby|filterby|"
    r"has-byline",  # a block that holds a byline among other things
    re.IGNORECASE,
)
#: The name's own element in a box about the author: "author-box__name", "authorCardName".
_AUTHOR_NAME_MARK = re.compile(rf"(?:{BYLINE_WORDS})[\w-]{{0,30}}name", re.IGNORECASE)
_DATE_MARKS = re.compile(
    r"date|time|publi|read|views?|comments?|(?<![a-z])stats?(?![a-z])|created(?![-_]?by)",
    re.IGNORECASE,
)
#: A line of names and the role after them, as Korean and Japanese bylines end: "박상영·김은성
#: 기자", "山田太郎記者 yamada@example.jp".
_ROLE_AFTER_NAMES = re.compile(
    r"^[\uac00-\ud7a3\u4e00-\u9fff\u3040-\u30ff·・、,\s]{2,40}?(?:기자|특파원|記者|特派員)"
    r"(?:\s+\S+@\S+)?\s*$"
)


def _name_and_role_apart(element: HtmlElement) -> str | None:
    """The name of a line of two elements, a name and the writer's role, where hashed classes
    say nothing: "<span>Sanne Verhoef</span><span>verslaggever Binnenland</span>"."""
    parts = [child for child in element if isinstance(child.tag, str)]
    if len(parts) != 2 or (element.text or "").strip() or (parts[0].tail or "").strip():
        return None
    name, role = _text(parts[0]), _text(parts[1])
    words = name.split()
    if (
        2 <= len(words) <= 4
        and all(map(_name_word, words))
        and not any(_ROLE_KIND.fullmatch(word) for word in words)  # "Meet Our" Columnists
        and not _ROLE_PART.match(name)
        and _ROLE_ONLY.match(role)
    ):
        return name
    return None


def _mailed_names(element: HtmlElement) -> list[str]:
    """The names of a signature block after the story where each writer's name in bold has
    their own e-mail address (named after them) on the next line, as old templates signed:
    "<b>Per Ekström</b><br><a href='mailto:per.ekstrom@…'>…</a><br><b>Maria Lindqvist</b><br><a
    href='mailto:maria.lindqvist@…'>"; not a box of contacts."""
    names = []
    parts = [child for child in element if isinstance(child.tag, str) and child.tag != "br"]
    if _CONTACT.search(element.get("class") or ""):
        return []  # a press office's contacts
    for bold, address in zip(parts[::2], parts[1::2], strict=False):
        words = _text(bold).split()
        href = address.get("href") or ""
        if (
            bold.tag not in ("b", "strong")
            or address.tag != "a"
            or not href.startswith("mailto:")
            or not _full_name_shape(words)
            or not _own_address(href.removeprefix("mailto:"), _text(bold))
        ):
            return []
        names.append(_text(bold))
    return names if len(parts) % 2 == 0 else []


#: Class words of a box of contacts, a press office's or a desk's: "press-contact", "kontakt".
_CONTACT = re.compile(r"(?<![a-z])(?:contacts?|kontakt\w*|press|media)(?![a-z])", re.IGNORECASE)
#: A story's last line pointing to contacts below it: "För mer information, kontakta …".
_CONTACT_POINTER = re.compile(r"\b(?:contact|kontakt\w*|contacte[rz]?)\b", re.IGNORECASE)


def _own_address(address: str, name: str) -> bool:
    """Whether an e-mail address is the named person's own, its mailbox named after them
    ("per.ekstrom@…" for Per Ekström, "elanzetta@…" for Eduardo Lanzetta): not a desk's
    ("press@…")."""
    if not _EMAIL.fullmatch(address):
        return False
    mailbox = anyascii(address.partition("@")[0]).casefold()
    return any(anyascii(word).casefold() in mailbox for word in name.split() if len(word) >= 3)


def _bold_name_line(element: HtmlElement) -> str | None:
    """The name an old template sets in bold, opening a line of its own with nothing after it
    but a line break and a reporter's role, the outlet and where it was filed, or an e-mail,
    or the date beside it:
    "<font><b>HELENA TEIXEIRA BRANDÃO</b><br>da Folha Online, em Brasília</font>", "<b>ALISON
    MCLEAN<br>HOME AFFAIRS CORRESPONDENT</b>", "<b>Eduardo Lanzetta</b><br>elanzetta@…",
    "<b>Marek Żuławski</b> 11-03-2003, ostatnia aktualizacja …"."""
    bold = element if element.tag in ("b", "strong") else element[0] if len(element) else None
    if bold is None or bold.tag not in ("b", "strong"):
        return None
    if bold is not element and (element.text or "").strip():
        return None
    if element.tag == "p" or any(
        _CONTACT.search(node.get("class") or "") for node in (element, element.getparent())
    ):
        # an old template's line, not a paragraph ("<p><strong>Key Events</strong> March
        # 12"), nor a press office's contact ("<div class='press-contact'><b>…</b><br>…")
        return None
    if element.find(".//p") is not None or element.find(".//div") is not None:
        return None  # a block, as a reader's comment is: "<b>Raman</b> <span>…</span><p>…"
    lines, bold_lines = _lines(element), _lines(bold)
    name = bold_lines[0] if bold_lines else ""
    words = name.split()
    if not lines or not lines[0].startswith(name):
        return None
    if not _full_name_shape([word.title() for word in words] if name.isupper() else words):
        return None  # nor "Last Updated:", nor "ராமன், சென்னை", a reader's name and town
    if (
        _ROLE_PART.match(name)
        or any(_ROLE_KIND.fullmatch(word) for word in words)
        or any(
            word.casefold() in _NOT_NAME_WORDS or word.casefold() in _MEDIA_WORDS for word in words
        )
    ):
        return None  # nor "Press Release", "Key Events"
    if lines[0] != name:  # the date on the name's line, and nothing on a line after it
        dated = date_start(lines[0].removeprefix(name).lstrip(" ,|-–—")) == 0
        return name if dated and len(lines) == 1 else None
    rest = lines[1] if len(lines) == 2 else ""
    # a reporter's role, not an interviewee's ("Chief Commodities Analyst"); the outlet and
    # where it was filed, not a place alone ("from Stockport", a voice from the street)
    reporter = _REPORTER_ROLE.search(rest) is not None and _ROLE_PART.fullmatch(rest) is not None
    filed = _FROM_PLACE_LINE.match(rest) is not None and "," in rest
    return name if reporter or filed or _own_address(rest, name) else None


#: The roles of a newsroom's reporters and writers, which a line under a name in bold gives.
_REPORTER_ROLE = re.compile(
    r"correspondent|reporter|writer|columnist|journalist|correspondente?|corresponsal|"
    r"repórter|jornalista|periodista|redakteur|korrespondent|корреспондент",
    re.IGNORECASE,
)


#: A field's label: a word or up to three, and a colon ("અહેવાલ:", "Editór:").
_WORDS_AND_COLON = re.compile(
    rf"[^\W\d_][\w{MARKED_SCRIPTS}]*(?:\s+[\w{MARKED_SCRIPTS}]+){{0,2}}\s*[{_COLONS}]"
)
#: A word of a name, as a line in bold gives it: letters, and an initial's dot, an apostrophe
#: or a hyphen.
_NAME_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


def _full_name_shape(words: list[str]) -> bool:
    """Whether words read as a full name set apart: two to four, each a capitalised word of a
    name's letters (:data:`_NAME_WORD`, :func:`_name_word`)."""
    return 2 <= len(words) <= 4 and all(
        _NAME_WORD.fullmatch(word) and _name_word(word) for word in words
    )


def _names_and_role(line: str) -> bool:
    """A line of names and the role after them (:data:`_ROLE_AFTER_NAMES`), with or without
    the others it leaves unnamed ("김도현 기자 외 1명")."""
    return _ROLE_AFTER_NAMES.match(_INCOMPLETE.sub("", line).strip()) is not None


_BYLINE_LINE = re.compile(
    rf"^\s*[{_BULLETS}]?\s*(?:{_LABELS})(?!\w)\.?\s*[{_COLONS}]?\s*\S", re.IGNORECASE
)
#: A credit line closing a story: a label with a colon, then a name ("Text: Jane Doe"); "By
#: then, …" opens a sentence.
_LABELLED_LINE = re.compile(
    rf"^\s*[{_BULLETS}]?\s*(?:{_LABELS})\s*[{_COLONS}]\s*[^\W\d_]", re.IGNORECASE
)
#: A byline's little word and an agency's name alone: "Por Reuters — Washington".
_PARTICLE_AGENCY = re.compile(
    rf"^\s*(?:{_PARTICLES})\s+([^\W\d_][\w.'’-]*)\s*(?:$|[|,·•–—-])", re.IGNORECASE
)
#: A line that is a little word and a name, as bylines open in some languages: "Por Juan
#: Pérez", "Af Mette Hansen" (see :func:`_particle_byline`).
_PARTICLE_LINE = re.compile(
    rf"^\s*(?:{_PARTICLES})\s+([^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){{1,3}})\s*"
    r"(?:$|[|,·•–—&-])",
    re.IGNORECASE,
)
#: The little word as a label, then a name written surname first: "Av: Back, Johanna".
_PARTICLE_SURNAME_FIRST = re.compile(
    rf"^\s*(?:{_PARTICLES})\s*[{_COLONS}]\s*([^\W\d_][\w.'’-]*,\s+[^\W\d_][\w.'’-]*)\s*$",
    re.IGNORECASE,
)


def credits(
    *,
    jsonld_authors: Iterable[str],
    jsonld_organisations: Iterable[str] = (),
    item_authors: Callable[[], Iterable[str]],
    meta: dict[str, str],
    og_authors: Sequence[str],
    anatomy: Anatomy,
    site_names: Sequence[str],
    host: str,
    language: str | None,
    fallback: Callable[[], str | None],
) -> Credits:
    """The article's credits, from the first source that names a person (the metadata's
    names in Latin letters give way to the byline's same names in the page's own script).

    ``jsonld_authors`` are the names of the article's JSON-LD ``author``, and
    ``jsonld_organisations`` those of its entries typed as no person: a news agency
    among them is credited as in a byline, any other is the publisher, never an author;
    ``item_authors`` reads microdata and RDFa; ``fallback`` is trafilatura's author string.
    """
    credit = Credit(site_names, host, language)
    organisations = [
        piece
        for name in map(clean_line, jsonld_organisations)
        if name
        for piece in _and_agency(name)
    ]
    agencies = [name for name in organisations if _is_agency(name)]
    credit.publisher = next((name for name in organisations if name not in agencies), None)
    credit.organisations = {name_key(name) for name in organisations if name not in agencies}
    # a photographer the page credits as such, though its metadata lists them as an author
    byline = functools.cache(lambda: list(visible_byline(anatomy, language)))
    story = functools.cache(lambda: list(story_credit(anatomy, language, host)))
    # the paper a source line closing the story credits, which an aggregator's byline names
    # as if it wrote the story, while its writer signs above the source line: "Par <a>Le
    # Républicain</a>" over "<b>Moussa Touré</b>", "Source : Le Républicain" (not a writer by
    # their role, "Source: Kwame Boateng Asare, Contributor", nor one who signs alone)
    closing_source = _closing_source(anatomy)
    if closing_source is not None and "," not in closing_source:
        signed = {name_key(name) for text in story() for name in split_byline(text, language)}
        if signed - {name_key(closing_source)}:
            credit.organisations.add(name_key(closing_source))
    not_writers = functools.cache(lambda: contributors(anatomy, byline(), story(), language))
    credit.not_writers = not_writers
    jsonld_names = list(jsonld_authors)
    meta_names = [meta[key] for key in AUTHOR_META if meta.get(key)]
    # trafilatura reads the same fields: a copy of one less its punctuation was read already
    # ("المصدر أ ف ب" for "المصدر: أ ف ب", a source's label and an agency), and so was each of
    # its pieces, which it title-cases ("Asty" and "Now" of the editors' codes "asty//now")
    fields = (*jsonld_names, *meta_names)
    jsonld_names = [name for name in jsonld_names if not _login_of(name, language)]
    meta_names = [name for name in meta_names if not _login_of(name, language)]
    read = {name_key(piece) for name in fields for piece in (name, *re.split(r"[/;,|&]+", name))}
    # and a login less its number, which it title-cases too ("Express Web" of "express_web_01")
    read |= {key.rstrip("0123456789") for key in read}
    sources: tuple[Callable[[], Iterable[str]], ...] = (
        lambda: [*jsonld_names, *agencies],
        item_authors,
        lambda: meta_names,
        lambda: (name for name in og_authors if not _URL.match(name)),
        byline,
        story,
        lambda: heading_byline(anatomy, language),
        # and where they credit an organisation its author is that credit, at times cut short,
        # as the page shows it then ("वाराणसी ब्यूर" for "वाराणसी ब्यूरो")
        lambda: (
            name
            for name in (_fallback_names(fallback()) if credit.publisher is None else ())
            for name in [_as_shown(anatomy, name)]
            if not _teaser_name(anatomy, name)
            and not _credited_otherwise(anatomy, name)
            and name_key(name) not in read
            and not _shown_in_lower_case(anatomy, name)
        ),
    )

    @functools.cache
    def shown_authors() -> list[str]:
        """The visible byline's authors, read as a credit of their own."""
        shown = Credit(site_names, host, language)
        shown.organisations, shown.not_writers = credit.organisations, not_writers
        for name in byline():
            shown.add(name)
        return list(shown.authors)

    # The names of a byline that said "and N others", or the one name metadata gave (a CMS
    # field often holds the first author only): a later source naming them and more wins.
    partial: list[str] = []
    lone = False
    lone_agency: str | None = None  # the agency a byline names beside the lone writer
    publisher = credit.publisher
    for index, source in enumerate(sources):
        if lone and index > _STORY_CREDIT_SOURCE:
            # a lone name is only checked against the visible byline and the story's credit
            # line, where its reporter signs ("AGERPRES (autor: …)") and a paper names all its
            # reporters ("이지영·박성훈 기자", where the metadata names the first)
            break
        raw = list(source())
        for name in raw:
            credit.add(name)
        if (
            lone
            and index == _FIRST_VISIBLE_SOURCE
            and not credit.authors
            and credit.publisher not in (None, publisher)
            and len(partial[0].split()) == 1
            and not _WIDE.search(partial[0])
            and not _shown(anatomy, partial[0])
        ):
            # an account's first name in the metadata, which the page never shows, where the
            # byline credits a desk: "Sameer" and "News Desk"
            partial = []
            break
        more = partial and credit.authors and _names_more(credit.authors, partial)
        if more and (not lone or _joined(raw, language)):
            break  # "박준석 기자 외 1명" then both names; "Marco Galluzzo" then two
        if (
            lone
            and index == _FIRST_VISIBLE_SOURCE
            and credit.authors
            and all(bool(_WIDE.search(name)) != bool(_WIDE.search(partial[0])) for name in raw)
        ):
            break  # "周文婷" in the metadata of a page whose byline writes "ZHOU WENTING and …"
        if lone and _shortened(credit.authors, partial):
            credit.publisher = publisher
            break  # "Amber Peabody Enterprise" in the metadata, "Amber Peabody" on the page
        if (
            lone
            and index == _FIRST_VISIBLE_SOURCE
            and credit.authors
            and all(_linked_person(anatomy, name) for name in credit.authors)
            and not any(_POSTED_BY.search(name) or _EDITOR_LABEL.match(name) for name in raw)
            and not _shown(anatomy, partial[0])
        ):
            break  # the metadata's name, which the page never shows, is who edited or posted it
        # an outlet the metadata credits alone, that the byline names after its writer
        outlets = [
            name
            for name in partial
            if not _is_agency(name) and _names_an_outlet(name) and name in credit.authors[1:]
        ]
        people = [name for name in credit.authors if not _is_agency(name) and name not in outlets]
        if (
            partial
            and all(_is_agency(name) or name in outlets for name in partial)
            and people
            and all(len(name.split()) >= 2 or _WIDE.search(name) for name in people)
        ):
            # the metadata credits the agency or the outlet alone, the byline its reporter
            # ("By Jonathan Price, Reuters", "Hannah Reinholt, KFF Health News"), by a full
            # name (a CJK one is one word): "Nouméa (AFP)" names the place filed from
            credit.authors = [name for name in credit.authors if name not in outlets]
            credit.authors += [name for name in partial if name not in [*credit.authors, *outlets]]
            credit.publisher = outlets[0] if outlets else credit.publisher
            break
        if lone:
            credit.publisher = publisher  # a source read only to check a name credits nobody
            people = [name for name in credit.authors if not _is_agency(name)]
            if [*map(name_key, people)] == [*map(name_key, partial)]:
                # but the agency it names beside the same writer: "Par <a>…</a> avec AFP"
                lone_agency = lone_agency or next(filter(_listed_agency, credit.authors), None)
        if not credit.authors:
            continue
        if not partial:
            lone = not credit.incomplete and len(credit.authors) == 1
            lone = lone and index < _FIRST_VISIBLE_SOURCE
            if not credit.incomplete and not lone:
                if index < _FIRST_VISIBLE_SOURCE and len(credit.authors) >= 2:
                    # metadata that names some of the byline's writers: "A, B et C" shown,
                    # A and B in the JSON-LD
                    shown = shown_authors()
                    extra = [name for name in shown if name not in credit.authors]
                    if _names_more(shown, credit.authors) and all(
                        _linked_person(anatomy, name)
                        and name_key(name) not in not_writers()
                        and not _credited_otherwise(anatomy, name)
                        for name in extra
                    ):
                        credit.authors = shown
                break
            partial = list(credit.authors)
            publisher = credit.publisher
        credit.restart()
    if not credit.authors:
        credit.authors = partial + ([lone_agency] if lone_agency else [])
    if credit.authors and all(map(_latin, credit.authors)):
        # the metadata's names in Latin letters, which the byline shows in the page's own
        # script: "Milan Jovanović" for "Милан Јовановић"
        shown = shown_authors()
        same = sorted(map(sound_key, shown)) == sorted(map(sound_key, credit.authors))
        if same and not any(map(_latin, shown)):
            credit.authors = shown
        elif _reordered(credit.authors, shown) or _respelt(credit.authors, shown):
            # or with the words of each in another order: "Gruber Lena" for "Lena Gruber",
            # where the CMS files its writers surname first; or without the accents the
            # byline writes ("Ndeye Fatou Seck" for "Ndèye Fatou SECK")
            credit.authors = shown
    opening = None
    if len(credit.authors) == 1:
        opening = _opening_byline(anatomy, language) or _labelled_bold_line(anatomy, language)
    if len(credit.authors) == 1 or (not credit.authors and credit.publisher is not None):
        # or names in capitals, where the metadata credits one of them or the site alone
        opening = opening or _bold_capitals_line(anatomy, language, credit.authors)
    if opening is not None and not (credit.authors and _is_agency(credit.authors[0])):
        # a CMS's author field, and the byline it fills, often name who posted the story,
        # while its text opens with its writer's: "By Johnbosco Agbakwuru, Abuja"
        posted, publisher = credit.authors, credit.publisher
        credit.restart()
        credit.add(opening)
        if not credit.authors:
            credit.authors, credit.publisher = posted, publisher
    found = credit.result()
    lead = _lead_credit(anatomy) or ""
    if (
        lead
        and len(found.authors) == 1
        and name_key(found.authors[0]) == name_key(lead)
        # not the reporter a paper's lead names so: "ਫ਼ਿਰੋਜ਼ਪੁਰ, 19 ਅਕਤੂਬਰ (ਗੁਰਿੰਦਰ ਸਿੰਘ)-"
        and name_key(lead) not in {name_key(n) for t in story() for n in split_byline(t, language)}
    ):
        # the outlet a lead credits in brackets after its place and date, as a CMS account
        # named after it: "አዲስ አበባ፣ መስከረም 5፣ 2017 (ኤፍ ቢ ሲ) - …"
        found = Credits([], found.authors[0])
    elif found.authors and not found.publisher and _known_agency(lead) and _wire_lead(anatomy):
        # the agency whose copy its reporters filed: "DENVER (AP) —", while the metadata
        # credits the people alone
        found = Credits(found.authors, lead)
    # where several are credited and the page credits writers, which may name them apart
    several = len(found.authors) >= 2 and bool(byline() or story())
    credited_otherwise = [
        name
        for name in (found.authors if several else ())
        if (_pictured_only(anatomy, name) or _credited_otherwise(anatomy, name))
        and not _shown_as_writer(anatomy, name)
    ]
    if credited_otherwise and len(credited_otherwise) < len(found.authors):
        # a photographer the metadata lists beside the writers, whom the page credits only
        # under a picture ("Tom Gralish / Staff Photographer") or as such ("攝影 張育瑋")
        authors = [name for name in found.authors if name not in credited_otherwise]
        found = Credits(authors, found.publisher)
    if not found.authors and (found.publisher is None or credit.is_organisation(found.publisher)):
        # nobody signed but the site or a desk: a source line or the title may name the
        # agency it ran
        agency = _source_agency(anatomy, language) or _title_agency(anatomy)
        agency = agency or _closing_agency(anatomy, closing_source)
        found = Credits([], agency or found.publisher)
    writers = _wire_lead_writers(anatomy) if not found.authors else []
    if writers:
        # the agency's reporters, whom its lead names before where they filed: "Erkan
        # KIRKPINAR/TRABZON, (DHA)-", where nobody else is credited as an author
        found = Credits(writers, found.publisher or _lead_credit(anatomy))
    return found


def _reordered(names: list[str], shown: list[str]) -> bool:
    """Whether ``shown`` are ``names``, each with its words in another order."""

    def words(name: str) -> list[str]:
        return sorted(name_key(word) for word in name.split())

    def order(name: str) -> list[str]:
        return [name_key(word) for word in name.split()]

    return (
        len(names) == len(shown)
        and list(map(order, names)) != list(map(order, shown))  # not case alone: "Jean DUPONT"
        and all(len(name.split()) >= 2 for name in names)
        and all(words(name) == words(other) for name, other in zip(names, shown, strict=True))
    )


def _respelt(names: list[str], shown: list[str]) -> bool:
    """Whether ``shown`` are ``names`` with the accents they lack ("Ndèye" for "Ndeye"); not
    the other way ("MARIA LOPEZ" for "María López")."""

    def marks(name: str) -> int:
        return sum(unicodedata.combining(ch) > 0 for ch in unicodedata.normalize("NFD", name))

    return (
        len(names) == len(shown)
        and all(
            without_marks(name_key(name)) == without_marks(name_key(other))
            for name, other in zip(names, shown, strict=True)
        )
        and sum(map(marks, shown)) > sum(map(marks, names))
    )


def _and_agency(organisation: str) -> list[str]:
    """An outlet and the agency it credits with it, apart ("Le Monde avec AFP" is Le Monde
    and AFP), or the organisation alone."""
    outlet, *agency = _WITH.split(organisation)
    return [outlet, *agency] if len(agency) == 1 and _listed_agency(agency[0]) else [organisation]


def _login_of(name: str, language: str | None) -> bool:
    """Whether the metadata's name is one word in ASCII letters on a page in a script
    without them, as a CMS's account is ("Ibrahim" on an Arabic page), which no byline there
    writes."""
    primary = (language or "").split("-")[0].lower()
    return (
        primary in _NON_LATIN_LANGUAGES
        and name.isascii()
        and len(name.split()) == 1
        and not name.isupper()  # an agency's initials: "PETRA"
        and not _is_agency(name)
        and not _DOMAIN.match(name)  # the site: "a1plus.am"
    )


#: Languages written in a script other than the Latin alphabet, and only in that script.
_NON_LATIN_LANGUAGES = {
    "ar", "fa", "ur", "ps", "he", "ru", "uk", "bg", "mk", "be", "el", "zh", "ja", "ko", "th",
    "hi", "bn", "ta", "te", "mr", "ne", "si", "my", "km", "lo", "am", "ka", "hy",
}  # fmt: skip


#: A wire lead's credit in brackets after its place and date, then a dash: "NAIROBI, May 17
#: (Xinhua) —".
_LEAD_CREDIT = re.compile(r"^[^()（）]{1,80}?[(（]([^()（）]{1,40})[)）]\s*[-–—]")


def _lead_credit(anatomy: Anatomy) -> str | None:
    """The credit the story's first paragraph gives in a wire lead's brackets."""
    first = anatomy.prose.first
    found = _LEAD_CREDIT.match(_text(first)) if first is not None else None
    return found[1].strip() if found is not None else None


#: A wire lead that names its reporter before the place (and its province in brackets), a
#: slash between: "Erkan KIRKPINAR/TRABZON, (DHA)-", "Mehmet YILMAZ / ANKARA (İHA) -",
#: "Mustafa ÖZTÜRK/ ELBİSTAN (Kahramanmaraş), (DHA)-".
_WIRE_LEAD_WRITER = re.compile(
    r"^(?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,4})\s*/\s*"
    r"(?P<place>[^\W\d_][^\W\d_ .-]*(?:[ .-][^\W\d_]+){0,2})(?:\s*\([^()]{1,30}\))?\s*,?\s*"
    r"[(（](?P<agency>[^()（）]{2,12})[)）]\s*[-–—]"
)


def _wire_lead_writers(anatomy: Anatomy) -> list[str]:
    """The reporters a wire lead names before the place in capitals and the agency's brackets
    (:data:`_WIRE_LEAD_WRITER`), each surname in capitals as the agencies write it, two
    joined by a hyphen: "Mehmet ALTUN-Ayşe KAYA/İZMİR, (DHA)-"."""
    first = anatomy.prose.first
    lead = _WIRE_LEAD_WRITER.match(_text(first)) if first is not None else None
    if lead is None or not lead["place"].isupper() or not _is_agency(lead["agency"]):
        return []
    names = _TURKISH_HYPHEN.sub(", ", lead["name"]).split(", ")
    if all(
        name.split()[-1].isupper() and not name.isupper() and not is_nobody(name) for name in names
    ):
        return names
    return []


def _wire_lead(anatomy: Anatomy) -> bool:
    """Whether the story opens as wire copy does: the place it was filed in capitals before
    the agency's brackets ("DENVER (AP) —", "NAIROBI, May 17 (Xinhua) —"), not a sentence that
    spells out an acronym ("… Advanced Placement (AP) —")."""
    first = anatomy.prose.first
    place = re.split(r"[(（,]", _text(first), maxsplit=1)[0] if first is not None else ""
    return 2 <= len(place.strip()) <= 40 and place.isupper()


#: A line near the headline or closing the story crediting its source: "Kaynak: AA",
#: "Quelle: dpa".
_SOURCE_LINE = re.compile(rf"^(?:{_SOURCE_LABELS})\s*[{_COLONS}]\s*(.{{1,60}})$", re.IGNORECASE)


def _source_agency(anatomy: Anatomy, language: str | None) -> str | None:
    """The news agency a source line near the headline names ("Kaynak: AA", "Quelle: dpa"):
    whose story a site ran while its metadata credits the site itself; not a line in one of a
    run of entries alike, as a live blog credits each entry's sources ("Quelle: dpa /
    Reuters"). The line may be a field of the dateline's ("2022年10月18日09:12 | 来源: 新华社")."""
    for element in anatomy.zone():
        if not _no_longer_than_a_line(element) or _in_media(element):
            continue
        for field in (_text(element), *map(clean_line, line_fields(element))):
            line = _SOURCE_LINE.match(field)
            if line is not None and not _in_entry(anatomy, element):
                agency = next(filter(_is_agency, split_byline(line[1], language)), None)
                if agency is not None:
                    return agency
    return None


#: Words in brackets, full-width or not, that close a line: a headline's "…取りまとめ指示(時事
#: 通信)"; matched from the line's start, a line all in brackets: "(எம்.மனோசித்ரா)", "(AFP)".
_BRACKETED = re.compile(r"[(（]([^()（）]+)[)）]$")
#: A line in lenticular brackets, as Chinese portals set an editor's credit: "【编辑:王琴】".
_LENTICULAR = re.compile(r"【([^【】]+)】")


def _title_agency(anatomy: Anatomy) -> str | None:
    """The news agency a portal names in brackets after the headline in its ``<title>``, before
    its own name, as Japanese portals credit a story's provider: "岸田首相、党改革案の取りまと
    め指示(時事通信) - Yahoo!ニュース". Only an agency of the table: a headline's brackets
    close on other words too ("(VIDEO)")."""
    parts = title_parts(clean_line(anatomy.tree.findtext(".//title") or ""))
    found = _BRACKETED.search(parts[0]) if len(parts) >= 2 else None
    if found is None or not 2 <= len(found[1]) <= 30 or not _known_agency(found[1]):
        return None
    return found[1]


def _closing_agency(anatomy: Anatomy, source: str | None) -> str | None:
    """The news agency named in brackets by the line that closes the story, alone or after the
    paper's name and a slash, as papers sign the wire copy they ran: "(أ ف ب)", "(AFP)",
    "(L'essentiel/AFP)"; or by ``source``, what its closing source line credits
    (:func:`_closing_source`).
    Only an agency of the table: a line in brackets closes stories with other words too
    ("(VIDEO)"), and a source line names the office a story quotes too ("Izvor: MUP")."""
    last = anatomy.prose.last
    if last is None:
        return None
    agency = next(filter(_known_agency, split_byline(source)), None) if source else None
    if agency is not None:
        return agency
    closing = next(
        (line for line in last.itersiblings() if isinstance(line.tag, str) and _text(line)), None
    )
    found = _BRACKETED.match(_text(closing)) if closing is not None else None
    if found is None:
        return None
    # or after the paper's name and a slash: "(L'essentiel/AFP)", not a picture's "(Foto/AFP)"
    source, _, agency = found[1].rpartition("/")
    if source and _OTHER_CREDIT.match(f"{source.strip()}:"):
        return None
    return agency.strip() if _known_agency(agency) else None


def _closing_source(anatomy: Anatomy) -> str | None:
    """What the source line closing the story credits, as its last line or a line set after it
    or its block: "Source : Le Républicain", "Πηγή: ΑΠΕ-ΜΠΕ", "<div class='story-source'>Извор:
    Танјуг</div>"."""
    last = anatomy.prose.last
    for line in [last, *_closing_lines(anatomy)] if last is not None else []:
        found = _SOURCE_LINE.match(_text(line)) if _no_longer_than_a_line(line) else None
        if found is not None and not _in_entry(anatomy, line):
            return found[1]  # (not a live blog entry's: "Quelle: dpa")
    return None


def _source_not_agency(text: str) -> bool:
    """Whether a line credits a source that is no news agency, the paper a story came from or
    an office: "Source : Le Républicain" under its writer's signature; where "Fuente:
    Colprensa" closes an agency's copy, its last line in bold may be a quote's speaker."""
    found = _SOURCE_LINE.match(text)
    return found is not None and not _known_agency(found[1])


def _in_entry(anatomy: Anatomy, element: HtmlElement) -> bool:
    """Inside one of a run of parts alike below the headline (:func:`_alike`): a live blog's
    entries, not the story itself."""
    headline = anatomy.headline
    story = set(headline.iterancestors()) if headline is not None else set()
    for node in element.iterancestors():
        if node in story:
            return False
        if len(_alike(node)) > 1:
            return True
    return False


#: Where :func:`credits` reads the visible byline: the sources before it are metadata.
_FIRST_VISIBLE_SOURCE = 4
#: Where it reads the story's own credit line (:func:`story_credit`).
_STORY_CREDIT_SOURCE = 5


def _and_words(language: str | None) -> str:
    """ "and" in English and in ``language`` (:data:`CONJUNCTIONS`), as alternatives; Hausa's
    only before a full name, as "da" also opens a surname ("Mariana da Silva") and "da ke"
    means "who is in"."""
    primary = (language or "").split("-")[0].lower()
    if primary == "ha":
        return r"and|da(?=\s+(?-i:[A-ZƁƊƘƳ])\w*\s+(?-i:[A-ZƁƊƘƳ]))"
    words = CONJUNCTIONS.get(primary, "")
    return "and" + (f"|{words}" if words else "")


def _joined(raw: list[str], language: str | None) -> bool:
    """Whether a byline names several people: in elements of their own, or joined by "and",
    "with" or a sign (or Arabic's "و" joined to a given name: "نورا عبد الله ومنى ربيع"), or
    CJK names a space apart ("김민수 박지영 기자");
    names after a comma may be where it was filed ("Jane Doe, New York")."""
    joined = re.compile(rf"\s(?:{_and_words(language)})\s|[&、·•+＋;]", re.IGNORECASE)
    return len(raw) > 1 or any(
        joined.search(text)
        or _WITH.search(text)
        or _ARABIC_AND.search(text)
        or (_WIDE.search(text) and len(split_byline(text, language)) > 1)  # "김민수 박지영 기자"
        for text in raw
    )


def _shortened(names: list[str], before: list[str]) -> bool:
    """Whether ``names`` is the one name of ``before`` less words a CMS's field kept after it,
    as the page shows it: "Amber Peabody" for "Amber Peabody Enterprise" (of "… Enterprise
    Staff Writer"), "Wilmer Leon" for "Wilmer Leon. Sputnik International"."""
    if len(names) != 1 or len(before) != 1:
        return False
    words, longer = ([w.strip(".,;:") for w in n.casefold().split()] for n in (names[0], before[0]))
    return 2 <= len(words) < len(longer) and longer[: len(words)] == words


def _names_more(names: list[str], before: list[str]) -> bool:
    """Whether ``names`` hold every one of ``before`` and more, each other one a full name
    (a single word beside a name is a place or a desk more often than a person) that holds
    none of them ("Email Matt Birney" is a link beside the byline)."""
    folded = {name.casefold() for name in names}
    known = {name.casefold() for name in before}
    others = [name.casefold() for name in names if name.casefold() not in known]
    return known < folded and all(
        (" " in name or _WIDE.search(name)) and not any(k in name for k in known) for name in others
    )


#: Credits CJK, Urdu and Arabic newsrooms set in the story's own text: a wire lead's
#: reporters in brackets after its dateline ("新华社北京5月17日电", then "记者王希、张辛欣"), or
#: opening it in brackets with where they filed ("記者林志怡", then "台北報導"), a line
#: "文/广州日报记者 龙锟 通讯员 …" or, as portals credit a story they ran, "来源: 杭州日报 记者
#: 陈洁 通讯员 …", an agency's dateline opening it ("(中央社記者陳怡君台北17日電)": the
#: name then where it was filed), a last line, or the end of the last paragraph, "【阿部亮介、
#: 奥山はるな】" (with the place of a
#: correspondent: "【ワシントン秋山信一】"), a lead opening with the place, an equals sign
#: and the name in those brackets ("ワシントン", "中根圭一"), unless a wire filed it ("共同"),
#: an Urdu lead opening with the place and the reporter in brackets ("کراچی (عامر الیاس)"),
#: a name in round brackets after a paragraph's last sentence or on a line of its own
#: ("…予定。(中村由美)"), a Korean wire's lead ("(서울=연합뉴스) 김민수 기자 = …") or last
#: line of reporters and an address ("박상우·정민지 기자 park@jmnet.kr"), an Arabic lead
#: naming its writer after "wrote" between dashes ("عمون - كتب أحمد الزعبي - …"), and a
#: Taiwanese reporter's line of its own opening the story ("記者黃哲民/台北報導").
#: Wires a Japanese lead or byline names after the place and an equals sign ("東京=共同").
_JA_WIRES = r"(?!共同|時事|ロイター|ブルームバーグ|新華社|聯合|AP|AFP)"
#: Places of three characters or more a Taiwanese agency files from, which a dateline writes
#: right after its reporter's name: "林愷" before "新北市", not "林愷新" before "北市".
_LONG_FILING_PLACES = (
    "(?:(?:[臺台]北|新北|桃園|[臺台]中|[臺台]南|高雄|基隆|新竹|苗栗|彰化|南投|雲林|嘉義|屏東|宜蘭"
    "|花蓮|[臺台]東|澎湖|金門|連江)[市縣]|華盛頓|舊金山|洛杉磯|芝加哥|休士頓|西雅圖|多倫多"
    "|溫哥華|布魯塞爾|新加坡|吉隆坡|雅加達|馬尼拉|胡志明市|莫斯科|耶路撒冷|約翰尼斯堡|墨爾本)"
)
#: An Urdu or Sindhi lead's place, then its reporter in brackets (:data:`_STORY_CREDITS`).
_PLACE_AND_BRACKETED_REPORTER = re.compile(
    r"^[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+)?\s*\("
    r"(?!نمائندہ|خبر\s*ایجنسی|ایجنسیاں|اے\s*پی\s*پی|آئی\s*این\s*پی|این\s*این\s*آئی|ثناء|"
    r"آن\s*لائن|اسٹاف|اسٽاف|خصوصی|نمائندي|"
    r"[^)/]*(?:رپورٹر|رپورٹ|رپورٽر|نیوز|نيوز|ڈیسک|ڊيسڪ|ايجنسي|نامہ\s*نگار|وقائع\s*نگار|اے\s*ایف\s*پی|رائٹرز))"
    r"([\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+){1,2})(?:\s*/[^()]{1,30})?\)"
    # not the subject of the lead's sentence: "لاہور (… / ترجمان …) نے کہا"
    r"(?!\s*نے)"
)
_STORY_CREDITS: dict[str, tuple[re.Pattern[str], ...]] = {
    "zh": (
        re.compile(
            # not a column's name: "【記者手記】", "【记者观察】", nor a caption's photographer:
            # "(記者王藝菘攝)"
            r"^[^（(〔【]{0,30}[（(〔【](?:本报|本報)?(?:记者|記者)(?!手[記记]|[觀观]察|[會会节節])"
            r"(?![^）)〕】]*(?<![文/／、])[攝摄]影?[）)〕】])"
            # less the text's own credit before its photos': "张三 文/摄"
            r"\s*([^）)〕】／/]{2,30}?)(?:\s*文)?(?:[／/][^）)〕】]{0,12})?[）)〕】]"
        ),
        re.compile(
            r"^\s*(?:文\s*[/／]\s*(?:\S*?记者\s*)?|(?:来源\s*[:：]\s*)?\S{0,12}?\s?记者\s*)"
            r"(\S{2,4}(?:[、，,\s]+\S{2,4})*?)"
            r"(?=\s+(?:通讯员|实习生|图\s*[/／]|摄影|编辑)|\s*$)"
        ),
        re.compile(
            r"^[（(](?:[\u4e00-\u9fff]{1,8}?[社台])?[記记]者"
            r"((?:(?:[\u4e00-\u9fff]{3}|[\u4e00-\u9fff]{2})、)*"
            rf"(?:[\u4e00-\u9fff]{{2}}(?={_LONG_FILING_PLACES})|[\u4e00-\u9fff]{{3}}|[\u4e00-\u9fff]{{2}}))"
            r"[\u4e00-\u9fff]{2,6}\d{1,2}日(?:專|专)?[電电]"
        ),
        # a Taiwanese paper's line of its own opening the story: "記者黃哲民/台北報導"
        re.compile(
            r"^\s*[記记]者\s*((?:[\u4e00-\u9fff]{2,4}[、，,])*[\u4e00-\u9fff]{2,4})\s*[／/]"
            r"\s*[\u4e00-\u9fff]{1,8}(?:報導|报道|报导)\s*$"
        ),
    ),
    "ja": (
        # (U+3005 repeats a kanji: "佐々木")
        re.compile(
            r"^(?:.*。)?\s*【[\u30a0-\u30ff]*([\u3040-\u30ff\u3005\u4e00-\u9fff、]{2,40})】\s*$"
        ),
        re.compile(
            rf"^\s*【[^＝=】]{{1,12}}[＝=]{_JA_WIRES}"
            r"([\u3040-\u30ff\u3005\u4e00-\u9fff、・]{2,20})】"
        ),
        # a paper's reporters in brackets after the last sentence, or on a line of their own,
        # after their rank or their bureau, before "reporter": "…予定。(中村由美)",
        # "…方針だ。(佐藤達弥、福地慶太郎)", "…出ている。(編集委員・山本大輔、松井玲奈)",
        # "(石巻総局・菅原彩花)", "(北海道支局 佐々木恵 記者)", and an interview's interviewer,
        # who writes it: "(聞き手は佐藤健太)"
        re.compile(
            r"^(?:.*。)?\s*[（(]"
            r"(?:聞き手[は・]\s*"
            r"|[\u3005\u4e00-\u9fff]{0,4}(?:委員|記者|部長|次長|特派員|支局長|編集長|総局|支局|部)・"
            r"|[\u3005\u4e00-\u9fff]{0,4}(?:支局|総局|特派員|編集委員|支局長)\s+"
            # a desk of two characters or more before 部 ("社会部 山田太郎"; "阿部 亮介" is a name)
            r"|[\u3005\u4e00-\u9fff]{2,4}部\s+)?"
            r"([\u3005\u4e00-\u9fff]{1,3}\s?[\u3005\u4e00-\u9fff]{1,3}"
            r"(?:、[\u3005\u4e00-\u9fff]{1,3}\s?[\u3005\u4e00-\u9fff]{1,3}){0,3})(?<!記者)"
            r"(?:\s?記者)?[）)]\s*$"
        ),
    ),
    "ar": (
        # the outlet or the place, "wrote" and the writer between dashes opening the story:
        # "عمون - كتب أحمد الزعبي - تبدأ …"
        re.compile(
            r"^[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+)?\s*[-–—ـ]\s*كتبت?\s+"
            r"([\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+){1,2})\s*[-–—ـ]"
        ),
    ),
    # the place, then the reporter in brackets opening the story, with their role after a
    # slash or not: "کراچی (عامر الیاس)", "اسلام آباد(عمران ستار/نامہ نگار خصوصی)", Sindhi's
    # "لاڙڪاڻو (علي حسن ميمڻ)"; not a staff credit ("نمائندہ جنگ", "اسٹاف رپورٹر"), a report's
    # kind ("خصوصی رپورٹ") or a wire ("اے پی پی", "آن لائن", "جنگ نیوز")
    "ur": (_PLACE_AND_BRACKETED_REPORTER,),
    "sd": (_PLACE_AND_BRACKETED_REPORTER,),
    # and Punjabi's after the place and the day, before a dash: "ਫ਼ਿਰੋਜ਼ਪੁਰ, 19 ਅਕਤੂਬਰ (ਗੁਰਿੰਦਰ
    # ਸਿੰਘ)-", not a correspondent's credit ("ਪੱਤਰ ਪ੍ਰੇਰਕ") nor an agency's
    "pa": (
        re.compile(
            r"^[\u0a00-\u0a7f]+(?:\s[\u0a00-\u0a7f]+)?,\s*[\d\u0a66-\u0a6f]{1,2}\s+[\u0a00-\u0a7f]+"
            r"\s*\((?![^)]*(?:ਪੱਤਰ|ਪ੍ਰੇਰਕ|ਏਜੰਸੀ|ਬਿਊਰੋ|ਸਟਾਫ|ਰਿਪੋਰਟਰ|ਡੈਸਕ|ਸਾਡੇ|ਨਿਊਜ਼|ਸਰਵਿਸ|ਪ੍ਰਤੀਨਿਧ))"
            r"([\u0a00-\u0a7f]+(?:\s[\u0a00-\u0a7f]+){1,2})\)\s*[-–—]"
        ),
    ),
    "ko": (
        # a wire's lead, or a paper's, naming the reporters after where and for whom they
        # filed: "(서울=연합뉴스) 김민수 기자 = 서울 지하철…"
        re.compile(
            r"^\s*[(\[][가-힣]{1,8}\s*=\s*[\w가-힣]{2,10}[)\]]\s*"
            r"((?:[가-힣]{2,4}(?:\s*[·,]\s*|\s+)(?!(?:선임|수석|전문)?(?:기자|특파원)))*"
            r"[가-힣]{2,4})\s*(?:선임|수석|전문)?(?:기자|특파원)\s*="
        ),
        # a last line naming the reporters, then an address: "박상우·정민지 기자 park@jmnet.kr",
        # which a slash may open ("/박은지 기자 ej@kwangju.co.kr")
        re.compile(
            r"^\s*/?\s*((?:[가-힣]{2,4}\s*[·,、]\s*)*[가-힣]{2,4})\s*(?:선임|수석|전문)?(?:기자|특파원)"
            rf"(?:\s*{_EMAIL.pattern})?\s*$"
        ),
    ),
}
#: How many lines at the end of a story set between <br>s may each credit a reporter.
_CLOSING_LINES = 4
#: Words of a bracketed line that is a heading or a note, not a name: "【関連記事】",
#: "【写真特集】", "(敬称略)" (honorifics left out), "(肩書は当時)".
_NOT_CREDIT = re.compile(
    "記事|関連|写真|動画|速報|特集|ニュース|更新|解説|詳報|敬称略|当時|要旨|抜粋|本社|"
    "支局(?!・)|総局(?!・)|庁|委員"  # but a bureau before its reporter: "金沢支局・山口あずさ"
)


def story_credit(anatomy: Anatomy, language: str | None = None, host: str = "") -> Iterator[str]:
    """The names a credit line in the story's own text gives: where Chinese and Japanese
    newsrooms set it (:data:`_STORY_CREDITS`), a name alone in bold, with at most a role, on
    the story's first line or a line at its end, a name alone in brackets opening it
    (:func:`_bracketed_name`), an author's field among others closing it (a portal's
    "本文来自网易号 …, 作者: 张晓燕, 编辑: 王磊"), or a byline line
    (:func:`_byline_line`) set as its first or, opening with a label and a colon, at its end
    ("Текст: Светлана Рейтер, Фото: Евгений Фельдман"), or among the lines of text set loose
    after it (:func:`_lines_after`); a labelled line at its end may be set in brackets ("(By
    Teng Pei-ju and Ko Lin)"), and a block closing it may set its credits as paragraphs, the
    writers' first ("<p>Story by …</p><p>Edited by …</p>"), or, after the block of its
    paragraphs, each writer's name in bold over their own e-mail address (:func:`_mailed_names`).
    The story's opening is read from the paragraphs before the block that holds the rest of it
    (a paywall's), and above the picture opening it; its end above a legal notice ("Dilarang
    keras mengambil konten…", "Copyright …"); and a line after it may name one reporter on
    each of its lines ("김철수기자 …<br>이영희기자 …"). ``host`` is the site's, whose domain a
    signature may stand over (the page's own URL's when not given)."""
    patterns = _STORY_CREDITS.get((language or "").split("-")[0].lower(), ())
    first, last = anatomy.prose.first, anatomy.prose.last
    if first is None or last is None:
        return
    before = first.getprevious()
    holder = first.getparent()
    if before is None and holder is not None:
        # the story's opening paragraphs before the block that holds the rest of it (a
        # paywall's: "<p>…【島田信幸】</p><p>…</p><div class='paywall'><p>…"): its lead
        leads = list(
            itertools.takewhile(lambda e: e.tag == "p", holder.itersiblings(preceding=True))
        )
        before = leads[-1] if leads else None
    if before is not None and before.tag == "figure":
        # the opening's picture between the byline and the story: "<p><strong>By Rohan Mehta,
        # CalMatters</strong></p><figure>…</figure><p>…"
        before = before.getprevious()
    for _ in range(2):
        # a picture and its caption, the original headline, or a promotion's links, set as
        # the story's first paragraph: the story opens after it
        following = first.getnext()
        if following is None or not (_BEFORE_STORY.search(_text(first)) or _promotion(first)):
            break
        before, first = first, following
    closing_text = _text(last)
    notice = len(closing_text) <= _NOTICE_CHARS and _LEGAL_NOTICE.match(closing_text) is not None
    # (not a writer by their role: "Source: Jane Doe, Contributor")
    source = _source_not_agency(closing_text) and not _labelled_byline(closing_text, language)
    if _OTHER_CREDIT.match(closing_text) or notice or source:
        # a credit for other work closing the story, under its writer's signature ("<p><b>Елена
        # Смирнова</b></p><p><i>Фото: пресс-служба …</i></p>"), the paper it came from
        # ("Source : Le Républicain") or a legal notice ("Dilarang keras mengambil konten…"
        # under "Pewarta: …"): the story ends above it
        above = next((line for line in last.itersiblings(preceding=True) if _text(line)), None)
        last = above if above is not None else last
    # a story set as lines between <br>s, its reporters each on a line of their own at its end:
    # "김도현 기자 dohyun@donga.com<br>정수빈 기자 soobin@donga.com"
    reporters: list[str] = []
    for text in reversed(_lines(last)[-_CLOSING_LINES:] if last.find("br") is not None else []):
        reporter = _story_credit_of(text, patterns)
        if reporter is None:
            break
        reporters.insert(0, reporter)
    if reporters:
        yield from reporters
        return
    for text in _lines_after(last)[:_CLOSING_LINES]:
        if _LABELLED_LINE.match(text):
            names = split_byline(text, language)
            if names:
                yield from names  # Bitrix's fields after the story: "Автор:&nbsp;Сергей Лукин"
                return
    closing = [last, *last.itersiblings()]
    if len(closing) == 1 or (notice and len(closing) == 2):
        # the story's last paragraph (or a legal notice under it) ends its block: a signature
        # set to the right may follow the block ("<div class='fck_detail'>…<p>…</p></div><p
        # style='text-align:right'>
        # <strong>Võ Hải - Đức Minh</strong></p>"), where a heading of related stories may too
        block = last.getparent()
        after = block.getnext() if block is not None else None
        closing += [after] if after is not None and _right_aligned(after) else []
        mailed = _mailed_names(after) if after is not None and isinstance(after.tag, str) else []
        # (not the contacts a press release's last line points to: "kontakta kommunens …")
        if mailed and not _CONTACT_POINTER.search(_text(last)):
            yield from mailed  # "<font><b>Per Ekström</b><br><a href='mailto:…'>…</a></font>"
            return
    inner = last[-1] if len(last) and last.find("br") is not None else None
    if (
        inner is not None
        and isinstance(inner.tag, str)
        and _right_aligned(inner)
        and not (inner.tail or "").strip()
    ):
        # a signature set to the right closing a body of <br> lines, inside it: "…<br><br><p
        # align='right'><b>Виктор СЕМЁНОВ.</b><br><i>Фото автора.</i></p></font>"
        closing.insert(1, inner)
    above = before.getprevious() if before is not None else None
    role = _text(before) if above is not None and _bold_under_no_picture(above) else ""
    if role and _ROLE_ONLY.match(role) and role in _bold_texts(before):
        # the name and the role set in bold as two paragraphs of their own over the story
        # ("<p><strong>Blessings Chidakwa</strong></p><p><strong>Senior Reporter</strong></p>")
        name = _bold_name(above, language, closing=False, role=role)
        if name is not None:
            yield name
            return
    lines = [first, *([before] if before is not None else []), *closing][:6]
    host = host or urlsplit(anatomy.url).hostname or ""
    for line in lines:
        if not isinstance(line.tag, str) or anatomy.in_box(line):
            continue
        text = _text(line)
        if _outlet_reporters(text):
            yield text  # "澎湃新闻记者 陈伟 实习生 张悦", "采写:南都记者 陈秋圆 通讯员 黄小凤 林舒"
            return
        bracket = _CJK_LEAD_BRACKET.match(text) if line is first else None
        if bracket is not None and _outlet_reporters(bracket[1]):
            yield bracket[1]  # "【环球时报驻美国特约记者 张远 环球时报记者 李倩】美国…"
            return
        credited = _story_credit_of(text, patterns)
        if credited is not None:
            yield credited
            return
        # a line for each reporter after the story: "김철수기자 chulsoo@…<br>이영희기자 …"
        each = [_story_credit_of(part, patterns) for part in _lines(line)]
        if line is not first and len(each) > 1 and all(each):
            yield from filter(None, each)
            return
        opening = line is first or line is before
        if line is last and len(text) <= LINE_CHARS and _marked_byline(line):
            # the story's last paragraph, classed as its byline ("<p class='byline'>佐藤
            # 誠一/Webオリジナル</p>")
            labelled = _labelled_brackets(text)
            names = (
                [_DESK_CODE.sub("", labelled[1], count=1)]
                if labelled is not None
                else _marked_names(line, language)
            )
            if names:
                yield from names
                return
        name = _bracketed_name(text) if opening else None
        name = name or _bold_name(line, language, closing=not opening, site=host)
        if name is not None:
            if not opening:
                yield from _co_signer(line, name, language)
            yield name
            return
        # a wire signs off in brackets, on a line of their own or closing the last paragraph
        # with a label: "(By Teng Pei-ju and Ko Lin)", "… AGERPRES (autor: Cristina Stan,
        # editor: Mariana Ionescu)"
        bracketed = None if opening else _BRACKETED.match(text) or _labelled_brackets(text)
        signed = _DESK_CODE.sub("", bracketed[1], count=1) if bracketed is not None else text
        # the first of a closing block's credits, each a paragraph: "<div><p>Story by …</p>
        # <p>Edited by …</p></div>"
        credits_apart = [] if opening else [part for part in line if part.tag in ("p", "div")]
        if len(credits_apart) >= 2:
            signed = _text(credits_apart[0])
        if not opening and _labelled_byline(signed, language):
            yield signed
            return
        dated = None if opening else _dated_signature(text)
        if dated is not None:
            yield dated  # "… (Andrea Heigl, DER STANDARD-Printausgabe, 27.10.2009)"
            return
        field = None if opening else _CJK_AUTHOR_FIELD.search(text)
        if field is not None and len(text) <= LINE_CHARS:
            # a portal's last line: "本文来自网易号“新京报”, 作者: 张晓燕, 编辑: 王磊"
            yield field[1]
            return
        # a byline line set as the story's first, or a labelled one closing it ("Текст: …")
        if opening or _LABELLED_LINE.match(text):
            for part in (line, *line.iterchildren()):
                names = _byline_line(part, _text(part), language) if part.tag in _LINE_TAGS else []
                if names:
                    yield from names
                    return


#: The most characters of a legal notice closing a story.
_NOTICE_CHARS = 400
#: A legal notice closing a story, by its first words: its copyright, or a ban on copying it.
_LEGAL_NOTICE = re.compile(
    r"\s*(?:copyright|©|all rights reserved|dilarang keras|hak cipta|derechos reservados|"
    r"tous droits|alle rechte|todos os direitos|tutti i diritti)",
    re.IGNORECASE,
)


def _story_credit_of(text: str, patterns: Sequence[re.Pattern[str]]) -> str | None:
    """The names the first of ``patterns`` to match ``text`` gives, but a heading's or a note's
    (:data:`_NOT_CREDIT`)."""
    found = next(filter(None, (pattern.match(text) for pattern in patterns)), None)
    return found[1] if found is not None and not _NOT_CREDIT.search(found[1]) else None


def _lines_after(last: HtmlElement) -> list[str]:
    """The lines of text set loose after the story's last paragraph in its block, between
    ``<br>``s, up to the next element with text of its own: where 1C-Bitrix's template lists a
    story's fields ("Автор:&nbsp;Сергей Лукин<br>Источник:&nbsp;«Тульские известия»<br>")."""
    lines, line = [], [last.tail or ""]
    for sibling in last.itersiblings():
        if isinstance(sibling.tag, str) and sibling.tag != "br" and _text(sibling):
            break
        if sibling.tag == "br":
            lines.append("".join(line))
            line = []
        line.append(sibling.tail or "")
    lines.append("".join(line))
    return [text for text in map(clean_line, lines) if text]


#: Brackets closing a story: "… (Andrea Heigl, DER STANDARD-Printausgabe, 27.10.2009)".
_CLOSING_BRACKETS = re.compile(r"\(([^()]{3,160})\)\s*$")
#: A paper's edition: "DER STANDARD-Printausgabe", "Print-Ausgabe", "print edition".
_EDITION = re.compile(r"print|ausgabe|edition", re.IGNORECASE)
#: A day written in numbers alone: "27.10.2009".
_NUMBERED_DAY = re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}")


def _dated_signature(text: str) -> str | None:
    """The writer that brackets closing the story name before the paper and the day it ran,
    as Austrian papers signed their stories: "(Andrea Heigl, DER STANDARD-Printausgabe,
    27.10.2009)", "(Florian Gmeiner, derStandard.at, 14.2.2013)"; a full name of capitalised
    words, no outlet ("(Kleine Zeitung, Printausgabe, 27.10.2009)"), a paper, its domain or
    its edition between, and the day alone last ("(Ernst Strasser, Pressekonferenz am
    27.10.2009)" quotes a source)."""
    found = _CLOSING_BRACKETS.search(text)
    parts = [part.strip() for part in found[1].split(",")] if found is not None else []
    if len(parts) < 3 or not _NUMBERED_DAY.fullmatch(parts[-1]):
        return None
    if not any(
        _names_an_outlet(part) or _EDITION.search(part) or _DOMAIN.match(part)
        for part in parts[1:-1]
    ):
        return None  # "(Oberster Gerichtshof, Urteil, 27.10.2009)": no paper
    name = parts[0]
    words = name.split()
    if (
        2 <= len(words) <= 4
        and all(map(_name_word, words))
        and not is_nobody(name)
        and not _names_an_outlet(name)
    ):
        return name
    return None


#: A paragraph Chinese papers and portals set before the story's own first: a picture's
#: caption, which ends with its photographer's credit ("新华社发(王晨 摄)", "澎湃新闻记者 陈斌
#: 图", "新京报记者 王飞 摄"), or the headline the story first ran under ("原标题: …").
_BEFORE_STORY = re.compile(r"(?:[（(][^（）()]{0,20}[摄攝][）)]|\s[图摄攝])\s*$|^\s*原标题\s*[:：]")


def _promotion(paragraph: HtmlElement) -> bool:
    """Whether a paragraph holds a picture, or links and no sentence, as a promotion of the
    site's app does ("不用抽 不用搶 現在用APP看新聞 … <a>點我下載APP</a>")."""
    if paragraph.find(".//img") is not None:
        return True
    return paragraph.find(".//a") is not None and not re.search(r"[.。!?！？]", _text(paragraph))


def _labelled_brackets(text: str) -> re.Match[str] | None:
    """The brackets closing a paragraph that open with a credit's label and a colon, after a
    desk's code at most ("AGERPRES/(A - autor: …, editor: …)")."""
    found = _BRACKETED.search(text)
    if found is None:
        return None
    return found if _LABELLED_LINE.match(_DESK_CODE.sub("", found[1], count=1)) else None


#: A desk's code of a capital or a few and a dash, before the credits in a wire's brackets.
_DESK_CODE = re.compile(r"^[A-Z]{1,3}\s*[-–]\s*(?=\w)")


def _labelled_byline(text: str, language: str | None) -> bool:
    """A short line of the story's own text that opens with a label (or a byline's little
    word: "Na Vitalis Kimutai") and names only people, each by two to four capitalised words,
    as wire copy and some papers sign a story at its end ("BY KIM JI-YOUNG, PARK SANG-WOO
    [kim.jiyoung@joongang.co.kr]", "Reporting by Maria Martinez; Writing by Miranda Murray;
    Editing by …") or its start ("By Johnbosco Agbakwuru, Abuja"); a sentence that opens with
    "By" ("By Tuesday, prices had fallen") names nobody."""
    if len(text) > LINE_CHARS or not (_BYLINE_LINE.match(text) or _particle_byline(text, language)):
        return False
    names = split_byline(text, language)
    return bool(names) and all(
        2 <= len(name.split()) <= 4
        and all(word[0].isupper() or word in _NAME_PARTICLES for word in name.split())
        and not is_nobody(name)
        for name in names
    )


def _opening_byline(anatomy: Anatomy, language: str | None) -> str | None:
    """The story's first line, when it is a byline of people (:func:`_labelled_byline`) set
    as a paragraph of its text, of one line, which no class marks as the page's byline."""
    first = anatomy.prose.first
    if first is None:
        return None
    for line in (first, first.getprevious()):
        if line is None or line.tag != first.tag or anatomy.in_box(line):
            continue
        marks = " ".join(f"{node.get('class', '')} {node.get('id', '')}" for node in line.iter())
        text = _text(line)
        if (
            not (_BYLINE_MARKS.search(marks) or _BY_MARK.search(marks))
            and len(_lines(line)) == 1
            and _labelled_byline(text, language)
        ):
            return text
    return None


def _bold_capitals_line(anatomy: Anatomy, language: str | None, credited: list[str]) -> str | None:
    """The story's first line when it is only names in capitals set in bold, two or more
    joined or one with where it was filed after a comma or a line break, as papers in Africa
    and in Portuguese set a byline ("<p><strong>FLÁVIO NHANCALE e CÉLIA MATSINHE</strong></p>",
    "CHITALU MWEWA and JOSEPH MWANZA, Kabwe", "MWILA CHOLA<br>Lusaka"). One phrase in capitals
    alone may be a heading. Only where the metadata credits one of those names or the site
    alone (``credited``), and where the story never names them again: a wedding's couple, an
    obituary's dead, two teams or a ministry are what the story is about."""
    first = anatomy.prose.first
    if first is None:
        return None
    for line in (first, first.getprevious()):
        if line is None or not isinstance(line.tag, str) or anatomy.in_box(line):
            continue
        text = _text(line)
        if _bold_texts(line) != [text] or next(line.iter("strong", "b"), None) is None:
            continue
        lines = _lines(line)
        # or on the next line: "<strong>MWILA CHOLA<br>Lusaka</strong>"
        byline = ", ".join(lines) if len(lines) == 2 else text
        names, comma, place = byline.rpartition(", ")
        placed = bool(comma) and _ONE_WORD_PLACE.fullmatch(place) is not None
        # "LUSAKA, ZAMBIA" is a dateline, "NEW YORK, Reuters" a wire's, "CARSON CITY, Nev." too
        placed = placed and not (place.isupper() or _is_agency(place) or place.endswith("."))
        names = names if placed else byline
        people = split_byline(names, language)
        words = {word.casefold() for name in people for word in name.split()}
        keys = {name_key(name) for name in people}
        if not (
            people
            and all(name.isupper() for name in people)
            and (len(people) >= 2 or placed)
            and all(2 <= len(name.split()) <= 4 and not is_nobody(name) for name in people)
            and not words & (_NOT_NAME_WORDS | _PHRASE_WORDS)
            and not any(_institution(name) or _ROLE_PART.search(name) for name in people)
            and not any(map(_names_an_outlet, people))
            and all(name_key(name) in keys for name in credited)
        ):
            continue
        container = anatomy.prose.container if anatomy.prose.container is not None else first
        rest = _text(container).casefold().replace(text.casefold(), " ", 1)
        if not any(_named_again(rest, name) for name in people):
            return byline
    return None


def _co_signer(line: HtmlElement, name: str, language: str | None) -> list[str]:
    """The writer who signs in the paragraph above a closing signature, alike: each name in
    bold, its surname in capitals ("<p><strong>Massa SIDIBÉ</strong></p><p><strong>Amadou
    GUÉGUÉRÉ</strong></p>")."""
    above = line.getprevious()
    if above is None or above.tag != line.tag or not _capital_surname(name):
        return []
    if _bold_texts(above) != [_text(above)] or next(above.iter("strong", "b"), None) is None:
        return []
    other = _text(above)
    shaped = _capital_surname(other) and 2 <= len(other.split()) <= 4
    return [other] if shaped and not is_nobody(other) and split_byline(other, language) else []


def _institution(name: str) -> bool:
    """Whether a name holds a word of an institution's or an office's name."""
    return any(word.casefold() in _INSTITUTION_WORDS for word in re.split(r"[\s-]+", name))


def _named_again(text: str, name: str) -> bool:
    """Whether ``text`` (case-folded) names the person again, by their last name."""
    last = name.split()[-1].casefold()
    return re.search(rf"(?<!\w){re.escape(last)}(?!\w)", text) is not None


#: Words of an institution's or an office's name, which a line in capitals may give as its
#: credit or its subject, never a person's: "MINISTRY OF HEALTH AND CHILD CARE",
#: "ASSESSORIA DE IMPRENSA", "Publicado el … por Comunicación Social".
_INSTITUTION_WORDS = {
    "ministry", "ministère", "ministerio", "ministério", "ministero", "secretaría", "secretaria",
    "department", "departamento", "office", "oficina", "ufficio", "council", "conseil",
    "consejo", "assembly", "assemblée", "asamblea", "municipality", "municipalidad",
    "prefeitura", "ayuntamiento", "comune", "gemeinde", "mairie", "government", "gobierno",
    "governo", "gouvernement", "comunicación", "comunicação", "comunicazione",
    "communication", "communications", "prensa", "imprensa", "stampa", "presse", "assessoria",
    "ascom", "coordinación", "coordenação", "pressewart", "pressestelle", "club",
    "association", "asociación", "associação", "associazione", "verein", "police", "policía",
    "polícia", "polizia", "polizei", "пресс-служба", "администрации", "администрация",
}  # fmt: skip
#: Words in capitals of an institution's, a subject's or a club's name, never a person's:
#: "MINISTRY OF FINANCE", "THE BAND", "NKANA FC".
_PHRASE_WORDS = {
    "of", "the", "for", "du", "des", "à", "au", "aux",
    "fc", "sc", "afc", "cf", "united", "rovers", "wanderers", "athletic",
}  # fmt: skip


def _labelled_bold_line(anatomy: Anatomy, language: str | None) -> str | None:
    """A line opening or closing the story that is a name in bold after a byline's label, which
    credits its writer more surely than a CMS's author field: "<b>Ni Jocelyn Ramos</b>",
    "<strong>በአልማዝ አየነ</strong>" (Amharic's "by" as the name's first letter)."""
    first, last = anatomy.prose.first, anatomy.prose.last
    if first is None or last is None:
        return None
    # the last line, or the one after it or before it (before a line promoting the site)
    opening = (first, first.getprevious())
    closing = tuple(
        line for line in (last, last.getnext(), last.getprevious()) if line not in opening
    )
    for line in (*opening, *closing):
        if line is None or not isinstance(line.tag, str) or anatomy.in_box(line):
            continue
        text = _text(line)
        labelled = _strip_label(text, language)
        if _EDITOR_LABEL.match(text):
            continue  # "Редактор: …" closing a story credits its editor
        if labelled != text and _bold_name(line, language, closing=line in closing) == labelled:
            return text
    return None


#: Words of a bold or bracketed line that is a heading, a section's title or a call to action,
#: not a name.
_NOT_NAME_WORDS = {
    "news", "breaking", "related", "read", "more", "also", "see", "watch", "video", "photo",
    "photos", "advertisement", "update", "updates", "live", "share", "comments", "editor's",
    "note", "subscribe", "newsletter", "sponsored", "opinion", "analysis", "column",
    "commentary", "top", "stories", "story", "today", "latest", "trending", "popular",
    "headlines", "recommended", "follow", "join", "sign", "download", "click", "here", "now",
    "updated", "happy", "year", "safe", "everyone", "thanks", "thank", "you", "morning",
    "evening", "night", "weekend", "end", "image", "content", "release",
    # what a line in brackets opening a story says of it: "(Exclusive Interview)", "(With
    # Inputs)", "(Nota Actualizada)", "(فيديو)", "(फाइल फोटो)"
    "exclusive", "interview", "feature", "advertorial", "with", "inputs", "letter", "editor",
    "nota", "actualizada", "file", "خاص", "فيديو", "ویڈیو", "फाइल", "फोटो", "तस्वीरें", "वीडियो",
    # "read also", "see also" in scripts without capitals
    "पढ़ें", "देखें", "اقرأ", "أيضا", "أيضاً", "পড়ুন", "پڑھیں",
    # and in others: "Leia mais", "Baca juga", "Leggi anche", "Xem thêm", "Lea también",
    # "Mehr zum Thema", "Berita terkait"
    "leia", "mais", "veja", "também", "baca", "juga", "leggi", "anche", "xem", "thêm", "lea",
    "también",
    "noticias", "mehr", "zum", "thema", "berita", "terkait",
}  # fmt: skip
#: Those of Vietnamese headings and sources after a story, read on Vietnamese pages only ("Tin
#: liên quan", "Bản tin", "Theo TTXVN"; elsewhere "Theo" is a given name).
_VIETNAMESE_NOT_NAME_WORDS = {"tin", "bản", "theo", "bài", "ảnh", "nguồn", "đọc"}
#: The dash that opens a signature closing a story: "— Dennis Santos".
_SIGNATURE_DASH = re.compile(r"^\s*[—–]\s*")
#: And a hyphen before a space, in bold: "<b>- Yaw Ofori-Atta, Kumasi</b>" (set plain, it may
#: attribute a quote: "- Kwame Nkrumah").
_BOLD_SIGNATURE_DASH = re.compile(r"^\s*(?:[—–]|-(?=\s))\s*")
#: A story's first line giving where it was filed, a dash and its writer, then a colon, as
#: Arabic papers open a story: "الإسكندرية ـ أحمد عبد الحليم:".
_PLACE_AND_NAME = re.compile(
    rf"^[^\W\d_]+(?:\s+[^\W\d_]+)?\s+[ـ–—-]\s+(?P<name>[^{_COLONS}]+?)\s*[{_COLONS}]$"
)


#: An organisation's kind, then its name in guillemets, as post-Soviet agencies and companies
#: are written: "АМИТ «Ховар»", "ИА «Регнум»".
_QUOTED_BRAND = re.compile(r"(?:[А-ЯЁІЇЄҚҒҮҰӨҺA-Z]{2,6}|(?:[\w-]+\s+)?[Аа]гентств[оа])\s«[^«»]+»")


def _name_before_role(part: str) -> str:
    """The name before the role that ``part`` gives, less the role's kind ("Heledd Jones
    Education correspondent …"); empty when the role opens it."""
    role = _ROLE_PART.match(part)
    words = part[: role.end()].split()[:-1] if role is not None else []
    while words and _ROLE_KIND.fullmatch(words[-1]):
        words.pop()
    return " ".join(words) if len(words) >= 2 else ""


#: An initial glued to the name after it: "Ө.Энхтуяа", "B.DULGUUN".
_INITIAL_GLUED = re.compile(r"\b([^\W\d_]\.)(?=[^\W\d_]{2})")
#: Between names a closing signature joins: "Lê Hoàng - Bảo Hà", "Ana Ruiz, Luis Paz".
_JOINED_NAMES = re.compile(r"\s+[-–—&]\s+|\s*,\s*")


def _bold_name(
    line: HtmlElement,
    language: str | None,
    *,
    closing: bool,
    role: str | None = None,
    site: str = "",
) -> str | None:
    """The name a paragraph opening or closing the story sets in bold (or in italics) and
    nothing else, with a sign that it is a byline: a label before it, a role or the site's
    domain or the writer's account after it (or, opening the story, their e-mail address on
    the next line), a class of a byline's (:func:`_marked_byline`:
    "<p class='autor-efe'>"), where it was filed before it with a dash (or a
    colon, in a script without capitals), opening the story, or, closing it, a signature's
    dash or right alignment, or being its last line (several names set to the right or on a
    Vietnamese page may be in capitals, as may a name before the agency it reported with:
    "REZA ADITYA | ANTARA")
    ("<strong>Por: Marcelo Quispe</strong>", "<b>الإسكندرية ـ أحمد عبد الحليم:</b>",
    "<strong>Blessings Chidakwa</strong><br><strong>Senior Reporter</strong>", "<strong>Fredo
    Bassolé</strong><br><strong>Lefaso.net</strong>", "<em>— Dennis Santos</em>", "<b>Kouamé
    Yao</b>" last), or a name over the domain of ``site``, the page's host, closing it, though
    not in bold ("Mariam Sanou<br>Lefaso.net"; another domain is a venue's or a press contact's).
    Bold words alone open a story as a heading, and a heading's words give it away ("Top
    Stories Today")."""
    marked = _bold_texts(line)
    bold = next(line.iter("strong", "b"), None) is not None
    signature_dash = _BOLD_SIGNATURE_DASH if marked and bold else _SIGNATURE_DASH
    if not marked and closing and _SIGNATURE_DASH.match(_text(line)):
        marked = [_text(line)]  # "— Dennis Santos", a signature though not set apart
    lines = _lines(line) if not marked and closing and site else []
    domain = lines[1].casefold().removeprefix("www.") if len(lines) == 2 else ""
    if domain and site in (domain, f"www.{domain}", f"m.{domain}"):
        marked = lines  # "Mariam Sanou<br>Lefaso.net": a signature over the site's domain
    if not marked:
        return None
    others = _name_text(line)
    for text in marked:
        others = others.replace(text, " ", 1)
    others = others.strip()
    # an agency in brackets as the source after a signature in bold set to the right, or, in a
    # script without capitals, the one word of where it was filed: "<strong>Hồng Hạnh</strong>
    # (Theo <em>AFP</em>)", "<strong>චමින්ද ප්‍රියදර්ශන</strong><br>(ගාල්ල)" (in one with
    # capitals it is as often a letter writer's town: "Disgruntled Commuter (Hastings)")
    source = _BRACKETED.fullmatch(others)
    words = source[1].split() if source is not None else []
    sourced = (
        closing
        and bool(words)
        and _right_aligned(line)
        and next(line.iter("strong", "b"), None) is not None
        and (_listed_agency(words[-1]) or (len(words) == 1 and _uncased_word(words[0])))
    )
    # (or, opening the story, the writer's e-mail address on the next line: "<strong>Marcos
    # Vinícius Tavares</strong><br><em>marcos.tavares@…</em>"; closing it, such a pair is as
    # often a press office's contact)
    mailed = (
        not closing
        and _EMAIL.fullmatch(others) is not None
        and len(_lines(line)) == len(marked) + 1
    )
    if (
        others
        and not _ROLE_ONLY.match(others)
        and not _credits_below(line, marked)
        and not sourced
        and not mailed
    ):
        return None  # bold words in a sentence, not a name set apart
    first, *rest = marked
    rest += [role] if role else []
    handle = _HANDLE.search(first)  # "Etenesh Abera @EteneshAbera": the writer's account
    first = _HANDLE.sub("", first).strip() if handle else first
    dash = signature_dash.match(first)
    placed = None if closing else _PLACE_AND_NAME.match(first)
    if placed is not None:
        name = placed["name"]
    elif not closing and _without_place(first) != first and not _cased(first):
        # "<strong>الشارقة: أحمد النعيمي</strong>"; "LAGOS: Heavy Rains" is a subhead
        name = _without_place(first)
    else:
        # "Por: Marcelo Quispe", "በሰላማዊት መንገሻ"
        name = _strip_label(first[dash.end() :] if dash else first, language)
    right = _right_aligned(line)
    signed = closing and (right or _signature(line))
    # a signature, then the agency the writer reported with after a bar: "REZA ADITYA | ANTARA"
    name, bar, agency = name.partition(" | ")
    if bar and not (closing and _is_agency(agency.strip())):
        return None
    if closing and not bar:
        # or after a comma, by its initials: "Дилноза Раҳимова, ЎзА", "Иван Петров, БелТА"
        head, comma, outlet = name.rpartition(", ")
        if comma and (_known_agency(outlet) or _initials_of_outlet(outlet)):
            name, bar, agency = head, comma, outlet
        elif comma and dash and _ONE_WORD_PLACE.fullmatch(outlet):
            name = head  # where a signature's writer filed from: "- Yaw Ofori-Atta, Kumasi"
    block = line.getparent() if bar else None
    if block is not None and name.casefold() in _text(block).casefold().replace(
        _text(line).casefold(), ""
    ):
        return None  # a place the story names: "KUALA LUMPUR | BERNAMA"
    # a name, or names joined by a dash or a comma: "Lê Hoàng - Bảo Hà"; a signature of several
    # set to the right, or a Vietnamese one, or before an agency, may set them in capitals
    # ("NGỌC ĐOAN - THU HÀ"), which a heading after the story ("LEIA MAIS", "SOUTH AFRICA")
    # may not
    # (an initial glued to the name is a word of it: "Ө.Энхтуяа", as Mongolian papers sign)
    # (or by "và", "and", in a Vietnamese signature set to the right that the story never
    # names again: "Đức Anh và Thu Trang", not "Đà Nẵng và Hội An"; elsewhere a line so set
    # may join places: "New York and New Jersey")
    joined = _JOINED_NAMES.split(name)
    vietnamese = (language or "").lower().startswith("vi")
    if closing and right and vietnamese and len(joined) == 1:
        block = line.getparent()
        story = (
            _text(block).casefold().replace(_text(line).casefold(), " ")
            if block is not None
            else ""
        )
        parts = re.split(rf"\s+(?:{_and_words(language)})\s+", name, flags=re.IGNORECASE)
        if not any(re.search(rf"(?<!\w){re.escape(p.casefold())}(?!\w)", story) for p in parts):
            joined = parts
    people = [_INITIAL_GLUED.sub(r"\1 ", person).split() for person in joined]
    several = len(people) >= 2  # a heading in capitals is one phrase ("TIN LIÊN QUAN")
    # ...though a Vietnamese paper signs with one name in capitals set to the right ("NGỌC
    # HÀ"), and so do others by one with its initial ("Ө.ЭНХТУЯА"); a slogan or an office set
    # so is no one ("ALUTA CONTINUA")
    lone_signature = vietnamese or bool(_INITIAL_GLUED.search(name))
    capitals = (
        closing
        and (((right or vietnamese) and several) or (right and lone_signature) or bool(bar))
        and name.isupper()
    )
    # a signature with the surname in capitals, as Russian and French papers sign ("Ирина
    # КУЗНЕЦОВА.", "Jean DUPONT")
    capitals = capitals or (signed and not several and _capital_surname(name.rstrip(".")))
    as_written = str.title if capitals else str
    if not (
        all(2 <= len(words) <= 4 for words in people)
        and all(_name_word(as_written(word)) for words in people for word in words)
        and not is_nobody(name)
        and not any(word.casefold() in _NOT_NAME_WORDS for words in people for word in words)
        and not (
            vietnamese
            and any(w.casefold() in _VIETNAMESE_NOT_NAME_WORDS for ws in people for w in ws)
        )
        and all(_ROLE_ONLY.match(role) or _DOMAIN.match(role) for role in rest)
    ):
        return None
    if bar:
        return f"{name}{bar}{agency}"
    # or its class says it is the byline: "<p class='autor-efe'><strong>Irene Valdivieso…"
    shown_as_byline = name != first or rest or others or signed or handle
    return name if shown_as_byline or _marked_byline(line) else None


def _bold_under_no_picture(line: HtmlElement) -> bool:
    """Whether a line is set in bold, with no picture in it or right above it, whose caption
    it would be ("<p><img …></p><p><strong>Prof Mthuli Ncube</strong></p>")."""
    above = line.getprevious()
    pictured = [line, *([above] if above is not None else [])]
    bold = line.find(".//strong") is not None or line.find(".//b") is not None
    return bold and not any(
        node.tag in ("img", "figure", "picture") or node.find(".//img") is not None
        for node in pictured
    )


def _credits_below(line: HtmlElement, marked: list[str]) -> bool:
    """Whether the words of a line besides its name in bold are other credits on lines of
    their own under it: "<b>Ольга ПЕТРОВА.</b><br><i>Фото автора.</i>"."""
    lines = _lines(line)
    return (
        len(lines) >= 2
        and lines[0] in marked
        and all(_OTHER_CREDIT.match(text) for text in lines[1:])
    )


def _bold_texts(line: HtmlElement) -> list[str]:
    """The texts a line sets in bold, else in italics."""
    marked = [_text(b) for b in line.iter("strong", "b") if _text(b)]
    return marked or [_text(i) for i in line.iter("em", "i") if _text(i)]


def _initials_of_outlet(word: str) -> bool:
    """Whether a word is an outlet's initials, in capitals and small letters ("ЎзА", "BelTA");
    in capitals alone they are as often a degree or a place ("Jane Doe, MD", "…, NYC")."""
    return (
        word.isalpha()
        and len(word) <= 8
        and sum(ch.isupper() for ch in word) >= 2
        and not word.isupper()
    )


def _right_aligned(line: HtmlElement) -> bool:
    """Whether a paragraph is set to the right, as a signature closing a story often is."""
    aligned = f"{line.get('style', '')} {line.get('align', '')}".lower().replace(" ", "")
    return "text-align:right" in aligned or aligned.endswith("right")


def _bracketed_name(text: str) -> str | None:
    """The name a line opening the story gives alone in brackets, as papers in Sri Lanka and
    Pakistan sign a story ("(எம்.மனோசித்ரா)"): one to four words of a name, no digits, a
    single word only in a script without capitals ("(Video)", "(Updated)" are no names);
    never an agency, which credits the publisher ("(Reuters)", "(AFP)")."""
    line = _BRACKETED.match(text)
    if line is None:
        return None
    name = line[1].strip()
    words = name.split()
    cased = any(ch.isupper() or ch.islower() for ch in name)
    if (
        1 + cased <= len(words) <= 4
        and all(_name_word(word) for word in words)
        and not any(word.casefold() in _NOT_NAME_WORDS for word in words)
        and not is_nobody(name)
        and not _is_agency(name)
    ):
        return name
    return None


def _lines(element: HtmlElement) -> list[str]:
    """An element's lines: its text between ``<br>``s and field signs (:func:`line_fields`)."""
    return [line for line in map(clean_line, line_fields(element)) if line]


#: An initial standing for a word of a name: "R." in "Hanitra R.".
_INITIAL = re.compile(r"[^\W\d_]\.")


def _name_word(word: str) -> bool:
    """A word of a name: capitalised, not in capitals (a heading's) unless an initial
    ("Hanitra R."), or of a script without cases (Sinhala, Devanagari), though not a CJK one,
    whose names are not spaced."""
    if any(ch.isupper() or ch.islower() for ch in word):
        return word[0].isupper() and (not word.isupper() or bool(_INITIAL.fullmatch(word)))
    return word[0].isalpha() and not _WIDE.search(word)


def _signature(line: HtmlElement) -> bool:
    """A paragraph that ends the story's text, but for a line of its source that is no agency
    (:func:`_source_not_agency`), linking nowhere but to a person: where a signature stands, and a
    heading of what follows does not."""
    later = (
        s
        for s in line.itersiblings()
        if isinstance(s.tag, str) and _text(s) and not _source_not_agency(_text(s))
    )
    return (
        line.tag in ("p", "div")
        and next(later, None) is None
        and all(_person_link(link) for link in line.iter("a"))
    )


def _as_shown(anatomy: Anatomy, name: str) -> str:
    """trafilatura's name as the page's body writes it, with the vowel signs it cut from its
    end ("চট্টগ্রাম প্রতিনিধ" for "চট্টগ্রাম প্রতিনিধি", a correspondent's role), where every
    time the body shows it as a whole word it ends with the same signs."""
    body = anatomy.tree.find("body")
    text = (body if body is not None else anatomy.tree).text_content()
    endings = set()
    for found in re.finditer(rf"(?<![\w{MARKED_SCRIPTS}]){re.escape(name)}", text):
        end = found.end()
        while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Mc"):
            end += 1
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            continue  # a longer word
        endings.add(text[found.end() : end])
    return name + endings.pop() if len(endings) == 1 else name


def _shown_in_lower_case(anatomy: Anatomy, name: str) -> bool:
    """Whether the body writes a name of a cased script only in lower case, as an editor's
    code is ("sda/wilm"), which trafilatura title-cases ("Wilm")."""
    name = name.strip()
    if not _cased(name):
        return False
    text = " ".join(_SHOWN_TEXT(anatomy.tree))
    shown = re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    return bool(shown) and all(found == found.lower() for found in shown)


def _fallback_names(author: str | None) -> list[str]:
    """trafilatura's author string as names, unless it holds pieces of an address (it splits a
    logo's URL into "Sputnik https; Cdnarabic; Logo Png"): then it is markup, not a byline."""
    if not author or _ADDRESS_PIECE.search(author):
        return []
    return [_without_dropped_colon_label(name) for name in author.split(";")]


def _without_dropped_colon_label(name: str) -> str:
    """A fallback name less its first word where that is a label whose colon trafilatura
    dropped ("Írta: Kovács Bálint" gives "Írta Kovács Bálint"), as the labels that are other
    words too need, ahead of a name of two words or more."""
    label, _, rest = name.strip().partition(" ")
    return rest if len(rest.split()) >= 2 and _LEADING_LABEL.fullmatch(f"{label}:") else name


def visible_byline(anatomy: Anatomy, language: str | None = None) -> Iterator[str]:
    """The byline a reader sees near the headline (or atop the story's own side column): the
    names of its first byline element, or of the link to a writer's page after a label alone
    (:func:`_linked_after_label`)."""
    for element in (*anatomy.zone(), *anatomy.side_column):
        text = _text(element)
        if not text or len(text) > LINE_CHARS:
            continue
        if _in_media(element) or _in_rail(anatomy, element) or _hidden(element):
            continue  # a picture's credit, another story's teaser, a reader's comment
        if _in_menu(anatomy, element):
            continue  # a section's link, "/team/tigers/", in a menu above the headline
        if _LABEL_ONLY.match(text):
            names = _linked_after_label(element, text)
            if names:
                yield from names
                return
        elif _marked_byline(element) or _author_box_atop(anatomy, element):
            names = _marked_names(element, language)
            if names:
                yield from _with_others(names, element)
                return
        elif element.tag in _LINE_TAGS:
            names = _byline_line(element, text, language)
            if names and not _only_sentences(names, language):
                yield from _with_others(names, element)
                return


def _only_sentences(names: list[str], language: str | None) -> bool:
    """Whether a line's names are sentences after a label, as a kicker opens with one: "گزارش
    «پیام ملت» از بازار مسکن…" ("report", then what the report is of)."""
    split = [name for text in names for name in split_byline(text, language)]
    return bool(split) and all(_name_words(name) > _MOST_NAME_WORDS for name in split)


def _in_menu(anatomy: Anatomy, element: HtmlElement) -> bool:
    """Whether the element is an item of a menu above the headline: a list of three links or
    more, most of them to pages of no person (a sports site's "/team/tigers/" beside
    "/baseball/mlb/"). Below it, such a list is the story's details: "By <a>…</a>", its
    section, its comments."""
    item = next((node for node in (element, *element.iterancestors()) if node.tag == "li"), None)
    menu = item.getparent() if item is not None else None
    headline = anatomy.headline
    if menu is None or headline is None or anatomy.order[menu] > anatomy.order[headline]:
        return False
    links = [link for entry in menu for link in entry.iterfind(".//a")]
    people = sum(map(_person_link, links))
    return len(links) >= 3 and people * 2 < len(links)


def _marked_byline(element: HtmlElement) -> bool:
    """Whether the element's markup says it is a byline: ``itemprop``, ``rel`` or a class,
    an id or a test id of a byline's or an author's name, not of something else of theirs
    (their bio, their avatar), or an ``<address>``, as HTML names an article's author, that
    links to a writer's page (Instant Articles' "<address><a href='/author/…'>…</a> bio
    </address>")."""
    marks = " ".join(
        element.get(name, "")
        for name in ("class", "id", "itemprop", "data-testid", "aria-labelledby")
    )
    return (
        element.get("itemprop") == "author"
        or (element.tag == "address" and any(map(_writer_page, element.iter("a"))))
        or "author" in (element.get("rel") or "").lower().split()
        or _AUTHOR_NAME_MARK.search(marks) is not None
        or (
            (_BYLINE_MARKS.search(marks) or _BY_MARK.search(marks)) is not None
            and not _NOT_BYLINE_MARKS.search(_without_layout_lists(marks))
        )
    )


def _without_layout_lists(marks: str) -> str:
    """Class names less those of a layout's lists ("elementor-icon-list-item" beside
    "elementor-repeater-item-author"), which say nothing of what is listed; "author-list"
    still does."""
    return " ".join(
        mark for mark in marks.split() if "list" not in mark.lower() or _BYLINE_MARKS.search(mark)
    )


def _author_box_atop(anatomy: Anatomy, element: HtmlElement) -> bool:
    """A box or a card about the author between the headline and the story, where it is the
    byline ("<div class='author-box'><a href='/yazarlar/ayse-demir/'>Ayşe Demir</a>"), not the
    writer's bio after the story."""
    marks = element.get("class", "")
    headline, first = anatomy.headline, anatomy.prose.first
    if headline is None or first is None or not re.search(r"box|card", marks, re.IGNORECASE):
        return False
    order = anatomy.order
    return (
        BYLINE_CLASS.search(marks) is not None and order[headline] < order[element] < order[first]
    )


def _marked_names(element: HtmlElement, language: str | None) -> list[str]:
    """The names of a byline element (and of its siblings alike), when they name anyone."""
    names = [
        _names_part(name, language)
        for part in _alike(element)
        if not _labels_another_field(part)
        for name in _named_in(part)
    ]
    return names if any(split_byline(name, language) for name in names) else []


def _labels_another_field(part: HtmlElement) -> bool:
    """Whether a byline's part opens with the label of a field that names no writer, in an
    element of its own, before links to no person's page ("<li class='author'><span
    class='label'>genre :</span> <a href='/category/society'>社会</a>") or a word alone
    ("Rubrique : Politique"); a label of the writing, or of another credit, says whom it
    names."""
    label = _part_label(part)
    if (
        label is None
        or _LEADING_LABEL.match(label)
        or _LEADING_PARTICLE.match(label)
        or _OTHER_CREDIT.search(label)
    ):
        return False
    links = [link for link in part.iter("a") if _text(link)]
    if links:
        return not any(map(_person_link, links))  # "genre :" before sections, not "Forfatter:"
    return len(_text(part)[len(label) :].split()) < 2  # "Rubrique : Politique", not a name


def _with_others(names: list[str], element: HtmlElement) -> list[str]:
    """A byline's names, with the "and N others" that an element of its own beside them says,
    inside the byline's element or right after it (or after the element that holds only it):
    "<a><em>박상우 기자</em></a><span>외 1명</span>"."""
    following = outermost_holder(element).getnext()
    beside = _text(following) if following is not None and isinstance(following.tag, str) else ""
    more = _INCOMPLETE.search(_text(element)) or _INCOMPLETE.fullmatch(beside.strip())
    if more is None or any(map(_INCOMPLETE.search, names)):
        return names
    return [*names[:-1], f"{names[-1]} {more[0]}"]


#: Class names of an element a theme hides from every reader ("hidden", "d-none", a theme's
#: "penci-hide-tagupdated"), as the Soledad theme hides the account that posted the story
#: beside the byline; not one hidden from sight only, which screen readers read
#: ("visually-hidden"), nor on some screens only ("hidden-xs", "d-none d-md-block").
_HIDDEN_CLASS = re.compile(r"hide|hidden|d-none|is-hidden|[a-z\d]+-hide-[a-z\d-]+", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(element: HtmlElement) -> bool:
    """Whether the element, or one of the few around it, is hidden from every reader: by its
    class, its style or the ``hidden`` attribute."""
    for node in (element, *itertools.islice(element.iterancestors(), 3)):
        classes = node.get("class") or ""
        if (
            node.get("hidden") is not None
            or (
                any(_HIDDEN_CLASS.fullmatch(name) for name in classes.split())
                and not SHOWN_ON_SOME_SCREENS.search(classes)
            )
            or _HIDDEN_STYLE.search(node.get("style") or "")
        ):
            return True
    return False


def _linked_after_label(label: HtmlElement, text: str) -> list[str]:
    """The names of the element after a byline's label alone in its own, where it links them to
    their pages, as a byline without a class sets label and name apart ("<p>Reporter</p><h4><a
    href='/penulis/1765/dewi-lestari-anjani'>Dewi Lestari Anjani</a></h4>"), or where the two
    alone make a field of a list of details, the label's colon (or comma) after it ("<li><span>
    خبرنگار:</span><span>زهرا کریمی</span></li>", the BBC's "<span>Author,</span><span>سالي
    نبيل</span>"); never those after another credit's label
    ("Editor", "Foto")."""
    after = label.getnext()
    writing = not _LEADING_PARTICLE.sub("", _LEADING_LABEL.sub("", text))
    if after is None or not isinstance(after.tag, str) or not writing:
        return []
    links = [link for link in after.iter("a") if _text(link)]
    linked = bool(links) and all(_person_link(link) for link in links)
    if linked or (len(links) == 1 and _page_named_after(links[0])):
        return _link_credits(after, links)
    field = label.getparent()
    if (
        not links
        and text.endswith((*_COLONS, ","))  # the BBC's hidden "Author," too
        and field is not None
        and not _own_text(field)
        and [part for part in field if _text(part)] == [label, after]
    ):
        return [_text(after)]
    return []


#: Korea's cities and provinces, and the capitals its correspondents file from, which some
#: papers set before a slash and the reporter's name ("대전/송인걸 기자"), as others set two
#: reporters' names: a closed list, as a Korean place reads as a name would.
_KOREAN_PLACES = (
    "서울|부산|대구|인천|광주|대전|울산|세종|수원|창원|전주|청주|춘천|제주|포항|안동|강릉|원주|"
    "목포|여수|순천|경기|강원|충북|충남|전북|전남|경북|경남|도쿄|베이징|워싱턴|뉴욕|파리|런던|"
    "홍콩|상하이|모스크바|브뤼셀|베를린"
)
#: Where a Japanese or Korean correspondent filed, before an equals sign and their name:
#: "ソウル=西村涼子", "워싱턴=김철수 특파원", or a known place and a slash: "대전/송인걸
#: 기자"; not a wire's ("東京=共同", "ワシントン=ブルームバーグ") nor a pair of words
#: ("ユーロ=ドル"): a Japanese name begins with a kanji.
_CJK_PLACE = (
    rf"(?:[\u30a0-\u30ff\u4e00-\u9fff]{{1,10}}[=＝]{_JA_WIRES}(?=[\u4e00-\u9fff])"
    rf"|[가-힣]{{1,8}}\s*[=＝]\s*(?=[가-힣])|(?:{_KOREAN_PLACES})\s*/\s*(?=[가-힣]))"
)
_CJK_PLACE_BEFORE = re.compile(rf"(?:^|(?<=[\s、,·・])){_CJK_PLACE}")
#: A line that is such a correspondent's byline and nothing else.
_PLACED_NAME = re.compile(
    rf"^{_CJK_PLACE}(?:[\u4e00-\u9fff][\u3040-\u30ff\u4e00-\u9fff]{{1,7}}(?:記者|特派員)?"
    r"|[가-힣]{2,4}\s*(?:기자|특파원))$"
)


def _byline_line(element: HtmlElement, text: str, language: str | None) -> list[str]:
    """The names of an element that reads as a byline though no class says so: a line of
    links to authors' pages, a Chinese dateline's author field, or a short line opening with
    a label ("By", "Por", "Submitted by") or ending with a role ("기자")."""
    people = _links_to_people(element, text, language)
    if people:
        return people
    field = _CJK_AUTHOR_FIELD.search(text)
    if field is not None:
        return [field[1]]  # the author among a dateline's source and correspondent
    reporters = _outlet_reporters(text)
    if reporters:
        return reporters
    for part in (element, *element):
        if isinstance(part.tag, str) and _PLACED_NAME.match(_text(part)):
            return [_text(part)]  # "ソウル=西村涼子", "워싱턴=김철수 특파원"
    named = _name_and_role_apart(element) or _bold_name_line(element)
    if named is not None:
        return [named]
    labelled = len(element) > 0 and _LABEL_ONLY.match(_text(element[0])) is not None
    fields = "|" in text and len(text) < LINE_CHARS  # "Autor: … | Publicat: … | Actualizat: …"
    if (len(text) >= SHORT_LINE_CHARS and not fields) or not (
        (element.text or "").strip() or labelled or _names_and_role(text)
    ):
        # a wrapper of lines, unless its first part is the byline's label, or it is a line of
        # linked names and their role after them ("<a>이재훈</a> 기자"); no sentence
        return []
    whole = _without_role_line(element)  # "Posted by: Bruce Stiefel<br>Posted on: May 17"
    lines = _lines(element)
    # "Posted on May 16, 2024 by Tom Reddick", alone or over its categories and comments
    dated = (_DATED_BYLINE.match(lines[0]) if lines else None) or _DATED_BYLINE.match(whole)
    if (
        dated is not None
        # a day, not a year alone: "Publicado en 2019 por Siruela", a book's details
        and not _YEAR_ALONE.fullmatch(
            " ".join(re.findall(r"\d+", dated[0][: dated.start("names")]))
        )
        # a person, not an office: "… por Comunicación Social"
        and not _institution(dated["names"])
    ):
        return [dated["names"]]
    source = _SOURCE_OF.fullmatch(whole)
    name, comma, role = source[1].rpartition(", ") if source is not None else ("", "", "")
    if (
        comma
        and _ROLE_PART.fullmatch(role)
        and not _PICTURE_ROLE.search(role)
        and split_byline(name, language) == [name]
        and len(name.split()) >= 2
        and not (_names_an_outlet(name) or _institution(name))
    ):
        return [name]  # "Source: Kwame Boateng Asare, Contributor": a person, by their role
    line = _names_part(whole, language)
    if _BYLINE_LINE.match(line) or _particle_byline(line, language) or _names_and_role(line):
        return [line]
    if _names_and_role(whole):
        return [whole]  # "김도현 기자 외 1명", whose count reads as a date's tail
    # a line of details the byline shares with the date and other fields: "Published: 14/05/2024
    # | By Gareth Hughes", "Posted on: 14 May 2024 | Author: Kwame Asante | Views: 1,204"
    parts = [part for field in line_fields(element) for part in _DETAIL_DASH.split(field)]
    for part in parts if len(parts) > 1 else ():
        line = _names_part(clean_line(part), language)
        if _BYLINE_LINE.match(line) or _particle_byline(line, language):
            return [line]
    # or fields set apart by no-break spaces alone, the byline's labelled: "2012-07-19
    # 12:40&nbsp;&nbsp;Autor: <b>…</b>&nbsp;&nbsp;Komentarzy: 14" (a credit's label and its
    # "by" are so apart too: "Photos&nbsp;&nbsp;by Peter Walsh")
    spaced = [part for field in line_fields(element) for part in _NO_BREAK_RUN.split(field)]
    for part in spaced if len(spaced) > 1 else ():
        line = clean_line(part)
        if _LABELLED_LINE.match(line):
            return [_names_part(line, language)]
    return []


#: A dash between the fields of a details line: "May 9, 2024 — by Carol Lindqvist".
_DETAIL_DASH = re.compile(r"\s[—–]\s")
#: A run of no-break spaces, which some templates set between a line's fields.
_NO_BREAK_RUN = re.compile(r"(?:[ \t]*\u00a0){2,}[ \t]*")
#: Elements a byline line can be set in, old templates' ``<b>``, ``<font>`` and ``<td>`` too.
_LINE_TAGS = frozenset(
    ("p", "div", "span", "address", "li", "small", "em", "strong", "b", "i", "font", "td")
)
#: Headings below the headline's, which may hold a byline (:func:`heading_byline`).
_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))


def heading_byline(anatomy: Anatomy, language: str | None) -> list[str]:
    """The names of the first heading under the headline when it is a Chinese reporter's
    line ("<h4>本报记者　蒋　升　　周晓云</h4>", the People's Daily's print edition), read when
    no other source names anyone. A heading in a script with capitals is never read so: "BY
    POPULAR DEMAND" sets a deck as "BY NDAPEWA SHIVUTE" sets a byline."""
    headline, first = anatomy.headline, anatomy.prose.first
    if headline is None or first is None:
        return []
    order = anatomy.order
    for element in anatomy.zone(tail=False):
        if element.tag not in _SUBHEADINGS or not order[headline] < order[element] < order[first]:
            continue
        text = _text(element)
        if not text:
            continue
        if _CJK_REPORTER.match(re.sub(r"\s", "", text)) is None:
            return []
        return _byline_line(element, text, language)
    return []


#: The number of a year alone.
_YEAR_ALONE = re.compile(r"(?:19|20)\d\d")
#: A line that gives the date, then the names, as blog themes write it in their language:
#: "Posted on May 16, 2024 by Tom Reddick", "Geschrieben am 8. März 2023 von …", "Publié le
#: … par …", "Publicado el … por …", "Pubblicato il … da …", "Geplaatst op … door …".
_DATED_BYLINE = re.compile(
    r"^\s*(?:posted|published|written|geschrieben|veröffentlicht|verfasst|erstellt|publié|"
    r"posté|écrit|publicado|escrito|postado|pubblicato|scritto|geplaatst|gepubliceerd|"
    r"geschreven|publicerad|publisert|skrevet|skriven)\s+"
    r"(?:(?:on|am|le|el|em|en|il|op|den)\s+)?[^|]{0,40}?\d[^|]{0,30}?\s+"
    r"(?:by|von|par|por|da|door|av|af)\s+(?P<names>[^\W\d_][^|]{1,80})$",
    re.IGNORECASE,
)
#: The author's field of a Chinese dateline or credit line, among its source, correspondent
#: and editor fields, which a comma may set apart: "报道: 黄佩玲<br>摄影: 陈家伟", "作者: 张晓燕,
#: 编辑: 王磊"; a slash may stand for the colon ("发布/2024年5月17日 15:20　作者/陈思远").
_CJK_AUTHOR_FIELD = re.compile(
    r"(?:作者|記者|记者|报道|報導|采写)\s*[:：/／]\s*"
    r"([\u4e00-\u9fff·]{2,4}?(?:[\s、，,]+[\u4e00-\u9fff·]{2,4})*?)"
    r"(?=[\s，,]*(?:通讯员|通訊員|来源|來源|编辑|編輯|责任编辑|責任編輯|发布|發佈|实习生|實習生|摄影|攝影|"
    # or the buttons after the byline: share, save, print
    r"分享|收藏|打印|列印)"
    r"|\s*$|[\s，,]+[\u4e00-\u9fff]{2,6}[:：])"  # another field: "浏览次数: 326"
)


#: A Chinese byline line naming its outlet before the reporters, and the correspondents
#: (通讯员) and interns (实习生) who reported with them, up to where it was filed or another
#: credit: "澎湃新闻记者 王一鸣 通讯员 沈佳", "聯合報 記者王小明", "文 | 财新记者 牛艳青 实习记者
#: 方嘉怡" (the bar full width), "采写:南都记者 陈秋圆 通讯员 黄小凤 林舒", never "责任编辑 陈斯斯".
_CJK_NAMES = r"[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4})*?"
#: Brackets opening a Chinese lead, which may hold its reporters' line.
_CJK_LEAD_BRACKET = re.compile(r"^\s*[【〔（(]([^】〕）)]{4,60})[】〕）)]")
#: A reporter's label after the outlet: "记者", "全媒体记者", a correspondent's "驻美国特约记者".
_CJK_REPORTER_LABEL = r"(?:驻[\u4e00-\u9fff]{1,6}?)?(?:全媒体|特约|特派)?(?:记者|記者)"
#: Who else a Chinese byline line names: its correspondents and interns, and the reporters
#: of the same or another outlet ("环球时报驻美国特约记者 张远 环球时报记者 李倩").
_CJK_FELLOWS = (
    r"通讯员|通訊員|实习生|實習生|实习记者|實習記者|"
    rf"[\u4e00-\u9fff]{{2,10}}?{_CJK_REPORTER_LABEL}"
)
_CJK_OUTLET_REPORTERS = re.compile(
    rf"^(?P<written>文\s*[|｜/／]\s*|(?:采写|撰文|作者)\s*[{_COLONS}]\s*)?"
    rf"(?P<outlet>[\u4e00-\u9fff]{{2,10}}?)\s*{_CJK_REPORTER_LABEL}\s*[{_COLONS}|｜]?\s*"
    rf"(?P<reporters>{_CJK_NAMES})"
    rf"(?P<fellows>(?:\s*(?:{_CJK_FELLOWS})\s*{_CJK_NAMES})*)"
    r"(?=\s*(?:[／/]?\s*[\u4e00-\u9fff]{0,6}(?:报道|報導))?\s*$"
    r"|\s*(?:责任编辑|責任編輯|图片编辑|圖片編輯|编辑|編輯|校对|校對|摄影|攝影|来源|來源))"
)


#: A source's field before the author's, which names the outlet the writer reports for.
_CJK_LATER_AUTHOR = re.compile(rf"^(?:本文)?(?:来源|來源)\s*[{_COLONS}]\s*\S+\s+(?=作者)")


def _outlet_reporters(text: str) -> list[str]:
    """The reporters, correspondents and interns a Chinese byline line names after its
    outlet, a newspaper, a site or an agency, or, an outlet of any name, after the label of
    the writing ("文/", "采写:") (:data:`_CJK_OUTLET_REPORTERS`); none when it names no
    outlet."""
    later = _CJK_LATER_AUTHOR.search(text)  # "本文来源:澎湃新闻 作者:澎湃新闻记者 王迪"
    line = _CJK_OUTLET_REPORTERS.match(text[later.end() :] if later else text)
    if line is None or not (
        line["written"] or _CJK_MEDIA.search(line["outlet"]) or _is_agency(line["outlet"])
    ):
        return []
    fellows = re.split(rf"\s*(?:{_CJK_FELLOWS})\s*", line["fellows"])
    return [names for names in (line["reporters"], *fellows) if names]


def _names_part(text: str, language: str | None) -> str:
    """A byline's text up to the date set beside its names: "on May 17, 2024", "3 hours
    ago", "prije 26 minuta"; nothing of a dateline ("Publicado hace 2 horas")."""
    relative = relative_dates(text, language)
    names = _DATE_TAIL.sub("", text[: relative[0].start] if relative else text)
    # and the bracket the date was in, with its label, or around the whole line: "By Khamphone
    # Sisavath (Latest Update May 23, 2024)", "(By Jane Doe, 17 May 2024)"
    if names != text:
        names = _OPEN_BRACKET_HEAD.sub("", _OPEN_BRACKET_TAIL.sub("", names))
    return "" if _dateline_label(names) else names


#: A bracket left open at the end of a line, or opening it, what is left of one its date was
#: cut from.
_OPEN_BRACKET_TAIL = re.compile(r"(?<=\S)\s*[(（][^()（）]*$")
_OPEN_BRACKET_HEAD = re.compile(r"^\s*[(（](?=[^()（）]*$)")


def _particle_byline(text: str, language: str | None) -> bool:
    """A line of a little word and a capitalised name ("Por Juan Pérez"), or two joined by
    the page's "and" ("Por Martín Giménez y Lucía Ferreyra"), or a known agency ("Por Reuters
    — Washington"), not a sentence that opens with
    the word ("Por primera vez…", "De Gaulle returns"), nor another language's little word
    ("Per Mario Rossi" on an Italian page)."""
    words = text.split(maxsplit=1)
    local = _LOCAL_PARTICLES.get(words[0].casefold()) if words else None
    if local is not None and local != (language or "").split("-")[0] and not text.isupper():
        return False
    first = re.split(rf"\s+(?:{_and_words(language)})\s+", text, maxsplit=1, flags=re.I)[0]
    line = _PARTICLE_LINE.match(first) or _PARTICLE_SURNAME_FIRST.match(first)
    if line is None:
        # or a known agency alone, or where it filed from: "Por Reuters — Washington"
        wire = _PARTICLE_AGENCY.match(first)
        return wire is not None and _listed_agency(wire[1])
    return all(word[0].isupper() or word.casefold() in _NAME_PARTICLES for word in line[1].split())


def _alike(element: HtmlElement) -> list[HtmlElement]:
    """A byline element and its siblings of the same tag and class, no longer than a line:
    one element per author ("<span class='author'>A</span><span class='author'>B</span>",
    "<address>…</address><address>…</address>"), not the story's text in a block classed as
    its byline's is ("<div class='bbbody'>")."""
    parent, classes = element.getparent(), element.get("class")
    if parent is None or not (classes or element.tag == "address"):
        return [element]
    return [
        e
        for e in parent
        if e.tag == element.tag
        and e.get("class") == classes
        and (e is element or len(_text(e)) <= LINE_CHARS)
        and (e.tag != "address" or any(map(_writer_page, e.iter("a"))))
    ]


def _links_to_people(element: HtmlElement, text: str, language: str | None) -> list[str]:
    """The names of a line of links to authors' pages with nothing else but a label and
    "and" between them, as many sites set a byline without a class that says so."""
    links = [link for link in element.iter("a") if _text(link)]
    if not links or not all(_person_link(link) for link in links):
        return []
    rest = text
    for link in links:
        rest = rest.replace(_text(link), " ", 1)
    leftover = re.sub(
        rf"\b(?:{_and_words(language)}|{_LABELS}|{_PARTICLES})\b", " ", rest, flags=re.I
    )
    if re.search(r"\w", leftover):
        return []
    return [_text(link) for link in links]


def _named_in(element: HtmlElement) -> list[str]:
    """The names in a byline element: its ``itemprop=name`` parts (unless it links to more
    people than that: a theme may mark its first author's name only), its links to people,
    the texts of its parts (leaving out a role, a date or a reading time set beside the
    names, a link to the story's section, and a label of a language the table lacks opening
    them), or its text."""
    parts = [_with_own_label(e, element) for e in element.xpath(".//*[@itemprop='name']")]
    # not a button beside the names ("<a class='btn-more'>최은정 기자의 기사 모음</a>") nor an
    # address ("<b>Dieudonné Saint-Cyr</b><br><a href='mailto:…'>dsaintcyr@…</a>")
    links = [
        link
        for link in element.iter("a")
        if _text(link)
        and not _beside(link)
        and "@" not in _text(link)
        and not _NO_PAGE.match(link.get("href") or "#")  # a button: "<a href='#'>Facebook</a>"
    ]
    people = {link.get("href") for link in links if _person_link(link)}
    # a byline's only link goes to its writer's page, though its address is no author's
    # ("By state political reporter <a href='/news/kate-lindqvist/1234'>…</a>")
    if (len(parts) < len(people) or not parts) and (
        (links and all(_person_link(link) for link in links))
        or (len(links) == 1 and _page_named_after(links[0]))
    ):
        parts = _link_credits(element, links)
    if not parts:
        inner = element
        while not _own_text(inner):
            # a wrapper, alone or beside the date: "<div><ul><li>…</li><li>…</li></ul></div>",
            # "<div><time>…</time><div>…the contributors…</div></div>"
            kept = _name_parts(inner)
            only = inner[0] if len(inner) == 1 else kept[0] if len(kept) == 1 else None
            if only is None or not isinstance(only.tag, str):
                break
            inner = only
        children = _name_parts(inner)
        own = _own_text(inner)
        labelled = any(_LABEL_ONLY.match(_text(child)) for child in children)
        first_label = _text(children[0]) if children else ""
        unknown_label = (
            _WORDS_AND_COLON.fullmatch(first_label) is not None
            and not _OTHER_CREDIT.search(first_label)
            and not any(_WORDS_AND_COLON.match(_text(child)) for child in children[1:])
        )
        if len(children) >= 2 and not labelled and unknown_label:
            # a label of a language the table lacks, in a part of its own before the name and
            # where it was filed: "<span>અહેવાલ:</span> <span>કિશન પટેલ</span>, <span>અમદાવાદ"
            parts = [_text(inner).removeprefix(first_label).strip()]
        elif (
            len(children) >= 2 and not labelled and not re.search(r"\w{2}", own.replace("and", ""))
        ):
            # parts that open with a label of their own, as the BBC's world services set hidden
            # ones ("Author, Ambia Hirsi", "Nafasi, BBC Swahili"): the first part's, a label of
            # the writing, labels the writers, and a part labelled otherwise gives a role or a
            # place
            writers = _part_label(children[0])
            # the label of the writing in the table, or any, when every part opens with one the
            # table lacks ("Marubuci, Zainab Bala Yusuf", "Aiki, BBC Hausa", "Aiko rahoto daga
            # Kano")
            labels = [_leaf_label(child) for child in children if date_start(_text(child)) != 0]
            every = all(labels) and not any(
                _LEADING_LABEL.match(label) or _OTHER_CREDIT.search(label)
                for label in filter(None, labels)
            )
            if writers is not None and (_LEADING_LABEL.match(writers) or every):
                # and a part opening with a label of no comma is no writer's either ("<span>
                # Reporting from</span><span>नई दिल्ली</span>")
                children = [
                    child
                    for child in children
                    if _part_label(child) == writers
                    or (_part_label(child) is None and not _labelled_otherwise(child))
                ]
            # not a dateline after the names: "<span>नई दिल्ली,</span> <span>28 मार्च 2024</span>"
            children = children[:1] + [child for child in children[1:] if not _placed_date(child)]
            parts = _whole_names(children)
            if every and writers is not None and not _LEADING_LABEL.match(writers):
                # a label of a language the table lacks: "Marubuci, Zainab Bala Yusuf"
                label = _leaf_label(children[0]) or ""
                parts = [part.removeprefix(label).strip() for part in parts]
        elif len(children) == 2 and _LABEL_ONLY.match(_text(children[0])):
            # a field's label, then its items: "<div>Автори</div><div><div>Десислава
            # Колева</div><div>Георги Иванов</div></div>", each item under the label, which
            # may name other work: "<h6>Editor</h6><div><a>Erlangga Wicaksono</a></div>"
            label, items = _text(children[0]).rstrip(_COLONS).strip(), _name_parts(children[1])
            items = items if len(items) >= 2 else [children[1]]
            parts = [f"{label}: {_part_text(item)}" for item in items]
    if not parts:
        parts = [_without_role_line(element)]
    return [part for part in parts if part]


def _with_own_label(name: HtmlElement, byline: HtmlElement) -> str:
    """A byline's name with the label its part writes before it when that label credits
    other work: "<span>Edited by <a><span itemprop='name'>…</span></a></span>"."""
    text = _text(name)
    for holder in name.iterancestors() if text else ():
        if holder is byline:
            break
        label = _text(holder).partition(text)[0].strip()
        if label:
            other = _OTHER_CREDIT.match(f"{label}:")
            return f"{label} {text}" if other is not None and other.end() >= len(label) else text
    return text


def _placed_date(part: HtmlElement) -> bool:
    """Whether a byline's part is a dateline: a place and its comma in an element of its own,
    then a date ("<span>नई दिल्ली,</span> <span>28 मार्च 2024</span>")."""
    place = _leaf_label(part)
    rest = _text(part).removeprefix(place or "").strip()
    return place is not None and place.endswith(",") and date_start(rest) == 0


#: A link's address that leads to no page.
_NO_PAGE = re.compile(r"\s*(?:#|javascript:)", re.IGNORECASE)


def _whole_names(parts: list[HtmlElement]) -> list[str]:
    """The texts of a byline's parts, a given name's and the family name's after it as one
    (Labrador CMS's "<span class='firstname'>Elle Kristine</span> <span class='lastname'>
    Hætta</span>")."""
    names: list[str] = []
    for index, part in enumerate(parts):
        given = parts[index - 1].get("class", "") if index else ""
        if _GIVEN_NAME_MARK.search(given) and _FAMILY_NAME_MARK.search(part.get("class", "")):
            names[-1] = f"{names[-1]} {_part_text(part)}"
        else:
            names.append(_part_text(part))
    return names


_GIVEN_NAME_MARK = re.compile(r"first[-_]?name|given[-_]?name|vorname|fornavn", re.IGNORECASE)
_FAMILY_NAME_MARK = re.compile(
    r"last[-_]?name|family[-_]?name|surname|nachname|etternavn", re.IGNORECASE
)


def _name_parts(element: HtmlElement) -> list[HtmlElement]:
    """The child elements of a byline that may hold names: not a role, a date or a button
    beside them (:func:`_aside`, :func:`_beside`). A heading over them that only labels them
    ("<h3>Autorinnen und Autoren</h3>") names nobody: :func:`split_byline` finds no name in
    it, and none is the heading the element is labelled by (``aria-labelledby``: BBC Mundo's
    "Información del artículo")."""
    titles = set(element.get("aria-labelledby", "").split())  # the heading that names it
    return [
        child
        for child in element
        if isinstance(child.tag, str)
        and _text(child)
        and not _beside(child)
        and not _aside(child)
        and child.get("id") not in titles
        and not _section_link(child)
    ]


def _section_link(element: HtmlElement) -> bool:
    """Whether a byline's part is only a link to a section named after one of its words, as
    a byline may lead with the story's section: "<a href='/india'>India News</a>"."""
    links = list(element.iter("a"))
    if len(links) != 1 or _text(links[0]) != _text(element) or _person_link(links[0]):
        return False
    segments = [part for part in urlsplit(links[0].get("href") or "").path.split("/") if part]
    words = {word.casefold() for word in _text(element).split()}
    if len(segments) != 1 or segments[0].casefold() not in words:
        return False
    # its other words a section's, not a name's: "India News", not "John Smith" on /smith
    rest = words - {segments[0].casefold()}
    return bool(rest) and rest <= _MEDIA_WORDS


def _without_role_line(element: HtmlElement) -> str:
    """The text of a byline element (:func:`_name_text`) less a line that opens with a date
    beside the names' lines, and less a last line that gives a role, alone or after the
    outlet's name, or where the writer filed from: "By Rick Salinas<br>Editor", "By Jane
    Doe<br>Gleaner Writer", "JULIANA CARVALHO<br>DE BRASÍLIA", "Wanjiru Kamau<br>Nairobi" (a
    word of no agency); when a line before it names
    someone. Lines that each open with a label are credits apart: "Sujet radio: Delphine
    Gendre<br>Adaptation web: Julien Furrer" is "Sujet radio: Delphine Gendre; Adaptation
    web: Julien Furrer" (after the writing's, any label opens another credit: "Jornalista:
    …<br>Editór: …")."""
    text = _name_text(element)
    lines = _lines(element)
    dated = [line for line in lines if date_start(line) == 0]
    if dated and len(dated) < len(lines):
        # a line of the date above or below the names: "2014年09月18日 15時20分
        # 公開<br>[山田祐介, ITmedia]"
        for line in dated:
            text = text.replace(line, " ", 1)
        text, lines = clean_line(text), [line for line in lines if line not in dated]
    # and a last line of the agency the credits add: "…<br>Adaptation web: …<br>avec ats"
    labelled = lines[:-1] if lines and _listed_agency(_AGENCY_AFTER.sub("", lines[-1])) else lines
    # (after a label of the writing, a line opening with any label is another credit:
    # "Jornalista: Florencia Martins<br>Editór: Rafael Carvalho")
    if len(labelled) > 1 and all(
        _LABELLED_LINE.match(line)
        or _OTHER_CREDIT.match(line)
        or (index and _LABELLED_LINE.match(labelled[0]) and _WORDS_AND_COLON.match(line))
        for index, line in enumerate(labelled)
    ):
        return "; ".join(lines)
    last = lines[-1] if lines else ""
    place = _ONE_WORD_PLACE.fullmatch(last) is not None and not _is_agency(last)
    if (
        len(lines) > 1
        and (
            _ROLE_PART.fullmatch(last)
            or _role_at_outlet(last) is not None
            or _FROM_PLACE_LINE.fullmatch(last)
            or place
        )
        and split_byline(" ".join(lines[:-1]))
    ):
        return text.removesuffix(last).strip()
    return text


def _role_at_outlet(line: str) -> str | None:
    """The outlet's initials after a role, in a line that gives a role, then the outlet:
    "Gohebydd Addysg BBC Cymru" (Welsh sets the beat after the role), "Education
    correspondent BBC Wales"; they may also be a surname in capitals ("Notre correspondant
    Amadou BA"), which :class:`Credit` tells apart by the site's names (a last line under the
    writer's, :func:`_without_role_line`, gives a role, not a second name)."""
    role = _ROLE_PART.match(line)
    rest = line[role.end() :] if role is not None else ""
    initials = re.search(r"\b[A-Z]{2,}\b", rest)
    # not a name in capitals after a role's label: "Reporter JANE DOE"
    return initials[0] if initials is not None and not rest.isupper() else None


#: A source's label and what it names: "Source AFP", "Quelle: dpa".
_SOURCE_OF = re.compile(rf"(?:{_SOURCE_LABELS})\s*[{_COLONS}]?\s*(\S.*)", re.IGNORECASE)
#: A line of where the writer filed from, under the name: "JULIANA CARVALHO<br>DE BRASÍLIA"
#: (Folha de S.Paulo), "Jane Doe<br>in Washington"; not "Ana Lima<br>Da Silva Costa", a
#: surname's particle.
_FROM_PLACE_LINE = re.compile(
    r"(?:de|da|do|desde|em|from|in|aus|depuis|DE|DA|DO|DESDE|EM|FROM|IN|AUS|DEPUIS)\s+"
    r"[A-ZÀ-ÞĀ-Ž][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3}"
)
#: The most characters a part's label has, less its comma or colon.
_LABEL_CHARS = 30
#: A label ending with a comma or a colon: "Author, ", "Nafasi, ", "Reporting from, ".
_PART_LABEL = re.compile(rf"[^,{_COLONS}]{{1,{_LABEL_CHARS}}}[,{_COLONS}]")


def _leaf_label(part: HtmlElement) -> str | None:
    """The short text a byline's part opens with in an element of its own, whatever ends it."""
    leaf = next((node for node in part.iterdescendants() if len(node) == 0), None)
    label = _text(leaf) if leaf is not None and isinstance(leaf.tag, str) else ""
    text = _text(part)
    shown_first = text.startswith(label) and text != label
    return label if label and len(label) <= _LABEL_CHARS + 1 and shown_first else None


def _labelled_otherwise(part: HtmlElement) -> bool:
    """Whether a byline's part opens with a label of its own that is no name ("<span>Reporting
    from</span>…", "<span>अपडेटेड</span>…"), as a name of capitalised words would be ("<b>Tom
    Baker</b> in Miami")."""
    label = _leaf_label(part)
    return label is not None and not (
        len(label.split()) >= 2 and all(map(_capitalised, label.split()))
    )


def _part_label(part: HtmlElement) -> str | None:
    """The label a byline's part opens with in an element of its own: "<span>Author,
    </span>Ambia Hirsi"."""
    label = _leaf_label(part)
    return label.casefold() if label is not None and _PART_LABEL.fullmatch(label) else None


def _link_credits(element: HtmlElement, links: list[HtmlElement]) -> list[str]:
    """The names of a byline's links to people, each under the label of another credit before
    it ("Texto: <a>Ana Henriques</a> Fotografia: <a>Rui Gaudêncio</a>" gives "Ana Henriques"
    and "Fotografia: Rui Gaudêncio", as does a label alone without its colon, "<span>Fotograf
    </span><a>Tor Stenersen</a>"), which a label of the writing ends; an editor's or a
    poster's label after a writer's or a desk's names nobody ("Авторка <a>…</a> Редакторка
    <a>…</a>", "<a>…</a>, अमर उजाला Published by: <a>…</a>"). A second link to the
    same page ("More by this Author") names nobody new; a name classed as the linked ones are
    but without a page to link to is one too ("<a class='byline-name'>…</a>", "<span
    class='byline-name'>Rasmus Kongsbak</span>"), and so is one after the last link and
    "and" ("Von <a>Tobias Maierhofer</a> und Sabine Kröll"), and a listed agency right after
    the last link ("Par <a>Romain Vasseur</a> avec AFP"); a link followed by other work in
    brackets credits that work ("<a>Ray Cole</a> (video)")."""
    linked = {link for link in links if link.get("href") not in _earlier_hrefs(links, link)}
    classes = {marks for link in linked if "name" in (marks := link.get("class") or "").casefold()}
    linked |= {
        node
        for node in element.iter()
        if node.tag != "a" and node.get("class") in classes and not node.xpath(".//a")
    }

    def runs(node: HtmlElement) -> Iterator[str | HtmlElement]:
        yield node.text or ""
        for child in node:
            if child in linked:
                yield child
            elif isinstance(child.tag, str):
                yield from runs(child)
            yield child.tail or ""

    names: list[str] = []
    label = between = ""
    writing = ""  # the label of the writing, before the first writer
    last: HtmlElement | None = None
    for run in runs(element):
        if isinstance(run, str):
            between += run
            continue
        last = run
        stripped = " ".join(between.split()).strip(" ,;|")
        # a label alone, without its colon, as a heading of its own: "<h6>Editor</h6><a>…</a>"
        other = _OTHER_CREDIT.search(between) or (
            _OTHER_CREDIT.search(f"{stripped}:")
            if _LABEL_ONLY.match(stripped) or _OTHER_CREDIT.match(f"{stripped}:")
            else None
        )
        if other is not None:
            label = other[0]
        elif (posted := _POSTED_BY.search(stripped)) and (names or posted.start()):
            # after a writer or a desk: "<a>अभिषेक त्रिपाठी</a>, अमर उजाला Published by: <a>…
            # </a>", "न्यूज डेस्क, अमर उजाला, लखनऊ Published by: <a>…</a>", who posted it
            between = ""
            continue
        elif _LEADING_LABEL.match(stripped):
            if names and _EDITOR_LABEL.search(stripped) and not _EDITOR_LABEL.search(writing):
                between = ""
                continue  # "Авторка <a>…</a> Редакторка <a>…</a>": the editor after the writer
            label, writing = "", writing or stripped
        name = _text(run)
        greek = _GREEK_ARTICLE_BEFORE.search(stripped)
        if greek is not None:  # "Της <a>Ελένης Φωτίου</a> και του <a>Κώστα Παπαδάκη</a>"
            name = _greek_nominative(name, greek[1].lower())
        names.append(f"{label} {name}" if label else name)
        other_work = _OTHER_WORK_IN_BRACKETS.match(run.tail or "")
        if other_work is not None:
            names[-1] = f"{other_work[1]}: {_text(run)}"  # "<a>Ray Cole</a> (video)"
        between = ""
    unlinked = _AND_UNLINKED.fullmatch(" ".join(between.split()))
    words = unlinked[1].split() if unlinked is not None else []
    if (
        names
        and not label
        and words
        and all(map(_capitalised, words))
        and words[0] != "The"  # "and The Editorial Board, Daily Herald"
        and not any(
            name_key(word) in _DESK_WORDS or name_key(word) in _MEDIA_WORDS for word in words
        )
    ):
        names.append(" ".join(words))  # "Von <a>Tobias Maierhofer</a> und Sabine Kröll"
    # an agency in the text right after the last name: "Par <a>Romain Vasseur</a> avec AFP"
    after = (last.tail or "") if last is not None else ""
    agency = _AGENCY_AFTER.sub("", " ".join(after.split())).rstrip(" .)")
    if names and not label and _listed_agency(agency):
        names.append(agency)
    return names


#: What sets an agency after the linked names: "avec AFP", ", dpa", "/ Reuters", "(AP)".
_AGENCY_AFTER = re.compile(rf"^(?:[,/|(–—-]\s*)?(?:(?:{_WITH_WORDS}|and|und|et|y|e|&)\s+)?")


#: A name after the linked ones and "and", in any language, which has no page to link to, and
#: the desk or place after its comma ("und Svea Lindholm, ARD-Hauptstadtstudio"); not after a
#: word for "and" that is "in", "at" or "on" in others ("a Bruxelles", "en Buenos Aires", "i
#: New York").
_AND_UNLINKED = re.compile(
    r"(?:and|&|"
    + "|".join(
        sorted(
            {word for words in CONJUNCTIONS.values() for word in words.split("|")}
            - {"a", "i", "in", "en", "na", "u", "at", "da"}
        )
    )
    + r")\s+([^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,2})(?:,.*)?",
    re.IGNORECASE,
)


#: An editor's label, which some bylines use for their writer too ("Редактор: Елин Димитров"
#: on a Bulgarian site), though not after another writer's label.
_EDITOR_LABEL = re.compile(rf"(?:{_EDITOR_WORDS})(?!\w)", re.IGNORECASE)


def _earlier_hrefs(links: list[HtmlElement], link: HtmlElement) -> set[str | None]:
    """The pages of one person linked before ``link``; not a list of all writers
    ("/reporter/"), to which a site may link every name."""
    return {
        earlier.get("href")
        for earlier in links[: links.index(link)]
        if not _to_all_writers(earlier.get("href") or "")
    }


def _to_all_writers(href: str) -> bool:
    """Whether a link goes to the list of a site's writers, not to one writer's page."""
    path = urlsplit(href).path.rstrip("/") + "/"
    found = PERSON_LINK.search(path)
    return found is not None and found.end() == len(path)


def _part_text(part: HtmlElement) -> str:
    """The text of one author's part of a byline, with a role or a label set after the name
    in an element of its own read as one: "Erik Bengtsson<span>Reporter</span>" is Erik
    Bengtsson, "Sara Olsson<span>Foto</span>" is "Foto: Sara Olsson", a photographer; or
    before it: "<span>Fotograf</span><a>Tor Stenersen</a>" is "Fotograf: Tor Stenersen"."""
    text = _name_text(part)
    first = part[0] if len(part) >= 2 else None
    if first is not None and isinstance(first.tag, str) and not (part.text or "").strip():
        label = _text(first)
        name = text.removeprefix(label).strip()
        if label and name and name != text and not (first.tail or "").strip():
            if _OTHER_CREDIT.search(f"{label}:"):
                return f"{label}: {name}"  # "Editor" before a name labels an editor's credit
            if _ROLE_ONLY.match(label) or _LABEL_ONLY.match(label):
                return name
    last = part[-1] if len(part) else None
    if last is None or not isinstance(last.tag, str) or (last.tail or "").strip():
        return text
    label = _text(last)
    name = text.removesuffix(label).strip()
    if not label or not name:
        return text
    if _OTHER_CREDIT.search(f"{label}:") and not _ROLE_ONLY.match(label):
        return f"{label}: {name}"  # also where the name's text left the role out as a role
    if name == text:
        return text
    if name == _text(part[0]) and _names_an_outlet(label):
        return name  # "<span>Alex Homer</span><div>Local Democracy Reporting Service</div>"
    return name if _ROLE_ONLY.match(label) or _LABEL_ONLY.match(label) else text


def _names_an_outlet(text: str) -> bool:
    """Whether ``text`` holds a word of the name of a medium, a desk or a service, as the
    outlet set beside a writer's name does ("Lincoln Journal Star", "BBC News, West
    Midlands", "Local Democracy Reporting Service")."""
    words = {name_key(word) for word in re.split(r"[\s,/-]+", text)}
    return bool(words & (_MEDIA_WORDS | _DESK_WORDS))


def contributors(
    anatomy: Anatomy, byline: Sequence[str], story: Sequence[str], language: str | None
) -> set[str]:
    """The people the visible ``byline`` or the story's credit line (``story``, as
    :func:`story_credit` reads it) credits for other work than the writing ("Фото: Михаил
    Огнев", "Editing by John Smith"), as :func:`name_key` writes
    them: up to the next label ("Fotos: Max Weber, Text: Anna Schmidt"). An agency given as a
    source ("Quelle: dpa") is left for :class:`Credit` to weigh. So are those a line beside
    the byline labels as its editors ("Published by: …", "Editor …"), when the byline or the
    story's credit line names another writer: "Published by" alone is often the writer's own
    post; and so are those a line near the headline or after the story credits for other work
    ("Traducido por …", which a CMS may list among the authors). Where nobody else is
    credited, only an editor's label in brackets in CJK characters closing the story counts
    ("【编辑:王琴】", "(责编: 王琴)"): elsewhere the metadata's one name is the writer's. And
    those the byline's cards show as photographers (:func:`_pictures_by_role`); but not the
    curator a byline opens with when it credits no other writer ("Curated By : …")."""
    found = _pictures_by_role(anatomy)
    credited = [*byline, *story]
    writers = {
        name_key(name)
        for text in credited
        if not _EDITED.match(text)  # "Автор: Иван Петров", then "Редактор: Мария Георгиева"
        for name in split_byline(text, language)
    }
    for text in credited:
        other = _OTHER_CREDIT.search(text)
        if other is not None:
            names = split_byline(_NEXT_LABEL.split(text[other.end() :])[0], language)
            # not a writer the same credit names before, who took the pictures too: "Anna
            # Schmidt | Foto: Anna Schmidt"
            wrote = {name_key(name) for name in split_byline(text[: other.start()], language)}
            found.update(
                name_key(name)
                for name in names
                if not _is_agency(name) and name_key(name) not in wrote
            )
    # where nobody else is credited, only an editor's label in brackets closing the story, as
    # Chinese portals close it ("【编辑:王琴】", whom the metadata names as the author)
    lines = [*anatomy.zone(), *_closing_lines(anatomy)] if writers else _closing_lines(anatomy)
    for element in lines:
        text = _name_text(element) if _no_longer_than_a_line(element) else ""
        bracketed = _BRACKETED.match(text) or _LENTICULAR.fullmatch(text)
        line = bracketed[1] if bracketed is not None else text
        edited = _EDITED.match(line)
        if not writers and (edited is None or bracketed is None or not _WIDE.search(line)):
            continue
        other = _OTHER_CREDIT.match(line)  # "Traducido por Javier Biosca Azcoiti"
        if edited is not None:
            named = edited["names"]
        elif other is not None:
            named = _NEXT_LABEL.split(line[other.end() :])[0]
        else:
            continue
        if _in_media(element):
            continue
        names = split_byline(named, language)
        found.update(
            name_key(name)
            for name in names
            if name_key(name) not in writers
            and not _is_agency(name)
            # nor one another line shows as a writer: "<a>Sarah Pelletier</a>, Jonah Ferris ·
            # CBC News" above "With files from Jonah Ferris and The Canadian Press"
            and (edited is not None or not _shown_as_writer(anatomy, name))
        )
    # but the byline's own credit, when a curator's label opens it: "Curated By : <a>Aditi
    # Mehra</a>", whom the metadata names the author
    opening = _CURATED.match(credited[0]) if credited else None
    # (not where a writer is credited too: "Curated By : A", then "Reported By : B")
    if opening is not None and not any(map(_BYLINE_LINE.match, credited[1:])):
        rest = _NEXT_LABEL.split(credited[0][opening.end() :].lstrip(f" {_COLONS}"))[0]
        found -= {name_key(name) for name in split_byline(rest, language)}
    return found


def _pictures_by_role(anatomy: Anatomy) -> set[str]:
    """The people a byline's cards show as its photographers or illustrators, in an element
    of its own after the name: "<a class='byline__name'>Frode Hansen</a><span
    class='byline__role'>Fotograf</span>"."""
    found = set()
    for element in anatomy.zone():
        name, card = element.getprevious(), element.getparent()
        if name is None or card is None or not _PICTURE_ROLE.fullmatch(_text(element)):
            continue
        # the role closes the card, one of several alike, as a term's label would not ("<dt>
        # Photographer</dt><dd>…</dd>" after the writer's "<dd>"); a photo essay's lone card
        # credits its maker
        # (or the card's wrapper beside the writer's picture: "<div><img><div><a>…</a>
        # <span>Fotograf</span></div></div>")
        wrapper = card.getparent()
        several = _one_of_several(card) or (
            wrapper is not None and _one_of_several(wrapper, same_class=True)
        )
        closes = element.getnext() is None and element.tag not in ("dt", "th", "label")
        if several and closes and isinstance(name.tag, str) and 2 <= len(_text(name).split()) <= 4:
            found.add(name_key(_text(name)))
    return found


def _one_of_several(element: HtmlElement, *, same_class: bool = False) -> bool:
    """Whether the element's parent holds others of its tag (and, with ``same_class``, of its
    class: cards, not the date's and the share buttons' blocks beside a lone card)."""
    parent = element.getparent()
    alike = [
        child
        for child in (parent if parent is not None else ())
        if child.tag == element.tag
        and (not same_class or child.get("class") == element.get("class"))
    ]
    return len(alike) >= 2


#: A photographer's, a camera operator's or an illustrator's role alone; not a video
#: journalist's, who reports.
_PICTURE_ROLE = re.compile(
    rf"(?:(?:chief|senior|staff)\s+)?(?:{_PICTURE_WORDS}|photojournalist|fotoreporter\w*|"
    r"фотограф|фотокорреспондент)",
    re.IGNORECASE,
)


def _closing_lines(anatomy: Anatomy) -> list[HtmlElement]:
    """The few elements after the story's last paragraph, and after the block that holds it,
    where papers credit its editing ("<div class='edit'>(责编: 李昉、杨光宇)</div>")."""
    last = anatomy.prose.last
    if last is None:
        return []
    block = last.getparent()
    after = [*itertools.islice(last.itersiblings(), 4)]
    if block is not None:
        after += itertools.islice(block.itersiblings(), 4)
    return [element for element in after if isinstance(element.tag, str)]


def _no_longer_than_a_line(element: HtmlElement) -> bool:
    """Whether the element's text is no longer than a line (:data:`LINE_CHARS`), read only as
    far as that: an editing line's test is too slow for every container around a story."""
    length = 0
    for text in element.itertext():
        length += len(text.strip())
        if length > LINE_CHARS:
            return False
    return True


#: A line crediting the story's editing, not its writing: "Published by: विजय पुंडीर",
#: "Editor Icha Rastika", "责任编辑 陈斯斯", "편집: 김민수".
_EDITED = re.compile(
    rf"^\s*(?:published\s+by|{_EDITING_LABELS}|{_EDITOR_WORDS})\b(?:\s+by\b)?\s*[{_COLONS}]?\s*"
    rf"(?P<names>[^\W\d_][^{_COLONS}]{{1,60}})$",
    re.IGNORECASE,
)


#: Where the next credit of a byline begins: a separator, a word and a colon.
_NEXT_LABEL = re.compile(rf"[,;|｜]\s*[^\W\d_]+\s*[{_COLONS}]")
#: Class words of a picture's caption or credit, which name who took the picture.
_MEDIA_MARKS = re.compile(r"caption|figure|(?:photo|image|media)-?credit", re.IGNORECASE)
#: Class words of a credit, a picture's when it is set beside one.
_CREDIT_MARKS = re.compile(r"credit|copyright", re.IGNORECASE)


def _in_media(element: HtmlElement) -> bool:
    """In a picture's caption or credit ("<figcaption>…<span class='MediaCaption-credit'>"),
    or in a credit set beside a picture ("<img …><p class='credit'>Klaus-Dietmar Gabbert/dpa
    </p>"): who took the picture, never who wrote the story."""
    return any(
        node.tag in ("figure", "figcaption")
        or _MEDIA_MARKS.search(node.get("class", ""))
        or (_CREDIT_MARKS.search(node.get("class", "")) and _beside_picture(node))
        for node in (element, *element.iterancestors())
    )


def _beside_picture(element: HtmlElement) -> bool:
    """Whether an ``<img>`` or a ``<picture>`` is the element's sibling."""
    siblings = (*element.itersiblings(preceding=True), *element.itersiblings())
    return any(sibling.tag in ("img", "picture") for sibling in siblings)


def _teaser_name(anatomy: Anatomy, name: str) -> bool:
    """Whether the page shows ``name`` only in boxes of other stories or rails beside the
    story (trafilatura takes a teaser's "By JOSEPH KAOS JR" when the story has no byline),
    but a labelled line in the footer of the story's own article, where some sites sign it
    ("Autur: …")."""
    folded = name.casefold()
    shown = [
        element
        for element in anatomy.tree.iter()
        if isinstance(element.tag, str) and folded in _own_text(element).casefold()
    ]
    return bool(shown) and all(
        (anatomy.in_box(element) and not _signs_in_story_footer(anatomy, element))
        or _in_rail(anatomy, element)
        for element in shown
    )


#: The texts of an element outside its pictures' captions and credits (:func:`_in_media`).
_TEXT_OUTSIDE_MEDIA = etree.XPath(
    ".//text()[not(ancestor::figure or ancestor::figcaption or ancestor::*[contains(@class, "
    "'caption') or contains(@class, 'credit')])]"
)


def _shown_as_writer(anatomy: Anatomy, name: str) -> bool:
    """Whether a line of the page outside its pictures and other stories' teasers names
    ``name`` after no label of another credit, by its first and last words with up to two
    words between them, or its words in
    parts of their own ("By <span>Tom</span> <span>Brown</span>" for "Tom J. Brown")."""
    words = name.casefold().split()
    if not words:
        return False
    found = re.compile(
        rf"(?<!\w){re.escape(words[0])}\W+(?:\w+\W+){{0,2}}{re.escape(words[-1])}(?!\w)"
        if len(words) >= 2
        else rf"(?<!\w){re.escape(words[0])}(?!\w)"
    )
    for block in anatomy.tree.iter(*_LINE_BLOCKS):
        # words of elements of their own apart ("<a>…Hætta</a><a>Ola…</a>"), less a picture's
        # caption or credit the block holds
        fits = _no_longer_than_a_line(block)
        line = " ".join(" ".join(_TEXT_OUTSIDE_MEDIA(block)).split()) if fits else ""
        at = found.search(line.casefold())
        if at is None or _in_media(block) or _after_other_label(line[: at.start()]):
            continue
        if not (anatomy.in_box(block) or _in_rail(anatomy, block) or _beside_a_teaser(block)):
            return True  # not another story's teaser: "Jonah Ferris · CBC News" under its link
    return False


def _pictured_only(anatomy: Anatomy, name: str) -> bool:
    """Whether the page shows ``name`` only in a picture's caption or credit."""
    holders = _holders(anatomy, name)
    return bool(holders) and all(map(_in_media, holders))


def _holders(anatomy: Anatomy, name: str) -> list[HtmlElement]:
    """The elements whose own text shows ``name`` to the page's readers."""
    folded = " ".join(name.split()).casefold()
    return [holder for holder, text in _shown_texts(anatomy) if folded in text]


def _shown_texts(anatomy: Anatomy) -> list[tuple[HtmlElement, str]]:
    """The texts a page's readers see, each with the element that holds it, in lower case and
    single spaces: read once a page, for every name looked for, and forgotten with the page."""
    texts = _SHOWN_TEXTS.get(anatomy)
    if texts is None:
        texts = []
        for text in _SHOWN_TEXT(anatomy.tree):
            holder = text.getparent().getparent() if text.is_tail else text.getparent()
            if holder is not None and text.strip():
                texts.append((holder, " ".join(text.split()).casefold()))
        _SHOWN_TEXTS[anatomy] = texts
    return texts


_SHOWN_TEXTS: weakref.WeakKeyDictionary[Anatomy, list[tuple[HtmlElement, str]]] = (
    weakref.WeakKeyDictionary()
)


#: A label before its colon, as a line of credits writes each ("Allikas:", "Toimetaja:"), or a
#: CJK camera's label without one.
_COLON_LABEL = re.compile(rf"([^\W\d_]+)\s*[{_COLONS}]|({_CJK_CAMERA})\s*")
_WRITER_LABEL = re.compile(rf"(?<!\w)(?:{_LABELS})(?!\w)", re.IGNORECASE)
#: A label of the pictures without its colon or "by", right before the name ("…, beeld Jildou
#: Hoekstra", "Pictures by …"; :data:`_OTHER_CREDIT` reads "Photographs by"); pictures' only,
#: as an editor's title before a writer's name is a role ("By Political Editor Tom Baker").
_BARE_OTHER_LABEL = re.compile(
    _NOT_AFTER_TEXT_LABEL + r"(?<!\w)(?:beeld|fotos?|foto's|photos?|pictures\s+by)\s*$",
    re.IGNORECASE,
)


def _beside_a_teaser(block: HtmlElement) -> bool:
    """Whether a line holds another story's headline link, or stands beside one in the element
    that holds both: a list item of related stories, "<li><a>City drops plan to cut library
    hours</a><div>Jonah Ferris · CBC News</div></li>"."""
    holder = block.getparent()
    return any(
        teaser_link(link)
        for element in (block, holder)
        if element is not None
        for link in element.iter("a")
    )


def _credited_otherwise(anatomy: Anatomy, name: str) -> bool:
    """Whether the page shows ``name`` only after the label of another credit than the
    writing, the last label before it on its line: a source's ("Allikas: „Aktuaalne
    kaamera“, ERR-i raadiouudised", which trafilatura reads from an element classed as the
    byline), an editor's or a photo's."""
    folded = " ".join(name.split()).casefold()
    holders = _holders(anatomy, name)
    if len(holders) > _MOST_HOLDERS:
        return False  # a name the page repeats that often is no credit's alone
    blocks = {
        next((n for n in (e, *e.iterancestors()) if n.tag in _LINE_BLOCKS), e) for e in holders
    }
    lines = [" ".join(_text(block).split()) for block in blocks]
    return bool(lines) and all(
        _after_other_label(line[: max(line.casefold().find(folded), 0)]) for line in lines
    )


def _after_other_label(before: str) -> bool:
    """Whether the last label on a line before a name, in its part between bars, credits other
    work than the writing ("Allikas: …", "Foto: …", "攝影 …"), with no label of the writing
    after it ("Foto: AP. By Jane Doe"); or whether the name follows such a label without its
    colon ("…, beeld Jildou Hoekstra", "With files from Jonah Ferris")."""
    before = re.split(r"[|｜;•·]", before)[-1][-LINE_CHARS:]
    label = next(reversed(list(_COLON_LABEL.finditer(before))), None)
    if label is None or label.end() < len(before.rstrip()):
        # no colon: "…, beeld Jildou Hoekstra", "Photographs by Ore Huiying", "With files
        # from Jonah Ferris"
        credit = next(reversed(list(_OTHER_CREDIT.finditer(before))), None)
        if _BARE_OTHER_LABEL.search(before) or (credit and not before[credit.end() :].strip()):
            return True
    if label is None:
        return False
    # a colon's label is read where it stands, after what may make it the writer's too
    # ("Tekst og foto:"); a CJK camera's is one
    other = label[2] is not None or _OTHER_CREDIT.match(before, label.start()) is not None
    return other and _WRITER_LABEL.search(before, label.end()) is None


#: How many times a page may show a name that a credit for other work alone may name.
_MOST_HOLDERS = 12
#: The elements that hold a line of text, the label of a name in a part of its own included.
_LINE_BLOCKS = ("p", "div", "li", "td", "dd")


def _signs_in_story_footer(anatomy: Anatomy, element: HtmlElement) -> bool:
    """Whether the element is a labelled byline line in the footer of the story's article
    ("<p>Autur: <span>…</span></p>"), not a related story's byline nor who posted it."""
    if not anatomy.in_story_footer(element):
        return False
    line = next(
        (node for node in (element, *element.iterancestors()) if node.tag in ("p", "div", "li")),
        element,
    )
    text = _text(line)
    labelled = _LABELLED_LINE.match(text) or _BYLINE_LINE.match(text)
    return (
        bool(labelled)
        and not _POSTED_BY.search(text)
        and not any(anatomy.is_box(node) for node in (line, *line.iterancestors()))
    )


def _in_rail(anatomy: Anatomy, element: HtmlElement) -> bool:
    """In an ``<aside>`` outside the block that holds the headline and the body: a rail of
    other stories, which its headings keep from being chrome; the story's own side column
    (:attr:`Anatomy.side_column`) is not one."""
    aside = next((n for n in (element, *element.iterancestors()) if n.tag == "aside"), None)
    headline, first = anatomy.headline, anatomy.prose.first
    if aside is None or headline is None or first is None:
        return False
    around = set(first.iterancestors())
    story = next((node for node in headline.iterancestors() if node in around), None)
    return (
        story is not None
        and story not in aside.iterancestors()
        and aside not in around
        and element not in anatomy.side_column
    )


def _shown(anatomy: Anatomy, name: str) -> bool:
    """Whether the page shows ``name`` to its readers, anywhere in its text, though its words
    stand in elements of their own ("<span>Jane</span> <span>Doe</span>")."""
    shown = " ".join(" ".join(_SHOWN_TEXT(anatomy.tree)).split()).casefold()
    written = re.escape(" ".join(name.split()).casefold())
    return re.search(rf"(?<!\w){written}(?!\w)", shown) is not None


#: The text of a page's body that its readers see.
_SHOWN_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::template)]"
)
#: A byline that names who posted or updated the story, not who wrote it.
_POSTED_BY = re.compile(
    r"(?<![A-Za-z])(?:posted|submitted|uploaded|updated|published|reviewed|fact[- ]checked)"
    r"\s+by\b",
    re.IGNORECASE,
)


def _linked_person(anatomy: Anatomy, name: str) -> bool:
    """Whether the page links ``name``, a full name as it is written, to the person's page: a
    byline that says surely who wrote the story."""
    if len(name.split()) < 2 and not _WIDE.search(name):
        return False  # "By <a>Jane</a>": a name cut short
    return any(_text(link) == name and _person_link(link) for link in anatomy.tree.iter("a"))


def _own_text(element: HtmlElement) -> str:
    """The text of an element outside its child elements."""
    return clean_line(" ".join(filter(None, [element.text, *(c.tail for c in element)])))


def _aside(element: HtmlElement) -> bool:
    """A part of a byline that gives a role ("author__role", "author-title") or describes
    the writer ("fs-author-desc"), not a name ("credit-title-name"), or that ends with a role
    after the name ("By Denise Thornton <span>HealthDay Reporter</span>"), the desk after it
    at most ("Lead weather presenter, BBC Weather")."""
    marks = element.get("class", "")
    if _ASIDE_MARKS.search(marks) and "name" not in marks.lower():
        return True
    previous, parent = element.getprevious(), element.getparent()
    if previous is not None:
        before = _text(previous) + (previous.tail or "")
    else:
        before = (parent.text or "") if parent is not None else ""
    role = _text(element)
    first = element[0] if len(element) and isinstance(element[0].tag, str) else None
    head, _, desk = role.partition(",")
    if desk and (first is None or _text(first) == head.strip()) and _desk_after_role(desk):
        role = head.strip()  # "<span>Lead weather presenter</span>, BBC Weather"
    return bool(re.search(r"\w", before)) and _ROLE_PART.fullmatch(role) is not None


def _desk_after_role(text: str) -> bool:
    """Whether what follows a role after its comma names a desk or an outlet, by an acronym or
    a word of a medium's name ("BBC Weather", "Tages-Anzeiger Redaktion"), not a person."""
    words = text.split()
    return bool(words) and (
        any(len(word) >= 2 and word.isupper() for word in words) or _names_an_outlet(text)
    )


def _beside(element: HtmlElement) -> bool:
    """A part set beside a byline's names: its date (a ``<time>``, or a part that says so),
    another field given as "label: value" ("Last Updated: May 5, 2024", "发布于: 浙江省"), a
    share or copy-link button (by its class or its words: "Share", "Save"), a link to more of
    the writer's stories, a link to the story's category or tags, a field of a few words and
    a number, or the name of the story's section as the page's breadcrumbs link it ("India
    News")."""
    marks = f"{element.get('class', '')} {element.get('itemprop', '')} {element.get('id', '')}"
    rel = (element.get("rel") or "").lower().split()
    if "fn" in element.get("class", "").split():
        return False  # an hCard's name, though its link is classed "url" ("url fn")
    text = _text(element)
    return (
        element.tag == "time"
        or bool(_DATE_MARKS.search(marks) or _BUTTON_MARKS.search(marks))
        or _MORE_BY.search(text) is not None
        or _BUTTON_WORDS.fullmatch(text) is not None
        or bool({"tag", "category"} & set(rel))
        or _other_field(text)
        or _NUMBERED_FIELD.fullmatch(text) is not None
        or text in _sections(element.getroottree().getroot())
    )


#: A field of a few words and a number: the story's number in the CMS ("کد خبر ۸۵۴۳۲۱", "Story
#: ID 48213"), its views or comments.
_NUMBERED_FIELD = re.compile(r"\D{1,24}?\s*[\d.,]*\d{3,}")


#: Links of a page's breadcrumbs, which name its sections (a menu may list columnists too).
_SECTION_LINKS = etree.XPath("//*[contains(@class, 'breadcrumb')]//a")


#: Each page's section names, read once though asked of each part of each byline, and kept
#: only as long as the page.
_PAGE_SECTIONS: weakref.WeakKeyDictionary[HtmlElement, frozenset[str]] = weakref.WeakKeyDictionary()


def _sections(root: HtmlElement) -> frozenset[str]:
    """The names of the sections a page's breadcrumbs link (not its people)."""
    sections = _PAGE_SECTIONS.get(root)
    if sections is None:
        sections = frozenset(
            text
            for link in _SECTION_LINKS(root)
            if (text := _text(link)) and not _person_link(link)
        )
        _PAGE_SECTIONS[root] = sections
    return sections


#: A field given as "label: value".
_FIELD = re.compile(rf"^([^{_COLONS}]{{1,30}})[{_COLONS}]\s*\S")


def _other_field(text: str) -> bool:
    """A "label: value" pair whose label is no credit's ("Last Updated: …", "发布于: …"), though
    "By: …", "Autorin: …" or "Fotos: …" are."""
    field = _FIELD.match(text)
    return (
        field is not None
        and _LEADING_LABEL.match(field[1]) is None
        and _OTHER_CREDIT.search(text) is None
    )


#: Buttons beside a byline.
#: The words of buttons set beside a byline: "Share", "Save", "Teilen", "Merken".
_BUTTON_WORDS = re.compile(
    r"(?:(?:share|save|print|email|e-mail|bookmark|listen|follow|copy\s+link|teilen|merken|"
    r"drucken|partager|imprimer|compartir|guardar|imprimir|condividi|salva|stampa|delen|"
    r"opslaan|dela|spara)\s*)+",
    re.IGNORECASE,
)
#: A link to more of the writer's stories: "이하늘 기자의 기사모음", "기자 다른 기사 보기",
#: "More stories by Jane Doe", "Weitere Artikel".
_MORE_BY = re.compile(
    r"기사\s?모음|다른\s?기사|기사\s?보기|他の記事|更多文章|"
    r"\b(?:more|all)\s+(?:stories|articles|posts)\b|weitere\s+artikel|plus\s+d['’]articles|"
    r"más\s+artículos|altri\s+articoli|outros\s+artigos",
    re.IGNORECASE,
)
_BUTTON_MARKS = re.compile(r"share|social|follow|url|copy|button|btn|print|mail", re.IGNORECASE)


def _name_text(element: HtmlElement) -> str:
    """The text of a byline part, less a role, a place, a date or a button set in an
    element of its own (:func:`_aside`, :func:`_beside`), with a space between elements,
    which a page's style sets apart ("<h6>Penulis</h6><a>Isna Rahayu</a>",
    "<span>Dani Cohen</span><span>05.06.24</span>")."""

    def pieces(node: HtmlElement) -> Iterator[str]:
        yield node.text or ""
        for child in node:
            if isinstance(child.tag, str) and not _aside(child) and not _beside(child):
                yield " "
                yield from pieces(child)
                yield " "
            yield child.tail or ""

    return clean_line("".join(pieces(element)))


def _apart_from_agency(name: str) -> list[str]:
    """A name and the agency set after it without a comma, as wire copy's JSON-LD writes them
    ("SARAH KELLMAN Associated Press"): the agency is credited apart. Only an agency of the
    table and of two words or more, or of one word after a name in mixed case, is cut: a
    word in capitals after a name in capitals may be its own ("KIM JONG UN"), and so may one
    of a script without cases ("محمد علي فارس", though Fars is an agency too)."""
    words = name.split()
    for size in range(min(3, len(words) - 2), 0, -1):
        agency = words[-size:]
        # one word only after a name in mixed case, and not one that is also a name's
        # ("Nicolás Fernández Mena")
        if name_key(" ".join(agency)) in _AGENCIES and (
            size > 1 or (name != name.upper() and _is_agency(agency[0]))
        ):
            return [" ".join(words[:-size]), " ".join(agency)]
    return [name]


def _is_agency(name: str) -> bool:
    """A news agency: a known one, or an acronym of up to four capitals ("AFP", "EFE", "CNN").
    Agencies whose names are also given names count unless written as one ("ANI", "sid", not
    "Ani")."""
    if name_key(name) in _GIVEN_NAME_AGENCIES and name.istitle():
        return False
    # five capitals are as often a city ("ABUJA", "ACCRA") as an agency the table lacks
    return _known_agency(name) or (2 <= len(name) <= 4 and name.isupper() and name.isalpha())


def _listed_agency(name: str) -> bool:
    """An agency of the table, as :func:`_is_agency` reads it ("Ria" is a given name)."""
    return _known_agency(name) and _is_agency(name)


def _known_agency(name: str) -> bool:
    """An agency of the table (:data:`_AGENCIES`); the word "agency" before one is part of its
    name ("Agência Lusa")."""
    return name_key(_AGENCY_WORD.sub("", name)) in _AGENCIES


#: Agencies whose names are also given names or surnames, read as agencies unless written as a
#: name ("Ani", "Mena").
_GIVEN_NAME_AGENCIES = {"ani", "sid", "ria", "mena", "petra", "ena", "andina", "tap"}
_AGENCY_WORD = re.compile(rf"^(?:{'|'.join(sorted(_AGENCY_WORDS))})\s+(?=\S)", re.IGNORECASE)


def _person_link(link: HtmlElement) -> bool:
    href = (link.get("href") or "").lower()
    return (
        "author" in (link.get("rel") or "").lower()
        or bool(PERSON_LINK.search(urlsplit(href).path))
        or href.startswith("mailto:")
    )


def _writer_page(link: HtmlElement) -> bool:
    """Whether a link goes to one writer's page ("/author/jane-smith/"), not to an address
    ("mailto:"), nor to the list of them ("/staff/")."""
    path = urlsplit((link.get("href") or "").lower()).path
    found = PERSON_LINK.search(path)
    return found is not None and bool(path[found.end() :].strip("/"))


def _page_named_after(link: HtmlElement) -> bool:
    """A link to a page whose address names the link's text of two words or more, as a
    person's page is named ("Kate Lindqvist" and ``/news/kate-lindqvist/1234``)."""
    text = without_marks(_text(link)).casefold()
    slug = re.sub(r"\W+", "-", text).strip("-")
    path = unquote(urlsplit(link.get("href") or "").path).casefold()
    return len(text.split()) >= 2 and slug in path.split("/")


def _text(element: HtmlElement) -> str:
    return clean_line("".join(element.itertext()))


def jsonld_people(
    value: Any, resolve: Callable[[Any], Any], *, organisations: bool = False
) -> Iterator[str]:
    """The name of each JSON-LD ``author`` entry, ``@id`` references resolved, HTML entities
    decoded (CMSs escape JSON strings, and nobody decodes them). Entries typed as anything but
    a person are organisations: left out, or, with ``organisations``, the only ones given."""
    value = resolve(value)
    if isinstance(value, str):
        if not organisations:
            yield unescape(value)
    elif isinstance(value, list):
        for item in value:
            yield from jsonld_people(item, resolve, organisations=organisations)
    elif isinstance(value, dict):
        if _organisation_node(value) != organisations:
            return
        name = value.get("name")
        if isinstance(name, list):
            # one node for several people: {"@type": "Person", "name": ["A", "B"]}
            yield from (unescape(n) for n in name if isinstance(n, str))
            return
        if not isinstance(name, str) and isinstance(value.get("givenName"), str):
            name = f"{value['givenName']} {value.get('familyName') or ''}"
        if isinstance(name, str):
            yield unescape(name)


def _organisation_node(node: dict[str, Any]) -> bool:
    """A JSON-LD node typed as an organisation (Organization, NewsMediaOrganization…), a
    brand or a site, and not also as a Person (in any case: Hearst writes "person"). A Thing
    may be either: the Times of India's desk "TNN" is one, and its capitals make it an
    agency-like credit anyway."""
    raw = node.get("@type")
    types = [name for name in (raw if isinstance(raw, list) else [raw]) if isinstance(name, str)]
    return not any(name.casefold().endswith("person") for name in types) and any(
        name.casefold().endswith(("organization", "organisation", "corporation", "ngo"))
        or name.casefold() in ("brand", "website", "webpage")
        for name in types
    )
