#!/usr/bin/env bash
# Builds and lints every Bicep file under infra/ with a pinned Bicep CLI.
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a self-contained
# single-file binary in tools/), restored through the machine's configured NuGet feed by a
# throwaway project in .tools/ (git-ignored). Nothing is downloaded from anywhere else, and
# a second run reuses the restored package, so it costs only the builds themselves.
#
# Exit code: non-zero when any build or lint reports an error (or a warning the config turns
# into an error); warnings are printed and do not fail the run. Usage: bash infra/lint.sh
set -euo pipefail

readonly bicep_version="0.49.2"
readonly package_id="Azure.Bicep.CommandLine.linux-x64"

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$infra_dir/.." && pwd)"
tools_dir="$repo_root/.tools/bicep-$bicep_version"
packages_dir="$tools_dir/packages"
bicep="$packages_dir/$(tr '[:upper:]' '[:lower:]' <<<"$package_id")/$bicep_version/tools/bicep"

if [[ ! -x "$bicep" ]]; then
  mkdir -p "$tools_dir"
  # PackageDownload fetches a package without referencing it: no assets, no build.
  # Empty Directory.*.props here stop MSBuild from walking up to the repo's own (central
  # package versions, analyzers), which this throwaway project must not inherit.
  echo '<Project />' >"$tools_dir/Directory.Build.props"
  echo '<Project />' >"$tools_dir/Directory.Build.targets"
  echo '<Project />' >"$tools_dir/Directory.Packages.props"
  cat >"$tools_dir/bicep-download.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$package_id" Version="[$bicep_version]" />
  </ItemGroup>
</Project>
PROJ
  echo "lint.sh: restoring $package_id $bicep_version into ${tools_dir#"$repo_root"/}" >&2
  dotnet restore "$tools_dir/bicep-download.csproj" --packages "$packages_dir" --verbosity quiet >&2
  # NuGet extracts files without the execute bit.
  chmod +x "$bicep"
fi

# No telemetry from CI or from a developer's lint run.
export BICEP_TRACING_ENABLED=false
export DOTNET_CLI_TELEMETRY_OPTOUT=1

out_dir="$tools_dir/out"
mkdir -p "$out_dir"

status=0
run() {
  # Bicep prints diagnostics as "<file>(line,col) : Warning|Error <code>: <message>".
  local output
  if ! output="$("$bicep" "$@" 2>&1)"; then
    status=1
  fi
  if [[ -n "$output" ]]; then
    printf '%s\n' "$output"
  fi
  if grep -q ' : Error ' <<<"$output"; then
    status=1
  fi
}

"$bicep" --version
cd "$repo_root"
# One process per command for all files (--pattern): the CLI's start-up dominates the run time.
# --no-restore: no module registry is used, and CI must not reach out for one.
bicep_count=$(find infra -name '*.bicep' | wc -l)
param_count=$(find infra -name '*.bicepparam' | wc -l)
echo "== build ($bicep_count files)"
run build --pattern 'infra/**/*.bicep' --outdir "$out_dir" --no-restore
echo "== lint ($bicep_count files)"
run lint --pattern 'infra/**/*.bicep' --no-restore
if [[ $param_count -gt 0 ]]; then
  echo "== build-params ($param_count files)"
  run build-params --pattern 'infra/**/*.bicepparam' --outdir "$out_dir" --no-restore
fi

if [[ $status -ne 0 ]]; then
  echo "lint.sh: FAILED" >&2
else
  echo "lint.sh: $bicep_count Bicep file(s) and $param_count parameter file(s) built and linted without errors"
fi
exit $status
