"""PLOVER and CAMEO tables, Goldstein weights, QuadClass and the crosswalk between them."""

from whowhom.ontology.tables import CameoCode, Ontology, PloverMode, PloverType, default_ontology

__all__ = ["CameoCode", "Ontology", "PloverMode", "PloverType", "default_ontology"]
