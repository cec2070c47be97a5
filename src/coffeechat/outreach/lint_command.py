"""`coffeechat lint`: check a first request, or questions for the conversation, against the
etiquette rules, from the terminal.

It needs neither Django nor a database, so it starts fast and works anywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from coffeechat.core.cli_support import EXIT_BAD_INPUT, EXIT_FINDINGS, UserFacingError
from coffeechat.lib.etiquette import CHANNELS, Finding, check_message, check_question, has_errors


class BadInput(UserFacingError):
    """Input that cannot be checked: one sentence after 'Error:' on stderr."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=EXIT_BAD_INPUT)


def read_text(source: str) -> tuple[str, str]:
    """(text, name shown to the user) of a file, or of standard input for '-'."""
    if source == "-":
        name = "The standard input"
        with click.open_file("-", "rb") as stream:
            data = stream.read()
    else:
        name = source
        try:
            data = Path(source).read_bytes()
        except IsADirectoryError:
            raise BadInput(
                f"{source} is a folder; give a text file, or - for standard input."
            ) from None
        except OSError as error:
            raise BadInput(f"{source} cannot be read: {error.strerror or error}.") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(
            f"{name} is not UTF-8 text (byte {error.start + 1} cannot be decoded); "
            "save it as UTF-8 and try again."
        ) from None
    return text.removeprefix("\ufeff"), name


def _as_json(findings: list[Finding]) -> list[dict[str, str]]:
    return [
        {"rule": f.rule, "severity": f.severity, "message": f.message, "suggestion": f.suggestion}
        for f in findings
    ]


def _print_findings(findings: list[Finding], indent: str = "") -> None:
    for finding in findings:
        click.echo(f"{indent}{finding.severity:<7} {finding.rule}: {finding.message}")
        click.echo(f"{indent}{'':<7} Suggestion: {finding.suggestion}")


def _summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if not findings:
        return "No problems found."
    parts = []
    if errors:
        parts.append(f"{errors} error{'' if errors == 1 else 's'}")
    if warnings:
        parts.append(f"{warnings} warning{'' if warnings == 1 else 's'}")
    return " and ".join(parts) + "."


# The same help flags whether run as `coffeechat lint` or on its own.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}


@click.command("lint", context_settings=HELP_OPTIONS)
@click.argument("source", metavar="FILE|-")
@click.option(
    "--channel",
    type=click.Choice(CHANNELS),
    default="email",
    show_default=True,
    help="Where the message goes; LinkedIn notes and InMail have length limits.",
)
@click.option("--subject", default="", help="The subject line (checked for InMail length).")
@click.option(
    "--question", "questions", is_flag=True, help="Check questions, one per line, instead."
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def lint(source: str, channel: str, subject: str, questions: bool, as_json: bool) -> None:
    """Check a first request for an informational interview (or, with --question, the
    questions for the conversation) against the etiquette rules. Reads FILE, or standard
    input for -. Exits 1 when something breaks the practice, 0 when only warnings remain."""
    text, name = read_text(source)
    if not text.strip():
        raise BadInput(f"{name} is empty; there is nothing to check.")
    if questions:
        _lint_questions(text, as_json)
    else:
        _lint_message(text, channel, subject, as_json)


def _lint_message(text: str, channel: str, subject: str, as_json: bool) -> None:
    findings = check_message(text, channel=channel, subject=subject)
    if as_json:
        click.echo(json.dumps(_as_json(findings), ensure_ascii=False, indent=2))
    else:
        _print_findings(findings)
        click.echo(_summary(findings))
    if has_errors(findings):
        click.get_current_context().exit(EXIT_FINDINGS)


def _lint_questions(text: str, as_json: bool) -> None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    results = [(line, check_question(line)) for line in lines]
    every = [finding for _, findings in results for finding in findings]
    if as_json:
        payload = [{"question": q, "findings": _as_json(findings)} for q, findings in results]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for question, findings in results:
            click.echo(question)
            if findings:
                _print_findings(findings, indent="  ")
            else:
                click.echo("  ok")
        click.echo(_summary(every))
    if has_errors(every):
        click.get_current_context().exit(EXIT_FINDINGS)
