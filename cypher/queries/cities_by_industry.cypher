// name: cities_by_industry
// params: industry_ids
// answers: Which places target these industries, how strongly, and where does a document say so?
MATCH (c:City)-[t:TARGETS]->(i:Industry)
WITH c, t, i, $industry_ids AS ids
WHERE i.id IN ids
MATCH (d:Document {id: t.doc})
RETURN c.id AS city_id, c.name AS city, c.level AS level, c.adcode AS adcode, c.longitude AS longitude,
       c.latitude AS latitude, i.id AS industry_id, i.name AS industry, t.strength AS strength,
       d.id AS doc_id, d.title AS doc_title, d.file AS doc_file, t.evidence AS evidence, t.start AS start,
       t.`end` AS `end`
ORDER BY city_id, industry_id, doc_id
