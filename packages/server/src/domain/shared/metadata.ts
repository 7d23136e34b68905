// Stripe's metadata rules on update: `metadata[k]=v` sets or replaces one key, `metadata[k]=` deletes
// it, `metadata=` clears every key; keys not named are kept. Limits are checked by the param
// validator before any of this runs, and again here on the merged result (50 keys at most), where
// an update refused for adding too many keys answers as the validator does for one request.
export const metadata_keys_max = 50;

export type MetadataParam = Record<string, string> | '' | undefined;

/** Not exported: every update merges through mergeMetadataWithinLimit, so none can pass the limit. */
function mergeMetadata(current: Record<string, string>, update: MetadataParam): Record<string, string> {
  if (update === undefined) return current;
  if (update === '') return {};
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export function createMetadata(param: MetadataParam): Record<string, string> {
  return mergeMetadata({}, param);
}

/** Refusing an update that leaves more than metadata_keys_max keys: the shape every domain's failures share. */
export interface TooManyMetadataKeys {
  code: 'parameter_invalid';
  param: 'metadata';
  message: string;
}

/**
 * [obs] Stripe's wording for more than 50 keys (FlowFuse/flowfuse#1948), as http/params/param-errors.ts
 * answers it for one request; [inf] that an update whose merge passes 50 counts the merged keys.
 */
export function tooManyMetadataKeysMessage(count: number): string {
  return `Metadata can have up to ${metadata_keys_max} keys, but you've set ${count}. Email us at support+metadata@stripe.com for more information.`;
}

/**
 * An update's metadata merged into the current keys (mergeMetadata), refused when the result has more
 * than metadata_keys_max keys.
 * @example mergeMetadataWithinLimit({ a: '1' }, { b: '2' }) // { ok: true, value: { a: '1', b: '2' } }
 */
export function mergeMetadataWithinLimit(
  current: Record<string, string>,
  update: MetadataParam,
): { ok: true; value: Record<string, string> } | { ok: false; failure: TooManyMetadataKeys } {
  const merged = mergeMetadata(current, update);
  const count = Object.keys(merged).length;
  if (count <= metadata_keys_max) return { ok: true, value: merged };
  return { ok: false, failure: { code: 'parameter_invalid', param: 'metadata', message: tooManyMetadataKeysMessage(count) } };
}
