'use strict'
// What a typed user relies on: the error-code list and its guard, the
// named command types and the JSON Schemas shipped in the package, integer
// weights, and dates as one type ('YYYY-MM-DD' strings) in and out.
const { describe, it } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const landed = require('..')
const { Book, Money, RateBook, LANDED_ERROR_CODES, isLandedError, allocate } = landed
const { repoRoot, throwsCode } = require('./helpers')
const { errorCodes, staleSchemaCopies } = require('../tools/gen-types.js')

const packageDir = path.join(__dirname, '..')
const typesText = fs.readFileSync(path.join(packageDir, 'types.d.ts'), 'utf8')

/** The string literals of the union type `name` in types.d.ts. */
function unionMembers(name) {
  const match = new RegExp(`export type ${name} =\\n((?:  \\| .*\\n)+)`).exec(typesText)
  assert.ok(match, `no union ${name} in types.d.ts`)
  return match[1].trimEnd().split('\n').map((line) => line.trim().replace(/^\| /, ''))
}

describe('error codes', () => {
  it('LANDED_ERROR_CODES is the Rust lists, frozen, and LandedErrorCode is generated from them', () => {
    assert.ok(Object.isFrozen(LANDED_ERROR_CODES))
    assert.ok(LANDED_ERROR_CODES.includes('INSUFFICIENT_STOCK'))
    assert.ok(LANDED_ERROR_CODES.includes('STORE_CONFLICT'))
    assert.equal(new Set(LANDED_ERROR_CODES).size, LANDED_ERROR_CODES.length)
    // The addon (runtime) and the generator (source text) read the same lists.
    assert.deepEqual([...LANDED_ERROR_CODES], errorCodes())
    // The committed type names exactly those codes.
    assert.deepEqual(unionMembers('LandedErrorCode'), LANDED_ERROR_CODES.map((c) => `'${c}'`))
  })

  it('isLandedError accepts the errors landed throws and nothing else', () => {
    const thrown = throwsCode(() => new Money('1.00', 'ZZZ'), 'UNKNOWN_CURRENCY')
    assert.equal(isLandedError(thrown), true)
    const book = new Book({ functional_currency: 'USD' })
    try {
      book.stock('NOPE')
      assert.fail('stock of an unknown SKU must throw')
    } catch (error) {
      assert.equal(isLandedError(error), true)
      if (isLandedError(error)) assert.equal(error.code, 'UNKNOWN_SKU')
    }
    // Every code of the list passes; other errors and non-errors do not.
    for (const code of LANDED_ERROR_CODES) {
      assert.equal(isLandedError(Object.assign(new Error('x'), { code })), true, code)
    }
    assert.equal(isLandedError(Object.assign(new Error('x'), { code: 'ENOENT' })), false)
    assert.equal(isLandedError(new Error('plain')), false)
    assert.equal(isLandedError({ code: 'UNKNOWN_SKU', message: 'not an Error' }), false)
    assert.equal(isLandedError(null), false)
    assert.equal(isLandedError(undefined), false)
    assert.equal(isLandedError('UNKNOWN_SKU'), false)
    // napi's own argument errors carry napi codes, not landed's.
    let napiError
    try { landed.currency(840) } catch (error) { napiError = error }
    assert.ok(napiError instanceof Error)
    assert.equal(isLandedError(napiError), false)
  })
})

describe('named command types', () => {
  it('Command is the union of one <Tag>Command type per variant of the schema', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'docs', 'schema', 'command.schema.json'), 'utf8'))
    const pascal = (tag) => tag.split('_').map((p) => p[0].toUpperCase() + p.slice(1)).join('')
    const names = schema.oneOf.map((variant) => `${pascal(variant.properties.type.const)}Command`)
    assert.ok(names.includes('ReceiveCommand') && names.includes('IssueCommand'))
    assert.deepEqual(unionMembers('Command'), names)
    for (const [i, name] of names.entries()) {
      const tag = schema.oneOf[i].properties.type.const
      assert.match(typesText, new RegExp(`export interface ${name} \\{\\n  type: '${tag}'\\n`), name)
    }
  })
})

describe('JSON Schemas in the package', () => {
  it('resolve through the package exports and equal docs/schema', () => {
    const docs = fs.readdirSync(path.join(repoRoot, 'docs', 'schema')).filter((f) => f.endsWith('.schema.json'))
    assert.ok(docs.includes('command.schema.json'))
    for (const file of docs) {
      const resolved = require.resolve(`landed/schema/${file}`)
      assert.equal(resolved, path.join(packageDir, 'schema', file))
      assert.deepEqual(fs.readFileSync(resolved), fs.readFileSync(path.join(repoRoot, 'docs', 'schema', file)))
    }
    assert.deepEqual(fs.readdirSync(path.join(packageDir, 'schema')).sort(), docs.sort())
    assert.deepEqual(staleSchemaCopies(), [])
    assert.equal(require('landed/schema/command.schema.json').title, 'Command')
  })
})

describe('integers and dates agree with the other bindings', () => {
  it('takes whole numbers for weights and dimensions in commands', () => {
    const book = new Book({ functional_currency: 'USD' })
    const context = (id) => ({ at: '2026-11-02T09:00:00Z', command_id: id })
    book.execute({ type: 'define_sku', code: 'A', name: 'A', weight_kg: 2, dimensions_cm: { length: 30, width: '20', height: 10 } }, context('1'))
    const defined = book.events()[0].event
    assert.equal(defined.weight_kg, '2')
    assert.deepEqual(defined.dimensions_cm, { length: '30', width: '20', height: '10' })
    // A number with a fraction has already lost its exact digits: refused.
    throwsCode(
      () => book.execute({ type: 'define_sku', code: 'B', name: 'B', weight_kg: 2.5 }, context('2')),
      'INVALID_COMMAND',
    )
    assert.deepEqual(allocate(new Money('1.00', 'USD'), [1, 3]).map(String), ['0.25 USD', '0.75 USD'])
  })

  it("dates are 'YYYY-MM-DD' strings in and out", () => {
    const rates = new RateBook('EUR')
    const summary = rates.loadEcbCsv('Date,USD,\n2026-11-02,1.0800,\n')
    assert.equal(summary.firstDate, '2026-11-02')
    const leg = rates.rate('EUR', 'USD', '2026-11-03').legs[0]
    assert.equal(leg.date, '2026-11-02')
    throwsCode(() => rates.rate('EUR', 'USD', '2026-13-01'), 'INVALID_DATE')
  })
})
