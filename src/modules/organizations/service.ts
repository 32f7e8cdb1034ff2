import type { AppContext } from '../../platform/context.js';
import { DomainError, type FieldIssue } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { hasPlatformRole, type Actor, type UserActor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type { OrganizationRow } from '../../platform/db/schema.js';
import { findUserIdByEmail } from '../identity/service.js';
import { indexDocument, type SearchDocument } from '../search/service.js';
import * as repo from './repo.js';
import { canListUnverified, canViewOrganization, organizationPermissions } from './permissions.js';
import { MAX_UNVERIFIED_PER_CREATOR, profileIssues } from './rules.js';
import type {
  ChainPosition,
  Cluster,
  CreateOrganizationBody,
  District,
  ListOrganizationsQuery,
  Member,
  Organization,
  OrganizationKind,
  OrganizationList,
  ServiceType,
  SizeClass,
  UpdateOrganizationBody,
  VerificationStatus,
} from './schemas.js';

type OrganizationView = Omit<Organization, 'permissions'>;

function toView(row: OrganizationRow, clusters: readonly repo.OrganizationClusterView[]): OrganizationView {
  return {
    id: row.id,
    kind: row.kind as OrganizationKind,
    sizeClass: row.size_class as SizeClass | null,
    serviceType: row.service_type as ServiceType | null,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    creditCode: row.credit_code,
    moeCode: row.moe_code,
    district: row.district as District | null,
    website: row.website,
    descriptionZh: row.description_zh,
    descriptionEn: row.description_en,
    clusters: clusters.map((c) => ({
      slug: c.slug,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      chainPosition: c.chainPosition as ChainPosition,
    })),
    verificationStatus: row.verification_status as VerificationStatus,
    verifiedAt: row.verified_at,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The audited state of an organisation: its row and its clusters. */
function auditState(view: OrganizationView): Record<string, unknown> {
  return { ...view, clusters: view.clusters.map((c) => [c.slug, c.chainPosition]) };
}

async function loadView(ctx: AppContext, id: string): Promise<OrganizationView | null> {
  const row = await repo.findOrganization(ctx.db, id);
  if (!row) return null;
  const clusters = await repo.findClustersOfOrganizations(ctx.db, [id]);
  return toView(row, clusters.get(id) ?? []);
}

/** Loads an organisation the caller may see; one the caller may not see does not exist for them. */
async function loadVisible(ctx: AppContext, actor: Actor, id: string): Promise<OrganizationView> {
  const view = await loadView(ctx, id);
  if (!view || !canViewOrganization(actor, view))
    throw new DomainError('record.not_found', 'No such organisation');
  return view;
}

function withPermissions(actor: Actor, view: OrganizationView): Organization {
  return { ...view, permissions: organizationPermissions(actor, view) };
}

export async function listClusters(ctx: AppContext): Promise<Cluster[]> {
  const rows = await repo.listClusters(ctx.db);
  return rows.map((r) => ({ slug: r.slug, nameZh: r.name_zh, nameEn: r.name_en }));
}

/** Clusters by slug, or all of them (other modules resolve and show cluster references). */
export async function findClusters(db: Queryable, slugs?: readonly string[]): Promise<Cluster[]> {
  const rows = slugs === undefined ? await repo.listClusters(db) : await repo.findClustersBySlugs(db, slugs);
  return rows.map((r) => ({ slug: r.slug, nameZh: r.name_zh, nameEn: r.name_en }));
}

/** What other modules need to know of an organisation: who it is and whether it is verified. */
export interface OrganizationSummary {
  id: string;
  kind: OrganizationKind;
  nameZh: string;
  nameEn: string;
  verificationStatus: VerificationStatus;
  district: District | null;
}

/** Summaries of several organisations at once, by id; unknown ids are left out. */
export async function findOrganizationSummaries(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, OrganizationSummary>> {
  const rows = await repo.findOrganizationsByIds(db, [...new Set(ids)]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        kind: row.kind as OrganizationKind,
        nameZh: row.name_zh,
        nameEn: row.name_en,
        verificationStatus: row.verification_status as VerificationStatus,
        district: row.district as District | null,
      },
    ]),
  );
}

/** The directory: verified organisations for everyone; the cluster office may ask for the rest. */
export async function listOrganizations(
  ctx: AppContext,
  actor: Actor,
  query: ListOrganizationsQuery,
): Promise<OrganizationList> {
  const verification = canListUnverified(actor) ? (query.verification ?? 'verified') : 'verified';
  const { rows, total } = await repo.listOrganizations(ctx.db, { ...query, verification });
  const clusters = await repo.findClustersOfOrganizations(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => toView(row, clusters.get(row.id) ?? [])),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getOrganization(ctx: AppContext, actor: Actor, id: string): Promise<Organization> {
  return withPermissions(actor, await loadVisible(ctx, actor, id));
}

/** Turns cluster slugs into ids, naming the entry that refers to an unknown cluster. */
async function resolveClusters(
  ctx: AppContext,
  entries: readonly { cluster: string; chainPosition: ChainPosition }[],
): Promise<{ clusterId: string; chainPosition: ChainPosition }[]> {
  const known = new Map(
    (
      await repo.findClustersBySlugs(
        ctx.db,
        entries.map((e) => e.cluster),
      )
    ).map((c) => [c.slug, c.id]),
  );
  const issues: FieldIssue[] = [];
  const resolved = entries.map((entry, index) => {
    const clusterId = known.get(entry.cluster);
    if (!clusterId) {
      issues.push({
        field: `body.clusters.${index}.cluster`,
        code: 'organization.unknown_cluster',
        message: `No cluster "${entry.cluster}"`,
      });
    }
    return { clusterId: clusterId ?? '', chainPosition: entry.chainPosition };
  });
  if (issues.length > 0)
    throw new DomainError('organization.unknown_cluster', issues[0]?.message ?? 'Unknown cluster', {
      issues,
    });
  return resolved;
}

function throwProfileIssues(issues: ReturnType<typeof profileIssues>): void {
  const first = issues[0];
  if (!first) return;
  throw new DomainError(first.code, first.message, {
    issues: issues.map((i) => ({ field: i.field, code: i.code, message: i.message })),
  });
}

/** Refuses a credit or MOE code another organisation already holds. */
async function assertIdentifiersFree(
  ctx: AppContext,
  ownId: string | null,
  codes: { creditCode: string | null; moeCode: string | null },
): Promise<void> {
  if (codes.creditCode) {
    const holder = await repo.findOrganizationByCreditCode(ctx.db, codes.creditCode);
    if (holder && holder.id !== ownId) {
      throw DomainError.field(
        'organization.credit_code_taken',
        'body.creditCode',
        'Another organisation has this credit code',
      );
    }
  }
  if (codes.moeCode) {
    const holder = await repo.findOrganizationByMoeCode(ctx.db, codes.moeCode);
    if (holder && holder.id !== ownId) {
      throw DomainError.field(
        'organization.moe_code_taken',
        'body.moeCode',
        'Another organisation has this MOE code',
      );
    }
  }
}

/** Registers an organisation; it starts unverified and its creator becomes its admin. */
export async function createOrganization(
  ctx: AppContext,
  actor: UserActor,
  input: CreateOrganizationBody,
  options: { isDemo?: boolean; verified?: boolean } = {},
): Promise<Organization> {
  const profile = {
    sizeClass: input.sizeClass ?? null,
    serviceType: input.serviceType ?? null,
    creditCode: input.creditCode || null,
    moeCode: input.moeCode || null,
  };
  const clusterEntries = input.clusters ?? [];
  throwProfileIssues(
    profileIssues(input.kind, { ...profile, clusterSlugs: clusterEntries.map((c) => c.cluster) }),
  );
  const clusters = await resolveClusters(ctx, clusterEntries);
  await assertIdentifiersFree(ctx, null, profile);
  const verifiedNow = options.verified === true;
  if (!verifiedNow && !hasPlatformRole(actor, 'cluster_office')) {
    if ((await repo.countUnverifiedCreatedBy(ctx.db, actor.userId)) >= MAX_UNVERIFIED_PER_CREATOR) {
      throw new DomainError(
        'organization.unverified_restricted',
        `You already have ${MAX_UNVERIFIED_PER_CREATOR} organisations awaiting verification`,
      );
    }
  }
  const now = nowIso();
  const row: OrganizationRow = {
    id: newId(),
    kind: input.kind,
    size_class: profile.sizeClass,
    service_type: profile.serviceType,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    credit_code: profile.creditCode,
    moe_code: profile.moeCode,
    district: input.district ?? null,
    website: input.website ?? null,
    description_zh: input.descriptionZh ?? '',
    description_en: input.descriptionEn ?? '',
    verification_status: verifiedNow ? 'verified' : 'unverified',
    verified_at: verifiedNow ? now : null,
    verified_by: verifiedNow ? actor.userId : null,
    is_demo: options.isDemo ? 1 : 0,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertOrganization(tx, row);
    await repo.replaceOrganizationClusters(tx, row.id, clusters);
    await repo.insertMembership(tx, {
      organization_id: row.id,
      user_id: actor.userId,
      role: 'admin',
      created_at: now,
    });
    const view = toView(row, []);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'organization.create',
      entityType: 'organization',
      entityId: row.id,
      after: { ...auditState(view), clusters: clusterEntries.map((c) => [c.cluster, c.chainPosition]) },
    });
    await indexOrganization(tx, row.id);
  });
  const created = await loadView(ctx, row.id);
  if (!created) throw new DomainError('record.not_found', 'No such organisation');
  const withMembership: UserActor = {
    ...actor,
    memberships: new Map([...actor.memberships, [row.id, 'admin']]),
  };
  return withPermissions(withMembership, created);
}

