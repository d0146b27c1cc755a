"""Fixed texts filled from the parameter tables by the running Rasa server (rasa_ext.nlg.TableNLG,
docs/architecture-numbers.md): the values arrive, and no '{placeholder}' ever reaches the user."""
from __future__ import annotations

import re

import pytest

from actions.rules import care_days as cd
from actions.rules import intro_programme as ip
from tests.server.test_rest import Chat, server  # noqa: F401  (the fixture checks the bot is up)

pytestmark = pytest.mark.server
PLACEHOLDER = re.compile(r"\{[^{}\n]*\}")


def _no_placeholder(reply: str) -> str:
    assert not PLACEHOLDER.search(reply), reply
    return reply


def test_programme_overview_numbers_come_from_the_table():
    reply = _no_placeholder(Chat().text("hva er introduksjonsprogrammet"))
    hours = str(ip.INTRO.versions("full_time_hours")[-1].value).replace(".", ",")
    assert f"{hours} timer i uka" in reply
    assert f"{ip.INTRO.versions('programme_weeks_per_year')[-1].value} uker" in reply


def test_why_in_the_care_days_form_states_the_table_values():
    chat = Chat()
    _no_placeholder(chat.text("Hvor mange omsorgsdager har jeg?"))
    reply = _no_placeholder(chat.text("hvorfor spør du om det?"))
    on = cd.date(2026, 1, 1)
    assert f"får du {cd.CARE_DAYS.value('base_days_1_2_children', on)} dager" in reply
    assert f"får du {cd.CARE_DAYS.value('base_days_3_plus_children', on)} dager" in reply
    assert "Hvor mange barn" in reply


def test_buttons_are_filled_too():
    chat = Chat()
    messages = chat.say("Hvor lang foreldrepermisjon har jeg?")
    for text in ("Jeg er mor", "Barnet er født", "3. oktober 2026", "nei"):
        messages = chat.say(text)
    titles = [b["title"] for m in messages for b in m.get("buttons") or []]
    texts = " ".join(m.get("text") or "" for m in messages)
    assert "100 prosent" in titles and "80 prosent" in titles, (texts, titles)
    assert not any(PLACEHOLDER.search(t) for t in titles)
