// The pagination params every list endpoint shares: limit (1-100, default 10), starting_after /
// ending_before (one at most), and created (an integer or a range hash).
import type { Params } from './request-params.js';
import type { CreatedFilter, PageRequest } from '../store/object-pages.js';
import { invalidRequest, type ErrorResponse } from './error-envelope.js';
import { list_limit_default, list_limit_max } from './request-limits.js';

export type PageRequestResult = { ok: true; page: PageRequest } | { ok: false; error: ErrorResponse };

export function pageRequest(params: Params): PageRequestResult {
  const limit = params.limit === undefined || params.limit === '' ? list_limit_default : (params.limit as number);
  if (limit < 1)
    return {
      ok: false,
      error: invalidRequest(400, 'This value must be greater than or equal to 1.', 'parameter_invalid_integer', 'limit'),
    };
  if (limit > list_limit_max) {
    return {
      ok: false,
      error: invalidRequest(400, `This value must be less than or equal to ${list_limit_max}.`, 'parameter_invalid_integer', 'limit'),
    };
  }
  const startingAfter = textParam(params.starting_after);
  const endingBefore = textParam(params.ending_before);
  if (startingAfter !== null && endingBefore !== null) {
    return {
      ok: false,
      error: invalidRequest(
        400,
        'You may only specify one of these parameters: starting_after, ending_before.',
        'parameter_invalid',
        'ending_before',
      ),
    };
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
