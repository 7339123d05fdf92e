import { type Handlers, siteResponse } from "../../../../../../../lib/site/app.ts";
import { findRecord } from "../../../../../../../lib/site/lookup.ts";

/** A record's JSON, as validated. */
export const handler: Handlers = {
  GET(_request, ctx) {
    const { version, profile, study, file } = ctx.params;
    const cell = file.endsWith(".json") ? file.slice(0, -5) : null;
    const record = cell === null ? null : findRecord(ctx.state.site, version, profile, study, cell);
    if (!record) return ctx.renderNotFound();
    return siteResponse(JSON.stringify(record, null, 1) + "\n", file);
  },
};
