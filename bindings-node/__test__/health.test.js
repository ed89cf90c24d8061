'use strict'
// Inventory health, from Node, on the book of tests/data/health-book.json
// (the worked example of docs/planning.md): stock by location, aging by
// receipt date in the FBA buckets and alerts as of 2026-12-01, as in
// bindings-json/tests/health.rs.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const { fixtureBook, throwsCode } = require('./helpers')

const healthBook = () => fixtureBook('health-book.json')

describe('inventory health', () => {
  it('reports stock by location and bucket with its value', () => {
    const stock = healthBook().stockByLocation()
    assert.deepEqual(
      stock.lines.map((l) => [l.sku, l.location, l.on_hand, l.quantities.in_transit, l.value.amount]),
      [
        ['LAMP', 'DE', 25, 10, '40.00'],
        ['LAMP', 'SZ', 120, 0, '265.00'],
        ['SERUM', 'SZ', 20, 0, '100.00'],
      ],
    )
    assert.deepEqual(
      stock.locations.map((l) => [l.location, l.on_hand, l.value.amount]),
      [
        ['DE', 25, '40.00'],
        ['SZ', 140, '365.00'],
      ],
    )
  })

  it('ages FIFO layers by receipt date in the FBA buckets', () => {
    const aging = healthBook().inventoryAging({ as_of: '2026-12-01', sku: 'LAMP' })
    const sz = aging.by_scope.SZ.buckets
    assert.deepEqual(
      ['days_0_90', 'days_91_180', 'days_181_270', 'days_271_365', 'days_over_365'].map((b) => [sz[b].units, sz[b].value.amount]),
      [
        [10, '30.00'],
        [5, '15.00'],
        [50, '110.00'],
        [55, '110.00'],
        [0, '0.00'],
      ],
    )
    assert.equal(aging.by_scope.DE.buckets.days_over_365.units, 20)
    assert.equal(aging.totals.value.amount, '305.00')
  })

  it('raises alerts and refuses malformed queries by field', () => {
    const book = healthBook()
    const { alerts } = book.inventoryAlerts({ as_of: '2026-12-01', expiry_within_days: 30 })
    assert.deepEqual(
      alerts.map((a) => [a.kind, a.sku, a.units]),
      [
        ['lot_expired', 'SERUM', 4],
        ['lot_near_expiry', 'SERUM', 10],
        ['aged_stock', 'LAMP', 20],
        ['transfer_late', 'LAMP', 10],
      ],
    )
    assert.deepEqual([alerts[3].transfer, alerts[3].days_late, alerts[3].eta], ['T-1', 6, '2026-11-25'])
    assert.equal(alerts[0].days_to_expiry, -16)
    const err = throwsCode(() => book.inventoryAlerts({ as_of: '2026-12-01', aged_over_days: -1 }), 'INVALID_COMMAND')
    assert.match(err.message, /aged_over_days/)
    assert.match(throwsCode(() => book.inventoryAging({ as_of: '2026-12-01', colour: 1 }), 'INVALID_COMMAND').message, /colour/)
    assert.match(throwsCode(() => book.inventoryAging({ as_of: '1 Dec 2026' }), 'INVALID_COMMAND').message, /as_of/)
    throwsCode(() => book.stockByLocation({ location: 'XX' }), 'UNKNOWN_LOCATION')
  })
})
