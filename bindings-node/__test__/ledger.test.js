'use strict'
// The ledger: every value-changing command posts a balanced journal entry,
// money documents carry their receivable or payable in two currencies, and
// the queries (journal, trialBalance, accountLedger, openItems,
// reconciliation) read it. The numbers are those of the core's worked
// examples (core/tests/ledger_examples.rs). Decimals are strings throughout.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const { Book, Money } = require('..')
const { throwsCode, harness, money, receive, issue, onlyEvent, voucher, vouchers } = require('./helpers')

const invoice = (document, amount, rate, date) => ({
  type: 'record_invoice',
  document,
  kind: 'customer_invoice',
  party: 'Amazon EU',
  channel: 'amazon-de',
  date,
  amount: money(amount, 'EUR'),
  rate,
})
const settle = (document, amount, rate, date, currency = 'EUR') => ({
  type: 'record_settlement',
  document,
  date,
  amount: money(amount, currency),
  rate,
})
const adjust = (sku, location, quantity, reason) => ({ type: 'adjust', sku, location, quantity, reason })

/** An account's balance (debit − credit) in a trial balance, '0' if it has no postings. */
function balance(book, account, asOf, filter) {
  const line = book.trialBalance(asOf, filter).lines.find((l) => l.account === account)
  return line ? line.balance.amount : '0'
}

/**
 * A Money-shaped report value as text in whole minor units ('3905.00 CNY'):
 * the core writes the unused side of a line as a bare '0', which this shows
 * as '0.00 CNY' like any other amount.
 */
const shown = (m) => new Money(m.amount, m.currency).toString()

/** Sum of decimal strings with the Money class (exact), as a Money. */
function sum(amounts, currency) {
  return amounts.reduce((total, a) => total.add(new Money(a, currency)), new Money('0', currency))
}

