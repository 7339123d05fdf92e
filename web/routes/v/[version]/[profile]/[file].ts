import { fileResponse, type Handlers } from "../../../../../lib/site/app.ts";
import { findProfile } from "../../../../../lib/site/lookup.ts";

/** A profile's published `REPORT.md`. */
export const handler: Handlers = {
  GET(_request, ctx) {
    const profile = findProfile(ctx.state.site, ctx.params.version, ctx.params.profile);
    if (!profile?.reportPath || ctx.params.file !== "REPORT.md") return ctx.renderNotFound();
    return fileResponse(profile.reportPath, "REPORT.md");
  },
};
