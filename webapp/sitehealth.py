"""Whether a site's recent runs deserve a look: nothing new for a while, or mostly errors.

A news site that publishes daily and yields no new or changed article for several runs in a
row has usually changed its layout, blocked the crawler or moved; runs whose requests mostly
failed (network errors and 5xx answers), or that failed outright, say so more loudly.
These are the warnings of the sites pages.
"""

from __future__ import annotations

from collections.abc import Sequence

from storage.models import Run, RunStatus
from storage.runs import FINAL_STATUSES, RunFindings

#: Finished runs looked at, newest first.
RECENT_RUNS = 3


def warnings(runs: Sequence[Run], findings: dict[int, RunFindings]) -> list[str]:
    """Warnings about a site's newest runs (``runs`` newest first); empty when all is well."""
    finished = [run for run in runs if run.status in FINAL_STATUSES][:RECENT_RUNS]
    notes = []
    failed = sum(run.status is RunStatus.FAILED for run in finished)
    if failed >= 2:
        notes.append(f"{failed} of the last {len(finished)} runs failed")
    erring = [run for run in finished if mostly_errors(run)]
    if erring:
        notes.append(
            f"most requests of run {erring[0].id} failed"
            if len(erring) == 1
            else f"most requests of {len(erring)} of the last {len(finished)} runs failed"
        )
    if len(finished) == RECENT_RUNS and not any(
        findings.get(run.id, RunFindings()).new or findings.get(run.id, RunFindings()).changed
        for run in finished
    ):
        notes.append(f"the last {RECENT_RUNS} runs found no new or changed article")
    return notes


def mostly_errors(run: Run) -> bool:
    """More failed requests (network errors, 5xx answers) than good ones."""
    by_status = (run.summary or {}).get("requests_by_status", {})
    server_errors = sum(count for status, count in by_status.items() if str(status)[:1] == "5")
    failed = run.errors + server_errors
    return failed > 0 and failed > run.pages + run.errors - failed
