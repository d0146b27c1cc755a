"""Topic switch for every pair (issue 13), over REST, generated from the interview specs and
data/interview/_interrupts.yml: inside each topic's form, a question about any other topic (a form
or a short overview) is answered by that topic, not read as an answer; then the first form can
be taken up again."""
from __future__ import annotations

import pytest

from actions.interview.spec import domain_responses, load_interrupts, load_specs
from tests.server.test_rest import Chat, server, up  # noqa: F401  (the module fixture checks the bot)

pytestmark = pytest.mark.server
SPECS = load_specs()
RESPONSES = domain_responses()
OVERVIEWS = list(load_interrupts().get("overviews") or [])


def _start(response: str | None) -> list[str]:
    out = []
    for variation in RESPONSES.get(response or "") or []:
        text = (variation.get("text") or "").split("{")[0].strip()
        if text:
            out.append(text[:25])
    return out


def opening(intent: str) -> list[str]:
    """What the bot may say first for a topic: its start text or first question, or its overview."""
    for spec in SPECS.values():
        if spec.intent == intent:
            first = [f.question for f in spec.facts if f.asked]
            return _start(spec.start) + [p for q in first for p in _start(q)]
    return _start(f"utter_topic_{intent.removeprefix('ask_')}")


PAIRS = [(a.topic, b) for a in SPECS.values()
         for b in [s.intent for s in SPECS.values() if s is not a] + OVERVIEWS]


@pytest.mark.parametrize("topic,other", PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_a_question_about_another_topic_inside_a_form_goes_to_that_topic(topic, other):
    chat = Chat()
    first = "\n".join(m.get("text") or "" for m in chat.say(f"/{SPECS[topic].intent}"))
    assert any(p in first for p in opening(SPECS[topic].intent)), first
    reply = "\n".join(m.get("text") or "" for m in chat.say(f"/{other}"))
    assert any(p in reply for p in opening(other)), f"{topic} -> {other}:\n{reply}"
    again = "\n".join(m.get("text") or "" for m in chat.say(f"/{SPECS[topic].intent}"))
    assert any(p in again for p in opening(SPECS[topic].intent)), f"back to {topic}:\n{again}"
