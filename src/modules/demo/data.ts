/**
 * The illustrative, bilingual demo cluster that `consortia seed demo` loads. Pure data, no I/O.
 *
 * Every enterprise, fund, service organisation and research institute here is FICTIONAL; their
 * websites use the reserved example.com domain. The universities, colleges and government offices
 * are real, described factually and modestly; their cluster memberships are illustrative only.
 * Real organisations carry no invented credit code.
 */
import type {
  ChainPosition,
  District,
  OrganizationKind,
  ServiceType,
  SizeClass,
} from '../organizations/schemas.js';
import { creditCodeCheckCharacter } from '../organizations/rules.js';

export interface DemoCluster {
  slug: string;
  nameZh: string;
  nameEn: string;
}

export interface DemoOrganization {
  /** Stable key that DEMO_USERS refer to. */
  key: string;
  kind: OrganizationKind;
  /** Required for enterprises, null otherwise. */
  sizeClass: SizeClass | null;
  /** Required for kind 'service', null otherwise. */
  serviceType: ServiceType | null;
  nameZh: string;
  nameEn: string;
  /** 18-character unified social credit code, valid per GB 32100-2015. */
  creditCode: string | null;
  /** MOE institution code; universities and vocational colleges only. */
  moeCode: string | null;
  district: District;
  website: string | null;
  descriptionZh: string;
  descriptionEn: string;
  clusters: { cluster: string; chainPosition: ChainPosition }[];
  verified: boolean;
}

export interface DemoUser {
  email: string;
  displayName: string;
  locale: 'zh-CN' | 'en';
  platformRoles: ('cluster_office' | 'auditor' | 'reviewer')[];
  memberships: { org: string; role: 'admin' | 'member' }[];
  /** One short English line describing who this is, printed at start-up. */
  note: string;
}

export const DEMO_PASSWORD = 'consortia-demo-2026';

/**
 * A unified social credit code from its first 17 characters: appends the GB 32100-2015 check
 * character. Throws if the prefix is not 17 code characters with a six-digit division code.
 */
export function demoCreditCode(prefix17: string): string {
  const check = creditCodeCheckCharacter(prefix17);
  if (check === null || !/^\d{6}$/.test(prefix17.slice(2, 8))) {
    throw new Error(`Not a valid credit code prefix: "${prefix17}"`);
  }
  return prefix17 + check;
}

/** Administrative division codes used in positions 3–8 of a credit code. */
const DIVISION_CODES: Readonly<Record<District, string>> = {
  gusu: '320508',
  huqiu: '320505',
  wuzhong: '320506',
  xiangcheng: '320507',
  wujiang: '320509',
  sip: '320594',
  changshu: '320581',
  zhangjiagang: '320582',
  kunshan: '320583',
  taicang: '320585',
};

/**
 * A demo credit code. `registration` is the registering authority and entity type: 91 company
 * (market regulator), 51 social organisation and 52 private non-enterprise unit (civil affairs),
 * 12 public institution. Positions 9–17 imitate a newly issued identifier ('MA1…', 'MJ1…',
 * 'MB1…') but end in 'D', which is never a GB 11714 check character (only 0–9 and X are), so a
 * demo code should not coincide with a registered one. `serial` must be unique.
 */
function code(registration: '91' | '51' | '52' | '12', district: District, serial: number): string {
  const series = registration === '91' ? 'MA1' : registration === '12' ? 'MB1' : 'MJ1';
  return demoCreditCode(
    registration + DIVISION_CODES[district] + series + String(serial).padStart(5, '0') + 'D',
  );
}

export const DEMO_CLUSTERS: readonly DemoCluster[] = [
  { slug: 'biomedicine', nameZh: '生物医药', nameEn: 'Biomedicine' },
  { slug: 'nanomaterials', nameZh: '纳米新材料', nameEn: 'Nano and advanced materials' },
  { slug: 'ai', nameZh: '人工智能', nameEn: 'Artificial intelligence' },
  { slug: 'integrated-circuits', nameZh: '集成电路', nameEn: 'Integrated circuits' },
  { slug: 'advanced-equipment', nameZh: '高端装备', nameEn: 'High-end equipment' },
  { slug: 'new-energy', nameZh: '新能源', nameEn: 'New energy' },
  { slug: 'digital-economy', nameZh: '数字经济', nameEn: 'Digital economy' },
];

