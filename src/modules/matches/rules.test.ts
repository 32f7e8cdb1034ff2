import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAction,
  availableActions,
  awaits,
  declinedOrganizations,
  initialState,
  isOpen,
  MATCH_ACTIONS,
  MATCH_SIDES,
  needStatusAfter,
  providerOrganizationOf,
  type MatchState,
} from './rules.js';

function run(
  state: MatchState,
  steps: [side: 'seeker' | 'provider', action: (typeof MATCH_ACTIONS)[number]][],
) {
  let current = state;
  for (const [side, action] of steps) {
    const outcome = applyAction(current, side, action, { reason: 'timing' });
    if (!outcome.ok) throw new Error(`${side} ${action}: ${outcome.refusal}`);
    current = outcome.state;
  }
  return current;
}

describe('the match pipeline', () => {
  it('goes from a shortlist through contact, talks and a two-sided agreement to a conversion', () => {
    const agreedOnce = run(initialState('suggested', 'seeker'), [
      ['seeker', 'contact'],
      ['provider', 'accept'],
      ['seeker', 'agree'],
    ]);
    expect(agreedOnce).toMatchObject({ status: 'in_talks', seekerAgreed: true, providerAgreed: false });
    const done = run(agreedOnce, [
      ['provider', 'agree'],
      ['seeker', 'convert'],
    ]);
    expect(done.status).toBe('converted');
  });

  it('lets only the contacted side accept a contact', () => {
    const contacted = initialState('contacted', 'provider');
    expect(applyAction(contacted, 'provider', 'accept')).toEqual({ ok: false, refusal: 'own_contact' });
    expect(applyAction(contacted, 'seeker', 'accept')).toMatchObject({
      ok: true,
      state: { status: 'in_talks' },
    });
  });

  it('refuses a second agreement from the same side', () => {
    const talks = run(initialState('contacted', 'seeker'), [
      ['provider', 'accept'],
      ['provider', 'agree'],
    ]);
    expect(applyAction(talks, 'provider', 'agree')).toEqual({ ok: false, refusal: 'already_agreed' });
  });

  it('needs a reason to decline, and declines from any open state', () => {
    const contacted = initialState('contacted', 'seeker');
    expect(applyAction(contacted, 'provider', 'decline')).toEqual({ ok: false, refusal: 'reason_required' });
    for (const status of ['suggested', 'contacted', 'in_talks', 'agreed'] as const)
      expect(applyAction({ ...contacted, status }, 'seeker', 'decline', { reason: 'budget' })).toMatchObject({
        ok: true,
        state: { status: 'declined' },
      });
  });

  it('converts only an agreed pair', () => {
    expect(applyAction(initialState('contacted', 'seeker'), 'seeker', 'convert')).toEqual({
      ok: false,
      refusal: 'invalid_transition',
    });
  });

  it('offers exactly the actions that succeed, and none once a pair is converted or declined', () => {
    const state = fc.record({
      status: fc.constantFrom(
        'suggested',
        'contacted',
        'in_talks',
        'agreed',
        'converted',
        'declined' as const,
      ),
      contactedBy: fc.constantFrom('seeker', 'provider', null),
      seekerAgreed: fc.boolean(),
      providerAgreed: fc.boolean(),
    }) as fc.Arbitrary<MatchState>;
    fc.assert(
      fc.property(state, fc.constantFrom(...MATCH_SIDES), (s, side) => {
        const offered = availableActions(s, side);
        for (const action of MATCH_ACTIONS)
          expect(offered.includes(action)).toBe(applyAction(s, side, action, { reason: 'other' }).ok);
        if (!isOpen(s.status)) expect(offered).toEqual([]);
      }),
    );
  });

  it('waits for the contacted side, for each side to agree, and for a conversion', () => {
    const contacted = initialState('contacted', 'seeker');
    expect(awaits(contacted, 'provider')).toBe(true);
    expect(awaits(contacted, 'seeker')).toBe(false);
    expect(awaits(initialState('suggested', 'seeker'), 'seeker')).toBe(false);
    const talks = { ...contacted, status: 'in_talks' as const, seekerAgreed: true };
    expect(awaits(talks, 'seeker')).toBe(false);
    expect(awaits(talks, 'provider')).toBe(true);
    expect(awaits({ ...talks, status: 'declined' }, 'provider')).toBe(false);
  });
});

describe('a need follows its pairs', () => {
  it('is in talks once a pair is, and matched once a pair agrees', () => {
    expect(needStatusAfter('open', 'in_talks')).toBe('in_talks');
    expect(needStatusAfter('open', 'agreed')).toBe('matched');
    expect(needStatusAfter('in_talks', 'agreed')).toBe('matched');
  });

  it('never moves back, and a closed need stays closed', () => {
    expect(needStatusAfter('in_talks', 'declined')).toBe('in_talks');
    expect(needStatusAfter('matched', 'in_talks')).toBe('matched');
    expect(needStatusAfter('closed', 'agreed')).toBe('closed');
    expect(needStatusAfter('open', 'contacted')).toBe('open');
  });
});

describe('ranking feedback and sides', () => {
  it('demotes the organisations a seeker declined or was declined by, and nobody else', () => {
    const declined = declinedOrganizations('me', [
      { seekerOrganizationId: 'me', providerOrganizationId: 'a', status: 'declined' },
      { seekerOrganizationId: 'b', providerOrganizationId: 'me', status: 'declined' },
      { seekerOrganizationId: 'me', providerOrganizationId: 'c', status: 'in_talks' },
      { seekerOrganizationId: 'x', providerOrganizationId: 'y', status: 'declined' },
    ]);
    expect([...declined].sort()).toEqual(['a', 'b']);
  });

  it('answers for an organisation itself and for a record or expert through its organisation', () => {
    expect(providerOrganizationOf({ type: 'organization', id: 'o1', ownerOrganizationId: 'o1' })).toBe('o1');
    expect(providerOrganizationOf({ type: 'achievement', id: 'a1', ownerOrganizationId: 'o2' })).toBe('o2');
  });
});
