/**
 * Use cases of matching in the web app and API: ranked suggestions for a need (organisations,
 * experts, achievements, capabilities) and for a capability or achievement (needs), and the
 * pipeline a pair moves through once either side acts on it.
 *
 * Suggestions rank what the search index holds (analysed tokens and structure, never the original
 * text), with the hybrid ranker of the matching module. Candidates' restricted text counts only as
 * far as the asking organisation's tier admits it, so no score or reason can reveal hidden text.
 * Indexes are built once per candidate type and audience and rebuilt when the index changes.
 */
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPlatformRole, roleIn, type Actor, type UserActor } from '../../platform/auth/actor.js';
import type { Queryable } from '../../platform/db/database.js';
import type { PartnerMatchRow } from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import {
  getAchievement,
  getCapability,
  getNeed,
  advanceNeedStatusInTransaction,
} from '../directory/service.js';
import { MatchIndex, type MatchCandidate, type MatchReason } from '../matching/ranking.js';
import { readableTerms, surfaceWords } from '../matching/service.js';
import { CONCEPT_PREFIX } from '../search/analyzer.js';
import {
  graphForOwnedCandidates,
  loadOrganizationSignals,
  signalsFingerprint,
  type OrganizationSignals,
} from '../matching/signals.js';
import { sharedAnalyzer } from '../matching/text.js';
import { findOrganizationSummaries, type OrganizationSummary } from '../organizations/service.js';
import type { ChainPosition } from '../organizations/schemas.js';
import {
  findMatchableDocument,
  findMatchableDocuments,
  grantedRecords,
  listMatchableDocuments,
  matchableFingerprint,
  visibleTokens,
  type MatchableDocument,
  type MatchAudience,
  type SearchableType,
} from '../search/service.js';
import * as repo from './repo.js';
import {
  applyAction,
  availableActions,
  awaits,
  declinedOrganizations,
  initialState,
  needStatusAfter,
  providerOrganizationOf,
  type CounterpartType,
  type DeclineReason,
  type MatchSide,
  type MatchState,
  type MatchStatus,
} from './rules.js';
import type {
  CreateMatchBody,
  ListMatchesQuery,
  MatchActionBody,
  MatchDetail,
  MatchList,
  MatchParty,
  MatchReasonView,
  MatchView,
  OrganizationRef,
  Suggestion,
  SuggestionList,
  SuggestionQuery,
  SupplySuggestionQuery,
} from './schemas.js';

type RankedType = CounterpartType | 'need';

// ---------------------------------------------------------------------------------------------
// Match indexes

interface BuiltIndex {
  index: MatchIndex;
  docs: ReadonlyMap<string, MatchableDocument>;
  signals: OrganizationSignals;
}

/** Per application: one index per ranked type and audience, with the fingerprint it was built at. */
const indexCache = new WeakMap<
  AppContext,
  Map<string, { fingerprint: string; built: Promise<BuiltIndex> }>
>();

/** The search documents an index of `type` reads. */
function sourceTypes(type: RankedType): SearchableType[] {
  return type === 'organization' ? ['organization', 'capability', 'achievement', 'expert'] : [type];
}

/** A record's clusters with its owner's chain position in each; the owner's clusters when it names none. */
function clustersOf(
  doc: Pick<MatchableDocument, 'clusters' | 'ownerOrganizationId'>,
  signals: OrganizationSignals,
): { cluster: string; chainPosition: ChainPosition | null }[] {
  const owner = signals.clusters.get(doc.ownerOrganizationId ?? '') ?? [];
  if (doc.clusters.length === 0) return owner.map((c) => ({ ...c }));
  return doc.clusters.map((cluster) => ({
    cluster,
    chainPosition: owner.find((c) => c.cluster === cluster)?.chainPosition ?? null,
  }));
}

