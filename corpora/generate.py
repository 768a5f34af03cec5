"""Generate synthetic documents of the genre with gold answers by construction.

    .venv/bin/python -m corpora.generate --count N --seed S --out DIR [--formats txt,docx,pdf,scan]

Writes ``DIR/NAME.txt`` (and ``.docx``, ``.pdf``, ``.scan.pdf`` as asked) beside ``DIR/NAME.json``, the
gold in the contract's shape. The gold's ``source`` describes the first rendering written (the .txt
when asked for); ``_sources`` holds the ``source`` block of every rendering (file, sha256,
media_type, pages, ocr). The same seed gives the same documents, byte for byte in .txt and gold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

from shnor_docs.document import Cell, Document, Paragraph, Table

from .deadlines import MONTHS_GEN, make_deadline
from .model import Gold, Person, Position, SchoolRef, lexicon

MEDIA = {"txt": "text/plain", "pdf": "application/pdf",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _regions() -> dict[str, dict]:
    from shnor_docs import paths

    data = json.loads(paths.data_file("regions.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in data}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _wrap(text: str, width: int) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        lines.append(cur)
    return lines


class Writer:
    """Collects the blocks of one document."""

    def __init__(self) -> None:
        self.blocks: list = []

    def p(self, text: str, *, gap: bool = False, bold: bool = False, centered: bool = False) -> None:
        self.blocks.append(Paragraph(text=text, gap_before=gap, bold=bold, centered=centered))

    def lines(self, lines: list[str], **kw) -> None:
        for i, ln in enumerate(lines):
            self.p(ln, **{**kw, "gap": kw.get("gap", False) and i == 0})


class Synth:
    """Builds one document and its gold from a random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.w = Writer()
        self.used_surnames: set[str] = set()
        self.regions = _regions()

    # ------------------------------------------------------------------ vocabulary helpers
    def person(self) -> Person:
        names = lexicon("names")
        while True:
            s = self.rng.choice(names["surnames"])
            female = self.rng.random() < 0.65 or s["m"].endswith("ец")
            surname = s["f"] if female else s["m"]
            if surname not in self.used_surnames:
                break
        self.used_surnames.add(surname)
        first = self.rng.choice(names["first_f"] if female else names["first_m"])
        pat = self.rng.choice(names["patronymics"])["f" if female else "m"]
        return Person(surname, s["type"], female, first, pat)

    def name_style(self) -> str:
        return self.rng.choices(["init_first", "init_after", "tight", "spaced"], [5, 5, 1, 1])[0]

    def fmt_date(self, y: int, m: int, d: int, *, header: bool = False) -> str:
        k = self.rng.choices(["dots", "dots_g", "quoted", "words", "words_goda"], [6, 2, 2 if header else 0, 2, 1])[0]
        if k == "dots":
            return f"{d:02d}.{m:02d}.{y}"
        if k == "dots_g":
            return f"{d:02d}.{m:02d}.{y} " + self.rng.choice(["г", "г."])
        if k == "quoted":
            return f"«{d:02d}» {MONTHS_GEN[m - 1]} {y} г."
        if k == "words":
            return f"{d} {MONTHS_GEN[m - 1]} {y} г."
        return f"{d} {MONTHS_GEN[m - 1]} {y} года"

    def number(self, y: int) -> str:
        r = self.rng
        k = r.choice(["plain", "plain", "dash", "slash", "r", "dotted", "od"])
        n = r.randint(5, 1800)
        return {"plain": str(n), "dash": f"{n}-{r.choice(['А', 'о', 'п', 'ОД'])}",
                "slash": f"{r.randint(1, 12):02d}-{r.randint(1, 30):02d}/{n}", "r": f"{n}-р",
                "dotted": f"{r.randint(1, 9)}.{r.randint(1, 20):02d}-{n}/{str(y)[2:]}", "od": f"{n}/01-09"}[k]

    def no_sign(self) -> str:
        return self.rng.choices(["№ ", "№", "N "], [8, 1, 1])[0]

    def rand_date(self, y: int) -> tuple[int, int, int]:
        m = self.rng.randint(1, 12)
        return y, m, self.rng.randint(1, 28)

    # ------------------------------------------------------------------ the document
    def build(self) -> tuple[Document, Gold]:
        r = self.rng
        self.kind = r.choices(["приказ", "распоряжение", "постановление", "дорожная карта", "отчет"],
                              [11, 3, 2, 3, 2])[0]
        self.setup_place()
        self.setup_people()
        self.year = r.randint(2019, 2025)
        y, m, d = self.rand_date(self.year)
        self.date = (y, m, d)
        if r.random() < 0.7:
            self.rm_years = (y, y) if m < 9 else (y + 1, y + 1) if r.random() < 0.5 else (y, y)
        else:
            self.rm_years = (y, y + r.randint(1, 2))
        self.gold = Gold(order={"doc_type": self.kind, "issuer": None, "region": None, "municipality": None,
                                "date": f"{y:04d}-{m:02d}-{d:02d}", "number": None, "place": None, "title": None,
                                "signatory": None, "approved_by": None, "directives": [], "controller": None})
        self.make_schools()
        if self.kind == "дорожная карта":
            self.standalone_roadmap()
        elif self.kind == "отчет":
            self.report()
        else:
            self.order()
        doc = Document(file="", media_type="text/plain", sha256="", blocks=self.w.blocks)
        return doc, self.gold

    def setup_place(self) -> None:
        r = self.rng
        mun = r.choice(lexicon("municipalities"))
        self.region = self.regions[mun["region"]]
        if mun["kind"] == "district":
            form = r.choice(["mr", "mo", "mo_quoted", "rayon"])
            adj, g = mun["adj"], mun["adj_gen"]
            self.mun_nom, self.mun_gen = {
                "mr": (f"{adj} муниципальный район", f"{g} муниципального района"),
                "mo": (f"{adj} муниципальный округ", f"{g} муниципального округа"),
                "mo_quoted": (f"{adj} район", f"муниципального образования «{adj} район»"),
                "rayon": (f"{adj} район", f"{g} района"),
            }[form]
            self.short_area = "района" if form != "mo" else "округа"
        else:
            form = r.choice(["city", "go", "mo_quoted"])
            n, g = mun["nom"], mun["gen"]
            self.mun_nom, self.mun_gen = {
                "city": (f"город {n}", f"города {g}"),
                "go": (f"городской округ город {n}", f"городского округа город {n}"),
                "mo_quoted": (f"город {n}", f"муниципального образования «город {n}»"),
            }[form]
            self.short_area = "города"
        self.place_text = mun["place"]
        body = r.choice(["upr", "upr", "otdel", "komitet", "dep", "upr_noadm", "min"])
        if self.kind == "постановление":
            body = "adm"
        self.body = body
        self.body_nom, self.body_gen, self.body_short = {
            "upr": ("Управление образования администрации", "управления образования администрации", "управления"),
            "upr_noadm": ("Управление образования", "управления образования", "управления"),
            "otdel": ("Отдел образования администрации", "отдела образования администрации", "отдела"),
            "komitet": ("Комитет по образованию администрации", "комитета по образованию администрации", "комитета"),
            "dep": ("Департамент образования администрации", "департамента образования администрации",
                    "департамента"),
            "adm": ("Администрация", "администрации", "администрации"),
            "min": ("Министерство образования", "министерства образования", "министерства"),
        }[body]

    def setup_people(self) -> None:
        r = self.rng
        b = self.body
        head_pos = {"upr": "Начальник управления образования", "upr_noadm": "Начальник управления",
                    "otdel": "Начальник отдела образования", "komitet": "Председатель комитета",
                    "dep": "Директор департамента", "adm": f"Глава {self.short_area}", "min": "Министр"}[b]
        if b in ("upr", "upr_noadm", "otdel") and r.random() < 0.25:
            head_pos = r.choice(["И.о. ", "Исполняющий обязанности\n", "Временно исполняющий обязанности\n"]) + \
                head_pos.replace("Начальник", "начальника")
        self.head = self.person()
        self.head_pos = head_pos
        dep_tail = {"upr": "управления образования", "upr_noadm": "управления", "otdel": "отдела образования",
                    "komitet": "комитета", "dep": "департамента", "adm": "администрации по социальным вопросам",
                    "min": "образования"}[b]
        dep_head = {"komitet": "заместитель председателя", "adm": "заместитель главы", "min": "заместитель министра",
                    "dep": "заместитель директора"}.get(b, "заместитель начальника")
        self.deputy = (self.person(), Position(dep_head, dep_tail))
        tails = ["отдела общего образования", "ИМЦ", "МКУ «ИМЦ»", "отдела общего и дополнительного образования",
                 "управления образования", "МКУ «Центр развития образования»", "ЦОКО"]
        heads = ["главный специалист", "ведущий специалист", "методист", "старший методист", "консультант",
                 "начальник"]
        self.staff = []
        for _ in range(r.randint(2, 4)):
            h = r.choice(heads)
            t = r.choice(tails)
            if h == "начальник":
                t = r.choice(["отдела общего образования", "отдела мониторинга и оценки качества"])
            self.staff.append((self.person(), Position(h, t)))
        self.printed_persons: list[tuple[Person, str]] = []

    def mention(self, who: Person, case: str, position: str | None, *, style: str | None = None) -> str:
        style = style or self.name_style()
        if case in ("gen", "acc") and who.ambiguous_oblique and who.kind == "ov":
            style = "full"  # «Лыкова Р.С.» could be a woman in the nominative; the full name settles it
        text = who.printed(case, style)
        self.gold.person(who, text, position, full=(style == "full"))
        return text

    # ------------------------------------------------------------------ schools
    def make_schools(self) -> None:
        r = self.rng
        self.lf = r.choice(["МБОУ", "МБОУ", "МОУ", "МАОУ", "МКОУ", "МОБУ", "ГБОУ"])
        self.school_lists: list[tuple[str, list[SchoolRef], str]] = []
        if r.random() < 0.2:
            return
        nums = r.sample(range(1, 60), r.randint(3, 9))
        low = []
        plain_schools = r.random() < 0.2  # towns whose schools are named «Школа № 12»
        for n in nums:
            kind = "Школа" if plain_schools else \
                r.choices(["СОШ", "ООШ", "Лицей", "Гимназия", "НОШ", "ЦО"], [12, 4, 1, 1, 1, 1])[0]
            low.append(SchoolRef(kind, str(n), legal_form=self.lf, roles=["low_results"]))
        if r.random() < 0.3:
            low.append(SchoolRef("ООШ", None, place=r.choice(["с. Ивановка", "п. Лесной", "д. Березовка",
                                                                "с. Покровское", "х. Заречный"]),
                                 legal_form=self.lf, roles=["low_results"]))
        self.low = low
        self.school_lists.append(("low", low, self.list_style()))
        if r.random() < 0.5:
            sub = r.sample([s for s in low if s.number], k=min(len([s for s in low if s.number]), r.randint(1, 3)))
            for s in sub:
                s.roles.append("500plus")
            self.school_lists.append(("500", sub, self.list_style()))
        if r.random() < 0.4:
            free = [n for n in range(1, 70) if str(n) not in {s.number for s in low}]
            mentors = [SchoolRef(r.choice(["Лицей", "Гимназия", "СОШ"]), str(n), legal_form=self.lf, roles=["mentor"])
                       for n in r.sample(free, r.randint(1, 3))]
            self.school_lists.append(("mentor", mentors, self.list_style()))
        if r.random() < 0.25:
            unf = r.sample(low, k=min(2, len(low)))
            for s in unf:
                s.roles.append("unfavourable")
            self.school_lists.append(("unf", unf, self.list_style()))

    def list_style(self) -> str:
        return self.rng.choice(["each", "each", "numbers", "own_lf", "quoted"])

    def school_list_text(self, schools: list[SchoolRef], style: str) -> str:
        """Print a list of schools and record them (a legal form printed once covers the list)."""
        r = self.rng
        gap = r.choice([" ", ""])
        numbered = [s for s in schools if s.number]
        if all(s.kind == "Школа" for s in numbered) and len(numbered) >= 2 and r.random() < 0.6:
            # «школы №№ 4, 7, 11»: no legal form printed
            word = r.choice(["школы №№", "школы №", "общеобразовательные организации №№"])
            for i, s in enumerate(numbered):
                self.gold.school(s, f"школа № {s.number}")
            tail = [f"{s.kind} {s.place}" for s in schools if not s.number]
            for s, nm in zip([s for s in schools if not s.number], tail):
                self.gold.school(s, nm)
            return ", ".join([f"{word} {', '.join(s.number for s in numbered)}", *tail])
        if style == "numbers" and len({s.kind for s in numbered}) == 1 and len(numbered) >= 2:
            kind_txt = {"Лицей": "лицей", "Гимназия": "гимназия"}.get(numbered[0].kind, numbered[0].kind)
            first = f"{self.lf} {kind_txt} №{gap}{numbered[0].number}"
            parts = [first] + [s.number for s in numbered[1:]]
            for i, s in enumerate(numbered):
                s.legal_form = self.lf
                self.gold.school(s, first if i == 0 else f"{kind_txt} №{gap}{s.number}")
            rest = [s for s in schools if not s.number]
            text = ", ".join(parts)
            for s in rest:
                nm = f"{s.kind} {s.place}"
                self.gold.school(s, nm)
                text += f", {nm}"
            return text
        out = []
        school_word = r.choice(["Школа", "школа"]) if style != "quoted" else "Школа"
        for i, s in enumerate(schools):
            kind_txt = {"Лицей": r.choice(["Лицей", "лицей"]), "Гимназия": r.choice(["гимназия", "Гимназия"]),
                        "ЦО": "ЦО", "Школа": school_word}.get(s.kind, s.kind)
            core = f"{kind_txt} №{gap}{s.number}" if s.number else f"{kind_txt} {s.place}"
            if style == "quoted":
                nm = f"{self.lf} «{core}»"
                s.legal_form = self.lf
            elif style == "own_lf" or i == 0:
                nm = f"{self.lf} {core}"
                s.legal_form = self.lf
            else:
                nm = core
                s.legal_form = self.lf
            self.gold.school(s, nm)
            out.append(nm)
        return ", ".join(out)

    def preamble_school_sentences(self) -> list[str]:
        out = []
        intro = {"low": ["По результатам оценочных процедур в перечень школ с низкими образовательными результатами "
                         "(далее – ШНОР) включены: ",
                         "Список общеобразовательных организаций, показывающих низкие результаты обучения (ШНОР): "],
                 "500": ["Участниками проекта адресной методической помощи «500+» являются ",
                         "В федеральный проект «500+» вошли "],
                 "mentor": ["В качестве школ-наставников определены ", "Наставниками школ назначены школы с высокими "
                            "результатами: "],
                 "unf": ["К школам, функционирующим в сложных социальных условиях (ШССУ), отнесены ",
                         "В неблагоприятных социальных условиях работают "]}
        for key, schools, style in self.school_lists:
            out.append(self.rng.choice(intro[key]) + self.school_list_text(schools, style) + ".")
        return out

    # ------------------------------------------------------------------ header parts
    def issuer_line(self) -> str:
        if self.body == "min":
            return f"{self.body_nom} {self.region['genitive']}"
        return f"{self.body_nom} {self.mun_gen}"

    def header(self, *, with_region: bool) -> None:
        r = self.rng
        issuer = self.issuer_line()
        if with_region and self.body != "min":
            issuer += f" {self.region['genitive']}"
        self.gold.order["issuer"] = issuer
        if with_region or self.body == "min":
            self.gold.order["region"] = self.region["name"]
        self.gold.order["municipality"] = None if self.body == "min" else self.mun_nom
        upper = r.random() < 0.7
        lines = _wrap(issuer, r.choice([30, 38, 46]))
        self.w.lines([ln.upper() if upper else ln for ln in lines], bold=r.random() < 0.5, centered=True)

    def date_number(self) -> None:
        r = self.rng
        y, m, d = self.date
        dt = self.fmt_date(y, m, d, header=True)
        num = self.number(y)
        self.gold.order["number"] = num
        nt = f"{self.no_sign()}{num}"
        k = r.choice(["lines", "one", "ot"])
        if k == "lines":
            self.w.p(dt, gap=True)
            self.w.p(nt, gap=True)
        elif k == "one":
            self.w.p(f"{dt}{' ' * r.randint(20, 60)}{nt}", gap=True)
        else:
            self.w.p(f"от {dt} {nt}", gap=True, centered=True)
        if self.place_text and r.random() < 0.6:
            self.gold.order["place"] = self.place_text
            self.w.p(self.place_text, gap=r.random() < 0.6, centered=True)

    def title(self, text: str, *, bold: bool | None = None) -> None:
        r = self.rng
        self.gold.order["title"] = text
        width = r.choice([200, 70, 45])
        self.w.lines(_wrap(text, width), gap=True, bold=r.random() < 0.4 if bold is None else bold)

    # ------------------------------------------------------------------ references
    def ref(self, relation: str = "cites", *, regional: bool = False) -> tuple[str, dict]:
        """A cited document: its printed phrase (instrumental for «cites», accusative otherwise)."""
        r = self.rng
        y = self.year - r.randint(0, 3)
        yy, mm, dd = self.rand_date(y)
        if (yy, mm, dd) >= self.date:
            yy -= 1
        kind = r.choice(["приказ", "приказ", "распоряжение", "письмо", "постановление"]) if relation == "cites" \
            else "приказ"
        if relation == "cites":
            issuer_nom = r.choice([f"Министерство образования {self.region['genitive']}",
                                   "Министерство просвещения Российской Федерации",
                                   f"{self.body_nom} {self.mun_gen}" if self.body != "min" else
                                   f"Министерство образования {self.region['genitive']}"])
            if regional:
                kind, issuer_nom = "приказ", f"Министерство образования {self.region['genitive']}"
            elif kind == "постановление":
                issuer_nom = f"Администрация {self.mun_gen}" if self.body != "min" else \
                    f"Правительство {self.region['genitive']}"
        else:
            issuer_nom = self.issuer_line()
        issuer_gen = issuer_nom[0].lower() + issuer_nom[1:]
        issuer_gen = issuer_gen.replace("министерство ", "министерства ", 1).replace("управление ", "управления ", 1) \
            .replace("отдел ", "отдела ", 1).replace("комитет ", "комитета ", 1).replace("департамент ", "департамента ", 1) \
            .replace("администрация ", "администрации ", 1).replace("правительство ", "правительства ", 1)
        num = self.number(yy)
        title = r.choice(lexicon("phrases")["cited_titles"]) if kind != "письмо" or r.random() < 0.3 else None
        dt = self.fmt_date(yy, mm, dd)
        forms = {"cites": {"приказ": "приказом", "распоряжение": "распоряжением", "письмо": "письмом",
                           "постановление": "постановлением"},
                 "acc": {"приказ": "приказ"}}
        word = forms["cites"][kind] if relation == "cites" else "приказ"
        text = f"{word} {issuer_gen} от {dt} {self.no_sign()}{num}" + (f" «{title}»" if title else "")
        self.gold.references.append({"doc_type": kind, "issuer": issuer_nom, "date": f"{yy:04d}-{mm:02d}-{dd:02d}",
                                     "number": num, "title": title, "relation": relation})
        return text, self.gold.references[-1]

    # ------------------------------------------------------------------ orders
    def order(self) -> None:
        r = self.rng
        self.header(with_region=r.random() < 0.8)
        word = {"приказ": r.choice(["ПРИКАЗ", "П Р И К А З", "Приказ"]), "распоряжение": "РАСПОРЯЖЕНИЕ",
                "постановление": "ПОСТАНОВЛЕНИЕ"}[self.kind]
        self.w.p(word, gap=True, bold=r.random() < 0.5, centered=True)
        self.date_number()
        topic = r.choice(lexicon("phrases")["topics"])
        y0, y1 = self.rm_years
        yrs = f"на {y0} год" if y0 == y1 else f"на {y0}-{y1} годы"
        self.has_roadmap = r.random() < 0.85
        annex = r.choice([("дорожная карта", "дорожную карту", "Дорожная карта"),
                          ("план мероприятий", "план мероприятий", "План мероприятий"),
                          ("дорожная карта", "муниципальную дорожную карту", "Муниципальная дорожная карта")])
        self.annex = annex
        if self.has_roadmap:
            title = f"Об утверждении {r.choice(['дорожной карты', 'плана мероприятий', 'муниципальной дорожной карты'])} {topic} {yrs}"
        else:
            title = r.choice([f"Об организации работы {topic}", f"О мерах {topic} в {y0} году",
                              f"О назначении ответственных за работу {topic}"])
        self.title(title)
        # preamble
        purpose = _cap(r.choice(lexicon("phrases")["purposes"]))
        refs = []
        if not self.gold.order["region"]:  # the header left the region out: a regional document names it
            refs.append(self.ref(regional=True)[0])
            self.gold.order["region"] = self.region["name"]
        refs += [self.ref()[0] for _ in range(r.randint(0, 2))]
        pre = purpose
        if refs:
            pre = f"В соответствии с {', '.join(refs)}, {purpose[0].lower() + purpose[1:]}"
        if r.random() < 0.3:  # a person in the genitive
            p, pos = self.staff[-1]
            nm = self.mention(p, "gen", pos.text("nom"), style=r.choice(["init_after", "init_first"]))
            pre += f", на основании служебной записки {pos.text('gen')} {nm}"
        school_sents = self.preamble_school_sentences() if r.random() < 0.6 else []
        in_preamble = bool(school_sents)
        self.w.p(pre.rstrip(".") + "." if school_sents else pre, gap=True)
        for s in school_sents:
            self.w.p(s, gap=False)
        verb = {"приказ": r.choice(["ПРИКАЗЫВАЮ:", "приказываю:", "п р и к а з ы в а ю:"]),
                "распоряжение": r.choice(["ОБЯЗЫВАЮ:", "предлагаю:"]),
                "постановление": "ПОСТАНОВЛЯЕТ:"}[self.kind]
        if self.kind == "постановление":
            self.w.p(f"администрация {self.mun_gen} {verb.lower()}" if r.random() < 0.5 else verb, gap=True)
        else:
            self.w.p(verb, gap=True, centered=verb.isupper())
        self.directives(in_preamble)
        self.signature()
        if self.has_roadmap:
            self.annex_block()

    def directive(self, num: str, text: str, *, marker: str = "") -> None:
        if text.endswith(".."):  # a name's initials end the sentence: one full stop
            text = text[:-1]
        self.gold.order["directives"].append({"number": num, "text": text})
        self.w.p(f"{marker}{num}. {text}", gap=self.rng.random() < 0.4)

    def directives(self, schools_in_preamble: bool) -> None:
        r = self.rng
        n = 0
        y0, y1 = self.rm_years
        yrs = f"на {y0} год" if y0 == y1 else f"на {y0}-{y1} годы"
        if self.has_roadmap:
            n += 1
            app = r.choice(["(приложение)", "(приложение № 1)", "(Приложение №1)", "согласно приложению"])
            topic = r.choice(lexicon("phrases")["topics"])
            self.roadmap_heading = f"{self.annex[2]} {topic} {yrs}"
            self.directive(str(n), f"Утвердить {self.annex[1]} {topic} {yrs} {app}.")
            self.gold.references.append({"doc_type": self.annex[0], "issuer": None, "date": None, "number": None,
                                         "title": self.roadmap_heading, "relation": "approves"})
        if r.random() < 0.3:
            n += 1
            text, _ = self.ref(r.choice(["repeals", "amends"]))
            if self.gold.references[-1]["relation"] == "repeals":
                self.directive(str(n), f"Признать утратившим силу {text}.")
            else:
                self.directive(str(n), f"Внести изменения в {text}, изложив приложение в новой редакции.")
        # a department with sub-points
        p, pos = self.staff[0]
        n += 1
        dept = r.choice(["Отделу общего образования", "Информационно-методическому центру", "Отделу мониторинга",
                         "Специалистам управления"])
        nm = self.mention(p, "nom", None)
        self.directive(str(n), f"{dept} ({nm}):")
        subs = ["обеспечить выполнение мероприятий, предусмотренных приложением к настоящему приказу;",
                "организовать сбор отчетов школ о ходе реализации мероприятий;",
                f"представлять информацию о динамике результатов школ до 10 числа месяца, следующего за кварталом;",
                "оказывать консультационную помощь руководителям школ по вопросам реализации проекта;",
                "подготовить итоговый анализ выполнения мероприятий к заседанию методического совета."]
        marker = r.choice(["", " - ", "- "])
        for k, s in enumerate(r.sample(subs, r.randint(2, 4)), 1):
            self.directive(f"{n}.{k}", _cap(s), marker=marker)
        # a directive with unnumbered dash items: kept inside the directive as one line
        if r.random() < 0.35:
            n += 1
            items = r.sample(["провести самодиагностику и заполнить рисковые профили;",
                              "обеспечить участие педагогов в методических мероприятиях;",
                              "представить планы работы на согласование;",
                              "организовать посещение уроков администрацией школы;",
                              "направить отчеты о выполнении плана в установленные сроки."], r.randint(2, 3))
            head = r.choice(["Руководителям школ с низкими результатами:", "Директорам общеобразовательных "
                             "организаций:"])
            marks = [r.choice(["- ", "-", "– "]) + it for it in items]
            self.gold.order["directives"].append({"number": str(n), "text": " ".join([head, *marks])})
            self.w.p(f"{n}. {head}", gap=r.random() < 0.4)
            for m in marks:
                self.w.p(m)
        # agreement with a person in the instrumental
        if len(self.staff) > 2 and r.random() < 0.4:
            p, pos = self.staff[2]
            n += 1
            nm = self.mention(p, "ins", pos.text("nom"), style=r.choice(["init_after", "init_first"]))
            self.directive(str(n), f"Графики посещения школ согласовать с {pos.text('ins')} {nm}.")
        # appointment in the accusative
        if len(self.staff) > 1 and r.random() < 0.7:
            p, pos = self.staff[1]
            n += 1
            nm = self.mention(p, "acc", pos.text("nom"), style=r.choice(["init_after", "init_first"]))
            self.directive(str(n), f"Назначить {pos.text('acc')} {nm} муниципальным координатором по работе с ШНОР.")
        # schools and their directors
        if self.school_lists and not schools_in_preamble:
            n += 1
            key, schools, style = self.school_lists[0]
            self.directive(str(n), f"Руководителям {self.school_list_text(schools, style)} разработать программы "
                                   f"перехода в эффективный режим работы до 1 {MONTHS_GEN[r.randint(8, 11)]} {y0} г.")
            for key, schools, style in self.school_lists[1:]:
                n += 1
                verb = {"500": "Включить в число участников проекта «500+»",
                        "mentor": "Определить школами-наставниками",
                        "unf": "Считать школами в сложных социальных условиях"}[key]
                self.directive(str(n), f"{verb} {self.school_list_text(schools, style)}.")
        if self.school_lists and r.random() < 0.6:
            s = self.school_lists[0][1][0]
            if s.number:
                director = self.person()
                sname = f"{self.lf} {s.kind} № {s.number}"
                pos = Position("директор", sname)
                self.gold.school(s, sname)
                n += 1
                nm = self.mention(director, "dat", pos.text("nom"), style=r.choice(["init_after", "init_first"]))
                self.directive(str(n), f"{_cap(pos.text('dat'))} {nm} представить отчет о выполнении "
                                       f"мероприятий в срок до 25 {MONTHS_GEN[r.randint(0, 11)]} {y1} года.")
        # controller
        n += 1
        doc_word = {"приказ": "приказа", "распоряжение": "распоряжения", "постановление": "постановления"}[self.kind]
        if r.random() < 0.3:
            self.directive(str(n), r.choice([f"Контроль за исполнением настоящего {doc_word} оставляю за собой.",
                                             f"Контроль исполнения {doc_word} оставляю за собой."]))
            self.controller_is_signatory = True
        else:
            p, pos = self.deputy
            nm = self.mention(p, "acc", pos.text("nom"), style=r.choice(["init_after", "init_first", "tight"]))
            lead = r.choice([f"Контроль за исполнением настоящего {doc_word} возложить на",
                             f"Контроль исполнения {doc_word} возложить на", "Контроль возложить на"])
            self.directive(str(n), f"{lead} {pos.text('acc')} {nm}".rstrip(".") + ".")
            self.gold.order["controller"] = {"surname": p.surname, "initials": p.initials, "position": pos.text("nom")}
            self.controller_is_signatory = False

    def signature(self) -> None:
        r = self.rng
        style = r.choice(["init_first", "init_first", "init_after", "tight"])
        pos_lines = self.head_pos.split("\n")
        pos_flat = " ".join(pos_lines)
        nm = self.mention(self.head, "nom", pos_flat, style=style)
        ref = {"surname": self.head.surname, "initials": self.head.initials, "position": pos_flat}
        self.gold.order["signatory"] = ref
        if getattr(self, "controller_is_signatory", False):
            self.gold.order["controller"] = dict(ref)
        if len(pos_lines) == 1 and r.random() < 0.4:
            self.w.p(f"{pos_lines[0]}{' ' * r.randint(15, 50)}{nm}", gap=True)
        else:
            self.w.lines(pos_lines, gap=True)
            self.w.p(nm, gap=r.random() < 0.5)

    def annex_block(self) -> None:
        r = self.rng
        y, m, d = self.date
        doc_dat = {"приказ": "приказу", "распоряжение": "распоряжению", "постановление": "постановлению"}[self.kind]
        issuer = self.body_gen if self.body == "min" or r.random() < 0.4 else f"{self.body_gen} {self.mun_gen}"
        lines = [r.choice(["Приложение", "Приложение № 1", "ПРИЛОЖЕНИЕ"])]
        lines += _wrap(f"к {doc_dat} {issuer}", 40)
        lines.append(r.choice([f"от {d:02d}.{m:02d}.{y} № {self.gold.order['number']}",
                               f"от {d:02d}.{m:02d}.{y} г. № {self.gold.order['number']}"]))
        self.w.lines(lines, gap=True)
        self.roadmaps(self.roadmap_heading)

    # ------------------------------------------------------------------ stand-alone roadmap and report
    def approver_block(self) -> None:
        r = self.rng
        pos = self.head_pos.replace("\n", " ")
        style = r.choice(["init_first", "tight", "init_after"])
        nm = self.mention(self.head, "nom", pos, style=style)
        ref = {"surname": self.head.surname, "initials": self.head.initials, "position": pos}
        self.gold.order["approved_by"] = ref
        self.gold.order["signatory"] = dict(ref)
        lines = [r.choice(["УТВЕРЖДАЮ", "УТВЕРЖДАЮ:", "«УТВЕРЖДАЮ»"]), pos]
        lines.append(r.choice([f"_____________ {nm}", nm, f"__________/{nm}/"]))
        self.dated_by_approval = r.random() < 0.7
        if self.dated_by_approval:
            y, m, d = self.date
            lines.append(r.choice([f"«{d:02d}» {MONTHS_GEN[m - 1]} {y} г.", f"{d:02d}.{m:02d}.{y}",
                                   f"«{d}» {MONTHS_GEN[m - 1]} {y} года"]))
        self.w.lines(lines)

    def drafted_by(self) -> None:
        p, pos = self.staff[-1]
        nm = self.mention(p, "nom", pos.text("nom"), style=self.rng.choice(["init_after", "full"]))
        self.w.p(f"{self.rng.choice(['Составил', 'Исполнитель', 'Подготовил'])}: {pos.text('nom')} {nm}", gap=True)
        y, m, d = self.date
        self.w.p(f"{d:02d}.{m:02d}.{y}", gap=True)

    def standalone_roadmap(self) -> None:
        r = self.rng
        with_header = r.random() < 0.5
        if with_header:
            self.header(with_region=True)
        self.approver_block()
        y0, y1 = self.rm_years
        yrs = f"на {y0} год" if y0 == y1 else f"на {y0}-{y1} годы"
        area = f" на территории {self.mun_gen}" if with_header else ""
        heading = f"{r.choice(['Дорожная карта', 'Муниципальная дорожная карта', 'План мероприятий'])} " \
                  f"{r.choice(lexicon('phrases')['topics'])}{area} {yrs}"
        self.gold.order["title"] = heading
        self.w.lines(_wrap(heading, r.choice([200, 80])), gap=True, bold=True, centered=True)
        if self.school_lists and r.random() < 0.7:
            for s in self.preamble_school_sentences():
                self.w.p(s, gap=True)
        self.roadmaps(None, heading_done=heading)
        if not self.dated_by_approval:
            self.drafted_by()

    def report(self) -> None:
        r = self.rng
        self.header(with_region=True)
        self.w.p(r.choice(["ОТЧЕТ", "Отчет", "О Т Ч Е Т"]), gap=True, bold=True, centered=True)
        y0, y1 = self.rm_years
        title = f"о выполнении плана мероприятий {r.choice(lexicon('phrases')['topics'])} за {y0} год"
        self.title(title, bold=True)
        if self.school_lists:
            for s in self.preamble_school_sentences():
                self.w.p(s, gap=True)
        self.roadmaps(None, heading_done=None, caption="Сведения о выполнении мероприятий")
        self.dated_by_approval = False
        pos_flat = self.head_pos.replace("\n", " ")
        nm = self.mention(self.head, "nom", pos_flat, style=r.choice(["init_first", "init_after"]))
        self.gold.order["signatory"] = {"surname": self.head.surname, "initials": self.head.initials,
                                        "position": pos_flat}
        self.w.p(pos_flat, gap=True)
        self.w.p(nm)
        self.drafted_by()

    # ------------------------------------------------------------------ tables
    def roadmaps(self, heading: str | None, *, heading_done: str | None = None, caption: str | None = None) -> None:
        r = self.rng
        if heading:
            self.w.lines(_wrap(heading, r.choice([200, 90])), gap=True, bold=True, centered=True)
        title = heading or heading_done
        n_tables = 2 if r.random() < 0.2 else 1
        for t in range(n_tables):
            if n_tables == 2 or caption:
                cap = caption or f"Раздел {['I', 'II'][t]}. " + r.choice(["Комплекс мероприятий",
                                                                            "Циклограмма управленческих действий",
                                                                            "Мероприятия уровня школы"])
                self.w.p(cap, gap=True, bold=r.random() < 0.5)
                self.table(cap)
            else:
                self.table(title)

    def table(self, title: str | None) -> None:
        r = self.rng
        ph = lexicon("phrases")
        roles = ["num", "action"]
        action_h = r.choice(["Мероприятия (форма)", "Наименование мероприятия", "Содержание работы", "Мероприятия",
                             "Мероприятие"])
        headers = {"num": r.choice(["№ п/п", "№", "", "№ п\\п"]), "action": action_h}
        rest = []
        if action_h != "Мероприятия (форма)" and r.random() < 0.3:
            rest.append("form")
            headers["form"] = r.choice(["Форма проведения", "Форма"])
        rest.append("deadline")
        headers["deadline"] = r.choice(["Сроки", "Срок исполнения", "Срок реализации", "Сроки проведения"])
        if r.random() < 0.9:
            rest.append("resp")
            headers["resp"] = r.choice(["Ответственные", "Ответственный исполнитель", "Исполнители",
                                        "Ответственный (ФИО, должность)", "Ответственный"])
        if r.random() < 0.75:
            rest.append("result")
            headers["result"] = r.choice(["Планируемый результат", "Ожидаемый результат", "Форма отчета",
                                          "Результат", "Показатели"])
            if headers["result"] == "Форма отчета" and r.random() < 0.5:
                rest.append("expected")
                headers["expected"] = "Ожидаемый результат"
        if r.random() < 0.2 and "resp" in rest:
            i, j = rest.index("deadline"), rest.index("resp")
            rest[i], rest[j] = rest[j], rest[i]
        roles += rest
        columns = [headers[k] for k in roles]
        rows: list[list[Cell]] = [[Cell(h) for h in columns]]
        items: list[dict] = []
        y0, y1 = self.rm_years
        n_sections = r.choice([0, 2, 2, 3, 4])
        section_names = r.sample(ph["sections"], max(n_sections, 1))
        numbering = r.choice(["dotted", "dotted_trail", "flat", "flat_trail"])
        actions = r.sample(ph["actions"], min(len(ph["actions"]), r.randint(8, 18)))
        per = max(1, len(actions) // max(n_sections, 1))
        flat = 0
        section = None
        sec_no = 0
        roman = ["I", "II", "III", "IV", "V"]
        sec_style = r.choice(["arabic", "arabic", "roman", "razdel", "none"])
        for idx, (action, form) in enumerate(actions):
            if n_sections and idx % per == 0 and sec_no < n_sections:
                sec_no += 1
                label = {"arabic": f"{sec_no}. ", "roman": f"{roman[sec_no - 1]}. ", "razdel": f"Раздел {sec_no}. ",
                         "none": ""}[sec_style] + section_names[sec_no - 1]
                section = label
                rows.append([Cell(label, span=len(roles))])
                k_in = 0
            k_in = (k_in + 1) if n_sections else 0
            flat += 1
            if numbering.startswith("dotted") and n_sections:
                num = f"{sec_no}.{k_in}"
            else:
                num = str(flat)
            printed_num = num + ("." if numbering.endswith("trail") else "")
            cells: dict[str, str] = {"num": printed_num}
            item = {"number": num, "section": section, "action": action, "form": None, "deadline": None,
                    "responsible": [], "result": None}
            if action_h == "Мероприятия (форма)" and r.random() < 0.7:
                cells["action"] = f"{action} ({form})"
                item["form"] = form
            else:
                cells["action"] = action
            if "form" in roles:
                f = _cap(r.choice(ph["forms"]))
                cells["form"] = f
                item["form"] = f
            dl = make_deadline(r, y0, y1)
            cells["deadline"] = dl["text"]
            item["deadline"] = dl
            if "resp" in roles:
                entries = self.responsible(r.randint(1, 3))
                joiner = "\n" if r.random() < 0.6 else ", "
                cells["resp"] = joiner.join(e["text"] for e in entries)
                item["responsible"] = entries
            if "result" in roles:
                res = r.choice(ph["report_forms"] if headers["result"] == "Форма отчета" else ph["results"])
                cells["result"] = res
                item["result"] = res
            if "expected" in roles:
                ex = r.choice(ph["results"])
                cells["expected"] = ex
                item["expected_result"] = ex
            row = [Cell(cells.get(k, "")) for k in roles]
            rows.append(row)
            if r.random() < 0.12:
                rows.append(self.split_row(row, roles))
            items.append(item)
        self.w.blocks.append(Table(rows=rows))
        self.gold.roadmaps.append({"title": title, "columns": columns, "items": items})

    def split_row(self, row: list[Cell], roles: list[str]) -> list[Cell]:
        """Split ``row`` as a page break would: the tail of some cells moves to a continuation row
        whose first cell is empty. ``row`` is cut in place; gold keeps the joined text."""
        cont = [Cell("")]
        for j, k in enumerate(roles[1:], 1):
            text = row[j].text
            if k == "resp" and "\n" in text:
                parts = text.split("\n")
                cut = self.rng.randint(1, len(parts) - 1)
                row[j].text, rest = "\n".join(parts[:cut]), "\n".join(parts[cut:])
            elif k in ("action", "result", "expected", "deadline") and len(text.split()) >= 3 and \
                    (k == "action" or self.rng.random() < 0.5):
                words = text.split()
                cut = self.rng.randint(max(1, len(words) // 2), len(words) - 1)
                row[j].text, rest = " ".join(words[:cut]), " ".join(words[cut:])
            else:
                rest = ""
            cont.append(Cell(rest))
        return cont

    def responsible(self, n: int) -> list[dict]:
        r = self.rng
        out = []
        people = [self.deputy] + self.staff
        r.shuffle(people)
        for k in range(n):
            if k < len(people) and r.random() < 0.65:
                p, pos = people[k]
                ptxt = pos.text("nom")
                if ptxt.endswith("управления образования") and r.random() < 0.5:
                    ptxt = ptxt.replace("управления образования", "УО")
                style = r.choice(["a", "b", "c", "d"])
                if style == "a":
                    nm = self.mention(p, "nom", ptxt, style="init_first")
                    text = f"{nm}, {ptxt}"
                elif style == "b":
                    nm = self.mention(p, "nom", ptxt, style="init_after")
                    text = f"{nm}, {ptxt}"
                elif style == "c":
                    nm = self.mention(p, "nom", _cap(ptxt), style="init_after")
                    ptxt = _cap(ptxt)
                    text = f"{ptxt} {nm}"
                else:
                    nm = self.mention(p, "nom", ptxt, style="full")
                    text = f"{nm}, {ptxt}"
                out.append({"text": text, "person": {"surname": p.surname, "initials": p.initials},
                            "position": ptxt, "org": None})
            else:
                org = r.choice(lexicon("phrases")["collectives"])
                if any(e["org"] == org for e in out):
                    continue
                out.append({"text": org, "person": None, "position": None, "org": org})
        return out


# ---------------------------------------------------------------------- files

def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def generate_one(index: int, seed: int) -> tuple[str, Document, dict]:
    """Document number ``index`` of the corpus drawn with ``seed``: (name, document, gold without source)."""
    rng = random.Random(f"{seed}:{index}")
    doc, gold = Synth(rng).build()
    name = f"synth_{seed}_{index:04d}"
    doc.file = f"{name}.txt"
    return name, doc, gold.to_dict({})


def write_renderings(name: str, doc: Document, gold: dict, out: Path, formats: list[str], *, seed: int = 0) -> dict:
    """Render ``doc`` in every format asked for and write the gold; returns the ``_sources`` map."""
    from . import render

    out.mkdir(parents=True, exist_ok=True)
    sources: dict[str, dict] = {}
    docx_path = out / f"{name}.docx"
    pdf_path = out / f"{name}.pdf"
    if "txt" in formats:
        data = render.render_txt(doc).encode("utf-8")
        (out / f"{name}.txt").write_bytes(data)
        sources["txt"] = {"file": f"{name}.txt", "sha256": _sha(data), "media_type": MEDIA["txt"], "pages": None,
                          "ocr": False}
    need_docx = any(f in formats for f in ("docx", "pdf", "scan"))
    if need_docx:
        render.render_docx(doc, docx_path)
        if "docx" in formats:
            sources["docx"] = {"file": docx_path.name, "sha256": _sha(docx_path.read_bytes()),
                               "media_type": MEDIA["docx"], "pages": None, "ocr": False}
    if "pdf" in formats or "scan" in formats:
        try:
            render.render_pdf(docx_path, pdf_path)
        except render.RenderError as e:
            print(f"note: {e}; using ReportLab", file=sys.stderr)
            render.render_pdf_reportlab(doc, pdf_path)
        if "pdf" in formats:
            sources["pdf"] = {"file": pdf_path.name, "sha256": _sha(pdf_path.read_bytes()), "media_type": MEDIA["pdf"],
                              "pages": render.pdf_page_count(pdf_path), "ocr": False}
    if "scan" in formats:
        scan_path = out / f"{name}.scan.pdf"
        rng = random.Random(f"scan:{seed}:{name}")
        render.render_scan(pdf_path, scan_path, damage=rng.choice(["light", "light", "heavy"]), seed=rng.randint(0, 10**6),
                           dpi=300)
        sources["scan"] = {"file": scan_path.name, "sha256": _sha(scan_path.read_bytes()), "media_type": MEDIA["pdf"],
                           "pages": render.pdf_page_count(scan_path), "ocr": True}
        if "pdf" not in formats:
            pdf_path.unlink(missing_ok=True)
    if need_docx and "docx" not in formats:
        docx_path.unlink(missing_ok=True)
    first = next(iter(sources.values()))
    gold = {**gold, "source": first, "_sources": sources}
    (out / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return sources


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate synthetic ШНОР orders with gold answers.")
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--formats", default="txt,docx", help="comma list of txt,docx,pdf,scan (default txt,docx)")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    bad = set(formats) - {"txt", "docx", "pdf", "scan"}
    if bad or not formats:
        ap.error(f"unknown format(s): {', '.join(sorted(bad)) or '(none)'}")
    for i in range(args.count):
        name, doc, gold = generate_one(i, args.seed)
        write_renderings(name, doc, gold, args.out, formats, seed=args.seed)
    print(f"{args.count} document(s) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
