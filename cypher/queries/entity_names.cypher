// name: entity_names
// params:
// answers: Every named entity with its label and all its names: the search index's source.
MATCH (n)
WHERE label(n) IN ['City', 'Park', 'Industry', 'Firm', 'Org', 'Agency']
RETURN n.id AS id, label(n) AS label, n.name AS name, n.name_en AS name_en, n.aliases AS aliases
ORDER BY id
// dialect: neo4j
MATCH (n)
WHERE n:City OR n:Park OR n:Industry OR n:Firm OR n:Org OR n:Agency
RETURN n.id AS id, head(labels(n)) AS label, n.name AS name, n.name_en AS name_en, n.aliases AS aliases
ORDER BY id
