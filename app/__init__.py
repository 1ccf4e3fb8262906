"""The application: CLI, HTTP API and (later) the web client, reading the graph through graph/."""
