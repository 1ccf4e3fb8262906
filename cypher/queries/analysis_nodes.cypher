// name: analysis_nodes
// params: labels = []
// answers: Every node an analysis may need, with the attributes NetworkX graphs carry (label, name, English name, level, jurisdiction, kind, tier, title, metric, value, unit, year, doc); only these labels, or all when the list is empty.
MATCH (n)
WITH n, $labels AS labels
WHERE size(labels) = 0 OR label(n) IN labels
RETURN n.id AS id, label(n) AS label, n.name AS name, n.name_en AS name_en, n.level AS level,
       n.jurisdiction AS jurisdiction, n.kind AS kind, n.tier AS tier, n.title AS title, n.metric AS metric,
       n.value AS value, n.unit AS unit, n.year AS year, n.doc AS doc
ORDER BY id
// dialect: neo4j
MATCH (n)
WITH n, $labels AS labels
WHERE size(labels) = 0 OR labels(n)[0] IN labels
RETURN n.id AS id, labels(n)[0] AS label, n.name AS name, n.name_en AS name_en, n.level AS level,
       n.jurisdiction AS jurisdiction, n.kind AS kind, n.tier AS tier, n.title AS title, n.metric AS metric,
       n.value AS value, n.unit AS unit, n.year AS year, n.doc AS doc
ORDER BY id
