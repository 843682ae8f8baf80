"""A corpus of malformed inputs, made by code from real documents (no binaries in the
repository): damaged copies of real laws in every format LexVN reads, files that are not
what their name says, empty and random files, hostile archives and markup, and paths that
are no file at all. Every one must be refused (or skipped) with a one-line reason naming it,
and leave the store as it was.

    python -m tests.malformed_inputs OUT_DIR     # write them out, to try them by hand
"""

from __future__ import annotations

import gzip
import io
import os
import random
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.hostile_inputs import _document, _para, docx, hostile_docx

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

# the real documents the damaged copies come from; the test stores them first
ORIGINALS = {
    "docx": ROOT / "corpus_samples/procurement/qd_1667-QD-BYT-2024.docx",
    "html": ROOT / "corpus_samples/html/qd-1397-QD-UBND-2021-nam-dinh.html",
    "txt": ROOT / "corpus_samples/codes/bo-luat-hang-hai-viet-nam-2015.txt",
    "pdf": SHARED / "fulltext/congbao/thong-tu-so-07-2022-tt-bldtbxh-37100.pdf",
    "doc": SHARED / "fulltext/luatvietnam_doc/2010_10317207.doc",
}
SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf", ".doc", ".rtf", ".md")
FRACTIONS = (0.003, 0.05, 0.2, 0.4, 0.6, 0.8, 0.97)


