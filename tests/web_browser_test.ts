// Screenshots (desktop and 390 px: home, a study, the phase diagram, every figure kind, the
// versions page) go to web/.screenshots/ (git-ignored).
// Browser tests in headless Chromium (Debian's `chromium`), driven over the DevTools protocol
// on a WebSocket. They skip, saying so, only where /usr/bin/chromium is absent outside CI; under
// CI (which installs it) an absent browser is a failure.
import assert from "node:assert/strict";
import { join } from "node:path";
import { SUITE_VERSION } from "../lib/version.ts";
import { siteFixture } from "./_site_fixture.ts";
import { entryInterval, isReference, type Leaderboard } from "../lib/reporting/mod.ts";
import { chartSpec, studyFigureSpecs } from "../lib/site/figures.ts";
import { SYNTHETIC } from "./_figure_specs.ts";
import { formatValue } from "../web/components/format.ts";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = new URL("../web/.screenshots/", import.meta.url).pathname;
const present = await Deno.stat(CHROMIUM).then(() => true, () => false);
if (!present && Deno.env.get("CI") === "true") {
  throw new Error(`${CHROMIUM} is absent under CI: .ci/run installs Debian's chromium`);
}
if (!present) {
  console.warn(`web_browser_test: ${CHROMIUM} is absent; the browser tests are skipped`);
}

/** A minimal DevTools-protocol client: one browser, one page session. */
class HeadlessBrowser {
  #socket: WebSocket;
  #next = 1;
  #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #listeners = new Set<(method: string, params: Record<string, unknown>) => void>();
  session = "";
  readonly errors: string[] = [];

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id !== undefined) {
        const waiter = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error) {
          waiter?.reject(new Error(`${message.error.message} (${message.error.code})`));
        } else waiter?.resolve(message.result);
      } else {
        if (message.method === "Runtime.exceptionThrown") {
          this.errors.push(
            JSON.stringify(
              message.params.exceptionDetails.exception?.description ??
                message.params.exceptionDetails.text,
            ),
          );
        }
        if (message.method === "Log.entryAdded" && message.params.entry.level === "error") {
          this.errors.push(`${message.params.entry.text} ${message.params.entry.url ?? ""}`);
        }
        for (const listener of this.#listeners) listener(message.method, message.params);
      }
    };
  }

  static async open(url: string): Promise<HeadlessBrowser> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = () => reject(new Error(`cannot connect to ${url}`));
    });
    const browser = new HeadlessBrowser(socket);
    const { targetId } = await browser.send(
      "Target.createTarget",
      { url: "about:blank" },
      false,
    ) as { targetId: string };
    const { sessionId } = await browser.send(
      "Target.attachToTarget",
      { targetId, flatten: true },
      false,
    ) as { sessionId: string };
    browser.session = sessionId;
    for (const domain of ["Page", "Runtime", "Log"]) await browser.send(`${domain}.enable`);
    await browser.send("Emulation.setDeviceMetricsOverride", {
      width: 1280,
      height: 1000,
      deviceScaleFactor: 1,
      mobile: false,
    });
    return browser;
  }

  send(method: string, params: Record<string, unknown> = {}, inSession = true): Promise<unknown> {
    const id = this.#next++;
    this.#socket.send(
      JSON.stringify({ id, method, params, ...(inSession ? { sessionId: this.session } : {}) }),
    );
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  /** Resolves at the page's load event after `action` (a navigation or a click). */
  async load(action: () => Promise<unknown>): Promise<void> {
    let done!: () => void;
    const loaded = new Promise<void>((resolve) => (done = resolve));
    const listener = (method: string) => method === "Page.loadEventFired" && done();
    this.#listeners.add(listener);
    try {
      await action();
      await Promise.race([
        loaded,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error("page did not load in 15 s")), 15_000)
        ),
      ]);
    } finally {
      this.#listeners.delete(listener);
    }
  }

  goto(url: string): Promise<void> {
    return this.load(() => this.send("Page.navigate", { url }));
  }

  async evaluate<T>(expression: string): Promise<T> {
    const result = await this.send("Runtime.evaluate", {
      expression,
      awaitPromise: true,
      returnByValue: true,
    }) as {
      result: { value: T };
      exceptionDetails?: { text: string };
    };
    if (result.exceptionDetails) {
      throw new Error(`evaluate: ${result.exceptionDetails.text}: ${expression}`);
    }
    return result.result.value;
  }

  /** The viewport: `width` CSS pixels wide (a phone at 390), `mobile` emulating touch layout. */
  async viewport(width: number, height = 1000, mobile = false): Promise<void> {
    await this.send("Emulation.setDeviceMetricsOverride", {
      width,
      height,
      deviceScaleFactor: 1,
      mobile,
    });
  }

  async screenshot(path: string): Promise<void> {
    const { data } = await this.send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
    }) as { data: string };
    await Deno.writeFile(path, Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  }

  close(): void {
    this.#socket.close();
  }
}

