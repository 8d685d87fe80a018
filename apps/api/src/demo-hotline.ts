import {
  type Actor,
  buildDirectory,
  buildListIndex,
  dispatchByLists,
  dispatchDesk,
  isoDate,
  unassignedDispatch,
} from "@dutylist/core";
import { demoCounty } from "@dutylist/core/testing";
import { HotlineMatcher, type HotlinePhrase } from "@dutylist/hotline";
import { demoOrders, demoPlaces, demoVocabulary } from "@dutylist/hotline/demo";
import {
  appendWhistleStep,
  type ChangeStamp,
  correctWorkOrder,
  type Database,
  loadHotlineData,
  raiseWhistle,
  saveHotlineData,
  saveWorkOrders,
} from "@dutylist/store";

/** The system actor the demo's hotline loader writes as. */
const LOADER: Actor = {
  subject: "local:demo-loader",
  name: "示范数据载入程序(系统)",
  role: "ADMINISTRATOR",
  countyCode: null,
  counties: [],
  townshipCode: null,
  departmentCode: null,
};

const stamp = (operation: string, args: unknown): ChangeStamp => ({
  actor: LOADER,
  operation,
  arguments: args,
});

/** 2026 whistles of the demo, at every stage of the loop (H2). */
const DEMO_WHISTLES = [
  {
    id: "QX-W-2026-01",
    townshipCode: "QX-BS",
    itemCode: "HJ-001",
    departmentCode: "STHJ",
    matter: "白沙老街饭馆油烟扰民,镇里劝导无效",
    raisedOn: "2026-03-02",
    steps: [
      ["REPORTED", "2026-03-04"],
      ["CLOSED", "2026-03-09"],
      ["CONFIRMED", "2026-03-10"],
    ],
  },
  {
    id: "QX-W-2026-02",
    townshipCode: "QX-TY",
    itemCode: "NY-001",
    departmentCode: "NYNCJ",
    matter: "马家村生猪春防疫苗未到位",
    raisedOn: "2026-03-20",
    steps: [
      ["REPORTED", "2026-03-27"],
      ["CLOSED", "2026-04-08"],
      ["CONFIRMED", "2026-04-09"],
    ],
  },
  {
    id: "QX-W-2026-03",
    townshipCode: "QX-SM",
    itemCode: "YJ-001",
    departmentCode: "YJGLJ",
    matter: "长岭村后山裂缝扩大,需专业排查",
    raisedOn: "2026-06-15",
    steps: [
      ["REPORTED", "2026-06-16"],
      ["CLOSED", "2026-06-20"],
      ["REOPENED", "2026-06-22"],
      ["CLOSED", "2026-06-30"],
      ["CONFIRMED", "2026-07-01"],
    ],
  },
  {
    id: "QX-W-2026-04",
    townshipCode: "QX-BS",
    itemCode: "SL-002",
    departmentCode: "ZRZYJ",
    matter: "河口村夜间非法采砂",
    raisedOn: "2026-08-05",
    steps: [
      ["REPORTED", "2026-08-06"],
      ["CLOSED", "2026-08-12"],
    ],
  },
  {
    id: "QX-W-2026-05",
    townshipCode: "QX-CG",
    itemCode: "CJ-005",
    departmentCode: "ZHZFJ",
    matter: "解放路夜市烧烤摊占道",
    raisedOn: "2026-09-10",
    steps: [],
  },
  // 河道保洁 is the township's own (basic) duty: this whistle counts against no department.
  {
    id: "QX-W-2026-06",
    townshipCode: "QX-TY",
    itemCode: "SL-001",
    departmentCode: "ZRZYJ",
    matter: "桃源村河段垃圾清理需支援",
    raisedOn: "2026-05-06",
    steps: [["REPORTED", "2026-05-08"]],
  },
] as const;

/**
 * The demo county's vocabulary, and the orders it handled before (written for training, never the
 * held-aside ones) as confirmed phrases the matcher learns from (H1).
 */
