'use strict'
const { describe, it, before } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Money, RateBook } = require('..')
const { repoRoot, throwsCode } = require('./helpers')

const samplePath = path.join(repoRoot, 'tests', 'data', 'ecb-sample.csv')
// The full ECB history is shared outside the repository; its tests are
// skipped where it is not present.
const fullHistoryPath = path.join(repoRoot, '..', 'shared', 'data', 'ecb', 'eurofxref-hist.csv')

const LAST_DAY = '2026-10-30'
const SUNDAY = '2026-11-01'

describe('RateBook with the ECB sample (pivot EUR)', () => {
  let book
  before(() => {
    book = new RateBook('EUR')
  })

  it('loads the 60-day sample and reports what it read', () => {
    const summary = book.loadEcbCsv(fs.readFileSync(samplePath, 'utf8'))
    assert.equal(summary.days, 60)
    assert.equal(summary.rates, 1740)
    assert.equal(summary.currencies.length, 41)
    assert.deepEqual(summary.currencies.slice(0, 3), ['USD', 'JPY', 'BGN'])
    assert.equal(summary.currencies.at(-1), 'ZAR')
    assert.equal(summary.firstDate, '2026-08-10')
    assert.equal(summary.lastDate, LAST_DAY)
    assert.equal(book.size, 1740)
    assert.equal(book.pivot, 'EUR')
  })

  it('converts 100.00 EUR to 111.72 USD on the direct rate', () => {
    const c = book.convert(new Money('100.00', 'EUR'), 'USD', LAST_DAY)
    assert.ok(c.amount instanceof Money)
    assert.equal(c.amount.toString(), '111.72 USD')
    assert.equal(c.rate, '1.1172')
    assert.equal(c.unrounded, '111.720000')
    assert.deepEqual(c.legs, [{ base: 'EUR', quote: 'USD', date: LAST_DAY, rate: '1.1172', inverted: false }])
  })

  it('converts 100.00 USD to 89.51 EUR on the inverted leg', () => {
    const c = book.convert(new Money('100.00', 'USD'), 'EUR', LAST_DAY)
    assert.equal(c.amount.toString(), '89.51 EUR')
    assert.ok(c.unrounded.startsWith('89.5094880057286072323666308'), c.unrounded)
    assert.equal(c.legs.length, 1)
    assert.equal(c.legs[0].inverted, true)
    assert.equal(c.legs[0].rate, '1.1172')
  })

  it('converts 1000.00 USD to 157250 JPY through the EUR pivot (2 legs)', () => {
    const c = book.convert(new Money('1000.00', 'USD'), 'JPY', LAST_DAY)
    assert.equal(c.amount.toString(), '157250 JPY')
    assert.equal(c.amount.amount, '157250')
    assert.deepEqual(
      c.legs.map((l) => [l.base, l.quote, l.rate, l.inverted]),
      [
        ['EUR', 'USD', '1.1172', true],
        ['EUR', 'JPY', '175.68', false],
      ],
    )
  })

  it('converts 1250.00 USD to 8316.10 CNY', () => {
    const c = book.convert(new Money('1250.00', 'USD'), 'CNY', LAST_DAY)
    assert.equal(c.amount.toString(), '8316.10 CNY')
    assert.equal(c.legs.length, 2)
  })

  it('returns JSON-friendly results', () => {
    const c = book.convert(new Money('100.00', 'EUR'), 'USD', LAST_DAY)
    assert.deepEqual(JSON.parse(JSON.stringify(c)), {
      amount: { amount: '111.72', currency: 'USD' },
      unrounded: '111.720000',
      rate: '1.1172',
      legs: [{ base: 'EUR', quote: 'USD', date: LAST_DAY, rate: '1.1172', inverted: false }],
    })
  })

  it('resolves rates: identity, direct, inverse', () => {
    assert.deepEqual(book.rate('USD', 'USD', LAST_DAY), { from: 'USD', to: 'USD', rate: '1', legs: [] })
    const direct = book.rate('EUR', 'USD', LAST_DAY, { maxAgeDays: null })
    assert.equal(direct.rate, '1.1172')
    const inverse = book.rate('USD', 'EUR', LAST_DAY)
    assert.ok(inverse.rate.startsWith('0.89509488'), inverse.rate)
    assert.equal(inverse.legs[0].inverted, true)
  })

  it('applies the lookup policy on Sunday 2026-11-01', () => {
    throwsCode(() => book.rate('EUR', 'USD', SUNDAY, { maxAgeDays: null }), 'RATE_NOT_FOUND', /exact date/)
    throwsCode(
      () => book.convert(new Money('100.00', 'EUR'), 'USD', SUNDAY, { maxAgeDays: null }),
      'RATE_NOT_FOUND',
    )

    const within3 = book.rate('EUR', 'USD', SUNDAY, { maxAgeDays: 3 })
    assert.equal(within3.rate, '1.1172')
    assert.equal(within3.legs[0].date, LAST_DAY)
    const c = book.convert(new Money('100.00', 'EUR'), 'USD', SUNDAY, { maxAgeDays: 3 })
    assert.equal(c.amount.toString(), '111.72 USD')
    // The default policy is 7 days.
    assert.equal(book.rate('EUR', 'USD', SUNDAY).legs[0].date, LAST_DAY)

    throwsCode(() => book.rate('EUR', 'USD', SUNDAY, { maxAgeDays: 1 }), 'RATE_STALE', /2026-10-30, 2 days old/)
    throwsCode(
      () => book.convert(new Money('1.00', 'USD'), 'JPY', SUNDAY, { maxAgeDays: 1 }),
      'RATE_STALE',
    )
  })

  it('keeps rate types apart', () => {
    throwsCode(() => book.rate('EUR', 'USD', LAST_DAY, { rateType: 'monthly_average' }), 'RATE_NOT_FOUND')
    throwsCode(() => book.rate('EUR', 'USD', LAST_DAY, { rateType: 'daily' }), 'INVALID_OPTION', /spot/)
  })

  it('refuses bad dates, currencies and options with their codes', () => {
    throwsCode(() => book.rate('EUR', 'USD', '30/10/2026'), 'INVALID_DATE')
    throwsCode(() => book.rate('EUR', 'USD', '2026-02-30'), 'INVALID_DATE')
    throwsCode(() => book.rate('EUR', 'ZZZ', LAST_DAY), 'UNKNOWN_CURRENCY')
    throwsCode(() => book.rate('EUR', 'USD', LAST_DAY, { maxAgeDays: -1 }), 'INVALID_OPTION', /maxAgeDays/)
    throwsCode(() => book.rate('EUR', 'USD', LAST_DAY, { maxAgeDays: 1.5 }), 'INVALID_OPTION')
    throwsCode(
      () => book.convert(new Money('1', 'EUR'), 'USD', LAST_DAY, { rounding: 'up' }),
      'INVALID_OPTION',
    )
  })
})

