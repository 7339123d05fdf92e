import { siteFixture } from "/work/wt-site/tests/_site_fixture.ts";
const f = await siteFixture();
console.log(f.base);
await Deno.writeTextFile("/tmp/site-base", f.base);
await new Promise(() => {});
