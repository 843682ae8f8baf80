"""Legacy Word (.doc, the binary Word 97–2003 format, an OLE2 compound file), through
antiword, which Debian maintains (`apt-get install antiword`; .ci/run installs it).

antiword turns a .doc into text in 6 ms on the shared corpus's files, tables drawn with `|`;
with `-w 0` it does not wrap lines, so each paragraph arrives whole. Word 6/95 files, which
antiword refuses ("text stream of this file is too small"), are read by catdoc (Debian's
catdoc package) instead. LibreOffice headless
reads the format too but costs a 300 MB install and a second per file; no maintained Python
library reads the binary format's text. Files typed in the TCVN3 font encoding (the 1945
decrees) come out as Windows-1252 mojibake and are converted (readers/legacy_encoding.py).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.readers import ReaderError
from ingest.readers.text_lines import read_text
from schema.model import Issue, Paragraph

TIMEOUT_S = 60
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read(path: str | Path, data: bytes, issues: list[Issue]) -> list[Paragraph]:
    if not data.startswith(OLE2_MAGIC):
        raise ReaderError(path, "not a Word 97–2003 (.doc) file: no OLE2 signature")
    antiword, catdoc = shutil.which("antiword"), shutil.which("catdoc")
    if antiword is None:
        raise ReaderError(path, "reading Word .doc files needs antiword: apt-get install antiword")
    with tempfile.NamedTemporaryFile(suffix=".doc") as tmp:
        tmp.write(data)
        tmp.flush()
        ok, out, reason = _run(path, [antiword, "-m", "UTF-8.txt", "-w", "0", tmp.name])
        if not ok and catdoc:  # Word 6/95
            ok, out, reason = _run(path, [catdoc, "-w", "-d", "utf-8", tmp.name])
    if not ok:
        raise ReaderError(path, f"antiword cannot read it: {reason}")
    return read_text(path, out, issues, origin="doc")


def _run(path: str | Path, command: list[str]) -> tuple[bool, bytes, str]:
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReaderError(path, f"{Path(command[0]).name} did not finish in {TIMEOUT_S} s") from exc
    if done.returncode == 0 and done.stdout.strip():
        return True, done.stdout, ""
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return False, b"", lines[-1] if lines else "no text"
