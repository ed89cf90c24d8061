'use strict'
// Shared by the test files: where the data lives, and an assertion for the
// binding's error contract (an Error whose `code` is a stable landed code).
const assert = require('node:assert/strict')
const path = require('node:path')

const repoRoot = path.resolve(__dirname, '..', '..')

/** Asserts that `fn` throws an `Error` with `err.code === code`; returns the error. */
function throwsCode(fn, code, messagePattern) {
  let caught
  assert.throws(fn, (err) => {
    caught = err
    return true
  })
  assert.ok(caught instanceof Error, `expected an Error, got ${caught}`)
  assert.equal(caught.code, code, `wrong code; message: ${caught.message}`)
  assert.equal(typeof caught.message, 'string')
  assert.ok(caught.message.length > 0)
  if (messagePattern) assert.match(caught.message, messagePattern)
  return caught
}

module.exports = { repoRoot, throwsCode }
