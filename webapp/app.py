"""The ASGI application: the app's routes, the replay origin's routes, and who answers what.

One server listens on two ports. Requests to the app port get the app (behind the token gate
when a token is set, with its strict headers); requests to the replay port get only the replay
origin's few routes. Which app answers depends on the socket a request came in on, never on a
header the client chose. On loopback, a Host header that names anything but this machine is
refused, so a web page cannot reach the app through DNS rebinding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from webapp import (
    articlepage,
    downloads,
    replayorigin,
    replaypage,
    runpages,
    searchpage,
    sitepages,
)
from webapp.access import RequireToken, TokenGate, login_form
from webapp.context import WebContext
from webapp.headers import SecurityHeaders, app_headers, replay_headers
from webapp.queryparams import BadRequest
from webapp.rendering import error

STATIC = Path(__file__).with_name("static")
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def _home(request: Request) -> Response:
    return RedirectResponse("/search", status_code=307)


def _login(request: Request) -> Response:
    if not request.app.state.web.settings.web_token:
        return RedirectResponse("/search", status_code=303)  # nothing to sign in to
    return login_form(request.query_params.get("next", "/"))


def _twin(path: str, endpoint: Any) -> list[Route]:
    """The page and its JSON twin (``.json`` path first, so a slug never swallows it)."""
    return [Route(f"{path}.json", endpoint), Route(path, endpoint)]


async def _bad_request(request: Request, exc: Exception) -> Response:
    return error(request, 400, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error(request, exc.status_code, exc.detail)


def app_routes() -> list[Route | Mount]:
    return [
        Route("/", _home),
        Route("/login", _login),
        *_twin("/search", searchpage.search),
        *_twin("/article", articlepage.article),
        *_twin("/replay", replaypage.replay),
        *_twin("/sites", sitepages.sites),
        *_twin("/sites/{slug}", sitepages.site),
        *_twin("/runs", runpages.runs),
        *_twin("/runs/{run_id}", runpages.run),
        Route("/runs/{run_id}/log", runpages.run_log),
        Route("/download/search.wacz", downloads.search_wacz),
        Route("/download/sites/{slug}.wacz", downloads.site_wacz),
        Route("/download/runs/{run_id}.wacz", downloads.run_wacz),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def replay_routes() -> list[Route]:
    return [
        Route("/", replayorigin.home),
        Route("/rwp/", replayorigin.replay_index),
        Route("/rwp/index.html", replayorigin.replay_index),
        Route("/rwp/{name}", replayorigin.asset),
        Route("/embed/{site}/{uuid}", replayorigin.embed),
        Route(
            "/wacz/{site}/{uuid}/{expires}/{signature}/capture.wacz",
            replayorigin.wacz,
            methods=["GET", "HEAD"],
        ),
    ]


async def _plain_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 400
    return PlainTextResponse(f"{exc.detail if isinstance(exc, HTTPException) else exc}\n", status)


def _starlette(routes: list[Any], web: WebContext, *, pages: bool) -> Starlette:
    """An app of one origin; the replay origin's errors are plain text, never app pages."""
    handlers = {BadRequest: _bad_request, HTTPException: _http_error}
    if not pages:
        handlers = {BadRequest: _plain_error, HTTPException: _plain_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.web = web
    return app


def create_app(web: WebContext, app_origins: list[str], replay_origins: list[str]) -> ASGIApp:
    """Both origins' apps behind one ASGI callable that picks by the port a request came to."""
    main: ASGIApp = _starlette(app_routes(), web, pages=True)
    if web.settings.web_token:
        main = RequireToken(main, TokenGate(web.settings.web_token))
    main = SecurityHeaders(main, app_headers(replay_origins))
    replay = SecurityHeaders(
        _starlette(replay_routes(), web, pages=False), replay_headers(app_origins)
    )
    return PortDispatch({web.app_port: main, web.replay_port: replay}, _allowed_hosts(web))


def _allowed_hosts(web: WebContext) -> set[str] | None:
    """Host names a request may name: loopback ones on loopback, else what is configured."""
    names = {
        origin.split("://", 1)[1].rsplit(":", 1)[0].lower()
        for origin in (web.settings.web_origin, web.settings.web_replay_origin)
        if origin
    }
    if web.loopback:
        return names | set(LOOPBACK_NAMES)
    return names or None


class PortDispatch:
    """Hands each request to the app of the port it arrived on; refuses unexpected hosts."""

    def __init__(self, apps: dict[int, ASGIApp], allowed_hosts: set[str] | None) -> None:
        self.apps = apps
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            return
        port = (scope.get("server") or (None, None))[1]
        app = self.apps.get(port) if port is not None else None
        if app is None:
            await PlainTextResponse("unknown port", status_code=404)(scope, receive, send)
            return
        if self.allowed_hosts is not None and self._host(scope) not in self.allowed_hosts:
            message = "this server answers only to its own host names\n"
            await PlainTextResponse(message, status_code=400)(scope, receive, send)
            return
        await app(scope, receive, send)

    @staticmethod
    def _host(scope: Scope) -> str:
        for name, value in scope.get("headers", []):
            if name == b"host":
                host = value.decode("latin-1").lower()
                if host.startswith("["):
                    return host.split("]", 1)[0] + "]"
                return host.rsplit(":", 1)[0]
        return ""
