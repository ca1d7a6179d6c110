#!/usr/bin/env bash
# Builds the Azure Functions deployment package: artifacts/leadintake-functions.zip.
#
# Layout of the zip (the function app root):
#   host.json                     customHandler.description.defaultExecutablePath = app/LeadIntake.Functions,
#                                 enableForwardingHttpRequest, extensionBundle [4.*, 5.0.0)
#   <FunctionName>/function.json  one folder per function of FunctionCatalog (generated, never hand-written)
#   app/                          the app, published self-contained for linux-x64 (no .NET on the worker needed)
#
# The Functions host starts app/LeadIntake.Functions from the package root with FUNCTIONS_CUSTOMHANDLER_PORT set.
# Not single-file: a single-file bundle would extract its native libraries at start, and on Azure the package is
# mounted read-only (WEBSITE_RUN_FROM_PACKAGE); plain files start fastest and need nothing writable.
#
# The build uses its own output and intermediate folders (artifacts/.package-build), so it never touches the
# Debug build's bin/ and obj/ (the tests run this script while their own build is in use).
#
# Usage (from anywhere): bash infra/package.sh    Idempotent: every run rebuilds the staging folder and the zip.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

readonly executable_name="LeadIntake.Functions"
readonly executable_path="app/$executable_name" # relative to the package root, as host.json names it
artifacts="$repo_root/artifacts"
staging="$artifacts/package"
build_dir="$artifacts/.package-build"
zip_path="$artifacts/leadintake-functions.zip"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
started=$SECONDS

rm -rf "$staging"
mkdir -p "$staging" "$build_dir"

echo "package.sh: publishing src/LeadIntake.Functions (Release, linux-x64, self-contained) to ${staging#"$repo_root"/}/app"
dotnet publish src/LeadIntake.Functions/LeadIntake.Functions.csproj \
  --configuration Release --runtime linux-x64 --self-contained \
  --artifacts-path "$build_dir" \
  --output "$staging/app" \
  -p:PublishSingleFile=false \
  --verbosity quiet --nologo

exe="$staging/$executable_path"
if [[ ! -f "$exe" ]]; then
  echo "package.sh: $executable_path is missing after publish" >&2
  exit 1
fi
chmod 755 "$exe"

echo "package.sh: writing host.json and function.json folders from the function declarations"
# Run from outside the repository so the app finds no local.settings.json and no repo-root configuration.
(cd "$staging" && DOTNET_CLI_TELEMETRY_OPTOUT=1 "$exe" generate-function-metadata "$staging")

# The Functions host resolves defaultExecutablePath against the app root when the file exists there
# (docs/functions-host.md, 'Starting the handler'); a path it can't find is taken as a command on PATH and fails at start. Check both
# that host.json names exactly this path and that it is an executable file in the package.
declared=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["customHandler"]["description"]["defaultExecutablePath"])' "$staging/host.json" 2>/dev/null ||
  sed -n 's/.*"defaultExecutablePath": *"\([^"]*\)".*/\1/p' "$staging/host.json")
if [[ "$declared" != "$executable_path" || ! -x "$staging/$declared" ]]; then
  echo "package.sh: host.json names '$declared', which is not an executable file in the package" >&2
  exit 1
fi
functions=()
for f in "$staging"/*/function.json; do functions+=("$(basename "$(dirname "$f")")"); done
if [[ ${#functions[@]} -eq 0 ]]; then
  echo "package.sh: no function.json was written" >&2
  exit 1
fi

rm -f "$zip_path"
# zip keeps the Unix mode bits; where it isn't installed (it isn't on every machine), Python's zipfile is told
# the mode of each entry through external_attr. Either way app/LeadIntake.Functions stays executable.
if command -v zip >/dev/null 2>&1; then
  (cd "$staging" && zip -q -r -X "$zip_path" .)
else
  python3 - "$staging" "$zip_path" <<'PY'
import os, stat, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that unzip and the host read the mode bits
            info.external_attr = (stat.S_IMODE(os.stat(path).st_mode) | stat.S_IFREG) << 16
            with open(path, "rb") as f:
                z.writestr(info, f.read())
PY
fi

size=$(du -h "$zip_path" | cut -f1)
echo "package.sh: functions: ${functions[*]}"
echo "package.sh: host.json runs $executable_path (executable) from the package root"
echo "package.sh: wrote ${zip_path#"$repo_root"/} ($size) in $((SECONDS - started)) s"
