"""A walkthrough summary as a printable HTML document (print styles; the participant's simpler
copy on its own page). Jinja2 with autoescaping: nothing typed can become markup. The template
with its print styles is actions/lang/summary.html.j2."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from .dates import format_date
from .summary_text import HEADS, participant_copy

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_TEMPLATE = _ENV.from_string((Path(__file__).parent / "summary.html.j2").read_text(encoding="utf-8"))


def render(summary) -> str:
    return _TEMPLATE.render(s=summary, heads=HEADS, made=format_date(summary.made_on),
                            simple=participant_copy(summary))
