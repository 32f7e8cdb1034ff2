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
import { actOnMatch, createMatch } from '../matches/service.js';
import {
  completeMilestone,
  createMilestone,
  createProject,
  createTask,
  signOff,
} from '../projects/service.js';
import type { UserActor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { DEMO_CLUSTERS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from './data.js';
import {
  DEMO_ACHIEVEMENTS,
  DEMO_CAPABILITIES,
  DEMO_EXPERTS,
  DEMO_NDA_REQUESTS,
  DEMO_NEEDS,
} from './directory-data.js';
import { DEMO_MATCHES } from './matches-data.js';

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
  const userIds = new Map<string, string>();
  const organizationIds = new Map<string, string>();
  const records = await ctx.db.transaction().execute(async (tx) => {
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
      userIds.set(user.email, userId);
      for (const m of user.memberships)
        membersByOrg.set(m.org, [...(membersByOrg.get(m.org) ?? []), { userId, role: m.role }]);
    }
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
    return seedDirectory(tx, organizationIds);
  });
  const matchIds = await seedMatches(ctx, userIds, organizationIds, records);
  await seedProjects(ctx, userIds, organizationIds, matchIds);
  return {
    seeded: true,
    clusters: DEMO_CLUSTERS.length,
    organizations: DEMO_ORGANIZATIONS.length,
    users: DEMO_USERS.length,
    directoryRecords:
      DEMO_NEEDS.length + DEMO_CAPABILITIES.length + DEMO_ACHIEVEMENTS.length + DEMO_EXPERTS.length,
  };
}

/** Ids of the demo's records by their keys. */
interface DemoRecordIds {
  need: Map<string, string>;
  capability: Map<string, string>;
  achievement: Map<string, string>;
}