async function buildIndex(ctx: AppContext, type: RankedType, audience: MatchAudience): Promise<BuiltIndex> {
  const signals = await loadOrganizationSignals(ctx.db);
  const all = await listMatchableDocuments(ctx.db, sourceTypes(type));
  const docs = all.filter((d) => d.entityType === type);
  // An organisation is also what it offers: its capabilities, achievements and experts.
  const offered = new Map<string, string[]>();
  if (type === 'organization')
    for (const doc of all) {
      if (doc.entityType === 'organization' || !doc.ownerOrganizationId) continue;
      const list = offered.get(doc.ownerOrganizationId) ?? [];
      list.push(...visibleTokens(doc, audience));
      offered.set(doc.ownerOrganizationId, list);
    }
  const ownerOf = new Map<string, string>();
  const candidates: MatchCandidate[] = docs.map((doc) => {
    const owner = doc.ownerOrganizationId ?? doc.entityId;
    if (type !== 'organization') ownerOf.set(doc.entityId, owner);
    return {
      id: doc.entityId,
      kind: doc.kind ?? 'enterprise',
      tokens: [...visibleTokens(doc, audience), ...(offered.get(doc.entityId) ?? [])],
      clusters: clustersOf(doc, signals),
      district: doc.district,
      projects: signals.projects.get(owner) ?? 0,
    };
  });
  const graph = type === 'organization' ? signals.graph : graphForOwnedCandidates(signals.graph, ownerOf);
  return {
    index: new MatchIndex(candidates, { graph }),
    docs: new Map(docs.map((d) => [d.entityId, d])),
    signals,
  };
}

async function indexFor(ctx: AppContext, type: RankedType, audience: MatchAudience): Promise<BuiltIndex> {
  const fingerprint = [
    await matchableFingerprint(ctx.db, sourceTypes(type)),
    await signalsFingerprint(ctx.db),
  ].join('|');
  let cache = indexCache.get(ctx);
  if (!cache) {
    cache = new Map<string, { fingerprint: string; built: Promise<BuiltIndex> }>();
    indexCache.set(ctx, cache);
  }
  const key = `${type}:${audience}`;
  const hit = cache.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.built;
  const built = buildIndex(ctx, type, audience);
  cache.set(key, { fingerprint, built });
  built.catch(() => cache.delete(key));
  return built;
}

// ---------------------------------------------------------------------------------------------
// Suggestions

function forbidden(message: string): DomainError {
  return new DomainError('auth.forbidden', message);
}

function notFound(): DomainError {
  return new DomainError('record.not_found', 'No such record');
}

function organizationRef(summary: OrganizationSummary | undefined, id: string): OrganizationRef {
  return {
    id,
    kind: summary?.kind ?? 'enterprise',
    nameZh: summary?.nameZh ?? '',
    nameEn: summary?.nameEn ?? '',
  };
}

/** The subject of a suggestion list: a record the caller's organisation owns, with its text. */
interface Subject {
  type: 'need' | 'capability' | 'achievement';
  id: string;
  title: string;
  ownerOrganizationId: string;
  /** Everything the owner wrote, for turning stems back into words in the reasons. */
  text: string;
}

async function loadSubject(
  ctx: AppContext,
  actor: UserActor,
  type: Subject['type'],
  id: string,
): Promise<Subject> {
  const record =
    type === 'need'
      ? await getNeed(ctx, actor, id)
      : type === 'capability'
        ? await getCapability(ctx, actor, id)
        : await getAchievement(ctx, actor, id);
  if (roleIn(actor, record.owner.id) === null)
    throw forbidden('Only members of the organisation that posted the record see its matches');
  const text = record.detailsHidden
    ? record.title
    : [record.title, record.description, ...record.keywords, ...record.publicKeywords].join('\n');
  return { type, id, title: record.title, ownerOrganizationId: record.owner.id, text };
}

async function audienceOf(db: Queryable, organizationId: string): Promise<MatchAudience> {
  const owner = (await findOrganizationSummaries(db, [organizationId])).get(organizationId);
  return owner?.verificationStatus === 'verified' ? 'registered' : 'public';
}

/**
 * Turns the ranker's reasons into what people read: words rather than stems, and a whole Chinese
 * word of the subject rather than the sub-words the index also holds (碳化硅, not 化硅).
 */
