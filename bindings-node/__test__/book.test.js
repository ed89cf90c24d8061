'use strict'
// The inventory Book: commands in, events and reports out, as plain objects
// whose shape is the core's serde form (docs/schema). Decimals are strings.
// Every stock command that changes value also posts its journal entry (the
// standard chart: 1300 inventory, 2100 goods received not invoiced, 5000
// COGS…); the ledger itself is tested in ledger.test.js.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const { Book, Money } = require('..')
const { throwsCode, harness, money, receive, issue, onlyEvent, vouchers } = require('./helpers')

/** Sum of Money-shaped objects with the Money class (exact). */
function total(values, currency) {
  return values.reduce((sum, v) => sum.add(new Money(v.amount, v.currency)), new Money('0', currency))
}

describe('Book: valuation', () => {
  it('FIFO issues 15 of 10 @ 10.00 + 10 @ 20.00 for 200.00 and keeps 5 worth 100.00', () => {
    const { book, run } = harness({ functional_currency: 'USD', valuation_method: 'fifo' })
    assert.deepEqual(vouchers(run(receive('A', 'SZ', 10, '10.00'))), ['Dr 1300 100.00, Cr 2100 100.00'])
    assert.deepEqual(vouchers(run(receive('A', 'SZ', 10, '20.00'))), ['Dr 1300 200.00, Cr 2100 200.00'])
    const out = run(issue('A', 'SZ', 15))
    const event = onlyEvent(out)
    assert.equal(event.type, 'issued')
    assert.deepEqual(event.value, money('200.00', 'USD'))
    // The cost of the sale leaves inventory for COGS, in the same outcome.
    assert.deepEqual(vouchers(out), ['Dr 5000 200.00, Cr 1300 200.00'])
    assert.deepEqual(
      out.events.map((r) => r.event.type),
      ['issued', 'journal_posted'],
    )
    assert.deepEqual(
      event.cost.layers.map((l) => [l.quantity, l.value]),
      [
        [10, '100.00'],
        [5, '100.00'],
      ],
    )
    assert.deepEqual(book.valuation('A'), [
      {
        sku: 'A',
        location: 'SZ',
        scope: 'SZ',
        quantity: 5,
        value: money('100.00', 'USD'),
        unit_cost: money('20.00', 'USD'),
      },
    ])
  })

  it('moving average issues the same 15 for 225.00 and keeps 75.00', () => {
    const { book, run } = harness({ functional_currency: 'USD', valuation_method: 'moving_average' })
    run(receive('A', 'SZ', 10, '10.00'))
    run(receive('A', 'SZ', 10, '20.00'))
    const out = run(issue('A', 'SZ', 15))
    const event = onlyEvent(out)
    assert.deepEqual(event.value, money('225.00', 'USD'))
    assert.deepEqual(vouchers(out), ['Dr 5000 225.00, Cr 1300 225.00'])
    assert.deepEqual(event.cost.layers ?? [], [])
    const [line] = book.valuation('A')
    assert.equal(line.quantity, 5)
    assert.deepEqual(line.value, money('75.00', 'USD'))
    assert.ok(new Money(line.unit_cost.amount, 'USD').equals(new Money('15', 'USD')), line.unit_cost.amount)
  })

  it('three units at 3.3333333333 go out as 3.33, 3.34, 3.33 and leave exactly nothing', () => {
    for (const valuation_method of ['moving_average', 'fifo']) {
      const { book, run } = harness({ functional_currency: 'USD', valuation_method })
      const received = onlyEvent(run(receive('A', 'SZ', 3, '3.3333333333')))
      assert.deepEqual(received.unit_cost, money('3.3333333333', 'USD'))
      assert.deepEqual(received.value, money('10.00', 'USD'))
      const outcomes = [1, 2, 3].map(() => run(issue('A', 'SZ', 1)))
      const issued = outcomes.map((out) => onlyEvent(out).value.amount)
      assert.deepEqual(issued, ['3.33', '3.34', '3.33'], valuation_method)
      // The vouchers carry the same cents, so inventory ends at exactly zero too.
      assert.deepEqual(
        outcomes.flatMap(vouchers),
        ['Dr 5000 3.33, Cr 1300 3.33', 'Dr 5000 3.34, Cr 1300 3.34', 'Dr 5000 3.33, Cr 1300 3.33'],
        valuation_method,
      )
      const inventory = book.trialBalance('2026-11-02').lines.find((l) => l.account === '1300')
      assert.deepEqual([inventory.debit.amount, inventory.credit.amount, inventory.balance.amount], ['10.00', '10.00', '0.00'])
      assert.deepEqual(book.valuation('A'), [], valuation_method)
      // The history's signed values net to zero, to the cent.
      assert.equal(total(book.history('A').map((m) => m.value), 'USD').toString(), '0.00 USD')
      assert.equal(book.position('A', 'SZ').on_hand, 0)
    }
  })

  it('a JPY book rounds to whole yen: 7 @ 333.5 is 2335, issuing 2 is 667', () => {
    const { book, run } = harness({ functional_currency: 'JPY' })
    const received = run(receive('A', 'SZ', 7, '333.5', 'JPY'))
    assert.deepEqual(onlyEvent(received).value, money('2335', 'JPY'))
    assert.deepEqual(vouchers(received), ['Dr 1300 2335, Cr 2100 2335'])
    const issued = run(issue('A', 'SZ', 2))
    assert.deepEqual(onlyEvent(issued).value, money('667', 'JPY'))
    assert.deepEqual(vouchers(issued), ['Dr 5000 667, Cr 1300 667'])
    assert.deepEqual(book.valuation('A')[0].value, money('1668', 'JPY'))
    assert.deepEqual(onlyEvent(run(issue('A', 'SZ', 5))).value, money('1668', 'JPY'))
  })

  it('values each warehouse scope apart, and the company as one when configured', () => {
    const perWarehouse = harness({ functional_currency: 'USD' })
    perWarehouse.run(receive('A', 'SZ', 1, '10.00'))
    perWarehouse.run(receive('A', 'DE', 1, '20.00'))
    assert.deepEqual(
      perWarehouse.book.valuation().map((l) => [l.location, l.scope, l.unit_cost.amount]),
      [
        ['SZ', 'SZ', '10.00'],
        ['DE', 'DE', '20.00'],
      ],
    )
    const company = harness({ functional_currency: 'USD', valuation_scope: 'company' })
    company.run(receive('A', 'SZ', 1, '10.00'))
    company.run(receive('A', 'DE', 1, '20.00'))
    const values = company.book.valuation().map((l) => l.value.amount)
    assert.deepEqual(values, ['15.00', '15.00'])
  })
})

