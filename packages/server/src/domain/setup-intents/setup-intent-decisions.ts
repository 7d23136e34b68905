// Pure SetupIntent decisions: create, confirm (given the simulated network's answer), the 3D Secure
// step's answer, cancel and update. Each returns the next intent and the events to emit, in order,
// from the one transition table; no I/O. The command loads the payment method and the customer and
// writes the result.
import type { CardBehaviour } from '../cards/test-card-catalogue.js';
import { cardOutcome, type AttemptError, type CardOutcome } from '../payment-intents/card-outcome.js';
import type { NextAction, PaymentError } from '../payment-intents/payment-intent-model.js';
import { docUrl, enumMessage, return_url_required_message } from '../payment-intents/payment-intent-failures.js';
import { createMetadata, mergeMetadataWithinLimit, type MetadataParam } from '../shared/metadata.js';
import {
  authentication_failure_message,
  cancelStateMessage,
  completeActionStateMessage,
  confirmStateMessage,
  missing_payment_method_message,
  unexpectedState,
  updateStateMessage,
  type SetupIntentOutcome,
} from './setup-intent-failures.js';
import {
  assertIntent,
  assertSetupIntent,
  type SetupIntent,
  type SetupIntentCancellationReason,
  type SetupIntentStatus,
  type SetupIntentUsage,
} from './setup-intent-model.js';
import {
  setupStatusesAccepting,
  setupTransition,
  type SetupIntentCommand,
  type SetupIntentEventType,
  type SetupTransitionOutcome,
} from './setup-intent-state-machine.js';

export interface CreateSetupIntentParams {
  customer?: string;
  description?: string;
  metadata?: MetadataParam;
  payment_method?: string;
  payment_method_types?: string[];
  usage?: SetupIntentUsage;
  automatic_payment_methods?: { enabled: boolean; allow_redirects?: 'always' | 'never' };
}

export interface NewSetupIntentFacts {
  id: string;
  created: number;
  livemode: boolean;
  client_secret_suffix: string;
}

export interface SetupIntentDecision {
  intent: SetupIntent;
  events: readonly SetupIntentEventType[];
  /** Set on a declined confirm: written as last_setup_error, then answered as a 402. */
  card_error?: AttemptError;
}

const cancellation_reasons: readonly SetupIntentCancellationReason[] = ['abandoned', 'requested_by_customer', 'duplicate'];
const updatable: readonly SetupIntentStatus[] = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

const refuse = <T>(failure: Extract<SetupIntentOutcome<T>, { ok: false }>['failure']): SetupIntentOutcome<T> => ({ ok: false, failure });
const accept = <T>(value: T): SetupIntentOutcome<T> => ({ ok: true, value });

function move(intent: SetupIntent, command: SetupIntentCommand, outcome: SetupTransitionOutcome, changes: Partial<SetupIntent>) {
  const row = setupTransition(intent.status, command, outcome);
  const next: SetupIntent = { ...intent, ...changes, status: row.to };
  assertIntent(next);
  return { intent: next, events: row.events };
}

/** @example decideCreateSetupIntent({ customer: 'cus_1' }, { id: 'seti_1', created, livemode: false, client_secret_suffix }) */
export function decideCreateSetupIntent(
  params: CreateSetupIntentParams,
  facts: NewSetupIntentFacts,
): SetupIntentOutcome<SetupIntentDecision> {
  const types = params.payment_method_types;
  if (types !== undefined && types.some((type) => type !== 'card')) {
    return refuse({ code: 'parameter_invalid', param: 'payment_method_types', message: 'Tender supports only `card` SetupIntents yet.' });
  }
  const explicit_types = types !== undefined && types.length > 0;
  const payment_method = params.payment_method !== undefined && params.payment_method !== '' ? params.payment_method : null;
  const row = setupTransition(null, 'create', payment_method === null ? 'without_payment_method' : 'with_payment_method');
  const intent: SetupIntent = {
    id: facts.id,
    object: 'setup_intent',
    application: null,
    automatic_payment_methods: explicit_types ? null : (params.automatic_payment_methods ?? { enabled: true }),
    cancellation_reason: null,
    client_secret: `${facts.id}_secret_${facts.client_secret_suffix}`,
    created: facts.created,
    customer: params.customer !== undefined && params.customer !== '' ? params.customer : null,
    description: params.description !== undefined && params.description !== '' ? params.description : null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: facts.livemode,
    mandate: null,
    metadata: createMetadata(params.metadata),
    next_action: null,
    on_behalf_of: null,
    payment_method,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: explicit_types ? [...types] : ['card'],
    single_use_mandate: null,
    status: row.to,
    usage: params.usage ?? 'off_session',
  };
  assertIntent(intent);
  return accept({ intent, events: row.events });
}

