"""What the CLI prints: which formats (--format auto) and whether in colour (terminal, NO_COLOR, FORCE_COLOR)."""

from __future__ import annotations

import errno
from typing import IO, Any, Mapping

from factlint.errors import InputError, OutputError
from factlint.findings import Report

FORMATS = ("text", "json", "sarif", "github", "gitlab", "auto")


def resolve_formats(fmt: str, env: Mapping[str, str]) -> tuple[str, ...]:
    """The reporters to run: ``auto`` is GitHub annotations plus the text report inside GitHub Actions, else text."""
    from factlint.reporters import REPORTERS

    if fmt == "auto":
        return ("github", "text") if env.get("GITHUB_ACTIONS") == "true" else ("text",)
    if fmt not in REPORTERS:
        raise InputError(None, f"unknown format {fmt!r} (choose from {', '.join([*REPORTERS, 'auto'])})")
    return (fmt,)


def use_color(flag: bool | None, stream: IO[str], env: Mapping[str, str]) -> bool:
    """--color/--no-color, else NO_COLOR (any value turns colour off), else FORCE_COLOR, else a terminal."""
    if flag is not None:
        return flag
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_output(report: Report, formats: tuple[str, ...], color: bool = False) -> str:
    """Every chosen reporter's output in turn; only the text reporter knows colour."""
    from factlint.reporters import REPORTERS
    from factlint.reporters import text

    return "".join(text.render(report, color) if name == "text" else REPORTERS[name](report) for name in formats)


def emit(text: str, **options: Any) -> None:
    """click.echo to standard output; a failed write is an OutputError (one line, exit 2), not a traceback."""
    import click

    try:
        click.echo(text, **options)
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise  # the reader has gone (`| head`): click's main ends the run quietly
        raise OutputError(None, f"cannot write to standard output: {exc.strerror or exc}") from None
