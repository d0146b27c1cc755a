"""The family event a leave or benefit is about: one type for every topic (docs/glossary.md)."""
from __future__ import annotations

from enum import Enum


class FamilyEvent(str, Enum):
    """Familiehendelse. For adoption the date is the omsorgsovertakelse."""

    BIRTH = "birth"  # fødsel
    ADOPTION = "adoption"  # adopsjon / omsorgsovertakelse
