"""What every router needs from the running app: the store and the settings, opened once per process."""

from __future__ import annotations

from fastapi import Request

from app.settings import Settings
from graph.stores import GraphStore


def store(request: Request) -> GraphStore:
    return request.app.state.store


def settings(request: Request) -> Settings:
    return request.app.state.settings
