// Stripe's metadata rules on update: `metadata[k]=v` sets or replaces one key, `metadata[k]=` deletes
// it, `metadata=` clears every key; keys not named are kept. Limits are checked by the param
// validator before any of this runs, and again here on the merged result (50 keys at most).
export const metadata_keys_max = 50;

export type MetadataParam = Record<string, string> | '' | undefined;

export function mergeMetadata(current: Record<string, string>, update: MetadataParam): Record<string, string> {
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
