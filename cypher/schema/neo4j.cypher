// The graph schema for Neo4j 5: no tables to declare, so what the store needs is uniqueness on `id` per
// label (MERGE looks nodes up by it and re-loading never duplicates), an index on `name` per label (lookups
// and search by name), `doc` indexes on the document-scoped Task/Target nodes and on every relationship type
// (replace_document deletes a document's facts by `doc`, type by type). Mirrors graph/model.py
// (tests/test_store_contract.py keeps them in step); `tools/lint-cypher.mjs` lints every statement.
// One statement a line; IF NOT EXISTS makes create_schema idempotent.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT park_id IF NOT EXISTS FOR (n:Park) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT industry_id IF NOT EXISTS FOR (n:Industry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT firm_id IF NOT EXISTS FOR (n:Firm) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT org_id IF NOT EXISTS FOR (n:Org) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE INDEX document_name IF NOT EXISTS FOR (n:Document) ON (n.name);
CREATE INDEX city_name IF NOT EXISTS FOR (n:City) ON (n.name);
CREATE INDEX park_name IF NOT EXISTS FOR (n:Park) ON (n.name);
CREATE INDEX industry_name IF NOT EXISTS FOR (n:Industry) ON (n.name);
CREATE INDEX firm_name IF NOT EXISTS FOR (n:Firm) ON (n.name);
CREATE INDEX org_name IF NOT EXISTS FOR (n:Org) ON (n.name);
CREATE INDEX agency_name IF NOT EXISTS FOR (n:Agency) ON (n.name);
CREATE INDEX task_name IF NOT EXISTS FOR (n:Task) ON (n.name);
CREATE INDEX target_name IF NOT EXISTS FOR (n:Target) ON (n.name);
CREATE INDEX task_doc IF NOT EXISTS FOR (n:Task) ON (n.doc);
CREATE INDEX target_doc IF NOT EXISTS FOR (n:Target) ON (n.doc);
CREATE INDEX mentions_doc IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.doc);
CREATE INDEX issued_doc IF NOT EXISTS FOR ()-[r:ISSUED]-() ON (r.doc);
CREATE INDEX applies_to_doc IF NOT EXISTS FOR ()-[r:APPLIES_TO]-() ON (r.doc);
CREATE INDEX part_of_doc IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.doc);
CREATE INDEX targets_doc IF NOT EXISTS FOR ()-[r:TARGETS]-() ON (r.doc);
CREATE INDEX located_in_doc IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.doc);
CREATE INDEX hosts_doc IF NOT EXISTS FOR ()-[r:HOSTS]-() ON (r.doc);
CREATE INDEX subsector_of_doc IF NOT EXISTS FOR ()-[r:SUBSECTOR_OF]-() ON (r.doc);
CREATE INDEX leads_chain_doc IF NOT EXISTS FOR ()-[r:LEADS_CHAIN]-() ON (r.doc);
CREATE INDEX in_industry_doc IF NOT EXISTS FOR ()-[r:IN_INDUSTRY]-() ON (r.doc);
CREATE INDEX leads_doc IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.doc);
CREATE INDEX supports_doc IF NOT EXISTS FOR ()-[r:SUPPORTS]-() ON (r.doc);
CREATE INDEX has_target_doc IF NOT EXISTS FOR ()-[r:HAS_TARGET]-() ON (r.doc);
CREATE INDEX for_region_doc IF NOT EXISTS FOR ()-[r:FOR_REGION]-() ON (r.doc);
CREATE INDEX for_industry_doc IF NOT EXISTS FOR ()-[r:FOR_INDUSTRY]-() ON (r.doc);
CREATE INDEX concerns_doc IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.doc);
