import type { GuaranteeKind, ListType, TownshipKind } from "../index.ts";

/*
 * Words the synthetic counties are built from: departments, categories with their typical
 * objects, laws, departments and offices, place-name syllables. Plausible, not real: no name
 * here claims to be a real county's list.
 */

export interface DepartmentVocabulary {
  readonly code: string;
  readonly name: string;
}

/** Departments every generated county has first (the usual partners of township lists). */
export const CORE_DEPARTMENTS: readonly DepartmentVocabulary[] = [
  { code: "MZJ", name: "县民政局" },
  { code: "ZRZYJ", name: "县自然资源局" },
  { code: "ZJJ", name: "县住房和城乡建设局" },
  { code: "XFJY", name: "县消防救援大队" },
  { code: "YJGLJ", name: "县应急管理局" },
  { code: "NYNCJ", name: "县农业农村局" },
  { code: "SCJGJ", name: "县市场监督管理局" },
  { code: "STHJ", name: "县生态环境局" },
  { code: "ZHZFJ", name: "县综合行政执法局" },
  { code: "WJW", name: "县卫生健康委员会" },
  { code: "JYJ", name: "县教育局" },
  { code: "RSJ", name: "县人力资源和社会保障局" },
  { code: "JTJ", name: "县交通运输局" },
  { code: "SLJ", name: "县水利局" },
  { code: "WGLJ", name: "县文化广电和旅游局" },
  { code: "GAJ", name: "县公安局" },
  { code: "SFJ", name: "县司法局" },
  { code: "TYJRJ", name: "县退役军人事务局" },
  { code: "YBJ", name: "县医疗保障局" },
  { code: "LYJ", name: "县林业局" },
];

/** Further departments, drawn at random when a county has more than the core ones. */
export const EXTRA_DEPARTMENTS: readonly DepartmentVocabulary[] = [
  { code: "FGJ", name: "县发展和改革局" },
  { code: "GXJ", name: "县工业和信息化局" },
  { code: "CZJ", name: "县财政局" },
  { code: "TJJ", name: "县统计局" },
  { code: "SWJ", name: "县商务局" },
  { code: "XZSPJ", name: "县行政审批局" },
  { code: "XFJ", name: "县信访局" },
  { code: "ZZB", name: "县委组织部" },
  { code: "XCB", name: "县委宣传部" },
  { code: "ZFW", name: "县委政法委员会" },
  { code: "QXJ", name: "县气象局" },
  { code: "CL", name: "县残疾人联合会" },
  { code: "TYJ", name: "县体育局" },
  { code: "SJJ", name: "县数据局" },
];

/** Who leads an item inside a township (L7), by role; the title depends on the township's kind. */
export type PostRole =
  | "HEAD"
  | "DEPUTY_HEAD"
  | "DEPUTY_SECRETARY"
  | "ORGANISATION"
  | "POLITICS_LAW"
  | "PROPAGANDA";

const POST_TITLES: Readonly<Record<PostRole, Readonly<Record<TownshipKind, string>>>> = {
  HEAD: { TOWN: "镇长", TOWNSHIP: "乡长", SUBDISTRICT: "街道办事处主任" },
  DEPUTY_HEAD: { TOWN: "分管副镇长", TOWNSHIP: "分管副乡长", SUBDISTRICT: "分管副主任" },
  DEPUTY_SECRETARY: { TOWN: "党委副书记", TOWNSHIP: "党委副书记", SUBDISTRICT: "党工委副书记" },
  ORGANISATION: { TOWN: "组织委员", TOWNSHIP: "组织委员", SUBDISTRICT: "党工委组织委员" },
  POLITICS_LAW: { TOWN: "政法委员", TOWNSHIP: "政法委员", SUBDISTRICT: "党工委政法委员" },
  PROPAGANDA: { TOWN: "宣传委员", TOWNSHIP: "宣传委员", SUBDISTRICT: "党工委宣传委员" },
};

/** @example postTitle("TOWN", "DEPUTY_HEAD") // "分管副镇长" */
export function postTitle(kind: TownshipKind, role: PostRole): string {
  return POST_TITLES[role][kind];
}

/** Who helps inside the township (社区(村)协办). */
export const ASSISTING_UNITS: Readonly<Record<TownshipKind, readonly (readonly string[])[]>> = {
  TOWN: [["各村(社区)"], ["各行政村"], ["各村(社区)", "网格员"]],
  TOWNSHIP: [["各行政村"], ["各村(社区)"], ["各行政村", "网格员"]],
  SUBDISTRICT: [["各社区"], ["各社区", "网格员"], ["各社区", "物业服务企业"]],
};

