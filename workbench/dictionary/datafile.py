"""Random access to a dictionary's data file: plain, gzip, or dictzip (gzip in chunks).

dictzip (the ``.dz`` of dictd and StarDict) is a gzip file whose header holds an ``RA`` extra
field: the length of an uncompressed chunk and the compressed size of every chunk; each chunk
is deflated on its own (full flush), so a byte range is read by inflating only its chunks. A
plain gzip without that field is inflated once, in memory (small files only). Reads use
``os.pread`` on one descriptor, so one reader may be shared by threads.
"""

from __future__ import annotations

import contextlib
import gzip
import mmap
import os
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

from workbench.errors import InputError

CACHED_CHUNKS = 256  # at most about 15 MB of inflated chunks
MAX_PLAIN_GZIP = 256 * 1024 * 1024


class DataFile:
    """Bytes ``[offset, offset + length)`` of an uncompressed stream, read on demand."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._fd = os.open(self.path, os.O_RDONLY)
        except OSError as exc:
            raise InputError(self.path, f"cannot open ({exc.strerror})") from None
        self.size_on_disk = os.fstat(self._fd).st_size
        self._lock = threading.Lock()
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._whole: bytes | None = None
        self._chunks: list[int] = []  # file offset of every chunk, and the end
        self._chunk_len = 0
        self._last_len: int | None = None  # the last chunk's inflated length (dictzip)
        head = self._pread(2, 0)
        self.compressed = head == b"\x1f\x8b"
        if self.compressed:
            self._read_gzip_header()

    def _pread(self, length: int, offset: int) -> bytes:
        """``length`` bytes at ``offset``; a read error (a failing disk or network share)
        is an InputError naming the file."""
        try:
            return os.pread(self._fd, length, offset)
        except OSError as exc:
            raise InputError(self.path, f"cannot read ({exc.strerror})") from None

    def _read_gzip_header(self) -> None:
        head = self._pread(12, 0)
        if len(head) < 10:
            raise InputError(self.path, "truncated gzip header")
        flags = head[3]
        pos = 10
        if flags & 4:  # FEXTRA
            if len(head) < 12:
                raise InputError(self.path, "truncated gzip header")
            xlen = struct.unpack("<H", head[10:12])[0]
            extra = self._pread(xlen, 12)
            if len(extra) < xlen:
                raise InputError(self.path, "truncated gzip header")
            pos = 12 + xlen
            self._parse_extra(extra)
        if not self._chunks:  # plain gzip: inflate once
            if self.size_on_disk > MAX_PLAIN_GZIP:
                raise InputError(self.path, "a large gzip file without dictzip chunks")
            try:
                with gzip.open(self.path, "rb") as fh:
                    self._whole = fh.read()
            except (OSError, EOFError, zlib.error) as exc:
                raise InputError(self.path, f"corrupt gzip data ({exc})") from None
            return
        for flag, in ((8,), (16,)):  # FNAME, FCOMMENT: zero-terminated strings
            if flags & flag:
                while True:
                    block = self._pread(256, pos)
                    if not block:
                        raise InputError(self.path, "truncated gzip header")
                    end = block.find(b"\0")
                    if end >= 0:
                        pos += end + 1
                        break
                    pos += len(block)
        if flags & 2:  # FHCRC
            pos += 2
        offsets = [pos]
        for size in self._sizes:
            offsets.append(offsets[-1] + size)
        if offsets[-1] > self.size_on_disk:
            raise InputError(self.path, "truncated dictzip data (chunks run past the end)")
        self._chunks = offsets
        # the last chunk's length, from the trailer's size (modulo 2**32, as gzip keeps it)
        last = (self.size - (len(self._sizes) - 1) * self._chunk_len) % (1 << 32)
        self._last_len = last if last <= self._chunk_len else None

    def _parse_extra(self, extra: bytes) -> None:
        pos = 0
        while pos + 4 <= len(extra):
            sub_id = extra[pos : pos + 2]
            sub_len = struct.unpack("<H", extra[pos + 2 : pos + 4])[0]
            body = extra[pos + 4 : pos + 4 + sub_len]
            pos += 4 + sub_len
            if sub_id != b"RA" or len(body) < 6:
                continue
            _version, chunk_len, count = struct.unpack("<HHH", body[:6])
            if len(body) < 6 + 2 * count:
                raise InputError(self.path, "truncated dictzip chunk table")
            if not chunk_len:
                raise InputError(self.path, "broken dictzip chunk table (chunk length 0)")
            self._chunk_len = chunk_len
            self._sizes = list(struct.unpack(f"<{count}H", body[6 : 6 + 2 * count]))
            self._chunks = [0]  # filled with real offsets once the header's end is known

    def read(self, offset: int, length: int) -> bytes:
        """The uncompressed bytes at ``offset`` (fewer only if the stream ends)."""
        if self._whole is not None:
            return self._whole[offset : offset + length]
        if not self.compressed:
            return self._pread(length, offset)
        if length <= 0:
            return b""
        first = offset // self._chunk_len
        last = (offset + length - 1) // self._chunk_len
        parts = [self._chunk(c) for c in range(first, min(last, len(self._chunks) - 2) + 1)]
        data = b"".join(parts)
        start = offset - first * self._chunk_len
        return data[start : start + length]

    def _chunk(self, index: int) -> bytes:
        with self._lock:
            hit = self._cache.get(index)
            if hit is not None:
                self._cache.move_to_end(index)
                return hit
        begin, end = self._chunks[index], self._chunks[index + 1]
        raw = self._pread(end - begin, begin)
        try:
            data = zlib.decompressobj(-15).decompress(raw)
        except zlib.error as exc:
            raise InputError(self.path, f"corrupt dictzip chunk {index} ({exc})") from None
        self._check_length(index, len(data))
        with self._lock:
            self._cache[index] = data
            if len(self._cache) > CACHED_CHUNKS:
                self._cache.popitem(last=False)
        return data

    def _check_length(self, index: int, length: int) -> None:
        """A damaged chunk may inflate to other bytes without a zlib error: every chunk but
        the last inflates to exactly the chunk length of the table, the last to what is
        left of the gzip trailer's size (no more than the chunk length)."""
        last = index == len(self._chunks) - 2
        if last and self._last_len is not None:
            expected, source = self._last_len, "the gzip trailer's size leaves"
        elif last and length <= self._chunk_len:  # a trailer that says nothing usable
            return
        else:
            expected, source = self._chunk_len, "the chunk table says"
        if length != expected:
            raise InputError(self.path, f"corrupt dictzip chunk {index} (inflates to {length} "
                             f"bytes, {source} {expected})")

    @property
    def size(self) -> int:
        """The uncompressed size (as far as it is known without inflating everything)."""
        if self._whole is not None:
            return len(self._whole)
        if not self.compressed:
            return self.size_on_disk
        trailer = self._pread(4, self.size_on_disk - 4)
        return struct.unpack("<I", trailer)[0] if len(trailer) == 4 else 0

    def blocks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """The whole stream in order, block by block (for building an index once)."""
        offset = 0
        while block := self.read(offset, size):
            yield block
            offset += len(block)

    @contextlib.contextmanager
    def mapped(self) -> Iterator[bytes | mmap.mmap]:
        """The whole stream as one buffer, for building an index once: an uncompressed file
        mapped into memory (the system pages it in and out; none of it is copied), a
        compressed one (or one that cannot be mapped: a pipe, some network shares) read."""
        view = None
        if not self.compressed and self.size_on_disk:
            with contextlib.suppress(OSError, ValueError):
                view = mmap.mmap(self._fd, 0, access=mmap.ACCESS_READ)
        if view is None:
            yield self._whole if self._whole is not None else b"".join(self.blocks())
            return
        try:
            yield view
        finally:
            with contextlib.suppress(BufferError):  # a slice still held: closed once freed
                view.close()

    def close(self) -> None:
        """Close the file."""
        with contextlib.suppress(OSError):
            os.close(self._fd)
