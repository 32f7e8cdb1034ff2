import type { AppContext } from '../../platform/context.js';
import { hashPassword, insertUserInTransaction } from '../identity/service.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import {
  insertAchievementInTransaction,
  insertCapabilityInTransaction,
  insertExpertInTransaction,
  insertNdaRequestInTransaction,
  insertNeedInTransaction,
} from '../directory/service.js';
import { suzhouDate } from '../directory/rules.js';
import type { Tx } from '../../platform/db/database.js';
import { DEMO_CLUSTERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from './data.js';
import {
  DEMO_ACHIEVEMENTS,
  DEMO_CAPABILITIES,
  DEMO_EXPERTS,
  DEMO_NDA_REQUESTS,
  DEMO_NEEDS,
} from './directory-data.js';

export interface SeedResult {
  seeded: boolean;
  reason?: string;
  clusters: number;
  organizations: number;
  users: number;
  /** Needs, capabilities, achievements and expert profiles. */
  directoryRecords: number;
}

/** True when the database holds no organisations and no users: a fresh install. */
export async function isDatabaseEmpty(ctx: AppContext): Promise<boolean> {
  const [orgs, users] = await Promise.all([
    ctx.db.selectFrom('organization').select('id').limit(1).execute(),
    ctx.db.selectFrom('app_user').select('id').limit(1).execute(),
  ]);
  return orgs.length === 0 && users.length === 0;
}

/**
 * Loads the illustrative Suzhou cluster: clusters, organisations of every kind and a user for
 * every role, all marked as demo data. Refuses a database that already has users or organisations.
 */
export async function seedDemo(ctx: AppContext): Promise<SeedResult> {
  if (!(await isDatabaseEmpty(ctx))) {
    return {
      seeded: false,
      reason: 'the database already has users or organisations',
      clusters: 0,
      organizations: 0,
      users: 0,
      directoryRecords: 0,
    };
  }
  // Hash outside the transaction: argon2 is deliberately slow.
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  await ctx.db.transaction().execute(async (tx) => {
    const clusterIds = new Map<string, string>();
    for (const [index, cluster] of DEMO_CLUSTERS.entries()) {
      clusterIds.set(
        cluster.slug,
        await insertClusterInTransaction(tx, { ...cluster, sortOrder: index + 1 }, null),
      );
    }
    const membersByOrg = new Map<string, { userId: string; role: 'admin' | 'member' }[]>();
    for (const [index, user] of DEMO_USERS.entries()) {
      const userId = await insertUserInTransaction(
        tx,
        {
          email: user.email,
          displayName: user.displayName,
          passwordHash: hashes[index] ?? '',
          locale: user.locale,
          isDemo: true,
          platformRoles: user.platformRoles,
        },
        null,
      );
      for (const m of user.memberships)
        membersByOrg.set(m.org, [...(membersByOrg.get(m.org) ?? []), { userId, role: m.role }]);
    }
    const organizationIds = new Map<string, string>();
    for (const org of DEMO_ORGANIZATIONS) {
      const { key, verified, ...profile } = org;
      const id = await insertOrganizationInTransaction(
        tx,
        { ...profile, verified, isDemo: true },
        clusterIds,
        membersByOrg.get(key) ?? [],
        null,
      );
      organizationIds.set(key, id);
    }
    await seedDirectory(tx, organizationIds);
  });
  return {
    seeded: true,
    clusters: DEMO_CLUSTERS.length,
    organizations: DEMO_ORGANIZATIONS.length,
    users: DEMO_USERS.length,
    directoryRecords:
      DEMO_NEEDS.length + DEMO_CAPABILITIES.length + DEMO_ACHIEVEMENTS.length + DEMO_EXPERTS.length,
  };
}

/** The demo directory: needs, capabilities, achievements, experts and NDA requests between them. */
async function seedDirectory(tx: Tx, organizationIds: ReadonlyMap<string, string>): Promise<void> {
  const idOf = (key: string): string => {
    const id = organizationIds.get(key);
    if (!id) throw new Error(`Demo directory refers to unknown organisation "${key}"`);
    return id;
  };
  const options = { actorUserId: null, isDemo: true };
  const fen = (yuan: number | null) => (yuan === null ? null : yuan * 100);
  const now = Date.now();
  for (const { key: _key, owner, budgetMinYuan, budgetMaxYuan, deadlineInDays, ...need } of DEMO_NEEDS) {
    await insertNeedInTransaction(
      tx,
      {
        ...need,
        ownerOrganizationId: idOf(owner),
        budgetMinFen: fen(budgetMinYuan),
        budgetMaxFen: fen(budgetMaxYuan),
        deadline: deadlineInDays === null ? null : suzhouDate(new Date(now + deadlineInDays * 86_400_000)),
      },
      options,
    );
  }
  for (const { key: _key, owner, ...capability } of DEMO_CAPABILITIES) {
    await insertCapabilityInTransaction(tx, { ...capability, ownerOrganizationId: idOf(owner) }, options);
  }
  const achievementIds = new Map<string, string>();
  for (const { key, owner, ...achievement } of DEMO_ACHIEVEMENTS) {
    achievementIds.set(
      key,
      await insertAchievementInTransaction(tx, { ...achievement, ownerOrganizationId: idOf(owner) }, options),
    );
  }
  for (const { organization, ...expert } of DEMO_EXPERTS) {
    await insertExpertInTransaction(tx, { ...expert, organizationId: idOf(organization) }, options);
  }
  for (const request of DEMO_NDA_REQUESTS) {
    const entityId = achievementIds.get(request.achievement);
    if (!entityId) throw new Error(`Demo NDA request for unknown achievement "${request.achievement}"`);
    await insertNdaRequestInTransaction(
      tx,
      {
        entityType: 'achievement',
        entityId,
        requesterOrganizationId: idOf(request.requester),
        message: request.message,
        status: request.status,
      },
      null,
    );
  }
}
