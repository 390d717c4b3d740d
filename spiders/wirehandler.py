"""Scrapy's HTTP/1.1 download handler, on connections that keep the bytes they carry.

A WARC response record is the response as it crossed the wire: status line with its own reason
phrase, header names in their case and order, repeated and folded headers, ``Content-Length``,
``Connection`` and the chunk framing as sent. Scrapy's ``Response`` cannot give that back: its
``Headers`` title-case names, and Twisted keeps the connection headers out of them. Scrapy 2.19
and Twisted offer no hook for the raw bytes, so this handler is Scrapy's own
(``HTTP11DownloadHandler``: HTTPS, proxies, ``DOWNLOAD_TIMEOUT``, signals and stats unchanged)
with the recording done where the bytes pass, as warcprox and Heritrix do:

- For each request on a connection, the transport the request is written to keeps a copy of
  every byte sent, and the response parser keeps a copy of every byte it is fed, from the
  status line of the final response (interim ``1xx`` responses such as ``103 Early Hints`` are
  not part of it) to the last byte of that response. The copy is a :class:`Wire`, handed to the
  WARC recorder with the ``Response`` through the :data:`wire_captured` signal. A response that
  did not come off a connection (Scrapy's cache, a middleware's own answer) has none.
- A direct connection goes only to the addresses :class:`spiders.netguard.AddressGuard` allowed
  for the host, so the address that was judged is the address connected to. Through a proxy,
  the target's name is judged first and the proxy connects.
- The raw body is limited by ``spiders.sizelimit``, which keeps the first part of an oversized
  body instead of dropping it; ``DOWNLOAD_MAXSIZE`` limits decoded bodies only
  (``HttpCompressionMiddleware``).

Only HTTP/1.1 is spoken (no ALPN offer), so every exchange has its bytes: an HTTP/2 response
could not be stored as HTTP/1.1 text without rebuilding it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _BindAddressAgent,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
    _ScrapyAgent,
)
from scrapy.exceptions import NotConfigured, ResponseDataLossError
from scrapy.utils._download_handlers import (
    get_dataloss_msg,
    normalize_bind_address,
    wrap_twisted_exceptions,
)
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.endpoints import HostnameEndpoint, wrapClientTLS
from twisted.internet.interfaces import (
    IHostnameResolver,
    IHostResolution,
    IReactorPluggableNameResolver,
    IReactorTime,
)
from twisted.web.iweb import IAgentEndpointFactory
from zope.interface import implementer

from spiders.netguard import AddressGuard

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.internet.interfaces import IAddress, IProtocol, IProtocolFactory
    from twisted.web._newclient import HTTP11ClientProtocol
    from twisted.web._newclient import Request as TxRequest
    from twisted.web.client import URI, HTTPConnectionPool
    from twisted.web.iweb import IPolicyForHTTPS, IResponse

    from spiders.addressrules import IPAddress

logger = logging.getLogger(__name__)

#: Sent with ``response`` and ``wire`` (a :class:`Wire`) for every response read off a connection.
wire_captured = object()


@dataclass(frozen=True)
class Wire:
    """The bytes of one exchange as they crossed the connection."""

    started: datetime  # when the request was written
    sent: bytes  # request line, headers and body
    head: bytes  # status line and headers, through the blank line
    body: bytes  # message body: content-coding and chunk framing as sent


class _Capture:
    """What one request's connection has sent and received so far."""

    def __init__(self) -> None:
        self.started = datetime.now(UTC)
        self.sent = bytearray()
        self.received = bytearray()
        self.head_start = 0
        self.head_end: int | None = None
        self.end: int | None = None  # None until the parser saw the response end

    def freeze(self) -> Wire:
        head_end = self.head_end if self.head_end is not None else len(self.received)
        end = self.end if self.end is not None else len(self.received)
        with memoryview(self.received) as received:
            head = bytes(received[self.head_start : head_end])
            body = bytes(received[head_end:end])
        self.received = bytearray()  # bytes still arriving after a cut are not kept
        return Wire(self.started, bytes(self.sent), head, body)


