import { fileResponse, type Handlers } from "../../../../../../lib/site/app.ts";
import { findDataset } from "../../../../../../lib/site/lookup.ts";

/** A dataset card's figure. */
export const handler: Handlers = {
  GET(_request, ctx) {
    const dataset = findDataset(ctx.state.site, ctx.params.version, ctx.params.name);
    const path = dataset?.files.get(ctx.params.file);
    return path ? fileResponse(path, ctx.params.file) : ctx.renderNotFound();
  },
};
