// name: analysis_edges
// params: types = [], labels = [], text = false, into = []
// answers: Every relationship an analysis may need, with its type, strength and document; only these types, only between nodes of these labels, only into these node ids (an empty list means all). The evidence sentence and its offsets only with text = true (null otherwise): the analyses count ties, and only what an answer cites needs its sentence. Unordered: the analysis loader sorts the rows itself, and an ORDER BY over every relationship cost the store ~65 MiB more on the corpus ×50.
MATCH (a)-[r]->(b)
WITH a, r, b, $types AS types, $labels AS labels, $into AS into, $text AS text
WHERE (size(types) = 0 OR label(r) IN types)
  AND (size(labels) = 0 OR (label(a) IN labels AND label(b) IN labels))
  AND (size(into) = 0 OR b.id IN into)
RETURN a.id AS source, b.id AS target, label(r) AS type, r.strength AS strength, r.doc AS doc,
       CASE WHEN text THEN r.evidence ELSE NULL END AS evidence,
       CASE WHEN text THEN r.start ELSE NULL END AS start,
       CASE WHEN text THEN r.`end` ELSE NULL END AS `end`, r.count AS count
// dialect: neo4j
MATCH (a)-[r]->(b)
WITH a, r, b, $types AS types, $labels AS labels, $into AS into, $text AS text
WHERE (size(types) = 0 OR type(r) IN types)
  AND (size(labels) = 0 OR (labels(a)[0] IN labels AND labels(b)[0] IN labels))
  AND (size(into) = 0 OR b.id IN into)
RETURN a.id AS source, b.id AS target, type(r) AS type, r.strength AS strength, r.doc AS doc,
       CASE WHEN text THEN r.evidence ELSE NULL END AS evidence,
       CASE WHEN text THEN r.start ELSE NULL END AS start,
       CASE WHEN text THEN r.`end` ELSE NULL END AS `end`, r.count AS count
