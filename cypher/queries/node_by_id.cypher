// name: node_by_id
// params: id
// answers: Which label and name does an id have?
MATCH (n)
WHERE n.id = $id
RETURN n.id AS id, label(n) AS label, n.name AS name, n.name_en AS name_en, n.aliases AS aliases
// dialect: neo4j
MATCH (n)
WHERE n.id = $id
RETURN n.id AS id, head(labels(n)) AS label, n.name AS name, n.name_en AS name_en, n.aliases AS aliases
