/**
 * Directory use cases: post, edit and close needs, capabilities, achievements and expert profiles;
 * read them as the caller's tier allows; ask for, accept and decline NDA access. Every change is
 * audited and (re)indexed for search in the same transaction.
 */
import type { AppContext } from '../../platform/context.js';
import { DomainError, type FieldIssue } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { roleIn, type Actor, type UserActor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type {
  AchievementRow,
  CapabilityRow,
  ExpertRow,
  NdaRequestRow,
  NeedRow,
} from '../../platform/db/schema.js';
import {
  findClusters,
  findOrganizationSummaries,
  getOrganization,
  type OrganizationSummary,
} from '../organizations/service.js';
import type { Cluster, OrganizationKind } from '../organizations/schemas.js';
import type { SearchDocument } from '../search/documents.js';
import { grantDocumentAccess, indexDocument } from '../search/service.js';
import * as repo from './repo.js';
import {
  adminOrganizationIds,
  canSeeNdaRequest,
  canViewDetails,
  expertPermissions,
  isOwnerMember,
  memberOrganizationIds,
  ndaCandidateOrganizations,
  ndaRequestPermissions,
  ndaStanding,
  postRefusal,
  recordPermissions,
  type Viewer,
} from './permissions.js';
import {
  canMoveListing,
  canMoveNeed,
  expertIssues,
  isNeedActive,
  LISTING_TRANSITIONS,
  mayOwn,
  NEED_TRANSITIONS,
  needIssues,
  normalizeKeywords,
  normalizeModes,
  registrationNumberIssue,
  suzhouDate,
  type RecordIssue,
  type RecordType,
} from './rules.js';
import {
  COOPERATION_MODES,
  TRANSFER_MODES,
  type AchievementKind,
  type Achievement,
  type AchievementList,
  type AchievementListItem,
  type Capability,
  type CapabilityList,
  type CapabilityListItem,
  type CooperationMode,
  type CreateAchievementBody,
  type CreateCapabilityBody,
  type CreateExpertBody,
  type CreateNdaRequestBody,
  type CreateNeedBody,
  type Expert,
  type ExpertList,
  type ExpertListItem,
  type ListAchievementsQuery,
  type ListCapabilitiesQuery,
  type ListExpertsQuery,
  type ListingStatus,
  type ListNdaRequestsQuery,
  type ListNeedsQuery,
  type NdaRequest,
  type NdaRequestList,
  type NdaStatus,
  type Need,
  type NeedList,
  type NeedListItem,
  type NeedStatus,
  type OrganizationDirectory,
  type Owner,
  type TieredType,
  type TransferMode,
  type UpdateAchievementBody,
  type UpdateCapabilityBody,
  type UpdateExpertBody,
  type UpdateNeedBody,
  type VisibilityTier,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Shared pieces

function notFound(): DomainError {
  return new DomainError('record.not_found', 'No such record');
}

function versionConflict(): DomainError {
  return new DomainError(
    'record.version_conflict',
    'Someone else changed this record; reload it and try again',
  );
}

function recordClosed(): DomainError {
  return new DomainError('directory.record_closed', 'This record is closed; it takes no more changes');
}

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function throwIssues(issues: readonly RecordIssue[]): void {
  const first = issues[0];
  if (!first) return;
  throw new DomainError(first.code, first.message, {
    issues: issues.map((i): FieldIssue => ({ field: i.field, code: i.code, message: i.message })),
  });
}

/** The caller with the verification state of its organisations. */
async function loadViewer(db: Queryable, actor: Actor): Promise<Viewer> {
  const ids = memberOrganizationIds(actor);
  const summaries = await findOrganizationSummaries(db, ids);
  return {
    actor,
    verifiedOrganizationIds: new Set(
      [...summaries.values()].filter((o) => o.verificationStatus === 'verified').map((o) => o.id),
    ),
  };
}

function ownerOf(summary: OrganizationSummary | undefined, id: string, kind: string): Owner {
  return {
    id,
    kind: (summary?.kind ?? kind) as OrganizationKind,
    nameZh: summary?.nameZh ?? '',
    nameEn: summary?.nameEn ?? '',
  };
}

/** Refuses a cluster slug that names no cluster; null stays null. */
async function resolveCluster(db: Queryable, slug: string | null | undefined): Promise<string | null> {
  if (slug === null || slug === undefined) return null;
  const found = await findClusters(db, [slug]);
  if (found.length === 0)
    throw DomainError.field('organization.unknown_cluster', 'body.cluster', `No cluster "${slug}"`);
  return slug;
}

/**
 * The owner an actor posts for, checked: a member of it, verified, of a kind that may own the
 * record type. A caller who does not belong to the organisation is refused without learning more.
 */
async function assertMayPost(
  db: Queryable,
  actor: UserActor,
  ownerId: string,
  type: RecordType,
  field: string,
): Promise<OrganizationSummary> {
  const owner = (await findOrganizationSummaries(db, [ownerId])).get(ownerId);
  const refusal = owner ? postRefusal(actor, owner, type) : 'not_member';
  switch (refusal) {
    case null:
      if (!owner) throw notFound();
      return owner;
    case 'not_member':
      throw new DomainError('auth.forbidden', 'You may post only for an organisation you belong to');
    case 'unverified':
      throw DomainError.field(
        'directory.organization_unverified',
        field,
        'The organisation must be verified by the cluster office before it can post',
      );
    case 'kind_not_allowed':
      throw DomainError.field(
        'directory.owner_kind_not_allowed',
        field,
        `A ${owner?.kind ?? 'this'} organisation cannot post a ${type}`,
      );
  }
}

/** The owner of a stored record, for kind checks of trusted inserts (demo data, imports). */
async function ownerForInsert(
  db: Queryable,
  ownerId: string,
  type: RecordType,
  options: { skipOwnerKindCheck?: boolean | undefined },
): Promise<OrganizationSummary> {
  const owner = (await findOrganizationSummaries(db, [ownerId])).get(ownerId);
  if (!owner) throw DomainError.field('record.not_found', 'owner', `No organisation ${ownerId}`);
  if (!options.skipOwnerKindCheck && !mayOwn(owner.kind, type)) {
    throw DomainError.field(
      'directory.owner_kind_not_allowed',
      'owner',
      `A ${owner.kind} organisation cannot post a ${type}`,
    );
  }
  return owner;
}

interface PageFacts {
  owners: Map<string, OrganizationSummary>;
  clusters: Map<string, Cluster>;
  /** The caller's verified organisations' NDA requests, by record id. */
  requests: Map<string, NdaRequestRow[]>;
}

/** Owners, clusters and the caller's NDA requests for a page of records. */
async function pageFacts(
  db: Queryable,
  viewer: Viewer,
  type: TieredType | 'expert',
  rows: readonly { id: string; ownerId: string; clusterSlug: string | null }[],
): Promise<PageFacts> {
  const slugs = [...new Set(rows.flatMap((r) => (r.clusterSlug ? [r.clusterSlug] : [])))];
  const [owners, clusters, requests] = await Promise.all([
    findOrganizationSummaries(
      db,
      rows.map((r) => r.ownerId),
    ),
    slugs.length > 0 ? findClusters(db, slugs) : Promise.resolve([]),
    type === 'expert'
      ? Promise.resolve([])
      : repo.findNdaRequestsFor(
          db,
          type,
          rows.map((r) => r.id),
          [...viewer.verifiedOrganizationIds],
        ),
  ]);
  const byRecord = new Map<string, NdaRequestRow[]>();
  for (const request of requests)
    byRecord.set(request.entity_id, [...(byRecord.get(request.entity_id) ?? []), request]);
  return { owners, clusters: new Map(clusters.map((c) => [c.slug, c])), requests: byRecord };
}

function partiesOf(requests: readonly NdaRequestRow[] | undefined): Set<string> {
  return new Set(
    (requests ?? []).filter((r) => r.status === 'accepted').map((r) => r.requester_organization_id),
  );
}

function standingFacts(
  requests: readonly NdaRequestRow[] | undefined,
): { requesterOrganizationId: string; status: NdaStatus }[] {
  return (requests ?? []).map((r) => ({
    requesterOrganizationId: r.requester_organization_id,
    status: r.status as NdaStatus,
  }));
}

/** Fields every tiered record shows to anyone. */
function teaserBase(
  row: {
    id: string;
    owner_organization_id: string;
    owner_kind: string;
    title: string;
    public_keywords: string;
    cluster_slug: string | null;
    visibility: string;
    nda_terms: string;
    is_demo: number;
    created_at: string;
    updated_at: string;
    version: number;
  },
  facts: PageFacts,
) {
  return {
    id: row.id,
    owner: ownerOf(facts.owners.get(row.owner_organization_id), row.owner_organization_id, row.owner_kind),
    title: row.title,
    publicKeywords: parseList(row.public_keywords),
    cluster: row.cluster_slug ? (facts.clusters.get(row.cluster_slug) ?? null) : null,
    visibility: row.visibility as VisibilityTier,
    ndaTerms: row.nda_terms,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function tieredFacts(row: { owner_organization_id: string; visibility: string }) {
  return { ownerOrganizationId: row.owner_organization_id, visibility: row.visibility as VisibilityTier };
}

function rowRef(row: { id: string; owner_organization_id: string; cluster_slug: string | null }) {
  return { id: row.id, ownerId: row.owner_organization_id, clusterSlug: row.cluster_slug };
}

// ---------------------------------------------------------------------------------------------
// Search documents

/**
 * What search may show of a tiered record: for `public` records everything is public text; for
 * the others only the title and public keywords are, and the description and keywords are
 * restricted text that search shows only to callers the tier admits.
 */
function tieredDocument(
  type: TieredType,
  row: {
    id: string;
    owner_organization_id: string;
    owner_kind: string;
    title: string;
    description: string;
    keywords: string;
    public_keywords: string;
    cluster_slug: string | null;
    visibility: string;
  },
  owner: OrganizationSummary | undefined,
  extra: { isActive: boolean; trl?: number | null; cooperationModes: readonly string[] },
): SearchDocument {
  const visibility = row.visibility as VisibilityTier;
  const keywords = parseList(row.keywords);
  const publicKeywords = parseList(row.public_keywords);
  const open = visibility === 'public';
  return {
    entityType: type,
    entityId: row.id,
    ownerOrganizationId: row.owner_organization_id,
    visibility,
    isActive: extra.isActive,
    title: row.title,
    publicText: open ? row.description : '',
    keywords: open ? normalizeKeywords([...publicKeywords, ...keywords]) : publicKeywords,
    restrictedText: open ? '' : [row.description, ...keywords].join('\n'),
    facets: {
      kind: owner?.kind ?? row.owner_kind,
      clusters: row.cluster_slug ? [row.cluster_slug] : [],
      district: owner?.district ?? null,
      trl: extra.trl ?? null,
      cooperationModes: [...extra.cooperationModes],
    },
  };
}

/** Transfer modes in the cooperation vocabulary search and matching filter on. */
const TRANSFER_AS_COOPERATION: Readonly<Record<TransferMode, string>> = {
  transfer: 'transfer',
  licence: 'licence',
  joint_development: 'joint_rd',
  equity: 'equity',
};

function needDocument(row: NeedRow, owner: OrganizationSummary | undefined): SearchDocument {
  return tieredDocument('need', row, owner, {
    isActive: isNeedActive(row.status as NeedStatus),
    cooperationModes: parseList(row.cooperation_modes),
  });
}

function capabilityDocument(row: CapabilityRow, owner: OrganizationSummary | undefined): SearchDocument {
  return tieredDocument('capability', row, owner, {
    isActive: row.status === 'active',
    cooperationModes: parseList(row.cooperation_modes),
  });
}

function achievementDocument(row: AchievementRow, owner: OrganizationSummary | undefined): SearchDocument {
  return tieredDocument('achievement', row, owner, {
    isActive: row.status === 'active',
    trl: row.trl,
    cooperationModes: parseList(row.transfer_modes).map(
      (mode) => TRANSFER_AS_COOPERATION[mode as TransferMode] ?? mode,
    ),
  });
}

function expertDocument(row: ExpertRow, owner: OrganizationSummary | undefined): SearchDocument {
  return {
    entityType: 'expert',
    entityId: row.id,
    ownerOrganizationId: row.organization_id,
    visibility: 'public',
    isActive: row.status === 'active',
    title: [row.name_zh, row.name_en].filter(Boolean).join(' '),
    publicText: [row.title, ...parseList(row.fields), row.bio].filter(Boolean).join('\n'),
    keywords: parseList(row.keywords),
    restrictedText: '',
    facets: {
      kind: owner?.kind ?? row.owner_kind,
      clusters: row.cluster_slug ? [row.cluster_slug] : [],
      district: owner?.district ?? null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Needs

function needItem(viewer: Viewer, row: NeedRow, facts: PageFacts): NeedListItem {
  const teaser = {
    ...teaserBase(row, facts),
    cooperationModes: parseList(row.cooperation_modes) as CooperationMode[],
    deadline: row.deadline,
    status: row.status as NeedStatus,
  };
  if (!canViewDetails(viewer, tieredFacts(row), partiesOf(facts.requests.get(row.id)))) {
    return { ...teaser, detailsHidden: true };
  }
  return {
    ...teaser,
    description: row.description,
    keywords: parseList(row.keywords),
    budgetMinFen: row.budget_min_fen === null ? null : Number(row.budget_min_fen),
    budgetMaxFen: row.budget_max_fen === null ? null : Number(row.budget_max_fen),
    currency: 'CNY',
    detailsHidden: false,
  };
}

function needView(viewer: Viewer, row: NeedRow, facts: PageFacts): Need {
  const status = row.status as NeedStatus;
  const requests = standingFacts(facts.requests.get(row.id));
  const facts2 = { ...tieredFacts(row), isClosed: status === 'closed' };
  return {
    ...needItem(viewer, row, facts),
    permissions: recordPermissions(viewer, facts2, NEED_TRANSITIONS[status], requests),
    ndaStanding: ndaStanding(viewer, requests),
  };
}

export async function listNeeds(ctx: AppContext, actor: Actor, query: ListNeedsQuery): Promise<NeedList> {
  const viewer = await loadViewer(ctx.db, actor);
  const { rows, total } = await repo.listNeeds(ctx.db, query);
  const facts = await pageFacts(ctx.db, viewer, 'need', rows.map(rowRef));
  return {
    items: rows.map((row) => needItem(viewer, row, facts)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getNeed(ctx: AppContext, actor: Actor, id: string): Promise<Need> {
  const row = await repo.findNeed(ctx.db, id);
  if (!row) throw notFound();
  const viewer = await loadViewer(ctx.db, actor);
  return needView(viewer, row, await pageFacts(ctx.db, viewer, 'need', [rowRef(row)]));
}

/** Options of trusted inserts (demo data, imports): no session, no membership check. */
export interface InsertOptions {
  actorUserId: string | null;
  isDemo: boolean;
  /** For outside data whose organisation kinds do not follow the platform's posting rules. */
  skipOwnerKindCheck?: boolean;
}

function needRowFrom(
  input: CreateNeedBody,
  owner: OrganizationSummary,
  meta: { id: string; now: string; createdBy: string | null; isDemo: boolean },
): NeedRow {
  throwIssues(
    needIssues({
      budgetMinFen: input.budgetMinFen ?? null,
      budgetMaxFen: input.budgetMaxFen ?? null,
      deadline: input.deadline ?? null,
      deadlineChanged: true,
      today: suzhouDate(new Date(meta.now)),
    }),
  );
  return {
    id: meta.id,
    owner_organization_id: owner.id,
    owner_kind: owner.kind,
    title: input.title,
    description: input.description,
    keywords: JSON.stringify(normalizeKeywords(input.keywords ?? [])),
    public_keywords: JSON.stringify(normalizeKeywords(input.publicKeywords ?? [])),
    cluster_slug: input.cluster ?? null,
    cooperation_modes: JSON.stringify(normalizeModes(input.cooperationModes, COOPERATION_MODES)),
    budget_min_fen: input.budgetMinFen ?? null,
    budget_max_fen: input.budgetMaxFen ?? null,
    currency: 'CNY',
    deadline: input.deadline ?? null,
    status: 'open',
    visibility: input.visibility,
    nda_terms: input.ndaTerms ?? '',
    is_demo: meta.isDemo ? 1 : 0,
    created_by: meta.createdBy,
    created_at: meta.now,
    updated_at: meta.now,
    version: 1,
  };
}

async function saveNewNeed(tx: Tx, row: NeedRow, owner: OrganizationSummary, actorUserId: string | null) {
  await repo.insertNeed(tx, row);
  await recordAudit(tx, {
    actorUserId,
    action: 'need.create',
    entityType: 'need',
    entityId: row.id,
    after: row,
  });
  await indexDocument(tx, needDocument(row, owner));
}

/** An enterprise's member posts a need; it starts open. */
export async function createNeed(ctx: AppContext, actor: UserActor, input: CreateNeedBody): Promise<Need> {
  const owner = await assertMayPost(
    ctx.db,
    actor,
    input.ownerOrganizationId,
    'need',
    'body.ownerOrganizationId',
  );
  await resolveCluster(ctx.db, input.cluster);
  const row = needRowFrom(input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: actor.userId,
    isDemo: false,
  });
  await ctx.db.transaction().execute((tx) => saveNewNeed(tx, row, owner, actor.userId));
  return getNeed(ctx, actor, row.id);
}

/** Adds a need inside a caller's transaction (demo data, imports), checked by the same rules. */
export async function insertNeedInTransaction(
  tx: Tx,
  input: CreateNeedBody,
  options: InsertOptions,
): Promise<string> {
  const owner = await ownerForInsert(tx, input.ownerOrganizationId, 'need', options);
  await resolveCluster(tx, input.cluster);
  const row = needRowFrom(input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: options.actorUserId,
    isDemo: options.isDemo,
  });
  await saveNewNeed(tx, row, owner, options.actorUserId);
  return row.id;
}

/** Loads a record for a change by its owner's members: others are refused, closed ones frozen. */
function assertOwnerMayChange(
  actor: UserActor,
  ownerId: string,
  isClosed: boolean,
  version: number,
  expected: number,
): void {
  if (!isOwnerMember(actor, ownerId))
    throw new DomainError('auth.forbidden', "Only the owner's members may change this record");
  if (isClosed) throw recordClosed();
  if (version !== expected) throw versionConflict();
}

/** Options of changes made inside a caller's transaction: user edits and trusted imports. */
export interface UpdateOptions {
  actorUserId: string | null;
  /**
   * The version a user's edit was made against: another one is a version conflict, and the edit
   * is saved and audited even when it changes nothing. Trusted callers (imports) leave it out: a
   * change that would change nothing then writes nothing.
   */
  expectedVersion?: number | undefined;
}

function assertExpectedVersion(stored: number, options: UpdateOptions): void {
  if (options.expectedVersion !== undefined && options.expectedVersion !== stored) throw versionConflict();
}

/** Equal stored values; PostgreSQL returns bigint columns (budgets) as strings. */
function sameStoredValue(a: unknown, b: unknown): boolean {
  const plain = (value: unknown): unknown =>
    typeof value === 'number' || typeof value === 'bigint' ? String(value) : (value ?? null);
  return plain(a) === plain(b);
}

/** The column an update field is stored in (`cluster` → `cluster_slug`, `trl` → `trl`, …). */
function columnOf(field: string): string {
  return field === 'cluster' ? 'cluster_slug' : field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Saves a change worked out by an update…InTransaction function: the next version, the same
 * `<type>.update` audit event as a user's edit (the states before and after), and the record's
 * search document again (its tier may have changed). Returns whether it wrote.
 */
async function saveUpdate<Row extends { id: string; version: number }>(
  tx: Tx,
  change: {
    type: RecordType;
    before: Row;
    changes: Partial<Row>;
    input: object;
    ownerId: string;
    write: (changes: Partial<Row>) => Promise<boolean>;
    document: (row: Row, owner: OrganizationSummary | undefined) => SearchDocument;
  },
  options: UpdateOptions,
): Promise<boolean> {
  const { before, changes } = change;
  const after: Row = { ...before, ...changes, version: before.version + 1 };
  const stored = before as Record<string, unknown>;
  const next = after as Record<string, unknown>;
  const isEdit = options.expectedVersion !== undefined;
  const altered = Object.keys(changes).some(
    (column) => column !== 'updated_at' && !sameStoredValue(stored[column], next[column]),
  );
  if (!isEdit && !altered) return false;
  if (!(await change.write(changes))) throw versionConflict();
  const fields = Object.keys(change.input).filter(
    (field) => isEdit || !sameStoredValue(stored[columnOf(field)], next[columnOf(field)]),
  );
  await recordAudit(tx, {
    actorUserId: options.actorUserId,
    action: `${change.type}.update`,
    entityType: change.type,
    entityId: before.id,
    before,
    after,
    details: { fields },
  });
  const owner = (await findOrganizationSummaries(tx, [change.ownerId])).get(change.ownerId);
  await indexDocument(tx, change.document(after, owner));
  return true;
}

/** What a trusted caller (an import) checks before changing a record; null when there is none. */
export interface StoredRecordFacts {
  ownerOrganizationId: string;
  /** An expert's names as stored; null for other records. */
  expertNames: { zh: string; en: string } | null;
}

export async function findStoredRecordFacts(
  db: Queryable,
  type: RecordType,
  id: string,
): Promise<StoredRecordFacts | null> {
  if (type === 'expert') {
    const expert = await repo.findExpert(db, id);
    return expert
      ? {
          ownerOrganizationId: expert.organization_id,
          expertNames: { zh: expert.name_zh, en: expert.name_en },
        }
      : null;
  }
  const row =
    type === 'need'
      ? await repo.findNeed(db, id)
      : type === 'capability'
        ? await repo.findCapability(db, id)
        : await repo.findAchievement(db, id);
  return row ? { ownerOrganizationId: row.owner_organization_id, expertNames: null } : null;
}

/**
 * Changes a need inside a caller's transaction with the rules of a user's edit (budget range,
 * deadline, cluster), but no permission check: every user edit ends here, and trusted imports
 * call it directly. Fields left out stay; the status never changes, closed needs included.
 */
export async function updateNeedInTransaction(
  tx: Tx,
  id: string,
  input: Omit<UpdateNeedBody, 'version'>,
  options: UpdateOptions,
): Promise<boolean> {
  const before = await repo.findNeed(tx, id);
  if (!before) throw notFound();
  assertExpectedVersion(before.version, options);
  const budgetMinFen = input.budgetMinFen !== undefined ? input.budgetMinFen : before.budget_min_fen;
  const budgetMaxFen = input.budgetMaxFen !== undefined ? input.budgetMaxFen : before.budget_max_fen;
  const deadline = input.deadline !== undefined ? input.deadline : before.deadline;
  throwIssues(
    needIssues({
      budgetMinFen: budgetMinFen === null ? null : Number(budgetMinFen),
      budgetMaxFen: budgetMaxFen === null ? null : Number(budgetMaxFen),
      deadline,
      deadlineChanged: deadline !== before.deadline,
      today: suzhouDate(new Date()),
    }),
  );
  if (input.cluster !== undefined) await resolveCluster(tx, input.cluster);
  const changes: Partial<NeedRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.keywords !== undefined ? { keywords: JSON.stringify(normalizeKeywords(input.keywords)) } : {}),
    ...(input.publicKeywords !== undefined
      ? { public_keywords: JSON.stringify(normalizeKeywords(input.publicKeywords)) }
      : {}),
    ...(input.cluster !== undefined ? { cluster_slug: input.cluster } : {}),
    ...(input.cooperationModes !== undefined
      ? { cooperation_modes: JSON.stringify(normalizeModes(input.cooperationModes, COOPERATION_MODES)) }
      : {}),
    budget_min_fen: budgetMinFen === null ? null : Number(budgetMinFen),
    budget_max_fen: budgetMaxFen === null ? null : Number(budgetMaxFen),
    deadline,
    ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
    ...(input.ndaTerms !== undefined ? { nda_terms: input.ndaTerms } : {}),
    updated_at: nowIso(),
  };
  return saveUpdate(
    tx,
    {
      type: 'need',
      before,
      changes,
      input,
      ownerId: before.owner_organization_id,
      write: (next) => repo.updateNeed(tx, id, before.version, next),
      document: needDocument,
    },
    options,
  );
}

export async function updateNeed(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: UpdateNeedBody,
): Promise<Need> {
  const before = await repo.findNeed(ctx.db, id);
  if (!before) throw notFound();
  assertOwnerMayChange(
    actor,
    before.owner_organization_id,
    before.status === 'closed',
    input.version,
    before.version,
  );
  const { version, ...changes } = input;
  await ctx.db
    .transaction()
    .execute((tx) =>
      updateNeedInTransaction(tx, id, changes, { actorUserId: actor.userId, expectedVersion: version }),
    );
  return getNeed(ctx, actor, id);
}

/** Moves a need along open ⇄ in talks → matched, or closes it (final). */
export async function changeNeedStatus(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: { version: number; status: NeedStatus },
): Promise<Need> {
  const before = await repo.findNeed(ctx.db, id);
  if (!before) throw notFound();
  const from = before.status as NeedStatus;
  assertOwnerMayChange(actor, before.owner_organization_id, from === 'closed', input.version, before.version);
  if (!canMoveNeed(from, input.status)) {
    throw new DomainError(
      'directory.status_transition_not_allowed',
      `A need cannot move from ${from} to ${input.status}`,
      { from, to: input.status },
    );
  }
  const changes = { status: input.status, updated_at: nowIso() };
  const after: NeedRow = { ...before, ...changes, version: before.version + 1 };
  const owner = (await findOrganizationSummaries(ctx.db, [before.owner_organization_id])).get(
    before.owner_organization_id,
  );
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateNeed(tx, id, input.version, changes))) throw versionConflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: input.status === 'closed' ? 'need.close' : 'need.status',
      entityType: 'need',
      entityId: id,
      before,
      after,
      details: { from, to: input.status },
    });
    await indexDocument(tx, needDocument(after, owner));
  });
  return getNeed(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Capabilities

function capabilityItem(viewer: Viewer, row: CapabilityRow, facts: PageFacts): CapabilityListItem {
  const teaser = {
    ...teaserBase(row, facts),
    cooperationModes: parseList(row.cooperation_modes) as CooperationMode[],
    status: row.status as ListingStatus,
  };
  if (!canViewDetails(viewer, tieredFacts(row), partiesOf(facts.requests.get(row.id)))) {
    return { ...teaser, detailsHidden: true };
  }
  return { ...teaser, description: row.description, keywords: parseList(row.keywords), detailsHidden: false };
}

function capabilityView(viewer: Viewer, row: CapabilityRow, facts: PageFacts): Capability {
  const status = row.status as ListingStatus;
  const requests = standingFacts(facts.requests.get(row.id));
  return {
    ...capabilityItem(viewer, row, facts),
    permissions: recordPermissions(
      viewer,
      { ...tieredFacts(row), isClosed: status === 'closed' },
      LISTING_TRANSITIONS[status],
      requests,
    ),
    ndaStanding: ndaStanding(viewer, requests),
  };
}

export async function listCapabilities(
  ctx: AppContext,
  actor: Actor,
  query: ListCapabilitiesQuery,
): Promise<CapabilityList> {
  const viewer = await loadViewer(ctx.db, actor);
  const { rows, total } = await repo.listCapabilities(ctx.db, query);
  const facts = await pageFacts(ctx.db, viewer, 'capability', rows.map(rowRef));
  return {
    items: rows.map((row) => capabilityItem(viewer, row, facts)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getCapability(ctx: AppContext, actor: Actor, id: string): Promise<Capability> {
  const row = await repo.findCapability(ctx.db, id);
  if (!row) throw notFound();
  const viewer = await loadViewer(ctx.db, actor);
  return capabilityView(viewer, row, await pageFacts(ctx.db, viewer, 'capability', [rowRef(row)]));
}

function capabilityRowFrom(
  input: CreateCapabilityBody,
  owner: OrganizationSummary,
  meta: { id: string; now: string; createdBy: string | null; isDemo: boolean },
): CapabilityRow {
  return {
    id: meta.id,
    owner_organization_id: owner.id,
    owner_kind: owner.kind,
    title: input.title,
    description: input.description,
    keywords: JSON.stringify(normalizeKeywords(input.keywords ?? [])),
    public_keywords: JSON.stringify(normalizeKeywords(input.publicKeywords ?? [])),
    cluster_slug: input.cluster ?? null,
    cooperation_modes: JSON.stringify(normalizeModes(input.cooperationModes, COOPERATION_MODES)),
    status: 'active',
    visibility: input.visibility,
    nda_terms: input.ndaTerms ?? '',
    is_demo: meta.isDemo ? 1 : 0,
    created_by: meta.createdBy,
    created_at: meta.now,
    updated_at: meta.now,
    version: 1,
  };
}

async function saveNewCapability(
  tx: Tx,
  row: CapabilityRow,
  owner: OrganizationSummary,
  actorUserId: string | null,
): Promise<void> {
  await repo.insertCapability(tx, row);
  await recordAudit(tx, {
    actorUserId,
    action: 'capability.create',
    entityType: 'capability',
    entityId: row.id,
    after: row,
  });
  await indexDocument(tx, capabilityDocument(row, owner));
}

export async function createCapability(
  ctx: AppContext,
  actor: UserActor,
  input: CreateCapabilityBody,
): Promise<Capability> {
  const owner = await assertMayPost(
    ctx.db,
    actor,
    input.ownerOrganizationId,
    'capability',
    'body.ownerOrganizationId',
  );
  await resolveCluster(ctx.db, input.cluster);
  const row = capabilityRowFrom(input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: actor.userId,
    isDemo: false,
  });
  await ctx.db.transaction().execute((tx) => saveNewCapability(tx, row, owner, actor.userId));
  return getCapability(ctx, actor, row.id);
}

export async function insertCapabilityInTransaction(
  tx: Tx,
  input: CreateCapabilityBody,
  options: InsertOptions,
): Promise<string> {
  const owner = await ownerForInsert(tx, input.ownerOrganizationId, 'capability', options);
  await resolveCluster(tx, input.cluster);
  const row = capabilityRowFrom(input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: options.actorUserId,
    isDemo: options.isDemo,
  });
  await saveNewCapability(tx, row, owner, options.actorUserId);
  return row.id;
}

/**
 * Changes a capability inside a caller's transaction with the rules of a user's edit, but no
 * permission check (see updateNeedInTransaction).
 */
export async function updateCapabilityInTransaction(
  tx: Tx,
  id: string,
  input: Omit<UpdateCapabilityBody, 'version'>,
  options: UpdateOptions,
): Promise<boolean> {
  const before = await repo.findCapability(tx, id);
  if (!before) throw notFound();
  assertExpectedVersion(before.version, options);
  if (input.cluster !== undefined) await resolveCluster(tx, input.cluster);
  const changes: Partial<CapabilityRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.keywords !== undefined ? { keywords: JSON.stringify(normalizeKeywords(input.keywords)) } : {}),
    ...(input.publicKeywords !== undefined
      ? { public_keywords: JSON.stringify(normalizeKeywords(input.publicKeywords)) }
      : {}),
    ...(input.cluster !== undefined ? { cluster_slug: input.cluster } : {}),
    ...(input.cooperationModes !== undefined
      ? { cooperation_modes: JSON.stringify(normalizeModes(input.cooperationModes, COOPERATION_MODES)) }
      : {}),
    ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
    ...(input.ndaTerms !== undefined ? { nda_terms: input.ndaTerms } : {}),
    updated_at: nowIso(),
  };
  return saveUpdate(
    tx,
    {
      type: 'capability',
      before,
      changes,
      input,
      ownerId: before.owner_organization_id,
      write: (next) => repo.updateCapability(tx, id, before.version, next),
      document: capabilityDocument,
    },
    options,
  );
}

export async function updateCapability(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: UpdateCapabilityBody,
): Promise<Capability> {
  const before = await repo.findCapability(ctx.db, id);
  if (!before) throw notFound();
  assertOwnerMayChange(
    actor,
    before.owner_organization_id,
    before.status === 'closed',
    input.version,
    before.version,
  );
  const { version, ...changes } = input;
  await ctx.db
    .transaction()
    .execute((tx) =>
      updateCapabilityInTransaction(tx, id, changes, { actorUserId: actor.userId, expectedVersion: version }),
    );
  return getCapability(ctx, actor, id);
}

/** Closes a capability (final). */
export async function changeCapabilityStatus(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: { version: number; status: ListingStatus },
): Promise<Capability> {
  const before = await repo.findCapability(ctx.db, id);
  if (!before) throw notFound();
  const from = before.status as ListingStatus;
  assertOwnerMayChange(actor, before.owner_organization_id, from === 'closed', input.version, before.version);
  assertListingMove('capability', from, input.status);
  const changes = { status: input.status, updated_at: nowIso() };
  const after: CapabilityRow = { ...before, ...changes, version: before.version + 1 };
  const owner = (await findOrganizationSummaries(ctx.db, [before.owner_organization_id])).get(
    before.owner_organization_id,
  );
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateCapability(tx, id, input.version, changes))) throw versionConflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'capability.close',
      entityType: 'capability',
      entityId: id,
      before,
      after,
      details: { from, to: input.status },
    });
    await indexDocument(tx, capabilityDocument(after, owner));
  });
  return getCapability(ctx, actor, id);
}

