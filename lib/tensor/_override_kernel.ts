// Private helper for the suite's own wasm kernels: one way to put a kernel in place of the wasm
// backend's built-in one, keeping the built-in for the cases the override does not take.
import * as tf from "@tensorflow/tfjs-core";

/** The built-in kernel an override falls back on, called with the override's own arguments. */
export type BuiltInKernel<Args> = (args: Args) => tf.TensorInfo;

const overridden = new Set<string>();

/**
 * Replaces the wasm backend's `kernelName` kernel with `kernel`, which receives the built-in
 * kernel to fall back on (with the built-in's `setupFunc` kept). Idempotent: a second call for
 * the same kernel name changes nothing. Throws when the wasm backend is not loaded.
 */
export function overrideWasmKernel<Args>(
  kernelName: string,
  kernel: (args: Args, builtIn: BuiltInKernel<Args>) => tf.TensorInfo,
): void {
  if (overridden.has(kernelName)) return;
  const builtIn = tf.getKernel(kernelName, "wasm");
  if (builtIn === undefined) throw new Error("The wasm backend is not loaded: import tf.ts");
  overridden.add(kernelName);
  const fallBack = (args: Args): tf.TensorInfo =>
    builtIn.kernelFunc(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({
    kernelName,
    backendName: "wasm",
    setupFunc: builtIn.setupFunc,
    kernelFunc: ((args: Args) => kernel(args, fallBack)) as unknown as tf.KernelFunc,
  });
}
