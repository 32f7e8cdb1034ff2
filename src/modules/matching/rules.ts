/**
 * Pure decisions of the matcher: which kinds of partner a seeker usually needs, which chain
 * positions complement each other, how counts are damped. No I/O here.
 */
import type { ChainPosition, OrganizationKind } from '../organizations/schemas.js';

/**
 * The kinds of organisation each kind of seeker usually works with: an enterprise's technical
 * need goes to universities, institutes, colleges and technology-transfer services; a university
 * offering a capability looks for enterprises, and so on.
 */
export const KIND_FIT: Readonly<Record<OrganizationKind, readonly OrganizationKind[]>> = {
  enterprise: ['university', 'research_institute', 'vocational_college', 'service'],
  university: ['enterprise', 'research_institute', 'university'],
  vocational_college: ['enterprise', 'service'],
  research_institute: ['enterprise', 'university', 'research_institute'],
  government: ['university', 'research_institute', 'enterprise'],
  fund: ['enterprise', 'research_institute'],
  service: ['enterprise', 'university', 'research_institute'],
};

/** Kinds a seeker of unknown kind is assumed to want: the knowledge side (产学研's 学 and 研). */
export const DEFAULT_WANTED_KINDS: readonly OrganizationKind[] = [
  'university',
  'research_institute',
  'vocational_college',
];

/** Whether `candidate` is a kind the seeker usually works with. */
export function isKindFit(seekerKind: string | null | undefined, candidateKind: string): boolean {
  const wanted =
    seekerKind && seekerKind in KIND_FIT ? KIND_FIT[seekerKind as OrganizationKind] : DEFAULT_WANTED_KINDS;
  return (wanted as readonly string[]).includes(candidateKind);
}

const CHAIN_ORDER: Readonly<Record<ChainPosition, number>> = { upstream: 0, midstream: 1, downstream: 2 };

/**
 * Two chain positions complement each other when they are adjacent links of the chain: upstream
 * supplies midstream, midstream supplies downstream. The same position is a competitor or a peer.
 */
export function isChainComplement(a: ChainPosition, b: ChainPosition): boolean {
  return Math.abs(CHAIN_ORDER[a] - CHAIN_ORDER[b]) === 1;
}

/** A count damped into [0, 1): `half` scores 0.5, more adds ever less. Negative counts score 0. */
export function damp(count: number, half: number): number {
  if (!(count > 0) || !(half > 0)) return 0;
  return count / (count + half);
}

/** CORDIS activity types mapped to our organisation kinds (OTH: associations, NGOs and the like). */
export const CORDIS_KINDS: Readonly<Record<string, OrganizationKind>> = {
  HES: 'university',
  PRC: 'enterprise',
  REC: 'research_institute',
  PUB: 'government',
  OTH: 'service',
};

/** Whether a text has Chinese characters (then it is a Chinese name or description). */
export function hasChinese(text: string): boolean {
  return /[\u3400-\u9fff\uf900-\ufaff]/u.test(text);
}
