/**
 * The text analyser shared by search and matching: one for Chinese and English.
 *
 * - Chinese runs are segmented with jieba (general dictionary + the domain words + the glossary's
 *   Chinese names); indexing adds the dictionary words inside longer words (纳米材料 → 纳米, 材料).
 * - Other letters and digits are NFKC-normalised, lower-cased, stop words dropped, and English
 *   words stemmed (Porter).
 * - Glossary names in either language (phrases too) add a concept token, plus the concept's
 *   broader concepts, so both languages meet on the same token.
 *
 * Every token consists of lower-case letters and digits only: no FTS5 or tsquery operator can
 * ever come out of user text. Tokens starting with `zz` are reserved for concepts (`zzc…`) and
 * filters (`zzf…`, see rules.ts); user words starting with `zz` are dropped.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { stemmer } from 'stemmer';
import { DOMAIN_WORDS } from './dictionary.js';
import { GLOSSARY } from './glossary.js';

/** Prefix of concept tokens. */
export const CONCEPT_PREFIX = 'zzc';
/** Longest token kept; longer "words" are noise (hashes, base64) and would bloat the index. */
export const MAX_TOKEN_LENGTH = 40;
/** Most terms a query keeps. */
export const MAX_QUERY_TERMS = 12;
/** Longest glossary phrase, in words. */
const MAX_PHRASE = 4;

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** CJK unified ideographs of the basic block: NFKC leaves them alone (the common case, fast). */
const BASIC_HAN = /^[\u4e00-\u9fff]+$/;
const NOT_WORD_CHAR = /[^\p{L}\p{N}]+/u;
const ASCII_WORD = /^[a-z]+$/;
const TOKEN = /^[\p{L}\p{N}]+$/u;

