// /v1/payment_intents: create (optionally confirming), retrieve, update, list, search, confirm,
// capture, cancel and increment_authorization. Routes declare their operation and call the domain;
// everything else happens in api-route.ts.
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  incrementAuthorization,
  updatePaymentIntentCommand,
} from '../../domain/payment-intents/payment-intent-commands.js';
import { findPaymentIntentJson } from '../../domain/payment-intents/payment-intent-records.js';
import { paymentIntentSearch } from '../../domain/search/search-resources.js';
import { paymentIntentSearchTargets } from '../../store/search-targets.js';
import type { ApiRoute } from '../api-route.js';
import { confirmIntent, payment_intent_publishable_fields, retrieveIntent, type IntentAccess } from '../publishable-access.js';
import { filteredListRoute } from './filtered-list-route.js';
import { searchRoute } from './search-route.js';

const object = { kind: 'object' } as const;
const object_type = 'payment_intent';

const action = (name: string, run: Extract<ApiRoute, { kind: 'write' }>['run']): ApiRoute => ({
  kind: 'write',
  method: 'POST',
  path: `/payment_intents/:intent/${name}`,
  operation: `POST /v1/payment_intents/{intent}/${name}`,
  object_type,
  expand_target: object,
  run,
});

const access: IntentAccess = {
  kind: 'PaymentIntent',
  resource: 'payment_intent',
  fields: payment_intent_publishable_fields,
  find: findPaymentIntentJson,
};

export const paymentIntentRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/payment_intents',
    operation: 'POST /v1/payment_intents',
    object_type,
    expand_target: object,
    run: (call, context) => createPaymentIntent(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/payment_intents/:intent',
    operation: 'GET /v1/payment_intents/{intent}',
    object_type,
    expand_target: object,
    publishable: true,
    run: retrieveIntent(access),
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/payment_intents/:intent',
    operation: 'POST /v1/payment_intents/{intent}',
    object_type,
    expand_target: object,
    run: (call, context) => updatePaymentIntentCommand(context, call.path.intent!, call.params),
  },
  { ...action('confirm', confirmIntent(access, confirmPaymentIntent)), publishable: true },
  action('capture', (call, context) => capturePaymentIntent(context, call.path.intent!, call.params)),
  action('cancel', (call, context) => cancelPaymentIntent(context, call.path.intent!, call.params)),
  action('increment_authorization', (call, context) => incrementAuthorization(context, call.path.intent!, call.params)),
  filteredListRoute({
    table: 'payment_intents',
    path: '/payment_intents',
    object_type,
    resource: 'payment_intent',
    filter_columns: ['customer'],
  }),
  searchRoute({ object_type, search: paymentIntentSearch, targets: paymentIntentSearchTargets }),
];
