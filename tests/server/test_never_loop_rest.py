"""Never loop (issue 13), over REST against the running bot, generated from the interview specs so a
new question is covered without editing this file: every topic's form is started, and at each
question it asks the same bad answer is sent five times. No bot message may come three times in a
row, the same question may not be asked more than three times in a row, and by the third miss the
bot has offered a person and moved on (an assumption it states, or the topic's general rule).

A question without an assumption ends the interview; to reach the questions after it, the walk
starts again and answers it with a sample (its first button, or a date or a year)."""
from __future__ import annotations

import re

import pytest

from actions.interview.spec import domain_responses, load_specs
from tests.server.test_conversations import repeated_three_times
from tests.server.test_rest import Chat, server, up  # noqa: F401  (the module fixture checks the bot)

pytestmark = pytest.mark.server
BAD = "qqxqq zzv"
SAMPLES = ["1. mai 2026", "2022", "2 år", "3. mars 2027"]  # tried in order for a question without buttons
SPECS = load_specs()
RESPONSES = domain_responses()


def _prefixes(question: str) -> list[str]:
    """The start of each variation of a question's text, up to its first template variable."""
    out = []
    for variation in RESPONSES.get(question) or []:
        text = (variation.get("text") or "").split("{")[0].strip()
        if text:
            out.append(text[:30])
    return out


QUESTIONS = {topic: {f.slot: _prefixes(f.question) for f in spec.facts if f.asked}
             for topic, spec in SPECS.items()}


def open_question(topic: str, messages: list[dict]) -> str | None:
    """The question the bot's last message asks, or None (an answer, or the interview stopped)."""
    texts = [m.get("text") for m in messages if m.get("text")]
    if not texts:
        return None
    last = texts[-1]
    for slot, prefixes in QUESTIONS[topic].items():
        if any(last.startswith(p) for p in prefixes):
            return slot
    return None


def _good_answer(topic: str, slot: str, attempt: int) -> str | None:
    fact = SPECS[topic].fact(slot)
    options = [b.payload for b in fact.buttons if "{" not in b.payload] + SAMPLES
    return options[attempt] if attempt < len(options) else None


def walk(topic: str, answers: dict[str, str]) -> tuple[list[str], list[str], str | None]:
    """One conversation: the topic's form, five bad answers at each question (good ones from
    `answers`). Returns the questions visited, all bot texts, and the question that stopped it."""
    chat = Chat()
    replies = chat.say(f"/{SPECS[topic].intent}")
    texts = [m.get("text") or "" for m in replies if m.get("text")]
    visited: list[str] = []
    for _ in range(40):
        slot = open_question(topic, replies)
        if slot is None:
            return visited, texts, None
        if slot in answers:
            replies = chat.say(answers[slot])
            texts += [m.get("text") or "" for m in replies if m.get("text")]
            if open_question(topic, replies) == slot:
                return visited, texts, slot  # the sample was no answer: try the next one
            continue
        visited.append(slot)
        offered = False
        for miss in range(1, 6):
            replies = chat.say(BAD)
            texts += [m.get("text") or "" for m in replies if m.get("text")]
            titles = [b.get("title") for m in replies for b in m.get("buttons") or ()]
            offered = offered or "Snakk med et menneske" in titles
            if open_question(topic, replies) != slot:
                break
        assert miss <= 3, f"{topic}: {slot} was asked again after {miss} misses:\n" + "\n".join(texts)
        assert offered, f"{topic}: {slot}: no way to a person after {miss} misses:\n" + "\n".join(texts)
        if open_question(topic, replies) is None and SPECS[topic].fact(slot).unknown.stops:
            return visited, texts, slot
    return visited, texts, None


@pytest.mark.parametrize("topic", sorted(SPECS))
def test_the_same_bad_answer_five_times_at_every_question_never_loops(topic):
    answers: dict[str, str] = {}
    attempts: dict[str, int] = {}
    seen: set[str] = set()
    for _ in range(3 * len(QUESTIONS[topic]) + 2):
        visited, texts, stopped = walk(topic, answers)
        seen.update(visited)
        again = repeated_three_times(texts)
        assert again is None, f"{topic}: repeated three times in a row: {again!r}"
        for slot in QUESTIONS[topic]:
            runs = [len(m.group(0)) for m in re.finditer(r"(x)\1*", "".join(
                "x" if open_question(topic, [{"text": t}]) == slot else "." for t in texts))]
            assert max(runs, default=0) <= 3, f"{topic}: {slot} asked more than three times in a row"
        if stopped is None:
            break
        attempt = attempts.get(stopped, -1) + 1 if stopped in answers else 0
        attempts[stopped] = attempt
        good = _good_answer(topic, stopped, attempt)
        if good is None:
            break
        answers[stopped] = good
    # Every question that is asked whatever the earlier answers was reached.
    plain = {f.slot for f in SPECS[topic].facts if f.asked and f.when is None}
    assert plain <= seen | set(answers), f"{topic}: not reached: {sorted(plain - seen - set(answers))}"
