"""Which encoding a file is in: UTF-8 (with or without BOM) or Windows-1252, never a guess.

A file that is neither, or that mixes the two, is a structural error naming the byte offset.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

CHUNK_BYTES = 1 << 20

# UTF-8 encodings of Latin-1 letters (e.g. "æ" = C3 A6) inside a file that is not valid UTF-8:
# read as cp1252 they would come out as "Ã¦", so such a file mixes encodings.
_UTF8_LATIN1_PAIR = re.compile(rb"[\xc2\xc3][\x80-\xbf]")


class CsvStructuralError(ValueError):
    """The file cannot be read at all (encoding, header, quoting): a structural error."""

    def __init__(self, reason: str, *, line: int | None = None, offset: int | None = None,
                 field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.offset = offset
        self.field = field

    def where(self) -> dict:
        return {k: v for k, v in
                (("line", self.line), ("offset", self.offset), ("field", self.field))
                if v is not None}


def detect_encoding(path: str | Path, *, chunk_bytes: int = CHUNK_BYTES) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` (valid UTF-8) or ``cp1252``; streams the file.

    Raises :class:`CsvStructuralError` ("undecodable encoding", with the byte offset) when the
    file is neither: a byte Windows-1252 leaves undefined, or a mix of UTF-8 and cp1252.
    """
    with open(path, "rb") as f:
        head = f.read(3)
        bom = head == codecs.BOM_UTF8
        f.seek(3 if bom else 0)
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        pos = f.tell()
        saw_non_ascii = False
        while True:
            chunk = f.read(chunk_bytes)
            final = not chunk
            buffered = len(decoder.getstate()[0])
            try:
                text = decoder.decode(chunk, final)
            except UnicodeDecodeError as e:
                bad_at = pos - buffered + e.start
                # Valid UTF-8 letters earlier in the same chunk make the file a mix, too.
                saw_non_ascii = saw_non_ascii or not e.object[:e.start].isascii()
                break
            if not saw_non_ascii and not text.isascii():
                saw_non_ascii = True
            if final:
                return "utf-8-sig" if bom else "utf-8"
            pos += len(chunk)
    if bom:
        raise CsvStructuralError(
            f"undecodable encoding: UTF-8 BOM but invalid UTF-8 at byte offset {bad_at}",
            offset=bad_at)
    if saw_non_ascii:
        raise CsvStructuralError(
            "undecodable encoding: valid UTF-8 text followed by invalid UTF-8 at byte offset "
            f"{bad_at} (mixed encodings)", offset=bad_at)
    _raise_unless_cp1252(path, chunk_bytes)
    return "cp1252"


def _raise_unless_cp1252(path: str | Path, chunk_bytes: int) -> None:
    # The cp1252 codec rejects the five bytes Windows-1252 leaves undefined (81 8D 8F 90 9D),
    # so decoding finds those; the UTF-8 pairs it would accept have to be searched for.
    with open(path, "rb") as f:
        pos = 0
        prev_last = b""
        while chunk := f.read(chunk_bytes):
            try:
                chunk.decode("cp1252")
            except UnicodeDecodeError as e:
                raise CsvStructuralError(
                    f"undecodable encoding: byte 0x{chunk[e.start]:02X} at byte offset "
                    f"{pos + e.start} is neither UTF-8 nor Windows-1252",
                    offset=pos + e.start) from None
            # A pair may straddle two chunks.
            m = _UTF8_LATIN1_PAIR.search(prev_last + chunk)
            if m:
                off = pos - len(prev_last) + m.start()
                raise CsvStructuralError(
                    f"undecodable encoding: UTF-8 sequence at byte offset {off} in a file that "
                    "is not valid UTF-8 (mixed encodings)", offset=off)
            prev_last = chunk[-1:]
            pos += len(chunk)
