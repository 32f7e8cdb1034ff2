/**
 * Every weight of the matcher, in one place. Tuned by `npm run eval:matching -- --tune` on the
 * CORDIS training years only (projects starting ≤ 2016 ranked against 2017 projects); the test
 * years (≥ 2018) never influence these numbers. See docs/EVALUATION.md.
 */
export interface MatchWeights {
  /** BM25 over the shared analyser's tokens, normalised by the best candidate of the query. */
  lexical: number;
  /** Latent semantic similarity (cosine, clipped to [0, 1]) when a semantic model is present. */
  semantic: number;
  /** The candidate's kind is one the seeker's kind usually works with. */
  kindFit: number;
  /** The candidate belongs to one of the query's clusters. */
  sharedCluster: number;
  /** How much the candidate has done in the query's clusters (damped project count). */
  clusterDepth: number;
  /** Adjacent chain positions in a shared cluster (upstream↔midstream↔downstream). */
  chainComplement: number;
  sameDistrict: number;
  /** Share of the query's known partners located in the candidate's country. */
  sameCountry: number;
  /** Earlier joint projects with the query's known partners (damped count). */
  pastCollaboration: number;
  /** Adamic–Adar proximity: collaborators in common with the query's known partners (damped). */
  networkProximity: number;
  /** Past collaborations of the candidate overall (damped count). */
  trackRecord: number;
  /** Score multiplier for a candidate with availability 0 (1 = availability ignored). */
  availabilityFloor: number;
  /** Score multiplier for a pair the seeker declined before. */
  declinedFactor: number;
}

/** Half-saturation points of the damped counts: a count equal to its half scores 0.5. */
export interface MatchDamping {
  pastCollaborationHalf: number;
  networkProximityHalf: number;
  trackRecordHalf: number;
  clusterDepthHalf: number;
  /** Collaborators with more partners than this are skipped in the two-hop walk (hubs say little). */
  hubDegreeCap: number;
}

export const MATCH_WEIGHTS: MatchWeights = {
  lexical: 0.5,
  semantic: 0,
  kindFit: 0.2,
  sharedCluster: 0,
  clusterDepth: 0.15,
  chainComplement: 0.2,
  sameDistrict: 0.1,
  sameCountry: 0.5,
  pastCollaboration: 1.5,
  networkProximity: 1,
  trackRecord: 0.15,
  availabilityFloor: 0.5,
  declinedFactor: 0.2,
};

export const MATCH_DAMPING: MatchDamping = {
  pastCollaborationHalf: 8,
  networkProximityHalf: 0.5,
  trackRecordHalf: 10,
  clusterDepthHalf: 5,
  hubDegreeCap: 1500,
};
