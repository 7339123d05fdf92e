import assert from "node:assert/strict";
import { join } from "node:path";
import { exportSite } from "../lib/site/export.ts";
import { loadReports } from "../lib/site/load.ts";
import { parseChangelog } from "../lib/site/changelog.ts";
import { validateLeaderboard } from "../lib/site/leaderboard_schema.ts";
import { VERDICTS } from "../lib/reporting/paper_claims.ts";
import { SAMPLE_OLD_VERSION, writeSampleReports } from "./_sample_reports.ts";
import { SUITE_VERSION } from "../lib/version.ts";
import manifest from "../web/manifest.ts";
import { runTask } from "./_cli.ts";
import { siteFixture } from "./_site_fixture.ts";

const V = SUITE_VERSION;
const OLD = SAMPLE_OLD_VERSION;

Deno.test("site: the manifest lists every route and island file", async () => {
  const listed = new Set([...Object.keys(manifest.routes), ...Object.keys(manifest.islands)]);
  const walk = async (folder: string, prefix: string): Promise<string[]> => {
    const out: string[] = [];
    for await (const entry of Deno.readDir(new URL(folder, import.meta.url))) {
      if (entry.isDirectory) {
        out.push(...await walk(`${folder}${entry.name}/`, `${prefix}${entry.name}/`));
      } else if (/\.tsx?$/.test(entry.name)) out.push(`${prefix}${entry.name}`);
    }
    return out;
  };
  const files = [
    ...await walk("../web/routes/", "./routes/"),
    ...await walk("../web/islands/", "./islands/"),
  ];
  assert.deepEqual(files.filter((file) => !listed.has(file)), []);
  assert.equal(files.length, listed.size);
});

