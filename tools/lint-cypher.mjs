#!/usr/bin/env node
// Lints the project's Neo4j Cypher with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support: the ANTLR grammar and the Cypher front end Neo4j itself compiles),
// because no Neo4j server runs on the development machines or in CI.
//
// What is linted comes from tools/cypher_lint_payload.py (run with $PYTHON, else .venv/bin/python, else
// python3) as {"schema": {...}, "statements": [{"source", "text", "params"}]}: every named query's Neo4j
// text, every statement of cypher/schema/neo4j.cypher and the Cypher graph/stores/neo4j.py generates.
// `--payload FILE` (or `-` for stdin) lints another payload instead (the tests feed broken queries so).
//
// Each statement is linted against the graph schema of graph/model.py (labels, relationship types,
// property keys, allowed endpoints), its own declared parameters, and Neo4j 5's built-in functions and
// procedures. The function and procedure lists are the package's dump of a real server's SHOW FUNCTIONS /
// SHOW PROCEDURES, without APOC and GDS: the neo4j:5-community image ships neither, so a query calling
// them would fail there.
//
// Prints one line per diagnostic (`source:line:col: error|warning: message`) and a summary; `--json`
// prints {"statements": N, "diagnostics": [...]} instead. Exits 1 when any diagnostic is an error
// (with `--strict`, when there is any diagnostic at all), 2 when the payload cannot be read.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CYPHER_VERSIONS = ['CYPHER 5', 'CYPHER 25'];
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function parseArgs(argv) {
  const args = { payload: null, json: false, strict: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--payload') args.payload = argv[(i += 1)];
    else if (arg === '--json') args.json = true;
    else if (arg === '--strict') args.strict = true;
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node tools/lint-cypher.mjs [--payload FILE|-] [--json] [--strict]\n');
      process.exit(0);
    } else {
      process.stderr.write(`unknown argument ${arg}\n`);
      process.exit(2);
    }
  }
  return args;
}

function readPayload(source) {
  if (source === '-') return JSON.parse(readFileSync(0, 'utf8'));
  if (source) return JSON.parse(readFileSync(source, 'utf8'));
  const venv = join(ROOT, '.venv', 'bin', 'python');
  const python = process.env.PYTHON || (existsSync(venv) ? venv : 'python3');
  const run = spawnSync(python, [join(ROOT, 'tools', 'cypher_lint_payload.py')], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(`${python} tools/cypher_lint_payload.py failed:\n${run.stderr || run.error}`);
  }
  return JSON.parse(run.stdout);
}

/** Neo4j 5 community's functions and procedures: built-ins only (no APOC, no GDS plugin). */
function builtIns() {
  const functions = {};
  const procedures = {};
  for (const version of CYPHER_VERSIONS) {
    const allFunctions = testData.mockSchema.functions?.[version] ?? {};
    const allProcedures = testData.mockSchema.procedures?.[version] ?? {};
    functions[version] = Object.fromEntries(Object.entries(allFunctions).filter(([, fn]) => fn.isBuiltIn));
    procedures[version] = Object.fromEntries(
      Object.entries(allProcedures).filter(([name]) => /^(db|dbms|tx)\./.test(name)),
    );
    if (Object.keys(functions[version]).length === 0) {
      throw new Error(`@neo4j-cypher/language-support ships no function list for ${version}: cannot lint`);
    }
  }
  return { functions, procedures };
}

function lint(payload) {
  const { functions, procedures } = builtIns();
  const diagnostics = [];
  for (const statement of payload.statements) {
    const dbSchema = {
      ...payload.schema,
      parameters: Object.fromEntries((statement.params ?? []).map((name) => [name, null])),
      functions,
      procedures,
      defaultLanguage: 'CYPHER 5',
    };
    const result = lintCypherQuery(statement.text, dbSchema, { consoleCommandsEnabled: false });
    for (const d of result.diagnostics) {
      diagnostics.push({
        source: statement.source,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        severity: SEVERITY[d.severity] ?? String(d.severity),
        message: d.message,
        text: statement.text,
      });
    }
  }
  return diagnostics;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  let payload;
  try {
    payload = readPayload(args.payload);
  } catch (error) {
    process.stderr.write(`cannot read what to lint: ${error.message}\n`);
    process.exit(2);
  }
  const diagnostics = lint(payload);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (args.json) {
    process.stdout.write(JSON.stringify({ statements: payload.statements.length, diagnostics }, null, 1) + '\n');
  } else {
    for (const d of diagnostics) {
      process.stdout.write(`${d.source}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
    }
    process.stdout.write(
      `linted ${payload.statements.length} Neo4j statement(s): ${errors} error(s), ` +
        `${diagnostics.length - errors} warning(s)\n`,
    );
  }
  process.exit(errors > 0 || (args.strict && diagnostics.length > 0) ? 1 : 0);
}

main();