function versionConflict(): DomainError {
  return new DomainError(
    'record.version_conflict',
    'Someone else changed this record; reload it and try again',
  );
}

/** Edits a profile under optimistic concurrency: a stale `version` is refused with a conflict. */
export async function updateOrganization(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: UpdateOrganizationBody,
): Promise<Organization> {
  const before = await loadVisible(ctx, actor, id);
  if (!organizationPermissions(actor, before).update)
    throw new DomainError('auth.forbidden', 'You may not edit this organisation');
  if (input.version !== before.version) throw versionConflict();
  const profile = {
    sizeClass: input.sizeClass !== undefined ? input.sizeClass : before.sizeClass,
    serviceType: input.serviceType !== undefined ? input.serviceType : before.serviceType,
    creditCode: input.creditCode !== undefined ? input.creditCode || null : before.creditCode,
    moeCode: input.moeCode !== undefined ? input.moeCode || null : before.moeCode,
  };
  throwProfileIssues(
    profileIssues(before.kind, { ...profile, clusterSlugs: (input.clusters ?? []).map((c) => c.cluster) }),
  );
  const clusters = input.clusters ? await resolveClusters(ctx, input.clusters) : null;
  await assertIdentifiersFree(ctx, id, profile);
  const changes = {
    size_class: profile.sizeClass,
    service_type: profile.serviceType,
    credit_code: profile.creditCode,
    moe_code: profile.moeCode,
    ...(input.nameZh !== undefined ? { name_zh: input.nameZh } : {}),
    ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
    ...(input.district !== undefined ? { district: input.district } : {}),
    ...(input.website !== undefined ? { website: input.website } : {}),
    ...(input.descriptionZh !== undefined ? { description_zh: input.descriptionZh } : {}),
    ...(input.descriptionEn !== undefined ? { description_en: input.descriptionEn } : {}),
    updated_at: nowIso(),
  };
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.updateOrganization(tx, id, input.version, changes))) throw versionConflict();
    if (clusters) await repo.replaceOrganizationClusters(tx, id, clusters);
    const changed = Object.keys(input).filter((key) => key !== 'version');
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'organization.update',
      entityType: 'organization',
      entityId: id,
      before: auditState(before),
      after: {
        ...auditState(before),
        ...changes,
        version: before.version + 1,
        clusters: input.clusters ?? auditState(before)['clusters'],
      },
      details: { fields: changed },
    });
    await indexOrganization(tx, id);
  });
  return getOrganization(ctx, actor, id);
}

