#!/usr/bin/env node
// Writes src/http/params/generated-param-schemas.ts from Stripe's OpenAPI spec: for every operation
// under OPERATION_PATH_PREFIXES, the schema of the parameters it accepts (POST body; GET/DELETE query
// string; never path params), cut down to what validation needs. Sub-schemas that repeat are hoisted
// into shared constants so the committed file stays small. Output is deterministic: the same spec
// always gives the same bytes, which is what the up-to-date test relies on.
//
// Usage: node scripts/generate-param-schemas.mjs [--spec path/to/spec3.json] [--out path/to/file.ts]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every operation whose path is one of these, or lies below one of them, gets a schema. */
const OPERATION_PATH_PREFIXES = [
  '/v1/accounts/{account}/external_accounts',
  '/v1/balance',
  '/v1/balance_transactions',
  '/v1/charges',
  '/v1/checkout/sessions',
  '/v1/customers',
  '/v1/events',
  '/v1/invoiceitems',
  '/v1/invoices',
  '/v1/payment_intents',
  '/v1/payment_links',
  '/v1/payment_methods',
  '/v1/payouts',
  '/v1/prices',
  '/v1/products',
  '/v1/refunds',
  '/v1/setup_attempts',
  '/v1/setup_intents',
  '/v1/subscription_items',
  '/v1/subscriptions',
  '/v1/test_helpers/test_clocks',
  '/v1/tokens',
  '/v1/webhook_endpoints',
];

const METHODS = ['get', 'post', 'delete'];

/**
 * Body params the spec types narrower than Stripe accepts, each given the schema of a sibling param.
 * `external_account` is a string with `x-stripeBypassValidation` ("refer to full documentation"); the
 * documentation takes a token or a hash of bank account details, which is exactly the schema of the
 * deprecated sibling `bank_account` (anyOf: the hash, a token string).
 */
const WIDENED_PARAMS = {
  'POST /v1/accounts/{account}/external_accounts': { external_account: 'bank_account' },
};

/**
 * Parameters newer API versions added that the 2023-08-16 spec lacks, which today's SDKs send: each
 * names operations, a path of properties into their params (an anyOf is entered through its object
 * branch), and the properties to add there. Objects already carry the newer fields; requests need
 * the newer params for the same reason.
 */
const NEWER_PARAMS = [
  {
    operations: ['POST /v1/payment_intents', 'POST /v1/payment_intents/{intent}', 'POST /v1/payment_intents/{intent}/confirm'],
    path: ['payment_method_options', 'card'],
    add: {
      request_extended_authorization: { type: 'string', enum: ['if_available', 'never'] },
      request_incremental_authorization: { type: 'string', enum: ['if_available', 'never'] },
      request_multicapture: { type: 'string', enum: ['if_available', 'never'] },
      request_overcapture: { type: 'string', enum: ['if_available', 'never'] },
    },
  },
];
/** A repeated sub-schema is hoisted only when its literal is at least this long. */
const shared_schema_chars_min = 48;
/** Stripe's "unset" branch (`anyOf: [..., {enum: ['']}]`): short, but everywhere, so always shared. */
const emptyStringText = '{"type":"string","enum":[""]}';
/** Printed objects longer than this break over several lines. */
const inline_chars_max = 100;

const scriptDirectory = dirname(fileURLToPath(import.meta.url));
const defaultSpecPath = resolve(scriptDirectory, '../../../../shared/openapi/spec3.json');
const defaultOutPath = resolve(scriptDirectory, '../src/http/params/generated-param-schemas.ts');

function parseArguments(argv) {
  const options = { spec: process.env.STRIPE_OPENAPI_SPEC || defaultSpecPath, out: defaultOutPath };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if ((flag === '--spec' || flag === '--out') && value !== undefined) {
      options[flag.slice(2)] = resolve(value);
      index += 1;
    } else {
      throw new Error(`Unknown argument ${flag}. Usage: generate-param-schemas.mjs [--spec PATH] [--out PATH]`);
    }
  }
  return options;
}

