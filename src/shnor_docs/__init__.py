"""shnor_docs — structured data from Russian education-authority orders.

Read an order (plain text, DOCX, PDF with a text layer, or a scan) and get its header, roadmaps,
schools, persons and cited documents in the shape of output contract v1::

    from shnor_docs import extract
    result = extract("order.pdf")
    result.order.date, result.roadmaps[0].items[0].deadline
    result.to_json()
"""

from __future__ import annotations

__version__ = "0.1.0"

# The stages live in the subpackage ``shnor_docs.extract``; importing it first means the function
# bound below keeps the name ``extract`` (a later submodule import would otherwise rebind it).
from . import extract as _extract_stages  # noqa: E402,F401
from .api import document_text, extract, load_document  # noqa: E402
from .document import Cell, Document, Paragraph, Provenance, Table  # noqa: E402
from .errors import CorruptInput, ShnorError, UnsupportedInput  # noqa: E402
from .records import (  # noqa: E402
    Deadline,
    Directive,
    ExtractionResult,
    Order,
    Person,
    PersonRef,
    Reference,
    Responsible,
    Roadmap,
    RoadmapItem,
    School,
    Source,
)

__all__ = [
    "extract", "document_text", "load_document", "ShnorError", "CorruptInput", "UnsupportedInput",
    "ExtractionResult", "Order", "Directive", "PersonRef", "Person", "School", "Reference", "Roadmap",
    "RoadmapItem", "Deadline", "Responsible", "Source", "Document", "Paragraph", "Table", "Cell",
    "Provenance", "__version__",
]
