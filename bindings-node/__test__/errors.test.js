'use strict'
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')

const landed = require('..')
const { throwsCode } = require('./helpers')

describe('error contract', () => {
  it('turns a Rust panic into an Error with code INTERNAL; the process survives', () => {
    // The panic message also goes to stderr through Rust's panic hook.
    const err = throwsCode(() => landed.__panicForTesting(), 'INTERNAL', /deliberate panic/)
    assert.match(err.message, /^internal error: /)
    // The module is still usable after the caught panic.
    assert.equal(new landed.Money('1', 'USD').toString(), '1.00 USD')
    throwsCode(() => landed.__panicForTesting(), 'INTERNAL')
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
