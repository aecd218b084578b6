#!/usr/bin/env node
// Fills in infra/main.parameters.json the way the Azure Developer CLI does: "${NAME}" becomes the
// environment variable NAME, "${NAME=default}" the default when NAME is unset or empty (the pipeline
// passes an unset GitHub variable as an empty string). azd does this itself; the Azure CLI does not,
// so the pipeline and a hand deployment run this first:
//
//   node scripts/expand-parameters.mjs infra/main.parameters.json artifacts/main.parameters.json
//
// A "${NAME}" without a default whose variable is unset or empty is an error naming every such variable.
// --placeholders puts "placeholder-NAME" there instead (infra/validate.sh checks types offline).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const args = process.argv.slice(2);
const placeholders = args.includes('--placeholders');
const [input, output] = args.filter((a) => !a.startsWith('--'));
if (!input || !output) {
  console.error('usage: node scripts/expand-parameters.mjs <parameters.json> <out.json> [--placeholders]');
  process.exit(2);
}

const missing = new Set();
const pattern = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:=([^}]*))?\}/g;
const expand = (text) => text.replace(pattern, (_, name, fallback) => {
  const value = process.env[name];
  if (value) return value;
  if (fallback !== undefined) return fallback;
  if (placeholders) return `placeholder-${name}`;
  missing.add(name);
  return '';
});
const walk = (value) => {
  if (typeof value === 'string') return expand(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  return value;
};

const expanded = walk(JSON.parse(readFileSync(input, 'utf8')));
if (missing.size > 0) {
  console.error(`expand-parameters: set ${[...missing].join(', ')} (see infra/README.md)`);
  process.exit(1);
}
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(expanded, null, 2) + '\n');