class _RecordingTransport:
    """The connection's transport as one request sees it: what is written is also kept."""

    def __init__(self, transport: Any, sent: bytearray) -> None:
        self._transport = transport
        self._sent = sent

    def write(self, data: bytes) -> None:
        self._sent += data
        self._transport.write(data)

    def writeSequence(self, data: Iterable[bytes]) -> None:
        for part in data:
            self.write(part)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _WireParser(_LenientHTTPClientParser):
    """Scrapy's response parser, keeping a copy of the bytes it parses.

    ``_buffer`` is what the line parser holds unparsed, so ``received - _buffer`` is where the
    parse stands in the bytes received.
    """

    capture: _Capture

    def dataReceived(self, data: bytes) -> None:
        self.capture.received += data
        super().dataReceived(data)

    def allHeadersReceived(self) -> None:
        position = len(self.capture.received) - len(self._buffer)
        if 100 <= self.response.code < 200:
            self.capture.head_start = position  # the final response starts after it
        else:
            self.capture.head_end = position
            self.response._newsarchiver_capture = self.capture
        super().allHeadersReceived()

    def _finished(self, rest: bytes) -> None:
        # ``rest`` is what came after this response on the connection: not part of it.
        self.capture.end = len(self.capture.received) - len(rest)
        super()._finished(rest)


class _WireProtocol(_LenientHTTP11ClientProtocol):
    """Gives each request on the connection its own capture."""

    def request(self, request: TxRequest) -> defer.Deferred[IResponse]:
        capture = _Capture()
        transport = self.transport
        self.transport = _RecordingTransport(transport, capture.sent)  # type: ignore[assignment]
        try:
            finished = super().request(request)
        finally:
            self.transport = transport
        parser = self._parser
        if parser is not None:
            parser.__class__ = _WireParser  # as Scrapy itself swaps in its lenient parser
            parser.capture = capture  # type: ignore[attr-defined]
        return finished


class _WireClientFactory(_LenientHTTP11ClientFactory):
    def buildProtocol(self, addr: IAddress | None) -> HTTP11ClientProtocol:
        return _WireProtocol(self._quiescentCallback)


class _PinnedEndpoint:
    """Connects to ``host:port`` at the addresses the guard allowed for ``host``, and nowhere
    else: Twisted's own ``HostnameEndpoint`` (several addresses are raced as browsers do), given
    a reactor whose name resolver answers with those addresses only."""

    def __init__(
        self,
        guard: AddressGuard,
        host: str,
        port: int,
        timeout: float,
        bind_address: tuple[str, int] | None,
    ) -> None:
        self._guard = guard
        self._host = host
        self._port = port
        self._timeout = timeout
        self._bind_address = bind_address

    def connect(self, factory: IProtocolFactory) -> defer.Deferred[IProtocol]:
        return self._guard.addresses(self._host).addCallback(self._connect, factory)

    def _connect(
        self, addresses: list[IPAddress], factory: IProtocolFactory
    ) -> defer.Deferred[IProtocol]:
        from twisted.internet import reactor

        endpoint = HostnameEndpoint(
            _ResolvedReactor(reactor, addresses),
            self._host,
            self._port,
            timeout=self._timeout,
            bindAddress=self._bind_address,
        )
        return endpoint.connect(factory)


@implementer(IReactorPluggableNameResolver)
class _ResolvedReactor:
    """The reactor as one ``HostnameEndpoint`` sees it: names resolve to ``addresses``."""

    def __init__(self, reactor: Any, addresses: list[IPAddress]) -> None:
        self._reactor = reactor
        self.nameResolver = _Addresses(addresses)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reactor, name)


@implementer(IHostnameResolver)
class _Addresses:
    def __init__(self, addresses: list[IPAddress]) -> None:
        self._addresses = addresses

    def resolveHostName(
        self,
        receiver: Any,  # IResolutionReceiver
        hostName: str,
        portNumber: int = 0,
        addressTypes: Sequence[type[IAddress]] | None = None,
        transportSemantics: str = "TCP",
    ) -> _Resolution:
        resolution = _Resolution(hostName)
        receiver.resolutionBegan(resolution)
        for address in self._addresses:
            kind = IPv6Address if address.version == 6 else IPv4Address
            receiver.addressResolved(kind("TCP", str(address), portNumber))
        receiver.resolutionComplete()
        return resolution


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str) -> None:
        self.name = name

    def cancel(self) -> None:
        """Nothing to stop: the answer was given at once."""


