"""The one-way flow, enforced: channel -> NLU -> engine/glue -> rules -> language -> channel.

An AST test over the source (no imports of the checked modules needed for the import rules):
- actions/rules imports neither the language layer, the glue, the interview engine, the
  catalogue, Rasa, rasa_sdk nor SQLAlchemy;
- actions/lang imports neither rasa_sdk, Rasa, SQLAlchemy, the glue, the catalogue nor
  actions.rules.params, and reads no parameter table of a rules module (values come in results
  or as arguments);
- actions/interview (the spec loader) is pure too: no Rasa, no rasa_sdk, no SQLAlchemy;
- nothing but actions/glue and rasa_ext (the Rasa side) imports rasa_sdk;
- no parameter table is read outside actions/rules: the glue calls rules functions.
"""
from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from actions.rules.params import ParameterTable

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("actions", "rasa_ext", "scripts", "bench", "web")

FORBIDDEN = {
    "actions/rules": ("actions.lang", "actions.glue", "actions.interview", "actions.catalogue", "rasa",
                      "rasa_sdk", "sqlalchemy"),
    "actions/lang": ("rasa", "rasa_sdk", "sqlalchemy", "actions.glue", "actions.catalogue",
                     "actions.rules.params", "actions.interview"),
    "actions/interview": ("rasa", "rasa_sdk", "sqlalchemy", "actions.glue"),
}
RASA_SDK_ALLOWED = ("actions/glue", "rasa_ext")


def _files(under: str) -> list[Path]:
    return sorted((ROOT / under).rglob("*.py"))


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def imports(path: Path, package: str | None = None) -> list[tuple[int, str, tuple[str, ...]]]:
    """(line, module, imported names) for every import, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if package is None:
        package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                out.append((node.lineno, alias.name, ()))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            out.append((node.lineno, module, tuple(a.name for a in node.names)))
    return out


def _hits(module: str, names: tuple[str, ...], banned: str) -> bool:
    full = [module, *(f"{module}.{n}" for n in names)]
    return any(m == banned or m.startswith(banned + ".") for m in full)


def violations(layer: str, banned: tuple[str, ...], files: list[Path] | None = None) -> list[str]:
    found = []
    package = layer.replace("/", ".") if files else None
    for path in files or _files(layer):
        for line, module, names in imports(path, package):
            for b in banned:
                if _hits(module, names, b):
                    found.append(f"{_rel(path)}:{line} imports {module} ({b} is not allowed here)")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    assert violations(layer, FORBIDDEN[layer]) == []


def test_only_the_glue_and_the_rasa_side_import_rasa_sdk():
    found = []
    for top in CODE_DIRS:
        for path in _files(top):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith(RASA_SDK_ALLOWED):
                continue
            for line, module, names in imports(path):
                if _hits(module, names, "rasa_sdk"):
                    found.append(f"{rel}:{line} imports {module}")
    assert found == []


def _tables() -> dict[str, set[str]]:
    """Rules module -> the names of its ParameterTable objects."""
    out = {}
    for path in _files("actions/rules"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(name.removesuffix(".__init__"))
        out[module.__name__] = {k for k, v in vars(module).items() if isinstance(v, ParameterTable)}
    return out


def table_reads(path: Path, tables: dict[str, set[str]]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}  # local name -> rules module
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("actions.rules"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                if sub in tables:
                    aliases[a.asname or a.name] = sub
                elif a.name in tables.get(node.module, ()):
                    found.append(f"{_rel(path)}:{node.lineno} imports the table {a.name}")
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name in tables and a.asname:
                    aliases[a.asname] = a.name
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = aliases.get(node.value.id)
            if module and node.attr in tables[module]:
                found.append(f"{_rel(path)}:{node.lineno} reads {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("layer", ["actions/lang", "actions/glue", "actions/interview"])
def test_no_parameter_table_is_read_outside_the_rules_core(layer):
    tables = _tables()
    assert any(tables.values())  # the check sees the tables
    found = [hit for path in _files(layer) for hit in table_reads(path, tables)]
    assert found == []


# Pure helpers of the rules core the language layer may call (no rule is decided in them): days as
# weeks, and decoding a stored date slot (actions.rules.facts.intro_leave).
RENDER_HELPERS = {"as_weeks", "date_of", "precision_of", "permit_value"}


def _functions() -> dict[str, set[str]]:
    """Rules module -> the names of the functions defined in it."""
    out = {}
    for path in _files("actions/rules"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        out[module.__name__] = {k for k, v in vars(module).items()
                                if inspect.isfunction(v) and v.__module__ == module.__name__}
    return out


def rules_calls(path: Path, functions: dict[str, set[str]]) -> list[str]:
    """Calls of a rules function: a renderer or reader that decides a rule itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("actions.rules"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                if sub in functions:
                    aliases[a.asname or a.name] = sub
                elif a.name in functions.get(node.module, ()) and a.name not in RENDER_HELPERS:
                    found.append(f"{_rel(path)}:{node.lineno} imports the rules function {a.name}")
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)):
            module = aliases.get(node.func.value.id)
            if module and node.func.attr in functions[module] and node.func.attr not in RENDER_HELPERS:
                found.append(f"{_rel(path)}:{node.lineno} calls {node.func.value.id}.{node.func.attr}()")
    return found


def test_the_language_layer_gets_results_and_computes_no_rule():
    functions = _functions()
    found = [hit for path in _files("actions/lang") for hit in rules_calls(path, functions)]
    assert found == []


def test_the_checks_catch_a_violation(tmp_path):
    """The checker is not blind: a module that breaks each rule is reported (written outside the
    repository, read as if it were in actions/lang)."""
    bad = tmp_path / "_contract_probe.py"
    bad.write_text("from actions.rules import work_leave as wl\nimport rasa_sdk\n"
                   "from ..catalogue.lookup import offers_for\nX = wl.WORK_LEAVE.value('x', None)\n"
                   "Y = wl.notice_period(10)\n",
                   encoding="utf-8")
    found = violations("actions/lang", FORBIDDEN["actions/lang"], files=[bad])
    assert any("rasa_sdk" in v for v in found)
    assert any("actions.catalogue.lookup" in v for v in found)
    assert table_reads(bad, _tables()) == ["_contract_probe.py:4 reads wl.WORK_LEAVE"]
    assert rules_calls(bad, _functions()) == ["_contract_probe.py:5 calls wl.notice_period()"]


def test_today_comes_from_the_one_helper_that_honours_familieveileder_today():
    """Readers, renderers and rules get "today" passed in; only actions.glue.common.today() asks the clock."""
    found = []
    for path in _files("actions"):
        rel = path.relative_to(ROOT).as_posix()
        if rel == "actions/glue/common.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("today", "now") and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("date", "datetime")):
                found.append(f"{rel}:{node.lineno}")
    assert found == []
