// name: agency_lookup
// params: id
// answers: One agency's own properties.
MATCH (a:Agency {id: $id})
RETURN a.id AS id, a.name AS name, a.aliases AS aliases, a.level AS level, a.jurisdiction AS jurisdiction
