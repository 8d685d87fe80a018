// Help texts: Chinese first, English in parentheses.

const COMMON = `通用选项 (common options):
  --county CODE      县编码;库中只有一个县时可省略 (the county; default: the only one stored)
  --data-dir DIR     PGlite 数据目录,默认仓库根目录的 .data/pglite;设置 DATABASE_URL=postgresql://… 则用 PostgreSQL
                     (embedded database directory; DATABASE_URL selects PostgreSQL)
  --json             只向标准输出写一个 JSON 文档(含问题清单)(one JSON document on stdout, issues included)
  -h, --help         本帮助 (this text)`;

const EXIT_CODES = `退出码 (exit codes):
  0  成功 (ok)
  1  输入被拒绝:工作簿有问题、文件无法读取(并说明它是什么文件),或领域规则拒绝;audit verify:变更日志被篡改
     (input rejected: issues found, unreadable file, domain refusal; audit verify: the change log was tampered with)
  2  用法错误 (usage error)
  3  不存在:县、考核方案、乡镇(街道)、事项或文件 (not found: county, plan, township, item, file)
  4  意外故障 (unexpected failure)
  5  数据目录正被另一个进程使用(如 pnpm start 的服务):停止它,或用它的 GraphQL API
     (the embedded database is held by another process: stop it, or use its GraphQL API)`;