export interface CategoryVocabulary {
  readonly name: string;
  /** Prefix of the category's item codes, e.g. `MS` → `MS-001`. */
  readonly prefix: string;
  /** How likely an item of the category usually sits on each list (reclaimed items are mostly enforcement). */
  readonly weights: Readonly<Record<ListType, number>>;
  /** Things the category's items are about; an item's name is object + action. */
  readonly objects: readonly string[];
  readonly laws: readonly string[];
  /** Departments that lead or receive the category's items, most usual first. */
  readonly departments: readonly string[];
  /** The township office that usually does the category's items (业务股室承办). */
  readonly office: string;
  readonly post: PostRole;
}

/** The fifteen categories, in the order lists print them. */
export const CATEGORIES: readonly CategoryVocabulary[] = [
  {
    name: "党的建设",
    prefix: "DJ",
    weights: { BASIC: 3, COOPERATIVE: 1, RECLAIMED: 0.2 },
    objects: [
      "党员发展",
      "党组织换届",
      "党员教育管理",
      "基层党组织标准化建设",
      "党费收缴",
      "村(社区)干部队伍建设",
      "党风廉政建设",
      "意识形态工作",
      "新时代文明实践",
      "统一战线工作",
      "群团组织建设",
      "离退休干部服务",
    ],
    laws: [
      "《中国共产党章程》",
      "《中国共产党农村基层组织工作条例》",
      "《中国共产党发展党员工作细则》",
      "《中国共产党支部工作条例(试行)》",
    ],
    departments: ["ZZB", "XCB", "MZJ"],
    office: "党建工作办公室",
    post: "DEPUTY_SECRETARY",
  },
  {
    name: "经济发展",
    prefix: "JJ",
    weights: { BASIC: 2, COOPERATIVE: 2, RECLAIMED: 1 },
    objects: [
      "招商引资",
      "重点项目服务",
      "企业服务",
      "统计调查",
      "财政收支",
      "国有资产",
      "村级集体经济",
      "个体工商户培育",
      "营商环境优化",
      "消费促进",
      "价格监测",
    ],
    laws: [
      "《优化营商环境条例》",
      "《中华人民共和国统计法》",
      "《中华人民共和国预算法》",
      "《中华人民共和国中小企业促进法》",
    ],
    departments: ["FGJ", "GXJ", "SWJ", "TJJ", "CZJ", "SCJGJ"],
    office: "经济发展办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "民生服务",
    prefix: "MS",
    weights: { BASIC: 3, COOPERATIVE: 2, RECLAIMED: 1 },
    objects: [
      "最低生活保障",
      "特困人员供养",
      "临时救助",
      "残疾人两项补贴",
      "高龄津贴",
      "养老服务",
      "未成年人保护",
      "殡葬管理",
      "就业援助",
      "城乡居民养老保险",
      "城乡居民医疗保险",
      "退役军人服务",
      "优抚对象服务",
    ],
    laws: [
      "《社会救助暂行办法》",
      "《中华人民共和国老年人权益保障法》",
      "《中华人民共和国残疾人保障法》",
      "《中华人民共和国就业促进法》",
      "《中华人民共和国社会保险法》",
    ],
    departments: ["MZJ", "RSJ", "YBJ", "TYJRJ", "CL"],
    office: "社会事务办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "平安法治",
    prefix: "PA",
    weights: { BASIC: 2, COOPERATIVE: 2, RECLAIMED: 1 },
    objects: [
      "矛盾纠纷调解",
      "信访事项办理",
      "社区矫正",
      "安置帮教",
      "法治宣传",
      "禁毒工作",
      "反邪教工作",
      "治安防控",
      "公共法律服务",
      "重点人员稳控",
    ],
    laws: [
      "《中华人民共和国人民调解法》",
      "《信访工作条例》",
      "《中华人民共和国社区矫正法》",
      "《中华人民共和国禁毒法》",
    ],
    departments: ["GAJ", "SFJ", "ZFW", "XFJ"],
    office: "平安建设办公室",
    post: "POLITICS_LAW",
  },
  {
    name: "城乡建设",
    prefix: "CJ",
    weights: { BASIC: 1, COOPERATIVE: 2, RECLAIMED: 2 },
    objects: [
      "农村建房",
      "危房改造",
      "城镇燃气",
      "物业管理",
      "市政设施",
      "建筑施工安全",
      "老旧小区改造",
      "村庄规划",
      "历史建筑保护",
      "房屋安全",
    ],
    laws: [
      "《中华人民共和国城乡规划法》",
      "《建设工程质量管理条例》",
      "《城镇燃气管理条例》",
      "《物业管理条例》",
    ],
    departments: ["ZJJ", "ZRZYJ", "ZHZFJ"],
    office: "村镇建设办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "乡村振兴",
    prefix: "XC",
    weights: { BASIC: 3, COOPERATIVE: 2, RECLAIMED: 0.5 },
    objects: [
      "防止返贫监测",
      "农村人居环境整治",
      "和美乡村建设",
      "衔接资金项目",
      "驻村帮扶",
      "农村厕所改造",
      "乡村产业发展",
      "农村集体产权",
      "乡风文明建设",
      "农村留守人员关爱",
    ],
    laws: [
      "《中华人民共和国乡村振兴促进法》",
      "《农村人居环境整治提升五年行动方案(2021—2025年)》",
      "《中华人民共和国农村集体经济组织法》",
    ],
    departments: ["NYNCJ", "ZRZYJ", "MZJ", "CZJ"],
    office: "乡村振兴办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "自然资源",
    prefix: "ZR",
    weights: { BASIC: 1, COOPERATIVE: 2, RECLAIMED: 3 },
    objects: [
      "耕地保护",
      "土地利用",
      "矿产资源",
      "国土空间规划",
      "不动产登记",
      "地质灾害防治",
      "土地征收",
      "测量标志保护",
      "林地管理",
      "永久基本农田",
    ],
    laws: [
      "《中华人民共和国土地管理法》",
      "《中华人民共和国矿产资源法》",
      "《地质灾害防治条例》",
      "《基本农田保护条例》",
    ],
    departments: ["ZRZYJ", "LYJ"],
    office: "自然资源和规划办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "生态环保",
    prefix: "ST",
    weights: { BASIC: 1, COOPERATIVE: 2, RECLAIMED: 3 },
    objects: [
      "大气污染防治",
      "水污染防治",
      "土壤污染防治",
      "秸秆禁烧",
      "畜禽养殖污染防治",
      "河湖长制",
      "农村生活污水治理",
      "固体废物管理",
      "噪声污染防治",
      "生态保护红线",
    ],
    laws: [
      "《中华人民共和国环境保护法》",
      "《中华人民共和国大气污染防治法》",
      "《中华人民共和国水污染防治法》",
      "《中华人民共和国固体废物污染环境防治法》",
    ],
    departments: ["STHJ", "LYJ", "SLJ", "NYNCJ"],
    office: "生态环境办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "社会治理",
    prefix: "SZ",
    weights: { BASIC: 3, COOPERATIVE: 2, RECLAIMED: 0.5 },
    objects: [
      "网格化管理",
      "村(居)民自治",
      "流动人口服务管理",
      "社会组织",
      "志愿服务",
      "人口普查",
      "地名管理",
      "社区服务",
      "村规民约",
      "民族宗教事务",
    ],
    laws: [
      "《中华人民共和国村民委员会组织法》",
      "《中华人民共和国城市居民委员会组织法》",
      "《志愿服务条例》",
      "《地名管理条例》",
    ],
    departments: ["MZJ", "ZFW", "GAJ", "XFJ", "TJJ"],
    office: "社会治理办公室",
    post: "POLITICS_LAW",
  },
  {
    name: "应急管理",
    prefix: "YJ",
    weights: { BASIC: 2, COOPERATIVE: 2, RECLAIMED: 2 },
    objects: [
      "安全生产",
      "森林防火",
      "防汛抗旱",
      "消防安全",
      "危险化学品",
      "应急预案",
      "自然灾害救助",
      "地震应急",
      "应急物资储备",
      "有限空间作业",
    ],
    laws: [
      "《中华人民共和国安全生产法》",
      "《中华人民共和国突发事件应对法》",
      "《中华人民共和国消防法》",
      "《森林防火条例》",
      "《中华人民共和国防洪法》",
    ],
    departments: ["YJGLJ", "XFJY", "SLJ", "QXJ", "LYJ"],
    office: "应急管理办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "文化教育",
    prefix: "WJ",
    weights: { BASIC: 2, COOPERATIVE: 2, RECLAIMED: 1 },
    objects: [
      "公共文化服务",
      "文物保护",
      "控辍保学",
      "学前教育",
      "全民健身",
      "广播电视",
      "文化市场",
      "非物质文化遗产",
      "农家书屋",
      "旅游服务",
    ],
    laws: [
      "《中华人民共和国义务教育法》",
      "《中华人民共和国公共文化服务保障法》",
      "《中华人民共和国文物保护法》",
      "《全民健身条例》",
    ],
    departments: ["JYJ", "WGLJ", "XCB", "TYJ"],
    office: "文化服务中心",
    post: "PROPAGANDA",
  },
  {
    name: "卫生健康",
    prefix: "WS",
    weights: { BASIC: 2, COOPERATIVE: 2, RECLAIMED: 2 },
    objects: [
      "爱国卫生",
      "传染病防控",
      "计划生育",
      "家庭医生签约",
      "基本公共卫生服务",
      "食品安全",
      "药品安全",
      "托育服务",
      "职业健康",
      "健康教育",
    ],
    laws: [
      "《中华人民共和国基本医疗卫生与健康促进法》",
      "《中华人民共和国传染病防治法》",
      "《中华人民共和国食品安全法》",
      "《中华人民共和国人口与计划生育法》",
    ],
    departments: ["WJW", "YBJ", "SCJGJ"],
    office: "社会事务办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "农业农村",
    prefix: "NY",
    weights: { BASIC: 2, COOPERATIVE: 2, RECLAIMED: 2 },
    objects: [
      "农作物病虫害防治",
      "动物防疫",
      "农产品质量安全",
      "农业机械",
      "高标准农田",
      "农村土地承包",
      "渔业生产",
      "种子管理",
      "农药使用",
      "耕地撂荒整治",
    ],
    laws: [
      "《中华人民共和国农业法》",
      "《中华人民共和国农产品质量安全法》",
      "《中华人民共和国动物防疫法》",
      "《农药管理条例》",
      "《中华人民共和国农村土地承包法》",
    ],
    departments: ["NYNCJ", "SLJ", "LYJ"],
    office: "农业农村办公室",
    post: "DEPUTY_HEAD",
  },
  {
    name: "交通水利",
    prefix: "JS",
    weights: { BASIC: 1, COOPERATIVE: 2, RECLAIMED: 2 },
    objects: [
      "农村公路",
      "道路交通安全",
      "水库安全",
      "河道管理",
      "农田水利",
      "农村供水",
      "水土保持",
      "水资源",
      "桥梁安全",
      "客运站点",
    ],
    laws: [
      "《中华人民共和国公路法》",
      "《中华人民共和国水法》",
      "《中华人民共和国防洪法》",
      "《水库大坝安全管理条例》",
      "《中华人民共和国道路交通安全法》",
    ],
    departments: ["JTJ", "SLJ", "GAJ"],
    office: "水利站",
    post: "DEPUTY_HEAD",
  },
  {
    name: "综合执法",
    prefix: "ZF",
    weights: { BASIC: 0.5, COOPERATIVE: 1, RECLAIMED: 4 },
    objects: [
      "市容环境",
      "违法建设",
      "户外广告",
      "占道经营",
      "渣土运输",
      "园林绿化",
      "城市照明",
      "环境卫生",
      "停车秩序",
      "燃气经营",
    ],
    laws: [
      "《中华人民共和国行政处罚法》",
      "《城市市容和环境卫生管理条例》",
      "《中华人民共和国行政强制法》",
      "《城市绿化条例》",
    ],
    departments: ["ZHZFJ", "SCJGJ", "STHJ", "ZJJ"],
    office: "综合行政执法队",
    post: "HEAD",
  },
];

