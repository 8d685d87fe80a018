import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IsoDate } from "@dutylist/core";
import {
  type Database,
  type DatabaseTarget,
  openDatabase,
  saveAssessmentPlan,
  saveAssessmentRecords,
  saveCountyDataset,
} from "@dutylist/store";
import { resetDatabase } from "@dutylist/store/testing";
import autocannon from "autocannon";
import { scoredCounty } from "./b2-scoring.ts";
import { coldFacts, type Load, post, pushDownWrite, YEAR } from "./b4-cold.ts";
import { benchStamp } from "./bench-stamp.ts";
import { seededRandom, timingOf } from "./measure.ts";
import { type BenchResult, judged } from "./result.ts";

/** Sizes of B4, and where PostgreSQL is (PGlite when null). */
export interface B4Options {
  readonly townships: number;
  readonly seconds: number;
  /** Load before the measured load, per kind of request (JIT, caches). */
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly postgresUrl: string | null;
}

/** A question a client asks, as GraphQL for the API and as JSON for the baseline. */
interface Question {
  readonly graphql: string;
  readonly plain: string;
}

const DETERMINE = `query Determine($county: String!, $input: FailureCaseInput!) {
  determineResponsibility(countyCode: $county, input: $input) {
    ... on QueryDetermineResponsibilitySuccess {
      data { decisionId listType parties { party { kind code name } role ruleIds reason explanation } }
    }
    ... on DomainErrors { problems { code message } }
  }
}`;

const FACTS = `query Facts($county: String!, $year: Int!) {
  townshipScoreFacts(countyCode: $county, year: $year, first: 100) {
    ... on QueryTownshipScoreFactsSuccess {
      data { totalCount edges { node { townshipCode indicatorCode score scoreExact applicable recordCount excludedCount } } }
    }
  }
}`;

