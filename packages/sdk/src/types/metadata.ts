// Shapes shared by many objects and params.

/** Key-value pairs stored on an object; values come back as strings. */
export type Metadata = Record<string, string>;

/** Metadata as sent: `''` or null deletes a key, and `metadata: ''` or null clears them all. */
export type MetadataParam = Record<string, string | number | null> | '' | null;

export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface AddressParam {
  city?: string;
  country?: string;
  line1?: string;
  line2?: string;
  postal_code?: string;
  state?: string;
}

/** `expand` paths, e.g. `['default_source']` or, on lists, `['data.default_source']`. */
export interface ExpandParams {
  expand?: string[];
}
