"""Questions as people ask them → answers from the graph (issue 13), in small pieces:

linking.py links every entity a question names; reading.py reads what is left (cues, slots); intents/ holds
one module per intent (cues, examples, plan builder); understand.py picks the intent; answers.py and
answers_more.py run the named queries and build items with evidence; text.py words it all in the question's
language. Answers run named queries through the API's runner (app/api/queries.run, so every query is in the
trail); requests, responses and status codes are app/api/routes/ask.py's.
"""

from __future__ import annotations

from collections.abc import Callable

from app.question import answers, answers_more
from app.question.answers import Answer, Trail
from app.question.model import Plan
from graph.stores import GraphStore

ANSWERS: dict[str, Callable[[GraphStore, Plan, Trail], Answer]] = {
    "places_for_industry": answers.places,
    "industries_of_place": answers.industries,
    "parks_of_place": answers.parks,
    "parks_for_industry": answers.parks,
    "industries_of_park": answers.park_industries,
    "firms_of_industry": answers.firms,
    "firms_of_place": answers.place_firms,
    "agency_for_topic": answers_more.agency,
    "targets": answers.targets,
    "connection": answers_more.paths,
    "comparison": answers.comparison,
    "documents_about": answers.documents,
    "profile": answers_more.profile,
}
