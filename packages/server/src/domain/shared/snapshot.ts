// An object together with its JSON text, serialised once. The row, the event that records the
// change and the HTTP answer all carry the same text, so a write never stringifies an object twice.

export interface Snapshot<T extends object = object> {
  readonly object: T;
  readonly json: string;
}

export function snapshot<T extends object>(object: T): Snapshot<T> {
  return { object, json: JSON.stringify(object) };
}

/** For objects read back from the store: the stored text is the snapshot's JSON. */
export function snapshotFromJson<T extends object>(json: string): Snapshot<T> {
  return { object: JSON.parse(json) as T, json };
}
