'use strict'
// How a Book is made: `new Book(config)` only (a plain call would otherwise
// wrap its `this`, the global object or the module), configs, commands and
// contexts as objects or as JSON text, and the actor on the context.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const landed = require('..')
const { Book } = landed
const { repoRoot, throwsCode } = require('./helpers')

const usd = { functional_currency: 'USD' }
const at = '2026-11-02T09:00:00Z'

describe('Book: construction', () => {
  it('refuses Book(config) without new with a TypeError, wrapping nothing', () => {
    const calls = [
      () => Book(usd),
      () => landed.Book(usd),
      () => Book.call(globalThis, usd),
      () => Book.call({}, usd),
      () => Book.apply(undefined, [usd]),
    ]
    for (const call of calls) {
      assert.throws(call, (err) => {
        assert.ok(err instanceof TypeError, `${err}`)
        assert.equal(err.code, 'ERR_CONSTRUCT_CALL_REQUIRED')
        assert.match(err.message, /new Book\(config\)/)
        return true
      })
    }
    // The global object and the module were not turned into books.
    assert.throws(() => Book.prototype.snapshot.call(globalThis))
    assert.throws(() => Book.prototype.snapshot.call(landed))
    assert.equal(globalThis.version, undefined)
    // The ordinary ways still work, subclasses and factories included.
    assert.equal(new Book(usd).version, 0)
    assert.equal(Reflect.construct(Book, [usd]).version, 0)
    class AuditedBook extends Book {}
    const sub = new AuditedBook(usd)
    assert.ok(sub instanceof Book)
    assert.equal(sub.version, 0)
    assert.ok(Book.replay(usd, []) instanceof Book)
    assert.ok(Book.restore(new Book(usd).snapshot()) instanceof Book)
  })

  it('takes configs, commands, contexts, batches and logs as JSON text too', () => {
    const book = new Book('{"functional_currency":"USD"}')
    const out = book.execute('{"type":"define_sku","code":"A","name":"A"}', `{"at":"${at}","command_id":"1"}`)
    assert.equal(out.version, 1)
    const [result] = book.executeBatch(
      `[{"command":{"type":"define_sku","code":"B","name":"B"},"context":{"at":"${at}","command_id":"2"}}]`,
      true,
    )
    assert.ok(result.ok, JSON.stringify(result))
    const copy = Book.replay('{"functional_currency":"USD"}', JSON.stringify(book.events()))
    assert.equal(copy.snapshot(), book.snapshot())
    // Text is passed to the core as it is: the core says what is wrong.
    throwsCode(() => book.execute('{"type":"define_sku",', `{"at":"${at}","command_id":"3"}`), 'INVALID_COMMAND')
    throwsCode(() => new Book('{"functional_currency":'), 'INVALID_COMMAND', /book config/)
    assert.equal(book.version, 2)
  })
})

// Events carry the actor once the core's RecordedEvent has the field
// (docs/schema says whether this build's core has it).
const recordedSchema = fs.readFileSync(path.join(repoRoot, 'docs', 'schema', 'recorded-event.schema.json'), 'utf8')
const coreHasActor = recordedSchema.includes('"actor"')

describe('Book: the actor on the context', () => {
  it('records context.actor on every event of the command', { skip: !coreHasActor && "the core's RecordedEvent has no actor yet" }, () => {
    const book = new Book(usd)
    book.execute({ type: 'define_location', code: 'SZ', name: 'S', kind: 'own' }, { at, command_id: '1' })
    book.execute({ type: 'define_sku', code: 'A', name: 'A' }, { at, command_id: '2' })
    const receive = { type: 'receive', sku: 'A', location: 'SZ', quantity: 2, unit_cost: { amount: '5.00', currency: 'USD' } }
    const out = book.execute(receive, { at, command_id: '3', actor: 'alice@example.com' })
    assert.equal(out.events.length, 2)
    assert.ok(out.events.every((record) => record.actor === 'alice@example.com'))
    book.executeBatch([{ command: { type: 'define_sku', code: 'B', name: 'B' }, context: { at, command_id: '4', actor: 'bob' } }], true)
    const actors = Object.fromEntries(book.events().map((r) => [r.command_id, r.actor]))
    assert.deepEqual(actors, { 1: undefined, 2: undefined, 3: 'alice@example.com', 4: 'bob' })
    assert.equal(Book.replay(usd, book.events()).snapshot(), book.snapshot())
    for (const actor of ['', ' padded ', 'x'.repeat(129), 'line\nbreak']) {
      throwsCode(() => book.execute({ type: 'define_sku', code: 'C', name: 'C' }, { at, command_id: '5', actor }), 'INVALID_COMMAND')
    }
    assert.equal(book.version, 4)
  })
})
