"""A real Chromium for tests that judge what a person sees: Debian's ``chromium``, driven by
Playwright with ``executable_path`` (Playwright's own browser download does not work here).

``chromium_browser`` (module scope) yields a Playwright ``Browser``. Without Chromium or the
``playwright`` package the tests are skipped, unless ``NEWSARCHIVER_REQUIRE_SERVICES=1`` (CI),
where that is a failure. Chromium is started without its background services, which would
otherwise try to reach Google's hosts from a machine that has no network.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.services import skip_or_fail

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium, or ``NEWSARCHIVER_CHROMIUM`` when set."""
    return os.environ.get("NEWSARCHIVER_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        skip_or_fail("Chromium is not installed (apt install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
