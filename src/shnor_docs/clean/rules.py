"""The cleaning rules: small named functions over a text, applied in the order of :data:`RULES`.

Each rule repairs one kind of damage that Tesseract does to Russian official orders (the «№» read
as «N9» or «Jф», «1» read as «l», a Latin «о» inside a Cyrillic word, «€» for «аз», words split
by line-break hyphens …). A rule marked ``ocr_only=False`` is safe on clean text too (it can
only touch what is wrong in any text); the others run only where the text is raw OCR.

Rules are generic: each is justified by how the scanner damages this genre, never by a word of
one document. A rule gets the text and a :class:`Context` (the document's own vocabulary, used to
rank repair candidates).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from .lexicon import abbreviations, is_known, morph
from .repair import repair_words  # the dictionary repair is big enough for its own module

CYR = "А-Яа-яЁё"
_CYR_RE = re.compile(f"[{CYR}]")
_LAT_RE = re.compile("[A-Za-z]")
_PURE_CYR = re.compile("[а-яё]+(?:-[а-яё]+)*")


@dataclass
class Context:
    """What rules may know beyond the text itself: the words of the whole document."""

    vocab: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, text: str) -> "Context":
        """The vocabulary (known, purely Cyrillic words, lower case) of ``text``."""
        words = (t.strip(".,;:!?()«»\"'") for t in text.lower().split())
        return cls(Counter(w for w in words if len(w) >= 3 and _PURE_CYR.fullmatch(w) and is_known(w)))


@dataclass(frozen=True)
class Rule:
    """A named repair. ``fn(text, ctx) -> text``; ``ocr_only`` rules are skipped on clean text."""

    name: str
    fn: Callable[[str, Context], str]
    ocr_only: bool = True


# ---------------------------------------------------------------------------------------------
# mixed scripts

# true lookalikes (same glyph in print); «r», «n», «u» for «г», «п», «и» only read as whole words
_LAT2CYR_MAP = dict(zip("aABcCeEHKkMoOpPTxXyY", "аАВсСеЕНКкМоОрРТхХуУ"))
_LAT2CYR_LOOSE = {**_LAT2CYR_MAP, **dict(zip("bmnrtuh", "ьтпгтин"))}
_CYR2LAT_MAP = dict(zip("аАВсСеЕНКкМоОрРТхХуУ", "aABcCeEHKkMoOpPTxXyY"))
_WORD = re.compile(f"[{CYR}A-Za-z]+")


def _to_cyr(word: str, table: dict = _LAT2CYR_MAP) -> str | None:
    if all(ch in table or _CYR_RE.match(ch) for ch in word):
        return "".join(table.get(ch, ch) for ch in word)
    return None


def _to_lat(word: str) -> str | None:
    if all(ch in _CYR2LAT_MAP or _LAT_RE.match(ch) for ch in word):
        return "".join(_CYR2LAT_MAP.get(ch, ch) for ch in word)
    return None


def mixed_script_words(text: str, ctx: Context) -> str:
    """A word holding both Cyrillic and Latin letters gets one script: Cyrillic when every Latin
    letter has a Cyrillic lookalike (and Cyrillic letters dominate or the result is a known word),
    else Latin when every Cyrillic letter has a Latin lookalike («РISА» → «PISA»)."""

    def fix(m: re.Match) -> str:
        w = m.group()
        if not (_CYR_RE.search(w) and _LAT_RE.search(w)):
            return w
        cyr, lat = _to_cyr(w), _to_lat(w)
        n_cyr = len(_CYR_RE.findall(w))
        if cyr and (n_cyr * 2 >= len(w) or is_known(cyr) or cyr.upper() in abbreviations()):
            return cyr
        # Latin only for a Latin word with a stray Cyrillic lookalike («РISА»), never for a
        # Cyrillic word holding OCR garbage such as «JI» for «л» («краJI»)
        if lat and not cyr and (lat.upper() in abbreviations() or n_cyr <= 1 < len(w) - n_cyr):
            return lat
        return cyr or w

    return _WORD.sub(fix, text)


def latin_words_in_cyrillic(text: str, ctx: Context) -> str:
    """A whole lower-case Latin word made only of Cyrillic lookalikes, whose Cyrillic reading is a
    known Russian word, is OCR of a Russian word («npoekt» → «проект»). Upper-case Latin words
    (PISA, ZOOM) stay unless their reading is a known abbreviation."""

    def fix(m: re.Match) -> str:
        w = m.group()
        cyr = _to_cyr(w, _LAT2CYR_LOOSE)
        if not cyr:
            return w
        if w.isupper():
            return cyr if cyr in abbreviations() and w not in abbreviations() else w
        if len(w) >= 3 and is_known(cyr):
            return cyr
        return w

    return re.sub(r"(?<![\w.@/])[A-Za-z]+(?![\w@/]|\.[a-z])", fix, text)


# ---------------------------------------------------------------------------------------------
# the «№» sign

# The faces of «№» in Tesseract's output (Latin N or J or Cyrillic Л followed by a blob), read
# only before a number.
_NUMERO_FACES = (
    r"N[9sчэpрrlаaлoо!gqпш°º]|N\.|Nl!|NЪ|"
    r"J[фФЪЮ&S\\E]|J\\[&Ъ]|J'ф|J\.|"
    r"Л[ЬЪ!№]|Лl!|Лl|"
    r"[\]}][фФЪ]|\.[}\]][фФЪ]|\.I!!|\.I1Ъ|\.I\|Ъ|},\{Ъ|\}\{Ъ|\.I\\[Ъ]|"
    r"N(?=\s)"
)
_DIGITISH = r"[\dlІI|ЗOО]"
_NUMERO = re.compile(
    rf"(?<![A-Za-z{CYR}\d])({_NUMERO_FACES})(?=\s?{_DIGITISH}*\d|\s?[lI|З]{{1,2}}\b)"
)
_NUMERO_GLUED = re.compile(rf"(?<=[{CYR}])({_NUMERO_FACES})(?=\s?\d)")
# «М» for «№» only where a number is expected: after a school's kind, a date, «года», «приказ».
_M_CONTEXT = re.compile(
    rf"((?:\b(?:СОШ|ООШ|НОШ|СШ|школ[аыеу]?|лице[йя]|гимнази[яи]|года|г\.|приказ\w*|письм\w*|"
    rf"распоряжени\w*)|\d\d\.\d\d\.\d{{4}})\s+)[МмM](?=\s?{_DIGITISH}*\d)"
)


def numero_sign(text: str, ctx: Context) -> str:
    """Faces of «№» before a number (N9, Ns, Jф, ЛЬ, ]ф, .}ф, «М» after «СОШ» …) become «№ »."""
    text = _NUMERO_GLUED.sub(r" \1", text)
    text = _NUMERO.sub("№ ", text)
    text = _M_CONTEXT.sub(r"\1№ ", text)
    text = re.sub(r"№ +(?=\S)", "№ ", text)
    text = re.sub(r"№(?=\d)", "№ ", text)
    text = re.sub(r"№[.,:]\s?(?=\d)", "№ ", text)  # a speck read as a stop: «ООШ №.43»
    return text


# ---------------------------------------------------------------------------------------------
# digits

_DIGIT_MAP_SURE = str.maketrans({"l": "1", "I": "1", "|": "1", "З": "3", "з": "3"})
_NUMTOKEN = re.compile(rf"(?<![{CYR}A-Za-z\d])[\dlI|ЗOОoоб]*\d[\dlI|ЗOОoоб]*(?![{CYR}A-Za-z\d])")


# the day of a date written out («б октября» for «6 октября», «1З мая»): one or two characters
_DAY_BEFORE_MONTH = re.compile(
    r"(?<![\w.,])([\dlIбЗ]{1,2})(?=[»\"]?\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября"
    r"|октября|ноября|декабря)\b)")
_DAY_MAP = {**_DIGIT_MAP_SURE, ord("б"): "6"}  # «б» is a digit here, not a class letter


def _day(m: re.Match) -> str:
    day = m.group(1).translate(_DAY_MAP)
    return day if 1 <= int(day) <= 31 else m.group(1)


def digit_lookalikes(text: str, ctx: Context) -> str:
    """Inside numbers, letters that look like digits become digits («202l» → «2021», «2З» → «23»,
    «l7» → «17», «2О20» → «2020»); a lone «l» or «З» before a word or a number is a digit too, and
    so is one that starts a numbered point («l, Утвердить» → «1. Утвердить»), and the day before
    a month's name («б октября» → «6 октября», «1З мая» → «13 мая»). A zero before a number's
    letter suffix is the letter «О» («939-0Д» → «939-ОД»)."""

    def fix(m: re.Match) -> str:
        tok = m.group()
        # «о», «О» only touching a digit, «б» only between digits («5б» is a class)
        tok = re.sub(r"(?<=\d)[оОoO]|[оОoO](?=\d)", "0", tok)
        tok = re.sub(r"(?<=\d)б(?=\d)", "6", tok)
        return tok.translate(_DIGIT_MAP_SURE)

    text = _NUMTOKEN.sub(fix, text)
    text = _DAY_BEFORE_MONTH.sub(_day, text)
    # a lone «l»/«З» (never a Russian word) before a number, a word or a point's full stop
    text = re.sub(rf"(?<![\w.,])l(?=\s+(?:[{CYR}]|\d)|[.,]\d)", "1", text)
    text = re.sub(rf"(?<![\w.,])З(?=\s+[а-яё\d]|-\d|\.\d)", "3", text)
    # a numbered point: «l, Утвердить», «З. В …» at the start of a line
    text = re.sub(rf"(?m)^(\s*)[l|]([.,])(?=\s+[А-ЯЁ])", r"\g<1>1.", text)  # «I.» is Roman
    text = re.sub(rf"(?m)^(\s*)З([.,])(?=\s+[А-ЯЁ])", r"\g<1>3.", text)
    text = re.sub(rf"(?m)^(\s*)(\d{{1,2}}),(?=\s+[А-ЯЁ])", r"\1\2.", text)
    # and back: a zero in a number's letter suffix is «О» («№ 939-0Д» → «№ 939-ОД»)
    text = re.sub(r"(?<=\d-)0(?=[А-ЯЁ]{1,3}\b)", "О", text)
    # a digit group split by a space after a hyphen in a letter number («-21- 10» → «-21-10»)
    text = re.sub(r"(?<=\d-\d\d-)\s(?=\d\d\b)", "", text)
    return text


def slash_read_as_one(text: str, ctx: Context) -> str:
    """In a letter number «1348121-21-10» the «/» before the year was read as «1»: a 5–7 digit run
    ending in «1» + a two-digit year and followed by «-NN-NN» is «NNNN/YY-NN-NN»."""
    return re.sub(r"(?<![\d/])(\d{2,4})1([12]\d)(?=-\d\d-\d\d)", r"\1/\2", text)


# ---------------------------------------------------------------------------------------------
# quotes and punctuation

def ocr_quotes(text: str, ctx: Context) -> str:
    """Guillemets read as «<», «>», «<<», «>>», «((», «))» become «» around words."""
    text = re.sub(rf"(?:«<|<«|<<|<|\(\()(?=\s?[{CYR}A-Za-z0-9])", "«", text)
    text = re.sub(rf"(?<=[{CYR}A-Za-z0-9.+!?…])(?:>»|»>|>>|>|\)\))", "»", text)
    return text


def double_commas(text: str, ctx: Context) -> str:
    """A doubled comma (a speck read as a comma) is one comma."""
    return re.sub(r"(?<=\w),,(?!,)", ",", text)


def toponym_na(text: str, ctx: Context) -> str:
    """«-ва-» between two capitalised parts of a place name is «-на-» (Ростов-на-Дону, Бобровск-на-…)."""
    return re.sub(rf"(?<=[{CYR}]{{3}})-ва-(?=[А-ЯЁ])", "-на-", text)


def etc_abbreviation(text: str, ctx: Context) -> str:
    """«т.л.» (д read as л) is «т.д.»."""
    return re.sub(r"(?<![\w.])т\.\s?л\.", "т.д.", text)


# ---------------------------------------------------------------------------------------------
# hyphenation and letter spacing

def hyphen_join(first: str, second: str) -> str | None:
    """How ``first-`` at a line end and ``second`` at the next line's start read together: the
    joined word when it is known (or nothing else is), ``first-second`` for a known compound
    («школы-интернаты»), ``None`` when the pair does not look like a hyphenated word."""
    a = re.search(f"[{CYR}]+$", first)
    b = re.match(f"[{CYR}]+", second)
    if not a or not re.match(r"[а-яёa-z€$|{}\]!^]", second):
        return None  # the next line starts with a capital, a digit or a dash: a new sentence
    if not b:
        return first + second  # the rest is OCR garbage; the word repair reads the joined word
    joined = a.group() + b.group()
    if is_known(joined):
        return first + second
    if is_known(a.group()) and is_known(b.group()) and is_known(f"{a.group()}-{b.group()}"):
        return f"{first}-{second}"
    return first + second


def line_hyphenation(text: str, ctx: Context) -> str:
    """A word split by a hyphen at a line end is joined («ме-\\nтодическому» → «методическому»);
    a real compound keeps its hyphen."""

    def fix(m: re.Match) -> str:
        out = hyphen_join(m.group(1), m.group(2))
        return m.group() if out is None else out

    return re.sub(rf"([{CYR}]+)[-_][ \t]*\n[ \t]*([а-яё][^\s]*)", fix, text)


def letter_spacing(text: str, ctx: Context) -> str:
    """A word printed with spaced letters («п р и к а з ы в а ю») is joined when the joined word
    is known. Only runs of four or more single letters separated by single spaces."""

    def fix(m: re.Match) -> str:
        joined = m.group().replace(" ", "")
        return joined if is_known(joined) else m.group()

    return re.sub(rf"(?<![\w.])(?:[{CYR}] ){{3,}}[{CYR}](?!\w)", fix, text)


# ---------------------------------------------------------------------------------------------
# words

def year_glued(text: str, ctx: Context) -> str:
    """A word run into the year after it («февраль2021») is two words: OCR lost the space."""
    return re.sub(rf"(?<![{CYR}\w])([{CYR}]{{3,}})((?:19|20)\d\d)\b", r"\1 \2", text)


# Roman numerals of a quarter or a half-year as Tesseract reads them in Cyrillic («П квартал»)
_ROMAN_READS = {"Г": "I", "[": "I", "|": "I", "l": "I", "І": "I", "П": "II", "Ш": "III", "ГУ": "IV",
                "ТУ": "IV", "1У": "IV", "IУ": "IV", "ІУ": "IV", "|У": "IV", "[У": "IV"}
_ROMAN_BEFORE_PERIOD = re.compile(
    r"(?<![\w\[|])(" + "|".join(re.escape(k) for k in sorted(_ROMAN_READS, key=len, reverse=True))
    + r")(?=\s*(?:-?[а-я]{1,3}\s+)?(?:квартал|полугоди))")


def roman_periods(text: str, ctx: Context) -> str:
    """A quarter's or a half-year's Roman numeral read as Cyrillic letters: «П квартал» → «II
    квартал», «ГУ квартал» → «IV квартал», «Ш квартал» → «III квартал», «Г полугодие» → «I …»."""
    return _ROMAN_BEFORE_PERIOD.sub(lambda m: _ROMAN_READS[m.group(1)], text)


def year_word(text: str, ctx: Context) -> str:
    """«гола/голу» after a year («2020 гола», «2020-2021 учебном голу») are «года/году»."""
    return re.sub(r"(\b(?:19|20)\d\d(?:\s?-\s?(?:19|20)?\d\d)?\s+(?:учебн\w+\s+)?)гол(а|у|ом|ах)\b",
                  r"\1год\2", text)


_ABBR_FOLD = str.maketrans({"a": "А", "b": "В", "c": "С", "e": "Е", "h": "Н", "k": "К", "m": "М",
                            "o": "О", "p": "Р", "t": "Т", "x": "Х", "y": "У", "A": "А", "B": "В",
                            "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
                            "T": "Т", "X": "Х", "Y": "У", "0": "О", "Щ": "Ц"})


# how Tesseract draws «Ш» and «П» in capitals: as runs of I, l, | and t
_STROKES = [("III", "Ш"), ("lll", "Ш"), ("IIl", "Ш"), ("II", "Ш"), ("II", "П"), ("tI", "П"),
            ("Il", "П"), ("I", "П")]


def _abbr_reading(tok: str) -> str | None:
    abbrs = abbreviations()
    readings = [tok.upper()]
    for pat, rep in _STROKES:
        if pat in tok:
            readings.append(tok.replace(pat, rep).replace("III", "Ш").replace("II", "П").upper())
    for up in readings:
        cand = up.translate(_ABBR_FOLD)
        if cand in abbrs:
            return cand
    # «Щ» may be a real Щ in an abbreviation; try without the Щ→Ц fold
    cand = up.translate({k: v for k, v in _ABBR_FOLD.items() if k != ord("Щ")})
    return cand if cand in abbrs else None


def abbreviation_case(text: str, ctx: Context) -> str:
    """A token that reads as a known abbreviation once upper-cased and its lookalikes mapped
    («МБоУ», «ооШ», «Сош», «IIIHOP», «ЩОКО») is that abbreviation. Title-case tokens only when
    they are not words («По», «До» stay); lower-case ones only next to «№» or another
    abbreviation."""
    abbrs = abbreviations()

    def fix(m: re.Match) -> str:
        tok = m.group()
        if tok in abbrs or len(tok) < 2:
            return tok
        cand = _abbr_reading(tok)
        if not cand or cand == tok:
            return tok
        # upper-case words (real abbreviations we do not list) stay; 3+ capitals signal an abbreviation
        if tok.islower() or (tok[0].isupper() and tok[1:].islower()):
            if morph().word_is_known(tok.lower()) and not tok.islower():
                return tok
            if tok.islower():
                after = text[m.end():m.end() + 3]
                before = text[max(0, m.start() - 8):m.start()]
                if not (after.lstrip().startswith("№") or re.search(r"[А-ЯЁ]{2,}\s$", before)):
                    return tok
        return cand

    return re.sub(rf"(?<![\w.])[{CYR}A-Za-z0]{{2,6}}(?![\w])", fix, text)


def d_at_word_start(text: str, ctx: Context) -> str:
    """«Д» at a word's start is often read as «.Щ», «,.Щ», «!,», «fl» or «.щ» (the letter's
    feet become punctuation). Repaired when what follows are lower-case Cyrillic letters."""

    def fix(m: re.Match) -> str:
        rest = m.group(2)
        lower = m.group(1) in (".щ",) and not re.search(r"[А-ЯЁ]\.\s*[А-ЯЁа-яё]\.\s*$", text[:m.start()])
        d = "д" if lower else "Д"
        cand = d + rest
        return cand if (is_known(cand) or not lower) else m.group()

    return re.sub(r"(?<![\w])(,?\.Щ|!,|fl|\.щ)([а-яё]{2,})", fix, text)


_INITIALS = re.compile(rf"(?<![{CYR}\w.])([{CYR}])\.\s?([{CYR}])\.(?=\s?[А-ЯЁ][а-яё]+)")


_INITIALS_PUNCT = re.compile(rf"(?<![{CYR}\w.,])([А-ЯЁ])[,;]([А-ЯЁ])\.(?=\s?([А-ЯЁ][а-яё]{{2,}}))"
                             rf"|(?<![{CYR}\w.,])([А-ЯЁ])\.([А-ЯЁ])[,;](?=\s?([А-ЯЁ][а-яё]{{2,}}))")


_INITIAL_DIGIT = {"3": "З", "0": "О", "6": "Б"}
_DIGIT_INITIALS_AFTER = re.compile(r"([А-ЯЁ][а-яё]+ )(?:(3{1,2}|0|6)\.(?=[А-ЯЁ]\.)|([А-ЯЁ]\.)(3|0|6)\.(?!\d))")
_DIGIT_INITIALS_BEFORE = re.compile(r"(?<!№ )(?<![\w.№])(3|0|6)\.(?=[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]{2,})")


def dot_between_words(text: str, ctx: Context) -> str:
    """A speck read as a full stop between two lower-case words: «образования.администрации»."""
    return re.sub(r"(?<![\w.])([а-яё]{3,})\.([а-яё]{3,})(?![\w.])", r"\1 \2", text)


def initials_digits(text: str, ctx: Context) -> str:
    """An initial read as a digit beside a surname: «Белых 3.Я.», «Кравец 33.А.», «3.А. Кравец»
    → «З.Я.», «З.А.» (3 for З, 0 for О, 6 for Б; a point number «3. Утвердить» is left alone)."""

    def after(m: re.Match) -> str:
        if m.group(2):
            return m.group(1) + _INITIAL_DIGIT[m.group(2)[0]] + "."
        return m.group(1) + m.group(3) + _INITIAL_DIGIT[m.group(4)] + "."

    text = _DIGIT_INITIALS_AFTER.sub(after, text)
    return _DIGIT_INITIALS_BEFORE.sub(lambda m: _INITIAL_DIGIT[m.group(1)] + ".", text)


_INITIALS_NO_STOPS = re.compile(r"([А-ЯЁ][а-яё]{2,})([ \n])([А-ЯЁ])(?:([А-ЯЁ])(?=[.,;]|\s|$)|([а-яё])(?=\.))\.?")


def initials_no_stops(text: str, ctx: Context) -> str:
    """Initials whose stops OCR lost after a surname: «Медведева СВ,», «Медведева Св.» → «С.В.»
    (only after a word that is surely a surname, so «Руководители ОО» stays)."""
    from ..extract.morph import surname_quality

    def fix(m: re.Match) -> str:
        second = m.group(4) or m.group(5).upper()
        if surname_quality(m.group(1)) < 2 or (m.group(3) + second) in abbreviations():
            return m.group()
        return f"{m.group(1)}{m.group(2)}{m.group(3)}.{second}."

    return _INITIALS_NO_STOPS.sub(fix, text)


def initials_punct(text: str, ctx: Context) -> str:
    """A stop in initials read as a comma or semicolon: «Е,М. Хрусталев», «Л.Г; Бобылкина» (only
    before a word that is surely a surname: «пункты А,Б. Работа» stays)."""
    from ..extract.morph import surname_quality

    def fix(m: re.Match) -> str:
        a, b, word = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        return f"{a}.{b}." if surname_quality(word) >= 2 else m.group()

    return _INITIALS_PUNCT.sub(fix, text)


def initials_case(text: str, ctx: Context) -> str:
    """Initials before a surname are capitals: «Р.р. Дугляй» → «Р.Р. Дугляй», «о.В. П…» → «О.В.»."""

    def fix(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if a.islower() and b.islower():
            return m.group()  # «т.е.», «и.о.» are abbreviations, not initials
        return m.group().replace(a + ".", a.upper() + ".", 1).replace(b + ".", b.upper() + ".")

    return _INITIALS.sub(fix, text)


def garbage_tokens(text: str, ctx: Context) -> str:
    """Scribbles of a signature read as «./ь», «|/», «_!Ф»: a token of slashes, bars and dots with
    at most one letter is dropped."""
    return re.sub(rf"[ \t]+(?=\S\S)[./\\|_~`]*[/\\|~`][./\\|_~`]*[{CYR}a-z]?(?=\s|$)", "", text)


RULES: list[Rule] = [
    Rule("mixed_script_words", mixed_script_words, ocr_only=False),
    Rule("ocr_quotes", ocr_quotes),
    Rule("numero_sign", numero_sign),
    Rule("digit_lookalikes", digit_lookalikes),
    Rule("slash_read_as_one", slash_read_as_one),
    Rule("line_hyphenation", line_hyphenation),
    Rule("letter_spacing", letter_spacing),
    Rule("d_at_word_start", d_at_word_start),
    Rule("abbreviation_case", abbreviation_case),
    Rule("latin_words_in_cyrillic", latin_words_in_cyrillic),
    Rule("etc_abbreviation", etc_abbreviation),
    Rule("year_glued", year_glued),
    Rule("dot_between_words", dot_between_words),
    Rule("repair_words", repair_words),
    Rule("year_word", year_word),
    Rule("roman_periods", roman_periods),
    Rule("toponym_na", toponym_na),
    Rule("double_commas", double_commas),
    Rule("initials_digits", initials_digits),
    Rule("initials_no_stops", initials_no_stops),
    Rule("initials_punct", initials_punct),
    Rule("initials_case", initials_case),
    Rule("garbage_tokens", garbage_tokens),
]
