"""Reading news files and cleaning their text."""
