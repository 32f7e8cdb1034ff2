import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  computeEngagement,
  flagReasons,
  isOverdue,
  median,
  planFlags,
  responseTimes,
  wholeDaysBetween,
  type EngagementInput,
} from './engagement-rules.js';
import { chooseParty, hasDuplicates, mayChangeThreadStatus, nonParties } from './communication-rules.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T00:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();
const STAGES = ['application', 'rd', 'pilot', 'industrialisation', 'promotion'];

function input(overrides: Partial<EngagementInput> = {}): EngagementInput {
  return {
    now: at(20 * DAY),
    today: calendarDate(at(20 * DAY)),
    silentAfterDays: 14,
    stages: STAGES,
    parties: [
      { organizationId: 'A', joinedAt: at(0) },
      { organizationId: 'B', joinedAt: at(0) },
    ],
    activities: [],
    tasks: [],
    threads: [],
    ...overrides,
  };
}

describe('silence', () => {
  it('flags a party silent for longer than the threshold, counting from its last contribution', () => {
    const [a, b] = computeEngagement(
      input({
        activities: [
          { organizationId: 'A', stage: 'rd', at: at(10 * DAY) },
          { organizationId: 'B', stage: 'rd', at: at(5 * DAY) },
        ],
        silentAfterDays: 14,
        now: at(20 * DAY),
      }),
    );
    expect(a).toMatchObject({ daysSilent: 10, flagged: false, reasons: [] });
    expect(b).toMatchObject({ daysSilent: 15, flagged: true, reasons: ['silent'] });
  });

  it('counts a party that never contributed from when it joined', () => {
    const [a] = computeEngagement(
      input({ parties: [{ organizationId: 'A', joinedAt: at(2 * DAY) }], now: at(16 * DAY) }),
    );
    expect(a).toMatchObject({ daysSilent: 14, lastContributionAt: null, flagged: false });
    const [later] = computeEngagement(
      input({ parties: [{ organizationId: 'A', joinedAt: at(2 * DAY) }], now: at(17 * DAY) }),
    );
    expect(later).toMatchObject({ daysSilent: 15, flagged: true, reasons: ['silent'] });
  });

  it('is silent exactly when days exceed the threshold, never at it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 365 }), (days, threshold) => {
        expect(flagReasons(days, 0, threshold).includes('silent')).toBe(days > threshold);
      }),
    );
  });

  it('never counts negative days, whatever the order of the instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (ms) => {
        expect(wholeDaysBetween(at(0), at(ms))).toBe(ms > 0 ? Math.floor(ms / DAY) : 0);
      }),
    );
  });
});

