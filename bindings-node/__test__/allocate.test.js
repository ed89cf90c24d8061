'use strict'
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const { Money, allocate, allocateEqual, validateManual } = require('..')
const { throwsCode } = require('./helpers')

const split = (amount, code, weights) => allocate(new Money(amount, code), weights).map((m) => m.amount)

describe('allocate', () => {
  it('matches the issue vectors (largest remainder)', () => {
    assert.deepEqual(split('0.05', 'USD', ['3', '7']), ['0.02', '0.03'])
    assert.deepEqual(split('-0.05', 'USD', ['3', '7']), ['-0.02', '-0.03'])
    assert.deepEqual(split('100.00', 'USD', ['1', '1', '1']), ['33.34', '33.33', '33.33'])
    assert.deepEqual(split('99.99', 'USD', ['75', '25']), ['74.99', '25.00'])
    assert.deepEqual(split('0.03', 'USD', ['75', '25']), ['0.02', '0.01'])
    assert.deepEqual(split('1000', 'JPY', ['1', '1', '1']), ['334', '333', '333'])
  })

  it('returns Money objects in the total currency that sum to the total', () => {
    const total = new Money('100.00', 'USD')
    const shares = allocate(total, ['1', '1', '1'])
    assert.ok(shares.every((s) => s instanceof Money && s.currency === 'USD'))
    const sum = shares.reduce((acc, s) => acc.add(s))
    assert.ok(sum.equals(total))
    assert.equal(JSON.stringify(shares[0]), '{"amount":"33.34","currency":"USD"}')
  })

  it('handles decimal and zero weights', () => {
    assert.deepEqual(split('1.000', 'KWD', ['0.5', '0.25', '0.25']), ['0.500', '0.250', '0.250'])
    assert.deepEqual(split('10.00', 'USD', ['0', '1', '0']), ['0.00', '10.00', '0.00'])
    assert.deepEqual(split('0.10', 'USD', ['3', '3', '4']), ['0.03', '0.03', '0.04'])
  })

  it('refuses all-zero or missing weights, negative weights and sub-minor totals', () => {
    const total = new Money('1.00', 'USD')
    throwsCode(() => allocate(total, ['0', '0']), 'ALLOCATION_ZERO_WEIGHTS')
    throwsCode(() => allocate(total, []), 'ALLOCATION_ZERO_WEIGHTS')
    throwsCode(() => allocate(total, ['1', '-1']), 'NEGATIVE_WEIGHT', /#1/)
    throwsCode(() => allocate(new Money('1.005', 'USD'), ['1']), 'INVALID_AMOUNT')
  })

  it('takes whole-number weights as numbers, as Python takes ints', () => {
    assert.deepEqual(split('0.05', 'USD', [3, 7]), ['0.02', '0.03'])
    assert.deepEqual(split('0.05', 'USD', ['3', 7]), split('0.05', 'USD', ['3', '7']))
    assert.deepEqual(split('10.00', 'USD', [0, 1, 0]), ['0.00', '10.00', '0.00'])
    throwsCode(() => allocate(new Money('1.00', 'USD'), [1, -1]), 'NEGATIVE_WEIGHT', /#1/)
  })

  it('refuses number weights with a fraction or beyond safe integers, naming the position', () => {
    throwsCode(() => allocate(new Money('1.00', 'USD'), ['1', 0.5]), 'INVALID_AMOUNT', /weight #1/)
    throwsCode(() => allocate(new Money('1.00', 'USD'), [2 ** 53, 7]), 'INVALID_AMOUNT', /weight #0/)
    throwsCode(() => allocate(new Money('1.00', 'USD'), [NaN]), 'INVALID_AMOUNT', /weight #0/)
    throwsCode(() => allocate(new Money('1.00', 'USD'), [Infinity]), 'INVALID_AMOUNT', /weight #0/)
  })
})

describe('allocateEqual', () => {
  it('splits into equal shares, the first ones taking the leftover', () => {
    assert.deepEqual(
      allocateEqual(new Money('1000', 'JPY'), 3).map((m) => m.amount),
      ['334', '333', '333'],
    )
    assert.deepEqual(
      allocateEqual(new Money('-0.05', 'USD'), 2).map((m) => m.amount),
      ['-0.03', '-0.02'],
    )
  })

  it('refuses a zero count and counts that are not whole numbers', () => {
    const total = new Money('1.00', 'USD')
    throwsCode(() => allocateEqual(total, 0), 'ALLOCATION_ZERO_WEIGHTS')
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 32]) {
      throwsCode(() => allocateEqual(total, bad), 'INVALID_OPTION', /count/)
    }
  })
})

describe('validateManual', () => {
  const eur = (a) => new Money(a, 'EUR')

  it('accepts shares that sum exactly to the total', () => {
    assert.equal(validateManual(eur('10.00'), [eur('7.50'), eur('2.50')]), undefined)
    assert.equal(validateManual(eur('-10.00'), [eur('-4'), eur('-6')]), undefined)
  })

  it('refuses wrong sums, wrong signs and sub-minor shares', () => {
    throwsCode(() => validateManual(eur('10.00'), [eur('7.50'), eur('2.49')]), 'INVALID_MANUAL_ALLOCATION', /sum/)
    throwsCode(() => validateManual(eur('-10.00'), [eur('-11'), eur('1')]), 'INVALID_MANUAL_ALLOCATION', /sign/)
    throwsCode(() => validateManual(eur('10.00'), [eur('10.001')]), 'INVALID_MANUAL_ALLOCATION')
    throwsCode(() => validateManual(eur('10.00'), [new Money('10.00', 'USD')]), 'CURRENCY_MISMATCH')
  })
})