function readableReasons(
  reasons: readonly MatchReason[],
  surface: ReadonlyMap<string, string>,
  subjectTokens: readonly string[],
): MatchReasonView[] {
  const whole = (term: string): string => {
    let best = term;
    for (const token of subjectTokens)
      if (token.length > best.length && token.includes(term) && !token.startsWith(CONCEPT_PREFIX))
        best = token;
    return best;
  };
  return reasons.map((reason) =>
    reason.code === 'shared_terms'
      ? readableTerms(
          reason.terms.map((term) => (term.startsWith(CONCEPT_PREFIX) ? term : whole(term))),
          surface,
        )
      : reason,
  );
}

function summaryOf(row: PartnerMatchRow | undefined): Suggestion['match'] {
  return row ? { id: row.id, status: row.status as MatchStatus, version: row.version } : null;
}

/**
 * Ranks `type` for the subject. The query is the subject's whole text (its owner asks); the seeker
 * is the subject's owner: its kind, clusters and chain positions, district, earlier partners, and
 * the organisations it declined or was declined by (demoted).
 */
/**
 * Reasons that make a candidate a suggestion: something in common with the subject's text, or a
 * history with the seeker. Kind, cluster and district alone only order candidates that have one.
 */
const EVIDENCE: ReadonlySet<MatchReason['code']> = new Set([
  'shared_terms',
  'semantic_similarity',
  'past_collaboration',
  'network_proximity',
]);
/** Candidates ranked per suggestion asked for, so that enough remain after the evidence filter. */
const EVIDENCE_HEADROOM = 3;

async function rankFor(
  ctx: AppContext,
  subject: Subject,
  type: RankedType,
  limit: number,
): Promise<{ built: BuiltIndex; ranked: { id: string; score: number; reasons: MatchReasonView[] }[] }> {
  const doc = await findMatchableDocument(ctx.db, subject.type, subject.id);
  if (!doc) throw notFound();
  const audience = await audienceOf(ctx.db, subject.ownerOrganizationId);
  const built = await indexFor(ctx, type, audience);
  const seeker = subject.ownerOrganizationId;
  const declinedOrgs = declinedOrganizations(
    seeker,
    (await repo.findDeclinedPairs(ctx.db, seeker)).map((p) => ({
      seekerOrganizationId: p.seeker_organization_id,
      providerOrganizationId: p.provider_organization_id,
      status: p.status as MatchStatus,
    })),
  );
  const ownerOf = (d: MatchableDocument): string => d.ownerOrganizationId ?? d.entityId;
  const declined = new Set<string>();
  const exclude = new Set<string>();
  for (const candidate of built.docs.values()) {
    const owner = ownerOf(candidate);
    if (owner === seeker) exclude.add(candidate.entityId);
    else if (declinedOrgs.has(owner)) declined.add(candidate.entityId);
  }
  const query = {
    tokens: [...doc.titleTokens, ...doc.openTokens, ...doc.closedTokens],
    seekerKind: doc.kind,
    clusters: clustersOf(doc, built.signals),
    district: doc.district,
    partners: [seeker],
    declined,
    exclude,
    top: limit * EVIDENCE_HEADROOM,
  };
  const results = built.index.rank(query);
  const surface = surfaceWords(subject.text, sharedAnalyzer);
  const subjectTokens = [...new Set(query.tokens)];
  return {
    built,
    ranked: results
      .filter((r) => r.reasons.some((reason) => EVIDENCE.has(reason.code)))
      .slice(0, limit)
      .map((r) => ({
        id: r.id,
        score: Math.round(r.score * 1e6) / 1e6,
        reasons: readableReasons(r.reasons, surface, subjectTokens),
      })),
  };
}

async function partiesOf(
  db: Queryable,
  built: BuiltIndex,
  type: RankedType,
  ids: readonly string[],
): Promise<Map<string, MatchParty>> {
  const docs = ids.map((id) => built.docs.get(id)).filter((d): d is MatchableDocument => d !== undefined);
  const owners = await findOrganizationSummaries(
    db,
    docs.map((d) => d.ownerOrganizationId ?? d.entityId),
  );
  return new Map(
    docs.map((d) => {
      const owner = d.ownerOrganizationId ?? d.entityId;
      return [
        d.entityId,
        { type, id: d.entityId, title: d.title, organization: organizationRef(owners.get(owner), owner) },
      ];
    }),
  );
}

