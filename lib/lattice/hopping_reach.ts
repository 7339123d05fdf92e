import type { SshChain } from "./ssh_chain.ts";

/**
 * The reach of a chain's hoppings: the largest `|m|` over its hopping ranges `m`, in unit cells
 * (1 for the plain SSH chain, 2 for a chain with a range −2 or 2 bond). The trimmed centre of
 * the real-space winding number is sized by it (PHYSICS.md §3).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hoppingReach, sshChain } from "./mod.ts";
 *
 * assert.equal(hoppingReach(sshChain({ cells: 10, hoppings: { 0: 1, 1: 0.5 } })), 1);
 * assert.equal(hoppingReach(sshChain({ cells: 10, hoppings: { 0: 1, [-2]: 0.5 } })), 2);
 * ```
 */
export function hoppingReach(chain: Pick<SshChain, "ranges">): number {
  return Math.max(...chain.ranges.map(Math.abs));
}
