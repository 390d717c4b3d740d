"""The parts of a news page a reader tells apart at a glance, found in its markup.

A reader sees one main headline, a byline and a dateline close to it (some layouts set them
in a side column beside it), a long body of prose, and boxes around them that are not the
story: navigation, teasers of other articles, related links, comments. Detection asks whether
a page has these parts; extraction reads the byline and the dateline only where a reader
would (the zone around the headline, and the top of the story's own side column), so a
teaser's date or a commenter's name is never taken for the article's.

Written by hand: trafilatura and readability find the body text but expose neither the
headline element nor the zone around it, and no library marks teaser or comment boxes in a
tree we keep using. Everything works on the lxml tree the caller parsed once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Own characters (without link text) that make a ``<p>`` or a ``<br>``-separated stretch of
#: text a paragraph of prose rather than a caption or a label.
PARAGRAPH_CHARS = 40
#: Characters of one line of text at most: a byline, a line of credits or of the story's
#: details, a note under it, a date's element; a longer text is a paragraph, or holds several
#: lines. The anatomy weighs them, as all its lengths (:func:`weighted_length`).
LINE_CHARS = 200
#: Characters of a short line, which may be a dateline or a byline though no class says so
#: ("17. Mai 2024, 14:30 Uhr · 3 Min.", "Por Ana Gómez y Luis Pérez"), unless its date
#: comes first.
SHORT_LINE_CHARS = 120

#: Page chrome. Such an element is chrome only when it does not hold the story itself: some
#: CMSs wrap the whole page in a ``<header>`` or an ASP.NET ``<form>``.
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form")
_CHROME_XPATH = lxml.etree.XPath(
    " | ".join(f"//{tag}[not(.//h1 or .//h2 or .//article or .//main)]" for tag in _CHROME_TAGS)
)

#: Class or id words of boxes that hold other articles, comments or page furniture.
BOX_CLASS = re.compile(
    r"(?:^|[\s_-])(?:related|relacionad[ao]s?|correlat[ie]|verwandt|teasers?|recommend\w*|"
    r"read-?(?:more|also|next)|more-?(?:news|stories|articles|from)|also|popular|trending|"
    r"most-?(?:read|viewed|popular)|latest|recent|comments?|forum|disqus|replies|kommentare?|commentaires?|"
    r"comentarios?|sidebar|widget|newsletter|promo|advert\w*|ads?|outbrain|taboola|"
    r"sharing|share|social|breadcrumbs?|menu|navbar|navigation|tags?|"
    r"listing|cards?|carousel|slider|ticker|top-?stories|headlines)(?:$|[\s_-])",
    re.IGNORECASE,
)

#: Class words that name a byline's element, and seldom anything else: "article-byline",
#: "authorline", "autor", "auteur"; part of a class name, as templates join them to others.
BYLINE_WORDS = r"byline|author|auther|autor|auteur"
BYLINE_CLASS = re.compile(BYLINE_WORDS, re.IGNORECASE)
#: Those and the words of a story's signature or credit, which name other things too: "firma"
#: (also a company), "credit" (also a picture's).
CREDIT_WORDS = rf"{BYLINE_WORDS}|firma|credit"

#: Sharing buttons, and the words of a story's own line of details: a bar named for both
#: ("news-info-share", "entry-meta social", "time-share") holds the byline and the date beside
#: the buttons.
_SHARING = re.compile(r"(?:^|(?<=[\s_-]))(?:sharing|share|social)(?=$|[\s_-])", re.IGNORECASE)
#: Elementor, the page builder of WordPress, calls every block of a page a widget, the story's
#: title, details and text too ("elementor-widget elementor-widget-post-info", with an
#: "elementor-widget-container" inside): those of the story's own parts are no box; the
#: others, a grid of posts, comments or sharing buttons ("elementor-widget-posts"), are.
_BUILDER_WIDGET = re.compile(
    r"elementor-widget(?=$|\s|-(?:container|wrap|heading|text-editor|image|icon-list|divider|"
    r"spacer|breadcrumbs|author-box|post-info|theme-post-[\w-]+)(?:$|\s))"
)
_STORY_INFO = re.compile(
    rf"(?:^|[\s_-])(?:info|meta|{BYLINE_WORDS}|dateline|date|time|details)(?:$|[\s_-])",
    re.IGNORECASE,
)


def _classed_as_box(element: HtmlElement) -> bool:
    """Whether the element's class or id names a box of other articles, comments or page
    furniture (:data:`BOX_CLASS`), and not the story's own bar of details that also holds
    its sharing buttons. Whether it is one depends on the story (:meth:`Anatomy.is_box`), but
    the story's own lines, tested while its prose is still being found (:func:`_fields`,
    :func:`_details_line`), never wrap that prose: for them the class decides."""
    marks = _BUILDER_WIDGET.sub("elementor", f"{element.get('class', '')} {element.get('id', '')}")
    if not BOX_CLASS.search(marks):
        return False
    return not _STORY_INFO.search(marks) or bool(BOX_CLASS.search(_SHARING.sub(" ", marks)))


#: Elements whose text no reader sees.
_NOT_SHOWN = {
    "head", "meta", "link", "title", "script", "style", "noscript", "template", "svg", "html",
    "body", "iframe", "button", "select", "option", "input", "textarea",
}  # fmt: skip
#: The text a reader sees in the page's body.
_SHOWN_TEXT = lxml.etree.XPath(
    "//body//text()[normalize-space()][not("
    + " or ".join(f"ancestor::{tag}" for tag in sorted(_NOT_SHOWN - {"html", "body"}))
    + ")]"
)
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
}  # fmt: skip
# Text-heavy scripts write a word in one to three characters: weigh them so a Chinese
# paragraph counts about as much prose as a Latin-script one of the same content.
_WIDE_CHARS = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_WORDS = re.compile(r"\w+")


def weighted_length(text: str) -> int:
    """Characters of ``text``, CJK characters and Hangul syllables counting three."""
    if text.isascii():
        return len(text)
    return len(text) + 2 * len(_WIDE_CHARS.findall(text))


def outermost_holder(element: HtmlElement) -> HtmlElement:
    """The outermost element that holds ``element`` and nothing else, no text of its own
    either, where ``element`` is the last of its parent: what stands beside the span in
    "<li><a><span>May 17, 2024</span></a></li><li>3:45 pm</li>" stands beside that ``<li>``."""
    while element.getnext() is None and not (element.tail or "").strip():
        parent = element.getparent()
        if parent is None or (parent.text or "").strip() or len(parent) != 1:
            break
        element = parent
    return element


def squash(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> set[str]:
    """Comparable units of a headline: words, or characters for scripts without spaces."""
    folded = text.casefold()
    units = set(_WORDS.findall(folded))
    if _WIDE_CHARS.search(folded):
        units |= set(_WIDE_CHARS.findall(folded))
    return units


def _within(text: str, other: str) -> bool:
    """Whether a text of three words or more has nearly all its words in the other: a
    headline in a ``<title>`` that adds the site's name and more ("Site » Blog Archive »
    Headline")."""
    mine = words(text)
    return len(mine) >= 3 and len(mine & words(other)) >= 0.9 * len(mine)


