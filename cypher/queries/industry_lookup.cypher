// name: industry_lookup
// params: q
// answers: Which industries does a name, alias or English name denote? ($q lower-cased; exact match)
MATCH (i:Industry)
WITH i, $q AS q
WHERE toLower(i.name) = q OR toLower(coalesce(i.name_en, '')) = q OR any(a IN coalesce(i.aliases, []) WHERE toLower(a) = q)
RETURN i.id AS id, i.name AS name, i.name_en AS name_en, i.level AS level
ORDER BY id
