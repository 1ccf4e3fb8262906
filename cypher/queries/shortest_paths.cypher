// name: shortest_paths
// params: source, target
// labels: source_label = source, target_label = target
// answers: How are two entities connected? Every shortest path between them of at most 4 hops, as nodes and relationships (callers cut to a smaller depth by `hops`). A path never passes through a Document: two entities one document names (MENTIONS, APPLIES_TO, ISSUED, HAS_TARGET all end at a Document) are not connected by that, so a Document is only ever a path's own end.
MATCH (a:$($source_label) {id: $source}), (b:$($target_label) {id: $target})
MATCH p = (a)-[* ALL SHORTEST 1..4 (r, n | WHERE label(n) <> 'Document')]-(b)
RETURN length(p) AS hops, nodes(p) AS nodes, rels(p) AS relationships
LIMIT 25
// dialect: neo4j
MATCH (a:$($source_label) {id: $source})
MATCH (b:$($target_label) {id: $target})
MATCH p = allShortestPaths((a)-[*..4]-(b))
WHERE none(n IN nodes(p)[1..-1] WHERE n:Document)
RETURN length(p) AS hops, nodes(p) AS nodes, relationships(p) AS relationships
LIMIT 25
