"""Text-only rendering and reading a reply to numbered options (pure, no servers)."""
from __future__ import annotations

import pytest

from rasa_ext.messaging import (MAX_CHARS, OPTIONS_HINT, Choice, ChoiceMemory, render_text_only,
                                resolve_choice, split_text)

DETAIL = '/care_days_detail{"care_detail":"transfer"}'
YES_NO = [{"title": "Ja", "payload": "/affirm"}, {"title": "Nei", "payload": "/deny"}]
WORK = [Choice("Jeg er ansatt", "Jeg er ansatt"),
        Choice("Selvstendig næringsdrivende", "Jeg er selvstendig næringsdrivende"),
        Choice("Frilanser", "Jeg er frilanser"), Choice("Vet ikke", "Vet ikke")]


def test_buttons_become_numbered_options_under_the_text():
    out = render_text_only([{"text": "Er du ansatt?", "buttons": YES_NO}])
    assert out == ["Er du ansatt?\n\n1) Ja\n2) Nei\n" + OPTIONS_HINT]


def test_payloads_are_never_shown():
    msgs = [{"text": "Vil du vite noe mer?", "buttons": [
        {"title": "Kan jeg gi dager til en ny partner?", "payload": DETAIL},
        {"title": "Start på nytt", "payload": "/restart"}]}]
    text = "\n".join(render_text_only(msgs))
    assert "1) Kan jeg gi dager til en ny partner?" in text and "2) Start på nytt" in text
    assert "/" not in text and "{" not in text and "care_detail" not in text


def test_quick_replies_are_options_too_and_plain_messages_stay_as_they_are():
    out = render_text_only([{"text": "Hei."}, {"text": "Velg:", "quick_replies": YES_NO}])
    assert out[0] == "Hei." and out[1].startswith("Velg:\n\n1) Ja\n2) Nei")


def test_order_is_kept_across_messages():
    out = render_text_only([{"text": "Første."}, {"text": "Andre."}, {"text": "Tredje."}])
    assert out == ["Første.", "Andre.", "Tredje."]


def test_long_text_is_split_at_sentence_boundaries_within_the_limit():
    sentences = [f"Dette er setning nummer {i} og den handler om omsorgsdager." for i in range(40)]
    text = " ".join(sentences)
    parts = split_text(text)
    assert len(parts) > 1 and all(len(p) <= MAX_CHARS for p in parts)
    assert all(p.endswith(".") and p[0].isupper() for p in parts)   # whole sentences only
    assert " ".join(parts) == text                                 # nothing lost or reordered


def test_abbreviation_before_lower_case_is_not_a_sentence_end():
    text = ("Skriv årstallene, f.eks. to tall. " * 30).strip()
    assert all(not p.startswith("to tall") for p in split_text(text, 100))


def test_one_very_long_sentence_is_split_between_words_and_a_long_url_is_cut():
    words = " ".join(["omsorgspenger"] * 100)
    assert all(len(p) <= MAX_CHARS and not p.startswith(" ") for p in split_text(words))
    url = "https://nav.no/" + "x" * 1500
    assert [len(p) for p in split_text(url)] == [600, 600, 315]


def test_options_that_do_not_fit_go_in_their_own_message():
    text = "A" * 590 + "."
    out = render_text_only([{"text": text, "buttons": YES_NO}])
    assert out == [text, "1) Ja\n2) Nei\n" + OPTIONS_HINT]


def test_paragraphs_are_kept_when_splitting():
    text = ("Første avsnitt. " * 25).strip() + "\n\n" + ("Andre avsnitt. " * 25).strip()
    parts = split_text(text)
    assert len(parts) == 2 and parts[1].startswith("Andre avsnitt.")


def test_image_becomes_a_line_with_its_address():
    assert render_text_only([{"image": "https://x/y.png"}]) == ["Bilde: https://x/y.png"]


@pytest.mark.parametrize("reply, payload", [
    ("1", "Jeg er ansatt"), ("2.", "Jeg er selvstendig næringsdrivende"), (" 3) ", "Jeg er frilanser"),
    ("nr 4", "Vet ikke"), ("Frilanser", "Jeg er frilanser"), ("FRILANSER!", "Jeg er frilanser"),
    ("vet ikke", "Vet ikke"), ("selvstendig", "Jeg er selvstendig næringsdrivende"),
    ("frilans", "Jeg er frilanser"), ("næringsdrivende", "Jeg er selvstendig næringsdrivende"),
])
def test_number_title_or_unique_part_picks_the_payload(reply, payload):
    assert resolve_choice(reply, WORK) == payload


@pytest.mark.parametrize("reply", ["5", "0", "12", "er", "jeg", "Jeg er ansatt i kommunen", "2016 og 2019",
                                   "", "  "])
def test_anything_else_passes_through(reply):
    assert resolve_choice(reply, WORK) is None


def test_ambiguous_part_passes_through_but_exact_title_wins():
    choices = [Choice("Nei", "Nei"), Choice("Ja, ett barn", "a"), Choice("Ja, flere barn", "b")]
    assert resolve_choice("ja", choices) is None          # fits two titles
    assert resolve_choice("nei", choices) == "Nei"
    assert resolve_choice("flere", choices) == "b"


def test_memory_replaces_once_then_forgets_and_is_bounded():
    mem = ChoiceMemory(max_senders=2)
    mem.remember("a", WORK)
    assert mem.take("a", "1") == "Jeg er ansatt"
    assert mem.take("a", "1") == "1"                      # answered: "1" is a number again
    for key in ("a", "b", "c"):
        mem.remember(key, WORK)
    assert len(mem) == 2 and mem.get("a") == []           # least recently used went out
    assert mem.take("b", "hei") == "hei"


def test_memory_expires():
    mem = ChoiceMemory(ttl_seconds=-1)
    mem.remember("a", WORK)
    assert mem.take("a", "1") == "1"
