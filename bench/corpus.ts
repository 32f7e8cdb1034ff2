/**
 * A seeded generator of bilingual profiles (organisations, experts, needs, capabilities,
 * achievements) for benchmarks. Topics come from the search glossary and follow a Zipf law, so a
 * few fields (batteries, chips, AI) are very common and most are rare, as in a real cluster;
 * texts are Chinese, English or both; a share of records has restricted details.
 */
import type { SearchDocument, SearchableType, VisibilityTier } from '../src/modules/search/documents.js';
import { GLOSSARY } from '../src/modules/search/glossary.js';

/** mulberry32: small, fast, good enough for benchmark data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Topic {
  zh: string;
  en: string;
}

/** Glossary concepts that have a name in both languages, in a fixed shuffled order. */
export const TOPICS: readonly Topic[] = (() => {
  const rng = random(7);
  const topics = GLOSSARY.flatMap((concept) => {
    const zh = concept.zh.find((name) => /^\p{Script=Han}+$/u.test(name));
    const en = concept.en.find((name) => /^[a-z][a-z -]+$/.test(name));
    return zh && en ? [{ zh, en }] : [];
  });
  for (let i = topics.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [topics[i], topics[j]] = [topics[j] as Topic, topics[i] as Topic];
  }
  return topics;
})();

/** Cumulative Zipf weights (s = 1) over the topics. */
const ZIPF: readonly number[] = (() => {
  const weights = TOPICS.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})();

