"""Conditions in an interview spec: small Python expressions over the facts, checked when the spec
is loaded and evaluated without `eval`.

Allowed: fact names, constants (numbers, strings, True/False/None, lists), `and`/`or`/`not`,
comparisons (== != < <= > >= in, not in, is, is not), `len(fact)`, and calls of the topic's named
predicates without arguments (`needs_employer()`), which get the facts and today's date.
A comparison with an unknown (None) fact is False, so "chronic_count <= children_count" holds
only when both are known.
"""
from __future__ import annotations

import ast
import operator
from datetime import date
from typing import Any, Callable, Mapping

Predicate = Callable[[Mapping[str, Any], date], Any]

_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b, ast.Is: operator.is_, ast.IsNot: operator.is_not,
}
BUILTINS = {"len": len}


class ConditionError(ValueError):
    pass


class Condition:
    """A parsed condition. `names` are the facts it reads, `calls` the predicates it calls."""

    def __init__(self, text: str):
        self.text = str(text)
        try:
            self.tree = ast.parse(self.text, mode="eval").body
        except SyntaxError as exc:
            raise ConditionError(f"not an expression: {self.text!r} ({exc.msg})") from None
        self.names: set[str] = set()
        self.calls: set[str] = set()
        self._check(self.tree)

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"

    def _check(self, node: ast.AST) -> None:
        if isinstance(node, ast.BoolOp):
            for v in node.values:
                self._check(v)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            self._check(node.operand)
        elif isinstance(node, ast.Compare):
            if not all(type(op) in _COMPARE for op in node.ops):
                raise ConditionError(f"unsupported comparison in {self.text!r}")
            for v in (node.left, *node.comparators):
                self._check(v)
        elif isinstance(node, ast.Name):
            if node.id not in ("True", "False", "None"):
                self.names.add(node.id)
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float, str, bool, type(None))):
                raise ConditionError(f"unsupported constant in {self.text!r}")
        elif isinstance(node, (ast.List, ast.Tuple)):
            for v in node.elts:
                self._check(v)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            name = node.func.id
            if name in BUILTINS:
                if len(node.args) != 1:
                    raise ConditionError(f"{name}() takes one fact in {self.text!r}")
                self._check(node.args[0])
            elif node.args:
                raise ConditionError(f"predicate {name}() takes no arguments in {self.text!r}")
            else:
                self.calls.add(name)
        else:
            raise ConditionError(f"unsupported syntax {type(node).__name__} in {self.text!r}")

    def __call__(self, facts: Mapping[str, Any], today: date,
                 predicates: Mapping[str, Predicate]) -> bool:
        return bool(self._eval(self.tree, facts, today, predicates))

    def _eval(self, node, facts, today, predicates):
        if isinstance(node, ast.BoolOp):
            if isinstance(node.op, ast.And):
                return all(self._eval(v, facts, today, predicates) for v in node.values)
            return any(self._eval(v, facts, today, predicates) for v in node.values)
        if isinstance(node, ast.UnaryOp):
            return not self._eval(node.operand, facts, today, predicates)
        if isinstance(node, ast.Compare):
            left = self._eval(node.left, facts, today, predicates)
            for op, right_node in zip(node.ops, node.comparators):
                right = self._eval(right_node, facts, today, predicates)
                if not isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)) and (left is None or right is None):
                    return False
                try:
                    if not _COMPARE[type(op)](left, right):
                        return False
                except TypeError:
                    return False
                left = right
            return True
        if isinstance(node, ast.Name):
            return {"True": True, "False": False, "None": None}.get(node.id, facts.get(node.id)) \
                if node.id in ("True", "False", "None") else facts.get(node.id)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self._eval(v, facts, today, predicates) for v in node.elts]
        if isinstance(node, ast.Call):
            name = node.func.id
            if name in BUILTINS:
                value = self._eval(node.args[0], facts, today, predicates)
                try:
                    return BUILTINS[name](value)
                except TypeError:
                    return None
            return predicates[name](facts, today)
        raise ConditionError(f"cannot evaluate {self.text!r}")  # pragma: no cover (checked at load)
