// name: city_parents
// params: id
// answers: The places a place is part of (district → city → province; city → area).
MATCH (c:City {id: $id})-[:PART_OF]->(p:City)
RETURN p.id AS id, p.name AS name, p.level AS level
ORDER BY id
