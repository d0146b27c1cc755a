"""Interview specs: what each topic asks, as data (data/interview/<topic>.yml).

A spec names the facts a topic needs, in the order they are asked. For each fact: the slot and its
type, the question (response key) and its buttons, when it is needed (a condition over other facts,
see actions.interview.conditions), the "why do you ask" response and the legal source, which facts
depend on it (cleared and asked again when it changes, unless their `keep_when` still holds), and
its name in the rules core's input. The engine (actions.glue.engine) runs every spec; this module
is pure (no Rasa) so other tools (the caseworker walkthrough, generators, tests) can read specs.

Public API:
    load_specs(directory=None) -> dict[str, TopicSpec]   every topic, by name (cached for the default)
    spec_for_form(form) -> TopicSpec
    fact(slot) -> Fact                                   the fact a slot holds (the defining topic)
    Fact.question, Fact.buttons, Fact.when, Fact.dependents, Fact.why, Fact.source
    TopicSpec.questions(known, today) -> [slot, ...]     what the goal still needs, in order
Errors name the file, the fact and the problem (SpecError).
"""
from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from .conditions import Condition, ConditionError

REPO_ROOT = Path(__file__).resolve().parents[2]
SPEC_DIR = REPO_ROOT / "data" / "interview"
INTERRUPTS_FILE = SPEC_DIR / "_interrupts.yml"
DOMAIN_DIR = REPO_ROOT / "domain"
TYPES = ("int", "float", "bool", "text", "list", "any", "date")
TOPIC_KEYS = {"topic", "form", "intent", "start", "resume_marker", "reader", "reader_context",
              "predicates", "answer", "simple", "rules", "render", "rules_input", "also_known", "prefill",
              "facts", "about"}
FACT_KEYS = {"slot", "type", "question", "when", "why", "source", "dependents",
             "keep_when", "input", "from", "ask", "about", "unknown"}


class SpecError(ValueError):
    pass


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Unknown:
    """What "vet ikke" means for a fact (the spec's `unknown`): the common case, assumed and said
    (`assume: value`, or `assume_from: module:function` of today for a value from the tables), with
    the response utter_assume_<slot>; or, without an assumption (`unknown: stop`), how to find the
    fact (utter_find_<slot>, optional), then the topic's general rule instead of a computed answer."""
    assume: Any = None
    assume_from: Callable | None = None

    @property
    def stops(self) -> bool:
        return self.assume is None and self.assume_from is None

    def value(self, today: date) -> Any:
        """The assumed value, or None when the fact has none (then the interview stops)."""
        if self.assume_from is not None:
            return self.assume_from(today)
        return list(self.assume) if isinstance(self.assume, tuple) else self.assume


STOP = Unknown()


@dataclass(frozen=True)
class Fact:
    slot: str
    topic: str
    type: str = "any"
    question: str | None = None  # response key; None: never asked, read only when the user says it
    buttons: tuple[Button, ...] = ()  # the question's buttons, read from its response in domain/
    when: Condition | None = None  # needed only when this holds
    why: str | None = None  # response key for "hvorfor spør du?"
    source: Any = None  # the LegalRef (actions/rules) of the rule that needs the fact
    dependents: tuple[str, ...] = ()  # facts to check again when this one changes
    keep_when: Condition | None = None  # a dependent is kept (not asked again) while this holds
    input: str | None = None  # the name of this fact in the rules core's input
    about: str = ""
    unknown: Unknown = STOP  # what "vet ikke" means (an assumption, or stop with the general rule)

    @property
    def asked(self) -> bool:
        return self.question is not None