export interface ConfirmSetupAttempt {
  /** The payment method named in this confirm, or null to use the intent's. */
  payment_method: string | null;
  /** The network's answer for the card; null when there is no payment method. */
  outcome: CardOutcome | null;
  return_url: string | null;
}

export interface ConfirmSetupFacts {
  /** Where the customer authenticates (Tender's 3D Secure page). */
  action_url: string;
  /** The SetupAttempt this confirm creates, whatever the network answers. */
  attempt_id: string;
  /** The id the card ends up saved under (a new pm_ when a magic id is attached), if it changes. */
  saved_payment_method?: string;
}

export function decideConfirmSetupIntent(
  intent: SetupIntent,
  attempt: ConfirmSetupAttempt,
  facts: ConfirmSetupFacts,
): SetupIntentOutcome<SetupIntentDecision> {
  const accepted = setupStatusesAccepting('confirm');
  if (!accepted.includes(intent.status)) return refuse(unexpectedState(intent, confirmStateMessage(intent.status, accepted)));
  const payment_method = attempt.payment_method ?? intent.payment_method;
  if (payment_method === null || attempt.outcome === null) {
    return refuse(unexpectedState(intent, missing_payment_method_message, 'payment_method'));
  }
  const redirects = intent.automatic_payment_methods?.enabled === true && intent.automatic_payment_methods.allow_redirects !== 'never';
  if (redirects && attempt.return_url === null) {
    return refuse({ code: 'parameter_missing', param: 'return_url', message: return_url_required_message });
  }
  const base = { payment_method, last_setup_error: null, next_action: null, latest_attempt: facts.attempt_id };
  const outcome = attempt.outcome;
  switch (outcome.kind) {
    case 'approved':
      return accept(move(intent, 'confirm', 'approved', { ...base, payment_method: facts.saved_payment_method ?? payment_method }));
    case 'requires_action':
      return accept(move(intent, 'confirm', 'requires_action', { ...base, next_action: nextAction(attempt.return_url, facts.action_url) }));
    case 'declined': {
      const decided = move(intent, 'confirm', 'declined', { ...base, payment_method: null, last_setup_error: setupError(outcome.error) });
      return accept({ ...decided, card_error: outcome.error });
    }
    case 'authentication_failed':
      // Only the 3D Secure step answers this, and confirm never runs one.
      throw new Error('invariant: a confirm does not complete an authentication');
  }
}

/**
 * The network's answer for saving a card. Setting up is on-session (the customer is there), so a card
 * that asks for 3D Secure asks now; `authenticated` is the answer of the 3D Secure step once it ran.
 * Saving charges nothing: pm_card_chargeCustomerFail saves fine, and the cards that decline payments
 * after authentication save once authenticated ([inf] Stripe's test-card docs say their payments
 * decline "even after being successfully authenticated or previously set up").
 */
export function setupCardOutcome(behaviour: CardBehaviour, usage: SetupIntentUsage, authenticated?: boolean): CardOutcome {
  if (behaviour.kind === 'attach_succeeds_charge_fails') return { kind: 'approved', risk_level: 'normal', funds: 'pending' };
  const saving: CardBehaviour =
    behaviour.kind === 'three_d_secure' && behaviour.three_d_secure.kind === 'required_then_declined'
      ? { kind: 'three_d_secure', three_d_secure: { kind: 'required_always' } }
      : behaviour;
  return cardOutcome(saving, { off_session: false, setup_future_usage: usage, ...(authenticated === undefined ? {} : { authenticated }) });
}

export interface CompleteSetupFacts {
  /** The id the card ends up saved under (a new pm_ when a magic id is attached), if it changes. */
  saved_payment_method?: string;
}

/**
 * The customer finished the 3D Secure step: `outcome` is setupCardOutcome(..., authenticated).
 * Passed: succeeded. Failed: requires_payment_method with setup_intent_authentication_failure, the
 * payment method taken off the intent as a decline does.
 */
