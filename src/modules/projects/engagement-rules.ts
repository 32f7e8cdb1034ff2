/**
 * The engagement monitor's decisions, as pure functions over plain data: per party and stage, how
 * much it contributed, how many of its tasks are overdue, how long it has been silent and how fast
 * it answers threads; which parties are flagged and why; and how the stored flags follow (raise a
 * new episode, keep an open one, clear one whose party is engaged again).
 *
 * Time is passed in (`now`, an ISO instant, and `today`, a calendar date), never read here.
 */

/** Why a party is flagged. */
export const FLAG_REASONS = ['silent', 'overdue_tasks'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Bounds of a project's silence threshold, in days. */
export const SILENT_AFTER_DAYS_MIN = 1;
export const SILENT_AFTER_DAYS_MAX = 365;

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

export interface EngagementParty {
  organizationId: string;
  /** When the party joined the project (ISO instant): silence counts from here until it contributes. */
  joinedAt: string;
}

export interface EngagementActivity {
  organizationId: string;
  stage: string;
  at: string;
}

export interface EngagementTask {
  assigneeOrganizationId: string;
  stage: string;
  /** YYYY-MM-DD or null. */
  dueDate: string | null;
  status: string;
}

export interface EngagementPost {
  organizationId: string;
  at: string;
}

export interface EngagementThread {
  stage: string;
  /** Organisations the thread is addressed to; empty: open to every party. */
  addressedTo: readonly string[];
  /** The thread's posts, in any order. */
  posts: readonly EngagementPost[];
}

export interface EngagementInput {
  /** The current instant (ISO). */
  now: string;
  /** The current calendar date (YYYY-MM-DD) in the cluster's time zone: a task due before it is overdue. */
  today: string;
  silentAfterDays: number;
  /** The stages to report, in order. */
  stages: readonly string[];
  parties: readonly EngagementParty[];
  activities: readonly EngagementActivity[];
  tasks: readonly EngagementTask[];
  threads: readonly EngagementThread[];
}

export interface EngagementCell {
  stage: string;
  activityCount: number;
  overdueTasks: number;
  /** Whole days since the party's last contribution in this stage; null when it has none there. */
  daysSinceLastContribution: number | null;
  /** Median hours the party took to answer another party in this stage's threads; null when never asked. */
  medianResponseHours: number | null;
}

export interface PartyEngagement {
  organizationId: string;
  cells: EngagementCell[];
  activityCount: number;
  overdueTasks: number;
  /** Whole days since its last contribution anywhere in the project, or since it joined. */
  daysSilent: number;
  lastContributionAt: string | null;
  medianResponseHours: number | null;
  /** Times another party is still waiting for this party's answer in a thread. */
  unansweredThreads: number;
  flagged: boolean;
  reasons: FlagReason[];
}

/** Whether a task counts against its assignee: due before today and neither done nor cancelled. */
export function isOverdue(task: Pick<EngagementTask, 'dueDate' | 'status'>, today: string): boolean {
  return (
    task.dueDate !== null && task.dueDate < today && task.status !== 'done' && task.status !== 'cancelled'
  );
}

/** Whole days from `from` to `to` (both ISO instants), never negative. */
export function wholeDaysBetween(from: string, to: string): number {
  const ms = Date.parse(to) - Date.parse(from);
  return ms > 0 ? Math.floor(ms / MS_PER_DAY) : 0;
}

/** The median of a list of numbers (mean of the middle two for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

function byTime<T extends { at: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * How a party answered one thread: for each time another party wrote while this party owed no
 * answer yet, the hours until this party's next post in the thread (an episode), and whether the
 * last question is still waiting. A thread addressed to others asks nothing of this party.
 */
export function responseTimes(
  thread: EngagementThread,
  organizationId: string,
): { hours: number[]; waiting: boolean } {
  const hours: number[] = [];
  const addressed = thread.addressedTo.length === 0 || thread.addressedTo.includes(organizationId);
  if (!addressed) return { hours, waiting: false };
  let askedAt: string | null = null;
  for (const post of byTime(thread.posts)) {
    if (post.organizationId === organizationId) {
      if (askedAt !== null) hours.push((Date.parse(post.at) - Date.parse(askedAt)) / MS_PER_HOUR);
      askedAt = null;
    } else if (askedAt === null) {
      askedAt = post.at;
    }
  }
  return { hours, waiting: askedAt !== null };
}

/** Why a party is flagged now (empty: it is not). Silence must exceed the threshold. */
export function flagReasons(daysSilent: number, overdueTasks: number, silentAfterDays: number): FlagReason[] {
  const reasons: FlagReason[] = [];
  if (daysSilent > silentAfterDays) reasons.push('silent');
  if (overdueTasks > 0) reasons.push('overdue_tasks');
  return reasons;
}

/** The engagement of every party, stage by stage, and who is flagged. */
export function computeEngagement(input: EngagementInput): PartyEngagement[] {
  return input.parties.map((party) => {
    const id = party.organizationId;
    const activities = input.activities.filter((a) => a.organizationId === id);
    const overdue = input.tasks.filter((t) => t.assigneeOrganizationId === id && isOverdue(t, input.today));
    const answers = input.threads.map((thread) => ({ thread, ...responseTimes(thread, id) }));
    const cells: EngagementCell[] = input.stages.map((stage) => {
      const here = activities.filter((a) => a.stage === stage);
      const last = here.reduce<string | null>((m, a) => (m === null || a.at > m ? a.at : m), null);
      return {
        stage,
        activityCount: here.length,
        overdueTasks: overdue.filter((t) => t.stage === stage).length,
        daysSinceLastContribution: last === null ? null : wholeDaysBetween(last, input.now),
        medianResponseHours: median(answers.filter((a) => a.thread.stage === stage).flatMap((a) => a.hours)),
      };
    });
    const lastContributionAt = activities.reduce<string | null>(
      (m, a) => (m === null || a.at > m ? a.at : m),
      null,
    );
    const daysSilent = wholeDaysBetween(lastContributionAt ?? party.joinedAt, input.now);
    const reasons = flagReasons(daysSilent, overdue.length, input.silentAfterDays);
    return {
      organizationId: id,
      cells,
      activityCount: activities.length,
      overdueTasks: overdue.length,
      daysSilent,
      lastContributionAt,
      medianResponseHours: median(answers.flatMap((a) => a.hours)),
      unansweredThreads: answers.filter((a) => a.waiting).length,
      flagged: reasons.length > 0,
      reasons,
    };
  });
}

/** A stored open flag, as the reconciliation sees it. */
export interface OpenFlag {
  id: string;
  organizationId: string;
}

export interface FlagPlan {
  /** Parties flagged now with no open flag: a new episode, notified once. */
  raise: PartyEngagement[];
  /** Open flags whose party is still flagged: updated, not notified again. */
  keep: { flag: OpenFlag; party: PartyEngagement }[];
  /** Open flags whose party is engaged again (or no longer a party): cleared. */
  clear: OpenFlag[];
}

/** What a sweep does with the stored flags given the parties' engagement now. */
export function planFlags(open: readonly OpenFlag[], parties: readonly PartyEngagement[]): FlagPlan {
  const openBy = new Map(open.map((f) => [f.organizationId, f]));
  const flaggedNow = new Map(parties.filter((p) => p.flagged).map((p) => [p.organizationId, p]));
  return {
    raise: [...flaggedNow.values()].filter((p) => !openBy.has(p.organizationId)),
    keep: open.flatMap((flag) => {
      const party = flaggedNow.get(flag.organizationId);
      return party ? [{ flag, party }] : [];
    }),
    clear: open.filter((f) => !flaggedNow.has(f.organizationId)),
  };
}

/** A calendar date (YYYY-MM-DD) of an instant in a fixed UTC offset (the cluster's: +8 hours). */
export function calendarDate(now: string, offsetHours = 8): string {
  return new Date(Date.parse(now) + offsetHours * MS_PER_HOUR).toISOString().slice(0, 10);
}
