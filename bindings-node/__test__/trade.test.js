'use strict'
// Purchasing, transfers through transit and landed cost. The flows and
// figures are those of the core's worked examples
// (core/tests/trade_examples.rs): a CNY book buying in USD, sea freight by
// chargeable weight after 40 lamps were sold, and a transfer of 50 fans
// received with 1 damaged and 2 short. Decimals are strings throughout and
// are compared as the exact text the core prints.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const { Book } = require('..')
const { throwsCode, money, isZero, voucher, vouchers } = require('./helpers')

const usd = (amount) => money(amount, 'USD')

/**
 * A CNY book with SZ (own), DE (3PL), FBA-US; LAMP 1.2 kg 30×20×10 cm, FAN
 * 0.5 kg 40×30×30 cm, CABLE; supplier F1 in USD; USD at 7.10 on 2 Nov and
 * 7.20 from 10 Nov, EUR at 7.80 from 10 Nov. `day(n)` sets the clock to
 * 09:00 on n Nov 2026; each command ticks it one minute (like the core's
 * test harness).
 */
function seller(method = 'moving_average') {
  const book = new Book({ functional_currency: 'CNY', valuation_method: method })
  let n = 0
  let clock = Date.UTC(2026, 10, 2, 9, 0)
  const day = (d) => {
    clock = Date.UTC(2026, 10, d, 9, 0)
  }
  const context = () => {
    n += 1
    clock += 60_000
    return { at: new Date(clock).toISOString().replace('.000Z', 'Z'), command_id: `cmd-${n}` }
  }
  const run = (command) => book.execute(command, context())
  /** Runs a command that must throw `code`, and checks that it changed nothing. */
  const fail = (command, code, pattern) => {
    const before = book.snapshot()
    const err = throwsCode(() => run(command), code, pattern)
    assert.equal(book.snapshot(), before, 'a failed command changed the book')
    return err
  }
  const quantities = (sku, location) => book.position(sku, location).quantities
  const value = (sku, location) => {
    const line = book.valuation(sku).find((l) => l.location === location)
    return line ? line.value.amount : '0'
  }

  for (const [code, kind] of [['SZ', 'own'], ['DE', 'third_party'], ['FBA-US', 'fba']]) {
    run({ type: 'define_location', code, name: code, kind })
  }
  run({ type: 'define_sku', code: 'LAMP', name: 'Lamp', weight_kg: '1.2',
        dimensions_cm: { length: '30', width: '20', height: '10' } })
  run({ type: 'define_sku', code: 'FAN', name: 'Fan', weight_kg: '0.5',
        dimensions_cm: { length: '40', width: '30', height: '30' } })
  run({ type: 'define_sku', code: 'CABLE', name: 'Cable' })
  run({ type: 'define_supplier', code: 'F1', name: 'Factory', currency: 'USD', payment_terms_days: 30 })
  run({ type: 'record_rates', entries: [
    { base: 'USD', quote: 'CNY', date: '2026-11-02', rate: '7.10' },
    { base: 'USD', quote: 'CNY', date: '2026-11-10', rate: '7.20' },
    { base: 'EUR', quote: 'CNY', date: '2026-11-10', rate: '7.80' },
  ] })
  return { book, run, fail, day, context, quantities, value }
}

/** PO-1: 100 LAMP at 2.50, 50 FAN at 8.00, 200 CABLE at 0.40 USD, all received on 2 Nov (GRN-1) at 7.10. */
function purchaseAndReceive({ run, day }) {
  run({ type: 'create_purchase_order', po: 'PO-1', supplier: 'F1', date: '2026-11-01', lines: [
    { sku: 'LAMP', quantity: 100, unit_price: usd('2.50'), destination: 'SZ' },
    { sku: 'FAN', quantity: 50, unit_price: usd('8.00'), destination: 'SZ' },
    { sku: 'CABLE', quantity: 200, unit_price: usd('0.40'), destination: 'SZ' },
  ] })
  run({ type: 'confirm_purchase_order', po: 'PO-1' })
  day(2)
  return run({ type: 'receive_purchase_order', po: 'PO-1', receipt: 'GRN-1', lines: [
    { line: 1, quantity: 100 }, { line: 2, quantity: 50 }, { line: 3, quantity: 200 },
  ] })
}

/** Sea freight 300.00 USD (2,160.00 CNY at 7.20) by chargeable weight, divisor 6000, over GRN-1's lines. */
const freight = (lines) => ({
  type: 'apply_landed_cost', voucher: 'LC-1', date: '2026-11-10',
  charges: [{ description: 'Sea freight', kind: 'freight', amount: usd('300.00'),
              account: '2200', method: 'chargeable_weight', divisor: 6000 }],
  targets: lines.map((line) => ({ type: 'receipt', receipt: 'GRN-1', line })),
})

