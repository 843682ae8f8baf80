"""DOCX: paragraphs and tables in body order, with Word's automatic numbering rendered.

Written on the standard library zip reader and lxml so that hostile files can be refused:
entry count and uncompressed size are checked before inflating (zip bombs), and the XML
parser neither loads DTDs nor expands entities (billion laughs, external entities)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ingest.parse.numbering import POINT_LETTERS, int_to_roman
from ingest.parse.text import has_lookalikes, normalize
from ingest.readers import ReaderError, report_lookalikes
from schema.model import Issue, Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 2000
MAX_XML_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for one entry
MAX_LEVEL = 8  # Word's list levels are 0-8
MAX_START = 32767  # the largest start value Word writes

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def _open(path: str | Path, data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReaderError(path, "not a valid DOCX file (broken zip archive)") from exc
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReaderError(path, f"DOCX has {len(infos)} entries, more than {MAX_ENTRIES}")
    for info in infos:
        if info.filename.endswith(".xml") and info.file_size > MAX_XML_BYTES:
            raise ReaderError(path, f"DOCX part {info.filename} is too large when unpacked")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise ReaderError(path, f"DOCX part {info.filename} looks like a zip bomb")
    if "word/document.xml" not in archive.namelist():
        raise ReaderError(path, "not a DOCX document (no word/document.xml)")
    return archive


def _xml(path: str | Path, archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    if name not in archive.namelist():
        return None
    try:  # the bytes inflated are counted, whatever sizes the zip headers claim
        with archive.open(name) as part:
            raw = part.read(MAX_XML_BYTES + 1)
    except Exception as exc:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError: a broken part
        raise ReaderError(path, f"DOCX part {name} cannot be unpacked: {exc}") from exc
    if len(raw) > MAX_XML_BYTES:
        limit = MAX_XML_BYTES >> 20
        raise ReaderError(path, f"DOCX part {name} is larger than {limit} MiB unpacked")
    if b"<!DOCTYPE" in raw[:4096] or b"<!ENTITY" in raw[:4096]:
        raise ReaderError(path, f"DOCX part {name} declares a DTD, which DOCX never needs")
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "unknown error" in str(exc) or "Memory allocation failed" in str(exc):
            # libxml2's words when malloc fails (a worker under its memory budget)
            raise MemoryError(f"{path}: DOCX part {name} does not fit in memory") from exc
        raise ReaderError(path, f"DOCX part {name} is not well-formed XML: {exc}") from exc


class _Numbering:
    """Counters for Word list numbering (numbering.xml), so "a)", "1." that Word draws
    itself become part of the text as they appear on paper."""

    def __init__(self, root: etree._Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract = {}
        for an in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in an.iter(W + "lvl"):
                ilvl = _bounded(lvl.get(W + "ilvl", "0"), 0, MAX_LEVEL)
                start = _bounded(_val(lvl.find(W + "start")) or "1", 0, MAX_START)
                if ilvl is None or start is None:
                    continue  # a level Word could not have written: ignored, not trusted
                fmt = _val(lvl.find(W + "numFmt")) or "decimal"
                text = (_val(lvl.find(W + "lvlText")) or "")[:64]
                levels[ilvl] = (fmt, text, start)
            abstract[an.get(W + "abstractNumId")] = levels
        for num in root.iter(W + "num"):
            ref = _val(num.find(W + "abstractNumId"))
            self.levels[num.get(W + "numId")] = abstract.get(ref, {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not 0 <= ilvl <= MAX_LEVEL:
            return ""
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""
        out = text
        for lvl_index in range(ilvl + 1):
            value = counters.get(lvl_index, levels.get(lvl_index, ("decimal", "", 1))[2])
            lvl_fmt = levels.get(lvl_index, ("decimal", "", 1))[0]
            out = out.replace(f"%{lvl_index + 1}", _format(value, lvl_fmt))
        return out


def _bounded(raw: str, low: int, high: int) -> int | None:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if low <= value <= high else None


def _format(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "lowerRoman":
        return int_to_roman(value).lower()
    if fmt == "upperRoman":
        return int_to_roman(value)
    if fmt == "vietnameseCounting":
        return POINT_LETTERS[(value - 1) % len(POINT_LETTERS)]
    return str(value)


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(W + "val")


def _paragraph_text(p: etree._Element) -> str:
    parts = []
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        tag = el.tag[len(W) :]
        if tag == "t":
            parts.append(el.text or "")
        elif tag == "tab":
            parts.append(" ")
        elif tag == "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    archive = _open(path, data)
    document = _xml(path, archive, "word/document.xml")
    numbering = _Numbering(_xml(path, archive, "word/numbering.xml"))
    body = document.find(W + "body")
    if body is None:
        raise ReaderError(path, "DOCX has no document body")
    raw: list[tuple[str, int, bool]] = []

    def emit_paragraph(p: etree._Element, in_table: bool) -> None:
        text = _paragraph_text(p)
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(W + "numId"))
            ilvl = _bounded(_val(num_pr.find(W + "ilvl")) or "0", 0, MAX_LEVEL)
            ilvl = -1 if ilvl is None else ilvl  # w:ilvl="abc": no label
            label = numbering.label(num_id, ilvl) if num_id else ""
            if label and text.strip():
                text = f"{label} {text.lstrip()}"
        raw.append((text, len(raw) + 1, in_table))

    def walk(container: etree._Element, in_table: bool) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                emit_paragraph(child, in_table)
            elif tag == W + "tbl":
                for row in child.iter(W + "tr"):
                    if row.getparent() is not child:
                        continue  # nested tables are walked through their cell
                    for cell in row.findall(W + "tc"):
                        walk(cell, True)
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins"):
                walk(child.find(W + "sdtContent") if tag == W + "sdt" else child, in_table)

    walk(body, False)
    if not raw:
        return []  # an empty body: read_bytes says there is no text
    # one normalisation pass for all paragraphs; U+E001 (not whitespace) marks boundaries
    joined = "\ue001".join(text.replace("\ue001", " ") for text, _, _ in raw)
    if has_lookalikes(joined):
        for text, line, _ in raw:
            report_lookalikes(text, line, issues)
    out: list[Paragraph] = []
    for (_, line, in_table), text in zip(raw, normalize(joined).split("\ue001"), strict=True):
        out.extend(Paragraph(piece.strip(), line, in_table) for piece in text.split("\n"))
    return out
