'use strict'
// Money documents through the Node boundary: rates from the book, a payment
// from a bank in another currency, one payment settling several documents
// net of a credit note, the lock on credit notes, and landed cost accrued to
// the clearing account then allocated. The numbers are the core's worked
// examples (core/tests/money_documents.rs). Decimals are strings throughout.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const { Book } = require('..')
const { throwsCode, harness, money, onlyEvent, vouchers } = require('./helpers')

const document = (name, kind, party, date, amount, extra = {}) => ({
  type: 'record_invoice',
  document: name,
  kind,
  party,
  date,
  amount,
  ...extra,
})

/** An account's balance through the end of time, as a decimal string ('0' without postings). */
function balance(book, account) {
  const line = book.trialBalance('2099-12-31').lines.find((l) => l.account === account)
  return line ? line.balance.amount : '0'
}

/** Each open document: [open, carrying]. */
function openItems(book) {
  return Object.fromEntries(book.openItems('2099-12-31').map((i) => [i.document, [i.open, i.carrying]]))
}

/** Runs a command that must fail with `code`, and checks that the book is as it was. */
function refused(book, run, command, code, pattern) {
  const before = [book.snapshot(), book.version]
  const error = throwsCode(() => run(command), code, pattern)
  assert.deepEqual([book.snapshot(), book.version], before, 'a failed command changed the book')
  return error
}

/**
 * A CNY book owed by Amazon US: INV-1 1,000.00 USD at 7.10 (7,100.00), INV-2
 * 500.00 at 7.20 (3,600.00), and credit note CN-1 200.00 at 7.15 (1,430.00)
 * the other way: 9,270.00 on the receivable.
 */
function amazon() {
  const h = harness({ functional_currency: 'CNY' })
  for (const [name, kind, amount, rate, date] of [
    ['INV-1', 'customer_invoice', '1000.00', '7.10', '2026-11-02'],
    ['INV-2', 'customer_invoice', '500.00', '7.20', '2026-11-05'],
    ['CN-1', 'customer_credit_note', '200.00', '7.15', '2026-11-06'],
  ]) {
    h.run(document(name, kind, 'amazon-us', date, money(amount, 'USD'), { rate }))
  }
  assert.equal(balance(h.book, '1200'), '9270.00')
  return h
}

