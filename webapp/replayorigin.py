"""The replay origin: ReplayWeb.page, and the WACZ of each capture it is asked to replay.

Archived pages run here, on an origin of their own (another port, and on loopback another host
name), so their scripts cannot read the app's pages or its cookie. Nothing here needs the
app's session: the frame and WACZ URLs carry a signature over (site, record) that only the
app makes, and a record of another site, a changed link or a malformed path is refused before
the index or the stores are touched.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from storage.search import CaptureRef, find_capture
from webapp import queryparams as params
from webapp.context import context_of
from webapp.rendering import render
from webapp.replaycache import ASSET_NAMES, ReplayUnavailableError


def _refused(message: str, status: int = 404) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


def _checked_capture(
    request: Request, site: str, uuid: str, expires: str, signature: str
) -> CaptureRef | Response:
    """The capture a signed link names, or the response refusing it."""
    if not params.SLUG.fullmatch(site) or not params.RECORD_UUID.fullmatch(uuid):
        return _refused("not a replay link", 400)
    web = context_of(request)
    if not web.signer.check(expires, signature, site, uuid):
        return _refused("this replay link is not valid (changed, or expired)", 403)
    capture = find_capture(web.db, params.record_id(uuid))
    if capture is None or capture.site != site:
        return _refused(f"no such record of site {site}")
    return capture


def home(request: Request) -> Response:
    return _refused("the replay origin of newsarchiver: open a capture from the app")


def asset(request: Request) -> Response:
    web = context_of(request)
    name = request.path_params["name"]
    if name not in ASSET_NAMES or not web.replays.available:
        return _refused("no such file")
    return FileResponse(
        web.replays.asset(name),
        media_type="application/javascript",
        headers={"Cache-Control": "no-cache"},
    )


#: What ``/rwp/`` answers when its service worker did not (yet) take the request: the frame
#: ReplayWeb.page opened right after registering its worker, before the worker controlled
#: new pages. Once the worker is ready, a reload goes through it (three tries per frame URL).
WAITING_FOR_WORKER = """<!doctype html>
<meta charset="utf-8"><title>Starting replay</title>
<p style="font: 15px system-ui, sans-serif; color: #5f6b73">Starting replay…</p>
<script>
navigator.serviceWorker.ready.then(() => {
  const key = "newsarchiver-reloads " + location.href;
  const tries = Number(sessionStorage.getItem(key) || 0);
  if (!navigator.serviceWorker.controller && tries < 3) {
    sessionStorage.setItem(key, String(tries + 1));
    window.location.reload();
  }
});
</script>
"""


def replay_index(request: Request) -> Response:
    return HTMLResponse(WAITING_FOR_WORKER, headers={"Cache-Control": "no-store"})


def embed(request: Request) -> Response:
    site, uuid = request.path_params["site"], request.path_params["uuid"]
    expires = request.query_params.get("expires", "")
    signature = request.query_params.get("signature", "")
    capture = _checked_capture(request, site, uuid, expires, signature)
    if isinstance(capture, Response):
        return capture
    source = f"/wacz/{site}/{uuid}/{expires}/{signature}/capture.wacz"
    # The WACZ holds this capture alone (with what it needs), so the URL names it.
    html = render("embed.html", source=source, url=capture.url)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


def wacz(request: Request) -> Response:
    site, uuid = request.path_params["site"], request.path_params["uuid"]
    expires, signature = request.path_params["expires"], request.path_params["signature"]
    capture = _checked_capture(request, site, uuid, expires, signature)
    if isinstance(capture, Response):
        return capture
    try:
        path = context_of(request).replays.wacz(capture, uuid)
    except ReplayUnavailableError as exc:
        return _refused(str(exc), 503)
    return FileResponse(path, media_type="application/wacz+zip", filename=f"{uuid}.wacz")
