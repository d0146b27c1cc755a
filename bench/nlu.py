"""NLU benchmark: the issue-13 target figures and per-intent F1 on BOTH held-out splits, for each
candidate pipeline.

Training uses data/nlu only; data/heldout/nlu_test.yml and nlu_test2.yml are never trained on.
The production config (config.yml) is evaluated as it runs, with its FallbackClassifier and the
guard (a fallback on a held-out example counts as a miss). Candidates whose file starts with
"# slow" (DIET) run only when named with --only.
Usage: .venv/bin/python bench/nlu.py [--only NAME ...] [--quiet]
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TQDM_DISABLE", "1")
from bench.nlu_metrics import CONTRACT, SPLITS, f1_table, figures, load_split, meets_targets  # noqa: E402

CANDIDATES = {"production": ROOT / "config.yml",
              **{p.stem: p for p in sorted((ROOT / "bench" / "pipelines").glob("*.yml"))}}


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


def main() -> int:
    logging.disable(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*", help="candidate names to run")
    parser.add_argument("--quiet", action="store_true", help="summary only, no per-intent tables")
    parser.add_argument("--errors", action="store_true", help="also list every misclassified example")
    args = parser.parse_args()
    from scripts.build_spacy_nb import build
    build()  # the spaCy candidates load var/spacy/nb_lookup
    splits = {name: load_split(path) for name, path in SPLITS.items()}
    texts = [t for ex in splits.values() for t, _ in ex]
    results = {}
    os.chdir(ROOT)  # configs name var/spacy/nb_lookup relative to the repository
    for name, config in CANDIDATES.items():
        slow = config.read_text().startswith("# slow")
        if (args.only and name not in args.only) or (not args.only and slow):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            model, seconds = train(config, Path(tmp))
            pred_all, ms = predict(model, texts)
        at, per_split = 0, {}
        for split, ex in splits.items():
            gold, pred = [g for _, g in ex], pred_all[at:at + len(ex)]
            at += len(ex)
            per_split[split] = (figures(gold, pred), f1_table(gold, pred),
                                Counter((g, p) for g, p in zip(gold, pred) if g != p).most_common(8))
            if args.errors:
                for (text, g), p in zip(ex, pred):
                    if g != p:
                        print(f"   ERR {split}: {g:20s} -> {p:20s} {text}")
        results[name] = (per_split, seconds, ms)
        print(f"\n== {name}: train {seconds:.0f} s, parse {ms:.1f} ms/msg", flush=True)
        for split, (fig, table, confusions) in per_split.items():
            misses = meets_targets(fig)
            print(f"  {split} (n={fig['n']}): macro-F1 {fig['macro_f1']:.3f}  oos recall {fig['oos_recall']:.3f}  "
                  f"in-scope->oos {fig['in_scope_to_oos']:.3f}  fallback {fig['fallback_rate']:.3f}  "
                  f"accuracy {fig['accuracy']:.3f}  {'TARGETS MET' if not misses else 'misses: ' + '; '.join(misses)}")
            if not args.quiet:
                for intent, (f1, prec, rec, n) in table.items():
                    mark = "" if intent in CONTRACT else "  (not in the contract)"
                    print(f"     {intent:22s} F1 {f1:.3f}  P {prec:.2f}  R {rec:.2f}  (n={n}){mark}")
                print("     confusions:", ", ".join(f"{g}->{p} x{c}" for (g, p), c in confusions) or "none")
    if results:
        print("\nSummary (macro-F1 over the contract intents / out_of_scope recall / in-scope -> out_of_scope):")
        print(f"{'pipeline':22s} {'split 1':>22s} {'split 2':>22s} {'train s':>8s} {'ms/msg':>7s}")
        for name, (per_split, seconds, ms) in results.items():
            cells = [f"{f['macro_f1']:.3f}/{f['oos_recall']:.2f}/{f['in_scope_to_oos']:.3f}"
                     for f, _, _ in per_split.values()]
            print(f"{name:22s} {cells[0]:>22s} {cells[1]:>22s} {seconds:8.0f} {ms:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
