"""``/replay``: one capture replayed by ReplayWeb.page on the replay origin, with a timeline.

The app's page frames the replay origin; the frame URL is signed for that capture of that
site (``webapp.signedlinks``). The timeline lists every capture of the same URL (for an
article, under any of its URLs), so the reader can step between them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from storage.search import CaptureRef, find_capture, url_captures
from webapp import queryparams as params
from webapp.context import context_of
from webapp.queryparams import record_uuid
from webapp.rendering import error, page
from webapp.searchpage import replay_link


def _capture_json(capture: CaptureRef) -> dict[str, Any]:
    return capture.to_json() | {"url": capture.url, "site": capture.site}


def replay(request: Request) -> Response:
    web = context_of(request)
    record = params.record_id(params.text(request, "capture"))
    capture = find_capture(web.db, record)
    if capture is None:
        return error(request, 404, "no capture with this record id in the index")
    timeline = sorted(
        url_captures(web.db, capture.url, site=capture.site), key=lambda c: c.captured_at
    )
    uuid = record_uuid(capture.record_id)
    expires, signature = web.signer.sign(capture.site, uuid)
    frame = f"{web.replay_origin(request)}/embed/{capture.site}/{uuid}?" + urlencode(
        {"expires": expires, "signature": signature}
    )
    position = next(i for i, c in enumerate(timeline) if c.record_id == capture.record_id)
    data = {
        "capture": _capture_json(capture),
        "timeline": [_capture_json(c) for c in timeline],
        "replay_frame": frame if web.replays.available else None,
        "replay_unavailable": web.replays.unavailable_reason,
    }
    view = {
        "position": position,
        "replay_link": replay_link,
        "previous": timeline[position - 1] if position > 0 else None,
        "next": timeline[position + 1] if position + 1 < len(timeline) else None,
        "captures": timeline,
    }
    return page(request, "replay.html", data, view=view)
