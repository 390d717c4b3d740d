"""``newsarchiver doctor``: prints the checks of :mod:`scheduler.doctor`, one line each."""

from __future__ import annotations

import typer
from rich.text import Text

from scheduler.console import EXIT_FAILED, JsonFlag, escape_controls, out, print_json

_STYLES = {"ok": "green", "warning": "yellow", "error": "bold red"}


def doctor(json_output: JsonFlag = False) -> None:
    """Check the sites file, storage, spool, database, broker, daemon and operator contact."""
    from scheduler.doctor import run_checks

    checks = run_checks()
    if json_output:
        print_json([check.to_json() for check in checks])
    else:
        width = max(len(check.name) for check in checks)
        for check in checks:
            # Found values may quote the sites file or a server's answer: escaped, never markup.
            line = Text.assemble(
                (f"{check.outcome:<8}", _STYLES[check.outcome]),
                f"{check.name:<{width}}  ",
                escape_controls(check.found),
                f"; fix: {escape_controls(check.fix)}" if check.fix else "",
            )
            out.print(line, soft_wrap=True, highlight=False)
    if any(check.outcome == "error" for check in checks):
        raise typer.Exit(EXIT_FAILED)