describe('Money documents', () => {
  it('a CNY bill at the book rate 7.10 paid with 985.00 from the USD bank realizes 15.00', () => {
    const { book, run } = harness({ functional_currency: 'USD' })
    // The book's rate of 2 November is 7.10 CNY a dollar: the bill, given no rate, is carried at 1,000.00.
    run({ type: 'record_rates', entries: [{ base: 'USD', quote: 'CNY', date: '2026-11-02', rate: '7.10' }] })
    const billed = run(document('BILL-1', 'supplier_invoice', 'Shenzhen Lamps', '2026-11-02', money('7100.00', 'CNY')))
    assert.deepEqual(vouchers(billed), ['Dr 2100 1000.00, Cr 2000 1000.00'])
    const recorded = onlyEvent(billed)
    assert.deepEqual([recorded.type, recorded.carrying], ['invoice_recorded', money('1000.00', 'USD')])
    assert.deepEqual(openItems(book), { 'BILL-1': [money('7100.00', 'CNY'), money('1000.00', 'USD')] })

    // Paid on the 20th (7.20: CNY 7,100.00 would be 986.11): 985.00 USD left
    // the bank. The payable goes at its 1,000.00: a realized gain of 15.00.
    run({ type: 'record_rates', entries: [{ base: 'USD', quote: 'CNY', date: '2026-11-20', rate: '7.20' }] })
    const paid = run({
      type: 'record_settlement',
      document: 'BILL-1',
      date: '2026-11-20',
      amount: money('7100.00', 'CNY'),
      bank_amount: money('985.00', 'USD'),
      reference: 'TT-1',
    })
    assert.deepEqual(vouchers(paid), ['Dr 2000 1000.00, Cr 1100 985.00, Cr 7000 15.00'])
    const settled = onlyEvent(paid)
    assert.deepEqual(
      [settled.type, settled.carrying_settled, settled.realized],
      ['settlement_recorded', money('1000.00', 'USD'), money('15.00', 'USD')],
    )
    assert.deepEqual(openItems(book), {})
    assert.deepEqual(
      ['1100', '7000', '2000'].map((a) => balance(book, a)),
      ['-985.00', '-15.00', '0.00'],
    )
  })

  it('one record_payment settles two customer invoices net of a credit note', () => {
    const { book, run } = amazon()
    const payment = {
      type: 'record_payment',
      date: '2026-11-20',
      amount: money('1000.00', 'USD'),
      rate: '7.25',
      reference: 'AMZ-PAYOUT-7',
      allocations: [{ document: 'INV-1', amount: money('700.00', 'USD') }, { document: 'INV-2' }, { document: 'CN-1' }],
    }
    // More than the three documents net (1,300.00) is refused.
    const everything = ['INV-1', 'INV-2', 'CN-1'].map((d) => ({ document: d }))
    refused(book, run, { ...payment, amount: money('1300.01', 'USD'), allocations: everything }, 'SETTLEMENT_TOO_LARGE')
    const out = run(payment)
    // Shares of the 7,250.00 at 7.25: 5,075.00, 3,625.00 and 1,450.00.
    // Carried: 4,970.00 (7,100.00 × 700/1,000), 3,600.00 and 1,430.00.
    // Realized: +105.00, +25.00, and −20.00 on the credit note.
    assert.deepEqual(vouchers(out), [
      'Dr 1100 7250.00, Dr 1200 1430.00, Dr 7000 20.00, Cr 1200 4970.00, Cr 1200 3600.00, Cr 7000 105.00, Cr 7000 25.00',
    ])
    const paid = out.events[0].event
    assert.equal(paid.type, 'payment_recorded')
    assert.deepEqual(
      paid.payment.allocations.map((a) => a.amount),
      [money('700.00', 'USD'), money('500.00', 'USD'), money('200.00', 'USD')],
    )
    assert.deepEqual(
      paid.parts.map((p) => [p.document, p.carrying_settled.amount, p.realized.amount]),
      [
        ['INV-1', '4970.00', '105.00'],
        ['INV-2', '3600.00', '25.00'],
        ['CN-1', '1430.00', '-20.00'],
      ],
    )
    assert.deepEqual(openItems(book), { 'INV-1': [money('300.00', 'USD'), money('2130.00', 'CNY')] })
    assert.deepEqual([balance(book, '1200'), balance(book, '7000')], ['2130.00', '-110.00'])
    // Its entry is not reversed: a payment the other way corrects it.
    const entry = out.events[1].event
    refused(book, run, { type: 'reverse_entry', entry: entry.id, date: '2026-11-21' }, 'ENTRY_STATE', /a payment the other way/)
  })

  it('a credit note in a locked period is refused with PERIOD_LOCKED and the book unchanged', () => {
    const { book, run } = amazon()
    run({ type: 'lock_period', through: '2026-11-30' })
    const credit = (date) =>
      document('CN-2', 'customer_credit_note', 'amazon-us', date, money('100.00', 'USD'), { rate: '7.30' })
    refused(book, run, credit('2026-11-21'), 'PERIOD_LOCKED', /2026-11-21 is in a locked period/)
    assert.equal(balance(book, '1200'), '9270.00')
    assert.equal(openItems(book)['CN-2'], undefined)
    // Dated in the open period it posts: 100.00 × 7.30 = 730.00 off the receivable.
    assert.deepEqual(vouchers(run(credit('2026-12-01'))), ['Dr 4000 730.00, Cr 1200 730.00'])
    assert.equal(balance(book, '1200'), '8540.00')
    assert.deepEqual(openItems(book)['CN-2'], [money('100.00', 'USD'), money('730.00', 'CNY')])
  })

  it('a freight bill accrued to the clearing account is cleared by a later landed-cost voucher', () => {
    const { book, run } = harness({ functional_currency: 'CNY' })
    for (const command of [
      { type: 'define_supplier', code: 'F1', name: 'Factory', currency: 'CNY' },
      {
        type: 'create_purchase_order',
        po: 'PO-1',
        supplier: 'F1',
        date: '2026-11-02',
        lines: [{ sku: 'A', quantity: 100, unit_price: money('10.00', 'CNY'), destination: 'SZ' }],
      },
      { type: 'confirm_purchase_order', po: 'PO-1' },
      { type: 'receive_purchase_order', po: 'PO-1', receipt: 'GRN-1', lines: [{ line: 1, quantity: 100 }] },
    ]) {
      run(command)
    }
    const clearing = () => {
      const line = book.reconciliation().find((l) => l.scope === 'landed_cost_clearing')
      return line && [line.subledger.amount, line.ledger.amount, line.difference.amount]
    }
    assert.equal(clearing(), undefined)
    // 1,000.00 USD at 7.20 billed before anyone knows which receipt it belongs to.
    const bill = {
      type: 'accrue_landed_cost',
      document: 'FRT-1',
      date: '2026-11-03',
      description: 'Sea freight',
      kind: 'freight',
      amount: money('1000.00', 'USD'),
      rate: '7.20',
      account: '2200',
    }
    assert.deepEqual(vouchers(run(bill)), ['Dr 1450 7200.00, Cr 2200 7200.00'])
    assert.deepEqual(clearing(), ['7200.00', '7200.00', '0.00'])
    // The open accrual, as a typed report: the bill with its rate, 7,200.00 left.
    const { type, ...spec } = bill
    assert.equal(type, 'accrue_landed_cost')
    assert.deepEqual(book.accruals(), [{ accrual: spec, functional: money('7200.00', 'CNY'), open: money('7200.00', 'CNY') }])
    refused(book, run, bill, 'DUPLICATE_CODE', /FRT-1/)
    const voucher = (name, amount, clears) => ({
      type: 'apply_landed_cost',
      voucher: name,
      date: '2026-11-10',
      clears,
      charges: [
        { description: 'Sea freight', kind: 'freight', amount: money(amount, 'CNY'), account: '1450', method: 'quantity' },
      ],
      targets: [{ type: 'receipt', receipt: 'GRN-1', line: 1 }],
    })
    // 5,000.00 of it is GRN-1's: 50.00 a lamp, into stock.
    assert.deepEqual(vouchers(run(voucher('LC-1', '5000.00', 'FRT-1'))), ['Dr 1300 5000.00, Cr 1450 5000.00'])
    assert.deepEqual(book.valuation('A')[0].value, money('6000.00', 'CNY'))
    assert.deepEqual(clearing(), ['2200.00', '2200.00', '0.00'])
    assert.deepEqual(
      book.accruals().map((a) => [a.accrual.document, a.open, a.cleared_by]),
      [['FRT-1', money('2200.00', 'CNY'), ['LC-1']]],
    )
    refused(book, run, voucher('LC-2', '2200.01', 'FRT-1'), 'INVALID_AMOUNT')
    refused(book, run, voucher('LC-2', '2200.00', 'FRT-2'), 'UNKNOWN_DOCUMENT', /FRT-2/)
    run(voucher('LC-2', '2200.00', 'FRT-1'))
    assert.deepEqual(clearing(), ['0.00', '0.00', '0.00'])
    assert.deepEqual(book.accruals(), [])
    assert.deepEqual(book.valuation('A')[0].value, money('8200.00', 'CNY'))
    assert.equal(Book.replay(book.config, book.events()).snapshot(), book.snapshot())
  })
})
