// Card tokens: create one from raw card details, and consume one (stored or a magic `tok_*` id) when
// a PaymentMethod is made from it. A stored token can be used once; magic ids stand for a fresh
// token each time, so they never wear out.
import { resolveCard, type CardContext, type ResolvedCard } from '../cards/resolve-card.js';
import type { CommandContext } from '../shared/command-context.js';
import { fail, succeed, type Outcome } from '../shared/failures.js';
import { snapshot, snapshotFromJson, type Snapshot } from '../shared/snapshot.js';
import { resolveFailure } from '../payment-methods/payment-method-decisions.js';
import { token_card_id_prefix, token_id_prefix, type Token } from './token-model.js';
import { buildToken, type TokenCardParam } from './token-decisions.js';
import { findTokenRow, insertToken, markTokenUsed } from './token-records.js';

/** Token kinds Stripe has that Tender does not make yet; refused clearly rather than ignored. */
const unsupported = ['account', 'bank_account', 'customer', 'cvc_update', 'person', 'pii'] as const;

/** Fingerprints are keyed by the account's random secret, so one number differs across accounts. */
export function cardContext(context: CommandContext): CardContext {
  return { now: context.now, fingerprint_key: context.fingerprint_key };
}

export async function createToken(context: CommandContext, params: Record<string, unknown>): Promise<Outcome<Snapshot<Token>>> {
  for (const name of unsupported) {
    if (params[name] !== undefined) {
      return fail({ code: 'parameter_invalid', param: name, message: `Tender does not support \`${name}\` tokens yet.` });
    }
  }
  const card = params.card;
  if (card === undefined) return fail({ code: 'parameter_missing', param: 'card' });
  if (typeof card !== 'object' || card === null) {
    return fail({ code: 'parameter_invalid', param: 'card', message: 'Tender does not support making a token from a card id yet.' });
  }
  // The token's `card` is a hash or a string in the spec, so the validator leaves its fields as text.
  const raw = card as Record<string, unknown>;
  const cardParam = { ...raw, exp_month: Number(raw.exp_month), exp_year: Number(raw.exp_year) } as TokenCardParam;
  const resolved = resolveCard(
    {
      kind: 'raw',
      number: cardParam.number,
      exp_month: cardParam.exp_month,
      exp_year: cardParam.exp_year,
      ...(cardParam.cvc === undefined ? {} : { cvc: cardParam.cvc }),
    },
    cardContext(context),
  );
  if (!resolved.ok) return fail(resolveFailure(resolved.failure, 'card', false));
  const token = snapshot(
    buildToken(resolved.card, cardParam, {
      id: context.runtime.ids.next(token_id_prefix),
      card_id: context.runtime.ids.next(token_card_id_prefix),
      created: context.now,
      livemode: context.scope.livemode,
    }),
  );
  await insertToken(context.tx, context.store, context.scope, token, resolved.card);
  return succeed(token);
}

export interface ConsumedToken {
  card: ResolvedCard;
  /** The token's card as Stripe shows it, for the address and name it carries (null for magic ids). */
  token: Token | null;
}

/** Uses a token up: magic ids resolve from the catalogue; a stored token must not be used yet. */
export async function consumeToken(context: CommandContext, id: string, param: string): Promise<Outcome<ConsumedToken>> {
  const magic = resolveCard({ kind: 'magic_id', id }, cardContext(context));
  if (magic.ok) return succeed({ card: magic.card, token: null });
  const row = await findTokenRow(context.tx, context.store, context.scope, id, true);
  if (row === null) return fail({ code: 'resource_missing', resource: 'token', id, param, in_path: false });
  if (row.used) return fail({ code: 'token_already_used', id });
  const current = snapshotFromJson<Token>(row.json);
  const used = snapshot<Token>({ ...current.object, used: true });
  await markTokenUsed(context.tx, context.store, context.scope, used);
  return succeed({ card: row.card, token: used.object });
}
