"""A walkthrough summary as chat messages, and the participant's simpler copy. Pure (no Rasa)."""
from __future__ import annotations

from .dates import format_date

HEADS = {"situation": "Situasjonen", "rights": "Rettigheter og kilder", "dates": "Viktige datoer",
         "choices": "Deltakerens valg", "next_steps": "Neste steg", "simple": "Til deltakeren, med enkle ord"}


def participant_copy(summary) -> list[str]:
    """Short sentences, everyday words: the copy the participant takes home (LIX <= 30)."""
    lines = list(summary.simple)
    for d in summary.dates:
        short = SIMPLE_DATE.get(d.code)
        if short:
            lines.append(f"{format_date(d.day)}: {short}")
    return lines


SIMPLE_DATE = {
    "offer_start": "Kommunen har et tilbud til deg. Du velger selv.",
    "reserved_days_end": "Siste dag for de dagene som er satt av til far og mor.",
    "leave_end": "Siste dag du har fri.",
    "return": "Du er tilbake i programmet.",
    "kindergarten_deadline": "Siste dag du kan søke barnehage.",
    "kindergarten_right": "Barnet kan få plass i barnehage.",
    "meeting": "Møte med programrådgiveren.",
    "care_days_year_end": "Siste dag for årets dager.",
}


def chat_messages(summary) -> list[str]:
    """The summary in the chat: one message per section."""
    out = [f"{summary.title}. Laget {format_date(summary.made_on)}."]
    if summary.situation:
        out.append(HEADS["situation"] + ":\n" + "\n".join(f"• {a}: {b}" for a, b in summary.situation))
    out += summary.rights
    if summary.dates:
        out.append(HEADS["dates"] + ":\n" + "\n".join(f"• {d.label}: {d.text}" for d in summary.dates))
    if summary.choices:
        out.append(HEADS["choices"] + ":\n" + "\n".join(f"• {a}: {b}" for a, b in summary.choices))
    if summary.next_steps:
        out.append(HEADS["next_steps"] + ":\n" + "\n".join(f"• {t}" for t in summary.next_steps))
    out.append(summary.disclaimer)
    return out
