"""Latency and throughput of Familieveileder over REST, against a `rasa init` bot run side by side.

    .venv/bin/python bench/latency.py [--conversations 20 --turns 6 --single-turns 30]
                                      [--configs baseline,ours,ours-x2-sqlite,ours-x2-sqlite-fast]
                                      [--rounds 1] [--quiet-wait 0] [--port-base 5300] [--url URL]

What it does (docs/benchmarks.md explains every figure):
  1. Creates once, cached in bench/.baseline/ (git-ignored), a `rasa init --no-prompt` project
     trained with the same Rasa; trains ours if models/ has none (scripts/train_if_needed.py).
  2. Starts every selected configuration at once, each in its own process group on its own ports
     with its own tracker database (a temp SQLite file, or a temp PostgreSQL database that is
     dropped at the end), and waits until all answer.
  3. For each configuration in turn (the others stay idle): warm-up, then
       single:     --single-turns messages, one at a time (fresh sender id per scripted conversation)
       concurrent: --conversations conversations at once x --turns turns each (closed loop: each
                   conversation sends its next message when it has the answer)
     -> p50/p95/p99 latency, messages/s, server CPU per message, RSS of the server processes.
  4. Prints a table, the ratios to the baseline and PASS/MISS against the issue's targets
     (informational: the exit code is 0 unless something crashed), and writes
     bench/results/latency-<time>.json. Stops every process it started, also on Ctrl-C or error.

Configurations (--configs, comma separated; --list-configs prints them):
  baseline          `rasa init` bot: default pipeline (DIET, TED, ...), in-memory tracker
  ours              as `make run`: 1 rasa run + 1 action server, SQLite tracker, in-memory lock
  ours-x2           2 rasa replicas + sticky proxy (bench/proxy.py), PostgreSQL tracker, Redis lock
  ours-x2-sqlite    2 rasa replicas + sticky proxy sharing the SQLite tracker, Redis lock (one machine)
  ours-x2-sqlite-fast  the same + the speed-ups proposed in docs/benchmarks.md
  ours-workers2-sqlite  1 rasa run with SANIC_WORKERS=2, SQLite tracker, Redis lock
  ours-pg           as ours with the PostgreSQL tracker (isolates the tracker store)
More: ours[-xN][-workersN][-2act][-sqlite|-pg][-memlock][-direct][-fast][:patch+patch]
  -xN         N rasa run replicas behind the sticky proxy; -workersN: SANIC_WORKERS=N. Either one
              implies the Redis lock store and, unless -sqlite, the PostgreSQL tracker store.
  -2act       one action server per replica (default: one shared)
  -memlock    keep the in-memory lock store with replicas (enough when routing is sticky)
  -direct     the load generator routes by sender itself (no proxy hop)
  -fast       Rasa runs through bench/rasa_speedups.py: the speed-ups proposed in
              docs/benchmarks.md; a subset of its patches may follow a colon, e.g.
              ours-fast:jsonschema+formlog (default: all of them)
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BASELINE_DIR = BENCH / ".baseline" / "project"
RESULTS = BENCH / "results"
PY = sys.executable
OUR_MODEL = ROOT / "models" / "familieveileder.tar.gz"

# Figures from the issue (measured on 2 cores) and the targets.
ISSUE = {"baseline_single_p50_ms": 95, "baseline_conc_msgs": 16.5, "baseline_conc_p95_ms": 1450,
         "floor_single_p50_ms": 39, "floor_conc_msgs": 66}
TARGET_SINGLE_P50_MS = 50
TARGET_THROUGHPUT_X = 3.0
TARGET_P95_FRACTION = 1 / 3
TARGET_MEMORY_MB = 1200
TARGET_TRAINING_S = 240

OURS_SCRIPT = [  # the care-days flow; the last answer names the number of care days
    ("Hvor mange omsorgsdager har jeg?", None),
    ("2 barn", None),
    ("2016 og 2019", None),
    ("Vi bor sammen", None),
    ("Nei", None),
    ("Jeg er ansatt", "omsorgsdager"),
]
OURS_EXTRA = [("hei", None), ("hvorfor spør du om det?", None), ("Jeg vil snakke med et menneske", None)]
BASELINE_SCRIPT = [  # rasa init's stories and rules: sad path 1, bot challenge, goodbye
    ("hello", "Hey"),
    ("I am sad", None),
    ("yes", "Great"),
    ("are you a bot?", "bot"),
    ("perfect", None),
    ("bye", "Bye"),
]
BASELINE_EXTRA = [("hello", None), ("are you a bot?", None), ("bye", None)]


def script_for(kind: str, turns: int) -> list[tuple[str, str | None]]:
    base, extra = (OURS_SCRIPT, OURS_EXTRA) if kind == "ours" else (BASELINE_SCRIPT, BASELINE_EXTRA)
    steps = list(base[:turns])
    i = 0
    while len(steps) < turns:
        steps.append(extra[i % len(extra)])
        i += 1
    return steps


# ----------------------------------------------------------------------------------------------
# processes
# ----------------------------------------------------------------------------------------------
class Proc:
    """A child in its own process group (session), so stopping it stops its children too."""

    def __init__(self, name: str, cmd: list[str], env: dict, cwd: Path, logdir: Path):
        self.name, self.cmd = name, cmd
        self.log = logdir / f"{name}.log"
        self._fh = open(self.log, "wb")  # noqa: SIM115 - open for the child's lifetime, closed in stop()
        self.p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self._fh, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True)
        self.pid = self.p.pid

    def alive(self) -> bool:
        return self.p.poll() is None

    def stop(self) -> None:
        if self.p.poll() is None:
            try:
                os.killpg(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                pass
        try:  # whatever is left in the group (workers, or a parent that did not wait for them)
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self._fh.close()

    def tail(self, n: int = 25) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


class Attached:
    """A server this benchmark did not start (--url): measured, never stopped."""

    def __init__(self, name: str, pid: int):
        self.name, self.pid = name, pid
        self.log = Path("/dev/null")

    def alive(self) -> bool:
        return Path(f"/proc/{self.pid}").exists()

    def tail(self, n: int = 25) -> str:
        return ""


def pid_listening_on(port: int) -> int | None:
    """The process that listens on a TCP port on this machine, from /proc/net/tcp{,6} and /proc/*/fd."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{cols[9]}]")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{d}/fd"):
                try:
                    if os.readlink(f"/proc/{d}/fd/{fd}") in inodes:
                        return int(d)
                except OSError:
                    pass
        except OSError:
            pass
    return None


def _proc_stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()  # fields from 3 (state) on


def process_tree(root: int) -> list[int]:
    """root and all its descendants, found through the ppid field of /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            st = _proc_stat(int(d))
            if st:
                children.setdefault(int(st[1]), []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        if Path(f"/proc/{p}").exists():
            out.append(p)
            todo.extend(children.get(p, []))
    return out


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def pss_mb(pids: list[int]) -> float:
    """Proportional set size: pages shared between processes (forked workers) counted once."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total / 1024


CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        st = _proc_stat(pid)
        if st:
            total += int(st[11]) + int(st[12])  # utime, stime
    return total / CLK_TCK


def pids_by_name(comm: str) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if Path(f"/proc/{d}/comm").read_text().strip() == comm:
                    out.append(int(d))
            except OSError:
                pass
    return out


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all cores), from /proc/stat."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def wait_for_quiet(max_wait: float, threshold: float = 0.3, window: float = 2.0) -> float:
    """Wait (at most max_wait s) until the machine is almost idle: busy cores over `window` s below
    `threshold` (our own servers are idle between phases). Returns the busy cores last seen."""
    deadline = time.monotonic() + max_wait
    while True:
        b0 = machine_busy_seconds()
        time.sleep(window)
        busy = (machine_busy_seconds() - b0) / window
        if busy < threshold or time.monotonic() >= deadline:
            return busy


def port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


# ----------------------------------------------------------------------------------------------
# configurations
# ----------------------------------------------------------------------------------------------
@dataclass
class Stack:
    name: str
    kind: str                      # "ours" or "baseline" (which conversation script)
    description: str
    procs: list[Proc] = field(default_factory=list)
    servers: list[Proc] = field(default_factory=list)      # the Rasa servers (memory target)
    health: list[str] = field(default_factory=list)        # URLs that must answer 200
    route: Callable[[str], str] = lambda sender: ""        # sender -> webhook URL
    services: list[str] = field(default_factory=list)      # shared servers used: "postgres", "redis-server"
    how: str = ""


class Env:
    """Environment for our processes: scripts/env.sh applied over explicit per-stack settings."""

    def __init__(self) -> None:
        base = dict(os.environ)
        base.pop("SANIC_WORKERS", None)
        self.base = base

    def ours(self, **overrides: str) -> dict:
        env = dict(self.base)
        env.update(overrides)
        out = subprocess.run(["bash", "-c", "source scripts/env.sh >/dev/null && env -0"], cwd=ROOT,
                             env=env, capture_output=True, check=True).stdout
        return dict(item.split("=", 1) for item in out.decode().split("\0") if "=" in item)

    def baseline(self) -> dict:
        env = dict(self.base)
        env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
                   SQLALCHEMY_SILENCE_UBER_WARNING="1", TQDM_DISABLE="1")
        return env


CONFIG_HELP = {line.split()[0]: line.split(None, 1)[1]
               for line in __doc__.split("Configurations")[1].split("More:")[0].splitlines()[1:]
               if line.startswith("  ")}


def parse_config(name: str) -> dict | None:
    """ours[-xN][-workersN][-2act][-sqlite|-pg][-direct][-fast] -> ours_stack() options."""
    parts = name.split("-")
    if parts[0] != "ours":
        return None
    opts = {"replicas": 1, "workers": 1, "action_servers": 1, "proxy": True, "fast": False}
    tracker = lock = None
    for part in parts[1:]:
        if re.fullmatch(r"x[1-9]", part):
            opts["replicas"] = int(part[1:])
        elif re.fullmatch(r"workers[1-9]", part):
            opts["workers"] = int(part[7:])
        elif part == "2act":
            opts["action_servers"] = 2
        elif part in ("sqlite", "pg"):
            tracker = part
        elif part == "direct":
            opts["proxy"] = False
        elif part == "memlock":
            lock = "memory"
        elif part == "fast":
            opts["fast"] = True
        else:
            return None
    scaled = opts["replicas"] > 1 or opts["workers"] > 1
    opts["tracker"] = "postgres" if tracker == "pg" or (tracker is None and scaled) else "sqlite"
    opts["lock"] = lock or ("redis" if scaled else "memory")
    if opts["workers"] > 1 and opts["lock"] == "memory":
        return None  # Rasa would run one worker only
    return opts


class Runner:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.ts = time.strftime("%Y%m%d-%H%M%S")
        self.logdir = RESULTS / f"logs-{self.ts}"
        self.tmp = Path(tempfile.mkdtemp(prefix="fv-bench-"))
        self.procs: list[Proc] = []
        self.pg_dbs: list[str] = []
        self.env = Env()
        self._port = args.port_base

    # -- helpers ---------------------------------------------------------------------------------
    def port(self) -> int:
        while True:
            p = self._port
            self._port += 1
            if port_free(p):
                return p

    def start(self, stack: Stack, name: str, cmd: list[str], env: dict, cwd: Path = ROOT) -> Proc:
        self.logdir.mkdir(parents=True, exist_ok=True)
        p = Proc(f"{stack.name}.{name}", cmd, env, cwd, self.logdir)
        self.procs.append(p)
        stack.procs.append(p)
        return p

    def pg_url(self, stack: str) -> str:
        import psycopg2  # in requirements.lock (Rasa's SQL tracker store on PostgreSQL)

        db = f"fv_bench_{os.getpid()}_{re.sub('[^a-z0-9]+', '_', stack.lower())}"
        conn = psycopg2.connect(self.args.pg_dsn)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{db}"')
            cur.execute(f'CREATE DATABASE "{db}"')
        conn.close()
        self.pg_dbs.append(db)
        base = self.args.pg_dsn.rsplit("/", 1)[0]
        return f"{base}/{db}"

    def drop_pg(self) -> None:
        if not self.pg_dbs:
            return
        try:
            import psycopg2

            conn = psycopg2.connect(self.args.pg_dsn)
            conn.autocommit = True
            with conn.cursor() as cur:
                for db in self.pg_dbs:
                    cur.execute(f'DROP DATABASE IF EXISTS "{db}"')
            conn.close()
        except Exception as e:  # noqa: BLE001 - cleanup must go on
            print(f"warning: could not drop the temporary PostgreSQL databases {self.pg_dbs}: {e}")

    def stop_all(self) -> None:
        for p in reversed(self.procs):
            p.stop()
        self.procs.clear()
        self.drop_pg()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- preparation -----------------------------------------------------------------------------
    def ensure_baseline(self) -> Path:
        import rasa

        stamp = BASELINE_DIR.parent / "rasa-version"
        models = sorted((BASELINE_DIR / "models").glob("*.tar.gz")) if BASELINE_DIR.exists() else []
        if models and stamp.exists() and stamp.read_text().strip() == rasa.__version__:
            return models[-1]
        print(f"Creating the `rasa init` baseline in {BASELINE_DIR.relative_to(ROOT)} "
              f"(once; trains DIET and TED, a few minutes on 2 cores)...", flush=True)
        shutil.rmtree(BASELINE_DIR, ignore_errors=True)
        BASELINE_DIR.mkdir(parents=True)
        self.logdir.mkdir(parents=True, exist_ok=True)
        t0 = time.monotonic()
        with open(self.logdir / "baseline-init.log", "wb") as log:
            rc = subprocess.call([PY, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(BASELINE_DIR)],
                                 cwd=BASELINE_DIR, env=self.env.baseline(), stdout=log,
                                 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        models = sorted((BASELINE_DIR / "models").glob("*.tar.gz"))
        if rc != 0 or not models:
            raise RuntimeError(f"`rasa init` failed; see {self.logdir / 'baseline-init.log'}")
        stamp.write_text(rasa.__version__ + "\n")
        print(f"  baseline trained in {time.monotonic() - t0:.0f} s", flush=True)
        return models[-1]

    def ensure_ours(self) -> None:
        rc = subprocess.call([PY, "scripts/train_if_needed.py"], cwd=ROOT, env=self.env.ours())
        if rc != 0 or not OUR_MODEL.exists():
            raise RuntimeError("training our model failed (scripts/train_if_needed.py)")

    # -- stacks ----------------------------------------------------------------------------------
    def baseline_stack(self) -> Stack:
        model = self.ensure_baseline()
        st = Stack("baseline", "baseline", CONFIG_HELP["baseline"])
        port = self.port()
        env = self.env.baseline()
        import yaml

        endpoints = yaml.safe_load((BASELINE_DIR / "endpoints.yml").read_text()) or {}
        cmd = [PY, "-m", "rasa", "run", "--model", str(model), "--port", str(port),
               "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"]
        if endpoints.get("action_endpoint"):  # rasa init's default has none
            aport = self.port()
            self.start(st, "actions", [PY, "-m", "rasa_sdk", "--actions", "actions", "--port", str(aport)],
                       env, BASELINE_DIR)
            st.health.append(f"http://127.0.0.1:{aport}/health")
        st.servers.append(self.start(st, "rasa", cmd, env, BASELINE_DIR))
        st.health.append(f"http://127.0.0.1:{port}/")
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        st.route = lambda sender: url
        st.how = "1 process"
        return st

    def ours_stack(self, name: str, replicas: int = 1, workers: int = 1, tracker: str = "sqlite",
                   lock: str = "memory", action_servers: int = 1, proxy: bool = True,
                   fast: str | None = None) -> Stack:
        st = Stack(name, "ours", CONFIG_HELP.get(name.partition(":")[0], ""))
        if tracker == "postgres":
            db_url = self.pg_url(name)
            st.services.append("postgres")
        else:
            db_url = f"sqlite:///{self.tmp / (name + '-tracker.db')}"
        endpoints = "endpoints.scale.yml" if lock == "redis" else "endpoints.yml"
        if lock == "redis":
            st.services.append("redis-server")
        aports = [self.port() for _ in range(action_servers)]
        rports = [self.port() for _ in range(replicas)]
        for i, ap in enumerate(aports):
            env = self.env.ours(ACTIONS_PORT=str(ap), TRACKER_DB_URL=db_url)
            self.start(st, f"actions{i + 1}", [PY, "-m", "rasa_sdk", "--actions", "actions", "--port", str(ap)], env)
            st.health.append(f"http://127.0.0.1:{ap}/health")
        rasa = [PY, str(BENCH / "rasa_speedups.py")] if fast is not None else [PY, "-m", "rasa"]
        for i, rp in enumerate(rports):
            ap = aports[i % len(aports)]
            env = self.env.ours(RASA_PORT=str(rp), ACTIONS_PORT=str(ap), TRACKER_DB_URL=db_url,
                                ACTION_ENDPOINT_URL=f"http://localhost:{ap}/webhook",
                                LOCK_STORE=lock, ENDPOINTS=endpoints)
            if workers > 1:
                env["SANIC_WORKERS"] = str(workers)
            env.pop("FV_SPEEDUPS", None)
            if fast:
                env["FV_SPEEDUPS"] = fast.replace("+", ",")
            cmd = rasa + ["run", "--model", str(OUR_MODEL), "--endpoints", endpoints,
                          "--credentials", "credentials.yml", "--port", str(rp), "--cors", "*"]
            st.servers.append(self.start(st, f"rasa{i + 1}", cmd, env))
            st.health.append(f"http://127.0.0.1:{rp}/")
        urls = [f"http://127.0.0.1:{rp}/webhooks/rest/webhook" for rp in rports]
        if replicas > 1 and proxy:
            pport = self.port()
            cmd = [PY, str(BENCH / "proxy.py"), "--port", str(pport), "--policy", self.args.proxy_policy]
            for rp in rports:
                cmd += ["--backend", f"http://127.0.0.1:{rp}"]
            self.start(st, "proxy", cmd, self.env.ours())
            st.health.append(f"http://127.0.0.1:{pport}/")
            url = f"http://127.0.0.1:{pport}/webhooks/rest/webhook"
            st.route = lambda sender: url
        elif replicas > 1:
            st.route = lambda sender: urls[zlib.crc32(sender.encode()) % len(urls)]
        else:
            st.route = lambda sender: urls[0]
        parts = [f"{replicas} rasa run" + (f" x SANIC_WORKERS={workers}" if workers > 1 else ""),
                 f"{action_servers} action server{'s' if action_servers > 1 else ''}",
                 "PostgreSQL" if tracker == "postgres" else "SQLite",
                 "Redis lock" if lock == "redis" else "in-memory lock"]
        if replicas > 1:
            parts.append(f"sticky proxy ({self.args.proxy_policy})" if proxy else "client-side sticky routing (hash)")
        if fast is not None:
            parts.append(f"speed-ups: {fast.replace('+', ', ') or 'all'}")
        st.how = ", ".join(parts)
        return st

    def attached_stack(self, url: str) -> Stack:
        from urllib.parse import urlsplit

        base = url.rstrip("/")
        st = Stack("running", "ours", f"the server already running at {base} (--url)")
        port = urlsplit(base).port or 80
        pid = pid_listening_on(port)
        if pid is not None:
            proc = Attached("running.rasa", pid)
            st.procs.append(proc)
            st.servers.append(proc)
        st.health.append(base + "/")
        st.route = lambda sender: base + "/webhooks/rest/webhook"
        st.how = f"started elsewhere ({base}" + (f", pid {pid})" if pid else "; its process was not found)")
        return st

    def build(self, full_name: str) -> Stack:
        """NAME[-fast][:patch+patch]: -fast runs Rasa through bench/rasa_speedups.py."""
        name, _, patches = full_name.partition(":")
        if name == "baseline":
            return self.baseline_stack()
        opts = parse_config(name)
        if opts is None:
            raise SystemExit(f"unknown configuration {full_name!r}; see --list-configs")
        fast = patches if opts.pop("fast") else None
        return self.ours_stack(full_name, fast=fast, **opts)

    def wait_ready(self, stacks: list[Stack], timeout: float) -> None:
        import urllib.request

        pending = [(st, url) for st in stacks for url in st.health]
        deadline = time.monotonic() + timeout
        while pending:
            for st, url in list(pending):
                dead = [p for p in st.procs if not p.alive()]
                if dead:
                    raise RuntimeError(f"{dead[0].name} exited during start-up; log {dead[0].log}:\n"
                                       f"{dead[0].tail()}")
                try:
                    with urllib.request.urlopen(url, timeout=2) as r:
                        if r.status == 200:
                            pending.remove((st, url))
                except OSError:
                    pass
            if pending and time.monotonic() > deadline:
                raise RuntimeError("not ready in time: " + ", ".join(u for _, u in pending))
            if pending:
                time.sleep(0.5)


# ----------------------------------------------------------------------------------------------
# load
# ----------------------------------------------------------------------------------------------
@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)  # seconds, successful messages only
    errors: int = 0
    unexpected: int = 0      # answered, but not with the scripted reply (empty, or marker missing)
    wall: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    other_cpu: float = 0.0   # CPU used by everything else on the machine meanwhile (noise)
    cpu_by_process: dict = field(default_factory=dict)  # CPU seconds per process (tree) of the stack

    def pct(self, q: float) -> float | None:
        if not self.latencies:
            return None
        if len(self.latencies) == 1:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]

    def summary(self) -> dict:
        n = len(self.latencies)
        return {"messages": n, "errors": self.errors, "unexpected_replies": self.unexpected,
                "p50_ms": _ms(self.pct(50)), "p95_ms": _ms(self.pct(95)), "p99_ms": _ms(self.pct(99)),
                "mean_ms": _ms(statistics.fmean(self.latencies)) if n else None,
                "wall_s": round(self.wall, 3), "msgs_per_s": round(n / self.wall, 2) if self.wall else None,
                "server_cpu_ms_per_msg": round(1000 * self.server_cpu / n, 1) if n else None,
                "server_cores_used": round(self.server_cpu / self.wall, 2) if self.wall else None,
                "client_cpu_ms_per_msg": round(1000 * self.client_cpu / n, 1) if n else None,
                "other_cores_busy": round(self.other_cpu / self.wall, 2) if self.wall else None,
                "server_cpu_s_by_process": self.cpu_by_process}


def _ms(v: float | None) -> float | None:
    return None if v is None else round(1000 * v, 1)


async def conversation(session, stack: Stack, script, phase: Phase, timeout: float) -> None:
    import aiohttp

    sender = f"bench-{stack.name}-{uuid.uuid4().hex[:12]}"
    url = stack.route(sender)
    for text, marker in script:
        t0 = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text},
                                    timeout=aiohttp.ClientTimeout(total=timeout)) as r:
                body = await r.read()
                dt = time.perf_counter() - t0
                if r.status != 200:
                    phase.errors += 1
                    continue
        except (aiohttp.ClientError, asyncio.TimeoutError):
            phase.errors += 1
            continue
        phase.latencies.append(dt)
        try:
            texts = " ".join(str(m.get("text", "")) for m in json.loads(body))
        except (ValueError, AttributeError):
            texts = ""
        if not texts or (marker and marker.lower() not in texts.lower()):
            phase.unexpected += 1


async def run_phase(stack: Stack, scripts: list[list], concurrency: int, timeout: float) -> Phase:
    """Run the scripted conversations, at most `concurrency` at a time; bounded in count and time."""
    import aiohttp

    phase = Phase()
    trees = {p.name.split(".", 1)[1]: process_tree(p.pid) for p in stack.procs}
    for service in stack.services:  # shared servers it uses (their CPU counts as well)
        trees[service] = pids_by_name(service)
    pids = [pid for tree in trees.values() for pid in tree]
    per0 = {name: cpu_seconds(tree) for name, tree in trees.items()}
    pid0 = {pid: cpu_seconds([pid]) for tree in trees.values() for pid in tree}
    cpu0, self0, t0 = cpu_seconds(pids), time.process_time(), time.perf_counter()
    busy0 = machine_busy_seconds()
    sem = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        async def one(script):
            async with sem:
                await conversation(session, stack, script, phase, timeout)
        await asyncio.wait_for(asyncio.gather(*(one(s) for s in scripts)),
                               timeout=timeout * max(1, sum(len(s) for s in scripts)))
    phase.wall = time.perf_counter() - t0
    phase.client_cpu = time.process_time() - self0
    phase.server_cpu = cpu_seconds(pids) - cpu0
    phase.other_cpu = max(0.0, machine_busy_seconds() - busy0 - phase.server_cpu - phase.client_cpu)
    phase.cpu_by_process = {name: round(cpu_seconds(tree) - per0[name], 2) for name, tree in trees.items()}
    for name, tree in trees.items():  # forked workers one by one (how evenly they share the load)
        if name.startswith("rasa") and len(tree) > 1:
            for pid in tree:
                phase.cpu_by_process[f"{name}/{pid}"] = round(cpu_seconds([pid]) - pid0.get(pid, 0), 2)
    return phase


def merge(phases: list[Phase]) -> Phase:
    out = Phase()
    for p in phases:
        out.latencies += p.latencies
        out.errors += p.errors
        out.unexpected += p.unexpected
        out.wall += p.wall
        out.server_cpu += p.server_cpu
        out.client_cpu += p.client_cpu
        out.other_cpu += p.other_cpu
        for k, v in p.cpu_by_process.items():
            out.cpu_by_process[k] = round(out.cpu_by_process.get(k, 0) + v, 2)
    return out


def warm_up(stack: Stack, args) -> None:
    """Two conversations one at a time, then a short burst; not measured."""
    full = script_for(stack.kind, len(OURS_SCRIPT if stack.kind == "ours" else BASELINE_SCRIPT))
    n = min(4, args.conversations)
    asyncio.run(run_phase(stack, [full, full], 1, args.request_timeout))
    asyncio.run(run_phase(stack, [full] * n, n, args.request_timeout))


def measure_round(stack: Stack, args) -> tuple[Phase, Phase, float]:
    script = script_for(stack.kind, args.turns)
    full = script_for(stack.kind, len(OURS_SCRIPT if stack.kind == "ours" else BASELINE_SCRIPT))
    # single: --single-turns messages one at a time, a fresh sender for each scripted conversation
    single_scripts, left = [], args.single_turns
    while left > 0:
        single_scripts.append(full[:left])
        left -= len(full)
    load = os.getloadavg()[0]
    single = asyncio.run(run_phase(stack, single_scripts, 1, args.request_timeout))
    conc = asyncio.run(run_phase(stack, [script] * args.conversations, args.conversations,
                                 args.request_timeout))
    return single, conc, load


def result(stack: Stack, singles: list[Phase], concs: list[Phase], loads: list[float]) -> dict:
    servers_rss = sum(rss_mb(process_tree(p.pid)) for p in stack.servers)
    servers_pss = sum(pss_mb(process_tree(p.pid)) for p in stack.servers)
    all_rss = sum(rss_mb(process_tree(p.pid)) for p in stack.procs)
    return {"name": stack.name, "how": stack.how, "description": stack.description,
            "single": merge(singles).summary(), "concurrent": merge(concs).summary(),
            "rounds": [{"single": a.summary(), "concurrent": b.summary(), "loadavg": round(load, 2)}
                       for a, b, load in zip(singles, concs, loads)] if len(singles) > 1 else None,
            "rasa_rss_mb": round(servers_rss), "rasa_pss_mb": round(servers_pss), "all_rss_mb": round(all_rss),
            "loadavg_before": round(statistics.fmean(loads), 2)}


# ----------------------------------------------------------------------------------------------
# report
# ----------------------------------------------------------------------------------------------
def fmt(v, width=7, nd=0) -> str:
    if v is None:
        return "-".rjust(width)
    return f"{v:{width}.{nd}f}"


def report(results: list[dict], args, training: dict | None) -> list[str]:
    lines = []
    w = max(len(r["name"]) for r in results) + 2
    hdr = (f"{'config':<{w}}| {'single (ms) p50':>15} {'p95':>6} {'p99':>6} | {'concurrent (ms) p50':>19} "
           f"{'p95':>6} {'p99':>6} {'msg/s':>6} {'cpu ms/msg':>10} {'cores':>5} {'other':>5} | {'err':>3} | "
           f"{'rasa RSS MB':>11} {'PSS':>5} {'all RSS':>7}")
    lines += [hdr, "-" * len(hdr)]
    for r in results:
        s, c = r["single"], r["concurrent"]
        err = s["errors"] + c["errors"] + s["unexpected_replies"] + c["unexpected_replies"]
        lines.append(f"{r['name']:<{w}}| {fmt(s['p50_ms'], 15)} {fmt(s['p95_ms'], 6)} {fmt(s['p99_ms'], 6)} | "
                     f"{fmt(c['p50_ms'], 19)} {fmt(c['p95_ms'], 6)} {fmt(c['p99_ms'], 6)} "
                     f"{fmt(c['msgs_per_s'], 6, 1)} {fmt(c['server_cpu_ms_per_msg'], 10, 1)} "
                     f"{fmt(c['server_cores_used'], 5, 2)} {fmt(c['other_cores_busy'], 5, 2)} | {err:>3} | {fmt(r['rasa_rss_mb'], 11)} "
                     f"{fmt(r['rasa_pss_mb'], 5)} {fmt(r['all_rss_mb'], 7)}")
    lines.append("")
    lines.append(f"single: {args.single_turns} messages one at a time; concurrent: {args.conversations} "
                 f"conversations x {args.turns} turns at once. err = HTTP errors + unexpected replies.")
    lines.append("cpu ms/msg and cores: CPU time of all the configuration's processes (and of the PostgreSQL "
                 "and Redis servers it uses) during the concurrent phase, per message and per second of wall time.")
    lines.append("other: cores kept busy meanwhile by everything else on the machine (the load generator "
                 "excluded); well above 0 means the figures are disturbed (CPU shared with others).")
    lines.append("rasa RSS/PSS: the Rasa server processes (and their children) after the load; all RSS adds "
                 "action servers and proxy.")
    for r in results:
        lines.append(f"  {r['name']}: {r['how']} (load average before: {r['loadavg_before']}; "
                     f"load generator {r['concurrent']['client_cpu_ms_per_msg']} CPU ms/msg)")
    base = next((r for r in results if r["name"] == "baseline"), None)
    lines.append("")
    lines.append(f"Issue's figures (2 cores): rasa init p50 {ISSUE['baseline_single_p50_ms']} ms single, "
                 f"{ISSUE['baseline_conc_msgs']} msg/s and p95 {ISSUE['baseline_conc_p95_ms']} ms at 20 "
                 f"concurrent; bare Rasa floor p50 {ISSUE['floor_single_p50_ms']} ms, {ISSUE['floor_conc_msgs']} msg/s.")
    if base:
        b_s, b_c = base["single"], base["concurrent"]
        lines.append(f"Baseline here: p50 {b_s['p50_ms']} ms single; {b_c['msgs_per_s']} msg/s, "
                     f"p95 {b_c['p95_ms']} ms concurrent.")
    lines.append("")
    lines.append("Targets (PASS/MISS is informational):")
    for r in results:
        if r["name"] == "baseline":
            continue
        s, c = r["single"], r["concurrent"]
        checks = [("single p50 <= 50 ms", s["p50_ms"], s["p50_ms"] is not None and s["p50_ms"] <= TARGET_SINGLE_P50_MS,
                   f"{s['p50_ms']} ms")]
        if base and c["msgs_per_s"] and base["concurrent"]["msgs_per_s"]:
            x = c["msgs_per_s"] / base["concurrent"]["msgs_per_s"]
            checks.append(("throughput >= 3x baseline", x, x >= TARGET_THROUGHPUT_X,
                           (f"{x:.2f}x (vs the issue's {ISSUE['baseline_conc_msgs']} msg/s: "
                            f"{c['msgs_per_s'] / ISSUE['baseline_conc_msgs']:.2f}x)")))
        if base and c["p95_ms"] and base["concurrent"]["p95_ms"]:
            f = c["p95_ms"] / base["concurrent"]["p95_ms"]
            checks.append(("p95 <= 1/3 of baseline", f, f <= TARGET_P95_FRACTION,
                           (f"{f:.2f}x (vs the issue's {ISSUE['baseline_conc_p95_ms']} ms: "
                            f"{c['p95_ms'] / ISSUE['baseline_conc_p95_ms']:.2f}x)")))
        rss, pss = r["rasa_rss_mb"], r["rasa_pss_mb"]
        if rss <= TARGET_MEMORY_MB:
            checks.append(("server memory <= 1.2 GB", rss, True, f"RSS {rss} MB"))
        else:  # several processes: their RSS counts shared pages (libraries, forked memory) again
            checks.append(("server memory <= 1.2 GB", pss, pss <= TARGET_MEMORY_MB,
                           f"RSS summed over processes {rss} MB (over), PSS {pss} MB, on PSS"))
        lines.append(f"  {r['name']}: " + "; ".join(f"{label}: {txt} {'PASS' if ok else 'MISS'}"
                                                     for label, _, ok, txt in checks))
    if training:
        ok = training["seconds"] <= TARGET_TRAINING_S
        lines.append(f"  training ({training.get('date', '?')}, bench/training.py): {training['seconds']:.0f} s, "
                     f"peak RSS {training.get('peak_rss_mb', '?')} MB: <= 4 min {'PASS' if ok else 'MISS'}")
    else:
        lines.append("  training: not measured yet (.venv/bin/python bench/training.py)")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description="Latency/throughput over REST vs a `rasa init` bot.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Configurations" + __doc__.split("Configurations", 1)[1])
    ap.add_argument("--conversations", type=int, default=20, help="concurrent conversations (20)")
    ap.add_argument("--turns", type=int, default=6, help="turns per concurrent conversation (6)")
    ap.add_argument("--single-turns", type=int, default=30, help="messages in the one-at-a-time phase (30)")
    ap.add_argument("--configs", default="baseline,ours,ours-x2-sqlite,ours-x2-sqlite-fast",
                    help="comma separated (see below; default baseline,ours,ours-x2-sqlite,ours-x2-sqlite-fast)")
    ap.add_argument("--port-base", type=int, default=5300, help="first port to try (5300)")
    ap.add_argument("--pg-dsn", default=os.environ.get("BENCH_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"),
                    help="PostgreSQL server for the shared tracker store (a temp database is created and dropped)")
    ap.add_argument("--no-train", action="store_true",
                    help="use models/familieveileder.tar.gz as it is (default: scripts/train_if_needed.py first)")
    ap.add_argument("--url", help="also measure a server that is already running (e.g. `make run`: "
                                   "http://localhost:5005); shown as the row 'running'")
    ap.add_argument("--proxy-policy", choices=["rr", "hash"], default="rr",
                    help="how bench/proxy.py places a new conversation: in turn (rr) or by crc32(sender) (hash)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="measure every configuration this many times, interleaved, and pool the figures (1)")
    ap.add_argument("--quiet-wait", type=float, default=0.0, metavar="SECONDS",
                    help="on a shared machine: before each measurement wait up to this long for the other "
                         "processes to leave the CPU idle (0: don't wait)")
    ap.add_argument("--request-timeout", type=float, default=60.0)
    ap.add_argument("--start-timeout", type=float, default=400.0)
    ap.add_argument("--list-configs", action="store_true")
    args = ap.parse_args()
    if args.list_configs:
        print(__doc__.split("Configurations", 1)[1].split("\n", 1)[1])
        return 0
    if min(args.conversations, args.turns, args.single_turns, args.rounds) < 1:
        ap.error("--conversations, --turns, --single-turns and --rounds must be >= 1")
    names = [n.strip() for n in args.configs.split(",") if n.strip()]
    unknown = [n for n in names if n != "baseline" and parse_config(n.partition(":")[0]) is None]
    if unknown:
        ap.error(f"unknown configuration(s) {unknown}; known: {', '.join(CONFIG_HELP)}")

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    runner = Runner(args)
    try:
        try:
            import uvloop
            uvloop.install()
        except ImportError:
            pass
        redis_host, redis_port = os.environ.get("REDIS_HOST", "127.0.0.1"), int(os.environ.get("REDIS_PORT", "6379"))
        needs_redis = [n for n in names if n != "baseline" and parse_config(n.partition(":")[0])["lock"] == "redis"]
        if needs_redis and not reachable(redis_host, redis_port):
            print(f"Redis is not reachable at {redis_host}:{redis_port}: skipping {needs_redis}")
            names = [n for n in names if n not in needs_redis]
        if any(n.startswith("ours") for n in names):
            if args.no_train:
                if not OUR_MODEL.exists():
                    raise RuntimeError(f"--no-train: {OUR_MODEL.relative_to(ROOT)} does not exist")
            else:
                runner.ensure_ours()
        print(f"Starting {', '.join(names)} side by side (logs: {runner.logdir.relative_to(ROOT)}/)...", flush=True)
        t0 = time.monotonic()
        stacks = [runner.build(n) for n in names]
        if args.url:
            stacks.append(runner.attached_stack(args.url))
        runner.wait_ready(stacks, args.start_timeout)
        print(f"  all ready after {time.monotonic() - t0:.0f} s", flush=True)
        for st in stacks:
            print(f"Warming up {st.name}...", flush=True)
            warm_up(st, args)
        data = {st.name: ([], [], []) for st in stacks}
        for rnd in range(args.rounds):
            for st in stacks:
                print(f"Measuring {st.name} ({st.how})" + (f", round {rnd + 1}/{args.rounds}" if args.rounds > 1 else "")
                      + "...", flush=True)
                if args.quiet_wait > 0:
                    busy = wait_for_quiet(args.quiet_wait)
                    if busy >= 0.3:
                        print(f"  (the machine is still busy: {busy:.1f} cores used by others)", flush=True)
                single, conc, load = measure_round(st, args)
                for lst, v in zip(data[st.name], (single, conc, load)):
                    lst.append(v)
                dead = [p.name for p in st.procs if not p.alive()]
                if dead:
                    raise RuntimeError(f"{dead} died during the measurement; see {runner.logdir}")
        results = [result(st, *data[st.name]) for st in stacks]
        training = None
        tfile = RESULTS / "training.json"
        if tfile.exists():
            training = json.loads(tfile.read_text())
        lines = report(results, args, training)
        print()
        print("\n".join(lines))
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"latency-{runner.ts}.json"
        out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(),
                                   "args": vars(args), "results": results, "training": training}, indent=2))
        print(f"\nWrote {out.relative_to(ROOT)}")
        return 0
    except KeyboardInterrupt:
        print("\nInterrupted; stopping what the benchmark started.", file=sys.stderr)
        return 130
    finally:
        runner.stop_all()


if __name__ == "__main__":
    sys.exit(main())