function assertListingMove(type: RecordType, from: ListingStatus, to: ListingStatus): void {
  if (!canMoveListing(from, to)) {
    throw new DomainError(
      'directory.status_transition_not_allowed',
      `A ${type} cannot move from ${from} to ${to}`,
      { from, to },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Achievements

function achievementItem(viewer: Viewer, row: AchievementRow, facts: PageFacts): AchievementListItem {
  const teaser = {
    ...teaserBase(row, facts),
    kind: row.kind as AchievementKind,
    trl: row.trl,
    transferModes: parseList(row.transfer_modes) as TransferMode[],
    status: row.status as ListingStatus,
  };
  if (!canViewDetails(viewer, tieredFacts(row), partiesOf(facts.requests.get(row.id)))) {
    return { ...teaser, detailsHidden: true };
  }
  return {
    ...teaser,
    description: row.description,
    keywords: parseList(row.keywords),
    registrationNumber: row.registration_number,
    detailsHidden: false,
  };
}

function achievementView(viewer: Viewer, row: AchievementRow, facts: PageFacts): Achievement {
  const status = row.status as ListingStatus;
  const requests = standingFacts(facts.requests.get(row.id));
  return {
    ...achievementItem(viewer, row, facts),
    permissions: recordPermissions(
      viewer,
      { ...tieredFacts(row), isClosed: status === 'closed' },
      LISTING_TRANSITIONS[status],
      requests,
    ),
    ndaStanding: ndaStanding(viewer, requests),
  };
}

export async function listAchievements(
  ctx: AppContext,
  actor: Actor,
  query: ListAchievementsQuery,
): Promise<AchievementList> {
  const viewer = await loadViewer(ctx.db, actor);
  const { rows, total } = await repo.listAchievements(ctx.db, query);
  const facts = await pageFacts(ctx.db, viewer, 'achievement', rows.map(rowRef));
  return {
    items: rows.map((row) => achievementItem(viewer, row, facts)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getAchievement(ctx: AppContext, actor: Actor, id: string): Promise<Achievement> {
  const row = await repo.findAchievement(ctx.db, id);
  if (!row) throw notFound();
  const viewer = await loadViewer(ctx.db, actor);
  return achievementView(viewer, row, await pageFacts(ctx.db, viewer, 'achievement', [rowRef(row)]));
}

function achievementRowFrom(
  input: CreateAchievementBody,
  owner: OrganizationSummary,
  meta: { id: string; now: string; createdBy: string | null; isDemo: boolean },
): AchievementRow {
  const registration = registrationNumberIssue(input.kind, input.registrationNumber ?? null);
  throwIssues(registration.issue ? [registration.issue] : []);
  return {
    id: meta.id,
    owner_organization_id: owner.id,
    owner_kind: owner.kind,
    title: input.title,
    description: input.description,
    keywords: JSON.stringify(normalizeKeywords(input.keywords ?? [])),
    public_keywords: JSON.stringify(normalizeKeywords(input.publicKeywords ?? [])),
    cluster_slug: input.cluster ?? null,
    kind: input.kind,
    registration_number: registration.value,
    trl: input.trl,
    transfer_modes: JSON.stringify(normalizeModes(input.transferModes, TRANSFER_MODES)),
    status: 'active',
    visibility: input.visibility,
    nda_terms: input.ndaTerms ?? '',
    is_demo: meta.isDemo ? 1 : 0,
    created_by: meta.createdBy,
    created_at: meta.now,
    updated_at: meta.now,
    version: 1,
  };
}

async function saveNewAchievement(
  tx: Tx,
  row: AchievementRow,
  owner: OrganizationSummary,
  actorUserId: string | null,
): Promise<void> {
  await repo.insertAchievement(tx, row);
  await recordAudit(tx, {
    actorUserId,
    action: 'achievement.create',
    entityType: 'achievement',
    entityId: row.id,
    after: row,
  });
  await indexDocument(tx, achievementDocument(row, owner));
}

export async function createAchievement(
  ctx: AppContext,
  actor: UserActor,
  input: CreateAchievementBody,
): Promise<Achievement> {
  const owner = await assertMayPost(
    ctx.db,
    actor,
    input.ownerOrganizationId,
    'achievement',
    'body.ownerOrganizationId',
  );
  await resolveCluster(ctx.db, input.cluster);
  const row = achievementRowFrom(input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: actor.userId,
    isDemo: false,
  });
  await ctx.db.transaction().execute((tx) => saveNewAchievement(tx, row, owner, actor.userId));
  return getAchievement(ctx, actor, row.id);
}

export async function insertAchievementInTransaction(
  tx: Tx,
  input: CreateAchievementBody,
  options: InsertOptions,
): Promise<string> {
  const owner = await ownerForInsert(tx, input.ownerOrganizationId, 'achievement', options);
  await resolveCluster(tx, input.cluster);
  const row = achievementRowFrom(input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: options.actorUserId,
    isDemo: options.isDemo,
  });
  await saveNewAchievement(tx, row, owner, options.actorUserId);
  return row.id;
}

/**
 * Changes an achievement inside a caller's transaction with the rules of a user's edit
 * (registration number of its kind, cluster), but no permission check (see
 * updateNeedInTransaction).
 */
export async function updateAchievementInTransaction(
  tx: Tx,
  id: string,
  input: Omit<UpdateAchievementBody, 'version'>,
  options: UpdateOptions,
): Promise<boolean> {
  const before = await repo.findAchievement(tx, id);
  if (!before) throw notFound();
  assertExpectedVersion(before.version, options);
  const kind = input.kind ?? (before.kind as AchievementKind);
  const number =
    input.registrationNumber !== undefined ? input.registrationNumber : before.registration_number;
  const registration = registrationNumberIssue(kind, number);
  throwIssues(registration.issue ? [registration.issue] : []);
  if (input.cluster !== undefined) await resolveCluster(tx, input.cluster);
  const changes: Partial<AchievementRow> = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.keywords !== undefined ? { keywords: JSON.stringify(normalizeKeywords(input.keywords)) } : {}),
    ...(input.publicKeywords !== undefined
      ? { public_keywords: JSON.stringify(normalizeKeywords(input.publicKeywords)) }
      : {}),
    ...(input.cluster !== undefined ? { cluster_slug: input.cluster } : {}),
    kind,
    registration_number: registration.value,
    ...(input.trl !== undefined ? { trl: input.trl } : {}),
    ...(input.transferModes !== undefined
      ? { transfer_modes: JSON.stringify(normalizeModes(input.transferModes, TRANSFER_MODES)) }
      : {}),
    ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
    ...(input.ndaTerms !== undefined ? { nda_terms: input.ndaTerms } : {}),
    updated_at: nowIso(),
  };
  return saveUpdate(
    tx,
    {
      type: 'achievement',
      before,
      changes,
      input,
      ownerId: before.owner_organization_id,
      write: (next) => repo.updateAchievement(tx, id, before.version, next),
      document: achievementDocument,
    },
    options,
  );
}

export async function updateAchievement(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: UpdateAchievementBody,
): Promise<Achievement> {
  const before = await repo.findAchievement(ctx.db, id);
  if (!before) throw notFound();
  assertOwnerMayChange(
    actor,
    before.owner_organization_id,
    before.status === 'closed',
    input.version,
    before.version,
  );
  const { version, ...changes } = input;
  await ctx.db.transaction().execute((tx) =>
    updateAchievementInTransaction(tx, id, changes, {
      actorUserId: actor.userId,
      expectedVersion: version,
    }),
  );
  return getAchievement(ctx, actor, id);
}

export async function changeAchievementStatus(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: { version: number; status: ListingStatus },
): Promise<Achievement> {
  const before = await repo.findAchievement(ctx.db, id);
  if (!before) throw notFound();
  const from = before.status as ListingStatus;
  assertOwnerMayChange(actor, before.owner_organization_id, from === 'closed', input.version, before.version);
  assertListingMove('achievement', from, input.status);
  const changes = { status: input.status, updated_at: nowIso() };
  const after: AchievementRow = { ...before, ...changes, version: before.version + 1 };
  const owner = (await findOrganizationSummaries(ctx.db, [before.owner_organization_id])).get(
    before.owner_organization_id,
  );
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateAchievement(tx, id, input.version, changes))) throw versionConflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'achievement.close',
      entityType: 'achievement',
      entityId: id,
      before,
      after,
      details: { from, to: input.status },
    });
    await indexDocument(tx, achievementDocument(after, owner));
  });
  return getAchievement(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Experts

function expertItem(row: ExpertRow, facts: PageFacts): ExpertListItem {
  return {
    id: row.id,
    organization: ownerOf(facts.owners.get(row.organization_id), row.organization_id, row.owner_kind),
    nameZh: row.name_zh,
    nameEn: row.name_en,
    title: row.title,
    fields: parseList(row.fields),
    keywords: parseList(row.keywords),
    orcid: row.orcid,
    cluster: row.cluster_slug ? (facts.clusters.get(row.cluster_slug) ?? null) : null,
    bio: row.bio,
    status: row.status as ListingStatus,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function expertRef(row: ExpertRow) {
  return { id: row.id, ownerId: row.organization_id, clusterSlug: row.cluster_slug };
}

export async function listExperts(
  ctx: AppContext,
  actor: Actor,
  query: ListExpertsQuery,
): Promise<ExpertList> {
  const viewer = await loadViewer(ctx.db, actor);
  const { rows, total } = await repo.listExperts(ctx.db, query);
  const facts = await pageFacts(ctx.db, viewer, 'expert', rows.map(expertRef));
  return {
    items: rows.map((row) => expertItem(row, facts)),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getExpert(ctx: AppContext, actor: Actor, id: string): Promise<Expert> {
  const row = await repo.findExpert(ctx.db, id);
  if (!row) throw notFound();
  const viewer = await loadViewer(ctx.db, actor);
  const facts = await pageFacts(ctx.db, viewer, 'expert', [expertRef(row)]);
  const status = row.status as ListingStatus;
  return {
    ...expertItem(row, facts),
    permissions: expertPermissions(
      actor,
      { organizationId: row.organization_id, isClosed: status === 'closed' },
      LISTING_TRANSITIONS[status],
    ),
  };
}

/** Refuses an ORCID iD another expert profile holds. */
async function assertOrcidFree(db: Queryable, orcid: string | null, ownId: string | null): Promise<void> {
  if (orcid === null) return;
  const holder = await repo.findExpertByOrcid(db, orcid);
  if (holder && holder.id !== ownId)
    throw DomainError.field(
      'directory.orcid_taken',
      'body.orcid',
      'Another expert profile has this ORCID iD',
    );
}

async function expertRowFrom(
  db: Queryable,
  input: CreateExpertBody,
  owner: OrganizationSummary,
  meta: { id: string; now: string; createdBy: string | null; isDemo: boolean },
): Promise<ExpertRow> {
  const nameZh = input.nameZh ?? '';
  const nameEn = input.nameEn ?? '';
  const checked = expertIssues({ nameZh, nameEn, orcid: input.orcid ?? null });
  throwIssues(checked.issues);
  await assertOrcidFree(db, checked.orcid, null);
  return {
    id: meta.id,
    organization_id: owner.id,
    owner_kind: owner.kind,
    name_zh: nameZh,
    name_en: nameEn,
    title: input.title ?? '',
    fields: JSON.stringify(normalizeKeywords(input.fields ?? [])),
    keywords: JSON.stringify(normalizeKeywords(input.keywords ?? [])),
    orcid: checked.orcid,
    cluster_slug: input.cluster ?? null,
    bio: input.bio ?? '',
    status: 'active',
    is_demo: meta.isDemo ? 1 : 0,
    created_by: meta.createdBy,
    created_at: meta.now,
    updated_at: meta.now,
    version: 1,
  };
}

async function saveNewExpert(
  tx: Tx,
  row: ExpertRow,
  owner: OrganizationSummary,
  actorUserId: string | null,
): Promise<void> {
  await repo.insertExpert(tx, row);
  await recordAudit(tx, {
    actorUserId,
    action: 'expert.create',
    entityType: 'expert',
    entityId: row.id,
    after: row,
  });
  await indexDocument(tx, expertDocument(row, owner));
}

export async function createExpert(
  ctx: AppContext,
  actor: UserActor,
  input: CreateExpertBody,
): Promise<Expert> {
  const owner = await assertMayPost(ctx.db, actor, input.organizationId, 'expert', 'body.organizationId');
  await resolveCluster(ctx.db, input.cluster);
  const row = await expertRowFrom(ctx.db, input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: actor.userId,
    isDemo: false,
  });
  await ctx.db.transaction().execute((tx) => saveNewExpert(tx, row, owner, actor.userId));
  return getExpert(ctx, actor, row.id);
}

export async function insertExpertInTransaction(
  tx: Tx,
  input: CreateExpertBody,
  options: InsertOptions,
): Promise<string> {
  const owner = await ownerForInsert(tx, input.organizationId, 'expert', options);
  await resolveCluster(tx, input.cluster);
  const row = await expertRowFrom(tx, input, owner, {
    id: newId(),
    now: nowIso(),
    createdBy: options.actorUserId,
    isDemo: options.isDemo,
  });
  await saveNewExpert(tx, row, owner, options.actorUserId);
  return row.id;
}

/**
 * Changes an expert profile inside a caller's transaction with the rules of a user's edit (a
 * name in one language, a valid ORCID iD no other profile holds, cluster), but no permission
 * check (see updateNeedInTransaction).
 */
export async function updateExpertInTransaction(
  tx: Tx,
  id: string,
  input: Omit<UpdateExpertBody, 'version'>,
  options: UpdateOptions,
): Promise<boolean> {
  const before = await repo.findExpert(tx, id);
  if (!before) throw notFound();
  assertExpectedVersion(before.version, options);
  const nameZh = input.nameZh ?? before.name_zh;
  const nameEn = input.nameEn ?? before.name_en;
  const orcidInput = input.orcid !== undefined ? input.orcid : before.orcid;
  const checked = expertIssues({ nameZh, nameEn, orcid: orcidInput });
  throwIssues(checked.issues);
  await assertOrcidFree(tx, checked.orcid, id);
  if (input.cluster !== undefined) await resolveCluster(tx, input.cluster);
  const changes: Partial<ExpertRow> = {
    name_zh: nameZh,
    name_en: nameEn,
    orcid: checked.orcid,
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.fields !== undefined ? { fields: JSON.stringify(normalizeKeywords(input.fields)) } : {}),
    ...(input.keywords !== undefined ? { keywords: JSON.stringify(normalizeKeywords(input.keywords)) } : {}),
    ...(input.cluster !== undefined ? { cluster_slug: input.cluster } : {}),
    ...(input.bio !== undefined ? { bio: input.bio } : {}),
    updated_at: nowIso(),
  };
  return saveUpdate(
    tx,
    {
      type: 'expert',
      before,
      changes,
      input,
      ownerId: before.organization_id,
      write: (next) => repo.updateExpert(tx, id, before.version, next),
      document: expertDocument,
    },
    options,
  );
}

export async function updateExpert(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: UpdateExpertBody,
): Promise<Expert> {
  const before = await repo.findExpert(ctx.db, id);
  if (!before) throw notFound();
  assertOwnerMayChange(
    actor,
    before.organization_id,
    before.status === 'closed',
    input.version,
    before.version,
  );
  const { version, ...changes } = input;
  await ctx.db
    .transaction()
    .execute((tx) =>
      updateExpertInTransaction(tx, id, changes, { actorUserId: actor.userId, expectedVersion: version }),
    );
  return getExpert(ctx, actor, id);
}

export async function changeExpertStatus(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: { version: number; status: ListingStatus },
): Promise<Expert> {
  const before = await repo.findExpert(ctx.db, id);
  if (!before) throw notFound();
  const from = before.status as ListingStatus;
  assertOwnerMayChange(actor, before.organization_id, from === 'closed', input.version, before.version);
  assertListingMove('expert', from, input.status);
  const changes = { status: input.status, updated_at: nowIso() };
  const after: ExpertRow = { ...before, ...changes, version: before.version + 1 };
  const owner = (await findOrganizationSummaries(ctx.db, [before.organization_id])).get(
    before.organization_id,
  );
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateExpert(tx, id, input.version, changes))) throw versionConflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'expert.close',
      entityType: 'expert',
      entityId: id,
      before,
      after,
      details: { from, to: input.status },
    });
    await indexDocument(tx, expertDocument(after, owner));
  });
  return getExpert(ctx, actor, id);
}

