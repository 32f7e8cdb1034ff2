/**
 * The demo cluster's directory: technical needs of demo enterprises, capabilities, achievements
 * and experts, so that search and matching have something to find. Pure data, no I/O.
 *
 * Needs, achievements and named experts belong only to the FICTIONAL organisations of data.ts;
 * the real universities and colleges post nothing but modest, generic offers of cooperation, and
 * no real person is named. Patent numbers use serial numbers from 9800000 up, far above the
 * number of applications CNIPA receives of one type in a year, with a valid check character;
 * ORCID iDs use the block 0000-0000-…, which ORCID does not issue.
 */
import type { AchievementKind, CooperationMode, TransferMode, VisibilityTier } from '../directory/schemas.js';
import { orcidCheckCharacter, patentCheckCharacter } from '../directory/rules.js';

/** A CNIPA application number `CN{year}{type}{serial}.{check}`; type 1 invention, 2 utility model. */
export function demoPatentNumber(year: number, type: 1 | 2, serial: number): string {
  const digits = `${year}${type}${String(serial).padStart(7, '0')}`;
  const check = patentCheckCharacter(digits);
  if (check === null || serial < 9_800_000) throw new Error(`Not a demo patent serial: ${digits}`);
  return `CN${digits}.${check}`;
}

/** An ORCID iD in the unissued block 0000-0000-…, completed with its check character. */
export function demoOrcid(serial: number): string {
  const first15 = `00000000${String(serial).padStart(7, '0')}`;
  const check = orcidCheckCharacter(first15) ?? '';
  return `0000-0000-${first15.slice(8, 12)}-${first15.slice(12)}${check}`;
}

export interface DemoNeed {
  /** Stable key for the demo's own references. */
  key: string;
  /** The owner's key in DEMO_ORGANIZATIONS. */
  owner: string;
  title: string;
  description: string;
  keywords: string[];
  publicKeywords: string[];
  cluster: string;
  cooperationModes: CooperationMode[];
  /** In yuan; stored as fen. */
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  /** Days after seeding. */
  deadlineInDays: number | null;
  visibility: VisibilityTier;
  ndaTerms?: string;
}

export interface DemoCapability {
  key: string;
  owner: string;
  title: string;
  description: string;
  keywords: string[];
  publicKeywords: string[];
  cluster: string;
  cooperationModes: CooperationMode[];
  visibility: VisibilityTier;
  ndaTerms?: string;
}

export interface DemoAchievement {
  key: string;
  owner: string;
  title: string;
  description: string;
  keywords: string[];
  publicKeywords: string[];
  cluster: string;
  kind: AchievementKind;
  registrationNumber: string | null;
  trl: number;
  transferModes: TransferMode[];
  visibility: VisibilityTier;
  ndaTerms?: string;
}

export interface DemoExpert {
  organization: string;
  nameZh: string;
  nameEn: string;
  title: string;
  fields: string[];
  keywords: string[];
  orcid: string | null;
  cluster: string;
  bio: string;
}

/** NDA requests already made in the demo: `requester` asks for the achievement `achievement`. */
export interface DemoNdaRequest {
  achievement: string;
  requester: string;
  message: string;
  status: 'pending' | 'accepted';
}

const STANDARD_TERMS =
  '双方对所获悉的技术资料负有保密义务，期限三年；未经书面同意不得向第三方披露或用于本合作以外的目的。\nBoth parties keep the technical information confidential for three years and use it only for this cooperation.';

