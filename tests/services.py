"""What a test does when something it needs from the machine is missing.

Locally a missing PostgreSQL, broker, pywb or filesystem feature skips the tests that need it;
CI sets ``NEWSARCHIVER_REQUIRE_SERVICES=1``, where every one of them must run, so there it is
a failure.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def skip_or_fail(message: str) -> NoReturn:
    """Skip the test, or fail it when ``NEWSARCHIVER_REQUIRE_SERVICES=1``."""
    if os.environ.get("NEWSARCHIVER_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} (NEWSARCHIVER_REQUIRE_SERVICES=1)")
    pytest.skip(message)
