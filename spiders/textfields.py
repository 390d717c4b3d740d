"""Text as the reader sees it: no invisible characters, one kind of space.

Pages carry characters nobody sees: soft hyphens that a CMS puts into long German words,
zero-width spaces, byte-order marks and bidirectional marks pasted from word processors. Left
in the index they break search ("Bundes\u00adregierung" never matches "Bundesregierung") and
make names that look equal compare unequal. Every text field of an article passes through here.

Zero-width joiner and non-joiner (U+200C, U+200D) stay: Persian, Hindi and emoji sequences
need them to be spelled right. Only Malayalam's chillu letters written the old way (a
consonant, a virama and a joiner) become the letters Unicode encodes since 5.1 ("ലേഖകൻ"), so
that both spellings of a word are one. Written by hand because it is a few regular
expressions; neither w3lib nor trafilatura offers exactly this (trafilatura's own cleaning
keeps soft hyphens).
"""

from __future__ import annotations

import re
import unicodedata

#: Soft hyphen, Mongolian vowel separator, zero-width space, left-to-right and right-to-left
#: marks, bidirectional embeddings and isolates, word joiner, invisible operators, BOM.
INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# The same characters one by one: testing for each with ``in`` is some fifty times faster than
# a regular expression over a whole article, and most texts have none.
_INVISIBLE_CHARS = (
    "\u00ad\u180e\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062"
    "\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)


#: Malayalam's chillu letters as a consonant, a virama and a zero-width joiner, and as the
#: letters Unicode 5.1 encodes.
_OLD_CHILLU = re.compile("([\u0d23\u0d28\u0d30\u0d32\u0d33\u0d15])\u0d4d\u200d")
_CHILLU = dict(
    zip("\u0d23\u0d28\u0d30\u0d32\u0d33\u0d15", "\u0d7a\u0d7b\u0d7c\u0d7d\u0d7e\u0d7f", strict=True)
)


def _visible(text: str) -> str:
    if text.isascii():
        return text
    if "\u0d4d\u200d" in text:
        text = _OLD_CHILLU.sub(lambda found: _CHILLU[found[1]], text)
    if not any(char in text for char in _INVISIBLE_CHARS):
        return text
    return INVISIBLE.sub("", text)


def clean_line(text: str) -> str:
    """One line of text: invisible characters removed (and Malayalam's old chillus made its
    chillu letters), every run of spaces (no-break and other Unicode spaces, tabs, newlines)
    one ASCII space, no space at either end."""
    return " ".join(_visible(text).split())


def clean_field(text: str | None) -> str | None:
    """:func:`clean_line` of an optional field; None when nothing visible is left."""
    if text is None:
        return None
    return clean_line(text) or None


def clean_text(text: str, *, lines_clean: bool = False) -> str:
    """Body text: each line cleaned as by :func:`clean_line`, blank lines dropped.

    ``lines_clean`` says the lines already are (a marked-up body, spaced block by block), so
    only invisible characters are looked for, which is most of the cost saved on a long text.
    """
    visible = _visible(text)
    if lines_clean and visible is text:
        return text
    lines = (" ".join(line.split()) for line in visible.split("\n"))
    return "\n".join(line for line in lines if line)


#: Characters of scripts written without spaces between words (Chinese, Japanese kana).
UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_words(text: str) -> int:
    """The words of a clean text (:func:`clean_text`): its runs between spaces, and each
    Chinese or Japanese character (:data:`UNSPACED`), as word processors count them; in a
    text holding such characters, the runs of letters and digits between them."""
    if text.isascii() or not UNSPACED.search(text):
        return text.count(" ") + text.count("\n") + 1 if text else 0
    characters = len(UNSPACED.findall(text))
    return characters + len(re.findall(r"[^\W_]+", UNSPACED.sub(" ", text)))


def without_marks(text: str) -> str:
    """``text`` without combining marks and format characters: Arabic vowel signs ("نُشر" is
    "نشر"), joiners; for looking words up, never for showing them."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) not in ("Mn", "Cf"))
