"""Worst-case inputs for regular expressions and the readers built on them (issue 12).

Python's `re` backtracks: a pattern with overlapping repeats (`\\s*\\s*`, `(a+)+`, `\\W.*\\s*$`)
takes polynomial or exponential time on a string that almost matches. `pump_strings(pattern)`
builds the strings that trigger it: a prefix taken from the pattern's own words, one unit pumped to
the length cap, and a "killer" suffix that makes the match fail at the very end.

`find_patterns(package)` finds every pattern in a package: module-level compiled patterns (also
inside lists, tuples and dicts, and pattern strings in such containers), every literal pattern
passed to `re.*` in the source (compiled inside functions), and, through `recording()`, every
pattern the code compiles while it runs (f-string patterns such as numbers.number_before's).
"""
from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import pkgutil
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

CAP = 2000  # the longest text a reader sees (parse.MAX_TEXT; the channels cut at 1000 already)
UNITS = [" ", "\n", "\t", "a", "x", "1", "2 ", "1 ", "12", "1.", "1,", "1-", "-1", "a ", "a.", "a@",
         "a-", "a_", ". ", ", ", ".", ",", "-", "@", "+4", "æ", "å ", "<a", "1/", "/", "0", "ja ", "og ",
         "1 og ", "år ", "barn "]
KILLERS = ["", "\nx", "!", "x", "\x00", "-", "@", " år", "1"]
RE_FUNCS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


@dataclass(frozen=True)
class Found:
    pattern: str
    flags: int
    where: str


def _words(pattern: str) -> list[str]:
    """Literal words in a pattern's source ('ja', 'nei takk', 'barn'), longest first, max 40."""
    words = set(re.findall(r"[a-zæøåA-ZÆØÅ]{2,}(?: [a-zæøå]{2,})?", pattern))
    words |= set(re.findall(r"\d{1,4}", pattern))
    return sorted(words, key=lambda w: (-len(w), w))[:40]


def pump_specs(pattern: str) -> set[tuple[str, str, str]]:
    """(prefix, pumped unit, killer) triples for a pattern."""
    words = _words(pattern)
    specs = {("", unit, killer) for unit in UNITS + [w + " " for w in words[:20]] + words[:20]
             for killer in KILLERS}
    specs |= {(word, unit, killer) for word in words + ["-", "+47"]
              for unit in (" ", "\n", ".", ",", "-", "1", "a", " 1", "1 ")
              for killer in ("\nx", "!", "x", "")}
    return specs


def build(spec: tuple[str, str, str], length: int = CAP) -> str:
    prefix, unit, killer = spec
    room = max(0, length - len(prefix) - len(killer))
    return prefix + (unit * (room // len(unit) + 1))[:room] + killer


def pump_strings(pattern: str, length: int = CAP) -> Iterator[str]:
    for spec in sorted(pump_specs(pattern)):
        yield build(spec, length)


def time_pattern(compiled: re.Pattern, text: str, repeat: int = 1) -> float:
    """The slowest of search, fullmatch and findall on text (seconds; each the best of
    `repeat` runs, so that another process on a busy machine does not count)."""
    worst = 0.0
    for op in (compiled.search, compiled.fullmatch, compiled.findall):
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            op(text)
            best = min(best, time.perf_counter() - start)
        worst = max(worst, best)
    return worst


def worst_case(compiled: re.Pattern, length: int = CAP, limit: float = 0.05,
               shortlist: int = 5) -> tuple[float, str]:
    """(seconds, input) for the slowest pump string. Every candidate is timed at 1/100 of the
    length, then the slowest tenth on a ladder of lengths growing by a quarter, then the slowest
    few at full length. Any candidate over the limit ends the search at once (confirmed by a
    best-of-3 run). The small steps matter: an exponential pattern a little under the limit at 40
    characters takes minutes at 80, so it must be caught on the way up, not after a doubling."""
    specs = sorted(pump_specs(compiled.pattern))

    def over(text: str) -> float | None:
        once = time_pattern(compiled, text)
        if once <= limit:
            return None
        again = once if once > 10 * limit else time_pattern(compiled, text, repeat=3)
        return again if again > limit else None

    short = max(10, length // 100)
    while short < length:
        timed = []
        for spec in specs:
            text = build(spec, short)
            slow = over(text)
            if slow is not None:
                return slow, text
            timed.append((time_pattern(compiled, text), spec))
        timed.sort(key=lambda x: -x[0])
        specs = [spec for _, spec in timed[: max(shortlist, len(timed) // 10)]]
        short = max(short + 2, int(short * 1.25))
    worst = (0.0, "")
    for spec in specs[:shortlist]:
        text = build(spec, length)
        slow = over(text)
        if slow is not None:
            return slow, text
        worst = max(worst, (time_pattern(compiled, text), text))
    return worst


# ---------------------------------------------------------------------------------------------
# Finding patterns
# ---------------------------------------------------------------------------------------------
def modules(package: str) -> Iterator[object]:
    pkg = importlib.import_module(package)
    yield pkg
    for info in pkgutil.walk_packages(pkg.__path__, prefix=package + "."):
        yield importlib.import_module(info.name)


def _looks_like_regex(s: str) -> bool:
    return bool(re.search(r"\\[bdswWDS]|\(\?|\[[^\]]+\]|[)][*+?]|\|", s)) and len(s) > 3


def _walk_value(value, depth: int = 0) -> Iterator[tuple[str, int]]:
    if isinstance(value, re.Pattern):
        yield value.pattern, value.flags
    elif isinstance(value, str):
        if _looks_like_regex(value):
            try:
                re.compile(value)
            except re.error:
                return
            yield value, 0
            yield value, re.IGNORECASE
    elif depth < 3 and isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _walk_value(v, depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for v in list(value.keys()) + list(value.values()):
            yield from _walk_value(v, depth + 1)


def module_patterns(module) -> Iterator[Found]:
    for name, value in vars(module).items():
        if inspect.ismodule(value) or inspect.isclass(value) or callable(value) and not isinstance(value, re.Pattern):
            continue
        for pattern, flags in _walk_value(value):
            if isinstance(pattern, str):
                yield Found(pattern, flags, f"{module.__name__}.{name}")


def source_patterns(module) -> Iterator[Found]:
    """Literal patterns passed to re.<func>(...) anywhere in the module's source."""
    path = getattr(module, "__file__", None)
    if not path:
        return
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in RE_FUNCS and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re" and node.args):
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                for flags in (0, re.IGNORECASE):
                    yield Found(arg.value, flags, f"{module.__name__}:{node.lineno}")


@contextlib.contextmanager
def recording(under: tuple[str, ...] = ("actions", "rasa_ext")) -> Iterator[set]:
    """Every (pattern, flags) that code in the given top folders compiles or looks up while the
    block runs (the first caller outside the `re` module decides; fnmatch, glob etc. are not ours)."""
    seen: set = set()
    original = re._compile  # type: ignore[attr-defined]
    root = Path(__file__).resolve().parents[1]
    ours = tuple(str(root / folder) + "/" for folder in under)
    re_dir = str(Path(re.__file__).parent)

    def spy(pattern, flags):
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.startswith(re_dir):
            frame = frame.f_back
        if (isinstance(pattern, str) and frame is not None
                and os.path.abspath(frame.f_code.co_filename).startswith(ours)):
            seen.add((pattern, int(flags)))
        return original(pattern, flags)

    re._compile = spy  # type: ignore[attr-defined]
    try:
        yield seen
    finally:
        re._compile = original  # type: ignore[attr-defined]