describe('Book: buckets and reports', () => {
  it('commits units with a move, then ships the order from committed', () => {
    const { book, run } = harness({ functional_currency: 'USD' })
    run(receive('A', 'SZ', 10, '2.00'))
    const move = run({ type: 'move', sku: 'A', location: 'SZ', quantity: 4, from: 'available', to: 'committed' })
    const moved = onlyEvent(move)
    // A move changes no value: it posts nothing.
    assert.deepEqual(vouchers(move), [])
    assert.deepEqual(
      [moved.type, moved.from, moved.to, moved.quantity],
      ['moved', 'available', 'committed', 4],
    )
    let position = book.position('A', 'SZ')
    assert.equal(position.quantities.available, 6)
    assert.equal(position.quantities.committed, 4)
    assert.equal(position.on_hand, 10)
    let stock = book.stock('A')
    assert.equal(stock.positions.length, 1)
    assert.equal(stock.totals.committed, 4)
    assert.equal(stock.on_hand, 10)

    const ship = run(issue('A', 'SZ', 4, { bucket: 'committed', reference: 'SO-1' }))
    const shipped = onlyEvent(ship)
    assert.deepEqual([shipped.bucket, shipped.reference, shipped.value.amount], ['committed', 'SO-1', '8.00'])
    // The voucher names the order it ships, as its document and on its lines.
    const [entry] = ship.events.filter((r) => r.event.type === 'journal_posted').map((r) => r.event)
    assert.deepEqual(vouchers(ship), ['Dr 5000 8.00, Cr 1300 8.00'])
    assert.equal(entry.document, 'SO-1')
    assert.deepEqual(entry.lines[1].dimensions, { sku: 'A', location: 'SZ', document: 'SO-1' })
    position = book.position('A', 'SZ')
    assert.deepEqual(
      [position.quantities.available, position.quantities.committed, position.on_hand],
      [6, 0, 6],
    )
    stock = book.stock('A')
    assert.deepEqual([stock.totals.available, stock.totals.committed, stock.on_hand], [6, 0, 6])
    // A position never touched reports zeros; DE holds none of A.
    assert.equal(book.position('A', 'DE').on_hand, 0)
    assert.deepEqual(
      book.history('A').map((m) => [m.kind, m.quantity, m.value.amount]),
      [
        ['received', 10, '20.00'],
        ['moved', 4, '0.00'], // a move changes no value: zero, in minor units
        ['issued', -4, '-8.00'],
      ],
    )
  })

  it('a stocktake freezes its location, then posts the variances as adjustments', () => {
    const { book, run } = harness({ functional_currency: 'USD' })
    run(receive('A', 'SZ', 10, '4.00'))
    run(receive('B', 'SZ', 6, '2.50'))
    const opened = onlyEvent(run({ type: 'open_stocktake', stocktake: 'ST-1', location: 'SZ' }))
    assert.deepEqual(opened.expected, [
      { sku: 'A', quantity: 10 },
      { sku: 'B', quantity: 6 },
    ])
    const before = book.snapshot()
    throwsCode(() => run(issue('A', 'SZ', 1)), 'LOCATION_FROZEN', /SZ.*ST-1/)
    assert.equal(book.snapshot(), before)
    // Other locations keep moving.
    run(receive('A', 'DE', 1, '4.00'))
    run({ type: 'record_count', stocktake: 'ST-1', sku: 'A', counted: 9 })
    run({ type: 'record_count', stocktake: 'ST-1', sku: 'B', counted: 5 })
    run({ type: 'record_count', stocktake: 'ST-1', sku: 'B', counted: 8 }) // the last count wins
    const posted = run({ type: 'post_stocktake', stocktake: 'ST-1' })
    // Each variance is followed by its voucher: a loss to 5100, a gain from 4200.
    const voucherOf = (e) => `${e.lines[0].account} ${e.lines[0].debit} / ${e.lines[1].account} ${e.lines[1].credit}`
    assert.deepEqual(
      posted.events.map(({ event: e }) =>
        e.type === 'journal_posted'
          ? [e.type, voucherOf(e)]
          : e.value
            ? [e.type, e.sku, e.quantity, e.value.amount]
            : [e.type],
      ),
      [
        ['adjusted_down', 'A', 1, '4.00'],
        ['journal_posted', '5100 4.00 / 1300 4.00'],
        ['adjusted_up', 'B', 2, '5.00'],
        ['journal_posted', '1300 5.00 / 4200 5.00'],
        ['stocktake_posted'],
      ],
    )
    assert.equal(book.position('A', 'SZ').on_hand, 9)
    assert.equal(book.position('B', 'SZ').on_hand, 8)
    assert.deepEqual(book.valuation('B')[0].value, money('20.00', 'USD'))
    // Unfrozen after posting.
    assert.equal(onlyEvent(run(issue('A', 'SZ', 1))).value.amount, '4.00')
    throwsCode(() => run({ type: 'post_stocktake', stocktake: 'ST-1' }), 'STOCKTAKE_STATE')
  })
})

