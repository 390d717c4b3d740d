"""Who may read the app: everyone on loopback, only holders of the token elsewhere.

With ``NEWSARCHIVER_WEB_TOKEN`` set, a request must carry it: ``Authorization: Bearer TOKEN``,
a basic-auth password (any user name: ``curl -u :TOKEN``), or the session cookie that the
login form sets. The cookie holds an HMAC of the token, never the token; it is ``HttpOnly``
(no script reads it), ``SameSite=Strict`` and ``Secure`` over https. Pages for people send the
login form; anything else gets 401 with a basic-auth challenge.

The replay origin never sees this cookie's value through a script and has no access control of
its own: its links are signed (``webapp.signedlinks``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from webapp.rendering import render

SESSION_COOKIE = "newsarchiver_session"
#: Paths served without the token: the login form itself and the app's own CSS and JS.
OPEN_PATHS = ("/login", "/static/")
SESSION_SECONDS = 30 * 24 * 3600


class TokenGate:
    """Checks the credentials of a request against the token."""

    def __init__(self, token: str) -> None:
        self._token = token.encode("utf-8")
        self.session = hmac.new(self._token, b"newsarchiver session", hashlib.sha256).hexdigest()

    def _is_token(self, candidate: str) -> bool:
        return hmac.compare_digest(candidate.encode("utf-8"), self._token)

    def admits(self, request: Request) -> bool:
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and self._is_token(credentials.strip()):
            return True
        if scheme.lower() == "basic":
            try:
                decoded = base64.b64decode(credentials.strip(), validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return False
            return self._is_token(decoded.partition(":")[2])
        cookie = request.cookies.get(SESSION_COOKIE, "")
        return hmac.compare_digest(cookie.encode("utf-8"), self.session.encode("utf-8"))

    def login(self, request: Request, form: bytes) -> Response:
        """The login form's answer: the session cookie and a way back, or the form again."""
        fields = parse_qs(form.decode("utf-8", "replace"))
        target = _local_path(fields.get("next", ["/"])[0])
        if not self._is_token(fields.get("token", [""])[0]):
            return login_form(target, "That token is not right.", status=403)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            self.session,
            max_age=SESSION_SECONDS,
            path="/",
            secure=request.url.scheme == "https",
            httponly=True,
            samesite="strict",
        )
        return response


def _local_path(target: str) -> str:
    """Only a path of this app: never another origin (``//host``, ``/\\host``, ``https:``)."""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def login_form(target: str, message: str | None = None, status: int = 200) -> Response:
    html = render("login.html", next=_local_path(target), message=message)
    return HTMLResponse(html, status_code=status)


class RequireToken:
    """ASGI middleware: lets a request through only with the token (see ``TokenGate``)."""

    def __init__(self, app: ASGIApp, gate: TokenGate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        path = request.url.path
        if path == "/login" and request.method == "POST":
            body = await request.body()
            await self.gate.login(request, body[:4096])(scope, receive, send)
            return
        if path.startswith(OPEN_PATHS) or self.gate.admits(request):
            await self.app(scope, receive, send)
            return
        response: Response
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            target = path + (f"?{request.url.query}" if request.url.query else "")
            response = RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        else:
            response = PlainTextResponse(
                "this archive needs its token: Authorization: Bearer TOKEN, or basic auth\n",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="newsarchiver", charset="UTF-8"'},
            )
        await response(scope, receive, send)
