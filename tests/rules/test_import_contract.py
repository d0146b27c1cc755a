"""The one-way flow (issue 8): the rules core imports no language, glue, Rasa or database code.
Checked on the source (AST), so a lazy import inside a function is caught too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "actions" / "rules"
FORBIDDEN = ("actions.lang", "actions.glue", "actions.catalogue", "rasa", "rasa_sdk", "sqlalchemy")


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(RULES.parents[1]).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(RULES.parents[1]).parts[:-1])
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.append(".".join(base + ([node.module] if node.module else [])))
            else:
                names.append(node.module or "")
    return names


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


@pytest.mark.parametrize("path", sorted(RULES.rglob("*.py")), ids=lambda p: str(p.relative_to(RULES)))
def test_rules_core_imports_no_lang_glue_rasa_or_sqlalchemy(path):
    bad = [n for n in imported_modules(path) if forbidden(n)]
    assert not bad, f"{path.relative_to(RULES.parents[1])} imports {bad}"


def test_the_check_sees_relative_and_absolute_imports(tmp_path):
    assert forbidden("rasa_sdk.events") and forbidden("actions.lang.render") and not forbidden("rasa_extras")
    assert "actions.rules.legal" in imported_modules(RULES / "care_days.py")
    assert "actions.rules.legal" in imported_modules(RULES / "intro_programme" / "tables.py")


def test_lookups_take_the_date_in_question_not_the_last_version():
    # Issue 8: dated lookups instead of `versions()[-1]`.
    for path in RULES.rglob("*.py"):
        assert "versions(" not in path.read_text(encoding="utf-8").replace("def versions(", ""), path
        assert "[-1].value" not in path.read_text(encoding="utf-8"), path


def test_work_leave_rules_are_looked_up_on_the_date_given():
    from datetime import date

    from actions.rules import work_leave as wl
    from actions.rules.params import ParameterNotInForce

    assert wl.care_leave("father_or_co_mother", "private", on=date(2026, 3, 2)).weeks == 2
    with pytest.raises(ParameterNotInForce):  # before arbeidsmiljøloven 2005 was in force
        wl.care_leave("father_or_co_mother", "private", on=date(2005, 6, 1))
    with pytest.raises(ParameterNotInForce):
        wl.notice_for_leave(date(2005, 6, 1), date(2005, 12, 1))


def test_every_result_with_notes_uses_the_one_mixin():
    # Issue 8: one mixin for notes and references instead of a copy per result class.
    import dataclasses

    from actions.rules import care_days, intro_programme, kindergarten, parental_benefit, work_leave
    from actions.rules.legal import Explained

    classes = [v for m in (care_days, intro_programme, kindergarten, parental_benefit, work_leave)
               for v in vars(m).values() if isinstance(v, type) and dataclasses.is_dataclass(v)
               and "notes" in {f.name for f in dataclasses.fields(v)}]
    assert len(classes) >= 14
    for cls in classes:
        assert issubclass(cls, Explained), cls
        assert "note" not in vars(cls) and "refs" not in vars(cls), cls