function demoPhrases(code: string): HotlinePhrase[] {
  const handled = demoOrders("extra").map((o) => ({
    countyCode: code,
    itemCode: o.expect.itemCode,
    phrase: o.text,
    source: "CONFIRMED" as const,
  }));
  return [...demoVocabulary(code), ...handled];
}

/**
 * Loads the demo county's hotline unless it is there: its vocabulary, orders handled before and gazetteer, the labelled
 * orders received and dispatched by the lists (the tune orders the machine got wrong corrected
 * by the desk, as an operator would), and the 2026 whistles at every stage of the loop.
 */
export async function ensureDemoHotline(db: Database): Promise<boolean> {
  const dataset = demoCounty();
  const code = dataset.county.code;
  if ((await loadHotlineData(db, code)).phrases.length > 0) return false;
  const phrases = demoPhrases(code);
  const places = demoPlaces(code);
  const saved = await saveHotlineData(
    db,
    code,
    { phrases, places },
    stamp("loadDemoHotline", { countyCode: code }),
  );
  if (!saved.ok) throw new Error(`demo hotline: ${saved.errors.map((e) => e.message).join("; ")}`);
  const matcher = new HotlineMatcher();
  matcher.addCounty(dataset, phrases, places);
  const tune = demoOrders("tune");
  const orders = [...tune, ...demoOrders("holdout")].map((o) => {
    const townshipCode =
      o.townshipCode ?? matcher.townshipOf(code, o.address ?? "") ?? matcher.townshipOf(code, o.text);
    const m = matcher.match({ countyCode: code, townshipCode, receivedOn: o.receivedOn, text: o.text });
    const candidates = m.candidates.map(({ itemCode, score }) => ({ itemCode, score }));
    return {
      countyCode: code,
      id: o.id,
      townshipCode,
      address: o.address,
      receivedOn: o.receivedOn,
      channel: o.channel,
      text: o.text,
      dispatch: m.dispatch,
      candidates,
    };
  });
  const received = await saveWorkOrders(db, code, orders, stamp("loadDemoWorkOrders", { countyCode: code }));
  if (!received.ok) throw new Error(`demo orders: ${received.errors.map((e) => e.message).join("; ")}`);
  const index = buildListIndex(dataset.entries);
  const directory = buildDirectory(dataset);
  const desk = dispatchDesk(dataset.county);
  for (const o of tune) {
    const got = orders.find((x) => x.id === o.id)?.dispatch;
    const township = o.expect.handler.kind === "TOWNSHIP" ? o.expect.handler.code : (o.townshipCode ?? null);
    if (got === undefined || got.itemCode === o.expect.itemCode) continue;
    const right =
      o.expect.itemCode === null || township === null
        ? unassignedDispatch(desk, "NO_MATCH", "派单员核定:该诉求不属于任何清单事项")
        : dispatchByLists(index, directory, desk, township, o.receivedOn, o.expect.itemCode);
    await correctWorkOrder(
      db,
      code,
      o.id,
      right,
      "示范:派单员更正",
      stamp("correctWorkOrderDispatch", { id: o.id }),
    );
  }
  for (const w of DEMO_WHISTLES) {
    const whistle = {
      ...w,
      countyCode: code,
      raisedOn: isoDate(w.raisedOn),
      timeLimitDays: 3,
      answeredOn: null,
    };
    const raised = await raiseWhistle(db, code, whistle, stamp("raiseWhistle", { id: w.id }));
    if (!raised.ok)
      throw new Error(`demo whistle ${w.id}: ${raised.errors.map((e) => e.message).join("; ")}`);
    for (const [step, on] of w.steps)
      await appendWhistleStep(
        db,
        code,
        w.id,
        { step, on: isoDate(on), note: null },
        stamp(step, { id: w.id }),
      );
  }
  return true;
}
