// Every move a payout can make, in one table: the statuses it may start from, where it ends, and the
// event Stripe sends for it. Nothing else changes a payout's status. (Stripe can also fail a payout
// after `paid`; Tender's test banks answer at arrival, so that move is not simulated.)
import type { PayoutStatus } from './payout-model.js';

export type PayoutAction = 'submit' | 'pay' | 'fail' | 'cancel';

export interface PayoutTransition {
  from: readonly PayoutStatus[];
  to: PayoutStatus;
  event: 'payout.updated' | 'payout.paid' | 'payout.failed' | 'payout.canceled';
}

export const payout_transitions: Readonly<Record<PayoutAction, PayoutTransition>> = {
  submit: { from: ['pending'], to: 'in_transit', event: 'payout.updated' },
  pay: { from: ['in_transit'], to: 'paid', event: 'payout.paid' },
  fail: { from: ['in_transit'], to: 'failed', event: 'payout.failed' },
  cancel: { from: ['pending'], to: 'canceled', event: 'payout.canceled' },
};

/** The status after `action`, or null when the payout's status does not allow it. */
export function nextStatus(status: PayoutStatus, action: PayoutAction): PayoutStatus | null {
  const transition = payout_transitions[action];
  return transition.from.includes(status) ? transition.to : null;
}
