// name: parks_by_city
// params: city_id, skip = 0, limit = 50
// answers: Which parks lie in a place (or in the places below it), and where is it written?
MATCH (p:Park)-[l:LOCATED_IN]->(c:City)
WITH p, l, c, $city_id AS wanted_city
WHERE c.id = wanted_city
OPTIONAL MATCH (d:Document {id: l.doc})
RETURN p.id AS park_id, p.name AS park, p.kind AS kind, p.tier AS tier, c.id AS city_id, c.name AS city,
       d.id AS doc_id, d.title AS doc_title, l.evidence AS evidence, l.start AS start, l.`end` AS `end`
ORDER BY park_id, doc_id
SKIP $skip LIMIT $limit
