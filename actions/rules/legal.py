"""Legal references and evidence tags.

Every rule value in the parameter tables points at one `LegalRef`. The tags follow
docs/sources/rules.md: S = stated in a public text, C = confirmed by NAV's code,
I = derived, U = unconfirmed (the bot must not state a U point as certain).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Evidence(str, Enum):
    STATED = "S"
    CONFIRMED = "C"
    DERIVED = "I"
    UNCONFIRMED = "U"


@dataclass(frozen=True)
class LegalRef:
    """Where a rule comes from: the law paragraph and the page a user can read."""

    law: str  # e.g. "folketrygdloven § 9-6 første ledd"
    page: str  # a page a user can open, e.g. "nav.no/omsorgspenger"
    evidence: Evidence = Evidence.STATED
    seed: str | None = None  # source document in docs/sources/seeds, when the rule is taken from one

    @property
    def unconfirmed(self) -> bool:
        return self.evidence is Evidence.UNCONFIRMED

    def cite(self) -> str:
        """Short Norwegian citation: law paragraph and page."""
        return f"{self.law} ({self.page})"


@dataclass(frozen=True)
class Note:
    """A fact the answer must mention, with its source. `code` is a member of the topic's note
    enum (e.g. `care_days.CareDaysNote`, a str enum); actions/lang/note_texts.py registers its text."""

    code: str
    ref: LegalRef
    values: tuple[tuple[str, object], ...] = ()

    def get(self, name: str) -> object:
        return dict(self.values)[name]


# Pages the bot names. Kept in one place so a moved page is a one-line change.
PAGE_NAV_OMSORGSPENGER = "nav.no/omsorgspenger"
PAGE_LOVDATA_FTRL = "lovdata.no/lov/1997-02-28-19"
PAGE_LOVDATA_AML = "lovdata.no/lov/2005-06-17-62"


def unique_refs(*groups: Iterable[object]) -> tuple[LegalRef, ...]:
    """The references of the items (a LegalRef, or anything with `.ref`), first mention first."""
    seen: dict[LegalRef, None] = {}
    for group in groups:
        for item in group:
            ref = item if isinstance(item, LegalRef) else getattr(item, "ref", None)
            if ref is not None:
                seen.setdefault(ref, None)
    return tuple(seen)


class Explained:
    """Mixin for a rules result with `notes` (and usually a `ref`): one place for looking a note
    up and for the list of sources the answer names. A result lists what else carries a
    reference (parts, accounts, nested results) in `_sourced()`."""

    notes: tuple[Note, ...]

    def note(self, code: str) -> Note | None:
        return next((n for n in self.notes if n.code == code), None)

    def _sourced(self) -> tuple[Iterable[object], ...]:
        ref = getattr(self, "ref", None)
        return ((ref,) if ref is not None else (), self.notes)

    @property
    def refs(self) -> tuple[LegalRef, ...]:
        return unique_refs(*self._sourced())