def _pdf(pages: list[bytes | None]) -> bytes:
    """A PDF written by hand: one page a content stream (None: a page with no text layer)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for content in pages:
        page_no = len(objects) + 1
        kids.append(f"{page_no} 0 R")
        if content is None:
            objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
            continue
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {page_no + 1} 0 R "
            f"/Resources << /Font << /F1 {page_no + 2} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _flip(data: bytes, rng: random.Random, count: int, start: int = 0) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(start, len(out))
        out[at] ^= 0xFF
    return bytes(out)


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _cut(data: bytes) -> bytes:
    return data[: len(data) * 3 // 5]


def _no_law(text: str) -> str:
    return f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{text}\n"


def _damaged(kind: str, original: bytes, rng: random.Random) -> list[tuple[str, bytes]]:
    """Truncations and flipped bytes of one real document."""
    out = [
        (
            f"damaged/{kind}-cut-{int(f * 1000):03d}.{kind}",
            original[: max(1, int(len(original) * f))],
        )
        for f in FRACTIONS
    ]
    start = {"docx": 0, "doc": 0, "pdf": 0}.get(kind, len(original) // 4)
    for n, count in enumerate((8, 64, 512)):
        out.append((f"damaged/{kind}-flip-{n}.{kind}", _flip(original, rng, count, start)))
    return out


def _text_family(law: str) -> list[tuple[str, bytes]]:
    """Texts without a legal document in them, in encodings a reader must not mistake."""
    head = "\n".join(law.splitlines()[:12])  # the header and title, before any Điều
    return [
        ("text/whitespace.txt", b" \n\t\r\n   \n"),
        ("text/bom-only.txt", b"\xef\xbb\xbf"),
        ("text/nul-bytes.txt", b"\x00" * 4096),
        ("text/header-no-article.txt", head.encode("utf-8")),
        ("text/header-utf16le.txt", head.encode("utf-16-le")),
        ("text/header-utf16be.txt", head.encode("utf-16-be")),
        ("text/header-utf32.txt", head.encode("utf-32")),
        ("text/header-latin1-mojibake.txt", head.encode("utf-8").decode("latin-1").encode("utf-8")),
        ("text/invalid-utf8.txt", b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc" * 300),
        ("text/overlong-utf8.txt", b"\xc0\xaf\xe0\x80\xaf\xf0\x80\x80\xaf" * 300),
        ("text/control-chars.txt", bytes(range(1, 32)) * 200),
        ("text/bidi-only.txt", ("\u202e\u2066\u200b" * 2000).encode("utf-8")),
        ("text/huge-number.txt", _no_law("Điều " + "9" * 5000 + ".").encode("utf-8")),
        ("text/chapters-without-articles.txt", _no_law("Chương I\n" * 20000).encode("utf-8")),
        ("text/one-long-line.txt", b"a" * 8_000_000),
        ("text/khoan-without-article.txt", _no_law("1. khoản\n" * 30000).encode("utf-8")),
        ("text/only-a-title.md", b"# LU\xe1\xba\xacT\n\n---\ntitle: x\n---\n"),
        ("text/front-matter-only.md", b"---\nso_ky_hieu: 1/2020/QH14\n---\n"),
    ]


def _html_family() -> list[tuple[str, bytes]]:
    return [
        ("html/no-body.html", b"<html><head><title>Lu\xe1\xba\xadt</title></head></html>"),
        ("html/script-only.html", b"<html><body><script>" + b"var a=1;" * 5000 + b"</script></body></html>"),
        ("html/style-only.html", b"<html><body><style>p{color:red}</style></body></html>"),
        ("html/unclosed-comment.html", b"<html><body><!-- " + "Điều 1. X".encode() * 100),
        ("html/deep-nesting.html", b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000),
        ("html/tags-only.html", b"<p></p>" * 50_000),
        ("html/gzip-body.html", gzip.compress(b"<html><body>" + "Điều 1. X".encode() + b"</body></html>")),
        ("html/utf16-no-bom.htm", "<html><body><p>Luật</p></body></html>".encode("utf-16-le")),
        ("html/entity-flood.html", b"<html><body><p>" + b"&amp;" * 200_000 + b"</p></body></html>"),
        ("html/xxe.html", b'<?xml version="1.0"?><!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body>&x;</body></html>'),
    ]  # fmt: skip


def _docx_family(rng: random.Random) -> list[tuple[str, bytes]]:
    bomb = b"\x00" * (60 << 20)
    many = {f"word/media/{i}.xml": b"<x/>" for i in range(2500)}
    many["word/document.xml"] = _document(_para("x")).encode()
    refused = {"sizes-lie.docx", "corrupt-deflate.docx", "entity-bomb.docx", "not-a-zip.docx"}
    out = [
        (f"docx/{name}", data)
        for name, data in hostile_docx()
        if name in refused | {"no-document.docx"}
    ]
    out += [
        ("docx/document-not-xml.docx", docx({"word/document.xml": "Điều 1. not xml <<<"})),
        ("docx/wrong-root.docx", docx({"word/document.xml": "<?xml version='1.0'?><html/>"})),
        ("docx/empty-body.docx", docx({"word/document.xml": _document("")})),
        ("docx/zip-bomb.docx", docx({"word/document.xml": bomb})),
        ("docx/2500-entries.docx", _zip({"[Content_Types].xml": b"<Types/>", **many})),
        ("docx/xxe.docx", docx({"word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="x">&x;</w:document>'})),
        ("docx/traversal-names.docx", _zip({"../../etc/evil.xml": b"<x/>", "word/document.xml": _document(_para("x")).encode()})),
        ("docx/nested-docx.docx", _zip({"word/document.docx": docx({"word/document.xml": _document(_para("x"))})})),
        ("docx/ole-encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(rng.randrange(256) for _ in range(4096))),
        ("docx/stored-empty-zip.docx", _zip({}, zipfile.ZIP_STORED)),
        ("docx/billion-runs.docx", docx({"word/document.xml": _document("<w:p>" + "<w:r><w:t></w:t></w:r>" * 100_000 + "</w:p>")})),
    ]  # fmt: skip
    return out


def _pdf_family() -> list[tuple[str, bytes]]:
    text = b"BT /F1 12 Tf 72 720 Td (Quy dinh chung) Tj ET"
    return [
        ("pdf/header-only.pdf", b"%PDF-1.7\n"),
        ("pdf/no-pages.pdf", _pdf([])),
        ("pdf/blank-pages.pdf", _pdf([None, None, None])),
        ("pdf/no-article.pdf", _pdf([text])),
        ("pdf/xref-garbage.pdf", _pdf([text]).replace(b"xref\n", b"xref\nGARBAGE\n")),
        ("pdf/eof-missing.pdf", _pdf([text]).rsplit(b"%%EOF", 1)[0]),
        ("pdf/png-named-pdf.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048),
    ]


def _other_family(rng: random.Random, originals: dict[str, bytes]) -> list[tuple[str, bytes]]:
    out = [(f"empty/empty{suffix}", b"") for suffix in SUFFIXES]
    out += [
        (
            f"random/random{suffix}",
            bytes(rng.randrange(256) for _ in range(rng.randrange(64, 65536))),
        )
        for suffix in SUFFIXES
    ]
    out += [
        # damaged and misnamed: the bytes decide the reader, and the reader refuses them
        ("swapped/pdf-named.docx", _cut(originals["pdf"])),
        ("swapped/docx-named.pdf", _cut(originals["docx"])),
        ("swapped/doc-named.docx", _cut(originals["doc"])),
        ("swapped/docx-named.doc", _cut(originals["docx"])),
        ("swapped/pdf-named.doc", _cut(originals["pdf"])),
        ("swapped/zip-named.docx", _zip({"a.txt": b"hello"})),
        ("swapped/gzip-named.txt", gzip.compress(b"x" * 10000)),
        ("swapped/png-named.html", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4096))),
        ("swapped/elf-named.txt", b"\x7fELF\x02\x01\x01" + bytes(rng.randrange(256) for _ in range(4096))),
        ("swapped/ole-header-only.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
        ("rtf/unbalanced.rtf", b"{\\rtf1\\ansi{\\b " + b"{" * 1000),
        ("rtf/header-only.rtf", b"{\\rtf1}"),
        ("rtf/deep-nesting.rtf", b"{\\rtf1" + b"{" * 100_000 + b"x" + b"}" * 100_000 + b"}"),
        ("rtf/bin-huge.rtf", b"{\\rtf1\\bin999999999999 x}"),
        ("names/" + "d" * 200 + ".docx", originals["docx"][:100]),
        ("names/-starts-with-dash.docx", originals["docx"][:100]),
        ("names/line\nbreak.docx", originals["docx"][:100]),
        ("names/Nghi\u0323 đi\u0323nh NFD.docx", originals["docx"][:100]),
    ]  # fmt: skip
    return out


def malformed_inputs() -> list[tuple[str, bytes]]:
    """(relative path, bytes); the same list every run (seeded)."""
    rng = random.Random(20261201)
    originals = {kind: path.read_bytes() for kind, path in ORIGINALS.items()}
    out: list[tuple[str, bytes]] = []
    for kind in ("docx", "pdf", "doc", "html", "txt"):
        out += _damaged(kind, originals[kind], rng)
    out += _text_family(originals["txt"].decode("utf-8"))
    out += _html_family()
    out += _docx_family(rng)
    out += _pdf_family()
    out += _other_family(rng, originals)
    return out


# paths that are no regular file, made in the folder itself
SPECIAL: dict[str, Callable[[Path], None]] = {
    "special/fifo.txt": lambda p: os.mkfifo(p),
    "special/folder.docx": lambda p: p.mkdir(),
    "special/broken-link.pdf": lambda p: p.symlink_to(p.parent / "nowhere.pdf"),
    "special/link-loop.html": lambda p: p.symlink_to(p),
    "special/sparse-60MB.txt": lambda p: os.truncate(p.open("wb").name, 60 << 20),
}


def write(folder: Path) -> list[Path]:
    """The corpus written under `folder`; one name with bytes that are not UTF-8 too."""
    paths = []
    for name, data in malformed_inputs():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    for name, make in SPECIAL.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path)
        paths.append(path)
    raw = os.fsencode(folder / "names") + b"/latin1-\xe9\xff.docx"
    with open(raw, "wb") as f:
        f.write(b"PK\x03\x04broken")
    paths.append(Path(os.fsdecode(raw)))
    return paths


if __name__ == "__main__":
    written = write(Path(sys.argv[1]))
    print(f"{len(written)} malformed inputs in {sys.argv[1]}")
