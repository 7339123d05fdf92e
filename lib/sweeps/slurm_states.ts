/** A SLURM array task's scheduler state. */
export interface TaskState {
  readonly state: string;
  readonly node: string | null;
}

/** Expands SLURM's array task list (`0-3,5`, `1-7:2`, `0-9%2`) to indices. */
export function expandArray(spec: string): number[] {
  const indices: number[] = [];
  for (const part of spec.replace(/%\d+$/, "").replace(/^\[|\]$/g, "").split(",")) {
    const match = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part);
    if (!match) continue;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    const step = match[3] === undefined ? 1 : Number(match[3]);
    for (let i = from; i <= to; i += step) indices.push(i);
  }
  return indices;
}

/**
 * The states of a job's array tasks from `scontrol show job -o JOB` output (one line per task
 * record; a pending remainder lists its indices as a range).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseScontrol } from "./slurm_states.ts";
 *
 * const states = parseScontrol(
 *   "JobId=8 ArrayJobId=7 ArrayTaskId=0 JobState=COMPLETED NodeList=n1\n" +
 *     "JobId=7 ArrayJobId=7 ArrayTaskId=1-2 JobState=PENDING NodeList=(null)\n",
 * );
 * assert.deepEqual(states.get(0), { state: "COMPLETED", node: "n1" });
 * assert.deepEqual(states.get(2), { state: "PENDING", node: null });
 * ```
 */
export function parseScontrol(text: string): Map<number, TaskState> {
  const states = new Map<number, TaskState>();
  for (const line of text.split("\n")) {
    const field = (name: string) => new RegExp(`(?:^| )${name}=(\\S+)`).exec(line)?.[1];
    const tasks = field("ArrayTaskId");
    const state = field("JobState");
    if (tasks === undefined || state === undefined) continue;
    const node = field("NodeList");
    for (const index of expandArray(tasks)) {
      states.set(index, { state, node: node === undefined || node === "(null)" ? null : node });
    }
  }
  return states;
}

/** Runs a SLURM client command; `null` where it is missing or fails. */
export async function slurmCommand(command: string, args: string[]): Promise<string | null> {
  try {
    const output = await new Deno.Command(command, {
      args,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    return output.success ? new TextDecoder().decode(output.stdout) : null;
  } catch {
    return null;
  }
}

/** The scheduler's view of a job's array tasks (empty where the job is gone or SLURM absent). */
export async function taskStates(jobId: string): Promise<Map<number, TaskState>> {
  const text = await slurmCommand("scontrol", ["show", "job", "-o", jobId]);
  return text === null ? new Map() : parseScontrol(text);
}
