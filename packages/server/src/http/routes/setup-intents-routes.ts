// /v1/setup_intents: create (optionally confirming), retrieve, update, list (customer,
// payment_method, created), confirm and cancel. Routes declare their operation and call the domain.
import {
  cancelSetupIntent,
  confirmSetupIntent,
  createSetupIntent,
  updateSetupIntentCommand,
} from '../../domain/setup-intents/setup-intent-commands.js';
import { findSetupIntentJson } from '../../domain/setup-intents/setup-intent-records.js';
import type { ApiRoute } from '../api-route.js';
import { confirmIntent, retrieveIntent, setup_intent_publishable_fields, type IntentAccess } from '../publishable-access.js';
import { filteredListRoute } from './filtered-list-route.js';

const object = { kind: 'object' } as const;
const object_type = 'setup_intent';

const access: IntentAccess = {
  kind: 'SetupIntent',
  resource: 'setup_intent',
  fields: setup_intent_publishable_fields,
  find: findSetupIntentJson,
};

export const setupIntentRoutes: readonly ApiRoute[] = [
  {
    kind: 'write',
    method: 'POST',
    path: '/setup_intents',
    operation: 'POST /v1/setup_intents',
    object_type,
    expand_target: object,
    run: (call, context) => createSetupIntent(context, call.params),
  },
  {
    kind: 'read',
    method: 'GET',
    path: '/setup_intents/:intent',
    operation: 'GET /v1/setup_intents/{intent}',
    object_type,
    expand_target: object,
    publishable: true,
    run: retrieveIntent(access),
  },
  {
    kind: 'write',
    method: 'POST',
    update: true,
    path: '/setup_intents/:intent',
    operation: 'POST /v1/setup_intents/{intent}',
    object_type,
    expand_target: object,
    run: (call, context) => updateSetupIntentCommand(context, call.path.intent!, call.params),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/setup_intents/:intent/confirm',
    operation: 'POST /v1/setup_intents/{intent}/confirm',
    object_type,
    expand_target: object,
    publishable: true,
    run: confirmIntent(access, confirmSetupIntent),
  },
  {
    kind: 'write',
    method: 'POST',
    path: '/setup_intents/:intent/cancel',
    operation: 'POST /v1/setup_intents/{intent}/cancel',
    object_type,
    expand_target: object,
    run: (call, context) => cancelSetupIntent(context, call.path.intent!, call.params),
  },
  filteredListRoute({
    table: 'setup_intents',
    path: '/setup_intents',
    object_type,
    resource: 'setup_intent',
    filter_columns: ['customer', 'payment_method'],
  }),
];
