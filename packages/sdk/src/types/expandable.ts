// Expandable fields hold an id until the request expands them into the object itself.

/** Any API object, as seen by code that doesn't know its exact type. */
export interface StripeObjectBase {
  id: string;
  object: string;
  [field: string]: unknown;
}

/** A field that is an id, or the object when expanded. */
export type Expandable<T extends { id: string }> = string | T;

/**
 * The id of an expandable field, whether or not it was expanded.
 *
 * @example
 * const customerId = getId(paymentIntent.customer); // 'cus_…' either way
 */
export function getId<T extends { id: string }>(value: Expandable<T>): string;
export function getId<T extends { id: string }>(value: Expandable<T> | null): string | null;
export function getId<T extends { id: string }>(value: Expandable<T> | null | undefined): string | null | undefined;
export function getId<T extends { id: string }>(value: Expandable<T> | null | undefined): string | null | undefined {
  if (value === null || value === undefined) return value;
  return typeof value === 'string' ? value : value.id;
}
