#!/usr/bin/env bash
# Runs the whole system locally: Azurite (data kept in .azurite/), the app with its local trigger host, the
# demo data, on http://localhost:${PORT:-7071}. Installs the npm tooling on first use. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

port="${PORT:-7071}"
ensure_npm
node scripts/copy-vendor.mjs
if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "Created local.settings.json from local.settings.sample.json."
else
  node scripts/merge-settings.mjs local.settings.sample.json local.settings.json
fi

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  echo "Storage emulator already listening on 127.0.0.1:10000-10002; using it."
else
  mkdir -p .azurite
  node_modules/.bin/azurite --skipApiVersionCheck --disableTelemetry --silent --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .azurite/azurite.log 2>&1 &
  pids+=($!)
  for p in 10000 10001 10002; do wait_for_port "$p" 60; done
  echo "Azurite is running (data in .azurite/)."
fi

echo "Building the app…"
dotnet build functions/Wijkwacht.Functions/Wijkwacht.Functions.csproj -c Debug --nologo -v quiet -clp:ErrorsOnly
ASPNETCORE_ENVIRONMENT=Development PORT="$port" App__PublicUrl="http://localhost:$port" Storage__CorsOrigins="http://localhost:$port" \
  dotnet functions/Wijkwacht.Functions/bin/Debug/net10.0/Wijkwacht.Functions.dll &
pids+=($!)

for _ in $(seq 120); do
  curl -fsS "http://localhost:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "The app stopped; see the output above." >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://localhost:$port/api/health" >/dev/null

node scripts/seed-demo.mjs "http://localhost:$port"
echo
echo "Wijkwacht runs at http://localhost:$port"
echo "  e-mails it sends: http://localhost:$port/dev/outbox/"
echo "Press Ctrl+C to stop."
wait "${pids[-1]}"
