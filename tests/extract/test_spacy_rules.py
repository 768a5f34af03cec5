"""The spaCy EntityRuler form of the rule layer."""

from __future__ import annotations

from shnor_docs.extract.spacy_rules import annotate


def test_entity_ruler_finds_persons_schools_and_references() -> None:
    text = "возложить на Лукашова И.Б. и И.П.Жохов; школы МБОУ СОШ № 4, гимназия № 9; приказ от 28.06.2024 № 204-А"
    found = [(label, t) for label, _, _, t in annotate(text)]
    assert ("PER", "Лукашова И.Б.") in found
    assert ("PER", "И.П.Жохов") in found
    assert ("SCHOOL", "МБОУ СОШ № 4") in found
    assert ("SCHOOL", "гимназия № 9") in found
    assert ("DOCREF", "приказ от 28.06.2024 № 204-А") in found
