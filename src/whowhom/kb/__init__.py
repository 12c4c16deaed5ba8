"""Actor knowledge base: countries, organisations, people and sector words, as data."""

from whowhom.kb.loader import default_kb, load_kb
from whowhom.kb.model import Country, KnowledgeBase, Organisation, Person, Role, SectorTerm

__all__ = [
    "Country",
    "KnowledgeBase",
    "Organisation",
    "Person",
    "Role",
    "SectorTerm",
    "default_kb",
    "load_kb",
]
