"""Turn one raw document file into clean Unicode text, or refuse it with a plain message.

    read_document(path)          -> ReadResult(text, encoding, warnings)
    read_bytes(data, ".docx")    -> the same, from memory (the upload page)

Every refusal is a :class:`ReadError` whose ``str()`` is a sentence for the person who
added the file (Vietnamese government staff), e.g. "old Word format (.doc) is not
supported — save it as .docx and add it again". Nothing else escapes for bad input:
unexpected library errors are wrapped.

Plain-text files may be in any of the encodings Vietnamese offices have used:
UTF-8 (with or without BOM), UTF-16/32 (BOM), Windows-1258, and the pre-Unicode font
encodings TCVN3 (ABC, ``.VnTime``) and VNI (``VNI-Times``). The legacy byte tables come
from ``viparse``; which encoding a file is in is decided here, by which decoding reads as
the most well-formed Vietnamese syllables (see :func:`_vietnamese_stats`).

Word and PDF files that were typed in a legacy font (``.VnTime``/``VNI-Times`` runs) are
converted run by run (Word) or glyph by glyph (PDF) from the font names. Lines that
still read as legacy-font text pasted into a Unicode document ("KÕ ho¹ch") are repaired
line by line, but only where the conversion clearly reads better.
"""
from __future__ import annotations

import contextlib
import html as _html
import io
import logging
import pathlib
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadError",
    "ReadResult",
    "SUPPORTED_SUFFIXES",
    "read_bytes",
    "read_document",
]

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read. ``str(e)`` is the message to show a person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass
class ReadResult:
    text: str  # NFC, "\n" line ends, no NUL, no trailing spaces on a line
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1258", "tcvn3", "vni", "docx", "pdf", "html"
    warnings: list[str] = field(default_factory=list)
    source_url: str | None = None  # a saved web page's own address (canonical link or og:url)


# --------------------------------------------------------------------------- entry points


def read_document(path: pathlib.Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read one file from disk. The size is checked with ``stat`` before any byte is read."""
    path = pathlib.Path(path)
    suffix = _check_suffix(path.suffix)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReadError("file not found") from None
    except OSError as e:
        raise ReadError(f"could not open the file: {_os_reason(e)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("this is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("this is not a regular file")
    _check_size(st.st_size, max_bytes)
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as e:
        raise ReadError(f"could not read the file: {_os_reason(e)}") from None
    _check_size(len(data), max_bytes)
    return _read(data, suffix)


def read_bytes(data: bytes, suffix: str, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read a document held in memory. ``suffix`` is ".docx", "docx" or a file name."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ReadError("nothing to read: the upload contained no file data")
    suffix = _check_suffix(_suffix_of(suffix))
    _check_size(len(data), max_bytes)
    return _read(bytes(data), suffix)


def _read(data: bytes, suffix: str) -> ReadResult:
    if not data.strip():
        raise ReadError("empty file")
    reader = _READERS[suffix]
    try:
        result = reader(data)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError("the file is too large or complex to read on this computer") from None
    except RecursionError:
        raise ReadError(f"could not read this {_KIND[suffix]}: its structure is too deeply nested") from None
    except Exception as e:  # a library failed in a way we did not foresee
        raise ReadError(
            f"could not read this {_KIND[suffix]}: it may be damaged ({type(e).__name__})"
        ) from e
    result.text = _finish(result.text)
    if not result.text.strip():
        raise ReadError("empty file")
    return result


_KIND = {
    ".txt": "text file",
    ".docx": "Word file (.docx)",
    ".pdf": "PDF",
    ".html": "web page",
    ".htm": "web page",
}


def _suffix_of(name: str) -> str:
    name = (name or "").strip()
    if "." not in name:
        return "." + name if name else ""
    return "." + name.rsplit(".", 1)[1]


def _check_suffix(suffix: str) -> str:
    suffix = (suffix or "").lower()
    if suffix in SUPPORTED_SUFFIXES:
        return suffix
    if suffix == ".doc":
        raise ReadError("old Word format (.doc) is not supported — save it as .docx and add it again")
    shown = suffix if suffix not in ("", ".") else "(no extension)"
    raise ReadError(f"unsupported file type {shown} — supported: .txt, .docx, .pdf, .html")


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ReadError(f"file is {_human_size(size)}, over the {_human_size(max_bytes, exact=True)} limit")


def _human_size(n: int, exact: bool = False) -> str:
    mb = 1024 * 1024
    if n >= mb:
        value = n / mb
    elif n >= 1024:
        value, unit = n / 1024, "KB"
        return f"{value:g} {unit}" if exact and value == int(value) else f"{value:.1f} {unit}"
    else:
        return f"{n} bytes"
    return f"{value:g} MB" if exact and value == int(value) else f"{value:.1f} MB"


def _os_reason(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "permission denied"
    return (e.strerror or type(e).__name__).lower()


# str.replace, not str.translate: a translate table raises inside for every character it lacks
_LINE_SEPARATORS = ("\u2028", "\u2029", "\x0b", "\x0c")


def _finish(text: str) -> str:
    """NFC, "\\n" line ends, no NUL/BOM, trailing spaces trimmed, no blank edges."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for sep in _LINE_SEPARATORS:
        text = text.replace(sep, "\n")
    text = text.replace("\x00", "").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


@contextlib.contextmanager
def _quiet_loggers(*names: str) -> Iterator[None]:
    """Silence chatty library loggers for the duration of one read, then restore them."""
    loggers = [logging.getLogger(name) for name in names]
    saved = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, saved):
            logger.setLevel(level)


