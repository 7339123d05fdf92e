import { benchArgs, type SweepSelection } from "./sweep_selection.ts";
import { shellQuote } from "./slurm_script.ts";

/** The options of a Kubernetes Indexed Job sweep. */
export interface KubernetesOptions extends SweepSelection {
  /** The container image: this repository at `workingDir` with deno on the PATH. */
  readonly image: string;
  /** The Job's name (default `topolearn-<profile>`). */
  readonly name?: string;
  /** Pods at once (default: shards). */
  readonly parallelism?: number;
  /** A ReadWriteMany PersistentVolumeClaim mounted at `/sweep`: records and the dataset cache. */
  readonly claim?: string;
  /** Where the repository is in the image (default `/app`). */
  readonly workingDir?: string;
  readonly cpu?: string;
  readonly memory?: string;
}

/** The Job object (the fields the suite sets; `toYaml` writes it). */
export interface KubernetesJob {
  readonly apiVersion: "batch/v1";
  readonly kind: "Job";
  readonly metadata: { readonly name: string; readonly labels: Record<string, string> };
  readonly spec: {
    readonly completionMode: "Indexed";
    readonly completions: number;
    readonly parallelism: number;
    readonly backoffLimitPerIndex: number;
    readonly maxFailedIndexes: number;
    readonly template: {
      readonly metadata: { readonly labels: Record<string, string> };
      readonly spec: {
        readonly restartPolicy: "Never" | "OnFailure";
        readonly containers: ReadonlyArray<{
          readonly name: string;
          readonly image: string;
          readonly command: readonly string[];
          readonly [field: string]: unknown;
        }>;
        readonly volumes: readonly unknown[];
      };
    };
  };
}

/**
 * A Kubernetes Indexed Job (`batch/v1`, `completionMode: Indexed`) running a sweep: pod `i`
 * (`JOB_COMPLETION_INDEX`) builds the datasets under the cache lock, then runs the studies bench
 * shard `--shard i+1/N` into `/sweep` (the claim), skipping cells whose record exists.
 * `restartPolicy: Never` with `backoffLimitPerIndex` retries a failed shard on its own. Write it
 * with {@linkcode toYaml} and `kubectl apply -f` it; collect with `deno task sweep collect
 * --root <the claim's copy>`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kubernetesJob } from "./kubernetes_job.ts";
 *
 * const job = kubernetesJob({ profile: "full", shards: 4, image: "registry/topolearn:0.2.0" });
 * assert.equal(job.spec.completionMode, "Indexed");
 * assert.equal(job.spec.completions, 4);
 * ```
 */
export function kubernetesJob(options: KubernetesOptions): KubernetesJob {
  const name = options.name ?? `topolearn-${options.profile}`;
  const selection = benchArgs(options).map(shellQuote).join(" ");
  const script = [
    "set -eu",
    `deno task --quiet sweep prepare ${selection}`,
    "deno bench --allow-read --allow-write --allow-env --allow-sys --allow-run --allow-net=127.0.0.1" +
    ` bench/studies_bench.ts -- ${selection}` +
    ` --shard "$((JOB_COMPLETION_INDEX + 1))/${options.shards}" --root /sweep`,
  ].join("\n");
  const resources = options.cpu || options.memory
    ? {
      resources: {
        requests: {
          ...(options.cpu ? { cpu: options.cpu } : {}),
          ...(options.memory ? { memory: options.memory } : {}),
        },
      },
    }
    : {};
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, labels: { app: "topolearn", profile: options.profile } },
    spec: {
      completionMode: "Indexed",
      completions: options.shards,
      parallelism: options.parallelism ?? options.shards,
      backoffLimitPerIndex: 2,
      maxFailedIndexes: options.shards,
      template: {
        metadata: { labels: { app: "topolearn", profile: options.profile } },
        spec: {
          restartPolicy: "Never",
          containers: [{
            name: "shard",
            image: options.image,
            workingDir: options.workingDir ?? "/app",
            command: ["sh", "-c", script],
            env: [
              { name: "TOPOLEARN_CACHE", value: "/sweep/.cache/datasets" },
              { name: "TOPOLEARN_K8S_JOB", value: name },
              {
                name: "TOPOLEARN_K8S_NODE",
                valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } },
              },
            ],
            ...resources,
            volumeMounts: [{ name: "sweep", mountPath: "/sweep" }],
          }],
          volumes: [
            options.claim
              ? { name: "sweep", persistentVolumeClaim: { claimName: options.claim } }
              : { name: "sweep", emptyDir: {} },
          ],
        },
      },
    },
  };
}