const ENTERPRISES: readonly DemoOrganization[] = [
  // Biomedicine
  {
    key: 'lanyue-bio',
    kind: 'enterprise',
    sizeClass: 'leading',
    serviceType: null,
    nameZh: '苏州澜岳生物医药集团股份有限公司',
    nameEn: 'Suzhou Lanyue Biopharma Group Co., Ltd.',
    creditCode: code('91', 'sip', 10101),
    moeCode: null,
    district: 'sip',
    website: 'https://lanyue-bio.example.com',
    descriptionZh:
      '生物医药集群的链主企业，从事抗体药物和重组蛋白药物的研发与商业化生产。公司向本地中小企业开放中试平台，并定期发布试剂、耗材和外包服务的供应商需求。',
    descriptionEn:
      'Chain leader of the biomedicine cluster, developing and manufacturing antibody and recombinant protein drugs at commercial scale. It opens its pilot plant to local SMEs and regularly publishes supplier needs for reagents, consumables and outsourced services.',
    clusters: [{ cluster: 'biomedicine', chainPosition: 'midstream' }],
    verified: true,
  },
  {
    key: 'qinhe-reagents',
    kind: 'enterprise',
    sizeClass: 'medium',
    serviceType: null,
    nameZh: '苏州沁禾试剂科技有限公司',
    nameEn: 'Suzhou Qinhe Reagent Technology Co., Ltd.',
    creditCode: code('91', 'wuzhong', 10102),
    moeCode: null,
    district: 'wuzhong',
    website: 'https://qinhe-reagents.example.com',
    descriptionZh:
      '生产细胞培养基、工具酶和生物工艺试剂，为药企提供国产化替代方案。正在寻找高校合作伙伴，共同开发无血清培养基配方。',
    descriptionEn:
      'Makes cell culture media, tool enzymes and bioprocess reagents, offering drug makers domestic alternatives to imported products. It is looking for university partners to co-develop serum-free media formulations.',
    clusters: [{ cluster: 'biomedicine', chainPosition: 'upstream' }],
    verified: true,
  },
  {
    key: 'pulan-cro',
    kind: 'enterprise',
    sizeClass: 'small',
    serviceType: null,
    nameZh: '苏州谱岚医药研发服务有限公司',
    nameEn: 'Suzhou Pulan Pharmaceutical R&D Services Co., Ltd.',
    creditCode: code('91', 'xiangcheng', 10103),
    moeCode: null,
    district: 'xiangcheng',
    website: 'https://pulan-cro.example.com',
    descriptionZh:
      '提供临床前药理、药代动力学和生物分析服务的合同研究组织（CRO），客户以本地创新药企业为主。',
    descriptionEn:
      'A contract research organisation (CRO) offering preclinical pharmacology, pharmacokinetics and bioanalysis, mostly for local innovative drug companies.',
    clusters: [{ cluster: 'biomedicine', chainPosition: 'downstream' }],
    verified: true,
  },
  {
    key: 'ruixi-dx',
    kind: 'enterprise',
    sizeClass: 'micro',
    serviceType: null,
    nameZh: '苏州芮析智能诊断科技有限公司',
    nameEn: 'Suzhou Ruixi Intelligent Diagnostics Co., Ltd.',
    creditCode: code('91', 'gusu', 10104),
    moeCode: null,
    district: 'gusu',
    website: 'https://ruixi-dx.example.com',
    descriptionZh:
      '初创团队，开发病理切片图像的人工智能辅助分析软件。目前正在寻找医院和高校合作，开展标注数据建设和临床验证。',
    descriptionEn:
      'A start-up developing AI-assisted analysis software for pathology slide images. It is seeking hospital and university partners for annotated datasets and clinical validation.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'downstream' },
      { cluster: 'ai', chainPosition: 'downstream' },
    ],
    verified: false,
  },
  {
    key: 'lianchuan-pharma',
    kind: 'enterprise',
    sizeClass: 'large',
    serviceType: null,
    nameZh: '苏州濂川医药供应链有限公司',
    nameEn: 'Suzhou Lianchuan Pharmaceutical Supply Chain Co., Ltd.',
    creditCode: code('91', 'taicang', 10105),
    moeCode: null,
    district: 'taicang',
    website: 'https://lianchuan-pharma.example.com',
    descriptionZh: '为生物制品提供冷链仓储和配送服务，覆盖长三角地区的医院和药房。',
    descriptionEn:
      'Provides cold-chain warehousing and distribution for biologics, serving hospitals and pharmacies across the Yangtze River Delta.',
    clusters: [{ cluster: 'biomedicine', chainPosition: 'downstream' }],
    verified: true,
  },
  // Nano and advanced materials
  {
    key: 'yaona-materials',
    kind: 'enterprise',
    sizeClass: 'leading',
    serviceType: null,
    nameZh: '苏州曜纳新材料股份有限公司',
    nameEn: 'Suzhou Yaona Advanced Materials Co., Ltd.',
    creditCode: code('91', 'sip', 10106),
    moeCode: null,
    district: 'sip',
    website: 'https://yaona-materials.example.com',
    descriptionZh:
      '纳米新材料集群的链主企业，规模化生产纳米碳导电剂和纳米涂覆隔膜，主要供应动力电池和储能电池制造商。公司牵头组织上游粉体供应商开展联合攻关。',
    descriptionEn:
      'Chain leader of the nanomaterials cluster, producing nano-carbon conductive additives and nano-coated separators at scale, mainly for traction and storage battery makers. It leads joint development projects with upstream powder suppliers.',
    clusters: [
      { cluster: 'nanomaterials', chainPosition: 'midstream' },
      { cluster: 'new-energy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'weiheng-nano',
    kind: 'enterprise',
    sizeClass: 'small',
    serviceType: null,
    nameZh: '苏州微珩纳米科技有限公司',
    nameEn: 'Suzhou Weiheng Nanotech Co., Ltd.',
    creditCode: code('91', 'wuzhong', 10107),
    moeCode: null,
    district: 'wuzhong',
    website: 'https://weiheng-nano.example.com',
    descriptionZh: '生产高纯纳米氧化物粉体和前驱体，并承接小批量定制合成。',
    descriptionEn:
      'Produces high-purity nano oxide powders and precursors, and takes on small-batch custom synthesis.',
    clusters: [{ cluster: 'nanomaterials', chainPosition: 'upstream' }],
    verified: true,
  },
  {
    key: 'chengmo-coating',
    kind: 'enterprise',
    sizeClass: 'medium',
    serviceType: null,
    nameZh: '苏州澄膜涂层技术有限公司',
    nameEn: 'Suzhou Chengmo Coating Technology Co., Ltd.',
    creditCode: code('91', 'changshu', 10108),
    moeCode: null,
    district: 'changshu',
    website: 'https://chengmo-coating.example.com',
    descriptionZh: '将纳米功能涂层应用于汽车玻璃和纺织面料，产品包括防雾、疏水和抗菌涂层。',
    descriptionEn:
      'Applies nano functional coatings to automotive glass and textiles, including anti-fog, water-repellent and antibacterial coatings.',
    clusters: [{ cluster: 'nanomaterials', chainPosition: 'downstream' }],
    verified: true,
  },
  // Artificial intelligence and digital economy
  {
    key: 'shuyan-ai',
    kind: 'enterprise',
    sizeClass: 'leading',
    serviceType: null,
    nameZh: '苏州枢言智能科技股份有限公司',
    nameEn: 'Suzhou Shuyan Intelligent Technology Co., Ltd.',
    creditCode: code('91', 'xiangcheng', 10109),
    moeCode: null,
    district: 'xiangcheng',
    website: 'https://shuyan-ai.example.com',
    descriptionZh:
      '人工智能集群的链主企业，研发面向制造业和政务服务的语音与语言模型，并提供模型接口和行业微调平台。公司向集群内企业开放算力和评测工具。',
    descriptionEn:
      'Chain leader of the AI cluster, building speech and language models for manufacturing and public services, offered through model APIs and an industry fine-tuning platform. It shares compute and evaluation tools with cluster members.',
    clusters: [
      { cluster: 'ai', chainPosition: 'midstream' },
      { cluster: 'digital-economy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'shusui-data',
    kind: 'enterprise',
    sizeClass: 'micro',
    serviceType: null,
    nameZh: '苏州数穗数据科技有限公司',
    nameEn: 'Suzhou Shusui Data Technology Co., Ltd.',
    creditCode: code('91', 'gusu', 10110),
    moeCode: null,
    district: 'gusu',
    website: 'https://shusui-data.example.com',
    descriptionZh: '为工业视觉和中文文本任务提供数据标注与数据集构建服务，按数据安全要求进行脱敏处理。',
    descriptionEn:
      'Annotates data and builds datasets for industrial vision and Chinese-language text tasks, de-identifying data in line with data-security rules.',
    clusters: [
      { cluster: 'ai', chainPosition: 'upstream' },
      { cluster: 'digital-economy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'tongju-vision',
    kind: 'enterprise',
    sizeClass: 'small',
    serviceType: null,
    nameZh: '苏州瞳矩视觉科技有限公司',
    nameEn: 'Suzhou Tongju Vision Technology Co., Ltd.',
    creditCode: code('91', 'kunshan', 10111),
    moeCode: null,
    district: 'kunshan',
    website: 'https://tongju-vision.example.com',
    descriptionZh: '为电子装配产线提供机器视觉检测系统，用于外观缺陷识别和装配质量检查。',
    descriptionEn:
      'Supplies machine-vision inspection systems to electronics assembly lines for surface-defect detection and assembly checks.',
    clusters: [
      { cluster: 'ai', chainPosition: 'downstream' },
      { cluster: 'advanced-equipment', chainPosition: 'downstream' },
    ],
    verified: true,
  },
  {
    key: 'yunzhan-iiot',
    kind: 'enterprise',
    sizeClass: 'medium',
    serviceType: null,
    nameZh: '苏州云栈工业互联网科技有限公司',
    nameEn: 'Suzhou Yunzhan Industrial Internet Technology Co., Ltd.',
    creditCode: code('91', 'xiangcheng', 10112),
    moeCode: null,
    district: 'xiangcheng',
    website: 'https://yunzhan-iiot.example.com',
    descriptionZh: '运营面向离散制造企业的工业互联网平台，采集设备数据并提供能耗分析和预测性维护应用。',
    descriptionEn:
      'Runs an industrial internet platform for discrete manufacturers that collects equipment data and offers energy analysis and predictive maintenance applications.',
    clusters: [
      { cluster: 'digital-economy', chainPosition: 'midstream' },
      { cluster: 'ai', chainPosition: 'downstream' },
    ],
    verified: true,
  },
  {
    key: 'xiangmo-digital',
    kind: 'enterprise',
    sizeClass: 'micro',
    serviceType: null,
    nameZh: '苏州巷陌数字文化科技有限公司',
    nameEn: 'Suzhou Xiangmo Digital Culture Technology Co., Ltd.',
    creditCode: code('91', 'gusu', 10113),
    moeCode: null,
    district: 'gusu',
    website: 'https://xiangmo-digital.example.com',
    descriptionZh: '为历史街区和园林制作三维数字孪生与导览内容，服务文化旅游项目。',
    descriptionEn:
      'Creates 3D digital twins and guided-tour content of historic streets and gardens for cultural tourism projects.',
    clusters: [{ cluster: 'digital-economy', chainPosition: 'downstream' }],
    verified: false,
  },
  // Integrated circuits
  {
    key: 'jingxiu-semi',
    kind: 'enterprise',
    sizeClass: 'leading',
    serviceType: null,
    nameZh: '苏州晶岫半导体股份有限公司',
    nameEn: 'Suzhou Jingxiu Semiconductor Co., Ltd.',
    creditCode: code('91', 'sip', 10114),
    moeCode: null,
    district: 'sip',
    website: 'https://jingxiu-semi.example.com',
    descriptionZh:
      '集成电路集群的链主企业，提供扇出型封装和系统级封装等先进封装测试服务。公司牵头推动封装材料和设备零部件的本地配套。',
    descriptionEn:
      'Chain leader of the integrated-circuit cluster, offering advanced packaging and test services such as fan-out and system-in-package. It leads efforts to source packaging materials and equipment parts locally.',
    clusters: [{ cluster: 'integrated-circuits', chainPosition: 'midstream' }],
    verified: true,
  },
  {
    key: 'xinli-materials',
    kind: 'enterprise',
    sizeClass: 'medium',
    serviceType: null,
    nameZh: '苏州芯砾电子材料有限公司',
    nameEn: 'Suzhou Xinli Electronic Materials Co., Ltd.',
    creditCode: code('91', 'zhangjiagang', 10115),
    moeCode: null,
    district: 'zhangjiagang',
    website: 'https://xinli-materials.example.com',
    descriptionZh: '生产电子级湿化学品和以纳米磨料为基础的化学机械抛光液，供应晶圆制造和封装企业。',
    descriptionEn:
      'Produces electronic-grade wet chemicals and chemical-mechanical polishing slurries based on nano abrasives for wafer fabs and packaging plants.',
    clusters: [
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
      { cluster: 'nanomaterials', chainPosition: 'midstream' },
    ],
    verified: true,
  },
  {
    key: 'xicheng-micro',
    kind: 'enterprise',
    sizeClass: 'small',
    serviceType: null,
    nameZh: '苏州矽程微电子有限公司',
    nameEn: 'Suzhou Xicheng Microelectronics Co., Ltd.',
    creditCode: code('91', 'huqiu', 10116),
    moeCode: null,
    district: 'huqiu',
    website: 'https://xicheng-micro.example.com',
    descriptionZh:
      '无晶圆厂芯片设计公司，专注电源管理芯片和电池管理芯片。正在寻找封装测试伙伴和高校联合培养的模拟电路设计人才。',
    descriptionEn:
      'A fabless chip designer focused on power-management and battery-management ICs. It is looking for packaging and test partners and for analogue design talent trained jointly with universities.',
    clusters: [
      { cluster: 'integrated-circuits', chainPosition: 'midstream' },
      { cluster: 'new-energy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'qiduo-auto',
    kind: 'enterprise',
    sizeClass: 'large',
    serviceType: null,
    nameZh: '苏州启铎汽车电子有限公司',
    nameEn: 'Suzhou Qiduo Automotive Electronics Co., Ltd.',
    creditCode: code('91', 'kunshan', 10117),
    moeCode: null,
    district: 'kunshan',
    website: 'https://qiduo-auto.example.com',
    descriptionZh: '为新能源汽车生产电子控制单元和电池管理模块，是本地芯片的重要应用方。',
    descriptionEn:
      'Manufactures electronic control units and battery-management modules for new-energy vehicles, and is a major user of locally designed chips.',
    clusters: [
      { cluster: 'integrated-circuits', chainPosition: 'downstream' },
      { cluster: 'new-energy', chainPosition: 'downstream' },
    ],
    verified: true,
  },
  // High-end equipment
  {
    key: 'chengyue-equipment',
    kind: 'enterprise',
    sizeClass: 'leading',
    serviceType: null,
    nameZh: '苏州铖岳精密装备集团股份有限公司',
    nameEn: 'Suzhou Chengyue Precision Equipment Group Co., Ltd.',
    creditCode: code('91', 'wujiang', 10118),
    moeCode: null,
    district: 'wujiang',
    website: 'https://chengyue-equipment.example.com',
    descriptionZh:
      '高端装备集群的链主企业，制造五轴加工中心和晶圆搬运设备。公司通过平台发布关键零部件的联合研发需求。',
    descriptionEn:
      'Chain leader of the high-end equipment cluster, building five-axis machining centres and wafer-handling equipment. It publishes joint development needs for key components on the platform.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'midstream' },
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'yuheng-drive',
    kind: 'enterprise',
    sizeClass: 'medium',
    serviceType: null,
    nameZh: '苏州驭衡传动科技有限公司',
    nameEn: 'Suzhou Yuheng Drive Technology Co., Ltd.',
    creditCode: code('91', 'wujiang', 10119),
    moeCode: null,
    district: 'wujiang',
    website: 'https://yuheng-drive.example.com',
    descriptionZh: '生产用于工业机器人和数控机床的精密减速器与伺服驱动器。',
    descriptionEn: 'Makes precision reducers and servo drives for industrial robots and CNC machine tools.',
    clusters: [{ cluster: 'advanced-equipment', chainPosition: 'upstream' }],
    verified: true,
  },
  {
    key: 'louan-precision',
    kind: 'enterprise',
    sizeClass: 'large',
    serviceType: null,
    nameZh: '苏州娄岸精工机械有限公司',
    nameEn: "Suzhou Lou'an Precision Machinery Co., Ltd.",
    creditCode: code('91', 'taicang', 10120),
    moeCode: null,
    district: 'taicang',
    website: 'https://louan-precision.example.com',
    descriptionZh: '为机床和工程机械整机厂加工精密轴类零件和液压阀块。',
    descriptionEn:
      'Machines precision shafts and hydraulic valve blocks for machine-tool and construction-machinery makers.',
    clusters: [{ cluster: 'advanced-equipment', chainPosition: 'upstream' }],
    verified: true,
  },
  {
    key: 'limu-robotics',
    kind: 'enterprise',
    sizeClass: 'micro',
    serviceType: null,
    nameZh: '苏州栎木机器人科技有限公司',
    nameEn: 'Suzhou Limu Robotics Co., Ltd.',
    creditCode: code('91', 'huqiu', 10121),
    moeCode: null,
    district: 'huqiu',
    website: 'https://limu-robotics.example.com',
    descriptionZh: '为中小制造企业集成焊接和码垛机器人工作站，提供从方案设计到现场调试的服务。',
    descriptionEn:
      'Integrates welding and palletising robot cells for small manufacturers, from cell design to on-site commissioning.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'downstream' },
      { cluster: 'ai', chainPosition: 'downstream' },
    ],
    verified: true,
  },
  // New energy
  {
    key: 'shalan-hydrogen',
    kind: 'enterprise',
    sizeClass: 'large',
    serviceType: null,
    nameZh: '苏州沙岚氢能装备有限公司',
    nameEn: 'Suzhou Shalan Hydrogen Equipment Co., Ltd.',
    creditCode: code('91', 'zhangjiagang', 10122),
    moeCode: null,
    district: 'zhangjiagang',
    website: 'https://shalan-hydrogen.example.com',
    descriptionZh: '制造碱性和质子交换膜电解水制氢设备，以及加氢站用压缩机。',
    descriptionEn:
      'Builds alkaline and proton-exchange-membrane electrolysers and compressors for hydrogen refuelling stations.',
    clusters: [
      { cluster: 'new-energy', chainPosition: 'midstream' },
      { cluster: 'advanced-equipment', chainPosition: 'midstream' },
    ],
    verified: true,
  },
  {
    key: 'yichu-energy',
    kind: 'enterprise',
    sizeClass: 'medium',
    serviceType: null,
    nameZh: '苏州熠储能源科技有限公司',
    nameEn: 'Suzhou Yichu Energy Technology Co., Ltd.',
    creditCode: code('91', 'changshu', 10123),
    moeCode: null,
    district: 'changshu',
    website: 'https://yichu-energy.example.com',
    descriptionZh: '集成工商业储能系统，包括电池柜、能量管理系统和并网设备。',
    descriptionEn:
      'Integrates commercial and industrial energy-storage systems, including battery cabinets, energy management systems and grid-connection equipment.',
    clusters: [{ cluster: 'new-energy', chainPosition: 'midstream' }],
    verified: true,
  },
  {
    key: 'guangyu-energy',
    kind: 'enterprise',
    sizeClass: 'small',
    serviceType: null,
    nameZh: '苏州光屿能源服务有限公司',
    nameEn: 'Suzhou Guangyu Energy Services Co., Ltd.',
    creditCode: code('91', 'wujiang', 10124),
    moeCode: null,
    district: 'wujiang',
    website: 'https://guangyu-energy.example.com',
    descriptionZh: '为工厂屋顶光伏电站提供运维服务，采用无人机巡检和发电数据分析。',
    descriptionEn:
      'Operates and maintains rooftop solar plants on factories, using drone inspection and generation-data analysis.',
    clusters: [{ cluster: 'new-energy', chainPosition: 'downstream' }],
    verified: true,
  },
];

const UNIVERSITIES: readonly DemoOrganization[] = [
  {
    key: 'suda',
    kind: 'university',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州大学',
    nameEn: 'Soochow University',
    creditCode: null,
    moeCode: '4132010285',
    district: 'gusu',
    website: 'https://www.suda.edu.cn',
    descriptionZh:
      '苏州大学是江苏省属重点综合性大学，国家“211工程”重点建设高校，其前身是1900年创办的东吴大学。学校学科覆盖理、工、医、文等多个门类。',
    descriptionEn:
      'Soochow University is a key comprehensive university of Jiangsu Province and one of China’s “Project 211” universities; it traces its history to Soochow University, founded in 1900. Its disciplines span the sciences, engineering, medicine and the humanities.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'upstream' },
      { cluster: 'nanomaterials', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'usts',
    kind: 'university',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州科技大学',
    nameEn: 'Suzhou University of Science and Technology',
    creditCode: null,
    moeCode: '4132010332',
    district: 'huqiu',
    website: 'https://www.usts.edu.cn',
    descriptionZh:
      '苏州科技大学是江苏省属本科高校，由原苏州城建环保学院和原苏州铁道师范学院合并组建。学校以工科为主，理、文、管、艺等学科协调发展。',
    descriptionEn:
      'Suzhou University of Science and Technology is a provincial university formed by merging the former Suzhou Institute of Urban Construction and Environmental Protection with the former Suzhou Railway Teachers College. Engineering is its main field, alongside the sciences, humanities, management and the arts.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'upstream' },
      { cluster: 'digital-economy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'cslg',
    kind: 'university',
    sizeClass: null,
    serviceType: null,
    nameZh: '常熟理工学院',
    nameEn: 'Changshu Institute of Technology',
    creditCode: null,
    moeCode: '4132010333',
    district: 'changshu',
    website: null,
    descriptionZh:
      '常熟理工学院是位于常熟市的公办本科院校，以培养应用型人才为办学定位，设有工、理、经、管、文等学科专业。',
    descriptionEn:
      'Changshu Institute of Technology is a public undergraduate institution in Changshu focused on applied education, with programmes in engineering, science, economics, management and the humanities.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'upstream' },
      { cluster: 'new-energy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'xjtlu',
    kind: 'university',
    sizeClass: null,
    serviceType: null,
    nameZh: '西交利物浦大学',
    nameEn: "Xi'an Jiaotong-Liverpool University",
    creditCode: null,
    moeCode: '4132016403',
    district: 'sip',
    website: 'https://www.xjtlu.edu.cn',
    descriptionZh:
      '西交利物浦大学是西安交通大学与英国利物浦大学合作创办的中外合作大学，2006年经教育部批准设立，校园位于苏州工业园区。学校主要以英语授课。',
    descriptionEn:
      "Xi'an Jiaotong-Liverpool University is a Sino-foreign university founded by Xi'an Jiaotong University and the University of Liverpool, approved by the Ministry of Education in 2006, with its campus in Suzhou Industrial Park. Teaching is mainly in English.",
    clusters: [
      { cluster: 'ai', chainPosition: 'upstream' },
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'dku',
    kind: 'university',
    sizeClass: null,
    serviceType: null,
    nameZh: '昆山杜克大学',
    nameEn: 'Duke Kunshan University',
    creditCode: null,
    moeCode: null,
    district: 'kunshan',
    website: 'https://www.dukekunshan.edu.cn',
    descriptionZh:
      '昆山杜克大学是美国杜克大学与武汉大学合作举办的中外合作大学，位于昆山市，以英语授课，设有本科和硕士项目。',
    descriptionEn:
      'Duke Kunshan University is a Sino-foreign university established by Duke University and Wuhan University in Kunshan. It teaches in English and offers undergraduate and master’s programmes.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'upstream' },
      { cluster: 'ai', chainPosition: 'upstream' },
    ],
    verified: true,
  },
];

const VOCATIONAL_COLLEGES: readonly DemoOrganization[] = [
  {
    key: 'siit',
    kind: 'vocational_college',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州工业职业技术学院',
    nameEn: 'Suzhou Vocational Institute of Industrial Technology',
    creditCode: null,
    moeCode: '4132012686',
    district: 'wuzhong',
    website: 'https://www.siit.edu.cn',
    descriptionZh:
      '苏州工业职业技术学院是2003年经江苏省人民政府批准设立的公办高职院校，前身可追溯到1946年创办的江苏省立苏州高级工业职业学校，校址位于吴中区苏州国际教育园。专业主要集中在精密制造、机电和电子信息等领域。',
    descriptionEn:
      'Suzhou Vocational Institute of Industrial Technology is a public higher vocational college approved by the Jiangsu Provincial Government in 2003; its history goes back to a provincial industrial vocational school founded in Suzhou in 1946. It is located in the Suzhou International Education Park in Wuzhong District, and its programmes centre on precision manufacturing, mechatronics and electronics.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'upstream' },
      { cluster: 'digital-economy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'svu',
    kind: 'vocational_college',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州职业大学',
    nameEn: 'Suzhou Vocational University',
    creditCode: null,
    moeCode: '4132011054',
    district: 'wuzhong',
    website: 'https://www.jssvc.edu.cn',
    descriptionZh:
      '苏州职业大学是1981年经江苏省人民政府批准设立的市属公办高职院校，主校区位于吴中区苏州国际教育园。专业覆盖电子信息、装备制造、财经商贸和文化艺术等大类。',
    descriptionEn:
      'Suzhou Vocational University is a municipal public higher vocational college approved by the Jiangsu Provincial Government in 1981, with its main campus in the Suzhou International Education Park in Wuzhong District. Its programmes cover electronics and information, equipment manufacturing, finance and trade, and culture and the arts.',
    clusters: [
      { cluster: 'digital-economy', chainPosition: 'upstream' },
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'sipivt',
    kind: 'vocational_college',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州工业园区职业技术学院',
    nameEn: 'Suzhou Industrial Park Institute of Vocational Technology',
    creditCode: null,
    moeCode: '4132012809',
    district: 'sip',
    website: null,
    descriptionZh:
      '苏州工业园区职业技术学院于1997年经江苏省人民政府批准设立，位于苏州工业园区。学校借鉴新加坡南洋理工学院的办学模式，注重校企合作。',
    descriptionEn:
      'Suzhou Industrial Park Institute of Vocational Technology was approved by the Jiangsu Provincial Government in 1997 and is located in Suzhou Industrial Park. Its model draws on that of Singapore’s Nanyang Polytechnic, with an emphasis on college–industry cooperation.',
    clusters: [
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
      { cluster: 'advanced-equipment', chainPosition: 'upstream' },
    ],
    verified: true,
  },
];

const RESEARCH_INSTITUTES: readonly DemoOrganization[] = [
  {
    key: 'chengyuan-biomed',
    kind: 'research_institute',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州澄源生物医药研究院',
    nameEn: 'Suzhou Chengyuan Institute of Biomedicine',
    creditCode: code('52', 'sip', 20101),
    moeCode: null,
    district: 'sip',
    website: 'https://chengyuan-biomed.example.com',
    descriptionZh: '新型研发机构，提供抗体发现和细胞株工艺开发服务，并对外开放中试规模的生物反应器。',
    descriptionEn:
      'A new-type R&D institute offering antibody discovery and cell-line process development, with pilot-scale bioreactors open to outside users.',
    clusters: [{ cluster: 'biomedicine', chainPosition: 'upstream' }],
    verified: true,
  },
  {
    key: 'shihu-nano',
    kind: 'research_institute',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州石湖纳米材料研究院',
    nameEn: 'Suzhou Shihu Institute of Nanomaterials',
    creditCode: code('12', 'wuzhong', 20102),
    moeCode: null,
    district: 'wuzhong',
    website: 'https://shihu-nano.example.com',
    descriptionZh:
      '研究纳米材料的可控制备与表征，重点方向为电池材料和功能涂层。研究院的电镜和表面分析平台向集群企业开放预约。',
    descriptionEn:
      'Studies the controlled synthesis and characterisation of nanomaterials, focusing on battery materials and functional coatings. Its electron microscopy and surface analysis facilities can be booked by cluster companies.',
    clusters: [
      { cluster: 'nanomaterials', chainPosition: 'upstream' },
      { cluster: 'new-energy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'fengqiao-ai',
    kind: 'research_institute',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州枫桥智能计算研究院',
    nameEn: 'Suzhou Fengqiao Institute of Intelligent Computing',
    creditCode: code('52', 'huqiu', 20103),
    moeCode: null,
    district: 'huqiu',
    website: 'https://fengqiao-ai.example.com',
    descriptionZh: '研究面向工业场景的机器学习算法，运营共享算力平台，为中小企业提供模型训练资源。',
    descriptionEn:
      'Researches machine-learning methods for industrial settings and runs a shared compute platform that gives SMEs resources for model training.',
    clusters: [
      { cluster: 'ai', chainPosition: 'upstream' },
      { cluster: 'digital-economy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'yangcheng-equipment',
    kind: 'research_institute',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州阳澄先进装备研究院',
    nameEn: 'Suzhou Yangcheng Institute of Advanced Equipment',
    creditCode: code('52', 'xiangcheng', 20104),
    moeCode: null,
    district: 'xiangcheng',
    website: 'https://yangcheng-equipment.example.com',
    descriptionZh: '研究精密运动控制和机器人可靠性，提供整机寿命测试与故障分析服务。',
    descriptionEn:
      'Researches precision motion control and robot reliability, and offers whole-machine life testing and failure analysis.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'upstream' },
      { cluster: 'ai', chainPosition: 'upstream' },
    ],
    verified: false,
  },
  {
    key: 'qinchuan-micro',
    kind: 'research_institute',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州琴川微电子研究院',
    nameEn: 'Suzhou Qinchuan Institute of Microelectronics',
    creditCode: code('12', 'changshu', 20105),
    moeCode: null,
    district: 'changshu',
    website: 'https://qinchuan-micro.example.com',
    descriptionZh: '研究碳化硅功率器件的设计与可靠性，为芯片设计企业提供器件建模和可靠性测试服务。',
    descriptionEn:
      'Researches the design and reliability of silicon-carbide power devices, and offers device modelling and reliability testing to chip design companies.',
    clusters: [{ cluster: 'integrated-circuits', chainPosition: 'upstream' }],
    verified: true,
  },
  {
    key: 'jianggang-hydrogen',
    kind: 'research_institute',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州江港氢能研究院',
    nameEn: 'Suzhou Jianggang Institute of Hydrogen Energy',
    creditCode: code('52', 'zhangjiagang', 20106),
    moeCode: null,
    district: 'zhangjiagang',
    website: 'https://jianggang-hydrogen.example.com',
    descriptionZh: '研究电解水制氢催化剂和储氢安全技术，建有氢能装备检测平台。',
    descriptionEn:
      'Researches catalysts for water electrolysis and hydrogen storage safety, and operates a test platform for hydrogen equipment.',
    clusters: [{ cluster: 'new-energy', chainPosition: 'upstream' }],
    verified: true,
  },
];

const GOVERNMENT_OFFICES: readonly DemoOrganization[] = [
  {
    key: 'sz-stb',
    kind: 'government',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州市科学技术局',
    nameEn: 'Suzhou Municipal Science and Technology Bureau',
    creditCode: null,
    moeCode: null,
    district: 'gusu',
    website: null,
    descriptionZh:
      '苏州市人民政府主管全市科技工作的部门，负责科技规划、科技计划和科技成果转化等工作。在本演示中，它作为集群办公室审核入驻机构。',
    descriptionEn:
      'The department of the Suzhou Municipal Government responsible for science and technology, including planning, funding programmes and technology transfer. In this demo it acts as the cluster office that verifies member organisations.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'upstream' },
      { cluster: 'ai', chainPosition: 'upstream' },
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'sip-stic',
    kind: 'government',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州工业园区科技创新委员会',
    nameEn: 'Suzhou Industrial Park Science and Technology Innovation Committee',
    creditCode: null,
    moeCode: null,
    district: 'sip',
    website: null,
    descriptionZh: '苏州工业园区主管科技创新工作的部门，负责园区科技创新政策和科技项目的组织实施。',
    descriptionEn:
      'The office of Suzhou Industrial Park responsible for science and technology innovation, which sets the park’s innovation policies and runs its science and technology programmes.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'upstream' },
      { cluster: 'nanomaterials', chainPosition: 'upstream' },
      { cluster: 'ai', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'snd-stb',
    kind: 'government',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州高新区科技局',
    nameEn: 'Suzhou New District Science and Technology Bureau',
    creditCode: null,
    moeCode: null,
    district: 'huqiu',
    website: null,
    descriptionZh: '苏州高新区（虎丘区）主管科技工作的部门，负责区内科技项目、创新载体建设和科技企业培育。',
    descriptionEn:
      'The office of Suzhou New District (Huqiu District) responsible for science and technology, covering local research programmes, innovation facilities and support for technology companies.',
    clusters: [
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
      { cluster: 'advanced-equipment', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'kunshan-stb',
    kind: 'government',
    sizeClass: null,
    serviceType: null,
    nameZh: '昆山市科学技术局',
    nameEn: 'Kunshan Municipal Science and Technology Bureau',
    creditCode: null,
    moeCode: null,
    district: 'kunshan',
    website: null,
    descriptionZh: '昆山市人民政府主管科技工作的部门，负责全市科技计划、创新平台建设和科技企业培育。',
    descriptionEn:
      'The department of the Kunshan Municipal Government responsible for science and technology, covering research programmes, innovation platforms and support for technology companies.',
    clusters: [
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
      { cluster: 'digital-economy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
];

const FUNDS: readonly DemoOrganization[] = [
  {
    key: 'luting-vc',
    kind: 'fund',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州鹭汀创业投资合伙企业（有限合伙）',
    nameEn: 'Suzhou Luting Venture Capital Partnership (LP)',
    creditCode: code('91', 'sip', 30101),
    moeCode: null,
    district: 'sip',
    website: 'https://luting-vc.example.com',
    descriptionZh:
      '早期创业投资基金，主要投资生物医药和人工智能领域的种子轮和A轮项目，关注高校科研成果转化。',
    descriptionEn:
      'An early-stage venture fund investing mainly in seed and Series A rounds in biomedicine and AI, with an interest in spin-outs from university research.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'upstream' },
      { cluster: 'ai', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'loucheng-fund',
    kind: 'fund',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州娄澄产业投资基金合伙企业（有限合伙）',
    nameEn: 'Suzhou Loucheng Industrial Investment Fund Partnership (LP)',
    creditCode: code('91', 'kunshan', 30102),
    moeCode: null,
    district: 'kunshan',
    website: 'https://loucheng-fund.example.com',
    descriptionZh: '产业投资基金，投资集成电路和高端装备企业的产能扩张与并购整合，重点支持本地配套项目。',
    descriptionEn:
      'An industrial investment fund backing capacity expansion and mergers at integrated-circuit and high-end equipment companies, with priority for local supply-chain projects.',
    clusters: [
      { cluster: 'integrated-circuits', chainPosition: 'midstream' },
      { cluster: 'advanced-equipment', chainPosition: 'midstream' },
    ],
    verified: true,
  },
  {
    key: 'songlan-angel',
    kind: 'fund',
    sizeClass: null,
    serviceType: null,
    nameZh: '苏州松岚天使投资合伙企业（有限合伙）',
    nameEn: 'Suzhou Songlan Angel Investment Partnership (LP)',
    creditCode: code('91', 'wujiang', 30103),
    moeCode: null,
    district: 'wujiang',
    website: 'https://songlan-angel.example.com',
    descriptionZh: '天使投资基金，投资新能源和数字经济领域的初创团队，单笔投资规模较小。',
    descriptionEn:
      'An angel fund making small first investments in new-energy and digital-economy start-ups.',
    clusters: [
      { cluster: 'new-energy', chainPosition: 'upstream' },
      { cluster: 'digital-economy', chainPosition: 'upstream' },
    ],
    verified: false,
  },
];

const SERVICE_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    key: 'qitong-incubator',
    kind: 'service',
    sizeClass: null,
    serviceType: 'incubator',
    nameZh: '苏州栖桐孵化器管理有限公司',
    nameEn: 'Suzhou Qitong Incubator Management Co., Ltd.',
    creditCode: code('91', 'sip', 40101),
    moeCode: null,
    district: 'sip',
    website: 'https://qitong-incubator.example.com',
    descriptionZh: '运营配有湿实验室和共享仪器的孵化器，服务生物医药和新材料初创企业。',
    descriptionEn:
      'Runs an incubator with wet labs and shared instruments for biomedicine and new-materials start-ups.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'upstream' },
      { cluster: 'nanomaterials', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'shiling-incubator',
    kind: 'service',
    sizeClass: null,
    serviceType: 'incubator',
    nameZh: '苏州狮岭众创孵化器有限公司',
    nameEn: 'Suzhou Shiling Maker Incubator Co., Ltd.',
    creditCode: code('91', 'huqiu', 40102),
    moeCode: null,
    district: 'huqiu',
    website: 'https://shiling-incubator.example.com',
    descriptionZh: '为人工智能和芯片设计初创团队提供办公空间、共享设计工具和创业辅导。',
    descriptionEn: 'Offers workspace, shared design tools and mentoring to AI and chip-design start-ups.',
    clusters: [
      { cluster: 'ai', chainPosition: 'upstream' },
      { cluster: 'integrated-circuits', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'hengzhi-ttc',
    kind: 'service',
    sizeClass: null,
    serviceType: 'technology_transfer',
    nameZh: '苏州衡知技术转移服务有限公司',
    nameEn: 'Suzhou Hengzhi Technology Transfer Services Co., Ltd.',
    creditCode: code('91', 'gusu', 40103),
    moeCode: null,
    district: 'gusu',
    website: 'https://hengzhi-ttc.example.com',
    descriptionZh: '为高校和科研院所提供专利评估、技术许可谈判和作价入股等成果转化服务。',
    descriptionEn:
      'Helps universities and research institutes commercialise results through patent assessment, licence negotiation and equity-for-technology deals.',
    clusters: [
      { cluster: 'biomedicine', chainPosition: 'upstream' },
      { cluster: 'nanomaterials', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'qiaoyan-ttc',
    kind: 'service',
    sizeClass: null,
    serviceType: 'technology_transfer',
    nameZh: '苏州桥研技术转移有限公司',
    nameEn: 'Suzhou Qiaoyan Technology Transfer Co., Ltd.',
    creditCode: code('91', 'kunshan', 40104),
    moeCode: null,
    district: 'kunshan',
    website: 'https://qiaoyan-ttc.example.com',
    descriptionZh: '对接制造企业的技术需求与高校团队，组织装备和新能源领域的联合攻关项目。',
    descriptionEn:
      'Matches manufacturers’ technical needs with university teams and organises joint projects in equipment and new energy.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'upstream' },
      { cluster: 'new-energy', chainPosition: 'upstream' },
    ],
    verified: true,
  },
  {
    key: 'lakeside-bio-assoc',
    kind: 'service',
    sizeClass: null,
    serviceType: 'industry_association',
    nameZh: '苏州环湖生物医药产业协会',
    nameEn: 'Suzhou Lakeside Biomedicine Industry Association',
    creditCode: code('51', 'wuzhong', 40105),
    moeCode: null,
    district: 'wuzhong',
    website: 'https://lakeside-bio.example.com',
    descriptionZh: '由生物医药企业自愿组成的行业协会，组织法规培训、供需对接和行业调研。',
    descriptionEn:
      'A voluntary association of biomedicine companies that organises regulatory training, supplier matchmaking and industry surveys.',
    clusters: [{ cluster: 'biomedicine', chainPosition: 'midstream' }],
    verified: true,
  },
  {
    key: 'zhilian-equipment-assoc',
    kind: 'service',
    sizeClass: null,
    serviceType: 'industry_association',
    nameZh: '苏州智联装备产业协会',
    nameEn: 'Suzhou Zhilian Equipment Industry Association',
    creditCode: code('51', 'wujiang', 40106),
    moeCode: null,
    district: 'wujiang',
    website: 'https://zhilian-equipment.example.com',
    descriptionZh: '高端装备和新能源装备企业的行业协会，推动团体标准制定和零部件本地配套。',
    descriptionEn:
      'An association of high-end and new-energy equipment makers that drafts group standards and promotes local sourcing of components.',
    clusters: [
      { cluster: 'advanced-equipment', chainPosition: 'midstream' },
      { cluster: 'new-energy', chainPosition: 'midstream' },
    ],
    verified: true,
  },
];

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  ...ENTERPRISES,
  ...UNIVERSITIES,
  ...VOCATIONAL_COLLEGES,
  ...RESEARCH_INSTITUTES,
  ...GOVERNMENT_OFFICES,
  ...FUNDS,
  ...SERVICE_ORGANIZATIONS,
];

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'office@demo.consortia.cn',
    displayName: '陈静',
    locale: 'zh-CN',
    platformRoles: ['cluster_office'],
    memberships: [{ org: 'sz-stb', role: 'admin' }],
    note: 'Cluster office at the Suzhou Science and Technology Bureau; verifies organisations',
  },
  {
    email: 'auditor@demo.consortia.cn',
    displayName: '周立群',
    locale: 'zh-CN',
    platformRoles: ['auditor'],
    memberships: [],
    note: 'Platform auditor; reads the audit log',
  },
  {
    email: 'reviewer@demo.consortia.cn',
    displayName: '刘洋',
    locale: 'zh-CN',
    platformRoles: ['reviewer'],
    memberships: [{ org: 'usts', role: 'member' }],
    note: 'Expert reviewer, an academic at Suzhou University of Science and Technology',
  },
  {
    email: 'lanyue@demo.consortia.cn',
    displayName: '张海峰',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'lanyue-bio', role: 'admin' }],
    note: 'Admin of Lanyue Biopharma, chain leader of the biomedicine cluster',
  },
  {
    email: 'lanyue.rd@demo.consortia.cn',
    displayName: '李娜',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'lanyue-bio', role: 'member' }],
    note: 'R&D manager at Lanyue Biopharma (ordinary member)',
  },
  {
    email: 'jingxiu@demo.consortia.cn',
    displayName: '林峰',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'jingxiu-semi', role: 'admin' }],
    note: 'Admin of Jingxiu Semiconductor, chain leader of the integrated-circuit cluster',
  },
  {
    email: 'sme@demo.consortia.cn',
    displayName: '赵磊',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'xicheng-micro', role: 'admin' }],
    note: 'Founder and admin of Xicheng Microelectronics, a small fabless chip designer',
  },
  {
    email: 'startup@demo.consortia.cn',
    displayName: '孙悦',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'ruixi-dx', role: 'admin' }],
    note: 'Founder and admin of Ruixi Diagnostics, a micro start-up still awaiting verification',
  },
  {
    email: 'suda@demo.consortia.cn',
    displayName: '吴晓东',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'suda', role: 'admin' }],
    note: "Technology-transfer officer who administers Soochow University's profile",
  },
  {
    email: 'suda.researcher@demo.consortia.cn',
    displayName: '何静怡',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'suda', role: 'member' }],
    note: 'Materials researcher at Soochow University (ordinary member)',
  },
  {
    email: 'institute@demo.consortia.cn',
    displayName: '马骏',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'shihu-nano', role: 'admin' }],
    note: 'Admin of the Shihu Institute of Nanomaterials, a research institute',
  },
  {
    email: 'college@demo.consortia.cn',
    displayName: '黄丽',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'siit', role: 'admin' }],
    note: 'Industry-liaison admin at Suzhou Vocational Institute of Industrial Technology',
  },
  {
    email: 'fund@demo.consortia.cn',
    displayName: '郑凯',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [
      { org: 'luting-vc', role: 'admin' },
      { org: 'loucheng-fund', role: 'member' },
    ],
    note: 'Investment manager: admin of Luting Venture Capital, member of Loucheng Industrial Fund',
  },
  {
    email: 'incubator@demo.consortia.cn',
    displayName: '徐婷',
    locale: 'zh-CN',
    platformRoles: [],
    memberships: [{ org: 'qitong-incubator', role: 'admin' }],
    note: 'Admin of Qitong Incubator, a service organisation',
  },
  {
    email: 'xjtlu@demo.consortia.cn',
    displayName: 'Emily Carter',
    locale: 'en',
    platformRoles: [],
    memberships: [{ org: 'xjtlu', role: 'admin' }],
    note: "English-speaking research-partnerships manager and admin at Xi'an Jiaotong-Liverpool University",
  },
];