const ENGLISH_STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each etc few for from further had has have
  having he her here hers herself him himself his how i if in into is it its itself just me more most my
  myself no nor not of off on once only or other our ours ourselves out over own same she should so some
  such than that the their theirs them themselves then there these they this those through to too under
  until up very via was we were what when where which while who whom why will with would you your yours
  yourself yourselves using use used based new via per within without across among`
    .split(/\s+/)
    .filter(Boolean),
);

const CHINESE_STOP_WORDS = new Set(
  `的 了 和 与 及 以及 或 或者 在 是 等 对 为 以 于 将 把 被 从 向 之 其 并 也 而 由 有 个 这 那 我们 我 你 他
  她 它 们 及其 并且 以上 以下 进行 通过 用于 相关 方面 一种 一个 一些 可以 能够 具有 具备 主要 其中 已 已经
  要 会 能 就 都 又 还 更 最 很 该 本 各 每 所 所有 如 如何 什么 哪些 以便 从而 因此 但 但是 若 则 着 过 中`
    .split(/\s+/)
    .filter(Boolean),
);

/** What a character is to the analyser. */
const CharKind = { Other: 0, Han: 1, Word: 2 } as const;
type CharKind = (typeof CharKind)[keyof typeof CharKind];

/**
 * Han ideographs (the blocks Chinese text uses), other letters, digits and marks, or neither.
 * A hand-written scanner: Unicode property regexes cost several times more on long texts.
 */
function charKind(code: number): CharKind {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
      ? CharKind.Word
      : CharKind.Other;
  }
  if (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x323af) ||
    code === 0x3007
  )
    return CharKind.Han;
  return WORD_CHAR.test(String.fromCodePoint(code)) ? CharKind.Word : CharKind.Other;
}

let segmenter: Jieba | null = null;

/** jieba with the domain words and the glossary's Chinese names, built on first use. */
function jieba(): Jieba {
  if (!segmenter) {
    const instance = Jieba.withDict(dict);
    const words = new Set<string>(DOMAIN_WORDS);
    for (const concept of GLOSSARY) for (const name of concept.zh) if (isAllHan(name)) words.add(name);
    instance.loadDict(Buffer.from([...words].map((word) => `${word} 20000 n`).join('\n'), 'utf8'));
    segmenter = instance;
  }
  return segmenter;
}

function isAllHan(text: string): boolean {
  return /^\p{Script=Han}+$/u.test(text);
}

/** A word of the text: where it is, and its token (null for a stop word or noise). */
interface Word {
  start: number;
  end: number;
  token: string | null;
  isHan: boolean;
}

function normaliseHan(word: string): string | null {
  if (BASIC_HAN.test(word))
    return CHINESE_STOP_WORDS.has(word) || word.length > MAX_TOKEN_LENGTH ? null : word;
  // NFKC folds compatibility ideographs; Han-script symbols (radicals ⺀) are not words.
  const token = word.normalize('NFKC');
  if (CHINESE_STOP_WORDS.has(token) || token.length > MAX_TOKEN_LENGTH || !TOKEN.test(token)) return null;
  return token;
}

/** Tokens of a non-Han run: NFKC, lower case, split again (NFKC may bring separators), stemmed. */
function latinTokens(run: string): string[] {
  const tokens: string[] = [];
  for (const part of run.normalize('NFKC').toLowerCase().split(NOT_WORD_CHAR)) {
    if (part.length === 0 || part.length > MAX_TOKEN_LENGTH || ENGLISH_STOP_WORDS.has(part)) continue;
    const token = ASCII_WORD.test(part) && part.length >= 3 ? stemmer(part) : part;
    if (token.length === 0 || token.startsWith('zz') || !TOKEN.test(token)) continue;
    tokens.push(token);
  }
  return tokens;
}

/** Splits text into words with their positions; Han runs through jieba in one call. */
function words(text: string): Word[] {
  const runs: { start: number; text: string; isHan: boolean }[] = [];
  let start = -1;
  let runIsHan = false;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const kind = charKind(code);
    if (kind !== CharKind.Other && (start < 0 || (kind === CharKind.Han) !== runIsHan)) {
      if (start >= 0) runs.push({ start, text: text.slice(start, i), isHan: runIsHan });
      start = i;
      runIsHan = kind === CharKind.Han;
    } else if (kind === CharKind.Other && start >= 0) {
      runs.push({ start, text: text.slice(start, i), isHan: runIsHan });
      start = -1;
    }
    i += width;
  }
  if (start >= 0) runs.push({ start, text: text.slice(start), isHan: runIsHan });
  const hanRuns = runs.filter((run) => run.isHan);
  // Han runs joined by newlines: jieba treats the newline as a boundary, so one call cuts them all.
  const pieces = hanRuns.length > 0 ? jieba().cut(hanRuns.map((run) => run.text).join('\n'), true) : [];
  const hanWords = new Map<number, Word[]>();
  let runIndex = 0;
  let offset = 0;
  let current: Word[] = [];
  for (const piece of pieces) {
    if (piece === '\n') {
      hanWords.set(runIndex, current);
      runIndex += 1;
      offset = 0;
      current = [];
      continue;
    }
    const run = hanRuns[runIndex];
    if (!run) break;
    const start = run.start + offset;
    offset += piece.length;
    current.push({ start, end: start + piece.length, token: normaliseHan(piece), isHan: true });
  }
  hanWords.set(runIndex, current);

  const result: Word[] = [];
  runIndex = 0;
  for (const run of runs) {
    if (run.isHan) {
      const cut = hanWords.get(runIndex) ?? [];
      runIndex += 1;
      const covered = cut.reduce((n, word) => n + (word.end - word.start), 0);
      if (covered === run.text.length) result.push(...cut);
      else {
        // Never expected; fall back to one character a word rather than lose text.
        let index = run.start;
        for (const ch of run.text) {
          result.push({ start: index, end: index + ch.length, token: normaliseHan(ch), isHan: true });
          index += ch.length;
        }
      }
    } else {
      const tokens = latinTokens(run.text);
      if (tokens.length === 0)
        result.push({ start: run.start, end: run.start + run.text.length, token: null, isHan: false });
      for (const token of tokens) {
        result.push({ start: run.start, end: run.start + run.text.length, token, isHan: false });
      }
    }
  }
  return result;
}

/** Glossary names, analysed like any text, as word sequences → concept ids (with broader ones). */
interface ConceptIndex {
  phrases: Map<string, string[]>;
  /** Every proper prefix of a phrase (in words), so matching stops as soon as none can follow. */
  prefixes: Set<string>;
  broader: Map<string, string[]>;
}

let concepts: ConceptIndex | null = null;

function conceptIndex(): ConceptIndex {
  if (concepts) return concepts;
  const ids = new Set(GLOSSARY.map((c) => c.id));
  const broader = new Map<string, string[]>();
  for (const concept of GLOSSARY) {
    for (const id of concept.broader)
      if (!ids.has(id)) throw new Error(`Glossary: ${concept.id} names unknown broader concept ${id}`);
    broader.set(concept.id, [...concept.broader]);
  }
  const phrases = new Map<string, string[]>();
  const prefixes = new Set<string>();
  // Publish before analysing the names (analysis of names does not look concepts up).
  concepts = { phrases, prefixes, broader };
  for (const concept of GLOSSARY) {
    for (const name of [...concept.zh, ...concept.en]) {
      const tokens = contentTokens(words(name));
      const key = tokens.join(' ');
      if (key.length === 0 || tokens.length > MAX_PHRASE) continue;
      for (let n = 1; n < tokens.length; n += 1) prefixes.add(tokens.slice(0, n).join(' '));
      const list = phrases.get(key) ?? [];
      if (!list.includes(concept.id)) list.push(concept.id);
      phrases.set(key, list);
    }
  }
  return concepts;
}

function contentTokens(list: readonly Word[]): string[] {
  return list.flatMap((word) => (word.token === null ? [] : [word.token]));
}

/** A concept and all concepts broader than it, as tokens. */
function conceptClosure(index: ConceptIndex, ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    stack.push(...(index.broader.get(id) ?? []));
  }
  return [...seen].map((id) => CONCEPT_PREFIX + id);
}

/** A glossary match over the content words: which words it spans and its concept ids. */
interface ConceptMatch {
  from: number;
  to: number;
  ids: string[];
}

/** Greedy longest glossary matches over a sequence of content words. */
function matchConcepts(content: readonly Word[]): ConceptMatch[] {
  const index = conceptIndex();
  const matches: ConceptMatch[] = [];
  for (let i = 0; i < content.length;) {
    let found: ConceptMatch | null = null;
    // Grow the phrase word by word while it can still become a glossary name; keep the longest.
    let key = content[i]?.token ?? '';
    for (let n = 1; n <= MAX_PHRASE && i + n <= content.length; n += 1) {
      if (n > 1) key = `${key} ${content[i + n - 1]?.token ?? ''}`;
      const ids = index.phrases.get(key);
      if (ids) found = { from: i, to: i + n, ids };
      if (!index.prefixes.has(key)) break;
    }
    if (found) {
      matches.push(found);
      i = found.to;
    } else i += 1;
  }
  return matches;
}

function contentWords(text: string): Word[] {
  return words(text).filter((word) => word.token !== null);
}

/**
 * Dictionary words inside the longer Han words (纳米材料 → 纳米, 材料; 集成电路设计 → 集成电路), which
 * a search for the shorter word should find. Single characters are left out.
 */
function hanSubTokens(longWords: readonly string[]): string[] {
  if (longWords.length === 0) return [];
  const whole = new Set(longWords);
  const extra: string[] = [];
  for (const piece of jieba().cutAll(longWords.join('\n'))) {
    if (piece.length < 2 || piece === '\n' || whole.has(piece)) continue;
    const token = normaliseHan(piece);
    if (token !== null) extra.push(token);
  }
  return extra;
}

function longHanTokens(tokens: readonly string[]): string[] {
  return tokens.filter((token) => token.length >= 3 && isAllHan(token));
}

/**
 * The tokens to index for a text: every content word, search-mode sub-words, and concept tokens
 * (a concept once per occurrence). Order carries no meaning; repetition is term frequency.
 */
export function analyzeForIndex(text: string): string[] {
  const content = contentWords(text);
  const tokens = contentTokens(content);
  const extra = hanSubTokens(longHanTokens(tokens));
  const index = conceptIndex();
  const result = [...tokens, ...extra];
  for (const match of matchConcepts(content)) result.push(...conceptClosure(index, match.ids));
  for (const token of extra) {
    const ids = index.phrases.get(token);
    if (ids) result.push(...conceptClosure(index, ids));
  }
  return result;
}

/** One query term: a record matches it when any of its alternatives is among its tokens. */
export interface QueryTerm {
  /** The words of the query this term stands for, normalised (for display and debugging). */
  text: string;
  alternatives: string[];
}

/**
 * The terms of a query, to be combined with AND: each glossary match becomes its concept token
 * (so 纳米 and "nano" are the same term), every other content word its own token. Duplicates are
 * dropped and at most MAX_QUERY_TERMS are kept.
 */
export function analyzeQuery(text: string): QueryTerm[] {
  const content = contentWords(text.slice(0, 1000));
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QueryTerm): void => {
    const key = term.alternatives.join(' ');
    if (seen.has(key) || terms.length >= MAX_QUERY_TERMS) return;
    seen.add(key);
    terms.push(term);
  };
  const matches = matchConcepts(content);
  let next = 0;
  for (const match of matches) {
    for (; next < match.from; next += 1) addWord(content[next], add);
    add({
      text: contentTokens(content.slice(match.from, match.to)).join(' '),
      alternatives: match.ids.map((id) => CONCEPT_PREFIX + id),
    });
    next = match.to;
  }
  for (; next < content.length; next += 1) addWord(content[next], add);
  return terms;
}

function addWord(word: Word | undefined, add: (term: QueryTerm) => void): void {
  if (word?.token) add({ text: word.token, alternatives: [word.token] });
}

/** Every token a query's terms may match, for highlighting. */
export function queryTokens(terms: readonly QueryTerm[]): Set<string> {
  return new Set(terms.flatMap((term) => term.alternatives));
}

/** A piece of original text, marked when it matched the query. */
export interface TextSegment {
  text: string;
  match: boolean;
}

/**
 * The text cut into segments, marking the words that match any of `tokens` (their own token, a
 * search-mode sub-word, or a concept they belong to). Segments concatenate to the original text.
 */
export function markMatches(text: string, tokens: ReadonlySet<string>): TextSegment[] {
  if (tokens.size === 0 || text.length === 0) return text.length > 0 ? [{ text, match: false }] : [];
  const content = contentWords(text);
  const marked = new Array<boolean>(content.length).fill(false);
  const index = conceptIndex();
  content.forEach((word, i) => {
    if (word.token && tokens.has(word.token)) marked[i] = true;
    else if (word.token && word.isHan && word.token.length >= 3) {
      for (const sub of hanSubTokens([word.token])) {
        const subIds = index.phrases.get(sub) ?? [];
        if (tokens.has(sub) || conceptClosure(index, subIds).some((t) => tokens.has(t))) marked[i] = true;
      }
    }
  });
  const found: [number, number][] = [];
  content.forEach((word, i) => {
    if (marked[i]) found.push([word.start, word.end]);
  });
  // A matched glossary phrase is marked whole, with the spaces between its words.
  for (const match of matchConcepts(content)) {
    const first = content[match.from];
    const last = content[match.to - 1];
    if (first && last && conceptClosure(index, match.ids).some((t) => tokens.has(t)))
      found.push([first.start, last.end]);
  }
  // Merged (a Latin run yields one span even when it gave several tokens).
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const spans: [number, number][] = [];
  for (const [start, end] of found) {
    const last = spans.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/**
 * A window of at most `maxLength` characters around the first match, as marked segments, with
 * an ellipsis where text was cut. Without a match, the beginning of the text.
 */
export function snippet(text: string, tokens: ReadonlySet<string>, maxLength = 180): TextSegment[] {
  const segments = markMatches(text, tokens);
  let firstMatch = 0;
  let position = 0;
  for (const segment of segments) {
    if (segment.match) {
      firstMatch = position;
      break;
    }
    position += segment.text.length;
  }
  const start =
    text.length <= maxLength ? 0 : Math.max(0, Math.min(firstMatch - 40, text.length - maxLength));
  const end = Math.min(text.length, start + maxLength);
  const result: TextSegment[] = [];
  if (start > 0) result.push({ text: '…', match: false });
  position = 0;
  for (const segment of segments) {
    const from = Math.max(start, position);
    const to = Math.min(end, position + segment.text.length);
    if (from < to) {
      const piece = cutSafely(segment.text, from - position, to - position);
      if (piece.length > 0) result.push({ text: piece, match: segment.match });
    }
    position += segment.text.length;
  }
  if (end < text.length) result.push({ text: '…', match: false });
  return result;
}

/** Slices without splitting a surrogate pair. */
function cutSafely(text: string, from: number, to: number): string {
  let start = from;
  let end = to;
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start += 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end -= 1;
  return start < end ? text.slice(start, end) : '';
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Segments as HTML: matches in `<mark>`, everything else escaped. */
export function segmentsToHtml(segments: readonly TextSegment[]): string {
  return segments
    .map((segment) => {
      const escaped = segment.text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
      return segment.match ? `<mark>${escaped}</mark>` : escaped;
    })
    .join('');
}