@dataclass(frozen=True)
class TopicSpec:
    topic: str
    form: str
    intent: str
    file: Path
    facts: tuple[Fact, ...]
    reader: Callable
    start: str | None = None
    resume_marker: tuple[str, ...] = ()
    reader_context: tuple[str, ...] = ()
    predicates: Mapping[str, Callable] = field(default_factory=dict)
    answer: str | None = None
    simple: str | None = None
    rules: Callable | None = None  # the rules function of a generic answer (made-up or simple topics)
    render: Callable | None = None  # its renderer (actions/lang): result -> Reply
    rules_input: Callable | None = None  # facts -> the rules core's input
    also_known: tuple[str, ...] = ()  # other topics' slots this topic reads (and its reader may set)
    prefill: Callable | None = None  # (slots of other topics) -> answers known before asking
    about: str = ""

    def fact(self, slot: str) -> Fact:
        for f in self.facts:
            if f.slot == slot:
                return f
        raise KeyError(f"{self.topic} has no fact {slot!r}")

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(f.slot for f in self.facts)

    @property
    def asked_slots(self) -> tuple[str, ...]:
        """Every question the form may ask, in order (the form's required_slots in the domain)."""
        return tuple(f.slot for f in self.facts if f.asked)

    @property
    def known_slots(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.slots, *self.also_known)))

    def needed(self, fact: Fact, known: Mapping[str, Any], today: date) -> bool:
        return fact.asked and (fact.when is None or fact.when(known, today, self.predicates))

    def questions(self, known: Mapping[str, Any], today: date) -> list[str]:
        """The questions the goal needs given what is known, in the spec's order."""
        return [f.slot for f in self.facts if self.needed(f, known, today)]

    def missing(self, known: Mapping[str, Any], today: date) -> list[str]:
        return [s for s in self.questions(known, today) if known.get(s) is None]

    def to_input(self, known: Mapping[str, Any], today: date):
        """The rules core's input: the topic's builder, or the facts by their `input` names."""
        if self.rules_input is not None:
            return self.rules_input(known, today)
        return {f.input: known.get(f.slot) for f in self.facts if f.input}


def _resolve(ref: str, where: str) -> Any:
    module, _, name = str(ref).partition(":")
    try:
        obj = importlib.import_module(module)
    except ImportError as exc:
        raise SpecError(f"{where}: cannot import {module!r} ({exc})") from None
    if not name:
        return obj
    if not hasattr(obj, name):
        raise SpecError(f"{where}: {module} has no {name!r}")
    return getattr(obj, name)


def _source(ref: Any, where: str) -> Any:
    """`module:NAME` of a LegalRef in the rules core (one source for the law text and the page)."""
    if not isinstance(ref, str) or ":" not in ref:
        raise SpecError(f"{where}: source must name a LegalRef as 'actions.rules.<module>:REF_...'")
    value = _resolve(ref, f"{where}: source")
    if not (hasattr(value, "law") and hasattr(value, "page")):
        raise SpecError(f"{where}: source {ref} is not a LegalRef")
    return value


def _condition(text, where: str) -> Condition | None:
    if text is None:
        return None
    try:
        return Condition(text)
    except ConditionError as exc:
        raise SpecError(f"{where}: {exc}") from None


def _buttons(responses: Mapping[str, Any] | None, key: str | None) -> tuple[Button, ...]:
    variants = (responses or {}).get(key) or []
    first = variants[0] if variants and isinstance(variants[0], dict) else {}
    return tuple(Button(str(b.get("title")), str(b.get("payload"))) for b in first.get("buttons") or ())


