"""Codes for ids, exact, without hashing a million distinct strings: the reference lookups' join key.

Why: the lookups of :mod:`mechanisms.io.column_checks` join a million unit ids with a million references
to them. Arrow's dictionary encoding of that much text costs 250 ns a string (half a second at a million, ten
seconds for a province), and not for the hashing: each of a million distinct strings is copied into a memo
table far larger than the cache. Encoding a column with *few* distinct values is twenty times cheaper (a
million parents naming 25,000 groups: 15 ms), and ids as counties write them share long prefixes
(``T001V00003G08H002``: the household's group, then a number). So an id is split into its prefix (all but
the last four bytes), which Arrow encodes cheaply, and its last four bytes, read straight from the column's
buffers with numpy; prefix code, length of the tail and the tail's bytes pack into one 64-bit integer that
*is* the id (two ids have the same integer exactly when they are the same string: nothing is guessed).
The integers are then coded by a stable sort where they come nearly in order (a file sorted by id, or in
runs: 10 ms a million) and by Arrow's integer hash otherwise.

Where the prefixes are as varied as the ids (random ids, UUIDs) nothing is gained, and the caller encodes
the text with Arrow as before (:func:`id_codes` answers ``None``); likewise for columns that are not text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .colparse import from_numpy

TAIL = 4
"""Bytes of an id kept as bytes (the rest, its prefix, is encoded by Arrow)."""
SAMPLE = 1 << 16
"""Ids looked at to tell whether their prefixes repeat (when they do not, the text is encoded as it is)."""
MAX_PREFIXES = 1 << 28
"""Distinct prefixes the 64-bit key holds (28 bits of prefix code, 3 of tail length, 32 of tail bytes)."""
_TAIL_MASK = np.array([(1 << (8 * b)) - 1 for b in range(TAIL + 1)], dtype=np.uint64)


def _text_chunks(arr: Any) -> list[Any] | None:
    chunks = list(arr.chunks) if isinstance(arr, pa.ChunkedArray) else [arr]
    if not all(pa.types.is_string(c.type) or pa.types.is_large_string(c.type) for c in chunks):
        return None
    return chunks


def _prefixes(chunk: Any) -> Any:
    """All but the last :data:`TAIL` bytes of every id ("" for a shorter one), as binary."""
    binary = chunk.cast(pa.large_binary() if pa.types.is_large_string(chunk.type) else pa.binary())
    return pc.binary_slice(binary, 0, -TAIL)


def _repeating(chunks: list[Any]) -> bool:
    """Whether the first ids' prefixes repeat (under half of them distinct): the split pays only then."""
    head = pa.chunked_array(chunks).slice(0, SAMPLE) if chunks else None
    if head is None or len(head) == 0:
        return True
    pre = pa.chunked_array([_prefixes(c) for c in head.chunks])
    return len(pc.unique(pre)) * 2 <= len(head)


def _tails(chunk: Any) -> tuple[np.ndarray, np.ndarray]:
    """Per id, its last :data:`TAIL` bytes as one big-endian integer (shorter ids left-aligned), with the count of
    those bytes in the two bits above them (bits 32-34): the low 35 bits of the id's key."""
    n = len(chunk)
    if n == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.uint64)
    bufs = chunk.buffers()
    wide = pa.types.is_large_string(chunk.type)
    offsets: np.ndarray = np.frombuffer(bufs[1], np.int64 if wide else np.int32, count=n + 1,
                                        offset=chunk.offset * (8 if wide else 4))
    lo, hi = int(offsets[0]), int(offsets[-1])
    raw = np.frombuffer(bufs[2], np.uint8) if bufs[2] is not None and bufs[2].size else np.zeros(0, np.uint8)
    pad = np.zeros(hi - lo + TAIL, np.uint8)  # the rows' bytes, and room to read a word past the last
    pad[: hi - lo] = raw[lo:hi]
    words = np.ndarray((hi - lo + 1,), dtype="<u4", buffer=pad, strides=(1,))  # a word at every byte (unaligned)
    end = offsets[1:] - lo
    size = np.minimum(end - (offsets[:-1] - lo), TAIL)  # a null row's offsets give an empty tail
    tail = words[end - size].astype(np.uint64)
    tail &= _TAIL_MASK[size]
    tail = tail.astype(np.uint32).byteswap().astype(np.uint64)  # the first byte highest: keys sort as the text
    tail |= size.astype(np.uint64) << np.uint64(32)
    return tail, size


def _nearly_sorted(keys: np.ndarray) -> bool:
    """Whether the keys come in runs (eight on average, at least) that a stable sort (timsort) merges in a few
    passes: a file sorted by id, depth first (a village, its groups, their households: 23,000 runs in a million
    sort in 6 ms), or level by level. Ids in no order (runs of two) are hashed instead."""
    return len(keys) < 2 or int(np.count_nonzero(keys[1:] < keys[:-1])) * 8 <= len(keys)


