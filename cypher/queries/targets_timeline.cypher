// name: targets_timeline
// params: city_id = "", industry_id = "", year = 0, skip = 0, limit = 50
// anchored: city_id = targets_of_city, industry_id = targets_of_industry
// answers: Quantified targets, optionally only for a place, an industry or a deadline year ("" and 0 mean any), in time order, each with its sentence.
MATCH (g:Target)
OPTIONAL MATCH (g)-[fr:FOR_REGION]->(c:City)
OPTIONAL MATCH (g)-[:FOR_INDUSTRY]->(i:Industry)
WITH g, fr, c, i, $city_id AS wanted_city, $industry_id AS wanted_industry, $year AS wanted_year
WHERE (wanted_city = '' OR c.id = wanted_city) AND (wanted_industry = '' OR i.id = wanted_industry) AND (wanted_year = 0 OR g.year = wanted_year)
MATCH (d:Document {id: g.doc})
RETURN g.id AS target_id, g.metric AS metric, g.value AS value, g.unit AS unit, g.comparator AS comparator,
       g.year AS year, g.kind AS kind, c.id AS city_id, c.name AS city, i.id AS industry_id, i.name AS industry,
       d.id AS doc_id, d.title AS doc_title, fr.evidence AS evidence, fr.start AS start, fr.`end` AS `end`
ORDER BY year, city_id, metric, target_id
SKIP $skip LIMIT $limit