def likeness(text: str, other: str) -> float:
    """Share of the shorter text's words found in the other: 1.0 when one contains the other."""
    mine, theirs = words(text), words(other)
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / min(len(mine), len(theirs))


def sameness(text: str, other: str) -> float:
    """Share of the longer text's words found in the other: a site's name is contained in
    the ``<title>`` it ends, but is not the same text."""
    mine, theirs = words(text), words(other)
    if not mine or not theirs:
        return 0.0
    return len(mine & theirs) / max(len(mine), len(theirs))


@dataclass
class Prose:
    """The largest block of prose: its container, weighted characters and paragraphs."""

    container: HtmlElement | None = None
    chars: int = 0
    paragraphs: int = 0
    first: HtmlElement | None = None  # its first paragraph (or the container, for bare text)
    last: HtmlElement | None = None
    standfirst: HtmlElement | None = None  # a paragraph above the byline, before ``first``


@dataclass
class _Block:
    chars: int = 0
    paragraphs: int = 0
    members: list[HtmlElement] = field(default_factory=list)


class Anatomy:
    """One page's headline, body and the zone around the headline, each found on first use.

    ``headline_hints`` are the headlines the page's metadata gives (og:title, JSON-LD
    ``headline``, ``<title>``); they pick the main headline among several ``<h1>``.
    """

    def __init__(
        self, tree: HtmlElement, url: str = "", headline_hints: Sequence[str] = ()
    ) -> None:
        self.tree = tree
        self.url = url
        self.path = urlsplit(url).path
        self.query = _query_pairs(urlsplit(url).query)
        self.hints = [hint for hint in headline_hints if hint and hint.strip()]

    # The body --------------------------------------------------------------------------------

    @property
    def chrome(self) -> set[HtmlElement]:
        """Page chrome (:data:`_CHROME_TAGS`) that does not hold the story. An element around
        the story's prose that wraps the page is no chrome, whatever else it holds: an ASP.NET
        ``<form id="form1">`` around a story headlined in a ``<span>``."""
        return self._chrome_and_blocks[0]

    def in_chrome(self, element: HtmlElement) -> bool:
        return _inside(element, self.chrome)

    @cached_property
    def _chrome_and_blocks(self) -> tuple[set[HtmlElement], dict[HtmlElement, _Block]]:
        """:attr:`chrome`, and the blocks of prose outside it (:meth:`_blocks`). When all the
        prose is in chrome, chrome around its longest block that wraps the page
        (:meth:`_wraps_page`) is no chrome."""
        chrome = set(_CHROME_XPATH(self.tree))
        blocks = self._blocks(chrome)
        if chrome and not blocks:
            everywhere = self._blocks(set())
            if everywhere:
                container = max(everywhere.items(), key=lambda item: item[1].chars)[0]
                around = chrome & {container, *container.iterancestors()}
                chrome -= {element for element in around if self._wraps_page(element, chrome)}
                blocks = {
                    parent: block
                    for parent, block in everywhere.items()
                    if not _inside(block.members[0], chrome)
                }
        return chrome, blocks

    def _wraps_page(self, element: HtmlElement, chrome: set[HtmlElement]) -> bool:
        """Whether all the text the page shows is in ``element`` or in chrome beside it: an
        ASP.NET ``<form>`` around the page wraps it, with or without a ``<footer>`` after
        it, but a footer whose legal notice is the only prose of a page of teasers does not."""
        beside = chrome - {element, *element.iterancestors()}
        inside = {*element.iter(), *(node for other in beside for node in other.iter())}
        for text in _SHOWN_TEXT(self.tree):
            holder = text.getparent()
            if text.is_tail:
                holder = holder.getparent()
            if holder not in inside:
                return False
        return True

    def _blocks(self, chrome: set[HtmlElement]) -> dict[HtmlElement, _Block]:
        """The blocks of sibling paragraphs outside ``chrome``, by their parent (:attr:`prose`)."""
        blocks: dict[HtmlElement, _Block] = {}
        for paragraph in self.tree.iter("p"):
            own = _own_length(paragraph)
            if own >= PARAGRAPH_CHARS and not _inside(paragraph, chrome) and not _fields(paragraph):
                block = blocks.setdefault(paragraph.getparent(), _Block())
                block.chars += own
                # A <p> that holds the story's paragraphs between <br>s counts each of them.
                broken = paragraph.find("br") is not None
                stretches = _br_stretches(paragraph) if broken else []
                block.paragraphs += max(1, sum(n >= PARAGRAPH_CHARS for n in stretches))
                block.members.append(paragraph)
        # Some CMSs write paragraphs as <div>s of text: a div of inline content only is one.
        for div in self.tree.iter("div"):
            if div.text is None and len(div) == 0:
                continue
            if any(isinstance(c.tag, str) and c.tag not in _INLINE for c in div):
                continue
            own = _own_length(div)
            if own >= PARAGRAPH_CHARS and not _inside(div, chrome) and not _fields(div):
                block = blocks.setdefault(div.getparent(), _Block())
                block.chars += own
                block.paragraphs += 1
                block.members.append(div)
        # each parent of <br>s once: a cell of an old template may hold a thousand lines
        for parent in dict.fromkeys(br.getparent() for br in self.tree.iter("br")):
            if parent is None or parent.tag == "p":
                continue
            stretches = [n for n in _br_stretches(parent) if n >= PARAGRAPH_CHARS]
            if len(stretches) < 2 or _inside(parent, chrome):
                continue
            # text between <br>s beside a block of its own elements (a picture's caption) is
            # the story when it holds more prose than they do
            if parent not in blocks or blocks[parent].chars < sum(stretches):
                blocks[parent] = _Block(sum(stretches), len(stretches), [parent])
        return blocks

    @cached_property
    def prose(self) -> Prose:
        """The block of sibling paragraphs (``<p>``, or text between ``<br>``, also inside one
        ``<p>``) with most prose. A line of short fields (:func:`_fields`) is none, and the
        body begins below such a line or a byline (:func:`_details_line`) set after its first
        paragraph, a standfirst; it ends above a note under the story's byline
        (:func:`_note_under`).

        Link text does not count: a paragraph that is all link is navigation, not prose.
        """
        blocks = self._chrome_and_blocks[1]
        if not blocks:
            return Prose()
        container, best = max(blocks.items(), key=lambda item: item[1].chars)
        first, last, standfirst = best.members[0], best.members[-1], None
        if len(best.members) > 1 and any(map(_details_line, _between(first, best.members[1]))):
            # a standfirst above the line of the date and byline
            standfirst, first = first, best.members[1]
        if len(best.members) > 2 and _note_under(best.members[-2], last):
            last = best.members[-2]
        return Prose(container, best.chars, best.paragraphs, first, last, standfirst)

    # The headline ----------------------------------------------------------------------------

    @property
    def headline(self) -> HtmlElement | None:
        """The main headline: the ``<h1>`` (or ``itemprop=headline``) the metadata agrees with,
        else the only one, else the last before the body. Failing those, or when the only
        ``<h1>`` is one the metadata does not name (an old theme's site name), another heading
        the metadata names (``<h2>``, ``<h3>``, bold text, an element classed as a title);
        failing that, the page's one element classed as a title."""
        return self._headline[0]

    @property
    def headline_certain(self) -> bool:
        """Whether :attr:`headline` was the page's only candidate or the metadata named it."""
        return self._headline[1]

    @cached_property
    def _headline(self) -> tuple[HtmlElement | None, bool]:
        found = _HEADLINES(self.tree)
        if len(found) == 1 and any(sameness(_visible_text(found[0]), h) >= 0.5 for h in self.hints):
            return found[0], True  # the one <h1>, and the metadata agrees: no need to look closer
        candidates = [
            element
            for element in found
            if _visible_text(element) and not self.in_chrome(element) and not _is_logo(element)
        ]
        if not candidates:
            named = self._named_heading()
            if named is not None:
                return named, True
            # No heading the metadata names: a heading classed as one, if the page has only
            # one ("<div class='newstitle'>" under a <title> that is only the site's name).
            titled = [e for e in _TITLED_HEADINGS(self.tree) if self._could_head(e)]
            if len(titled) == 1:
                return titled[0], True
            if not titled:
                big = self._biggest_type()
                return (big, True) if big is not None else (None, False)
            return None, False
        if len(candidates) == 1:
            if self._names_the_site(candidates[0]):
                # The one <h1> is the site's name (an old theme's header): another heading
                # may be the one the metadata names.
                named = self._named_heading()
                if named is not None:
                    return named, True
            return candidates[0], True
        if self.hints:
            scores = [
                max(sameness(_visible_text(c), hint) for hint in self.hints) for c in candidates
            ]
            best = max(scores)
            if best >= 0.5:
                # Of equals (a logo named like the site, which a hint also names), the one
                # closest above the body.
                return self._nearest_body(
                    [c for c, s in zip(candidates, scores, strict=True) if s == best]
                ), True
        return self._nearest_body(candidates), False

    def _biggest_type(self) -> HtmlElement | None:
        """The one line set in the page's biggest type, of size 4 or more, that could head the
        story, as table layouts set a headline with no heading and no class (``<font
        size="5"><b>…</b></font>``); None when two lines share the biggest size. On a page
        that sizes no such line so, the biggest line just above the story in a class its own
        style sheet makes 18 pixels or more (``.hd { font-size: 20px }`` … ``<span
        class="hd">``; of equals, the nearest), not a link: a masthead or a tagline sized so
        stands further up."""
        sized = [
            (size, element)
            for element in _SIZED_TYPE(self.tree)
            if (size := _font_size(element.get("size", ""))) >= 4 and self._could_head(element)
        ]
        if sized:
            biggest = max(size for size, _ in sized)
            top = [element for size, element in sized if size == biggest]
            return top[0] if len(top) == 1 else None
        first = self.prose.first
        if first is None:
            return None
        styled = [
            (pixels, element)
            for pixels, element in self._styled_type()
            if self._could_head(element)
            and self.order[first] - self.order[element] <= _STYLED_HEADLINE_REACH
            and not IN_LINK(element)
        ]
        if not styled:
            return None
        largest = max(pixels for pixels, _ in styled)
        return [element for pixels, element in styled if pixels == largest][-1]

    def _styled_type(self) -> Iterator[tuple[float, HtmlElement]]:
        """Elements of a class the page's ``<style>`` sizes to a headline's type (18 pixels or
        more; a rule's last class in its selector), in document order, with that size."""
        classes: dict[str, float] = {}
        for sheet in _STYLE_SHEETS(self.tree):
            # rule by rule, split by hand: a pattern for a whole rule reads a long sheet
            # without braces (a hostile page's) in time that grows with its square
            for block in sheet.split("}"):
                selectors, brace, rules = block.rpartition("{")
                size = _css_pixels(rules) if brace else None
                if size is None or size < _BIG_TYPE:
                    continue
                for selector in selectors.split(","):
                    last = _LAST_CLASS.search(selector)
                    if last is not None:
                        classes[last[1]] = size
        if classes:
            for element in _CLASSED(self.tree):
                sizes = [classes[c] for c in element.get("class", "").split() if c in classes]
                if sizes:
                    yield max(sizes), element

    def _named_heading(self) -> HtmlElement | None:
        """The first heading below ``<h1>`` (an ``<h2>`` to ``<h5>``, an element classed as a
        title, or bold text) whose text the metadata's headlines name; of such a heading and
        one inside it, the inner one when it is named at least as closely (the ``<h4>`` in a
        ``div.view-headline`` that also holds the programme's name and the dates). A heading
        only part of a headline names (a kicker, "Wohnungsnot in Zürich" of "Wohnungsnot in
        Zürich: Stadt kauft Hochhaus") gives way to a later one a headline names whole."""
        named, closeness = None, 0.0
        for element in _OTHER_HEADINGS(self.tree):
            if named is not None and named not in element.iterancestors() and closeness >= 0.6:
                break  # past the first named heading and the headings inside it
            text = _visible_text(element)
            # "Site » Blog Archive » Headline" names the headline too
            if not self._could_head(element) or not any(
                sameness(text, hint) >= 0.6 or _within(text, hint) for hint in self.hints
            ):
                continue
            score = max(sameness(text, hint) for hint in self.hints)
            if score >= closeness:
                named, closeness = element, score
        return named

    def _could_head(self, element: HtmlElement) -> bool:
        """A headline's length, above the story's first paragraph, outside chrome and boxes."""
        first = self.prose.first
        return (
            8 <= len(_visible_text(element)) <= 400
            and (
                first is None
                or self.order[element] < self.order[first]
                or first in element.iterancestors()  # text between <br>s, the headline in it
            )
            and not self._boxed(element, set())
            and not self._links_by_other_query(element)
        )

    def _names_the_site(self, heading: HtmlElement) -> bool:
        """Whether ``heading`` is the part of a ``<title>`` that is not its headline: the
        site's name ("The Millerville Gazette » Blog Archive » Memorial Day parade…")."""
        text = _visible_text(heading)
        for hint in self.hints:
            parts = title_parts(hint)
            if (
                len(parts) > 1
                and sameness(text, hint) < 0.5
                and any(sameness(text, part) >= 0.8 for part in parts)
            ):
                return True
        return False

    def _nearest_body(self, candidates: list[HtmlElement]) -> HtmlElement:
        """The last candidate above the body's first paragraph, else the first candidate."""
        first = self.prose.first
        if first is not None:
            before = [c for c in candidates if self.order[c] < self.order[first]]
            if before:
                return before[-1]
        return candidates[0]

    @cached_property
    def headline_text(self) -> str | None:
        """The headline's text, without a kicker line set inside it ("Verkehr", "Analyse"):
        one classed as such, or beside a part of the headline element that the metadata names
        whole where it does not name the whole ("<span>Streit ums Heizungsgesetz</span><span>
        Ampel streitet über Ausnahmen</span>", JSON-LD's headline the second)."""
        headline = self.headline
        if headline is None:
            return None
        text = _visible_text(headline)
        for kicker in self.kickers:
            rest = text.replace(_visible_text(kicker), "", 1).strip(" :|-\u2013\u2014")
            if rest:
                text = squash(rest)
        if self.hints and not any(sameness(text, hint) >= _NAMED for hint in self.hints):
            parts = [_visible_text(child) for child in headline if isinstance(child.tag, str)]
            named = [p for p in parts if any(sameness(p, h) >= _NAMED for h in self.hints)]
            if len(parts) >= 2 and len(named) == 1:
                return named[0]
        return text

    @cached_property
    def kickers(self) -> list[HtmlElement]:
        """Kicker lines set inside the headline element, named by a class or, where classes
        are hashed, by a data attribute ("<span class='css-1tuo7hh' data-manual='kicker'>")."""
        if self.headline is None:
            return []
        return [
            child
            for child in self.headline
            if isinstance(child.tag, str)
            and any(
                KICKER_CLASS.search(value)
                for name, value in child.items()
                if name == "class" or name.startswith("data-")
            )
        ]

    # Around the headline -----------------------------------------------------------------------

    @cached_property
    def order(self) -> dict[HtmlElement, int]:
        return {element: i for i, element in enumerate(self.tree.iter())}

    def zone(self, before: int = 12, after: int = 60, *, tail: bool = True) -> list[HtmlElement]:
        """Elements where bylines and datelines sit, in document order: a few before the
        headline (a kicker line), those after it up to the body's first paragraph (at most
        ``after``), and with ``tail`` a few right after the body. Elements inside boxes of
        other articles, comments or chrome are left out, and so is a standfirst."""
        order = self.order
        elements = list(order)
        anchor = self.headline
        prose = self.prose
        if anchor is None and prose.first is None:
            return []
        start = order[anchor] if anchor is not None else order[prose.first] - after
        end = order[prose.first] if prose.first is not None else start + after
        if end <= start or end - start > after:
            end = start + after
        # Up to the body's first paragraph, which is the story, not its dateline.
        indexes = list(range(max(0, start - before), min(len(elements), end)))
        if tail and prose.last is not None:
            end_of_body = order[prose.last] + sum(1 for _ in prose.last.iter())
            indexes += range(end_of_body, min(len(elements), end_of_body + 10))
        keep_out = set(anchor.iterancestors()) if anchor is not None else set()
        # the story's own text above its byline, whose dates are the story's
        standfirst = set(prose.standfirst.iter()) if prose.standfirst is not None else set()
        found = []
        for index in indexes:
            element = elements[index]
            if (
                isinstance(element.tag, str)
                and element.tag not in _NOT_SHOWN
                and element not in standfirst
                and not self._boxed(element, keep_out)
            ):
                found.append(element)
        return found

    @cached_property
    def side_column(self) -> list[HtmlElement]:
        """The top of the story's own side column, in document order.

        Some layouts set the byline and the date in a column beside the headline and the body.
        The markup writes that column before or after the main one, far from the headline, and
        it is an ``<aside>`` or a sidebar, which :meth:`zone` leaves out as page furniture. Only
        a column inside the page's one ``<article>``, which holds both the headline and the
        body, counts: a sidebar of the site holds other stories' dates. Boxes inside the
        column (most read, sharing) and links to other pages are left out as in :meth:`zone`.
        """
        headline, first = self.headline, self.prose.first
        if headline is None or first is None:
            return []
        articles = _TOP_ARTICLES(self.tree)
        if len(articles) != 1:
            return []
        story = articles[0]
        inside = [headline, *headline.iterancestors()]
        if story not in inside or story not in first.iterancestors():
            return []
        found: list[HtmlElement] = []
        for element in inside[: inside.index(story)]:
            for column in (*element.itersiblings(preceding=True), *element.itersiblings()):
                if not _is_side_column(column) or self._lists_stories(column):
                    continue
                shown = [e for e in column.iter() if isinstance(e.tag, str)]
                top = [e for e in shown if e.tag not in _NOT_SHOWN][:_SIDE_COLUMN_TOP]
                found += [e for e in top if not self._boxed(e, {column})]
        return sorted(found, key=self.order.__getitem__)

    def _lists_stories(self, column: HtmlElement) -> bool:
        """Whether a column links to two other stories or more by their headlines: a rail of
        teasers, each with its own byline and date, not the story's own column."""
        teasers = (link for link in column.iter("a") if teaser_link(link) and self._elsewhere(link))
        return next(teasers, None) is not None and next(teasers, None) is not None

    def in_box(self, element: HtmlElement) -> bool:
        """Whether ``element`` is in chrome, a box of other content (related links, comments)
        or a teaser, as the zone around the headline leaves out."""
        anchor = self.headline
        return self._boxed(element, set(anchor.iterancestors()) if anchor is not None else set())

    def _boxed(self, element: HtmlElement, stop: set[HtmlElement]) -> bool:
        """Inside chrome, a box of other content, or a link to another page (a teaser)."""
        for node in (element, *element.iterancestors()):
            if node in stop:
                return False
            if node.tag in _CHROME_TAGS and node in self.chrome and not self._heads_story(node):
                return True
            if node.tag == "a" and node.get("href") and self._elsewhere(node):
                return True
            if self.is_box(node):
                return True
        return False

    def _heads_story(self, element: HtmlElement) -> bool:
        """A ``<header>`` among the story's paragraphs, as HTML5 heads a section: the story's
        own, which may hold its byline ("<header><p><b>By Nadeeka Jayasinghe</b></p>
        </header>"), not the page's."""
        return element.tag == "header" and element.getparent() is self.prose.container

    def in_story_footer(self, element: HtmlElement) -> bool:
        """Whether ``element`` is in the ``<footer>`` of the ``<article>`` that holds the
        headline and the story, where some sites sign it ("<footer><p class='article-author'>
        Autur: …</p></footer>"); it is chrome all the same, which may name who posted it."""
        first, headline = self.prose.first, self.headline
        if first is None or headline is None:
            return False
        return any(
            (article := node.getparent()) is not None
            and article.tag == "article"
            and article in first.iterancestors()
            and article in headline.iterancestors()
            for node in element.iterancestors("footer")
        )

    def is_box(self, element: HtmlElement) -> bool:
        """Whether ``element`` is a box of other articles, comments or page furniture: classed
        as one (:func:`_classed_as_box`) and not wrapping the story's prose, as Blogger's
        widget of the posts does ("<div class='widget Blog'>"), or WordPress's post classed
        by its tags ("<article class='post-1015 post hentry tag-pilar'>")."""
        return (
            _classed_as_box(element)
            and element not in self._story_wrappers
            and not self._part_of_the_story_block(element)
        )

    def _part_of_the_story_block(self, element: HtmlElement) -> bool:
        """Whether the element's classes are all parts of the block that holds the headline,
        as BEM names them ("news-card__author" in "<article class='news-card'>" around the
        ``<h1>``), which only the block's name makes a box's: a teaser's card is named so too,
        but only the story's holds its headline (and its comments are a box by their own
        part's name: "story__comment-author")."""
        classes = (element.get("class") or "").split()
        if not classes or not all("__" in name for name in classes):
            return False
        parts = [name.partition("__") for name in classes]
        if any(BOX_CLASS.search(part) for _, _, part in parts) or BOX_CLASS.search(
            element.get("id") or ""
        ):
            return False
        blocks = {block for block, _, _ in parts}
        return any(blocks <= classes for classes in self._headline_blocks)

    @cached_property
    def _headline_blocks(self) -> list[set[str]]:
        """The classes of each element around the page's ``<h1>``s (not around its headline,
        which :meth:`is_box` helps find)."""
        return [
            set((node.get("class") or "").split())
            for heading in _HEADLINES(self.tree)
            for node in heading.iterancestors()
        ]

    @cached_property
    def _story_wrappers(self) -> set[HtmlElement]:
        """The container of the story's prose and its ancestors."""
        container = self.prose.container
        return set() if container is None else {container, *container.iterancestors()}

    def _elsewhere(self, link: HtmlElement) -> bool:
        """A link to another story: not a byline's (by its ``rel``, its address, or its class
        above the story), a permalink, or a calendar archive."""
        if {"author", "bookmark"} & set((link.get("rel") or "").lower().split()):
            return False
        if BYLINE_CLASS.search(link.get("class", "")) and (
            self.prose.first is None or self.order[link] < self.order[self.prose.first]
        ):
            # above the story: "<a class='publication-header__author' href='/lottehoogendijk'>";
            # a list of other stories after it credits their writers so too
            return False
        href = (link.get("href") or "").strip()
        path = urlsplit(href).path
        return not (
            href.startswith(("#", "mailto:"))
            or PERSON_LINK.search(path)
            or (path and path.rstrip("/") == self.path.rstrip("/"))
            or _CALENDAR_LINK.fullmatch(path)
        )

    def _links_by_other_query(self, element: HtmlElement) -> bool:
        """Whether ``element`` is inside a link to the page's own path with another query,
        where the page's URL names its story by its query: an ASP weekly's list of the issue
        ("Main.asp?T=3082&idA=59123" on "Main.asp?T=3082&S=&id=12&idA=59123"), whose entry
        for this story is no headline."""
        if not self.query:
            return False
        for link in element.iterancestors("a"):
            target = urlsplit(urljoin(self.url, (link.get("href") or "").strip()))
            if (
                target.path.rstrip("/") == self.path.rstrip("/")
                and target.query
                and _query_pairs(target.query) != self.query
            ):
                return True
        return False