function assertReconciled(book) {
  const lines = book.reconciliation()
  assert.ok(lines.length > 0)
  for (const line of lines) assert.ok(isZero(line.difference.amount), JSON.stringify(line))
}

describe('Trade: purchasing, transfers and landed cost', () => {
  it('receives a USD purchase order at the receipt-date rate and refuses an over-receipt', () => {
    const s = seller()
    const { book, run, day, quantities, value } = s
    run({ type: 'create_purchase_order', po: 'PO-1', supplier: 'F1', date: '2026-11-01',
          lines: [{ sku: 'LAMP', quantity: 100, unit_price: usd('2.50'), destination: 'SZ' }] })
    assert.equal(quantities('LAMP', 'SZ').on_order, 0)
    run({ type: 'confirm_purchase_order', po: 'PO-1' })
    assert.equal(quantities('LAMP', 'SZ').on_order, 100)
    run({ type: 'ship_purchase_order', po: 'PO-1', shipment: { carrier: 'Maersk', tracking: 'MSKU1', eta: '2026-11-20' } })
    assert.deepEqual([quantities('LAMP', 'SZ').on_order, quantities('LAMP', 'SZ').in_transit], [0, 100])
    // A supplier shipment shows in transit (units, no value at the location yet).
    const shipped = book.inTransit('2026-11-01')
    assert.deepEqual(shipped.shipments.map((x) => [x.document, x.units, x.carrier]), [['PO-1', 100, 'Maersk']])

    // 60 arrive on 2 Nov at 7.10: 60 × 2.50 × 7.10 = 1,065.00 CNY.
    day(2)
    const out = run({ type: 'receive_purchase_order', po: 'PO-1', receipt: 'GRN-1', lines: [{ line: 1, quantity: 60 }] })
    assert.deepEqual(vouchers(out), ['Dr 1300 1065.00, Cr 2100 1065.00'])
    const entry = book.journal().at(-1)
    assert.equal(voucher(entry), 'Dr 1300 1065.00, Cr 2100 1065.00')
    assert.equal(entry.date, '2026-11-02')
    assert.equal(typeof entry.lines[0].debit, 'string')
    assert.deepEqual([quantities('LAMP', 'SZ').in_transit, quantities('LAMP', 'SZ').available], [40, 60])
    const [po] = book.purchaseOrders()
    assert.deepEqual([po.po, po.supplier, po.status], ['PO-1', 'F1', 'partially_received'])
    assert.deepEqual([po.lines[0].received, po.lines[0].outstanding], [60, 40])
    assert.deepEqual(po.receipts, ['GRN-1'])
    assert.deepEqual(po.ordered_value, usd('250.00'))
    assert.deepEqual(po.outstanding_value, usd('100.00'))

    // The rest on 10 Nov at 7.20: 40 × 2.50 × 7.20 = 720.00.
    day(10)
    const rest = run({ type: 'receive_purchase_order', po: 'PO-1', receipt: 'GRN-2', lines: [{ line: 1, quantity: 40 }] })
    assert.deepEqual(vouchers(rest), ['Dr 1300 720.00, Cr 2100 720.00'])
    assert.equal(value('LAMP', 'SZ'), '1785.00')
    assert.equal(book.purchaseOrders()[0].status, 'received')

    // Over-receipt beyond the tolerance (0 by default): refused with the numbers, nothing changed.
    s.fail({ type: 'receive_purchase_order', po: 'PO-1', receipt: 'GRN-3', lines: [{ line: 1, quantity: 1 }] },
      'OVER_RECEIPT', /ordered 100, received 100/)
  })

  for (const method of ['moving_average', 'fifo']) {
    it(`splits freight by chargeable weight after 40 lamps were sold (${method})`, () => {
      const s = seller(method)
      const { book, run, day, value } = s
      // 100 × 2.50 × 7.10 = 1,775.00; 50 × 8.00 × 7.10 = 2,840.00; 200 × 0.40 × 7.10 = 568.00.
      assert.deepEqual(vouchers(purchaseAndReceive(s)), [
        'Dr 1300 1775.00, Cr 2100 1775.00',
        'Dr 1300 2840.00, Cr 2100 2840.00',
        'Dr 1300 568.00, Cr 2100 568.00',
      ])
      day(5)
      run({ type: 'issue', sku: 'LAMP', location: 'SZ', quantity: 40, reason: 'sale' })
      assert.equal(value('LAMP', 'SZ'), '1065.00')

      // Bases LAMP 1.2 kg × 100 = 120, FAN max(0.5, 36000/6000) × 50 = 300, CABLE 0:
      // LAMP 617.14 (370.28 on hand, 246.86 sold), FAN 1,542.86.
      day(10)
      const out = run(freight([1, 2, 3]))
      assert.deepEqual(vouchers(out), ['Dr 1300 370.28, Dr 5000 246.86, Dr 1300 1542.86, Cr 2200 2160.00'])
      assert.equal(value('LAMP', 'SZ'), '1435.28')
      assert.equal(value('FAN', 'SZ'), '4382.86')
      assert.equal(value('CABLE', 'SZ'), '568.00')
      assertReconciled(book)

      const report = book.landedCost('LAMP')
      assert.equal(report.lines.length, 1)
      const [line] = report.lines
      assert.deepEqual(line.target, { type: 'receipt', receipt: 'GRN-1', line: 1 })
      assert.deepEqual([line.sku, line.quantity], ['LAMP', 100])
      assert.deepEqual(line.total.purchase, money('1775.00', 'CNY'))
      assert.deepEqual(line.total.freight, money('617.14', 'CNY'))
      assert.equal(line.per_unit.total.amount, '23.9214')
      assert.equal(report.skus[0].per_unit.freight.amount, '6.1714')
      // Without a SKU: every line; the freight shares add up to the charge.
      const all = book.landedCost()
      assert.deepEqual(all.skus.map((x) => x.sku).sort(), ['CABLE', 'FAN', 'LAMP'])
      assert.deepEqual(all.skus.map((x) => x.total.freight.amount).sort(), ['0.00', '1542.86', '617.14'])
      assert.deepEqual(book.landedCost(null), all)
    })
  }

  it('refuses a zero allocation basis unless the voucher asks for equal shares', () => {
    const s = seller()
    purchaseAndReceive(s)
    const charge = (fallback) => ({
      type: 'apply_landed_cost', voucher: 'LC-W', date: '2026-11-10', equal_fallback: fallback,
      charges: [{ description: 'Handling', amount: money('10.00', 'CNY'), account: '2200', method: 'weight' }],
      targets: [{ type: 'receipt', receipt: 'GRN-1', line: 3 }],
    })
    s.fail(charge(false), 'ZERO_ALLOCATION_BASIS', /receipt GRN-1 line 3/)
    assert.deepEqual(vouchers(s.run(charge(true))), ['Dr 1300 10.00, Cr 2200 10.00'])
    assert.equal(s.value('CABLE', 'SZ'), '578.00')
  })

  for (const method of ['moving_average', 'fifo']) {
    it(`receives transfer T-1 of 50 fans with 47 accepted, 1 damaged, 2 short (${method})`, () => {
      const s = seller(method)
      const { book, run, day, quantities, value } = s
      purchaseAndReceive(s)
      day(10)
      run(freight([1, 2]))
      assert.equal(value('FAN', 'SZ'), '4382.86')

      run({ type: 'create_transfer', transfer: 'T-1', source: 'SZ', destination: 'DE', lines: [{ sku: 'FAN', quantity: 50 }] })
      run({ type: 'approve_transfer', transfer: 'T-1' })
      assert.deepEqual([quantities('FAN', 'SZ').available, quantities('FAN', 'SZ').committed], [0, 50])
      day(12)
      const shipped = run({ type: 'ship_transfer', transfer: 'T-1',
                            shipment: { carrier: 'COSCO', tracking: 'CSLU7', eta: '2026-12-20' } })
      assert.deepEqual(vouchers(shipped), ['Dr 1310 4382.86, Cr 1300 4382.86'])
      assert.equal(quantities('FAN', 'DE').in_transit, 50)
      assert.equal(value('FAN', 'SZ'), '0')
      const transit = book.inTransit('2026-11-12')
      assert.deepEqual(transit.total_value, money('4382.86', 'CNY'))
      assert.equal(transit.shipments.length, 1)
      assert.deepEqual([transit.shipments[0].document, transit.shipments[0].carrier, transit.shipments[0].units],
        ['T-1', 'COSCO', 50])
      // The reconciliation gains a goods-in-transit line, equal to its account.
      const git = book.reconciliation().find((l) => l.scope === 'goods_in_transit')
      assert.ok(git, 'no goods_in_transit line')
      assert.deepEqual([git.subledger.amount, git.ledger.amount], ['4382.86', '4382.86'])
      assertReconciled(book)

      // Carrier milestones; a repeated carrier event (same event_id) is a no-op.
      const milestone = { type: 'record_milestone', document: 'T-1', eta: '2026-12-18',
        milestone: { event_id: 'E1', milestone: 'departed', at: '2026-11-13T02:00:00Z', place: 'Yantian' } }
      assert.equal(run(milestone).events.length, 1)
      const version = book.version
      const again = run(milestone)
      // Logged as no_effect, so its command id is remembered; nothing moves.
      assert.deepEqual([again.events.map((r) => r.event), again.duplicate], [[{ type: 'no_effect' }], false])
      assert.equal(book.version, version + 1)
      s.fail({ type: 'record_milestone', document: 'T-404',
               milestone: { event_id: 'E2', milestone: 'delivered', at: '2026-11-13T02:00:00Z' } }, 'UNKNOWN_DOCUMENT')
      assert.deepEqual(book.transfer('T-1').shipment.milestones.map((m) => m.event_id), ['E1'])

      // 47 accepted: round(4,382.86 × 47/50) = 4,119.89; 1 damaged out of the 3
      // left worth 262.97: 87.66; 2 short take the rest, 175.31, to transit loss.
      day(20)
      const received = run({ type: 'receive_transfer', transfer: 'T-1', lines: [
        { line: 1, accepted: 47, damaged: 1, short: 2, short_to: 'loss', damage_reason: 'crushed' }] })
      assert.deepEqual(vouchers(received), [
        'Dr 1300 4119.89, Cr 1310 4119.89',
        'Dr 1300 87.66, Cr 1310 87.66',
        'Dr 5200 175.31, Cr 1310 175.31',
      ])
      const position = book.position('FAN', 'DE')
      const q = position.quantities
      assert.deepEqual([q.available, q.damaged, q.in_transit], [47, 1, 0])
      assert.deepEqual(position.damaged_by_reason, { crushed: 1 })
      assert.equal(value('FAN', 'DE'), '4207.55')
      const transfer = book.transfer('T-1')
      assert.equal(transfer.status, 'received')
      const [line] = transfer.lines
      assert.deepEqual([line.accepted, line.damaged, line.short, line.shipped], [47, 1, 2, 50])
      assert.deepEqual([line.shipped_value, line.short_value], ['4382.86', '175.31'])
      const after = book.inTransit('2026-11-20')
      assert.equal(after.total_value.amount, '0.00')
      assert.deepEqual(after.shipments, [])
      assertReconciled(book)
      const loss = book.trialBalance('2026-11-30').lines.find((l) => l.account === '5200')
      assert.equal(loss.balance.amount, '175.31')
    })
  }

  it('refuses transfer commands out of state and changes nothing', () => {
    const s = seller()
    const { book, run, quantities } = s
    purchaseAndReceive(s)
    run({ type: 'create_transfer', transfer: 'T-2', source: 'SZ', destination: 'FBA-US', lines: [{ sku: 'LAMP', quantity: 30 }] })
    // Receiving a transfer that never shipped.
    s.fail({ type: 'receive_transfer', transfer: 'T-2', lines: [{ line: 1, accepted: 30 }] }, 'DOCUMENT_STATE')
    run({ type: 'approve_transfer', transfer: 'T-2' })
    // Shipping more than committed.
    s.fail({ type: 'ship_transfer', transfer: 'T-2', lines: [{ line: 1, quantity: 31 }] }, 'QUANTITY_EXCEEDED')
    // Cancelling before shipping releases the commitment; a cancelled transfer cannot be approved.
    run({ type: 'cancel_transfer', transfer: 'T-2' })
    assert.deepEqual([quantities('LAMP', 'SZ').available, quantities('LAMP', 'SZ').committed], [100, 0])
    assert.equal(book.transfer('T-2').status, 'cancelled')
    s.fail({ type: 'approve_transfer', transfer: 'T-2' }, 'DOCUMENT_STATE')
    throwsCode(() => book.transfer('T-404'), 'UNKNOWN_DOCUMENT')
    throwsCode(() => book.inTransit('12/11/2026'), 'INVALID_DATE')
    // A number where a decimal string belongs is refused, naming the field.
    s.fail({ type: 'record_rates', entries: [{ base: 'USD', quote: 'CNY', date: '2026-11-20', rate: 7.3 }] },
      'INVALID_COMMAND', /command\.entries\[0\]\.rate is the number 7\.3/)
    // A batch reports the error of its entry.
    const results = book.executeBatch([
      { command: { type: 'create_transfer', transfer: 'T-9', source: 'SZ', destination: 'DE',
                   lines: [{ sku: 'FAN', quantity: 5 }] }, context: s.context() },
      { command: { type: 'receive_transfer', transfer: 'T-9', lines: [{ line: 1, accepted: 5 }] }, context: s.context() },
    ])
    assert.ok('ok' in results[0])
    assert.equal(results[1].error.code, 'DOCUMENT_STATE')
  })
})
