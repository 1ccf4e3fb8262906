// name: cities_by_industry
// params: industry_ids, strengths, levels, skip, limit
// answers: Which places target these industries (optionally only some strengths and place levels), and which sentence of which document says so? One row per (place, industry, document), paginated.
MATCH (c:City)-[t:TARGETS]->(i:Industry)
WITH c, t, i, $industry_ids AS ids, $strengths AS strengths, $levels AS levels
WHERE i.id IN ids AND (size(strengths) = 0 OR t.strength IN strengths) AND (size(levels) = 0 OR c.level IN levels)
MATCH (d:Document {id: t.doc})
RETURN c.id AS city_id, c.name AS city, c.level AS level, c.adcode AS adcode, c.longitude AS longitude,
       c.latitude AS latitude, i.id AS industry_id, i.name AS industry, t.strength AS strength,
       d.id AS doc_id, d.title AS doc_title, d.file AS doc_file, t.evidence AS evidence, t.start AS start,
       t.`end` AS `end`
ORDER BY city_id, industry_id, doc_id
SKIP $skip LIMIT $limit
