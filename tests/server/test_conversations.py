"""The conversation suite (issue 13): every scripted conversation in tests/conversations/*.yml,
played turn by turn against the running bot over REST, each asserting the figures and dates in the
replies; and no bot message repeated three times in a row in any of them. The pass count is
printed at the end of the run (tests/conftest.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.server.test_rest import Chat, server, up  # noqa: F401  (the module fixture checks the bot)

pytestmark = pytest.mark.server
HERE = Path(__file__).resolve().parents[1] / "conversations"
# What the issue asks the suite to cover; every conversation names at least one.
KINDS = {
    "up_front",         # facts given in the first message are used, not asked again
    "one_by_one",       # the plain path, one answer per question
    "ask_missing",      # the bot asks for a fact the rules need instead of giving the general rule
    "dont_know",        # "vet ikke" is a valid answer and the conversation goes on
    "no_loop",          # a refused or unclear answer: one re-ask, then a way forward
    "wrong_then_right",  # a bad answer, then a good one
    "correction",       # a changed answer changes the right fact
    "past_future",      # dates outside the planning window still get the rules that applied
    "follow_up",        # how long, until when, can I transfer, what if: answered from the result
    "topic_switch",     # a question about another topic inside a form goes to its own topic
    "safety",           # high-stakes replies fire on real alarms and not on near misses
    "relative_dates",   # dates without a year, relative to today
    "out_of_scope",     # near-miss services get the right place to go
    "other_language",   # a message in another language gets a reply in that language
}
MIN_CONVERSATIONS = 150


def _load() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(HERE.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for conv in data.get("conversations") or []:
            found.append((f"{path.stem}:{conv['name']}", conv))
    return found


CONVERSATIONS = _load()


def test_the_suite_is_large_and_covers_every_kind():
    names = [name for name, _ in CONVERSATIONS]
    assert len(names) == len(set(names)), "conversation names must be unique within a file"
    assert len(CONVERSATIONS) >= MIN_CONVERSATIONS, len(CONVERSATIONS)
    seen: dict[str, int] = {}
    for name, conv in CONVERSATIONS:
        kinds = set(conv.get("kinds") or ())
        assert kinds and kinds <= KINDS, (name, kinds - KINDS)
        assert conv.get("turns"), name
        for turn in conv["turns"]:
            assert set(turn) <= {"user", "expect", "absent", "buttons"}, (name, turn)
        assert any(t.get("expect") for t in conv["turns"]), f"{name} asserts nothing"
        for kind in kinds:
            seen[kind] = seen.get(kind, 0) + 1
    assert set(seen) == KINDS, sorted(KINDS - set(seen))


def _holds(expected: str, reply: str) -> bool:
    if expected.startswith("re:"):
        return re.search(expected[3:], reply, re.IGNORECASE | re.DOTALL) is not None
    return expected.lower() in reply.lower()


def repeated_three_times(bot_messages: list[str]) -> str | None:
    """A bot message that comes three times in a row, or None."""
    run, last = 0, None
    for text in bot_messages:
        run = run + 1 if text == last else 1
        last = text
        if run >= 3 and text:
            return text
    return None


def test_the_repeat_check_can_fail():
    assert repeated_three_times(["Når er termin?", "Det er for sent.", "Når er termin?"]) is None
    assert repeated_three_times(["Hvem er du?"] * 3) == "Hvem er du?"


@pytest.mark.parametrize("conv", [c for _, c in CONVERSATIONS], ids=[n for n, _ in CONVERSATIONS])
def test_conversation(conv):
    chat = Chat()
    bot_messages: list[str] = []
    transcript: list[str] = []
    for number, turn in enumerate(conv["turns"], 1):
        messages = chat.say(turn["user"])
        texts = [m.get("text") or "" for m in messages]
        bot_messages += [t for t in texts if t]
        reply = "\n".join(texts)
        transcript.append(f"> {turn['user']}\n{reply}")
        where = f"turn {number} ({turn['user']!r})\n\n" + "\n\n".join(transcript)
        for expected in turn.get("expect") or ():
            assert _holds(expected, reply), f"missing {expected!r} at {where}"
        for unwanted in turn.get("absent") or ():
            assert not _holds(unwanted, reply), f"unwanted {unwanted!r} at {where}"
        titles = [b.get("title") for m in messages for b in m.get("buttons") or ()]
        for title in turn.get("buttons") or ():
            assert title in titles, f"no button {title!r} (got {titles}) at {where}"
    again = repeated_three_times(bot_messages)
    assert again is None, f"repeated three times in a row: {again!r}\n\n" + "\n\n".join(transcript)
