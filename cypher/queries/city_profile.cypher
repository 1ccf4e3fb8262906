// name: city_profile
// params: id
// answers: One place: its properties, the places above it, and the industries it targets with evidence (the document, its title, the sentence and its offsets).
MATCH (c:City {id: $id})
OPTIONAL MATCH (c)-[t:TARGETS]->(i:Industry)
OPTIONAL MATCH (d:Document {id: t.doc})
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.level AS level, c.adcode AS adcode,
       c.longitude AS longitude, c.latitude AS latitude, i.id AS industry_id, i.name AS industry,
       i.name_en AS industry_en, t.strength AS strength, t.doc AS doc_id, d.title AS doc_title,
       t.evidence AS evidence, t.start AS start, t.`end` AS `end`
ORDER BY industry_id, doc_id
