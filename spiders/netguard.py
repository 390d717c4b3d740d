"""Refuse requests to loopback, private and link-local addresses.

A news page can link or redirect anywhere, including the archive's own network (cloud
metadata services, admin panels). Unless a site sets ``allow_private_networks``, every
request's host is resolved first and refused when any address is not public, so not one
packet reaches it. Redirects pass through here again, and the address a response actually
came from is checked once more, against DNS answers that changed in between.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import OrderedDict
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

    from spiders.siteconfig import Site

MAX_REPORTED = 100
_CACHE_SIZE = 1024


def is_public(address: str) -> bool:
    """True for globally routable addresses (not loopback, private, link-local, reserved)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class PrivateAddressMiddleware:
    """Refuse non-public targets before connecting; report every refused URL."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.refused: list[str] = []
        #: Why the first URL was refused: a run that archived nothing says so.
        self.first_refusal: str | None = None
        self._resolved: OrderedDict[str, list[str]] = OrderedDict()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        site: Site = self.crawler.spider.site  # type: ignore[union-attr]
        if site.allow_private_networks is True:
            return
        host = urlparse_cached(request).hostname or ""
        for address in await self._resolve(host):
            if not is_public(address) and not site.allows_address(address):
                self._refuse(request.url, f"{host} is {address}, a non-public address")

    def process_response(self, request: Request, response: Response) -> Response:
        site: Site = self.crawler.spider.site  # type: ignore[union-attr]
        address = str(response.ip_address) if response.ip_address else None
        if site.allow_private_networks is True or address is None:
            return response
        if not is_public(address) and not site.allows_address(address):
            self._refuse(request.url, f"answered from non-public address {address}")
        return response

    def _refuse(self, url: str, why: str) -> None:
        self.stats.inc_value("newsarchiver/refused")
        if self.first_refusal is None:
            self.first_refusal = f"refused {url}: {why}"
        if len(self.refused) < MAX_REPORTED:
            self.refused.append(url)
        raise IgnoreRequest(f"refused {url}: {why}")

    async def _resolve(self, host: str) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            pass
        if host in self._resolved:
            self._resolved.move_to_end(host)
            return self._resolved[host]
        try:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except socket.gaierror:
            return []  # the download itself will fail with a DNS error, and be reported
        addresses = sorted({str(info[4][0]) for info in infos})
        self._resolved[host] = addresses
        if len(self._resolved) > _CACHE_SIZE:
            self._resolved.popitem(last=False)
        return addresses
