// name: documents_mentioning
// params: id
// answers: Which documents name an entity, how often, and one sentence where each does.
MATCH (d:Document)-[m:MENTIONS]->(x)
WHERE x.id = $id
RETURN d.id AS doc_id, d.title AS title, d.file AS file, d.published AS published, d.level AS level,
       m.count AS count, m.evidence AS evidence, m.start AS start, m.`end` AS `end`
ORDER BY count DESC, doc_id
