import type { AppContext } from '../../platform/context.js';
import { hashPassword, insertUserInTransaction } from '../identity/service.js';
import { insertClusterInTransaction, insertOrganizationInTransaction } from '../organizations/service.js';
import { DEMO_CLUSTERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from './data.js';

export interface SeedResult {
  seeded: boolean;
  reason?: string;
  clusters: number;
  organizations: number;
  users: number;
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
    for (const org of DEMO_ORGANIZATIONS) {
      const { key, verified, ...profile } = org;
      await insertOrganizationInTransaction(
        tx,
        { ...profile, verified, isDemo: true },
        clusterIds,
        membersByOrg.get(key) ?? [],
        null,
      );
    }
  });
  return {
    seeded: true,
    clusters: DEMO_CLUSTERS.length,
    organizations: DEMO_ORGANIZATIONS.length,
    users: DEMO_USERS.length,
  };
}
