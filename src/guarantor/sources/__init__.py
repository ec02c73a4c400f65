"""Incident feeds: readers for ACLED, UCDP GED and generic CSV/JSONL into one ``Incident`` model.

Floor 1 of the architecture: depends on nothing of ours but its floor (``errors``, ``countries``, ``bounded``
for reading files, ``records`` for building incidents). Readers stream (ACLED a block of rows at a time) and
yield an ``Incident`` or a ``Rejection`` (row, column, reason) for every row; an
``IncidentSet`` keys incidents by ``(source, source_id)`` and keeps superseded versions; rejections wait
in a quarantine store until fixed and re-submitted; ``to_columns`` turns incidents into NumPy arrays.
"""

from guarantor.countries import iso3_from_name, iso3_from_numeric
from guarantor.errors import MappingError, RowRejected, SourceError, SourceFormatError
from guarantor.sources.acled import ACLED_COLUMNS, ACLED_LEGACY_COLUMNS, read_acled, read_acled_legacy
from guarantor.sources.codec import incident_from_dict, incident_to_dict
from guarantor.sources.columns import IncidentColumns, to_columns
from guarantor.sources.generic import read_csv, read_jsonl
from guarantor.sources.incidents import IncidentSet, IngestSummary, Outcome, load_incidents, save_incidents
from guarantor.sources.mapping import ColumnMapping, load_mapping
from guarantor.sources.model import (
    Actor,
    ActorKind,
    GeoPrecision,
    Incident,
    IncidentKey,
    Place,
    Role,
    Side,
    TimePrecision,
)
from guarantor.sources.quarantine import (
    EntryStatus,
    JsonlQuarantine,
    MemoryQuarantine,
    QuarantineEntry,
    QuarantineStore,
)
from guarantor.sources.readers import FORMATS, read, reparse, resubmit
from guarantor.sources.rejection import Rejection
from guarantor.sources.roles import RoleReading, actor_state, derive_roles
from guarantor.sources.ucdp import UCDP_COLUMNS, read_ucdp
from guarantor.sources.vocabulary import BUNDLED, Reading, Vocabulary, bundled_vocabulary, load_vocabulary

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_LEGACY_COLUMNS",
    "BUNDLED",
    "FORMATS",
    "UCDP_COLUMNS",
    "Actor",
    "ActorKind",
    "ColumnMapping",
    "EntryStatus",
    "GeoPrecision",
    "Incident",
    "IncidentColumns",
    "IncidentKey",
    "IncidentSet",
    "IngestSummary",
    "JsonlQuarantine",
    "MappingError",
    "MemoryQuarantine",
    "Outcome",
    "Place",
    "QuarantineEntry",
    "QuarantineStore",
    "Reading",
    "Rejection",
    "Role",
    "RoleReading",
    "RowRejected",
    "Side",
    "SourceError",
    "SourceFormatError",
    "TimePrecision",
    "Vocabulary",
    "actor_state",
    "bundled_vocabulary",
    "derive_roles",
    "incident_from_dict",
    "incident_to_dict",
    "iso3_from_name",
    "iso3_from_numeric",
    "load_incidents",
    "load_mapping",
    "load_vocabulary",
    "read",
    "read_acled",
    "read_acled_legacy",
    "read_csv",
    "read_jsonl",
    "read_ucdp",
    "reparse",
    "resubmit",
    "save_incidents",
    "to_columns",
]