// ---------------------------------------------------------------------------------------------
// One organisation's postings

/** Everything an organisation posted (up to 100 of each), each record as the caller's tier allows. */
export async function getOrganizationDirectory(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
): Promise<OrganizationDirectory> {
  // An organisation the caller may not see does not exist for them, nor do its postings.
  await getOrganization(ctx, actor, organizationId);
  const page = { owner: organizationId, limit: 100, offset: 0 };
  const [needs, capabilities, achievements, experts] = await Promise.all([
    listNeeds(ctx, actor, page),
    listCapabilities(ctx, actor, page),
    listAchievements(ctx, actor, page),
    listExperts(ctx, actor, page),
  ]);
  return { needs, capabilities, achievements, experts };
}

// ---------------------------------------------------------------------------------------------
// NDA requests

interface TieredRecordRef {
  id: string;
  ownerOrganizationId: string;
  visibility: VisibilityTier;
  isClosed: boolean;
  title: string;
  ndaTerms: string;
}

async function findTieredRecord(
  db: Queryable,
  type: TieredType,
  id: string,
): Promise<TieredRecordRef | null> {
  const row =
    type === 'need'
      ? await repo.findNeed(db, id)
      : type === 'capability'
        ? await repo.findCapability(db, id)
        : await repo.findAchievement(db, id);
  if (!row) return null;
  return {
    id: row.id,
    ownerOrganizationId: row.owner_organization_id,
    visibility: row.visibility as VisibilityTier,
    isClosed: row.status === 'closed',
    title: row.title,
    ndaTerms: row.nda_terms,
  };
}

