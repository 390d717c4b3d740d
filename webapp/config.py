"""The web app's settings, and the rule that keeps an unprotected app off the network.

The app listens on two ports of one address: the app itself, and the replay origin where
archived pages run (see ``webapp.replayorigin``). Bound to a loopback address it needs nothing more;
bound to any other address, anyone who reaches it could read the archive, so it refuses to
start without ``NEWSARCHIVER_WEB_TOKEN``.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import field_validator

from settings import ConfigError, EnvSettings

#: Shorter tokens can be guessed by trying; the app has no rate limit of its own.
MIN_TOKEN_LENGTH = 16


class WebSettings(EnvSettings):
    """``NEWSARCHIVER_WEB_*`` and ``NEWSARCHIVER_REPLAYWEBPAGE``, read by ``newsarchiver serve``."""

    #: ``NEWSARCHIVER_WEB_TOKEN``: the secret a person or script must give (a login form, a
    #: basic-auth password, or ``Authorization: Bearer``); required off loopback.
    web_token: str | None = None
    #: ``NEWSARCHIVER_WEB_ORIGIN``: the app's origin as browsers reach it (behind a proxy).
    web_origin: str | None = None
    #: ``NEWSARCHIVER_WEB_REPLAY_ORIGIN``: the replay origin as browsers reach it.
    web_replay_origin: str | None = None
    #: ``NEWSARCHIVER_REPLAYWEBPAGE``: the directory of ReplayWeb.page's ``ui.js`` and ``sw.js``
    #: (AGPL-3.0, fetched from npm by ``make replaywebpage``, never part of our sources);
    #: by default the last ``.cache/replaywebpage-*`` in name order (not by version or date)
    #: of the working directory, else of the checkout.
    replaywebpage: Path | None = None
    #: ``NEWSARCHIVER_WEB_CACHE``: where the WACZ of each replayed capture is kept (a fresh
    #: temporary directory when unset).
    web_cache: Path | None = None

    @field_validator("web_token")
    @classmethod
    def _token(cls, value: str | None) -> str | None:
        if value is not None and len(value) < MIN_TOKEN_LENGTH:
            raise ValueError(f"must be at least {MIN_TOKEN_LENGTH} characters")
        return value

    @field_validator("web_origin", "web_replay_origin")
    @classmethod
    def _origin(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
            raise ValueError(f"{value!r} is not an origin such as https://archive.example.org")
        return f"{parts.scheme}://{parts.netloc}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``: reachable from this machine only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name may resolve to any interface


def check_exposure(host: str, settings: WebSettings) -> None:
    """Refuse to serve the archive beyond this machine without a token (``ConfigError``)."""
    if not is_loopback(host) and settings.web_token is None:
        raise ConfigError(
            f"refusing to serve on {host} without NEWSARCHIVER_WEB_TOKEN: anyone reaching it "
            "could read the archive (bind 127.0.0.1, or set a token of 16+ characters)"
        )


#: Where ``make replaywebpage`` puts the package, relative to a checkout.
REPLAYWEBPAGE_CACHE = ".cache/replaywebpage-*"


def replaywebpage_dir(settings: WebSettings) -> Path:
    """ReplayWeb.page's directory: the configured one, else the last replaywebpage-* by name."""
    if settings.replaywebpage is not None:
        return settings.replaywebpage
    checkout = Path(__file__).resolve().parent.parent
    for root in (Path.cwd(), checkout):
        found = sorted(root.glob(REPLAYWEBPAGE_CACHE))
        if found:
            return found[-1]
    return checkout / ".cache" / "replaywebpage"
