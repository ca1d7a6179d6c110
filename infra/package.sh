#!/usr/bin/env bash
# Builds the Azure Functions deployment package: artifacts/leadintake-functions.zip.
#
# The zip is the `dotnet publish` output of the .NET isolated worker, at the zip root, as it is:
#   LeadIntake.Functions.dll (+ its dependencies)   the worker; the host starts it with `dotnet`
#   host.json                                       queue settings, route prefix (no extension bundle: see docs/deploy.md)
#   worker.config.json                              written by the worker SDK: language dotnet-isolated, the worker's path
#   functions.metadata                              written by the worker SDK from the [Function] attributes
#   extensions.json, .azurefunctions/               the host-side binding extensions (storage queues), from NuGet
# Framework-dependent: FUNCTIONS_WORKER_RUNTIME=dotnet-isolated with .NET 10 brings the runtime.
#
# The build uses its own output and intermediate folders (artifacts/.package-build), so it never touches the
# Debug build's bin/ and obj/ (the tests run this script while their own build is in use).
#
# Usage (from anywhere): bash infra/package.sh    Idempotent: every run rebuilds the staging folder and the zip.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

artifacts="$repo_root/artifacts"
staging="$artifacts/package"
build_dir="$artifacts/.package-build"
zip_path="$artifacts/leadintake-functions.zip"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
started=$SECONDS

rm -rf "$staging"
mkdir -p "$staging" "$build_dir"

echo "package.sh: publishing src/LeadIntake.Functions (Release) to ${staging#"$repo_root"/}"
dotnet publish src/LeadIntake.Functions/LeadIntake.Functions.csproj \
  --configuration Release \
  --artifacts-path "$build_dir" \
  --output "$staging" \
  --verbosity quiet --nologo

for required in LeadIntake.Functions.dll host.json worker.config.json functions.metadata extensions.json .azurefunctions; do
  if [[ ! -e "$staging/$required" ]]; then
    echo "package.sh: $required is missing after publish" >&2
    exit 1
  fi
done
functions=$(python3 -c 'import json,sys; print(" ".join(sorted(f["name"] for f in json.load(open(sys.argv[1])))))' "$staging/functions.metadata")
if [[ -z "$functions" ]]; then
  echo "package.sh: functions.metadata lists no function" >&2
  exit 1
fi

rm -f "$zip_path"
# Python's zipfile, not zip (not on every machine); hidden folders (.azurefunctions) are included.
python3 - "$staging" "$zip_path" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.relpath(path, root))
PY

size=$(du -h "$zip_path" | cut -f1)
echo "package.sh: functions: $functions"
echo "package.sh: wrote ${zip_path#"$repo_root"/} ($size) in $((SECONDS - started)) s"