/** The demo directory: needs, capabilities, achievements, experts and NDA requests between them. */
async function seedDirectory(tx: Tx, organizationIds: ReadonlyMap<string, string>): Promise<DemoRecordIds> {
  const idOf = (key: string): string => {
    const id = organizationIds.get(key);
    if (!id) throw new Error(`Demo directory refers to unknown organisation "${key}"`);
    return id;
  };
  const options = { actorUserId: null, isDemo: true };
  const fen = (yuan: number | null) => (yuan === null ? null : yuan * 100);
  const now = Date.now();
  const needIds = new Map<string, string>();
  for (const { key, owner, budgetMinYuan, budgetMaxYuan, deadlineInDays, ...need } of DEMO_NEEDS) {
    const id = await insertNeedInTransaction(
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
    needIds.set(key, id);
  }
  const capabilityIds = new Map<string, string>();
  for (const { key, owner, ...capability } of DEMO_CAPABILITIES) {
    capabilityIds.set(
      key,
      await insertCapabilityInTransaction(tx, { ...capability, ownerOrganizationId: idOf(owner) }, options),
    );
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
  return { need: needIds, capability: capabilityIds, achievement: achievementIds };
}

/**
 * The demo pipeline, through the same use cases people call (so every step is validated,
 * ranked and audited): each step is taken by the demo user named for it.
 */
async function seedMatches(
  ctx: AppContext,
  userIds: ReadonlyMap<string, string>,
  organizationIds: ReadonlyMap<string, string>,
  records: DemoRecordIds,
): Promise<Map<string, string>> {
  const matchIds = new Map<string, string>();
  const actorOf = (email: string): UserActor => {
    const user = DEMO_USERS.find((u) => u.email === email);
    const userId = userIds.get(email);
    if (!user || !userId) throw new Error(`Demo match step by unknown user "${email}"`);
    return {
      kind: 'user',
      userId,
      sessionId: 'demo-seed',
      csrfToken: '',
      platformRoles: new Set(user.platformRoles),
      memberships: new Map(user.memberships.map((m) => [organizationIds.get(m.org) ?? '', m.role])),
    };
  };
  for (const match of DEMO_MATCHES) {
    const needId = records.need.get(match.need);
    const { type, key } = match.counterpart;
    const counterpartId = type === 'organization' ? organizationIds.get(key) : records[type].get(key);
    if (!needId || !counterpartId) throw new Error(`Demo match of unknown records ${match.need} / ${key}`);
    let current = null as { id: string; version: number } | null;
    for (const step of match.steps) {
      const actor = actorOf(step.as);
      current =
        step.action === 'create'
          ? await createMatch(ctx, actor, {
              needId,
              counterpartType: type,
              counterpartId,
              status: step.status ?? 'suggested',
              ...(step.reason ? { reason: step.reason } : {}),
              ...(step.note ? { note: step.note } : {}),
            })
          : await actOnMatch(ctx, actor, current?.id ?? '', {
              action: step.action,
              version: current?.version ?? 0,
              ...(step.reason ? { reason: step.reason } : {}),
              ...(step.note ? { note: step.note } : {}),
            });
    }
    if (current) matchIds.set(`${match.need}/${key}`, current.id);
  }
  return matchIds;
}

/** A demo actor: the demo user with their memberships, as the services see a signed-in user. */
function demoActor(
  email: string,
  userIds: ReadonlyMap<string, string>,
  organizationIds: ReadonlyMap<string, string>,
): UserActor {
  const user = DEMO_USERS.find((u) => u.email === email);
  const userId = userIds.get(email);
  if (!user || !userId) throw new Error(`Demo step by unknown user "${email}"`);
  return {
    kind: 'user',
    userId,
    sessionId: 'demo-seed',
    csrfToken: '',
    platformRoles: new Set(user.platformRoles),
    memberships: new Map(user.memberships.map((m) => [organizationIds.get(m.org) ?? '', m.role])),
  };
}

/** The demo project's audit events: created, a milestone added and done, a sign-off, two tasks. */
export const DEMO_PROJECT_EVENTS = 6;

/**
 * A bilateral demo project grown out of the converted warpage match, through the projects service:
 * a milestone done with evidence, a task, and the gate half signed off — so the project page shows
 * what the gate still waits for.
 */
async function seedProjects(
  ctx: AppContext,
  userIds: ReadonlyMap<string, string>,
  organizationIds: ReadonlyMap<string, string>,
  matchIds: ReadonlyMap<string, string>,
): Promise<void> {
  const matchId = matchIds.get('jingxiu-warpage/shihu-characterisation');
  const jingxiuId = organizationIds.get('jingxiu-semi');
  const shihuId = organizationIds.get('shihu-nano');
  if (!matchId || !jingxiuId || !shihuId) return;
  const jingxiu = demoActor('jingxiu@demo.consortia.cn', userIds, organizationIds);
  const institute = demoActor('institute@demo.consortia.cn', userIds, organizationIds);
  let project = await createProject(ctx, jingxiu, {
    sourceMatchId: matchId,
    title: '先进封装翘曲表征联合攻关',
    summary: '晶秀半导体与石湖纳米所合作，建立扇出型封装翘曲的在线表征方法，并在中试线上验证。',
  });
  project = await createMilestone(ctx, jingxiu, project.id, {
    title: '翘曲表征方案评审',
    responsibleOrganizationId: shihuId,
    dueDate: '2026-12-15',
  });
  const milestone = project.milestones[0];
  if (milestone)
    project = await completeMilestone(ctx, institute, project.id, milestone.id, {
      version: milestone.version,
      evidenceKind: 'document',
      reference: 'SHNANO-2026-031 翘曲表征方案 v1.2',
      note: '方案已通过双方技术评审，附首批 10 个样品的初步表征数据。',
    });
  await signOff(ctx, jingxiu, project.id, 'application', { organizationId: jingxiuId });
  await createTask(ctx, jingxiu, project.id, {
    title: '寄送第二批 30 个封装样品',
    assigneeOrganizationId: jingxiuId,
    dueDate: '2026-12-20',
  });
  await createTask(ctx, institute, project.id, {
    title: '完成热-力耦合仿真模型',
    assigneeOrganizationId: shihuId,
    dueDate: '2027-01-31',
  });
}
