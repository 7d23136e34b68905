// Checks recorded responses against Stripe's published OpenAPI spec (the shared oracle in
// ../../shared/openapi, a sibling of this repository). The validator is compiled once per test file
// and shared; a response is "valid" when its body has the shape the spec gives for that operation and
// status. Answers to routes the spec does not know (Tender's 404 for an unknown URL) must still be
// Stripe's error envelope.
import type { RecordedResponse } from './stripe-client.js';

export interface ValidationError {
  path: string;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  operationId: string | null;
  errors: ValidationError[];
}

interface ResponseValidator {
  validate(method: string, path: string, status: number, body: unknown): ValidationResult;
  validateSchema(name: string, data: unknown): ValidationResult;
  findOperation(method: string, path: string): { operationId: string } | null;
}

interface ValidatorModule {
  createValidator(options: { allErrors?: boolean; looseEnums?: boolean; spec?: string }): ResponseValidator;
}

/** The oracle lives beside the repository: <repo>/conformance → <repo>/../shared/openapi. */
export const validator_module_url = new URL('../../shared/openapi/validate-response.mjs', import.meta.url);
/** Compiling the customer schema graph takes about 1.5 s; hooks that validate get this long. */
export const validation_hook_timeout_ms = 60_000;
const reported_failures_max = 3;
const reported_errors_per_failure_max = 8;

let validatorPromise: Promise<ResponseValidator> | null = null;

/** Loads and builds the validator on first use; later calls share it. */
export function loadResponseValidator(): Promise<ResponseValidator> {
  validatorPromise ??= (async () => {
    // A computed specifier: the oracle is plain JavaScript outside this TypeScript project.
    const module = (await import(/* @vite-ignore */ validator_module_url.href)) as ValidatorModule;
    return module.createValidator({ allErrors: true });
  })();
  return validatorPromise;
}

export interface RecordFailure {
  record: RecordedResponse;
  operationId: string | null;
  errors: ValidationError[];
}

/** Validates each record; returns the ones that failed. */
export function findInvalidResponses(validator: ResponseValidator, records: readonly RecordedResponse[]): RecordFailure[] {
  const failures: RecordFailure[] = [];
  for (const record of records) {
    if (!record.json) {
      failures.push({ record, operationId: null, errors: [{ path: '/', message: 'response body is not JSON' }] });
      continue;
    }
    const known = validator.findOperation(record.method, record.path) !== null;
    const result =
      known || record.status < 400
        ? validator.validate(record.method, record.path, record.status, record.body)
        : validator.validateSchema('error', record.body);
    if (!result.ok) failures.push({ record, operationId: result.operationId ?? null, errors: result.errors });
  }
  return failures;
}

export function describeFailures(failures: readonly RecordFailure[]): string {
  const shown = failures.slice(0, reported_failures_max).map(({ record, operationId, errors }) => {
    const lines = errors.slice(0, reported_errors_per_failure_max).map((error) => `    ${error.path}: ${error.message}`);
    const more = errors.length > reported_errors_per_failure_max ? [`    … ${errors.length - reported_errors_per_failure_max} more`] : [];
    const body = JSON.stringify(record.body);
    return [
      `  ${record.method} ${record.path} → ${record.status} (${operationId ?? 'no operation'})`,
      ...lines,
      ...more,
      `    body: ${body.length > 400 ? `${body.slice(0, 400)}…` : body}`,
    ].join('\n');
  });
  const rest = failures.length > reported_failures_max ? [`  … and ${failures.length - reported_failures_max} more responses`] : [];
  return [`${failures.length} response(s) do not match Stripe's OpenAPI spec:`, ...shown, ...rest].join('\n');
}

/**
 * Validates and empties `records`, throwing a readable report if any response failed.
 *
 * @example
 * afterEach(() => assertResponsesMatchSpec(records), validation_hook_timeout_ms);
 */
export async function assertResponsesMatchSpec(records: RecordedResponse[]): Promise<number> {
  const taken = records.splice(0);
  if (taken.length === 0) return 0;
  const failures = findInvalidResponses(await loadResponseValidator(), taken);
  if (failures.length > 0) throw new Error(describeFailures(failures));
  return taken.length;
}
