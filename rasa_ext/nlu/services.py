"""Keyword tables for MessageGuard (rasa_ext/nlu/guard.py): which other service an out-of-scope
question is about, and the lexicon the safety reply needs. The replies themselves (where to go,
NAV's phone) are in domain/oos.yml, one variation per key below.

A STRONG pattern names another service outright ("barnetrygd", "skatt"): the message is out of
scope whatever the classifier said. A WEAK pattern only picks the reply once the classifier has
already said out_of_scope ("jeg er arbeidsledig" can be an answer inside a form, so it never
overrides a topic). Patterns are matched on the lower-cased text; æøå may be written ae/o/a.
"""
from __future__ import annotations

import re
from typing import Optional

_O = "(?:ø|o|oe)"
_AA = "(?:å|a|aa)"

# key -> (strong patterns, weak patterns); order matters: the first key that matches wins
SERVICES: dict[str, tuple[list[str], list[str]]] = {
    "skatt": ([r"\bskatt", r"skatte(?:kort|melding|trekk|plikt|etaten)", r"\btax(?:es)?\b", r"\bpodat"], []),
    "saksstatus": ([rf"\b(?:s{_O}knaden|saken) min\b", rf"\bmin (?:s{_O}knad|sak)\b", r"\bvedtak",
                    r"\bsaksbehandlingstid", r"\bstatus p[åa]\b",
                    rf"ikke f{_AA}tt (?:svar|pengene|utbetalt|utbetaling)", r"\butbetalt\b",
                    r"\bn[åa]r kommer pengene"],
                   [r"\bklage", r"\bs[øo]knaden\b", r"\bsaken\b", r"\butbetal"]),
    "barnetrygd": ([r"barne\s?trygd", r"child benefit"], []),
    "kontantstotte": ([rf"kontant\s?st{_O}tt"], []),
    "sykepenger": ([r"syke\s?peng", r"sjuke\s?peng", r"sick pay", r"\bsyk selv\b", r"\bselv syk",
                    r"\bselv sykmeldt", r"\bsjuk sj[øo]lv", r"influensa selv"],
                   [r"sykmeld", r"sjukmeld", r"egenmeld", r"\bjeg er syk\b", r"\beg er sjuk\b"]),
    "dagpenger": ([r"dag\s?peng", r"dagpengar", r"unemployment benefit"],
                  [r"arbeidsledig", r"mist(?:et|a) jobben", r"permittert", rf"arbeidss{_O}ker"]),
    "bostotte": ([rf"bost{_O}tte", rf"bust{_O}tte", r"husbanken", r"housing benefit"], [r"husleie"]),
    "engangsstonad": ([rf"engangsst{_O}nad"], []),
    "pleiepenger": ([r"pleiepeng"], []),
    "sosialhjelp": ([r"sosialhjelp", r"sosial\s?st[øo]nad", r"[øo]konomisk (?:sosial)?hjelp"], []),
    "barnebidrag": ([r"barnebidrag", r"\bbidrag\b"], []),
    "aap": ([r"arbeidsavklaringspeng", r"\baap\b"], []),
}
_COMPILED = {key: ([re.compile(p) for p in strong], [re.compile(p) for p in weak])
             for key, (strong, weak) in SERVICES.items()}


def service_for(text: str, strong_only: bool = True) -> Optional[str]:
    """The key of the other service the text is about, or None."""
    low = text.lower()
    for key, (strong, weak) in _COMPILED.items():
        if any(p.search(low) for p in strong):
            return key
    if strong_only:
        return None
    for key, (strong, weak) in _COMPILED.items():
        if any(p.search(low) for p in weak):
            return key
    return None


