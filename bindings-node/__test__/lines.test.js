'use strict'
// Bulk work without a JavaScript object per event: a batch as JSON lines in
// (book.executeLines), the recorded events as one string of JSON lines out,
// and a book replayed from that text (Book.replayLines). The book is the
// profit book of tests/data/profit-book.json.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Book } = require('..')
const { repoRoot, throwsCode } = require('./helpers')

const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'data', 'profit-book.json'), 'utf8'))
const LINES = fixture.batch.map((item) => JSON.stringify(item) + '\n').join('')

describe('JSON lines', () => {
  it('runs the profit book as lines and replays it from its events text', () => {
    const book = new Book(fixture.config)
    const out = book.executeLines(LINES, true)
    assert.deepEqual(out.errors, [])
    assert.deepEqual([out.version, out.executed, out.duplicates], [8, 8, 0])
    assert.equal(typeof out.events, 'string')
    assert.ok(out.events.endsWith('\n'))
    const lines = out.events.trimEnd().split('\n')
    assert.equal(lines.length, 17)
    assert.equal(out.events, book.eventsLines())
    assert.deepEqual(lines.map((line) => JSON.parse(line)), book.events())
    assert.equal(JSON.parse(lines[16]).hash, book.headHash)

    const replayed = Book.replayLines(fixture.config, out.events)
    assert.equal(replayed.headHash, book.headHash)
    assert.equal(replayed.snapshot(), book.snapshot())
    const profit = replayed.profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'sku' })
    assert.equal(profit.lines[0].figures.profit, '26.50')
    assert.equal(Book.replayLines(JSON.stringify(fixture.config), out.events).version, 8)
  })

  it('reports failing lines by number, and all or nothing keeps nothing', () => {
    const lines = LINES.trimEnd().split('\n')
    // Shipping order 1001 before its channel exists: line 5, after a blank line.
    const text = `${lines.slice(0, 3).join('\n')}\n\n${lines[6]}\n`
    const book = new Book(fixture.config)
    const out = book.executeLines(text)
    assert.deepEqual([out.version, out.executed, out.duplicates], [3, 3, 0])
    assert.deepEqual(out.errors.map((e) => [e.line, e.code]), [[5, 'UNKNOWN_CHANNEL']])
    assert.equal(out.events.trimEnd().split('\n').length, 4)
    const again = book.executeLines(text)
    assert.deepEqual([again.executed, again.duplicates, again.events], [0, 3, ''])

    const fresh = new Book(fixture.config)
    const before = fresh.snapshot()
    const undone = fresh.executeLines(text, true)
    assert.deepEqual([undone.version, undone.executed, undone.events], [0, 0, ''])
    assert.deepEqual(undone.errors.map((e) => e.line), [5])
    assert.equal(fresh.snapshot(), before)
  })

  it('refuses a malformed line before running anything, and an edited event', () => {
    const book = new Book(fixture.config)
    const bad = LINES.replace('"type":"define_channel"', '"type":"define_channel","colour":"red"')
    throwsCode(() => book.executeLines(bad), 'INVALID_COMMAND', /line 4: command: unknown field `colour`/)
    assert.equal(book.version, 0)
    const { events } = book.executeLines(LINES)
    const edited = events.replace('"quantity":10', '"quantity":100')
    throwsCode(() => Book.replayLines(fixture.config, edited), 'INVALID_EVENT_LOG', /cannot replay event 3:/)
    throwsCode(
      () => Book.replayLines(fixture.config, events.split('\n')[0] + '\n{\n'),
      'INVALID_EVENT_LOG',
      /line 2:/,
    )
  })
})