@implementer(IAgentEndpointFactory)
class _PinnedEndpointFactory:
    def __init__(
        self,
        guard: AddressGuard,
        context_factory: IPolicyForHTTPS,
        timeout: float,
        bind_address: tuple[str, int] | None,
    ) -> None:
        self._guard = guard
        self._context_factory = context_factory
        self._timeout = timeout
        self._bindAddress = bind_address  # read by Scrapy's agent for its connection pool key

    def endpointForURI(self, uri: URI) -> Any:
        host = uri.host.decode("ascii")
        endpoint = _PinnedEndpoint(self._guard, host, uri.port, self._timeout, self._bindAddress)
        if uri.scheme == b"https":
            creator = self._context_factory.creatorForNetloc(uri.host, uri.port)  # type: ignore[call-arg,misc]
            return wrapClientTLS(creator, endpoint)  # type: ignore[arg-type]
        return endpoint


class _WireAgent(_ScrapyAgent):
    """One download: direct connections through the guard; the capture sent with the response."""

    def __init__(self, *, guard: AddressGuard, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._guard = guard

    def _get_agent(self, request: Request, timeout: float) -> Any:
        if request.meta.get("proxy"):
            return super()._get_agent(request, timeout)
        from twisted.internet import reactor

        bind_address = normalize_bind_address(request.meta.get("bindaddress") or self._bindAddress)
        endpoints = _PinnedEndpointFactory(self._guard, self._contextFactory, timeout, bind_address)
        return _BindAddressAgent.usingEndpointFactory(reactor, endpoints, pool=self._pool)

    def _cb_bodydone(self, result: Any, url: str) -> Response:
        response = super()._cb_bodydone(result, url)
        capture: _Capture | None = getattr(result["txresponse"], "_newsarchiver_capture", None)
        if capture is not None:
            self._crawler.signals.send_catch_log(
                wire_captured, response=response, wire=capture.freeze()
            )
        return response


class WireHttpDownloadHandler(HTTP11DownloadHandler):
    """``http`` and ``https`` downloads whose bytes on the wire reach the WARC recorder."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        guard = crawler.get_extension(AddressGuard)
        if guard is None:
            raise NotConfigured("WireHttpDownloadHandler connects only through AddressGuard")
        self._guard = guard
        self._pool._factory = _WireClientFactory

    async def download_request(self, request: Request) -> Response:
        if request.meta.get("proxy"):
            await self._guard.check(urlparse_cached(request).hostname or "")
        agent = _WireAgent(
            guard=self._guard,
            contextFactory=self._contextFactory,
            bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=0,  # raw bodies are cut, and kept, by spiders.sizelimit
            warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss,
            crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging,
        )
        try:
            with wrap_twisted_exceptions():
                return await maybe_deferred_to_future(agent.download_request(request))
        except ResponseDataLossError:
            if not self._fail_on_dataloss_warned:
                logger.warning(get_dataloss_msg(request.url))
                self._fail_on_dataloss_warned = True
            raise

    async def close(self) -> None:
        """Scrapy's close without its races (see :func:`close_connections`)."""
        from twisted.internet import reactor

        await maybe_deferred_to_future(
            close_connections(self._pool, self._disconnect_timeout, reactor)
        )


def close_connections(
    pool: HTTPConnectionPool, timeout: float, clock: IReactorTime
) -> defer.Deferred[None]:
    """Close the pool's connections, waiting at most ``timeout`` seconds for them to go.

    Scrapy's close waits on a timer firing the same deferred as the pool, and cancels the timer
    only once its await resumes; on a busy reactor (a crawl host running many crawls) the timer
    fired in between, and Twisted logged an ``AlreadyCalledError`` traceback. Cancelling the
    pool's deferred instead cancels each connection's, and Twisted logs every one of those
    ``CancelledError`` as an unhandled error. So the wait has a timeout of its own and the
    pool's deferred is left alone.
    """
    waiting: defer.Deferred[None] = defer.Deferred()
    closed: defer.Deferred[None] = pool.closeCachedConnections()
    closed.addBoth(lambda _: None if waiting.called else waiting.callback(None))
    return waiting.addTimeout(timeout, clock, onTimeoutCancel=_given_up)


def _given_up(_result: object, _timeout: float) -> None:
    """Closing connections that hang is given up on, as Scrapy does: not an error."""
