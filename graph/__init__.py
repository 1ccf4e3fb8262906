"""The graph: the fact model (SCHEMA.md in code), stores, named queries, exports and analyses."""
