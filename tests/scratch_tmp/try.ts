import { submit } from "../../lib/submissions/mod.ts";
import { profile } from "../../lib/studies/mod.ts";
const root = await Deno.makeTempDir();
const t = performance.now();
try {
  const records = await submit(Deno.args[0] ?? "submissions/_template", { profile: profile("tiny"), studies: Deno.args[1] ? [Deno.args[1]] : ["trainability"], root, limits: { seconds: 120, memoryBytes: 1536 * 2 ** 20, parameters: 1_000_000 } });
  for (const r of records) console.log(r.cell.study, r.cell.id, r.status, JSON.stringify(r.metrics).slice(0, 300));
} catch (e) { console.log("ERR", (e as Error).message); }
console.log("secs", (performance.now() - t) / 1000);