/** Starts a B4 server (`b4-server.ts`) in a process of its own; resolves with its URL. */
async function startServer(
  mode: "api" | "baseline",
  target: DatabaseTarget,
  countyCode: string,
): Promise<{ url: string; token: string | null; stop: () => Promise<void> }> {
  const script = join(import.meta.dirname, "b4-server.ts");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", script, mode, JSON.stringify(target), countyCode],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const [url, token] = await new Promise<[string, string | null]>((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = /LISTENING (\S+) TOKEN (\S+)\n/.exec(seen);
      if (match?.[1] !== undefined && match[2] !== undefined)
        resolve([match[1], match[2] === "-" ? null : match[2]]);
    });
    child.once("exit", (code) => reject(new Error(`B4: the ${mode} server exited (${code})`)));
  });
  return {
    url,
    token,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function load(
  url: string,
  token: string | null,
  path: string,
  bodies: readonly string[],
  options: B4Options,
): Promise<Load> {
  let next = 0;
  const result = await autocannon({
    url: `${url}${path}`,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: "POST",
        // The API's requests carry the bearer token it verifies on each (authentication on).
        headers: {
          "content-type": "application/json",
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] ?? "" }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

interface Seeded {
  readonly countyCode: string;
  /** A township and a department of the county: what the writes before a cold request name. */
  readonly unit: { readonly townshipCode: string; readonly departmentCode: string };
  readonly determine: readonly Question[];
  readonly facts: Question;
  readonly records: number;
}

async function seed(db: Database, townships: number): Promise<Seeded> {
  await resetDatabase(db);
  const county = scoredCounty(townships, 400);
  const countyCode = county.dataset.county.code;
  await saveCountyDataset(
    db,
    county.dataset,
    benchStamp("b4:county", { countyCode: county.dataset.county.code }),
  );
  const plan = await saveAssessmentPlan(db, county.plan, benchStamp("b4:plan", { planId: county.plan.id }));
  if (!plan.ok) throw new Error(`B4: ${plan.errors[0].message}`);
  const saved = await saveAssessmentRecords(
    db,
    countyCode,
    county.records,
    benchStamp("b4:records", { countyCode: countyCode }),
  );
  if (!saved.ok) throw new Error(`B4: ${saved.errors[0].message}`);
  // Fresh statistics, as autovacuum would gather them: without, the analyst's join is planned on
  // empty-table estimates and runs for minutes.
  await db.read("ANALYZE", []);
  const random = seededRandom(404);
  const determine: Question[] = [];
  for (let n = 0; n < 200; n++) {
    const entry = county.dataset.entries[Math.floor(random() * county.dataset.entries.length)];
    if (entry === undefined) continue;
    const date = new Date(Date.UTC(YEAR, 0, 1 + Math.floor(random() * 365)))
      .toISOString()
      .slice(0, 10) as IsoDate;
    const input = {
      townshipCode: entry.townshipCode,
      date,
      itemCode: entry.itemCode,
      findings: { townshipAtFault: true, withinCooperationContent: n % 2 === 0 },
    };
    determine.push({
      graphql: JSON.stringify({ query: DETERMINE, variables: { county: countyCode, input } }),
      plain: JSON.stringify({ kind: "determine", ...input }),
    });
  }
  return {
    countyCode,
    unit: {
      townshipCode: county.dataset.townships[0]?.code ?? "",
      departmentCode: county.dataset.departments[0]?.code ?? "",
    },
    determine,
    facts: {
      graphql: JSON.stringify({ query: FACTS, variables: { county: countyCode, year: YEAR } }),
      plain: JSON.stringify({ kind: "facts" }),
    },
    records: saved.value.performance,
  };
}

/** Runs `run` against a server of `mode`, then stops it (PGlite: one process holds the directory). */
async function withServer<T>(
  mode: "api" | "baseline",
  target: DatabaseTarget,
  countyCode: string,
  run: (url: string, token: string | null) => Promise<T>,
): Promise<T> {
  const server = await startServer(mode, target, countyCode);
  try {
    return await run(server.url, server.token);
  } finally {
    await server.stop();
  }
}

// The facts' baseline does the same work as the API and keeps it the same way.
const FACTS_BASELINE =
  "node:http handler: the analyst's SQL (records judged on the lists of their date, scored), kept by the county's revision";

function resultOf(
  id: string,
  title: string,
  size: string,
  engine: Load,
  baseline: Load,
  seconds: number,
  judge: { readonly target: number; readonly baselineName: string },
): BenchResult {
  // Timings here are milliseconds per request at the measured throughput (1000 ÷ requests/s).
  const perRequest = (l: Load) => timingOf([1000 / Math.max(l.requestsPerSecond, 1e-9)]);
  return judged({
    id,
    title,
    size,
    baselineName: judge.baselineName,
    engine: perRequest(engine),
    baseline: perRequest(baseline),
    ratio: engine.requestsPerSecond / baseline.requestsPerSecond,
    target: { op: ">=", value: judge.target },
    items: Math.round(engine.requestsPerSecond * seconds),
    unit: "requests",
    extra: {
      engineRequestsPerSecond: Math.round(engine.requestsPerSecond),
      baselineRequestsPerSecond: Math.round(baseline.requestsPerSecond),
      engineP50Ms: engine.p50,
      engineP99Ms: engine.p99,
      baselineP50Ms: baseline.p50,
      baselineP99Ms: baseline.p99,
      engineErrors: engine.errors,
      baselineErrors: baseline.errors,
    },
    notes: ["ratio is of throughput (requests/s); the ms columns are 1000 ÷ requests/s"],
  });
}

/**
 * B4: the GraphQL API under load on 127.0.0.1 (autocannon): `determineResponsibility` (200
 * questions in turn) and the first page of `townshipScoreFacts`, warm and as the first request
 * after a write, vs a minimal node:http handler answering the same questions in plain SQL on the
 * same database (the entry in force; the analyst's judging and scoring statement, kept by the
 * county's revision as the API keeps its figures) — on PGlite, and on PostgreSQL when a server is
 * given.
 */
export async function runB4(options: B4Options, log: (line: string) => void): Promise<BenchResult[]> {
  const results = await runB4On("pglite", null, options, log);
  if (options.postgresUrl !== null)
    results.push(...(await runB4On("postgres", options.postgresUrl, options, log)));
  return results;
}

/** B4 on one database: PGlite in a directory of its own, or the PostgreSQL at `url`. */
async function runB4On(
  name: "pglite" | "postgres",
  url: string | null,
  options: B4Options,
  log: (line: string) => void,
): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), "dutylist-b4-"));
  try {
    const target: DatabaseTarget =
      url === null ? { kind: "PGLITE", dataDir: join(dir, "pglite") } : { kind: "POSTGRES", url };
    const where = target.kind === "POSTGRES" ? "PostgreSQL" : "PGlite";
    log(`B4: storing a county of ${options.townships} townships on ${where}`);
    const db = await openDatabase(target);
    let seeded: Seeded;
    try {
      seeded = await seed(db, options.townships);
    } finally {
      await db.close();
    }
    const size = `${options.townships} townships, ${seeded.records.toLocaleString("en")} records, ${where}, ${options.connections} connections × ${options.seconds} s`;
    const coldRounds = options.seconds >= 5 ? 5 : 2;
    log("B4: load on the API");
    const [apiDetermine, apiFacts, apiCold] = await measureServer("api", target, seeded, options, coldRounds);
    log("B4: load on the baseline");
    const [baseDetermine, baseFacts, baseCold] = await measureServer(
      "baseline",
      target,
      seeded,
      options,
      coldRounds,
    );
    return [
      resultOf(
        `B4-${name}-determine`,
        "API: determineResponsibility",
        size,
        apiDetermine,
        baseDetermine,
        options.seconds,
        { target: 0.5, baselineName: "node:http handler answering with one SQL query (the entry in force)" },
      ),
      resultOf(
        `B4-${name}-facts`,
        "API: a page of townshipScoreFacts, warm",
        size,
        apiFacts,
        baseFacts,
        options.seconds,
        { target: 1, baselineName: FACTS_BASELINE },
      ),
      resultOf(
        `B4-${name}-facts-cold`,
        "API: a page of townshipScoreFacts, the first request after a write",
        `${options.townships} townships, ${seeded.records.toLocaleString("en")} records, ${where}, one request at a time × ${coldRounds}`,
        apiCold,
        baseCold,
        0,
        { target: 0.5, baselineName: `${FACTS_BASELINE}; the first request after the same write` },
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The determinations' and the facts' load on one server, each after an untimed warm-up (a first
 * request of each kind loads the county, and scores the year, before the clock).
 */
async function loadBoth(
  url: string,
  token: string | null,
  path: string,
  determine: readonly string[],
  facts: string,
  options: B4Options,
): Promise<readonly [Awaited<ReturnType<typeof load>>, Awaited<ReturnType<typeof load>>]> {
  // One answer of each kind checked first: a refused or failed request is fast and would flatter.
  for (const body of [determine[0] ?? "", facts]) await post(url, token, path, body);
  const warmup = { ...options, seconds: options.warmupSeconds };
  await load(url, token, path, determine, warmup);
  await load(url, token, path, [facts], warmup);
  return [
    await load(url, token, path, determine, options),
    await load(url, token, path, [facts], options),
  ] as const;
}

/**
 * One server's figures: the determinations' and the facts' load, warm, then the facts cold — each
 * the first request after a write. Both servers keep their facts by the county's revision.
 */
function measureServer(
  mode: "api" | "baseline",
  target: DatabaseTarget,
  seeded: Seeded,
  options: B4Options,
  coldRounds: number,
): Promise<readonly [Load, Load, Load]> {
  const api = mode === "api";
  const path = api ? "/graphql" : "/";
  const facts = api ? seeded.facts.graphql : seeded.facts.plain;
  return withServer(mode, target, seeded.countyCode, async (url, token) => {
    const determine = seeded.determine.map((q) => (api ? q.graphql : q.plain));
    const [determined, warm] = await loadBoth(url, token, path, determine, facts, options);
    const cold = await coldFacts(url, token, path, facts, pushDownWrite(seeded, api), coldRounds);
    return [determined, warm, cold] as const;
  });
}
