"""Reading and writing an interchange file as a stream, one row at a time.

A whole-database export at ten times the usual size is hundreds of MB of JSON;
building it (or parsing it) as one Python object needs several times that in
memory. :class:`JsonWriter` writes the document piece by piece; :class:`JsonReader`
walks any JSON text (any whitespace, any key order: files written by older
versions or by hand) with the structure handled here and each value — a row,
a file's base64, a header field — decoded by the standard library's C decoder
(``raw_decode``), so memory stays at one buffer plus the value being read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

CHUNK = 1 << 20  # characters read at a time
#: A decoding error this close to the end of the buffer may be a value cut by
#: the buffer's end (a literal or number): read more and try again.
_NEAR_END = 64


class JsonSyntaxError(ValueError):
    """Not valid JSON, with the line and column (1-based) where it went wrong."""

    def __init__(self, msg: str, line: int, column: int) -> None:
        super().__init__(f"{msg}: line {line} column {column}")
        self.msg, self.lineno, self.colno = msg, line, column


class JsonReader:
    """Pull-style reader: :meth:`members` walks an object's keys, :meth:`elements`
    an array's items, :meth:`value` decodes the next value whole."""

    def __init__(self, fh: IO[str], *, parse_constant: Callable[[str], Any] | None = None,
                 chunk: int = CHUNK) -> None:
        self.fh = fh
        self.chunk = chunk
        self.buf = ""
        self.pos = 0
        self.eof = False
        self._lines_before = 0  # newlines in text already dropped from the buffer
        self._col_base = 0  # characters after the last dropped newline
        kwargs = {"parse_constant": parse_constant} if parse_constant else {}
        self._decode = json.JSONDecoder(**kwargs).raw_decode

    # -- buffer ------------------------------------------------------------
    def _fill(self) -> bool:
        """Read more text; False at the end of the file."""
        if self.eof:
            return False
        if self.pos > len(self.buf) // 2:  # drop what was consumed
            dropped = self.buf[:self.pos]
            n = dropped.count("\n")
            if n:
                self._lines_before += n
                self._col_base = len(dropped) - dropped.rfind("\n") - 1
            else:
                self._col_base += len(dropped)
            self.buf, self.pos = self.buf[self.pos:], 0
        more = self.fh.read(max(self.chunk, len(self.buf)))
        if not more:
            self.eof = True
            return False
        self.buf += more
        return True

    def error(self, msg: str, at: int | None = None) -> JsonSyntaxError:
        at = self.pos if at is None else at
        before = self.buf[:at]
        n = before.count("\n")
        col = at - before.rfind("\n") if n else self._col_base + at + 1
        return JsonSyntaxError(msg, self._lines_before + n + 1, col)

    def peek(self) -> str:
        """The next character that is not white space ('' at the end)."""
        while True:
            buf, pos, n = self.buf, self.pos, len(self.buf)
            while pos < n and buf[pos] in " \t\n\r":
                pos += 1
            self.pos = pos
            if pos < n:
                return buf[pos]
            if not self._fill():
                return ""

    def take(self, char: str) -> None:
        got = self.peek()
        if got != char:
            raise self.error(f"Expecting '{char}'" if got else f"Expecting '{char}' before "
                             "the end of the file")
        self.pos += 1

    # -- values --------------------------------------------------------------
    def value(self) -> Any:
        """Decode the next value whole (an object, array, string, number, …)."""
        if not self.peek():
            raise self.error("Expecting value before the end of the file")
        while True:
            try:
                val, end = self._decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or \
                    len(self.buf) - exc.pos < _NEAR_END
                if cut and not self.eof:
                    self._fill()  # (positions move: decode again either way)
                    continue
                raise self.error(exc.msg, exc.pos) from None
            if end == len(self.buf) and not self.eof:
                self._fill()  # a number may go on in the next chunk
                continue
            self.pos = end
            return val

    def members(self) -> Iterator[str]:
        """Walk an object: yields each key; the caller reads its value (with
        :meth:`value`, :meth:`members` or :meth:`elements`) before the next."""
        self.take("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.error("Expecting property name enclosed in double quotes")
            key = self.value()
            self.take(":")
            yield key
            sep = self.peek()
            self.pos += 1
            if sep == "}":
                return
            if sep != ",":
                self.pos -= 1
                raise self.error("Expecting ',' delimiter")

    def elements(self) -> Iterator[int]:
        """Walk an array: yields each item's index; the caller reads the item."""
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        i = 0
        while True:
            yield i
            i += 1
            sep = self.peek()
            self.pos += 1
            if sep == "]":
                return
            if sep != ",":
                self.pos -= 1
                raise self.error("Expecting ',' delimiter")

    def skip(self) -> None:
        """Read past the next value, however large, without keeping it."""
        char = self.peek()
        if char == "{":
            for _ in self.members():
                self.skip()
        elif char == "[":
            for _ in self.elements():
                self.skip()
        else:
            self.value()

    def end(self) -> None:
        """Nothing but white space may follow the document."""
        if self.peek():
            raise self.error("Extra data")


class JsonWriter:
    """Writes an object piece by piece: ``open_object``/``key``/``write_value``/…

    Values go through the standard library's C encoder (``ensure_ascii=False``:
    the file is UTF-8)."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self._first = [True]
        self._encode = json.JSONEncoder(ensure_ascii=False, check_circular=False,
                                        allow_nan=False).encode

    def _comma(self) -> None:
        if self._first[-1]:
            self._first[-1] = False
        else:
            self.fh.write(",")

    def open_object(self) -> None:
        self.fh.write("{")
        self._first.append(True)

    def close_object(self) -> None:
        self._first.pop()
        self.fh.write("\n}")

    def open_array(self) -> None:
        self.fh.write("[")
        self._first.append(True)

    def close_array(self) -> None:
        self._first.pop()
        self.fh.write("]")

    def key(self, name: str) -> None:
        """Start a member of the current object (its value follows)."""
        self._comma()
        self.fh.write("\n" + self._encode(name) + ": ")

    def item(self, value: Any) -> None:
        """A whole value as the next item of the current array (one per line)."""
        self._comma()
        self.fh.write("\n" + self._encode(value))

    def items(self, values: list[Any]) -> None:
        """Several items of the current array at once (encoded in one call: the
        encoder's set-up costs more than a small row)."""
        if values:
            self._comma()
            self.fh.write("\n" + self._encode(values)[1:-1])

    def raw_items(self, texts: list[str]) -> None:
        """Items already encoded as JSON texts (one per line)."""
        if texts:
            self._comma()
            self.fh.write("\n" + ",\n".join(texts))

    def write_value(self, value: Any) -> None:
        """A whole value for the member just started with :meth:`key`."""
        self.fh.write(self._encode(value))
