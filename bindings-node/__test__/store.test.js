'use strict'
// The durable Store: a Book bound to a SQLite file. The same objects in and
// out as Book; every command is in the file before `execute` returns, a
// second handle that wrote first makes a write throw STORE_CONFLICT, and the
// store's failures carry their codes.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const { Book, Store } = require('..')
const { throwsCode } = require('./helpers')

const CONFIG = { functional_currency: 'USD', valuation_method: 'fifo' }

function scratch() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'landed-store-'))
}

const ctx = (n) => ({ at: new Date(Date.UTC(2026, 10, 2, 9, n)).toISOString().replace('.000Z', 'Z'), command_id: `c${n}` })

const receive = (quantity, amount) => ({
  type: 'receive', sku: 'LAMP', location: 'SZ', quantity, unit_cost: { amount, currency: 'USD' },
})
const issue = (quantity) => ({ type: 'issue', sku: 'LAMP', location: 'SZ', quantity, reason: 'sale' })

const SHOP = [
  { type: 'define_location', code: 'SZ', name: 'Shenzhen', kind: 'own' },
  { type: 'define_sku', code: 'LAMP', name: 'Desk lamp' },
  receive(10, '2.50'),
  receive(10, '3.10'),
  issue(12),
]

function runShop(target) {
  SHOP.forEach((command, i) => target.execute(command, ctx(i + 1)))
}

describe('Store', () => {
  it('keeps a durable book in three lines, equal to a replayed Book', () => {
    const file = path.join(scratch(), 'shop.db')
    const store = Store.open(file, CONFIG)
    runShop(store)
    store.close()

    const again = Store.open(file, CONFIG)
    const book = new Book(CONFIG)
    runShop(book)
    assert.equal(again.version, 5)
    assert.equal(again.headHash, book.headHash)
    assert.match(again.headHash, /^[0-9a-f]{64}$/)
    // FIFO: the 12 issued are 10 at 2.50 and 2 at 3.10; 8 at 3.10 remain.
    assert.equal(again.stock('LAMP').on_hand, 8)
    const [line] = again.valuation('LAMP')
    assert.equal(line.quantity, 8)
    assert.deepEqual(line.value, { amount: '24.80', currency: 'USD' })
    assert.deepEqual(again.valuation(), book.valuation())
    assert.deepEqual(again.trialBalance('2026-11-30'), book.trialBalance('2026-11-30'))
    assert.deepEqual(again.config, book.config)
    assert.deepEqual(again.events(), book.events())
    again.close()
  })

  it('reopens with openExisting, and refuses a closed handle with STORE_IO', () => {
    const file = path.join(scratch(), 'shop.db')
    const store = Store.open(file, JSON.stringify(CONFIG))
    runShop(store)
    store.close()
    assert.equal(store.closed, true)
    throwsCode(() => store.stock('LAMP'), 'STORE_IO', /closed/)
    throwsCode(() => store.execute(issue(1), ctx(9)), 'STORE_IO', /closed/)
    store.close()

    const reopened = Store.openExisting(file)
    assert.equal(reopened.closed, false)
    assert.equal(reopened.version, 5)
    assert.equal(reopened.config.valuation_method, 'fifo')
    assert.equal(reopened.position('LAMP', 'SZ').quantities.available, 8)
    // A refused command keeps the book's code and writes nothing.
    throwsCode(() => reopened.execute(issue(9), ctx(6)), 'INSUFFICIENT_STOCK')
    assert.equal(reopened.version, 5)
    reopened.close()
    throwsCode(() => Store.open(file, { functional_currency: 'CNY' }), 'STORE_CONFIG_MISMATCH')
  })

  it('refuses openExisting on a missing file with STORE_IO', () => {
    const file = path.join(scratch(), 'missing.db')
    throwsCode(() => Store.openExisting(file), 'STORE_IO', /does not exist/)
    assert.equal(fs.existsSync(file), false)
  })

  it('makes the slower of two racing handles conflict, then refresh and retry', () => {
    const file = path.join(scratch(), 'race.db')
    const first = Store.open(file, CONFIG)
    const second = Store.open(file, CONFIG)
    runShop(first)
    assert.equal(second.version, 0)
    const depot = { type: 'define_location', code: 'DE', name: 'Depot', kind: 'third_party' }
    throwsCode(() => second.execute(depot, ctx(6)), 'STORE_CONFLICT', /version 0 to 5/)
    // The conflict reloaded `second`: the retry goes through.
    assert.equal(second.version, 5)
    const outcome = second.execute(depot, ctx(6))
    assert.equal(outcome.version, 6)
    assert.equal(outcome.duplicate, false)

    assert.equal(first.refresh(), true)
    assert.equal(first.refresh(), false)
    assert.equal(first.headHash, second.headHash)
    assert.equal(first.execute(issue(3), ctx(7)).version, 7)
    assert.equal(first.execute(issue(3), ctx(7)).duplicate, true)
    second.refresh()
    assert.equal(second.stock('LAMP').on_hand, 5)
    assert.equal(second.valuation('LAMP')[0].value.amount, '15.50')
    first.close()
    second.close()
  })

  it('writes batches in one transaction and takes snapshots', () => {
    const file = path.join(scratch(), 'batch.db')
    const store = Store.open(file, CONFIG)
    const results = store.executeBatch(SHOP.map((command, i) => ({ command, context: ctx(i + 1) })), true)
    assert.deepEqual(results.map((r) => r.ok.version), [1, 2, 3, 4, 5])
    const sales = store.executeBatch([
      { command: issue(5), context: ctx(6) },
      { command: issue(5), context: ctx(7) },
    ])
    assert.equal(sales[1].error.code, 'INSUFFICIENT_STOCK')
    assert.equal(store.version, 6)
    const undone = store.executeBatch([
      { command: issue(1), context: ctx(8) },
      { command: issue(9), context: ctx(9) },
    ], true)
    assert.equal(undone.at(-1).error.code, 'INSUFFICIENT_STOCK')
    assert.equal(store.version, 6)
    assert.equal(store.snapshotNow(), store.events().at(-1).seq)
    store.close()
    const again = Store.openExisting(file)
    assert.equal(again.stock('LAMP').on_hand, 3)
    again.close()
  })

  it('exports JSON lines and imports them into a new store', () => {
    const dir = scratch()
    const lines = path.join(dir, 'log.jsonl')
    const store = Store.open(path.join(dir, 'source.db'), CONFIG)
    runShop(store)
    assert.equal(store.exportJsonl(lines), store.events().length)
    assert.equal(fs.readFileSync(lines, 'utf8'), store.eventsLines())
    const copy = Store.importJsonl(path.join(dir, 'copy.db'), lines, CONFIG)
    assert.equal(copy.headHash, store.headHash)
    assert.equal(copy.valuation('LAMP')[0].value.amount, '24.80')
    copy.close()
    throwsCode(() => Store.importJsonl(path.join(dir, 'copy.db'), lines, CONFIG), 'STORE_EXISTS')
    const edited = path.join(dir, 'edited.jsonl')
    fs.writeFileSync(edited, fs.readFileSync(lines, 'utf8').replace('"quantity":10', '"quantity":11'))
    throwsCode(() => Store.importJsonl(path.join(dir, 'bad.db'), edited, CONFIG), 'STORE_CORRUPT')
    assert.equal(fs.existsSync(path.join(dir, 'bad.db')), false)
    store.close()
  })
})