async function ndaViews(db: Queryable, actor: Actor, rows: readonly NdaRequestRow[]): Promise<NdaRequest[]> {
  const organizations = await findOrganizationSummaries(
    db,
    rows.flatMap((r) => [r.owner_organization_id, r.requester_organization_id]),
  );
  const titles = new Map<string, string>();
  for (const type of ['need', 'capability', 'achievement'] as const) {
    const ids = rows.filter((r) => r.entity_type === type).map((r) => r.entity_id);
    for (const [id, title] of await repo.findTitles(db, type, ids)) titles.set(`${type}:${id}`, title);
  }
  return rows.map((row) => {
    const facts = {
      ownerOrganizationId: row.owner_organization_id,
      requesterOrganizationId: row.requester_organization_id,
      status: row.status as NdaStatus,
    };
    const owner = organizations.get(row.owner_organization_id);
    const requester = organizations.get(row.requester_organization_id);
    return {
      id: row.id,
      entityType: row.entity_type as TieredType,
      entityId: row.entity_id,
      entityTitle: titles.get(`${row.entity_type}:${row.entity_id}`) ?? '',
      owner: ownerOf(owner, row.owner_organization_id, owner?.kind ?? 'enterprise'),
      requester: ownerOf(requester, row.requester_organization_id, requester?.kind ?? 'enterprise'),
      message: row.message,
      acceptedTerms: row.accepted_terms,
      status: row.status as NdaStatus,
      decisionReason: row.decision_reason,
      decidedAt: row.decided_at,
      createdAt: row.created_at,
      version: row.version,
      permissions: ndaRequestPermissions(actor, facts),
    };
  });
}