def _query_pairs(query: str) -> frozenset[tuple[str, str]]:
    """A URL's query as its pairs of a name and a value that is not empty."""
    return frozenset((name, value) for name, value in parse_qsl(query) if value)


_CALENDAR_LINK = re.compile(
    r"(?:/[\w-]+)*?/(?:(?:19|20)\d{2}[-/]\d{1,2}[-/]\d{1,2}|(?:19|20)\d{2}(?:/\d{1,2}){0,2})/?"
)
_TOP_ARTICLES = lxml.etree.XPath("//article[not(ancestor::article)]")
#: Class or id words of a side column beside the story's main one.
_SIDE_CLASS = re.compile(r"(?:^|[\s_-])(?:sidebar|aside|side-?col(?:umn)?)(?:$|[\s_-])", re.I)
#: Elements at the top of a side column, level with the headline, where a byline may sit.
_SIDE_COLUMN_TOP = 30
#: Class words of a kicker (topic line) set inside the headline element.
KICKER_CLASS = re.compile(
    r"kicker|dachzeile|topline|overline|eyebrow|roofline|subtitle|supertitle|spitzmarke|volanta|"
    r"surtit(?:le|re)|antetitulo|antetítulo|occhiello",  # French, Spanish and Italian ones
    re.IGNORECASE,
)
#: Separators of a ``<title>``'s parts: bar, guillemets, dots, dashes (en, em), "::".
TITLE_SEPARATOR = "\\s+(?:[|\u00bb\u00ab\u00b7\u2022\u2013\u2014-]+|::)\\s+"
_TITLE_PARTS = re.compile(TITLE_SEPARATOR)


