"""The web app (``newsarchiver serve``) over a real archive, through HTTP and a real Chromium.

One generated news site is crawled twice through the real CLI, as in ``test_recrawl``: between
the runs one article gets a correction, and a hostile page appears whose script tries to read
the app's cookie and its pages. The app runs as a user starts it, with a token, on free ports.

The browser tests use Debian's Chromium: search → article (metadata, two versions, the changed
sentence marked) → replay (ReplayWeb.page renders the archived page with its stylesheet and
image, from the archive only: neither the browser's network log nor the site's own request
log shows a request to the site during replay) → the timeline. Screenshots of each page at a
laptop's and a phone's width go to ``NEWSARCHIVER_SCREENSHOTS`` (a temporary directory when
unset).
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import logging
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import pytest

from demosite.generator import SiteManifest, generate_site
from demosite.server import serve_directory
from storage.db import Database
from storage.indexwriter import CaptureRow, IndexWriter
from storage.models import RecordType, RunStatus
from storage.runs import RunCounts, finish_run, start_run
from tests.crawlhelpers import Archive, crawl_json, make_archive, run_cli
from tests.pywacz import wacz_validate
from tests.replaywebpage import replaywebpage_dir
from tests.s3server import SeaweedFS
from tests.services import skip_or_fail
from tests.webserver import WebServer, running_web
from webapp.signedlinks import LinkSigner

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Frame, Page, ViewportSize

ARTICLES = 10
TOKEN = "a-test-token-that-is-long-enough"
CORRECTION = "Correction: an earlier version of this article misstated the budget."
HOSTILE_PATH = "/2024/06/30/hostile-page/"
HOSTILE_TITLE = "A page whose script probes the archive"
REPLAY_TIMEOUT_MS = 30_000
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}

# The hostile page's script. An archived script is rewritten by ReplayWeb.page's wombat, so it
# climbs to the highest window of its own origin (ReplayWeb.page's frames, where fetch and the
# cookie getter are the browser's own) and tries from there: the app's cookie, the app's top
# window, and a credentialed fetch of the app's home page.
PROBE = """<div id="probe">not run</div>
<script>
(async () => {
  const APP = "__APP__";
  const out = {};
  let w = window;
  try { while (w.parent !== w && w.parent.document) { w = w.parent; } } catch (e) {}
  out.origin = w.location.origin;
  out.cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie").get.call(w.document);
  try { out.top = window.top.document.cookie; } catch (e) { out.top = "blocked: " + e.name; }
  try {
    const answer = await w.fetch(APP + "/", { credentials: "include" });
    out.app = "read " + answer.status + ": " + (await answer.text()).slice(0, 300);
  } catch (e) { out.app = "blocked: " + e.name; }
  document.getElementById("probe").textContent = JSON.stringify(out);
})();
</script>
"""


def _site(origin: str) -> dict[str, Any]:
    return {
        "start_urls": [f"{origin}/"],
        "allow_private_networks": True,
        "download_delay": 0,
        "max_depth": 3,
        "max_pages": 1000,
        "recapture_after": "0s",
        "schedule": "0 */6 * * *",
    }


def _correct(root: Path, path: str) -> None:
    page = root / path.strip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace('<p class="more">', f'<p>{CORRECTION}</p>\n<p class="more">', 1))


def _publish_hostile(root: Path, manifest: SiteManifest, app: str) -> None:
    template = manifest.articles[-1]
    html = (root / template.path.strip("/") / "index.html").read_text(encoding="utf-8")
    html = html.replace(template.path, HOSTILE_PATH).replace(template.title, HOSTILE_TITLE)
    html = html.replace("</article>", PROBE.replace("__APP__", app) + "</article>", 1)
    target = root / HOSTILE_PATH.strip("/")
    target.mkdir(parents=True)
    (target / "index.html").write_text(html, encoding="utf-8")
    home = root / "index.html"
    teaser = f'<div class="teaser"><h2><a href="{HOSTILE_PATH}">{HOSTILE_TITLE}</a></h2></div>\n'
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace("<h1>Latest news</h1>\n", f"<h1>Latest news</h1>\n{teaser}", 1))


class _RequestLog(logging.Handler):
    """The fixture site's own log of the requests it answered."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@dataclass
