/**
 * The order life cycle as a checked transition table (nautilus_trader's model): an order is
 * `pending` until it is `filled`, `canceled`, `rejected` or `expired`, and never changes after.
 */
import { InternalError } from '../errors.js';
import type { OrderStatus } from './types.js';

const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['filled', 'canceled', 'rejected', 'expired'],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

/** True when an order may move from `from` to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Returns `to` after checking the transition.
 * @throws InternalError `BT_ILLEGAL_ORDER_TRANSITION` for a transition the table forbids (a bug).
 */
export function transition(orderId: number, from: OrderStatus, to: OrderStatus): OrderStatus {
  if (!canTransition(from, to)) {
    throw new InternalError('BT_ILLEGAL_ORDER_TRANSITION', `order ${orderId} cannot go from "${from}" to "${to}"`, {
      hint: 'this is a bug in bt; please report it with the command that triggered it',
    });
  }
  return to;
}
