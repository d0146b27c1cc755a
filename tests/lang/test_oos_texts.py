"""domain/oos.yml: a reply for every service and language the guard can name, each plain enough
(LIX <= 35) and each with a way forward (a page and a phone number, or an interpreter)."""
from __future__ import annotations

import statistics
from pathlib import Path

import yaml

from rasa_ext.nlu import services
from tests.lix_util import load_lix

ROOT = Path(__file__).resolve().parents[2]
lix = load_lix().lix
VARIATIONS = yaml.safe_load((ROOT / "domain/oos.yml").read_text(encoding="utf-8"))["responses"]["utter_out_of_scope"]
BY_TOPIC = {v["condition"][0]["value"]: v["text"] for v in VARIATIONS if v.get("condition")}
LANGUAGES = {"lang_en", "lang_pl", "lang_uk", "lang_ar", "lang_prs", "lang_ti", "lang_so"}


def test_every_service_and_language_has_its_reply_and_there_is_a_general_one():
    assert set(services.SERVICES) | LANGUAGES == set(BY_TOPIC)
    assert sum(1 for v in VARIATIONS if not v.get("condition")) == 1


def test_every_service_reply_says_where_to_go():
    for key in services.SERVICES:
        text = BY_TOPIC[key]
        assert (".no" in text) and ("55 55 33 33" in text or "800 80 000" in text or "Kommunen" in text), text


def test_every_language_reply_gives_an_example_and_nav_s_phone():
    for key in LANGUAGES:
        assert "«Barnet mitt er sykt»" in BY_TOPIC[key] and "55 55 33 33" in BY_TOPIC[key]


def test_plain_norwegian():
    scores = [lix(v["text"]) for v in VARIATIONS]
    assert max(scores) <= 35 and statistics.median(scores) <= 25, scores
