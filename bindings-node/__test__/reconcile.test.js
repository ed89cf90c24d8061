'use strict'
// Channel stock reconciliation, from Node, on the book of
// tests/data/sales-book.json (FBA-US holds 4 available lamps): an FBA
// summary compared field by field, as in bindings-json/tests/sales.rs.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Book } = require('..')
const { repoRoot, throwsCode } = require('./helpers')

const fixture = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests', 'data', 'sales-book.json'), 'utf8'))

function salesBook() {
  const book = new Book(fixture.config)
  const results = book.executeBatch(fixture.batch, true)
  assert.deepEqual(
    results.filter((r) => !r.ok),
    [],
  )
  return book
}

describe('channel stock reconciliation', () => {
  it('lists the fields where an FBA summary and the book differ', () => {
    const book = salesBook()
    const recon = book.reconcileChannelStock({
      format: 'fba',
      channel: 'shop-us',
      location: 'FBA-US',
      rows: [
        { sku: 'LAMP', fulfillable: 3, reserved: 1, researching: 0 },
        { listing: 'mug', fulfillable: 2 },
      ],
    })
    assert.deepEqual(
      recon.differences.map((d) => [d.sku, d.field, d.channel_units, d.book_units, d.delta]),
      [
        ['LAMP', 'fulfillable', 3, 4, -1],
        ['LAMP', 'reserved', 1, 0, 1],
      ],
    )
    assert.deepEqual(recon.differences[1].buckets, ['committed', 'reserved'])
    assert.deepEqual(recon.unmatched, [{ listing: 'mug', reason: 'unknown_listing' }])
    assert.deepEqual(recon.totals.researching, { channel_units: 0, book_units: 0, delta: 0 })
  })

  it('refuses a field of the other format by name', () => {
    const book = salesBook()
    const err = throwsCode(
      () => book.reconcileChannelStock({ format: 'fba', location: 'FBA-US', rows: [{ sku: 'LAMP', on_hand: 4 }] }),
      'INVALID_COMMAND',
    )
    assert.match(err.message, /on_hand/)
    throwsCode(() => book.reconcileChannelStock({ format: 'shopify', location: 'XX', rows: [] }), 'UNKNOWN_LOCATION')
  })
})
