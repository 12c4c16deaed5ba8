"""whowhom: political event data from news text, coded in PLOVER and CAMEO."""

__version__ = "0.1.0"

from whowhom.coder import Coder, code_document, code_text
from whowhom.model import Actor, Document, Event, Location, SourceDocument

__all__ = [
    "Actor",
    "Coder",
    "Document",
    "Event",
    "Location",
    "SourceDocument",
    "__version__",
    "code_document",
    "code_text",
]
