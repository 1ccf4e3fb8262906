// name: parks_within
// params: city_id, park_ids
// answers: Of these parks, which lie in a place (LOCATED_IN it or a place below it: City-[:PART_OF]->City, up to 3 levels, district → city → province), and which no document locates anywhere.
MATCH (k:Park)
WHERE k.id IN $park_ids
RETURN k.id AS park_id, k.name AS park,
       EXISTS { MATCH (k)-[:LOCATED_IN]->(:City)-[:PART_OF*0..3]->(:City {id: $city_id}) } AS within,
       EXISTS { MATCH (k)-[:LOCATED_IN]->(:City) } AS located
ORDER BY park_id
