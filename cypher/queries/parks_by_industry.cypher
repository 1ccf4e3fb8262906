// name: parks_by_industry
// params: industry_ids, skip = 0, limit = 50
// answers: Which parks host these industries, and where does a document say so? One row per (park, industry), paginated over those items: `documents` counts the documents that state the tie, `evidence` holds the first 20 of their sentences by document id.
// serial: it collects maps, which LadybugDB 0.22 aggregating in parallel sometimes duplicates
// dialect: ladybug
// LadybugDB has no ORDER BY before an aggregation (a WITH's ORDER BY needs a SKIP or LIMIT) and list_sort
// refuses a list of maps, and a lambda cannot see an outer lambda's variable: the doc ids are sorted and
// bounded, and each picks its own statement by its position in the collected list. One HOSTS per
// (park, industry, document) (SCHEMA.md), so a doc id names one statement.
MATCH (i:Industry)
WHERE i.id IN $industry_ids
MATCH (p:Park)-[h:HOSTS]->(i)
MATCH (d:Document {id: h.doc})
WITH p, i, collect({doc_id: d.id, doc_title: d.title, doc_file: d.file, sentence: h.evidence, start: h.start,
                    `end`: h.`end`}) AS stated
WITH p, i, stated, list_transform(stated, e -> e.doc_id) AS docs
RETURN p.id AS park_id, p.name AS park, p.kind AS kind, p.tier AS tier, i.id AS industry_id, i.name AS industry,
       size(docs) AS documents, list_transform(list_sort(docs)[1:20], x -> stated[list_position(docs, x)]) AS evidence
ORDER BY park_id, industry_id
SKIP $skip LIMIT $limit
// dialect: neo4j
MATCH (i:Industry)
WHERE i.id IN $industry_ids
MATCH (p:Park)-[h:HOSTS]->(i)
MATCH (d:Document {id: h.doc})
WITH p, i, d, h
ORDER BY d.id
WITH p, i, collect({doc_id: d.id, doc_title: d.title, doc_file: d.file, sentence: h.evidence, start: h.start,
                    `end`: h.`end`}) AS stated
RETURN p.id AS park_id, p.name AS park, p.kind AS kind, p.tier AS tier, i.id AS industry_id, i.name AS industry,
       size(stated) AS documents, stated[..20] AS evidence
ORDER BY park_id, industry_id
SKIP $skip LIMIT $limit
