// Tokens in the store: the wire object as JSON, `used` as a column, and `card_facts`, the resolved
// card (brand, last4, expiry, fingerprint, behaviour; never the number or CVC) a PaymentMethod made
// from the token starts from. `card_facts` is never rendered.
import type { SqlExecutor, Store } from '../../store/store.js';
import type { Scope } from '../../store/object-pages.js';
import { preparedQuery } from '../../store/prepared-query.js';
import type { ResolvedCard } from '../cards/resolve-card.js';
import type { Snapshot } from '../shared/snapshot.js';
import type { Token } from './token-model.js';

export interface TokenRow {
  json: string;
  used: boolean;
  card: ResolvedCard;
}

type Key = { account_id: string; livemode: number; id: string };

const selectRow = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('tokens')
    .select(['data', 'used', 'card_facts'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id),
);

// PostgreSQL: two requests using one token at once must not both see it unused.
const selectRowForUpdate = preparedQuery<Key>((db, p) =>
  db
    .selectFrom('tokens')
    .select(['data', 'used', 'card_facts'])
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .forUpdate(),
);

const insertRow = preparedQuery<Key & { created: number; card_facts: string; data: string }>((db, p) =>
  db.insertInto('tokens').values({
    account_id: p.account_id,
    livemode: p.livemode,
    id: p.id,
    created: p.created,
    used: 0,
    card_facts: p.card_facts,
    data: p.data,
  }),
);

const markUsedRow = preparedQuery<Key & { data: string }>((db, p) =>
  db
    .updateTable('tokens')
    .set({ used: 1, data: p.data })
    .where('account_id', '=', p.account_id)
    .where('livemode', '=', p.livemode)
    .where('id', '=', p.id)
    .where('used', '=', 0),
);

export async function findTokenRow(executor: SqlExecutor, store: Store, scope: Scope, id: string, lock = false): Promise<TokenRow | null> {
  const key = { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id };
  const query = lock && store.engine === 'postgres' ? selectRowForUpdate(store, key) : selectRow(store, key);
  const row = await executor.first<{ data: string; used: number; card_facts: string }>(query);
  return row === undefined ? null : { json: row.data, used: row.used === 1, card: JSON.parse(row.card_facts) as ResolvedCard };
}

export async function insertToken(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: token, json }: Snapshot<Token>,
  card: ResolvedCard,
): Promise<void> {
  await executor.run(
    insertRow(store, {
      account_id: scope.account_id,
      livemode: scope.livemode ? 1 : 0,
      id: token.id,
      created: token.created,
      card_facts: JSON.stringify(card),
      data: json,
    }),
  );
}

export async function markTokenUsed(
  executor: SqlExecutor,
  store: Store,
  scope: Scope,
  { object: token, json }: Snapshot<Token>,
): Promise<void> {
  const changed = await executor.run(
    markUsedRow(store, { account_id: scope.account_id, livemode: scope.livemode ? 1 : 0, id: token.id, data: json }),
  );
  if (changed !== 1) throw new Error(`invariant: marking token ${token.id} used changed ${changed} rows`);
}
