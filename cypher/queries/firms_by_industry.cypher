// name: firms_by_industry
// params: industry_ids, roles, skip, limit
// answers: Which firms lead the chain (LEADS_CHAIN) or are key firms (IN_INDUSTRY) of these industries?
MATCH (f:Firm)-[r]->(i:Industry)
WITH f, r, i, $industry_ids AS ids, $roles AS roles
WHERE i.id IN ids AND label(r) IN ['LEADS_CHAIN', 'IN_INDUSTRY']
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
MATCH (f:Firm)-[r]->(i:Industry)
WITH f, r, i, $industry_ids AS ids, $roles AS roles
WHERE i.id IN ids AND type(r) IN ['LEADS_CHAIN', 'IN_INDUSTRY']
      AND (size(roles) = 0 OR (type(r) = 'LEADS_CHAIN' AND 'chain_leader' IN roles)
           OR (type(r) = 'IN_INDUSTRY' AND 'key_firm' IN roles))
MATCH (d:Document {id: r.doc})
RETURN f.id AS firm_id, f.name AS firm, f.full_name AS full_name,
       CASE type(r) WHEN 'LEADS_CHAIN' THEN 'chain_leader' ELSE 'key_firm' END AS role,
       i.id AS industry_id, i.name AS industry, d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence,
       r.start AS start, r.`end` AS `end`
ORDER BY role, firm_id, industry_id, doc_id
SKIP $skip LIMIT $limit