describe('Ledger: a EUR receivable in a CNY book', () => {
  it('invoice at 7.80, part paid at 7.90, revalued at 7.70, the rest paid at 7.75: ends at zero', () => {
    const { book, run } = harness({ functional_currency: 'CNY' })

    // 500.00 EUR invoiced at 7.80: 3,900.00 CNY receivable.
    const invoiced = run(invoice('INV-1', '500.00', '7.80', '2026-11-03'))
    assert.deepEqual(vouchers(invoiced), ['Dr 1200 3900.00, Cr 4000 3900.00'])
    const recorded = onlyEvent(invoiced)
    assert.equal(recorded.type, 'invoice_recorded')
    assert.deepEqual([recorded.account, recorded.carrying], ['1200', money('3900.00', 'CNY')])
    // The receivable line carries the EUR amount and the rate it was converted at.
    const [entry] = book.journal()
    assert.deepEqual(
      [entry.date, entry.document, entry.lines[0].transaction_amount, entry.lines[0].rate],
      ['2026-11-03', 'INV-1', money('500.00', 'EUR'), '7.80'],
    )
    assert.deepEqual(entry.lines[0].dimensions, { channel: 'amazon-de', document: 'INV-1' })

    // 200.00 EUR received at 7.90: 1,580.00 against 2/5 of 3,900.00 = 1,560.00, a gain of 20.00.
    const paid = run(settle('INV-1', '200.00', '7.90', '2026-11-10'))
    assert.deepEqual(vouchers(paid), ['Dr 1100 1580.00, Cr 1200 1560.00, Cr 7000 20.00'])
    const settlement = onlyEvent(paid)
    assert.deepEqual(
      [settlement.type, settlement.carrying_settled, settlement.realized],
      ['settlement_recorded', money('1560.00', 'CNY'), money('20.00', 'CNY')],
    )

    // Month end at 7.70: 300.00 open is 2,310.00 against 2,340.00 carried, a
    // loss of 30.00, reversed the next day.
    const revalued = run({ type: 'revalue', date: '2026-11-30', rates: { EUR: '7.70' } })
    assert.deepEqual(vouchers(revalued), ['Dr 7100 30.00, Cr 1200 30.00', 'Dr 1200 30.00, Cr 7100 30.00'])
    const [revaluation, reversal] = book.journal().slice(-2)
    assert.equal(revaluation.date, '2026-11-30')
    assert.deepEqual([reversal.date, reversal.reverses], ['2026-12-01', revaluation.id])
    assert.equal(balance(book, '7100', '2026-11-30'), '30.00')
    assert.equal(balance(book, '7100', '2026-12-01'), '0.00')
    assert.equal(balance(book, '1200', '2026-11-30'), '2310.00')
    assert.equal(balance(book, '1200', '2026-12-01'), '2340.00')

    // Open items: 300.00 EUR still carried at 2,340.00 CNY (the document's rate, not the closing one).
    const [open] = book.openItems('2026-12-31')
    assert.deepEqual(
      [open.document, open.kind, open.party, open.account, open.open, open.carrying, open.original, open.rate],
      [
        'INV-1',
        'customer_invoice',
        'Amazon EU',
        '1200',
        money('300.00', 'EUR'),
        money('2340.00', 'CNY'),
        money('500.00', 'EUR'),
        '7.80',
      ],
    )
    // Due on the invoice date: 58 days past due on 2026-12-31, 17 on 2026-11-20.
    assert.deepEqual([open.due_date, open.days_overdue, open.bucket], ['2026-11-03', 58, '31-60'])
    assert.deepEqual(
      ['2026-11-03', '2026-11-20', '2026-12-03', '2027-01-10', '2027-02-10'].map((d) => {
        const [item] = book.openItems(d)
        return [item.days_overdue, item.bucket]
      }),
      [
        [0, '0-30'],
        [17, '0-30'],
        [30, '0-30'],
        [68, '61-90'],
        [99, '90+'],
      ],
    )

    // The rest at 7.75: 2,325.00 against the 2,340.00 still carried, a loss of 15.00.
    const cleared = run(settle('INV-1', '300.00', '7.75', '2026-12-05'))
    assert.deepEqual(vouchers(cleared), ['Dr 1100 2325.00, Dr 7000 15.00, Cr 1200 2340.00'])
    assert.deepEqual(onlyEvent(cleared).realized, money('-15.00', 'CNY'))
    assert.deepEqual(book.openItems('2026-12-31'), [])

    const tb = book.trialBalance('2026-12-31')
    assert.equal(tb.as_of, '2026-12-31')
    assert.deepEqual(
      tb.lines.map((l) => [l.account, l.name, l.type, shown(l.debit), shown(l.credit), shown(l.balance)]),
      [
        ['1100', 'Cash at bank', 'asset', '3905.00 CNY', '0.00 CNY', '3905.00 CNY'],
        ['1200', 'Accounts receivable', 'asset', '3930.00 CNY', '3930.00 CNY', '0.00 CNY'],
        ['4000', 'Sales', 'revenue', '0.00 CNY', '3900.00 CNY', '-3900.00 CNY'],
        ['7000', 'Realized exchange gains and losses', 'expense', '15.00 CNY', '20.00 CNY', '-5.00 CNY'],
        ['7100', 'Unrealized exchange gains and losses', 'expense', '30.00 CNY', '30.00 CNY', '0.00 CNY'],
      ],
    )
    assert.deepEqual([tb.total_debit, tb.total_credit], [money('7880.00', 'CNY'), money('7880.00', 'CNY')])

    // The receivable's EUR lines net to zero too, and its ledger runs down to 0.00.
    const eur = book
      .journal()
      .flatMap((e) => e.lines)
      .filter((l) => l.account === '1200' && l.transaction_amount)
      .map((l) => l.transaction_amount.amount)
    assert.equal(sum(eur, 'EUR').toString(), '0.00 EUR')
    assert.deepEqual(
      book.accountLedger('1200').map((l) => [l.date, shown(l.debit), shown(l.credit), shown(l.balance)]),
      [
        ['2026-11-03', '3900.00 CNY', '0.00 CNY', '3900.00 CNY'],
        ['2026-11-10', '0.00 CNY', '1560.00 CNY', '2340.00 CNY'],
        ['2026-11-30', '0.00 CNY', '30.00 CNY', '2310.00 CNY'],
        ['2026-12-01', '30.00 CNY', '0.00 CNY', '2340.00 CNY'],
        ['2026-12-05', '0.00 CNY', '2340.00 CNY', '0.00 CNY'],
      ],
    )
    // Every line of the story carries the document: filtering by it changes nothing.
    assert.deepEqual(book.trialBalance('2026-12-31', { document: 'INV-1' }).lines, tb.lines)
    assert.deepEqual(book.trialBalance('2026-12-31', { document: 'INV-2' }).lines, [])
  })

  it('a USD supplier bill paid at 7.05 after 7.10 leaves a 50.00 gain and no payable', () => {
    const { book, run } = harness({ functional_currency: 'CNY' })
    const bill = {
      type: 'record_invoice',
      document: 'BILL-7',
      kind: 'supplier_invoice',
      party: 'Shenzhen Lamp Factory',
      date: '2026-11-03',
      due_date: '2026-12-03',
      amount: money('1000.00', 'USD'),
      rate: '7.10',
    }
    assert.deepEqual(vouchers(run(bill)), ['Dr 2100 7100.00, Cr 2000 7100.00'])
    // Not yet due on 2026-11-20.
    const [open] = book.openItems('2026-11-20')
    assert.deepEqual([open.kind, open.open, open.carrying, open.days_overdue, open.bucket], [
      'supplier_invoice',
      money('1000.00', 'USD'),
      money('7100.00', 'CNY'),
      0,
      '0-30',
    ])
    const paid = run(settle('BILL-7', '1000.00', '7.05', '2026-11-20', 'USD'))
    assert.deepEqual(vouchers(paid), ['Dr 2000 7100.00, Cr 1100 7050.00, Cr 7000 50.00'])
    assert.equal(balance(book, '2000', '2026-12-31'), '0.00')
    assert.deepEqual(book.openItems('2026-12-31'), [])
  })
})

