// The pagination params every list endpoint shares: limit (1-100, default 10), starting_after /
// ending_before (one at most), and created (an integer or a range hash).
import type { Params } from './request-params.js';
import type { CreatedFilter, PageRequest } from '../store/object-pages.js';
import type { Failure } from '../domain/shared/failures.js';
import { list_limit_default, list_limit_max } from './request-limits.js';

export type PageRequestResult = { ok: true; page: PageRequest } | { ok: false; failure: Failure };

export function pageRequest(params: Params): PageRequestResult {
  const limit = params.limit === undefined || params.limit === '' ? list_limit_default : (params.limit as number);
  // [obs] Stripe's out-of-range integer answer (code parameter_invalid_integer), as for any integer param.
  if (limit < 1) {
    return {
      ok: false,
      failure: { code: 'parameter_invalid_integer', param: 'limit', message: 'This value must be greater than or equal to 1.' },
    };
  }
  if (limit > list_limit_max) {
    const message = `This value must be less than or equal to ${list_limit_max}.`;
    return { ok: false, failure: { code: 'parameter_invalid_integer', param: 'limit', message } };
  }
  const startingAfter = textParam(params.starting_after);
  const endingBefore = textParam(params.ending_before);
  if (startingAfter !== null && endingBefore !== null) {
    const message = 'You may only specify one of these parameters: starting_after, ending_before.';
    return { ok: false, failure: { code: 'parameter_invalid', param: 'ending_before', message } };
  }
  return { ok: true, page: { limit, starting_after: startingAfter, ending_before: endingBefore, created: createdFilter(params.created) } };
}

export function createdFilter(value: unknown): CreatedFilter | null {
  if (value === undefined || value === '') return null;
  return value as CreatedFilter;
}

/** A string param's value, or null when it is absent or '' (unset). */
export function textParam(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
