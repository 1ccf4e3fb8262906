"""Loaders: documents → facts. Never imports graph.stores or app (ARCHITECTURE.md)."""
