"""A walkthrough answer written for people: '2022', '3. mars 2027', 'Ja, begge', 'Bergen'.
Pure (no Rasa). Used by the review ("Dette har dere fortalt meg") and the summary."""
from __future__ import annotations

from . import caseworker_reader
from .dates import format_date, format_month
from .intro_reader import UNKNOWN, date_of, precision_of

NOT_ANSWERED = "Ikke svart"
EVENT = {"birth": "Fødsel", "adoption": "Adopsjon"}
SITUATION = {"together": "Bor sammen med den andre forelderen", "alone": "Alene om omsorgen",
             "shared": "Delt fast bosted", "temporarily_alone": "Den andre forelderen kan ikke passe barna"}
WORK = {"employee": "Ansatt", "self_employed": "Selvstendig næringsdrivende", "freelancer": "Frilanser",
        "unknown": "Vet ikke"}
DATE_FACTS = ("intro_date", "intro_leave_start", "kg_birth_date", "cw_return_date")


def _years(values) -> str:
    values = [str(v) for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " og " + values[-1]


def municipality(number, names=None) -> str:
    """`names` maps municipality number (str) to name; passed in by the caller (lang must not
    import the catalogue)."""
    if number in (None, UNKNOWN):
        return "Vil ikke si"
    return (names or {}).get(str(number)) or str(number)


def fact_text(fact: str, value, names=None) -> str:
    if value is None:
        return NOT_ANSWERED
    if fact in DATE_FACTS or (fact == "intro_permit_year" and isinstance(value, dict)):
        d = date_of(value)
        if d is None:
            return NOT_ANSWERED
        return f"{format_month(d)}" if precision_of(value) == "month" else format_date(d)
    if fact == "intro_event":
        return EVENT.get(value, str(value))
    if fact == "intro_child_age":
        return f"{int(value)} år"
    if fact in ("intro_both_in_programme", "chronic_any"):
        if fact == "intro_both_in_programme":
            return "Ja, begge" if value else "Nei, bare én"
        return "Ja" if value else "Nei"
    if fact == "intro_municipality":
        return municipality(value, names)
    if fact == "children_count":
        return f"{int(value)} barn"
    if fact in ("children_birth_years", "chronic_birth_years"):
        if value == "all_young":
            return "Alle er under aldersgrensen"
        return _years(value) if isinstance(value, list) and value else str(value)
    if fact == "care_situation":
        return SITUATION.get(value, str(value))
    if fact == "work_type":
        return WORK.get(value, str(value))
    if fact in caseworker_reader.CHOICE_FACTS:
        return caseworker_reader.label(fact, value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