def title_parts(title: str) -> list[str]:
    """The parts of a ``<title>`` between its separators ("Headline - Section | Site")."""
    return [part.strip() for part in _TITLE_PARTS.split(title) if part.strip()]


_HEADLINES = lxml.etree.XPath("//h1 | //*[@itemprop='headline'][not(self::meta)]")
#: Elements classed as a title in the languages of page templates: "title", "headline",
#: "heading", "titulo", "titre", "titel", "titlu", "naslov", "baslik", "newshead" (not
#: "header", the site's banner).
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CLASS_AND_ID = f"translate(concat(@class, ' ', @id), '{_LETTERS}', '{_LETTERS.lower()}')"
_TITLE_WORDS = (
    "title", "headl", "heading", "newshead", "titul", "titre", "titel", "titlu", "tytul",
    "naslov", "baslik", "otsikko", "overskrift",
    # Lithuanian, Latvian, Estonian: "<span class='antraste'>"
    "antrast", "virsraksts", "pealkiri",
    # Swedish "article headline"
    "artikelrubrik",
)  # fmt: skip
#: Class words of a headline that are whole classes only: Swedish "rubrik", which in German,
#: Danish and Norwegian names a section, and is part of a subhead's class ("mellanrubrik");
#: Korean templates' "title" cut short ("news_tit", not a box's "box_tit").
_TITLE_TOKENS = ("rubrik", "news_tit", "view_tit", "article_tit")
_TITLE_CLASS = (
    "["
    + " or ".join(
        [
            *(f"contains({_CLASS_AND_ID}, '{w}')" for w in _TITLE_WORDS),
            *(f"contains(concat(' ', {_CLASS_AND_ID}, ' '), ' {w} ')" for w in _TITLE_TOKENS),
        ]
    )
    + "]"
)
_TITLED_HEADINGS = lxml.etree.XPath(
    "//*[self::h2 or self::h3 or self::h4 or self::h5 or self::div or self::span or self::p"
    f" or self::td]{_TITLE_CLASS}"
)
#: Headings other than ``<h1>``, in document order: what old templates set a headline in.
_OTHER_HEADINGS = lxml.etree.XPath(
    "//*[self::h2 or self::h3 or self::h4 or self::h5 or self::b or self::strong or self::font]"
    f" | //*[self::div or self::span or self::p or self::td]{_TITLE_CLASS}"
)
_SIZED_TYPE = lxml.etree.XPath("//font[@size]")
_STYLE_SHEETS = lxml.etree.XPath("//style/text()")
#: Whether an element is a link or inside one.
IN_LINK = lxml.etree.XPath("boolean(ancestor-or-self::a)")
_CLASSED = lxml.etree.XPath("//body//*[@class]")
#: The class a selector ends with: "td .hd", "span.headline".
_LAST_CLASS = re.compile(r"\.([\w-]+)\s*$")
_CSS_FONT_SIZE = re.compile(
    r"font-size\s*:\s*(?:(\d+(?:\.\d+)?)\s*(px|pt|em|rem)|(x+-large|large)\b)", re.IGNORECASE
)
#: The type of a headline: at least ``<font size="4">``, 18 pixels.
_BIG_TYPE = 18.0
#: How many elements before the story's first paragraph a headline in a styled class may be.
_STYLED_HEADLINE_REACH = 12


