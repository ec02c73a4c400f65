"""The bundled instruments check as one would expect: Budapest's veto flaw is an error, NATO's design is not."""

from __future__ import annotations

import pytest

from guarantor.analysis.checks import check_spec
from guarantor.analysis.findings import Severity
from guarantor.analysis.run import check_file
from guarantor.spec import library_names, load_library_spec


@pytest.mark.parametrize("name", library_names())
def test_every_instrument_is_valid(name: str) -> None:
    result = check_file(name)
    assert result.valid, [f.message for f in result.findings]


def test_budapest_reports_the_aggressor_veto_as_an_error() -> None:
    findings = check_spec(load_library_spec("budapest-1994"))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert [(f.code, f.clause, f.parties) for f in errors] == [("G101", "para4", ("RUS",))]
    assert errors[0].location is not None and errors[0].location.file.endswith("budapest-1994.yaml")


def test_nato_has_no_error() -> None:
    findings = check_spec(load_library_spec("nato-1949"))
    assert not [f for f in findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize(
    "name", ["g7-jdsu-2023", "uk-ukraine-2024", "us-ukraine-2024", "ukraine-coalition-2025", "ukraine-coalition-2026"]
)
def test_post_2023_instruments_have_no_error(name: str) -> None:
    assert not [f for f in check_spec(load_library_spec(name)) if f.severity is Severity.ERROR]
