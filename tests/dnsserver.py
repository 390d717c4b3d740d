"""A DNS server on a loopback port whose answers change from one question to the next.

A name can answer a public address to a check and a private one to the connection that follows
(DNS rebinding). This server makes that happen on demand: each name has a list of A answers,
given in turn (the last one from then on), and every question asked is logged.
"""

from __future__ import annotations

import threading
from typing import Any

from dnslib import QTYPE, RR, A
from dnslib.server import BaseResolver, DNSServer


class _Answers(BaseResolver):
    def __init__(self, answers: dict[str, list[str]]) -> None:
        self.answers = {name.rstrip(".").lower(): list(a) for name, a in answers.items()}
        self.questions: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def resolve(self, request: Any, handler: Any) -> Any:
        reply = request.reply()
        name = str(request.q.qname).rstrip(".").lower()
        kind = QTYPE[request.q.qtype]
        with self.lock:
            self.questions.append((name, kind))
            addresses = self.answers.get(name)
            if kind == "A" and addresses:
                address = addresses.pop(0) if len(addresses) > 1 else addresses[0]
                reply.add_answer(RR(request.q.qname, QTYPE.A, rdata=A(address), ttl=0))
        return reply


class ChangingDns:
    """``ChangingDns({"rebind.test": ["203.0.113.7", "127.0.0.1"]})``, on 127.0.0.1:``port``."""

    def __init__(self, answers: dict[str, list[str]]) -> None:
        self._answers = _Answers(answers)
        self._server = DNSServer(self._answers, address="127.0.0.1", port=0)
        self._server.start_thread()
        self.port: int = self._server.server.server_address[1]

    @property
    def questions(self) -> list[tuple[str, str]]:
        with self._answers.lock:
            return list(self._answers.questions)

    def close(self) -> None:
        self._server.stop()
