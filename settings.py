"""Scrapy settings of newsarchiver, and the application's own configuration.

Read this file top to bottom to follow one response from the network to a WARC record and an
index row: the components below are listed in flow order, each with a line saying why it is
there. Scrapy reads the UPPERCASE names; ``AppConfig`` holds the environment-driven
configuration that the CLI, the scheduler and these components share.

Per-site values (delay, concurrency, robots, depth) come from the sites file and are applied by
``NewsSpider.from_crawler``.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

__version__ = "0.1.0"

_SIZE = re.compile(r"(\d+)\s*([kmgt]?i?b?)?", re.IGNORECASE)
_SIZE_EXPONENTS = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


_DURATION = re.compile(r"(\d+)\s*([smhdw])")
_DURATION_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """Parse durations: seconds (``90``, ``2.5``) or ``30m``, ``24h``, ``7d``, ``1h30m``.

    The one parser of the sites file (``recapture_after``) and the environment
    (``NEWSARCHIVER_RUN_TIMEOUT`` and the like).
    """
    compact = text.strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+(\.\d+)?", compact):
        return timedelta(seconds=float(compact))
    parts = _DURATION.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"invalid duration {text!r}: use e.g. '90' (seconds), '30m', '24h', '7d'")
    return sum((timedelta(**{_DURATION_UNITS[unit]: int(n)}) for n, unit in parts), timedelta())


class ConfigError(ValueError):
    """The environment configuration is unusable. The message is one line."""


def parse_size(text: str) -> int:
    """Parse byte sizes such as ``1000000``, ``100MB``, ``1GiB`` or ``64mb``."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise ValueError(f"invalid size {text!r}: use e.g. '100MB' or '1GB'")
    number, unit = int(match.group(1)), (match.group(2) or "").lower()
    base = 1024 if "i" in unit else 1000
    return number * base ** _SIZE_EXPONENTS[unit[:1]]


def ensure_directory(path: Path, variable: str) -> Path:
    """Create the directory ``path`` names if needed; raise a one-line ConfigError naming the
    ``variable`` it comes from when it cannot be created or written."""
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{variable}: {path} is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"{variable}: cannot create directory {path}: {exc.strerror or exc}"
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ConfigError(f"{variable}: directory {path} is not writable")
    return path


