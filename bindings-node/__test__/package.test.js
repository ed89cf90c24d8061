'use strict'
// What `npm pack` puts in the package: the loader, the declarations, the
// JSON Schemas (schema/), the README and both licence texts (copied from the repository root by the
// prepack script, as they are not in this folder).
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const { repoRoot } = require('./helpers')

const packageDir = path.join(__dirname, '..')

describe('npm package', () => {
  it('ships the README and the licence files with the code', () => {
    // A copy of the package beside copies of the licences, with a small
    // stand-in for the addon: packing the real debug addon (tens of MB)
    // would spend the time gzipping it.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'landed-pack-'))
    try {
      const copy = path.join(root, 'bindings-node')
      fs.mkdirSync(path.join(copy, 'src'), { recursive: true })
      fs.mkdirSync(path.join(copy, '__test__'))
      for (const file of ['package.json', 'README.md', 'entry.js', 'index.js', 'index.d.ts', 'entry.d.ts', 'types.d.ts']) {
        fs.copyFileSync(path.join(packageDir, file), path.join(copy, file))
      }
      fs.cpSync(path.join(packageDir, 'schema'), path.join(copy, 'schema'), { recursive: true })
      for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) {
        fs.copyFileSync(path.join(repoRoot, licence), path.join(root, licence))
      }
      fs.writeFileSync(path.join(copy, 'landed.linux-x64-gnu.node'), 'stand-in')
      fs.writeFileSync(path.join(copy, 'src', 'lib.rs'), '')
      fs.writeFileSync(path.join(copy, '__test__', 'book.test.js'), '')
      const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], {
        cwd: copy,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const [pack] = JSON.parse(stdout.slice(stdout.indexOf('[')))
      const schemas = fs.readdirSync(path.join(repoRoot, 'docs', 'schema'))
        .filter((f) => f.endsWith('.schema.json'))
        .map((f) => `schema/${f}`)
      assert.ok(schemas.length > 30)
      assert.deepEqual(pack.files.map((f) => f.path).sort(), [
        'LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'entry.d.ts', 'entry.js', 'index.d.ts', 'index.js',
        'landed.linux-x64-gnu.node', 'package.json', ...schemas, 'types.d.ts',
      ].sort())
      for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) {
        assert.equal(
          fs.readFileSync(path.join(copy, licence), 'utf8'),
          fs.readFileSync(path.join(repoRoot, licence), 'utf8'),
        )
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })

  it('declares the licence of the workspace and no repository', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'))
    assert.equal(pkg.license, 'MIT OR Apache-2.0')
    assert.equal(pkg.repository, undefined)
  })
})
