"""Synthetic OCR damage for measuring the cleaning rules on text whose clean form is known.

:func:`damage` imitates what Tesseract does to a scanned Russian order: «№» read as «N9», «Jф»,
«ЛЬ»; «1» as «l», «3» as «З»; Latin lookalikes inside Cyrillic words; lower-case letters inside
abbreviations; «аз» as «€в»; «л» as «JI»; «ых» as «ьж»; «Д» as «.Щ»; guillemets as «< >»; words
hyphenated at line ends; the spaced «п р и к а з ы в а ю». Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re

#: Sentences of the genre, written for these measurements (not taken from any document).
SAMPLE = """\
УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ ЛЕСНОЙ РАЙОН
ПРИКАЗ
от 14 марта 2023 года № 317
Об организации работы со школами с низкими образовательными результатами в 2023-2024 учебном году
В соответствии с приказом министерства образования от 21 февраля 2023 года № 1138 «О региональной программе поддержки школ с низкими результатами обучения» и в целях повышения качества образования приказываю:
1. Утвердить перечень общеобразовательных организаций, показавших низкие результаты: МБОУ СОШ № 3, МБОУ СОШ № 13, МБОУ ООШ № 21, МАОУ СОШ № 31, МБОУ ООШ № 10.
2. Утвердить дорожную карту по методическому сопровождению школ на 2023-2025 годы (приложение).
3. Руководителям общеобразовательных учреждений разработать программы развития и разместить их на официальных сайтах учреждений в срок до 15 апреля 2023 года.
4. Муниципальному казенному учреждению «Центр оценки качества образования» провести анализ результатов всероссийских проверочных работ и направить рекомендации в письме от 10.04.2023 № 310/23-01-13.
5. Заместителям директоров организовать методическое сопровождение педагогических работников, обеспечить участие учителей в курсах повышения квалификации и в работе районных методических объединений.
6. Контроль за исполнением настоящего приказа возложить на заместителя начальника управления образования Т.В. Долгову.
Начальник управления образования Н.С. Дементьева
"""

_NUMERO_FACES = ["N9", "Ns", "Jф", "ЛЬ", "ЛЪ", "Nч", "]ф", "Л!", "Np", "JФ"]
_LATIN = dict(zip("аеорсхуАЕОРСХКМТВН", "aeopcxyAEOPCXKMTBH"))


def _hyphenate(text: str, width: int, rng: random.Random) -> str:
    lines = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            if len(line) + len(word) + 1 <= width or not line:
                line = f"{line} {word}".strip()
                continue
            m = re.fullmatch(r"([а-яё]{3,})([а-яё]{3,}[^\s]*)", word)
            if m and rng.random() < 0.7:
                cut = rng.randint(3, len(m.group(1)))
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return "\n".join(lines)


def damage(text: str, seed: int = 0, rate: float = 1.0) -> str:
    """``text`` as a noisy scan would read it; ``rate`` scales how often each damage happens."""
    rng = random.Random(seed)

    def chance(p: float) -> bool:
        return rng.random() < p * rate

    text = re.sub(r"№ ", lambda m: rng.choice(_NUMERO_FACES) + " " if chance(0.9) else m.group(), text)
    text = re.sub(r"«([^»]*)»", lambda m: f"<{m.group(1)}>" if chance(0.8) else m.group(), text)
    text = re.sub(r"(?<=\d)1|1(?=\d)", lambda m: "l" if chance(0.4) else "1", text)
    text = re.sub(r"(?<=\d)3|3(?=\d)", lambda m: "З" if chance(0.4) else "3", text)
    text = re.sub(r"\b(МБОУ|МАОУ|СОШ|ООШ)\b",
                  lambda m: m.group()[:1] + m.group()[1:].replace("О", "о") if chance(0.5) else m.group(), text)
    text = re.sub(r"(?<=[а-я])аз(?=[а-я])", lambda m: "€в" if chance(0.5) else m.group(), text)
    text = re.sub(r"(?<=[а-я])л(?=[а-я])", lambda m: "JI" if chance(0.06) else m.group(), text)
    text = re.sub(r"(?<=[а-я])ых\b", lambda m: "ьж" if chance(0.3) else m.group(), text)
    text = re.sub(r"(?<![\w.])Д(?=[а-я])", lambda m: ".Щ" if chance(0.7) else m.group(), text)
    text = re.sub(r"(?<=[а-я]{3})[аеорсх](?=[а-я])",
                  lambda m: _LATIN[m.group()] if chance(0.05) else m.group(), text)
    # letter spacing after the line breaks: a scan never breaks a spaced word
    return _hyphenate(text, 72, rng).replace("приказываю", "п р и к а з ы в а ю")
