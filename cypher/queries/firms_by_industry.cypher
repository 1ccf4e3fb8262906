// name: firms_by_industry
// params: industry_ids, roles = [], skip = 0, limit = 50
// answers: Which firms lead the chain (LEADS_CHAIN) or are key firms (IN_INDUSTRY) of these industries?
MATCH (i:Industry)
WHERE i.id IN $industry_ids
MATCH (f:Firm)-[r]->(i)
WITH f, r, i, $roles AS roles
WHERE label(r) IN ['LEADS_CHAIN', 'IN_INDUSTRY']
      AND (size(roles) = 0 OR (label(r) = 'LEADS_CHAIN' AND 'chain_leader' IN roles)
           OR (label(r) = 'IN_INDUSTRY' AND 'key_firm' IN roles))
MATCH (d:Document {id: r.doc})
RETURN f.id AS firm_id, f.name AS firm, f.full_name AS full_name,
       CASE label(r) WHEN 'LEADS_CHAIN' THEN 'chain_leader' ELSE 'key_firm' END AS role,
       i.id AS industry_id, i.name AS industry, d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence,
       r.start AS start, r.`end` AS `end`
ORDER BY role, firm_id, industry_id, doc_id
SKIP $skip LIMIT $limit
// dialect: neo4j
MATCH (i:Industry)
WHERE i.id IN $industry_ids
MATCH (f:Firm)-[r]->(i)
WITH f, r, i, $roles AS roles
WHERE type(r) IN ['LEADS_CHAIN', 'IN_INDUSTRY']
      AND (size(roles) = 0 OR (type(r) = 'LEADS_CHAIN' AND 'chain_leader' IN roles)
           OR (type(r) = 'IN_INDUSTRY' AND 'key_firm' IN roles))
MATCH (d:Document {id: r.doc})
RETURN f.id AS firm_id, f.name AS firm, f.full_name AS full_name,
       CASE type(r) WHEN 'LEADS_CHAIN' THEN 'chain_leader' ELSE 'key_firm' END AS role,
       i.id AS industry_id, i.name AS industry, d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence,
       r.start AS start, r.`end` AS `end`
ORDER BY role, firm_id, industry_id, doc_id
SKIP $skip LIMIT $limit
