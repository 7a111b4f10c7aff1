"""`mechanisms new`: a plugin distribution for a new county mechanism, valid and tested from the first minute.

A plugin is a handful of files whose names must agree (the key, the entry point, the package, the test, the source
file); writing them by hand is where the mistakes happen. The files are templates shipped as package data
(``mechanisms/templates/plugin``) and filled by plain string substitution, so rendering needs nothing new. The tree
is written into a temporary folder beside the target and renamed into place, so a failure never leaves half a plugin,
and an existing folder is replaced only on ``--force``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import click

from ..errors import OverwriteError, UsageError
from ..model.labels import Lang, _
from .options import lang_option
from .output import console

NAME_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TEMPLATE_SUFFIX = ".tmpl"
PACKAGE_DIR = "PACKAGE"  # the template folder that becomes the package's name; also in file names (test_PACKAGE.py)


def names_for(name: str) -> dict[str, str]:
    """What the templates substitute: ``{{name}}`` the key, ``{{distribution}}``, ``{{package}}`` the import name."""
    return {"name": name, "distribution": f"mechanisms-{name}", "package": f"mechanisms_{name.replace('-', '_')}"}


def render(text: str, names: dict[str, str]) -> str:
    for key, value in names.items():
        text = text.replace("{{" + key + "}}", value)
    return text


def _templates(folder: Traversable, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _templates(entry, (*prefix, entry.name))
        elif entry.name.endswith(TEMPLATE_SUFFIX):
            yield (*prefix, entry.name.removesuffix(TEMPLATE_SUFFIX)), entry


def plugin_files(name: str) -> dict[str, str]:
    """The plugin's files for ``name``: relative path (with ``/``) → text."""
    names = names_for(name)
    root = files("mechanisms") / "templates" / "plugin"
    return {"/".join(part.replace(PACKAGE_DIR, names["package"]) for part in parts):
            render(entry.read_text(encoding="utf-8"), names) for parts, entry in _templates(root)}


def _check_replaceable(target: Path) -> None:
    """``--force`` replaces a plugin folder, never a file, a repository or the folder the user stands in."""
    if not target.is_dir():
        raise UsageError(_("{target} exists and is not a folder; not replacing it").format(target=str(target)))
    here = Path.cwd().resolve()
    if target.resolve() == here or target.resolve() in here.parents or (target / ".git").exists():
        raise UsageError(_("{target} holds the current folder or a repository; not replacing it, even with --force")
                         .format(target=str(target)))


_EXISTS = _("{target} exists; not replacing it (pass --force to replace it)")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_tree(target: Path, tree: dict[str, str], *, force: bool = False) -> bool:
    """Write ``tree`` as the folder ``target`` in one rename; ``True`` when it replaced an existing folder."""
    if target.exists() and not force:
        raise OverwriteError(_EXISTS.format(target=str(target)))
    if target.exists():
        _check_replaceable(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        for rel, text in tree.items():
            path = tmp.joinpath(*rel.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes the folder private; give it the mode mkdir would
        if not target.exists():
            os.rename(tmp, target)  # fails, rather than merging, if a non-empty folder appeared meanwhile
            return False
        if not force:  # created while we wrote: keep theirs
            raise OverwriteError(_EXISTS.format(target=str(target)))
        old = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.old")
        os.rename(target, old)
        try:
            os.rename(tmp, target)
        except OSError:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(tmp)


def _check_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not NAME_RE.fullmatch(value):
        from .help_i18n import help_lang  # the command line's --lang, also where NAME is read before it

        lang: Lang = "en" if help_lang(ctx) == "en" else "zh"
        raise click.BadParameter(_("{value}: use lowercase letters, digits and single '-' between them, e.g. my-county")
                                 .format(value=repr(value)).get(lang))
    return value


MESSAGES = {
    "wrote": _("Wrote the plugin {distribution} (mechanism {name}): {target}"),
    "replaced": _("Replaced the plugin {distribution} (mechanism {name}): {target}"),
    "next": _("Next steps:"),
    "step1": _("  1. Run its tests: uv run pytest {target}"),
    "step2": _("  2. Replace tests/source/source.txt with the real source and fill in src/{package}/mechanism.yaml "
               "section by section (see README.md); run the tests again"),
    "step3": _("  3. Add it to the workspace: keep it under plugins/, or add its path to [tool.uv.workspace] members in "
               "the root pyproject.toml; add {distribution} to the dev group and to [tool.uv.sources]; then uv lock && "
               "uv sync"),
    "step4": _("  4. Look at it: mechanisms show {name} (before it is installed: "
               "MECHANISMS_PATH={target}/src/{package} mechanisms show {name})"),
}


@click.command()
@click.argument("name", callback=_check_name)
@click.option("--dir", "target", type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write (default: NAME with '_' for '-', in the current folder; in the mechanisms "
                   "repository, plugins/<folder> makes it a workspace member).")
@click.option("--force", is_flag=True, help="Replace the folder if it exists.")
@lang_option
def new(name: str, target: Path | None, force: bool, lang: Lang) -> None:
    """Write a plugin distribution for a new county mechanism, with a commented mechanism.yaml and passing tests.

    NAME is the mechanism's key: lowercase letters, digits and '-' (e.g. my-county). The plugin is the distribution
    mechanisms-NAME with the package mechanisms_NAME ('-' as '_'); its mechanism and source describe a fictional
    county until you replace them.
    """
    target = target if target is not None else Path(name.replace("-", "_"))
    tree = plugin_files(name)
    replaced = write_tree(target, tree, force=force)
    names = {**names_for(name), "target": str(target)}
    out = console()
    out.print(MESSAGES["replaced" if replaced else "wrote"].format(**names).get(lang), markup=False)
    for rel in tree:
        out.print(f"  {rel}", markup=False)
    out.print(MESSAGES["next"].get(lang), markup=False)
    for step in ("step1", "step2", "step3", "step4"):
        out.print(MESSAGES[step].format(**names).get(lang), markup=False)
