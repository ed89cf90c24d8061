'use strict'
// Shared by the test files: where the data lives, and an assertion for the
// binding's error contract (an Error whose `code` is a stable landed code).
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const repoRoot = path.resolve(__dirname, '..', '..')

/** Asserts that `fn` throws an `Error` with `err.code === code`; returns the error. */
function throwsCode(fn, code, messagePattern) {
  let caught
  assert.throws(fn, (err) => {
    caught = err
    return true
  })
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`)
  assert.equal(caught.code, code, `wrong code; message: ${caught.message}`)
  assert.equal(typeof caught.message, 'string')
  assert.ok(caught.message.length > 0)
  if (messagePattern) assert.match(caught.message, messagePattern)
  return caught
}

/**
 * A book with locations SZ (own) and DE (third party) and SKUs A and B
 * defined, and `run`, which executes a command with a fresh command id and a
 * clock one minute later each time (from 2026-11-02T09:01Z, so stock
 * vouchers are dated 2026-11-02).
 */
function harness(config) {
  const { Book } = require('..')
  const book = new Book(config)
  let n = 0
  const context = (extra = {}) => {
    n += 1
    const at = new Date(Date.UTC(2026, 10, 2, 9, n)).toISOString().replace('.000Z', 'Z')
    return { at, command_id: `cmd-${n}`, ...extra }
  }
  const run = (command, extra) => book.execute(command, context(extra))
  run({ type: 'define_location', code: 'SZ', name: 'Shenzhen', kind: 'own', country: 'CN' })
  run({ type: 'define_location', code: 'DE', name: 'Leipzig 3PL', kind: 'third_party' })
  run({ type: 'define_sku', code: 'A', name: 'Desk lamp' })
  run({ type: 'define_sku', code: 'B', name: 'Lamp shade' })
  return { book, run, context }
}

/**
 * A book that ran the batch of a fixture of tests/data (`{ config, batch }`),
 * every command accepted.
 */
function fixtureBook(name) {
  const { Book } = require('..')
  const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'data', name), 'utf8'))
  const book = new Book(fixture.config)
  const results = book.executeBatch(fixture.batch, true)
  assert.deepEqual(
    results.filter((r) => !r.ok),
    [],
    name,
  )
  return book
}

const money = (amount, currency) => ({ amount, currency })
const receive = (sku, location, quantity, amount, currency = 'USD') => ({
  type: 'receive',
  sku,
  location,
  quantity,
  unit_cost: money(amount, currency),
})
const issue = (sku, location, quantity, extra = {}) => ({
  type: 'issue',
  sku,
  location,
  quantity,
  reason: 'sale',
  ...extra,
})

/** Whether a decimal string is zero ('0', '0.00', '-0'). */
const isZero = (decimal) => /^[-+]?0+(\.0+)?$/.test(decimal)

/**
 * A journal entry as a voucher is read: 'Dr 1300 100.00, Cr 2100 100.00'
 * (each line's non-zero side, in the entry's order: debits first).
 */
function voucher(entry) {
  return entry.lines
    .map((l) => (isZero(l.debit) ? `Cr ${l.account} ${l.credit}` : `Dr ${l.account} ${l.debit}`))
    .join(', ')
}

/** The journal entries an outcome posted, as vouchers. */
function vouchers(outcome) {
  return outcome.events.filter((r) => r.event.type === 'journal_posted').map((r) => voucher(r.event))
}

/**
 * The single business event of an outcome: the journal entries it posted
 * (`journal_posted`, right after the stock event) are left to `vouchers`.
 */
function onlyEvent(outcome) {
  const events = outcome.events.filter((r) => r.event.type !== 'journal_posted')
  assert.equal(events.length, 1, JSON.stringify(outcome.events))
  return events[0].event
}

module.exports = {
  repoRoot,
  throwsCode,
  harness,
  fixtureBook,
  money,
  receive,
  issue,
  isZero,
  voucher,
  vouchers,
  onlyEvent,
}
