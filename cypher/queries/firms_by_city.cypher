// name: firms_by_city
// params: city_id, roles = [], skip = 0, limit = 50
// answers: Which firms of a place lead an industry's chain (LEADS_CHAIN) or are its key firms (IN_INDUSTRY)? The place covers the places below it (City-[:PART_OF]->City, up to 3 levels: district → city → province); `via` says how a firm is tied to it: located_in (LOCATED_IN the place or a place below it), park (LOCATED_IN a Park there), document (no LOCATED_IN at all, and the document stating the firm's role APPLIES_TO the place).
// A firm with a LOCATED_IN somewhere else is not claimed by a document's place: where it is located wins. The
// document is matched with WHERE d.id = r.doc, not {id: r.doc}: LadybugDB 0.22 fails ("unordered_map::at") on
// an EXISTS subquery with a variable-length pattern over a node matched by a property taken from a relationship.
MATCH (f:Firm)-[r]->(i:Industry)
WITH f, r, i, $roles AS roles
WHERE label(r) IN ['LEADS_CHAIN', 'IN_INDUSTRY']
      AND (size(roles) = 0 OR (label(r) = 'LEADS_CHAIN' AND 'chain_leader' IN roles)
           OR (label(r) = 'IN_INDUSTRY' AND 'key_firm' IN roles))
MATCH (d:Document)
WHERE d.id = r.doc
WITH f, r, i, d,
     CASE WHEN EXISTS { MATCH (f)-[:LOCATED_IN]->(:City)-[:PART_OF*0..3]->(:City {id: $city_id}) } THEN 'located_in'
          WHEN EXISTS { MATCH (f)-[:LOCATED_IN]->(:Park)-[:LOCATED_IN]->(:City)-[:PART_OF*0..3]->(:City {id: $city_id}) }
          THEN 'park'
          WHEN NOT EXISTS { MATCH (f)-[:LOCATED_IN]->() }
               AND EXISTS { MATCH (d)-[:APPLIES_TO]->(:City)-[:PART_OF*0..3]->(:City {id: $city_id}) } THEN 'document'
     END AS via
WHERE via IS NOT NULL
RETURN f.id AS firm_id, f.name AS firm, f.full_name AS full_name,
       CASE label(r) WHEN 'LEADS_CHAIN' THEN 'chain_leader' ELSE 'key_firm' END AS role,
       i.id AS industry_id, i.name AS industry, d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence,
       r.start AS start, r.`end` AS `end`, via
ORDER BY role, firm_id, industry_id, doc_id
SKIP $skip LIMIT $limit
// dialect: neo4j
MATCH (f:Firm)-[r]->(i:Industry)
WITH f, r, i, $roles AS roles
WHERE type(r) IN ['LEADS_CHAIN', 'IN_INDUSTRY']
      AND (size(roles) = 0 OR (type(r) = 'LEADS_CHAIN' AND 'chain_leader' IN roles)
           OR (type(r) = 'IN_INDUSTRY' AND 'key_firm' IN roles))
MATCH (d:Document)
WHERE d.id = r.doc
WITH f, r, i, d,
     CASE WHEN EXISTS { MATCH (f)-[:LOCATED_IN]->(:City)-[:PART_OF*0..3]->(:City {id: $city_id}) } THEN 'located_in'
          WHEN EXISTS { MATCH (f)-[:LOCATED_IN]->(:Park)-[:LOCATED_IN]->(:City)-[:PART_OF*0..3]->(:City {id: $city_id}) }
          THEN 'park'
          WHEN NOT EXISTS { MATCH (f)-[:LOCATED_IN]->() }
               AND EXISTS { MATCH (d)-[:APPLIES_TO]->(:City)-[:PART_OF*0..3]->(:City {id: $city_id}) } THEN 'document'
     END AS via
WHERE via IS NOT NULL
RETURN f.id AS firm_id, f.name AS firm, f.full_name AS full_name,
       CASE type(r) WHEN 'LEADS_CHAIN' THEN 'chain_leader' ELSE 'key_firm' END AS role,
       i.id AS industry_id, i.name AS industry, d.id AS doc_id, d.title AS doc_title, r.evidence AS evidence,
       r.start AS start, r.`end` AS `end`, via
ORDER BY role, firm_id, industry_id, doc_id
SKIP $skip LIMIT $limit
