// Browser tests in headless Chromium (Debian's `chromium`), driven over the DevTools protocol
// on a WebSocket. They skip, saying so, only where /usr/bin/chromium is absent outside CI; under
// CI (which installs it) an absent browser is a failure.
import assert from "node:assert/strict";
import { join } from "node:path";
import { SUITE_VERSION } from "../lib/version.ts";
import { siteFixture } from "./_site_fixture.ts";

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

Deno.test({
  name: "browser: boards match leaderboard.json, charts draw, the version selector navigates",
  ignore: !present,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const { root, site, base, close } = await siteFixture();
    const chromium = await launch();
    const browser = await HeadlessBrowser.open(chromium.url);
    await Deno.mkdir(SCREENSHOTS, { recursive: true });
    try {
      await t.step("the home board's rows match leaderboard.json", async () => {
        await browser.goto(`${base}/`);
        const boards = await browser.evaluate<
          Record<
            string,
            Array<
              { architecture: string; rank: string; seeds: string; score: string; records: number }
            >
          >
        >(`
          Object.fromEntries([...document.querySelectorAll("table.board")].map((table) => [
            table.dataset.study,
            [...table.querySelectorAll("tbody tr[data-architecture]")].map((row) => ({
              architecture: row.dataset.architecture,
              rank: row.querySelector(".rank").textContent,
              seeds: row.querySelector(".seeds").textContent,
              score: row.querySelector(".score").textContent,
              records: row.querySelectorAll(".records a").length,
            })),
          ]))`);
        const studies = site.data.versions[0].profiles[0].boards.map((board) => board.study);
        assert.deepEqual(Object.keys(boards), studies);
        const format = (
          v: number,
        ) => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toFixed(3));
        for (const study of studies) {
          const board = JSON.parse(
            await Deno.readTextFile(join(root, SUITE_VERSION, "quick", study, "leaderboard.json")),
          );
          assert.deepEqual(
            boards[study],
            board.entries.map((
              e: {
                architecture: string;
                rank: number;
                seeds: number;
                mean: number;
                std: number;
                values: unknown[];
              },
            ) => ({
              architecture: e.architecture,
              rank: String(e.rank),
              seeds: String(e.seeds),
              score: `${format(e.mean)} ± ${format(e.std)}`,
              records: e.values.length,
            })),
            study,
          );
        }
        assert.equal(await browser.evaluate<number>(`document.scripts.length`), 0);
        await browser.screenshot(join(SCREENSHOTS, "home.png"));
      });
      await t.step("each chart island draws a non-empty canvas", async () => {
        for (
          const study of [
            "trainability",
            "disorder",
            "size",
            "winding",
            "stress",
            "interpretability",
            "phase-diagram",
          ]
        ) {
          await browser.goto(`${base}/v/${SUITE_VERSION}/quick/${study}/`);
          const counts = await browser.evaluate<Array<{ id: string; drawn: number }>>(
            `(async () => {
            const canvases = [...document.querySelectorAll("[data-island=Chart] canvas")];
            for (let k = 0; k < 100 && !canvases.every((c) => c.dataset.drawn); k++) await new Promise((r) => setTimeout(r, 50));
            await new Promise((r) => requestAnimationFrame(() => r()));
            return canvases.map((canvas) => {
              const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
              let drawn = 0;
              for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
              return { id: canvas.closest("figure").id, drawn };
            });
          })()`,
          );
          assert(counts.length > 0, `${study}: no chart`);
          for (const { id, drawn } of counts) {
            assert(drawn > 2000, `${study}/${id}: ${drawn} painted pixels`);
          }
          if (study === "trainability") {
            await browser.screenshot(join(SCREENSHOTS, "study-trainability.png"));
          }
        }
      });
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
          site.data.versions[0].profiles[0].boards.find((b) => b.study === "disorder")!.leaderboard
            .entries.map((e) => e.architecture),
        );
      });
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
