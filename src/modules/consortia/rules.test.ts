import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDesignation,
  applyMemberAction,
  canInvite,
  DEFAULT_LEAD_POLICY,
  designationReadiness,
  DESIGNATION_STATUSES,
  exitRefusal,
  frozenRefusal,
  hasExactlyOneLead,
  INVITABLE_ROLES,
  leadRefusal,
  MEMBER_ACTIONS,
  MEMBER_STATUSES,
  policyProblem,
  statusAfterDesignation,
  type CharterExitRule,
  type MemberState,
} from './rules.js';
import { ORGANIZATION_KINDS, SIZE_CLASSES } from '../organizations/schemas.js';

describe('the lead policy', () => {
  it('lets a verified leading or large enterprise lead by default, and nobody else', () => {
    const policy = DEFAULT_LEAD_POLICY;
    expect(leadRefusal(policy, { kind: 'enterprise', sizeClass: 'leading', verified: true })).toBeNull();
    expect(leadRefusal(policy, { kind: 'enterprise', sizeClass: 'large', verified: true })).toBeNull();
    expect(leadRefusal(policy, { kind: 'enterprise', sizeClass: 'medium', verified: true })).toBe(
      'not_eligible',
    );
    expect(leadRefusal(policy, { kind: 'enterprise', sizeClass: null, verified: true })).toBe('not_eligible');
    expect(leadRefusal(policy, { kind: 'university', sizeClass: null, verified: true })).toBe('not_eligible');
    expect(leadRefusal(policy, { kind: 'enterprise', sizeClass: 'leading', verified: false })).toBe(
      'unverified',
    );
  });

  it('lets the cluster office open leadership to other kinds, which need no size class', () => {
    const policy = { ...DEFAULT_LEAD_POLICY, leadKinds: ['enterprise', 'research_institute'] as const };
    expect(leadRefusal(policy, { kind: 'research_institute', sizeClass: null, verified: true })).toBeNull();
    expect(leadRefusal(policy, { kind: 'enterprise', sizeClass: 'small', verified: true })).toBe(
      'not_eligible',
    );
  });

  it('never lets an unverified organisation or a kind outside the policy lead', () => {
    fc.assert(
      fc.property(
        fc.subarray([...ORGANIZATION_KINDS], { minLength: 1 }),
        fc.subarray([...SIZE_CLASSES]),
        fc.constantFrom(...ORGANIZATION_KINDS),
        fc.option(fc.constantFrom(...SIZE_CLASSES), { nil: null }),
        fc.boolean(),
        (kinds, sizes, kind, sizeClass, verified) => {
          const policy = { ...DEFAULT_LEAD_POLICY, leadKinds: kinds, leadSizeClasses: sizes };
          const refusal = leadRefusal(policy, { kind, sizeClass, verified });
          if (!verified || !kinds.includes(kind)) expect(refusal).not.toBeNull();
          if (refusal === null && kind === 'enterprise') expect(sizes).toContain(sizeClass);
        },
      ),
    );
  });

  it('needs size classes whenever enterprises may lead', () => {
    expect(policyProblem({ ...DEFAULT_LEAD_POLICY, leadSizeClasses: [] })).toBe('size_classes_required');
    expect(
      policyProblem({ ...DEFAULT_LEAD_POLICY, leadKinds: ['university'], leadSizeClasses: [] }),
    ).toBeNull();
    expect(policyProblem(DEFAULT_LEAD_POLICY)).toBeNull();
  });
});

