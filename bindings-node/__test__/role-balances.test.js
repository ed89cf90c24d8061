'use strict'
// Balances by account role: the month of tests/data/role-balances-month.json
// (a purchase in USD, a transfer through goods in transit, a sale, a
// supplier invoice paid at another rate) on the standard chart and on a
// custom chart with other codes. The figures by role are exact decimal
// strings, the same on both charts, and each is the sum of the balances of
// the accounts its rules map it to.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const { Book } = require('..')
const { throwsCode } = require('./helpers')

const month = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'data', 'role-balances-month.json'), 'utf8'),
)

function runMonth(config) {
  const book = new Book(config)
  const results = book.executeBatch(month.batch, true)
  assert.deepEqual(results.filter((r) => !r.ok), [])
  return book
}

/** Exact sum of decimal strings with two places, as a string with two places. */
function sum(amounts) {
  const cents = amounts.reduce((total, a) => total + BigInt(a.replace('.', '')), 0n)
  const sign = cents < 0n ? '-' : ''
  const digits = (cents < 0n ? -cents : cents).toString().padStart(3, '0')
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`
}

const charts = {
  standard: month.config,
  custom: { ...month.config, ledger: month.custom_chart },
}

describe('roleBalances', () => {
  for (const [chart, config] of Object.entries(charts)) {
    it(`reads inventory, COGS, goods in transit and realized FX by role (${chart} chart)`, () => {
      const book = runMonth(config)
      for (const [asOf, figures] of Object.entries(month.expected)) {
        const report = book.roleBalances(asOf)
        assert.equal(report.as_of, asOf)
        const byRole = Object.fromEntries(report.roles.map((line) => [line.role, line]))
        for (const [role, amount] of Object.entries(figures)) {
          assert.deepEqual(byRole[role].balance, { amount, currency: 'CNY' }, `${asOf} ${role}`)
        }
        // Each role is its accounts' balances added up.
        const accounts = new Map(book.trialBalance(asOf).lines.map((l) => [l.account, l.balance.amount]))
        for (const line of report.roles) {
          const total = sum(line.accounts.map((code) => accounts.get(code) ?? '0.00'))
          assert.equal(line.balance.amount, total, `${asOf} ${line.role}`)
        }
      }
      const roles = Object.fromEntries(book.roleBalances('2026-11-30').roles.map((l) => [l.role, l.accounts]))
      for (const [role, codes] of Object.entries(month.expected_accounts[chart])) {
        assert.deepEqual(roles[role], codes)
      }
    })
  }

  it('takes a filter and refuses a bad date or dimension', () => {
    const book = runMonth(month.config)
    const germany = book.roleBalances('2026-11-30', { location: 'DE' })
    assert.equal(germany.roles.find((l) => l.role === 'inventory').balance.amount, '710.00')
    throwsCode(() => book.roleBalances('2026-11-31'), 'INVALID_DATE')
    throwsCode(() => book.roleBalances('2026-11-30', { skew: 'A' }), 'INVALID_COMMAND', /trial balance filter/)
    const off = new Book({ functional_currency: 'CNY', ledger: { type: 'off' } })
    assert.deepEqual(off.roleBalances('2026-11-30'), { as_of: '2026-11-30', roles: [] })
  })
})
