/**
 * Link prediction on CORDIS H2020: hide one university or research partner of a later
 * university–company project and see where each ranker puts it, using only earlier projects.
 * The matcher, a popularity baseline and a plain BM25 baseline (MiniSearch) see the same data.
 */
import MiniSearch from 'minisearch';
import type { CordisData } from '../src/modules/matching/cordis.js';
import {
  MatchIndex,
  type Analyzer,
  type MatchCandidate,
  type MatchQuery,
  type SemanticModel,
} from '../src/modules/matching/ranking.js';
import { CORDIS_KINDS } from '../src/modules/matching/rules.js';
import type { MatchDamping, MatchWeights } from '../src/modules/matching/weights.js';

export interface Split {
  /** Projects starting in or before this year are known. */
  trainUntil: number;
  /** Projects starting in [testFrom, testUntil] are the cases. */
  testFrom: number;
  testUntil: number;
}

/** The evaluation's split: learn from 2014–2017, test on 2018 onwards. */
export const TEST_SPLIT: Split = { trainUntil: 2017, testFrom: 2018, testUntil: 9999 };
/** The tuning split lies inside the training years: learn from ≤ 2016, validate on 2017. */
export const TUNING_SPLIT: Split = { trainUntil: 2016, testFrom: 2017, testUntil: 2017 };

const KNOWLEDGE_TYPES = new Set(['HES', 'REC']);

interface Member {
  pic: string;
  type: string;
  country: string;
}

interface Project {
  rcn: string;
  year: number;
  programmePart: string;
  /** Topic code and title where the named subset links the project to its call topic. */
  text: string;
  members: Member[];
}

export interface Case {
  rcn: string;
  hidden: string;
  programmePart: string;
  text: string;
  partners: Member[];
}

export interface Experiment {
  split: Split;
  candidates: MatchCandidate[];
  /** Profile text of each candidate (the BM25 baseline indexes it). */
  profileText: Map<string, string>;
  graph: Map<string, Map<string, number>>;
  projectCount: Map<string, number>;
  partCount: Map<string, Map<string, number>>;
  cases: Case[];
  /** Eligible later projects whose knowledge partners were all unseen before (not testable). */
  skippedUnseen: number;
  trainingProjects: number;
}

