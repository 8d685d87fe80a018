import { type Database, openDatabase } from "@dutylist/store";
import { resetDatabase, testDatabaseTarget } from "@dutylist/store/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCounty } from "./demo-data.ts";
import { MAX_STRING_LENGTH } from "./string-arguments.ts";
import { createTestApi, type TestApi } from "./test-api.ts";

// Finding 7: a NUL character or a lone UTF-16 surrogate in a string argument cannot be stored
// (PostgreSQL text refuses NUL; a lone surrogate is not UTF-8) and came back as a masked
// "Unexpected error." naming nothing. Every string argument and input field is checked before
// execution, and the error names the field's path; nothing is written.

let db: Database;
let api: TestApi;

beforeAll(async () => {
  db = await openDatabase(await testDatabaseTarget("api_string_arguments"));
  await resetDatabase(db);
  await ensureDemoCounty(db);
  api = await createTestApi(db);
});
afterAll(async () => {
  await db?.close();
});

interface Answer {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: Record<string, unknown> }[];
}

async function send(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await api.fetch("http://127.0.0.1/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

const RECORD = `mutation ($input: FailureCaseInput!) { recordFailureCase(countyCode: "QX", input: $input) { __typename } }`;
const WHISTLES = `mutation ($w: [WhistleRequestInput!]!) { addWhistleRequests(countyCode: "QX", whistles: $w) { __typename } }`;

const whistle = (id: string) => ({
  id,
  townshipCode: "QX-CG",
  departmentCode: "ZJJ",
  itemCode: "PA-002",
  raisedOn: "2025-05-10",
  timeLimitDays: 3,
});

/** The one error of an answer, with nothing executed. */
function refusal(answer: Answer): { message: string; extensions?: Record<string, unknown> } {
  expect(answer.data ?? null).toBeNull();
  expect(answer.errors).toHaveLength(1);
  const [error] = answer.errors ?? [];
  if (error === undefined) throw new Error("no error");
  return error;
}

describe("string arguments that cannot be stored are refused, naming the field", () => {
  const cases: readonly [string, () => Promise<Answer>, string, string][] = [
    [
      "NUL in a variable's input field",
      () => send(RECORD, { input: { townshipCode: "QX-CG", date: "2025-05-10", matter: "扬尘\u0000检查" } }),
      "recordFailureCase.input.matter",
      "NUL",
    ],
    [
      "NUL in a literal argument",
      () =>
        send(
          `mutation { recordFailureCase(countyCode: "QX", input: { townshipCode: "QX-CG", date: "2025-05-10", matter: "a\\u0000b" }) { __typename } }`,
        ),
      "recordFailureCase.input.matter",
      "NUL",
    ],
    [
      "a lone surrogate in the fourth record of a batch",
      () => send(WHISTLES, { w: [whistle("W-1"), whistle("W-2"), whistle("W-3"), whistle("W-\ud800")] }),
      "addWhistleRequests.whistles[3].id",
      "U+D800",
    ],
    [
      "a lone surrogate in a list of strings nested in an input",
      () =>
        send(RECORD, {
          input: {
            townshipCode: "QX-CG",
            date: "2025-05-10",
            matter: "x",
            findings: { otherDepartments: ["ZJJ", "\udfff"] },
          },
        }),
      "recordFailureCase.input.findings.otherDepartments[1]",
      "U+DFFF",
    ],
    [
      "an over-long string",
      () =>
        send(RECORD, {
          input: { townshipCode: "QX-CG", date: "2025-05-10", matter: "长".repeat(MAX_STRING_LENGTH + 1) },
        }),
      "recordFailureCase.input.matter",
      String(MAX_STRING_LENGTH),
    ],
    [
      "NUL in a query's argument",
      () => send(`query ($c: String!) { county(code: $c) { name } }`, { c: "Q\u0000X" }),
      "county.code",
      "NUL",
    ],
  ];

  it.each(cases)("%s", async (_case, ask, field, says) => {
    const before = [await db.prisma.determination.count(), await db.prisma.whistleRequest.count()];
    const error = refusal(await ask());
    expect(error.message).toContain(field);
    expect(error.message).toContain(says);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect([await db.prisma.determination.count(), await db.prisma.whistleRequest.count()]).toEqual(before);
  });

  it("lets well-formed text through: CJK, emoji (surrogate pairs), line breaks", async () => {
    const answer = await send(RECORD, {
      input: { townshipCode: "QX-CG", date: "2025-05-10", matter: "扬尘检查 🚧\n第二行\t制表" },
    });
    expect(answer).toEqual({
      data: { recordFailureCase: { __typename: "MutationRecordFailureCaseSuccess" } },
    });
  });

  it("refuses a NUL in a download's parameter with 400 naming it", async () => {
    const response = await api.fetch(
      "http://127.0.0.1/export/determinations.csv?countyCode=QX&townshipCode=a%00b",
    );
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { parameter: string; message: string }[] };
    expect(errors).toEqual([{ parameter: "townshipCode", message: expect.stringContaining("NUL") }]);
  });
});
