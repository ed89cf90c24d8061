#!/usr/bin/env node
'use strict'
// Generates types.d.ts (the TypeScript view of the book's commands, context,
// config, outcome/events and reports) from docs/schema/*.schema.json, the
// JSON Schemas exported from the core's serde types. Nothing here lists a
// field: every property, union member and doc comment comes from the
// schemas, so the types cannot drift from the core as long as this runs.
//
//   node tools/gen-types.js           rewrite types.d.ts
//   node tools/gen-types.js --check   exit 1 (with a diff hint) when stale
//
// Mapping: a schema `$defs` entry or root becomes an exported type of the
// same name (`Array_of_X` roots are named after their file: history →
// History); `Decimal` is `string` (exact decimal text, never a number);
// integers are `number`; `oneOf`/`anyOf` are unions; `$ref` next to
// `properties` is an intersection (`{ type: 'receive' } & Receive`);
// properties not in `required` are optional. Definitions that appear in
// several schema files must be identical, or generation fails.
//
// Only the schema constructs the core's schemas use are supported; anything
// else fails loudly instead of being typed as `any`.
//
// In commands, `weight_kg`, `length`, `width` and `height` are
// `Decimal | number` (the core reads a whole number there); a definition
// holding them gets a `...Input` twin (`DimensionsInput`).
//
// Each variant of the `Command` union gets a name of its own,
// `<PascalCase of its "type" tag>Command` (`ReceiveCommand`), and `Command`
// is their union. `LandedErrorCode` is the union of every error code, read
// from the Rust lists the addon's `errorCodes()` returns
// (`LandedError::CODES` in core/src/error.rs, `STORE_CODES` in
// bindings-json/src/store.rs); __test__/errors.test.js checks the two agree.
// The schemas themselves are copied into schema/ (shipped in the package);
// --check compares that copy too.

const fs = require('node:fs')
const path = require('node:path')

const packageDir = path.resolve(__dirname, '..')
const schemaDir = path.resolve(packageDir, '..', 'docs', 'schema')
const outFile = path.join(packageDir, 'types.d.ts')
const schemaCopy = path.join(packageDir, 'schema')
const repoRoot = path.resolve(packageDir, '..')

// Where the error codes are listed, and the Rust constant holding each list.
const CODE_LISTS = [
  { file: 'core/src/error.rs', constant: /pub const CODES: &'static \[&'static str\] = &\[([^\]]*)\];/ },
  { file: 'bindings-json/src/store.rs', constant: /pub const STORE_CODES: &\[&str\] = &\[([^\]]*)\];/ },
]

// Weights and dimensions: in a command the core also reads a whole JSON
// number there (MEASURE_KEYS in core/src/json.rs), so the command types
// take `Decimal | number` for them (`DimensionsInput` for `Dimensions`).
const MEASURE_KEYS = ['weight_kg', 'length', 'width', 'height']
const DECIMAL_REF = '#/$defs/Decimal'

/** Whether a definition has a measure key among its properties. */
function hasMeasures(schema) {
  return Boolean(schema && schema.properties && Object.keys(schema.properties).some((k) => MEASURE_KEYS.includes(k)))
}

/**
 * The input form of a command variant (or of a definition it uses): measure
 * keys also take an integer, and references to definitions holding measures
 * point to their `...Input` twin, added to `defs`.
 */
function inputForm(schema, defs) {
  const refTo = (node) => {
    if (!node.$ref) return node
    const name = refName(node.$ref)
    const def = defs.get(name)
    if (!def || !hasMeasures(def.schema)) return node
    const twin = `${name}Input`
    if (!defs.has(twin)) defs.set(twin, { schema: inputForm(def.schema, defs), from: def.from })
    return { ...node, $ref: `#/$defs/${twin}` }
  }
  if (!schema.properties) return schema
  const properties = {}
  for (const [key, prop] of Object.entries(schema.properties)) {
    let next = refTo(prop)
    if (next.anyOf) next = { ...next, anyOf: next.anyOf.map(refTo) }
    if (MEASURE_KEYS.includes(key)) {
      if (next.$ref === DECIMAL_REF) {
        const { $ref, ...rest } = next
        next = { ...rest, anyOf: [{ $ref }, { type: 'integer' }] }
      } else if (next.anyOf && next.anyOf.some((m) => m.$ref === DECIMAL_REF)) {
        next = { ...next, anyOf: next.anyOf.flatMap((m) => (m.$ref === DECIMAL_REF ? [m, { type: 'integer' }] : [m])) }
      }
    }
    properties[key] = next
  }
  return { ...schema, properties }
}