/** The cluster office confirms an organisation is who it says it is. */
export async function verifyOrganization(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  version: number,
): Promise<Organization> {
  const before = await loadVisible(ctx, actor, id);
  if (before.verificationStatus === 'verified')
    throw new DomainError('organization.already_verified', 'This organisation is already verified');
  if (!organizationPermissions(actor, before).verify)
    throw new DomainError('auth.forbidden', 'Only the cluster office verifies organisations');
  if (version !== before.version) throw versionConflict();
  const now = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    const changes = {
      verification_status: 'verified',
      verified_at: now,
      verified_by: actor.userId,
      updated_at: now,
    };
    if (!(await repo.updateOrganization(tx, id, version, changes))) throw versionConflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'organization.verify',
      entityType: 'organization',
      entityId: id,
      before: auditState(before),
      after: { ...auditState(before), verificationStatus: 'verified', verifiedAt: now, version: version + 1 },
    });
    await indexOrganization(tx, id);
  });
  return getOrganization(ctx, actor, id);
}

function toMember(view: repo.MemberView): Member {
  return { ...view, role: view.role === 'admin' ? 'admin' : 'member' };
}

async function loadForMembers(
  ctx: AppContext,
  actor: Actor,
  id: string,
  need: 'viewMembers' | 'manageMembers',
): Promise<OrganizationView> {
  const org = await loadVisible(ctx, actor, id);
  if (!organizationPermissions(actor, org)[need])
    throw new DomainError('auth.forbidden', 'You may not see or change the members of this organisation');
  return org;
}

