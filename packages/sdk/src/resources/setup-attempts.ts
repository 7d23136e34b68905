// /v1/setup_attempts: list, the attempts of one SetupIntent (there is no retrieve).

import type { ListPromise } from '../core/pagination.js';
import type { RequestOptions } from '../core/options.js';
import type { SetupAttempt, SetupAttemptListParams } from '../types/setup-attempt.js';
import type { ExpandItem, ExpandPaths, WithExpand } from '../types/expand.js';
import { StripeService } from './service.js';

export class SetupAttemptsService extends StripeService {
  /**
   * Lists the attempts to confirm a SetupIntent, newest first.
   *
   * @example
   * for await (const attempt of client.setupAttempts.list({ setup_intent: 'seti_123' })) console.log(attempt.status);
   */
  list<const Paths extends ExpandPaths = []>(
    params: WithExpand<SetupAttemptListParams, Paths>,
    options?: RequestOptions,
  ): ListPromise<ExpandItem<SetupAttempt, Paths>> {
    return this.requestList('/v1/setup_attempts', params, options);
  }
}