/** What an item of each usual type does with its object; the name is object + action. */
export const ACTIONS: Readonly<Record<ListType, readonly string[]>> = {
  BASIC: [
    "政策宣传",
    "信息采集",
    "日常巡查",
    "台账管理",
    "组织实施",
    "隐患排查",
    "申请受理",
    "动态管理",
    "统计报送",
  ],
  COOPERATIVE: [
    "协助核查",
    "配合排查整治",
    "配合监督检查",
    "协助调查处置",
    "配合宣传培训",
    "协助统计监测",
    "配合专项整治",
    "协助应急处置",
  ],
  RECLAIMED: [
    "行政许可",
    "行政处罚",
    "行政检查",
    "行政强制",
    "资格审核认定",
    "专业技术检测",
    "执法监督",
    "审批验收",
  ],
};

/** Task lines by usual type; `{o}` is the item's object. */
export const TASK_TEMPLATES: Readonly<Record<ListType, readonly string[]>> = {
  BASIC: [
    "负责辖区内{o}工作的组织实施",
    "做好{o}政策宣传和解释",
    "建立{o}工作台账并动态更新",
    "定期开展{o}排查,发现问题及时处置",
    "按要求报送{o}相关信息和数据",
    "受理群众关于{o}的咨询和申请",
  ],
  COOPERATIVE: [
    "配合县级部门开展{o}工作",
    "协助核实{o}基础信息",
    "发现{o}相关问题及时报告",
    "协助做好{o}宣传引导",
    "配合开展{o}专项整治",
  ],
  RECLAIMED: [
    "依法实施{o}相关行政执法",
    "承担{o}专业技术审查",
    "对{o}相关违法行为立案查处",
    "组织{o}监督检查和验收",
  ],
};

