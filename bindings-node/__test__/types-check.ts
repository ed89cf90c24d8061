// Compiled (never run) by scripts/test-node.sh with `tsc -p tsconfig.json`:
// proves that index.d.ts and the generated types.d.ts are valid TypeScript
// and describe the book as the tests use it. Every `@ts-expect-error` below
// must stay an error, or tsc fails.
import {
  Book,
  LANDED_ERROR_CODES,
  Money,
  isLandedError,
  type DefineSkuCommand,
  type Dimensions,
  type IssueCommand,
  type LandedErrorCode,
  type ReceiveCommand,
  type Accruals,
  type BatchResult,
  type Command,
  type Context,
  type Event,
  type InTransitReport,
  type JournalEntry,
  type LandedCostReport,
  type OpenItems,
  type OrderExceptions,
  type Outcome,
  type PurchaseOrders,
  type Reconciliation,
  type RoleBalances,
  type SalesOrders,
  type SalesOrderStatus,
  type TrialBalance,
  type RecordedEvent,
  type StockReport,
  type Transfer,
  type Valuation,
} from 'landed'

const book = new Book({ functional_currency: 'USD', valuation_method: 'fifo' })
const context: Context = { at: '2026-11-02T09:00:00Z', command_id: 'c1', expected_version: 0 }
const receive: Command = {
  type: 'receive',
  sku: 'A',
  location: 'SZ',
  quantity: 10,
  unit_cost: { amount: '10.00', currency: 'USD' },
}
const outcome: Outcome = book.execute(receive, context)
const version: number = outcome.version

// Events are a union discriminated by `type`; decimals are strings.
function issuedValue(event: Event): string | undefined {
  if (event.type === 'issued') {
    const layers: number[] = (event.cost.layers ?? []).map((l) => l.quantity)
    return `${event.value.amount} ${event.value.currency} ${layers.length}`
  }
  if (event.type === 'stocktake_opened') return String(event.expected.length)
  return undefined
}
const log: RecordedEvent[] = book.events()
log.map((r) => issuedValue(r.event))

const stock: StockReport = book.stock('A')
const onHand: number = stock.totals.available + stock.on_hand
const valuation: Valuation = book.valuation()
const unitCost: string = valuation[0].unit_cost.amount
const results: BatchResult[] = book.executeBatch([{ command: receive, context }], true)
for (const r of results) {
  if ('ok' in r) r.ok.events.length
  else r.error.code.toLowerCase()
}
const copy: Book = Book.replay(book.config, book.events())
const restored: Book = Book.restore(copy.snapshot())
const position = restored.position('A', 'SZ', null)
const lot: string | null | undefined = position.lot
// The Money class (not the schema's Money shape) is what `landed` exports as Money.
const price: Money = new Money('1.00', 'USD')

// The ledger: journal entries are events too, and the queries are typed.
function voucher(event: Event): string | undefined {
  if (event.type !== 'journal_posted') return undefined
  return event.lines.map((l) => `${l.account} ${l.debit} ${l.credit} ${l.dimensions?.sku ?? ''}`).join(', ')
}
log.map((r) => voucher(r.event))
const journal: JournalEntry[] = book.journal()
const reverses: number | null | undefined = journal[0].reverses
const tb: TrialBalance = book.trialBalance('2026-12-31', { location: 'SZ', sku: null })
const debit: string = tb.total_debit.amount + tb.lines[0].balance.amount
book.trialBalance('2026-12-31')
const roles: RoleBalances = book.roleBalances('2026-12-31', { location: 'SZ' })
const inventory: string | undefined = roles.roles.find((r) => r.role === 'inventory')?.balance.amount
const codes: string[] = roles.roles[0].accounts
// @ts-expect-error: roles are the core's names, not free text
roles.roles.find((r) => r.role === 'stock')
const openItems: OpenItems = book.openItems('2026-12-31')
const aging: string = `${openItems[0].bucket} ${openItems[0].days_overdue + 1} ${openItems[0].carrying.amount}`
const reconciliation: Reconciliation = book.reconciliation()
const difference: string = reconciliation[0].difference.amount
const accruals: Accruals = book.accruals()
const leftToAllocate: string = accruals[0].open.amount
const bill: string = accruals[0].accrual.document
const running: string = book.accountLedger('1300')[0].balance.amount
const settlement: Command = {
  type: 'record_settlement',
  document: 'INV-1',
  date: '2026-11-10',
  amount: { amount: '200.00', currency: 'EUR' },
  rate: '7.90',
}
const revalue: Command = { type: 'revalue', date: '2026-11-30', rates: { EUR: '7.70' } }
const off = new Book({ functional_currency: 'USD', ledger: { type: 'off' } })

