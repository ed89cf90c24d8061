'use strict'
// Replenishment, from Node, on the book of tests/data/replenishment-book.json
// (the worked example of docs/planning.md): demand from ten days of FBA
// sales, the lead time from three transfers out of Shenzhen, the host's
// forecast for Shenzhen, and the plan as of 2026-11-30 with the query of
// core/tests/replenishment.rs. Decimals are strings, never numbers.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const { fixtureBook, throwsCode } = require('./helpers')

// The query of core/tests/replenishment.rs (QUERY): ten days of demand,
// cases of 24 at FBA, and the host's forecast and lead time for SZ.
const QUERY = {
  as_of: '2026-11-30',
  window_days: 10,
  policies: [
    { sku: 'LAMP', location: 'FBA-US', case_pack: 24 },
    {
      sku: 'LAMP',
      location: 'SZ',
      daily_demand: '10',
      daily_demand_deviation: '3',
      lead_time_days: '30',
      lead_time_deviation_days: '5',
      case_pack: 50,
      min_order_quantity: 200,
    },
  ],
}

const replenishmentBook = () => fixtureBook('replenishment-book.json')
const plan = () => replenishmentBook().replenishment(QUERY)

describe('replenishment', () => {
  it('reads the FBA line\'s demand and lead time from the book', () => {
    const result = plan()
    assert.deepEqual([result.window_days, result.z], [10, '1.6449'])
    assert.deepEqual(
      result.lines.map((l) => [l.sku, l.location]),
      [
        ['LAMP', 'FBA-US'],
        ['LAMP', 'SZ'],
      ],
    )
    const fba = result.lines[0]
    // Sales 8, 12, 10, 10, 9, 11, 10, 10, 12, 8: mean 10, deviation √(18 / 9).
    assert.deepEqual(fba.demand, {
      source: 'sales_history',
      days: 10,
      units: 100,
      daily_mean: '10.0000',
      daily_deviation: '1.4142',
    })
    // Transfers from SZ took 28, 30 and 32 days.
    assert.deepEqual(fba.lead_time, {
      source: 'transfer_history',
      from: 'SZ',
      samples: 3,
      mean_days: '30.00',
      deviation_days: '2.00',
    })
    // ⌈1.6449 × √(30 × 1.4142² + 10² × 2²)⌉ = 36; ROP 300 + 36; restock 600 − 250 − 100.
    assert.deepEqual([fba.safety_stock, fba.reorder_point, fba.fba_restock], [36, 336, 250])
    assert.deepEqual([fba.available, fba.in_transit, fba.position], [250, 100, 350])
    assert.deepEqual([fba.days_of_supply, fba.stockout_on, fba.next_arrival], ['25.0', '2026-12-25', '2026-12-28'])
    assert.deepEqual(fba.inventory_value, { amount: '500.00', currency: 'USD' })
  })

  it('suggests whole cases with their likely cost, and plans SZ on the forecast', () => {
    const result = plan()
    const [send, buy] = result.suggestions
    // 250 needed at FBA: 11 cases of 24, sent from SZ at SZ's unit cost.
    assert.deepEqual(send, {
      kind: 'transfer',
      sku: 'LAMP',
      location: 'FBA-US',
      from: 'SZ',
      needed: 250,
      quantity: 264,
      case_pack: 24,
      min_order_quantity: 0,
      source_available: 300,
      likely_unit_cost: { amount: '2.0000', currency: 'USD' },
      likely_value: { amount: '528.00', currency: 'USD' },
    })
    // SZ on the host's forecast: SS 87, ROP 387; 157 needed, raised to the
    // minimum of 200 (four cases of 50), bought from F1.
    const sz = result.lines[1]
    assert.equal(sz.demand.source, 'policy')
    assert.deepEqual([sz.safety_stock, sz.reorder_point, sz.order_up_to], [87, 387, 457])
    assert.equal(sz.fba_restock, undefined)
    assert.deepEqual(
      [buy.kind, buy.location, buy.from, buy.needed, buy.quantity, buy.likely_value],
      ['purchase', 'SZ', 'F1', 157, 200, { amount: '400.00', currency: 'USD' }],
    )
  })

  it('raises the alerts and measures the arrival against the lead time', () => {
    const result = plan()
    assert.deepEqual(
      result.alerts.map((a) => [a.kind, a.location]),
      [
        ['below_reorder_point', 'SZ'],
        ['stockout_before_arrival', 'FBA-US'],
      ],
    )
    assert.deepEqual(
      result.arrivals.map((a) => [a.document, a.units, a.expected_by_lead_time, a.days_beyond_lead_time]),
      [['T-4', 100, '2026-12-15', 13]],
    )
    assert.deepEqual(
      result.skus.map((s) => [s.sku, s.available, s.days_of_supply]),
      [['LAMP', 550, '27.5']],
    )
  })

  it('refuses malformed queries by field', () => {
    const book = replenishmentBook()
    const err = throwsCode(() => book.replenishment({ as_of: '2026-11-30', service_level: '1.5' }), 'INVALID_COMMAND')
    assert.match(err.message, /service_level/)
    // A number where a decimal string belongs is refused, never rounded.
    throwsCode(() => book.replenishment({ as_of: '2026-11-30', service_level: 0.95 }), 'INVALID_COMMAND', /service_level/)
    throwsCode(() => book.replenishment({ as_of: '2026-11-30', horizon: 7 }), 'INVALID_COMMAND', /horizon/)
    throwsCode(
      () => book.replenishment({ as_of: '2026-11-30', policies: [{ sku: 'LAMP', location: 'SZ', case_pack: 0 }] }),
      'INVALID_COMMAND',
      /case_pack/,
    )
    throwsCode(
      () => book.replenishment({ as_of: '2026-11-30', policies: [{ sku: 'LAMP', location: 'XX' }] }),
      'UNKNOWN_LOCATION',
    )
  })
})
