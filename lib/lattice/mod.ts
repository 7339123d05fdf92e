/**
 * Lattice models: the SSH family of chiral chains (plain and extended hopping ranges) with
 * chiral and on-site disorder. Sites are ordered `A1 B1 A2 B2 …`; see PHYSICS.md §1–2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sshChain } from "./mod.ts";
 *
 * assert.deepEqual(sshChain({ cells: 10, hoppings: { 0: 1, 1: 0.5 } }).isPlain, true);
 * ```
 *
 * @module
 */
export { hoppingReach } from "./hopping_reach.ts";
export {
  type Hoppings,
  type SshChain,
  sshChain,
  type SshChainOptions,
  type SshDisorder,
} from "./ssh_chain.ts";
