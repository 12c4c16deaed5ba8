"""spaCy loading and batched parsing."""

from whowhom.nlp.pipeline import MODEL_NAME, load_nlp, parse_with_context

__all__ = ["MODEL_NAME", "load_nlp", "parse_with_context"]
