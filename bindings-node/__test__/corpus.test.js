'use strict'
// The shared bad-input corpus (tests/corpus/bad-inputs.json) through Node.
// For each case: a fresh book from the corpus's config and setup, its
// snapshot text and version taken, the bad input applied, the exact error
// code checked, and the snapshot text and version checked byte for byte
// afterwards. Every input goes to the core as JSON text (a string argument
// is JSON text in `new Book`, `Book.replay`, `execute` and `executeBatch`):
// `raw` as it is, a JSON value as its exact text in the file (see rawJson),
// so the core sees exactly the case's input. The same file
// is run by the Rust, Python and Kotlin runners. LANDED_CORPUS=<path> runs
// another file of the same format.
const { describe, test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Book } = require('..')
const { repoRoot } = require('./helpers')

const corpusPath = process.env.LANDED_CORPUS || path.join(repoRoot, 'tests', 'corpus', 'bad-inputs.json')
const fileText = fs.readFileSync(corpusPath, 'utf8')
const doc = JSON.parse(fileText)

/**
 * The file read again keeping each value's exact text (`{ text, members }`
 * for objects, `{ text, items }` for arrays, `{ text }` otherwise): a value
 * is sent as its own slice of the file, not re-serialized, because
 * JSON.parse + JSON.stringify would change it (9223372036854775807 becomes
 * 9223372036854776000, 22.0 becomes 22, 1e400 becomes null).
 */
function rawJson(s) {
  let i = 0
  const ws = () => {
    while (i < s.length && ' \t\r\n'.includes(s[i])) i++
  }
  const skipString = () => {
    i++
    while (s[i] !== '"') i += s[i] === '\\' ? 2 : 1
    i++
  }
  const value = () => {
    ws()
    const start = i
    if (s[i] === '{' || s[i] === '[') {
      const isObject = s[i] === '{'
      const close = isObject ? '}' : ']'
      const members = {}
      const items = []
      i++
      ws()
      if (s[i] === close) i++
      else {
        for (;;) {
          ws()
          if (isObject) {
            const keyStart = i
            skipString()
            const key = JSON.parse(s.slice(keyStart, i))
            ws()
            i++ // ':'
            members[key] = value()
          } else {
            items.push(value())
          }
          ws()
          if (s[i++] === close) break
        }
      }
      return isObject ? { text: s.slice(start, i), members } : { text: s.slice(start, i), items }
    }
    if (s[i] === '"') skipString()
    else while (i < s.length && !',}] \t\r\n'.includes(s[i])) i++
    return { text: s.slice(start, i) }
  }
  return value()
}
const raw = rawJson(fileText)
assert.equal(raw.members.cases.items.length, doc.cases.length)

// A context and a command that are fine, for a case that gives only the bad
// half.
const defaultContext = (i) => JSON.stringify({ at: '2026-11-10T09:00:00Z', command_id: `bad-${i}` })
const defaultCommand = JSON.stringify({
  type: 'receive', sku: 'LAMP', location: 'SZ', quantity: 1, unit_cost: { amount: '2.50', currency: 'USD' },
})

function baseBook() {
  const book = new Book(raw.members.config.text)
  for (const step of raw.members.setup.items) book.execute(step.members.command.text, step.members.context.text)
  return book
}

/** Applies the case's input; returns the error it threw or reported. */
function apply(book, c, i) {
  const slices = raw.members.cases.items[i].members
  // The case's bad input: `raw` when present, else the first key given,
  // as its exact text in the file.
  const badInput = (_, ...keys) => {
    if ('raw' in c) return String(c.raw)
    for (const key of keys) if (key in slices) return slices[key].text
    throw new Error(`case ${c.name} has none of raw, ${keys.join(', ')}`)
  }
  const text = (key) => slices[key].text
  try {
    switch (c.kind) {
      case 'command':
        book.execute(badInput(c, 'command'), 'context' in c ? text('context') : defaultContext(i))
        break
      case 'context':
        book.execute('command' in c ? text('command') : defaultCommand, badInput(c, 'context'))
        break
      case 'batch_all_or_nothing': {
        const results = book.executeBatch(badInput(c, 'items', 'batch', 'command'), true)
        const failed = results.filter((r) => 'error' in r)
        assert.ok(failed.length > 0, `the batch was accepted: ${JSON.stringify(results).slice(0, 300)}`)
        assert.equal(results[results.length - 1], failed[0], 'all-or-nothing stops at the first failure')
        return failed[0].error
      }
      case 'config':
        new Book(badInput(c, 'config'))
        break
      case 'replay':
        Book.replay('config' in c ? text('config') : raw.members.config.text, badInput(c, 'events'))
        break
      case 'restore':
        Book.restore(badInput(c, 'snapshot'))
        break
      default:
        throw new Error(`unknown case kind ${c.kind}`)
    }
  } catch (err) {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    assert.equal(typeof err.code, 'string', `no code: ${err.message}`)
    return err
  }
  assert.fail(`accepted: ${c.kind}: ${c.name}`)
}

describe(`bad-input corpus (${doc.cases.length} cases)`, () => {
  doc.cases.forEach((c, i) => {
    test(`${c.kind}: ${c.name}`, () => {
      const book = baseBook()
      const before = book.snapshot()
      const version = book.version
      const err = apply(book, c, i)
      assert.equal(err.code, c.expect, err.message)
      assert.equal(book.version, version)
      assert.equal(book.snapshot(), before)
    })
  })
})
