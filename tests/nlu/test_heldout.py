"""Questions land on the contract intent names: the trained model on the held-out split
(data/heldout/nlu_test.yml, never trained on). Full per-intent figures: `make bench-nlu`."""
from __future__ import annotations

import asyncio
import os
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / os.environ.get("MODEL_PATH", "models/familieveileder.tar.gz")
CONTRACT = {"ask_care_days", "ask_parental_leave", "ask_breastfeeding", "ask_unpaid_leave", "ask_intro_leave",
            "ask_leave_offers", "ask_intro_programme", "ask_work_programme", "ask_kindergarten", "greet", "goodbye",
            "affirm", "deny", "thank", "bot_challenge", "help", "restart", "human_handover", "out_of_scope"}


@pytest.fixture(scope="module")
def predictions():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: scripts/test.sh trains it before pytest", pytrace=False)
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data
    examples = [(m.get("text"), m.get("intent"))
                for m in load_data(str(ROOT / "data/heldout/nlu_test.yml")).intent_examples]
    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()
    try:
        return [(gold, loop.run_until_complete(agent.parse_message(text))["intent"]["name"])
                for text, gold in examples]
    finally:
        loop.close()


def test_every_contract_intent_is_in_the_model_and_the_heldout_split(predictions):
    assert CONTRACT <= {gold for gold, _ in predictions}


def test_heldout_accuracy_and_per_intent_recall(predictions):
    correct = Counter(g for g, p in predictions if g == p)
    total = Counter(g for g, _ in predictions)
    accuracy = sum(correct.values()) / sum(total.values())
    assert accuracy >= 0.85, f"held-out accuracy {accuracy:.3f}"
    weak = {i: round(correct[i] / total[i], 2) for i in total if correct[i] / total[i] < 0.6}
    assert not weak, f"intents with held-out recall below 0.6: {weak}"


def test_topic_questions_are_never_mistaken_for_each_other_often(predictions):
    topic_errors = [(g, p) for g, p in predictions if g in CONTRACT and g.startswith("ask_") and p.startswith("ask_")
                    and g != p]
    topic_total = sum(1 for g, _ in predictions if g.startswith("ask_"))
    assert len(topic_errors) / topic_total <= 0.08, topic_errors
