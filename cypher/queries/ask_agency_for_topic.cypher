// name: ask_agency_for_topic
// params: jurisdiction = ""
// answers: Which agencies lead (LEADS: 牵头/负责) or support (SUPPORTS: 配合) which tasks, optionally only agencies of one place (its name, "" for any), with each task's title and the sentence that assigns it? /ask ranks these tasks against a topic by character-bigram overlap.
MATCH (a:Agency)-[r]->(t:Task)
WITH a, r, t, $jurisdiction AS wanted
WHERE label(r) IN ['LEADS', 'SUPPORTS'] AND (wanted = '' OR a.jurisdiction = wanted)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN a.id AS agency_id, a.name AS agency, a.level AS agency_level, a.jurisdiction AS jurisdiction,
       CASE label(r) WHEN 'LEADS' THEN 'lead' ELSE 'support' END AS role, t.id AS task_id, t.title AS task,
       t.section AS section, r.doc AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start,
       r.`end` AS `end`
ORDER BY task_id, role, agency_id
// dialect: neo4j
MATCH (a:Agency)-[r]->(t:Task)
WITH a, r, t, $jurisdiction AS wanted
WHERE type(r) IN ['LEADS', 'SUPPORTS'] AND (wanted = '' OR a.jurisdiction = wanted)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN a.id AS agency_id, a.name AS agency, a.level AS agency_level, a.jurisdiction AS jurisdiction,
       CASE type(r) WHEN 'LEADS' THEN 'lead' ELSE 'support' END AS role, t.id AS task_id, t.title AS task,
       t.section AS section, r.doc AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start,
       r.`end` AS `end`
ORDER BY task_id, role, agency_id