/** Which of the caller's organisations asks: the one named, or the only one that can. */
function requesterOrganization(
  viewer: Viewer,
  actor: UserActor,
  record: TieredRecordRef,
  named: string | undefined,
): string {
  if (named !== undefined) {
    if (roleIn(actor, named) === null || named === record.ownerOrganizationId)
      throw new DomainError('auth.forbidden', 'You may ask only for another organisation you belong to');
    if (!viewer.verifiedOrganizationIds.has(named))
      throw DomainError.field(
        'directory.organization_unverified',
        'body.organizationId',
        'Only verified organisations may ask for access',
      );
    return named;
  }
  const candidates = ndaCandidateOrganizations(viewer, record.ownerOrganizationId);
  const [only] = candidates;
  if (only === undefined)
    throw new DomainError('auth.forbidden', 'Only members of verified organisations may ask for access');
  if (candidates.length > 1)
    throw DomainError.field(
      'directory.requester_organization_required',
      'body.organizationId',
      'You belong to several organisations; name the one you ask for',
    );
  return only;
}

/**
 * A member of a verified organisation asks the owner of a `parties` record for access, accepting
 * the owner's NDA terms; the owner's admins then accept or decline.
 */
export async function requestNda(
  ctx: AppContext,
  actor: UserActor,
  type: TieredType,
  id: string,
  input: CreateNdaRequestBody,
): Promise<NdaRequest> {
  const record = await findTieredRecord(ctx.db, type, id);
  if (!record) throw notFound();
  if (isOwnerMember(actor, record.ownerOrganizationId))
    throw new DomainError('auth.forbidden', 'Your organisation owns this record');
  const viewer = await loadViewer(ctx.db, actor);
  if (viewer.verifiedOrganizationIds.size === 0 && input.organizationId === undefined) {
    if (actor.memberships.size > 0)
      throw new DomainError(
        'directory.organization_unverified',
        'Only verified organisations may ask for access',
      );
    throw new DomainError('auth.forbidden', 'Only members of verified organisations may ask for access');
  }
  if (record.visibility !== 'parties')
    throw new DomainError(
      'directory.nda_not_required',
      'The details of this record are not restricted to parties',
    );
  if (record.isClosed) throw recordClosed();
  const requesterId = requesterOrganization(viewer, actor, record, input.organizationId);
  const earlier = await repo.findNdaRequestsFor(ctx.db, type, [id], [requesterId]);
  if (earlier.some((r) => r.status === 'accepted'))
    throw new DomainError('directory.nda_already_party', 'Your organisation already has access');
  if (earlier.some((r) => r.status === 'pending'))
    throw new DomainError('directory.nda_already_requested', "Your organisation's request is waiting");
  const now = nowIso();
  const row: NdaRequestRow = {
    id: newId(),
    entity_type: type,
    entity_id: id,
    owner_organization_id: record.ownerOrganizationId,
    requester_organization_id: requesterId,
    requested_by: actor.userId,
    message: input.message,
    accepted_terms: record.ndaTerms,
    status: 'pending',
    decision_reason: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertNdaRequest(tx, row);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'nda.request',
      entityType: 'nda_request',
      entityId: row.id,
      after: row,
      details: { entityType: type, entityId: id, requesterOrganizationId: requesterId },
    });
  });
  const [view] = await ndaViews(ctx.db, actor, [row]);
  if (!view) throw notFound();
  return view;
}

