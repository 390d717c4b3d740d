"""Word-level differences between two versions of an article, as NewsDiffs showed them.

A body is compared paragraph by paragraph first (``difflib`` on lines), so that a sentence
added to one paragraph does not smear the comparison over the whole text; paragraphs that were
replaced are then compared word by word. Unchanged paragraphs are collapsed into a count.
Headlines and bylines are compared word by word directly.

The result is plain data: a list of ``[op, text]`` segments (``op`` is ``"="``, ``"-"`` or
``"+"``), the same in the HTML page and its JSON twin.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

Segment = list[str]  # [op, text]

_TOKENS = re.compile(r"\s+|[^\s]+")


def words(before: str, after: str) -> list[Segment]:
    """``before`` → ``after`` as runs of kept, removed and added words (whitespace kept)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    segments: list[Segment] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "=", "".join(old[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _append(segments, "-", "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _append(segments, "+", "".join(new[j1:j2]))
    return segments


def _append(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1][1] += text
    else:
        segments.append([op, text])


def body(before: str, after: str) -> list[dict[str, Any]]:
    """The body's changes: ``{"unchanged": n}`` for runs of equal paragraphs, else
    ``{"segments": [...]}`` for a changed, added (all ``+``) or removed (all ``-``) paragraph.
    """
    old, new = before.split("\n"), after.split("\n")
    blocks: list[dict[str, Any]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            blocks.append({"unchanged": i2 - i1})
        elif tag == "replace" and i2 - i1 == j2 - j1:
            blocks += [
                {"segments": words(a, b)} for a, b in zip(old[i1:i2], new[j1:j2], strict=True)
            ]
        elif tag == "replace":
            blocks.append({"segments": words("\n".join(old[i1:i2]), "\n".join(new[j1:j2]))})
        else:
            op, lines = ("-", old[i1:i2]) if tag == "delete" else ("+", new[j1:j2])
            blocks += [{"segments": [[op, line]]} for line in lines if line]
    return blocks


def changed(segments: list[Segment]) -> bool:
    return any(op != "=" for op, _ in segments)