export async function listMembers(ctx: AppContext, actor: Actor, id: string): Promise<Member[]> {
  await loadForMembers(ctx, actor, id, 'viewMembers');
  return (await repo.listMembers(ctx.db, id)).map(toMember);
}

/** Adds a registered user to an organisation. */
export async function addMember(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: { email: string; role: 'admin' | 'member' },
): Promise<Member> {
  await loadForMembers(ctx, actor, id, 'manageMembers');
  const userId = await findUserIdByEmail(ctx, input.email);
  if (!userId)
    throw DomainError.field(
      'membership.user_not_found',
      'body.email',
      'No user has this e-mail; ask them to register first',
    );
  if (await repo.findMembership(ctx.db, id, userId)) {
    throw DomainError.field('membership.already_member', 'body.email', 'This user is already a member');
  }
  const createdAt = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await repo.insertMembership(tx, {
      organization_id: id,
      user_id: userId,
      role: input.role,
      created_at: createdAt,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'membership.add',
      entityType: 'organization',
      entityId: id,
      after: { userId, role: input.role },
      details: { userId, role: input.role },
    });
  });
  const member = (await repo.listMembers(ctx.db, id)).find((m) => m.userId === userId);
  if (!member) throw new DomainError('record.not_found', 'No such member');
  return toMember(member);
}

/** An organisation always keeps at least one admin. */
async function assertNotLastAdmin(db: Queryable, id: string, userId: string): Promise<void> {
  const membership = await repo.findMembership(db, id, userId);
  if (membership?.role === 'admin' && (await repo.countAdmins(db, id)) <= 1) {
    throw new DomainError('membership.last_admin', 'An organisation needs at least one admin');
  }
}

export async function changeMemberRole(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  userId: string,
  role: 'admin' | 'member',
): Promise<Member> {
  await loadForMembers(ctx, actor, id, 'manageMembers');
  const current = await repo.findMembership(ctx.db, id, userId);
  if (!current) throw new DomainError('record.not_found', 'No such member');
  if (current.role !== role) {
    await ctx.db.transaction().execute(async (tx) => {
      if (role !== 'admin') await assertNotLastAdmin(tx, id, userId);
      await repo.updateMembershipRole(tx, id, userId, role);
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'membership.change_role',
        entityType: 'organization',
        entityId: id,
        before: { userId, role: current.role },
        after: { userId, role },
        details: { userId, from: current.role, to: role },
      });
    });
  }
  const member = (await repo.listMembers(ctx.db, id)).find((m) => m.userId === userId);
  if (!member) throw new DomainError('record.not_found', 'No such member');
  return toMember(member);
}

