"""Numbers written as digits or words, in bokmål, nynorsk and common learner spellings."""
from __future__ import annotations

import re

_WORDS = {
    "null": 0, "ingen": 0,
    "en": 1, "én": 1, "ett": 1, "ein": 1, "eitt": 1, "ei": 1, "eit": 1, "eet": 1, "et": 1,
    "to": 2, "två": 2, "too": 2, "tow": 2, "begge": 2,
    "tre": 3, "tree": 3, "trei": 3,
    "fire": 4, "fira": 4, "fier": 4, "fjre": 4,
    "fem": 5, "femm": 5,
    "seks": 6, "sex": 6, "sekks": 6,
    "sju": 7, "syv": 7, "sjuu": 7, "siv": 7,
    "åtte": 8, "otte": 8, "atte": 8, "aatte": 8,
    "ni": 9, "nie": 9,
    "ti": 10, "tie": 10,
    "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
    "sytten": 17, "atten": 18, "nitten": 19, "tjue": 20, "tyve": 20, "tjuge": 20,
}
# Words that are numbers only in a number context ("en" and "et" are also articles, "ni" a pronoun
# in nynorsk, "to" a verb form): they count when followed by a counted noun, or stand alone.
_AMBIGUOUS = {"en", "ein", "ei", "eit", "et", "ni", "to", "begge", "ingen", "sex"}

_NUM_TOKEN = r"-?\d+|" + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
NUMBER_RE = re.compile(rf"(?<![\w-])({_NUM_TOKEN})(?!\w)", re.IGNORECASE)
WORD_RE = re.compile(r"[\wæøåÆØÅ-]+")


def word_value(token: str) -> int | None:
    """Value of one token: '3' -> 3, 'tre' -> 3, '-3' -> -3, 'hus' -> None."""
    t = token.strip().lower()
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    return _WORDS.get(t)


def parse_number(text: str) -> int | None:
    """The single number a short answer contains ('3', 'tre', 'vi har fire'), else None.

    Returns None when the text holds several different numbers, so the caller can ask again
    instead of guessing. Ambiguous words ('en', 'to', 'ni') only count in a short answer.
    """
    tokens = WORD_RE.findall(text.lower())
    values = []
    for m in NUMBER_RE.finditer(text):
        tok = m.group(1).lower()
        if tok in _AMBIGUOUS and len(tokens) > 3:
            continue
        values.append(word_value(tok))
    distinct = {v for v in values if v is not None}
    if len(distinct) == 1:
        return distinct.pop()
    return None


def number_before(text: str, nouns: str) -> int | None:
    """Number directly before one of the nouns (a regex alternation), last mention wins:
    'nei, fire barn' -> 4, 'vi har 2 unger' -> 2."""
    pattern = re.compile(rf"(?<![\w-])({_NUM_TOKEN})\s+(?:stk\.?\s+|små\s+|av\s+)?(?:{nouns})\b",
                         re.IGNORECASE)
    found = [word_value(m.group(1)) for m in pattern.finditer(text)]
    found = [f for f in found if f is not None]
    return found[-1] if found else None


_SMALL = ["null", "ett", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve",
          "tolv"]


def in_words(n: int, neuter: bool = True) -> str:
    """Small numbers as words for running text ('ett barn', 'en dag'); larger as digits."""
    if n == 1:
        return "ett" if neuter else "én"
    if 0 <= n < len(_SMALL):
        return _SMALL[n]
    return str(n)
