"""The public API is curated: everything in ``__all__`` exists and nothing private leaks."""

import guarantor


def test_all_names_exist() -> None:
    for name in guarantor.__all__:
        assert hasattr(guarantor, name), name


def test_all_is_sorted_and_public() -> None:
    assert guarantor.__all__ == sorted(guarantor.__all__)
    assert all(not n.startswith("_") or n == "__version__" for n in guarantor.__all__)


def test_every_error_has_distinct_code() -> None:
    errors = [getattr(guarantor, n) for n in guarantor.__all__ if n.endswith(("Error", "Denied", "NotFound"))]
    codes = [e.code for e in errors]
    assert len(codes) == len(set(codes))
    assert all(issubclass(e, guarantor.GuarantorError) for e in errors)
