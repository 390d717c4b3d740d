"""Bad input to ``newsarchiver crawl``: one line on stderr that names the problem, exit 2.

Users script against these exit codes and read these messages, so each case runs the real
command in a subprocess and checks what a user sees: no traceback, one line, the right code.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.crawlhelpers import Archive, make_archive, run_cli

EXIT_USAGE = 2
NOWHERE = "http://127.0.0.1:9/"  # the crawl never starts in these tests


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return make_archive(
        tmp_path, {"daily": {"start_urls": [NOWHERE]}, "weekly": {"start_urls": [NOWHERE]}}
    )


def assert_usage_error(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Exit 2, no traceback, exactly one line on stderr that contains every fragment."""
    assert result.returncode == EXIT_USAGE, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_malformed_toml_says_where(archive: Archive) -> None:
    archive.sites.write_text('[sites.daily]\nstart_urls = ["http://a.example/"]\n\n[sites.bad\n')
    line = assert_usage_error(run_cli(["crawl", "daily"], archive.env()), str(archive.sites))
    assert "line 4" in line


def test_invalid_value_names_the_key(archive: Archive) -> None:
    archive.sites.write_text('[sites.daily]\nstart_urls = ["http://a.example/"]\nmax_depth = "x"\n')
    assert_usage_error(run_cli(["crawl", "daily"], archive.env()), "sites.daily.max_depth")


@pytest.mark.parametrize(("value", "accepted"), [("90", True), ('"1h30m"', True), ("-5", False)])
def test_recapture_after_in_seconds_or_as_a_duration(
    archive: Archive, value: str, accepted: bool
) -> None:
    archive.sites.write_text(
        f'[sites.daily]\nstart_urls = ["http://a.example/"]\nrecapture_after = {value}\n'
    )
    result = run_cli(["schedule", "list", "--json"], archive.env())
    if accepted:
        assert result.returncode == 0, result.stderr
    else:
        assert_usage_error(result, "sites.daily.recapture_after")


def test_unknown_site_lists_the_known_ones(archive: Archive) -> None:
    assert_usage_error(run_cli(["crawl", "monthly"], archive.env()), "monthly", "daily, weekly")


def test_invalid_slug(archive: Archive) -> None:
    assert_usage_error(run_cli(["crawl", "../etc"], archive.env()), "invalid site slug")


def test_invalid_slug_in_the_sites_file(archive: Archive) -> None:
    archive.sites.write_text(f'[sites.Bad_Slug]\nstart_urls = ["{NOWHERE}"]\n')
    assert_usage_error(run_cli(["crawl", "daily"], archive.env()), "Bad_Slug", "invalid site slug")


def test_unsupported_storage_url(archive: Archive) -> None:
    env = archive.env(NEWSARCHIVER_STORAGE="ftp://archive.example/news")
    assert_usage_error(run_cli(["crawl", "daily"], env), "NEWSARCHIVER_STORAGE", "ftp://")


def test_unwritable_storage_directory(archive: Archive, tmp_path: Path) -> None:
    # Under a regular file: unwritable even for root, where chmod would not stop writes.
    blocker = tmp_path / "afile"
    blocker.write_text("not a directory")
    env = archive.env(NEWSARCHIVER_STORAGE=f"file://{blocker}/sub")
    assert_usage_error(run_cli(["crawl", "daily"], env), str(blocker))
    assert not list(tmp_path.rglob("*.warc.gz*"))


def test_missing_sites_file(archive: Archive, tmp_path: Path) -> None:
    env = archive.env(NEWSARCHIVER_SITES=str(tmp_path / "absent.toml"))
    assert_usage_error(run_cli(["crawl", "daily"], env), "absent.toml", "not found")


def test_bad_size_variable(archive: Archive) -> None:
    env = archive.env(NEWSARCHIVER_MAX_BODY_SIZE="lots")
    assert_usage_error(run_cli(["crawl", "daily"], env), "NEWSARCHIVER_MAX_BODY_SIZE", "lots")


def test_bad_dns_server_variable(archive: Archive) -> None:
    env = archive.env(NEWSARCHIVER_DNS_SERVER="dns.example:53")
    assert_usage_error(run_cli(["crawl", "daily"], env), "NEWSARCHIVER_DNS_SERVER", "dns.example")


def test_a_crawl_that_fetches_nothing_fails_with_exit_1(archive: Archive) -> None:
    archive.sites.write_text(
        f'[sites.daily]\nstart_urls = ["{NOWHERE}"]\nallow_private_networks = true\n'
        "download_delay = 0\n"
    )
    result = run_cli(["crawl", "daily", "--json"], archive.env(NEWSARCHIVER_DOWNLOAD_TIMEOUT="2"))
    assert result.returncode == 1, result.stderr[-2000:]
    assert '"status": "failed"' in result.stdout


@pytest.mark.parametrize("args", [["jobs", "show"], ["articles", "search", "--limit", "0"]])
def test_usage_errors_exit_2_without_a_traceback(archive: Archive, args: list[str]) -> None:
    result = run_cli(args, archive.env())
    assert result.returncode == EXIT_USAGE, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("variable", ["NEWSARCHIVER_LOGS", "NEWSARCHIVER_SPOOL"])
@pytest.mark.parametrize("shape", ["under a file", "a file"])
def test_unusable_log_or_spool_directory(
    archive: Archive, tmp_path: Path, variable: str, shape: str
) -> None:
    # A regular file where the directory should be: unusable even for root.
    blocker = tmp_path / "afile"
    blocker.write_text("not a directory")
    where = blocker / "sub" if shape == "under a file" else blocker
    line = assert_usage_error(
        run_cli(["crawl", "daily"], archive.env(**{variable: str(where)})), variable, str(where)
    )
    assert "not a directory" in line.lower()
    assert not list(tmp_path.rglob("*.warc.gz*"))


def test_demo_in_a_directory_it_cannot_write(tmp_path: Path) -> None:
    """``demo`` writes ``./archive`` (its site, logs, index, WARC files) where it runs."""
    (tmp_path / "archive").write_text("a file where the demo's archive would go")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVER_")}
    line = assert_usage_error(run_cli(["demo"], env, cwd=tmp_path), "archive")
    assert "not a directory" in line.lower()


def test_demo_in_a_read_only_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVER_")}
    if os.geteuid() == 0:
        # Permission bits do not bind root; sysfs refuses new entries even to root.
        line = assert_usage_error(run_cli(["demo"], env, cwd=Path("/sys")), "archive")
        assert "not permitted" in line
        return
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o555)
    try:
        assert_usage_error(run_cli(["demo"], env, cwd=readonly), "archive", "ermission denied")
    finally:
        readonly.chmod(0o755)


@pytest.mark.parametrize(
    "args",
    [
        ["articles", "search"],
        ["articles", "show", "https://example.com/a"],
        ["articles", "get", "https://example.com/a"],
        ["articles", "export", "--format", "jsonl"],
        ["jobs", "list"],
        ["jobs", "show", "1"],
        ["warc", "list"],
        ["warc", "verify"],
        ["status"],
    ],
)
def test_read_commands_without_an_index_say_where_they_looked(
    tmp_path: Path, args: list[str]
) -> None:
    """Run from another directory, they must not answer "0 articles" from a new empty index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVER_")}
    line = assert_usage_error(run_cli(args, env, cwd=tmp_path), "no index at")
    assert str(tmp_path / "archive" / "index.sqlite3") in line
    assert list(tmp_path.iterdir()) == []  # nothing created
