"""The noise process that makes garbled copies of reports (seeded, so a copy is a function of text and seed).

Monitors get reports machine-translated and retyped. ``garble`` imitates that on a clean report:

1. names (every capitalised word of four letters or more inside an actor, state or place named in the text)
   are garbled with probability ``p_name`` each, by one operation, and by a second with probability
   ``p_second``; the operations, equally likely:
   - a transliteration variant: one substitution from ``TRANSLITERATIONS`` (v/w, y/j, z/s, kh/h, u/ou, ...);
   - a dropped letter (never the first);
   - a doubled letter;
2. machine-translation word order: with probability ``p_order`` a sentence's date phrase ("on Sunday",
   "on 15 August") moves to the front ("On Sunday Russia struck ...");
3. word-for-word translation of set phrases (``PHRASES``: "coalition of the willing" -> "coalition of the
   willing ones", "share the task" -> "share the part", ...), each with probability ``p_phrase``.
"""

from __future__ import annotations

import random
import re

from guarantor.reading.names import fold
from guarantor.reading.report import parse_report
from guarantor.reading.resolver import STOP_WORDS, find_mentions

__all__ = ["PHRASES", "TRANSLITERATIONS", "garble"]

TRANSLITERATIONS: tuple[tuple[str, str], ...] = (
    ("v", "w"),
    ("w", "v"),
    ("y", "j"),
    ("j", "y"),
    ("z", "s"),
    ("kh", "h"),
    ("h", "kh"),
    ("u", "ou"),
    ("ch", "tsch"),
    ("sh", "sch"),
    ("ks", "x"),
    ("k", "c"),
    ("c", "k"),
    ("i", "y"),
    ("y", "i"),
    ("iy", "ij"),
    ("f", "ph"),
    ("e", "ye"),
    ("ov", "off"),
    ("ff", "v"),
)
PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coalition of the willing", ("coalition of the willing ones", "coalition of those willing", "willing coalition")),
    ("share the task", ("share the part",)),
    ("share the burden", ("share the load", "divide the weight")),
    ("security guarantees", ("guarantees of security", "security guaranties")),
    ("ceasefire", ("cease-fire", "truce")),
    ("peace deal", ("peace agreement", "agreement of peace")),
)
_DATE_PHRASE = re.compile(
    r",? (on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|on \d{1,2} [A-Z][a-z]+|yesterday)\b"
)


def _translit(word: str, rng: random.Random) -> str:
    options = [(a, b) for a, b in TRANSLITERATIONS if a in word.lower()]
    if not options:
        return word
    a, b = rng.choice(options)
    spots = [m.start() for m in re.finditer(a, word.lower())]
    at = rng.choice(spots)
    repl = b.capitalize() if at == 0 and word[0].isupper() else b
    return word[:at] + repl + word[at + len(a) :]


def _garble_word(word: str, rng: random.Random) -> str:
    op = rng.randrange(3)
    if op == 0:
        return _translit(word, rng)
    at = rng.randrange(1, len(word))
    if op == 1:
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at] + word[at:]


def _names(text: str, rng: random.Random, p_name: float, p_second: float) -> str:
    report = parse_report(text)
    spans: list[tuple[int, int]] = []
    for s in report.sentences:
        for m in find_mentions(s.text, s.start, report.dateline.day):
            for w in re.finditer(r"\b[A-Z][a-z]{3,}\b", text[m.start : m.end]):
                if fold(w.group(0)) in STOP_WORDS:
                    continue
                spans.append((m.start + w.start(), m.start + w.end()))
    out = text
    for start, end in sorted(set(spans), reverse=True):
        if rng.random() >= p_name:
            continue
        word = _garble_word(out[start:end], rng)
        if rng.random() < p_second:
            word = _garble_word(word, rng)
        out = out[:start] + word + out[end:]
    return out


def _order(text: str, rng: random.Random, p_order: float) -> str:
    report = parse_report(text)
    out = text
    for s in reversed(report.sentences):
        m = _DATE_PHRASE.search(s.text)
        if m is None or m.start() == 0 or rng.random() >= p_order:
            continue
        phrase = m.group(1)
        rest = s.text[: m.start()] + s.text[m.end() :]
        first = rest.split(" ", 1)[0]
        lead = first.lower() if first in ("The", "A", "An") else first
        moved = f"{phrase[0].upper()}{phrase[1:]} {lead}{rest[len(first) :]}"
        out = out[: s.start] + moved + out[s.end :]
    return out


def _phrases(text: str, rng: random.Random, p_phrase: float) -> str:
    for phrase, variants in PHRASES:
        parts = re.split(f"({re.escape(phrase)})", text, flags=re.IGNORECASE)
        for k in range(1, len(parts), 2):
            if rng.random() < p_phrase:
                parts[k] = rng.choice(variants)
        text = "".join(parts)
    return text


def garble(
    text: str, seed: int, *, p_name: float = 0.8, p_second: float = 0.3, p_order: float = 0.5, p_phrase: float = 0.7
) -> str:
    """A garbled copy of the report ``text``; the same text and seed give the same copy."""
    rng = random.Random(seed)
    return _phrases(_order(_names(text, rng, p_name, p_second), rng, p_order), rng, p_phrase)
