"""The web app's own parts, alone: its import boundary, word diffs, site warnings, signed links."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from storage.models import Run, RunStatus, RunTrigger
from storage.runs import RunFindings
from webapp import sitehealth, textdiff
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


def _run(run_id: int, status: RunStatus, pages: int = 10, errors: int = 0) -> Run:
    return Run(
        id=run_id,
        site="news",
        trigger=RunTrigger.SCHEDULE,
        status=status,
        queued_at=datetime(2024, 6, 1, tzinfo=UTC),
        pages=pages,
        errors=errors,
        summary={"requests_by_status": {"200": pages}},
    )


def test_site_warnings() -> None:
    healthy = [
        _run(3, RunStatus.SUCCEEDED),
        _run(2, RunStatus.SUCCEEDED),
        _run(1, RunStatus.SUCCEEDED),
    ]
    assert sitehealth.warnings(healthy, {2: RunFindings(new=4)}) == []
    assert sitehealth.warnings(healthy, {}) == ["the last 3 runs found no new or changed article"]
    assert sitehealth.warnings(healthy[:2], {}) == []  # too few runs to tell
    running = [_run(4, RunStatus.RUNNING), *healthy]
    assert sitehealth.warnings(running, {1: RunFindings(changed=1)}) == []
    failing = [_run(3, RunStatus.FAILED, 0, 5), _run(2, RunStatus.FAILED, 0, 3), healthy[2]]
    notes = sitehealth.warnings(failing, {1: RunFindings(new=1)})
    assert notes == ["2 of the last 3 runs failed", "most requests of 2 of the last 3 runs failed"]
    server_errors = _run(5, RunStatus.SUCCEEDED, pages=10)
    server_errors.summary = {"requests_by_status": {"200": 3, "503": 7}}
    assert sitehealth.mostly_errors(server_errors)
    assert not sitehealth.mostly_errors(healthy[0])


def test_signed_links() -> None:
    signer = LinkSigner(b"secret", lifetime=60)
    expires, signature = signer.sign("news", "uuid", now=1000)
    assert signer.check(str(expires), signature, "news", "uuid", now=1000)
    assert not signer.check(str(expires), signature, "other", "uuid", now=1000)
    assert not signer.check(str(expires), signature, "news", "uuid", now=expires + 1)
    assert not signer.check(str(expires + 1), signature, "news", "uuid", now=1000)
    assert not LinkSigner(b"other").check(str(expires), signature, "news", "uuid", now=1000)
    assert not signer.check("soon", signature, "news", "uuid", now=1000)
