// name: industry_profile
// params: id
// answers: One industry: its names, its parent sectors, and the places and parks that carry it.
MATCH (i:Industry {id: $id})
OPTIONAL MATCH (i)-[:SUBSECTOR_OF]->(p:Industry)
RETURN i.id AS id, i.name AS name, i.name_en AS name_en, i.aliases AS aliases, i.level AS level, i.code AS code,
       collect(DISTINCT p.id) AS parent_ids, collect(DISTINCT p.name) AS parents
