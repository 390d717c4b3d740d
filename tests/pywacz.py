"""py-wacz's validator, the independent judge of the WACZ files we write.

py-wacz imports ``pkg_resources`` (gone in setuptools 82) and pins an old Typer, so it lives in
its own virtualenv (``make test`` builds ``.venv-wacz``); ``NEWSARCHIVER_WACZ_BIN`` names its
``bin`` directory. Without it the tests that need it are skipped, unless
``NEWSARCHIVER_REQUIRE_SERVICES=1`` (CI), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.services import skip_or_fail

REPO = Path(__file__).resolve().parent.parent


def wacz_bin() -> Path | None:
    candidates = [os.environ.get("NEWSARCHIVER_WACZ_BIN"), str(REPO / ".venv-wacz" / "bin")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "wacz").exists():
            return Path(candidate)
    found = shutil.which("wacz")
    return Path(found).parent if found else None


def wacz_validate(path: Path) -> subprocess.CompletedProcess[str]:
    """``wacz validate -f PATH``: structure, datapackage (frictionless), paths and hashes."""
    directory = wacz_bin()
    if directory is None:
        skip_or_fail("py-wacz is not installed (run `make test`, or set NEWSARCHIVER_WACZ_BIN)")
    return subprocess.run(
        [str(directory / "wacz"), "validate", "-f", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
