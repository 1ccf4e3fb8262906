// name: park_profile
// params: id
// answers: One park: its names, kind and tier, and every entity it is tied to (the place it lies in, the industries it hosts, the parks above and below it, the firms located in it), each tie with the document sentence that states it.
MATCH (p:Park {id: $id})
OPTIONAL MATCH (p)-[r]->(x)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN p.id AS id, p.name AS name, p.aliases AS aliases, p.kind AS kind, p.tier AS tier, 'out' AS direction,
       label(r) AS relation, x.id AS other_id, x.name AS other, label(x) AS other_label, r.strength AS strength,
       d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start, r.`end` AS `end`
UNION ALL
MATCH (p:Park {id: $id})<-[r]-(x)
WHERE label(x) <> 'Document'
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN p.id AS id, p.name AS name, p.aliases AS aliases, p.kind AS kind, p.tier AS tier, 'in' AS direction,
       label(r) AS relation, x.id AS other_id, x.name AS other, label(x) AS other_label, r.strength AS strength,
       d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start, r.`end` AS `end`
// dialect: neo4j
MATCH (p:Park {id: $id})
OPTIONAL MATCH (p)-[r]->(x)
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN p.id AS id, p.name AS name, p.aliases AS aliases, p.kind AS kind, p.tier AS tier, 'out' AS direction,
       type(r) AS relation, x.id AS other_id, x.name AS other, head(labels(x)) AS other_label,
       r.strength AS strength, d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start,
       r.`end` AS `end`
UNION ALL
MATCH (p:Park {id: $id})<-[r]-(x)
WHERE NOT x:Document
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN p.id AS id, p.name AS name, p.aliases AS aliases, p.kind AS kind, p.tier AS tier, 'in' AS direction,
       type(r) AS relation, x.id AS other_id, x.name AS other, head(labels(x)) AS other_label,
       r.strength AS strength, d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence, r.start AS start,
       r.`end` AS `end`
