"""The catalogue of draft checks: a stable id, a severity, the family, what it says in
Vietnamese, and its legal basis. An error blocks a draft (the appraisal unit returns it); a
warning informs.

Bases are cited from Luật Ban hành văn bản quy phạm pháp luật 2015 (80/2015/QH13, amended by
63/2020/QH14) and Nghị định 34/2016/NĐ-CP (amended by 154/2020/NĐ-CP), whose Chương V and
Phụ lục I set the thể thức and kỹ thuật trình bày. Luật 64/2025/QH15 and Nghị định
78/2025/NĐ-CP replaced them on 01/4/2025 with the same rules for these checks; their article
numbers are not in the reference material here, so the 2015 numbering is kept
(docs/draftcheck.md)."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

L2015 = "Luật Ban hành VBQPPL 2015 (80/2015/QH13)"
ND34 = "Nghị định 34/2016/NĐ-CP, Chương V và Phụ lục I"


@dataclass(frozen=True)
class RuleSet:
    """The law a check is made under, and the dates it was in force."""

    since: str  # ISO date
    until: str | None
    name: str  # as the report shows it
    basis: str | None  # replaces every rule's basis, where its article numbers are not known


# A document is checked by the rules in force on its date. Before 01/7/2016 the thể thức
# and bố cục of Luật 80/2015 and Nghị định 34/2016 did not exist: a text of 1993 or 2005 is
# not held to them (its references, authority and dates are still checked).
RULE_SETS = (
    RuleSet("2016-07-01", "2025-04-01", f"{L2015} và Nghị định 34/2016/NĐ-CP", None),
    RuleSet(
        "2025-04-01",
        None,
        "Luật Ban hành văn bản quy phạm pháp luật 2025 (64/2025/QH15) và Nghị định 78/2025/NĐ-CP",
        "theo Luật Ban hành văn bản quy phạm pháp luật 2025 (64/2025/QH15)",
    ),
)


def is_dated(rule_id: str) -> bool:
    """The rules that came with the 2016 thể thức: every form rule, article titles, Roman
    chapter numerals, one chapter sequence across Phần, and points under an introductory
    paragraph (Nghị định 34/2016/NĐ-CP; a Sắc lệnh of 1945 writes "Điều thứ hai:" / "a) Từ
    mười hai giờ đêm …"). Numbering that skips or repeats (a first chapter printed as
    "Chương II"), references, authority and dates were defects before 2016 too."""
    return rule_id.startswith("form.") or rule_id in (
        "structure.dieu-title",
        "structure.chuong-numeral",
        "structure.chuong-restart",
        "structure.diem-intro",
    )


def rule_set_for(at: str) -> RuleSet | None:
    """The rule set in force on `at` (ISO date); None before the first."""
    for rule_set in RULE_SETS:
        if rule_set.since <= at and (rule_set.until is None or at < rule_set.until):
            return rule_set
    return None


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    family: str  # the_thuc | bo_cuc | dan_chieu | tham_quyen_hieu_luc | sua_doi
    title: str  # Vietnamese, as shown to the officer
    basis: str
    not_for: frozenset[str] = frozenset()  # the kinds (VBHN, QUOC_HOI) it does not govern


# The kinds of document whose form differs from the common one (draftcheck/draft.py, kind).
VBHN = "Văn bản hợp nhất"
QUOC_HOI = "Văn bản của Quốc hội"  # Hiến pháp, Luật, Bộ luật, Nghị quyết của Quốc hội

# What each kind is not held to, and why. A VBHN (Pháp lệnh Hợp nhất văn bản quy phạm pháp
# luật 01/2012/UBTVQH13) bears its consolidating body, số ký hiệu, date and signature in its
# xác thực block at the end, has no căn cứ or enacting line, and amends nothing: the
# amending texts it reproduces speak of the documents it consolidates. A text of the Quốc
# hội carries no place and date under its number (its date is the adoption line) and sets
# its own entry into force, which an ordinary law's minimum delay does not bind.
_NOT_FOR: dict[str, frozenset[str]] = {
    **{
        rule: frozenset({VBHN})
        for rule in (
            "form.issuer",
            "form.number-missing",
            "form.number-format",
            "form.number-type",
            "form.number-year",
            "form.not-normative",
            "form.place-date",
            "form.can-cu",
            "form.enacting-formula",
            "form.signature",
            "form.noi-nhan",
            "form.signing-authority",
            "authority.type-issuer",
            "dates.effective-missing",
            "dates.effective-too-early",
            "dates.effective-on-signing",
            "dates.retroactive",
            "dates.retroactive-review",
            "amend.base-unknown",
            "amend.base-not-in-force",
            "amend.target-missing",
            "amend.payload-missing",
            "amend.insert-anchor",
            "amend.insert-taken",
            "amend.phrase-absent",
        )
    },
    "form.vbhn-authentication": frozenset({QUOC_HOI, None}),  # only a VBHN's
    "dates.effective-early-qh": frozenset({VBHN, None}),  # only a text of the Quốc hội's
}
for _rule in ("form.place-date", "dates.effective-too-early", "dates.effective-on-signing"):
    _NOT_FOR[_rule] = _NOT_FOR.get(_rule, frozenset()) | {QUOC_HOI}


def governs(rule_id: str, kind: str | None) -> bool:
    """Whether a rule applies to a document of this kind (None: the common form)."""
    return kind not in RULES[rule_id].not_for


def _r(id_: str, severity: str, family: str, title: str, basis: str) -> Rule:
    return Rule(id_, severity, family, title, basis, _NOT_FOR.get(id_, frozenset()))


_FORM, _STRUCT, _REF, _AUTH, _AMEND = (
    "the_thuc",
    "bo_cuc",
    "dan_chieu",
    "tham_quyen_hieu_luc",
    "sua_doi",
)

RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        # -- thể thức --------------------------------------------------------------------
        _r("form.quoc-hieu", ERROR, _FORM, "Thiếu Quốc hiệu", ND34),
        _r("form.tieu-ngu", ERROR, _FORM, "Thiếu Tiêu ngữ", ND34),
        _r("form.issuer", ERROR, _FORM, "Thiếu tên cơ quan ban hành", ND34),
        _r("form.number-missing", ERROR, _FORM, "Thiếu số, ký hiệu", f"{L2015}, Điều 10"),
        _r(
            "form.number-format",
            ERROR,
            _FORM,
            "Số, ký hiệu không theo thứ tự số/năm/loại văn bản-cơ quan ban hành",
            f"{L2015}, Điều 10",
        ),
        _r(
            "form.number-type",
            ERROR,
            _FORM,
            "Ký hiệu loại văn bản trong số, ký hiệu không khớp tên loại văn bản",
            f"{L2015}, Điều 10",
        ),
        _r(
            "form.number-year",
            ERROR,
            _FORM,
            "Năm trong số, ký hiệu khác năm ban hành",
            f"{L2015}, Điều 10",
        ),
        _r(
            "form.not-normative",
            WARNING,
            _FORM,
            "Số, ký hiệu không có năm ban hành: văn bản cá biệt, không kiểm tra như văn bản quy "
            "phạm pháp luật",
            f"{L2015}, Điều 2 và Điều 10",
        ),
        _r(
            "form.place-date",
            ERROR,
            _FORM,
            "Thiếu địa danh và ngày, tháng, năm ban hành",
            ND34,
        ),
        _r("form.doc-type", ERROR, _FORM, "Thiếu tên loại văn bản", ND34),
        _r(
            "form.vbhn-authentication",
            ERROR,
            _FORM,
            "Văn bản hợp nhất thiếu phần xác thực (“XÁC THỰC VĂN BẢN HỢP NHẤT”, số, ký hiệu, "
            "ngày, chữ ký)",
            "Pháp lệnh Hợp nhất văn bản quy phạm pháp luật (01/2012/UBTVQH13)",
        ),
        _r("form.title", ERROR, _FORM, "Thiếu trích yếu nội dung (tên văn bản)", ND34),
        _r("form.can-cu", ERROR, _FORM, "Thiếu căn cứ ban hành văn bản", ND34),
        _r(
            "form.enacting-formula",
            WARNING,
            _FORM,
            "Thiếu câu ban hành (“… ban hành Luật/Nghị định/Thông tư …”)",
            ND34,
        ),
        _r(
            "form.signature",
            WARNING,
            _FORM,
            "Thiếu phần chữ ký (quyền hạn, chức vụ, họ tên người ký)",
            ND34,
        ),
        _r(
            "form.signing-authority",
            ERROR,
            _FORM,
            "Quyền hạn, chức vụ của người ký không phù hợp với loại văn bản",
            ND34,
        ),
        _r("form.noi-nhan", WARNING, _FORM, "Thiếu nơi nhận", ND34),
        # -- bố cục, đánh số ---------------------------------------------------------------
        _r("structure.no-dieu", ERROR, _STRUCT, "Văn bản không có điều nào", f"{L2015}, Điều 8"),
        _r(
            "structure.partial-copy",
            WARNING,
            _STRUCT,
            "Bản sao chỉ có phần tiếp theo (“Tiếp theo Công báo số …”) hoặc phần đầu (“Xem "
            "tiếp Công báo số …”) của văn bản: phần không có không được kiểm tra",
            "— (báo cho người kiểm tra: bản sao không đủ, không phải một quy định về thể thức)",
        ),
        _r(
            "structure.dieu-sequence",
            ERROR,
            _STRUCT,
            "Điều không được đánh số liên tục (thiếu, lặp hoặc sai thứ tự)",
            f"{L2015}, Điều 8; {ND34}",
        ),
        _r("structure.dieu-title", ERROR, _STRUCT, "Điều không có tiêu đề", f"{L2015}, Điều 8"),
        _r(
            "structure.khoan-sequence",
            ERROR,
            _STRUCT,
            "Khoản không được đánh số liên tục trong điều",
            f"{L2015}, Điều 8; {ND34}",
        ),
        _r(
            "structure.diem-letter",
            ERROR,
            _STRUCT,
            "Điểm đánh bằng chữ cái không có trong bảng chữ cái tiếng Việt (f, j, w, z)",
            ND34,
        ),
        _r(
            "structure.diem-sequence",
            ERROR,
            _STRUCT,
            "Điểm không theo thứ tự chữ cái tiếng Việt (a, b, c, d, đ, e, g, …)",
            ND34,
        ),
        _r(
            "structure.chuong-numeral",
            ERROR,
            _STRUCT,
            "Chương không được đánh số bằng chữ số La Mã",
            ND34,
        ),
        _r(
            "structure.chuong-sequence",
            ERROR,
            _STRUCT,
            "Chương không được đánh số liên tục (thiếu, lặp hoặc sai thứ tự)",
            ND34,
        ),
        _r(
            "structure.chuong-restart",
            ERROR,
            _STRUCT,
            "Chương đánh số lại từ I trong mỗi phần, không liên tục trong cả văn bản",
            ND34,
        ),
        _r(
            "structure.heading-title",
            ERROR,
            _STRUCT,
            "Phần, chương, mục, tiểu mục không có tiêu đề",
            f"{L2015}, Điều 8",
        ),
        _r(
            "structure.muc-sequence",
            ERROR,
            _STRUCT,
            "Mục không được đánh số liên tục từ 1 trong chương",
            ND34,
        ),
        _r(
            "structure.empty-unit",
            ERROR,
            _STRUCT,
            "Điều, khoản, điểm không có nội dung",
            f"{L2015}, Điều 8",
        ),
        _r(
            "structure.diem-intro",
            ERROR,
            _STRUCT,
            "Các điểm không có đoạn mở đầu của khoản (điều) chứa chúng",
            ND34,
        ),
        _r(
            "structure.duplicate-unit",
            ERROR,
            _STRUCT,
            "Hai đơn vị cùng số ở cùng một chỗ",
            ND34,
        ),
        # -- dẫn chiếu -------------------------------------------------------------------
        _r(
            "ref.internal-unit",
            ERROR,
            _REF,
            "Dẫn chiếu đến điều, khoản, điểm không có trong dự thảo",
            f"{L2015}, Điều 8",
        ),
        _r(
            "ref.external-unit",
            ERROR,
            _REF,
            "Dẫn chiếu đến điều, khoản, điểm không có trong văn bản được dẫn chiếu",
            f"{L2015}, Điều 8",
        ),
        _r(
            "ref.document-unknown",
            WARNING,
            _REF,
            "Văn bản được dẫn chiếu chưa có trong cơ sở dữ liệu",
            f"{L2015}, Điều 8",
        ),
        _r(
            "ref.document-not-in-force",
            ERROR,
            _REF,
            "Dẫn chiếu đến văn bản đã hết hiệu lực, bị bãi bỏ hoặc bị thay thế",
            f"{L2015}, Điều 154 và Điều 156",
        ),
        _r(
            "ref.document-not-yet",
            WARNING,
            _REF,
            "Văn bản được dẫn chiếu chưa có hiệu lực vào ngày của dự thảo",
            f"{L2015}, Điều 151",
        ),
        _r(
            "ref.can-cu-not-in-force",
            ERROR,
            _REF,
            "Căn cứ ban hành là văn bản đã hết hiệu lực, bị bãi bỏ hoặc bị thay thế",
            f"{L2015}, Điều 154; {ND34}",
        ),
        _r(
            "ref.can-cu-unknown",
            WARNING,
            _REF,
            "Văn bản làm căn cứ ban hành chưa có trong cơ sở dữ liệu",
            ND34,
        ),
        # -- thẩm quyền và hiệu lực --------------------------------------------------------
        _r(
            "authority.type-issuer",
            ERROR,
            _AUTH,
            "Loại văn bản không thuộc thẩm quyền ban hành của cơ quan ban hành",
            f"{L2015}, Điều 4",
        ),
        _r(
            "dates.effective-missing",
            ERROR,
            _AUTH,
            "Không quy định thời điểm có hiệu lực",
            f"{L2015}, Điều 151",
        ),
        _r(
            "dates.effective-too-early",
            ERROR,
            _AUTH,
            "Thời điểm có hiệu lực sớm hơn thời hạn tối thiểu kể từ ngày ký ban hành",
            f"{L2015}, Điều 151 khoản 1",
        ),
        _r(
            "dates.effective-early-qh",
            WARNING,
            _AUTH,
            "Luật, nghị quyết của Quốc hội có hiệu lực sớm hơn 45 ngày kể từ ngày thông qua: "
            "đề nghị xác nhận Quốc hội đã quyết định như vậy",
            f"{L2015}, Điều 151 khoản 1",
        ),
        _r(
            "dates.effective-on-signing",
            WARNING,
            _AUTH,
            "Có hiệu lực từ ngày ký: chỉ cho văn bản ban hành theo trình tự, thủ tục rút gọn "
            "hoặc trong tình trạng khẩn cấp",
            f"{L2015}, Điều 151 khoản 1",
        ),
        _r(
            "dates.retroactive",
            ERROR,
            _AUTH,
            "Quy định hiệu lực trở về trước cho quy định về trách nhiệm pháp lý",
            f"{L2015}, Điều 152 khoản 2",
        ),
        _r(
            "dates.retroactive-review",
            WARNING,
            _AUTH,
            "Quy định hiệu lực trở về trước: cần xác nhận là thật cần thiết và không đặt ra "
            "trách nhiệm pháp lý mới hoặc nặng hơn",
            f"{L2015}, Điều 152",
        ),
        # -- văn bản sửa đổi, bổ sung --------------------------------------------------------
        _r(
            "amend.base-unknown",
            WARNING,
            _AMEND,
            "Văn bản được sửa đổi chưa có trong cơ sở dữ liệu: không kiểm tra được",
            f"{L2015}, Điều 12",
        ),
        _r(
            "amend.base-not-in-force",
            ERROR,
            _AMEND,
            "Văn bản được sửa đổi đã hết hiệu lực",
            f"{L2015}, Điều 12",
        ),
        _r(
            "amend.target-missing",
            ERROR,
            _AMEND,
            "Đơn vị được sửa đổi, bãi bỏ không có trong văn bản được sửa đổi",
            f"{L2015}, Điều 12",
        ),
        _r(
            "amend.payload-missing",
            ERROR,
            _AMEND,
            "“như sau:” không có nội dung trong ngoặc kép theo sau",
            ND34,
        ),
        _r(
            "amend.insert-anchor",
            ERROR,
            _AMEND,
            "Vị trí bổ sung (“vào sau …”) không có trong văn bản được sửa đổi",
            f"{L2015}, Điều 12",
        ),
        _r(
            "amend.insert-taken",
            ERROR,
            _AMEND,
            "Số của đơn vị bổ sung đã có trong văn bản được sửa đổi",
            f"{L2015}, Điều 12",
        ),
        _r(
            "amend.phrase-absent",
            ERROR,
            _AMEND,
            "Cụm từ được thay thế, bãi bỏ không có trong phạm vi được chỉ ra",
            f"{L2015}, Điều 12",
        ),
    ]
}