export const DEMO_NEEDS: readonly DemoNeed[] = [
  {
    key: 'xicheng-ldo',
    owner: 'xicheng-micro',
    title: '车规级低静态电流 LDO 与电源管理芯片联合开发',
    description:
      '我司正在开发面向新能源汽车车身域控制器的电源管理芯片，需要一款静态电流低于 2 µA、满足 AEC-Q100 Grade 1 的 LDO，并希望与高校或研究院合作完成自适应偏置电路设计、版图和可靠性验证。\nWe are developing a power-management IC for body-domain controllers of new-energy vehicles and need an AEC-Q100 Grade 1 LDO with under 2 µA quiescent current. We seek a university or institute partner for the adaptive-bias circuit design, layout and reliability qualification.',
    keywords: ['LDO', '低静态电流', 'AEC-Q100', 'power management', '电源管理芯片', '模拟电路'],
    publicKeywords: ['电源管理芯片', 'power management IC'],
    cluster: 'integrated-circuits',
    cooperationModes: ['joint_rd', 'commissioned_rd'],
    budgetMinYuan: 800_000,
    budgetMaxYuan: 1_500_000,
    deadlineInDays: 90,
    visibility: 'registered',
  },
  {
    key: 'xicheng-afe',
    owner: 'xicheng-micro',
    title: '电池管理芯片（AFE）高精度电压采样的可靠性验证',
    description:
      '我司的 16 串电池管理模拟前端芯片已完成流片，需要第三方完成 −40 °C 至 125 °C 全温区采样精度测试、HTOL 与 ESD 可靠性试验，并出具报告。\nOur 16-cell battery-management analogue front end has taped out. We need a partner to test voltage-sampling accuracy from −40 °C to 125 °C, run HTOL and ESD qualification, and report.',
    keywords: ['BMS', 'AFE', '可靠性测试', 'HTOL', 'battery management'],
    publicKeywords: ['电池管理芯片', 'BMS'],
    cluster: 'integrated-circuits',
    cooperationModes: ['commissioned_rd', 'consulting'],
    budgetMinYuan: 200_000,
    budgetMaxYuan: 400_000,
    deadlineInDays: 45,
    visibility: 'public',
  },
  {
    key: 'lanyue-continuous',
    owner: 'lanyue-bio',
    title: '单克隆抗体连续流生产工艺开发',
    description:
      '为降低单抗生产成本，计划将现有补料分批工艺升级为灌流培养加连续层析的连续生产工艺，寻求在过程分析技术（PAT）和连续层析方面有经验的团队联合开发，并在我司中试车间验证。\nTo lower the cost of monoclonal antibodies we plan to move from fed-batch to perfusion culture with continuous chromatography, and seek a team experienced in process analytical technology and continuous chromatography to co-develop and validate it in our pilot plant.',
    keywords: ['连续生产', '灌流培养', '连续层析', 'PAT', 'monoclonal antibody', 'continuous manufacturing'],
    publicKeywords: ['抗体药物', '生物工艺'],
    cluster: 'biomedicine',
    cooperationModes: ['joint_rd'],
    budgetMinYuan: 3_000_000,
    budgetMaxYuan: 6_000_000,
    deadlineInDays: 120,
    visibility: 'parties',
    ndaTerms: STANDARD_TERMS,
  },
  {
    key: 'qinhe-medium',
    owner: 'qinhe-reagents',
    title: 'CHO 细胞无血清培养基配方国产化优化',
    description:
      '现有无血清培养基部分关键组分依赖进口，希望与高校合作，利用实验设计（DoE）和代谢组学方法优化配方，使 CHO 细胞表达量不低于进口产品的 95%。\nSome key components of our serum-free medium are imported. We want to work with a university on DoE and metabolomics to optimise the formula, reaching at least 95% of the titre of imported media in CHO cells.',
    keywords: ['无血清培养基', 'CHO细胞', 'DoE', 'cell culture media', '代谢组学'],
    publicKeywords: ['细胞培养基'],
    cluster: 'biomedicine',
    cooperationModes: ['joint_rd', 'licence'],
    budgetMinYuan: 500_000,
    budgetMaxYuan: 1_000_000,
    deadlineInDays: 75,
    visibility: 'public',
  },
  {
    key: 'pulan-organoid',
    owner: 'pulan-cro',
    title: '肿瘤类器官药效评价模型的建立与验证',
    description:
      '拟建立结直肠癌和肺癌类器官库及高通量药效评价流程，寻求具有类器官培养和临床样本资源的合作方，共同完成方法学验证。\nWe plan to build colorectal and lung cancer organoid banks with a high-throughput efficacy workflow, and seek partners with organoid culture expertise and clinical samples to validate the method together.',
    keywords: ['类器官', '药效评价', 'organoid', '高通量筛选'],
    publicKeywords: ['类器官', 'organoid'],
    cluster: 'biomedicine',
    cooperationModes: ['joint_rd', 'talent'],
    budgetMinYuan: 600_000,
    budgetMaxYuan: 1_200_000,
    deadlineInDays: 100,
    visibility: 'registered',
  },
  {
    key: 'yaona-cnt',
    owner: 'yaona-materials',
    title: '高镍正极用碳纳米管导电浆料的分散稳定性提升',
    description:
      '我司碳纳米管导电浆料在高镍体系中存在储存 30 天后黏度上升的问题，需要在分散剂分子设计和表面改性方面合作攻关，目标储存 90 天黏度变化小于 10%。\nOur carbon-nanotube conductive paste thickens after 30 days in high-nickel cathode slurries. We seek help with dispersant design and surface modification so that viscosity changes by under 10% over 90 days.',
    keywords: ['碳纳米管', '导电浆料', '分散剂', 'carbon nanotube', 'high-nickel cathode'],
    publicKeywords: ['碳纳米管', '锂电池材料'],
    cluster: 'nanomaterials',
    cooperationModes: ['joint_rd', 'commissioned_rd'],
    budgetMinYuan: 1_000_000,
    budgetMaxYuan: 2_000_000,
    deadlineInDays: 60,
    visibility: 'parties',
    ndaTerms: STANDARD_TERMS,
  },
  {
    key: 'chengmo-antifog',
    owner: 'chengmo-coating',
    title: '汽车玻璃长效防雾纳米涂层耐久性提升',
    description:
      '现有亲水防雾涂层经 500 次耐磨测试后防雾性能明显下降，希望引入有机–无机杂化或交联结构提升耐久性，满足主机厂 1000 次耐磨要求。\nOur hydrophilic anti-fog coating loses performance after 500 abrasion cycles. We want hybrid organic–inorganic or cross-linked structures that survive the 1,000 cycles carmakers require.',
    keywords: ['防雾涂层', '纳米涂层', 'anti-fog coating', '耐磨'],
    publicKeywords: ['功能涂层'],
    cluster: 'nanomaterials',
    cooperationModes: ['commissioned_rd', 'licence'],
    budgetMinYuan: 300_000,
    budgetMaxYuan: 600_000,
    deadlineInDays: 50,
    visibility: 'public',
  },
  {
    key: 'shuyan-eval',
    owner: 'shuyan-ai',
    title: 'Evaluation benchmark for manufacturing dialogue models',
    description:
      'We need a benchmark of at least 5,000 annotated multi-turn dialogues covering equipment maintenance, process parameters and quality incidents, with an evaluation protocol for domain knowledge and safety.\n需要构建不少于 5000 条覆盖设备维护、工艺参数与质量异常的多轮对话评测集，并给出领域知识与安全性评测方案。',
    keywords: ['large language model', '评测集', 'benchmark', '大模型', 'manufacturing'],
    publicKeywords: ['大模型', 'LLM evaluation'],
    cluster: 'ai',
    cooperationModes: ['commissioned_rd', 'consulting'],
    budgetMinYuan: 400_000,
    budgetMaxYuan: 800_000,
    deadlineInDays: 40,
    visibility: 'public',
  },
  {
    key: 'tongju-fewshot',
    owner: 'tongju-vision',
    title: '电子装配线小样本表面缺陷检测算法',
    description:
      '新产线换型后缺陷样本不足 50 张，现有检测模型漏检率高。希望合作开发基于小样本学习或异常检测的算法，在 0.3 秒/件内完成检测，漏检率低于 0.5%。\nAfter a line changeover we have fewer than 50 defect images and our models miss too many defects. We want few-shot or anomaly-detection algorithms that inspect a part in 0.3 s with under 0.5% misses.',
    keywords: ['小样本学习', '缺陷检测', 'few-shot learning', '机器视觉', 'anomaly detection'],
    publicKeywords: ['机器视觉', 'machine vision'],
    cluster: 'ai',
    cooperationModes: ['joint_rd', 'licence'],
    budgetMinYuan: 300_000,
    budgetMaxYuan: 700_000,
    deadlineInDays: 80,
    visibility: 'registered',
  },
  {
    key: 'jingxiu-warpage',
    owner: 'jingxiu-semi',
    title: '扇出型晶圆级封装翘曲仿真与控制',
    description:
      '12 英寸扇出型重构晶圆在塑封和 RDL 工序后翘曲超过 1.5 mm，需要建立考虑材料黏弹性的翘曲仿真模型，并联合优化塑封料和工艺窗口，目标翘曲小于 0.8 mm。\nOur 12-inch fan-out reconstituted wafers warp by over 1.5 mm after moulding and RDL. We need a warpage model with viscoelastic materials and a joint optimisation of moulding compound and process window to stay under 0.8 mm.',
    keywords: ['扇出型封装', '翘曲', '有限元仿真', 'fan-out', 'warpage', '塑封料'],
    publicKeywords: ['先进封装', 'advanced packaging'],
    cluster: 'integrated-circuits',
    cooperationModes: ['joint_rd'],
    budgetMinYuan: 1_500_000,
    budgetMaxYuan: 3_000_000,
    deadlineInDays: 110,
    visibility: 'parties',
    ndaTerms: STANDARD_TERMS,
  },
  {
    key: 'qiduo-sic',
    owner: 'qiduo-auto',
    title: '主驱逆变器 SiC 功率模块热管理优化',
    description:
      '800 V 平台主驱逆变器采用 SiC MOSFET 模块，峰值工况结温接近 175 °C。需要在双面散热结构、烧结互连和热仿真方面合作，将峰值结温降低 15 °C 以上。\nOur 800 V traction inverter uses SiC MOSFET modules whose junction reaches nearly 175 °C at peak load. We seek cooperation on double-sided cooling, sintered interconnects and thermal simulation to cut the peak by 15 °C.',
    keywords: ['碳化硅', 'SiC MOSFET', '热管理', '双面散热', 'traction inverter'],
    publicKeywords: ['碳化硅功率模块'],
    cluster: 'integrated-circuits',
    cooperationModes: ['joint_rd', 'commissioned_rd'],
    budgetMinYuan: 1_000_000,
    budgetMaxYuan: 2_500_000,
    deadlineInDays: 90,
    visibility: 'registered',
  },
  {
    key: 'chengyue-vibration',
    owner: 'chengyue-equipment',
    title: '晶圆搬运机器人高速运动振动抑制',
    description:
      '晶圆搬运机器人在 1.5 m/s 运动时末端残余振动导致定位时间延长，希望合作开发输入整形与自适应控制算法，将整定时间缩短 30%。\nOur wafer-handling robot shows residual end-effector vibration at 1.5 m/s, lengthening settling. We want input shaping and adaptive control to cut settling time by 30%.',
    keywords: ['振动抑制', '输入整形', '运动控制', 'wafer handling robot', 'vibration suppression'],
    publicKeywords: ['运动控制', '晶圆搬运'],
    cluster: 'advanced-equipment',
    cooperationModes: ['joint_rd', 'talent'],
    budgetMinYuan: 500_000,
    budgetMaxYuan: 900_000,
    deadlineInDays: 70,
    visibility: 'public',
  },
  {
    key: 'shalan-catalyst',
    owner: 'shalan-hydrogen',
    title: 'PEM 电解槽低铂载量阳极催化剂',
    description:
      '为降低 PEM 电解槽成本，需要将阳极铱载量从 2 mg/cm² 降至 0.5 mg/cm² 以下，同时在 2 A/cm² 下保持 2000 小时衰减小于 5%，寻求催化剂研发与放大合作。\nTo cut the cost of our PEM electrolysers we need to bring anode iridium loading from 2 to under 0.5 mg/cm² while keeping degradation under 5% over 2,000 h at 2 A/cm², and seek partners for catalyst development and scale-up.',
    keywords: ['PEM电解', '低铱催化剂', 'iridium', 'electrolyser', '制氢'],
    publicKeywords: ['电解水制氢', 'PEM electrolysis'],
    cluster: 'new-energy',
    cooperationModes: ['joint_rd', 'licence', 'transfer'],
    budgetMinYuan: 2_000_000,
    budgetMaxYuan: 4_000_000,
    deadlineInDays: 150,
    visibility: 'public',
  },
  {
    key: 'yichu-runaway',
    owner: 'yichu-energy',
    title: '储能电池热失控早期预警算法',
    description:
      '工商业储能柜需要在热失控发生前 10 分钟以上发出预警，计划融合电压、温度、气体与声学信号，寻求具备电池机理和数据建模能力的团队合作。\nOur commercial energy-storage cabinets must warn at least 10 minutes before thermal runaway. We plan to fuse voltage, temperature, gas and acoustic signals and seek a team strong in battery mechanisms and data modelling.',
    keywords: ['热失控', '早期预警', '储能', 'thermal runaway', 'battery safety'],
    publicKeywords: ['储能安全'],
    cluster: 'new-energy',
    cooperationModes: ['joint_rd', 'consulting'],
    budgetMinYuan: 400_000,
    budgetMaxYuan: 1_000_000,
    deadlineInDays: 95,
    visibility: 'registered',
  },
];