# --- safety lexicon ---------------------------------------------------------------------------
# The safety reply ("Er du i fare nå? Ring politiet på 112") is given only when the classifier is
# sure AND the text has an alarm word, or a family/partner word together with a control word,
# or a sentence about one's own freedom. Stems, so learner spellings still match.
_ALARM = [r"tvangs(?:ekteskap|gift)", r"kj[øo]nnslemlest", r"omskj[æae]r", r"\bvold", r"\bsl[åa]r? meg",
          r"\bslo meg", r"\bbanker meg", r"\btru(?:er|a|et) meg", r"\bikke trygg", r"\butrygg",
          r"\bi fare\b(?! for [åa]\b)(?! for at\b)", r"\bdrepe", r"l[åa]st inne", r"innestengt", r"\bgift(?:e|er)? meg", r"\bgifte seg",
          r"\bmarry\b", r"\bafraid\b", r"\bbeats? me",
          r"\bhits? me", r"kontrollert", r"kontrollerer meg", r"bestemme selv", r"\bpresset til",
          r"ikke lov (?:til )?[åa] g[åa] ut", r"\bunsafe\b",
          r"sier (?:at )?(?:jeg|eg) er (?:en|ei|ein) d[åa]rlig mor"]
_FAMILY = [r"\bmann", r"\bmin man\b", r"\bman min\b", r"\bektemann", r"\bkon(?:a|e)\b", r"\bfamili", r"\bsviger", r"\bbror",
           r"\bfar(?:en)? min", r"\bpappa", r"\bonkel", r"\bhusband", r"\bfamily", r"\bfather", r"\bbrother", r"\bde andre\b"]
_CONTROL = [r"\blar meg ikke", r"\bikke lov", r"\bikkje lov", r"\bnekt", r"\bbestemm", r"\bsier (?:at )?(?:jeg|eg) (?:ikke|ikkje|m[åa] v[æae]re|skal v[æae]re)",
            r"\bseier eg", r"\bsier nei", r"kontroll", r"\bsint", r"\bpress", r"\bm[åa] (?:v[æae]re|vere) h(?:jem|eim)",
            r"\btar pengene", r"\bvil ikke at", r"cannot go", r"can't go", r"decides", r"\bdecide", r"\bm[åa] sp[øo]rre",
            r"dårlig mor", r"\bf[åa]r ikke", r"\bf[åa]r ikkje", r"\bredd", r"\bikke trygg",
            r"\btving", r"\btvang", r"\bforced\b", r"skal (?:v[æae]re|vere) h(?:jem|eim)"]
_ALARM_RE = [re.compile(p) for p in _ALARM]
_FAMILY_RE = [re.compile(p) for p in _FAMILY]
_CONTROL_RE = [re.compile(p) for p in _CONTROL]


# A message that asks for another language outright ("Do you speak English?", "po polsku").
LANGUAGE_REQUEST = re.compile(r"\b(?:english|engelsk|speak|polsku|polski|norwesku|soomaali|somali|norwiiji|"
                              r"translat\w*|interpreter|tłumacz\w*|turjumaan)\b", re.I)


# Alarms so plain that the safety reply is given even when the classifier missed them ("han låser
# meg inne", "jeg er i fare"): missing a real alarm is the worse error. Violence, threats, being
# locked in, forced marriage, FGM - never a word that also has an everyday sense.
_STRONG_ALARM = [r"tvangs(?:ekteskap|gift)", r"kj[øo]nnslemlest", r"omskj[æae]r", r"\bvold", r"\bsl[åa]r meg\b",
                 r"\bslo meg\b", r"\bbanker meg", r"\bblir sl[åa]tt\b", r"\btru(?:er|a|et|ar) meg\b",
                 r"\btru(?:er|a|et|ar) med [åa] drepe", r"l[åa]st inne", r"l[åa]ser meg inne", r"innestengt",
                 r"\bdrepe meg\b", r"\b(?:jeg|vi|eg) er i fare\b(?! for)", r"\bikke trygg(?:e)? hjemme",
                 r"\butrygg(?:e)? hjemme", r"\bgift(?:e|er)? (?:henne|ham|han|dem|meg) bort\b"]
_STRONG_ALARM_RE = [re.compile(p) for p in _STRONG_ALARM]


def strong_alarm(text: str) -> bool:
    low = text.lower()
    return any(p.search(low) for p in _STRONG_ALARM_RE)


def safety_words(text: str) -> bool:
    low = text.lower()
    if any(p.search(low) for p in _ALARM_RE):
        return True
    return any(p.search(low) for p in _FAMILY_RE) and any(p.search(low) for p in _CONTROL_RE)
