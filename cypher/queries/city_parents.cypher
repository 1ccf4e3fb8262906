// name: city_parents
// params: id
// answers: The places a place is part of (district → city → province; city → area), each once (the gazetteer and documents may both state a tie).
MATCH (c:City {id: $id})-[:PART_OF]->(p:City)
RETURN DISTINCT p.id AS id, p.name AS name, p.level AS level
ORDER BY id