// ---- Reading the spec -------------------------------------------------------------------------

/** Keywords validation ignores; anything else unexpected stops the generator, so a new spec that
 *  uses a keyword we do not handle fails loudly instead of validating loosely. */
const IGNORED_KEYWORDS = new Set(['description', 'title', 'nullable', 'example']);
const HANDLED_KEYWORDS = new Set([
  'type',
  'format',
  'maxLength',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  '$ref',
]);
const KEPT_FORMATS = new Set(['unix-time', 'decimal', 'binary']);

function createNormalizer(spec) {
  function resolveReference(schema) {
    let current = schema;
    for (let hops = 0; current.$ref !== undefined; hops += 1) {
      if (hops > 32) throw new Error(`$ref cycle at ${schema.$ref}`);
      const match = /^#\/components\/schemas\/(.+)$/.exec(current.$ref);
      const target = match === null ? undefined : spec.components?.schemas?.[match[1]];
      if (target === undefined) throw new Error(`Cannot resolve $ref ${current.$ref}`);
      current = target;
    }
    return current;
  }

  /** Returns the compact schema, plus `title` kept aside (non-enumerable) for naming constants. */
  function normalize(input, where) {
    const schema = resolveReference(input);
    for (const key of Object.keys(schema)) {
      if (!HANDLED_KEYWORDS.has(key) && !IGNORED_KEYWORDS.has(key) && !key.startsWith('x-')) {
        throw new Error(`Unhandled keyword "${key}" at ${where}`);
      }
    }
    let node;
    if (schema.anyOf !== undefined) {
      node = { anyOf: schema.anyOf.map((branch, index) => normalize(branch, `${where}.anyOf[${index}]`)) };
    } else {
      node = normalizeTyped(schema, where);
    }
    if (typeof schema.title === 'string') Object.defineProperty(node, 'title', { value: schema.title, enumerable: false });
    return node;
  }

  function normalizeTyped(schema, where) {
    switch (schema.type) {
      case 'string': {
        const node = { type: 'string' };
        if (schema.format !== undefined) node.format = keptFormat(schema.format, where);
        if (schema.maxLength !== undefined) node.maxLength = schema.maxLength;
        if (schema.enum !== undefined) node.enum = schema.enum.map(String);
        return node;
      }
      case 'integer': {
        if (schema.enum !== undefined) throw new Error(`Integer enum at ${where}`);
        const node = { type: 'integer' };
        if (schema.format !== undefined) node.format = keptFormat(schema.format, where);
        return node;
      }
      case 'number':
      case 'boolean':
        if (schema.enum !== undefined) throw new Error(`${schema.type} enum at ${where}`);
        return { type: schema.type };
      case 'array':
        if (schema.items === undefined) throw new Error(`Array without items at ${where}`);
        return { type: 'array', items: normalize(schema.items, `${where}[]`) };
      case 'object':
        return normalizeObject(schema, where);
      default:
        throw new Error(`Unhandled type ${JSON.stringify(schema.type)} at ${where}`);
    }
  }

  function normalizeObject(schema, where) {
    const map = schema.additionalProperties;
    if (schema.properties === undefined && map !== undefined && map !== false) {
      if (map === true) throw new Error(`Open object at ${where}`);
      return { type: 'object', additionalProperties: normalize(map, `${where}{}`) };
    }
    if (map !== undefined && map !== false) throw new Error(`Object with both properties and additionalProperties at ${where}`);
    const properties = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) properties[name] = normalize(property, `${where}.${name}`);
    const node = { type: 'object', properties };
    if (Array.isArray(schema.required) && schema.required.length > 0) node.required = [...schema.required];
    return node;
  }

  function keptFormat(format, where) {
    if (!KEPT_FORMATS.has(format)) throw new Error(`Unhandled format ${format} at ${where}`);
    return format;
  }

  return { normalize, resolveReference };
}

