#!/usr/bin/env bash
# Validates the infrastructure templates offline: bicep build + bicep lint of infra/main.bicep
# (its modules included), and a check of infra/main.parameters.json (its ${NAME=default}
# references filled in by scripts/expand-parameters.mjs) against the template's parameters. Prints nothing and exits 0 when everything is clean; prints the diagnostics and
# exits 1 on any error or warning.
#
# The bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a self-contained
# binary). It is looked for, in order:
#   $BICEP                                   an explicit path
#   <cache>/packages/.../<version>/tools/bicep   a previous run of this script
#   ~/.nuget/packages/.../<version>/tools/bicep  NuGet's global packages folder
# and otherwise restored into <cache> with `dotnet restore` of a throw-away project.
#
# Environment:
#   BICEP_VERSION    package version (default below; pinned so the lint result is reproducible)
#   BICEP_CACHE_DIR  where to restore it (default: <repo>/artifacts/tools/bicep, git-ignored)
#   BICEP            use this bicep binary instead
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$infra_dir/.." && pwd)"
bicep_version="${BICEP_VERSION:-0.49.2}"
cache_dir="${BICEP_CACHE_DIR:-$repo_dir/artifacts/tools/bicep}"
package_id="azure.bicep.commandline.linux-x64"

fail() {
  echo "infra/validate.sh: $*" >&2
  exit 1
}

find_bicep() {
  if [[ -n "${BICEP:-}" ]]; then
    [[ -x "$BICEP" ]] || fail "BICEP=$BICEP is not an executable file"
    echo "$BICEP"
    return 0
  fi
  local candidate
  for candidate in \
    "$cache_dir/packages/$package_id/$bicep_version/tools/bicep" \
    "${NUGET_PACKAGES:-$HOME/.nuget/packages}/$package_id/$bicep_version/tools/bicep"; do
    if [[ -f "$candidate" ]]; then
      # NuGet does not keep the executable bit.
      [[ -x "$candidate" ]] || chmod +x "$candidate"
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

install_bicep() {
  command -v dotnet >/dev/null 2>&1 || fail "dotnet is needed to fetch the bicep CLI from NuGet"
  local sdk_major tfm work log
  sdk_major="$(dotnet --version | cut -d. -f1)"
  tfm="net${sdk_major}.0"
  # Outside the repository, so the repository's Directory.Build.props / Directory.Packages.props
  # (central package management) do not apply to this throw-away project.
  work="$(mktemp -d)"
  cat >"$work/bicep-restore.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>$tfm</TargetFramework>
    <OutputType>Exe</OutputType>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Azure.Bicep.CommandLine.linux-x64" Version="$bicep_version" />
  </ItemGroup>
</Project>
EOF
  local config_args=()
  local config
  for config in "$repo_dir/nuget.config" "$repo_dir/NuGet.config" "$repo_dir/NuGet.Config"; do
    if [[ -f "$config" ]]; then
      config_args=(--configfile "$config")
      break
    fi
  done
  mkdir -p "$cache_dir/packages"
  log="$work/restore.log"
  if ! dotnet restore "$work/bicep-restore.csproj" --packages "$cache_dir/packages" "${config_args[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    rm -rf "$work"
    fail "could not restore Azure.Bicep.CommandLine.linux-x64 $bicep_version from NuGet"
  fi
  rm -rf "$work"
}

bicep="$(find_bicep)" || {
  install_bicep
  bicep="$(find_bicep)" || fail "bicep CLI not found after restoring it into $cache_dir"
}

status=0
# run <label> <command...>: quiet when the command succeeds without printing anything.
run() {
  local label="$1"
  shift
  local output
  if ! output="$("$@" 2>&1)"; then
    echo "== $label: failed" >&2
    echo "$output" >&2
    status=1
  elif [[ -n "$output" ]]; then
    echo "== $label: diagnostics" >&2
    echo "$output" >&2
    status=1
  fi
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

run "bicep build main.bicep" "$bicep" build "$infra_dir/main.bicep" --outfile "$scratch/main.json" --no-restore
run "bicep lint main.bicep" "$bicep" lint "$infra_dir/main.bicep" --no-restore

# main.parameters.json: fill in its ${NAME=default} references as azd would (defaults, or a
# placeholder where a deployment must supply the value), turn it into a .bicepparam and build that,
# which checks every parameter name, type and allowed value against main.bicep. Run without the
# caller's environment, so the defaults written in the file are what gets checked.
if ! expand_output="$(env -i PATH="$PATH" node "$repo_dir/scripts/expand-parameters.mjs" \
  "$infra_dir/main.parameters.json" "$scratch/main.parameters.json" --placeholders 2>&1)"; then
  echo "== expand main.parameters.json: failed" >&2
  echo "$expand_output" >&2
  status=1
elif ! decompile_output="$("$bicep" decompile-params "$scratch/main.parameters.json" \
  --bicep-file "$infra_dir/main.bicep" --outfile "$scratch/main.bicepparam" --force 2>&1)"; then
  echo "== bicep decompile-params main.parameters.json: failed" >&2
  echo "$decompile_output" >&2
  status=1
else
  run "main.parameters.json against main.bicep" "$bicep" build-params "$scratch/main.bicepparam" \
    --outfile "$scratch/main.parameters.built.json" --no-restore
fi

exit "$status"
