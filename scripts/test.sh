#!/usr/bin/env bash
# Runs every test: the .NET suites (on their own Azurite, started and stopped by the tests; the browser tests
# drive Debian's Chromium; Infra/ runs infra/validate.sh, so the Bicep build and lint count as a test) and the
# front end's pure-logic tests. Installs what they need on first use. Ends with
# "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# If a step before the tests fails (an install, the publish, the build), still end with the summary line.
summarised=0
trap '[ "$summarised" -eq 1 ] || echo "tests: 0 passed, 1 failed"' EXIT

ensure_npm
ensure_chromium
node scripts/copy-vendor.mjs
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

echo "Publishing the function app (the publish tests check and start it)…"
scripts/publish.sh >/dev/null

echo "Building the tests…"
dotnet build tests/Wijkwacht.Tests/Wijkwacht.Tests.csproj -c Release --nologo -v quiet -clp:ErrorsOnly

echo "Running the .NET tests…"
dotnet_status=0
dotnet tests/Wijkwacht.Tests/bin/Release/net10.0/Wijkwacht.Tests.dll \
  -noColor -noLogo -result-ctrf "$results/dotnet.json" || dotnet_status=$?

echo "Running the front-end tests…"
node_status=0
node --test --test-reporter=tap static-web/tests/ > "$results/node.tap" 2>&1 || node_status=$?
grep -E "^not ok|^# (pass|fail)" "$results/node.tap" || true

node - "$results" <<'JS'
const fs = require('fs');
const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
try {
  const s = JSON.parse(fs.readFileSync(`${dir}/dotnet.json`, 'utf8')).results.summary;
  passed += s.passed; failed += s.failed; skipped += s.skipped + (s.pending ?? 0) + (s.other ?? 0);
} catch { failed += 1; console.error('The .NET test run wrote no results.'); }
const tap = fs.readFileSync(`${dir}/node.tap`, 'utf8');
const count = (name) => Number((tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [0, 0])[1]);
passed += count('pass'); failed += count('fail'); skipped += count('skipped') + count('todo');
console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
JS
summarised=1

[ "$dotnet_status" -eq 0 ] && [ "$node_status" -eq 0 ]
