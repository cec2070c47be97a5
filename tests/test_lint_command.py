"""`coffeechat lint`, run in-process with click's CliRunner (it needs no Django or database)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from coffeechat.outreach.lint_command import lint

GOOD = (
    "Hi Ana,\n\nJo Kim, my lab partner at Reed, suggested I write to you. I'm a chemist curious "
    "about patent law. Would you have 20 minutes in the next few weeks to share how you moved "
    "into the field?\n\nBest,\nSam\n"
)
WARNINGS_ONLY = (
    "Hi Ana,\n\nJo Kim suggested I write. I'm curious about patent law. Would you be willing "
    "to chat sometime about your path?\n\nBest,\nSam\n"
)
JOB_ASK = (
    "Hi Ana,\n\nI'm looking for an internship at your firm and have attached my resume. "
    "Could we talk for 15 minutes?\n\nBest,\nSam\n"
)


def run(args: list[str], input: str | bytes | None = None):
    return CliRunner().invoke(lint, args, input=input, prog_name="coffeechat lint")


def _write(tmp_path, text: str | bytes, name: str = "note.txt"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def test_clean_message_exits_0(tmp_path):
    result = run([_write(tmp_path, GOOD)])
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.stdout


def test_warnings_only_exit_0_and_are_printed_readably(tmp_path):
    result = run([_write(tmp_path, WARNINGS_ONLY)])
    assert result.exit_code == 0, result.output
    assert "warning time.missing:" in result.stdout
    assert "Suggestion:" in result.stdout
    assert "1 warning." in result.stdout


def test_errors_exit_1(tmp_path):
    result = run([_write(tmp_path, JOB_ASK)])
    assert result.exit_code == 1
    assert "error   ask.job:" in result.stdout
    assert "attach.resume" in result.stdout


def test_json_shape(tmp_path):
    result = run(["--json", _write(tmp_path, JOB_ASK)])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list) and findings
    assert all(set(item) == {"rule", "severity", "message", "suggestion"} for item in findings)
    assert findings[0] == {**findings[0], "rule": "ask.job", "severity": "error"}


def test_json_of_a_clean_message_is_an_empty_list(tmp_path):
    result = run(["--json", _write(tmp_path, GOOD)])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_stdin_dash():
    result = run(["--json", "-"], input=JOB_ASK)
    assert result.exit_code == 1
    assert "ask.job" in {item["rule"] for item in json.loads(result.stdout)}


def test_channel_and_subject(tmp_path):
    note = "Hi Ana, Jo Kim suggested I write. Would you have 15 minutes to share your path?"
    long_note = note + " I'd love to hear how you chose your specialty." * 4
    path = _write(tmp_path, long_note)
    assert run(["--channel", "linkedin-note-free", path]).exit_code == 1
    assert run(["--channel", "email", path]).exit_code == 0
    inmail = run(["--channel", "inmail", "--subject", "x" * 201, "--json", _write(tmp_path, GOOD)])
    assert inmail.exit_code == 1
    assert [item["rule"] for item in json.loads(inmail.stdout)] == ["length.channel"]


def test_unknown_channel_is_a_usage_error(tmp_path):
    result = run(["--channel", "fax", _write(tmp_path, GOOD)])
    assert result.exit_code == 2


def test_question_mode_json(tmp_path):
    questions = (
        "Do you like your job?\n\nWhat does a typical week look like?\n  \nAre you hiring?\n"
    )
    result = run(["--question", "--json", _write(tmp_path, questions)])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert [item["question"] for item in payload] == [
        "Do you like your job?",
        "What does a typical week look like?",
        "Are you hiring?",
    ]
    assert all(set(item) == {"question", "findings"} for item in payload)
    assert [f["rule"] for f in payload[0]["findings"]] == ["question.closed"]
    assert payload[1]["findings"] == []
    assert payload[2]["findings"][0]["rule"] == "ask.job"


def test_question_mode_readable_and_warnings_exit_0():
    result = run(["--question", "-"], input="Do you like your job?\nWhat surprised you most?\n")
    assert result.exit_code == 0
    assert "Do you like your job?\n  warning question.closed:" in result.stdout
    assert "What surprised you most?\n  ok" in result.stdout


@pytest.mark.parametrize("via_stdin", [False, True])
def test_non_utf8_input_is_one_sentence_and_exit_2(tmp_path, via_stdin):
    data = "Hi Ana, caf\u00e9 soon?".encode("latin-1")
    args = ["-"] if via_stdin else [_write(tmp_path, data)]
    result = run(args, input=data if via_stdin else None)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "UTF-8" in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_input_is_one_sentence_and_exit_2(tmp_path, text):
    for args, given in (([_write(tmp_path, text)], None), (["-"], text)):
        result = run(args, input=given)
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "empty" in lines[0]


def test_empty_question_file_is_exit_2():
    assert run(["--question", "-"], input="\n\n").exit_code == 2


def test_missing_file_is_one_sentence_and_exit_2(tmp_path):
    result = run([str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_byte_order_mark_is_accepted(tmp_path):
    result = run([_write(tmp_path, "\ufeff".encode() + GOOD.encode())])
    assert result.exit_code == 0
