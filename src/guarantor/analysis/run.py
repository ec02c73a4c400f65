"""Check a spec file end to end: load errors and findings in one result."""

from __future__ import annotations

from dataclasses import dataclass, field

from guarantor.analysis.checks import check_spec
from guarantor.analysis.findings import Finding
from guarantor.bounded import input_name
from guarantor.display import html_table
from guarantor.errors import GuarantorError, SpecError
from guarantor.spec import Spec, load_spec, resolve_spec_path

__all__ = ["CheckResult", "check_file"]


@dataclass
class CheckResult:
    path: str
    valid: bool
    findings: list[Finding] = field(default_factory=list)
    spec: Spec | None = None

    def to_dict(self) -> dict[str, object]:
        keys = ("code", "severity", "message", "file", "line", "column", "name", "clause", "parties")
        return {
            "valid": self.valid,
            "spec": self.spec.id if self.spec else None,
            "findings": [{k: f.to_dict()[k] for k in keys} for f in self.findings],
        }

    def to_json(self) -> dict[str, object]:
        """The ``guarantor check --json`` output."""
        return self.to_dict()

    def _repr_html_(self) -> str:
        state = "valid" if self.valid else "NOT VALID"
        rows = [[f.severity.value, f.code, f.name, str(f.location or self.path), f.message] for f in self.findings]
        return html_table(f"{self.path}: {state}", ["severity", "code", "name", "where", "message"], rows)


def check_file(arg: str) -> CheckResult:
    """Load ``arg`` (a path or a bundled instrument's name) and run every check; never raises for bad input."""
    try:
        path = resolve_spec_path(arg)
        spec = load_spec(path)
    except SpecError as exc:
        return CheckResult(input_name(arg), False, [Finding.from_error(p) for p in exc.problems])
    except GuarantorError as exc:
        return CheckResult(input_name(arg), False, [Finding.from_error(exc)])
    return CheckResult(str(path), True, check_spec(spec), spec)