# --------------------------------------------------------------------------- Vietnamese model
#
# A decoding is judged by how many of its words are well-formed Vietnamese syllables.
# Vietnamese is written one syllable per word, and the spelling of a syllable is tightly
# constrained: (initial consonant) + rhyme, at most one tone mark, "k/gh/ngh" only before
# e/ê/i/y, and a syllable ending in -c/-ch/-p/-t carries only the sắc or nặng tone. Legacy
# bytes read through the wrong table break these rules almost everywhere ("KÕ ho¹ch",
# "Keá hoaïch"), while the right table yields nothing but valid syllables.

_TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0303": "nga", "\u0309": "hoi", "\u0323": "nang"}
_INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "",
)
_FRONT = ("e", "ê", "i", "y")  # k, gh, ngh only before these; c, g, ng never before e/ê/i


def _build_rhymes() -> frozenset[str]:
    rhymes = set(
        "a e ê i y o ô ơ u ư ia ua ưa oa oe uê uy uơ uya "
        "ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu yêu uôi ươi ươu "
        "oai oay oao oeo uây uyu uai uay ueo".split()
    )
    stops_and_nasals = ("c", "ch", "m", "n", "ng", "nh", "p", "t")
    nuclei = "a ă â e ê i y o ô ơ u ư iê yê uô ươ oa oă oe uâ uê uy uyê oo".split()
    for nucleus in nuclei:
        for final in stops_and_nasals:
            if final in ("ch", "nh") and nucleus not in ("a", "ê", "i", "oa", "uê", "uy", "y"):
                continue
            if final in ("c", "ng") and nucleus in ("ê", "i", "y", "ơ", "uy", "uê", "uyê", "yê"):
                continue
            if nucleus == "oo" and final not in ("c", "ng"):
                continue
            if nucleus == "y" and final not in ("ch", "nh"):
                continue
            rhymes.add(nucleus + final)
    return frozenset(rhymes)


_RHYMES = _build_rhymes()
_VIET_LETTERS = frozenset("abcdeghiklmnopqrstuvxyăâêôơưđ")
_WORD = re.compile(r"[^\W\d_]+")
_COMMON_WORDS = frozenset(
    "của và các được thực hiện không gian mạng về trong với cho những này để có là một đã "
    "theo người việc năm ngày tháng số tỉnh huyện xã kế hoạch nghị quyết chỉ thị "
    "quyết định ủy ban nhân dân sở thông tin truyền an toàn ninh đảng bộ chính trị "
    "trung ương cơ quan đơn vị tổ chức triển khai nhiệm vụ công tác giải pháp "
    "cộng hòa hoà xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc".split()
)


# Place names from minority languages that break the standard spelling rules.
_SPELLING_EXCEPTIONS = frozenset("đắk lắk kạn búk pắk krông m'đrắk đrắk mơ".split())


@lru_cache(maxsize=65536)
def _syllable_ok(word: str) -> bool:
    """Is ``word`` (lower-case, NFC) a well-formed Vietnamese syllable?"""
    if word in _SPELLING_EXCEPTIONS:
        return True
    tone = None
    base_chars = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            if tone is not None:
                return False
            tone = _TONES[ch]
        else:
            base_chars.append(ch)
    base = unicodedata.normalize("NFC", "".join(base_chars))
    if not base or any(ch not in _VIET_LETTERS for ch in base):
        return False
    for initial in _INITIALS:
        if not base.startswith(initial):
            continue
        rest = base[len(initial):]
        if initial == "q":
            if not rest.startswith("u"):
                continue
            rest = rest[1:]
        if rest not in _RHYMES:
            continue
        first = rest[:1]
        if initial in ("k", "gh", "ngh") and first not in _FRONT:
            continue
        if initial in ("c", "ng") and first in ("e", "ê", "i", "y"):
            continue
        if initial == "g" and first in ("e", "ê"):
            continue
        if rest.endswith(("c", "ch", "p", "t")) and tone not in ("sac", "nang"):
            continue
        return True
    return False


@dataclass
class _Stats:
    valid: int = 0  # non-ASCII words that are valid syllables
    invalid: int = 0  # non-ASCII words that are not
    common: int = 0  # very common Vietnamese words
    junk: int = 0  # characters that never occur in Vietnamese text

    @property
    def score(self) -> int:
        return 2 * self.valid + self.common - 3 * self.invalid - self.junk

    @property
    def ratio(self) -> float:
        total = self.valid + self.invalid
        return self.valid / total if total else 0.0


def _is_junk(ch: str) -> bool:
    if ch.isascii():
        return ch < " " and ch not in "\t\n\r\x0c\x1a"
    cat = unicodedata.category(ch)
    if cat[0] == "L" or cat == "Nd" or cat == "Zs":
        return False
    if ch in "“”‘’–—…•№€":
        return False
    return True  # symbols from Latin-1 (¸ ¹ ¶ ¨ ...), stray combining marks, controls, U+FFFD


