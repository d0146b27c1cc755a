"""What a reader makes of one user message (shared by every topic's reader and the form loop)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reading:
    slots: dict = field(default_factory=dict)  # slot name -> value read from the message
    problems: list[str] = field(default_factory=list)  # codes: the glue sends utter_invalid_<code>
    # (response code, template values) to send as they are, e.g. "we read uke 33 as its Monday".
    notices: list[tuple[str, dict]] = field(default_factory=list)
    # Slots read only because the question was asked and the text matched loosely (a municipality
    # found inside a sentence): a control question wins over these.
    weak: set = field(default_factory=set)
    # (title, payload) buttons to show with the problem messages, e.g. municipality candidates.
    choices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.slots and not self.problems
