"""fact_text with the municipality names from the catalogue filled in (the lang layer may not
import the catalogue itself)."""
from __future__ import annotations

from actions.catalogue.municipalities import by_number
from actions.lang.summary_facts import fact_text as _fact_text


def municipality_names() -> dict:
    return {str(k): v.name for k, v in by_number().items()}


def fact_text(fact: str, value) -> str:
    return _fact_text(fact, value, municipality_names() if fact == "intro_municipality" else None)
