"""The official Bộ pháp điển dump as published: a tar.gz (or the folder it unpacks to) with
`BoPhapDien.html` and one page a đề mục in `demuc/`. Reads the pages one at a time, so that
a dump of 300 MB never sits in memory whole."""

from __future__ import annotations

import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.codification.official_pages import PageError, read_de_muc_page
from schema.phapdien import OfficialDeMuc

MAX_PAGE_BYTES = 64 * 1024 * 1024  # the largest official page is under 5 MB


class DumpError(ValueError):
    """A path that is not a Bộ pháp điển dump."""


@dataclass
class DumpReport:
    pages: int = 0
    articles: int = 0
    unread: list[str] = field(default_factory=list)  # "file: why"


def _is_page(name: str) -> bool:
    parts = Path(name).parts
    return len(parts) >= 2 and parts[-2] == "demuc" and name.lower().endswith(".html")


def iter_page_bytes(path: Path) -> Iterator[tuple[str, bytes]]:
    """(page file name, bytes) for each đề mục page, in the dump's order."""
    if path.is_dir():
        folder = path / "demuc" if (path / "demuc").is_dir() else None
        if folder is None:
            raise DumpError(f"{path}: no demuc/ folder of đề mục pages")
        for page in sorted(folder.glob("*.html")):
            if page.stat().st_size > MAX_PAGE_BYTES:
                raise DumpError(f"{page}: {page.stat().st_size} bytes, over {MAX_PAGE_BYTES}")
            yield page.name, page.read_bytes()
        return
    try:
        archive = tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError) as exc:
        raise DumpError(f"{path}: not a tar archive of the Bộ pháp điển ({exc})") from exc
    with archive:
        found = False
        for member in archive:
            if not member.isfile() or not _is_page(member.name):
                continue
            found = True
            if member.size > MAX_PAGE_BYTES:
                raise DumpError(
                    f"{path}: {member.name}: {member.size} bytes, over {MAX_PAGE_BYTES}"
                )
            handle = archive.extractfile(member)
            if handle is not None:
                yield Path(member.name).name, handle.read()
        if not found:
            raise DumpError(f"{path}: no demuc/*.html pages in the archive")


def read_dump(
    path: Path,
    report: DumpReport | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[OfficialDeMuc]:
    """Each readable đề mục page; a page that does not read is named in `report` and costs
    only itself."""
    report = report if report is not None else DumpReport()
    for name, data in iter_page_bytes(path):
        report.pages += 1
        try:
            page = read_de_muc_page(data, name)
        except PageError as exc:
            report.unread.append(str(exc))
            continue
        report.articles += len(page.articles)
        if progress:
            progress(name)
        yield page


def page_count(path: Path) -> int:
    """How many đề mục pages the dump holds, for a progress bar."""
    if path.is_dir():
        return len(list((path / "demuc").glob("*.html")))
    try:
        with tarfile.open(path, "r:*") as archive:
            return sum(1 for m in archive if m.isfile() and _is_page(m.name))
    except (tarfile.TarError, OSError) as exc:
        raise DumpError(f"{path}: not a tar archive of the Bộ pháp điển ({exc})") from exc