describe('Book: errors leave the book unchanged', () => {
  it('refuses an issue beyond available with INSUFFICIENT_STOCK naming requested and available', () => {
    const { book, run } = harness({ functional_currency: 'USD' })
    run(receive('A', 'SZ', 4, '1.00'))
    run({ type: 'move', sku: 'A', location: 'SZ', quantity: 3, from: 'available', to: 'committed' })
    const before = book.snapshot()
    const version = book.version
    const err = throwsCode(() => run(issue('A', 'SZ', 2)), 'INSUFFICIENT_STOCK')
    assert.equal(err.message, 'insufficient stock of A at SZ in available: requested 2, available 1')
    assert.equal(book.snapshot(), before)
    assert.equal(book.version, version)
  })

  it('throws the core codes for unknown SKUs, locations and lots, and bad quantities', () => {
    const { book, run } = harness({ functional_currency: 'USD' })
    const before = book.snapshot()
    throwsCode(() => run(receive('NOPE', 'SZ', 1, '1')), 'UNKNOWN_SKU', /NOPE/)
    throwsCode(() => run(receive('A', 'XX', 1, '1')), 'UNKNOWN_LOCATION', /XX/)
    throwsCode(() => run(receive('A', 'SZ', 0, '1')), 'INVALID_QUANTITY')
    throwsCode(() => run(receive('A', 'SZ', 1, '1', 'EUR')), 'CURRENCY_MISMATCH')
    throwsCode(() => run(receive('A', 'SZ', 1, '-1')), 'INVALID_AMOUNT')
    throwsCode(() => run({ type: 'define_sku', code: 'A', name: 'again' }), 'DUPLICATE_CODE')
    assert.equal(book.snapshot(), before)
    throwsCode(() => book.position('NOPE', 'SZ'), 'UNKNOWN_SKU')
    throwsCode(() => book.position('A', 'XX'), 'UNKNOWN_LOCATION')
    throwsCode(() => book.position('A', 'SZ', 'LOT-9'), 'UNKNOWN_LOT')
    throwsCode(() => book.stock('NOPE'), 'UNKNOWN_SKU')
    throwsCode(() => book.valuation('NOPE'), 'UNKNOWN_SKU')
    throwsCode(() => book.history('NOPE'), 'UNKNOWN_SKU')
  })

  it('refuses malformed commands, contexts and configs with INVALID_COMMAND', () => {
    const { book, context } = harness({ functional_currency: 'USD' })
    const before = book.snapshot()
    throwsCode(() => book.execute({ type: 'teleport' }, context()), 'INVALID_COMMAND', /teleport/)
    throwsCode(() => book.execute({ type: 'issue', sku: 'A' }, context()), 'INVALID_COMMAND', /missing field/)
    throwsCode(() => book.execute(undefined, context()), 'INVALID_COMMAND', /command is undefined/)
    throwsCode(() => book.execute(issue('A', 'SZ', 1), { at: 'yesterday', command_id: 'x' }), 'INVALID_COMMAND', /context/)
    throwsCode(() => book.execute(issue('A', 'SZ', 1), { command_id: 'x' }), 'INVALID_COMMAND', /missing field `at`/)
    assert.equal(book.snapshot(), before)
    throwsCode(() => new Book({}), 'INVALID_COMMAND', /functional_currency/)
    throwsCode(() => new Book({ functional_currency: 'XYZ' }), 'INVALID_COMMAND', /XYZ/)
    throwsCode(() => new Book({ functional_currency: 'USD', valuation_method: 'lifo' }), 'INVALID_COMMAND', /lifo/)
    // INVALID_SNAPSHOT once restore verifies snapshots, INVALID_EVENT_LOG before.
    assert.throws(() => Book.restore('{"not":"a snapshot"}'), (err) =>
      ['INVALID_SNAPSHOT', 'INVALID_EVENT_LOG'].includes(err.code) && /snapshot/.test(err.message))
    throwsCode(() => Book.replay({ functional_currency: 'USD' }, '[{"seq":1}]'), 'INVALID_EVENT_LOG', /schema_version/)
  })

  it('refuses a JS number where a decimal string belongs (INVALID_COMMAND naming the field)', () => {
    const { book, run, context } = harness({ functional_currency: 'USD' })
    const before = book.snapshot()
    const err = throwsCode(() => run(receive('A', 'SZ', 1, 1.5)), 'INVALID_COMMAND')
    assert.match(err.message, /command\.unit_cost\.amount is the number 1\.5/)
    assert.match(err.message, /decimals are strings/)
    // Whole numbers too: 10 may look exact, but money never travels as a number.
    throwsCode(() => run(receive('A', 'SZ', 1, 10)), 'INVALID_COMMAND', /unit_cost\.amount is the number 10\b/)
    throwsCode(
      () => run({ type: 'define_sku', code: 'C', name: 'C', weight_kg: 0.25 }),
      'INVALID_COMMAND',
      /command\.weight_kg is the number 0\.25/,
    )
    throwsCode(
      () => book.executeBatch([{ command: receive('A', 'SZ', 1, 2.5), context: context() }]),
      'INVALID_COMMAND',
      /batch\[0\]\.command\.unit_cost\.amount is the number 2\.5/,
    )
    // Other type errors keep serde's message: a string where a count belongs.
    const count = throwsCode(() => run({ ...receive('A', 'SZ', 1, '1.00'), quantity: '1' }), 'INVALID_COMMAND')
    assert.match(count.message, /invalid type: string "1", expected i64/)
    // A BigInt has no JSON form either.
    throwsCode(() => run({ ...receive('A', 'SZ', 1, '1.00'), quantity: 1n }), 'INVALID_COMMAND', /BigInt/)
    assert.equal(book.snapshot(), before)
    // The string forms work, and a Money instance serializes to its JSON form.
    assert.equal(onlyEvent(run(receive('A', 'SZ', 2, '1.50'))).value.amount, '3.00')
    assert.deepEqual(
      onlyEvent(run({ ...receive('A', 'SZ', 2, '0'), unit_cost: new Money('2.25', 'USD') })).value,
      money('4.50', 'USD'),
    )
    const sku = onlyEvent(run({ type: 'define_sku', code: 'C', name: 'C', weight_kg: '0.25' }))
    assert.equal(sku.weight_kg, '0.25')
  })
})