export const DEMO_CAPABILITIES: readonly DemoCapability[] = [
  {
    key: 'qinchuan-sic-reliability',
    owner: 'qinchuan-micro',
    title: '碳化硅功率器件建模与可靠性测试',
    description:
      '提供 SiC MOSFET 与二极管的 SPICE 建模、动态参数测试、HTRB/HTGB/H3TRB 可靠性试验和失效分析，可按 AEC-Q101 出具报告。\nSPICE modelling, dynamic characterisation, HTRB/HTGB/H3TRB reliability tests and failure analysis of SiC MOSFETs and diodes, with AEC-Q101 reports.',
    keywords: ['SiC', '可靠性测试', 'SPICE', 'AEC-Q101', 'power device'],
    publicKeywords: ['碳化硅', '可靠性'],
    cluster: 'integrated-circuits',
    cooperationModes: ['commissioned_rd', 'consulting'],
    visibility: 'public',
  },
  {
    key: 'qinchuan-analog-design',
    owner: 'qinchuan-micro',
    title: '模拟与电源管理芯片设计服务',
    description:
      '团队在低功耗 LDO、DC-DC 和电池管理前端电路方面有多年流片经验，可承接电路设计、版图与测试方案开发。\nYears of tape-out experience in low-power LDOs, DC-DC converters and battery-management front ends; we take on circuit design, layout and test development.',
    keywords: ['模拟电路', 'LDO', 'DC-DC', 'analog design', '电源管理'],
    publicKeywords: ['模拟芯片设计'],
    cluster: 'integrated-circuits',
    cooperationModes: ['commissioned_rd', 'joint_rd', 'talent'],
    visibility: 'registered',
  },
  {
    key: 'chengyuan-antibody',
    owner: 'chengyuan-biomed',
    title: '抗体发现与高表达细胞株构建',
    description:
      '提供噬菌体展示与杂交瘤抗体发现、CHO 细胞株构建与克隆筛选、50 L 中试工艺开发服务，可开放中试生物反应器。\nAntibody discovery by phage display and hybridoma, CHO cell-line construction and clone selection, and 50 L pilot process development with open access to pilot bioreactors.',
    keywords: ['抗体发现', 'CHO', '细胞株构建', 'antibody discovery', 'pilot scale'],
    publicKeywords: ['抗体', '细胞株'],
    cluster: 'biomedicine',
    cooperationModes: ['commissioned_rd', 'joint_rd'],
    visibility: 'public',
  },
  {
    key: 'shihu-characterisation',
    owner: 'shihu-nano',
    title: '纳米材料电镜表征与分析测试平台',
    description:
      '开放球差校正透射电镜、场发射扫描电镜、XPS 与比表面分析仪，提供制样、测试与数据解读，支持电池材料原位表征。\nOpen access to aberration-corrected TEM, field-emission SEM, XPS and surface-area analysis, with sample preparation, measurement and interpretation, including in-situ battery materials work.',
    keywords: ['透射电镜', 'TEM', 'XPS', '材料表征', 'characterisation'],
    publicKeywords: ['材料表征', 'electron microscopy'],
    cluster: 'nanomaterials',
    cooperationModes: ['consulting', 'commissioned_rd'],
    visibility: 'public',
  },
  {
    key: 'fengqiao-compute',
    owner: 'fengqiao-ai',
    title: 'Shared GPU compute and model-training support for SMEs',
    description:
      'Subsidised GPU hours on a shared cluster, with help from our researchers to fine-tune vision and language models on company data that stays on site.\n为中小企业提供共享算力与模型微调支持，数据不出园区。',
    keywords: ['GPU', 'model training', '算力', 'fine-tuning', '模型微调'],
    publicKeywords: ['算力', 'compute'],
    cluster: 'ai',
    cooperationModes: ['consulting', 'commissioned_rd'],
    visibility: 'public',
  },
  {
    key: 'jianggang-h2-testing',
    owner: 'jianggang-hydrogen',
    title: '氢能装备安全性能测试',
    description:
      '具备电解槽性能测试、储氢瓶气密与循环疲劳测试能力，可按 GB/T 35544 等标准开展检测。\nTesting of electrolyser performance and of hydrogen cylinders for leak-tightness and cyclic fatigue, following standards such as GB/T 35544.',
    keywords: ['氢能', '安全测试', '储氢瓶', 'hydrogen safety', 'electrolyser testing'],
    publicKeywords: ['氢能测试'],
    cluster: 'new-energy',
    cooperationModes: ['commissioned_rd', 'consulting'],
    visibility: 'public',
  },
  {
    key: 'pulan-dmpk',
    owner: 'pulan-cro',
    title: '临床前药代动力学与生物分析服务',
    description:
      '提供小分子与抗体药物的体内外 DMPK 研究、LC-MS/MS 与配体结合法生物分析，符合 GLP 要求。\nIn-vitro and in-vivo DMPK studies of small molecules and antibodies, with LC-MS/MS and ligand-binding bioanalysis to GLP.',
    keywords: ['DMPK', '药代动力学', 'bioanalysis', 'GLP', 'LC-MS/MS'],
    publicKeywords: ['药代动力学', 'CRO'],
    cluster: 'biomedicine',
    cooperationModes: ['commissioned_rd'],
    visibility: 'public',
  },
  {
    key: 'jingxiu-sip',
    owner: 'jingxiu-semi',
    title: '系统级封装（SiP）快速打样与测试',
    description:
      '面向中小芯片设计企业提供 SiP 与扇出型封装的工程打样、可靠性验证和量产导入支持。\nEngineering samples, reliability qualification and production ramp-up for SiP and fan-out packages, for small chip-design companies.',
    keywords: ['SiP', '系统级封装', '扇出型封装', 'packaging', '打样'],
    publicKeywords: ['先进封装'],
    cluster: 'integrated-circuits',
    cooperationModes: ['commissioned_rd', 'joint_rd'],
    visibility: 'registered',
  },
  {
    key: 'hengzhi-ip',
    owner: 'hengzhi-ttc',
    title: '专利价值评估与技术许可谈判服务',
    description:
      '为高校院所和企业提供专利价值评估、技术许可和作价入股方案设计及谈判支持。\nPatent valuation, licence and equity-for-technology structuring, and negotiation support for universities, institutes and companies.',
    keywords: ['专利评估', '技术许可', '作价入股', 'patent valuation', 'technology transfer'],
    publicKeywords: ['技术转移'],
    cluster: 'biomedicine',
    cooperationModes: ['consulting'],
    visibility: 'public',
  },
  {
    key: 'siit-robot-training',
    owner: 'siit',
    title: '工业机器人运维技术技能人才订单培养',
    description:
      '可与企业共建订单班，围绕工业机器人编程、运维与系统集成开展校企联合培养和在职培训。\nCo-run apprenticeship classes with companies in industrial-robot programming, maintenance and integration, plus in-service training.',
    keywords: ['订单培养', '工业机器人', '技能培训', 'apprenticeship', 'robot maintenance'],
    publicKeywords: ['人才培养'],
    cluster: 'advanced-equipment',
    cooperationModes: ['talent'],
    visibility: 'public',
  },
  {
    key: 'sipivt-ic-training',
    owner: 'sipivt',
    title: '集成电路封装测试技能培训',
    description:
      '面向封测企业开展设备操作、工艺与质量管理的定向培训和实习实训合作。\nTargeted training in equipment operation, process and quality management, and internships for packaging and test companies.',
    keywords: ['封装测试', '技能培训', '实习实训', 'IC packaging training'],
    publicKeywords: ['人才培养'],
    cluster: 'integrated-circuits',
    cooperationModes: ['talent'],
    visibility: 'public',
  },
];

