// The shape of a parameter schema, as scripts/generate-param-schemas.mjs writes it from Stripe's
// OpenAPI spec: JSON Schema cut down to the keywords request validation needs. `$ref`s are already
// resolved and descriptions dropped. An object has either `properties` (closed: any other key is an
// unknown parameter) or `additionalProperties` (a map, such as metadata), never both.

export type ParamSchema =
  StringSchema | IntegerSchema | NumberSchema | BooleanSchema | ArraySchema | ObjectSchema | MapSchema | AnyOfSchema;

export interface StringSchema {
  readonly type: 'string';
  /** `decimal`: a decimal number written as a string; `binary`: file contents. */
  readonly format?: 'decimal' | 'binary';
  readonly maxLength?: number;
  /** `['']` alone is Stripe's "unset" branch of an anyOf. */
  readonly enum?: readonly string[];
}

export interface IntegerSchema {
  readonly type: 'integer';
  /** Seconds since the epoch; validated as any integer. */
  readonly format?: 'unix-time';
}

export interface NumberSchema {
  readonly type: 'number';
}

export interface BooleanSchema {
  readonly type: 'boolean';
}

export interface ArraySchema {
  readonly type: 'array';
  readonly items: ParamSchema;
}

export interface ObjectSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, ParamSchema>>;
  readonly required?: readonly string[];
}

export interface MapSchema {
  readonly type: 'object';
  readonly additionalProperties: ParamSchema;
}

export interface AnyOfSchema {
  readonly anyOf: readonly ParamSchema[];
}
