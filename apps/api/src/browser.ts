import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createLocalSigningKey,
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  LOCAL_ISSUER,
  mintToken,
} from "@dutylist/auth";
import type { Actor } from "@dutylist/core";
import type { Database } from "@dutylist/store";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { type ApiOptions, createApi } from "./yoga.ts";

// For browser tests: the API listening on 127.0.0.1, and a headless Chromium (Debian's, never a
// downloaded one) whose pages may reach nothing but that server — every other request is
// aborted and remembered, so a test can assert the page tried none.

/** Where Chromium is looked for when CHROMIUM_PATH is not set (Debian's `chromium` package). */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** Generous limits for a loaded 2-core machine: a browser start, a page load, a CDP call. */
export const BROWSER_TIMEOUT_MS = 120_000;

/**
 * The Chromium binary to drive: CHROMIUM_PATH, else /usr/bin/chromium; a clear error naming both
 * fixes when neither is there.
 * @example await chromiumPath() // "/usr/bin/chromium"
 */
export async function chromiumPath(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = env.CHROMIUM_PATH?.trim() || DEFAULT_CHROMIUM_PATH;
  try {
    await access(path, constants.X_OK);
    return path;
  } catch {
    throw new Error(
      `Chromium not found at ${path}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary. The browser tests need it (CI installs it).`,
    );
  }
}

/**
 * A headless Chromium for tests: `--no-sandbox` only when running as root (Chromium refuses to
 * start sandboxed as root), long timeouts. Close it in `afterAll`.
 * @example const browser = await launchBrowser(); … await browser.close();
 */
export async function launchBrowser(): Promise<Browser> {
  const root = process.getuid?.() === 0;
  return puppeteer.launch({
    executablePath: await chromiumPath(),
    headless: true,
    timeout: BROWSER_TIMEOUT_MS,
    protocolTimeout: BROWSER_TIMEOUT_MS,
    args: [
      ...(root ? ["--no-sandbox"] : []),
      "--disable-gpu",
      "--disable-dev-shm-usage",
      // Nothing of Chromium's own reaches out either (updates, safe browsing, field trials).
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** A page that may only reach 127.0.0.1, and the requests it was refused. */
export interface OfflinePage {
  readonly page: Page;
  /** Every request the page attempted to anywhere but 127.0.0.1, aborted. */
  readonly blocked: string[];
  /** Every request it made to 127.0.0.1, `METHOD url`. */
  readonly local: string[];
}

/** Schemes that never leave the page: inline data, blobs (GraphiQL's editor workers), about:. */
const IN_PAGE = new Set(["data:", "blob:", "about:"]);

/**
 * A new page whose every request is intercepted: to 127.0.0.1 (and in-page data or blob URLs) it
 * goes on; anywhere else it is aborted and listed in `blocked`.
 * @example const { page, blocked } = await offlinePage(browser); await page.goto(url); expect(blocked).toEqual([]);
 */
export async function offlinePage(browser: Browser): Promise<OfflinePage> {
  const page = await browser.newPage();
  page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(BROWSER_TIMEOUT_MS);
  const blocked: string[] = [];
  const local: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (IN_PAGE.has(url.protocol)) {
      void request.continue();
    } else if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname === "127.0.0.1") {
      local.push(`${request.method()} ${request.url()}`);
      void request.continue();
    } else {
      blocked.push(request.url());
      void request.abort("blockedbyclient");
    }
  });
  return { page, blocked, local };
}

/** The API listening on 127.0.0.1 for a browser, with a key to sign tokens for any actor. */
export interface ListeningApi {
  /** e.g. `http://127.0.0.1:41234` */
  readonly origin: string;
  tokenFor(actor: Actor): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the API over `db` on 127.0.0.1 on a free port, with a fresh local signing key.
 * @example const api = await listenOnLoopback(db); await page.goto(`${api.origin}/graphql`); await api.close();
 */
export async function listenOnLoopback(
  db: Database,
  options: Omit<ApiOptions, "verifier"> = {},
): Promise<ListeningApi> {
  const key = await createLocalSigningKey();
  const verifier = await createTokenVerifier({
    keys: { kind: "LOCAL", key },
    audience: DEFAULT_AUDIENCE,
    issuer: LOCAL_ISSUER,
  });
  const server: Server = createServer(createApi(db, { ...options, verifier }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    tokenFor: (actor) => mintToken(key, actor),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