describe('Ledger: stock vouchers and reconciliation', () => {
  it('receipts, a sale, losses and gains post their vouchers; subledger equals ledger per scope', () => {
    const { book, run } = harness({ functional_currency: 'USD', valuation_method: 'fifo' })
    const posted = [
      run(receive('A', 'SZ', 10, '10.00')),
      run(receive('A', 'SZ', 10, '20.00')),
      run(issue('A', 'SZ', 15)),
      run(adjust('A', 'SZ', -1, 'broken')),
      run(adjust('A', 'SZ', 2, 'found')),
      run({ type: 'move', sku: 'A', location: 'SZ', quantity: 1, from: 'available', to: 'reserved' }),
      run(receive('B', 'DE', 3, '1.50')),
    ].map(vouchers)
    assert.deepEqual(posted, [
      ['Dr 1300 100.00, Cr 2100 100.00'],
      ['Dr 1300 200.00, Cr 2100 200.00'],
      ['Dr 5000 200.00, Cr 1300 200.00'], // FIFO: 10 @ 10.00 + 5 @ 20.00
      ['Dr 5100 20.00, Cr 1300 20.00'], // inventory loss
      ['Dr 1300 40.00, Cr 4200 40.00'], // inventory gain
      [], // a move changes no value
      ['Dr 1300 4.50, Cr 2100 4.50'],
    ])

    // The journal: one entry per voucher, numbered by its event's sequence,
    // dated by the command's clock, with the movement's dimensions.
    const journal = book.journal()
    assert.equal(journal.length, 6)
    assert.deepEqual(journal.map(voucher), posted.flat())
    const seqs = new Set(book.events().filter((r) => r.event.type === 'journal_posted').map((r) => r.seq))
    assert.ok(journal.every((e) => seqs.has(e.id)))
    assert.ok(journal.every((e) => e.date === '2026-11-02'))
    assert.deepEqual(
      [journal[2].memo, journal[2].lines.map((l) => l.dimensions)],
      [
        'stock out',
        [
          { sku: 'A', location: 'SZ' },
          { sku: 'A', location: 'SZ' },
        ],
      ],
    )
    // Every entry balances, and so does the trial balance.
    for (const e of journal) {
      const debit = sum(e.lines.map((l) => l.debit), 'USD')
      assert.ok(debit.equals(sum(e.lines.map((l) => l.credit), 'USD')), voucher(e))
    }
    const tb = book.trialBalance('2026-11-30')
    assert.deepEqual(
      tb.lines.map((l) => [l.account, l.balance.amount]),
      [
        ['1300', '124.50'],
        ['2100', '-304.50'],
        ['4200', '-40.00'],
        ['5000', '200.00'],
        ['5100', '20.00'],
      ],
    )
    assert.deepEqual([tb.total_debit, tb.total_credit], [money('564.50', 'USD'), money('564.50', 'USD')])
    // Before the first posting day there is nothing.
    const before = book.trialBalance('2026-11-01')
    assert.deepEqual(before.lines, [])
    assert.deepEqual([shown(before.total_debit), shown(before.total_credit)], ['0.00 USD', '0.00 USD'])

    // Subledger (stock value) against ledger (inventory account), per scope.
    assert.deepEqual(
      book.reconciliation().map((r) => [r.scope, r.locations, r.subledger.amount, r.ledger.amount, r.difference.amount]),
      [
        ['SZ', ['SZ'], '120.00', '120.00', '0.00'],
        ['DE', ['DE'], '4.50', '4.50', '0.00'],
      ],
    )
    // The inventory account equals the valuation report too.
    const valued = sum(book.valuation().map((l) => l.value.amount), 'USD')
    assert.equal(valued.toString(), `${balance(book, '1300', '2026-11-30')} USD`)

    // Filtered trial balances: by SKU, by location (undefined and null mean no condition).
    const onlyB = book.trialBalance('2026-12-31', { sku: 'B' })
    assert.deepEqual(
      onlyB.lines.map((l) => [l.account, l.balance.amount]),
      [
        ['1300', '4.50'],
        ['2100', '-4.50'],
      ],
    )
    assert.deepEqual([onlyB.total_debit.amount, onlyB.total_credit.amount], ['4.50', '4.50'])
    assert.equal(balance(book, '1300', '2026-12-31', { location: 'SZ', lot: null, channel: undefined }), '120.00')
    assert.deepEqual(book.trialBalance('2026-11-30', null), tb)
    assert.deepEqual(book.trialBalance('2026-11-30', undefined), tb)
    assert.deepEqual(book.trialBalance('2026-11-30', {}), tb)

    // The inventory account's ledger with its running balance.
    const ledger = book.accountLedger('1300')
    assert.deepEqual(
      ledger.map((l) => l.balance.amount),
      ['100.00', '300.00', '100.00', '80.00', '120.00', '124.50'],
    )
    assert.deepEqual(
      [ledger[2].entry, ledger[2].memo, ledger[2].credit.amount, ledger[5].dimensions],
      [journal[2].id, 'stock out', '200.00', { sku: 'B', location: 'DE' }],
    )
    // An account of the chart without postings has an empty ledger.
    assert.deepEqual(book.accountLedger('1100'), [])
  })

  it('a custom chart posts FBA stock to its own account; a rule missing is refused at creation', () => {
    const standard = () => new Book({ functional_currency: 'USD' })
    assert.deepEqual(standard().config.ledger, { type: 'standard' })
    // A chart of one's own: the standard one plus 1320 for stock at Amazon.
    const accounts = [
      ['1300', 'Inventory', 'asset'],
      ['1310', 'Goods in transit', 'asset'],
      ['1320', 'Inventory at Amazon', 'asset'],
      ['1400', 'Carrier claims', 'asset'],
      ['2100', 'Goods received not invoiced', 'liability'],
      ['5000', 'Cost of goods sold', 'expense'],
      ['9000', 'Everything else', 'expense'],
    ].map(([code, name, type]) => ({ code, name, type }))
    const roles = [
      'inventory',
      'grni',
      'cogs',
      'inventory_gain',
      'inventory_loss',
      'disposal_expense',
      'sample_expense',
      'receivable',
      'revenue',
      'payable',
      'cash',
      'realized_fx',
      'unrealized_fx',
      'rounding',
      'goods_in_transit',
      'transit_loss',
      'carrier_claim',
      'price_variance',
    ]
    const fallback = { inventory: '1300', grni: '2100', cogs: '5000', goods_in_transit: '1310', carrier_claim: '1400' }
    const rules = roles.map((role) => ({ role, account: fallback[role] ?? '9000' }))
    rules.push({ role: 'inventory', account: '1320', location_kind: 'fba' })
    const custom = (r, a = accounts) => ({ functional_currency: 'USD', ledger: { type: 'custom', accounts: a, rules: r } })

    throwsCode(() => new Book(custom(rules.filter((r) => r.role !== 'cogs'))), 'MISSING_POSTING_RULE', /cogs/)
    throwsCode(() => new Book(custom(rules, accounts.filter((a) => a.code !== '1320'))), 'UNKNOWN_ACCOUNT', /1320/)
    throwsCode(() => new Book(custom(rules, [...accounts, accounts[0]])), 'DUPLICATE_CODE', /1300/)

    const { book, run } = harness(custom(rules))
    run({ type: 'define_location', code: 'FBA-US', name: 'Amazon US', kind: 'fba' })
    assert.deepEqual(vouchers(run(receive('A', 'FBA-US', 2, '5.00'))), ['Dr 1320 10.00, Cr 2100 10.00'])
    assert.deepEqual(vouchers(run(receive('A', 'SZ', 2, '5.00'))), ['Dr 1300 10.00, Cr 2100 10.00'])
    assert.deepEqual(vouchers(run(issue('A', 'FBA-US', 1))), ['Dr 5000 5.00, Cr 1320 5.00'])
    assert.deepEqual(
      book.reconciliation().map((r) => [r.scope, shown(r.subledger), shown(r.ledger), shown(r.difference)]),
      [
        ['SZ', '10.00 USD', '10.00 USD', '0.00 USD'],
        ['DE', '0.00 USD', '0.00 USD', '0.00 USD'], // no stock, no postings
        ['FBA-US', '5.00 USD', '5.00 USD', '0.00 USD'],
      ],
    )
    throwsCode(() => book.accountLedger('1200'), 'UNKNOWN_ACCOUNT', /1200/)
  })

  it('a book with ledger off posts nothing and refuses money documents', () => {
    const { book, run } = harness({ functional_currency: 'USD', ledger: { type: 'off' } })
    const out = run(receive('A', 'SZ', 2, '5.00'))
    assert.deepEqual(
      out.events.map((r) => r.event.type),
      ['received'],
    )
    assert.deepEqual(book.journal(), [])
    assert.deepEqual(book.trialBalance('2026-12-31').lines, [])
    throwsCode(() => run(invoice('I', '1.00', '1.1', '2026-11-03')), 'INVALID_COMMAND', /no ledger/)
  })

  it('damage write-down: damaged units are written down through an allowance and released as they leave', () => {
    // core/tests/ledger_examples.rs: 10 @ 12.50, 4 found damaged.
    const { book, run } = harness({ functional_currency: 'USD', damage_write_down: true })
    const move = (quantity, from, to) => ({ type: 'move', sku: 'A', location: 'SZ', quantity, from, to })
    run(receive('A', 'SZ', 10, '12.50'))
    const damaged = run(move(4, 'available', 'damaged'))
    assert.deepEqual(vouchers(damaged), ['Dr 5410 50.00, Cr 1390 50.00'])
    assert.deepEqual(damaged.events[0].event.write_down, money('50.00', 'USD'))
    const disposal = { ...issue('A', 'SZ', 1), reason: 'disposal', bucket: 'damaged' }
    assert.deepEqual(vouchers(run(disposal)), ['Dr 1390 12.50, Cr 1300 12.50']) // not expensed twice
    assert.deepEqual(vouchers(run(move(1, 'damaged', 'available'))), ['Dr 1390 12.50, Cr 5410 12.50'])
    assert.deepEqual(book.position('A', 'SZ').write_down_allowance, money('25.00', 'USD'))
    const [sz] = book.reconciliation()
    assert.deepEqual(
      [sz.subledger, sz.ledger, sz.allowance, sz.allowance_ledger, sz.net].map((m) => m.amount),
      ['112.50', '112.50', '25.00', '25.00', '87.50'],
    )
    throwsCode(
      () => new Book({ functional_currency: 'USD', damage_write_down: true, ledger: { type: 'off' } }),
      'INVALID_COMMAND',
      /needs a ledger/,
    )
  })
})

