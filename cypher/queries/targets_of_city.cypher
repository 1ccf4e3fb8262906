// name: targets_of_city
// params: city_id, industry_id = "", year = 0, skip = 0, limit = 50
// answers: targets_timeline for one place (optionally also an industry and a deadline year): the same rows in the same order, found from the place's own node (a primary-key lookup) rather than by filtering every target. targets_timeline runs it whenever city_id is given.
MATCH (c:City {id: $city_id})<-[fr:FOR_REGION]-(g:Target)
OPTIONAL MATCH (g)-[:FOR_INDUSTRY]->(i:Industry)
WITH g, fr, c, i, $industry_id AS wanted_industry, $year AS wanted_year
WHERE (wanted_industry = '' OR i.id = wanted_industry) AND (wanted_year = 0 OR g.year = wanted_year)
MATCH (d:Document {id: g.doc})
RETURN g.id AS target_id, g.metric AS metric, g.value AS value, g.unit AS unit, g.comparator AS comparator,
       g.year AS year, g.kind AS kind, c.id AS city_id, c.name AS city, i.id AS industry_id, i.name AS industry,
       d.id AS doc_id, d.title AS doc_title, fr.evidence AS evidence, fr.start AS start, fr.`end` AS `end`
ORDER BY year, city_id, metric, target_id
SKIP $skip LIMIT $limit
