import { fileResponse, type Handlers, siteResponse } from "../../../../../../lib/site/app.ts";
import { toCsv } from "../../../../../../lib/site/csv.ts";
import { findBoard } from "../../../../../../lib/site/lookup.ts";

/** A study's downloads (board and records as JSON and CSV) and its published figures. */
export const handler: Handlers = {
  GET(_request, ctx) {
    const { version, profile, study, file } = ctx.params;
    const board = findBoard(ctx.state.site, version, profile, study);
    if (!board) return ctx.renderNotFound();
    const lb = board.leaderboard;
    const metric = lb.rankingRule.metric;
    switch (file) {
      case "leaderboard.json":
        return siteResponse(JSON.stringify(lb, null, 1) + "\n", file);
      case "leaderboard.csv":
        return siteResponse(
          toCsv(
            [
              "rank",
              "architecture",
              "architecture_version",
              `${metric}_mean`,
              `${metric}_std`,
              "seeds",
              "exact_invariant",
              "size_agnostic",
              "community",
              "cells",
            ],
            lb.entries.map((
              e,
            ) => [
              e.rank,
              e.architecture,
              e.architectureVersion,
              e.mean,
              e.std,
              e.seeds,
              e.exactInvariant,
              e.sizeAgnostic,
              e.community,
              e.values.map((v) => v.cell).join(" "),
            ]),
          ),
          file,
        );
      case "records.csv":
        return siteResponse(
          toCsv(
            [
              "cell",
              "architecture",
              "architecture_version",
              "seed",
              "init",
              "sigma",
              "status",
              metric,
              "suite_version",
              "commit",
              "dirty",
              "backend",
              "config_hash",
              "content_hash",
            ],
            board.records.map((r) => {
              const value = r.metrics[metric];
              return [
                r.cell.id,
                r.cell.architecture,
                r.architectureVersion,
                r.cell.seed,
                r.cell.init.kind,
                r.cell.init.kind === "noise" ? r.cell.init.sigma : null,
                r.status,
                typeof value === "number" ? value : null,
                r.suiteVersion,
                r.provenance.git.commit,
                r.provenance.git.dirty,
                r.provenance.backend,
                r.configHash,
                r.contentHash,
              ];
            }),
          ),
          file,
        );
      case "records.json":
        return siteResponse(JSON.stringify(board.records) + "\n", file);
    }
    const path = file.endsWith(".svg") ? board.files.get(file) : undefined;
    return path ? fileResponse(path, file) : ctx.renderNotFound();
  },
};
