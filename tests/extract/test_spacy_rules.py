"""The spaCy EntityRuler form of the rule layer."""

from __future__ import annotations

from shnor_docs.extract.spacy_rules import annotate


def test_entity_ruler_finds_persons_schools_and_references() -> None:
    text = "возложить на Коршунова И.Д. и И.Т.Брыков; школы МБОУ СОШ № 4, гимназия № 9; приказ от 14.06.2024 № 187-А"
    found = [(label, t) for label, _, _, t in annotate(text)]
    assert ("PER", "Коршунова И.Д.") in found
    assert ("PER", "И.Т.Брыков") in found
    assert ("SCHOOL", "МБОУ СОШ № 4") in found
    assert ("SCHOOL", "гимназия № 9") in found
    assert ("DOCREF", "приказ от 14.06.2024 № 187-А") in found
