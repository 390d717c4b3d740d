"""Links to the replay origin that only the app can make, valid for a while.

The replay origin runs archived pages' scripts, so it holds no session and checks no cookie:
each link into it (the replay frame of one capture, that capture's WACZ) carries an expiry
and an HMAC of what it names. An archived page cannot forge a link to another capture, and a
link changed by hand, or to another site's record, is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time


class LinkSigner:
    """Signs and checks ``(expires, signature)`` pairs over a tuple of strings."""

    def __init__(self, secret: bytes, lifetime: int = 12 * 3600) -> None:
        self._key = hashlib.sha256(b"newsarchiver replay links\0" + secret).digest()
        self.lifetime = lifetime

    def sign(self, *parts: str, now: float | None = None) -> tuple[int, str]:
        expires = int((time.time() if now is None else now) + self.lifetime)
        return expires, self._signature(expires, parts)

    def check(self, expires: str, signature: str, *parts: str, now: float | None = None) -> bool:
        if not expires.isdigit() or int(expires) < (time.time() if now is None else now):
            return False
        return hmac.compare_digest(self._signature(int(expires), parts), signature)

    def _signature(self, expires: int, parts: tuple[str, ...]) -> str:
        message = "\0".join((str(expires), *parts)).encode("utf-8")
        digest = hmac.new(self._key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