Deno.test("site: the real server answers every route, 404s the unknown and refuses traversal", async (t) => {
  const { site, base, close } = await siteFixture();
  try {
    const get = (path: string, init?: RequestInit) =>
      fetch(base + path, { redirect: "manual", ...init });
    const studies = site.data.versions[0].profiles[0].boards.map((board) => board.study);
    assert.equal(studies.length, 13); // 8, gauge, and the four literature studies (issue 14)
    const record = site.data.versions[0].profiles[0].boards[2].records[0];
    await t.step("every kind of page and file: 200 with its content type", async () => {
      const expected: Array<[string, string]> = [
        ["/", "text/html"],
        ["/versions/", "text/html"],
        [`/v/${V}/`, "text/html"],
        [`/v/${V}/quick/`, "text/html"],
        [`/v/${OLD}/`, "text/html"],
        [`/v/${OLD}/quick/disorder/`, "text/html"],
        ...studies.map((study): [string, string] => [`/v/${V}/quick/${study}/`, "text/html"]),
        ...["leaderboard.json", "records.json"].map((
          f,
        ): [string, string] => [`/v/${V}/quick/disorder/${f}`, "application/json"]),
        ...["leaderboard.csv", "records.csv"].map((
          f,
        ): [string, string] => [`/v/${V}/quick/disorder/${f}`, "text/csv"]),
        [`/v/${V}/quick/disorder/accuracy-vs-disorder.svg`, "image/svg+xml"],
        [`/v/${V}/quick/REPORT.md`, "text/markdown"],
        [`/v/${V}/quick/report/`, "text/html"],
        [`/v/${V}/quick/records/${record.cell.study}/${record.cell.id}/`, "text/html"],
        [`/v/${V}/quick/records/${record.cell.study}/${record.cell.id}.json`, "application/json"],
        [`/v/${V}/datasets/`, "text/html"],
        [`/v/${V}/datasets/plain-clean-32/`, "text/html"],
        [`/v/${V}/datasets/plain-clean-32/plain-clean-32.svg`, "image/svg+xml"],
        ["/architectures/", "text/html"],
        ...["topo", "topo-full", "mlp", "cnn", "resnet", "symmetric"].map((
          a,
        ): [string, string] => [`/architectures/${a}/`, "text/html"]),
        ["/submit/", "text/html"],
        ["/static/style.css", "text/css"],
        ["/static/islands/Chart.js", "text/javascript"],
        ["/static/islands/SortableTable.js", "text/javascript"],
      ];
      for (const [path, type] of expected) {
        const response = await get(path);
        const body = await response.text();
        assert.equal(response.status, 200, `${path} answered ${response.status}`);
        assert(
          response.headers.get("content-type")!.startsWith(type),
          `${path}: ${response.headers.get("content-type")}`,
        );
        assert.equal(response.headers.get("x-content-type-options"), "nosniff");
        assert(body.length > 0, path);
      }
    });
    await t.step(
      "404 page for unknown versions, studies, architectures, records and traversal",
      async () => {
        for (
          const path of [
            "/v/9.9.9/",
            `/v/${V}/standard/`,
            `/v/${V}/quick/no-such-study/`,
            `/v/${V}/quick/disorder/no-such-file.csv`,
            `/v/${V}/quick/records/disorder/no-such-cell/`,
            `/v/${V}/quick/records/disorder/no-such-cell.json`,
            "/architectures/transformer/",
            `/v/${V}/datasets/no-such-dataset/`,
            "/..%2f..%2fetc/passwd",
            "/v/..%2f..%2f..%2fetc/quick/",
            `/v/${V}/quick/disorder/..%2f..%2f..%2f..%2fdeno.json`,
            `/v/${V}/datasets/plain-clean-32/..%2fplain-clean-32.md`,
            "/static/..%2f..%2fmain.ts",
            "/static/%2e%2e/main.ts",
            "/%00/",
            "/%E0%A4%A/",
            "/nowhere",
          ]
        ) {
          const response = await get(path);
          const body = await response.text();
          assert.equal(response.status, 404, `${path} answered ${response.status}`);
          assert.match(body, /<h1>Not found<\/h1>/, path);
          assert.doesNotMatch(body, /"version"|root:x:0/, path);
        }
      },
    );
    await t.step(
      "folder pages redirect from the bare name; HEAD works, POST does not",
      async () => {
        const bare = await get("/versions");
        await bare.body?.cancel();
        assert.equal(bare.status, 301);
        assert.equal(bare.headers.get("location"), "versions/");
        const head = await get("/", { method: "HEAD" });
        assert.equal(head.status, 200);
        assert.equal(await head.text(), "");
        const post = await get("/", { method: "POST" });
        await post.body?.cancel();
        assert.equal(post.status, 405);
      },
    );
    await t.step("downloads agree with leaderboard.json", async () => {
      const board = await (await get(`/v/${V}/quick/disorder/leaderboard.json`)).json();
      const csv = (await (await get(`/v/${V}/quick/disorder/leaderboard.csv`)).text()).trim().split(
        "\r\n",
      );
      assert.equal(csv.length, board.entries.length + 1);
      assert.equal(csv[1].split(",")[1], board.entries[0].architecture);
      const published = JSON.parse(
        await Deno.readTextFile(join(site.data.root, V, "quick", "disorder", "leaderboard.json")),
      );
      assert.deepEqual(board, published);
    });
    await t.step("JavaScript only on pages with islands; every link relative", async () => {
      const weights: string[] = [];
      for (
        const path of [
          "/",
          "/versions/",
          "/architectures/",
          "/submit/",
          `/v/${V}/quick/records/${record.cell.study}/${record.cell.id}/`,
          `/v/${V}/quick/trainability/`,
          `/v/${V}/quick/phase-diagram/`,
          "/architectures/topo/",
        ]
      ) {
        const html = await (await get(path)).text();
        const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((
          m,
        ) => new URL(m[1], base + path).pathname);
        // The home page draws its hero figure (an island); static pages carry no script.
        const expectJs = path === "/" ||
          /trainability|phase-diagram|architectures\/topo/.test(path);
        assert.equal(scripts.length > 0, expectJs, `${path}: scripts ${scripts}`);
        assert.doesNotMatch(html, /<script(?! type="module" src=)/, `${path}: inline script`);
        assert.doesNotMatch(html, /\s(href|src)="\/(?!\/)/, `${path}: absolute link`);
        let js = 0;
        for (const script of scripts) {
          const body = await (await get(script)).text();
          js += body.length;
          for (const chunk of body.matchAll(/from"\.\/([^"]+)"/g)) {
            js += (await (await get(`/static/islands/${chunk[1]}`)).text()).length;
          }
        }
        weights.push(`${path}: HTML ${html.length} B, JS ${js} B`);
      }
      console.log(weights.join("\n"));
    });
    await t.step("crawl from / over HTTP: every linked page and file answers 200", async () => {
      const seen = new Set(["/"]);
      const queue = ["/"];
      while (queue.length) {
        const path = queue.shift()!;
        const response = await get(path);
        assert.equal(response.status, 200, `${path} answered ${response.status}`);
        if (!response.headers.get("content-type")!.startsWith("text/html")) {
          await response.body?.cancel();
          continue;
        }
        for (const match of (await response.text()).matchAll(/\s(?:href|src)="([^"#]+)/g)) {
          const target = new URL(match[1].replace(/&amp;/g, "&"), base + path);
          if (target.origin === base && !seen.has(target.pathname)) {
            seen.add(target.pathname);
            queue.push(target.pathname);
          }
        }
      }
      assert(seen.size > 400, `crawled ${seen.size}`);
    });
  } finally {
    await close();
  }
});

Deno.test("site: the home board and the version selector read leaderboard.json", async () => {
  const { site, close } = await siteFixture();
  try {
    const html = await (await site.app.handle(new Request("http://x/"))).text();
    // The sample reports rank someone on every study's metric: no board is vacuously empty.
    const boards = site.data.versions[0].profiles[0].boards;
    assert.equal(boards.length, 13); // 8, gauge, and the four literature studies (issue 14)
    for (const sample of boards) {
      assert(sample.leaderboard.entries.length > 0, `${sample.study}: an empty sample board`);
      for (const entry of sample.leaderboard.entries) assert(entry.seeds > 0, sample.study);
    }
    const board = JSON.parse(
      await Deno.readTextFile(join(site.data.root, V, "quick", "winding", "leaderboard.json")),
    );
    const table = html.slice(html.indexOf('data-study="winding"'));
    const rows = [
      ...table.slice(0, table.indexOf("</table>")).matchAll(/data-architecture="([^"]+)"/g),
    ].map((m) => m[1]);
    assert.deepEqual(rows, board.entries.map((e: { architecture: string }) => e.architecture));
    assert.match(html, new RegExp(`aria-current="page" data-version="${V.replace(/\./g, "\\.")}"`));
    assert.match(html, new RegExp(`href="v/${OLD.replace(/\./g, "\\.")}/"`));
    assert.match(html, /Ranking rule:/);
    assert.match(html, /exact-invariant/);
    assert.match(html, /size-agnostic/);
    const old = await (await site.app.handle(new Request(`http://x/v/${OLD}/`))).text();
    assert.match(
      old,
      new RegExp(`aria-current="page" data-version="${OLD.replace(/\./g, "\\.")}"`),
    );
    assert.doesNotMatch(old, /current-version/);
    const card =
      await (await site.app.handle(new Request(`http://x/v/${V}/datasets/plain-clean-32/`))).text();
    assert.match(card, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  } finally {
    await close();
  }
});

Deno.test("site: a malformed report file fails the load and the build, naming the file", async (t) => {
  const root = await Deno.makeTempDir({ prefix: "topolearn-bad-" });
  try {
    await writeSampleReports(root);
    const boardPath = join(root, V, "quick", "disorder", "leaderboard.json");
    const good = await Deno.readTextFile(boardPath);
    await t.step("a leaderboard with a non-numeric mean", async () => {
      const board = JSON.parse(good);
      board.entries[0].mean = "high";
      await Deno.writeTextFile(boardPath, JSON.stringify(board));
      await assert.rejects(
        loadReports(root),
        (error: Error) =>
          error instanceof TypeError && error.message.startsWith(`${boardPath}: entries.0.mean`),
      );
    });
    await t.step("a leaderboard that is not JSON", async () => {
      await Deno.writeTextFile(boardPath, good.slice(0, 50));
      await assert.rejects(
        loadReports(root),
        new RegExp(`^TypeError: ${boardPath.replace(/[.]/g, "\\.")}: not a JSON leaderboard`),
      );
    });
    await t.step("a leaderboard citing a missing record", async () => {
      const board = JSON.parse(good);
      board.entries[0].values[0].cell = "mlp.seed=99.init=random";
      await Deno.writeTextFile(boardPath, JSON.stringify(board));
      await assert.rejects(
        loadReports(root),
        /cites cell "mlp\.seed=99\.init=random", which has no record/,
      );
      await Deno.writeTextFile(boardPath, good);
    });
    await t.step("a record edited by hand: site:build exits non-zero and names it", async () => {
      const recordPath = join(
        root,
        V,
        "quick",
        "records",
        "winding",
        "mlp.seed=0.init=random.json",
      );
      const record = JSON.parse(await Deno.readTextFile(recordPath));
      record.metrics.unseenAccuracy = 0.99;
      await Deno.writeTextFile(recordPath, JSON.stringify(record));
      const { code, stderr } = await runTask("site:build", [
        "--root",
        root,
        "--out",
        join(root, "_site"),
      ]);
      assert.equal(code, 2); // bad input: a malformed report file
      assert(stderr.includes(`${recordPath}: contentHash does not match`), stderr);
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("site: site:build exports a link-complete static site with relative links, atomically", async () => {
  const { site, root, close } = await siteFixture();
  try {
    const out = join(root, "_site");
    const { paths, bytes } = await exportSite(site.app, out);
    assert(paths.length > 400 && bytes > 0);
    for (
      const file of [
        "index.html",
        "404.html",
        `v/${V}/quick/disorder/index.html`,
        `v/${OLD}/index.html`,
        "static/islands/Chart.js",
        `v/${V}/quick/disorder/leaderboard.csv`,
      ]
    ) {
      assert((await Deno.stat(join(out, file))).isFile, file);
    }
    const study = await Deno.readTextFile(join(out, "v", V, "quick", "disorder", "index.html"));
    assert.match(study, /href="\.\.\/\.\.\/\.\.\/\.\.\/static\/style\.css"/);
    // A failed export leaves the previous one intact and no staging folder behind.
    const before = await Deno.readTextFile(join(out, "index.html"));
    const broken = {
      handle: (request: Request) =>
        new URL(request.url).pathname === "/"
          ? site.app.handle(request)
          : Promise.resolve(new Response("gone", { status: 500 })),
    } as typeof site.app;
    await assert.rejects(() => exportSite(broken, out), /answered 500/);
    assert.equal(await Deno.readTextFile(join(out, "index.html")), before);
    const siblings = [];
    for await (const entry of Deno.readDir(root)) siblings.push(entry.name);
    assert.deepEqual(siblings.filter((name) => name.startsWith("._site-")), []);
    // A folder that is not an earlier export is refused, not deleted.
    const precious = join(root, "precious");
    await Deno.mkdir(precious);
    await Deno.writeTextFile(join(precious, "notes.txt"), "keep me");
    await assert.rejects(() => exportSite(site.app, precious), /not an earlier site export/);
    assert.equal(await Deno.readTextFile(join(precious, "notes.txt")), "keep me");
    // Nor is an earlier export that has since become a git checkout.
    await Deno.mkdir(join(out, ".git"));
    await assert.rejects(() => exportSite(site.app, out), /holds a git repository/);
    assert((await Deno.stat(join(out, "index.html"))).isFile);
  } finally {
    await close();
  }
});

Deno.test("site: home opens with key findings; versions and the report page say what changed", async () => {
  const { site, close } = await siteFixture();
  try {
    const get = async (path: string) => {
      const response = await site.app.handle(new Request(`http://x${path}`));
      assert.equal(response.status, 200, path);
      return await response.text();
    };
    const home = await get("/");
    const findings = home.indexOf('id="key-findings"');
    assert(findings > 0 && findings < home.indexOf('class="board"'), "key findings before boards");
    const sentences = [...home.matchAll(/<li data-finding="([a-z-]+)">/g)].map((m) => m[1]);
    assert(sentences.length >= 3 && sentences.length <= 4, sentences.join(", "));
    assert.match(home, /95% CI \d\.\d{3}–\d\.\d{3}/);
    assert.match(home, /class="hero"/);
    // the paper's four claims and the suite's four, each with a verdict of the closed set
    const verdicts = [...home.matchAll(/<li data-verdict="([a-z ]+)">/g)].map((m) => m[1]);
    assert.equal(verdicts.length, 8, verdicts.join(", "));
    assert(verdicts.every((verdict) => (VERDICTS as readonly string[]).includes(verdict)));
    assert(home.indexOf('id="claims"') < home.indexOf('class="board"'), "claims before boards");
    const versions = await get("/versions/");
    const changelog = parseChangelog(
      await Deno.readTextFile(new URL("../CHANGELOG.md", import.meta.url)),
    );
    assert.deepEqual(changelog.map((entry) => entry.version).slice(-2), ["0.2.0", "0.1.0"]);
    assert.match(versions, new RegExp(`superseded by ${V.replace(/\./g, "\\.")}`));
    assert.match(versions, /<td class="date">\d{4}-\d{2}-\d{2}<\/td>/);
    assert.match(versions, /<td class="commit"><code title="[0-9a-f]{40}">[0-9a-f]{12}<\/code>/);
    assert.match(versions, /Cite this version/);
    const current = changelog.find((entry) => entry.version === V);
    if (current) assert(versions.includes(current.changed.slice(0, 40)), "changelog text shown");
    const report = await get(`/v/${V}/quick/report/`);
    assert.match(report, /<h2>Key findings<\/h2>/);
    const images = [...report.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
    assert(images.length > 3);
    for (const image of images) {
      const path = new URL(image, `http://x/v/${V}/quick/report/`).pathname;
      const response = await site.app.handle(new Request(`http://x${path}`));
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get("content-type"), "image/svg+xml");
      await response.body?.cancel();
    }
  } finally {
    await close();
  }
});

Deno.test("site: leaderboard.json shares ranks by its intervals; boards without intervals rank 1 … n", () => {
  const entry = (rank: number, architecture: string, interval: [number, number] | null) => ({
    rank,
    architecture,
    architectureVersion: "1.0.0",
    exactInvariant: false,
    sizeAgnostic: false,
    community: false,
    mean: interval ? (interval[0] + interval[1]) / 2 : 0.5,
    std: 0,
    seeds: 1,
    interval,
    values: [],
  });
  const board = (ranks: number[], intervals: Array<[number, number] | null>) => ({
    study: "disorder",
    title: "t",
    question: "q",
    suiteVersion: V,
    profile: "quick",
    rankingRule: {
      metric: "m",
      higherIsBetter: true,
      aggregation: "a",
      ties: "t",
      description: "d",
    },
    entries: ranks.map((rank, k) => entry(rank, `a${k}`, intervals[k])),
    references: [],
    notApplicable: [],
  });
  const overlapping: Array<[number, number]> = [[0.9, 1], [0.85, 0.95], [0.1, 0.2]];
  validateLeaderboard(board([1, 1, 3], overlapping));
  assert.throws(
    () => validateLeaderboard(board([1, 2, 3], overlapping), "b.json"),
    /b\.json: entries\.1\.rank: expected 1, found 2/,
  );
  // an archived board (no intervals) ranks 1, 2, 3 and may not share
  validateLeaderboard(board([1, 2, 3], [null, null, null]));
  assert.throws(
    () => validateLeaderboard(board([1, 1, 3], [null, null, null])),
    /entries\.1\.rank/,
  );
});

Deno.test("site: the published home opens with key findings and its hero; an archive's with a published SVG", async () => {
  // The committed reports/: the newest published version (the home) draws its hero phase diagram
  // as a chart island from its own figure specs; the archived 0.2.0, whose records today's figure
  // specs do not apply to, shows one of the SVGs its own code published.
  const out = await Deno.makeTempDir({ prefix: "archive-site-" });
  try {
    const built = await runTask("site:build", ["--out", join(out, "site")]);
    assert.equal(built.code, 0, built.stderr);
    const home = await Deno.readTextFile(join(out, "site", "index.html"));
    const findings = home.indexOf('id="key-findings"');
    assert(findings > 0, "no key findings on the home page");
    assert(findings < home.indexOf("<table"), "key findings after the first board");
    assert.match(home, /<div class="hero" data-study="phase-diagram"><div data-island="Chart"/);
    const archive = await Deno.readTextFile(join(out, "site", "v", "0.2.0", "index.html"));
    assert(archive.indexOf('id="key-findings"') > 0, "no key findings on the 0.2.0 page");
    const hero = /<div class="hero" data-study="([^"]+)"><img src="([^"]+)"/.exec(archive);
    assert(hero, "no published hero figure on the 0.2.0 page");
    assert.match(hero[2], /accuracy-vs-disorder\.svg$/);
    const svg = join(out, "site", "v", "0.2.0", decodeURI(hero[2]));
    assert((await Deno.stat(svg)).size > 1000, `hero file ${svg} missing`);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
