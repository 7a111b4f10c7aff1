"""Safe arithmetic over named figures, for derived reference figures and overrides.

Only numbers, names, + - * / ** (), unary minus and the functions ``round``, ``min``,
``max``, ``sum``, ``abs`` are allowed: a formula in a TOML mechanism file is data, never code.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from typing import Any

from .labels import Label, _


def _fsum(*xs: float) -> float:
    return math.fsum(xs)


# the callables take floats; min/max/round are overloaded builtins, so they are held as Callable[..., Any]
_FUNCS: dict[str, Callable[..., Any]] = {"round": round, "min": min, "max": max, "abs": abs, "sum": _fsum}
_BIN: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b, ast.Pow: lambda a, b: a ** b}


_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Call, ast.Load, ast.USub, ast.UAdd,
            *_BIN)


class FormulaError(ValueError):
    """A text that is not a formula, or cannot be evaluated: ``str`` is the English, ``label`` both languages."""

    def __init__(self, message: Label) -> None:
        super().__init__(message.en)
        self.label = message


def names(formula: str) -> set[str]:
    """The figure names a formula uses (raises :class:`FormulaError` if it is not a formula)."""
    tree = _parse(formula)
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in _FUNCS}


def _parse(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(_("not a formula: {formula} ({reason})").format(formula=repr(formula), reason=exc.msg)) \
            from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise FormulaError(_("{formula}: {node} is not allowed in a formula").format(
                formula=repr(formula), node=type(node).__name__))
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in _FUNCS):
            raise FormulaError(_("{formula}: only {functions} may be called").format(
                formula=repr(formula), functions=", ".join(_FUNCS)))
        if isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise FormulaError(_("{formula}: only numbers are allowed as constants").format(formula=repr(formula)))
    return tree


def evaluate(formula: str, values: Mapping[str, float]) -> float:
    """Evaluate ``formula`` with ``values``; unknown names and division by zero are FormulaErrors."""
    tree = _parse(formula)

    def ev(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return ev(node.body)
        if isinstance(node, ast.Constant):
            assert isinstance(node.value, int | float)  # _parse allows only numeric constants
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in values:
                raise FormulaError(_("{formula}: unknown figure {name}").format(formula=repr(formula),
                                                                                name=repr(node.id)))
            return float(values[node.id])
        if isinstance(node, ast.UnaryOp):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            a, b = ev(node.left), ev(node.right)
            try:
                return float(_BIN[type(node.op)](a, b))
            except ZeroDivisionError:
                raise FormulaError(_("{formula}: division by zero").format(formula=repr(formula))) from None
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            args = [ev(a) for a in node.args]
            if node.func.id == "round":
                return float(round(args[0], int(args[1]) if len(args) > 1 else 0))
            return float(_FUNCS[node.func.id](*args))
        raise FormulaError(_("{formula}: cannot evaluate {node}").format(formula=repr(formula),
                                                                        node=type(node).__name__))

    return ev(tree)