async function launch(): Promise<{ child: Deno.ChildProcess; url: string; profile: string }> {
  const profile = await Deno.makeTempDir({ prefix: "topolearn-chromium-" });
  const child = new Deno.Command(CHROMIUM, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      `--user-data-dir=${profile}`,
      "--remote-debugging-address=127.0.0.1",
      "--remote-debugging-port=0",
      "about:blank",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
    const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
    if (match) {
      // keep draining stderr so that chromium never blocks on a full pipe
      (async () => {
        while (!(await reader.read().catch(() => ({ done: true }))).done) { /* drain */ }
      })();
      return { child, url: match[1], profile };
    }
  }
  child.kill();
  throw new Error(`chromium did not start:\n${text}`);
}

/** Waits for every chart canvas to be drawn, then counts each one's painted pixels. */
const PAINTED = `(async () => {
  const canvases = [...document.querySelectorAll("[data-island=Chart] canvas")];
  for (let k = 0; k < 100 && !canvases.every((c) => c.dataset.drawn); k++) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return canvases.map((canvas) => {
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
    const figure = canvas.closest("figure");
    const props = JSON.parse(canvas.closest("[data-island]").dataset.props);
    return {
      id: figure.id,
      kind: figure.dataset.kind,
      drawn,
      datasets: Number(canvas.dataset.datasets),
      overlays: Number(canvas.dataset.overlays),
      annotations: Number(canvas.dataset.annotations),
      expectedOverlays: props.overlays,
      colourBar: figure.querySelector(".colour-bar .colour-bar-label")?.textContent ?? null,
      colourBarScale: figure.querySelector(".colour-bar .colour-bar-scale")?.getBoundingClientRect().height ?? 0,
      colourBarExpected: props.heatmap?.colorBar ?? null,
      series: props.series.length,
    };
  });
})()`;

interface Painted {
  id: string;
  kind: string;
  drawn: number;
  datasets: number;
  overlays: number;
  annotations: number;
  expectedOverlays: number;
  colourBar: string | null;
  colourBarScale: number;
  colourBarExpected: string | null;
  series: number;
}

function assertPainted(where: string, figures: readonly Painted[]): void {
  assert(figures.length > 0, `${where}: no chart`);
  for (const figure of figures) {
    const name = `${where}/${figure.id}`;
    assert(figure.drawn > 2000, `${name}: ${figure.drawn} painted pixels`);
    assert(figure.datasets >= figure.series, `${name}: ${figure.datasets} datasets`);
    assert.equal(figure.overlays, figure.expectedOverlays, `${name}: overlays`);
    if (figure.kind === "heatmap") {
      assert.equal(figure.colourBar, figure.colourBarExpected, `${name}: colour bar label`);
      assert(figure.colourBarScale > 100, `${name}: colour bar ${figure.colourBarScale} px tall`);
    }
  }
}