describe('overdue tasks', () => {
  it('counts tasks due before today that are neither done nor cancelled', () => {
    const today = '2026-03-21';
    expect(isOverdue({ dueDate: '2026-03-20', status: 'open' }, today)).toBe(true);
    expect(isOverdue({ dueDate: '2026-03-20', status: 'in_progress' }, today)).toBe(true);
    expect(isOverdue({ dueDate: '2026-03-21', status: 'open' }, today)).toBe(false);
    expect(isOverdue({ dueDate: '2026-03-20', status: 'done' }, today)).toBe(false);
    expect(isOverdue({ dueDate: '2026-03-20', status: 'cancelled' }, today)).toBe(false);
    expect(isOverdue({ dueDate: null, status: 'open' }, today)).toBe(false);
  });

  it('flags a party with an overdue task at once, even if it just contributed, in the task’s stage', () => {
    const [a] = computeEngagement(
      input({
        activities: [{ organizationId: 'A', stage: 'rd', at: at(20 * DAY - HOUR) }],
        tasks: [
          { assigneeOrganizationId: 'A', stage: 'rd', dueDate: '2026-03-01', status: 'open' },
          { assigneeOrganizationId: 'B', stage: 'rd', dueDate: '2026-03-01', status: 'done' },
        ],
      }),
    );
    expect(a).toMatchObject({ overdueTasks: 1, daysSilent: 0, flagged: true, reasons: ['overdue_tasks'] });
    expect(a!.cells.find((c) => c.stage === 'rd')).toMatchObject({ overdueTasks: 1, activityCount: 1 });
  });

  it('reads today in the cluster’s time zone (UTC+8)', () => {
    expect(calendarDate('2026-03-01T15:59:59.000Z')).toBe('2026-03-01');
    expect(calendarDate('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
  });
});

describe('response time', () => {
  const thread = (addressedTo: string[], posts: [string, number][]) => ({
    stage: 'rd',
    addressedTo,
    posts: posts.map(([organizationId, hours]) => ({ organizationId, at: at(hours * HOUR) })),
  });

  it('measures from another party’s first unanswered post to the party’s next post', () => {
    const t = thread(
      [],
      [
        ['A', 0],
        ['C', 1],
        ['B', 10],
        ['A', 12],
        ['B', 13],
      ],
    );
    expect(responseTimes(t, 'B')).toEqual({ hours: [10, 1], waiting: false });
    expect(responseTimes(t, 'A')).toEqual({ hours: [11], waiting: true });
  });

  it('asks nothing of a party a thread is not addressed to', () => {
    expect(
      responseTimes(
        thread(
          ['C'],
          [
            ['A', 0],
            ['B', 5],
          ],
        ),
        'B',
      ),
    ).toEqual({ hours: [], waiting: false });
  });

  it('is null when the party was never asked, and the median otherwise', () => {
    const [a, b] = computeEngagement(
      input({
        threads: [
          thread(
            [],
            [
              ['A', 0],
              ['B', 4],
            ],
          ),
          thread(
            ['B'],
            [
              ['A', 0],
              ['B', 2],
              ['A', 3],
              ['B', 9],
            ],
          ),
        ],
      }),
    );
    expect(b!.medianResponseHours).toBe(4);
    expect(b!.cells.find((c) => c.stage === 'rd')!.medianResponseHours).toBe(4);
    expect(b!.cells.find((c) => c.stage === 'pilot')!.medianResponseHours).toBeNull();
    expect(a!).toMatchObject({ medianResponseHours: null, unansweredThreads: 1 });
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('never yields a negative response time, and one episode per answer at most', () => {
    const post = fc.record({
      organizationId: fc.constantFrom('A', 'B', 'C'),
      at: fc.integer({ min: 0, max: 1000 }).map((h) => at(h * HOUR)),
    });
    fc.assert(
      fc.property(fc.array(post, { maxLength: 30 }), fc.constantFrom('A', 'B', 'C'), (posts, who) => {
        const r = responseTimes({ stage: 'rd', addressedTo: [], posts }, who);
        expect(r.hours.every((h) => h >= 0)).toBe(true);
        expect(r.hours.length).toBeLessThanOrEqual(posts.filter((p) => p.organizationId === who).length);
      }),
    );
  });
});

describe('the matrix', () => {
  it('adds up: the stages’ activity counts and overdue tasks sum to the party’s totals', () => {
    const org = fc.constantFrom('A', 'B', 'C');
    const stage = fc.constantFrom(...STAGES);
    const when = fc.integer({ min: 0, max: 60 * 24 }).map((h) => at(h * HOUR));
    fc.assert(
      fc.property(
        fc.array(fc.record({ organizationId: org, stage, at: when })),
        fc.array(
          fc.record({
            assigneeOrganizationId: org,
            stage,
            dueDate: fc.option(fc.constantFrom('2026-03-01', '2026-03-20', '2026-04-30'), { nil: null }),
            status: fc.constantFrom('open', 'in_progress', 'done', 'cancelled'),
          }),
        ),
        fc.integer({ min: 1, max: 365 }),
        (activities, tasks, silentAfterDays) => {
          const parties = ['A', 'B', 'C'].map((organizationId) => ({ organizationId, joinedAt: at(0) }));
          const result = computeEngagement(
            input({ parties, activities, tasks, silentAfterDays, now: at(61 * DAY), today: '2026-04-15' }),
          );
          expect(result.map((p) => p.organizationId)).toEqual(['A', 'B', 'C']);
          for (const p of result) {
            expect(p.cells.map((c) => c.stage)).toEqual(STAGES);
            expect(p.cells.reduce((s, c) => s + c.activityCount, 0)).toBe(p.activityCount);
            expect(p.cells.reduce((s, c) => s + c.overdueTasks, 0)).toBe(p.overdueTasks);
            expect(p.flagged).toBe(p.daysSilent > silentAfterDays || p.overdueTasks > 0);
            expect(p.flagged).toBe(p.reasons.length > 0);
            for (const c of p.cells) {
              if (c.daysSinceLastContribution !== null)
                expect(c.daysSinceLastContribution).toBeGreaterThanOrEqual(p.daysSilent);
            }
          }
        },
      ),
    );
  });
});

describe('flag episodes', () => {
  const party = (organizationId: string, flagged: boolean) => ({
    organizationId,
    cells: [],
    activityCount: 0,
    overdueTasks: 0,
    daysSilent: flagged ? 20 : 0,
    lastContributionAt: null,
    medianResponseHours: null,
    unansweredThreads: 0,
    flagged,
    reasons: flagged ? (['silent'] as const).slice() : [],
  });

  it('raises a flag once, keeps it while the party stays flagged, clears it when engaged again', () => {
    const first = planFlags([], [party('A', true), party('B', false)]);
    expect(first.raise.map((p) => p.organizationId)).toEqual(['A']);
    const open = [{ id: 'f1', organizationId: 'A' }];
    const again = planFlags(open, [party('A', true), party('B', false)]);
    expect(again.raise).toEqual([]);
    expect(again.keep.map((k) => k.flag.id)).toEqual(['f1']);
    const engaged = planFlags(open, [party('A', false), party('B', false)]);
    expect(engaged.clear).toEqual(open);
  });

  it('partitions: every flagged party is raised or kept, every open flag kept or cleared, none twice', () => {
    const orgs = ['A', 'B', 'C', 'D', 'E'];
    fc.assert(
      fc.property(fc.subarray(orgs), fc.subarray(orgs), (openOrgs, flaggedOrgs) => {
        const open = openOrgs.map((o) => ({ id: `f-${o}`, organizationId: o }));
        const plan = planFlags(
          open,
          orgs.map((o) => party(o, flaggedOrgs.includes(o))),
        );
        const raised = plan.raise.map((p) => p.organizationId);
        const kept = plan.keep.map((k) => k.flag.organizationId);
        const cleared = plan.clear.map((f) => f.organizationId);
        expect([...raised, ...kept].sort()).toEqual([...flaggedOrgs].sort());
        expect([...kept, ...cleared].sort()).toEqual([...openOrgs].sort());
        expect(raised.filter((o) => openOrgs.includes(o))).toEqual([]);
      }),
    );
  });
});

describe('who writes to the log', () => {
  it('writes for the one party named or the only party, and refuses others', () => {
    expect(chooseParty([], undefined)).toEqual({ ok: false, code: 'auth.forbidden' });
    expect(chooseParty(['A'], undefined)).toEqual({ ok: true, organizationId: 'A' });
    expect(chooseParty(['A', 'B'], undefined)).toEqual({ ok: false, code: 'communication.party_required' });
    expect(chooseParty(['A', 'B'], 'B')).toEqual({ ok: true, organizationId: 'B' });
    expect(chooseParty(['A'], 'C')).toEqual({ ok: false, code: 'communication.not_your_party' });
  });

  it('lets the starting party or a lead admin close a thread', () => {
    expect(mayChangeThreadStatus(['A'], false, 'A')).toBe(true);
    expect(mayChangeThreadStatus(['B'], false, 'A')).toBe(false);
    expect(mayChangeThreadStatus([], true, 'A')).toBe(true);
  });

  it('names organisations that are not parties, and duplicates', () => {
    expect(nonParties(['C', 'A', 'C'], ['A', 'B'])).toEqual(['C']);
    expect(hasDuplicates(['A', 'A'])).toBe(true);
    expect(hasDuplicates(['A', 'B'])).toBe(false);
  });
});