class EnvSettings(BaseModel):
    """Settings read from ``NEWSARCHIVER_<FIELD>`` environment variables.

    A bad value becomes a ``ConfigError`` naming the variable, so the CLI can say it in one
    line and exit 2.
    """

    model_config = ConfigDict(frozen=True)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **fixed: Any) -> Self:
        """Read every field from its variable; ``fixed`` values are not read from the env."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {
            field: env[f"NEWSARCHIVER_{field.upper()}"]
            for field in cls.model_fields
            if field not in fixed and env.get(f"NEWSARCHIVER_{field.upper()}")
        }
        try:
            return cls(**values, **fixed)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = f"NEWSARCHIVER_{str(first['loc'][0]).upper()}"
            message = first["msg"].removeprefix("Value error, ")
            raise ConfigError(f"{name}: {message}") from None


class AppConfig(EnvSettings):
    """Configuration from ``NEWSARCHIVER_*`` environment variables (see the README)."""

    sites: Path = Path("./sites.toml")
    storage: str = "file://./archive"
    db: str = "sqlite:///./archive/index.sqlite3"
    spool: Path = Path("./archive/spool")
    logs: Path = Path("./archive/logs")
    executor: str = "local"
    broker: str | None = None
    contact: str = "https://github.com/newsarchiver/newsarchiver"
    operator: str = "newsarchiver operator"
    warc_max_size: int = Field(default=1_000_000_000, gt=0)
    max_body_size: int = Field(default=64 * 1024 * 1024, gt=0)
    download_timeout: float = Field(default=30.0, gt=0)
    trap_cap: int = Field(default=50, gt=0)
    extraction_workers: int = Field(default=0, ge=0)
    indexer_stall_seconds: float = Field(default=60.0, gt=0)
    dns_server: str | None = None

    @field_validator("warc_max_size", "max_body_size", mode="before")
    @classmethod
    def _size(cls, value: object) -> object:
        return parse_size(value) if isinstance(value, str) else value

    @field_validator("storage")
    @classmethod
    def _storage(cls, value: str) -> str:
        if not value.startswith(("file://", "s3://")):
            raise ValueError(f"unsupported storage URL {value!r}: use file:// or s3://")
        return value

    @field_validator("dns_server")
    @classmethod
    def _dns_server(cls, value: str | None) -> str | None:
        """``IP[:PORT]`` or ``[IPv6][:PORT]``, written back as ``IP:PORT``/``[IPv6]:PORT``."""
        if not value:
            return None
        try:
            parts = urlsplit(f"//{value}")
            address = ipaddress.ip_address(parts.hostname or "")
            port = parts.port or 53
        except ValueError:
            raise ValueError(f"{value!r} is not a DNS server address like 127.0.0.1:53") from None
        return f"[{address}]:{port}" if address.version == 6 else f"{address}:{port}"

    @field_validator("executor")
    @classmethod
    def _executor(cls, value: str) -> str:
        if value not in ("local", "hosted", "celery"):
            raise ValueError(f"unknown executor {value!r}: use 'local', 'hosted' or 'celery'")
        return value

    @property
    def user_agent(self) -> str:
        return f"newsarchiver/{__version__} (web archive crawler; +{self.contact})"


def app_settings(config: AppConfig) -> dict[str, Any]:
    """The Scrapy settings that come from the application's configuration.

    This module applies them for ``scrapy crawl``; ``scheduler.crawlrun`` applies them again
    for the configuration the CLI read, so both run with the same settings.
    """
    return {
        # The archive's own settings, handed to the components below.
        "NEWSARCHIVER_SITES": str(config.sites),
        "NEWSARCHIVER_STORAGE": config.storage,
        "NEWSARCHIVER_DB": config.db,
        "NEWSARCHIVER_SPOOL": str(config.spool),
        "NEWSARCHIVER_OPERATOR": config.operator,
        "NEWSARCHIVER_WARC_MAX_SIZE": config.warc_max_size,
        "NEWSARCHIVER_MAX_BODY_SIZE": config.max_body_size,
        "NEWSARCHIVER_TRAP_CAP": config.trap_cap,
        "NEWSARCHIVER_EXTRACTION_WORKERS": config.extraction_workers,
        "NEWSARCHIVER_INDEXER_STALL_SECONDS": config.indexer_stall_seconds,
        "NEWSARCHIVER_DNS_SERVER": config.dns_server,
        # Identify the archive and how to reach its operator; never Scrapy's default.
        "USER_AGENT": config.user_agent,
        "DOWNLOAD_TIMEOUT": config.download_timeout,
        # Bodies over NEWSARCHIVER_MAX_BODY_SIZE are cut and recorded as truncated by
        # spiders.sizelimit; Scrapy's hard limit sits above it and also stops compression
        # bombs when spiders.contentdecoding decodes.
        "DOWNLOAD_MAXSIZE": config.max_body_size * 2,
    }


try:
    _app = AppConfig.from_env()
    NEWSARCHIVER_CONFIG_ERROR: str | None = None
except ConfigError as _error:
    # Importing the settings must not fail with a traceback: the CLI reads the environment
    # again and reports this in one line, and RunLifecycle refuses to start a `scrapy crawl`.
    _app = AppConfig()
    NEWSARCHIVER_CONFIG_ERROR = str(_error)

BOT_NAME = "newsarchiver"
# The spider only: walking the whole package would import the extraction libraries, which
# only the article indexer needs, into every crawl.
SPIDER_MODULES = ["spiders.news"]
NEWSPIDER_MODULE = "spiders"

# From the environment (NEWSARCHIVER_*, see AppConfig): storage, index, spool, sizes, the
# User-Agent, DOWNLOAD_TIMEOUT and DOWNLOAD_MAXSIZE.
globals().update(app_settings(_app))
NEWSARCHIVER_RUN_ID = None  # set by the scheduler when it started this run
NEWSARCHIVER_TRIGGER = "manual"

# Replay tools cannot all decode br or zstd, so only offer what every one of them can.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
    "Accept-Encoding": "gzip, deflate",
}

# Politeness: delay and concurrency come from each site (NewsSpider.from_crawler);
# AutoThrottle adapts on top. robots.txt is handled, and archived, by spiders.robots.
AUTOTHROTTLE_ENABLED = True
DOWNLOAD_WARNSIZE = 0
# http and https through Scrapy's HTTP/1.1 handler on connections that keep the bytes they carry
# (the WARC records are those bytes), to the addresses spiders.netguard.AddressGuard allowed.
# Nothing else is ever fetched: Scrapy's file, ftp, s3 and data handlers would let any page,
# sitemap or feed link the crawl machine's own files (/proc/self/environ holds the storage
# credentials) into the archive. spiders.netguard refuses and reports those URLs; with the
# handlers off, nothing could fetch one even if it got past.
DOWNLOAD_HANDLERS = {
    "http": "spiders.wirehandler.WireHttpDownloadHandler",
    "https": "spiders.wirehandler.WireHttpDownloadHandler",
    "file": None,
    "ftp": None,
    "s3": None,
    "data": None,
}
REDIRECT_MAX_TIMES = 10
# One line per request (Scrapy's DEBUG) costs the crawl more than writing its WARC record.
LOG_LEVEL = "INFO"
# The spider yields only requests, which Scrapy schedules one by one anyway; its default of 100
# parallel item slots would start 100 asyncio tasks for every response, a fifth of the crawl's CPU.
CONCURRENT_ITEMS = 1
# Depth is counted as hops by NewsSpider (feeds and sitemaps add none), not by DEPTH_LIMIT.

# Downloader middlewares, in the order a request passes them on its way out (a response comes
# back through them in reverse).
DOWNLOADER_MIDDLEWARES = {
    # Refuse anything but http(s), and loopback/private/link-local targets, before they are
    # downloaded (redirects too); the download handler connects only where the same
    # AddressGuard answer allows. First, so that an offsite redirect or link to 10.0.0.1 or
    # file:///etc/passwd is reported as refused.
    "spiders.netguard.PrivateAddressMiddleware": 40,
    # Scrapy's offsite check compares host:port; ours compares hosts and lets requisites out.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "spiders.scope.SiteScopeMiddleware": 50,
    # Fetch robots.txt once per host through this same chain, so it is archived; obey it.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.robots.RobotsMiddleware": 100,
    # Retry-After on 429/503: above RetryMiddleware (550), which would retry at once.
    "spiders.retryafter.RetryAfterMiddleware": 560,
    # Decode bodies for the spider in linear time; a compression bomb is dropped without
    # keeping its buffers alive (Scrapy's own decoder keeps them until a full collection).
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "spiders.contentdecoding.ContentDecodingMiddleware": 590,
    # Below the decoder (590) and Redirect (600): record what the network really sent, the
    # bytes the download handler kept.
    "spiders.warcrecording.WarcRecorderMiddleware": 950,
}

# Spider middlewares: what a parsed page may schedule next.
SPIDER_MIDDLEWARES = {
    # Drop session ids, then cap URL patterns (calendars, facets, endless pagination).
    "spiders.traps.TrapLimiterMiddleware": 800,
    # Article pages bring their stylesheets, scripts, images and fonts.
    "spiders.requisites.RequisitesMiddleware": 850,
}

EXTENSIONS = {
    # Where the crawl may connect: every host resolved once, judged, and pinned for the run.
    "spiders.netguard.AddressGuard": 0,
    # Run record, site lock, spool recovery and flush, upload at close, the run summary.
    "spiders.runlifecycle.RunLifecycle": 100,
    # Bodies over the size limit are cut short and marked WARC-Truncated: length.
    "spiders.sizelimit.BodySizeLimit": 200,
    # Scrapy's remote control (2.19) would serve a Python shell into every crawl, which holds
    # the storage credentials, and leave its token in the user's state directory. Operators
    # inspect runs with ``newsarchiver``; off, and not even imported, like the Telnet console.
    "scrapy.extensions.remote_control.RemoteControl": None,
    "scrapy.extensions.telnet.TelnetConsole": None,
}
