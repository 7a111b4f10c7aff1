"""Checks every input file passes before a reader touches its bytes, so hostile input is refused in bounded time.

A reader calls :func:`check_input` first: special files (``/dev/zero``, FIFOs, devices) and files larger than the
caller's cap are refused with a located :class:`~mechanisms.errors.DataError`, never read forever. A workbook then
passes :func:`check_workbook` (a zip bomb unpacks to gigabytes from kilobytes). Inside a file, the limits below bound
what a reader builds: nesting (deep documents crash parsers), YAML alias expansion ("billion laughs"), cell length;
the problem constructors give each its one message in Chinese and English.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import DataError, DataProblem

MAX_INPUT_BYTES = 4 * 1024**3
"""The largest input file read at all (4 GiB); a province's Parquet is far below it."""


def check_input(path: Path | str, *, max_bytes: int = MAX_INPUT_BYTES) -> int:
    """The size of ``path`` once it is known to be a regular file no larger than ``max_bytes``."""
    p = Path(path)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise DataError([DataProblem(str(p), None, None, "文件不存在", "no such file")]) from None
    except OSError as exc:
        raise DataError([DataProblem(str(p), None, None, f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}")]) from None
    if not stat.S_ISREG(st.st_mode):
        raise DataError([DataProblem(str(p), None, None, "不是普通文件（设备、管道或套接字不能作为数据读取）",
                                     "not a regular file (a device, pipe or socket cannot be read as data)")])
    if st.st_size > max_bytes:
        raise DataError([DataProblem(str(p), None, None,
                                     f"文件过大：{st.st_size:,} 字节，上限 {max_bytes:,} 字节",
                                     f"file too large: {st.st_size:,} bytes, the limit is {max_bytes:,}")])
    return st.st_size


# ---------------------------------------------------------------- limits inside a file

MAX_NESTING = 100
"""The deepest nesting of lists and mappings a JSON/YAML/TOML document may have (a county needs 3, a mechanism 8)."""

MAX_ALIAS_NODES = 10_000
"""How many nodes YAML aliases may add beyond the document's own (or as many as it writes, if more)."""

MAX_NUMBER_DIGITS = 100
"""The most digits a number in a document may have (a household count has ten at most; Python refuses 4300)."""

MAX_CELL_CHARS = 131_072
"""The longest cell a table may hold (Python's csv default field limit; a name or a note is far below it)."""

MAX_XLSX_UNCOMPRESSED = 2 * 1024**3
"""The most a workbook may unpack to (2 GiB): a 100k-row county is ~50 MB, a zip bomb is many GB."""

MAX_XLSX_MEMBERS = 10_000
"""The most files a workbook's zip may hold (a real one has tens)."""

MAX_XLSX_RATIO = 1_000
"""The most a workbook member may unpack to per byte stored (sheet XML packs 10-50×; a zip bomb 1000× and more)."""


def too_deep(file: str, line: int | None, limit: int) -> DataProblem:
    """A document nested deeper than ``limit``: refused before it is built (deep nesting crashes parsers)."""
    return DataProblem(file, line, None, f"嵌套过深：超过 {limit} 层列表或映射",
                       f"nested too deep: more than {limit} levels of lists or mappings")


def alias_bomb(file: str, line: int | None, limit: int) -> DataProblem:
    """YAML aliases that would expand past ``limit`` nodes ("billion laughs")."""
    return DataProblem(file, line, None, f"YAML 别名展开过多：超过 {limit:,} 个节点（疑似“十亿笑声”攻击）",
                       f"YAML aliases expand too far: more than {limit:,} nodes (a 'billion laughs' document?)")


def bad_number(file: str, line: int | None, token: str) -> DataProblem:
    """A number too long to be one, or beyond the float range (which would silently become infinity)."""
    shown = token if len(token) <= 40 else f"{token[:20]}…（{len(token):,} 个字符）"
    shown_en = token if len(token) <= 40 else f"{token[:20]}… ({len(token):,} characters)"
    return DataProblem(file, line, None, f"数值过大：{shown}（数字最多 {MAX_NUMBER_DIGITS} 位，且须在浮点数范围内）",
                       f"number too large: {shown_en} (at most {MAX_NUMBER_DIGITS} digits, within the float range)")


def cell_too_long(file: str, row: int | None, field: str | None, length: int | None,
                  limit: int = MAX_CELL_CHARS) -> DataProblem:
    """A cell longer than ``limit`` characters (``length`` where known)."""
    got_zh = f"{length:,} 个字符，" if length is not None else ""
    got_en = f"{length:,} characters, " if length is not None else ""
    return DataProblem(file, row, field, f"单元格过长：{got_zh}上限 {limit:,} 个字符",
                       f"cell too long: {got_en}the limit is {limit:,} characters")


def check_workbook(path: Path | str, *, max_uncompressed: int = MAX_XLSX_UNCOMPRESSED,
                   max_members: int = MAX_XLSX_MEMBERS, max_ratio: int = MAX_XLSX_RATIO,
                   verify: bool = False) -> None:
    """Refuse a workbook that is not a zip, holds too many members, or unpacks too far (a zip bomb).

    The sizes a zip states are checked first (cheap). With ``verify`` every member is also unpacked
    in a stream, up to the stated size plus one byte, so a zip that lies about its sizes is caught too
    (Python's zipfile stops at the stated size and checks the CRC). Call it after :func:`check_input`.
    """
    import zipfile

    p = str(path)

    def refuse(zh: str, en: str) -> DataError:
        return DataError([DataProblem(p, None, None, zh, en)])

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > max_members:
                raise refuse(f"不是正常的 .xlsx 工作簿：压缩包内有 {len(infos):,} 个文件，上限 {max_members:,}",
                             f"not a sound .xlsx workbook: its zip holds {len(infos):,} files, the limit is "
                             f"{max_members:,}")
            total = sum(i.file_size for i in infos)
            if total > max_uncompressed:
                raise refuse(f"工作簿解压后过大：{total:,} 字节，上限 {max_uncompressed:,} 字节（疑似压缩炸弹）",
                             f"workbook unpacks too large: {total:,} bytes, the limit is {max_uncompressed:,} "
                             "(a zip bomb?)")
            for i in infos:
                if i.file_size > 1024 * 1024 and i.file_size > max_ratio * max(i.compress_size, 1):
                    raise refuse(f"工作簿成员 {i.filename} 压缩比过高（{i.file_size // max(i.compress_size, 1):,}"
                                 f" 倍，上限 {max_ratio:,}；疑似压缩炸弹）",
                                 f"workbook member {i.filename} is packed too tightly "
                                 f"({i.file_size // max(i.compress_size, 1):,}×, the limit is {max_ratio:,}; a zip "
                                 "bomb?)")
            if verify:
                for i in infos:
                    with zf.open(i) as fh:
                        while fh.read(1024 * 1024):
                            pass
    except zipfile.BadZipFile as exc:
        raise refuse(f"不是可读的 .xlsx 工作簿：{exc}", f"not a readable .xlsx workbook: {exc}") from None
    except (OSError, EOFError, NotImplementedError, ValueError) as exc:  # zlib/lzma errors, unsupported methods
        raise refuse(f"不是可读的 .xlsx 工作簿：{exc}", f"not a readable .xlsx workbook: {exc}") from None
