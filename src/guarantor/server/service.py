"""The service behind the HTTP API: one ledger, its derived index, tokens and the group committer.

Everything here is plain Python with no web framework: the routes in ``api`` only translate HTTP to these
calls and back. Writes are ledger entries (token-authenticated inputs are signed by the server's key and
name their submitter in ``submitted_by``; votes and action reports are signed by the party's own key);
reads fold the guarantee's events, cached per ledger position.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from guarantor.errors import (
    GuarantorError,
    NonceReplayed,
    NotFound,
    PermissionDenied,
    RequestError,
    RuntimeStateError,
    SignatureError,
    StoreError,
)
from guarantor.ledger import (
    Ledger,
    Role,
    Signer,
    Submission,
    canonical_text,
    format_time,
    registration_event,
    verify_signature,
)
from guarantor.ledger.checkpoint import make_checkpoint
from guarantor.ledger.principals import check_name
from guarantor.runtime.events import Event, VoteCast, utc
from guarantor.runtime.permissions import runtime_policy
from guarantor.server.admin import SERVER_PRINCIPAL
from guarantor.server.committer import Accepted, Committer, Duplicate, Outcome, Pending
from guarantor.server.index import CHECKPOINT, ENVELOPE, GUARANTEE, REFUSAL, LedgerIndex, runtime_event
from guarantor.server.policy import ROLES, SIGNED, check_role, check_submitter
from guarantor.server.settings import Settings
from guarantor.server.state_view import StateCache
from guarantor.server.tokens import Caller, TokenDirectory
from guarantor.spec import body_members, load_spec_text, spec_hash

__all__ = ["SERVER_PRINCIPAL", "Service"]


_NONCE_LENGTH = (16, 128)


class Service:
    """One server process's view of the ledger; several may share a PostgreSQL database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.clock = settings.clock
        self.ledger = Ledger.open(settings.db, clock=settings.clock, policy=runtime_policy())
        self.reader = Ledger.open(
            settings.db, clock=settings.clock, policy=runtime_policy()
        )  # reads outside the committer, never waiting on its write lock
        self.tokens = TokenDirectory(settings.db, cache_seconds=settings.token_cache_seconds)
        self.signer = Signer.from_file(SERVER_PRINCIPAL, settings.server_key)
        self._check_server_key()
        self.index = LedgerIndex()
        self.index.catch_up(self.reader.entries())
        self.index.on_miss = self.refresh
        self.states = StateCache(self.index)
        self.committer = Committer(self.ledger, self.index, self._catch_up, batch=settings.commit_batch)

    def _check_server_key(self) -> None:
        known = self.ledger.principals().get(SERVER_PRINCIPAL)
        if known is None or known.public_key != self.signer.public_key or known.role is not Role.ADMIN:
            raise StoreError(
                f"the key in {self.settings.server_key} is not the registered admin key of {SERVER_PRINCIPAL!r}",
                hint="create the ledger and key with `guarantor admin init`, and pass the same --key",
            )

    def _catch_up(self, upto: int) -> None:
        self.index.catch_up(e for e in self.reader.entries(self.index.seen + 1) if e.seq <= upto)

    def refresh(self) -> int:
        """Take in entries other workers wrote; returns the ledger position this worker has seen."""
        head = self.reader.head().seq
        if head > self.index.seen:
            with self.index.lock:
                self._catch_up(head)
        return self.index.seen

    def close(self) -> None:
        self.committer.close()
        self.ledger.close()
        self.reader.close()
        self.tokens.close()

    def now(self) -> str:
        return format_time(self.clock())

    # Writing ---------------------------------------------------------------------------------------------

    async def _write(self, pending: Pending) -> Outcome:
        return await self.committer.submit(pending)

    def _server_signed(self, event: Mapping[str, Any]) -> Submission:
        return Submission.sign(event, self.signer)

    async def refuse(self, caller: Caller, attempted: str, error: GuarantorError, gid: str | None, body: bytes) -> None:
        """Record a refused submission in the ledger (never applied: the fold skips it)."""
        event = {
            "type": REFUSAL,
            "time": self.now(),
            "principal": caller.name,
            "role": caller.role.value,
            "attempted": attempted,
            "code": error.code,
            "reason": error.message,
            "submission_sha256": hashlib.sha256(body).hexdigest(),
        }
        if gid is not None:
            event["guarantee"] = gid
        await self._write(Pending(self._server_signed(event)))

    async def load_guarantee(self, caller: Caller, text: str) -> dict[str, Any]:
        check_role(caller, frozenset({Role.ADMIN}), "load guarantees")
        spec = load_spec_text(text, file="<request body>")
        event = {
            "type": GUARANTEE,
            "time": self.now(),
            "guarantee": spec.id,
            "spec": text,
            "spec_hash": spec_hash(spec),
        }
        event["submitted_by"] = caller.name
        outcome = await self._write(Pending(self._server_signed(event)))
        return {"guarantee": spec.id, "spec_hash": event["spec_hash"], **_receipt(outcome)}

    async def record(self, caller: Caller, gid: str, event: dict[str, Any]) -> dict[str, Any]:
        """A token-authenticated event (incident, request, decision ...), signed by the server for ``caller``."""
        kind = str(event.get("type"))
        if kind in SIGNED:
            raise PermissionDenied(
                f"{kind} events must be signed by the party's key", hint="POST them to /votes or /actions"
            )
        check_submitter(caller, event)
        own = {k: v for k, v in event.items() if k not in ENVELOPE}  # the server writes the envelope itself
        full, parsed = self._checked(gid, {**own, "guarantee": gid, "submitted_by": caller.name})
        incident = (gid, str(full["id"])) if kind == "incident_reported" else None
        if incident is not None and (seq := self.index.incident_seq(*incident)) is not None:
            return _receipt(Duplicate(seq))
        self.states.admit(gid, full)
        outcome = await self._write(Pending(self._server_signed(full), incident=incident, event=full, parsed=parsed))
        return _receipt(outcome)

    async def record_many(self, caller: Caller, gid: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Several incidents at once; each is idempotent by its source id, each gets its own result."""
        check_role(caller, ROLES["incident_reported"], "submit incidents")
        results = await asyncio.gather(*(self.record(caller, gid, e) for e in events), return_exceptions=True)
        out: list[dict[str, Any]] = []
        for result in results:
            if isinstance(result, GuarantorError):
                out.append({"status": "refused", "error": result.to_dict()})
            elif isinstance(result, BaseException):
                raise result
            else:
                out.append(result)
        return out

    async def record_signed(self, caller: Caller, gid: str, kind: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """A vote or action report signed by the party's registered key, with a nonce never used before."""
        event, signature = body.get("event"), body.get("signature")
        if not isinstance(event, dict) or not isinstance(signature, str):
            raise RequestError('a signed submission is {"event": {...}, "signature": "128 hex digits"}')
        if event.get("type") != kind:
            raise RequestError(f"this endpoint takes {kind} events, not {event.get('type')!r}")
        check_submitter(caller, event)
        if event.get("guarantee") != gid:
            raise RequestError(f"the signed event names guarantee {event.get('guarantee')!r}, not {gid!r}")
        nonce = _nonce(event.get("nonce"))
        submission = Submission(canonical_text(event), caller.name, signature)
        self._verify(submission)
        if self.index.nonce_seq(caller.name, nonce) is not None:
            raise NonceReplayed(f"nonce {nonce!r} of {caller.name!r} was already used", hint="sign with a new nonce")
        _, parsed = self._checked(gid, event, signed=True)
        if kind != "vote_cast":
            self.states.admit(gid, event)
        return _receipt(await self._write(Pending(submission, nonce=nonce, event=event, parsed=parsed)))

    def _verify(self, submission: Submission) -> None:
        key = self.index.public_key(submission.principal)
        if key is None:
            raise SignatureError(
                f"{submission.principal!r} has no registered key", hint="an admin registers it: `guarantor admin add`"
            )
        if not verify_signature(key, submission.signature, submission.message):
            raise SignatureError(
                f"the signature does not verify with {submission.principal!r}'s registered key",
                hint="sign the canonical JSON of the event with the party's own private key "
                "(see 'guarantor docs server')",
            )

    def _checked(self, gid: str, event: dict[str, Any], *, signed: bool = False) -> tuple[dict[str, Any], Event]:
        """The event, once the runtime can read it and it names what the guarantee has."""
        spec = self.index.guarantee(gid).spec
        if "time" not in event and not signed:
            event = {**event, "time": self.now()}
        parsed = runtime_event(event, "request body")
        if isinstance(parsed, VoteCast) and parsed.body in spec.bodies:
            members = body_members(spec, parsed.body, parsed.time.date())
            if parsed.party not in members:
                raise RuntimeStateError(
                    f"{parsed.party!r} does not sit on {parsed.body} on {parsed.time:%Y-%m-%d}",
                    hint=f"members then: {', '.join(members) or 'none'}",
                )
            if self.index.has_voted(gid, parsed):
                raise RuntimeStateError(
                    f"{parsed.party} already voted on motion {parsed.motion!r} in {parsed.body}",
                    hint="one vote per member and motion; a new vote needs a new motion",
                )
        for name, table in (("body", spec.bodies), ("clause", spec.clauses)):
            value = getattr(parsed, name, None)
            if isinstance(value, str) and value not in table:
                raise NotFound(
                    f"guarantee {gid!r} has no {name} {value!r}", hint=f"one of {', '.join(table) or 'none'}"
                )
        return event, parsed

    async def add_principal(self, name: str, role: Role, public_key: str | None) -> dict[str, Any]:
        """Create a principal through the running server; the token is in the response, once."""
        check_name(name)
        if name == SERVER_PRINCIPAL:
            raise RequestError(f"{SERVER_PRINCIPAL!r} is the server's own principal", hint="choose another name")
        receipt: dict[str, Any] = {}
        if public_key is not None:
            event = registration_event(name, public_key, role, self.now())
            receipt = _receipt(await self._write(Pending(self._server_signed(event))))
        token = self.tokens.issue(name, role, self.clock())
        return {"status": "recorded", "principal": name, "role": role.value, "token": token, **receipt}

    def revoke_tokens(self, caller: Caller, name: str) -> dict[str, Any]:
        """Delete every token of principal ``name`` (its registered key, if any, stays in the ledger)."""
        check_role(caller, frozenset({Role.ADMIN}), "revoke tokens")
        if name == caller.name:
            raise RequestError("an admin cannot revoke its own tokens", hint="another admin revokes them")
        count = self.tokens.revoke(name, listed_by="`GET /api/principals`")
        return {"status": "revoked", "principal": name, "tokens": count}

    async def checkpoint(self, caller: Caller) -> dict[str, Any]:
        """Verify the chain, sign a checkpoint of its head with the server key, record it, and return it.

        The returned checkpoint is for keeping outside the store (``guarantor ledger verify --checkpoint``);
        the recorded copy is what the dashboard shows as the last checkpoint."""
        check_role(caller, frozenset({Role.ADMIN}), "record checkpoints")
        made = await asyncio.to_thread(make_checkpoint, self.reader, self.signer)
        event = {"type": CHECKPOINT, "time": made.time, "checkpoint": made.to_json(), "submitted_by": caller.name}
        receipt = _receipt(await self._write(Pending(self._server_signed(event))))
        return {"checkpoint": made.to_json(), **receipt}

    # Reading ---------------------------------------------------------------------------------------------

    def as_of(self, text: str | None) -> datetime | None:
        if text is None:
            return None
        try:
            return utc(text)
        except ValueError:
            raise RequestError(
                f"as_of must be an ISO 8601 date or time, got {text!r}", hint="e.g. 2026-11-25T09:30:00Z"
            ) from None


def _nonce(value: object) -> str:
    low, high = _NONCE_LENGTH
    if not isinstance(value, str) or not low <= len(value) <= high:
        raise RequestError(
            f"a signed event needs a string `nonce` of {low}-{high} characters, got {value!r}",
            hint="use 16 random bytes as hex, new for every submission",
        )
    return value


def _receipt(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, Accepted):
        return {"status": "recorded", **outcome.receipt.to_dict()}
    return {"status": "duplicate", "seq": outcome.seq}
