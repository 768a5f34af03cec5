"""Repair of OCR-damaged words against a dictionary.

A word that pymorphy3 and the genre's lexicon do not know is rewritten through a table of the
scanner's confusions (what Tesseract reads for a Russian letter: «€» for «а», «JI» for «л», «л»
for «а» in capitals …); a candidate is kept when the dictionary knows it. Ties go to the word the
document itself uses elsewhere, then to the genre's lexicon. Words holding garbage characters
(Latin letters, €, $, ], }, |, digits) are always tried; clean-looking unknown words only for
one or two Cyrillic confusions, and capitalised ones (names) not at all.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .lexicon import abbreviations, domain_words, is_known

_CYR = "а-яё"
_PURE = re.compile(f"[{_CYR}]+")
# Garbage (non-Cyrillic) spans and what they stand for, lower case. Several entries start with a
# Cyrillic letter because Tesseract splits one letter into a letter and a blob («ьі» for «ы»).
GARBAGE: list[tuple[str, tuple[str, ...]]] = [
    ("€lп", ("ал",)), ("zlп", ("ал",)), ("€в", ("аз",)), ("€l", ("а", "ал")), ("€r", ("а",)),
    ("€}", ("аз",)), ("€", ("а", "аз", "ал", "ас", "я")), ("zl", ("а", "ал")), ("z", ("а", "з")),
    ("ir", ("а",)), ("ji", ("л", "я")), ("jl", ("л", "я")), ("j|", ("л",)), ("io", ("ю",)), ("i0", ("ю",)),
    ("bi", ("ы",)), ("bl", ("ы",)), ("ьi", ("ы",)), ("ьl", ("ы",)), ("ьt", ("ы",)), ("ьi", ("ы",)),
    ("iii", ("ш",)), ("lll", ("ш",)), ("ii", ("п", "н", "и")), ("i{", ("к",)), ("|{", ("к",)),
    ("}{", ("ж",)), (":}", ("з",)), ("rr", ("уч", "п")), ("^r", ("ч",)), ("}", ("з", "")),
    ("tl", ("п",)), ("ti", ("п",)), ("l", ("л", "и", "")), ("i", ("л", "п", "і", "")),
    ("|", ("л", "и", "")), ("r,", ("т",)), (",t", ("т",)), ("r", ("г", "у", "т", "")), ("n", ("п", "и")), ("u", ("и",)),
    ("m", ("т", "м")), ("t", ("т", "г")), ("h", ("н", "ь")), ("b", ("ь", "в", "б")),
    ("6", ("б",)), ("3", ("з",)), ("0", ("о",)), ("1", ("л",)), ("$", ("з", "s")),
    ("y", ("у",)), ("k", ("к",)), ("x", ("х",)), ("a", ("а",)), ("e", ("е",)), ("o", ("о",)),
    ("p", ("р",)), ("c", ("с",)), ("d", ("д",)), ("f", ("ф",)), ("g", ("д",)), ("w", ("ш",)),
    # «ф» at 150 dpi falls apart into angle quotes and ticks: «‹›евраль», «‘‹севраль», «‘сдевраль»
    ("‘‹с", ("ф",)), ("‹с", ("ф",)), ("‘с", ("ф",)), ("‹›", ("ф",)), ("‹", ("", "ф")), ("›", ("", "ф")),
    ("‘", ("",)),
    ("«", ("ф",)), ("]", ("", "л")), ("[", ("",)), ("!", ("", "л")), ("{", ("",)), ("^", ("",)), ("'", ("",)),
    ("-п", ("л",)), ("-", ("",)), ("_", ("",)), ("\\", ("",)), ("/", ("",)), (".", ("",)),
]
# One Cyrillic letter read as another (or a letter pair as one letter).
CYRILLIC: list[tuple[str, tuple[str, ...]]] = [
    ("ьж", ("ых",)), ("ьх", ("ых",)), ("ьг", ("ы",)), ("ьі", ("ы",)),
    ("л", ("а", "д", "п")), ("в", ("н", "з")), ("н", ("п", "и", "в")), ("и", ("н", "п")),
    ("п", ("н", "л", "и")), ("м", ("ал", "л")), ("ч", ("ц", "у")), ("ц", ("ч", "щ")),
    ("е", ("с",)), ("с", ("е",)), ("ж", ("х",)), ("ш", ("щ",)), ("щ", ("ш", "д", "ц")),
    ("з", ("в",)), ("т", ("г",)), ("г", ("т",)), ("у", ("ч",)), ("й", ("и",)), ("ю", ("но",)),
    # Tesseract's «ф» in serif faces: «севраль», «эофективности», «оорма»
    ("с", ("ф",)), ("о", ("ф",)), ("о", ("е",)), ("б", ("ф",)), ("сд", ("ф",)),
]
# «ф» alone, for words where it is read wrong twice («эосективности», «эсбективности» for «эфф…»)
_PHI = ("о", "с", "б")
_GARB_CHAR = re.compile(f"[^{_CYR}]")
_MAX_VARIANTS = 400


def _garbage_variants(s: str) -> list[tuple[int, str]]:
    """All garbage-free readings of ``s`` (lower case) with their number of substitutions."""

    @lru_cache(maxsize=None)
    def expand(i: int) -> tuple[tuple[int, str], ...]:
        if i >= len(s):
            return ((0, ""),)
        out: list[tuple[int, str]] = []
        if _PURE.match(s[i]):
            # a Cyrillic letter stays, unless it starts a pattern that needs garbage after it
            out.extend((c, s[i] + rest) for c, rest in expand(i + 1))
        for pat, reps in GARBAGE:
            if s.startswith(pat, i) and _GARB_CHAR.search(pat):
                tail = expand(i + len(pat))
                out.extend((c + 1, rep + rest) for rep in reps for c, rest in tail)
        out.sort()
        return tuple(out[:_MAX_VARIANTS])

    return [(c, w) for c, w in expand(0) if _PURE.fullmatch(w)]


def _cyrillic_variants(s: str) -> list[str]:
    """Readings of ``s`` with one Cyrillic confusion undone."""
    out = []
    for pat, reps in CYRILLIC:
        start = s.find(pat)
        while start >= 0:
            for rep in reps:
                out.append(s[:start] + rep + s[start + len(pat):])
            start = s.find(pat, start + 1)
    return out


def _rank(cands: dict[str, int], vocab) -> list[str]:
    domain = domain_words()
    return sorted(cands, key=lambda w: (cands[w], -vocab.get(w, 0), w not in domain, w))


@lru_cache(maxsize=50_000)
def _candidates(low: str, garbage: bool) -> tuple[tuple[str, int], ...]:
    """Known readings of the lower-case word ``low`` with their cost."""
    found: dict[str, int] = {}
    if garbage:
        variants = _garbage_variants(low)
        for c, w in variants:
            if len(w) >= 2 and is_known(w):
                found[w] = min(found.get(w, 9), c)
        if not found:
            for c, w in variants[:60]:
                for v in _cyrillic_variants(w):
                    if is_known(v):
                        found[v] = min(found.get(v, 9), c + 1)
    else:
        for v in _cyrillic_variants(low):
            if is_known(v):
                found[v] = 1
        if not found and len(low) >= 6:
            for v in _phi_pairs(low):
                if is_known(v):
                    found[v] = 2
    return tuple(found.items())


def _phi_pairs(s: str) -> list[str]:
    """Readings of ``s`` with two of its «о», «с», «б» put back to «ф» (a doubled «фф» misread)."""
    at = [i for i, ch in enumerate(s) if ch in _PHI]
    return [s[:i] + "ф" + s[i + 1:j] + "ф" + s[j + 1:] for k, i in enumerate(at) for j in at[k + 1:]]


def _fuzzy(low: str, vocab) -> str | None:
    """A word of the document (or the genre) that keeps the Cyrillic head and tail of ``low`` and
    differs only where the garbage is."""
    head = re.match(f"[{_CYR}]*", low).group()
    tail = re.search(f"[{_CYR}]*$", low).group()
    garb = len(_GARB_CHAR.findall(low))
    best, best_d = None, None
    for w in set(vocab) | domain_words():
        if len(head) + len(tail) > len(w) or not (w.startswith(head) and w.endswith(tail)):
            continue
        if abs(len(w) - len(low)) > 3:
            continue
        d = Levenshtein.distance(w, low, score_cutoff=garb + 1)
        if d <= garb + 1 and (best_d is None or d < best_d or (d == best_d and vocab.get(w, 0) > vocab.get(best, 0))):
            best, best_d = w, d
    return best


def _recase(word: str, like: str) -> str:
    letters = [ch for ch in like if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return word.upper()
    if like[:1].isupper() or (not like[:1].isalpha() and any(ch.isupper() for ch in like[:2])):
        return word[:1].upper() + word[1:]
    return word


def repair_word(core: str, vocab=None) -> str:
    """The repaired reading of one word (no surrounding punctuation), or the word itself."""
    vocab = vocab or {}
    cyr = re.findall(f"[{_CYR}]", core.lower())
    if len(cyr) < 2 or core.upper() in abbreviations():
        return core
    low = core.lower()
    garbage = bool(_GARB_CHAR.search(low))
    if not garbage and is_known(low):
        return core
    if re.match(r"\d", core) or sum(ch.isdigit() for ch in core) * 2 >= len(core):
        return core  # «9-х», «5б»: numbers with a suffix
    if not garbage:
        # names and unknown abbreviations: only the capitals' own «Л» for «А» is repaired
        if core[:1].isupper() and not core.isupper():
            return core
        if core.isupper() and len(core) <= 5:
            return core
        if len(low) < 5:
            return core
    elif "-" in low and not re.search(r"-п|[^-]-$", low):
        parts = core.split("-")
        return "-".join(repair_word(p, vocab) if len(p) > 1 else p for p in parts)
    slash = re.fullmatch(f"([{_CYR}]+)[l|I1]([{_CYR}]+)", core)
    if slash and all(is_known(p) and (len(p) > 1 or p == "и") for p in slash.groups()):
        return f"{slash.group(1)}/{slash.group(2)}"  # «иlили»: a slash read as «l»
    cands = dict(_candidates(low, garbage))
    if not cands and garbage:
        fz = _fuzzy(low, vocab)
        if fz:
            cands = {fz: 9}
    if not cands:
        return core
    ranked = _rank(cands, vocab)
    best = ranked[0]
    if not garbage or core[:1].isupper():
        # without garbage to explain the error, an ambiguous repair is a guess: leave the word
        rivals = [w for w in ranked[1:] if cands[w] == cands[best]]
        if rivals and vocab.get(best, 0) <= max(vocab.get(w, 0) for w in rivals):
            return core
    return _recase(best, core)


_TOKEN = re.compile(r"\S+")
_LEAD = re.compile(r"^[(«\"'\[\-–—]+")
_TRAIL = re.compile(r"[.,;:?)»\"'\]\-]+$")


def repair_words(text: str, ctx) -> str:
    """Unknown words are repaired against the dictionary through the confusion tables
    («прик€ву» → «приказу», «АДМИНИСТРЛЦИИ» → «АДМИНИСТРАЦИИ», «ловышение» → «повышение»)."""
    vocab = ctx.vocab

    def fix(m: re.Match) -> str:
        tok = m.group()
        if not re.search(f"[{_CYR}]", tok, re.I):
            return tok
        lead = _LEAD.match(tok)
        lead = lead.group() if lead else ""
        body = tok[len(lead):]
        trail = _TRAIL.search(body)
        trail = trail.group() if trail else ""
        core = body[: len(body) - len(trail)] if trail else body
        if trail.startswith(("-", "_")):
            return tok  # a fragment of a word hyphenated at a line end
        # «и/или», «т.д», «И.Н»: slashes and full stops inside are the writer's, not the scanner's
        if not core or re.search(r"[№@]|://|\w[./]\w", core):
            return tok
        return lead + repair_word(core, vocab) + trail

    return _TOKEN.sub(fix, text)
