// name: industries_by_city
// params: city_id, strengths = [], skip = 0, limit = 50
// answers: Which industries does a place target, how strongly, and where is it written?
// The page is cut before each row's document is looked up (a province targets thousands of industry-document
// pairs on a large graph, and only a page of them needs its document): the same rows, as every TARGETS edge's
// document is in the graph (loading a document writes its node with its edges). The embedded store pages by
// asking for skip + limit rows with SKIP 0 (LadybugStore.named), and LadybugDB takes no expression in LIMIT,
// so its inner LIMIT is $limit; Neo4j is sent the page as asked, hence $skip + $limit there.
MATCH (c:City {id: $city_id})-[t:TARGETS]->(i:Industry)
WHERE size($strengths) = 0 OR t.strength IN $strengths
WITH t, i ORDER BY i.id, t.doc, t.start LIMIT $limit
MATCH (d:Document {id: t.doc})
RETURN i.id AS industry_id, i.name AS industry, i.name_en AS industry_en, i.level AS industry_level,
       t.strength AS strength, d.id AS doc_id, d.title AS doc_title, t.evidence AS evidence, t.start AS start,
       t.`end` AS `end`
ORDER BY industry_id, doc_id, start
SKIP $skip LIMIT $limit
// dialect: neo4j
MATCH (c:City {id: $city_id})-[t:TARGETS]->(i:Industry)
WHERE size($strengths) = 0 OR t.strength IN $strengths
WITH t, i ORDER BY i.id, t.doc, t.start LIMIT $skip + $limit
MATCH (d:Document {id: t.doc})
RETURN i.id AS industry_id, i.name AS industry, i.name_en AS industry_en, i.level AS industry_level,
       t.strength AS strength, d.id AS doc_id, d.title AS doc_title, t.evidence AS evidence, t.start AS start,
       t.`end` AS `end`
ORDER BY industry_id, doc_id, start
SKIP $skip LIMIT $limit
