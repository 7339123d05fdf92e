// Test helper: runs a command entry point in a real Deno subprocess.

/** What a finished command printed and returned. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `deno run <permissions> <entry> ...args` from the repository root. */
export async function runCommand(
  entry: string,
  args: string[],
  permissions: string[] = ["--allow-read"],
): Promise<CommandResult> {
  const root = new URL("../", import.meta.url);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, entry, ...args],
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