export async function listNdaRequests(
  ctx: AppContext,
  actor: Actor,
  query: ListNdaRequestsQuery,
): Promise<NdaRequestList> {
  const incoming = query.direction === 'incoming';
  const { rows, total } = await repo.listNdaRequests(ctx.db, {
    side: incoming ? 'owner' : 'requester',
    organizationIds: incoming ? adminOrganizationIds(actor) : memberOrganizationIds(actor),
    status: query.status,
    limit: query.limit,
    offset: query.offset,
  });
  return { items: await ndaViews(ctx.db, actor, rows), total, limit: query.limit, offset: query.offset };
}

/** Loads a pending request the caller decides: unseen ones do not exist, others are refused. */
async function loadForDecision(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  version: number,
): Promise<NdaRequestRow> {
  const row = await repo.findNdaRequest(ctx.db, id);
  const facts = row && {
    ownerOrganizationId: row.owner_organization_id,
    requesterOrganizationId: row.requester_organization_id,
    status: row.status as NdaStatus,
  };
  if (!row || !facts || !canSeeNdaRequest(actor, facts)) throw notFound();
  if (roleIn(actor, row.owner_organization_id) !== 'admin')
    throw new DomainError('auth.forbidden', "Only the owner's admins decide on access");
  if (row.status !== 'pending')
    throw new DomainError('directory.nda_already_decided', 'This request has already been decided');
  if (version !== row.version) throw versionConflict();
  return row;
}

