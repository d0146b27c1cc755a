"""Reading the answers only a walkthrough asks (issue 9): the return date, the Norwegian level,
childcare, the participant's wishes and next steps. Pure (no Rasa). Values are codes, never free
text, so a summary holds no personal details the caseworker did not choose from a list."""
from __future__ import annotations

import re
from datetime import date

from . import parse
from .dates import InvalidDate, parse_date
from .intro_reader import date_value
from .reading import Reading

# code -> (label in the summary, words that select it)
NORWEGIAN_LEVELS = {
    "a1": ("A1", r"\ba1\b"), "a2": ("A2", r"\ba2\b"), "b1": ("B1", r"\bb1\b"),
    "b2": ("B2", r"\bb2\b"), "c1": ("C1 eller høyere", r"\bc1\b|\bc2\b"),
    "not_tested": ("Ikke testet ennå", r"ikke testet|ikkje testa|ingen test|vet ikke|veit ikke|ukjent"),
}
CHILDCARE = {
    "kindergarten": ("Barnehage", r"barnehage"),
    "family": ("Familien passer barnet", r"famil|besteforeld|mormor|farmor|partner|mannen|kona|andre forelder"),
    "childminder": ("Dagmamma eller annen pass", r"dagmamma|praktikant|annen pass|barnevakt"),
    "not_needed": ("Trenger ikke pass", r"trenger ikke|ikke behov|nei takk|^nei\b"),
    "unknown": ("Ikke bestemt ennå", r"vet ikke|veit ikke|usikker|ikke bestemt|vet ikkje"),
}
WISHES = {
    "norwegian_course": ("Norskkurs", r"norskkurs|norskopplæring|norsk(kurs| med lærer)?\b"),
    "language_cafe": ("Språkkafé", r"språkkaf|sprakkaf|kafé|kafe"),
    "parent_group": ("Barselgruppe", r"barselgr|barsel|foreldregr"),
    "open_kindergarten": ("Åpen barnehage", r"åpen barnehage|apen barnehage"),
    "childcare_alongside": ("Barnepass mens hun eller han lærer", r"barnepass|pass (av|for) barnet"),
    "none": ("Ingen tilbud nå", r"ingen|ikke nå|nei takk|^nei\b|vil ikke"),
}
NEXT_STEPS = {
    "norwegian": ("Mer norskopplæring", r"norsk"),
    "work_practice": ("Arbeidspraksis", r"praksis"),
    "education": ("Utdanning", r"utdann|skole|fagbrev|videregående"),
    "work": ("Jobb", r"\bjobb|arbeid(?!spraksis)"),
    "plan_update": ("Oppdatere planen", r"plan"),
}
CHOICE_FACTS = {"cw_norwegian_level": (NORWEGIAN_LEVELS, False), "cw_childcare": (CHILDCARE, False),
                "cw_wishes": (WISHES, True), "cw_next_steps": (NEXT_STEPS, True)}
CASEWORKER_FACTS = ("cw_return_date", *CHOICE_FACTS)


def label(fact: str, code) -> str:
    """The Norwegian label of a choice code (or of each code in a list)."""
    options = CHOICE_FACTS[fact][0]
    if isinstance(code, list):
        return ", ".join(options.get(c, (str(c),))[0] for c in code)
    return options.get(code, (str(code),))[0]


def _choices(text: str, options: dict, many: bool) -> list[str]:
    low = text.lower()
    found = [code for code, (title, words) in options.items()
             if low == title.lower() or re.search(words, low)]
    if many and len(found) > 1 and "none" in found:
        found.remove("none")  # "ingen barselgruppe, men norskkurs"
    return found if many else found[:1]


def read_caseworker(text: str, requested: str | None, known: dict, today: date) -> Reading:
    t = parse.clean(text)
    out = Reading()
    if not t or parse.looks_like_markup(t) or requested not in CASEWORKER_FACTS:
        return out
    if requested == "cw_return_date":
        try:
            parsed = parse_date(t, today, prefer_future=True)
        except InvalidDate:
            out.problems.append("cw_return_date_invalid")
            return out
        if parsed is not None:
            if (parsed.date - today).days > 2 * 366:
                out.problems.append("cw_return_date_far")
            else:
                out.slots["cw_return_date"] = date_value(parsed)
        return out
    options, many = CHOICE_FACTS[requested]
    found = _choices(t, options, many)
    if found:
        out.slots[requested] = found if many else found[0]
    return out
