// name: city_profile
// params: id
// answers: One place: its properties, the places above it, and the industries it targets with evidence.
MATCH (c:City {id: $id})
OPTIONAL MATCH (c)-[t:TARGETS]->(i:Industry)
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.level AS level, c.adcode AS adcode,
       c.longitude AS longitude, c.latitude AS latitude, i.id AS industry_id, i.name AS industry,
       i.name_en AS industry_en, t.strength AS strength, t.doc AS doc_id, t.evidence AS evidence
ORDER BY industry_id, doc_id
