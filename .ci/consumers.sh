#!/usr/bin/env bash
# The package as its users get it: `npm pack`, the tarball installed into a fresh project,
# then (a) a plain ESM JavaScript consumer and (b) a strict TypeScript consumer (tsc, then
# node) run against it with the embedded store in memory. The examples of docs/LIBRARY.md
# are (b)'s files, so they run here too. Fails when an export disappears or its types break.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/customer-ledger-consumer-XXXXXX")
trap 'rm -rf "$work"' EXIT

version() { node -p "const p = require('./package.json'); (p.dependencies['$1'] ?? p.devDependencies['$1'])"; }

npm pack --silent --pack-destination "$work" >/dev/null # prepack builds dist/
tarball=$(ls "$work"/customer-ledger-*.tgz)

cp test/consumers/*.ts test/consumers/*.mjs test/consumers/tsconfig.json "$work/"
cd "$work"
printf '{ "name": "ledger-consumer", "private": true, "type": "module" }\n' >package.json
# The consumer's own dependencies, at the versions this repository uses (the npm cache has them).
npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball" \
  "express@$(cd "$root" && version express)" "fp-ts@$(cd "$root" && version fp-ts)" \
  "typescript@$(cd "$root" && version typescript)" "@types/node@$(cd "$root" && version @types/node)"
unset DATABASE_URL # the examples open the embedded store in memory

echo '--- (a) plain ESM JavaScript'
node plain.mjs

echo '--- (b) strict TypeScript: tsc, then each example'
npx tsc -p .
for example in domain store projections host; do
  echo "--- $example"
  node "out/$example.js"
done
