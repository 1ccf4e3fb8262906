// name: agency_responsibilities
// params: id
// answers: One agency: the tasks it leads or supports, in which document (its title), the sentence that assigns each with its offsets, and the targets those tasks carry.
MATCH (a:Agency {id: $id})-[r]->(t:Task)
OPTIONAL MATCH (t)-[:HAS_TARGET]->(g:Target)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN a.id AS agency_id, a.name AS agency, a.jurisdiction AS jurisdiction,
       CASE label(r) WHEN 'LEADS' THEN 'lead' ELSE 'support' END AS role, t.id AS task_id, t.title AS task,
       t.section AS section, r.doc AS doc_id, d.title AS doc_title, d.file AS doc_file, r.evidence AS evidence,
       r.start AS start, r.`end` AS `end`, g.id AS target_id, g.metric AS metric,
       g.value AS value, g.unit AS unit, g.comparator AS comparator, g.year AS year
ORDER BY role, doc_id, section, target_id
// dialect: neo4j
MATCH (a:Agency {id: $id})-[r]->(t:Task)
OPTIONAL MATCH (t)-[:HAS_TARGET]->(g:Target)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN a.id AS agency_id, a.name AS agency, a.jurisdiction AS jurisdiction,
       CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'support' END AS role, t.id AS task_id, t.title AS task,
       t.section AS section, r.doc AS doc_id, d.title AS doc_title, d.file AS doc_file, r.evidence AS evidence,
       r.start AS start, r.`end` AS `end`, g.id AS target_id, g.metric AS metric,
       g.value AS value, g.unit AS unit, g.comparator AS comparator, g.year AS year
ORDER BY role, doc_id, section, target_id