class WebArchive:
    archive: Archive
    manifest: SiteManifest
    origin: str
    web: WebServer
    site_log: _RequestLog
    updated_url: str
    hostile_url: str
    runs: list[dict[str, Any]]

    def json(self, path: str) -> Any:
        status, _, body = self.web.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

    def cli_json(self, *args: str) -> Any:
        result = run_cli([*args, "--json"], self.archive.env())
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    def captures(self, url: str) -> list[dict[str, Any]]:
        """The article's captures, oldest first."""
        found = self.json("/article.json?" + urlencode({"url": url}))["captures"]
        return sorted(found, key=lambda capture: capture["captured_at"])


def uuid_of(capture: dict[str, Any]) -> str:
    return str(capture["record_id"]).removeprefix("<urn:uuid:").removesuffix(">")


@pytest.fixture(scope="module")
def web_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebArchive]:
    assets = replaywebpage_dir()
    if assets is None:
        skip_or_fail("ReplayWeb.page is not installed (run `make test-tools`)")
    root = tmp_path_factory.mktemp("web")
    manifest = generate_site(root / "www", articles=ARTICLES, seed=11)
    site_log = _RequestLog()
    site_logger = logging.getLogger("demosite.server")
    level = site_logger.level
    site_logger.addHandler(site_log)
    site_logger.setLevel(logging.DEBUG)
    try:
        with serve_directory(manifest.root) as site:
            archive = make_archive(root / "archive", {"news": _site(site.url)})
            runs = [crawl_json(archive, "news")]
            schedules = run_cli(["schedule", "list", "--json"], archive.env())
            assert schedules.returncode == 0, schedules.stderr
            env = archive.env(NEWSARCHIVER_WEB_TOKEN=TOKEN, NEWSARCHIVER_REPLAYWEBPAGE=str(assets))
            with running_web(env, root / "web.log") as web:
                web.headers = {"Authorization": f"Bearer {TOKEN}"}
                updated = manifest.articles[ARTICLES // 2]
                _correct(manifest.root, updated.path)
                _publish_hostile(manifest.root, manifest, web.url)
                runs.append(crawl_json(archive, "news"))
                yield WebArchive(
                    archive=archive,
                    manifest=manifest,
                    origin=site.url,
                    web=web,
                    site_log=site_log,
                    updated_url=f"{site.url}{updated.path}",
                    hostile_url=f"{site.url}{HOSTILE_PATH}",
                    runs=runs,
                )
                log = web.log.read_text()
                assert "Traceback" not in log and "ERROR" not in log, log
    finally:
        site_logger.removeHandler(site_log)
        site_logger.setLevel(level)


# Pages and their JSON twins -------------------------------------------------------------------


def test_runs_archived_the_change_and_the_hostile_page(web_archive: WebArchive) -> None:
    assert [run["status"] for run in web_archive.runs] == ["succeeded", "succeeded"]
    article = web_archive.json("/article.json?" + urlencode({"url": web_archive.updated_url}))
    assert [version["version"] for version in article["versions"]] == [1, 2]
    assert web_archive.captures(web_archive.hostile_url)


def test_search_json_is_the_cli_search(web_archive: WebArchive) -> None:
    for query in ('"misstated the budget"', "budget", ""):
        web = web_archive.json("/search.json?" + urlencode({"q": query}))
        cli = web_archive.cli_json("articles", "search", query) if query else None
        if cli is None:
            cli = web_archive.cli_json("articles", "search")
        assert web["results"] == cli, query
        assert web["total"] >= len(web["results"])
    found = web_archive.json("/search.json?" + urlencode({"q": '"misstated the budget"'}))
    assert found["total"] == 1
    assert [hit["url"] for hit in found["results"]] == [web_archive.updated_url]
    assert "[[misstated the budget]]" in found["results"][0]["snippet"]


def test_search_pages_and_filters(web_archive: WebArchive) -> None:
    everything = web_archive.json("/search.json")
    assert everything["total"] == ARTICLES + 1  # and the hostile page
    second = web_archive.json("/search.json?page=2")
    assert len(everything["results"]) + len(second["results"]) == everything["total"]
    assert not {h["url"] for h in everything["results"]} & {h["url"] for h in second["results"]}
    assert web_archive.json("/search.json?site=elsewhere")["total"] == 0
    assert web_archive.json("/search.json?language=en")["total"] == everything["total"]
    assert web_archive.json("/search.json?until=2000-01-01")["total"] == 0
    for bad in ("site=../etc", "since=yesterday", "page=0", "language=%3Cscript%3E", "q=%22x"):
        status, _, body = web_archive.web.get(f"/search.json?{bad}")
        assert status == 400, bad
        assert json.loads(body)["error"], bad


def test_article_json_is_articles_show_with_the_changes(web_archive: WebArchive) -> None:
    url = web_archive.updated_url
    article = web_archive.json("/article.json?" + urlencode({"url": url}))
    shown = web_archive.cli_json("articles", "show", url)
    assert {k: v for k, v in article.items() if k != "changes"} == shown
    [change] = article["changes"]
    assert (change["from_version"], change["to_version"]) == (1, 2)
    added = [
        text for block in change["body"] for op, text in block.get("segments", []) if op == "+"
    ]
    assert any(CORRECTION in text for text in added), change["body"]
    assert not [op for op, _ in change["title"] if op != "="]


def test_sites_and_runs_pages(web_archive: WebArchive) -> None:
    sites = web_archive.json("/sites.json")["sites"]
    assert [site["site"] for site in sites] == ["news"]
    news = sites[0]
    assert [run["id"] for run in news["runs"]] == [r["run_id"] for r in reversed(web_archive.runs)]
    assert news["runs"][-1]["new_articles"] == ARTICLES
    assert news["runs"][0]["new_articles"] == 1  # the hostile page
    assert news["runs"][0]["changed_articles"] == 1  # the correction
    assert news["warnings"] == []
    [schedule] = web_archive.cli_json("schedule", "list")
    assert (news["cron"], news["next_run"]) == (schedule["cron"], schedule["next_run"])
    run_id = web_archive.runs[-1]["run_id"]
    run = web_archive.json(f"/runs/{run_id}.json")
    assert {k: v for k, v in run.items() if k not in ("progress", "findings")} == (
        web_archive.cli_json("jobs", "show", str(run_id))
    )
    assert run["findings"] == {"new_articles": 1, "changed_articles": 1}
    assert run["warc_files"] and all(w["status"] == "stored" for w in run["warc_files"])
    status, headers, log = web_archive.web.get(f"/runs/{run_id}/log")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert b"Spider closed" in log or b"spider_closed" in log or b"INFO" in log
    listed = web_archive.json("/runs.json?site=news")["runs"]
    assert [run["id"] for run in listed] == [r["run_id"] for r in reversed(web_archive.runs)]
    assert web_archive.web.get("/runs/999999.json")[0] == 404
    assert web_archive.web.get("/sites/nowhere.json")[0] == 404


def test_downloads_are_the_exporters_wacz(web_archive: WebArchive, tmp_path: Path) -> None:
    for path, pages in (
        ("/download/search.wacz?" + urlencode({"q": '"misstated the budget"'}), 2),
        ("/download/sites/news.wacz", None),
        (f"/download/runs/{web_archive.runs[0]['run_id']}.wacz", ARTICLES),
    ):
        status, headers, body = web_archive.web.get(path)
        assert status == 200, (path, body[:300])
        assert headers["content-type"] == "application/wacz"
        assert "attachment" in headers["content-disposition"]
        with zipfile.ZipFile(io.BytesIO(body)) as wacz:
            listed = wacz.read("pages/pages.jsonl").decode().splitlines()[1:]
            assert "datapackage.json" in wacz.namelist()
        if pages is not None:
            assert len(listed) == pages, (path, listed)
        saved = tmp_path / "download.wacz"
        saved.write_bytes(body)
        checked = wacz_validate(saved)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    for nothing in ("q=nowhere-to-be-found", "language=fr"):
        status, _, body = web_archive.web.get(f"/download/search.wacz?{nothing}")
        assert status == 404 and b"nothing to export" in body, nothing
    status, _, body = web_archive.web.get("/download/search.wacz?language=en")
    with zipfile.ZipFile(io.BytesIO(body)) as wacz:
        listed = wacz.read("pages/pages.jsonl").decode().splitlines()[1:]
    # Every capture of every article (all in English), and no hub page: a search's articles.
    assert len(listed) == 2 * ARTICLES + 1, listed
    assert "pages/extraPages.jsonl" not in set(zipfile.ZipFile(io.BytesIO(body)).namelist())


# Access and containment over HTTP ----------------------------------------------------------


def test_the_token_is_required(web_archive: WebArchive) -> None:
    web = web_archive.web
    assert web.get("/search.json", headers={"Authorization": ""})[0] == 401
    status, headers, _ = web.get("/search", headers={"Authorization": "", "Accept": "text/html"})
    assert status == 303 and headers["location"].startswith("/login?next=")
    assert (
        web.get("/search.json", headers={"Authorization": "Bearer wrong-token-wrong-token"})[0]
        == 401
    )
    basic = base64.b64encode(f"archivist:{TOKEN}".encode()).decode()
    assert web.get("/search.json", headers={"Authorization": f"Basic {basic}"})[0] == 200
    # The login form sets an HttpOnly, SameSite=Strict session cookie holding no token.
    connection_status, headers, _ = _post(web, "/login", {"token": TOKEN, "next": "/sites"})
    assert connection_status == 303 and headers["location"] == "/sites"
    cookie = headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert TOKEN not in cookie
    session = cookie.split(";", 1)[0]
    assert web.get("/sites.json", headers={"Authorization": "", "Cookie": session})[0] == 200
    assert _post(web, "/login", {"token": "nope", "next": "//evil.example/"})[0] == 403
    assert _post(web, "/login", {"token": TOKEN, "next": "//evil.example/"})[1]["location"] == "/"


def _post(web: WebServer, path: str, fields: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", web.port, timeout=30)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_headers_keep_the_origins_apart(web_archive: WebArchive) -> None:
    web = web_archive.web
    origin = {"Origin": web.replay_url}
    for path in ("/search", "/search.json", "/sites", "/static/app.css"):
        status, headers, _ = web.get(path, headers=origin)
        assert status == 200, path
        assert not [name for name in headers if name.startswith("access-control-")], path
        assert headers["cross-origin-resource-policy"] == "same-origin"
        assert headers["x-content-type-options"] == "nosniff"
    _, headers, _ = web.get("/search")
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert f"frame-src http://127.0.0.1:{web.replay_port}" in policy
    assert "unsafe-inline" not in policy
    # DNS rebinding: a page of another name that resolves here gets nothing.
    assert web.get("/search.json", headers={"Host": f"evil.example:{web.port}"})[0] == 400
    # The replay origin serves only its own few routes: never the app's pages.
    for path in ("/search", "/search.json", "/sites", f"/runs/{web_archive.runs[0]['run_id']}"):
        assert web.get(path, replay=True)[0] == 404, path


def test_paths_and_other_sites_records_are_refused(web_archive: WebArchive) -> None:
    web = web_archive.web
    capture = web_archive.captures(web_archive.updated_url)[0]
    uuid = uuid_of(capture)
    signer = LinkSigner(TOKEN.encode())
    expires, signature = signer.sign("news", uuid)
    good = f"/wacz/news/{uuid}/{expires}/{signature}/capture.wacz"
    status, _, body = web.get(good, replay=True)
    assert status == 200 and zipfile.is_zipfile(io.BytesIO(body))
    other_expires, other_signature = signer.sign("other", uuid)
    refused = {
        f"/wacz/other/{uuid}/{expires}/{signature}/capture.wacz": 403,  # signed for news
        f"/wacz/other/{uuid}/{other_expires}/{other_signature}/capture.wacz": 404,  # not other's
        f"/wacz/news/{uuid}/{expires}/{signature[:-2]}xx/capture.wacz": 403,
        f"/wacz/news/{uuid}/{int(expires) - 10**8}/{signature}/capture.wacz": 403,
        f"/embed/other/{uuid}?expires={expires}&signature={signature}": 403,
        f"/embed/news/{uuid}?expires={expires}": 403,
        f"/wacz/news/../../../etc/passwd/{expires}/{signature}/capture.wacz": 404,
        f"/embed/..%2f..%2fsettings.py/{uuid}?expires={expires}&signature={signature}": 404,
        f"/embed/..%2e/{uuid}?expires={expires}&signature={signature}": 400,
        "/rwp/../../settings.py": 404,
        "/rwp/..%2f..%2fsettings.py": 404,
        "/rwp/index.py": 404,
    }
    for path, expected in refused.items():
        status, _, body = web.get(path, replay=True)
        assert status == expected, (path, status, body[:200])
        assert b"NEWSARCHIVER" not in body and b"root:" not in body, path
    for path in (
        "/static/../settings.py",
        "/static/..%2f..%2fsettings.py",
        "/static/%2e%2e/%2e%2e/settings.py",
        "/article?url=file:///etc/passwd",
        "/sites/..%2f..%2fetc",
        "/runs/..%2f1",
        "/replay?capture=../../etc/passwd",
    ):
        status, _, body = web.get(path)
        assert status in (400, 404), (path, status)
        assert b"NEWSARCHIVER_CONFIG_ERROR" not in body and b"root:" not in body, path


# In the browser -----------------------------------------------------------------------------


def _screenshots() -> Path:
    configured = os.environ.get("NEWSARCHIVER_SCREENSHOTS")
    directory = (
        Path(configured) if configured else Path(tempfile.gettempdir()) / "newsarchiver-screenshots"
    )
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _logged_in(browser: Browser, web: WebServer, viewport: ViewportSize) -> BrowserContext:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{web.url}/search")
    assert urlsplit(page.url).path == "/login"
    page.fill("input[name=token]", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_url(f"{web.url}/search")
    page.close()
    return context


def _archived_frame(page: Page, url: str) -> Frame:
    """The frame where ReplayWeb.page shows the archived ``url``, once loaded.

    Frames appear and navigate while the service worker starts, so the page's frames are
    looked at until one shows the archived page (an event could fire before a listener).
    """
    deadline = time.monotonic() + REPLAY_TIMEOUT_MS / 1000
    while True:
        frame = next((f for f in page.frames if "mp_/" in f.url and f.url.endswith(url)), None)
        if frame is not None:
            break
        if time.monotonic() > deadline:
            page.screenshot(path=str(_screenshots() / "replay-timeout.png"))
            text = "document.body && document.body.innerText.slice(0, 300)"
            shown = [(f.url[:80], f.evaluate(text)) for f in page.frames]
            raise AssertionError(f"no archived frame for {url}: {shown}")
        page.wait_for_timeout(100)
    frame.wait_for_load_state("load", timeout=REPLAY_TIMEOUT_MS)
    return frame


def test_search_article_replay_in_the_browser(
    web_archive: WebArchive, chromium_browser: Browser
) -> None:
    web, shots = web_archive.web, _screenshots()
    context = _logged_in(chromium_browser, web, DESKTOP)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    [session] = [c for c in context.cookies() if c["name"] == "newsarchiver_session"]
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    page = context.new_page()
    try:
        page.goto(f"{web.url}/search")
        assert page.evaluate("document.cookie") == ""  # HttpOnly: not even the app's scripts
        page.fill("input[name=q]", '"misstated the budget"')
        page.press("input[name=q]", "Enter")
        page.wait_for_selector("ol.results li")
        assert page.locator("ol.results li").count() == 1
        assert page.inner_text("ol.results mark").lower() in ("misstated the budget", "misstated")
        updated = next(
            a for a in web_archive.manifest.articles if web_archive.updated_url.endswith(a.path)
        )
        assert page.inner_text("ol.results h2") == updated.title
        page.screenshot(path=str(shots / "search-results-desktop.png"))

        page.click("ol.results h2 a")
        page.wait_for_selector("article.article h1")
        assert page.inner_text("article.article h1") == updated.title
        assert page.inner_text(".byline") == "By " + ", ".join(updated.authors)
        assert updated.published.strftime("%Y-%m-%d") in page.inner_text("dl.facts")
        assert page.locator(".captures tbody tr").count() == 2
        assert "Version 1 → 2" in page.inner_text(".changes h3")
        assert CORRECTION in page.inner_text(".changes ins")

        # The oldest capture, from before the correction.
        page.locator(".captures tbody tr").last.locator("a.button").click()
        page.wait_for_url(re.compile(r"/replay\?capture="))
        before_site = len(web_archive.site_log.lines)
        replay_start = len(requested)
        frame = _archived_frame(page, web_archive.updated_url)
        frame.wait_for_function(
            "document.images.length > 0 && [...document.images].every(i => i.complete)",
            timeout=REPLAY_TIMEOUT_MS,
        )
        shown = frame.evaluate(
            """() => ({
                brandSize: getComputedStyle(document.querySelector('.masthead .brand')).fontSize,
                bodyFont: getComputedStyle(document.body).fontFamily,
                images: [...document.images].map(i => i.naturalWidth),
                text: document.body.innerText,
            })"""
        )
        assert shown["brandSize"] == "32px"  # site.css: .masthead .brand { font-size: 2rem }
        assert "Georgia" in shown["bodyFont"]
        assert shown["images"] and all(width > 0 for width in shown["images"])
        assert CORRECTION not in shown["text"]
        page.screenshot(path=str(shots / "replay-before-correction-desktop.png"))

        # The timeline moves to the later capture, which has the correction.
        page.click("nav.timeline a[rel=next]")
        page.wait_for_url(re.compile(r"/replay\?capture="))
        later = _archived_frame(page, web_archive.updated_url)
        later.wait_for_function(
            f"document.body && document.body.innerText.includes({json.dumps(CORRECTION)})",
            timeout=REPLAY_TIMEOUT_MS,
        )
        site_host = urlsplit(web_archive.origin).netloc
        during = requested[replay_start:]
        assert during, "the browser's network log is empty"
        assert not [u for u in during if urlsplit(u).netloc == site_host], during
        assert len(web_archive.site_log.lines) == before_site, "replay reached the live site"

        _screenshot_pages(page, web_archive, shots, "desktop")
    finally:
        context.close()
    phone = _logged_in(chromium_browser, web, PHONE)
    try:
        _screenshot_pages(phone.new_page(), web_archive, shots, "phone")
    finally:
        phone.close()


def _screenshot_pages(page: Page, web_archive: WebArchive, shots: Path, width: str) -> None:
    """A screen of each page (and of the article's changes), none wider than the screen."""
    for name, path in _pages(web_archive).items():
        page.goto(web_archive.web.url + path)
        if name == "replay":
            _archived_frame(page, web_archive.updated_url).wait_for_load_state("load")
        page.screenshot(path=str(shots / f"{name}-{width}.png"))
        viewport = page.viewport_size or DESKTOP
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], name
        if name == "article":
            page.locator(".changes").scroll_into_view_if_needed()
            page.screenshot(path=str(shots / f"article-changes-{width}.png"))


def _pages(web_archive: WebArchive) -> dict[str, str]:
    capture = web_archive.captures(web_archive.updated_url)[-1]
    return {
        "search": "/search?" + urlencode({"q": "budget"}),
        "article": "/article?" + urlencode({"site": "news", "url": web_archive.updated_url}),
        "replay": f"/replay?capture={uuid_of(capture)}",
        "sites": "/sites",
        "site": "/sites/news",
        "runs": "/runs",
        "run": f"/runs/{web_archive.runs[-1]['run_id']}",
    }


def test_archived_scripts_cannot_reach_the_app(
    web_archive: WebArchive, chromium_browser: Browser
) -> None:
    web = web_archive.web
    context = _logged_in(chromium_browser, web, DESKTOP)
    page = context.new_page()
    try:
        capture = web_archive.captures(web_archive.hostile_url)[-1]
        page.goto(f"{web.url}/replay?capture={uuid_of(capture)}")
        frame = _archived_frame(page, web_archive.hostile_url)
        frame.wait_for_function(
            "document.getElementById('probe') && "
            "document.getElementById('probe').textContent !== 'not run'",
            timeout=REPLAY_TIMEOUT_MS,
        )
        probe = json.loads(frame.inner_text("#probe"))
        # ReplayWeb.page's wombat keeps the script inside the archived page: its parent and top
        # are itself, its cookies the archived site's, its fetch goes to the archive (a 404
        # there, not the app's page).
        assert "newsarchiver_session" not in probe["cookie"] + probe["top"], probe
        assert not probe["app"].startswith("read 200"), probe
        assert "newsarchiver" not in probe["app"].split(":", 1)[-1].lower(), probe

        # A script that escaped wombat would run as ReplayWeb.page's own frames do, on the
        # replay origin: there the cookie getter and fetch are the browser's own.
        shell = next(f for f in page.frames if urlsplit(f.url).path.startswith("/embed/"))
        direct = shell.evaluate(
            """async (app) => {
                const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")
                    .get.call(document);
                let read;
                try {
                    const answer = await fetch(app + "/search.json", {credentials: "include"});
                    read = "read " + answer.status;
                } catch (e) { read = "blocked: " + e.name; }
                let top;
                try { top = window.top.location.href; } catch (e) { top = "blocked: " + e.name; }
                return {cookie, read, top};
            }""",
            web.url,
        )
        assert "newsarchiver_session" not in direct["cookie"]
        assert direct["read"].startswith("blocked"), direct
        assert direct["top"].startswith("blocked"), direct
        page.screenshot(path=str(_screenshots() / "hostile-desktop.png"))
    finally:
        context.close()


def test_a_running_runs_page_follows_it(chromium_browser: Browser, tmp_path: Path) -> None:
    """The page of a running run updates its figures as the index grows, and shows the end."""
    from playwright.sync_api import expect

    archive = make_archive(tmp_path, {"news": _site("http://127.0.0.1:9")})
    db = Database(f"sqlite:///{archive.db_path}")
    run_id = start_run(db, "news", attempt="crawl")
    warc = "news-20240601000000000-00000-host.warc.gz"
    writer = IndexWriter(db)
    writer.register_warc_file(warc, "news", run_id, f"/spool/{warc}.open", f"file:///{warc}")

    def capture(n: int) -> None:
        writer.add_capture(
            CaptureRow(
                run_id=run_id,
                warc_name=warc,
                url=f"https://news.example/{n}",
                status=200,
                mime="text/html",
                captured_at=datetime.now(UTC),
                record_id=f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>",
                record_type=RecordType.RESPONSE,
                payload_digest=f"sha1:{n:032d}",
                offset=1000 * n,
                length=1000,
            )
        )
        writer.flush()

    capture(1)
    with running_web(archive.env(), tmp_path / "web.log") as web:
        context = chromium_browser.new_context(viewport=PHONE)
        try:
            page = context.new_page()
            page.goto(f"{web.url}/runs/{run_id}")
            records = page.locator("[data-field='progress.records']")
            assert records.inner_text() == "1"
            capture(2)
            capture(3)
            # Awaited by Playwright's own polling: the app's CSP forbids evaluating strings.
            expect(records).to_have_text("3", timeout=30_000)
            assert page.inner_text("[data-field='progress.record_bytes']") == "3.0 kB"
            page.screenshot(path=str(_screenshots() / "run-running-phone.png"))
            writer.close()
            finish_run(db, run_id, "news", RunStatus.SUCCEEDED, RunCounts(pages=3), attempt="crawl")
            expect(page.locator("h1 .status")).to_have_text("succeeded", timeout=30_000)
            assert page.locator("[data-poll]").count() == 0
        finally:
            context.close()
    db.dispose()


# From S3 ----------------------------------------------------------------------------------------


@pytest.mark.s3
def test_replay_from_s3_storage(
    seaweedfs: SeaweedFS, chromium_browser: Browser, tmp_path: Path
) -> None:
    """The WACZ of a capture is made from records read back from the S3 store by range."""
    assets = replaywebpage_dir()
    if assets is None:
        skip_or_fail("ReplayWeb.page is not installed (run `make test-tools`)")
    manifest = generate_site(tmp_path / "www", articles=3, seed=5)
    bucket = seaweedfs.create_bucket()
    with serve_directory(manifest.root) as site:
        archive = make_archive(
            tmp_path / "archive",
            {"news": _site(site.url)},
            NEWSARCHIVER_STORAGE=f"s3://{bucket}/archive",
            **seaweedfs.environ(),
        )
        assert crawl_json(archive, "news")["waiting_upload"] == 0
    env = archive.env(NEWSARCHIVER_REPLAYWEBPAGE=str(assets))
    with running_web(env, tmp_path / "web.log") as web:
        url = f"{site.url}{manifest.articles[0].path}"
        status, _, body = web.get("/article.json?" + urlencode({"url": url}))
        assert status == 200, body
        [capture] = json.loads(body)["captures"]
        assert capture["warc"].startswith(f"s3://{bucket}/")
        context = chromium_browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{web.url}/replay?capture={uuid_of(capture)}")
            frame = _archived_frame(page, url)
            frame.wait_for_function(
                "document.images.length > 0 && [...document.images].every(i => i.complete)",
                timeout=REPLAY_TIMEOUT_MS,
            )
            assert frame.evaluate("document.title") == manifest.articles[0].title
            assert (
                frame.evaluate(
                    "getComputedStyle(document.querySelector('.masthead .brand')).fontSize"
                )
                == "32px"
            )
        finally:
            context.close()


# Exposure --------------------------------------------------------------------------------------


def test_a_non_loopback_address_needs_a_token(tmp_path: Path) -> None:
    archive = make_archive(tmp_path, {"news": _site("http://127.0.0.1:9")})
    (tmp_path / "index.sqlite3").touch()
    env = archive.env()
    env.pop("NEWSARCHIVER_WEB_TOKEN", None)
    for host in ("0.0.0.0", "192.168.1.10", "::"):
        result = run_cli(["serve", "--host", host, "--port", "0"], env, timeout=30)
        assert result.returncode == 2, (host, result)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "NEWSARCHIVER_WEB_TOKEN" in lines[0], result.stderr
    short = run_cli(["serve", "--host", "0.0.0.0"], {**env, "NEWSARCHIVER_WEB_TOKEN": "short"})
    assert short.returncode == 2 and len(short.stderr.strip().splitlines()) == 1, short.stderr
    missing = run_cli(["serve"], archive.env(NEWSARCHIVER_DB=f"sqlite:///{tmp_path}/none.db"))
    assert missing.returncode == 2 and "no index" in missing.stderr, missing.stderr
    assert not (tmp_path / "none.db").exists()
