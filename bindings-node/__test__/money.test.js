'use strict'
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const landed = require('..')
const { Money, currency } = landed
const { throwsCode } = require('./helpers')

describe('loading', () => {
  it('works as require("landed") (package self-reference) and require("..")', () => {
    const byName = require('landed')
    assert.equal(byName, landed)
    assert.equal(typeof byName.Money, 'function')
    assert.equal(typeof byName.RateBook, 'function')
    assert.equal(typeof byName.allocate, 'function')
  })
})

describe('currency', () => {
  it('has the ISO 4217 minor units', () => {
    const expected = { JPY: 0, KRW: 0, USD: 2, EUR: 2, BHD: 3, KWD: 3, CLF: 4 }
    for (const [code, units] of Object.entries(expected)) {
      assert.equal(currency(code).minorUnits, units, code)
    }
  })

  it('returns a plain JSON-friendly object, code upper-cased', () => {
    assert.deepEqual(currency('usd'), { code: 'USD', minorUnits: 2, numericCode: 840, historical: false })
    assert.deepEqual(JSON.parse(JSON.stringify(currency('JPY'))), {
      code: 'JPY',
      minorUnits: 0,
      numericCode: 392,
      historical: false,
    })
    assert.equal(currency('CYP').historical, true)
  })

  it('refuses unknown codes with UNKNOWN_CURRENCY', () => {
    for (const code of ['ZZZ', 'US', 'USDX', '', 'XAU']) {
      throwsCode(() => currency(code), 'UNKNOWN_CURRENCY')
    }
    throwsCode(() => new Money('1', 'ZZZ'), 'UNKNOWN_CURRENCY', /ZZZ/)
  })
})

