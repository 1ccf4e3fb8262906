// name: industries_by_city
// params: city_id, strengths = [], skip = 0, limit = 50
// answers: Which industries does a place target, how strongly, and where is it written?
MATCH (c:City {id: $city_id})-[t:TARGETS]->(i:Industry)
WITH c, t, i, $strengths AS strengths
WHERE size(strengths) = 0 OR t.strength IN strengths
MATCH (d:Document {id: t.doc})
RETURN i.id AS industry_id, i.name AS industry, i.name_en AS industry_en, i.level AS industry_level,
       t.strength AS strength, d.id AS doc_id, d.title AS doc_title, t.evidence AS evidence, t.start AS start,
       t.`end` AS `end`
ORDER BY industry_id, doc_id
SKIP $skip LIMIT $limit
