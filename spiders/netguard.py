"""Refuse anything but http(s), and keep the crawl off non-public addresses, on the address it
connects to.

A news page can link or redirect anywhere, including the archive's own network (cloud
metadata services, admin panels) and the crawl machine itself: a sitemap's
``file:///proc/self/environ`` would archive the crawl's credentials. So every request whose
scheme is not http or https is refused, whatever the site allows (``settings.py`` also switches
Scrapy's other download handlers off).

A check on the host name is not enough: a name can answer a public address to the check and a
private one to the connection (DNS rebinding). So one component resolves every host the crawl
connects to, judges each answer by :mod:`spiders.addressrules`, and pins what it allowed for
the rest of the run:

- :class:`AddressGuard` (an extension, one per crawl) resolves: an IP literal in any form the
  C library accepts (``2130706433``, ``0177.0.0.1``, ``0x7f000001``), ``localhost`` names without
  asking DNS (RFC 6761), other names through the system resolver, or through
  ``NEWSARCHIVER_DNS_SERVER`` when set. A host with any non-public answer is refused as a
  whole, unless the site's ``allow_private_networks`` allows it.
- The download handler (:mod:`spiders.wirehandler`) connects only to the addresses the guard
  returned for the host, so the address that was judged is the address connected to.
- :class:`PrivateAddressMiddleware` refuses other schemes and asks the guard before a request
  is queued for download, so a refused URL (a link, a redirect, a sitemap entry) is reported
  at once and never reaches the downloader; a refusal at connection time is reported the same
  way.

Through a proxy (``http_proxy``), the proxy resolves and connects: the guard still judges the
target's name beforehand, but the proxy's own answer is the proxy's. Keep such a proxy out of
internal networks.
"""

from __future__ import annotations

import contextlib
import re
import socket
from collections import OrderedDict
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Network, ip_network
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer, threads
from twisted.internet.error import DNSLookupError
from twisted.names import client, dns
from twisted.python.failure import Failure

from spiders.addressrules import IPAddress, in_networks, non_public, parse_address

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

MAX_REPORTED = 100
#: Host answers kept (and so pinned) for the rest of the run; Scrapy's DNSCACHE_SIZE default.
PINNED_HOSTS = 10_000
#: Reported URLs are cut to this length: a ``data:`` URL can be megabytes long.
MAX_REPORTED_URL = 2000
#: The only schemes a crawl fetches.
FETCHED_SCHEMES = frozenset({"http", "https"})
_LOCALHOST = (IPv4Address("127.0.0.1"), parse_address("::1"))
# What inet_aton may read as an IPv4 address: digits, dots and hex (it stops at a space).
_NUMERIC_HOST = re.compile(r"[0-9a-fx.]+")


class RefusedAddress(IgnoreRequest):
    """A host that resolves to an address the crawl must not connect to."""

    def __init__(self, host: str, address: IPAddress, what: str) -> None:
        super().__init__(f"{host} is {address}, {what}")
        self.host = host
        self.address = address


@dataclass(frozen=True)
class _Refusal:
    """A pinned refusal; each request refused for it gets an exception of its own."""

    host: str
    address: IPAddress
    what: str