def _css_pixels(rules: str) -> float | None:
    """The font size a rule's declarations give, in pixels; None when they give none."""
    found = _CSS_FONT_SIZE.search(rules)
    if found is None:
        return None
    number, unit, keyword = found.groups()
    if keyword:
        return {"large": 18.0, "x-large": 24.0, "xx-large": 32.0}.get(keyword.lower(), 48.0)
    factor = {"px": 1.0, "pt": 4 / 3, "em": 16.0, "rem": 16.0}[unit.lower()]
    return float(number) * factor


def _font_size(value: str) -> int:
    """A ``<font size>`` as an absolute size from 1 to 7; "+2" is 2 over the default 3."""
    value = value.strip()
    try:
        return 3 + int(value) if value[:1] in "+-" and value[1:].isdigit() else int(value)
    except ValueError:
        return 0


#: Links to a person's page: a byline's names link there ("/author/…", "/penulis/1765/…").
PERSON_LINK = re.compile(
    r"/(?:u/|(?:author|authors|autor|autoren|auteur|autore|autori|journalist|journalisten|"
    r"reporter|redakteur|writer|staff|profile|people|person|columnist|kolumnist|user|"
    r"team|redaktion|mitarbeiter|giornalisti|periodistas?|auteurs|reporters?|signataires?|"
    r"journalistes?|redactores?|muhabir|yazar|yazarlar|szerzo|szerzok|avtor|penulis|wartawan|"
    r"tac-gia|phong-vien|forfatter|forfattere|skribent|skribenter|forfattare|profil|firmas?|"
    r"egilea|egileak|biographie|biografia|biography)s?/)",
    re.IGNORECASE,
)