/** `GET /api/v1/needs/:id/matches`: organisations, experts, achievements or capabilities for a need. */
export async function suggestForNeed(
  ctx: AppContext,
  actor: UserActor,
  needId: string,
  query: SuggestionQuery,
): Promise<SuggestionList> {
  const subject = await loadSubject(ctx, actor, 'need', needId);
  const { built, ranked } = await rankFor(ctx, subject, query.type, query.limit);
  const parties = await partiesOf(
    ctx.db,
    built,
    query.type,
    ranked.map((r) => r.id),
  );
  const pairs = new Map(
    (
      await repo.findMatchesOfNeed(
        ctx.db,
        needId,
        query.type,
        ranked.map((r) => r.id),
      )
    ).map((m) => [m.counterpart_id, m]),
  );
  return {
    subject: await subjectParty(ctx.db, subject),
    type: query.type,
    candidates: built.index.size,
    items: ranked.flatMap((r) => {
      const counterpart = parties.get(r.id);
      return counterpart
        ? [{ counterpart, score: r.score, reasons: r.reasons, match: summaryOf(pairs.get(r.id)) }]
        : [];
    }),
  };
}

/** `GET /api/v1/{capabilities,achievements}/:id/matches`: needs a supply record could answer. */
export async function suggestForSupply(
  ctx: AppContext,
  actor: UserActor,
  type: 'capability' | 'achievement',
  id: string,
  query: SupplySuggestionQuery,
): Promise<SuggestionList> {
  const subject = await loadSubject(ctx, actor, type, id);
  const { built, ranked } = await rankFor(ctx, subject, 'need', query.limit);
  const parties = await partiesOf(
    ctx.db,
    built,
    'need',
    ranked.map((r) => r.id),
  );
  const pairs = new Map(
    (
      await repo.findMatchesOfCounterpart(
        ctx.db,
        type,
        id,
        ranked.map((r) => r.id),
      )
    ).map((m) => [m.need_id, m]),
  );
  return {
    subject: await subjectParty(ctx.db, subject),
    type: 'need',
    candidates: built.index.size,
    items: ranked.flatMap((r) => {
      const counterpart = parties.get(r.id);
      return counterpart
        ? [{ counterpart, score: r.score, reasons: r.reasons, match: summaryOf(pairs.get(r.id)) }]
        : [];
    }),
  };
}

async function subjectParty(db: Queryable, subject: Subject): Promise<MatchParty> {
  const owner = (await findOrganizationSummaries(db, [subject.ownerOrganizationId])).get(
    subject.ownerOrganizationId,
  );
  return {
    type: subject.type,
    id: subject.id,
    title: subject.title,
    organization: organizationRef(owner, subject.ownerOrganizationId),
  };
}

// ---------------------------------------------------------------------------------------------
// The pipeline

/** Sides the caller can act for in a pair. */
function sidesOf(
  actor: Actor,
  row: Pick<PartnerMatchRow, 'seeker_organization_id' | 'provider_organization_id'>,
): MatchSide[] {
  const sides: MatchSide[] = [];
  if (roleIn(actor, row.seeker_organization_id) !== null) sides.push('seeker');
  if (roleIn(actor, row.provider_organization_id) !== null) sides.push('provider');
  return sides;
}

/** Platform roles that look on every pair (the cluster's leadership and its auditor). */
function looksOnEverything(actor: Actor): boolean {
  return hasPlatformRole(actor, 'cluster_office') || hasPlatformRole(actor, 'auditor');
}

function stateOf(row: PartnerMatchRow): MatchState {
  return {
    status: row.status as MatchStatus,
    contactedBy: (row.contacted_by as MatchSide | null) ?? null,
    seekerAgreed: row.seeker_agreed === 1,
    providerAgreed: row.provider_agreed === 1,
  };
}

function matchError(
  code: 'match.invalid_transition' | 'match.own_contact' | 'match.already_agreed' | 'match.reason_required',
  message: string,
  field?: string,
): DomainError {
  return field ? DomainError.field(code, field, message) : new DomainError(code, message);
}

