"""Malformed and hostile inputs, made by code (no binaries in the repository): each a
(name, bytes) pair a reader must refuse with a one-line reason, or read, within bounds."""

from __future__ import annotations

import io
import zipfile

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    "</Types>"
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(body: str) -> str:
    return f'<?xml version="1.0"?><w:document {_W}><w:body>{body}</w:body></w:document>'


def _para(text: str, num: str | None = None, ilvl: str = "0") -> str:
    numbering = (
        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
        if num
        else ""
    )
    return f"<w:p>{numbering}<w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(parts: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        z.writestr("[Content_Types].xml", _CT)
        for name, content in parts.items():
            z.writestr(name, content)
    return buf.getvalue()


_LAW = "".join(_para(t) for t in ("LUẬT", "THỬ NGHIỆM", "Điều 1. Phạm vi", "Nội dung."))


def _numbering(start: str = "1", ilvl: str = "0") -> str:
    return (
        f'<?xml version="1.0"?><w:numbering {_W}><w:abstractNum w:abstractNumId="0">'
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="lowerRoman"/>'
        f'<w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="1">'
        f'<w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def _lying_sizes() -> bytes:
    """A zip whose central directory says document.xml is small while it inflates to 80 MB."""
    big = _document(_LAW + "<!--" + "x" * 80_000_000 + "-->")
    data = bytearray(docx({"word/document.xml": big}))
    # rewrite the uncompressed size (4 bytes at offset 24 of the central header)
    sig = data.rfind(b"PK\x01\x02")
    while sig != -1:
        name_len = int.from_bytes(data[sig + 28 : sig + 30], "little")
        name = bytes(data[sig + 46 : sig + 46 + name_len])
        if name == b"word/document.xml":
            data[sig + 24 : sig + 28] = (1000).to_bytes(4, "little")
        sig = data.rfind(b"PK\x01\x02", 0, sig)
    return bytes(data)


def _corrupt_deflate() -> bytes:
    data = bytearray(docx({"word/document.xml": _document(_LAW * 50)}))
    at = data.find(b"word/document.xml") + 40
    data[at : at + 64] = b"\xff" * 64
    return bytes(data)


def hostile_docx() -> list[tuple[str, bytes]]:
    numbered = _document(_LAW + _para("mục", num="1", ilvl="0"))
    return [
        ("numbering-start-huge.docx", docx({"word/document.xml": numbered, "word/numbering.xml": _numbering(start="999999999999")})),
        ("numbering-level-huge.docx", docx({"word/document.xml": _document(_LAW + _para("x", num="1", ilvl="999999999")), "word/numbering.xml": _numbering(ilvl="999999999")})),
        ("ilvl-not-a-number.docx", docx({"word/document.xml": _document(_LAW + _para("x", num="1", ilvl="abc")), "word/numbering.xml": _numbering(ilvl="abc")})),
        ("sizes-lie.docx", _lying_sizes()),
        ("corrupt-deflate.docx", _corrupt_deflate()),
        ("entity-bomb.docx", docx({"word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>' + _document("&a;")})),
        ("not-a-zip.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("no-document.docx", docx({"word/other.xml": "<x/>"})),
    ]  # fmt: skip


def slow_docx(articles: int) -> bytes:
    """A well-formed law of `articles` articles, each citing one that does not exist: a few
    hundred KB compressed that keep a checker busy for tens of seconds."""
    body = "".join(_para(t) for t in ("LUẬT", "THỬ NGHIỆM"))
    body += "".join(
        _para(f"Điều {i}. Tên {i}") + _para("1. Khoản một.") + _para("a) theo Điều 99999.")
        for i in range(1, articles + 1)
    )
    return docx({"word/document.xml": _document(body)})