describe('RateBook.insert', () => {
  it('stores rates given as decimal strings, per rate type', () => {
    const book = new RateBook()
    assert.equal(book.pivot, null)
    book.insert('EUR', 'USD', '2026-01-02', '1.5')
    book.insert('EUR', 'USD', '2026-01-02', '1.4', 'monthly_average')
    book.insert('EUR', 'USD', '2026-01-02', '1.3', 'custom')
    assert.equal(book.size, 3)
    assert.equal(book.rate('EUR', 'USD', '2026-01-02').rate, '1.5')
    assert.equal(book.rate('EUR', 'USD', '2026-01-02', { rateType: 'monthly_average' }).rate, '1.4')
    assert.equal(book.rate('EUR', 'USD', '2026-01-02', { rateType: 'custom' }).rate, '1.3')
    // Same pair, type and date: replaced, not added.
    book.insert('EUR', 'USD', '2026-01-02', '1.6')
    assert.equal(book.size, 3)
    assert.equal(book.rate('EUR', 'USD', '2026-01-02').rate, '1.6')
  })

  it('rounds a conversion once with the requested strategy', () => {
    const book = new RateBook()
    book.insert('EUR', 'USD', '2026-01-02', '1.5')
    // 0.03 EUR × 1.5 = 0.045 USD exactly: a tie.
    const away = book.convert(new Money('0.03', 'EUR'), 'USD', '2026-01-02')
    assert.equal(away.unrounded, '0.045')
    assert.equal(away.amount.amount, '0.05')
    const even = book.convert(new Money('0.03', 'EUR'), 'USD', '2026-01-02', { rounding: 'half_even' })
    assert.equal(even.amount.amount, '0.04')
  })

  it('does not triangulate without a pivot', () => {
    const book = new RateBook()
    book.insert('EUR', 'USD', '2026-01-02', '1.1')
    book.insert('EUR', 'JPY', '2026-01-02', '160')
    throwsCode(() => book.rate('USD', 'JPY', '2026-01-02'), 'RATE_NOT_FOUND')
    const pivoted = new RateBook('EUR')
    pivoted.insert('EUR', 'USD', '2026-01-02', '1.1')
    pivoted.insert('EUR', 'JPY', '2026-01-02', '160')
    assert.equal(pivoted.rate('USD', 'JPY', '2026-01-02').legs.length, 2)
  })

  it('refuses zero and negative rates with NON_POSITIVE_RATE', () => {
    const book = new RateBook('EUR')
    throwsCode(() => book.insert('EUR', 'USD', '2026-01-02', '0'), 'NON_POSITIVE_RATE', /EUR\/USD/)
    throwsCode(() => book.insert('EUR', 'USD', '2026-01-02', '-1.1'), 'NON_POSITIVE_RATE')
    assert.equal(book.size, 0)
  })

  it('refuses number rates, same-currency pairs and bad rate types', () => {
    const book = new RateBook()
    throwsCode(() => book.insert('EUR', 'USD', '2026-01-02', 1.1), 'INVALID_AMOUNT', /rate/)
    throwsCode(() => book.insert('EUR', 'EUR', '2026-01-02', '1'), 'INVALID_OPTION')
    throwsCode(() => book.insert('EUR', 'USD', '2026-01-02', '1', 'weekly'), 'INVALID_OPTION')
    throwsCode(() => new RateBook('XYZ'), 'UNKNOWN_CURRENCY')
    assert.equal(book.size, 0)
  })
})