function pickIndex(rng: () => number, cumulative: readonly number[]): number {
  const x = rng();
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((cumulative[mid] ?? 1) < x) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function pickTopic(rng: () => number): Topic {
  return TOPICS[pickIndex(rng, ZIPF)] as Topic;
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

const CLUSTERS = ['nanomaterials', 'ic', 'biomedicine', 'ai', 'equipment', 'new-energy', 'textiles', 'auto'];
const DISTRICTS = [
  'gusu',
  'huqiu',
  'wuzhong',
  'xiangcheng',
  'wujiang',
  'sip',
  'changshu',
  'zhangjiagang',
  'kunshan',
  'taicang',
];
const KINDS = ['enterprise', 'university', 'research_institute', 'vocational_college', 'service'];
const POSITIONS = ['upstream', 'midstream', 'downstream'];
const MODES = ['commissioned_rd', 'joint_rd', 'licence', 'transfer', 'consulting', 'talent'];
const SYLLABLES = '澜岳华芯瑞泰宏微纳博源晟恒创汇科睿达凯聚德信中联东方新盛苏虹湖光远航'.split('');
const EN_SYLLABLES = [
  'lan',
  'yue',
  'hua',
  'xin',
  'rui',
  'tai',
  'hong',
  'wei',
  'na',
  'bo',
  'yuan',
  'sheng',
  'heng',
  'chuang',
  'ke',
  'da',
  'kai',
  'ju',
  'de',
];

const ZH_NEED = [
  '联合攻关',
  '技术需求',
  '工艺优化',
  '中试放大',
  '国产替代',
  '性能提升',
  '成本降低',
  '可靠性提升',
  '检测方法开发',
];
const EN_NEED = [
  'joint development',
  'process optimisation',
  'pilot scale-up',
  'import substitution',
  'performance improvement',
  'cost reduction',
  'reliability testing',
  'test method development',
];
const ZH_VERB = ['研发', '开发', '生产', '应用', '测试', '设计', '制备', '集成'];
const EN_VERB = ['develops', 'produces', 'applies', 'tests', 'designs', 'prepares', 'integrates', 'studies'];
const ZH_FILLER = [
  '团队拥有多年产业化经验',
  '已建成中试线并服务多家企业',
  '希望与高校和科研院所开展长期合作',
  '产品主要供应长三角地区客户',
  '具备完善的质量管理体系',
  '拥有多项发明专利和软件著作权',
  '可提供样品和技术咨询服务',
];
const EN_FILLER = [
  'The team has years of industrial experience',
  'A pilot line serves several companies in the region',
  'We seek long-term cooperation with universities and institutes',
  'Customers are mainly in the Yangtze River Delta',
  'A complete quality management system is in place',
  'The group holds invention patents and software copyrights',
  'Samples and consulting are available on request',
];

function zhName(rng: () => number, suffix: string): string {
  return `苏州${pick(rng, SYLLABLES)}${pick(rng, SYLLABLES)}${suffix}`;
}

function enName(rng: () => number, suffix: string): string {
  const word = `${pick(rng, EN_SYLLABLES)}${pick(rng, EN_SYLLABLES)}`;
  return `Suzhou ${word[0]?.toUpperCase()}${word.slice(1)} ${suffix}`;
}

function zhSentence(rng: () => number, topics: readonly Topic[]): string {
  const [a, b] = [pick(rng, topics), pick(rng, topics)];
  return `面向${a.zh}领域，${pick(rng, ZH_VERB)}${b.zh}相关技术，${pick(rng, ZH_FILLER)}。`;
}

function enSentence(rng: () => number, topics: readonly Topic[]): string {
  const [a, b] = [pick(rng, topics), pick(rng, topics)];
  return `For ${a.en}, it ${pick(rng, EN_VERB)} ${b.en} technology. ${pick(rng, EN_FILLER)}.`;
}

type Language = 'zh' | 'en' | 'both';

function text(rng: () => number, language: Language, topics: readonly Topic[], sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i += 1) {
    if (language !== 'en') parts.push(zhSentence(rng, topics));
    if (language !== 'zh') parts.push(enSentence(rng, topics));
  }
  return parts.join(' ');
}

const TYPES: readonly [SearchableType, number][] = [
  ['organization', 0.1],
  ['expert', 0.15],
  ['need', 0.25],
  ['capability', 0.25],
  ['achievement', 0.25],
];

function pickType(rng: () => number): SearchableType {
  let x = rng();
  for (const [type, share] of TYPES) {
    if (x < share) return type;
    x -= share;
  }
  return 'achievement';
}

/** Profile number `index` of the corpus with this seed (deterministic, independent of order). */
export function profile(seed: number, index: number, organizations: number): SearchDocument {
  const rng = random(seed * 1_000_003 + index);
  const type = pickType(rng);
  const language: Language = ((x) => (x < 0.45 ? 'zh' : x < 0.75 ? 'en' : 'both'))(rng());
  const topics = [pickTopic(rng), pickTopic(rng), pickTopic(rng)];
  const owner = `org-${Math.floor(rng() * organizations)}`;
  const visibility: VisibilityTier =
    type === 'organization' || type === 'expert'
      ? 'public'
      : ((x) => (x < 0.6 ? 'public' : x < 0.85 ? 'registered' : 'parties'))(rng());
  const main = topics[0] as Topic;
  const second = topics[1] as Topic;
  let title: string;
  if (type === 'organization') {
    title =
      language === 'en'
        ? enName(rng, 'Technology Co., Ltd.')
        : `${zhName(rng, '科技有限公司')} · ${enName(rng, 'Technology')}`;
  } else if (type === 'expert') {
    title =
      language === 'en'
        ? `Prof. ${enName(rng, '').split(' ')[1] ?? ''} (${main.en})`
        : `${pick(rng, SYLLABLES)}${pick(rng, SYLLABLES)} 教授（${main.zh}）`;
  } else if (language === 'en') {
    title = `${main.en} ${second.en} ${pick(rng, EN_NEED)}`;
  } else {
    title = `${main.zh}${second.zh}${pick(rng, ZH_NEED)}`;
  }
  const publicText = text(rng, language, topics, 1 + Math.floor(rng() * 2));
  const restrictedText = visibility === 'public' && rng() < 0.7 ? '' : text(rng, language, topics, 2);
  return {
    entityType: type,
    entityId: type === 'organization' ? `org-${index}` : `${type}-${index}`,
    ownerOrganizationId: type === 'organization' ? `org-${index}` : owner,
    visibility,
    isActive: rng() < 0.9,
    title,
    publicText,
    restrictedText,
    keywords: topics.slice(0, 2).map((t) => (language === 'en' ? t.en : t.zh)),
    facets: {
      kind: type === 'organization' || type === 'expert' ? pick(rng, KINDS) : null,
      district: pick(rng, DISTRICTS),
      clusters: [pick(rng, CLUSTERS)],
      chainPositions: [pick(rng, POSITIONS)],
      trl: type === 'achievement' ? 1 + Math.floor(rng() * 9) : null,
      cooperationModes:
        type === 'organization' || type === 'expert' ? [] : [pick(rng, MODES), pick(rng, MODES)],
    },
  };
}

/** A realistic query: one to three topic words (Chinese, English or mixed), sometimes filtered. */
export function query(rng: () => number): Record<string, string> {
  const words = 1 + Math.floor(rng() * 3);
  const parts: string[] = [];
  for (let i = 0; i < words; i += 1) {
    const topic = pickTopic(rng);
    parts.push(rng() < 0.5 ? topic.zh : topic.en);
  }
  const result: Record<string, string> = { q: parts.join(' '), limit: '10' };
  const filter = rng();
  if (filter < 0.1) result['types'] = pick(rng, ['need', 'achievement', 'capability,achievement']);
  else if (filter < 0.2) result['cluster'] = pick(rng, CLUSTERS);
  return result;
}

export { CLUSTERS as BENCH_CLUSTERS };
