"""Site health: the flags of storage.sitehealth, alone and from real crawls.

The end-to-end test crawls fixture sites over real HTTP on 127.0.0.1 with the real CLI: one
that stops publishing, one that starts answering 403, and one behind a challenge page; then
reads the flags in ``status``, ``schedule list`` and the web app's sites page.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.http import HtmlResponse, TextResponse
from scrapy.utils.test import get_crawler

from spiders.blocksigns import BlockSigns, block_signs
from storage.models import Run, RunStatus, RunTrigger
from storage.runs import RunFindings
from storage.sitehealth import site_flags
from tests.crawlhelpers import make_archive, run_cli
from tests.hostileserver import HostileServer, answer, article_page, html_page, links
from tests.s3server import free_ports
from tests.webserver import running_web


def _run(run_id: int, status: RunStatus = RunStatus.SUCCEEDED, **fields: Any) -> Run:
    summary = fields.pop("summary", {})
    return Run(
        id=run_id,
        site="news",
        trigger=RunTrigger.SCHEDULE,
        status=status,
        queued_at=datetime(2024, 6, 1, tzinfo=UTC),
        pages=fields.pop("pages", 10),
        refused=fields.pop("refused", 0),
        error=fields.pop("error", None),
        summary={"requests_by_status": {"200": 10}, **summary},
    )


def _messages(runs: list[Run], findings: dict[int, RunFindings] | None = None) -> list[str]:
    return [flag.message for flag in site_flags(runs, findings or {})]


def test_a_healthy_site_has_no_flag_and_quiet_runs_are_counted_in_a_row() -> None:
    runs = [_run(18), _run(15), _run(12), _run(9)]
    assert _messages(runs, {9: RunFindings(new=3), 15: RunFindings(new=1)}) == []
    assert _messages(runs[:2]) == []  # too few runs to tell
    assert _messages(runs, {9: RunFindings(new=3), 12: RunFindings(changed=2)}) == [
        "3 runs in a row found no new article (runs 12, 15, 18)"
    ]
    running = [_run(19, RunStatus.RUNNING), _run(18, RunStatus.CANCELLED), *runs]
    assert _messages(running, {15: RunFindings(new=1)}) == []


def test_answers_flags_name_the_status_and_the_run() -> None:
    blocked = _run(18, summary={"requests_by_status": {"200": 9, "403": 41}})
    assert _messages([blocked], {18: RunFindings(new=1)}) == ["41 of 50 answers were 403 in run 18"]
    mixed = _run(7, summary={"requests_by_status": {"200": 2, "404": 1, "503": 4}})
    assert _messages([mixed], {7: RunFindings(new=1)}) == [
        "5 of 7 answers were 4xx/5xx (404: 1, 503: 4) in run 7"
    ]
    limited = _run(8, summary={"requests_by_status": {"200": 40, "429": 10}})
    assert _messages([limited], {8: RunFindings(new=1)}) == [
        "10 of 50 answers were 429 (too many requests) in run 8: "
        "raise download_delay or lower concurrent_requests"
    ]
    throttled = _run(9, summary={"requests_by_status": {"200": 1, "429": 10}})
    assert _messages([throttled], {9: RunFindings(new=1)}) == ["10 of 11 answers were 429 in run 9"]
    silent = _run(4, summary={"requests_by_status": {"200": 2}, "unanswered": 12})
    assert _messages([silent], {4: RunFindings(new=1)}) == [
        "12 download attempts got no answer (timeouts, refused connections) in run 4, 2 got one"
    ]


def test_refusals_failures_and_blocks() -> None:
    refused = _run(
        5, RunStatus.FAILED, pages=0, refused=2, summary={"refused": ["http://10.0.0.7/"]}
    )
    failed = _run(4, RunStatus.FAILED, error="nothing archived")
    assert _messages([refused, failed]) == [
        "2 of the last 2 runs failed (runs 4, 5)",
        "run 5 refused 2 URL(s) (private or non-public address) and fetched 0 page(s), "
        "e.g. http://10.0.0.7/",
    ]
    forbidden = _run(6, pages=1, summary={"robots_forbidden": 3})
    assert _messages([forbidden], {6: RunFindings(new=1)}) == [
        "robots.txt forbade 3 URL(s) in run 6, which fetched 1 page(s)"
    ]
    signs = {
        "html_answers": 25,
        "challenges": {"Cloudflare challenge": 23},
        "challenge_sample": "https://news.example/",
        "same_small_page": 23,
        "same_small_page_bytes": 812,
    }
    challenged = _run(18, summary={"block_signs": signs})
    assert _messages([challenged], {18: RunFindings(new=1)}) == [
        "23 of 25 pages in run 18 were challenge pages (Cloudflare challenge), "
        "e.g. https://news.example/"
    ]
    same = _run(19, summary={"block_signs": {**signs, "challenges": {}}})
    assert _messages([same], {19: RunFindings(new=1)}) == [
        "23 of 25 pages in run 19 were the same 812-byte page"
    ]
    one_captcha = _run(20, summary={"block_signs": {**signs, "challenges": {"reCAPTCHA": 1}}})
    assert "challenge" not in " ".join(_messages([one_captcha], {20: RunFindings(new=1)}))


def test_block_signs_count_challenges_in_small_html_pages_only() -> None:
    crawler = get_crawler()
    assert crawler.stats is not None
    signs = BlockSigns(crawler.stats)
    html = {"Content-Type": "text/html; charset=utf-8"}
    captcha = b"<form><div class='g-recaptcha'></div></form>"
    article = b"<article>" + b"<p>words of the story</p>" * 2000 + captcha + b"</article>"
    answers = [
        HtmlResponse("https://n.example/a", headers=html, body=captcha),
        HtmlResponse("https://n.example/b", headers=html, body=captcha),
        HtmlResponse("https://n.example/c", headers=html, body=article),  # a comment form
        HtmlResponse("https://n.example/d", headers={**html, "cf-mitigated": "challenge"}),
        TextResponse("https://n.example/robots.txt", body=b"g-recaptcha"),  # not HTML
    ]
    for response in answers:
        signs.response_received(response)
    assert block_signs(crawler.stats.get_stats()) == {
        "html_answers": 4,
        "challenges": {"reCAPTCHA": 2, "Cloudflare challenge": 1},
        "challenge_sample": "https://n.example/a",
        "same_small_page": 2,
        "same_small_page_bytes": len(captcha),
    }


# End to end ---------------------------------------------------------------------------------

CHALLENGE = html_page(
    "<p>Checking your browser before accessing the site.</p>"
    "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1'></script>",
    "<title>Just a moment...</title>",
    status=403,
)
PLACEHOLDER = html_page("<p>Please enable JavaScript to read this site.</p>")
FORBIDDEN = answer(403, [(b"Content-Type", b"text/html")], b"<h1>403 Forbidden</h1>")


def _publish(server: HostileServer, prefix: str, count: int) -> list[str]:
    """A home page at ``prefix/`` linking ``count`` articles; their paths."""
    paths = [f"{prefix}/story-{n}" for n in range(count)]
    for n, path in enumerate(paths):
        server.route(path, article_page(f"Story {n} of {prefix}"))
    server.route(f"{prefix}/", html_page(links(paths)))
    return paths


def test_flags_from_real_crawls_in_status_schedule_list_and_the_web_app(tmp_path: Path) -> None:
    (closed,) = free_ports(1)
    with HostileServer() as server:
        server.route("/robots.txt", answer(200, [(b"Content-Type", b"text/plain")], b""))
        quiet = _publish(server, "/quiet", 2)
        blocked = _publish(server, "/blocked", 2)
        local_name = server.url.replace("127.0.0.1", "localhost")
        archive = make_archive(
            tmp_path / "archive",
            {
                "quiet": server.site("/quiet/"),
                "blocked": server.site("/blocked/", *blocked),
                "challenged": server.site("/challenged/", "/challenged/a", "/challenged/b"),
                "placeholder": server.site("/placeholder/", "/placeholder/a", "/placeholder/b"),
                # A name that resolves to 127.0.0.1, which this site does not allow: refused
                # when the guard resolves it for the connection, never fetched.
                "private": {
                    **server.site("/quiet/"),
                    "start_urls": [f"{local_name}/quiet/"],
                    "allow_private_networks": False,
                },
                # Nothing listens there: every attempt ends without an answer.
                "down": {**server.site("/"), "start_urls": [f"http://127.0.0.1:{closed}/"]},
            },
        )
        env = archive.env()

        def crawl(*sites: str) -> list[dict[str, Any]]:
            """Crawls of different sites, at once (each site runs alone anyway)."""
            with ThreadPoolExecutor(len(sites)) as pool:
                done = list(pool.map(lambda site: run_cli(["crawl", site, "--json"], env), sites))
            return [json.loads(result.stdout) for result in done]

        for path in ("/challenged/", "/challenged/a", "/challenged/b"):
            server.route(path, CHALLENGE)  # the challenged site only ever shows the challenge
        for path in ("/placeholder/", "/placeholder/a", "/placeholder/b"):
            server.route(path, PLACEHOLDER)  # and this one the same small page on every URL
        first_quiet, _, challenged_run, down_run, placeholder_run, private_run = crawl(
            "quiet", "blocked", "challenged", "down", "placeholder", "private"
        )
        assert down_run["status"] == "failed" and down_run["unanswered"] >= 2
        # A refused address is no fetch: neither unanswered nor in the crawl log.
        assert private_run["unanswered"] == 0
        assert "fetched ERR" not in Path(private_run["log_file"]).read_text()
        assert first_quiet["articles"] == 2 and server.was_requested(quiet[0])
        assert challenged_run["block_signs"]["challenges"] == {"Cloudflare challenge": 3}
        # The blocked site answered, then turned the crawler away with 403s.
        for path in ("/blocked/", *blocked):
            server.route(path, FORBIDDEN)
        second_quiet, blocked_run = crawl("quiet", "blocked")
        # The quiet site published once, then nothing new: 3 runs in a row find no article.
        quiet_runs = [second_quiet["run_id"], *(crawl("quiet")[0]["run_id"] for _ in range(2))]

    expected = {
        "quiet": [f"3 runs in a row found no new article (runs {', '.join(map(str, quiet_runs))})"],
        "blocked": [f"3 of 4 answers were 403 in run {blocked_run['run_id']}"],
        "challenged": [
            f"3 of 4 answers were 403 in run {challenged_run['run_id']}",
            f"3 of 3 pages in run {challenged_run['run_id']} were challenge pages "
            f"(Cloudflare challenge), e.g. {server.url}/challenged/",
        ],
        "placeholder": [
            f"3 of 3 pages in run {placeholder_run['run_id']} were the same "
            f"{placeholder_run['block_signs']['same_small_page_bytes']}-byte page"
        ],
        "private": [
            f"run {private_run['run_id']} refused 1 URL(s) (private or non-public address) and "
            f"fetched 0 page(s), e.g. {local_name}/quiet/"
        ],
        "down": [
            f"{down_run['unanswered']} download attempts got no answer (timeouts, refused "
            f"connections) in run {down_run['run_id']}, 0 got one"
        ],
    }
    status = json.loads(run_cli(["status", "--json"], env).stdout)
    health = status["site_health"]
    assert {site: [f["message"] for f in flags] for site, flags in health.items()} == expected
    listed = json.loads(run_cli(["schedule", "list", "--json"], env).stdout)
    assert {row["site"]: [f["message"] for f in row["health"]] for row in listed} == expected
    assert [f["kind"] for f in listed[0]["health"]] == ["errors"]  # sorted by slug: blocked

    table = run_cli(["schedule", "list"], env)
    assert table.returncode == 0, table.stderr
    for site, messages in expected.items():
        for message in messages:
            assert f"warning: {site}: {message}\n" in table.stdout
    assert "errors, challenge" in table.stdout  # the HEALTH column of the challenged site
    text = run_cli(["status"], env).stdout
    assert "sites needing a look: 6 of 6" in text
    assert f"warning: blocked: {expected['blocked'][0]}\n" in text

    with running_web(env, tmp_path / "web.log") as web:
        code, _, body = web.get("/sites.json")
        assert code == 200
        shown = {site["site"]: site["warnings"] for site in json.loads(body)["sites"]}
        assert shown == expected
        code, _, page = web.get("/sites")
        assert code == 200 and b"3 runs in a row found no new article" in page
