// name: targets_of_industry
// params: industry_id, city_id = "", year = 0, skip = 0, limit = 50
// answers: targets_timeline for one industry (optionally also a deadline year): the same rows in the same order, found from the industry's own node (a primary-key lookup) rather than by filtering every target. targets_timeline runs it whenever industry_id is given and city_id is not.
MATCH (i:Industry {id: $industry_id})<-[:FOR_INDUSTRY]-(g:Target)
OPTIONAL MATCH (g)-[fr:FOR_REGION]->(c:City)
WITH g, fr, c, i, $city_id AS wanted_city, $year AS wanted_year
WHERE (wanted_city = '' OR c.id = wanted_city) AND (wanted_year = 0 OR g.year = wanted_year)
MATCH (d:Document {id: g.doc})
RETURN g.id AS target_id, g.metric AS metric, g.value AS value, g.unit AS unit, g.comparator AS comparator,
       g.year AS year, g.kind AS kind, c.id AS city_id, c.name AS city, i.id AS industry_id, i.name AS industry,
       d.id AS doc_id, d.title AS doc_title, fr.evidence AS evidence, fr.start AS start, fr.`end` AS `end`
ORDER BY year, city_id, metric, target_id
SKIP $skip LIMIT $limit
