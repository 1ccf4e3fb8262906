// name: cities_by_industry
// params: industry_ids, strengths = [], levels = [], skip = 0, limit = 50
// answers: Which places target these industries (optionally only some strengths and place levels), and which sentence of which document says so? One row per (place, industry, document), paginated.
MATCH (i:Industry)
WHERE i.id IN $industry_ids
MATCH (c:City)-[t:TARGETS]->(i)
WITH c, t, i, $strengths AS strengths, $levels AS levels
WHERE (size(strengths) = 0 OR t.strength IN strengths) AND (size(levels) = 0 OR c.level IN levels)
MATCH (d:Document {id: t.doc})
RETURN c.id AS city_id, c.name AS city, c.level AS level, c.adcode AS adcode, c.longitude AS longitude,
       c.latitude AS latitude, i.id AS industry_id, i.name AS industry, t.strength AS strength,
       d.id AS doc_id, d.title AS doc_title, d.file AS doc_file, t.evidence AS evidence, t.start AS start,
       t.`end` AS `end`
ORDER BY city_id, industry_id, doc_id
SKIP $skip LIMIT $limit