export function decideCompleteSetupAction(
  intent: SetupIntent,
  outcome: CardOutcome,
  facts: CompleteSetupFacts,
): SetupIntentOutcome<SetupIntentDecision> {
  if (intent.status !== 'requires_action') return refuse(unexpectedState(intent, completeActionStateMessage(intent.status)));
  assertSetupIntent(intent.payment_method !== null, 'an intent waiting for authentication has a payment method');
  const base = { next_action: null, last_setup_error: null };
  switch (outcome.kind) {
    case 'approved':
      return accept(
        move(intent, 'complete_action', 'approved', { ...base, payment_method: facts.saved_payment_method ?? intent.payment_method }),
      );
    case 'authentication_failed': {
      const error: PaymentError = {
        type: 'invalid_request_error',
        code: 'setup_intent_authentication_failure',
        message: authentication_failure_message,
        doc_url: docUrl('setup_intent_authentication_failure'),
      };
      return accept(move(intent, 'complete_action', 'authentication_failed', { ...base, payment_method: null, last_setup_error: error }));
    }
    case 'requires_action':
    case 'declined':
      // setupCardOutcome never declines or asks twice once the customer has answered.
      throw new Error(`invariant: a completed authentication does not answer ${outcome.kind}`);
  }
}

function nextAction(return_url: string | null, action_url: string): NextAction {
  if (return_url !== null) return { type: 'redirect_to_url', redirect_to_url: { url: action_url, return_url } };
  return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: action_url } };
}

/** `last_setup_error` (spec: api_errors); the command adds the failed payment method. */
export function setupError(error: AttemptError): PaymentError {
  return {
    type: 'card_error',
    code: error.code,
    ...(error.decline_code === null ? {} : { decline_code: error.decline_code }),
    message: error.message,
    ...(error.param === null ? {} : { param: error.param }),
    doc_url: docUrl(error.code),
  };
}

export function decideCancelSetupIntent(
  intent: SetupIntent,
  params: { cancellation_reason?: string },
): SetupIntentOutcome<SetupIntentDecision> {
  const reason = params.cancellation_reason;
  if (reason !== undefined && !cancellation_reasons.includes(reason as SetupIntentCancellationReason)) {
    return refuse({
      code: 'parameter_invalid',
      param: 'cancellation_reason',
      message: enumMessage('cancellation_reason', cancellation_reasons),
    });
  }
  const accepted = setupStatusesAccepting('cancel');
  if (!accepted.includes(intent.status)) return refuse(unexpectedState(intent, cancelStateMessage(intent.status, accepted)));
  return accept(
    move(intent, 'cancel', 'canceled', {
      cancellation_reason: (reason as SetupIntentCancellationReason | undefined) ?? null,
      next_action: null,
    }),
  );
}

export interface UpdateSetupIntentParams {
  customer?: string;
  description?: string;
  metadata?: MetadataParam;
  payment_method?: string;
  payment_method_types?: string[];
}

/** Updates customer, description, metadata, payment_method and payment_method_types; no event (Stripe has no setup_intent.updated). */
export function decideUpdateSetupIntent(intent: SetupIntent, params: UpdateSetupIntentParams): SetupIntentOutcome<SetupIntent> {
  if (!updatable.includes(intent.status)) return refuse(unexpectedState(intent, updateStateMessage(intent.status, updatable)));
  const types = params.payment_method_types;
  if (types !== undefined && types.some((type) => type !== 'card')) {
    return refuse({ code: 'parameter_invalid', param: 'payment_method_types', message: 'Tender supports only `card` SetupIntents yet.' });
  }
  const metadata = mergeMetadataWithinLimit(intent.metadata, params.metadata);
  if (!metadata.ok) return refuse(metadata.failure);
  let next: SetupIntent = {
    ...intent,
    metadata: metadata.value,
    ...(params.customer === undefined ? {} : { customer: params.customer === '' ? null : params.customer }),
    ...(params.description === undefined ? {} : { description: params.description === '' ? null : params.description }),
    ...(types === undefined || types.length === 0 ? {} : { payment_method_types: [...types], automatic_payment_methods: null }),
  };
  if (params.payment_method !== undefined && params.payment_method !== '') {
    next = { ...next, payment_method: params.payment_method };
    if (intent.status !== 'requires_confirmation') {
      next = move(next, 'update', 'payment_method_set', { next_action: null }).intent;
    }
  }
  assertIntent(next);
  return accept(next);
}
