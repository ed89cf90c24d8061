'use strict'
// Bulk work from Node: the 10,000 commands of bindings-json/benches/bulk.rs
// (the same lines, the same head hash) through book.executeLines and back
// through Book.replayLines; for contrast, the same batch as objects through
// book.executeBatch. Prints commands per second, best of BULK_RUNS runs (5
// by default). Not part of the test run; build the addon optimized first
// (see docs/benchmarks.md, "Bindings in bulk"):
//
//   (cd bindings-node && npx napi build --platform --release)
//   node benches/bindings/bulk.js
const path = require('node:path')
const { Book } = require(path.join(__dirname, '..', '..', 'bindings-node'))

const CONFIG = { functional_currency: 'USD' }
const COMMANDS = 10000
const SKUS = 100
const RUNS = Number(process.env.BULK_RUNS || 5)

// A location, 100 SKUs, then groups of four commands on one SKU (receive 4,
// commit 2, sell 1, reserve 1), SKUs visited in steps of 37.
function batchItems() {
  const start = Date.UTC(2026, 10, 2, 9)
  const commands = [{ type: 'define_location', code: 'SZ', name: 'Shenzhen', kind: 'own' }]
  const code = (s) => `S${String(s).padStart(3, '0')}`
  for (let s = 0; s < SKUS; s++) commands.push({ type: 'define_sku', code: code(s), name: `Item ${s}` })
  for (let i = 0; i < COMMANDS - 1 - SKUS; i++) {
    const sku = code((Math.floor(i / 4) * 37) % SKUS)
    switch (i % 4) {
      case 0: {
        const cents = 1300 + (i % 97)
        const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
        commands.push({ type: 'receive', sku, location: 'SZ', quantity: 4, unit_cost: { amount, currency: 'USD' } })
        break
      }
      case 1:
        commands.push({ type: 'move', sku, location: 'SZ', quantity: 2, from: 'available', to: 'committed' })
        break
      case 2:
        commands.push({ type: 'issue', sku, location: 'SZ', quantity: 1, reason: 'sale' })
        break
      default:
        commands.push({ type: 'move', sku, location: 'SZ', quantity: 1, from: 'available', to: 'reserved' })
    }
  }
  return commands.map((command, i) => ({
    command,
    context: {
      at: new Date(start + (i + 1) * 1000).toISOString().replace('.000Z', 'Z'),
      command_id: `b-${i + 1}`,
    },
  }))
}

function best(work) {
  let fastest = Infinity
  let out
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint()
    out = work()
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e9)
  }
  return [fastest, out]
}

function report(what, seconds) {
  const ms = (seconds * 1e3).toFixed(1).padStart(9)
  const rate = Math.round(COMMANDS / seconds).toString().padStart(9)
  console.log(`${what.padEnd(48)} ${ms} ms  ${rate} commands/s`)
}

const items = batchItems()
const lines = items.map((item) => JSON.stringify(item) + '\n').join('')

let [seconds, [book, out]] = best(() => {
  const book = new Book(CONFIG)
  return [book, book.executeLines(lines)]
})
if (out.errors.length || out.executed !== COMMANDS) throw new Error(JSON.stringify(out.errors[0]))
report('Node book.executeLines', seconds)
const events = out.events

let replayed
;[seconds, replayed] = best(() => Book.replayLines(CONFIG, events))
if (replayed.headHash !== book.headHash) throw new Error('replay reached another head')
report('Node Book.replayLines', seconds)

let objectBook
;[seconds, objectBook] = best(() => {
  const b = new Book(CONFIG)
  b.executeBatch(items)
  return b
})
if (objectBook.headHash !== book.headHash) throw new Error('the object batch reached another head')
report('Node book.executeBatch (objects, for contrast)', seconds)
console.log(`${events.trimEnd().split('\n').length} events; head ${book.headHash}`)