export const DEPARTMENT_DUTY_TEMPLATES: readonly string[] = [
  "负责{o}工作的统筹协调、业务指导和监督检查",
  "牵头组织{o}工作,承担{o}的主体责任",
  "制定{o}工作方案,组织实施并督促落实",
];

export const COOPERATION_TEMPLATES: readonly string[] = [
  "提供辖区{o}相关基础信息",
  "发现{o}相关问题及时报告",
  "协助做好{o}现场核查",
  "配合做好{o}宣传动员",
  "组织村(社区)协助开展{o}工作",
];

export const GUARANTEE_TEMPLATES: Readonly<Record<GuaranteeKind, string>> = {
  TRAINING: "每年至少组织一次{o}业务培训",
  GUIDANCE: "派员对{o}工作进行现场指导",
  FUNDING: "将{o}工作经费纳入部门预算",
  EQUIPMENT: "配备{o}工作所需装备",
  TECHNOLOGY: "提供{o}信息系统和技术支撑",
};

export const WAYS_OF_WORKING: readonly string[] = [
  "发现问题及时报告",
  "发现问题及时报告并配合调查取证",
  "提供辖区相关基础信息",
  "协助送达相关文书",
  "配合做好现场秩序维护",
];

/** One-township items (一镇一策) and the category each usually falls under. */
export const TOWNSHIP_SPECIALS: readonly { readonly name: string; readonly category: string }[] = [
  { name: "兵工企业服务保障", category: "经济发展" },
  { name: "长城保护", category: "文化教育" },
  { name: "古镇保护与开发", category: "文化教育" },
  { name: "茶产业发展", category: "农业农村" },
  { name: "温泉旅游服务", category: "经济发展" },
  { name: "港口码头安全巡查", category: "交通水利" },
  { name: "矿山生态修复", category: "自然资源" },
  { name: "湿地保护", category: "生态环保" },
  { name: "高铁站区综合管理", category: "社会治理" },
  { name: "开发区企业服务", category: "经济发展" },
  { name: "红色旅游景区管理", category: "文化教育" },
  { name: "库区移民后期扶持", category: "民生服务" },
  { name: "林场防火巡护", category: "应急管理" },
  { name: "渔港安全管理", category: "应急管理" },
  { name: "现代农业产业园服务", category: "乡村振兴" },
];

