'use strict'
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const path = require('node:path')
const { spawnSync } = require('node:child_process')

const landed = require('..')
const { throwsCode } = require('./helpers')

describe('error contract', () => {
  it('turns a Rust panic into an Error with code INTERNAL; the process survives', () => {
    // The message is in the error; nothing goes to stderr (see below).
    const err = throwsCode(() => landed.__panicForTesting(), 'INTERNAL', /deliberate panic/)
    assert.match(err.message, /^internal error: /)
    // The module is still usable after the caught panic.
    assert.equal(new landed.Money('1', 'USD').toString(), '1.00 USD')
    throwsCode(() => landed.__panicForTesting(), 'INTERNAL')
  })

  it('writes nothing to stderr for a caught panic (RUST_BACKTRACE=1 included)', () => {
    const script = `
      const landed = require(${JSON.stringify(path.resolve(__dirname, '..'))})
      try { landed.__panicForTesting() } catch (err) { console.log(err.code, err.message) }
      const book = new landed.Book({ functional_currency: 'USD' })
      try { landed.__panicInBookForTesting(book) } catch (err) { console.log(err.code, err.message) }
      try { book.snapshot() } catch (err) { console.log(err.code) }
    `
    const run = (env) =>
      spawnSync(process.execPath, ['-e', script], {
        encoding: 'utf8',
        env: { ...process.env, RUST_BACKTRACE: '1', ...env },
      })
    const quiet = run({})
    assert.equal(quiet.status, 0, quiet.stderr)
    assert.equal(quiet.stderr, '')
    assert.deepEqual(quiet.stdout.trim().split('\n'), [
      'INTERNAL internal error: deliberate panic from __panicForTesting',
      'INTERNAL internal error: deliberate panic in the book',
      'BOOK_POISONED',
    ])
    // LANDED_DEBUG_PANICS=1 prints them again, for debugging.
    const loud = run({ LANDED_DEBUG_PANICS: '1' })
    assert.match(loud.stderr, /panicked/)
    assert.match(loud.stderr, /deliberate panic in the book/)
  })

  it('poisons a book whose call panicked: BOOK_POISONED from then on', () => {
    const book = new landed.Book({ functional_currency: 'USD' })
    book.execute({ type: 'define_sku', code: 'A', name: 'A' }, { at: '2026-11-02T09:00:00Z', command_id: '1' })
    throwsCode(() => landed.__panicInBookForTesting(book), 'INTERNAL', /deliberate panic in the book/)
    for (const call of [() => book.version, () => book.snapshot(), () => book.events(), () => book.stock('A')]) {
      throwsCode(call, 'BOOK_POISONED', /restore it from a snapshot or replay/)
    }
    throwsCode(
      () => book.execute({ type: 'define_sku', code: 'B', name: 'B' }, { at: '2026-11-02T09:00:00Z', command_id: '2' }),
      'BOOK_POISONED',
    )
    // Other books are unaffected.
    assert.equal(new landed.Book({ functional_currency: 'USD' }).version, 0)
  })

  it('uses the core message text alongside the code', () => {
    const err = throwsCode(() => landed.currency('ZZZ'), 'UNKNOWN_CURRENCY')
    assert.equal(err.message, 'unknown currency code "ZZZ"')
  })

  it('leaves other JavaScript type errors to napi (a string argument given a number)', () => {
    // Currency codes and dates are plain strings: napi refuses a number with
    // its own code before the binding sees it.
    assert.throws(() => landed.currency(840), (err) => err instanceof Error && err.code === 'StringExpected')
  })
})