def _vietnamese_stats(text: str) -> _Stats:
    stats = _Stats()
    lowered = text.lower()
    for word in _WORD.findall(lowered):
        if word.isascii():
            continue
        if word in _COMMON_WORDS:
            stats.common += 1
        if _syllable_ok(word):
            stats.valid += 1
        else:
            stats.invalid += 1
    stats.junk = sum(1 for ch in lowered if _is_junk(ch))
    return stats


# --------------------------------------------------------------------------- legacy tables


def _charmaps() -> dict[str, object]:
    from viparse.normalize.encodings import CHARMAPS

    return {"tcvn3": CHARMAPS["tcvn3"], "vni": CHARMAPS["vni"]}


@lru_cache(maxsize=None)
def _charmap_index(name: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """First character -> (legacy sequence, replacement) pairs, longest first."""
    charmap = _charmaps()[name]
    index: dict[str, list[tuple[str, str]]] = {}
    for seq, rep in charmap.pairs:  # already sorted longest first
        index.setdefault(seq[0], []).append((seq, rep))
    extra = _EXTRA_PAIRS.get(name, ())
    for seq, rep in extra:
        if not any(s == seq for s, _ in index.get(seq[0], ())):
            index.setdefault(seq[0], []).insert(0, (seq, rep))
    return {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in index.items()}


# viparse leaves the VNI ẳ/Ẳ out because its corpus never showed them; the VNI layout
# puts the hook-above of ă at 0xFA/0xDA (the ă row is é è ú ü ë), so "aú" is ẳ.
_EXTRA_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {"vni": (("aú", "ẳ"), ("AÚ", "Ẳ"))}

# A PDF text layer can turn TCVN3's 0xAD (ư) into U+2212 and 0xB7 (ã) into U+2219.
_PDF_GLYPH_FIXES = {"\u2212": "\xad", "\u2219": "\xb7"}


def _convert_units(units: list[str], name: str) -> list[str]:
    """Convert legacy-font characters to Unicode, keeping a 1:1 alignment with ``units``.

    A multi-character legacy sequence (VNI writes "ế" as "e" + "á") puts its letter on the
    first unit and empties the others, so callers can keep per-glyph data in step.
    """
    index = _charmap_index(name)
    units = list(units)
    for i, u in enumerate(units):
        if u in _PDF_GLYPH_FIXES:
            before = units[i - 1] if i else ""
            after = units[i + 1] if i + 1 < len(units) else ""
            if before.isalpha() or after.isalpha():
                units[i] = _PDF_GLYPH_FIXES[u]
    out = list(units)
    i = 0
    while i < len(units):
        u = units[i]
        if len(u) == 1:
            for seq, rep in index.get(u, ()):
                n = len(seq)
                if all(len(x) == 1 for x in units[i:i + n]) and "".join(units[i:i + n]) == seq:
                    out[i] = rep
                    for j in range(i + 1, i + n):
                        out[j] = ""
                    i += n
                    break
            else:
                i += 1
        else:
            out[i] = _convert_text(u, name)
            i += 1
    return out


@lru_cache(maxsize=None)
def _charmap_regex(name: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = {seq: rep for pairs in _charmap_index(name).values() for seq, rep in pairs}
    alternation = "|".join(re.escape(seq) for seq in sorted(table, key=len, reverse=True))
    return re.compile(alternation), table


_GLYPH_FIX = re.compile(r"(?<=[^\W\d_])[\u2212\u2219]|[\u2212\u2219](?=[^\W\d_])")


def _convert_text(text: str, name: str) -> str:
    """Same result as :func:`_convert_units` on a plain string, done with one regex pass."""
    text = _GLYPH_FIX.sub(lambda m: _PDF_GLYPH_FIXES[m.group()], text)
    pattern, table = _charmap_regex(name)
    return pattern.sub(lambda m: table[m.group()], text)


_LEGACY_NAMES = {"tcvn3": "TCVN3", "vni": "VNI"}


def _legacy_font(font: str | None) -> tuple[str, bool] | None:
    """``(encoding, uppercase_font)`` for a legacy Vietnamese font name, else None.

    ``.VnTime`` / ``.VnArial`` ... are TCVN3; ``VNI-Times`` ... are VNI. TCVN3 has no
    upper-case accented letters: headings use the ``...H`` fonts (``.VnTimeH``), which draw
    the lower-case codes as capitals, so their text must be upper-cased after conversion.
    """
    if not font:
        return None
    name = re.sub(r"^[A-Z]{6}\+", "", font.strip())
    upper = name.upper()
    if upper.startswith(".VN"):
        core = re.split(r"[,-]", name, 1)[0]  # "ABCDEF+.VnTimeH,Bold" -> ".VnTimeH"
        return "tcvn3", core.endswith("H")
    if upper.startswith("VNI"):
        return "vni", False
    return None


# Latin-1 characters that legacy-font text is made of but Unicode Vietnamese never uses
# (Unicode Vietnamese takes only àáâãèéêìíòóôõùúý and their capitals from that block).
_LEGACY_HINT = re.compile(r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db-\u00df"
                          r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\u2212\u2219]")


def _repair_pasted_legacy(text: str) -> tuple[str, set[str]]:
    """Convert lines that are legacy-font text pasted or saved as Unicode ("KÕ ho¹ch").

    Decided per line, so a document mixing Unicode and legacy lines keeps its Unicode
    lines: correct Vietnamese never reads better after conversion, so it is left alone.
    A first pass converts only lines with clear evidence; once a document has shown it
    holds legacy text, a second pass also takes short lines that merely read better.
    """
    lines = text.split("\n")
    todo = [i for i, line in enumerate(lines) if _LEGACY_HINT.search(line)]
    if not todo:
        return text, set()
    used: dict[str, int] = {}
    pending: list[tuple[int, _Stats]] = []
    for i in todo:
        before = _vietnamese_stats(lines[i])
        if before.invalid == 0 and before.junk == 0:
            continue
        best: tuple[int, str, str] | None = None
        for name in ("tcvn3", "vni"):
            converted = _convert_text(lines[i], name)
            after = _vietnamese_stats(converted)
            gain = after.score - before.score
            if after.valid >= 2 and after.ratio >= 0.75 and gain >= 4 and after.invalid < before.invalid:
                if best is None or gain > best[0]:
                    best = (gain, name, converted)
        if best is None:
            pending.append((i, before))
        else:
            lines[i] = best[2]
            used[best[1]] = used.get(best[1], 0) + 1
    if used and pending:
        name = max(used, key=used.__getitem__)
        for i, before in pending:
            converted = _convert_text(lines[i], name)
            after = _vietnamese_stats(converted)
            if after.invalid < before.invalid and after.junk <= before.junk and after.score > before.score:
                lines[i] = converted
    if not used:
        return text, set()
    return "\n".join(lines), set(used)


def _legacy_warning(name: str) -> str:
    return f"legacy {_LEGACY_NAMES[name]} font encoding converted"


def _repair_with_warnings(text: str, warnings: list[str]) -> str:
    text, used = _repair_pasted_legacy(text)
    for name in sorted(used):
        msg = _legacy_warning(name) + " (text typed in an old Vietnamese font)"
        if msg not in warnings:
            warnings.append(msg)
    return text


# --------------------------------------------------------------------------- .txt

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_BINARY = "not a text file: looks like binary data"
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D, 0x0C, 0x1A, 0x0B}
_CONTROL_BYTES_DELETE = bytes(sorted(_CONTROL_BYTES))


def _cp1252_surface_table() -> dict[int, str]:
    """Map C1 code points (from a latin-1 decode) to what Windows shows for those bytes."""
    table = {}
    for b in range(0x80, 0xA0):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    return table


_CP1252_C1 = _cp1252_surface_table()


_SAMPLE_BYTES = 256 * 1024


def _decode_legacy_candidates(data: bytes, only: str | None = None) -> dict[str, str]:
    """Each single-byte Vietnamese reading of ``data`` (or just the one named ``only``)."""
    out: dict[str, str] = {}
    if only in (None, "cp1258"):
        out["cp1258"] = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if only != "cp1258":
        surface = data.decode("latin-1").translate(_CP1252_C1)  # the bytes as a legacy font shows them
        for name in ("tcvn3", "vni"):
            if only in (None, name):
                out[name] = _convert_text(surface, name)
    return out


_TXT_IMPOSTORS = (
    (b"%PDF-", "this is a PDF saved with a .txt name — rename it to .pdf and add it again"),
    (b"PK\x03\x04", "this is a Word or other Office file saved with a .txt name — rename it to .docx and add it again"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "this is an old Word (.doc) file saved with a .txt name — open it in Word, save it as .docx and add it again"),
    (b"{\\rtf", "this is a Rich Text (RTF) file saved with a .txt name — open it in Word, save it as .docx and add it again"),
)
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>])", re.I)


