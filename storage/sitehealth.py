"""Site health: whether a site's recent runs deserve a look, and the evidence for it.

A site redesign or a block rarely fails a run: the crawl fetches the start page, finds no
article it does not have, and succeeds. Weeks can pass before anyone notices that the capture
stopped. These flags read what each run recorded (its counts, the ``requests_by_status`` and
``block_signs`` of its summary, and the articles it found) and say what looks wrong, naming the
runs and the figures. ``status``, ``schedule list`` and the web app's sites pages show them.

A flag is a hint for a person, not a verdict: a site that publishes weekly can go three runs
without a new article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storage.db import Database
from storage.models import Run, RunStatus
from storage.runs import RunFindings, recent_runs_by_site, run_findings

#: Finished runs (succeeded or failed) looked at per site, newest first.
RECENT_RUNS = 10
_FINISHED = (RunStatus.SUCCEEDED, RunStatus.FAILED)
#: Finished runs in a row without a new article before it is flagged.
QUIET_RUNS = 3
#: Of the newest finished runs, how many failing is flagged.
FAILING_RUNS, FAILING_WINDOW = 2, 3
#: 429 answers flagged from this many, and this share of all answers.
RATE_LIMITED_MIN, RATE_LIMITED_SHARE = 3, 0.1
#: The same small page this many times, and this share of the HTML answers, looks like a block.
SAME_PAGE_MIN, SAME_PAGE_SHARE = 3, 0.8


@dataclass(frozen=True)
class HealthFlag:
    """One thing that looks wrong with a site, with its evidence in ``message``."""

    #: failing, quiet, errors, rate-limited, unanswered, refused, robots, challenge, same-page
    kind: str
    message: str
    runs: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "runs": list(self.runs)}


def site_flags(runs: Sequence[Run], findings: Mapping[int, RunFindings]) -> list[HealthFlag]:
    """Flags of one site from its runs (newest first) and what they found; empty when well."""
    finished = [run for run in runs if run.status in _FINISHED][:RECENT_RUNS]
    if not finished:
        return []
    flags = [*_failing(finished), *_quiet(finished, findings)]
    newest = finished[0]
    answers = _answers(newest)
    flags += answers
    flags += _refusals(newest)
    # One error page answering every URL is already told by the statuses.
    flags += _blocked(newest, same_page=not any(flag.kind == "errors" for flag in answers))
    return flags


def sites_health(db: Database) -> dict[str, list[HealthFlag]]:
    """Every site with finished runs, and its flags: what ``status``, ``schedule list`` and
    the web app show alike."""
    runs = recent_runs_by_site(db, RECENT_RUNS, _FINISHED)
    findings = run_findings(db, [run.id for site in runs.values() for run in site])
    return {site: site_flags(site_runs, findings) for site, site_runs in runs.items()}


def _ids(runs: Sequence[Run]) -> str:
    return ", ".join(str(run.id) for run in sorted(runs, key=lambda run: run.id))


def _failing(finished: list[Run]) -> list[HealthFlag]:
    window = finished[:FAILING_WINDOW]
    failed = [run for run in window if run.status is RunStatus.FAILED]
    if len(failed) < FAILING_RUNS:
        return []
    message = f"{len(failed)} of the last {len(window)} runs failed (runs {_ids(failed)})"
    if failed[0].error:
        message += f"; run {failed[0].id}: {failed[0].error}"
    return [HealthFlag("failing", message, tuple(run.id for run in failed))]


def _quiet(finished: list[Run], findings: Mapping[int, RunFindings]) -> list[HealthFlag]:
    streak = []
    for run in finished:
        if findings.get(run.id, RunFindings()).new:
            break
        streak.append(run)
    if len(streak) < QUIET_RUNS:
        return []
    message = f"{len(streak)} runs in a row found no new article (runs {_ids(streak)})"
    return [HealthFlag("quiet", message, tuple(run.id for run in streak))]


def _answers(run: Run) -> list[HealthFlag]:
    """Mostly 4xx/5xx answers, many 429s, or mostly no answer at all."""
    by_status = {
        str(status): int(count)
        for status, count in ((run.summary or {}).get("requests_by_status") or {}).items()
    }
    total = sum(by_status.values())
    errors = {status: count for status, count in by_status.items() if status[:1] in ("4", "5")}
    erred = sum(errors.values())
    flags = []
    if erred * 2 > total:
        top = max(errors, key=lambda status: errors[status])
        what = (
            top
            if errors[top] == erred
            else "4xx/5xx (" + ", ".join(f"{s}: {n}" for s, n in sorted(errors.items())) + ")"
        )
        message = f"{erred} of {total} answers were {what} in run {run.id}"
        flags.append(HealthFlag("errors", message, (run.id,)))
    limited = by_status.get("429", 0)
    if (
        limited >= RATE_LIMITED_MIN
        and limited >= RATE_LIMITED_SHARE * total
        and not (flags and "429" in flags[0].message)
    ):
        message = (
            f"{limited} of {total} answers were 429 (too many requests) in run {run.id}: "
            "raise download_delay or lower concurrent_requests"
        )
        flags.append(HealthFlag("rate-limited", message, (run.id,)))
    unanswered = int((run.summary or {}).get("unanswered") or 0)
    if unanswered > total:
        message = (
            f"{unanswered} download attempts got no answer (timeouts, refused connections) in "
            f"run {run.id}, {total} got one"
        )
        flags.append(HealthFlag("unanswered", message, (run.id,)))
    return flags


def _refusals(run: Run) -> list[HealthFlag]:
    """The crawl itself refused what the site points at: private addresses, robots.txt."""
    summary = run.summary or {}
    flags = []
    if run.refused and run.refused >= run.pages:
        sample = next(iter(summary.get("refused") or ()), None)
        message = (
            f"run {run.id} refused {run.refused} URL(s) (private or non-public address) "
            f"and fetched {run.pages} page(s)" + (f", e.g. {sample}" if sample else "")
        )
        flags.append(HealthFlag("refused", message, (run.id,)))
    forbidden = int(summary.get("robots_forbidden") or 0)
    if forbidden and forbidden >= run.pages:
        message = (
            f"robots.txt forbade {forbidden} URL(s) in run {run.id}, "
            f"which fetched {run.pages} page(s)"
        )
        flags.append(HealthFlag("robots", message, (run.id,)))
    return flags


def _blocked(run: Run, *, same_page: bool) -> list[HealthFlag]:
    """Challenge pages, or one small page answering most URLs (see spiders.blocksigns)."""
    signs = (run.summary or {}).get("block_signs") or {}
    pages = int(signs.get("html_answers") or 0)
    challenges: dict[str, int] = signs.get("challenges") or {}
    seen = sum(challenges.values())
    if seen and seen * 2 >= pages:
        kinds = ", ".join(sorted(challenges))
        sample = signs.get("challenge_sample")
        message = f"{seen} of {pages} pages in run {run.id} were challenge pages ({kinds})" + (
            f", e.g. {sample}" if sample else ""
        )
        return [HealthFlag("challenge", message, (run.id,))]
    same = int(signs.get("same_small_page") or 0)
    if same_page and same >= SAME_PAGE_MIN and same >= SAME_PAGE_SHARE * pages:
        size = signs.get("same_small_page_bytes")
        message = f"{same} of {pages} pages in run {run.id} were the same {size}-byte page"
        return [HealthFlag("same-page", message, (run.id,))]
    return []
