// name: industry_subsectors
// params: id
// answers: The industries the taxonomy files under an industry (SUBSECTOR_OF, one or two levels down), each once: the members of a class such as 未来产业.
MATCH (c:Industry)-[:SUBSECTOR_OF*1..2]->(p:Industry {id: $id})
RETURN DISTINCT c.id AS id, c.name AS name
ORDER BY id
