// name: firm_profile
// params: id
// answers: One firm: its names, the industries it leads or belongs to, where it is, with evidence.
MATCH (f:Firm {id: $id})
OPTIONAL MATCH (f)-[r]->(x)
RETURN f.id AS id, f.name AS name, f.full_name AS full_name, f.short_name AS short_name, f.aliases AS aliases,
       label(r) AS relation, x.id AS target_id, x.name AS target, label(x) AS target_label, r.doc AS doc_id,
       r.evidence AS evidence
ORDER BY relation, target_id, doc_id
// dialect: neo4j
MATCH (f:Firm {id: $id})
OPTIONAL MATCH (f)-[r]->(x)
RETURN f.id AS id, f.name AS name, f.full_name AS full_name, f.short_name AS short_name, f.aliases AS aliases,
       type(r) AS relation, x.id AS target_id, x.name AS target, head(labels(x)) AS target_label, r.doc AS doc_id,
       r.evidence AS evidence
ORDER BY relation, target_id, doc_id
