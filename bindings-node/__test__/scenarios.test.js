'use strict'
// The scenarios of tests/scenarios/ (see its README) through the Node
// `Book`: commands and contexts go in as plain objects (decimals as
// strings), outcomes and reports come back as objects; a small
// canonicalizer (keys sorted, no whitespace, integers only: decimals must
// stay strings) turns them into the canonical JSON that must equal the
// expected file the Rust runner wrote, byte for byte.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Book } = require('..')
const { repoRoot } = require('./helpers')

const dir = path.join(repoRoot, 'tests', 'scenarios')
const files = fs
  .readdirSync(dir)
  .filter((name) => name.endsWith('.json') && !name.endsWith('.expected.json'))
  .sort()

/** Canonical JSON of a value the binding returned. */
function canonical(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`a non-integer number in the binding's output: ${value}`)
    return String(value)
  }
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return JSON.stringify(value.toISOString().replace('.000Z', 'Z'))
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`
  }
  throw new TypeError(`unexpected ${typeof value} in the binding's output`)
}

const error = (err) => {
  assert.ok(err instanceof Error, `expected an Error, got ${err}`)
  assert.equal(typeof err.code, 'string', `no code on: ${err.message}`)
  return { error: { code: err.code, message: err.message } }
}

/** One query by name: the dispatcher every runner has. */
function query(book, name, args) {
  switch (name) {
    case 'position':
      return book.position(args.sku, args.location, args.lot)
    case 'stock':
      return book.stock(args.sku)
    case 'valuation':
      return book.valuation(args.sku)
    case 'history':
      return book.history(args.sku)
    case 'journal':
      return book.journal()
    case 'trial_balance':
      return book.trialBalance(args.as_of)
    case 'role_balances':
      return book.roleBalances(args.as_of)
    case 'account_ledger':
      return book.accountLedger(args.account)
    case 'reconciliation':
      return book.reconciliation()
    case 'landed_cost':
      return book.landedCost(args.sku)
    case 'in_transit':
      return book.inTransit(args.as_of)
    case 'transfer':
      return book.transfer(args.transfer)
    case 'purchase_orders':
      return book.purchaseOrders()
    case 'open_items':
      return book.openItems(args.as_of)
    case 'accruals':
      return book.accruals()
    case 'sales_order':
      return book.salesOrder(args.channel, args.order)
    case 'sales_orders':
      return book.salesOrders(args.channel)
    case 'order_exceptions':
      return book.orderExceptions()
    case 'sales_settlement':
      return book.salesSettlement(args.settlement)
    case 'sales_settlements':
      return book.salesSettlements(args.channel)
    case 'profit':
      return book.profit(args)
    case 'events':
      return book.events()
    default:
      throw new Error(`unknown query ${name}`)
  }
}

function reports(book, queries) {
  return queries.map((q) => {
    try {
      return query(book, q.query, q.args ?? {})
    } catch (err) {
      return error(err)
    }
  })
}

/** Runs one scenario: the text of its expected file. */
function run(scenario) {
  const book = new Book(scenario.config)
  const outcomes = scenario.steps.map((step) => {
    const head = book.headHash
    try {
      return book.execute(step.command, step.context)
    } catch (err) {
      assert.equal(book.headHash, head, 'a refused command changed the book')
      return error(err)
    }
  })
  const queries = scenario.queries ?? []
  const live = reports(book, queries)
  const expected = { outcomes, reports: live, version: book.version, head_hash: book.headHash }
  if (scenario.replay) {
    const replayed = Book.replay(scenario.config, book.events())
    assert.equal(canonical(reports(replayed, queries)), canonical(live), 'replayed reports differ')
    expected.replayed_head_hash = replayed.headHash
  }
  return `${canonical(expected)}\n`
}

function firstDifference(actual, expected) {
  let at = 0
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at += 1
  const line = expected.slice(0, at).split('\n').length
  const around = (text) => text.slice(Math.max(0, at - 80), at + 80)
  return `first difference at character ${at} (line ${line}):\n  actual:   …${around(actual)}…\n  expected: …${around(expected)}…`
}

describe('scenarios', () => {
  it('has at least twelve', () => {
    assert.ok(files.length >= 12, `${files.length} scenarios`)
  })
  for (const name of files) {
    it(name, () => {
      const scenario = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'))
      const actual = run(scenario)
      const expected = fs.readFileSync(path.join(dir, name.replace(/\.json$/, '.expected.json')), 'utf8')
      if (actual !== expected) assert.fail(`${name}: ${firstDifference(actual, expected)}`)
    })
  }
})
