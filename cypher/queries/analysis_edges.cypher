// name: analysis_edges
// params: types = [], labels = []
// answers: Every relationship an analysis may need, with its type, strength, document and evidence sentence; only these types and only between nodes of these labels (an empty list means all).
MATCH (a)-[r]->(b)
WITH a, r, b, $types AS types, $labels AS labels
WHERE (size(types) = 0 OR label(r) IN types)
  AND (size(labels) = 0 OR (label(a) IN labels AND label(b) IN labels))
RETURN a.id AS source, b.id AS target, label(r) AS type, r.strength AS strength, r.doc AS doc,
       r.evidence AS evidence, r.start AS start, r.`end` AS `end`, r.count AS count
ORDER BY source, type, target, doc
// dialect: neo4j
MATCH (a)-[r]->(b)
WITH a, r, b, $types AS types, $labels AS labels
WHERE (size(types) = 0 OR type(r) IN types)
  AND (size(labels) = 0 OR (labels(a)[0] IN labels AND labels(b)[0] IN labels))
RETURN a.id AS source, b.id AS target, type(r) AS type, r.strength AS strength, r.doc AS doc,
       r.evidence AS evidence, r.start AS start, r.`end` AS `end`, r.count AS count
ORDER BY source, type, target, doc
