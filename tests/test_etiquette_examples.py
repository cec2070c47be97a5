"""The labelled examples beside the repository: every `expect` rule fires, and no rule outside
`expect` ∪ `allow` does. CI has ../shared next to the repository; elsewhere the tests skip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat.lib.etiquette import CHANNELS, check_message, check_question

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples" / "etiquette"


def _load(name: str) -> list[dict]:
    path = EXAMPLES / name
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _params(name: str):
    examples = _load(name)
    if not examples:
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(
                    reason=f"{EXAMPLES / name} is missing (it sits beside the repository in CI)"
                ),
                id="missing",
            )
        ]
    return [pytest.param(example, id=example["id"]) for example in examples]


def _check(fired: set[str], example: dict) -> None:
    expected = set(example["expect"])
    allowed = expected | set(example["allow"])
    assert expected <= fired, f"{example['id']}: missing {sorted(expected - fired)}"
    assert fired <= allowed, f"{example['id']}: should not fire {sorted(fired - allowed)}"


@pytest.mark.parametrize("example", _params("messages.jsonl"))
def test_message_example(example):
    assert example["channel"] in CHANNELS
    findings = check_message(
        example["body"], channel=example["channel"], subject=example.get("subject", "")
    )
    _check({finding.rule for finding in findings}, example)


@pytest.mark.parametrize("example", _params("questions.jsonl"))
def test_question_example(example):
    findings = check_question(example["question"])
    _check({finding.rule for finding in findings}, example)
