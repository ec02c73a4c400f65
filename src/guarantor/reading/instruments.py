"""Instruments and clauses a statement concerns ("Article 5-like protection", "the Budapest Memorandum").

Without a spec, a mention resolves to a bundled id (``instrument`` or ``instrument:clause``, the ids of the
bundled library where the instrument is there). With a spec, the id is mapped to one of the spec's clauses
(``concerns`` in a ``statement_made`` event then names that clause, which is what ``replay`` looks up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["INSTRUMENTS", "InstrumentMention", "find_instruments"]

# (pattern, id, words that name the matching clause in a spec); earlier entries win on overlap.
INSTRUMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        r"Article[- ]5[- ]?(?:like|style|type)|Art\. ?5-like|similar to Article 5|mirror(?:s|ing)? Article 5",
        "article-5-like",
        ("backstop", "guarantee", "assistance"),
    ),
    (
        r"Article 5 of the (?:North Atlantic|Washington) Treaty|NATO's Article 5|Article 5|Art\. 5",
        "nato-1949:art5",
        ("art5",),
    ),
    (
        r"Article 4 of the (?:North Atlantic|Washington) Treaty|NATO's Article 4|Article 4|Art\. 4",
        "nato-1949:art4",
        ("art4",),
    ),
    (r"Article 42\.?\(?7\)?|mutual (?:assistance|defence) clause", "eu-teu-42-7:art42-7", ("art42-7",)),
    (r"Budapest Memorandum|Budapest memorandum", "budapest-1994", ("para1", "para4")),
    (r"(?:US|U\.S\.|American) (?:security )?backstop|backstop", "ukraine-coalition-2025:backstop", ("backstop",)),
    (
        r"(?:reassurance|multinational|peacekeeping) force|Multinational Force(?: for)? Ukraine|MNF-U"
        r"|troops? (?:to|in) Ukraine",
        "ukraine-coalition-2025:reassurance",
        ("reassurance",),
    ),
    (r"Paris Declaration", "paris-declaration-2026", ("reassurance", "consult")),
    (r"(?:28|twenty-eight)-point (?:peace )?plan", "us-peace-plan-28", ()),
    (r"(?:20|twenty)-point (?:peace )?(?:plan|framework)", "ukraine-peace-framework-20", ()),
    (r"Istanbul(?:-2022| 2022)? (?:model|communiqu[ée]|draft)", "istanbul-2022", ()),
    (r"Minsk (?:agreements?|accords?|protocol)", "minsk-2015", ()),
    (r"Black Sea (?:Grain Initiative|grain deal)", "black-sea-grain-2022", ()),
    (r"NATO membership|join(?:ing)? NATO|NATO accession", "nato-membership", ("nato-route",)),
    (r"sanctions(?: package)?", "sanctions", ("sanctions",)),
    (r"security guarantees?|security assurances?", "security-guarantees", ("guarantee", "backstop", "reassurance")),
    (r"ceasefire|truce|armistice", "ceasefire", ("ceasefire-line", "ceasefire")),
    (r"peace (?:deal|agreement|plan|treaty|accord)", "peace-agreement", ()),
)


@dataclass(frozen=True, slots=True)
class InstrumentMention:
    start: int
    end: int
    text: str
    id: str
    clause_words: tuple[str, ...]


def find_instruments(text: str, offset: int) -> list[InstrumentMention]:
    """Every instrument or clause named in ``text`` (spans shifted by ``offset``)."""
    found: list[InstrumentMention] = []
    for pattern, ident, words in INSTRUMENTS:
        for m in re.finditer(rf"\b(?:{pattern})", text, flags=re.IGNORECASE):
            if any(f.start - offset < m.end() and m.start() < f.end - offset for f in found):
                continue
            found.append(InstrumentMention(offset + m.start(), offset + m.end(), m.group(0), ident, words))
    return sorted(found, key=lambda f: f.start)
