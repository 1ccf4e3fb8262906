// name: edge_evidence
// params: source, type, target
// answers: The evidence behind one relationship: every document and sentence that states it.
MATCH (a)-[r]->(b)
WHERE a.id = $source AND b.id = $target AND label(r) = $type
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN a.id AS source, a.name AS source_name, label(r) AS type, b.id AS target, b.name AS target_name,
       r.strength AS strength, r.doc AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start,
       r.`end` AS `end`
ORDER BY doc_id
// dialect: neo4j
MATCH (a)-[r]->(b)
WHERE a.id = $source AND b.id = $target AND type(r) = $type
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN a.id AS source, a.name AS source_name, type(r) AS type, b.id AS target, b.name AS target_name,
       r.strength AS strength, r.doc AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start,
       r.`end` AS `end`
ORDER BY doc_id
