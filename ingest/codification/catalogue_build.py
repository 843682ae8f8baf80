"""The catalogue of schema/phapdien.json derived from the official dump: every đề mục with
the number and name its page prints ("Đề mục 34.5 Đấu thầu") and its article count, so that
no đề mục number is typed by hand. The 45 chủ đề keep their names from the published index
(the dump's tree file, which names them, is not in it); the assignment rules name a đề mục
by its name and are resolved to its number when the catalogue loads."""

from __future__ import annotations

from collections.abc import Iterable

from schema.phapdien import OfficialDeMuc


def derive_catalogue(pages: Iterable[OfficialDeMuc], current: dict) -> dict:
    """`current` with its đề mục replaced by the dump's. Of two pages of one number (the
    dump keeps removed đề mục and emptied copies beside the real one), the one a user of
    the Bộ pháp điển sees: not marked "(loại bỏ)", then the one with articles."""
    kept: dict[str, OfficialDeMuc] = {}
    for page in pages:
        other = kept.get(page.so)
        if other is None or page_rank(page) > page_rank(other):
            kept[page.so] = page
    chu_de = {c["so"] for c in current["chu_de"]}
    orphans = sorted({p.so for p in kept.values() if int(p.so.split(".")[0]) not in chu_de})
    if orphans:
        raise ValueError(f"đề mục of no known chủ đề: {', '.join(orphans)}")
    de_muc = [
        {"so": p.so, "ten": p.ten, "dieu": len(p.articles), "trang": p.file}
        for p in sorted(kept.values(), key=lambda p: tuple(int(x) for x in p.so.split(".")))
    ]
    return {
        **current,
        "source": (
            "chu_de: the 45 chủ đề of the Bộ pháp điển as its published index names them. "
            "de_muc: every đề mục of the official dump (../shared/corpus/phapdien_official/), "
            "its number, name, article count and page, written by `lexvn phapdien-catalogue`."
        ),
        "de_muc": de_muc,
    }


def page_rank(page: OfficialDeMuc) -> tuple[bool, int]:
    """Which of two pages of one đề mục number is the đề mục: the dump also holds pages of
    đề mục since removed ("Quản lý thức ăn chăn nuôi (loại bỏ)") and empty copies."""
    return ("(loại bỏ)" not in page.ten, len(page.articles))