/** A small deterministic PRNG (mulberry32) so sampling and hiding are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function groupProjects(data: CordisData): Project[] {
  const byRcn = new Map<string, Project>();
  for (const p of data.participations) {
    let project = byRcn.get(p.rcn);
    if (!project) {
      const t = data.projectTexts.get(p.rcn);
      project = {
        rcn: p.rcn,
        year: p.startYear,
        programmePart: data.programmeParts.get(p.rcn) ?? '',
        text: t ? `${t.topic} ${t.title}` : '',
        members: [],
      };
      byRcn.set(p.rcn, project);
    }
    if (!project.members.some((m) => m.pic === p.pic))
      project.members.push({ pic: p.pic, type: p.type, country: p.country });
  }
  return [...byRcn.values()].sort((a, b) => (a.rcn < b.rcn ? -1 : a.rcn > b.rcn ? 1 : 0));
}

/** Builds profiles, the graph and the cases of a split; `maxCases` samples them with a fixed seed. */
export function buildExperiment(
  data: CordisData,
  analyzer: Analyzer,
  split: Split,
  options: { maxCases?: number; seed?: number } = {},
): Experiment {
  const projects = groupProjects(data);
  const training = projects.filter((p) => p.year <= split.trainUntil);
  const texts = new Map<string, string[]>();
  const types = new Map<string, string>();
  const countries = new Map<string, Map<string, number>>();
  const projectCount = new Map<string, number>();
  const partCount = new Map<string, Map<string, number>>();
  const graph = new Map<string, Map<string, number>>();
  for (const project of training) {
    for (const m of project.members) {
      types.set(m.pic, m.type);
      const c = countries.get(m.pic) ?? new Map<string, number>();
      c.set(m.country, (c.get(m.country) ?? 0) + 1);
      countries.set(m.pic, c);
      projectCount.set(m.pic, (projectCount.get(m.pic) ?? 0) + 1);
      const parts = partCount.get(m.pic) ?? new Map<string, number>();
      if (project.programmePart)
        parts.set(project.programmePart, (parts.get(project.programmePart) ?? 0) + 1);
      partCount.set(m.pic, parts);
      const t = texts.get(m.pic) ?? [];
      t.push(`${project.programmePart} ${project.text}`.trim());
      texts.set(m.pic, t);
    }
    const pics = project.members.map((m) => m.pic);
    for (const a of pics) {
      let ties = graph.get(a);
      if (!ties) graph.set(a, (ties = new Map<string, number>()));
      for (const b of pics) if (a !== b) ties.set(b, (ties.get(b) ?? 0) + 1);
    }
  }
  const modeCountry = (pic: string): string | null => {
    const c = countries.get(pic);
    if (!c) return null;
    return [...c].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  };
  const candidates: MatchCandidate[] = [];
  const profileText = new Map<string, string>();
  for (const [pic, type] of [...types].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!KNOWLEDGE_TYPES.has(type)) continue;
    const text = (texts.get(pic) ?? []).join(' ');
    const country = modeCountry(pic);
    profileText.set(pic, `${text} ${[...(countries.get(pic)?.keys() ?? [])].join(' ')}`);
    candidates.push({
      id: pic,
      kind: CORDIS_KINDS[type] ?? 'service',
      tokens: analyzer.tokens(text),
      clusters: [...(partCount.get(pic) ?? new Map<string, number>())].map(([cluster, n]) => ({
        cluster,
        projects: n,
      })),
      country,
      projects: projectCount.get(pic) ?? 0,
    });
  }
  const known = new Set(candidates.map((c) => c.id));
  const cases: Case[] = [];
  let skippedUnseen = 0;
  for (const project of projects) {
    if (project.year < split.testFrom || project.year > split.testUntil) continue;
    if (!project.members.some((m) => m.type === 'PRC')) continue;
    const knowledge = project.members.filter((m) => KNOWLEDGE_TYPES.has(m.type));
    if (knowledge.length === 0) continue;
    const hideable = knowledge.filter((m) => known.has(m.pic)).sort((a, b) => (a.pic < b.pic ? -1 : 1));
    if (hideable.length === 0) {
      skippedUnseen += 1;
      continue;
    }
    const pick = seededRandom(hashString(project.rcn) ^ (options.seed ?? 0))();
    const hidden = hideable[Math.floor(pick * hideable.length)] as Member;
    cases.push({
      rcn: project.rcn,
      hidden: hidden.pic,
      programmePart: project.programmePart,
      text: project.text,
      partners: project.members.filter((m) => m.pic !== hidden.pic),
    });
  }
  let sampled = cases;
  if (options.maxCases !== undefined && cases.length > options.maxCases) {
    const random = seededRandom(options.seed ?? 2024);
    const shuffled = [...cases];
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as Case, shuffled[i] as Case];
    }
    sampled = shuffled.slice(0, options.maxCases).sort((a, b) => (a.rcn < b.rcn ? -1 : 1));
  }
  return {
    split,
    candidates,
    profileText,
    graph,
    projectCount,
    partCount,
    cases: sampled,
    skippedUnseen,
    trainingProjects: training.length,
  };
}

/** A ranker answers a case with candidate ids, best first. */
export type Ranker = (c: Case, top: number) => string[];

export interface Metrics {
  name: string;
  cases: number;
  recallAt10: number;
  /** Mean reciprocal rank, counting a hidden partner ranked below 100 as 0. */
  mrr: number;
  /** Time to answer every case. */
  ms: number;
}

