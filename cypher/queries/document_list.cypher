// name: document_list
// params:
// answers: Every loaded document with its metadata.
MATCH (d:Document)
RETURN d.id AS id, d.file AS file, d.title AS title, d.issuer AS issuer, d.doc_number AS doc_number,
       d.published AS published, d.level AS level, d.jurisdiction AS jurisdiction, d.chars AS chars
ORDER BY id