def _inside(element: HtmlElement, chrome: set[HtmlElement]) -> bool:
    """Whether an ancestor of ``element`` is one of ``chrome``."""
    return bool(chrome) and any(a in chrome for a in element.iterancestors())


def _visible_text(element: HtmlElement) -> str:
    """An element's text, less what no reader sees inside it: an icon's ``<title>`` in an
    ``<svg>`` ("SPIEGEL Plus" before a headline), a script, a style sheet, words a class hides
    (``hidden``, ``sr-only``: "<span class='hidden'>Unser Thema: </span>"), unless all its words
    are so hidden; a line break is a space ("市議会 新年度予算案を可決<br>一般会計は…")."""
    if not _HOLDS_UNSEEN_OR_BREAK(element):
        return squash("".join(element.itertext()))
    # no space where the line broke after a hyphen or a CJK comma: "Corona-<br>Hilfen"
    seen = "".join(_seen_text(element)) or "".join(_seen_text(element, by_class=False))
    # (a headline drawn as a picture gives its words to screen readers alone: those, then)
    return squash(_BREAK_AFTER_JOINER.sub("", seen).replace(_BREAK, " "))


#: A line break in :func:`_seen_text`, and one after a hyphen or a CJK comma, colon or
#: semicolon, which joins the lines.
_BREAK = "\ue000"  # a private-use character, which no headline writes
_BREAK_AFTER_JOINER = re.compile(
    "(?<=\\w[-\u2010])\ue000|(?<=[\u3001\uff0c\uff1a\uff1b])\\s*\ue000"
)