describe('Book: idempotency, versions, persistence', () => {
  it('replays a command id with the same command as a duplicate; another command conflicts', () => {
    const { book, run } = harness({ functional_currency: 'USD' })
    const ctx = { at: '2026-11-02T10:00:00Z', command_id: 'receipt-42' }
    const first = book.execute(receive('A', 'SZ', 5, '2.00'), ctx)
    const snapshot = book.snapshot()
    const again = book.execute(receive('A', 'SZ', 5, '2.00'), ctx)
    assert.equal(first.duplicate, false)
    assert.equal(again.duplicate, true)
    assert.equal(again.version, first.version)
    assert.deepEqual(again.events, first.events)
    assert.equal(book.snapshot(), snapshot)
    assert.equal(book.position('A', 'SZ').on_hand, 5)
    const err = throwsCode(() => book.execute(receive('A', 'SZ', 6, '2.00'), ctx), 'IDEMPOTENCY_CONFLICT')
    assert.match(err.message, /receipt-42/)
    assert.equal(book.snapshot(), snapshot)

    // Compare-and-swap on the version.
    assert.equal(book.version, 5)
    throwsCode(() => run(issue('A', 'SZ', 1), { expected_version: 3 }), 'VERSION_CONFLICT', /3/)
    assert.equal(run(issue('A', 'SZ', 1), { expected_version: 5 }).version, 6)
    // `undefined` and `null` both mean "no version check".
    assert.equal(run(issue('A', 'SZ', 1), { expected_version: undefined }).version, 7)
    assert.equal(run(issue('A', 'SZ', 1), { expected_version: null }).version, 8)
  })

  it('accepts a Date as context.at and records it as UTC text', () => {
    const { book } = harness({ functional_currency: 'USD' })
    const out = book.execute(receive('A', 'SZ', 1, '1.00'), {
      at: new Date('2026-11-03T01:02:03Z'),
      command_id: 'dated',
    })
    assert.equal(out.events[0].at, '2026-11-03T01:02:03Z')
  })

  it('replay(config, events) and restore(snapshot) rebuild an identical book', () => {
    const config = { functional_currency: 'EUR', valuation_method: 'fifo' }
    const { book, run } = harness(config)
    run(receive('A', 'SZ', 10, '1.10', 'EUR'))
    run(receive('A', 'SZ', 10, '1.30', 'EUR'))
    run(issue('A', 'SZ', 12))
    run({ type: 'adjust', sku: 'A', location: 'SZ', quantity: -1, reason: 'broken in handling' })
    run({ type: 'open_stocktake', stocktake: 'ST-9', location: 'DE' })
    const snapshot = book.snapshot()
    const events = book.events()
    // 4 definitions, then each receipt, issue and adjustment with its
    // voucher, then the stocktake: 13 events for 9 commands.
    assert.deepEqual(
      events.map((e) => [e.seq, e.version, e.event.type]),
      [
        [1, 1, 'location_defined'],
        [2, 2, 'location_defined'],
        [3, 3, 'sku_defined'],
        [4, 4, 'sku_defined'],
        [5, 5, 'received'],
        [6, 5, 'journal_posted'],
        [7, 6, 'received'],
        [8, 6, 'journal_posted'],
        [9, 7, 'issued'],
        [10, 7, 'journal_posted'],
        [11, 8, 'adjusted_down'],
        [12, 8, 'journal_posted'],
        [13, 9, 'stocktake_opened'],
      ],
    )
    assert.deepEqual(book.config, {
      functional_currency: 'EUR',
      valuation_method: 'fifo',
      valuation_scope: 'warehouse',
      negative_stock: 'refuse',
      rounding: 'half_away_from_zero',
      ledger: { type: 'standard' },
    })

    const replayed = Book.replay(config, events)
    assert.equal(replayed.snapshot(), snapshot)
    assert.equal(replayed.version, book.version)
    // The log as stored text replays too.
    assert.equal(Book.replay(config, JSON.stringify(events)).snapshot(), snapshot)
    const restored = Book.restore(snapshot)
    assert.equal(restored.snapshot(), snapshot)
    assert.deepEqual(restored.valuation(), book.valuation())
    // The ledger comes back with them.
    for (const copy of [replayed, restored]) {
      assert.deepEqual(copy.journal(), book.journal())
      assert.deepEqual(copy.trialBalance('2026-11-30'), book.trialBalance('2026-11-30'))
    }
    // The copies carry on exactly like the original, idempotency included.
    const next = { at: '2026-11-04T08:00:00Z', command_id: 'after' }
    const outcomes = [book, replayed, restored].map((b) => b.execute(issue('A', 'SZ', 2), next))
    assert.deepEqual(outcomes[1], outcomes[0])
    assert.deepEqual(outcomes[2], outcomes[0])
    assert.equal(restored.execute(issue('A', 'SZ', 2), next).duplicate, true)
    assert.equal(restored.snapshot(), book.snapshot())
    // A log that does not apply is refused.
    const gap = events.filter((e) => e.seq !== 4)
    throwsCode(() => Book.replay(config, gap), 'INVALID_EVENT_LOG', /seq|sequence/)
  })
})

