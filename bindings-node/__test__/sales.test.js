'use strict'
// Selling: the book of tests/data/sales-book.json (the core's sales_book: a
// Shopify order of 5 lamps split 3 + 2 between the 3PL in Los Angeles and
// Shenzhen, and an order for a listing the channel does not know), shipped,
// returned and refused as in core/tests/sales.rs. The reports are
// salesOrder, salesOrders and orderExceptions; money is exact decimal
// strings throughout.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Book } = require('..')
const { repoRoot, throwsCode, vouchers } = require('./helpers')

const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'data', 'sales-book.json'), 'utf8'))

// A book that ran a fixture's batch, every command accepted.
function bookOf(data) {
  const book = new Book(data.config)
  const results = book.executeBatch(data.batch, true)
  assert.deepEqual(
    results.filter((r) => !r.ok),
    [],
  )
  return book
}

const salesBook = () => bookOf(fixture)

const run = (book, day, id, command) => book.execute(command, { at: `${day}T09:00:00Z`, command_id: id })
const ship1001 = { type: 'ship_sales_order', channel: 'shop-us', order: '1001', shipment: 'S-1001' }

describe('sales orders', () => {
  it('reserves the split order 3 in Los Angeles and 2 in Shenzhen', () => {
    const book = salesBook()
    const order = book.salesOrder('shop-us', '1001')
    assert.deepEqual([order.channel, order.order, order.date, order.currency], ['shop-us', '1001', '2026-11-20', 'USD'])
    assert.deepEqual([order.revision, order.shipments], [0, []])
    assert.equal(order.lines.length, 1)
    const [line] = order.lines
    assert.deepEqual([line.line, line.listing, line.skus], ['1', 'lamp-black', [{ sku: 'LAMP', per_unit: 1 }]])
    assert.deepEqual([line.ordered, line.reserved, line.shipped, line.unserved], [5, 5, 0, 0])
    assert.deepEqual(line.locations, [
      { location: 'LA', reserved: 3, shipped: 0 },
      { location: 'SZ', reserved: 2, shipped: 0 },
    ])
    assert.equal(typeof line.net_cost, 'string')
    assert.deepEqual(
      book.salesOrders().map((o) => o.order),
      ['1001', '1002'],
    )
    assert.deepEqual(
      book.salesOrders('shop-us').map((o) => o.order),
      ['1001', '1002'],
    )
    assert.deepEqual(
      book.salesOrders(null).map((o) => o.order),
      ['1001', '1002'],
    )
    assert.deepEqual(book.salesOrders('amazon-de'), [])
    assert.deepEqual(book.orderExceptions(), [
      { channel: 'shop-us', order: '1002', line: '1', kind: 'unknown_listing', quantity: 1 },
    ])
  })

  it('ships the split order at 24.00 + 14.00 of cost with 138.00 receivable', () => {
    const book = salesBook()
    const out = run(book, '2026-11-21', 'ship-1001', ship1001)
    assert.deepEqual(vouchers(out), [
      'Dr 5000 24.00, Cr 1300 24.00',
      'Dr 5000 14.00, Cr 1300 14.00',
      'Dr 1250 138.00, Cr 4000 75.00, Cr 4050 3.00, Cr 2450 4.80, Cr 4000 50.00, Cr 4050 2.00, Cr 2450 3.20',
    ])
    const order = book.salesOrder('shop-us', '1001')
    const [line] = order.lines
    assert.deepEqual(order.shipments, ['S-1001'])
    assert.deepEqual([line.reserved, line.shipped, line.unserved], [0, 5, 0])
    assert.equal(line.recognised.principal, '125.00')
    assert.equal(line.recognised.shipping, '5.00')
    assert.equal(line.recognised.tax, '8.00')
    assert.equal(line.net_cost, '38.00')
    const item = book.openItems('2026-11-30').find((i) => i.document === 'S-1001')
    assert.deepEqual(item.open, { amount: '138.00', currency: 'USD' })
  })

  it('ships an FBA order in euros at the book rate', () => {
    const book = salesBook()
    run(book, '2026-11-19', 'rates', {
      type: 'record_rates',
      entries: [{ base: 'EUR', quote: 'USD', date: '2026-11-19', rate: '1.10' }],
    })
    run(book, '2026-11-19', 'amazon', {
      type: 'define_channel',
      code: 'amazon-de',
      name: 'Amazon DE',
      kind: 'amazon',
      currency: 'EUR',
      fba_location: 'FBA-US',
      locations: [{ location: 'SZ' }],
    })
    run(book, '2026-11-19', 'asin', { type: 'define_listing', channel: 'amazon-de', listing: 'B0LAMP01', sku: 'LAMP' })
    run(book, '2026-11-20', 'A-1', {
      type: 'ingest_sales_order',
      channel: 'amazon-de',
      order: '302-1',
      date: '2026-11-20',
      fulfilment: 'channel',
      lines: [
        {
          line: '1',
          listing: 'B0LAMP01',
          quantity: 2,
          unit_price: '29.90',
          discount: '5.00',
          tax: '10.41',
          marketplace_tax: true,
        },
      ],
    })
    const [order] = book.salesOrders('amazon-de')
    assert.deepEqual([order.currency, order.fulfilment], ['EUR', 'channel'])
    assert.deepEqual(order.lines[0].locations, [{ location: 'FBA-US', reserved: 2, shipped: 0 }])
    const out = run(book, '2026-11-21', 'A-1/ship', {
      type: 'ship_sales_order',
      channel: 'amazon-de',
      order: '302-1',
      shipment: 'AMZ-302-1',
    })
    // 2 x 9.00 of cost; 54.80 EUR of revenue at 1.10 = 60.28 USD; the
    // marketplace's 10.41 EUR of tax (11.45 USD); receivable 65.21 EUR.
    assert.deepEqual(vouchers(out), ['Dr 5000 18.00, Cr 1300 18.00', 'Dr 1250 71.73, Cr 4000 60.28, Cr 2460 11.45'])
    assert.equal(book.salesOrder('amazon-de', '302-1').lines[0].net_cost, '18.00')
    const item = book.openItems('2026-11-30').find((i) => i.document === 'AMZ-302-1')
    assert.deepEqual(item.open, { amount: '65.21', currency: 'EUR' })
  })

  it('takes a return graded damaged back at its cost', () => {
    const book = salesBook()
    run(book, '2026-11-21', 'ship-1001', ship1001)
    const out = run(book, '2026-11-25', 'rma-1', {
      type: 'receive_sales_return',
      channel: 'shop-us',
      order: '1001',
      line: '1',
      quantity: 1,
      grade: 'damaged',
      location: 'SZ',
      reason: 'cracked shade',
    })
    assert.deepEqual(vouchers(out), ['Dr 1300 7.60, Cr 5000 7.60'])
    const [line] = book.salesOrder('shop-us', '1001').lines
    assert.deepEqual([line.shipped, line.returned], [5, 1])
    assert.equal(line.net_cost, '30.40')
    assert.equal(book.position('LAMP', 'SZ').quantities.damaged, 1)
  })

  it('refuses an over-shipment with the book unchanged', () => {
    const book = salesBook()
    const before = book.snapshot()
    const version = book.version
    throwsCode(
      () =>
        run(book, '2026-11-21', 'ship-too-many', {
          ...ship1001,
          shipment: 'S-1',
          lines: [{ line: '1', location: 'LA', quantity: 4 }],
        }),
      'OVER_SHIPMENT',
    )
    throwsCode(() => run(book, '2026-11-21', 'ship-channel', { ...ship1001, channel: 'ebay' }), 'UNKNOWN_CHANNEL')
    assert.equal(book.snapshot(), before)
    assert.equal(book.version, version)
    assert.equal(book.salesOrder('shop-us', '1001').lines[0].shipped, 0)
  })

  it('throws UNKNOWN_SALES_ORDER for an order the book does not know', () => {
    const book = salesBook()
    throwsCode(() => book.salesOrder('shop-us', '9999'), 'UNKNOWN_SALES_ORDER')
    throwsCode(() => book.salesOrder('ebay', '1001'), 'UNKNOWN_SALES_ORDER')
  })

  it('closes the unknown-listing exception when the order is cancelled', () => {
    const book = salesBook()
    run(book, '2026-11-21', 'cancel-1002', { type: 'cancel_sales_order', channel: 'shop-us', order: '1002' })
    assert.deepEqual(book.orderExceptions(), [])
    const [line] = book.salesOrder('shop-us', '1002').lines
    assert.deepEqual([line.cancelled, line.unserved], [1, 0])
  })
})