/** Help of each command, by name. */
export const COMMAND_USAGE = {
  token: `用法: dutylist token --role ROLE [--county CODE] [--township CODE] [--department CODE] [--name 名称]
                      [--subject ID] [--expires 30d] [--key-file PATH] [--json]

用本地签名密钥(数据目录旁的 signing-key.json,服务首次启动时创建)签发一个令牌,供 GraphiQL、curl 或 BI 工具使用。
(A bearer token signed with the embedded default's local key, for GraphiQL, curl or a BI tool.)
ROLE: ADMINISTRATOR 系统管理员 · ASSESSOR 组织部门(考核) · LIST_OFFICE 机构编制部门(清单管理) ·
      PROVINCIAL_APPROVER 省级审批 · DEPARTMENT 县级部门 · TOWNSHIP 乡镇(街道) · INSPECTOR 纪检监察 ·
      BI_READER 数据分析(只读) · HOTLINE 12345热线派单
默认为示范县 QX 的用户;乡镇用户默认城关镇 (QX-CG),部门用户默认县综合行政执法局 (ZHZFJ)。
用法示例:curl -H "Authorization: Bearer $(pnpm -s dutylist token --role INSPECTOR)" …
正式部署由统一身份认证签发令牌,见 docs/security.md (a real deployment uses its identity provider).`,
  import: `用法: dutylist import <文件.xlsx | 文件.csv | CSV文件夹> [--county CODE] [--as-of YYYY-MM-DD] [--dry-run] [--json]

导入清单、临时任务台账、考核方案和考核记录 (import lists, ledger, assessment plan and records).
先检查全部内容,逐条列出问题(文件 工作表 第N行 X列(表头):说明);有任何问题则什么也不写入。
(Everything is checked first; every issue is listed; with any issue nothing is written.)
  --as-of DATE   清单的版本日期,覆盖工作簿“清单信息”中的版本日期 (the date the lists stand on)
  --dry-run      只检查并报告将要写入的内容 (check and report, write nothing)
格式见 docs/import-format.md (format: docs/import-format.md).`,
  export: `用法:
  dutylist export lists --as-of DATE [--county CODE] [--township CODE|名称] --out PATH [--list basic|cooperative|reclaimed]
  dutylist export assessment --year YEAR [--county CODE] --out PATH
  dutylist export determinations [--county CODE] [--township CODE|名称] [--role primary|secondary|none] --out PATH

导出为工作簿 (export a workbook). PATH 以 .xlsx 结尾写一个工作簿;以 .csv 结尾写一张表(清单须用
--list 指明哪一张);其他(文件夹)写每张表一个 CSV 文件。
(.xlsx: one workbook; .csv: one sheet, lists need --list; anything else: a folder of CSV files.)
清单导出可原样导入 (an exported list imports back unchanged).`,
  assess: `用法: dutylist assess [--county CODE] --year YEAR [--json]

按库中的考核方案和记录计算年度考核:乡镇(街道)排名(名次、核心得分、协同得分、总分、等次)和县级部门得分。
(The year's township ranking and department scores from the stored plan and records.)`,
  dispatch: `用法: dutylist dispatch [--county CODE] --township CODE|名称 --on YYYY-MM-DD "诉求内容" [--json]

12345 派单:把市民诉求匹配到该乡镇(街道)当日有效的清单事项,按清单类型派单 (H1):基本事项由乡镇办理,
配合事项由牵头部门办理、乡镇在配合内容内协助,收回事项由承接部门办理、乡镇只报告;匹配不到或事项不在
该乡镇当日清单上的,留在县12345热线派单席,不默认派给乡镇 (A11)。不写入数据库。
(Matches a citizen's complaint to the items in force and dispatches it by the lists; stores nothing.)
用法示例:dutylist dispatch --township 白沙镇 --on 2026-05-10 "河口村河里半夜有船在抽沙"`,
  orders: `用法: dutylist orders import 工单.xlsx [--county CODE] [--dry-run] [--json]

导入一批 12345 工单(如一个月的),逐件按受理当日的清单匹配事项并派单 (H1),一次写入,全部成功或全部不写。
列:工单编号、受理日期 (YYYY-MM-DD)、诉求内容 (必填);乡镇(街道)(编码或名称)、地址、渠道 (可选,默认 PHONE)。
任何一行有问题(编号重复、日期有误、乡镇不存在……)都会列出文件、行和列,不写入任何工单。
结束时列出各承办方的工单数和未派出(留派单席)的件数。--dry-run 只派单不写入。
(Imports a batch of hotline orders, dispatches each by the lists of its day, all or nothing.)`,
  determine: `用法: dutylist determine [--county CODE] --township CODE|名称 (--item 事项编码 | --matter 描述) --date YYYY-MM-DD
                         [认定事实…] [--title 标题] [--save] [--json]

责任认定:按失误当日的清单认定各方的主要、次要或不承担责任,列出规则、理由和依据 (A1–A11)。
(Who bears primary, secondary or no responsibility, with rules, reasons and citations.)
认定事实 (findings; leave out what was not established — it never makes the township responsible, A11):
  --at-fault yes|no              乡镇(街道)有过错 (the township was at fault)
  --within-content yes|no        失误在清单载明的配合内容内 (within the cooperation content)
  --refused yes|no               乡镇拒不配合 (refused legitimate cooperation, A7)
  --guarantees-delivered yes|no  牵头部门落实了履职保障 (guarantees delivered, A10)
  --taken-over yes|no            承接部门承接到位 (receiving department took over, A6)
  --territorial-claim yes|no     以属地管理为由要求乡镇担责 (territorial claim, A3)
  --pushed-by 部门               转嫁清单外事项的部门 (department that pushed the matter down, A4)
  --task 任务编号                 所属的已登记临时性工作任务 (registered temporary task, A5)
  --falsified-by 乡镇或部门       弄虚作假的一方,可重复 (who falsified, repeatable, A8)
  --department 部门              案件涉及的其他部门,可重复 (further departments, repeatable)
  --save                         保存认定结果 (store the determination)`,
  lists: `用法: dutylist lists --as-of YYYY-MM-DD [--county CODE] [--township CODE|名称] [--json]

某日的三张清单:全县各乡镇(街道)的事项数,或一个乡镇(街道)的完整清单。
(The three lists on a date: counts per township, or one township's lists in full.)`,
  generate: `用法: dutylist generate --townships N [--seed S] [--as-of YYYY-MM-DD] [--county CODE] [--records [--per-item N]] --out PATH

生成一个合成县的工作簿(按全国平均每乡镇 117/99/124 项;全省规模为 1237 个乡镇)。
(A synthetic county workbook; province size is 1,237 townships.)
  --as-of DATE    清单的版本日期和生效日期,默认 2025-01-01 (the lists' date)
  --county CODE   合成县的编码,默认 SYN<seed> (the generated county's code)
  --records       同时写入考核方案和一年的考核记录 (also a plan and a year of records)
  --per-item N    每个事项每个考核对象的记录数,默认 12 (records per item and subject)
XLSX 每张表最多 1,048,576 行:记录多时请写 CSV 文件夹(--out 给一个文件夹)。
(XLSX holds at most 1,048,576 rows a sheet: large record sets need a CSV folder.)`,
  sample: `用法: dutylist sample [--out PATH]

写出示范县 青溪县 的示例工作簿:清单、临时任务台账、2025 年考核方案和考核记录。
(The demo county's sample workbook: lists, ledger, 2025 plan and records.) 根目录 pnpm sample 写到 samples/青溪县-示例.xlsx。`,
  audit: `用法:
  dutylist audit verify [--county CODE] [--json]
  dutylist audit head [--county CODE] [--json]

变更日志 (the change log): 每次写入(导入、API 的变更、发布)都在该县的日志中追加一行:操作人、角色、操作、
参数摘要、写入的编号和时间,每行的哈希链住前一行。
(Every write appends a row to its county's log — actor, role, operation, arguments' digest, ids
written, time — each row hashing the one before.)
  verify   重算每个县的哈希链:完好则退出码 0;否则逐县列出第一处被改动或删除的行(序号、操作、操作人),退出码 1
           (recompute every chain: 0 when intact; else the first altered or removed row per county, exit 1)
  head     每个县的链头(最后一行的序号和哈希):保存在数据库之外,日后比对可发现整条链被重写
           (each county's head seq and hash: keep it outside the database; comparing later finds a chain rewritten whole)
--county 只查一个县(默认全部县)(one county; default: every county).`,
  demo: `用法: dutylist demo

示范县的清单、责任认定、临时任务台账和考核 (the demo county, in memory; touches no database).`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

/** The overview `dutylist help` prints. */
export const USAGE = `用法: dutylist <命令> [选项]   (usage: dutylist <command> [options])

命令 (commands):
  import <文件|文件夹>      检查并导入工作簿 (check and import a workbook: lists, plan, records)
  export lists|assessment|determinations --out PATH   导出工作簿 (export)
  assess --year YEAR        年度考核排名 (the year's ranking)
  determine …               责任认定 (responsibility determination)
  dispatch --township T --on DATE "诉求"   12345 按清单派单 (dispatch a hotline order by the lists)
  orders import 工单.xlsx   导入并派单一批工单 (import and dispatch a batch of hotline orders)
  lists --as-of DATE        某日的清单 (the lists on a date)
  generate --townships N    生成合成县工作簿 (a synthetic county workbook)
  sample [--out PATH]       示范县示例工作簿 (the demo county's sample workbook)
  audit verify|head         校验变更日志、打印链头 (verify the change log; print its heads)
  demo                      示范县演示 (the demo county, in memory)
  token --role ROLE         签发本地令牌 (a bearer token signed with the local key)
  help [命令]               帮助 (help)

${COMMON}

${EXIT_CODES}

进度条只在标准错误是终端且未用 --json 时显示 (progress bars go to stderr, only on a terminal, never with --json).
在仓库根目录:pnpm dutylist <命令> …;要把 --json 输出交给其他程序,用 pnpm -s dutylist … 以免 pnpm 打印脚本行。
`;

/**
 * The help of one command, with the common options and the exit codes.
 * @example commandUsage("assess").startsWith("用法: dutylist assess") // true
 */
export function commandUsage(command: CommandName): string {
  return `${COMMAND_USAGE[command]}\n\n${COMMON}\n\n${EXIT_CODES}\n`;
}