describe('Book: batches', () => {
  const batch = (context) => [
    { command: receive('A', 'SZ', 5, '3.00'), context: context() },
    { command: issue('A', 'SZ', 2), context: context() },
    { command: issue('A', 'SZ', 50), context: context() },
    { command: issue('A', 'SZ', 1), context: context() },
  ]

  it('all-or-nothing stops at the first failure and rolls everything back', () => {
    const { book, context } = harness({ functional_currency: 'USD' })
    const before = book.snapshot()
    const results = book.executeBatch(batch(context), true)
    assert.equal(results.length, 3)
    assert.ok(results[0].ok && results[1].ok)
    assert.equal(results[2].error.code, 'INSUFFICIENT_STOCK')
    assert.match(results[2].error.message, /requested 50, available 3/)
    assert.equal(book.snapshot(), before)
    assert.equal(book.version, 4)
    assert.equal(book.position('A', 'SZ').on_hand, 0)
  })

  it('without the flag each command stands alone', () => {
    const { book, context } = harness({ functional_currency: 'USD' })
    const results = book.executeBatch(batch(context))
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : r.error.code)),
      ['ok', 'ok', 'INSUFFICIENT_STOCK', 'ok'],
    )
    assert.equal(results[3].ok.version, 7)
    assert.equal(book.version, 7)
    assert.equal(book.position('A', 'SZ').on_hand, 2)
    assert.deepEqual(book.valuation('A')[0].value, money('6.00', 'USD'))
  })
})

describe('Book: head hash', () => {
  it('is the last event\'s hash, and a replayed log with its tail cut has another', () => {
    const book = new Book({ functional_currency: 'USD' })
    assert.equal(book.headHash, '0'.repeat(64))
    book.execute({ type: 'define_location', code: 'SZ', name: 'S', kind: 'own' }, { at: '2026-11-02T09:00:00Z', command_id: '1' })
    book.execute({ type: 'define_sku', code: 'A', name: 'A' }, { at: '2026-11-02T09:00:00Z', command_id: '2' })
    const events = book.events()
    assert.match(book.headHash, /^[0-9a-f]{64}$/)
    assert.equal(book.headHash, events[events.length - 1].hash)
    assert.notEqual(Book.replay(book.config, events.slice(0, -1)).headHash, book.headHash)
    assert.equal(Book.replay(book.config, events).headHash, book.headHash)
  })
})
