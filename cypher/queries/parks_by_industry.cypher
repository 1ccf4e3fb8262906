// name: parks_by_industry
// params: industry_ids
// answers: Which parks host these industries, and where does a document say so?
MATCH (p:Park)-[h:HOSTS]->(i:Industry)
WITH p, h, i, $industry_ids AS ids
WHERE i.id IN ids
RETURN p.id AS park_id, p.name AS park, p.kind AS kind, i.id AS industry_id, i.name AS industry,
       h.doc AS doc_id, h.evidence AS evidence, h.start AS start, h.`end` AS `end`
ORDER BY park_id, industry_id, doc_id