// The profit book of tests/data/profit-book.json: 2 lamps at 25.00 (cost
// 8.00 each) shipped on 2026-11-21, settled by P-1 on 2026-11-24 with a
// 7.50 referral fee.
const profitFixture = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'data', 'profit-book.json'), 'utf8'))

const profitBook = () => bookOf(profitFixture)

describe('profit and settlements', () => {
  it('gives the lamp 50.00 revenue, 16.00 cost, 7.50 fees and 26.50 profit', () => {
    const book = profitBook()
    const report = book.profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'sku' })
    assert.equal(report.lines.length, 1)
    const [lamp] = report.lines
    const f = lamp.figures
    assert.deepEqual([lamp.key, f.revenue, f.cogs, f.fees, f.sales_returns, f.profit], ['LAMP', '50.00', '16.00', '7.50', '0.00', '26.50'])
    assert.deepEqual(report.total, f)
    const byChannel = book.profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'channel', basis: 'settlement', channel: 'shop-us' })
    const [usd] = byChannel.lines[0].channel_currency
    assert.deepEqual([byChannel.lines[0].key, usd.currency, usd.net], ['shop-us', 'USD', '42.50'])
    // Before the settlement's day the fee is not in yet.
    const early = book.profit({ from: '2026-11-01', to: '2026-11-23', group_by: 'order' })
    assert.deepEqual([early.lines[0].key, early.total.profit], ['shop-us/1001', '34.00'])
  })

  it('reports the settlement P-1 paying out 44.50', () => {
    const book = profitBook()
    const settlement = book.salesSettlement('P-1')
    assert.equal(settlement.net, '44.50')
    assert.deepEqual(book.salesSettlements(), [settlement])
    assert.deepEqual(book.salesSettlements('ebay'), [])
    throwsCode(() => book.salesSettlement('nope'), 'UNKNOWN_DOCUMENT')
  })

  it('refuses a bad profit query with its code', () => {
    const book = profitBook()
    throwsCode(() => book.profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'colour' }), 'INVALID_COMMAND')
    throwsCode(() => book.profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'sku', colour: 'red' }), 'INVALID_COMMAND')
    throwsCode(() => book.profit({ from: '2026-11-30', to: '2026-11-01', group_by: 'sku' }), 'INVALID_COMMAND')
    throwsCode(() => book.profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'sku', channel: 'ebay' }), 'UNKNOWN_CHANNEL')
  })
})

