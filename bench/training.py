"""Time a full training of our model, and its peak memory.

    .venv/bin/python bench/training.py [--baseline]

Runs the same `rasa train` as scripts/train_if_needed.py, with --force, an empty Rasa cache
(RASA_CACHE_DIRECTORY in a temp dir, so nothing is reused from .rasa/cache) and a temp --out
directory (models/ is not touched). Prints wall seconds, CPU seconds and the peak RSS of the
training process tree (sampled every 0.2 s from /proc), and writes bench/results/training.json,
which bench/latency.py shows next to the "full training <= 4 minutes" target.
--baseline also times `rasa train` of the cached `rasa init` project (bench/.baseline/project,
made by bench/latency.py) for comparison.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from latency import BASELINE_DIR, RESULTS, ROOT, Env, process_tree, rss_mb

TARGET_S = 240


def timed_train(cmd: list[str], cwd: Path, env: dict, log: Path) -> dict:
    peak = 0.0
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(log, "wb") as fh:
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            while p.poll() is None:
                pids = process_tree(p.pid)
                peak = max(peak, rss_mb(pids))
                time.sleep(0.2)
        except BaseException:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
            raise
    wall = time.monotonic() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    peak = max(peak, ru1.ru_maxrss / 1024)  # the largest single process, if sampling missed it
    if p.returncode != 0:
        raise RuntimeError(f"training failed (exit {p.returncode}); see {log}")
    return {"seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "peak_rss_mb": round(peak)}


def main() -> int:
    ap = argparse.ArgumentParser(description="Time a full training (--force, empty cache).")
    ap.add_argument("--baseline", action="store_true", help="also time the `rasa init` project")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="fv-train-"))
    out = {"date": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(),
           "loadavg_before": round(os.getloadavg()[0], 2)}
    try:
        env = Env().ours(RASA_CACHE_DIRECTORY=str(tmp / "cache"))
        cmd = [sys.executable, "-m", "rasa", "train", "--config", "config.yml", "--domain", "domain",
               "--data", "data/nlu", "data/rules", "data/stories", "--out", str(tmp / "models"),
               "--fixed-model-name", "bench", "--force"]
        print("Training our model (full, --force, empty cache)...", flush=True)
        out.update(timed_train(cmd, ROOT, env, RESULTS / "training.log"))
        out["loadavg_after"] = round(os.getloadavg()[0], 2)
        print(f"ours: {out['seconds']:.1f} s wall, {out['cpu_seconds']:.1f} s CPU, peak RSS "
              f"{out['peak_rss_mb']} MB -> full training <= 4 min: "
              f"{'PASS' if out['seconds'] <= TARGET_S else 'MISS'}  (load average before {out['loadavg_before']})")
        if args.baseline:
            if not BASELINE_DIR.exists():
                print("no baseline project yet: run bench/latency.py once first")
            else:
                benv = Env().baseline()
                benv["RASA_CACHE_DIRECTORY"] = str(tmp / "cache-baseline")
                cmd = [sys.executable, "-m", "rasa", "train", "--out", str(tmp / "baseline-models"), "--force"]
                print("Training the `rasa init` baseline...", flush=True)
                b = timed_train(cmd, BASELINE_DIR, benv, RESULTS / "training-baseline.log")
                out["baseline"] = b
                print(f"baseline: {b['seconds']:.1f} s wall, {b['cpu_seconds']:.1f} s CPU, "
                      f"peak RSS {b['peak_rss_mb']} MB")
        (RESULTS / "training.json").write_text(json.dumps(out, indent=2))
        print(f"Wrote {(RESULTS / 'training.json').relative_to(ROOT)}")
        return 0
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