def _seen_text(element: HtmlElement, *, by_class: bool = True) -> Iterator[str]:
    """The texts of :func:`_visible_text`; with ``by_class`` false, also those a class hides."""
    unseen = 0  # how deep inside elements no reader sees
    for event, node in lxml.etree.iterwalk(element, events=("start", "end", "comment", "pi")):
        if event == "start":
            unseen += node is not element and _unseen(node, by_class)
            if not unseen and node.tag == "br":
                yield _BREAK
            if not unseen and node.text:
                yield node.text
            continue
        if event == "end":
            unseen -= node is not element and _unseen(node, by_class)
        if not unseen and node is not element and node.tail:
            yield node.tail  # after an element, a comment or a processing instruction


#: Of :data:`_NOT_SHOWN`, those that sit inside an element whose text is read (a headline's
#: icon, an inline script); a button or a form field there shows its label.
_UNSEEN = frozenset({"svg", "script", "style", "template"})
#: Classes that hide an element from sight, for screen readers only or from everyone.
_UNSEEN_CLASSES = frozenset(
    {"hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "u-hidden",
     "is-hidden", "offscreen", "element-invisible"}
)  # fmt: skip
_HOLDS_UNSEEN_OR_BREAK = lxml.etree.XPath(
    "boolean(.//*["
    + " or ".join(f"self::{tag}" for tag in sorted({*_UNSEEN, "br"}))
    + " or (@class and ("
    + " or ".join(
        f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
        for name in sorted(_UNSEEN_CLASSES)
    )
    + "))])"
)


def _unseen(node: HtmlElement, by_class: bool = True) -> bool:
    """Whether no reader sees the element's text: its tag's or (``by_class``) its class's
    doing, unless a class shows it on some screens ("hidden lg:block", "d-none d-md-inline")."""
    if node.tag in _UNSEEN:
        return True
    if not by_class:
        return False
    classes = node.get("class") or ""
    return not _UNSEEN_CLASSES.isdisjoint(classes.split()) and not SHOWN_ON_SOME_SCREENS.search(
        classes
    )


