'use strict'
// Runs the Node guide, docs/guides/node.md. Its ```js blocks, in order, are
// written into one CommonJS module inside this package (so the guide's
// `require('landed')` resolves to the package, as in a user's project) and
// required: the guide's own `assert` lines are the test. Every line outside
// a block is left blank, so the module's line numbers, in a stack trace, are
// the guide's.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { repoRoot } = require('./helpers')

const guide = path.join(repoRoot, 'docs', 'guides', 'node.md')

/** The guide as a program: the lines of its `language` blocks, every other line blank. */
function program(text, language) {
  let inside = false
  let blocks = 0
  const lines = text.split('\n').map((line, index) => {
    if (!inside && line.trim() === '```' + language) {
      inside = true
      blocks += 1
      return ''
    }
    if (inside && line.trim() === '```') {
      inside = false
      return ''
    }
    if (inside) return line
    return ''
  })
  assert.equal(inside, false, `a \`\`\`${language} block is not closed`)
  return { source: lines.join('\n'), blocks }
}

describe('docs/guides/node.md', () => {
  it('runs as written, its asserts passing', () => {
    const { source, blocks } = program(fs.readFileSync(guide, 'utf8'), 'js')
    assert.ok(blocks >= 10, 'the guide lost its code')
    assert.ok((source.match(/assert\./g) || []).length >= 40, 'the guide lost its checks')
    const dir = fs.mkdtempSync(path.join(__dirname, '.guide-'))
    const file = path.join(dir, 'node.md.js')
    try {
      fs.writeFileSync(file, source)
      require(file)
    } catch (err) {
      // The stack names node.md.js:<line>; the line is the guide's.
      err.message = `docs/guides/node.md: ${err.message}`
      throw err
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('keeps the guide line numbers of block lines', () => {
    const text = '# t\n\n```js\nconst x = 1\n```\n\n```sh\nls\n```\n```js\nx\n```\n'
    const { source, blocks } = program(text, 'js')
    assert.equal(blocks, 2)
    assert.deepEqual(source.split('\n'), ['', '', '', 'const x = 1', '', '', '', '', '', '', 'x', '', ''])
  })
})