export const DEMO_ACHIEVEMENTS: readonly DemoAchievement[] = [
  {
    key: 'shihu-silver-sinter',
    owner: 'shihu-nano',
    title: '低温纳米银烧结互连材料及其制备方法',
    description:
      '以粒径 20–50 nm 的银颗粒和可低温分解的包覆剂制备烧结膏，可在 200 °C、无压条件下实现芯片贴装，剪切强度大于 30 MPa，适用于 SiC 功率模块和先进封装。\nA sintering paste of 20–50 nm silver particles with a low-temperature-decomposing capping agent bonds dies pressureless at 200 °C with over 30 MPa shear strength, for SiC power modules and advanced packaging.',
    keywords: ['纳米银', '低温烧结', '芯片贴装', 'silver sintering', 'die attach', 'SiC module'],
    publicKeywords: ['纳米银烧结', '功率模块封装'],
    cluster: 'integrated-circuits',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2023, 1, 9_812_457),
    trl: 5,
    transferModes: ['licence', 'joint_development'],
    visibility: 'parties',
    ndaTerms: STANDARD_TERMS,
  },
  {
    key: 'shihu-cnt-paste',
    owner: 'shihu-nano',
    title: '碳纳米管导电浆料高稳定分散工艺',
    description:
      '采用梳状聚合物分散剂与表面羧基化协同的分散工艺，浆料储存 90 天黏度变化小于 8%，已完成吨级中试。\nA dispersion process combining comb-polymer dispersants with surface carboxylation keeps paste viscosity within 8% over 90 days; piloted at tonne scale.',
    keywords: ['碳纳米管', '分散工艺', '导电浆料', 'carbon nanotube', 'dispersion'],
    publicKeywords: ['碳纳米管', '锂电池材料'],
    cluster: 'nanomaterials',
    kind: 'know_how',
    registrationNumber: null,
    trl: 6,
    transferModes: ['licence', 'transfer'],
    visibility: 'parties',
    ndaTerms: STANDARD_TERMS,
  },
  {
    key: 'shihu-superhydrophobic',
    owner: 'shihu-nano',
    title: '耐磨超疏水纳米复合涂层及其制备方法',
    description:
      '通过二氧化硅纳米颗粒与含氟交联树脂构建多级粗糙结构，水接触角大于 155°，1000 次耐磨后仍保持超疏水。\nHierarchical roughness from silica nanoparticles in a fluorinated cross-linked resin gives over 155° water contact angle, still superhydrophobic after 1,000 abrasion cycles.',
    keywords: ['超疏水', '纳米涂层', '耐磨', 'superhydrophobic', 'coating'],
    publicKeywords: ['功能涂层', 'superhydrophobic coating'],
    cluster: 'nanomaterials',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2022, 1, 9_806_311),
    trl: 4,
    transferModes: ['licence', 'transfer', 'joint_development'],
    visibility: 'public',
  },
  {
    key: 'qinchuan-gate-oxide',
    owner: 'qinchuan-micro',
    title: '一种碳化硅 MOSFET 栅氧可靠性加速评估方法',
    description:
      '结合阶梯应力与经时击穿统计模型，将 SiC MOSFET 栅氧寿命评估周期由 1000 小时缩短至 168 小时，预测误差小于 15%。\nCombining step stress with time-dependent breakdown statistics cuts SiC MOSFET gate-oxide lifetime evaluation from 1,000 to 168 hours with under 15% prediction error.',
    keywords: ['碳化硅', '栅氧可靠性', 'TDDB', 'SiC MOSFET', 'accelerated testing'],
    publicKeywords: ['碳化硅', '可靠性'],
    cluster: 'integrated-circuits',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2023, 1, 9_827_090),
    trl: 6,
    transferModes: ['licence'],
    visibility: 'public',
  },
  {
    key: 'qinchuan-spice',
    owner: 'qinchuan-micro',
    title: 'SiC 功率器件 SPICE 模型参数提取软件 V2.0',
    description:
      '根据静态与动态测试数据自动提取 SiC MOSFET 与二极管的 SPICE 模型参数，支持温度相关模型，输出主流仿真器格式。\nExtracts SPICE parameters of SiC MOSFETs and diodes from static and dynamic measurements, with temperature-dependent models, for mainstream simulators.',
    keywords: ['SPICE', '参数提取', '器件建模', 'device modelling', 'SiC'],
    publicKeywords: ['器件建模软件'],
    cluster: 'integrated-circuits',
    kind: 'software_copyright',
    registrationNumber: '2024SR9812345',
    trl: 7,
    transferModes: ['licence', 'transfer'],
    visibility: 'registered',
  },
  {
    key: 'qinchuan-ldo-bias',
    owner: 'qinchuan-micro',
    title: '一种用于低静态电流 LDO 的自适应偏置电路',
    description:
      '偏置电流随负载电流自适应调整，轻载静态电流低至 0.8 µA，负载瞬态下冲减小 40%，适用于车规电源管理芯片。\nBias current that adapts to load brings light-load quiescent current down to 0.8 µA and cuts load-transient undershoot by 40%, for automotive power-management ICs.',
    keywords: ['LDO', '自适应偏置', '低静态电流', 'low quiescent current', 'power management'],
    publicKeywords: ['电源管理芯片', 'LDO'],
    cluster: 'integrated-circuits',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2024, 1, 9_830_562),
    trl: 4,
    transferModes: ['licence', 'joint_development'],
    visibility: 'registered',
  },
  {
    key: 'chengyuan-cho-screening',
    owner: 'chengyuan-biomed',
    title: '高表达 CHO 细胞株的快速筛选方法',
    description:
      '利用荧光报告基因与微流控单细胞分选，将高表达克隆筛选周期由 4 个月缩短到 6 周，表达量达到 5 g/L 以上。\nA fluorescent reporter with microfluidic single-cell sorting shortens high-producer clone selection from four months to six weeks, reaching over 5 g/L.',
    keywords: ['CHO', '细胞株筛选', '微流控', 'cell line development', 'high titre'],
    publicKeywords: ['细胞株开发'],
    cluster: 'biomedicine',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2023, 1, 9_845_718),
    trl: 5,
    transferModes: ['licence', 'equity'],
    visibility: 'parties',
    ndaTerms: STANDARD_TERMS,
  },
  {
    key: 'chengyuan-feed',
    owner: 'chengyuan-biomed',
    title: 'CHO 细胞无血清培养补料策略',
    description:
      '基于代谢流分析的补料配方和补料时序，使 14 天补料分批培养的抗体表达量提高 35%，乳酸积累降低一半。\nFeed formula and timing from metabolic flux analysis raise 14-day fed-batch antibody titre by 35% and halve lactate accumulation.',
    keywords: ['补料策略', '无血清培养', 'CHO', 'fed-batch', 'cell culture media'],
    publicKeywords: ['细胞培养'],
    cluster: 'biomedicine',
    kind: 'know_how',
    registrationNumber: null,
    trl: 6,
    transferModes: ['licence', 'transfer'],
    visibility: 'registered',
  },
  {
    key: 'fengqiao-fewshot',
    owner: 'fengqiao-ai',
    title: 'Few-shot industrial defect detection training framework V1.3',
    description:
      'Trains surface-defect detectors from 20–50 defect images using synthetic defect generation and anomaly scoring; runs at 25 ms per image on an edge GPU.\n基于缺陷合成与异常评分的小样本缺陷检测训练框架，边缘 GPU 上单张推理 25 毫秒。',
    keywords: ['few-shot learning', 'defect detection', '小样本学习', '缺陷检测', 'machine vision'],
    publicKeywords: ['机器视觉', 'defect detection'],
    cluster: 'ai',
    kind: 'software_copyright',
    registrationNumber: '2024SR9875512',
    trl: 6,
    transferModes: ['licence', 'joint_development'],
    visibility: 'public',
  },
  {
    key: 'fengqiao-anomaly',
    owner: 'fengqiao-ai',
    title: '面向设备预测性维护的多变量时序异常检测方法',
    description:
      '融合图神经网络与重构误差的多变量时序异常检测方法，在数控机床主轴数据上提前 48 小时识别故障，误报率低于 2%。\nMultivariate time-series anomaly detection combining graph neural networks with reconstruction error flags CNC spindle faults 48 hours ahead with under 2% false alarms.',
    keywords: ['预测性维护', '时序异常检测', 'predictive maintenance', 'anomaly detection', '图神经网络'],
    publicKeywords: ['预测性维护'],
    cluster: 'ai',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2023, 1, 9_853_204),
    trl: 5,
    transferModes: ['licence', 'transfer'],
    visibility: 'public',
  },
  {
    key: 'jianggang-iridium',
    owner: 'jianggang-hydrogen',
    title: '一种低铱载量 PEM 电解阳极催化剂及其制备方法',
    description:
      '以氧化钛纳米纤维为载体负载 IrO₂ 纳米团簇，铱载量 0.4 mg/cm² 时 2 A/cm² 电压 1.78 V，2000 小时衰减 3.2%。\nIrO₂ nanoclusters on titania nanofibres reach 1.78 V at 2 A/cm² with 0.4 mg/cm² iridium and 3.2% degradation over 2,000 h.',
    keywords: ['PEM电解', '低铱催化剂', 'iridium oxide', 'electrolysis', '制氢'],
    publicKeywords: ['电解水制氢', 'PEM electrolysis'],
    cluster: 'new-energy',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2024, 1, 9_861_437),
    trl: 4,
    transferModes: ['licence', 'joint_development', 'equity'],
    visibility: 'registered',
  },
  {
    key: 'jianggang-leak',
    owner: 'jianggang-hydrogen',
    title: '高压储氢瓶泄漏快速检测装置',
    description:
      '基于钯合金薄膜传感阵列的快速检漏装置，30 秒内定位 10⁻⁶ Pa·m³/s 级泄漏点，适用于加氢站日常巡检。\nA palladium-alloy film sensor array locates leaks of 10⁻⁶ Pa·m³/s within 30 s, for routine checks at refuelling stations.',
    keywords: ['储氢瓶', '泄漏检测', '氢传感器', 'hydrogen leak detection', '加氢站'],
    publicKeywords: ['氢能安全'],
    cluster: 'new-energy',
    kind: 'patent',
    registrationNumber: demoPatentNumber(2023, 2, 9_874_125),
    trl: 6,
    transferModes: ['transfer', 'licence'],
    visibility: 'public',
  },
];

