// name: parks_by_industry
// params: industry_ids, skip = 0, limit = 50
// answers: Which parks host these industries, and where does a document say so?
MATCH (i:Industry)
WHERE i.id IN $industry_ids
MATCH (p:Park)-[h:HOSTS]->(i)
MATCH (d:Document {id: h.doc})
RETURN p.id AS park_id, p.name AS park, p.kind AS kind, p.tier AS tier, i.id AS industry_id, i.name AS industry,
       d.id AS doc_id, d.title AS doc_title, h.evidence AS evidence, h.start AS start, h.`end` AS `end`
ORDER BY park_id, industry_id, doc_id
SKIP $skip LIMIT $limit
