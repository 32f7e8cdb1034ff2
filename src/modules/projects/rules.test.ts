import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actingParty,
  applyStageAction,
  canMoveTask,
  gateStatus,
  isMilestoneOverdue,
  isTaskOverdue,
  milestoneRefusal,
  nextStage,
  partyChanges,
  PROJECT_STAGES,
  PROJECT_STATUSES,
  requiredSignOffs,
  signOffRefusal,
  stageAccepted,
  stageIndex,
  TASK_STATUSES,
  taskMoves,
  type ProjectState,
} from './rules.js';
import { STAGE_ACTIONS } from './schemas.js';

const stage = fc.constantFrom(...PROJECT_STAGES);
const status = fc.constantFrom(...PROJECT_STATUSES);
const action = fc.constantFrom(...STAGE_ACTIONS);
const state = fc.record({ stage, status });

describe('the stage machine', () => {
  it('advances one stage at a time, only when active and the gate opens, closing at the end', () => {
    fc.assert(
      fc.property(state, fc.boolean(), (s, gateOpen) => {
        const step = applyStageAction(s, 'advance', gateOpen);
        if (!step.ok) return;
        expect(s.status).toBe('active');
        expect(gateOpen).toBe(true);
        expect(stageIndex(step.state.stage)).toBe(stageIndex(s.stage) + 1);
        expect(step.state.status).toBe(step.state.stage === 'closed' ? 'closed' : 'active');
      }),
    );
  });

  it('never skips a stage or goes back, over any sequence of actions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(action, fc.boolean()), { maxLength: 40 }), (steps) => {
        let s: ProjectState = { stage: 'application', status: 'active' };
        for (const [a, gateOpen] of steps) {
          const step = applyStageAction(s, a, gateOpen);
          if (!step.ok) continue;
          const delta = stageIndex(step.state.stage) - stageIndex(s.stage);
          expect(delta === 0 || (a === 'advance' && delta === 1)).toBe(true);
          // Terminated and closed are final.
          expect(s.status === 'terminated' || s.status === 'closed').toBe(false);
          // Only the last stage is closed, and it always is.
          expect(step.state.stage === 'closed').toBe(step.state.status === 'closed');
          s = step.state;
        }
      }),
    );
  });

  it('names each refusal', () => {
    expect(applyStageAction({ stage: 'rd', status: 'active' }, 'advance', false)).toEqual({
      ok: false,
      refusal: 'gate_blocked',
    });
    expect(applyStageAction({ stage: 'rd', status: 'suspended' }, 'advance', true)).toEqual({
      ok: false,
      refusal: 'not_active',
    });
    expect(applyStageAction({ stage: 'rd', status: 'terminated' }, 'advance', true)).toEqual({
      ok: false,
      refusal: 'invalid_transition',
    });
    expect(applyStageAction({ stage: 'rd', status: 'active' }, 'resume', true)).toEqual({
      ok: false,
      refusal: 'invalid_transition',
    });
    expect(applyStageAction({ stage: 'rd', status: 'suspended' }, 'terminate', false)).toEqual({
      ok: true,
      state: { stage: 'rd', status: 'terminated' },
    });
    expect(applyStageAction({ stage: 'promotion', status: 'active' }, 'advance', true)).toEqual({
      ok: true,
      state: { stage: 'closed', status: 'closed' },
    });
    expect(nextStage('closed')).toBeNull();
  });

  it('suspends and resumes back to the same stage', () => {
    fc.assert(
      fc.property(stage, (st) => {
        const suspended = applyStageAction({ stage: st, status: 'active' }, 'suspend', false);
        if (!suspended.ok) throw new Error('suspend refused');
        const resumed = applyStageAction(suspended.state, 'resume', false);
        expect(resumed).toEqual({ ok: true, state: { stage: st, status: 'active' } });
      }),
    );
  });
});

describe('the gate', () => {
  it('names the responsible and contributing parties of the stage’s work packages, parties only', () => {
    const required = requiredSignOffs({
      stage: 'rd',
      bilateral: false,
      lead: 'L',
      parties: ['L', 'U', 'I', 'S'],
      workPackages: [
        { stage: 'rd', responsible: 'U', contributors: ['I', 'GONE'] },
        { stage: 'pilot', responsible: 'S', contributors: [] },
      ],
    });
    expect(required).toEqual(['I', 'U']);
  });

  it('falls back to the lead when nobody is named, and asks every party of a bilateral project', () => {
    expect(
      requiredSignOffs({ stage: 'rd', bilateral: false, lead: 'L', parties: ['L', 'U'], workPackages: [] }),
    ).toEqual(['L']);
    expect(
      requiredSignOffs({ stage: 'rd', bilateral: true, lead: 'B', parties: ['B', 'A'], workPackages: [] }),
    ).toEqual(['A', 'B']);
  });

  it('opens exactly when every milestone of the stage is done with evidence and every named party signed', () => {
    const milestone = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      stage,
      status: fc.constantFrom('open' as const, 'done' as const),
      hasEvidence: fc.boolean(),
    });
    const org = fc.constantFrom('A', 'B', 'C', 'D');
    fc.assert(
      fc.property(
        stage,
        fc.array(milestone, { maxLength: 8 }),
        fc.uniqueArray(org),
        fc.uniqueArray(org),
        (st, ms, required, signed) => {
          const check = gateStatus({ stage: st, milestones: ms, required, signedOff: signed });
          const allDone = ms.filter((m) => m.stage === st).every((m) => m.status === 'done' && m.hasEvidence);
          const allSigned = required.every((r) => signed.includes(r));
          expect(check.open).toBe(allDone && allSigned);
          expect(check.partiesNotSigned).toEqual(required.filter((r) => !signed.includes(r)).sort());
          expect(check.milestonesNotDone).toEqual(
            ms.filter((m) => m.stage === st && !(m.status === 'done' && m.hasEvidence)).map((m) => m.id),
          );
        },
      ),
    );
  });

  it('takes a sign-off only for the current stage, from a named party, after the milestones, once', () => {
    const base = {
      state: { stage: 'rd' as const, status: 'active' as const },
      stage: 'rd' as const,
      organizationId: 'A',
      required: ['A', 'B'],
      signedOff: [] as string[],
      milestonesNotDone: [] as string[],
    };
    expect(signOffRefusal(base)).toBeNull();
    expect(signOffRefusal({ ...base, state: { stage: 'rd', status: 'suspended' } })).toBe('not_active');
    expect(signOffRefusal({ ...base, stage: 'application' })).toBe('stage_passed');
    expect(signOffRefusal({ ...base, organizationId: 'C' })).toBe('not_required');
    expect(signOffRefusal({ ...base, milestonesNotDone: ['m1'] })).toBe('milestones_open');
    expect(signOffRefusal({ ...base, signedOff: ['A'] })).toBe('already_signed');
  });
});