describe('Money', () => {
  it('keeps the exact amount as a string', () => {
    const m = new Money('12.340', 'usd')
    assert.equal(m.amount, '12.340')
    assert.equal(m.currency, 'USD')
    assert.equal(typeof m.amount, 'string')
    assert.equal(new Money('3.3333333', 'USD').amount, '3.3333333')
    assert.equal(new Money('-0.05', 'USD').amount, '-0.05')
  })

  it('prints "12.34 USD" with at least the minor units', () => {
    assert.equal(String(new Money('12.34', 'USD')), '12.34 USD')
    assert.equal(`${new Money('5', 'USD')}`, '5.00 USD')
    assert.equal(new Money('1.5', 'KWD').toString(), '1.500 KWD')
    assert.equal(new Money('1000', 'JPY').toString(), '1000 JPY')
    assert.equal(require('node:util').inspect(new Money('1.5', 'USD')), 'Money(1.50 USD)')
  })

  it('parses "12.34 USD" and "USD 12.34"', () => {
    assert.equal(Money.parse('12.34 USD').toString(), '12.34 USD')
    assert.equal(Money.parse('USD 5').toString(), '5.00 USD')
    assert.ok(Money.parse('USD 5') instanceof Money)
    for (const bad of ['1e3 USD', 'abc USD', '1.0', '1 2 USD']) {
      throwsCode(() => Money.parse(bad), 'INVALID_AMOUNT')
    }
  })

  it('serialises to JSON with a string amount', () => {
    const m = new Money('19.99', 'USD')
    assert.equal(JSON.stringify(m), '{"amount":"19.99","currency":"USD"}')
    assert.deepEqual(m.toJSON(), { amount: '19.99', currency: 'USD' })
    assert.equal(JSON.stringify({ price: m }), '{"price":{"amount":"19.99","currency":"USD"}}')
  })

  it('adds, subtracts, negates and multiplies exactly', () => {
    const a = new Money('10.10', 'USD')
    assert.equal(a.add(new Money('0.05', 'USD')).toString(), '10.15 USD')
    assert.equal(a.sub(new Money('20', 'USD')).toString(), '-9.90 USD')
    assert.equal(a.neg().toString(), '-10.10 USD')
    assert.equal(new Money('0.1', 'USD').add(new Money('0.2', 'USD')).amount, '0.30') // held at the currency's scale
    assert.equal(new Money('19.99', 'USD').mul('3').toString(), '59.97 USD')
    const third = new Money('59.97', 'USD').mul('0.3333333')
    assert.equal(third.amount, '19.989998001')
    assert.equal(third.round().toString(), '19.99 USD')
    // Operations return new objects; the receiver is unchanged.
    assert.equal(a.toString(), '10.10 USD')
  })

  it('refuses to combine currencies with CURRENCY_MISMATCH', () => {
    const usd = new Money('1', 'USD')
    const eur = new Money('1', 'EUR')
    throwsCode(() => usd.add(eur), 'CURRENCY_MISMATCH', /USD and EUR/)
    throwsCode(() => usd.sub(eur), 'CURRENCY_MISMATCH')
  })

  it('reports overflow with DECIMAL_OVERFLOW', () => {
    const max = new Money('79228162514264337593543950335', 'USD')
    throwsCode(() => max.add(new Money('1', 'USD')), 'DECIMAL_OVERFLOW')
    throwsCode(() => max.neg().sub(new Money('1', 'USD')), 'DECIMAL_OVERFLOW')
    throwsCode(() => max.mul('2'), 'DECIMAL_OVERFLOW')
  })

  it('rounds half away from zero by default, half even on request', () => {
    const half = new Money('0.125', 'USD')
    assert.equal(half.round().amount, '0.13')
    assert.equal(half.round('half_away_from_zero').amount, '0.13')
    assert.equal(half.round('half_even').amount, '0.12')
    assert.equal(half.neg().round().amount, '-0.13')
    assert.equal(new Money('2.5', 'JPY').round('half_even').amount, '2')
    assert.equal(new Money('3.5', 'JPY').round('half_even').amount, '4')
    assert.equal(new Money('1.23455', 'KWD').round().amount, '1.235')
    throwsCode(() => half.round('up'), 'INVALID_OPTION', /half_even/)
  })

  it('compares by value and currency', () => {
    assert.equal(new Money('1.5', 'USD').equals(new Money('1.50', 'USD')), true)
    assert.equal(new Money('1.5', 'USD').equals(new Money('1.51', 'USD')), false)
    assert.equal(new Money('1.5', 'USD').equals(new Money('1.5', 'EUR')), false)
  })

  it('refuses JavaScript numbers for amounts and factors with INVALID_AMOUNT', () => {
    throwsCode(() => new Money(0.1, 'USD'), 'INVALID_AMOUNT', /number 0\.1/)
    throwsCode(() => new Money(12, 'USD'), 'INVALID_AMOUNT', /decimal string/)
    throwsCode(() => new Money('1', 'USD').mul(3), 'INVALID_AMOUNT', /factor/)
    // Any other non-string is refused the same way.
    throwsCode(() => new Money(10n, 'USD'), 'INVALID_AMOUNT', /BigInt/)
    throwsCode(() => new Money(undefined, 'USD'), 'INVALID_AMOUNT')
    throwsCode(() => new Money({ amount: '1' }, 'USD'), 'INVALID_AMOUNT')
  })

  it('refuses malformed decimal strings with INVALID_AMOUNT', () => {
    for (const bad of ['', ' ', '1e3', '1,5', 'abc', '0x10', 'NaN', 'Infinity', '1.2.3']) {
      throwsCode(() => new Money(bad, 'USD'), 'INVALID_AMOUNT')
    }
  })

  it('rejects an object of another class where a Money is expected', () => {
    const usd = new Money('1', 'USD')
    // napi's own argument check (type tags): a TypeError-like Error, and the
    // process survives.
    assert.throws(() => usd.add(new landed.RateBook()), /instance of class `Money`/)
    assert.throws(() => usd.add({ amount: '1', currency: 'USD' }), Error)
    assert.equal(usd.toString(), '1.00 USD')
  })
})
