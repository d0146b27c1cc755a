"""Walkthrough scripts as data (data/walkthroughs/*.yml), validated when they are loaded.

A script is an ordered selection of interview steps. Each step names a fact (a slot in
domain/*.yml) and the question that asks for it (a response key); it may have a "why" response, a
condition over earlier facts (`when`) and the facts whose change makes it be asked again
(`depends_on`). A municipality adds, removes or reorders steps without touching Python:

    id: for_leave                  # used in buttons and URLs
    name: Før permisjonen          # what the caseworker sees and may type to start it
    kind: intro_leave              # which summary to build: intro_leave | leave_end | care_days
    meeting_days_before_end: 28    # the follow-up meeting, so many days before the leave ends
    steps:
      - id: municipality
        title: Kommune             # shown in the roadmap: "Steg 3 av 7: Kommune"
        fact: intro_municipality
        question: utter_ask_intro_municipality
        why: utter_why_intro_municipality        # optional
        when: [{fact: intro_event, is: birth}]   # optional: is / not / known
        depends_on: [intro_date]                 # optional

Every problem is reported with the file, the step and what is wrong, and nothing is loaded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .facts import FACT_TOPIC

REPO = Path(__file__).resolve().parents[2]
SCRIPT_DIR = REPO / "data" / "walkthroughs"
DOMAIN_DIR = REPO / "domain"
KINDS = ("intro_leave", "leave_end", "care_days")
STEP_KEYS = {"id", "title", "fact", "question", "why", "when", "depends_on"}
CONDITION_OPS = ("is", "not", "known")


class ScriptError(ValueError):
    """A walkthrough script that cannot be used. `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("Feil i gjennomgangene:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Condition:
    fact: str
    op: str  # is | not | known
    value: Any = None

    def holds(self, known: dict) -> bool:
        value = known.get(self.fact)
        if self.op == "known":
            return (value is not None) == bool(self.value)
        if self.op == "is":
            return value == self.value
        return value != self.value


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    fact: str
    question: str
    why: str | None = None
    when: tuple[Condition, ...] = ()
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Script:
    id: str
    name: str
    kind: str
    steps: tuple[Step, ...]
    description: str = ""
    meeting_days_before_end: int = 28
    source: str = ""
    facts: tuple[str, ...] = field(default=())

    def step(self, step_id: str | None) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def index(self, step_id: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.id == step_id)


@lru_cache(maxsize=4)
def domain_names(domain_dir: Path = DOMAIN_DIR) -> tuple[frozenset, frozenset]:
    """(response keys, slot names) over every domain file."""
    responses: set[str] = set()
    slots: set[str] = set()
    for path in sorted(Path(domain_dir).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        responses |= set(data.get("responses") or {})
        slots |= set(data.get("slots") or {})
    return frozenset(responses), frozenset(slots)


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _parse_step(raw: Any, where: str, responses, slots, seen_ids: set, seen_facts: dict,
                problems: list[str]) -> Step | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: et steg må være en liste med nøkler (id, title, fact, question)")
        return None
    step_id = raw.get("id")
    where = f"{where} «{step_id}»" if step_id else where
    ok = True
    for key in ("id", "title", "fact", "question"):
        if not isinstance(raw.get(key), str) or not raw.get(key).strip():
            problems.append(f"{where}: mangler «{key}»")
            ok = False
    for key in sorted(set(raw) - STEP_KEYS):
        problems.append(f"{where}: ukjent nøkkel «{key}»")
        ok = False
    if not ok:
        return None
    fact, question = raw["fact"], raw["question"]
    if step_id in seen_ids:
        problems.append(f"{where}: steget finnes to ganger (duplicate step id «{step_id}»)")
        ok = False
    seen_ids.add(step_id)
    if fact in seen_facts:
        problems.append(f"{where}: faktumet «{fact}» spørres allerede i steget «{seen_facts[fact]}» "
                        "(duplicate step)")
        ok = False
    if fact not in slots or fact not in FACT_TOPIC:
        problems.append(f"{where}: ukjent faktum «{fact}» (no slot that a walkthrough can read)")
        ok = False
    if question not in responses:
        problems.append(f"{where}: ukjent spørsmål «{question}» (no such response in domain/)")
        ok = False
    why = raw.get("why")
    if why is not None and why not in responses:
        problems.append(f"{where}: ukjent forklaring «{why}» (no such response in domain/)")
        ok = False
    conditions = []
    for cond in _as_list(raw.get("when")):
        ops = [op for op in CONDITION_OPS if isinstance(cond, dict) and op in cond]
        if not isinstance(cond, dict) or len(ops) != 1 or set(cond) - {"fact", *CONDITION_OPS}:
            problems.append(f"{where}: en betingelse må ha «fact» og én av is/not/known")
            ok = False
            continue
        if cond.get("fact") not in seen_facts:
            problems.append(f"{where}: betingelse over ukjent faktum «{cond.get('fact')}» "
                            "(condition over a fact no earlier step asks for)")
            ok = False
            continue
        conditions.append(Condition(cond["fact"], ops[0], cond[ops[0]]))
    depends = tuple(str(d) for d in _as_list(raw.get("depends_on")))
    for dep in depends:
        if dep not in seen_facts:
            problems.append(f"{where}: avhenger av ukjent faktum «{dep}» "
                            "(depends_on a fact no earlier step asks for)")
            ok = False
    if ok:
        seen_facts[fact] = step_id
        return Step(step_id, raw["title"].strip(), fact, question, why, tuple(conditions), depends)
    return None


def parse_script(data: Any, source: str, domain_dir: Path = DOMAIN_DIR) -> Script:
    responses, slots = domain_names(Path(domain_dir))
    problems: list[str] = []
    if not isinstance(data, dict):
        raise ScriptError([f"{source}: filen må inneholde en gjennomgang (id, name, kind, steps)"])
    for key in ("id", "name", "kind"):
        if not isinstance(data.get(key), str) or not data.get(key).strip():
            problems.append(f"{source}: mangler «{key}»")
    if data.get("kind") not in KINDS:
        problems.append(f"{source}: «kind» må være en av {', '.join(KINDS)}")
    days = data.get("meeting_days_before_end", 28)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 120:
        problems.append(f"{source}: «meeting_days_before_end» må være et heltall fra 0 til 120")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append(f"{source}: mangler «steps» (minst ett steg)")
        raw_steps = []
    steps, seen_ids, seen_facts = [], set(), {}
    for i, raw in enumerate(raw_steps, 1):
        step = _parse_step(raw, f"{source} steg {i}", responses, slots, seen_ids, seen_facts, problems)
        if step:
            steps.append(step)
    if problems:
        raise ScriptError(problems)
    return Script(data["id"].strip(), data["name"].strip(), data["kind"], tuple(steps),
                  str(data.get("description") or "").strip(), days, source,
                  tuple(s.fact for s in steps))


def load_file(path: Path, domain_dir: Path = DOMAIN_DIR) -> Script:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        first_line = str(exc).splitlines()[0]
        raise ScriptError([f"{path.name}: ikke gyldig YAML ({exc.__class__.__name__}: {first_line})"]) from exc
    return parse_script(data, path.name, domain_dir)


def load_dir(directory: Path = SCRIPT_DIR, domain_dir: Path = DOMAIN_DIR) -> dict[str, Script]:
    """Every script in the folder, by id. All problems in all files are reported together."""
    scripts: dict[str, Script] = {}
    problems: list[str] = []
    for path in sorted(Path(directory).glob("*.yml")):
        try:
            script = load_file(path, domain_dir)
        except ScriptError as exc:
            problems += exc.problems
            continue
        if script.id in scripts:
            problems.append(f"{path.name}: id «{script.id}» brukes også i {scripts[script.id].source}")
        scripts[script.id] = script
    if problems:
        raise ScriptError(problems)
    return scripts


@lru_cache(maxsize=1)
def scripts() -> dict[str, Script]:
    """The scripts in data/walkthroughs/ (loaded and validated once per process)."""
    return load_dir()


def find(text: str | None) -> Script | None:
    """A script by id or by name, as typed ('før permisjonen', 'omsorgsdager')."""
    if not text:
        return None
    low = " ".join(text.lower().replace("«", " ").replace("»", " ").split())
    all_scripts = scripts()
    if low in all_scripts:
        return all_scripts[low]
    # the longest name the text contains ('før permisjonen slutter' before 'før permisjonen')
    for script in sorted(all_scripts.values(), key=lambda s: -len(s.name)):
        if script.name.lower() in low:
            return script
    return None


if __name__ == "__main__":  # python -m actions.walkthroughs.script: validate data/walkthroughs/
    import sys
    try:
        for s in load_dir().values():
            print(f"{s.source}: «{s.name}» ({s.id}), {len(s.steps)} steg")
    except ScriptError as e:
        sys.exit(str(e))
