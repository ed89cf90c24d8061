'use strict'
// Available to sell, from Node, on the book of tests/data/sales-book.json
// (Shenzhen holds 8 free lamps and 50 bulbs, Los Angeles none free): each
// listing's figure, a policy with a decimal-string share, and the push
// list before and after an acknowledged push, as in core/tests/available.rs.
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

const run = (book, id, command) => book.execute(command, { at: '2026-11-21T09:00:00Z', command_id: id })
const rows = (push) => push.map((p) => [p.listing, p.previous, p.available])

describe('available to sell', () => {
  it('gives each listing its figure and the push list since the last push', () => {
    const book = salesBook()
    const lamp = book.availableToSell('shop-us', 'lamp-black')
    assert.deepEqual([lamp.supply, lamp.available, lamp.pushed], [8, 8, null])
    assert.deepEqual(
      lamp.locations.map((l) => [l.location, l.units]),
      [
        ['LA', 0],
        ['SZ', 8],
      ],
    )
    const push = book.stockToPush()
    assert.deepEqual(rows(push), [
      ['desk-set', null, 8],
      ['lamp-black', null, 8],
    ])
    assert.equal(push[0].bundle, 'DESK-SET')

    // Keep 2 back and offer half of the rest: (8 - 2) x 0.5 = 3.
    run(book, 'policy', {
      type: 'set_listing_stock_policy',
      channel: 'shop-us',
      listing: 'lamp-black',
      safety_stock: 2,
      share: '0.5',
    })
    const policy = book.availableToSell('shop-us', 'lamp-black')
    assert.deepEqual([policy.available, policy.policy.share], [3, '0.5'])

    const pushes = book.stockToPush('shop-us').map((p) => ({ channel: p.channel, listing: p.listing, available: p.available }))
    run(book, 'push-1', { type: 'acknowledge_stock_push', pushes })
    assert.deepEqual(book.stockToPush(), [])

    // Three lamps sold from Shenzhen: the set drops to 5, the lamp to (5 - 2) x 0.5 = 1.
    run(book, 'sale', { type: 'issue', sku: 'LAMP', location: 'SZ', quantity: 3, reason: 'sale' })
    assert.deepEqual(rows(book.stockToPush()), [
      ['desk-set', 8, 5],
      ['lamp-black', 3, 1],
    ])
  })

  it('refuses unknown channels and listings', () => {
    const book = salesBook()
    throwsCode(() => book.stockToPush('ebay'), 'UNKNOWN_CHANNEL')
    throwsCode(() => book.availableToSell('shop-us', 'mug'), 'INVALID_COMMAND')
    throwsCode(
      () => run(book, 'bad', { type: 'set_listing_stock_policy', channel: 'shop-us', listing: 'lamp-black', share: '1.5' }),
      'INVALID_COMMAND',
    )
  })
})