describe('milestones', () => {
  it('change only while active, in the current or a later stage, done ⇄ open', () => {
    const active: ProjectState = { stage: 'pilot', status: 'active' };
    expect(milestoneRefusal(active, { stage: 'pilot', status: 'open' }, 'complete')).toBeNull();
    expect(milestoneRefusal(active, { stage: 'pilot', status: 'done' }, 'complete')).toBe(
      'invalid_transition',
    );
    expect(milestoneRefusal(active, { stage: 'pilot', status: 'done' }, 'reopen')).toBeNull();
    expect(milestoneRefusal(active, { stage: 'pilot', status: 'open' }, 'reopen')).toBe('invalid_transition');
    expect(milestoneRefusal(active, { stage: 'rd', status: 'done' }, 'reopen')).toBe('stage_passed');
    expect(milestoneRefusal(active, { stage: 'promotion', status: 'open' }, 'update')).toBeNull();
    expect(
      milestoneRefusal(
        { stage: 'pilot', status: 'suspended' },
        { stage: 'pilot', status: 'open' },
        'complete',
      ),
    ).toBe('not_active');
    expect(stageAccepted('rd', 'application')).toBe(false);
    expect(stageAccepted('rd', 'closed')).toBe(false);
    expect(stageAccepted('rd', 'pilot')).toBe(true);
  });

  it('is overdue when its due date is before today and it is not done', () => {
    expect(isMilestoneOverdue({ dueDate: '2026-11-27', status: 'open' }, '2026-11-28')).toBe(true);
    expect(isMilestoneOverdue({ dueDate: '2026-11-28', status: 'open' }, '2026-11-28')).toBe(false);
    expect(isMilestoneOverdue({ dueDate: '2026-11-27', status: 'done' }, '2026-11-28')).toBe(false);
    expect(isMilestoneOverdue({ dueDate: null, status: 'open' }, '2026-11-28')).toBe(false);
  });
});

describe('tasks', () => {
  it('is overdue exactly when due before today and neither done nor cancelled', () => {
    const day = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.option(day, { nil: null }),
        fc.constantFrom(...TASK_STATUSES),
        day,
        (dueDate, st, today) => {
          const overdue = isTaskOverdue({ dueDate, status: st }, today);
          expect(overdue).toBe(dueDate !== null && dueDate < today && st !== 'done' && st !== 'cancelled');
        },
      ),
    );
    expect(isTaskOverdue({ dueDate: '2026-11-27', status: 'in_progress' }, '2026-11-28')).toBe(true);
    expect(isTaskOverdue({ dueDate: '2026-11-28', status: 'open' }, '2026-11-28')).toBe(false);
  });

  it('moves between statuses as the board allows, never to itself', () => {
    for (const from of TASK_STATUSES) {
      expect(taskMoves(from)).not.toContain(from);
      for (const to of taskMoves(from)) expect(canMoveTask(from, to)).toBe(true);
    }
    expect(canMoveTask('done', 'in_progress')).toBe(false);
    expect(canMoveTask('cancelled', 'open')).toBe(true);
  });
});

describe('parties', () => {
  it('follow the consortium’s active members, keeping the lead', () => {
    const org = fc.constantFrom<string>('L', 'A', 'B', 'C', 'D');
    fc.assert(
      fc.property(fc.uniqueArray(org), fc.uniqueArray(org), (parties, members) => {
        const change = partyChanges({ parties, activeMembers: members, lead: 'L' });
        const after = new Set([...parties.filter((p) => !change.remove.includes(p)), ...change.add]);
        for (const m of members) expect(after.has(m)).toBe(true);
        for (const p of after) expect(members.includes(p) || p === 'L').toBe(true);
      }),
    );
  });

  it('counts a contribution for the lead when the user belongs to it, else the first party', () => {
    expect(actingParty(['B', 'L'], 'L')).toBe('L');
    expect(actingParty(['C', 'B'], 'L')).toBe('B');
    expect(actingParty([], 'L')).toBeNull();
  });
});