const REFUSALS = {
  invalid_transition: () =>
    matchError('match.invalid_transition', 'That step does not apply to the pair now'),
  own_contact: () => matchError('match.own_contact', 'The side you contacted accepts; wait for them'),
  already_agreed: () =>
    matchError('match.already_agreed', 'Your side has agreed already; the other side agrees next'),
  reason_required: () => matchError('match.reason_required', 'Say why you decline', 'body.reason'),
} as const;

/** The counterpart of a new pair, as the index holds it; it must be findable (active). */
async function loadCounterpart(db: Queryable, type: CounterpartType, id: string): Promise<MatchableDocument> {
  const doc = await findMatchableDocument(db, type, id);
  if (!doc || !doc.isActive)
    throw DomainError.field(
      'match.counterpart_not_found',
      'body.counterpartId',
      `No active ${type} with this id`,
    );
  return doc;
}

/** The reasons the matcher gives for this pair now (empty when it would not suggest it at all). */
async function reasonsForPair(
  ctx: AppContext,
  subject: Subject,
  rankedType: RankedType,
  candidateId: string,
): Promise<{ score: number | null; reasons: MatchReasonView[] }> {
  const { ranked } = await rankFor(ctx, subject, rankedType, 200);
  const found = ranked.find((r) => r.id === candidateId);
  return found ? { score: found.score, reasons: found.reasons } : { score: null, reasons: [] };
}

/** `POST /api/v1/matches`: either side puts a pair into the pipeline. */
export async function createMatch(
  ctx: AppContext,
  actor: UserActor,
  input: CreateMatchBody,
): Promise<MatchDetail> {
  const need = await getNeed(ctx, actor, input.needId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'record.not_found')
      throw DomainError.field('record.not_found', 'body.needId', 'No need with this id');
    throw error;
  });
  if (need.status === 'closed')
    throw DomainError.field(
      'match.need_closed',
      'body.needId',
      'The need is closed; it takes no new partners',
    );
  const counterpart = await loadCounterpart(ctx.db, input.counterpartType, input.counterpartId);
  const seekerId = need.owner.id;
  const providerId = providerOrganizationOf({
    type: input.counterpartType,
    id: counterpart.entityId,
    ownerOrganizationId: counterpart.ownerOrganizationId,
  });
  if (providerId === seekerId)
    throw DomainError.field(
      'match.same_organization',
      'body.counterpartId',
      'A need is not matched with its own organisation',
    );
  const sides = sidesOf(actor, { seeker_organization_id: seekerId, provider_organization_id: providerId });
  const side = sides[0];
  if (!side)
    throw forbidden(
      'Only members of the need’s organisation or of the counterpart’s organisation put a pair into the pipeline',
    );
  if (input.status === 'declined' && !input.reason) throw REFUSALS.reason_required();
  const existing = await repo.findMatchByPair(
    ctx.db,
    input.needId,
    input.counterpartType,
    input.counterpartId,
  );
  if (existing)
    throw new DomainError('match.already_exists', 'This pair is in the pipeline already', {
      matchId: existing.id,
    });

  // The reasons as the initiating side's matcher gives them.
  const snapshot =
    side === 'seeker'
      ? await reasonsForPair(
          ctx,
          await loadSubject(ctx, actor, 'need', input.needId),
          input.counterpartType,
          counterpart.entityId,
        )
      : input.counterpartType === 'capability' || input.counterpartType === 'achievement'
        ? await reasonsForPair(
            ctx,
            await loadSubject(ctx, actor, input.counterpartType, counterpart.entityId),
            'need',
            input.needId,
          )
        : { score: null, reasons: [] };
  const state = initialState(input.status, side);
  const now = nowIso();
  const row: PartnerMatchRow = {
    id: newId(),
    need_id: input.needId,
    counterpart_type: input.counterpartType,
    counterpart_id: counterpart.entityId,
    seeker_organization_id: seekerId,
    provider_organization_id: providerId,
    initiated_by: side,
    contacted_by: state.contactedBy,
    status: state.status,
    seeker_agreed: 0,
    provider_agreed: 0,
    score: snapshot.score,
    reasons: JSON.stringify(snapshot.reasons),
    declined_by: state.status === 'declined' ? side : null,
    decline_reason: state.status === 'declined' ? (input.reason ?? null) : null,
    decline_note: state.status === 'declined' ? (input.note ?? null) : null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    // The unique pair constraint settles a race between the two sides.
    if (await repo.findMatchByPair(tx, row.need_id, row.counterpart_type, row.counterpart_id))
      throw new DomainError('match.already_exists', 'This pair is in the pipeline already');
    await repo.insertMatch(tx, row);
    await repo.insertEvent(tx, {
      id: newId(),
      match_id: row.id,
      at: now,
      actor_user_id: actor.userId,
      side,
      action: 'create',
      from_status: null,
      to_status: row.status,
      note: input.note ?? null,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'match.create',
      entityType: 'match',
      entityId: row.id,
      after: row,
      details: {
        side,
        status: row.status,
        needId: row.need_id,
        counterpart: `${row.counterpart_type}:${row.counterpart_id}`,
      },
    });
  });
  return getMatch(ctx, actor, row.id);
}

