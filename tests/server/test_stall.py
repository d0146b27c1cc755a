"""One hostile message must not stall other users (issue 12), against the running bot.

At each question of each topic form, a hostile user sends 1-2 KB messages built to make regular
expressions backtrack (the issue measured 11.6 s for "ja" + 1990 spaces + "\\nx" at the chronic
illness question, and > 8 s in the action server for "2 " * 1000 at the birth-years question),
and while each is being handled another user starts a conversation. That user's reply must come
less than 1 s later than it does on an idle bot. The hostile user gets an answer too.
"""
from __future__ import annotations

import os
import statistics
import threading
import time
import uuid

import pytest
import requests

from tests.conftest import require

pytestmark = pytest.mark.server
RASA = os.environ.get("FV_RASA_URL", "http://localhost:5005")
URL = f"{RASA}/webhooks/rest/webhook"
# At 2 KB (over the channel's cap of 1000 characters: refused with a friendly reply before NLU)
# and just under the cap (handled: NLU, tracker store, action server).
HOSTILE = ["ja" + " " * 1990 + "\nx", "2 " * 1000, "1" * 1900,
           "ja" + " " * 990 + "\nx", "2 " * 500, "1" * 1000, "<a" * 500, "a." * 499 + "@"]
MAX_DELAY = 1.0

# (answer, a words of the question it leads to) for each topic form: every question in order.
PATHS = {
    "care_days": [("Hvor mange omsorgsdager har jeg?", "Hvor mange barn"),
                  ("3", "Hvilket år er barna født"), ("2010, 2016 og 2020", "Hvordan bor barna"),
                  ("Jeg er alene om omsorgen", "kronisk"), ("Ja, ett av dem", None),
                  ("2010", None), ("Jeg er ansatt", None)],
    "parental": [("Hvor lang foreldrepermisjon har jeg?", "Hvem er du?"),
                 ("Jeg er mor", "Er barnet født"), ("Vi venter barn", "Når er termin?"),
                 ("3. mars 2027", "100 eller 80 prosent"), ("100 prosent", "Hvor mange barn får dere nå?"),
                 ("1 barn", "Hvem har rett på foreldrepenger?"), ("Begge har rett", None)],
    "intro": [("jeg går i introprogrammet og skal ha baby", None), ("2019", "Hvilket år kom du til Norge?"),
              ("2019", None), ("i mars", None), ("ja", None), ("Drammen", None)],
    "kindergarten": [("når får barnet mitt barnehageplass", "Når er barnet født?"),
                     ("3. oktober 2026", None)],
    "breastfeeding": [("Har jeg rett på fri for å amme?", None), ("Jeg er ansatt i staten", None)],
}


def post(sender: str, text: str, timeout: float = 60) -> tuple[float, list[dict]]:
    start = time.perf_counter()
    r = requests.post(URL, json={"sender": sender, "message": text}, timeout=timeout)
    assert r.status_code == 200, r.text
    return time.perf_counter() - start, r.json()


def text_of(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def new_user_latency() -> float:
    return post(f"bystander-{uuid.uuid4().hex[:10]}", "hei")[0]


@pytest.fixture(scope="module")
def idle_latency() -> float:
    try:
        up = requests.get(RASA, timeout=3).ok
    except requests.RequestException:
        up = False
    require(up, f"the running bot at {RASA} (start it with scripts/test.sh)")
    new_user_latency()  # warm up
    return statistics.median(new_user_latency() for _ in range(3))


def hostile_while_another_user_starts(sender: str, hostile: str) -> tuple[float, float, list[dict]]:
    """(the other user's latency, the hostile message's own time, its reply)."""
    result: dict = {}

    def attack() -> None:
        result["seconds"], result["reply"] = post(sender, hostile)

    thread = threading.Thread(target=attack)
    thread.start()
    time.sleep(0.1)  # the hostile message is being handled now
    other = new_user_latency()
    thread.join(120)
    return other, result["seconds"], result["reply"]


@pytest.mark.parametrize("topic", sorted(PATHS))
def test_a_hostile_message_at_each_question_does_not_stall_another_user(topic, idle_latency):
    path = PATHS[topic]
    worst = (0.0, "", "")
    for step in range(len(path)):
        idle = min(idle_latency, new_user_latency())  # the machine may be busier by now
        # A fresh conversation at question `step` (the answers before it given again).
        sender = f"hostile-{topic}-{step}-{uuid.uuid4().hex[:8]}"
        reply: list[dict] = []
        for answer, _ in path[:step]:
            reply = post(sender, answer)[1]
        expected = path[step - 1][1] if step else None
        if expected:
            assert expected in text_of(reply), (topic, step, text_of(reply))
        for hostile in HOSTILE:
            other, own, hostile_reply = hostile_while_another_user_starts(sender, hostile)
            if other - idle >= MAX_DELAY:  # once more: a busy machine (shared CI) is not a stall
                idle = min(idle, new_user_latency())
                other, own, hostile_reply = hostile_while_another_user_starts(sender, hostile)
            assert hostile_reply, "the hostile user gets an answer too"
            worst = max(worst, (other - idle, f"after {path[step - 1][0]!r}" if step else "first", hostile[:12]))
            assert own < 10, (topic, step, hostile[:12], own)
    assert worst[0] < MAX_DELAY, f"{topic}: another user waited {worst[0]:.2f} s more ({worst[1]}, {worst[2]!r})"