function operationSchemas(spec) {
  const { normalize, resolveReference } = createNormalizer(spec);
  const operations = [];
  const paths = Object.keys(spec.paths)
    .filter((path) => OPERATION_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)))
    .sort();
  for (const path of paths) {
    for (const method of METHODS) {
      const operation = spec.paths[path][method];
      if (operation === undefined) continue;
      const key = `${method.toUpperCase()} ${path}`;
      operations.push({ key, schema: rootSchema(operation, method, key) });
    }
  }
  return operations;

  function widened(key, schema) {
    for (const [name, sibling] of Object.entries(WIDENED_PARAMS[key] ?? {})) {
      const source = schema.properties?.[sibling];
      if (source === undefined || schema.properties[name] === undefined) throw new Error(`${key}: cannot widen ${name} to ${sibling}`);
      schema.properties[name] = source;
    }
    return schema;
  }

  function rootSchema(operation, method, key) {
    const body = operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
    if (method === 'post') {
      if (body === undefined) throw new Error(`${key} has no form-encoded body schema`);
      return widened(key, normalize(body, key));
    }
    // GET and DELETE take their parameters in the query string. A few DELETEs also describe body
    // params; SDKs send those in the query string too, so both lists are merged.
    const properties = {};
    const required = [];
    for (const parameter of operation.parameters ?? []) {
      const resolved = resolveReference(parameter);
      if (resolved.in !== 'query') continue;
      properties[resolved.name] = normalize(resolved.schema, `${key}?${resolved.name}`);
      if (resolved.required === true) required.push(resolved.name);
    }
    if (body !== undefined) {
      const bodySchema = normalize(body, key);
      for (const [name, property] of Object.entries(bodySchema.properties ?? {})) properties[name] ??= property;
      for (const name of bodySchema.required ?? []) if (!required.includes(name)) required.push(name);
    }
    const sorted = {};
    for (const name of Object.keys(properties).sort()) sorted[name] = properties[name];
    const node = { type: 'object', properties: sorted };
    if (required.length > 0) node.required = required;
    return node;
  }
}

/** Adds NEWER_PARAMS to the normalised operations; a path that no longer matches the spec throws. */
function addNewerParams(operations) {
  for (const addition of NEWER_PARAMS) {
    for (const key of addition.operations) {
      const operation = operations.find((candidate) => candidate.key === key);
      if (operation === undefined) throw new Error(`NEWER_PARAMS names ${key}, which no operation matches`);
      let node = operation.schema;
      for (const name of addition.path) {
        const object = node.anyOf === undefined ? node : node.anyOf.find((branch) => branch.properties !== undefined);
        node = object?.properties?.[name];
        if (node === undefined) throw new Error(`NEWER_PARAMS path ${addition.path.join('.')} not found in ${key}`);
      }
      const target = node.anyOf === undefined ? node : node.anyOf.find((branch) => branch.properties !== undefined);
      if (target?.properties === undefined) throw new Error(`NEWER_PARAMS path ${addition.path.join('.')} in ${key} is not an object`);
      for (const [name, schema] of Object.entries(addition.add)) {
        if (name in target.properties) throw new Error(`${key} already has ${addition.path.join('.')}.${name}: drop it from NEWER_PARAMS`);
        target.properties[name] = structuredClone(schema);
      }
      const sorted = Object.fromEntries(Object.entries(target.properties).sort(([a], [b]) => a.localeCompare(b)));
      target.properties = sorted;
    }
  }
}

// ---- Sharing repeated sub-schemas ---------------------------------------------------------------

/** Canonical text of a node: the identity used to find repeats. Memoised per node object. */
const canonicalCache = new WeakMap();
function canonical(node) {
  let text = canonicalCache.get(node);
  if (text === undefined) {
    text = JSON.stringify(node);
    canonicalCache.set(node, text);
  }
  return text;
}