export async function removeMember(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  userId: string,
): Promise<void> {
  await loadForMembers(ctx, actor, id, 'manageMembers');
  const current = await repo.findMembership(ctx.db, id, userId);
  if (!current) throw new DomainError('record.not_found', 'No such member');
  await ctx.db.transaction().execute(async (tx) => {
    await assertNotLastAdmin(tx, id, userId);
    await repo.deleteMembership(tx, id, userId);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'membership.remove',
      entityType: 'organization',
      entityId: id,
      before: { userId, role: current.role },
      details: { userId },
    });
  });
}

export async function hasDemoData(ctx: AppContext): Promise<boolean> {
  return (await repo.countDemoOrganizations(ctx.db)) > 0;
}

/** Adds a cluster inside a caller's transaction (demo seeding), audited. */
export async function insertClusterInTransaction(
  tx: Tx,
  cluster: { slug: string; nameZh: string; nameEn: string; sortOrder: number },
  actor: string | null,
): Promise<string> {
  const id = newId();
  await repo.insertCluster(tx, {
    id,
    slug: cluster.slug,
    name_zh: cluster.nameZh,
    name_en: cluster.nameEn,
    sort_order: cluster.sortOrder,
  });
  await recordAudit(tx, {
    actorUserId: actor,
    action: 'cluster.create',
    entityType: 'cluster',
    entityId: id,
    after: cluster,
  });
  return id;
}

/**
 * Adds a complete organisation with clusters and members inside a caller's transaction (demo
 * seeding and imports). The profile is checked by the same rules as the API.
 */
