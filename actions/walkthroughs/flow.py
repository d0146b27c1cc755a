"""The step runner: which step comes next, the roadmap, and the commands a caseworker may type at
any step ("tilbake", "hopp over", "endre <svar>", "hvorfor", "ferdig", "avbryt").

Pure (no Rasa). The state is a small JSON dict kept in the `walkthrough` slot; the answers are the
ordinary fact slots, so what a citizen topic or an earlier walkthrough learnt is reused, and the
topic's own question logic decides which steps this family needs. `handle` reads one message and
returns what to change and what to say; `prompt` is what to ask next.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from actions.lang import parse
from actions.walkthroughs.texts import fact_text

from . import facts as fact_registry
from .script import Script, Step

REVIEW = "review"
# Each pattern has one repeat between the words and the end ([\s.!]*$, not \s*[.!]*\s*$), so a
# long run of spaces is scanned once (tests/redos: linear at the length cap).
BACK = re.compile(r"^\s*(tilbake|gå tilbake|forrige|forrige steg|angre)[\s.!]*$", re.IGNORECASE)
SKIP = re.compile(r"^\s*(hopp over|hopp|hopp over dette|neste|vil ikke svare|ikke svar)[\s.!]*$", re.IGNORECASE)
CHANGE = re.compile(r"^\s*(?:endre|rett|rette|korriger)\s+(?:på\s+)?(\S.*)$", re.IGNORECASE | re.DOTALL)
WHY = re.compile(r"^\s*(hvorfor|hvorfor spør du|hvorfor spør dere|hvorfor det)[\s?]*$", re.IGNORECASE)
FINISH = re.compile(r"^\s*(ferdig|lag oppsummering(en)?|oppsummering|ja,? lag oppsummeringen|"
                    r"det stemmer|stemmer|ok|ja)[\s.!]*$", re.IGNORECASE)
CANCEL = re.compile(r"^\s*(avbryt|avslutt|stopp)( gjennomgangen)?[\s.!]*$", re.IGNORECASE)
CONTROL_BUTTONS = [("Tilbake", "Tilbake"), ("Hopp over", "Hopp over"), ("Hvorfor spør vi?", "Hvorfor")]


def new_state(script: Script) -> dict:
    return {"script": script.id, "asked": [], "skipped": [], "forced": None, "phase": "steps",
            "derived": [], "answered_facts": []}


def applicable(script: Script, known: dict, on: date) -> list[Step]:
    """The steps this family needs, in script order (conditions and the topic's own logic)."""
    return [s for s in script.steps
            if all(c.holds(known) for c in s.when) and fact_registry.needed(s.fact, known, on)]


def current(script: Script, state: dict, known: dict, on: date) -> Step | None:
    """The step to ask now; None means the review."""
    steps = applicable(script, known, on)
    forced = script.step(state.get("forced"))
    if forced is not None and forced in steps:
        return forced
    skipped = set(state.get("skipped") or ())
    return next((s for s in steps if known.get(s.fact) is None and s.id not in skipped), None)


def roadmap(script: Script, step: Step, known: dict, on: date) -> str:
    steps = applicable(script, known, on)
    number = steps.index(step) + 1 if step in steps else len(steps)
    return f"Steg {number} av {len(steps)}: {step.title}"


def find_step(script: Script, words: str, known: dict, on: date) -> tuple[Step | None, str]:
    """The step a caseworker names ('kommune', 'Barn', '3', 'permit'), and any text after it."""
    low = words.lower().strip(" «»\"'.:")
    steps = list(script.steps)
    m = re.match(r"^(?:steg\s*)?(\d{1,2})\b(.*)$", low)
    if m:
        visible = applicable(script, known, on)
        i = int(m.group(1)) - 1
        return (visible[i] if 0 <= i < len(visible) else None), m.group(2)
    for step in sorted(steps, key=lambda s: -len(s.title)):
        for name in (step.title.lower(), step.id.lower(), step.fact.lower()):
            if low == name or low.startswith((name + " ", name + ":")):
                return step, words.strip()[len(name):].lstrip(" :")
    return None, ""


@dataclass
class Outcome:
    updates: dict[str, Any] = field(default_factory=dict)  # slot -> new value (facts)
    say: list[dict] = field(default_factory=list)  # dispatcher.utter_message keyword sets
    state: dict = field(default_factory=dict)
    finished: bool = False
    cancelled: bool = False


def _with_prefill(out: Outcome, known: dict, on: date) -> None:
    """Facts one topic tells another (see facts.prefill). They are derived again after every
    answer, so a changed birth date moves the kindergarten date too, until a step asks for them."""
    state = out.state
    derived = [f for f in state.get("derived") or () if f not in state.get("answered_facts", ())]
    for name in derived:
        known[name] = None
    values = fact_registry.prefill(known, on)
    for name in derived:
        if name not in values:
            out.updates[name] = None
    for name, value in values.items():
        out.updates[name] = value
        known[name] = value
    state["derived"] = sorted(set(derived) | set(values))


def start(script: Script, known: dict, on: date) -> Outcome:
    """A new walkthrough: what is already known is reused (and said), the rest is asked."""
    out = Outcome(state=new_state(script))
    known = dict(known)
    _with_prefill(out, known, on)
    steps = applicable(script, known, on)
    reused = [f"{s.title}: {fact_text(s.fact, known[s.fact])}" for s in steps
              if known.get(s.fact) is not None]
    text = (f"Vi går gjennom «{script.name}». Det er {len(steps)} steg. Skriv «tilbake», "
            "«hopp over» eller «endre» og navnet på et svar når dere vil.")
    out.say.append({"text": text})
    if reused:
        out.say.append({"text": "Dette vet jeg fra før: " + "; ".join(reused) + "."})
    return out


def _apply(out: Outcome, script: Script, state: dict, known: dict, slots: dict) -> list[str]:
    """Set what was read; a changed answer clears the answers that depend on it. Returns the
    facts that changed."""
    changed = []
    for name, value in slots.items():
        old = known.get(name)
        if old is not None and old != value:
            changed.append(name)
        out.updates[name] = value
        known[name] = value
    for name in changed:
        dependants = set(fact_registry.resets_for(name))
        dependants |= {s.fact for s in script.steps if name in s.depends_on}
        for dep in dependants - set(slots):
            if known.get(dep) is not None:
                out.updates[dep] = None
                known[dep] = None
        skipped = set(state.get("skipped") or ())
        state["skipped"] = [i for i in skipped if script.step(i) is None
                            or script.step(i).fact not in dependants]
    return changed


def _answer(out: Outcome, script: Script, step: Step, state: dict, known: dict, text: str,
            on: date) -> None:
    topic = fact_registry.topic_of(step.fact)
    reading = topic.read(text, step.fact, known, on)
    buttons = [{"title": t, "payload": p} for t, p in reading.choices] or None
    for problem in reading.problems:
        out.say.append({"response": f"utter_invalid_{problem}", "buttons": buttons})
    for code, values in reading.notices:
        out.say.append({"response": f"utter_{code}", **values})
    slots = {k: v for k, v in reading.slots.items() if k in fact_registry.FACT_TOPIC or k == "care_year"}
    if not slots and not reading.problems:
        out.say.append({"response": f"utter_invalid_{step.fact}"})
        return
    _apply(out, script, state, known, slots)
    if known.get(step.fact) is not None:
        state["forced"] = None
        state["answered_facts"] = sorted(set(state.get("answered_facts") or ()) | {step.fact})
        state["derived"] = [f for f in state.get("derived") or () if f != step.fact]
        if step.id not in state["asked"]:
            state["asked"].append(step.id)
        if step.id in state["skipped"]:
            state["skipped"].remove(step.id)


def handle(script: Script, state: dict, known: dict, text: str, on: date) -> Outcome:
    """One message from the caseworker during the walkthrough."""
    state = {**new_state(script), **(state or {})}
    state["asked"], state["skipped"] = list(state["asked"]), list(state["skipped"])
    known = dict(known)
    out = Outcome(state=state)
    t = parse.clean(text)
    step = current(script, state, known, on)

    if CANCEL.match(t):
        out.cancelled = True
        out.say.append({"text": "Greit. Vi stopper her. Svarene er ikke slettet. "
                                "Skriv «slett samtalen» for å slette alt."})
        return out
    if BACK.match(t):
        visible = {s.id for s in applicable(script, known, on)}
        before = state["asked"][:state["asked"].index(step.id)] if step and step.id in state["asked"] \
            else state["asked"]
        previous = next((i for i in reversed(before) if i in visible), None)
        if previous is None:
            out.say.append({"text": "Dette er det første steget."})
        else:
            state["forced"] = previous
            if previous in state["skipped"]:
                state["skipped"].remove(previous)
        return out
    m = CHANGE.match(t)
    if m:
        target, rest = find_step(script, m.group(1).strip(), known, on)
        if target is None or target not in applicable(script, known, on):
            names = ", ".join(f"«{s.title}»" for s in applicable(script, known, on))
            out.say.append({"text": f"Jeg fant ikke det svaret. Skriv «endre» og et av disse: {names}."})
            return out
        state["forced"] = target.id
        if target.id in state["skipped"]:
            state["skipped"].remove(target.id)
        rest = re.sub(r"^(til|to)\s+", "", rest.strip(), flags=re.IGNORECASE)
        if rest:
            _answer(out, script, target, state, known, rest, on)
        _with_prefill(out, known, on)
        return out
    if step is None:  # the review
        if FINISH.match(t) or SKIP.match(t):
            out.finished = True
            state["phase"] = "done"
        else:
            out.say.append({"text": "Skriv «ferdig» for å lage oppsummeringen. Vil dere endre noe? "
                                    "Skriv «endre» og navnet på svaret."})
        return out
    if WHY.match(t):
        out.say.append({"response": step.why} if step.why else
                       {"text": "Svaret hjelper meg å finne de riktige reglene."})
        return out
    if SKIP.match(t):
        if step.id not in state["skipped"]:
            state["skipped"].append(step.id)
        if step.id not in state["asked"]:
            state["asked"].append(step.id)
        state["forced"] = None
        return out
    if re.match(r"^\s*ferdig\s*[.!]*$", t, re.IGNORECASE):  # the rest is skipped; go to the review
        for s in applicable(script, known, on):
            if known.get(s.fact) is None and s.id not in state["skipped"]:
                state["skipped"].append(s.id)
        state["forced"] = None
        return out
    _answer(out, script, step, state, known, t, on)
    _with_prefill(out, known, on)
    return out


def review(script: Script, known: dict, on: date) -> list[dict]:
    """'Dette har dere fortalt meg': each answer and a way to change it."""
    steps = applicable(script, known, on)
    lines = [f"{i}. {s.title}: {fact_text(s.fact, known.get(s.fact))}" for i, s in enumerate(steps, 1)]
    buttons = [{"title": f"Endre {s.title.lower()}", "payload": f"Endre {s.title}"} for s in steps]
    buttons.append({"title": "Lag oppsummeringen", "payload": "Ferdig"})
    return [{"text": "Dette har dere fortalt meg:\n" + "\n".join(lines)},
            {"text": "Stemmer dette? Trykk «Endre» for å rette et svar. Trykk «Lag oppsummeringen» "
                     "når alt er riktig.", "buttons": buttons}]


def prompt(script: Script, state: dict, known: dict, on: date) -> list[dict]:
    """What to ask now: the roadmap and the step's question, or the review."""
    step = current(script, state, known, on)
    if step is None:
        return review(script, known, on)
    text = roadmap(script, step, known, on)
    if known.get(step.fact) is not None:
        text += f". Nå: {fact_text(step.fact, known.get(step.fact))}."
    controls = [{"title": t, "payload": p} for t, p in CONTROL_BUTTONS]
    return [{"text": text, "custom": {"walkthrough": {"step": step.id, "title": step.title}}},
            {"response": step.question, "buttons": controls}]