/** The owner's admin admits the requesting organisation: it becomes a party and sees the details. */
export async function acceptNdaRequest(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  version: number,
): Promise<NdaRequest> {
  const before = await loadForDecision(ctx, actor, id, version);
  const now = nowIso();
  const changes = { status: 'accepted', decided_by: actor.userId, decided_at: now, updated_at: now };
  const after: NdaRequestRow = { ...before, ...changes, version: before.version + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateNdaRequest(tx, id, version, changes))) throw versionConflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'nda.accept',
      entityType: 'nda_request',
      entityId: id,
      before,
      after,
      details: {
        entityType: before.entity_type,
        entityId: before.entity_id,
        requesterOrganizationId: before.requester_organization_id,
      },
    });
    await grantDocumentAccess(tx, {
      entityType: before.entity_type as TieredType,
      entityId: before.entity_id,
      organizationId: before.requester_organization_id,
    });
  });
  const [view] = await ndaViews(ctx.db, actor, [after]);
  if (!view) throw notFound();
  return view;
}

/** The owner's admin refuses access, giving a reason the requester sees. */
export async function declineNdaRequest(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: { version: number; reason: string },
): Promise<NdaRequest> {
  const before = await loadForDecision(ctx, actor, id, input.version);
  const now = nowIso();
  const changes = {
    status: 'declined',
    decision_reason: input.reason,
    decided_by: actor.userId,
    decided_at: now,
    updated_at: now,
  };
  const after: NdaRequestRow = { ...before, ...changes, version: before.version + 1 };
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateNdaRequest(tx, id, input.version, changes))) throw versionConflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'nda.decline',
      entityType: 'nda_request',
      entityId: id,
      before,
      after,
      details: {
        entityType: before.entity_type,
        entityId: before.entity_id,
        requesterOrganizationId: before.requester_organization_id,
      },
    });
  });
  const [view] = await ndaViews(ctx.db, actor, [after]);
  if (!view) throw notFound();
  return view;
}

