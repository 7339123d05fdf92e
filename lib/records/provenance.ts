import { activeBackend } from "../tensor/backend.ts";
import { SUITE_VERSION } from "../version.ts";
import { engineIds } from "./engine_ids.ts";
import type { Provenance } from "./schema.ts";

/**
 * The provenance of a run on this machine, now: suite version, git commit and dirty flag
 * (`null` where git or the permission to run it is missing), Deno / V8 / TypeScript / tfjs
 * versions, the active tfjs backend and GPU adapter, CPU model and cores, OS, and under a cluster
 * engine its job, array task and node ids (`engine`, outside the content hash).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { collectProvenance } from "./provenance.ts";
 *
 * const provenance = await collectProvenance();
 * assert.equal(provenance.deno, Deno.version.deno);
 * ```
 */
export async function collectProvenance(): Promise<Provenance> {
  const backend = activeBackend();
  const engine = engineIds();
  return {
    suiteVersion: SUITE_VERSION,
    git: await gitState(),
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    tfjs: backend.tfjsVersion,
    backend: backend.backend,
    adapter: backend.adapter,
    cpu: { model: await cpuModel(), cores: navigator.hardwareConcurrency || 1 },
    os: `${Deno.build.os} ${Deno.build.arch}`,
    ...(engine ? { engine } : {}),
  };
}

async function gitState(): Promise<Provenance["git"]> {
  try {
    const run = async (...args: string[]) => {
      const output = await new Deno.Command("git", {
        args,
        cwd: new URL("../../", import.meta.url),
        stdout: "piped",
        stderr: "null",
        // Never take the index lock: a killed run must not leave a stale one behind.
        env: { GIT_OPTIONAL_LOCKS: "0" },
      }).output();
      return output.success ? new TextDecoder().decode(output.stdout).trim() : null;
    };
    const commit = await run("rev-parse", "HEAD");
    const status = await run("status", "--porcelain", "--untracked-files=no");
    return { commit, dirty: status === null ? null : status.length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

async function cpuModel(): Promise<string> {
  try {
    const info = await Deno.readTextFile("/proc/cpuinfo");
    return /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? Deno.build.arch;
  } catch {
    return Deno.build.arch;
  }
}

/** The process's peak resident memory in bytes (Linux `VmHWM`), else the current RSS. */
export function peakMemoryBytes(): number | null {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const match = /VmHWM:\s*(\d+)\s*kB/.exec(status);
    if (match) return Number(match[1]) * 1024;
  } catch { /* not Linux */ }
  try {
    return Deno.memoryUsage().rss;
  } catch {
    return null;
  }
}
