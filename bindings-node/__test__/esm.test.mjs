// The package also works from ES modules: Node's CommonJS lexer sees the
// named exports of the generated index.js.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'

import landed, { Book, LANDED_ERROR_CODES, Money, RateBook, Store, allocate, isLandedError } from 'landed'

describe('ES module import', () => {
  it('exposes the named exports and the default export', () => {
    assert.equal(landed.Money, Money)
    assert.equal(typeof RateBook, 'function')
    assert.deepEqual(
      allocate(new Money('0.05', 'USD'), ['3', '7']).map(String),
      ['0.02 USD', '0.03 USD'],
    )
    assert.equal(landed.Book, Book)
    assert.equal(new Book({ functional_currency: 'EUR' }).version, 0)
    assert.equal(landed.Store, Store)
    assert.equal(typeof Store.open, 'function')
    assert.equal(landed.isLandedError, isLandedError)
    assert.ok(LANDED_ERROR_CODES.includes('UNKNOWN_SKU'))
  })
})