/** `POST /api/v1/matches/:id/actions`: a side takes the next step. */
export async function actOnMatch(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: MatchActionBody,
): Promise<MatchDetail> {
  const before = await repo.findMatch(ctx.db, id);
  if (!before || (sidesOf(actor, before).length === 0 && !looksOnEverything(actor))) throw notFound();
  const sides = sidesOf(actor, before);
  const side = sides[0];
  if (!side) throw forbidden('Only the two sides of a pair act on it');
  if (before.version !== input.version)
    throw new DomainError(
      'record.version_conflict',
      'The other side acted first; reload the pair and try again',
    );
  const outcome = applyAction(stateOf(before), side, input.action, { reason: input.reason ?? null });
  if (!outcome.ok) throw REFUSALS[outcome.refusal]();
  const next = outcome.state;
  const now = nowIso();
  const changes: Partial<PartnerMatchRow> = {
    status: next.status,
    contacted_by: next.contactedBy,
    seeker_agreed: next.seekerAgreed ? 1 : 0,
    provider_agreed: next.providerAgreed ? 1 : 0,
    ...(input.action === 'decline'
      ? { declined_by: side, decline_reason: input.reason ?? null, decline_note: input.note ?? null }
      : {}),
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateMatch(tx, id, before.version, changes)))
      throw new DomainError(
        'record.version_conflict',
        'The other side acted first; reload the pair and try again',
      );
    await repo.insertEvent(tx, {
      id: newId(),
      match_id: id,
      at: now,
      actor_user_id: actor.userId,
      side,
      action: input.action,
      from_status: before.status,
      to_status: next.status,
      note: input.note ?? null,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: `match.${input.action}`,
      entityType: 'match',
      entityId: id,
      before,
      after: { ...before, ...changes, version: before.version + 1 },
      details: {
        side,
        from: before.status,
        to: next.status,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    // The need follows its pairs: talks make it "in talks", an agreement "matched".
    if (next.status !== before.status)
      await advanceNeedStatusInTransaction(
        tx,
        before.need_id,
        (status) => needStatusAfter(status, next.status),
        {
          actorUserId: actor.userId,
          cause: { matchId: id },
        },
      );
  });
  return getMatch(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Reading pairs

/**
 * Shared terms say which words both texts use, so they show only to a caller who may read both
 * texts: the tier of a record whose details the caller cannot see hides them (structural reasons
 * stay).
 */
async function viewsOf(
  ctx: AppContext,
  actor: Actor,
  rows: readonly PartnerMatchRow[],
): Promise<MatchView[]> {
  if (rows.length === 0) return [];
  const docs = await findMatchableDocuments(
    ctx.db,
    rows.flatMap((r) => [
      { entityType: 'need' as const, entityId: r.need_id },
      { entityType: r.counterpart_type as SearchableType, entityId: r.counterpart_id },
    ]),
  );
  const mine = actor.kind === 'user' ? [...actor.memberships.keys()] : [];
  const summaries = await findOrganizationSummaries(ctx.db, [
    ...mine,
    ...rows.flatMap((r) => [r.seeker_organization_id, r.provider_organization_id]),
  ]);
  const verified = mine.some((id) => summaries.get(id)?.verificationStatus === 'verified');
  const keys = rows.flatMap((r) => [
    { entityType: 'need' as const, entityId: r.need_id },
    { entityType: r.counterpart_type as SearchableType, entityId: r.counterpart_id },
  ]);
  const granted = await grantedRecords(ctx.db, mine, keys);
  const readable = (doc: MatchableDocument | undefined): boolean => {
    if (!doc) return false;
    if (doc.visibility === 'public') return true;
    if (doc.ownerOrganizationId && mine.includes(doc.ownerOrganizationId)) return true;
    if (doc.visibility === 'registered') return verified;
    return granted.has(`${doc.entityType}:${doc.entityId}`);
  };
  return rows.map((row) => {
    const needDoc = docs.get(`need:${row.need_id}`);
    const counterpartDoc = docs.get(`${row.counterpart_type}:${row.counterpart_id}`);
    const bothReadable = readable(needDoc) && readable(counterpartDoc);
    const reasons = (JSON.parse(row.reasons) as MatchReasonView[]).filter(
      (r) => r.code !== 'shared_terms' || bothReadable,
    );
    const sides = sidesOf(actor, row);
    const state = stateOf(row);
    const party = (
      type: MatchParty['type'],
      id: string,
      doc: MatchableDocument | undefined,
      organizationId: string,
    ): MatchParty => ({
      type,
      id,
      title: doc?.title ?? '',
      organization: organizationRef(summaries.get(organizationId), organizationId),
    });
    return {
      id: row.id,
      need: party('need', row.need_id, needDoc, row.seeker_organization_id),
      counterpart: party(
        row.counterpart_type as CounterpartType,
        row.counterpart_id,
        counterpartDoc,
        row.provider_organization_id,
      ),
      status: state.status,
      initiatedBy: row.initiated_by as MatchSide,
      contactedBy: state.contactedBy,
      seekerAgreed: state.seekerAgreed,
      providerAgreed: state.providerAgreed,
      score: row.score,
      reasons,
      declinedBy: (row.declined_by as MatchSide | null) ?? null,
      declineReason: (row.decline_reason as DeclineReason | null) ?? null,
      declineNote: row.decline_note,
      mySides: sides,
      actions: sides.flatMap((side) => availableActions(state, side).map((action) => ({ side, action }))),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  });
}

/** `GET /api/v1/matches/:id`: a pair and its history, for its two sides and the cluster office. */
export async function getMatch(ctx: AppContext, actor: Actor, id: string): Promise<MatchDetail> {
  const row = await repo.findMatch(ctx.db, id);
  if (!row || (sidesOf(actor, row).length === 0 && !looksOnEverything(actor))) throw notFound();
  const [view] = await viewsOf(ctx, actor, [row]);
  const events = await repo.listEvents(ctx.db, id);
  return {
    ...(view as MatchView),
    events: events.map((e) => ({
      at: e.at,
      side: e.side as MatchSide,
      action: e.action as MatchDetail['events'][number]['action'],
      fromStatus: (e.from_status as MatchStatus | null) ?? null,
      toStatus: e.to_status as MatchStatus,
      actorName: e.display_name ?? null,
      note: e.note,
    })),
  };
}

/** `GET /api/v1/matches`: the caller's organisations' pairs, newest change first. */
export async function listMatches(
  ctx: AppContext,
  actor: UserActor,
  query: ListMatchesQuery,
): Promise<MatchList> {
  const mine = [...actor.memberships.keys()];
  if (query.organization && !mine.includes(query.organization) && !looksOnEverything(actor))
    throw forbidden('You see the pairs of your own organisations');
  const organizationIds = query.organization
    ? [query.organization]
    : looksOnEverything(actor) && !query.side
      ? null
      : mine;
  let rows = await repo.listMatches(ctx.db, {
    organizationIds,
    side: query.side,
    status: query.status,
    needId: query.need,
  });
  if (query.awaitingMe)
    rows = rows.filter((row) => sidesOf(actor, row).some((side) => awaits(stateOf(row), side)));
  const page = rows.slice(query.offset, query.offset + query.limit);
  return {
    items: await viewsOf(ctx, actor, page),
    total: rows.length,
    limit: query.limit,
    offset: query.offset,
  };
}
