/**
 * Latent semantic analysis over the platform's own corpus (pure): TF-IDF vectors reduced to a
 * few dimensions by a randomised truncated SVD, so words that occur in the same kinds of profile
 * meet even when a query and a profile share none. Fills the ranker's `SemanticModel`; a shipped
 * embedding model could fill it later instead.
 */
import type { SemanticModel } from './ranking.js';

export interface LsaOptions {
  /** Latent dimensions kept. */
  dimensions?: number;
  /** Power iterations of the randomised range finder (more: sharper spectrum). */
  iterations?: number;
  seed?: number;
}

/** Deterministic standard normal numbers (mulberry32 + Box–Muller). */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Orthonormalises the columns of an n×k column-major matrix in place (modified Gram–Schmidt). */
function orthonormalise(m: Float64Array[], n: number): void {
  for (let j = 0; j < m.length; j += 1) {
    const col = m[j] as Float64Array;
    for (let i = 0; i < j; i += 1) {
      const prev = m[i] as Float64Array;
      let dot = 0;
      for (let r = 0; r < n; r += 1) dot += (col[r] as number) * (prev[r] as number);
      for (let r = 0; r < n; r += 1) col[r] = (col[r] as number) - dot * (prev[r] as number);
    }
    let norm = 0;
    for (let r = 0; r < n; r += 1) norm += (col[r] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < n; r += 1) col[r] = (col[r] as number) / norm;
  }
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. */
function symmetricEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((row) => [...row]);
  const v = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const at = (r: number[][], i: number, j: number): number => (r[i] as number[])[j] as number;
  const set = (r: number[][], i: number, j: number, x: number): void => {
    (r[i] as number[])[j] = x;
  };
  for (let sweep = 0; sweep < 50; sweep += 1) {
    let off = 0;
    for (let p = 0; p < n; p += 1) for (let q = p + 1; q < n; q += 1) off += at(m, p, q) ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p += 1)
      for (let q = p + 1; q < n; q += 1) {
        const apq = at(m, p, q);
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (at(m, q, q) - at(m, p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k += 1) {
          const mkp = at(m, k, p);
          const mkq = at(m, k, q);
          set(m, k, p, c * mkp - s * mkq);
          set(m, k, q, s * mkp + c * mkq);
        }
        for (let k = 0; k < n; k += 1) {
          const mpk = at(m, p, k);
          const mqk = at(m, q, k);
          set(m, p, k, c * mpk - s * mqk);
          set(m, q, k, s * mpk + c * mqk);
        }
        for (let k = 0; k < n; k += 1) {
          const vkp = at(v, k, p);
          const vkq = at(v, k, q);
          set(v, k, p, c * vkp - s * vkq);
          set(v, k, q, s * vkp + c * vkq);
        }
      }
  }
  return { values: m.map((row, i) => row[i] as number), vectors: v };
}

interface SparseRow {
  terms: Int32Array;
  weights: Float64Array;
}

/**
 * Builds an LSA model of the documents. Similarity is the cosine of the query's and the
 * document's latent vectors; unknown documents and empty queries score 0.
 */
