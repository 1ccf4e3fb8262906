// name: parks_by_city
// params: city_id, skip = 0, limit = 50
// answers: Which parks lie in a place, and where is it written? One row per park, paginated over parks: `documents` counts the documents that place it there, `evidence` holds the first 20 of their sentences by document id (none for a tie no document states).
// serial: it collects maps, which LadybugDB 0.22 aggregating in parallel sometimes duplicates
// dialect: ladybug
// As parks_by_industry: doc ids sorted and bounded, each picking its statement by position.
MATCH (p:Park)-[l:LOCATED_IN]->(c:City)
WITH p, l, c, $city_id AS wanted_city
WHERE c.id = wanted_city
OPTIONAL MATCH (d:Document {id: l.doc})
WITH p, c, collect(CASE WHEN d IS NULL THEN NULL ELSE {doc_id: d.id, doc_title: d.title, doc_file: d.file,
                   sentence: l.evidence, start: l.start, `end`: l.`end`} END) AS stated
WITH p, c, stated, list_transform(stated, e -> e.doc_id) AS docs
RETURN p.id AS park_id, p.name AS park, p.kind AS kind, p.tier AS tier, c.id AS city_id, c.name AS city,
       size(docs) AS documents, list_transform(list_sort(docs)[1:20], x -> stated[list_position(docs, x)]) AS evidence
ORDER BY park_id, city_id
SKIP $skip LIMIT $limit
// dialect: neo4j
MATCH (p:Park)-[l:LOCATED_IN]->(c:City)
WITH p, l, c, $city_id AS wanted_city
WHERE c.id = wanted_city
OPTIONAL MATCH (d:Document {id: l.doc})
WITH p, l, c, d
ORDER BY d.id
WITH p, c, collect(CASE WHEN d IS NULL THEN NULL ELSE {doc_id: d.id, doc_title: d.title, doc_file: d.file,
                   sentence: l.evidence, start: l.start, `end`: l.`end`} END) AS stated
RETURN p.id AS park_id, p.name AS park, p.kind AS kind, p.tier AS tier, c.id AS city_id, c.name AS city,
       size(stated) AS documents, stated[..20] AS evidence
ORDER BY park_id, city_id
SKIP $skip LIMIT $limit
