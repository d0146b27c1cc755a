"""NLU benchmark: per-intent F1 and macro-F1 on the held-out split, for each candidate pipeline.

Training uses data/nlu only; data/heldout/nlu_test.yml is never trained on. The production
config (config.yml) is evaluated too, including its FallbackClassifier (a fallback on a held-out
example counts as a miss). Usage: .venv/bin/python bench/nlu.py [--only NAME ...]
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TQDM_DISABLE", "1")
CANDIDATES = {"production (config.yml)": ROOT / "config.yml",
              **{p.stem: p for p in sorted((ROOT / "bench" / "pipelines").glob("*.yml"))}}


def heldout() -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data
    data = load_data(str(ROOT / "data" / "heldout" / "nlu_test.yml"))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


def train(config: Path, out: Path) -> tuple[Path, float]:
    from rasa.model_training import train_nlu
    start = time.monotonic()
    model = train_nlu(str(config), str(ROOT / "data" / "nlu"), str(out), fixed_model_name="bench")
    return Path(model), time.monotonic() - start


def predict(model: Path, texts: list[str]) -> tuple[list[str], float]:
    from rasa.core.agent import Agent
    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    start = time.monotonic()
    preds = [loop.run_until_complete(agent.parse_message(t))["intent"]["name"] for t in texts]
    per_msg = (time.monotonic() - start) / max(1, len(texts)) * 1000
    loop.close()
    return preds, per_msg


def f1_table(gold: list[str], pred: list[str]) -> dict[str, tuple[float, int]]:
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
        table[intent] = (f1, tp[intent] + fn[intent])
    return table


def main() -> int:
    logging.disable(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", help="candidate names to run")
    args = parser.parse_args()
    examples = heldout()
    texts, gold = [t for t, _ in examples], [i for _, i in examples]
    results = {}
    for name, config in CANDIDATES.items():
        if args.only and name not in args.only and config.stem not in args.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            model, seconds = train(config, Path(tmp))
            pred, ms = predict(model, texts)
        table = f1_table(gold, pred)
        macro = statistics.mean(f for f, _ in table.values())
        acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
        confusions = Counter((g, p) for g, p in zip(gold, pred) if g != p).most_common(5)
        results[name] = (table, macro, acc, seconds, ms, confusions)
        print(f"\n== {name}: macro-F1 {macro:.3f}  accuracy {acc:.3f}  train {seconds:.0f} s  "
              f"parse {ms:.1f} ms/msg  ({len(gold)} held-out examples)", flush=True)
        for intent, (f1, support) in table.items():
            print(f"   {intent:22s} F1 {f1:.3f}  (n={support})")
        print("   most common confusions:", ", ".join(f"{g}->{p} x{c}" for (g, p), c in confusions) or "none")
    if results:
        print("\nSummary (held-out split, data/heldout/nlu_test.yml):")
        print(f"{'pipeline':26s} {'macro-F1':>8s} {'accuracy':>8s} {'train s':>8s} {'ms/msg':>7s}")
        for name, (_, macro, acc, seconds, ms, _) in results.items():
            print(f"{name:26s} {macro:8.3f} {acc:8.3f} {seconds:8.0f} {ms:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
