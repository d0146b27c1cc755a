"""No rule quantity is written by hand in a bot text: it comes from the dated tables.

Scans every response in domain/*.yml (texts, button titles and payloads) and every string literal
in actions/lang/*.py that can reach the user (docstrings and the patterns handed to `re` are
readers, not texts). A number followed by a unit ("10 dager", "ti dager", "49 uker", "37,5 timer",
"80 prosent", "den fjerde måneden") fails the test unless it is a template variable filled from the
tables (`{care_days_base_text}`, see actions/rules/figures.py) or a value computed from a rules
result (`f"{part.days} dager"`), or it stands in ALLOWED below with its reason.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

_NUMBER_WORDS = ("en|én|ett|ei|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|"
                 "femten|seksten|sytten|atten|nitten|tjue|tretti|førti|femti|seksti|hundre|"
                 "tredje|fjerde|femte|sjette|sjuende|åttende|niende|tiende|ellevte|tolvte")
_UNITS = ("dager|dagar|dagene|dagen|dag|uker|ukene|uka|uke|måneder|månedene|måneden|måned|"
          "år|året|årene|timer|timene|timen|time|minutter|minuttene|minutt|prosent|%")
QUANTITY = re.compile(rf"(?<![\w{{}}])(\d+(?:[.,]\d+)?|{_NUMBER_WORDS})\s*(?:{_UNITS})(?!\w)",
                      re.IGNORECASE)
RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"}

# (where, pattern around the quantity, why it is not a rule quantity). Keep it short.
ALLOWED = [
    ("domain", r"(?i)for eksempel \d+ måneder",
     "an example of an answer the user may type (the child's age), not a rule"),
    ("domain", r"^[46] timer$",
     "answer buttons for 'how many hours do you work a day': the user's own hours, not a rule"),
]


def _allowed(where: str, fragment: str, context: str) -> bool:
    for place, pattern, _why in ALLOWED:
        if where.startswith(place) and (re.search(pattern, context) or re.search(pattern, fragment)):
            return True
    return False


def response_strings():
    """(response key, text) for every text, button title and payload in domain/*.yml."""
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, variations in (data.get("responses") or {}).items():
            for variation in variations or []:
                if variation.get("text"):
                    yield f"{path.name}:{key}", variation["text"]
                for button in variation.get("buttons") or []:
                    for field in ("title", "payload"):
                        if button.get(field):
                            yield f"{path.name}:{key}", str(button[field])


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _regex_args(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in RE_FUNCS and node.args):
            for sub in ast.walk(node.args[0]):
                ids.add(id(sub))
    return ids


def literal_strings(path: Path):
    """(line, text) for each user-facing string literal; an f-string's fields become '{}'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstring_nodes(tree) | _regex_args(tree)
    inside_fstring = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inside_fstring.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            yield node.lineno, text
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in inside_fstring):
            yield node.lineno, node.value


def violations():
    found = []
    for where, text in response_strings():
        for m in QUANTITY.finditer(text):
            if not _allowed("domain", m.group(0), text):
                found.append(f"{where}: {m.group(0)!r} in {text!r}")
    for path in sorted((ROOT / "actions" / "lang").glob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for line, text in literal_strings(path):
            for m in QUANTITY.finditer(text):
                if not _allowed(rel, m.group(0), text):
                    found.append(f"{rel}:{line}: {m.group(0)!r} in {text!r}")
    return found


def test_no_rule_quantity_written_by_hand():
    found = violations()
    assert not found, ("Rule quantities written by hand (use a table figure, see "
                       "docs/architecture-numbers.md):\n" + "\n".join(found))


def test_the_detector_finds_what_it_must():
    """The scanner itself: it must catch digits, number words and ordinals, and let template
    variables and computed values through."""
    hits = lambda s: [m.group(0) for m in QUANTITY.finditer(s)]
    assert hits("Med ett eller to barn får du 10 dager.") == ["10 dager"]
    assert hits("Du har ti dager og 37,5 timer, 80 prosent, 100 %.") == ["ti dager", "37,5 timer",
                                                                          "80 prosent", "100 %"]
    assert hits("fra den fjerde måneden, etter 12 måneder") == ["fjerde måneden", "12 måneder"]
    assert hits("får du {care_days_base_text}. {care_days_base} dager. {} dager") == []
    assert hits("Ring 55 55 33 33. Skriv 2016 og 2019.") == []
    tree_text = 'def f(n):\n    """10 dager in a docstring"""\n    re.compile(r"12 år")\n    return f"{n} dager, 3 uker"\n'
    path = ROOT / "var" / "_rule_quantities_probe.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(tree_text, encoding="utf-8")
    try:
        texts = [t for _, t in literal_strings(path)]
    finally:
        path.unlink()
    assert texts == ["{} dager, 3 uker"]


def test_allow_list_stays_short():
    assert len(ALLOWED) <= 6, "fix the text instead of allowing it"
    assert all(why for _, _, why in ALLOWED)
