"""The HTTP API: thin routers that parse, call graph/, and shape the answer."""