/** The error codes of the Rust lists, in their order. */
function errorCodes() {
  const codes = []
  for (const { file, constant } of CODE_LISTS) {
    const match = constant.exec(fs.readFileSync(path.join(repoRoot, file), 'utf8'))
    if (!match) throw new Error(`${file}: the list of error codes was not found`)
    const found = [...match[1].matchAll(/"([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1])
    if (!found.length) throw new Error(`${file}: the list of error codes is empty`)
    codes.push(...found)
  }
  if (new Set(codes).size !== codes.length) throw new Error('an error code is listed twice')
  return codes
}

function errorCodeType() {
  const members = errorCodes().map((code) => `  | ${literal(code)}`)
  return [
    '/**',
    ' * The `code` of every error the package throws: the core\'s codes, then the',
    " * durable store's. Generated from `LandedError::CODES` (core/src/error.rs) and",
    ' * `STORE_CODES` (bindings-json/src/store.rs); at run time the same list is',
    ' * `LANDED_ERROR_CODES`, and `isLandedError(e)` narrows to it.',
    ' */',
    `export type LandedErrorCode =\n${members.join('\n')}\n`,
  ].join('\n')
}

// Wire shapes of landed-json's batch API (`JsonBook::execute_batch`): they are
// defined in bindings-json/src/lib.rs, not in docs/schema, and are made of
// the generated types.
const BATCH_TYPES = `/** One entry of \`Book.executeBatch\`: a command and its context. */
export interface BatchItem {
  command: Command
  context: Context
}

/** The result of one batch entry: its outcome, or the error that stopped it. */
export type BatchResult =
  | { ok: Outcome }
  | {
      error: {
        /** The stable error code, e.g. \`INSUFFICIENT_STOCK\`. */
        code: LandedErrorCode
        /** The core's message. */
        message: string
      }
    }
`

// Keys that only document or constrain values; they do not change the type.
const ANNOTATIONS = new Set([
  'description',
  'title',
  'default',
  'format',
  'pattern',
  'minimum',
  'maximum',
  '$schema',
  '$defs',
])

function pascal(fileStem) {
  return fileStem
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}

/** JSON with object keys sorted: equal schemas give equal text. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

function literal(value) {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  throw new Error(`unsupported const ${JSON.stringify(value)}`)
}

/** A JSDoc block for a schema node, indented by `pad`; '' when there is nothing to say. */
function doc(schema, pad) {
  const lines = []
  if (schema.description) lines.push(...schema.description.split('\n'))
  const notes = []
  if (schema.format && !['int64', 'uint64', 'uint32', 'int32'].includes(schema.format)) {
    notes.push(`Format: \`${schema.format}\`.`)
  }
  if (notes.length) {
    if (lines.length) lines.push('')
    lines.push(notes.join(' '))
  }
  if (schema.default !== undefined) lines.push(`@default ${JSON.stringify(schema.default)}`)
  if (!lines.length) return ''
  const safe = lines.map((l) => l.replace(/\*\//g, '*\\/'))
  if (safe.length === 1) return `${pad}/** ${safe[0]} */\n`
  return `${pad}/**\n${safe.map((l) => (l ? `${pad} * ${l}` : `${pad} *`)).join('\n')}\n${pad} */\n`
}

function refName(ref) {
  const match = /^#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref)
  if (!match) throw new Error(`unsupported $ref ${ref}`)
  return match[1]
}

function checkKeys(schema, allowed, where) {
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !allowed.includes(key)) {
      throw new Error(`${where}: unsupported schema keyword "${key}"`)
    }
  }
}

function primitive(name, schema, where) {
  switch (name) {
    case 'string':
      return 'string'
    case 'integer':
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'null':
      return 'null'
    case 'array':
      return `Array<${type(schema.items, '', `${where}.items`)}>`
    case 'object':
      return objectType(schema, '', where)
    default:
      throw new Error(`${where}: unsupported type ${name}`)
  }
}

/** The object literal of a schema with `properties` (and/or `additionalProperties`). */
function objectType(schema, pad, where) {
  const props = schema.properties || {}
  const required = new Set(schema.required || [])
  // Discriminants (`type: 'receive'`) first, then the schema's order.
  const names = Object.keys(props).sort(
    (a, b) => Number(props[b].const !== undefined) - Number(props[a].const !== undefined),
  )
  const inner = `${pad}  `
  const members = names.map((name) => {
    const prop = props[name]
    const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name)
    const optional = required.has(name) ? '' : '?'
    return `${doc(prop, inner)}${inner}${key}${optional}: ${type(prop, inner, `${where}.${name}`)}`
  })
  const extra = schema.additionalProperties
  if (extra && typeof extra === 'object') {
    members.push(`${inner}[key: string]: ${type(extra, inner, `${where}[*]`)}`)
  } else if (extra === undefined && !names.length) {
    members.push(`${inner}[key: string]: unknown`)
  }
  if (!members.length) return '{}'
  return `{\n${members.join('\n')}\n${pad}}`
}

/** The TypeScript type expression of a schema node. */
function type(schema, pad, where) {
  if (schema === true) return 'unknown'
  if (!schema || typeof schema !== 'object') throw new Error(`${where}: not a schema`)
  checkKeys(schema, ['$ref', 'oneOf', 'anyOf', 'const', 'enum', 'type', 'properties', 'required', 'additionalProperties', 'items'], where)

  if (schema.const !== undefined) return literal(schema.const)
  if (schema.enum) return schema.enum.map(literal).join(' | ')

  const union = schema.oneOf || schema.anyOf
  if (union) {
    if (schema.$ref || schema.properties) throw new Error(`${where}: a union with sibling keywords`)
    const members = union.map((member, i) => {
      const text = type(member, `${pad}    `, `${where}|${i}`)
      const wrapped = text.includes(' & ') ? `(${text})` : text
      return { text: wrapped, doc: doc(member, `${pad}  `) }
    })
    // Short unions of plain names stay on one line.
    if (members.every((m) => !m.doc && !m.text.includes('\n')) && members.length <= 4) {
      return members.map((m) => m.text).join(' | ')
    }
    return `\n${members.map((m) => `${m.doc}${pad}  | ${m.text}`).join('\n')}`
  }

  if (schema.$ref) {
    const name = refName(schema.$ref)
    if (schema.properties) return `${objectType(schema, pad, where).replace(/\n/g, ' ').replace(/ +/g, ' ')} & ${name}`
    return name
  }

  if (Array.isArray(schema.type)) {
    return schema.type.map((t) => primitive(t, schema, where)).join(' | ')
  }
  if (schema.type === 'object') return objectType(schema, pad, where)
  if (schema.type) return primitive(schema.type, schema, where)
  throw new Error(`${where}: a schema without a type`)
}

function declaration(name, schema) {
  const body = type(schema, '', name)
  const head = doc(schema, '')
  if (body.startsWith('{')) {
    return `${head}export interface ${name} ${body}\n`
  }
  return `${head}export type ${name} =${body.startsWith('\n') ? '' : ' '}${body}\n`
}

function generate() {
  const files = fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
  if (!files.length) throw new Error(`no schemas in ${schemaDir}`)

  const defs = new Map() // name -> { schema, from }
  const roots = []
  const add = (name, schema, from) => {
    const seen = defs.get(name)
    if (seen && canonical(seen.schema) !== canonical(schema)) {
      throw new Error(`"${name}" differs between ${seen.from} and ${from}`)
    }
    if (!seen) defs.set(name, { schema, from })
  }
  for (const file of files) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8'))
    const stem = file.replace(/\.schema\.json$/, '')
    const name = /^Array_of_/.test(schema.title || '') || !schema.title ? pascal(stem) : schema.title
    const root = {}
    for (const [key, value] of Object.entries(schema)) {
      if (!['$schema', 'title', '$defs'].includes(key)) root[key] = value
    }
    roots.push({ name, file })
    add(name, root, file)
    for (const [defName, def] of Object.entries(schema.$defs || {})) add(defName, def, file)
  }

  // `Command` as a union of named variants.
  const command = defs.get('Command')
  if (!command || !Array.isArray(command.schema.oneOf)) throw new Error('no Command union in the schemas')
  const variants = command.schema.oneOf.map((member, i) => {
    const tag = member.properties && member.properties.type && member.properties.type.const
    if (typeof tag !== 'string') throw new Error(`Command|${i}: a variant without a "type" tag`)
    const name = `${pascal(tag)}Command`
    if (defs.has(name)) throw new Error(`${name} (a Command variant) is also a schema definition`)
    defs.set(name, { schema: inputForm(member, defs), from: command.from })
    return name
  })
  const commandDecl = `${doc(command.schema, '')}export type Command =\n${variants.map((v) => `  | ${v}`).join('\n')}\n`

  const header = [
    '/* auto-generated by bindings-node/tools/gen-types.js from docs/schema/*.schema.json: do not edit */',
    '/* eslint-disable */',
    '',
    '// The shapes the `Book` class takes and returns: the serde form of the',
    "// core's types. Regenerate with `node tools/gen-types.js` after the schemas",
    '// change; scripts/test-node.sh fails while this file is stale.',
    '//',
    `// Top-level schemas: ${roots.map((r) => `${r.name} (${r.file})`).join(', ')}.`,
    '',
  ].join('\n')
  const names = [...defs.keys()].sort()
  const body = names
    .map((name) => (name === 'Command' ? commandDecl : declaration(name, defs.get(name).schema)))
    .join('\n')
  return `${header}\n${body}\n${errorCodeType()}\n${BATCH_TYPES}`
}