export const DEMO_EXPERTS: readonly DemoExpert[] = [
  {
    organization: 'qinchuan-micro',
    nameZh: '沈亦舟',
    nameEn: 'Shen Yizhou',
    title: '研究员 / Research Professor',
    fields: ['功率半导体器件', 'SiC power devices'],
    keywords: ['碳化硅', 'SiC MOSFET', '可靠性', 'reliability'],
    orcid: demoOrcid(1_000_001),
    cluster: 'integrated-circuits',
    bio: '长期从事碳化硅功率器件设计与可靠性研究。\nWorks on the design and reliability of silicon-carbide power devices.',
  },
  {
    organization: 'qinchuan-micro',
    nameZh: '陆佳琪',
    nameEn: 'Lu Jiaqi',
    title: '高级工程师 / Senior Engineer',
    fields: ['模拟集成电路', 'power management IC'],
    keywords: ['LDO', 'DC-DC', '电源管理', 'analog design'],
    orcid: null,
    cluster: 'integrated-circuits',
    bio: '负责低功耗电源管理芯片设计，主导多款车规芯片流片。\nLeads low-power power-management IC design, with several automotive tape-outs.',
  },
  {
    organization: 'shihu-nano',
    nameZh: '顾明远',
    nameEn: 'Gu Mingyuan',
    title: '研究员 / Research Professor',
    fields: ['纳米电池材料', 'nanomaterials for batteries'],
    keywords: ['高镍正极', '碳纳米管', '纳米银', 'battery materials'],
    orcid: demoOrcid(1_000_002),
    cluster: 'nanomaterials',
    bio: '研究锂电池正极材料表面改性与纳米导电剂。\nResearches cathode surface modification and nano conductive additives.',
  },
  {
    organization: 'shihu-nano',
    nameZh: '钱思涵',
    nameEn: 'Qian Sihan',
    title: '副研究员 / Associate Research Professor',
    fields: ['电子显微学', 'electron microscopy'],
    keywords: ['TEM', '原位表征', 'in-situ characterisation'],
    orcid: null,
    cluster: 'nanomaterials',
    bio: '负责电镜平台，专长原位透射电镜表征。\nRuns the electron-microscopy platform; specialises in in-situ TEM.',
  },
  {
    organization: 'chengyuan-biomed',
    nameZh: '蒋文博',
    nameEn: 'Jiang Wenbo',
    title: '首席科学家 / Chief Scientist',
    fields: ['抗体工程', 'antibody engineering'],
    keywords: ['抗体发现', 'CHO', '细胞株开发', 'bioprocess'],
    orcid: demoOrcid(1_000_003),
    cluster: 'biomedicine',
    bio: '从事抗体发现与细胞株工艺开发十余年。\nOver ten years in antibody discovery and cell-line process development.',
  },
  {
    organization: 'fengqiao-ai',
    nameZh: '唐晓岚',
    nameEn: 'Tang Xiaolan',
    title: '研究员 / Research Professor',
    fields: ['计算机视觉', 'computer vision'],
    keywords: ['小样本学习', '缺陷检测', 'few-shot learning', 'industrial vision'],
    orcid: null,
    cluster: 'ai',
    bio: '研究工业视觉中的小样本与异常检测方法。\nResearches few-shot and anomaly detection for industrial vision.',
  },
  {
    organization: 'fengqiao-ai',
    nameZh: '',
    nameEn: 'Daniel Brooks',
    title: 'Senior Research Scientist',
    fields: ['time-series machine learning', '时序数据分析'],
    keywords: ['predictive maintenance', 'anomaly detection', '预测性维护'],
    orcid: null,
    cluster: 'ai',
    bio: 'Builds time-series models for predictive maintenance in discrete manufacturing.',
  },
  {
    organization: 'jianggang-hydrogen',
    nameZh: '许志恒',
    nameEn: 'Xu Zhiheng',
    title: '研究员 / Research Professor',
    fields: ['电解水催化', 'electrocatalysis'],
    keywords: ['PEM电解', '低铱催化剂', 'hydrogen', 'electrolysis'],
    orcid: demoOrcid(1_000_004),
    cluster: 'new-energy',
    bio: '研究电解水制氢催化剂及其放大制备。\nResearches water-electrolysis catalysts and their scale-up.',
  },
  {
    organization: 'jingxiu-semi',
    nameZh: '周启航',
    nameEn: 'Zhou Qihang',
    title: '封装技术总监 / Director of Packaging Technology',
    fields: ['先进封装', 'advanced packaging'],
    keywords: ['扇出型封装', 'SiP', '翘曲', 'fan-out'],
    orcid: null,
    cluster: 'integrated-circuits',
    bio: '负责扇出型与系统级封装工艺开发。\nLeads fan-out and system-in-package process development.',
  },
  {
    organization: 'yuheng-drive',
    nameZh: '冯立诚',
    nameEn: 'Feng Licheng',
    title: '总工程师 / Chief Engineer',
    fields: ['精密传动', 'precision drives'],
    keywords: ['RV减速器', '谐波减速器', 'servo drive', 'robot joints'],
    orcid: null,
    cluster: 'advanced-equipment',
    bio: '主持机器人精密减速器和伺服驱动开发。\nLeads development of precision reducers and servo drives for robots.',
  },
];

export const DEMO_NDA_REQUESTS: readonly DemoNdaRequest[] = [
  {
    achievement: 'shihu-cnt-paste',
    requester: 'yaona-materials',
    message: '我司碳纳米管导电浆料存在储存稳定性问题，希望评估该工艺的许可可能。',
    status: 'accepted',
  },
  {
    achievement: 'chengyuan-cho-screening',
    requester: 'lanyue-bio',
    message: '希望了解该筛选方法在我司抗体管线中的应用可行性及许可条件。',
    status: 'pending',
  },
];

/** Audit events the directory part of the demo writes: one per record and per NDA request. */
export const DEMO_DIRECTORY_EVENTS =
  DEMO_NEEDS.length +
  DEMO_CAPABILITIES.length +
  DEMO_ACHIEVEMENTS.length +
  DEMO_EXPERTS.length +
  DEMO_NDA_REQUESTS.length;
