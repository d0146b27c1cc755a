"""Language detection (rasa_ext/nlu/guard.py: lingua-language-detector, low accuracy mode, seven
Latin-script languages + script rules): accuracy on short messages, how often Norwegian is taken
for Danish, Swedish or a foreign language, time per message and memory.

Norwegian messages: every held-out example (both splits) without English or Polish words.
Foreign messages: tests/nlu/cases.yml. Usage: .venv/bin/python bench/langdetect.py
"""
from __future__ import annotations

import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.nlu_metrics import SPLITS, load_split  # noqa: E402

NOT_NORWEGIAN = re.compile(r"\b(how|what|the|you|is|my|i'm|sick|leave|please|thank|talk|who|are|do|can|"
                           r"program|work|hello|hi|yes|no|bye|ok|thx|reset|delete|simpler|tell|"
                           r"dzi\w*|przed\w*|jestem|karmienie|mam|jak|czy)\b", re.I)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    import logging
    logging.disable(logging.WARNING)
    from rasa_ext.nlu.guard import LanguageDetector
    cases = yaml.safe_load((ROOT / "tests/nlu/cases.yml").read_text(encoding="utf-8"))
    norwegian = [t for path in SPLITS.values() for t, _ in load_split(path) if not NOT_NORWEGIAN.search(t)]
    before = rss_mb()
    start = time.monotonic()
    det = LanguageDetector()
    det.latin_language("dette er en test", 0.5)  # lingua loads its models on first use
    build_s, build_mb = time.monotonic() - start, rss_mb() - before

    def detect(text: str) -> str:
        return det.script_language(text) or det.latin_language(text, 0.5) or "no"

    start = time.monotonic()
    labels = Counter(detect(t) for t in norwegian)
    per_msg_no = (time.monotonic() - start) / len(norwegian) * 1000
    raw = Counter(v[0].language.name for t in norwegian if (v := det._latin.compute_language_confidence_values(t)))
    print(f"Norwegian held-out messages: {len(norwegian)}; taken for a foreign language: "
          f"{sum(c for k, c in labels.items() if k != 'no')} ({dict(labels)})")
    print(f"  lingua's top language on them (before our rules): {dict(raw.most_common())}")
    print(f"  (Danish and Swedish count as Norwegian: the bot answers them in Norwegian.)")
    ok = total = 0
    misses = []
    start = time.monotonic()
    for code, v in cases["languages"].items():
        for text in v["messages"]:
            total += 1
            got = detect(text)
            ok += got == code
            if got != code:
                misses.append((code, got, text))
    per_msg_foreign = (time.monotonic() - start) / total * 1000
    known = [(c, t, detect(t)) for c, texts in cases.get("known_language_misses", {}).items() for t in texts]
    print(f"Known misses (not asserted): {known}")
    print(f"Foreign short messages: {ok}/{total} right; misses: {misses or 'none'}")
    print(f"Cost: detector built and loaded in {build_s:.2f} s, +{build_mb:.0f} MB; "
          f"{per_msg_no:.2f} ms per Norwegian message, {per_msg_foreign:.2f} ms per foreign one "
          f"(the guard only asks it when the script is non-Latin or the classifier is unsure).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