/** The schema files of docs/schema, by name. */
function schemaFiles() {
  const files = new Map()
  for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    files.set(file, fs.readFileSync(path.join(schemaDir, file)))
  }
  return files
}

/** The names of the files in schema/ that differ from docs/schema, are missing or are extra. */
function staleSchemaCopies() {
  const want = schemaFiles()
  const have = fs.existsSync(schemaCopy) ? fs.readdirSync(schemaCopy).filter((f) => f.endsWith('.json')) : []
  const stale = have.filter((f) => !want.has(f))
  for (const [file, data] of want) {
    const copy = path.join(schemaCopy, file)
    if (!fs.existsSync(copy) || !fs.readFileSync(copy).equals(data)) stale.push(file)
  }
  return stale.sort()
}

function copySchemas() {
  const want = schemaFiles()
  fs.mkdirSync(schemaCopy, { recursive: true })
  for (const file of fs.readdirSync(schemaCopy)) {
    if (file.endsWith('.json') && !want.has(file)) fs.rmSync(path.join(schemaCopy, file))
  }
  for (const [file, data] of want) fs.writeFileSync(path.join(schemaCopy, file), data)
}

function main() {
  const text = generate()
  if (process.argv.includes('--check')) {
    const stale = staleSchemaCopies()
    if (stale.length) {
      console.error(`bindings-node/schema differs from docs/schema: ${stale.join(', ')}`)
      console.error('run `node tools/gen-types.js` in bindings-node and commit the copies.')
      process.exit(1)
    }
    const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : ''
    if (current !== text) {
      const have = current.split('\n')
      const want = text.split('\n')
      let line = 0
      while (line < want.length && have[line] === want[line]) line += 1
      console.error(`bindings-node/types.d.ts line ${line + 1} differs from the generated one:`)
      console.error(`  committed: ${have[line] ?? '(end of file)'}`)
      console.error(`  generated: ${want[line] ?? '(end of file)'}`)
      console.error('bindings-node/types.d.ts is stale: run `node tools/gen-types.js` in bindings-node and commit it.')
      process.exit(1)
    }
    console.log('types.d.ts and schema/ match docs/schema')
    return
  }
  fs.writeFileSync(outFile, text)
  copySchemas()
  console.log(`wrote ${path.relative(process.cwd(), outFile) || outFile} and schema/`)
}

if (require.main === module) main()
module.exports = { generate, errorCodes, staleSchemaCopies }
