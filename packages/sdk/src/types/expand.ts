// Typed expand: a call given `expand: ['latest_charge']` returns `latest_charge` as the Charge, not
// `string | Charge`; a dotted path (`latest_charge.balance_transaction`) narrows at each level, and a
// list narrows its items by the paths under `data.`. Paths the types don't model change nothing, and
// a `string[]` that isn't written out as literals narrows nothing, so typing can't claim too much.

/** The `expand` paths of a call; written inline, they are inferred as a tuple of literals. */
export type ExpandPaths = readonly string[];

type Head<Path extends string> = Path extends `${infer First}.${string}` ? First : Path;
type Rest<Path extends string, Key extends string> = Path extends `${Key}.${infer Tail}` ? Tail : never;

/** An expandable field without its id form, its own fields expanded by the rest of the path. */
type ExpandedValue<Value, Paths extends string> = Value extends string
  ? never
  : Value extends null | undefined
    ? Value
    : ExpandObject<Value, Paths>;

/** Fields that can hold nothing but an id (or null) are left as they are. */
type ExpandField<Value, Paths extends string> = [Exclude<Value, string | null | undefined>] extends [never]
  ? Value
  : ExpandedValue<Value, Paths>;

type ExpandObject<T, Paths extends string> = [Paths] extends [never]
  ? T
  : string extends Paths
    ? T
    : T extends object
      ? { [Key in keyof T]: Key extends Head<Paths> ? ExpandField<T[Key], Rest<Paths, Key & string>> : T[Key] }
      : T;

/**
 * `T` as a call with these expand paths returns it.
 *
 * @example
 * type Paid = Expand<PaymentIntent, ['latest_charge']>; // Paid['latest_charge'] is Charge | null
 */
export type Expand<T, Paths extends ExpandPaths> = ExpandObject<T, Paths[number]>;

type ItemPaths<Path extends string> = Path extends `data.${infer Tail}` ? Tail : never;

/** An item of a list or search page whose call had these expand paths (`data.customer`, …). */
export type ExpandItem<T, Paths extends ExpandPaths> = ExpandObject<T, ItemPaths<Paths[number]>>;

/** Params whose `expand` is captured as the tuple `Paths`. */
export type WithExpand<Params, Paths extends ExpandPaths> = Omit<Params, 'expand'> & { expand?: Paths };
