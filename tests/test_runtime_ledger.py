"""Runtime events through the ledger: recorded signed, read back, and folded to the same state."""

from __future__ import annotations

from pathlib import Path

import pytest

from guarantor.errors import PermissionDenied
from guarantor.ledger import Ledger, Signer
from guarantor.runtime import VoteCast, fold, load_timeline
from guarantor.runtime.events import utc
from guarantor.runtime.permissions import runtime_policy
from guarantor.runtime.persist import events_from_entries, record_events
from guarantor.spec import load_library_spec

REPLAYS = Path(__file__).resolve().parents[1] / "examples" / "replays"


def _ledger(tmp_path: Path) -> tuple[Ledger, Signer, Signer]:
    admin, desk, fra = Signer.generate("admin"), Signer.generate("secretariat"), Signer.generate("FRA")
    ledger = Ledger.open(tmp_path / "l.sqlite", create=True, policy=runtime_policy())
    ledger.genesis(admin)
    ledger.register("secretariat", desk.public_key, "monitor", by=admin)
    ledger.register("FRA", fra.public_key, "party", by=admin)
    return ledger, desk, fra


def test_ledger_round_trip_gives_the_same_state(tmp_path: Path) -> None:
    ledger, desk, _ = _ledger(tmp_path)
    events = load_timeline(REPLAYS / "nato-2003-turkiye-article4.yaml").events
    with ledger:
        record_events(ledger, events, desk)
        back = events_from_entries(ledger.entries())
        assert ledger.verify().ok
    assert back == events
    spec = load_library_spec("nato-1949")
    assert fold(spec, back) == fold(spec, events)


def test_only_the_party_casts_its_vote(tmp_path: Path) -> None:
    ledger, desk, fra = _ledger(tmp_path)
    vote = VoteCast(time=utc("2003-02-10T12:00:00Z"), party="FRA", body="nac", motion="m", vote="no")
    with ledger:
        assert record_events(ledger, [vote], fra)[0].seq == 4
        with pytest.raises(PermissionDenied):
            record_events(ledger, [vote], desk)
