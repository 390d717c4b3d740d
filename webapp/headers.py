"""Response headers that keep each origin's pages in their place.

The app's own pages get a strict Content-Security-Policy (only our own scripts and styles,
frames only from the replay origin, never framed themselves), and
``Cross-Origin-Resource-Policy: same-origin``, so an archived page cannot even embed an app
URL as an image or script. No page sends CORS headers: a script on the replay origin that
fetches the app gets an opaque failure. The replay origin's frame page may only be framed by
the app.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMMON = {
    "X-Content-Type-Options": "nosniff",
    # An archived page must not learn app URLs (with their queries) from its referrer.
    "Referrer-Policy": "no-referrer",
}


def app_headers(replay_origins: list[str]) -> dict[str, str]:
    frames = " ".join(replay_origins) or "'none'"
    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"frame-src {frames}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    return COMMON | {
        "Content-Security-Policy": policy,
        "Cross-Origin-Resource-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }


def replay_headers(app_origins: list[str]) -> dict[str, str]:
    ancestors = " ".join(app_origins) or "'none'"
    # ReplayWeb.page builds its own frames and service worker; the policy limits who frames it.
    policy = f"object-src 'none'; base-uri 'self'; frame-ancestors 'self' {ancestors}"
    return COMMON | {"Content-Security-Policy": policy}


class SecurityHeaders:
    """ASGI middleware adding fixed headers to every response (unless the view set them)."""

    def __init__(self, app: ASGIApp, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
