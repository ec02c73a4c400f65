"""How alike two spellings of a name are: folded spelling, fuzzy score (rapidfuzz), phonetic key (jellyfish).

Wire copy spells one name many ways (Zelensky, Zelenskyy, Selenskyj; Putin, Poutine; Jermak, Yermak), and a
garbled copy drops or doubles letters. ``fold`` maps the usual transliteration variants to one spelling;
``similarity`` combines an edit-distance score with agreement of the phonetic keys, so that a variant that
sounds the same scores high even where the letters differ.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

__all__ = ["fold", "phonetic_key", "similarity"]

# Transliteration systems differ on these (German w/j/sch, French ou, BGN y/iy/yy); applied in order.
_FOLDS: tuple[tuple[str, str], ...] = (
    (r"tsch", "ch"),
    (r"sch", "sh"),
    (r"zh", "j"),
    (r"kh", "h"),
    (r"ou", "u"),
    (r"ph", "f"),
    (r"w", "v"),
    (r"(iy|yy|yj|ij|iy)\b", "y"),
    (r"\bj(?=[aeiou])", "y"),
    (r"\by(?=[^aeiou])", "i"),
    (r"(?<=[a-z])y", "i"),
    (r"ff\b", "v"),
    (r"(.)\1+", r"\1"),
)


_COMPILED = tuple((re.compile(p), r) for p, r in _FOLDS)
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lower case, no accents or punctuation, transliteration variants and doubled letters folded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _NON_ALNUM.sub(" ", text.replace("'s", ""))
    text = " ".join(text.split())
    text = text.removeprefix("the ") if text != "the " else text
    for pattern, repl in _COMPILED:
        text = pattern.sub(repl, text)
    return text


@lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    """The metaphone key of the folded name, word by word."""
    return " ".join(jellyfish.metaphone(word) for word in fold(name).split())


def similarity(a: str, b: str) -> float:
    """0..1: how likely ``a`` and ``b`` spell the same name."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    edit = 0.5 * fuzz.ratio(fa, fb) / 100 + 0.5 * jellyfish.jaro_winkler_similarity(fa, fb)
    ka, kb = phonetic_key(a), phonetic_key(b)
    sound = 1.0 if ka == kb else jellyfish.jaro_winkler_similarity(ka, kb) if ka and kb else 0.0
    # Agreement of sound lifts a spelling variant; disagreement does not sink a good spelling match.
    return min(1.0, max(edit, 0.6 * edit + 0.4 * sound))
