// Test helpers: run a command entry point or a `deno task` in a real Deno subprocess, from the
// repository root, with no stdin and colours off.

/** What a finished command printed and returned. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `deno <args>` from the repository root (with `env` added to this process's variables). */
export async function runDeno(
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: new URL("../", import.meta.url),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Runs `deno run <permissions> <entry> ...args` from the repository root. */
export function runCommand(
  entry: string,
  args: string[],
  permissions: string[] = ["--allow-read"],
): Promise<CommandResult> {
  return runDeno(["run", ...permissions, entry, ...args]);
}

/**
 * Runs `deno task --quiet <task> ...args` from the repository root (the task's permissions),
 * with `env` added.
 */
export function runTask(
  task: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CommandResult> {
  return runDeno(["task", "--quiet", task, ...args], env);
}