def domain_responses(directory: Path = DOMAIN_DIR) -> dict[str, Any]:
    """Every response in the domain files (name -> variants), read as plain YAML."""
    out: dict[str, Any] = {}
    for path in sorted(Path(directory).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out.update(data.get("responses") or {})
    return out


def _fact(raw: Any, topic: str, where: str, others: Mapping[str, "TopicSpec"],
          responses: Mapping[str, Any] | None) -> Fact:
    if not isinstance(raw, dict) or not raw.get("slot"):
        raise SpecError(f"{where}: every fact needs a 'slot'")
    slot = str(raw["slot"])
    where = f"{where}: fact {slot}"
    unknown = set(raw) - FACT_KEYS
    if unknown:
        raise SpecError(f"{where}: unknown keys {sorted(unknown)}")
    base: dict[str, Any] = {}
    if raw.get("from"):
        other = others.get(str(raw["from"]))
        if other is None:
            raise SpecError(f"{where}: 'from: {raw['from']}' names no topic loaded before this one")
        try:
            src = other.fact(slot)
        except KeyError:
            raise SpecError(f"{where}: topic {raw['from']} has no fact {slot}") from None
        base = {k: getattr(src, k) for k in ("type", "question", "buttons", "why", "source", "input",
                                             "about", "unknown")}
        topic = src.topic  # a borrowed fact still belongs to the topic that defines it
    kind = str(raw.get("type", base.get("type", "any")))
    if kind not in TYPES:
        raise SpecError(f"{where}: type {kind!r} is not one of {', '.join(TYPES)}")
    ask = raw.get("ask", True)
    question = raw.get("question", base.get("question", f"utter_ask_{slot}" if ask else None))
    why = raw.get("why", base.get("why", f"utter_why_{slot}" if question else None))
    if responses is not None:
        for label, key in (("question", question), ("why", why)):
            if key and key not in responses:
                raise SpecError(f"{where}: {label} response {key!r} is not in the domain")
    deps = raw.get("dependents", ())
    if not isinstance(deps, (list, tuple)):
        raise SpecError(f"{where}: dependents must be a list of slots")
    unknown = _unknown(raw["unknown"], where) if "unknown" in raw else base.get("unknown", STOP)
    if responses is not None and question and not unknown.stops and f"utter_assume_{slot}" not in responses:
        raise SpecError(f"{where}: unknown assumes a value, but utter_assume_{slot} (which says so) "
                        "is not in the domain")
    return Fact(slot=slot, topic=topic, type=kind, question=question, buttons=_buttons(responses, question),
                when=_condition(raw.get("when"), f"{where}: when"), why=why,
                source=_source(raw.get("source"), where) if "source" in raw else base.get("source"),
                dependents=tuple(str(d) for d in deps),
                keep_when=_condition(raw.get("keep_when"), f"{where}: keep_when"),
                input=raw.get("input", base.get("input")), about=str(raw.get("about", base.get("about", ""))),
                unknown=unknown)


def _unknown(raw: Any, where: str) -> Unknown:
    """`unknown: stop`, `unknown: {assume: value}` or `unknown: {assume_from: module:function}`."""
    if raw == "stop":
        return STOP
    if not isinstance(raw, dict) or len(raw) != 1 or not set(raw) <= {"assume", "assume_from"}:
        raise SpecError(f"{where}: unknown must be 'stop', {{assume: value}} or {{assume_from: module:function}}")
    if "assume_from" in raw:
        func = _resolve(raw["assume_from"], f"{where}: unknown")
        if not callable(func):
            raise SpecError(f"{where}: unknown: {raw['assume_from']} is not a function")
        return Unknown(assume_from=func)
    if raw["assume"] is None:
        raise SpecError(f"{where}: unknown: assume needs a value (use 'stop' for none)")
    value = raw["assume"]
    return Unknown(assume=tuple(value) if isinstance(value, list) else value)  # hashable (Fact is frozen)


def load_spec(path: Path, others: Mapping[str, TopicSpec] | None = None,
              responses: Mapping[str, Any] | None = None) -> TopicSpec:
    """One spec file; `others` are specs loaded before (for facts shared with `from:`); `responses`
    the domain's responses (questions and their buttons are checked against them; None: not checked)."""
    path = Path(path)
    where = str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SpecError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise SpecError(f"{where}: expected a mapping")
    unknown = set(raw) - TOPIC_KEYS
    if unknown:
        raise SpecError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("topic", "form", "intent", "reader", "facts"):
        if not raw.get(key):
            raise SpecError(f"{where}: '{key}' is missing")
    topic = str(raw["topic"])
    if path.stem != topic:
        raise SpecError(f"{where}: topic {topic!r} must match the file name")
    if not isinstance(raw["facts"], list):
        raise SpecError(f"{where}: 'facts' must be a list")
    facts = tuple(_fact(f, topic, where, others or {}, responses) for f in raw["facts"])
    slots = [f.slot for f in facts]
    dupes = {s for s in slots if slots.count(s) > 1}
    if dupes:
        raise SpecError(f"{where}: fact {sorted(dupes)[0]}: listed twice")

    reader = _resolve(raw["reader"], f"{where}: reader")
    if not callable(reader):
        raise SpecError(f"{where}: reader {raw['reader']} is not a function")
    predicates: dict[str, Callable] = {}
    if raw.get("predicates"):
        module = _resolve(raw["predicates"], f"{where}: predicates")
        predicates = {n: f for n, f in vars(module).items()
                      if inspect.isfunction(f) and not n.startswith("_")
                      and f.__module__ == module.__name__}
    also = tuple(str(s) for s in raw.get("also_known") or ())
    names = set(slots) | set(also)
    for f in facts:
        for label, cond in (("when", f.when), ("keep_when", f.keep_when)):
            if cond is None:
                continue
            for n in sorted(cond.names - names):
                raise SpecError(f"{where}: fact {f.slot}: {label} names {n!r}, which is not a fact here")
            for n in sorted(cond.calls - set(predicates)):
                raise SpecError(f"{where}: fact {f.slot}: {label} calls {n}(), which "
                                f"{raw.get('predicates') or 'no predicates module'} does not define")
        for d in f.dependents:
            if d not in slots:
                raise SpecError(f"{where}: fact {f.slot}: dependent {d!r} is not a fact here")
            if d == f.slot:
                raise SpecError(f"{where}: fact {f.slot}: depends on itself")
    marker = tuple(str(s) for s in raw.get("resume_marker") or ())
    for s in marker:
        if s not in names:
            raise SpecError(f"{where}: resume_marker {s!r} is not a fact here")
    if not any(f.asked for f in facts):
        raise SpecError(f"{where}: no fact is asked")
    if responses is not None and raw.get("start") and raw["start"] not in responses:
        raise SpecError(f"{where}: start response {raw['start']!r} is not in the domain")

    def ref(key):
        return _resolve(raw[key], f"{where}: {key}") if raw.get(key) else None

    return TopicSpec(
        topic=topic, form=str(raw["form"]), intent=str(raw["intent"]), file=path, facts=facts,
        reader=reader, start=raw.get("start"), resume_marker=marker,
        reader_context=tuple(raw.get("reader_context") or ()), predicates=predicates,
        answer=raw.get("answer"), simple=raw.get("simple"), rules=ref("rules"), render=ref("render"),
        rules_input=ref("rules_input"), also_known=also, prefill=ref("prefill"),
        about=str(raw.get("about", "")))


def _load_dir(directory: Path, responses: Mapping[str, Any] | None) -> dict[str, TopicSpec]:
    specs: dict[str, TopicSpec] = {}
    files = sorted(p for p in Path(directory).glob("*.yml") if not p.name.startswith("_"))
    # Specs that borrow facts ('from: topic') load after the topic they borrow from.
    pending = list(files)
    while pending:
        progressed = False
        for path in list(pending):
            text = path.read_text(encoding="utf-8")
            needs = {line.split("from:", 1)[1].strip() for line in text.splitlines()
                     if line.strip().startswith("from:")}
            if needs - set(specs) - {path.stem}:
                continue
            spec = load_spec(path, specs, responses)
            specs[spec.topic] = spec
            pending.remove(path)
            progressed = True
        if not progressed:
            raise SpecError(f"{pending[0]}: 'from:' names a topic that has no spec file")
    forms = [s.form for s in specs.values()]
    for s in specs.values():
        if forms.count(s.form) > 1:
            raise SpecError(f"{s.file}: form {s.form} is used by two specs")
    return specs


@lru_cache(maxsize=1)
def _default() -> dict[str, TopicSpec]:
    return _load_dir(SPEC_DIR, domain_responses())


def load_specs(directory: Path | str | None = None,
               responses: Mapping[str, Any] | None = None) -> dict[str, TopicSpec]:
    """Every topic's spec by topic name. The default (data/interview, checked against domain/) is
    cached; another directory is checked against `responses` when given."""
    return dict(_default()) if directory is None else _load_dir(Path(directory), responses)


def spec_for_form(form: str, specs: Mapping[str, TopicSpec] | None = None) -> TopicSpec:
    for spec in (specs or _default()).values():
        if spec.form == form:
            return spec
    raise KeyError(f"no interview spec runs {form!r}")


def fact(slot: str, specs: Mapping[str, TopicSpec] | None = None) -> Fact:
    """The fact a slot holds, from the topic that defines it (not one that borrows it)."""
    for spec in (specs or _default()).values():
        for f in spec.facts:
            if f.slot == slot and f.topic == spec.topic:
                return f
    raise KeyError(f"no interview spec has a fact {slot!r}")


def load_interrupts(path: Path = INTERRUPTS_FILE) -> dict:
    """The control intents that may interrupt any form and what answers them (data/interview/_interrupts.yml)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("interrupts"), dict):
        raise SpecError(f"{path}: expected 'interrupts' (intent -> actions)")
    return raw