/**
 * Records an NDA request inside a caller's transaction (demo data): pending, or already accepted
 * (the requesting organisation is then a party of the record, granted in search), audited.
 */
export async function insertNdaRequestInTransaction(
  tx: Tx,
  input: {
    entityType: TieredType;
    entityId: string;
    requesterOrganizationId: string;
    message: string;
    status: 'pending' | 'accepted';
  },
  actorUserId: string | null,
): Promise<string> {
  const record = await findTieredRecord(tx, input.entityType, input.entityId);
  if (!record) throw notFound();
  if (record.ownerOrganizationId === input.requesterOrganizationId)
    throw new DomainError('auth.forbidden', 'An organisation is always a party of its own records');
  const now = nowIso();
  const accepted = input.status === 'accepted';
  const row: NdaRequestRow = {
    id: newId(),
    entity_type: input.entityType,
    entity_id: input.entityId,
    owner_organization_id: record.ownerOrganizationId,
    requester_organization_id: input.requesterOrganizationId,
    requested_by: actorUserId,
    message: input.message,
    accepted_terms: record.ndaTerms,
    status: input.status,
    decision_reason: null,
    decided_by: accepted ? actorUserId : null,
    decided_at: accepted ? now : null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertNdaRequest(tx, row);
  await recordAudit(tx, {
    actorUserId,
    action: accepted ? 'nda.accept' : 'nda.request',
    entityType: 'nda_request',
    entityId: row.id,
    after: row,
    details: {
      entityType: input.entityType,
      entityId: input.entityId,
      requesterOrganizationId: input.requesterOrganizationId,
    },
  });
  if (accepted) {
    await grantDocumentAccess(tx, {
      entityType: input.entityType,
      entityId: input.entityId,
      organizationId: input.requesterOrganizationId,
    });
  }
  return row.id;
}

/**
 * Moves a need along inside a caller's transaction when its match pipeline moves (talks started,
 * partner agreed): `decide` names the status for the current one; no permission check, the caller
 * decided. Only moves the need's own transitions allow are made. Returns whether it changed.
 */
export async function advanceNeedStatusInTransaction(
  tx: Tx,
  id: string,
  decide: (current: NeedStatus) => NeedStatus,
  options: { actorUserId: string | null; cause: Record<string, unknown> },
): Promise<boolean> {
  const before = await repo.findNeed(tx, id);
  if (!before) throw notFound();
  const from = before.status as NeedStatus;
  const status = decide(from);
  if (from === status || !canMoveNeed(from, status)) return false;
  const changes = { status, updated_at: nowIso() };
  const after: NeedRow = { ...before, ...changes, version: before.version + 1 };
  if (!(await repo.updateNeed(tx, id, before.version, changes))) throw versionConflict();
  await recordAudit(tx, {
    actorUserId: options.actorUserId,
    action: 'need.status',
    entityType: 'need',
    entityId: id,
    before,
    after,
    details: { from, to: status, ...options.cause },
  });
  const owner = (await findOrganizationSummaries(tx, [before.owner_organization_id])).get(
    before.owner_organization_id,
  );
  await indexDocument(tx, needDocument(after, owner));
  return true;
}
