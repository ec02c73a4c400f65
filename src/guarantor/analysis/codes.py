"""The catalogue of finding codes: stable code, slug, default severity and the fix in a line.

Documented in docs/findings.md; a test fails when a code here is missing there.
"""

from __future__ import annotations

from dataclasses import dataclass

from guarantor.analysis.findings import Severity

__all__ = ["CODES", "FindingCode"]


@dataclass(frozen=True, slots=True)
class FindingCode:
    code: str
    name: str
    severity: Severity
    summary: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, FindingCode] = {
    c.code: c
    for c in (
        FindingCode("G001", "obligation-without-bearer", _E, "an obligation names no one who must act"),
        FindingCode("G002", "obligation-without-deadline", _W, "an obligation has no deadline"),
        FindingCode("G003", "obligation-without-strength", _W, "an obligation does not say how strongly it binds"),
        FindingCode("G004", "obligation-bearer-empty", _E, "an obligation's bearers expand to no party at all"),
        FindingCode("G010", "trigger-never-fires", _E, "a trigger's scope excludes every protected party"),
        FindingCode("G011", "trigger-scope-gap", _W, "a trigger's scope excludes some protected parties"),
        FindingCode("G012", "trigger-against-unprotected", _E, "a trigger names parties the spec does not protect"),
        FindingCode("G013", "decision-without-body", _E, "a collective-defence clause with a trigger names no body"),
        FindingCode("G101", "aggressor-holds-veto", _E, "a potential aggressor can veto the response"),
        FindingCode(
            "G102",
            "consultation-excludes-requester",
            _E,
            "a party may request consultation in a body it does not sit on",
        ),
        FindingCode(
            "G103", "pledge-conditional-on-non-pledger", _W, "a pledge depends on a party that pledges nothing"
        ),
        FindingCode("G104", "external-body-decides", _W, "the response is decided by a body outside the instrument"),
        FindingCode(
            "G107", "conditional-pledger-holds-veto", _W, "a party whose pledge is conditional can veto the response"
        ),
        FindingCode("G108", "single-party-can-block", _W, "one party other than the protected can block the response"),
        FindingCode("G109", "non-contributors-can-block", _W, "parties that pledge nothing can block the response"),
        FindingCode("G110", "null-players", _W, "some members' votes never change the outcome"),
        FindingCode("G111", "decision-unreachable", _E, "no coalition of the body's members can reach its threshold"),
        FindingCode("G105", "third-party-guarantee", _I, "the protected party is not itself bound"),
        FindingCode(
            "G106",
            "response-limited-to-consultation",
            _I,
            "the strongest obligation is consultation or seeking action elsewhere",
        ),
        FindingCode("G301", "probability-out-of-range", _E, "a reliability or probability outside [0, 1]"),
        FindingCode("G302", "unmet-capability", _E, "a scenario requires a capability no one pledges"),
        FindingCode("G303", "bad-scenario-weight", _E, "a scenario weight that is not positive"),
        FindingCode("G304", "bad-delay", _E, "a delay or fait-accompli time that cannot be used"),
        FindingCode("G305", "insufficient-pledges", _W, "all pledges together fall short of a requirement"),
        FindingCode("G306", "bad-amount", _E, "a pledged or required amount that is not usable"),
        FindingCode("G307", "scenario-never-triggers", _W, "a scenario matches no clause's trigger"),
        FindingCode("G308", "reliability-unstated", _W, "a pledge states no reliability: the record's default is used"),
    )
}
