"""A text file's encoding and delimiter, and its CSV records (``reading.open_table`` asks these
for anything that is neither a ZIP workbook nor an old .xls).

- ``decode(raw, encoding, warnings=None) -> (text, encoding)``: the one asked for, else UTF-8
  (with or without BOM) or UTF-16 with a BOM, else the Cyrillic code page charset-normalizer
  recognises among :data:`ENCODINGS`; a binary file (or UTF-16 without a BOM) or one no
  encoding fits is a :class:`ReadError`; a few stray NUL bytes are removed wherever they are,
  with a note appended to ``warnings``;
- ``sniff_delimiter(text)``: one of :data:`DELIMITERS`;
- ``csv_records(text, delimiter)``: a callable giving ``(record number, cells)`` afresh on each
  call (the rows are read twice: the preview, then the import).
"""

import codecs
import csv
import io

from django.utils.translation import gettext as _

from .reading import ReadError

SNIFF_BYTES = 64 * 1024
NUL_PROBE_BYTES = 8 * 1024
#: control bytes a text file does not hold (NUL and C0 controls but tab, line ends, form feed)
BINARY_BYTES = bytes([*range(9), *range(14, 32)])
DELIMITERS = ",;\t|"
# 8-bit code pages Russian CSV files come in; without this list short samples can come back as
# a near-identical code page (research §1.2).
ENCODINGS = ["cp1251", "koi8_r", "utf_16", "mac_cyrillic"]


def decode(raw: bytes, encoding: str | None, warnings: list | None = None) -> tuple[str, str]:
    """``(text, encoding)``: the one asked for, else strict UTF-8 (with or without BOM), else a
    Cyrillic code page charset-normalizer recognises; refused when none fits. NUL bytes are
    removed (PostgreSQL refuses them in text) with a note in ``warnings``, wherever they are:
    one in the first rows must not refuse a file that one further down would not."""
    if encoding:
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise ReadError(
                _("The file cannot be read as %(encoding)s: choose another encoding.")
                % {"encoding": encoding},
                code="encoding",
            ) from None
        return _without_nul(text, warnings), encoding
    if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if _looks_binary(raw[:NUL_PROBE_BYTES]):
        raise ReadError(
            _(
                "This is not a text file (or it is UTF-16 without a byte order mark): "
                "save it as CSV UTF-8 or XLSX."
            ),
            code="not_text",
        )
    if b"\x00" in raw:  # stray ones in 8-bit or UTF-8 text, where a NUL byte is no character
        _note_nul(warnings)
        raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:SNIFF_BYTES], cp_isolation=ENCODINGS).best()
    if best is not None:
        try:
            return raw.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    raise ReadError(_("Could not tell the file's encoding: choose it."), code="encoding_unknown")


def _looks_binary(probe: bytes) -> bool:
    """Binary, or UTF-16 without a BOM (every other byte NUL in Latin text): more than 1 % of
    the first bytes are control bytes (at least three), not a few stray NULs."""
    controls = len(probe) - len(probe.translate(None, BINARY_BYTES))
    return controls > max(2, len(probe) // 100)


def _note_nul(warnings: list | None) -> None:
    if warnings is not None:
        warnings.append(
            _(
                "The file held NUL bytes (invisible characters that cannot be stored): "
                "they were removed."
            )
        )


def _without_nul(text: str, warnings: list | None) -> str:
    if "\x00" not in text:
        return text
    _note_nul(warnings)
    return text.replace("\x00", "")


def sniff_delimiter(text: str) -> str:
    """The CSV delimiter among ``, ; tab |``: csv.Sniffer on the first lines, checked against
    the header line; "," when nothing tells."""
    sample = text[:SNIFF_BYTES]
    if len(text) > SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    first_line = sample.lstrip("\ufeff").split("\n", 1)[0]
    counts = {candidate: first_line.count(candidate) for candidate in DELIMITERS}
    try:
        found = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = None
    if found and counts.get(found):
        return found
    best = max(DELIMITERS, key=lambda candidate: counts[candidate])
    return best if counts[best] else (found or ",")


def csv_records(text: str, delimiter: str):
    def records():
        stream = io.StringIO(text, newline="")
        reader = csv.reader(stream, delimiter=delimiter)
        number, start = 0, 0  # the last record read, and where the next one starts
        try:
            for number, record in enumerate(reader, start=1):
                yield number, record
                start = stream.tell()
        except csv.Error:  # a cell over csv's field size limit
            raise _overflow(text, start, stream.tell(), number + 1) from None

    return records


def _overflow(text: str, start: int, end: int, row: int) -> ReadError:
    """A record with a cell over ``csv.field_size_limit()`` (process-wide, so not raised here):
    an unclosed quote that swallowed the rest of the file when the record's text read so far has
    an odd number of quotes, else one really long cell (no quote, or only closed ones)."""
    if text.count('"', start, end) % 2 == 0:
        return ReadError(
            _(
                "Row %(row)s: a cell is longer than %(limit)s characters, more than can be "
                "imported. Shorten it, or leave its column out of the file."
            )
            % {"row": row, "limit": csv.field_size_limit()},
            code="cell_too_long",
        )
    return ReadError(
        _(
            'Row %(row)s cannot be read: a quote (") is probably not closed there, '
            "so the rest of the file looks like one cell. Fix it, or export the file "
            "again."
        )
        % {"row": row},
        code="damaged",
    )