/** Recall@10 and MRR@100 of a ranker over the experiment's cases. */
export function evaluate(name: string, experiment: Experiment, ranker: Ranker): Metrics {
  const started = Date.now();
  let hits = 0;
  let reciprocal = 0;
  for (const c of experiment.cases) {
    const ranked = ranker(c, 100);
    const at = ranked.indexOf(c.hidden);
    if (at >= 0 && at < 10) hits += 1;
    if (at >= 0) reciprocal += 1 / (at + 1);
  }
  const n = experiment.cases.length || 1;
  return {
    name,
    cases: experiment.cases.length,
    recallAt10: hits / n,
    mrr: reciprocal / n,
    ms: Date.now() - started,
  };
}

function excluded(c: Case): Set<string> {
  return new Set(c.partners.map((p) => p.pic));
}

/** Most frequent knowledge partners overall. */
export function popularityRanker(experiment: Experiment): Ranker {
  const order = [...experiment.candidates]
    .sort((a, b) => (b.projects ?? 0) - (a.projects ?? 0) || (a.id < b.id ? -1 : 1))
    .map((c) => c.id);
  return (c, top) => {
    const skip = excluded(c);
    return order.filter((id) => !skip.has(id)).slice(0, top);
  };
}

/** Most frequent knowledge partners in the case's programme part, then overall. */
export function popularityByPartRanker(experiment: Experiment): Ranker {
  const overall = popularityRanker(experiment);
  const byPart = new Map<string, string[]>();
  return (c, top) => {
    let order = byPart.get(c.programmePart);
    if (!order) {
      const inPart = (id: string): number => experiment.partCount.get(id)?.get(c.programmePart) ?? 0;
      order = [...experiment.candidates]
        .sort(
          (a, b) =>
            inPart(b.id) - inPart(a.id) || (b.projects ?? 0) - (a.projects ?? 0) || (a.id < b.id ? -1 : 1),
        )
        .map((x) => x.id);
      byPart.set(c.programmePart, order);
    }
    const skip = excluded(c);
    const ranked = order.filter((id) => !skip.has(id)).slice(0, top);
    return ranked.length > 0 ? ranked : overall(c, top);
  };
}

/** The query text every lexical ranker sees: programme part, call topic, the partners' countries. */
export function queryText(c: Case): string {
  return `${c.programmePart} ${c.text} ${c.partners.map((p) => p.country).join(' ')}`;
}

/** Plain BM25 (MiniSearch's BM25+) over the same profile text, with MiniSearch's own tokenizer. */
export function miniSearchRanker(experiment: Experiment): Ranker {
  const mini = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], idField: 'id' });
  mini.addAll([...experiment.profileText].map(([id, text]) => ({ id, text })));
  return (c, top) => {
    const skip = excluded(c);
    return mini
      .search(queryText(c), { combineWith: 'OR' })
      .map((r) => String(r.id))
      .filter((id) => !skip.has(id))
      .slice(0, top);
  };
}

/** The matcher's query for a case: what is known of the project without the hidden partner. */
export function matcherQuery(c: Case, analyzer: Analyzer, top: number): MatchQuery {
  const countries = new Map<string, number>();
  for (const p of c.partners)
    countries.set(p.country, (countries.get(p.country) ?? 0) + 1 / c.partners.length);
  return {
    tokens: analyzer.tokens(`${c.programmePart} ${c.text}`),
    kinds: ['university', 'research_institute'],
    seekerKind: 'enterprise',
    clusters: c.programmePart ? [{ cluster: c.programmePart }] : [],
    countries,
    partners: c.partners.map((p) => p.pic),
    exclude: excluded(c),
    top,
  };
}

export function matcherRanker(
  experiment: Experiment,
  analyzer: Analyzer,
  options: {
    weights?: Partial<MatchWeights>;
    damping?: Partial<MatchDamping>;
    semantic?: SemanticModel;
  } = {},
): Ranker {
  const index = new MatchIndex(experiment.candidates, {
    graph: experiment.graph,
    ...(options.weights ? { weights: options.weights } : {}),
    ...(options.damping ? { damping: options.damping } : {}),
    ...(options.semantic ? { semantic: options.semantic } : {}),
  });
  return (c, top) => index.rank(matcherQuery(c, analyzer, top)).map((r) => r.id);
}
