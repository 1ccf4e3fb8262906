// name: neighbourhood
// params: ids
// answers: Which nodes are one hop from these nodes, along any relationship in either direction? (exports widen a centre hop by hop)
MATCH (a)--(b)
WHERE a.id IN $ids
RETURN DISTINCT b.id AS id
ORDER BY id
