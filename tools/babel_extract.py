"""Babel extractor for the library's Python sources: every text a person reads, as the catalog's msgids.

Found in one pass over each module's syntax tree (``pybabel extract -F babel.cfg``; see ``make catalogs``):

- ``_("…")``, ``translate("…", lang)`` and ``p_("context", "…")`` (a msgctxt) -- texts written through the catalog;
- ``help=``, ``short_help=`` and ``epilog=`` of any call (click options and commands), and the default of a
  function parameter or keyword whose name holds ``help`` and a text (with a space: choices have none) given
  positionally to an ``*_option`` factory (``def workers_option(help_text="…")``, ``workers_option("…")``);
- the docstring of every function decorated as a click command or group (``@click.command``, ``@db.command(…)``),
  cleaned as click shows it (:func:`inspect.cleandoc`, cut at ``\\f``);
- the short help (third item) of every row of a ``COMMANDS = {…}`` table and the strings of a ``CLICK_TEXTS``
  tuple (click's own help texts).

Only string literals (implicit concatenation included) are texts; anything computed is for a person to convert to
``_("… {x} …").format(x=…)``. :func:`messages` is what both the extractor and tests/test_i18n.py call.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from typing import IO, Any

HELP_KEYWORDS = ("help", "short_help", "epilog")
PLAIN = ("_", "translate")
CONTEXT = ("p_",)


def click_help(text: str) -> str:
    """A help text as click shows it, which is the form the catalog holds."""
    return inspect.cleandoc(text).partition("\f")[0].strip()


def _text(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_command_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return _name(target) in ("command", "group")


def messages(source: str) -> Iterator[tuple[int, str | None, str]]:
    """``(line, context, msgid)`` for every text of one module's source, in source order."""
    tree = ast.parse(source)
    found: list[tuple[int, str | None, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in PLAIN and node.args and (msg := _text(node.args[0])):
                found.append((node.lineno, None, msg))
            elif name in CONTEXT and len(node.args) >= 2 and (ctx := _text(node.args[0])) and (msg := _text(node.args[1])):
                found.append((node.lineno, ctx, msg))
            for kw in node.keywords:
                if kw.arg and (kw.arg in HELP_KEYWORDS or "help" in kw.arg) and (msg := _text(kw.value)) and click_help(msg):
                    found.append((kw.value.lineno, None, click_help(msg)))
            if name.endswith("_option"):  # an option factory given its help: workers_option("Processes for …")
                found.extend((a.lineno, None, click_help(msg)) for a in node.args
                             if (msg := _text(a)) and " " in msg.strip())
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults, strict=True),
                     *((a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None)]
            for arg, default in pairs:  # an option factory's default help: def workers_option(help_text="…")
                if "help" in arg.arg and (msg := _text(default)) and click_help(msg):
                    found.append((default.lineno, None, click_help(msg)))
            if any(_is_command_decorator(d) for d in node.decorator_list):
                doc = ast.get_docstring(node, clean=False)
                if doc and click_help(doc):
                    found.append((node.body[0].lineno, None, click_help(doc)))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if "COMMANDS" in names and isinstance(node.value, ast.Dict):
                for row in node.value.values:
                    if isinstance(row, ast.Tuple) and len(row.elts) >= 3 and (msg := _text(row.elts[2])):
                        found.append((row.elts[2].lineno, None, click_help(msg)))
            if "CLICK_TEXTS" in names and isinstance(node.value, ast.Tuple):
                found.extend((e.lineno, None, msg) for e in node.value.elts if (msg := _text(e)))
    yield from sorted(found, key=lambda f: f[0])


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]) -> Iterator[
        tuple[int, str, str | tuple[str, str], list[str]]]:
    """The Babel extraction method (``[tools.babel_extract.extract: **.py]`` in babel.cfg)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, context, msgid in messages(source):
        if context is None:
            yield line, "gettext", msgid, []
        else:
            yield line, "pgettext", (context, msgid), []
