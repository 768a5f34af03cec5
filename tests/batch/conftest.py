"""Sample backlogs for the batch tests: short orders of the genre, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TOWNS = ["Верхнеречинск", "Озёрный", "Малые Броды", "Светлогорье", "Каменка", "Лесной"]
SURNAMES = [("Воронцова", "А.С."), ("Гребнев", "П.Л."), ("Орлова", "Н.Ю."), ("Синицын", "Д.К.")]


def order_text(i: int) -> str:
    """A short order about a school-support roadmap; ``i`` varies the place, date, number and names."""
    town = TOWNS[i % len(TOWNS)]
    head, head_init = SURNAMES[i % len(SURNAMES)]
    aide, aide_init = SURNAMES[(i + 1) % len(SURNAMES)]
    day = 1 + i % 27
    school = 3 + i
    lines = [
        "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ",
        f"ГОРОДСКОГО ОКРУГА «{town.upper()}»",
        "",
        "ПРИКАЗ",
        "",
        f"{day:02d}.10.2022\t№ {100 + i}-од",
        "",
        "О плане поддержки школ с низкими образовательными результатами",
        "",
        f"Для помощи школам округа {town} в переходе в эффективный режим работы",
        "приказываю:",
        f"1. Утвердить план поддержки МБОУ СОШ № {school} и МБОУ ООШ № {school + 10} на 2022/2023 учебный год.",
        f"2. Назначить куратором плана {aide} {aide_init}, методиста управления.",
        "3. Контроль исполнения приказа оставляю за собой.",
        "",
        "Начальник управления",
        f"{head_init} {head}",
        "",
        "План поддержки школ",
        "",
        "№ п/п\tМероприятие\tСрок\tОтветственный",
        f"1.\tСобеседование с руководителем школы № {school}\tноябрь 2022\t{aide} {aide_init}",
        "2.\tОткрытые уроки учителей-наставников\tв течение года\tРуководители ОО",
        f"3.\tАнализ результатов пробных экзаменов\tдо 20.12.2022\t{head} {head_init}",
        "",
    ]
    return "\n".join(lines)


ENGLISH_TEXT = """DEPARTMENT OF EDUCATION

ORDER

12 October 2022 No. 45

On the support plan for schools with low results

1. Approve the support plan for the district's schools.
2. The head of the department keeps control of this order.

Head of department
J. Smith
"""


def write_orders(folder: Path, count: int, start: int = 0) -> list[Path]:
    """Write ``count`` sample orders as ``order_NN.txt`` under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        p = folder / f"order_{i:02d}.txt"
        p.write_text(order_text(i), encoding="utf-8")
        paths.append(p)
    return paths


def comparable(data: dict) -> dict:
    """A result with what may differ between two runs of the same input removed (none so far but
    timing-like keys, kept out defensively)."""
    return {k: v for k, v in data.items() if k not in ("timings", "processed_at")}


def read_jsons(out_dir: Path) -> dict[str, dict]:
    """Every per-document JSON under ``out_dir/json``, by relative path."""
    root = out_dir / "json"
    return {p.relative_to(root).as_posix(): comparable(json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(root.rglob("*.json"))}


@pytest.fixture
def sample_backlog(tmp_path: Path) -> Path:
    """A folder with four sample orders, one in a subfolder."""
    in_dir = tmp_path / "in"
    write_orders(in_dir, 3)
    write_orders(in_dir / "архив 2022", 1, start=3)
    return in_dir


@pytest.fixture
def make_orders():
    """The :func:`write_orders` helper."""
    return write_orders


@pytest.fixture
def jsons_of():
    """The :func:`read_jsons` helper."""
    return read_jsons


@pytest.fixture
def english_text() -> str:
    return ENGLISH_TEXT


@pytest.fixture
def sample_text():
    """The :func:`order_text` helper."""
    return order_text
