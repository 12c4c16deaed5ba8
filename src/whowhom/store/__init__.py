"""The DuckDB event store."""