// Purchasing, transfers and landed cost: typed commands and reports.
const landedCost: Command = {
  type: 'apply_landed_cost',
  voucher: 'LC-1',
  date: '2026-11-10',
  charges: [{ description: 'Sea freight', kind: 'freight', amount: { amount: '300.00', currency: 'USD' }, account: '2200', method: 'chargeable_weight', divisor: 6000 }],
  targets: [{ type: 'receipt', receipt: 'GRN-1', line: 1 }],
}
const orders: PurchaseOrders = book.purchaseOrders()
const outstanding: number = orders[0].lines[0].outstanding
const poStatus: string = orders[0].status
const transfer: Transfer = book.transfer('T-1')
const shortValue: string = transfer.lines[0].short_value
const transit: InTransitReport = book.inTransit('2026-11-12')
const inTransitValue: string = transit.total_value.amount
const lc: LandedCostReport = book.landedCost('LAMP')
const freight: string = lc.lines[0].total.freight.amount + book.landedCost().skus.length + book.landedCost(null).lines.length
const sale: SalesOrderStatus = book.salesOrder('shop-us', '1001')
const netCost: string = sale.lines[0].net_cost
const reservedAt: number = sale.lines[0].locations[0].reserved
const sales: SalesOrders = book.salesOrders() ?? book.salesOrders('shop-us') ?? book.salesOrders(null)
const exceptions: OrderExceptions = book.orderExceptions()
const exceptionLine: string | null | undefined = exceptions[0].line
// @ts-expect-error recognised amounts are decimal strings
const principal: number = sales[0].lines[0].recognised.principal
// @ts-expect-error a landed-cost target is a receipt or a transfer line
const badTarget: Command = { ...landedCost, targets: [{ type: 'order', receipt: 'GRN-1', line: 1 }] }

// @ts-expect-error a filter names line dimensions only
book.trialBalance('2026-12-31', { locaton: 'SZ' })
// @ts-expect-error a rate is a decimal string
const floatRate: Command = { type: 'revalue', date: '2026-11-30', rates: { EUR: 7.7 } }
// @ts-expect-error a decimal is a string, never a number
const floatCost: Command = { type: 'receive', sku: 'A', location: 'SZ', quantity: 1, unit_cost: { amount: 1.5, currency: 'USD' } }
// @ts-expect-error unknown command type
const teleport: Command = { type: 'teleport' }
// @ts-expect-error an issue needs a reason
const noReason: Command = { type: 'issue', sku: 'A', location: 'SZ', quantity: 1 }
// @ts-expect-error the config names a valuation method the core has
const lifo = new Book({ functional_currency: 'USD', valuation_method: 'lifo' })

export { version, onHand, unitCost, lot, price, floatCost, teleport, noReason, lifo }
export { reverses, debit, aging, difference, running, settlement, revalue, off, floatRate }
export { outstanding, poStatus, shortValue, inTransitValue, freight, badTarget }
export { netCost, reservedAt, exceptionLine, principal }

// Bulk work as JSON lines: the outcome is a typed object whose events are
// one string.
{
  const book = new Book({ functional_currency: 'USD' })
  const out = book.executeLines('', true)
  const text: string = out.events
  const counts: number = out.version + out.executed + out.duplicates
  const codes: string[] = out.errors.map((e) => `${e.line}: ${e.code} ${e.message}`)
  const copy: Book = Book.replayLines({ functional_currency: 'USD' }, book.eventsLines())
  void [text, counts, codes, copy]
  // @ts-expect-error events are text, not a list of events
  const wrong: RecordedEvent[] = out.events
  void wrong
}

// Named command types, the error-code union and its guard, as a user
// program would use them (tsc --strict).
{
  const receive: ReceiveCommand = {
    type: 'receive',
    sku: 'A',
    location: 'SZ',
    quantity: 10,
    unit_cost: { amount: '10.00', currency: 'USD' },
  }
  const issue: IssueCommand = { type: 'issue', sku: 'A', location: 'SZ', quantity: 1, reason: 'sale' }
  const sku: DefineSkuCommand = { type: 'define_sku', code: 'A', name: 'A', weight_kg: '2' }
  // Weights and dimensions also take whole numbers in a command ...
  const weighed: DefineSkuCommand = {
    type: 'define_sku',
    code: 'W',
    name: 'W',
    weight_kg: 2,
    dimensions_cm: { length: 30, width: '20.5', height: 10 },
  }
  // ... but come back as decimal strings.
  // @ts-expect-error an event's dimensions are strings
  const reported: Dimensions = { length: 30, width: '20.5', height: 10 }
  void [weighed, reported]
  const commands: Command[] = [sku, receive, issue]
  const describe = (command: Command): string => {
    switch (command.type) {
      case 'receive':
        return command.unit_cost.amount // narrowed to ReceiveCommand
      case 'issue':
        return command.reason
      default:
        return command.type
    }
  }
  void commands.map(describe)
  // @ts-expect-error an IssueCommand is tagged 'issue'
  const wrongTag: IssueCommand = { ...issue, type: 'receive' }
  void wrongTag

  const book = new Book({ functional_currency: 'USD' })
  try {
    book.execute(issue, { at: '2026-11-02T09:00:00Z', command_id: 'c9' })
  } catch (error: unknown) {
    if (isLandedError(error)) {
      const code: LandedErrorCode = error.code
      const message: string = error.message
      if (error.code === 'INSUFFICIENT_STOCK' || error.code === 'STORE_CONFLICT') void message
      // @ts-expect-error not one of landed's codes
      if (error.code === 'NOT_A_CODE') void code
    }
  }
  const codes: readonly LandedErrorCode[] = LANDED_ERROR_CODES
  // @ts-expect-error the list is read-only
  LANDED_ERROR_CODES.push('INTERNAL')
  const first: LandedErrorCode | undefined = codes[0]
  // @ts-expect-error a string is not a LandedErrorCode
  const loose: LandedErrorCode = 'whatever'
  void [first, loose]
}
