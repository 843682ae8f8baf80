"""Findings and the report an appraisal officer reads."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from draftcheck.rules import ERROR, RULE_SETS, RULES, RuleSet


@dataclass
class Finding:
    rule: str
    message: str  # Vietnamese, names what is wrong and where
    line: int | None = None
    unit_id: str | None = None

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    def to_json(self) -> dict:
        rule = RULES[self.rule]
        return {
            **asdict(self),
            "severity": rule.severity,
            "title": rule.title,
            "basis": rule.basis,
            "family": rule.family,
        }


@dataclass
class Report:
    source: str
    at: str  # the date the draft was checked for (ISO)
    doc_type: str | None
    number: str | None
    title: str | None
    articles: int
    findings: list[Finding] = field(default_factory=list)
    rule_set: RuleSet | None = None  # the law the draft was checked under; None: before 2016

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def rejected(self) -> bool:
        return bool(self.errors)

    def to_json(self) -> dict:
        ordered = sorted(self.findings, key=lambda f: (f.line or 0, f.rule))
        return {
            "source": self.source,
            "at": self.at,
            "doc_type": self.doc_type,
            "number": self.number,
            "title": self.title,
            "articles": self.articles,
            "rejected": self.rejected,
            "errors": len(self.errors),
            "warnings": len(self.findings) - len(self.errors),
            "rule_set": self.rule_set_text(),
            "findings": [self._with_basis(f.to_json()) for f in ordered],
        }

    def rule_set_text(self) -> str:
        if self.rule_set is not None:
            return self.rule_set.name
        return (
            f"văn bản trước ngày {RULE_SETS[0].since}: thể thức, tên điều và số chương không "
            f"kiểm tra theo {RULE_SETS[0].name} (chưa có hiệu lực); đánh số, dẫn chiếu, thẩm "
            "quyền và ngày có kiểm tra"
        )

    def _with_basis(self, finding: dict) -> dict:
        if self.rule_set is not None and self.rule_set.basis:
            finding["basis"] = self.rule_set.basis
        return finding

    def to_text(self) -> list[str]:
        """The report as an appraisal officer reads it: one finding a line with its basis."""
        data = self.to_json()
        lines = [
            f"{self.source}: {data['doc_type'] or '?'} {data['number'] or ''} "
            f"({self.articles} điều), kiểm tra cho ngày {self.at}",
            f"  theo: {data['rule_set']}",
        ]
        for f in data["findings"]:
            where = f"dòng {f['line']}" if f["line"] else "-"
            mark = "LỖI" if f["severity"] == ERROR else "lưu ý"
            lines.append(f"  {where:>10}  {mark:5} {f['rule']}: {f['message']}")
            lines.append(f"{'':18}căn cứ: {f['basis']}")
        verdict = "KHÔNG ĐẠT" if self.rejected else "ĐẠT"
        lines.append(f"{verdict}: {data['errors']} lỗi, {data['warnings']} lưu ý")
        return lines
