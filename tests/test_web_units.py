"""The web app's own parts, alone: its import boundary, word diffs, signed links."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from webapp import textdiff
from webapp.signedlinks import LinkSigner

WEBAPP = Path(__file__).resolve().parent.parent / "webapp"
FORBIDDEN = ("spiders", "scheduler", "scrapy", "twisted")


def test_the_web_app_never_imports_the_spiders_or_the_scheduler() -> None:
    """Statically, in every module, and at run time, with the server and all its pages loaded."""
    for path in WEBAPP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, webapp.server, webapp.app; "
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert not set(FORBIDDEN) & set(json.loads(loaded)), loaded


def test_word_diff_marks_only_what_changed() -> None:
    assert textdiff.words("Mayor resigns", "Mayor resigns after audit") == [
        ["=", "Mayor resigns"],
        ["+", " after audit"],
    ]
    assert textdiff.words("By Ada", "By Ben") == [["=", "By "], ["-", "Ada"], ["+", "Ben"]]
    before = "First paragraph.\nThe budget was ten million.\nLast paragraph."
    after = "First paragraph.\nThe budget was twelve million.\nLast paragraph.\nA correction."
    assert textdiff.body(before, after) == [
        {"unchanged": 1},
        {"segments": [["=", "The budget was "], ["-", "ten"], ["+", "twelve"], ["=", " million."]]},
        {"unchanged": 1},
        {"segments": [["+", "A correction."]]},
    ]
    assert not textdiff.changed(textdiff.words("same", "same"))


def test_signed_links() -> None:
    signer = LinkSigner(b"secret", lifetime=60)
    expires, signature = signer.sign("news", "uuid", now=1000)
    assert signer.check(str(expires), signature, "news", "uuid", now=1000)
    assert not signer.check(str(expires), signature, "other", "uuid", now=1000)
    assert not signer.check(str(expires), signature, "news", "uuid", now=expires + 1)
    assert not signer.check(str(expires + 1), signature, "news", "uuid", now=1000)
    assert not LinkSigner(b"other").check(str(expires), signature, "news", "uuid", now=1000)
    assert not signer.check("soon", signature, "news", "uuid", now=1000)
