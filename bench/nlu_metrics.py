"""The NLU target figures of issue 13, shared by bench/nlu.py and tests/nlu (no Rasa imports).

- macro-F1 over the contract intents (the intent names other parts rely on; README of tests/nlu);
- out_of_scope recall;
- the share of in-scope messages (gold is not out_of_scope) predicted as out_of_scope.
A prediction of nlu_fallback is a miss for its gold intent (the bot asks "Mente du …?").
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPLITS = {"split 1": ROOT / "data/heldout/nlu_test.yml", "split 2": ROOT / "data/heldout/nlu_test2.yml"}
CONTRACT = ("ask_care_days", "ask_parental_leave", "ask_breastfeeding", "ask_unpaid_leave", "ask_intro_leave",
            "ask_leave_offers", "ask_intro_programme", "ask_work_programme", "ask_kindergarten", "greet",
            "goodbye", "affirm", "deny", "thank", "bot_challenge", "help", "restart", "human_handover",
            "out_of_scope")
TARGETS = {"macro_f1": 0.97, "oos_recall": 0.90, "in_scope_to_oos": 0.03}


def f1_table(gold: list[str], pred: list[str]) -> dict[str, tuple[float, float, float, int]]:
    """Per gold intent: (F1, precision, recall, support)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
        else:
            fn[g] += 1
            fp[p] += 1
    table = {}
    for intent in sorted(set(gold)):
        prec = tp[intent] / (tp[intent] + fp[intent]) if tp[intent] + fp[intent] else 0.0
        rec = tp[intent] / (tp[intent] + fn[intent]) if tp[intent] + fn[intent] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[intent] = (f1, prec, rec, tp[intent] + fn[intent])
    return table


def figures(gold: list[str], pred: list[str]) -> dict[str, float]:
    table = f1_table(gold, pred)
    contract = [table[i][0] for i in CONTRACT if i in table]
    oos = [p for g, p in zip(gold, pred) if g == "out_of_scope"]
    in_scope = [p for g, p in zip(gold, pred) if g != "out_of_scope"]
    return {
        "macro_f1": sum(contract) / len(contract),
        "oos_recall": sum(p == "out_of_scope" for p in oos) / max(1, len(oos)),
        "in_scope_to_oos": sum(p == "out_of_scope" for p in in_scope) / max(1, len(in_scope)),
        "fallback_rate": sum(p == "nlu_fallback" for p in pred) / max(1, len(pred)),
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)),
        "n": len(gold),
    }


def meets_targets(fig: dict[str, float]) -> list[str]:
    """The targets a result misses, in words (empty when all hold)."""
    misses = []
    if fig["macro_f1"] < TARGETS["macro_f1"]:
        misses.append(f"macro-F1 {fig['macro_f1']:.3f} < {TARGETS['macro_f1']}")
    if fig["oos_recall"] < TARGETS["oos_recall"]:
        misses.append(f"out_of_scope recall {fig['oos_recall']:.3f} < {TARGETS['oos_recall']}")
    if fig["in_scope_to_oos"] > TARGETS["in_scope_to_oos"]:
        misses.append(f"in-scope sent to out_of_scope {fig['in_scope_to_oos']:.3f} > {TARGETS['in_scope_to_oos']}")
    return misses


def load_split(path: Path) -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data
    return [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples]