#: Classes that show an element on screens of some sizes only: Bootstrap's "d-md-inline",
#: Tailwind's "lg:block".
SHOWN_ON_SOME_SCREENS = re.compile(
    r"\bd-(?:sm|md|lg|xl|xxl)-\w+|\b(?:sm|md|lg|xl|2xl):", re.IGNORECASE
)


def teaser_link(element: HtmlElement) -> bool:
    """A link with a headline's words, as a list of other stories gives each, with its date and
    byline beside it ("<a href='nota.php?id=4398'>Inauguran nuevo puesto de salud</a>
    (01/11/2019)"); not a byline's link to its writer, nor a section's link of a word or two."""
    href = element.get("href") if element.tag == "a" else None
    return (
        bool(href)
        and len(squash("".join(element.itertext())).split()) >= _HEADLINE_WORDS
        and not PERSON_LINK.search(urlsplit(href or "").path)
        and "author" not in (element.get("rel") or "").lower()
    )


#: How alike a heading and a headline of the metadata are when it names the heading whole.
_NAMED = 0.9
#: Words of a link's text that make it another story's headline.
_HEADLINE_WORDS = 4


def _is_side_column(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    return element.tag == "aside" or _SIDE_CLASS.search(marks) is not None


def _is_logo(element: HtmlElement) -> bool:
    """An ``<h1>`` that only wraps the site's logo or its home link."""
    links = element.findall(".//a")
    return len(links) == 1 and (links[0].get("href") or "").rstrip("/") in ("", ".", "/", "..")


def _own_length(paragraph: HtmlElement) -> int:
    text = "".join(paragraph.itertext())
    if not text.strip():
        return 0
    linked = sum(len(squash("".join(a.itertext()))) for a in paragraph.iter("a"))
    return weighted_length(squash(text)) - linked


#: Where one field of a details line ends and the next begins: a line break, or a bar, a
#: middle dot or a bullet between spaces.
_FIELD_BREAK = re.compile(r"\n|\s[|·•]\s")


def line_fields(element: HtmlElement) -> list[str]:
    """The pieces of an element's text between line breaks and the signs that set fields
    apart (:data:`_FIELD_BREAK`)."""
    # the markup's own line ends are spaces; a <br> ends a line
    nodes = element.xpath(".//text() | .//br")
    text = "".join(n.replace("\n", " ") if isinstance(n, str) else "\n" for n in nodes)
    return _FIELD_BREAK.split(text)


def _fields(element: HtmlElement) -> bool:
    """A line of short fields, as a dateline and a byline share one ("Published: 14/05/2024
    | By Gareth Hughes", "Redacción Sin Fronteras<br>Publicado el 16/05/2024 a las 17:45"):
    long as a paragraph, but no piece of it is, so the story does not begin there."""
    if element.tag in ("figure", "figcaption") or _classed_as_box(element):
        return False  # a picture's caption, an advertisement
    pieces = [piece for piece in map(squash, line_fields(element)) if piece]
    return len(pieces) > 1 and all(weighted_length(piece) < PARAGRAPH_CHARS for piece in pieces)


def _details_line(element: HtmlElement) -> bool:
    """A line of the story's details: a line of short fields (:func:`_fields`), or a line
    classed as its byline, as tagesschau.de sets the byline under the lead ("<div
    class='authorline'>Von Corinna Emundts, tagesschau.de</div>")."""
    if not isinstance(element.tag, str):
        return False
    if _fields(element):
        return True
    text = _visible_text(element)
    return (
        bool(text)
        and weighted_length(text) <= LINE_CHARS
        and not _classed_as_box(element)
        and any(
            BYLINE_CLASS.search(node.get("class", ""))
            for node in element.iter()
            if isinstance(node.tag, str)
        )
    )


def _note_under(body: HtmlElement, last: HtmlElement) -> bool:
    """Whether ``last``, the block's last paragraph, is a note under the story rather than
    its end: one line, below a line of the story's details (:func:`_details_line`) set
    between it and the ``body`` paragraph above it, as ARD's sites close a story with its
    author box and then the programme it ran in ("<div class='meta-authors'>Autor/in Stefan
    Giese</div><p class='broadcast'>Sendung am Fr., 25.10.2024 17:00 Uhr, SWR4 BW am
    Nachmittag</p>"). The zone after the body then holds the details."""
    return (
        weighted_length(_visible_text(last)) <= LINE_CHARS
        and last.find(".//br") is None
        and any(map(_details_line, _between(body, last)))
    )


def _between(first: HtmlElement, last: HtmlElement) -> list[HtmlElement]:
    """The elements after ``first`` and before ``last``, its sibling."""
    between: list[HtmlElement] = []
    for sibling in first.itersiblings():
        if sibling is last:
            return between
        between.append(sibling)
    return []


def _br_stretches(element: HtmlElement) -> list[int]:
    """Weighted lengths of the stretches of inline text between ``<br>`` in ``element``; an
    inline element holding paragraphs ends a stretch, its text not counted."""
    stretches: list[int] = []
    current: list[str] = [element.text or ""]
    linked = 0

    def close() -> None:
        nonlocal linked
        text = squash("".join(current))
        stretches.append(weighted_length(text) - linked if text else 0)
        current.clear()
        linked = 0

    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        # an inline element around paragraphs of their own (an old template's "<font><p>…
        # </p></font>") is their block, not text of this one
        if tag == "br" or (tag and (tag not in _INLINE or child.find(".//p") is not None)):
            close()
        elif tag:
            text = "".join(child.itertext())
            current.append(text)
            if tag == "a":
                linked += len(squash(text))
        current.append(child.tail or "")
    close()
    return stretches
