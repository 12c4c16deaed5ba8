"""Event finding: triggers, roles, modality, dates and places."""
