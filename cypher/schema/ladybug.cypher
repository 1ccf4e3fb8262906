// The graph schema for the embedded store (LadybugDB): one node table per label, one rel table per type.
// Mirrors SCHEMA.md and graph/model.py (tests/test_schema.py keeps the three in step).
CREATE NODE TABLE IF NOT EXISTS Document(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, file STRING, title STRING, issuer STRING, doc_number STRING, published STRING, released STRING, level STRING, sha256 STRING, chars INT64, source STRING, jurisdiction STRING, text STRING);
CREATE NODE TABLE IF NOT EXISTS City(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, level STRING, adcode STRING, longitude DOUBLE, latitude DOUBLE, province STRING);
CREATE NODE TABLE IF NOT EXISTS Park(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, kind STRING, tier STRING);
CREATE NODE TABLE IF NOT EXISTS Industry(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, level STRING, code STRING);
CREATE NODE TABLE IF NOT EXISTS Firm(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, full_name STRING, short_name STRING);
CREATE NODE TABLE IF NOT EXISTS Org(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, kind STRING);
CREATE NODE TABLE IF NOT EXISTS Agency(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, level STRING, jurisdiction STRING);
CREATE NODE TABLE IF NOT EXISTS Task(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, title STRING, section STRING, doc STRING);
CREATE NODE TABLE IF NOT EXISTS Target(id STRING PRIMARY KEY, name STRING, aliases STRING[], name_en STRING, metric STRING, value DOUBLE, unit STRING, comparator STRING, year INT64, kind STRING, doc STRING, value_max DOUBLE);
CREATE REL TABLE IF NOT EXISTS MENTIONS(FROM Document TO City, FROM Document TO Park, FROM Document TO Industry, FROM Document TO Firm, FROM Document TO Org, FROM Document TO Agency, FROM Document TO Task, FROM Document TO Target, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS ISSUED(FROM Agency TO Document, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS APPLIES_TO(FROM Document TO City, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS PART_OF(FROM City TO City, FROM Park TO Park, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS TARGETS(FROM City TO Industry, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS LOCATED_IN(FROM Park TO City, FROM Firm TO City, FROM Firm TO Park, FROM Org TO City, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS HOSTS(FROM Park TO Industry, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS SUBSECTOR_OF(FROM Industry TO Industry, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS LEADS_CHAIN(FROM Firm TO Industry, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS IN_INDUSTRY(FROM Firm TO Industry, FROM Org TO Industry, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS LEADS(FROM Agency TO Task, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS SUPPORTS(FROM Agency TO Task, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS HAS_TARGET(FROM Task TO Target, FROM Document TO Target, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS FOR_REGION(FROM Target TO City, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS FOR_INDUSTRY(FROM Target TO Industry, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
CREATE REL TABLE IF NOT EXISTS CONCERNS(FROM Task TO Industry, doc STRING, evidence STRING, start INT64, `end` INT64, strength STRING, count INT64);