/** A node's sub-schemas, each with a hint for naming it should it become a shared constant. */
function childNodes(node, hint = '') {
  if (node.anyOf !== undefined) return node.anyOf.map((branch) => ({ node: branch, hint: `${hint}_${branch.type ?? 'any_of'}` }));
  if (node.items !== undefined) return [{ node: node.items, hint: `${hint}_item` }];
  if (node.additionalProperties !== undefined) return [{ node: node.additionalProperties, hint: `${hint}_value` }];
  if (node.properties !== undefined) return Object.entries(node.properties).map(([name, child]) => ({ node: child, hint: name }));
  return [];
}

function planSharing(operations) {
  const counts = new Map();
  const hints = new Map();
  const visit = (node, hint) => {
    const text = canonical(node);
    counts.set(text, (counts.get(text) ?? 0) + 1);
    if (!hints.has(text)) hints.set(text, new Set());
    hints.get(text).add(hint);
    for (const child of childNodes(node, hint)) visit(child.node, child.hint);
  };
  for (const { key, schema } of operations) visit(schema, key);
  const shared = new Set(
    [...counts]
      .filter(([text, count]) => count >= 2 && (text.length >= shared_schema_chars_min || text === emptyStringText))
      .map(([text]) => text),
  );

  // A node that repeats only inside one larger shared node would be referenced once: inline it.
  for (;;) {
    const references = new Map();
    const definitions = new Set();
    const count = (node, isRoot) => {
      const text = canonical(node);
      if (!isRoot && shared.has(text)) {
        references.set(text, (references.get(text) ?? 0) + 1);
        if (definitions.has(text)) return;
        definitions.add(text);
      }
      for (const child of childNodes(node)) count(child.node, false);
    };
    for (const { schema } of operations) count(schema, true);
    const once = [...shared].filter((text) => (references.get(text) ?? 0) < 2);
    if (once.length === 0) break;
    for (const text of once) shared.delete(text);
  }
  return { shared, hints };
}

/** A name from the structure alone, for untitled schemas shared by differently named params (an
 *  array of strings serves `expand` and `preferred_locales` alike). Null when no short name fits. */
function structuralName(node) {
  if (node.type === 'string' && node.enum === undefined && node.format === undefined) {
    return node.maxLength === undefined ? 'string' : `string_max_${node.maxLength}`;
  }
  if (node.type === 'integer' || node.type === 'number' || node.type === 'boolean')
    return node.format === undefined ? node.type : `${node.type}_${node.format}`;
  if (node.type === 'array') {
    const item = structuralName(node.items);
    return item === null ? null : `${item}_array`;
  }
  if (node.anyOf?.length === 2 && canonical(node.anyOf[1]) === emptyStringText) {
    const value = structuralName(node.anyOf[0]);
    return value === null ? null : `unsettable_${value}`;
  }
  return null;
}

function camelCase(text) {
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const joined = words
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase()))
    .join('');
  return /^[0-9]/.test(joined) ? `schema${joined}` : joined || 'shared';
}

// ---- Printing -----------------------------------------------------------------------------------