describe('memberships', () => {
  const invited: MemberState = { status: 'invited', role: 'core' };
  const active: MemberState = { status: 'active', role: 'member' };
  const lead: MemberState = { status: 'active', role: 'lead' };

  it('moves an invitation to active, declined or withdrawn, once', () => {
    expect(applyMemberAction(invited, 'accept')).toEqual({
      ok: true,
      state: { ...invited, status: 'active' },
    });
    expect(applyMemberAction(invited, 'decline')).toMatchObject({ ok: true, state: { status: 'declined' } });
    expect(applyMemberAction(invited, 'withdraw')).toMatchObject({
      ok: true,
      state: { status: 'withdrawn' },
    });
    expect(applyMemberAction(active, 'accept')).toEqual({ ok: false, refusal: 'invitation_not_pending' });
    expect(applyMemberAction({ ...invited, status: 'declined' }, 'withdraw')).toEqual({
      ok: false,
      refusal: 'invitation_not_pending',
    });
  });

  it('lets an active member leave or be removed, and changes its role', () => {
    expect(applyMemberAction(active, 'leave')).toMatchObject({ ok: true, state: { status: 'left' } });
    expect(applyMemberAction(active, 'remove')).toMatchObject({ ok: true, state: { status: 'removed' } });
    expect(applyMemberAction(active, 'change', { role: 'supporting' })).toEqual({
      ok: true,
      state: { status: 'active', role: 'supporting' },
    });
    expect(applyMemberAction(invited, 'leave')).toEqual({ ok: false, refusal: 'member_not_active' });
    expect(applyMemberAction(invited, 'change', { role: 'member' })).toEqual({
      ok: false,
      refusal: 'member_not_active',
    });
  });

  it('keeps the lead: it does not leave, is not removed, and no one else becomes lead', () => {
    expect(applyMemberAction(lead, 'leave')).toEqual({ ok: false, refusal: 'lead_fixed' });
    expect(applyMemberAction(lead, 'remove')).toEqual({ ok: false, refusal: 'lead_fixed' });
    expect(applyMemberAction(lead, 'change', { role: 'core' })).toEqual({ ok: false, refusal: 'lead_fixed' });
    expect(applyMemberAction(active, 'change', { role: 'lead' })).toEqual({
      ok: false,
      refusal: 'lead_fixed',
    });
  });

  it('lets members exit freely without a charter, and only as its exit rule allows with one', () => {
    const strict: CharterExitRule = { permits: (exit) => exit.kind === 'remove' };
    expect(exitRefusal(null, { organizationId: 'o', role: 'member', kind: 'leave' })).toBeNull();
    expect(applyMemberAction(active, 'leave', { exitRule: strict })).toEqual({
      ok: false,
      refusal: 'exit_not_allowed',
    });
    expect(applyMemberAction(active, 'remove', { exitRule: strict })).toMatchObject({ ok: true });
  });

  it('invites an organisation again only once its membership ended', () => {
    expect(canInvite(null)).toBe(true);
    expect(canInvite(invited)).toBe(false);
    expect(canInvite(active)).toBe(false);
    for (const status of ['declined', 'withdrawn', 'left', 'removed'] as const)
      expect(canInvite({ status, role: 'core' })).toBe(true);
  });

  it('keeps exactly one active lead whatever steps are taken in whatever order', () => {
    const step = fc.record({
      index: fc.nat(),
      action: fc.constantFrom(...MEMBER_ACTIONS),
      role: fc.constantFrom(...INVITABLE_ROLES, 'lead' as const),
    });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...MEMBER_STATUSES), { maxLength: 6 }),
        fc.array(step, { maxLength: 40 }),
        (statuses, steps) => {
          const members: MemberState[] = [
            lead,
            ...statuses.map((status) => ({ status, role: 'core' as const })),
          ];
          for (const { index, action, role } of steps) {
            const at = index % members.length;
            const outcome = applyMemberAction(members[at] as MemberState, action, { role });
            if (outcome.ok) members[at] = outcome.state;
          }
          expect(hasExactlyOneLead(members)).toBe(true);
        },
      ),
    );
  });
});

describe('the consortium under review', () => {
  it('freezes information and membership while submitted, but lets an invited organisation decline', () => {
    const review = { status: 'forming' as const, designationStatus: 'submitted' as const };
    for (const change of ['update', 'invite', ...MEMBER_ACTIONS] as const)
      expect(frozenRefusal(review, change)).toBe(change === 'decline' ? null : 'under_review');
    expect(frozenRefusal({ status: 'forming', designationStatus: 'returned' }, 'invite')).toBeNull();
    expect(frozenRefusal({ status: 'dissolved', designationStatus: 'approved' }, 'decline')).toBe(
      'dissolved',
    );
  });
});

describe('designation', () => {
  it('goes draft → submitted → returned → submitted → approved, and the consortium becomes active', () => {
    expect(applyDesignation('draft', 'submit')).toBe('submitted');
    expect(applyDesignation('submitted', 'return')).toBe('returned');
    expect(applyDesignation('returned', 'submit')).toBe('submitted');
    expect(applyDesignation('submitted', 'approve')).toBe('approved');
    expect(statusAfterDesignation('forming', 'approved')).toBe('active');
    expect(statusAfterDesignation('forming', 'returned')).toBe('forming');
  });

  it('refuses every other step', () => {
    const allowed = new Set(['draft:submit', 'returned:submit', 'submitted:approve', 'submitted:return']);
    for (const status of DESIGNATION_STATUSES)
      for (const action of ['submit', 'approve', 'return'] as const)
        expect(applyDesignation(status, action) !== null, `${status}:${action}`).toBe(
          allowed.has(`${status}:${action}`),
        );
  });

  it('needs enough active members and, by default, one from the knowledge side', () => {
    const policy = DEFAULT_LEAD_POLICY;
    const lead = { status: 'active' as const, kind: 'enterprise' as const };
    const university = { status: 'active' as const, kind: 'university' as const };
    const supplier = { status: 'active' as const, kind: 'enterprise' as const };
    expect(designationReadiness(policy, [lead, university]).refusal).toBe('too_few_members');
    expect(designationReadiness(policy, [lead, university, { ...supplier, status: 'invited' }]).refusal).toBe(
      'too_few_members',
    );
    expect(designationReadiness(policy, [lead, supplier, supplier]).refusal).toBe(
      'knowledge_member_required',
    );
    expect(designationReadiness(policy, [lead, supplier, university])).toEqual({
      refusal: null,
      activeMembers: 3,
      knowledgeMembers: 1,
    });
    expect(
      designationReadiness({ ...policy, requireKnowledgeMember: false }, [lead, supplier, supplier]).refusal,
    ).toBeNull();
  });
});
