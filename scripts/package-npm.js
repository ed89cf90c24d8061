#!/usr/bin/env node
// The published package.json of `landed`, made from bindings-node/package.json
// by scripts/package.sh:
//
//   node scripts/package-npm.js <source package.json> <output package.json> <rust target>...
//
// Keeps what a user's install reads (name, version, entry points, files,
// engines, licence) and the `napi` block (`napi create-npm-dirs` reads its
// targets), sets the targets to the ones built, and adds an optional
// dependency on each platform package (`landed-linux-x64-gnu`, ...), which
// npm installs only on the os/cpu/libc its package.json names. The dev tools,
// scripts and lockfile stay behind.
'use strict'
const fs = require('node:fs')

const [source, output, ...targets] = process.argv.slice(2)
if (!source || !output || targets.length === 0) {
  console.error('usage: package-npm.js <source package.json> <output package.json> <rust target>...')
  process.exit(2)
}

// The suffix napi gives each Rust target (its npm/<suffix> dir and
// `<name>-<suffix>` package).
const suffixes = {
  'x86_64-unknown-linux-gnu': 'linux-x64-gnu',
  'x86_64-unknown-linux-musl': 'linux-x64-musl',
  'aarch64-unknown-linux-gnu': 'linux-arm64-gnu',
  'aarch64-unknown-linux-musl': 'linux-arm64-musl',
  'x86_64-apple-darwin': 'darwin-x64',
  'aarch64-apple-darwin': 'darwin-arm64',
  'x86_64-pc-windows-msvc': 'win32-x64-msvc',
}

const pkg = JSON.parse(fs.readFileSync(source, 'utf8'))
const published = {}
for (const key of ['name', 'version', 'description', 'license', 'keywords', 'main', 'types', 'exports', 'files', 'engines']) {
  if (pkg[key] !== undefined) published[key] = pkg[key]
}
published.napi = { ...pkg.napi, targets }
published.optionalDependencies = {}
for (const target of targets) {
  const suffix = suffixes[target]
  if (!suffix) throw new Error(`no npm platform name for ${target}`)
  published.optionalDependencies[`${pkg.name}-${suffix}`] = pkg.version
}
// The addons live in the platform packages only.
published.files = published.files.filter((f) => f !== '*.node')
fs.writeFileSync(output, JSON.stringify(published, null, 2) + '\n')