// A book that keeps no event log: the host stores what each command
// returns; the book keeps the state and answers the same figures.
describe('a book without its event log', () => {
  const stateOnly = { ...profitFixture.config, keep_events: false }
  const runAll = (config) => {
    const book = new Book(config)
    const stored = []
    for (const item of profitFixture.batch) stored.push(...book.execute(item.command, item.context).events)
    return { book, stored }
  }

  it('returns the same events, keeps none and gives the same balances', () => {
    const keeping = runAll(profitFixture.config)
    const { book, stored } = runAll(stateOnly)
    assert.deepEqual(stored, keeping.stored)
    assert.deepEqual(book.events(), [])
    assert.equal(book.headHash, stored[stored.length - 1].hash)
    assert.deepEqual(book.trialBalance('2026-11-30'), keeping.book.trialBalance('2026-11-30'))
    assert.equal(book.salesSettlement('P-1').net, '44.50')
  })

  it('answers a retry without events, refuses history reports and replays from the stored events', () => {
    const { book, stored } = runAll(stateOnly)
    const [first] = profitFixture.batch
    const again = book.execute(first.command, first.context)
    assert.deepEqual([again.duplicate, again.version, again.events], [true, 1, []])
    throwsCode(() => book.profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'sku' }), 'HISTORY_NOT_KEPT')
    throwsCode(() => book.history('LAMP'), 'HISTORY_NOT_KEPT')
    assert.equal(Book.replay(stateOnly, stored).snapshot(), book.snapshot())
    const report = Book.replay(profitFixture.config, stored).profit({ from: '2026-11-01', to: '2026-11-30', group_by: 'sku' })
    assert.equal(report.total.profit, '26.50')
  })
})

// Archiving what is closed: order 1001 is shipped and paid out by the
// channel in November, so a cut-off of 1 December takes it (and its settled
// receivable) out of the state.
describe('archiving what is closed', () => {
  const stateOnly = { ...profitFixture.config, keep_events: false }

  it('removes the closed order, refuses it by name and replays the same', () => {
    const book = new Book(stateOnly)
    const stored = []
    for (const item of profitFixture.batch) stored.push(...book.execute(item.command, item.context).events)
    const out = book.execute({ type: 'archive_closed', before: '2026-12-01' }, { at: '2026-12-31T09:00:00Z', command_id: 'archive-1' })
    stored.push(...out.events)
    const { type, sales_orders, documents } = out.events[0].event
    assert.deepEqual([type, sales_orders, documents], ['closed_archived', 1, 1])
    assert.deepEqual(book.salesOrders(), [])
    throwsCode(() => book.salesOrder('shop-us', '1001'), 'ARCHIVED')
    const before = book.snapshot()
    const again = { type: 'ingest_sales_order', channel: 'shop-us', order: '1001', date: '2027-01-05', lines: [{ line: '1', listing: 'lamp-black', quantity: 1, unit_price: '25.00' }] }
    throwsCode(() => book.execute(again, { at: '2027-01-05T09:00:00Z', command_id: 'order-1001-again' }), 'ARCHIVED')
    assert.equal(book.snapshot(), before)
    assert.equal(Book.replay(stateOnly, stored).snapshot(), book.snapshot())
  })
})
