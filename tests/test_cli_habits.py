"""The command line's habits people bring from other tools: ``--version``, ``-h``, completion,
"did you mean", every sites-file problem at once, usage errors in one line of our words, and
``--json`` as a plain flag.

Each case runs the real ``newsarchiver`` in a subprocess, as a shell would.
"""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.crawlhelpers import BIN, REPO, Archive, make_archive, run_cli
from tests.test_cli_errors import assert_usage_error

NOWHERE = "http://127.0.0.1:9/"


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return make_archive(
        tmp_path,
        {
            "daily": {"start_urls": [NOWHERE], "schedule": "0 6 * * *"},
            "weekly": {"start_urls": [NOWHERE]},
        },
    )


def test_version_is_the_package_version(archive: Archive) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    result = run_cli(["--version"], archive.env())
    assert (result.returncode, result.stdout) == (0, f"newsarchiver {project['version']}\n")


@pytest.mark.parametrize("args", [["-h"], ["jobs", "list", "-h"]])
def test_short_help(archive: Archive, args: list[str]) -> None:
    result = run_cli(args, archive.env())
    assert result.returncode == 0, result.stderr
    assert f"Usage: newsarchiver {' '.join(args[:-1])}".rstrip() in result.stdout


def test_shell_completion_completes_commands(archive: Archive) -> None:
    env = archive.env(
        _NEWSARCHIVER_COMPLETE="complete_bash", COMP_WORDS="newsarchiver jo", COMP_CWORD="1"
    )
    result = run_cli([], env)
    assert (result.returncode, result.stdout.split()) == (0, ["jobs"])
    # Typer finds the shell to print a script for in the command's parent process: a bash,
    # as when a user types it (`&& :` keeps bash from exec'ing the command in its place).
    script = subprocess.run(
        ["bash", "-c", '"$0" --show-completion && :', str(BIN / "newsarchiver")],
        env=archive.env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "_NEWSARCHIVER_COMPLETE=complete_bash" in script.stdout, script.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["jbos", "list"], "No such command 'jbos'. Did you mean 'jobs'?"),
        (["jobs", "lst"], "No such command 'lst'. Did you mean 'list'?"),
        (["crawl", "dialy"], "unknown site 'dialy' (did you mean 'daily'?)"),
    ],
)
def test_did_you_mean_for_a_mistyped_name(archive: Archive, args: list[str], fragment: str) -> None:
    assert_usage_error(run_cli(args, archive.env()), fragment)


def test_did_you_mean_for_a_mistyped_sites_file_key(archive: Archive) -> None:
    archive.sites.write_text(f'[sites.daily]\nstart_urls = ["{NOWHERE}"]\nshedule = "0 6 * * *"\n')
    assert_usage_error(
        run_cli(["crawl", "daily"], archive.env()),
        "sites.daily.shedule: unknown key (did you mean 'schedule'?)",
    )


def test_every_problem_of_the_sites_file_at_once(archive: Archive) -> None:
    archive.sites.write_text(
        f'[sites.daily]\nstart_urls = ["{NOWHERE}"]\nmax_depth = "deep"\nobey_robots = "maybe"\n'
        '\n[sites.weekly]\nstart_urls = []\n\n[sites.monthly]\nstart_urls = ["ftp://x.example/"]\n'
    )
    line = assert_usage_error(
        run_cli(["crawl", "weekly"], archive.env()),
        "4 problems",
        "sites.daily.max_depth: expected a whole number (got 'deep')",
        "sites.daily.obey_robots: expected true or false (got 'maybe')",
        "sites.weekly.start_urls: must not be empty",
        "sites.monthly.start_urls: 'ftp://x.example/' is not an http(s) URL",
    )
    assert "Input should" not in line


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["jobs", "list", "--limit", "many"], "'--limit': expected a whole number (got 'many')"),
        (["articles", "search", "--limit", "0"], "invalid value for '--limit': must be at least 1"),
        (["jobs", "show"], "Missing argument"),
    ],
)
def test_usage_errors_are_one_line_of_our_words(
    archive: Archive, args: list[str], fragment: str
) -> None:
    line = assert_usage_error(run_cli(args, archive.env()), fragment, f"'newsarchiver {args[0]}")
    assert line.startswith("error: ") and "Input should" not in line


def test_environment_errors_are_said_in_our_words(archive: Archive) -> None:
    env = archive.env(NEWSARCHIVER_TRAP_CAP="0", NEWSARCHIVER_WARC_MAX_SIZE="big")
    assert_usage_error(
        run_cli(["crawl", "daily"], env),
        "NEWSARCHIVER_WARC_MAX_SIZE: expected a size such as 100MB",
        "NEWSARCHIVER_TRAP_CAP: must be more than 0 (got '0')",
    )


def test_sizes_are_read_by_pydantic(archive: Archive) -> None:
    from settings import AppConfig

    config = AppConfig.from_env({"NEWSARCHIVER_WARC_MAX_SIZE": "1GiB"})
    assert config.warc_max_size == 1024**3
    assert AppConfig.from_env({"NEWSARCHIVER_MAX_BODY_SIZE": "64mb"}).max_body_size == 64_000_000


@pytest.mark.parametrize("words", [["--json", "true"], ["--json=yes"], ["--json=1"]])
def test_json_flag_given_a_true_word_is_the_flag(archive: Archive, words: list[str]) -> None:
    result = run_cli(["schedule", "list", *words], archive.env())
    assert result.returncode == 0, result.stderr
    assert [row["site"] for row in json.loads(result.stdout)] == ["daily", "weekly"]


def test_a_number_after_json_is_an_argument(archive: Archive) -> None:
    run_cli(["schedule", "list"], archive.env())  # creates the index
    result = run_cli(["jobs", "show", "--json", "1"], archive.env())
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == "error: unknown run id 1"


def test_json_false_prints_the_table(archive: Archive) -> None:
    result = run_cli(["schedule", "list", "--json=false"], archive.env())
    assert result.returncode == 0, result.stderr
    assert "daily" in result.stdout and not result.stdout.startswith("[")


@pytest.mark.parametrize("command", [["articles", "search"], ["doctor"]])
def test_help_shows_json_as_a_flag_without_a_value(archive: Archive, command: list[str]) -> None:
    result = run_cli([*command, "-h"], archive.env())
    [line] = [line for line in result.stdout.splitlines() if "--json" in line]
    assert "<bool>" not in line and "JSON" in line