function printModule(spec, operations) {
  const { shared, hints } = planSharing(operations);
  const names = new Map();
  const usedNames = new Set(['paramSchemas']);
  const declarations = [];

  const nameFor = (node, hint) => {
    if (canonical(node) === emptyStringText) return uniqueName('emptyString');
    // Stripe titles most param objects usefully (`optional_fields_address`), a few just `param`.
    if (node.title !== undefined && !/^params?$/.test(node.title)) return uniqueName(camelCase(node.title));
    const structural = (hints.get(canonical(node))?.size ?? 0) > 1 ? structuralName(node) : null;
    return uniqueName(camelCase(structural ?? (node.additionalProperties === undefined ? hint : `${hint}_map`)));
  };
  function uniqueName(base) {
    const stem = `${base}Schema`;
    let name = stem;
    for (let suffix = 2; usedNames.has(name); suffix += 1) name = `${stem}${suffix}`;
    usedNames.add(name);
    return name;
  }

  function reference(node, hint, indent) {
    const text = canonical(node);
    if (!shared.has(text)) return literal(node, hint, indent);
    let name = names.get(text);
    if (name === undefined) {
      name = nameFor(node, hint);
      names.set(text, name);
      declarations.push(`const ${name}: ParamSchema = ${literal(node, hint, 0)};`);
    }
    return name;
  }

  function literal(node, hint, indent) {
    const hints = new Map(childNodes(node, hint).map((child) => [child.node, child.hint]));
    const entries = Object.entries(node).map(([key, value]) => `${propertyKey(key)}: ${printValue(key, value, indent + 2, hints)}`);
    return wrap(entries, '{', '}', indent);
  }

  function printValue(key, value, indent, hints) {
    if (key === 'anyOf')
      return wrap(
        value.map((branch) => reference(branch, hints.get(branch), indent + 2)),
        '[',
        ']',
        indent,
      );
    if (key === 'items' || key === 'additionalProperties') return reference(value, hints.get(value), indent);
    if (key === 'properties') {
      const printed = Object.entries(value).map(([name, child]) => `${propertyKey(name)}: ${reference(child, name, indent + 2)}`);
      return wrap(printed, '{', '}', indent);
    }
    if (Array.isArray(value))
      return wrap(
        value.map((item) => singleQuoted(item)),
        '[',
        ']',
        indent,
      );
    return typeof value === 'string' ? singleQuoted(value) : JSON.stringify(value);
  }

  const body = operations.map(({ key, schema }) => `  ${singleQuoted(key)}: ${reference(schema, key, 2)},`);
  return [
    `// Generated by scripts/generate-param-schemas.mjs from Stripe's OpenAPI spec (API version ${spec.info?.version ?? 'unknown'}).`,
    '// Do not edit: change the script or the spec and run `node packages/server/scripts/generate-param-schemas.mjs`.',
    '// Each operation maps to the schema of its body (POST) or query (GET, DELETE) parameters; path',
    '// parameters are not included. Repeated sub-schemas are shared constants.',
    "import type { ParamSchema } from './param-schema.js';",
    '',
    ...declarations,
    '',
    '/** Parameter schema of each operation, keyed by `METHOD /v1/path/{template}`. */',
    'export const paramSchemas: Readonly<Record<string, ParamSchema>> = {',
    ...body,
    '};',
    '',
  ].join('\n');
}

function wrap(items, open, close, indent) {
  if (items.length === 0) return `${open}${close}`;
  const inline = open === '{' ? `{ ${items.join(', ')} }` : `[${items.join(', ')}]`;
  if (inline.length + indent <= inline_chars_max && !inline.includes('\n')) return inline;
  const pad = ' '.repeat(indent + 2);
  return `${open}\n${items.map((item) => `${pad}${item},`).join('\n')}\n${' '.repeat(indent)}${close}`;
}

function propertyKey(key) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : singleQuoted(key);
}

function singleQuoted(text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// ---- Main ---------------------------------------------------------------------------------------

function main() {
  const options = parseArguments(process.argv.slice(2));
  let spec;
  try {
    spec = JSON.parse(readFileSync(options.spec, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the spec at ${options.spec}: ${error.message}`, { cause: error });
  }
  const operations = operationSchemas(spec);
  if (operations.length === 0) throw new Error('No operation matched OPERATION_PATH_PREFIXES');
  addNewerParams(operations);
  const text = printModule(spec, operations);
  writeFileSync(options.out, text);
  process.stdout.write(`Wrote ${operations.length} operations, ${Buffer.byteLength(text)} bytes to ${options.out}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`generate-param-schemas: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
