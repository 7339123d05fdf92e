import type { Architecture } from "./architecture.ts";
import { cnn, type CnnConfig } from "./cnn.ts";
import { cybinskiCnn } from "./cybinski_cnn.ts";
import { holandaForest, holandaTree } from "./holanda_trees.ts";
import { mlp, type MlpConfig } from "./mlp.ts";
import { offsetKernel, type OffsetKernelConfig } from "./offset_kernel.ts";
import {
  edgeThreshold,
  logisticHamiltonian,
  logisticQ2,
  lyapunovThreshold,
  ridgeOffsetSums,
} from "./proxy_baselines.ts";
import { resnet, type ResnetConfig } from "./resnet.ts";
import { symmetric, type SymmetricConfig } from "./symmetric.ts";
import { topo, type TopoConfig } from "./topo.ts";

/** Makes an architecture from its hyperparameters (`{}`: the defaults). */
export type ArchitectureFactory = (config: Record<string, unknown>) => Architecture;

const NAME = /^[a-z][a-z0-9-]*$/;

/** A factory of an architecture without hyperparameters: refuses any. */
function noConfig(name: string, make: () => Architecture): ArchitectureFactory {
  return (config) => {
    const keys = Object.keys(config);
    if (keys.length > 0) {
      throw new RangeError(`${name} has no hyperparameters: received ${keys.join(", ")}`);
    }
    return make();
  };
}

const factories = new Map<string, ArchitectureFactory>([
  ["topo", (config) => topo(config as TopoConfig)],
  ["topo-full", (config) => topo({ ...(config as TopoConfig), kernel: "full" })],
  ["mlp", (config) => mlp(config as MlpConfig)],
  ["offset-kernel", (config) => offsetKernel(config as OffsetKernelConfig)],
  ["cnn", (config) => cnn(config as CnnConfig)],
  ["resnet", (config) => resnet(config as ResnetConfig)],
  ["symmetric", (config) => symmetric(config as SymmetricConfig)],
  ["edge-threshold", noConfig("edge-threshold", edgeThreshold)],
  ["logistic-q2", noConfig("logistic-q2", logisticQ2)],
  ["logistic-hamiltonian", noConfig("logistic-hamiltonian", logisticHamiltonian)],
  ["lyapunov-threshold", noConfig("lyapunov-threshold", lyapunovThreshold)],
  ["ridge-offset-sums", noConfig("ridge-offset-sums", ridgeOffsetSums)],
  // h-lit (issue 14): the literature baselines (each refuses the catalog's inputs).
  ["cybinski-cnn", noConfig("cybinski-cnn", cybinskiCnn)],
  ["holanda-tree", noConfig("holanda-tree", holandaTree)],
  ["holanda-forest", noConfig("holanda-forest", holandaForest)],
]);

/**
 * The architecture registered as `name`, with `config` applied to its defaults. Throws
 * `RangeError` for an unknown name (naming the known ones) or a bad hyperparameter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveArchitecture } from "./registry.ts";
 *
 * const architecture = resolveArchitecture("mlp", { hidden: [64] });
 * assert.equal(architecture.name, "mlp");
 * assert.throws(() => resolveArchitecture("transformer"), RangeError);
 * ```
 */
export function resolveArchitecture(
  name: string,
  config: Record<string, unknown> = {},
): Architecture {
  const factory = factories.get(name);
  if (factory === undefined) {
    throw new RangeError(
      `Unknown architecture "${name}": known are ${architectureNames().join(", ")}`,
    );
  }
  return factory(config);
}

/**
 * The registered names, sorted.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { architectureNames } from "./registry.ts";
 *
 * assert(architectureNames().includes("symmetric"));
 * ```
 */
export function architectureNames(): string[] {
  return [...factories.keys()].sort();
}

/**
 * Registers an architecture (built-in additions such as `topo`, or an outside submission).
 * Throws `RangeError` for a malformed or taken name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { architectureNames, registerArchitecture } from "./registry.ts";
 * import { mlp } from "./mlp.ts";
 *
 * registerArchitecture("wide-mlp", (config) => ({ ...mlp({ hidden: [512] }), ...config, name: "wide-mlp" }));
 * assert(architectureNames().includes("wide-mlp"));
 * ```
 */
export function registerArchitecture(name: string, factory: ArchitectureFactory): void {
  if (!NAME.test(name)) {
    throw new RangeError(
      `Architecture names are lowercase letters, digits and dashes: received "${name}"`,
    );
  }
  if (factories.has(name)) throw new RangeError(`Architecture "${name}" is already registered`);
  factories.set(name, factory);
}
