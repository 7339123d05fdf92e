// Fixture of bounded_inputs_test.ts: a long run that watches its parent, as bench/_args.ts does.
import { exitWhenOrphaned } from "../lib/cli/exit_when_orphaned.ts";

exitWhenOrphaned({ intervalMs: 100 });
await new Promise((resolve) => setTimeout(resolve, 60_000));