def id_keys(parts: Sequence[Any]) -> list[np.ndarray] | None:
    """Per part (Arrow text columns, the ids first), each row's id as one int64 that *is* the string (equal exactly
    where the strings are), -1 for null. ``None`` where this way does not pay or does not apply (a column not text,
    ids whose prefixes do not repeat): the caller encodes the text with Arrow."""
    chunked: list[list[Any]] = []
    for p in parts:
        cs = _text_chunks(p)
        if cs is None:
            return None
        chunked.append(cs)
    flat = [c for cs in chunked for c in cs if len(c)]  # Arrow's encoding drops empty chunks
    total = sum(len(c) for c in flat)
    if total == 0:
        return [np.zeros(0, np.int64) for _ in parts]
    if not _repeating(chunked[0]):
        return None
    wide = any(pa.types.is_large_string(c.type) for c in flat)
    binary = pa.large_binary() if wide else pa.binary()
    prefixes = pa.chunked_array([_prefixes(c).cast(binary) for c in flat], type=binary)
    denc = prefixes.dictionary_encode()
    del prefixes
    if len(denc.chunks) and len(denc.chunks[-1].dictionary) >= MAX_PREFIXES:
        return None
    keys = np.empty(total, np.int64)  # filled a chunk at a time: no ten-million-row temporaries
    pos = 0
    for c, d in zip(flat, denc.chunks, strict=True):
        n = len(c)
        prefix = np.asarray(d.indices.to_numpy(zero_copy_only=False)).astype(np.int64) if d.null_count == 0 else \
            np.asarray(pc.fill_null(d.indices, -1).to_numpy(zero_copy_only=False), np.int64)
        tail, _ = _tails(c)
        part = keys[pos:pos + n]
        np.left_shift(np.maximum(prefix, 0), 35, out=part)
        part |= tail.view(np.int64)
        if d.null_count:
            part[prefix < 0] = -1
        pos += n
    del denc
    out = []
    pos = 0
    for cs in chunked:
        n = sum(len(c) for c in cs)
        out.append(keys[pos:pos + n])
        pos += n
    return out


def sorted_lookup(keys: Sequence[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]] | None:
    """:func:`~mechanisms.io.column_checks.lookup` on :func:`id_keys` (the ids' keys first) where the ids come
    nearly in order (a file sorted by id, or in runs): one stable sort of the ids alone and a binary search per
    reference, no hash table. ``None`` where the ids are in no order (the caller hashes the keys)."""
    own = keys[0]
    if not _nearly_sorted(own):
        return None
    order = np.argsort(own, kind="stable")  # equal ids: the earliest row first
    ordered = own[order]
    dup = np.zeros(len(own), bool)
    if len(own) > 1:
        again = (ordered[1:] == ordered[:-1]) & (ordered[1:] >= 0)
        dup[order[1:][again]] = True
    found = []
    last = len(ordered) - 1
    for k in keys[1:]:
        at = np.minimum(np.searchsorted(ordered, k, side="left"), last)
        hit = (ordered[at] == k) & (k >= 0)
        found.append(np.where(hit, order[at], -1))
    return dup, found


def id_codes(parts: Sequence[Any]) -> list[np.ndarray] | None:
    """Per part (Arrow text columns, the ids first), each row's code: equal exactly where the ids are, -1 for
    null, dense from 0 (their order is not Arrow's). ``None`` as for :func:`id_keys`."""
    per_part = id_keys(parts)
    if per_part is None:
        return None
    return codes_of(per_part)


def codes_of(per_part: Sequence[np.ndarray]) -> list[np.ndarray]:
    """:func:`id_keys`' keys as dense codes (-1 for null): a stable sort where they come nearly in order, Arrow's
    integer hash otherwise."""
    keys = np.concatenate(per_part) if per_part else np.zeros(0, np.int64)
    total = len(keys)
    null = keys < 0
    if total and _nearly_sorted(keys):
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        step = np.empty(total, bool)
        step[0] = False
        np.not_equal(ordered[1:], ordered[:-1], out=step[1:])
        del ordered
        group = np.cumsum(step, dtype=np.int64)
        del step
        if null.any():  # the nulls (key -1) sort first, as group 0: the rest count from 0
            group -= 1
        codes = np.empty(total, np.int64)
        codes[order] = group
    elif total:
        codes = np.asarray(pc.fill_null(from_numpy(keys, valid=~null).dictionary_encode().indices, -1)
                           .to_numpy(zero_copy_only=False), np.int64)
    else:
        codes = np.zeros(0, np.int64)
    if null.any():
        codes[null] = -1
    out = []
    pos = 0
    for k in per_part:
        out.append(codes[pos:pos + len(k)])
        pos += len(k)
    return out
