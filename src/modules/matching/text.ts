/**
 * The analyser the matcher tokenises with: the search module's shared bilingual analyser (jieba,
 * stemming, zh↔en glossary concept tokens), so a match and a search agree on what a word is.
 * Queries are analysed like documents (all their words count, not just the first few).
 */
import { analyzeForIndex } from '../search/analyzer.js';
import type { Analyzer } from './ranking.js';

export const sharedAnalyzer: Analyzer = { tokens: (text) => analyzeForIndex(text) };