export async function insertOrganizationInTransaction(
  tx: Tx,
  input: CreateOrganizationBody & { verified: boolean; isDemo: boolean },
  clusterIds: ReadonlyMap<string, string>,
  members: readonly { userId: string; role: 'admin' | 'member' }[],
  actor: string | null,
): Promise<string> {
  const profile = {
    sizeClass: input.sizeClass ?? null,
    serviceType: input.serviceType ?? null,
    creditCode: input.creditCode ?? null,
    moeCode: input.moeCode ?? null,
  };
  const clusters = input.clusters ?? [];
  throwProfileIssues(profileIssues(input.kind, { ...profile, clusterSlugs: clusters.map((c) => c.cluster) }));
  const now = nowIso();
  const row: OrganizationRow = {
    id: newId(),
    kind: input.kind,
    size_class: profile.sizeClass,
    service_type: profile.serviceType,
    name_zh: input.nameZh,
    name_en: input.nameEn,
    credit_code: profile.creditCode,
    moe_code: profile.moeCode,
    district: input.district ?? null,
    website: input.website ?? null,
    description_zh: input.descriptionZh ?? '',
    description_en: input.descriptionEn ?? '',
    verification_status: input.verified ? 'verified' : 'unverified',
    verified_at: input.verified ? now : null,
    verified_by: null,
    is_demo: input.isDemo ? 1 : 0,
    created_by: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await repo.insertOrganization(tx, row);
  await repo.replaceOrganizationClusters(
    tx,
    row.id,
    clusters.map((c) => {
      const clusterId = clusterIds.get(c.cluster);
      if (!clusterId)
        throw DomainError.field('organization.unknown_cluster', 'clusters', `No cluster "${c.cluster}"`);
      return { clusterId, chainPosition: c.chainPosition };
    }),
  );
  for (const member of members) {
    await repo.insertMembership(tx, {
      organization_id: row.id,
      user_id: member.userId,
      role: member.role,
      created_at: now,
    });
  }
  await recordAudit(tx, {
    actorUserId: actor,
    action: 'organization.create',
    entityType: 'organization',
    entityId: row.id,
    after: {
      ...auditState(toView(row, [])),
      clusters: clusters.map((c) => [c.cluster, c.chainPosition]),
      members,
    },
  });
  await indexOrganization(tx, row.id);
  return row.id;
}

/**
 * An organisation as the search index sees it: names, descriptions and cluster names, public,
 * and findable only once verified.
 */
function organizationSearchDocument(
  row: OrganizationRow,
  clusters: readonly repo.OrganizationClusterView[],
): SearchDocument {
  return {
    entityType: 'organization',
    entityId: row.id,
    ownerOrganizationId: row.id,
    visibility: 'public',
    isActive: row.verification_status === 'verified',
    title: row.name_en && row.name_en !== row.name_zh ? `${row.name_zh} · ${row.name_en}` : row.name_zh,
    publicText: [row.description_zh, row.description_en].filter((text) => text.length > 0).join('\n'),
    restrictedText: '',
    keywords: clusters.flatMap((c) => [c.nameZh, c.nameEn]),
    facets: {
      kind: row.kind,
      district: row.district,
      clusters: clusters.map((c) => c.slug),
      chainPositions: [...new Set(clusters.map((c) => c.chainPosition))],
    },
  };
}

/** (Re-)indexes one organisation for search, inside the caller's transaction. */
async function indexOrganization(tx: Tx, id: string): Promise<void> {
  const row = await repo.findOrganization(tx, id);
  if (!row) return;
  const clusters = await repo.findClustersOfOrganizations(tx, [id]);
  await indexDocument(tx, organizationSearchDocument(row, clusters.get(id) ?? []));
}

/** Re-indexes every organisation (`consortia search reindex`); returns how many. */
export async function reindexOrganizations(ctx: AppContext): Promise<number> {
  const ids = await repo.listOrganizationIds(ctx.db);
  for (let i = 0; i < ids.length; i += 200) {
    await ctx.db.transaction().execute(async (tx) => {
      for (const id of ids.slice(i, i + 200)) await indexOrganization(tx, id);
    });
  }
  return ids.length;
}

/**
 * Changes an organisation's profile inside a caller's transaction (trusted imports: no session,
 * no version check), checked by the same rules, audited and re-indexed. Kinds never change.
 * Returns false when nothing differed.
 */
export async function updateOrganizationInTransaction(
  tx: Tx,
  id: string,
  input: Omit<UpdateOrganizationBody, 'version' | 'clusters'> & { verified?: boolean },
  actor: string | null,
): Promise<boolean> {
  const before = await repo.findOrganization(tx, id);
  if (!before) throw new DomainError('record.not_found', 'No such organisation');
  const profile = {
    sizeClass: input.sizeClass !== undefined ? input.sizeClass : before.size_class,
    serviceType: input.serviceType !== undefined ? input.serviceType : before.service_type,
    creditCode: input.creditCode !== undefined ? input.creditCode || null : before.credit_code,
    moeCode: input.moeCode !== undefined ? input.moeCode || null : before.moe_code,
  };
  throwProfileIssues(profileIssues(before.kind as OrganizationKind, { ...profile, clusterSlugs: [] }));
  const now = nowIso();
  const next: Partial<OrganizationRow> = {
    size_class: profile.sizeClass,
    service_type: profile.serviceType,
    credit_code: profile.creditCode,
    moe_code: profile.moeCode,
    ...(input.nameZh !== undefined ? { name_zh: input.nameZh } : {}),
    ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
    ...(input.district !== undefined ? { district: input.district } : {}),
    ...(input.website !== undefined ? { website: input.website } : {}),
    ...(input.descriptionZh !== undefined ? { description_zh: input.descriptionZh } : {}),
    ...(input.descriptionEn !== undefined ? { description_en: input.descriptionEn } : {}),
    ...(input.verified && before.verification_status !== 'verified'
      ? { verification_status: 'verified', verified_at: now }
      : {}),
  };
  const changed = (Object.keys(next) as (keyof OrganizationRow)[]).filter((key) => next[key] !== before[key]);
  if (changed.length === 0) return false;
  const changes = { ...next, updated_at: now };
  if (!(await repo.updateOrganization(tx, id, before.version, changes))) throw versionConflict();
  const clusters = (await repo.findClustersOfOrganizations(tx, [id])).get(id) ?? [];
  await recordAudit(tx, {
    actorUserId: actor,
    action: 'organization.update',
    entityType: 'organization',
    entityId: id,
    before: auditState(toView(before, clusters)),
    after: auditState(toView({ ...before, ...changes, version: before.version + 1 }, clusters)),
    details: { fields: changed },
  });
  await indexOrganization(tx, id);
  return true;
}
