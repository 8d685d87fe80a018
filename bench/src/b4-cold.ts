// B4's cold measure: the first request after a write, when what the API keeps is stale; and the
// figures a load measures.

/** The assessment year B4 serves. */
export const YEAR = 2025;

/** What a load of requests measured. */
export interface Load {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

/** What a cold write names: the county, one of its townships and one of its departments. */
export interface ColdTarget {
  readonly countyCode: string;
  readonly unit: { readonly townshipCode: string; readonly departmentCode: string };
}

/**
 * A push-down report (S5) — through the API (an inspector may report one), or for the baseline the
 * same row inserted in plain SQL: a write that moves the county's revision.
 */
export function pushDownWrite(seeded: ColdTarget, api: boolean): (round: number) => string {
  const query = `mutation ($reports: [PushDownReportInput!]!) { reportPushDowns(countyCode: "${seeded.countyCode}", reports: $reports) { __typename } }`;
  return (round) => {
    const report = {
      id: `B4-COLD-${api ? "API" : "BASE"}-${Date.now()}-${round}`,
      ...seeded.unit,
      date: `${YEAR}-06-0${(round % 9) + 1}`,
      matter: "迎检材料报送",
    };
    return JSON.stringify(api ? { query, variables: { reports: [report] } } : { kind: "write", ...report });
  };
}

/**
 * Posts one request and checks its answer: a refusal (errors) or a domain error (problems) is not
 * the work being measured, and being fast it would flatter — so it stops the benchmark.
 * @example await post(url, token, "/graphql", body)
 */
export async function post(url: string, token: string | null, path: string, body: string): Promise<void> {
  const response = await fetch(`${url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body,
  });
  const answer = (await response.json()) as { errors?: unknown };
  if (!response.ok || answer.errors !== undefined || JSON.stringify(answer).includes('"problems"'))
    throw new Error(`B4: ${url}${path} answered ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
}

/**
 * The facts page as the first request after a write (the figures kept are stale and recomputed),
 * one request at a time, `rounds` times: the median is the figure. The write goes to the same
 * server and path as the facts.
 */
export async function coldFacts(
  url: string,
  token: string | null,
  path: string,
  facts: string,
  write: (round: number) => string,
  rounds: number,
): Promise<Load> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await post(url, token, path, write(round));
    const started = performance.now();
    await post(url, token, path, facts);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  return {
    requestsPerSecond: 1000 / Math.max(median, 1e-9),
    p50: Math.round(median),
    p99: Math.round(times.at(-1) ?? 0),
    errors: 0,
  };
}