export function buildLsaModel(
  docs: readonly { id: string; tokens: readonly string[] }[],
  options: LsaOptions = {},
): SemanticModel & { dimensions: number } {
  const vocabulary = new Map<string, number>();
  const df: number[] = [];
  const counted = docs.map((doc) => {
    const counts = new Map<number, number>();
    for (const token of doc.tokens) {
      let t = vocabulary.get(token);
      if (t === undefined) {
        t = vocabulary.size;
        vocabulary.set(token, t);
        df.push(0);
      }
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    for (const t of counts.keys()) df[t] = (df[t] as number) + 1;
    return counts;
  });
  const n = docs.length;
  const terms = vocabulary.size;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);
  const weigh = (counts: Map<number, number>): SparseRow => {
    const entries = [...counts].sort((x, y) => x[0] - y[0]);
    const weights = Float64Array.from(entries.map(([t, c]) => (1 + Math.log(c)) * (idf[t] as number)));
    let norm = 0;
    for (const w of weights) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    return { terms: Int32Array.from(entries.map(([t]) => t)), weights: weights.map((w) => w / norm) };
  };
  const rows = counted.map(weigh);
  const k = Math.max(1, Math.min(options.dimensions ?? 64, n, terms));
  const width = Math.min(k + 8, n, terms);
  const random = gaussian(options.seed ?? 20240601);
  // Randomised range finder on A (n×terms): Y = A Ω, then power iterations Y = A Aᵀ Y.
  const timesA = (x: Float64Array[]): Float64Array[] =>
    x.map((col) => {
      const out = new Float64Array(n);
      rows.forEach((row, r) => {
        let s = 0;
        for (let i = 0; i < row.terms.length; i += 1)
          s += (row.weights[i] as number) * (col[row.terms[i] as number] as number);
        out[r] = s;
      });
      return out;
    });
  const timesAt = (y: Float64Array[]): Float64Array[] =>
    y.map((col) => {
      const out = new Float64Array(terms);
      rows.forEach((row, r) => {
        const c = col[r] as number;
        if (c === 0) return;
        for (let i = 0; i < row.terms.length; i += 1) {
          const t = row.terms[i] as number;
          out[t] = (out[t] as number) + (row.weights[i] as number) * c;
        }
      });
      return out;
    });
  const omega = Array.from({ length: width }, () => Float64Array.from({ length: terms }, random));
  let y = timesA(omega);
  orthonormalise(y, n);
  for (let i = 0; i < (options.iterations ?? 3); i += 1) {
    const z = timesAt(y);
    orthonormalise(z, terms);
    y = timesA(z);
    orthonormalise(y, n);
  }
  // B = Qᵀ A (width×terms), stored as its rows; B Bᵀ = U Σ² Uᵀ; term vectors V = Bᵀ U Σ⁻¹.
  const b = timesAt(y);
  const gram = b.map((bi) => b.map((bj) => bi.reduce((s, x, t) => s + x * (bj[t] as number), 0)));
  const { values, vectors } = symmetricEigen(gram);
  const order = values
    .map((value, i) => ({ value, i }))
    .sort((p, q) => q.value - p.value)
    .slice(0, k)
    .filter((e) => e.value > 1e-12);
  const dims = order.length;
  const termVectors = new Float64Array(terms * dims);
  order.forEach(({ value, i }, d) => {
    const sigma = Math.sqrt(value);
    for (let t = 0; t < terms; t += 1) {
      let s = 0;
      for (let r = 0; r < width; r += 1) s += (b[r]?.[t] as number) * ((vectors[r] as number[])[i] as number);
      termVectors[t * dims + d] = s / sigma;
    }
  });
  const embed = (row: SparseRow): Float64Array => {
    const out = new Float64Array(dims);
    for (let i = 0; i < row.terms.length; i += 1) {
      const base = (row.terms[i] as number) * dims;
      const w = row.weights[i] as number;
      for (let d = 0; d < dims; d += 1) out[d] = (out[d] as number) + w * (termVectors[base + d] as number);
    }
    let norm = 0;
    for (const x of out) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let d = 0; d < dims; d += 1) out[d] = (out[d] as number) / norm;
    return out;
  };
  const docVectors = new Map(docs.map((doc, i) => [doc.id, embed(rows[i] as SparseRow)]));
  let lastQuery: readonly string[] | null = null;
  let lastVector: Float64Array = new Float64Array(dims);
  return {
    dimensions: dims,
    similarity(queryTokens, docId) {
      if (queryTokens !== lastQuery) {
        const counts = new Map<number, number>();
        for (const token of queryTokens) {
          const t = vocabulary.get(token);
          if (t !== undefined) counts.set(t, (counts.get(t) ?? 0) + 1);
        }
        lastVector = embed(weigh(counts));
        lastQuery = queryTokens;
      }
      const doc = docVectors.get(docId);
      if (!doc) return 0;
      let s = 0;
      for (let d = 0; d < dims; d += 1) s += (doc[d] as number) * (lastVector[d] as number);
      return s;
    },
  };
}
