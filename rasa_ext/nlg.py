"""Responses filled from the dated parameter tables (endpoints.yml: `nlg: type: rasa_ext.nlg.TableNLG`).

Why a custom NLG class and not `dispatcher.utter_message(response=..., **values)` in each action:
most responses with a rule quantity ("why do you ask", questions, overviews) are predicted by
rules and forms and never pass through our action code. Rasa sends every response, predicted or
sent by an action (`RemoteAction._utter_responses` calls `nlg.generate`), through the one
`NaturalLanguageGenerator` named in endpoints.yml; Rasa 3.6 loads a module path there
(`rasa.core.nlg.generator._load_from_module_name_in_endpoint_config`). `TableNLG` is Rasa's own
`TemplatedNaturalLanguageGenerator` (variations, conditions, channels and slot filling stay as
they are) plus the table values as template variables: `{care_days_base_text}` -> "10 dager".

Cost: the values for one date are built once and cached (`functools.lru_cache`); the placeholder
names of each response are read once. A message costs one cached lookup and passes only the few
values its response uses. Nothing is rebuilt per message.

Safety: a placeholder that cannot be filled is never shown. The sentence holding it is left out;
if nothing is left, a short general text is sent instead, and the error is logged.
"""
from __future__ import annotations

import logging
import os
import re
from datetime import date
from functools import lru_cache
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

from actions.lang.figures import template_values, with_unit
from actions.rules.figures import Unit, figures
from rasa_ext.tracker_store import configured_backup_days, configured_retention_days

logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{[^{}\n]*\}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
FALLBACK_TEXT = ("Beklager, jeg kan ikke vise hele svaret nå. "
                 "Du kan spørre på en annen måte, eller snakke med et menneske.")
# Slots that name the date a response is about (the rules look up these dates, so do the texts).
EVENT_DATE_SLOTS = ("pl_date",)
CARE_YEAR_SLOT = "care_year"


def today() -> date:
    """Today's date; FAMILIEVEILEDER_TODAY (YYYY-MM-DD) fixes it (as actions.glue.common.today)."""
    fixed = os.environ.get("FAMILIEVEILEDER_TODAY")
    try:
        return date.fromisoformat(fixed) if fixed else date.today()
    except ValueError:
        logger.error("FAMILIEVEILEDER_TODAY=%r is not a date (YYYY-MM-DD); using today", fixed)
        return date.today()


@lru_cache(maxsize=512)
def values_on(on: date, event_date: date | None = None, care_year: int | None = None
              ) -> dict[str, str]:
    """Template values for one date (and the event date / care-days year when known). Cached:
    the same few dates come back on every message."""
    try:
        return template_values(figures(on, event_date, care_year))
    except Exception:  # a date the tables cannot serve must not break the reply
        logger.exception("rule figures for %s / %s / %s failed; using today's", on, event_date, care_year)
        if event_date is None and care_year is None:
            return {}
        return values_on(on)


def _event_date(slots: dict[str, Any]) -> date | None:
    for name in EVENT_DATE_SLOTS:
        raw = slots.get(name)
        if isinstance(raw, str):
            try:
                return date.fromisoformat(raw[:10])
            except ValueError:
                continue
    return None


def _care_year(slots: dict[str, Any], on: date) -> int | None:
    raw = slots.get(CARE_YEAR_SLOT)
    try:
        year = int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None
    return year if year is not None and 1900 < year <= on.year + 1 else None


def retention_values() -> dict[str, str]:
    """The storage period the privacy texts state, from the store's own settings (not a rule table):
    the retention of conversations and, when backups are taken, how long a backup keeps them."""
    backup = configured_backup_days()
    return {"retention_days_text": with_unit(configured_retention_days(), Unit.DAY),
            "backup_sentence": (f" Sikkerhetskopier av samtalen blir slettet etter {with_unit(backup, Unit.DAY)}."
                                if backup else "")}


def privacy_notice() -> str:
    """The storage notice the web widget shows (GET /webhooks/privacy/policy), in the same words and
    from the same settings as the bot's own privacy messages."""
    values = retention_values()
    return ("Samtalen lagres kryptert. Den slettes " + values["retention_days_text"] + " etter siste melding."
            + values["backup_sentence"] + " Nummer og navn på sykdommer blir skjult. "
            "Du kan laste ned eller slette samtalen når du vil.")


def response_values(slots: dict[str, Any], on: date | None = None) -> dict[str, str]:
    on = on or today()
    return {**values_on(on, _event_date(slots), _care_year(slots, on)), **retention_values()}


def drop_unfilled(text: str) -> str:
    """Leave out every sentence that still holds a '{placeholder}'."""
    if not PLACEHOLDER.search(text):
        return text
    kept = [s for s in _SENTENCE_END.split(text) if not PLACEHOLDER.search(s)]
    return " ".join(kept).strip()


def _unfilled_button(button: dict[str, Any]) -> bool:
    title, payload = str(button.get("title") or ""), str(button.get("payload") or "")
    # '/intent{"entity": "value"}' payloads hold braces on purpose.
    return bool(PLACEHOLDER.search(title) or (not payload.startswith("/") and PLACEHOLDER.search(payload)))


class TableNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated NLG with the parameter-table values as template variables."""

    def __init__(self, endpoint_config: Any = None, domain: Any = None,
                 responses: dict[str, Any] | None = None) -> None:
        if responses is None:
            responses = domain.responses if domain is not None else {}
        super().__init__(responses)
        self._names_for: Any = None
        self._names: dict[str, frozenset] = {}

    async def generate(self, utter_action: str, tracker: Any, output_channel: str,
                       **kwargs: Any) -> dict[str, Any] | None:
        return self.generate_for_slots(utter_action, tracker.current_slot_values(), output_channel,
                                       **kwargs)

    def generate_for_slots(self, utter_action: str, slots: dict[str, Any], output_channel: str,
                           on: date | None = None, **kwargs: Any) -> dict[str, Any] | None:
        names = self._placeholder_names(utter_action)
        if names:
            values = response_values(slots, on)
            # Explicit values from an action win over table values; table values over slot values.
            kwargs = {**{n: values[n] for n in names if n in values}, **kwargs}
        response = self.generate_from_slots(utter_action, slots, output_channel, **kwargs)
        return self._without_placeholders(utter_action, response)

    def _placeholder_names(self, utter_action: str) -> frozenset:
        """The '{names}' a response uses, read once per response (Rasa swaps `responses` on a
        model load, so the cache is keyed by that object)."""
        if self._names_for is not self.responses:
            self._names_for, self._names = self.responses, {}
        names = self._names.get(utter_action)
        if names is None:
            found = PLACEHOLDER.findall(repr(self.responses.get(utter_action) or ""))
            names = self._names[utter_action] = frozenset(p[1:-1] for p in found)
        return names

    @staticmethod
    def _without_placeholders(utter_action: str, response: dict[str, Any] | None
                              ) -> dict[str, Any] | None:
        if not response:
            return response
        text = response.get("text")
        if isinstance(text, str) and PLACEHOLDER.search(text):
            logger.error("response %s has an unfilled placeholder: %r", utter_action, text)
            response["text"] = drop_unfilled(text) or FALLBACK_TEXT
        buttons = response.get("buttons")
        if buttons:
            kept = [b for b in buttons if not _unfilled_button(b)]
            if len(kept) != len(buttons):
                logger.error("response %s: a button with an unfilled placeholder was left out", utter_action)
            response["buttons"] = kept
        return response
