"""The intents, in the order they are tried: the most specific cue first, the profile last (it fits any
question that names an entity)."""

from __future__ import annotations

from app.question.intents import (
    agency_for_topic,
    comparison,
    connection,
    documents_about,
    firms_of_industry,
    firms_of_place,
    industries_of_park,
    industries_of_place,
    parks_for_industry,
    parks_of_place,
    places_for_industry,
    profile,
    targets,
)
from app.question.intents.base import Intent

ORDER: list[Intent] = [m.INTENT for m in (
    agency_for_topic, documents_about, comparison, connection, targets, firms_of_industry, firms_of_place,
    industries_of_park, parks_for_industry, parks_of_place, places_for_industry, industries_of_place, profile)]
INTENTS: dict[str, Intent] = {i.name: i for i in ORDER}
