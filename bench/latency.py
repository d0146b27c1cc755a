"""Latency and throughput of Familieveileder over REST, against a `rasa init` bot run side by side.

    make bench-latency   (= .venv/bin/python bench/latency.py)
    .venv/bin/python bench/latency.py [--conversations 20 --turns 6 --single-turns 30]
                                      [--configs baseline,floor,ours,prod] [--rounds 3] [--url URL]

What it does (docs/benchmarks.md explains every figure):
  1. Creates once, cached in bench/.baseline/ and bench/.floor/ (git-ignored), a `rasa init
     --no-prompt` project and a bare "floor" bot, trained with the same Rasa; trains ours if needed.
  2. Starts every selected configuration at once, each in its own process group on its own ports
     with its own tracker database, and waits until all answer. `ours` and `prod` are started by
     scripts/run.sh itself, exactly as `make run` and `REPLICAS=2 make run` start them.
  3. For each configuration in turn (the others stay idle): warm-up, then
       single:     --single-turns messages, one at a time (fresh sender id per scripted conversation)
       concurrent: --conversations conversations at once x --turns turns each (closed loop)
     -> p50/p95/p99 latency, messages/s, CPU per message of all the configuration's processes,
     RSS of each Rasa server process.
  4. Prints a table, the ratios to the baseline, PASS/MISS against the issue's targets
     (informational) and, as its last line,
       bench: ours throughput X.XXx p95 Y.YYx | prod throughput X.XXx p95 Y.YYx
     and writes bench/results/latency-<time>.json. Stops every process it started.

Configurations (--configs, comma separated; --list-configs prints them):
  baseline    `rasa init` bot: default pipeline (DIET, TED, ...), in-memory tracker
  floor       bare Rasa: no ML (intents sent as /intent), no custom actions, in-memory tracker
  ours        exactly what `make run` starts: scripts/run.sh (SQLite tracker, in-memory lock)
  ours-plain  the same with plain Rasa (FV_SPEEDUPS=none FV_TENSORFLOW=real): what the patches give
  prod        the production profile: REPLICAS=2 scripts/run.sh (nginx, PostgreSQL, Redis lock)
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
TARGET_SINGLE_P50_FRACTION = 1 / 2   # of the baseline's
TARGET_THROUGHPUT_X = 3.0            # ours vs baseline
TARGET_P95_FRACTION = 1 / 3          # ours vs baseline
TARGET_PROD_X = 1.8                  # prod vs ours (one replica)
TARGET_MEMORY_MB = 450               # RSS per Rasa process
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
FLOOR_SCRIPT = [("/greet", "Hey"), ("/goodbye", "Bye")] * 3


def script_for(kind: str, turns: int) -> list[tuple[str, str | None]]:
    base, extra = {"ours": (OURS_SCRIPT, OURS_EXTRA), "floor": (FLOOR_SCRIPT, FLOOR_SCRIPT)}.get(
        kind, (BASELINE_SCRIPT, BASELINE_EXTRA))
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


CONFIGS = {
    "baseline": "`rasa init` bot: default pipeline (DIET, TED, ...), in-memory tracker",
    "floor": "bare Rasa: no ML (intents sent as /intent), no custom actions, in-memory tracker",
    "ours": "exactly what `make run` starts: scripts/run.sh (SQLite tracker, in-memory lock)",
    "ours-plain": "scripts/run.sh with plain Rasa: FV_SPEEDUPS=none FV_TENSORFLOW=real",
    "prod": "the production profile: REPLICAS=2 scripts/run.sh (nginx, PostgreSQL, Redis lock)",
}
CONFIG_HELP = CONFIGS
FLOOR_DIR = BENCH / ".floor" / "project"
FLOOR_FILES = {
    "config.yml": "recipe: default.v1\nlanguage: en\nassistant_id: floor\npipeline: []\npolicies:\n  - name: RulePolicy\n",
    "domain.yml": ('version: "3.1"\nintents:\n  - greet\n  - goodbye\nresponses:\n  utter_greet:\n  - text: "Hey"\n'
                   '  utter_goodbye:\n  - text: "Bye"\nsession_config:\n  session_expiration_time: 60\n'
                   '  carry_over_slots_to_new_session: true\n'),
    "credentials.yml": "rest:\n",
    "endpoints.yml": "# no action server, no external services\n",
    "data/rules.yml": ('version: "3.1"\nrules:\n- rule: greet\n  steps:\n  - intent: greet\n  - action: utter_greet\n'
                       '- rule: goodbye\n  steps:\n  - intent: goodbye\n  - action: utter_goodbye\n'),
}


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
    def port(self, block: int = 1) -> int:
        """The first of `block` consecutive free ports."""
        while True:
            p = self._port
            self._port += block
            if all(port_free(p + i) for i in range(block)):
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
                    cur.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            conn.close()
            self.pg_dbs.clear()
        except Exception as e:  # noqa: BLE001 - cleanup must go on
            print(f"warning: could not drop the temporary PostgreSQL databases {self.pg_dbs}: {e}")

    def stop_all(self) -> None:
        for p in reversed(self.procs):
            p.stop()
        self.procs.clear()
        self.drop_pg()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- preparation -----------------------------------------------------------------------------
    def _cached_project(self, where: Path, label: str, init: list[str] | None) -> Path:
        import rasa

        stamp = where.parent / "rasa-version"
        models = sorted((where / "models").glob("*.tar.gz")) if where.exists() else []
        if models and stamp.exists() and stamp.read_text().strip() == rasa.__version__:
            return models[-1]
        print(f"Creating the {label} in {where.relative_to(ROOT)} (once)...", flush=True)
        shutil.rmtree(where, ignore_errors=True)
        where.mkdir(parents=True)
        self.logdir.mkdir(parents=True, exist_ok=True)
        t0 = time.monotonic()
        if init is None:
            for rel, text in FLOOR_FILES.items():
                (where / rel).parent.mkdir(parents=True, exist_ok=True)
                (where / rel).write_text(text)
            cmd = [PY, "-m", "rasa", "train", "--out", "models"]
        else:
            cmd = init
        with open(self.logdir / f"{where.parent.name}-init.log", "wb") as log:
            rc = subprocess.call(cmd, cwd=where, env=self.env.baseline(), stdout=log, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL, start_new_session=True)
        models = sorted((where / "models").glob("*.tar.gz"))
        if rc != 0 or not models:
            raise RuntimeError(f"creating the {label} failed; see {self.logdir}")
        stamp.write_text(rasa.__version__ + "\n")
        print(f"  trained in {time.monotonic() - t0:.0f} s", flush=True)
        return models[-1]

    def ensure_baseline(self) -> Path:
        return self._cached_project(BASELINE_DIR, "`rasa init` baseline (trains DIET and TED, a few minutes)",
                                    [PY, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(BASELINE_DIR)])

    def ensure_ours(self) -> None:
        rc = subprocess.call([PY, "scripts/train_if_needed.py"], cwd=ROOT, env=self.env.ours())
        if rc != 0 or not OUR_MODEL.exists():
            raise RuntimeError("training our model failed (scripts/train_if_needed.py)")

    # -- stacks ----------------------------------------------------------------------------------
    def plain_rasa_stack(self, name: str, kind: str, model: Path, project: Path) -> Stack:
        st = Stack(name, kind, CONFIGS[name])
        port = self.port()
        env = self.env.baseline()
        cmd = [PY, "-m", "rasa", "run", "--model", str(model), "--port", str(port),
               "--endpoints", "endpoints.yml" if (project / "endpoints.yml").exists() else "/dev/null",
               "--credentials", "credentials.yml" if (project / "credentials.yml").exists() else "/dev/null"]
        st.servers.append(self.start(st, "rasa", cmd, env, project))
        st.health.append(f"http://127.0.0.1:{port}/")
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        st.route = lambda sender: url
        st.how = "1 process (plain `rasa run`)"
        return st

    def run_sh_stack(self, name: str, replicas: int | None, extra: dict | None = None) -> Stack:
        """scripts/run.sh itself, as `make run` (replicas None) or `REPLICAS=N make run` starts it."""
        st = Stack(name, "ours", CONFIGS[name])
        base = self.port(21)  # rasa/nginx, replicas +1.., actions +10, web +20
        ready = self.tmp / f"{name}.ready"
        env = self.env.ours(RASA_PORT=str(base), ACTIONS_PORT=str(base + 10), WEB_PORT=str(base + 20),
                            SKIP_TRAIN="1", FV_READY_FILE=str(ready), LOG_DIR=str(self.logdir / name),
                            **(extra or {}))
        for k in ("REPLICAS", "ACTION_ENDPOINT_URL", "LOCK_STORE", "ENDPOINTS", "TRACKER_DB_URL"):
            env.pop(k, None)
        env["ACTION_ENDPOINT_URL"] = f"http://localhost:{base + 10}/webhook"
        if replicas:
            env.update(REPLICAS=str(replicas), REPLICA_PORT_BASE=str(base + 1), ACTION_PORT_BASE=str(base + 11),
                       TRACKER_DB_URL=self.pg_url(name), REDIS_DB=os.environ.get("BENCH_REDIS_DB", "1"),
                       LOCK_STORE="redis", ENDPOINTS="endpoints.scale.yml")
            st.services += ["postgres", "redis-server"]
            st.server_ports = [base + 1 + i for i in range(replicas)]
            st.how = f"REPLICAS={replicas} scripts/run.sh: nginx, {replicas} replicas, 1 action server, PostgreSQL, Redis lock"
        else:
            env.update(TRACKER_DB_URL=f"sqlite:///{self.tmp / (name + '-tracker.db')}",
                       ENDPOINTS="endpoints.yml", LOCK_STORE="memory")
            st.server_ports = [base]
            st.how = "scripts/run.sh: 1 rasa (rasa_ext.serve), 1 action server, SQLite, in-memory lock"
        if extra:
            st.how += " (" + " ".join(f"{k}={v}" for k, v in extra.items()) + ")"
        self.start(st, "run.sh", ["bash", "scripts/run.sh"], env)
        st.ready_file = ready
        st.health.append(f"http://127.0.0.1:{base}/")
        url = f"http://127.0.0.1:{base}/webhooks/rest/webhook"
        st.route = lambda sender: url
        return st

    def resolve_servers(self, st: Stack) -> None:
        """After start-up: the Rasa server processes (for RSS), found by the ports they listen on."""
        ports = getattr(st, "server_ports", None)
        if not ports:
            return
        st.servers = []
        for port in ports:
            pid = pid_listening_on(port)
            if pid:
                st.servers.append(Attached(f"{st.name}.rasa:{port}", pid))

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

    def build(self, name: str) -> Stack:
        if name == "baseline":
            return self.plain_rasa_stack("baseline", "baseline", self.ensure_baseline(), BASELINE_DIR)
        if name == "floor":
            return self.plain_rasa_stack("floor", "floor", self._cached_project(FLOOR_DIR, "floor bot", None), FLOOR_DIR)
        if name == "ours":
            return self.run_sh_stack("ours", None)
        if name == "ours-plain":
            return self.run_sh_stack("ours-plain", None, {"FV_SPEEDUPS": "none", "FV_TENSORFLOW": "real"})
        if name == "prod":
            return self.run_sh_stack("prod", 2)
        raise SystemExit(f"unknown configuration {name!r}; see --list-configs")

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
                ready = getattr(st, "ready_file", None)
                if ready is not None and not ready.exists():
                    continue
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
        for st in stacks:
            self.resolve_servers(st)


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
            # the header the web widget sends (web/widget.js): nginx keeps the conversation on one replica
            async with session.post(url, json={"sender": sender, "message": text},
                                    headers={"X-FV-Conversation": sender},
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
    per_server = [round(rss_mb([p.pid])) for p in stack.servers]
    servers_rss = sum(rss_mb(process_tree(p.pid)) for p in stack.servers)
    servers_pss = sum(pss_mb(process_tree(p.pid)) for p in stack.servers)
    all_rss = sum(rss_mb(process_tree(p.pid)) for p in stack.procs)
    return {"name": stack.name, "how": stack.how, "description": stack.description,
            "single": merge(singles).summary(), "concurrent": merge(concs).summary(),
            "rounds": [{"single": a.summary(), "concurrent": b.summary(), "loadavg": round(load, 2)}
                       for a, b, load in zip(singles, concs, loads)] if len(singles) > 1 else None,
            "rasa_rss_mb": round(servers_rss), "rss_per_server_mb": per_server, "rasa_pss_mb": round(servers_pss), "all_rss_mb": round(all_rss),
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
                 "action servers, nginx and the web server.")
    for r in results:
        lines.append(f"  {r['name']}: {r['how']} (load average before: {r['loadavg_before']}; "
                     f"load generator {r['concurrent']['client_cpu_ms_per_msg']} CPU ms/msg)")
    base = next((r for r in results if r["name"] == "baseline"), None)
    lines.append("")
    floor = next((r for r in results if r["name"] == "floor"), None)
    if floor and floor["concurrent"]["msgs_per_s"]:
        lines.append("Share of the floor's throughput (bare Rasa, no ML, no custom actions): " + ", ".join(
            f"{r['name']} {r['concurrent']['msgs_per_s'] / floor['concurrent']['msgs_per_s']:.0%}"
            for r in results if r["concurrent"]["msgs_per_s"]))
    if base:
        b_s, b_c = base["single"], base["concurrent"]
        lines.append(f"Baseline here: p50 {b_s['p50_ms']} ms single; {b_c['msgs_per_s']} msg/s, "
                     f"p95 {b_c['p95_ms']} ms concurrent.")
    lines.append("")
    lines.append("Targets (PASS/MISS is informational):")
    ours = next((r for r in results if r["name"] == "ours"), None)
    for r in results:
        if r["name"] in ("baseline", "floor"):
            continue
        s, c = r["single"], r["concurrent"]
        checks = []
        if base and s["p50_ms"] and base["single"]["p50_ms"]:
            f = s["p50_ms"] / base["single"]["p50_ms"]
            checks.append(("single p50 <= 1/2 baseline", f <= TARGET_SINGLE_P50_FRACTION, f"{f:.2f}x"))
        if base and c["msgs_per_s"] and base["concurrent"]["msgs_per_s"]:
            x = c["msgs_per_s"] / base["concurrent"]["msgs_per_s"]
            checks.append(("throughput >= 3x baseline", x >= TARGET_THROUGHPUT_X, f"{x:.2f}x"))
        if base and c["p95_ms"] and base["concurrent"]["p95_ms"]:
            f = c["p95_ms"] / base["concurrent"]["p95_ms"]
            checks.append(("p95 <= 1/3 baseline", f <= TARGET_P95_FRACTION, f"{f:.2f}x"))
        if r["name"] == "prod" and ours and c["msgs_per_s"] and ours["concurrent"]["msgs_per_s"]:
            x = c["msgs_per_s"] / ours["concurrent"]["msgs_per_s"]
            checks.append(("throughput >= 1.8x one replica (ours)", x >= TARGET_PROD_X, f"{x:.2f}x"))
        per = r.get("rss_per_server_mb") or []
        if per:
            checks.append(("RSS <= 450 MB per Rasa process", max(per) <= TARGET_MEMORY_MB, f"{per} MB"))
        lines.append(f"  {r['name']}: " + "; ".join(f"{label}: {txt} {'PASS' if ok else 'MISS'}"
                                                     for label, ok, txt in checks))
    if training:
        ok = training["seconds"] <= TARGET_TRAINING_S
        lines.append(f"  training ({training.get('date', '?')}, bench/training.py): {training['seconds']:.0f} s, "
                     f"peak RSS {training.get('peak_rss_mb', '?')} MB: <= 4 min {'PASS' if ok else 'MISS'}")
    else:
        lines.append("  training: not measured yet (.venv/bin/python bench/training.py)")
    def ratios(name: str) -> str:
        r = next((x for x in results if x["name"] == name), None)
        if not (r and base and r["concurrent"]["msgs_per_s"] and r["concurrent"]["p95_ms"]
                and base["concurrent"]["msgs_per_s"] and base["concurrent"]["p95_ms"]):
            return f"{name} throughput -x p95 -x"
        return (f"{name} throughput {r['concurrent']['msgs_per_s'] / base['concurrent']['msgs_per_s']:.2f}x "
                f"p95 {r['concurrent']['p95_ms'] / base['concurrent']['p95_ms']:.2f}x")
    lines.append("")
    lines.append(f"bench: {ratios('ours')} | {ratios('prod')}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description="Latency/throughput over REST vs a `rasa init` bot.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Configurations" + __doc__.split("Configurations", 1)[1])
    ap.add_argument("--conversations", type=int, default=20, help="concurrent conversations (20)")
    ap.add_argument("--turns", type=int, default=6, help="turns per concurrent conversation (6)")
    ap.add_argument("--single-turns", type=int, default=30, help="messages in the one-at-a-time phase (30)")
    ap.add_argument("--configs", default="baseline,floor,ours,prod",
                    help="comma separated (see below; default baseline,floor,ours,prod)")
    ap.add_argument("--port-base", type=int, default=5300, help="first port to try (5300)")
    ap.add_argument("--pg-dsn", default=os.environ.get("BENCH_PG_DSN", "postgresql://postgres@127.0.0.1:5432/postgres"),
                    help="PostgreSQL server for the shared tracker store (a temp database is created and dropped)")
    ap.add_argument("--no-train", action="store_true",
                    help="use models/familieveileder.tar.gz as it is (default: scripts/train_if_needed.py first)")
    ap.add_argument("--url", help="also measure a server that is already running (e.g. `make run`: "
                                   "http://localhost:5005); shown as the row 'running'")
    ap.add_argument("--rounds", type=int, default=3,
                    help="measure every configuration this many times, interleaved, and pool the figures (3)")
    ap.add_argument("--quiet-wait", type=float, default=0.0, metavar="SECONDS",
                    help="on a shared machine: before each measurement wait up to this long for the other "
                         "processes to leave the CPU idle (0: don't wait)")
    ap.add_argument("--request-timeout", type=float, default=60.0)
    ap.add_argument("--start-timeout", type=float, default=900.0)
    ap.add_argument("--list-configs", action="store_true")
    args = ap.parse_args()
    if args.list_configs:
        print(__doc__.split("Configurations", 1)[1].split("\n", 1)[1])
        return 0
    if min(args.conversations, args.turns, args.single_turns, args.rounds) < 1:
        ap.error("--conversations, --turns, --single-turns and --rounds must be >= 1")
    names = [n.strip() for n in args.configs.split(",") if n.strip()]
    unknown = [n for n in names if n not in CONFIGS]
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
        needs_redis = [n for n in names if n == "prod"]
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
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"latency-{runner.ts}.json"
        out.write_text(json.dumps({"date": time.strftime("%Y-%m-%d %H:%M"), "cores": os.cpu_count(),
                                   "args": vars(args), "results": results, "training": training,
                                   "report": lines}, indent=2))
        print(f"Wrote {out.relative_to(ROOT)}; stopping the servers...", flush=True)
        runner.stop_all()
        print()
        print("\n".join(lines))  # its last line: bench: ours throughput ... | prod throughput ...
        return 0
    except KeyboardInterrupt:
        print("\nInterrupted; stopping what the benchmark started.", file=sys.stderr)
        return 130
    finally:
        runner.stop_all()


if __name__ == "__main__":
    sys.exit(main())
