import { type Handlers, jsonSchemaFiles, siteResponse } from "../../../lib/site/mod.ts";

/** The JSON Schemas of the published files (`/schemas/record.schema.json`, …). */
export const handler: Handlers = {
  GET(_request, ctx) {
    const text = jsonSchemaFiles()[ctx.params.file];
    if (text === undefined) return ctx.renderNotFound();
    return siteResponse(text, ctx.params.file);
  },
};
