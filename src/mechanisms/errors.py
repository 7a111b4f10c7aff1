"""One exception hierarchy for the whole library.

The CLI turns these into messages and exit codes at its edge; library users catch
:class:`MechanismsError` to handle every mistake the library reports about their input.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

import attrs

from .i18n import zh as _catalog_zh


class Text(Protocol):
    """What :func:`mechanisms.model.labels._` gives (a ``Label``): the same words in Chinese and English. Errors take
    one in place of an English string so a message is written once, through the catalog."""

    @property
    def zh(self) -> str: ...
    @property
    def en(self) -> str: ...


class Said(NamedTuple):
    """Words in Chinese and English for the modules below ``model`` (paths, converter), which cannot import
    :class:`~mechanisms.model.labels.Label`: a :class:`Text`, as errors take one."""

    zh: str
    en: str

    def format(self, **values: Any) -> Said:
        """Both languages with ``{name}`` placeholders filled (plain values)."""
        return Said(self.zh.format(**values) if self.zh else "", self.en.format(**values))


def said(msgid: str) -> Said:
    """The English ``msgid`` and its Chinese from the catalog: ``_`` of the modules below ``model`` (imported under
    that name, so tools/babel_extract.py finds their texts)."""
    return Said(_catalog_zh(msgid), msgid)


@attrs.frozen
class DataProblem:
    """One thing wrong with a user's input, located so they can find and fix it.

    ``row`` follows what a person sees: the spreadsheet row (header = 1, first data row = 2)
    for CSV and Excel, the 1-based position in the list for JSON/YAML/TOML documents.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    en: str = ""
    """The message in English where ``message`` is Chinese (messages written before the catalogs are English only)."""
    file_zh: str = ""
    """``file`` in Chinese where it names a thing rather than a file (``mechanism example``: ``机制 example``)."""

    @classmethod
    def of(cls, file: str | Text, row: int | None, field: str | None, message: Text) -> DataProblem:
        """A problem whose message comes from the catalog (``_("…").format(…)``): Chinese and English at once; so
        may its place, where it is not a file name."""
        place, place_zh = (file, "") if isinstance(file, str) else (file.en, file.zh)
        return cls(place, row, field, message.zh or message.en, message.en if message.zh else "", place_zh)

    def __str__(self) -> str:
        """The problem in English (what a library user reads, as ``str`` of every error is): :meth:`text` for zh."""
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.en or self.message}"

    def text(self, lang: str = "zh") -> str:
        """The problem as one line in ``lang``: file, row and field as the user wrote them, then the message."""
        if lang == "en":
            return str(self)
        if not self.en:  # an English-only message from before the catalogs
            return str(self)
        where = self.file_zh or self.file
        if self.row is not None:
            where += f"，第 {self.row} 行"
        if self.field:
            where += f"，字段“{self.field}”"
        return f"{where}：{self.message}"


class MechanismsError(Exception):
    """Root of every error the library raises about user input or configuration."""

    def text(self, lang: str = "zh") -> str:
        """The error in ``lang``: one text where the error was raised in one language only."""
        return str(self)


class _BilingualError(MechanismsError):
    """An error with an English text (``str``, what a library user reads) and a Chinese one the CLI prints.

    ``message`` is either a text from the catalog (``_("…").format(…)``, both languages) or an English string with
    its Chinese in ``zh``; an English string without one is looked up in the catalog when printed in Chinese.
    """

    def __init__(self, message: str | Text, zh: str = "") -> None:
        text = message if isinstance(message, str) else message.en
        super().__init__(text)
        if not isinstance(message, str):
            zh = zh or message.zh
        self.zh = zh

    def text(self, lang: str = "zh") -> str:
        if lang == "en":
            return str(self)
        return self.zh or _catalog_zh(str(self)) or str(self)


class DataError(MechanismsError):
    """Input data is wrong; carries every problem found, not just the first."""

    def __init__(self, problems: list[DataProblem] | tuple[DataProblem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(_BilingualError):
    """The caller asked for something that cannot be done (unknown key, bad option)."""


class PluginError(_BilingualError):
    """A plugin failed to import or contributed something invalid; names the plugin."""

    def __init__(self, plugin: str, message: str | Text) -> None:
        self.plugin = plugin
        if isinstance(message, str):
            super().__init__(f"plugin {plugin!r}: {message}", zh=f"插件 {plugin!r}：{_catalog_zh(message) or message}")
        else:
            super().__init__(f"plugin {plugin!r}: {message.en}", zh=f"插件 {plugin!r}：{message.zh or message.en}")


class OverwriteError(_BilingualError):
    """A write would replace an existing file and the caller did not ask for that."""


class WriteError(_BilingualError):
    """An output could not be written (a read-only folder, a full disk); nothing of it was left behind."""
