// Validates a `metadata` param: a hash of string keys to string values, within Stripe's limits (50
// keys, keys up to 40 characters without brackets, values up to 500). `metadata[k]=''` stays '' (the
// domain deletes that key); `metadata=''` is handled by the enclosing anyOf (clear all). The key
// count is of the keys this request sets; the merged total is checked again by the domain.
import { metadata_keys_max } from '../../domain/shared/metadata.js';
import {
  characterCount,
  emptyParameter,
  invalidHash,
  metadata_key_chars_max,
  metadata_value_chars_max,
  metadataKeyHasBracket,
  metadataKeyTooLong,
  metadataValueNotString,
  metadataValueTooLong,
  tooManyMetadataKeys,
} from './param-errors.js';
import { fail, isHash, setEntry, type Validator } from './param-failure.js';

export function compileMetadata(): Validator {
  return validateMetadata;
}

function validateMetadata(value: unknown, param: string): unknown {
  if (value === '' || value === null) return fail(emptyParameter(param));
  if (!isHash(value)) return fail(invalidHash(param));
  const keys = Object.keys(value);
  if (keys.length > metadata_keys_max) {
    // Keys sent as '' delete rather than set, so they do not count against the limit.
    const setting = keys.filter((key) => value[key] !== '' && value[key] !== null && value[key] !== undefined).length;
    if (setting > metadata_keys_max) return fail(tooManyMetadataKeys(param, setting));
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const entry = value[key];
    if (entry === undefined) continue;
    if (key.length > metadata_key_chars_max) {
      const length = characterCount(key);
      if (length > metadata_key_chars_max) return fail(metadataKeyTooLong(param, key, length));
    }
    if (key.includes('[') || key.includes(']')) return fail(metadataKeyHasBracket(param, key));
    let text: string;
    if (typeof entry === 'string') text = entry;
    else if (entry === null) text = '';
    // JSON bodies may carry numbers and booleans; Stripe stores metadata as strings.
    else if ((typeof entry === 'number' && Number.isFinite(entry)) || typeof entry === 'boolean') text = String(entry);
    else return fail(metadataValueNotString(param, entry));
    if (text.length > metadata_value_chars_max) {
      const length = characterCount(text);
      if (length > metadata_value_chars_max) return fail(metadataValueTooLong(param, text, length));
    }
    setEntry(result, key, text);
  }
  return result;
}