Deno.test({
  name: "browser: boards, every figure kind, 390 px layout, versions, no console errors",
  ignore: !present,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const { root, site, base, close } = await siteFixture();
    const chromium = await launch();
    const browser = await HeadlessBrowser.open(chromium.url);
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    const profile = site.data.versions[0].profiles[0];
    try {
      await t.step("home: key findings first, boards match leaderboard.json", async () => {
        await browser.goto(`${base}/`);
        const page = await browser.evaluate<{
          firstSection: string;
          findings: number;
          claims: number;
          hero: boolean;
          boards: Record<
            string,
            Array<
              { architecture: string; rank: string; seeds: string; score: string; records: number }
            >
          >;
          counted: Record<string, string>;
        }>(`({
          firstSection: document.querySelector("main section").id,
          findings: document.querySelectorAll(".key-findings li[data-finding]").length,
          claims: document.querySelectorAll("#claims li[data-verdict]").length,
          hero: !!document.querySelector(".key-findings .hero [data-island=Chart] canvas"),
          counted: Object.fromEntries([...document.querySelectorAll("table.board")].map((t) => [t.dataset.study, t.querySelector("thead th.seeds").textContent])),
          boards: Object.fromEntries([...document.querySelectorAll("table.board")].map((table) => [
            table.dataset.study,
            [...table.querySelectorAll("tbody tr[data-architecture]")].map((row) => ({
              architecture: row.dataset.architecture,
              rank: row.querySelector(".rank").textContent,
              seeds: row.querySelector(".seeds").textContent,
              score: row.querySelector(".score").textContent,
              records: row.querySelectorAll(".records a").length,
            })),
          ])),
        })`);
        assert.equal(page.firstSection, "key-findings");
        assert(page.findings >= 3 && page.findings <= 4, `${page.findings} findings`);
        assert.equal(page.claims, 8, "the paper's four claims and the suite's four");
        assert(page.hero, "no hero figure");
        const studies = profile.boards.map((board) => board.study);
        assert.deepEqual(Object.keys(page.boards).sort(), [...studies].sort());
        // The check ranked from exact weights comes after the learned boards.
        assert.equal(Object.keys(page.boards).at(-1), "expressivity");
        assert.equal(page.counted.expressivity, "datasets");
        assert.equal(page.counted.trainability, "seeds");
        for (const study of studies) {
          const board = JSON.parse(
            await Deno.readTextFile(join(root, SUITE_VERSION, "quick", study, "leaderboard.json")),
          ) as Leaderboard;
          const shared = (rank: number) =>
            board.entries.filter((entry) => entry.rank === rank).length > 1;
          const learned = board.entries.filter((entry) => !isReference(entry));
          const references = board.entries.filter(isReference);
          assert.deepEqual(
            page.boards[study],
            [...learned, ...references].map((entry) => {
              const interval = entryInterval(entry);
              return {
                architecture: entry.architecture,
                rank: shared(entry.rank) ? `=${entry.rank}` : String(entry.rank),
                seeds: String(entry.values.length),
                score: `${formatValue(entry.mean)} ${
                  interval ? `[${formatValue(interval[0])}, ${formatValue(interval[1])}]` : "[–]"
                }`,
                records: entry.values.length,
              };
            }),
            study,
          );
        }
        assertPainted("home", await browser.evaluate<Painted[]>(PAINTED));
        await browser.screenshot(join(SCREENSHOTS, "home-desktop.png"));
      });
      await t.step(
        "each study's chart islands draw; heatmaps carry a colour bar and boundaries",
        async () => {
          const kinds = new Set<string>();
          for (const board of profile.boards) {
            const figures = studyFigureSpecs(board.study, board.records);
            if (figures.length === 0) continue;
            await browser.goto(`${base}/v/${SUITE_VERSION}/quick/${board.study}/`);
            const painted = await browser.evaluate<Painted[]>(PAINTED);
            assert.equal(painted.length, figures.length, board.study);
            assertPainted(board.study, painted);
            for (const figure of painted) kinds.add(figure.kind);
            if (board.study === "phase-diagram") {
              assert(painted.some((figure) => figure.kind === "heatmap" && figure.overlays > 0));
              await browser.screenshot(join(SCREENSHOTS, "phase-diagram-desktop.png"));
            }
            if (board.study === "trainability") {
              await browser.screenshot(join(SCREENSHOTS, "study-trainability-desktop.png"));
            }
          }
          assert(kinds.has("line") && kinds.has("heatmap"), [...kinds].join(", "));
        },
      );
      await t.step(
        "every field of a figure spec draws: bands, thin curves, error bars, log axis, annotations, overlays",
        async () => {
          await browser.goto(`${base}/versions/`);
          const specs = SYNTHETIC.map(chartSpec);
          await browser.evaluate(`(async () => {
          const main = document.querySelector("main");
          main.innerHTML = "";
          for (const props of ${JSON.stringify(specs)}) {
            const element = document.createElement("div");
            element.dataset.island = "Chart";
            element.dataset.props = JSON.stringify(props);
            main.append(element);
          }
          await import("/static/islands/Chart.js");
        })()`);
          const painted = await browser.evaluate<Painted[]>(PAINTED);
          assert.deepEqual(painted.map((figure) => figure.id), SYNTHETIC.map((spec) => spec.id));
          assertPainted("synthetic", painted);
          const [line, strip, heat] = painted;
          // line: 5 series, the median's band as two helper datasets; two annotation lines
          assert.equal(line.datasets, 5 + 2);
          assert.equal(line.annotations, 2);
          assert.equal(strip.datasets, 2);
          // heatmap: the grid, then the two boundaries
          assert.equal(heat.datasets, 1 + 2);
          assert.equal(heat.overlays, 2);
          assert.equal(heat.colourBar, "fraction labelled topological");
          await browser.screenshot(join(SCREENSHOTS, "figure-kinds-desktop.png"));
          await browser.viewport(390, 844, true);
          // chart.js resizes on its ResizeObserver: let it settle before the picture.
          await browser.evaluate(`new Promise((r) => setTimeout(r, 300))`);
          assert.equal(
            await browser.evaluate<number>(`document.documentElement.scrollWidth`),
            390,
            "the figures page scrolls sideways at 390 px",
          );
          await browser.screenshot(join(SCREENSHOTS, "figure-kinds-390.png"));
          await browser.viewport(1280);
        },
      );
      await t.step(
        "at 390 px the score column is in view and the first two columns stay",
        async () => {
          await browser.viewport(390, 844, true);
          for (
            const [path, name] of [
              ["/", "home"],
              [`/v/${SUITE_VERSION}/quick/trainability/`, "study-trainability"],
              [`/v/${SUITE_VERSION}/quick/phase-diagram/`, "phase-diagram"],
            ]
          ) {
            await browser.goto(`${base}${path}`);
            const layout = await browser.evaluate<
              Array<
                {
                  study: string;
                  scoreLeft: number;
                  scoreRight: number;
                  rankLeft: number;
                  archLeft: number;
                  width: number;
                }
              >
            >(`[...document.querySelectorAll("table.board")].map((table) => {
            const wrap = table.closest(".table-wrap");
            const row = table.querySelector("tbody tr[data-architecture]");
            const score = row.querySelector(".score").getBoundingClientRect();
            wrap.scrollLeft = wrap.scrollWidth;
            const rank = row.querySelector(".rank").getBoundingClientRect();
            const arch = row.querySelector(".architecture").getBoundingClientRect();
            const out = { study: table.dataset.study, scoreLeft: score.left, scoreRight: score.right,
              rankLeft: rank.left - wrap.getBoundingClientRect().left, archLeft: arch.left - rank.right,
              width: document.documentElement.clientWidth };
            wrap.scrollLeft = 0;
            return out;
          })`);
            for (const board of layout) {
              assert.equal(board.width, 390);
              assert(
                board.scoreLeft >= 0 && board.scoreRight <= 390,
                `${name}/${board.study}: score at ${board.scoreLeft}–${board.scoreRight} px`,
              );
              assert(Math.abs(board.rankLeft) < 1, `${name}/${board.study}: rank scrolled away`);
              assert(
                Math.abs(board.archLeft) < 2,
                `${name}/${board.study}: architecture ${board.archLeft} px from the rank`,
              );
            }
            const overflow = await browser.evaluate<number>(
              `document.documentElement.scrollWidth - document.documentElement.clientWidth`,
            );
            assert(overflow <= 0, `${name}: the page scrolls sideways by ${overflow} px`);
            if (path !== "/") {
              assertPainted(`${name} at 390 px`, await browser.evaluate<Painted[]>(PAINTED));
            }
            await browser.screenshot(join(SCREENSHOTS, `${name}-390.png`));
          }
          await browser.viewport(1280);
        },
      );
      await t.step("a sortable table sorts on a header click", async () => {
        await browser.goto(`${base}/v/${SUITE_VERSION}/quick/disorder/`);
        const names = await browser.evaluate<string[]>(`(async () => {
          const table = document.querySelector("#board");
          for (let k = 0; k < 100 && !table.querySelector("button").onclick && !table.closest("[data-island]").__k; k++) await new Promise((r) => setTimeout(r, 50));
          table.querySelectorAll("thead button")[1].click();
          await new Promise((r) => setTimeout(r, 100));
          return [...table.querySelectorAll("tbody tr td:nth-child(2)")].map((td) => td.textContent);
        })()`);
        assert.deepEqual(names, [...names].sort());
        assert.notDeepEqual(
          names,
          profile.boards.find((b) => b.study === "disorder")!.leaderboard
            .entries.map((e) => e.architecture),
        );
      });
      await t.step(
        "the versions page: dates, commits, changes, superseded marks, citations",
        async () => {
          await browser.goto(`${base}/versions/`);
          const rows = await browser.evaluate<
            Array<
              {
                version: string;
                date: string;
                commit: string;
                why: string;
                superseded: string | null;
                cite: boolean;
              }
            >
          >(`[...document.querySelectorAll(".versions-table tbody tr")].map((row) => ({
          version: row.dataset.version,
          date: row.querySelector(".date").textContent,
          commit: row.querySelector(".commit").textContent,
          why: row.querySelector(".why").textContent,
          superseded: row.querySelector(".badge.superseded")?.textContent ?? null,
          cite: !!document.querySelector('#cite-' + row.dataset.version.replaceAll(".", "\\\\.") + ' pre.bibtex'),
        }))`);
          const [current, old] = [site.data.versions[0].version, site.data.versions[1].version];
          assert.deepEqual(rows.map((row) => row.version), [current, old]);
          for (const row of rows) {
            assert.match(row.date, /^\d{4}-\d{2}-\d{2}$/, row.version);
            assert.match(row.commit, /^[0-9a-f]{12}/, row.version);
            assert(row.cite, `${row.version}: no citation`);
          }
          assert.equal(rows[0].superseded, null);
          assert.equal(rows[1].superseded, `superseded by ${current}`);
          await browser.screenshot(join(SCREENSHOTS, "versions-desktop.png"));
        },
      );
      await t.step("the version selector navigates to the older version", async () => {
        await browser.goto(`${base}/`);
        const old = site.data.versions[1].version;
        await browser.load(() =>
          browser.evaluate(
            `document.querySelector('nav.versions a[data-version="${old}"]').click()`,
          )
        );
        const state = await browser.evaluate<{ path: string; heading: string; current: string }>(`({
          path: location.pathname,
          heading: document.querySelector("h1").textContent,
          current: document.querySelector('nav.versions a[aria-current="page"]').dataset.version,
        })`);
        assert.equal(state.path, `/v/${old}/`);
        assert.match(state.heading, new RegExp(old.replace(/\./g, "\\.")));
        assert.equal(state.current, old);
      });
      await t.step("REPORT.md as a page: key findings first, its figures load", async () => {
        await browser.goto(`${base}/v/${SUITE_VERSION}/quick/report/`);
        const report = await browser.evaluate<{ first: string; images: number; broken: number }>(
          `(async () => {
          const images = [...document.querySelectorAll("article.report img")];
          await Promise.all(images.map((img) => img.complete ? null : new Promise((r) => { img.onload = r; img.onerror = r; })));
          return {
            first: document.querySelector("article.report h2").textContent,
            images: images.length,
            broken: images.filter((img) => img.naturalWidth === 0).length,
          };
        })()`,
        );
        assert.equal(report.first, "Key findings");
        assert(report.images > 3, `${report.images} images`);
        assert.equal(report.broken, 0);
      });
      await t.step("no script errors and no CSP violations", () => {
        assert.deepEqual(browser.errors, []);
      });
    } finally {
      browser.close();
      chromium.child.kill();
      await chromium.child.status;
      await close();
      await Deno.remove(chromium.profile, { recursive: true }).catch(() => {});
    }
  },
});
