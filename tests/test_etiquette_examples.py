"""The labelled examples beside the repository: every `expect` rule fires, and no rule outside
`expect` ∪ `allow` does. CI has ../shared next to the repository; elsewhere the tests skip.

Only the catalogue's rule ids (RULES.md) are scored: the checker's own rules (text.repeated,
signature.missing) are not in the catalogue, so the labels say nothing about them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from coffeechat.lib.etiquette import CHANNELS, check_message, check_question

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples" / "etiquette"
FILES = ("messages.jsonl", "questions.jsonl", "messages-more.jsonl", "questions-more.jsonl")
CATALOGUE = frozenset(
    {
        "length.words",
        "length.channel",
        "ask.job",
        "ask.pay",
        "ask.favor",
        "attach.resume",
        "connection.missing",
        "request.not_question",
        "time.missing",
        "time.too_long",
        "focus.self",
        "purpose.missing",
        "question.closed",
        "question.researchable",
    }
)
LEAST = 0.95  # per-rule precision and recall over all the examples


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


def _fired(example: dict) -> set[str]:
    """The catalogue's rules that fire on an example."""
    if "question" in example:
        findings = check_question(example["question"])
    else:
        assert example["channel"] in CHANNELS
        findings = check_message(
            example["body"], channel=example["channel"], subject=example.get("subject", "")
        )
    return {finding.rule for finding in findings} & CATALOGUE


def _check(fired: set[str], example: dict) -> None:
    expected = set(example["expect"])
    allowed = expected | set(example["allow"])
    assert expected <= fired, f"{example['id']}: missing {sorted(expected - fired)}"
    assert fired <= allowed, f"{example['id']}: should not fire {sorted(fired - allowed)}"


@pytest.mark.parametrize("example", _params("messages.jsonl") + _params("messages-more.jsonl"))
def test_message_example(example):
    _check(_fired(example), example)


@pytest.mark.parametrize("example", _params("questions.jsonl") + _params("questions-more.jsonl"))
def test_question_example(example):
    _check(_fired(example), example)


def test_every_rule_has_precision_and_recall_of_at_least_095():
    examples = [example for name in FILES for example in _load(name)]
    if len(examples) < 420:
        pytest.skip(f"the four example files are not all beside the repository ({EXAMPLES})")
    hits, false_alarms, misses = Counter(), Counter(), Counter()
    for example in examples:
        fired, expected = _fired(example), set(example["expect"])
        hits.update(expected & fired)
        misses.update(expected - fired)
        false_alarms.update(fired - expected - set(example["allow"]))
    low = {}
    for rule in sorted(CATALOGUE):
        precision = hits[rule] / (hits[rule] + false_alarms[rule] or 1)
        recall = hits[rule] / (hits[rule] + misses[rule] or 1)
        if (hits[rule] + false_alarms[rule] and precision < LEAST) or (
            hits[rule] + misses[rule] and recall < LEAST
        ):
            low[rule] = (round(precision, 2), round(recall, 2))
    assert not low, f"(precision, recall) under {LEAST}: {low}"


def test_the_examples_name_only_catalogue_rules():
    for name in FILES:
        for example in _load(name):
            assert set(example["expect"]) | set(example["allow"]) <= CATALOGUE, example["id"]