describe('Ledger: bad input is refused and changes nothing', () => {
  /** A CNY book with INV-1 (100.00 EUR at 7.80) open and the books locked through October. */
  function lockedBook() {
    const h = harness({ functional_currency: 'CNY' })
    h.run(invoice('INV-1', '100.00', '7.80', '2026-11-03'))
    h.run({ type: 'lock_period', through: '2026-10-31' })
    return h
  }
  const line = (account, side, amount) => ({ account, [side]: amount })
  const manual = (date, lines) => ({ type: 'post_entry', date, memo: "owner's capital", document: 'JV-1', lines })

  it('throws the ledger codes, naming the document and the numbers', () => {
    const { book, run } = lockedBook()
    const cases = [
      [
        manual('2026-11-05', [line('1100', 'debit', '100.00'), line('3000', 'credit', '99.99')]),
        'UNBALANCED_ENTRY',
        /"JV-1".*debit 100\.00, credit 99\.99/,
      ],
      [
        manual('2026-11-05', [line('1100', 'debit', '100.00'), line('9999', 'credit', '100.00')]),
        'UNKNOWN_ACCOUNT',
        /9999/,
      ],
      [
        manual('2026-10-31', [line('1100', 'debit', '1.00'), line('3000', 'credit', '1.00')]),
        'PERIOD_LOCKED',
        /2026-10-31 is in a locked period \(locked through 2026-10-31\)/,
      ],
      [
        settle('INV-1', '100.01', '7.90', '2026-11-10'),
        'SETTLEMENT_TOO_LARGE',
        /100\.01 EUR on INV-1 exceeds the open 100\.00 EUR/,
      ],
      [settle('INV-1', '100.00', '7.10', '2026-11-10', 'USD'), 'CURRENCY_MISMATCH', /EUR.*USD/],
      [settle('INV-9', '1.00', '7.90', '2026-11-10'), 'UNKNOWN_DOCUMENT', /INV-9/],
      [invoice('INV-1', '5.00', '7.80', '2026-11-03'), 'DUPLICATE_CODE', /INV-1/],
      [{ type: 'revalue', date: '2026-11-30', rates: {} }, 'RATE_NOT_FOUND', /EUR\/CNY/],
      [{ type: 'reverse_entry', entry: 999, date: '2026-11-05' }, 'ENTRY_STATE', /999/],
      [{ type: 'lock_period', through: '2026-10-01' }, 'PERIOD_LOCKED', /locked through 2026-10-31/],
    ]
    for (const [command, code, message] of cases) {
      const snapshot = book.snapshot()
      const version = book.version
      throwsCode(() => run(command), code, message)
      assert.equal(book.snapshot(), snapshot, `${command.type} (${code}) changed the book`)
      assert.equal(book.version, version)
    }
    assert.deepEqual(book.journal().map(voucher), ['Dr 1200 780.00, Cr 4000 780.00'])
    assert.equal(book.openItems('2026-11-30')[0].open.amount, '100.00')
  })

  it('refuses stock commands in a locked period, and an all-or-nothing batch leaves no entry behind', () => {
    const { book, run, context } = lockedBook()
    run({ type: 'lock_period', through: '2026-11-30' })
    const snapshot = book.snapshot()
    // The harness clock is on 2026-11-02: inside the lock.
    throwsCode(() => run(receive('A', 'SZ', 1, '1.00', 'CNY')), 'PERIOD_LOCKED', /2026-11-02/)
    const later = (n) => ({ ...context(), at: `2026-12-0${n}T10:00:00Z` })
    const results = book.executeBatch(
      [
        { command: receive('A', 'SZ', 1, '1.00', 'CNY'), context: later(1) },
        { command: settle('INV-1', '100.01', '7.90', '2026-12-01'), context: later(2) },
      ],
      true,
    )
    assert.deepEqual(vouchers(results[0].ok), ['Dr 1300 1.00, Cr 2100 1.00'])
    assert.equal(results[1].error.code, 'SETTLEMENT_TOO_LARGE')
    assert.equal(book.snapshot(), snapshot)
    assert.equal(book.journal().length, 1)
    // An invoice's entry is not reversed on its own (the receivable would part from the open item).
    const [entry] = book.journal()
    throwsCode(() => run({ type: 'reverse_entry', entry: entry.id, date: '2026-12-01' }), 'ENTRY_STATE', /credit note/)
    assert.equal(book.snapshot(), snapshot)
    // A correction for a locked period posts in the open one: a credit note dated after the lock.
    const credit = (date) => ({ ...invoice('CN-1', '100.00', '7.80', date), kind: 'customer_credit_note' })
    throwsCode(() => run(credit('2026-11-30')), 'PERIOD_LOCKED')
    assert.deepEqual(vouchers(run(credit('2026-12-01'))), ['Dr 4000 780.00, Cr 1200 780.00'])
    assert.equal(balance(book, '1200', '2026-12-31'), '0.00')
  })

  it('sends a sub-cent difference of a converted manual entry to the rounding account', () => {
    const { book, run } = lockedBook()
    const converted = (account, amount) => ({ account, amount: money(amount, 'EUR'), rate: '7.8034' })
    // 30.03 × 7.8034 = 234.34 against 3 × (10.01 × 7.8034 = 78.11) = 234.33: 0.01 to 7900.
    const out = run(
      manual('2026-12-02', [
        converted('1100', '30.03'),
        converted('3000', '-10.01'),
        converted('3000', '-10.01'),
        converted('3000', '-10.01'),
      ]),
    )
    assert.deepEqual(vouchers(out), ['Dr 1100 234.34, Cr 3000 78.11, Cr 3000 78.11, Cr 3000 78.11, Cr 7900 0.01'])
    const entry = book.journal().at(-1)
    assert.deepEqual([entry.document, entry.memo, entry.date], ['JV-1', "owner's capital", '2026-12-02'])
    assert.deepEqual([entry.lines[0].transaction_amount, entry.lines[0].rate], [money('30.03', 'EUR'), '7.8034'])
  })

  it('refuses JS numbers in ledger decimals, and bad query arguments', () => {
    const { book, run } = lockedBook()
    const snapshot = book.snapshot()
    throwsCode(
      () => run(manual('2026-11-05', [line('1100', 'debit', 100), line('3000', 'credit', '100.00')])),
      'INVALID_COMMAND',
      /command\.lines\[0\]\.debit is the number 100, but decimals are strings/,
    )
    throwsCode(() => run(settle('INV-1', '10.00', 7.9, '2026-11-10')), 'INVALID_COMMAND', /command\.rate is the number 7\.9/)
    throwsCode(
      () => run({ type: 'revalue', date: '2026-11-30', rates: { EUR: 7.7 } }),
      'INVALID_COMMAND',
      /command\.rates\.EUR is the number 7\.7/,
    )
    assert.equal(book.snapshot(), snapshot)

    throwsCode(() => book.trialBalance('2026-13-01'), 'INVALID_DATE', /2026-13-01/)
    throwsCode(() => book.openItems('31/12/2026'), 'INVALID_DATE')
    throwsCode(() => book.accountLedger('9999'), 'UNKNOWN_ACCOUNT', /9999/)
    // A misspelt dimension would filter nothing: it is refused instead.
    throwsCode(() => book.trialBalance('2026-12-31', { locaton: 'SZ' }), 'INVALID_COMMAND', /unknown field `locaton`/)
    throwsCode(() => book.trialBalance('2026-12-31', 'SZ'), 'INVALID_COMMAND', /trial balance filter/)
    throwsCode(() => book.trialBalance('2026-12-31', { sku: 5 }), 'INVALID_COMMAND', /trial balance filter/)
  })
})