describe('RateBook.loadEcbCsv errors', () => {
  it('refuses a malformed file with INVALID_RATE_FILE and leaves the book unchanged', () => {
    const book = new RateBook('EUR')
    book.insert('EUR', 'USD', '2026-01-02', '1.1')
    const err = throwsCode(() => book.loadEcbCsv('Date,USD,\n2026-01-02,abc,\n'), 'INVALID_RATE_FILE', /line 2/)
    assert.match(err.message, /abc/)
    throwsCode(() => book.loadEcbCsv(''), 'INVALID_RATE_FILE')
    throwsCode(() => book.loadEcbCsv('Day,USD,\n2026-01-02,1.1,\n'), 'INVALID_RATE_FILE')
    throwsCode(() => book.loadEcbCsv('Date,USD,\n2026-01-05,1.1,\n2026-01-02,0,\n'), 'NON_POSITIVE_RATE')
    assert.equal(book.size, 1)
  })

  it('reports null dates for a file without rows', () => {
    const summary = new RateBook().loadEcbCsv('Date,USD,JPY,\n')
    assert.deepEqual(summary, { days: 0, rates: 0, currencies: ['USD', 'JPY'], firstDate: null, lastDate: null })
  })
})

describe('full ECB history', () => {
  const skip = !fs.existsSync(fullHistoryPath) && `${fullHistoryPath} not present`
  it('loads 1999-01-04 .. 2026-10-30 with 41 currencies', { skip }, () => {
    const book = new RateBook('EUR')
    const summary = book.loadEcbCsv(fs.readFileSync(fullHistoryPath, 'utf8'))
    assert.equal(summary.currencies.length, 41)
    assert.equal(summary.firstDate, '1999-01-04')
    assert.equal(summary.lastDate, LAST_DAY)
    assert.equal(summary.days, 7126)
    assert.equal(summary.rates, 221702)
    assert.equal(book.size, 221702)
    // The euro's first reference rate, and a triangulated conversion today.
    assert.equal(book.rate('EUR', 'USD', '1999-01-04', { maxAgeDays: null }).rate, '1.1789')
    assert.equal(book.convert(new Money('1250.00', 'USD'), 'CNY', LAST_DAY).amount.toString(), '8316.10 CNY')
  })
})