def _read_txt(data: bytes) -> ReadResult:
    for magic, message in _TXT_IMPOSTORS:
        if data.startswith(magic):
            raise ReadError(message)
    if _LOOKS_LIKE_HTML.match(data[:512].lstrip(b"\xef\xbb\xbf")):
        result = _read_html(data)
        result.warnings.insert(0, "the file is a web page saved with a .txt name; it was read as a web page")
        return result
    text, encoding, warnings = _decode_text_bytes(data)
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be"):
        text = _repair_with_warnings(text, warnings)
    return ReadResult(text, encoding, warnings)


def _decode_text_bytes(data: bytes, allow_binary_check: bool = True) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data if codec == "utf-8-sig" else data[len(bom):]
            try:
                return body.decode(codec), name, warnings
            except UnicodeDecodeError:
                text = body.decode(codec, errors="replace")
                warnings.append(f"some characters could not be decoded as {name.upper()} and were replaced with �")
                return text, name, warnings

    if b"\x00" in data:
        guessed = _bomless_utf16(data)
        if guessed is not None:
            text, codec = guessed
            warnings.append("read as UTF-16 without a byte-order mark")
            return text, codec, warnings
        nuls = data.count(0)
        if nuls > max(1, len(data) // 2000):
            raise ReadError(_BINARY)
        data = data.replace(b"\x00", b"")  # a stray NUL or two in otherwise normal text
        warnings.append(f"removed {nuls} NUL (zero) byte{'s' if nuls > 1 else ''} from the text")

    if allow_binary_check:
        controls = len(data) - len(data.translate(None, _CONTROL_BYTES_DELETE))  # counted in C
        if controls > max(2, len(data) // 100):
            raise ReadError(_BINARY)

    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as e:
        mostly_utf8 = _mostly_utf8(data, e)
        if mostly_utf8 is not None:
            warnings.append(mostly_utf8[1])
            return mostly_utf8[0], "utf-8", warnings

    # Score a sample (a large file says the same thing in its first 256 KB), decode all.
    sample = data if len(data) <= _SAMPLE_BYTES else data[: data.rfind(b"\n", 0, _SAMPLE_BYTES) + 1 or _SAMPLE_BYTES]
    candidates = _decode_legacy_candidates(sample)
    ranked = sorted(
        ((_vietnamese_stats(t), name) for name, t in candidates.items()),
        key=lambda item: item[0].score,
        reverse=True,
    )
    best_stats, best = ranked[0]
    text = candidates[best] if sample is data else _decode_legacy_candidates(data, only=best)[best]
    if allow_binary_check:
        junk_rate = best_stats.junk / max(1, len(candidates[best]))
        if junk_rate > 0.08 and best_stats.ratio < 0.5:
            raise ReadError(_BINARY)
    if best == "cp1258":
        warnings.append("read as Windows-1258 (Vietnamese ANSI) encoding")
        if "\ufffd" in text:
            warnings.append("some bytes are not valid Windows-1258 and were replaced with �")
    else:
        warnings.append(_legacy_warning(best))
    runner_up = ranked[1][0]
    if best_stats.valid < 3 or best_stats.ratio < 0.8 or best_stats.score - runner_up.score < 4:
        warnings.append(
            "the text encoding had to be guessed and Vietnamese accents may be wrong — "
            "saving the file as UTF-8 avoids this"
        )
    return text, best, warnings


def _mostly_utf8(data: bytes, error: UnicodeDecodeError) -> tuple[str, str] | None:
    """UTF-8 with a cut-off last character or a few bad bytes is still UTF-8."""
    if error.start >= len(data) - 3:
        try:
            return data[: error.start].decode("utf-8"), "the file ends in the middle of a character (incomplete copy?)"
        except UnicodeDecodeError:
            pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if good >= 10 * bad and good >= 20:
        return text, f"{bad} damaged character{'s' if bad > 1 else ''} replaced with �"
    return None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: mostly-ASCII text puts a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.02 * half:
        codec = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.02 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    bad = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c")
    if bad > len(text) // 100:
        return None
    return text, codec


# --------------------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DAMAGED_DOCX = "damaged Word file (.docx) — could not open it: "


def _open_docx(data: bytes):
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            "this Word file is password-protected or is an old .doc file renamed to .docx — "
            "open it in Word, save it as .docx without a password, and add it again"
        )
    if not data.startswith(b"PK"):
        if data.lstrip()[:5].lower() in (b"<html", b"<!doc"):
            raise ReadError(_DAMAGED_DOCX + "it is really a web page saved with a .docx name")
        if data.startswith(b"%PDF"):
            raise ReadError(_DAMAGED_DOCX + "it is really a PDF — rename it to .pdf and add it again")
        raise ReadError(_DAMAGED_DOCX + "it is not a Word document")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ReadError(_DAMAGED_DOCX + "the file is incomplete or corrupted") from None
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise ReadError(_DAMAGED_DOCX + "it is an Excel file, not a Word document")
        if "ppt/presentation.xml" in names:
            raise ReadError(_DAMAGED_DOCX + "it is a PowerPoint file, not a Word document")
        if "mimetype" in names:  # OpenDocument (.odt) and friends
            raise ReadError(_DAMAGED_DOCX + "it is an OpenDocument file — save it as .docx and add it again")
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except ReadError:
        raise
    except KeyError:
        raise ReadError(_DAMAGED_DOCX + "a required part of the document is missing") from None
    except ValueError as e:
        detail = str(e).lower()
        if "macroenabled" in detail:
            raise ReadError(
                "Word files with macros (.docm) are not supported — save it as a normal .docx and add it again"
            ) from None
        if "template" in detail:
            raise ReadError(
                "Word templates (.dotx) are not supported — save it as a normal .docx and add it again"
            ) from None
        if "content type" in detail:
            raise ReadError(_DAMAGED_DOCX + "it is not a Word document (another Office file renamed?)") from None
        raise ReadError(_DAMAGED_DOCX + "the document content is corrupted") from None
    except Exception as e:
        raise ReadError(_DAMAGED_DOCX + f"the document content is corrupted ({type(e).__name__})") from None


class _FontResolver:
    """Which legacy encoding (if any) a run's effective font implies."""

    def __init__(self, document):
        self.styles: dict[str, object] = {}
        self.default_para_style: str | None = None
        styles_el = None
        try:
            styles_el = document.styles.element
        except Exception:
            pass
        self.doc_default: tuple[str, bool] | None = None
        if styles_el is not None:
            for st in styles_el.iterchildren(_W + "style"):
                sid = st.get(_W + "styleId")
                if sid:
                    self.styles[sid] = st
                if st.get(_W + "type") == "paragraph" and st.get(_W + "default") in ("1", "true", "on"):
                    self.default_para_style = sid
            rpr = styles_el.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
            self.doc_default = self._from_rpr(rpr)
        self._cache: dict[str, tuple[str, bool] | None | bool] = {}
        self.any_legacy = bool(self.doc_default) or any(
            _legacy_font(v) for st in self.styles.values() for v in self._font_names(st.find(_W + "rPr"))
        )

    @staticmethod
    def _font_names(rpr) -> list[str]:
        if rpr is None:
            return []
        fonts = rpr.find(_W + "rFonts")
        if fonts is None:
            return []
        return [v for v in (fonts.get(_W + "ascii"), fonts.get(_W + "hAnsi")) if v]

    def _from_rpr(self, rpr) -> tuple[str, bool] | None | bool:
        """Legacy tuple, None (explicit non-legacy font), or False (no font set here)."""
        names = self._font_names(rpr)
        if not names:
            return False
        for name in names:
            found = _legacy_font(name)
            if found:
                return found
        return None

    def _style(self, sid: str | None, depth: int = 0) -> tuple[str, bool] | None | bool:
        if not sid or depth > 20:
            return False
        if sid in self._cache:
            return self._cache[sid]
        st = self.styles.get(sid)
        result: tuple[str, bool] | None | bool = False
        if st is not None:
            result = self._from_rpr(st.find(_W + "rPr"))
            if result is False:
                based = st.find(_W + "basedOn")
                result = self._style(based.get(_W + "val") if based is not None else None, depth + 1)
        self._cache[sid] = result
        return result

    def run_font(self, run_el, para_style: str | None) -> tuple[str, bool] | None:
        rpr = run_el.find(_W + "rPr")
        found = self._from_rpr(rpr)
        if found is False and rpr is not None:
            rstyle = rpr.find(_W + "rStyle")
            if rstyle is not None:
                found = self._style(rstyle.get(_W + "val"))
        if found is False:
            found = self._style(para_style or self.default_para_style)
        if found is False:
            found = self.doc_default
        return found or None


class _DocxWalker:
    def __init__(self, document):
        self.fonts = _FontResolver(document)
        self.legacy_used: set[str] = set()
        self.lines: list[str] = []

    # Block containers: body, table cell, text box, content control.
    def blocks(self, container) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag in (_W + "sdt", _W + "customXml"):
                content = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
                if content is not None:
                    self.blocks(content)
            elif tag == _MC + "AlternateContent":
                choice = child.find(_MC + "Choice")
                if choice is not None:
                    self.blocks(choice)

    def table(self, tbl) -> None:
        for tr in tbl.iterchildren(_W + "tr"):
            for tc in self._cells(tr):
                self.blocks(tc)

    def _cells(self, tr) -> Iterator:
        for child in tr.iterchildren():
            if child.tag == _W + "tc":
                yield child
            elif child.tag in (_W + "sdt", _W + "customXml"):
                content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
                if content is not None:
                    yield from self._cells(content)

    def paragraph(self, p) -> None:
        ppr = p.find(_W + "pPr")
        pstyle = None
        if ppr is not None:
            ps = ppr.find(_W + "pStyle")
            if ps is not None:
                pstyle = ps.get(_W + "val")
        parts: list[str] = []
        boxes: list = []
        self._inline(p, pstyle, parts, boxes)
        self.lines.append("".join(parts))
        for box in boxes:
            self.blocks(box)

    def _inline(self, el, pstyle, parts: list[str], boxes: list) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == _W + "r":
                self._run(child, pstyle, parts, boxes)
            elif tag in (_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _MC + "Fallback"):
                continue
            elif tag == _W + "txbxContent":
                boxes.append(child)
            elif isinstance(tag, str):
                self._inline(child, pstyle, parts, boxes)

    def _run(self, r, pstyle, parts: list[str], boxes: list) -> None:
        pieces: list[str] = []
        for child in r.iterchildren():
            tag = child.tag
            if tag == _W + "t":
                pieces.append(child.text or "")
            elif tag == _W + "tab":
                pieces.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                pieces.append("\n")
            elif tag == _W + "softHyphen":
                pieces.append("\u00ad")  # TCVN3's 0xAD is the letter ư
            elif tag == _W + "noBreakHyphen":
                pieces.append("-")
            elif tag in (_W + "rPr", _W + "delText", _W + "instrText"):
                continue
            elif isinstance(tag, str):
                self._inline(child, pstyle, [], boxes)  # drawings: only their text boxes
        text = "".join(pieces)
        if not text:
            return
        legacy = self.fonts.run_font(r, pstyle) if self.fonts.any_legacy or self._run_has_font(r) else None
        if legacy:
            name, upper = legacy
            text = _convert_text(text, name)
            if upper:
                text = text.upper()
            self.legacy_used.add(name)
        else:
            text = text.replace("\u00ad", "")
        parts.append(text)

    @staticmethod
    def _run_has_font(r) -> bool:
        rpr = r.find(_W + "rPr")
        return rpr is not None and rpr.find(_W + "rFonts") is not None


def _read_docx(data: bytes) -> ReadResult:
    document = _open_docx(data)
    walker = _DocxWalker(document)
    try:
        body = document.element.body
    except Exception:
        raise ReadError(_DAMAGED_DOCX + "the document has no body") from None
    walker.blocks(body)
    warnings = [_legacy_warning(n) for n in sorted(walker.legacy_used)]
    text = "\n".join(line for line in walker.lines)
    text = "\n".join(ln for ln in _finish(text).split("\n") if ln.strip())
    text = _repair_with_warnings(text, warnings)
    if not text.strip():
        raise ReadError("empty file: the Word document contains no text")
    return ReadResult(text, "docx", warnings)


# --------------------------------------------------------------------------- .pdf

_DAMAGED_PDF = "damaged PDF — could not open it"
_CID = re.compile(r"\(cid:\d+\)")


def _read_pdf(data: bytes) -> ReadResult:
    head = data[:1024]
    if b"%PDF-" not in head:
        if head.lstrip()[:5].lower() in (b"<html", b"<!doc"):
            raise ReadError(_DAMAGED_PDF + " (it is really a web page saved with a .pdf name)")
        if data.startswith(b"PK"):
            raise ReadError(_DAMAGED_PDF + " (it is really a Word or other Office file — check the file name)")
        raise ReadError(_DAMAGED_PDF)
    import pdfplumber

    with _quiet_loggers("pdfminer", "pdfplumber"):  # it logs a warning per odd font
        return _read_pdf_quietly(pdfplumber, data)


def _read_pdf_quietly(pdfplumber, data: bytes) -> ReadResult:
    warnings: list[str] = []
    page_texts: list[str] = []
    legacy_used: set[str] = set()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:
        raise _pdf_error(e) from None
    try:
        try:
            pages = list(pdf.pages)
        except Exception as e:
            raise _pdf_error(e) from None
        if not pages:
            raise ReadError(_DAMAGED_PDF + " (it has no pages)")
        empty_pages = 0
        failed_pages: list[int] = []
        first_error: Exception | None = None
        for number, page in enumerate(pages, 1):
            try:
                legacy_used |= _convert_pdf_legacy_glyphs(page)
                text = page.extract_text() or ""
            except Exception as e:  # one broken page should not lose the others
                failed_pages.append(number)
                first_error = first_error or e
                continue
            finally:
                try:
                    page.close()
                except Exception:
                    pass
            if sum(ch.isalnum() for ch in _CID.sub("", text)) < 5:
                empty_pages += 1
            page_texts.append(text)
    finally:
        try:
            pdf.close()
        except Exception:
            pass

    if failed_pages and len(failed_pages) == len(pages):
        raise _pdf_error(first_error)
    if failed_pages:
        shown = ", ".join(map(str, failed_pages[:10])) + (" …" if len(failed_pages) > 10 else "")
        warnings.append(f"{len(failed_pages)} damaged page(s) could not be read and are missing: {shown}")
    text = "\n".join(page_texts)
    cids = _CID.findall(text)
    if cids:
        cid_chars = sum(len(c) for c in cids)
        if cid_chars > 0.3 * len(text.replace(" ", "").replace("\n", "")):
            raise ReadError(
                "the PDF's text cannot be decoded (its fonts have no character map) — "
                "OCR not supported; ask for a Word or text version"
            )
        text = _CID.sub("", text)
        warnings.append(f"{len(cids)} characters in the PDF could not be decoded and were dropped")
    if sum(ch.isalnum() for ch in text) < 20:
        raise ReadError("no text layer — scanned document, OCR not supported")
    if empty_pages:
        warnings.append(
            f"{empty_pages} of {len(pages)} pages have no text layer (scanned?) — their content is missing"
        )
    warnings.extend(_legacy_warning(n) for n in sorted(legacy_used))
    text = _repair_with_warnings(text, warnings)
    return ReadResult(text, "pdf", warnings)


def _pdf_error(e: BaseException) -> ReadError:
    chain = []
    cur: BaseException | None = e
    while cur is not None and len(chain) < 5:
        chain.append(f"{type(cur).__name__} {cur}")
        cur = cur.__cause__ or cur.__context__
    joined = " ".join(chain).lower()
    if "password" in joined or "encrypt" in joined:
        return ReadError("password-protected PDF — remove the password and add it again")
    return ReadError(_DAMAGED_PDF)


def _convert_pdf_legacy_glyphs(page) -> set[str]:
    """Rewrite, in place, the glyphs drawn with a legacy Vietnamese font (.VnTime, VNI-Times).

    A VNI letter is two glyphs (base + mark): the base takes the Unicode letter and the
    mark's box, and the mark glyph is dropped, so word spacing is computed as before.
    """
    chars = page.chars  # the page's own cached list: edited in place before extract_text
    if not any(_legacy_font(ch.get("fontname")) for ch in chars):
        return set()
    used: set[str] = set()
    drop: set[int] = set()
    group: list[dict] = []
    group_font: tuple[str, bool] | None = None

    def flush() -> None:
        if not (group and group_font):
            return
        name, upper = group_font
        out = _convert_units([c.get("text") or "" for c in group], name)
        owner: dict | None = None
        for c, t in zip(group, out):
            if t == "" and (c.get("text") or "") and owner is not None:
                for key in ("x1", "bottom", "y0"):
                    if key in c and key in owner:
                        owner[key] = max(owner[key], c[key]) if key != "y0" else min(owner[key], c[key])
                if "x0" in owner and "x1" in owner:
                    owner["width"] = owner["x1"] - owner["x0"]
                drop.add(id(c))
                continue
            c["text"] = t.upper() if upper else t
            owner = c
        used.add(name)

    for ch in chars:
        font = _legacy_font(ch.get("fontname"))
        if font != group_font:
            flush()
            group, group_font = [], font
        if font:
            group.append(ch)
    flush()
    if drop:
        chars[:] = [c for c in chars if id(c) not in drop]
    return used


# --------------------------------------------------------------------------- .html

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET_ALIASES = {"windows-1258": "cp1258", "x-cp1258": "cp1258", "utf8": "utf-8"}


def _decode_html(data: bytes) -> tuple[str, list[str]]:
    for bom, codec, _name in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        codec = _CHARSET_ALIASES.get(declared, declared)
        try:
            return data.decode(codec), []
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown declaration: work it out from the bytes
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text, encoding, warnings = _decode_text_bytes(data, allow_binary_check=False)
    return text, warnings


def _read_html(data: bytes) -> ReadResult:
    html, warnings = _decode_html(data)
    html = unicodedata.normalize("NFC", _XML_DECL.sub("", html, count=1))
    if "\x00" in html:
        html = html.replace("\x00", "")
    if not html.strip():
        raise ReadError("empty file")
    import trafilatura

    with _quiet_loggers("trafilatura", "htmldate", "courlan", "justext"):
        return _extract_html(trafilatura, html, warnings)


def _extract_html(trafilatura, html: str, warnings: list[str]) -> ReadResult:
    body = None
    try:
        body = trafilatura.extract(
            html,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            with_metadata=False,
        )
    except Exception:
        body = None
    title = date = None
    if body and body.strip():
        try:
            meta = trafilatura.extract_metadata(html)
            title = (meta.title or "").strip() or None
            date = (meta.date or "").strip() or None
        except Exception:
            pass
    else:
        body = _html_fallback_text(html)
        if body.strip():
            warnings.append("could not find the main article; kept all the text of the page")
            title = _html_title(html)
    if not body or not body.strip():
        raise ReadError("web page has no readable text")
    lines = body.strip("\n").split("\n")
    head: list[str] = []
    if title:
        head.append(title)
        if lines and lines[0].strip() == title:
            lines = lines[1:]
    if date and not _date_shown(date, lines[:6]):
        head.append(date)
    text = "\n".join(head + lines)
    text = _repair_with_warnings(text, warnings)
    return ReadResult(text, "html", warnings, page_address(html))


_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def page_address(html: str) -> str | None:
    """The address a saved page gives for itself: <link rel="canonical" href=…>, else
    <meta property="og:url" content=…>; only an absolute http(s) address."""
    found: dict[str, str] = {}
    for m in _TAG.finditer(html, 0, 200_000):  # in the head, near the top
        attrs = {a.group(1).lower(): a.group(2) if a.group(2) is not None else
                 a.group(3) if a.group(3) is not None else a.group(4) for a in _ATTR.finditer(m.group(2))}
        if m.group(1).lower() == "link" and "canonical" in (attrs.get("rel") or "").lower().split():
            found.setdefault("canonical", attrs.get("href") or "")
        elif m.group(1).lower() == "meta" and (attrs.get("property") or attrs.get("name") or "").lower() == "og:url":
            found.setdefault("og", attrs.get("content") or "")
    for key in ("canonical", "og"):
        url = _html.unescape(found.get(key, "")).strip()
        if re.match(r"https?://[^/\s]+", url, re.I) and not re.search(r"\s", url):
            return url
    return None


def _date_shown(iso_date: str, lines: list[str]) -> bool:
    """Does the article already show this date near its top (e.g. "07/04/2023")?"""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", iso_date)
    if not m:
        return iso_date in "\n".join(lines)
    y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    pattern = re.compile(
        rf"(?<!\d)0?{d}\s*[/.-]\s*0?{mo}\s*[/.-]\s*{y}(?!\d)|{y}-{mo:02d}-{d:02d}"
        rf"|ngày\s+0?{d}\s+tháng\s+0?{mo}\s+năm\s+{y}",
        re.I,
    )
    return any(pattern.search(line) for line in lines)


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot tr td th ul".split()
)


def _parse_html(html: str):
    import lxml.html

    try:
        return lxml.html.document_fromstring(html)
    except Exception:
        return None


def _html_title(html: str) -> str | None:
    root = _parse_html(html)
    if root is None:
        return None
    found = root.find(".//title")
    if found is not None and found.text_content().strip():
        return " ".join(found.text_content().split())
    return None


def _html_fallback_text(html: str) -> str:
    """All the text of the page body, one block element per line, without scripts/styles."""
    root = _parse_html(html)
    if root is None:
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//head|//svg"):
        bad.drop_tree()
    body = root.find("body")
    if body is None:
        body = root
    out: list[str] = []

    def walk(el) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.tail:
                out.append(el.tail)
            return
        block = el.tag.lower() in _BLOCK_TAGS
        if block:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n")
        if el.tail:
            out.append(el.tail)

    text = body.text or ""
    out.append(text)
    for child in body:
        walk(child)
    lines = [" ".join(line.split()) for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line)


_READERS: dict[str, Callable[[bytes], ReadResult]] = {
    ".txt": _read_txt,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".html": _read_html,
    ".htm": _read_html,
}
