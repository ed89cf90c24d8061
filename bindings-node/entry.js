'use strict'
// The package's entry point. index.js is the loader `napi build` generates
// (regenerated on every build, so not edited by hand): it finds the addon for
// this machine, either beside it (a build from source) or in the platform
// package npm installed as an optional dependency (`landed-linux-x64-gnu`,
// ...). When neither is there, its error blames an npm bug and hides what
// is missing; this file replaces that error with one naming the platform,
// the architecture, the libc and the package it looked for.
try {
  require('./index.js')
} catch (error) {
  throw explain(error)
}
// A plain re-export, so Node's ESM loader still sees index.js's named exports.
module.exports = require('./index.js')

// Every code an error from this package can carry (the core's, then the
// store's), from the addon itself: the same lists types.d.ts's
// `LandedErrorCode` is generated from.
const codes = Object.freeze(module.exports.errorCodes())
const known = new Set(codes)
module.exports.LANDED_ERROR_CODES = codes

// True when `error` is an Error thrown by landed with one of those codes
// (for TypeScript, it narrows `error.code` to `LandedErrorCode`).
module.exports.isLandedError = function isLandedError(error) {
  return error instanceof Error && typeof error.code === 'string' && known.has(error.code)
}

function explain(error) {
  const message = String(error && error.message)
  if (!message.startsWith('Cannot find native binding') && !message.startsWith('Failed to load native binding')) {
    return error
  }
  const { platform, arch } = process
  let libc = null
  let suffix = `${platform}-${arch}`
  if (platform === 'linux') {
    libc = isGlibc() ? 'gnu' : 'musl'
    suffix += `-${libc}`
  } else if (platform === 'win32') {
    suffix += '-msvc'
  }
  const pkg = require('./package.json')
  const wanted = `${pkg.name}-${suffix}`
  const available = Object.keys(pkg.optionalDependencies || {})
  const causes = []
  for (let cause = error.cause; cause; cause = cause.cause) causes.push(cause.message)
  const lines = [
    `landed: no native binary for this machine: platform ${platform}, architecture ${arch}` +
      (libc ? `, libc ${libc === 'gnu' ? 'glibc' : 'musl'}` : '') +
      `. It would be in the package ${wanted} (or ${pkg.name}.${suffix}.node beside the loader).`,
    available.length === 0
      ? 'This copy of landed was not installed from npm: build the addon first (`npm run build` in bindings-node).'
      : available.includes(wanted)
        ? `${wanted} is not installed or did not load: install it (\`npm install ${wanted}@${pkg.version}\`), ` +
          'without --omit=optional / --no-optional, and not from a lockfile or node_modules made on another platform.'
        : `No prebuilt binary is published for this platform; prebuilt: ${available.join(', ')}. ` +
          'Build from source (a Rust toolchain and bindings-node, see its README).',
  ]
  if (causes.length > 0) lines.push('What the loader tried: ' + causes.reverse().join('; '))
  const explained = new Error(lines.join('\n'))
  explained.code = 'LANDED_NO_NATIVE_BINARY'
  explained.cause = error
  return explained
}

function isGlibc() {
  try {
    if (process.report && typeof process.report.getReport === 'function') {
      process.report.excludeNetwork = true
      const header = process.report.getReport().header
      return Boolean(header && header.glibcVersionRuntime)
    }
  } catch {
    // fall through
  }
  try {
    return !require('node:fs').readFileSync('/usr/bin/ldd', 'utf8').includes('musl')
  } catch {
    return true
  }
}
