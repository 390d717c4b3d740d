"""What every view of the app shares: the index, the settings, the replay origin's address."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.search import filter_choices
from webapp.config import is_loopback

if TYPE_CHECKING:
    from starlette.requests import Request

    from storage.db import Database
    from webapp.config import WebSettings
    from webapp.replaycache import ReplayCache
    from webapp.signedlinks import LinkSigner

#: How long the sites and languages offered by the search form are reused.
CHOICES_SECONDS = 300.0


@dataclass
class WebContext:
    db: Database
    settings: WebSettings
    signer: LinkSigner
    replays: ReplayCache
    host: str
    app_port: int
    replay_port: int
    _choices: tuple[float, tuple[list[str], list[str]]] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def replay_origin(self, request: Request) -> str:
        """The replay origin as this request's browser reaches it: the same host, other port.

        The same host keeps the replay frame same-site with the app: browsers that block
        third-party storage (private windows, strict tracking protection) refuse a service
        worker in a cross-site frame, and ReplayWeb.page needs one. Another port is another
        origin, which is what keeps archived scripts from reading the app.
        """
        if self.settings.web_replay_origin:
            return self.settings.web_replay_origin
        name = request.url.hostname or self.host
        if ":" in name:
            name = f"[{name}]"
        return f"{request.url.scheme}://{name}:{self.replay_port}"

    def choices(self) -> tuple[list[str], list[str]]:
        """The sites and languages of the archive, for the search form (cached)."""
        with self._lock:
            now = time.monotonic()
            if self._choices is None or now - self._choices[0] > CHOICES_SECONDS:
                self._choices = (now, filter_choices(self.db))
            return self._choices[1]


def context_of(request: Request) -> WebContext:
    web: WebContext = request.app.state.web
    return web