/** Off-list work a county may hand townships for a while (L5). */
export const TEMPORARY_TASK_CONTENTS: readonly string[] = [
  "全国经济普查入户登记",
  "汛期地质灾害隐患专项排查",
  "秸秆禁烧专项巡查",
  "创建全国文明城市迎检",
  "农村人居环境整治百日攻坚",
  "人口抽样调查入户登记",
  "高温天气防暑降温保障",
  "烟花爆竹安全专项管控",
  "重大活动期间安保维稳",
  "森林防火专项巡查",
  "农村自建房安全专项整治",
  "燃气安全隐患排查整治",
];

/** Place-name syllables: a township's name is one of each, then 镇, 乡 or 街道. */
export const PLACE_FIRST: readonly string[] = [
  ..."青石柳桃龙凤黄白金马杨高新平安东西南北大长双永兴太清云花梅松古宝丰华河湖江桂福仁",
];
export const PLACE_SECOND: readonly string[] = [
  ..."山河桥湖坪岭庄集口塘溪坝沟湾店铺寨堡阳田泉港台源江水岗洲城林园屯埠川峰渡坊圩亭关场",
];

const DIGITS = [..."零一二三四五六七八九"];

/**
 * Writes 1–99 in Chinese numerals, as articles are cited.
 * @example chineseNumber(32) // "三十二"
 */
export function chineseNumber(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99) throw new RangeError(`1–99 only, got ${value}`);
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  const onesText = ones === 0 ? "" : (DIGITS[ones] ?? "");
  if (tens === 0) return onesText;
  return `${tens === 1 ? "" : (DIGITS[tens] ?? "")}十${onesText}`;
}

/**
 * Fills `{o}` in a template.
 * @example fill("做好{o}政策宣传", "森林防火") // "做好森林防火政策宣传"
 */
export function fill(template: string, object: string): string {
  return template.replaceAll("{o}", object);
}
