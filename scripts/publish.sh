#!/usr/bin/env bash
# Builds the deployable function app: artifacts/functionapp/ (host.json, one folder per function, the
# self-contained linux-x64 handler named in host.json, its data files) and artifacts/functionapp.zip.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/functionapp
build=artifacts/publish-build
rm -rf "$out" "$build" artifacts/functionapp.zip
mkdir -p "$out"

dotnet publish functions/Wijkwacht.Functions/Wijkwacht.Functions.csproj \
  -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:DebugType=none \
  -o "$build" --nologo -v quiet

executable=$(node -p "require('./functions/host.json').customHandler.description.defaultExecutablePath")
cp functions/host.json "$out/"
for function in functions/*/function.json; do
  name=$(basename "$(dirname "$function")")
  mkdir -p "$out/$name"
  cp "$function" "$out/$name/"
done
cp "$build/Wijkwacht.Functions" "$out/$executable"
chmod +x "$out/$executable"
cp -r "$build/Data" "$out/Data"
rm -rf "$build"

if command -v zip >/dev/null; then
  (cd "$out" && zip -qr ../functionapp.zip .)
  echo "Published $out and artifacts/functionapp.zip"
else
  echo "Published $out (install zip to also get artifacts/functionapp.zip)"
fi