class AddressGuard:
    """Resolve hosts for the crawl's connections; refuse non-public answers; pin the rest."""

    def __init__(
        self,
        allowed: bool | list[IPv4Network | IPv6Network],
        *,
        dns_server: tuple[str, int] | None = None,
        dns_timeout: float = 60.0,
    ) -> None:
        self.allowed = allowed
        self._dns = (
            client.Resolver(servers=[dns_server], timeout=(dns_timeout,)) if dns_server else None
        )
        self._answers: OrderedDict[str, list[IPAddress] | _Refusal] = OrderedDict()
        self._waiting: dict[str, list[defer.Deferred[list[IPAddress]]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressGuard:
        settings = crawler.settings
        allowed = settings.get("NEWSARCHIVER_ALLOW_PRIVATE_NETWORKS", False)
        networks = (
            allowed if isinstance(allowed, bool) else [ip_network(n, strict=False) for n in allowed]
        )
        server = urlsplit(f"//{settings.get('NEWSARCHIVER_DNS_SERVER') or ''}")
        return cls(
            networks,
            dns_server=(server.hostname, server.port or 53) if server.hostname else None,
            dns_timeout=settings.getfloat("DNS_TIMEOUT", 60.0),
        )

    def addresses(self, host: str) -> defer.Deferred[list[IPAddress]]:
        """The addresses the crawl may connect to for ``host``, the same all run long.

        Fails with :class:`RefusedAddress` when any answer is not allowed, and with Twisted's
        ``DNSLookupError`` when the name does not resolve.
        """
        name = host.strip("[]").lower()
        literal: list[IPAddress] | None
        try:
            literal = [parse_address(name)]
        except ValueError:
            literal = _ipv4_literal(name)
        if literal is not None:
            return _fired(self._judge(host, literal))
        if name.removesuffix(".") == "localhost" or name.removesuffix(".").endswith(".localhost"):
            return _fired(self._judge(host, list(_LOCALHOST)))
        if name in self._answers:
            self._answers.move_to_end(name)
            return _fired(self._answers[name])
        waiting: defer.Deferred[list[IPAddress]] = defer.Deferred()
        if name in self._waiting:
            # One question per name at a time: two lookups could be given two answers.
            self._waiting[name].append(waiting)
            return waiting
        self._waiting[name] = [waiting]
        lookup = self._lookup_dns(name) if self._dns is not None else self._lookup_system(name)
        lookup.addCallbacks(
            self._resolved, self._unresolved, callbackArgs=(host, name), errbackArgs=(name,)
        )
        return waiting

    async def check(self, host: str) -> None:
        """Raise :class:`RefusedAddress` if ``host`` may not be connected to (a name that does
        not resolve is left to fail where it is fetched)."""
        with contextlib.suppress(DNSLookupError):
            await maybe_deferred_to_future(self.addresses(host))

    def _judge(self, host: str, answers: list[IPAddress]) -> list[IPAddress] | _Refusal:
        if self.allowed is True:
            return answers
        for address in answers:
            what = non_public(address)
            if what is not None and not (self.allowed and in_networks(address, self.allowed)):
                return _Refusal(host, address, f"a non-public address ({what})")
        return answers

    def _resolved(self, answers: list[IPAddress], host: str, name: str) -> None:
        verdict = self._judge(host, answers)
        self._answers[name] = verdict
        if len(self._answers) > PINNED_HOSTS:
            self._answers.popitem(last=False)
        for waiting in self._waiting.pop(name):
            _fire(waiting, verdict)

    def _unresolved(self, failure: Failure, name: str) -> None:
        error = DNSLookupError(f"{name}: {failure.getErrorMessage()}")
        for waiting in self._waiting.pop(name):
            if not waiting.called:
                waiting.errback(Failure(error))

    def _lookup_system(self, name: str) -> defer.Deferred[list[IPAddress]]:
        from twisted.internet import reactor

        pool = reactor.getThreadPool()
        lookup = threads.deferToThreadPool(
            reactor, pool, socket.getaddrinfo, name, None, type=socket.SOCK_STREAM
        )
        return lookup.addCallback(lambda infos: _distinct(str(info[4][0]) for info in infos))

    def _lookup_dns(self, name: str) -> defer.Deferred[list[IPAddress]]:
        assert self._dns is not None
        queries = [self._dns.lookupAddress(name), self._dns.lookupIPV6Address(name)]
        answered = defer.DeferredList(queries, consumeErrors=True)
        return answered.addCallback(_dns_answers, name)


class PrivateAddressMiddleware:
    """Refuse other schemes and non-public targets before they are downloaded; report every
    refused URL."""

    def __init__(self, crawler: Crawler, guard: AddressGuard) -> None:
        self.stats = crawler.stats
        self.guard = guard
        self.refused: list[str] = []
        #: Why the first URL was refused: a run that archived nothing says so.
        self.first_refusal: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        guard = crawler.get_extension(AddressGuard)
        if guard is None:
            raise RuntimeError("PrivateAddressMiddleware needs the AddressGuard extension")
        return cls(crawler, guard)

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in FETCHED_SCHEMES:
            self._refuse(request.url, f"{parts.scheme}: URLs are never fetched")
        try:
            await self.guard.check(parts.hostname or "")
        except RefusedAddress as refused:
            self._refuse(request.url, str(refused))

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, RefusedAddress):
            self._refuse(request.url, str(exception))

    def _refuse(self, url: str, why: str) -> None:
        self.stats.inc_value("newsarchiver/refused")
        if len(url) > MAX_REPORTED_URL:
            url = url[:MAX_REPORTED_URL] + "…"
        if self.first_refusal is None:
            self.first_refusal = f"refused {url}: {why}"
        if len(self.refused) < MAX_REPORTED:
            self.refused.append(url)
        raise IgnoreRequest(f"refused {url}: {why}")


def _ipv4_literal(name: str) -> list[IPAddress] | None:
    """An IPv4 address written the ways ``inet_aton`` (and so ``getaddrinfo``) accepts."""
    if not _NUMERIC_HOST.fullmatch(name):
        return None
    try:
        return [IPv4Address(socket.inet_aton(name))]
    except OSError:
        return None


def _distinct(addresses: Any) -> list[IPAddress]:
    return list(dict.fromkeys(parse_address(address) for address in addresses))


def _dns_answers(results: list[tuple[bool, Any]], name: str) -> list[IPAddress]:
    found: list[str] = []
    for succeeded, result in results:
        if not succeeded:
            continue
        for record in result[0]:
            if record.type == dns.A:
                found.append(record.payload.dottedQuad())
            elif record.type == dns.AAAA:
                found.append(socket.inet_ntop(socket.AF_INET6, record.payload.address))
    if not found:
        raise DNSLookupError(f"no address for {name}")
    return _distinct(found)


def _fired(verdict: list[IPAddress] | _Refusal) -> defer.Deferred[list[IPAddress]]:
    fired: defer.Deferred[list[IPAddress]] = defer.Deferred()
    _fire(fired, verdict)
    return fired


def _fire(waiting: defer.Deferred[list[IPAddress]], verdict: list[IPAddress] | _Refusal) -> None:
    if waiting.called:  # cancelled (a download timed out) while the lookup ran
        return
    if isinstance(verdict, _Refusal):
        waiting.errback(Failure(RefusedAddress(verdict.host, verdict.address, verdict.what)))
    else:
        waiting.callback(verdict)
