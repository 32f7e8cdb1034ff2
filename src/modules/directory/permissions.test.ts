import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  type Actor,
  type OrganizationRole,
  type PlatformRole,
} from '../../platform/auth/actor.js';
import {
  canRequestNda,
  canSeeNdaRequest,
  canViewDetails,
  ndaRequestPermissions,
  ndaStanding,
  postRefusal,
  recordPermissions,
  type Viewer,
} from './permissions.js';
import { NeedListItemSchema, VISIBILITY_TIERS, type NeedDetails, type VisibilityTier } from './schemas.js';

const OWNER = 'org-owner';
const PARTY = 'org-party';
const OTHER = 'org-other';
const UNVERIFIED = 'org-unverified';
const VERIFIED = new Set([OWNER, PARTY, OTHER]);

function user(memberships: Record<string, OrganizationRole> = {}, platformRoles: PlatformRole[] = []): Actor {
  return {
    kind: 'user',
    userId: 'u',
    sessionId: 's',
    csrfToken: 'c',
    platformRoles: new Set(platformRoles),
    memberships: new Map(Object.entries(memberships)),
  };
}

function viewerOf(actor: Actor): Viewer {
  const ids = actor.kind === 'user' ? [...actor.memberships.keys()] : [];
  return { actor, verifiedOrganizationIds: new Set(ids.filter((id) => VERIFIED.has(id))) };
}

const VIEWERS = {
  anonymous: viewerOf(ANONYMOUS),
  signedInWithoutOrganisation: viewerOf(user()),
  unverifiedMember: viewerOf(user({ [UNVERIFIED]: 'admin' })),
  clusterOffice: viewerOf(user({}, ['cluster_office', 'auditor'])),
  verifiedOutsider: viewerOf(user({ [OTHER]: 'member' })),
  party: viewerOf(user({ [PARTY]: 'member' })),
  ownerMember: viewerOf(user({ [OWNER]: 'member' })),
} as const;
type ViewerName = keyof typeof VIEWERS;

/** Who sees the details of each tier: the product's rule, written out in full. */
const EXPECTED: Readonly<Record<VisibilityTier, readonly ViewerName[]>> = {
  public: Object.keys(VIEWERS) as ViewerName[],
  registered: ['verifiedOutsider', 'party', 'ownerMember'],
  parties: ['party', 'ownerMember'],
};

describe('who sees the details of a tiered record', () => {
  for (const tier of VISIBILITY_TIERS) {
    it(`shows ${tier} details to ${EXPECTED[tier].join(', ')} only`, () => {
      const shown = (Object.keys(VIEWERS) as ViewerName[]).filter((name) =>
        canViewDetails(VIEWERS[name], { ownerOrganizationId: OWNER, visibility: tier }, new Set([PARTY])),
      );
      expect(shown).toEqual(EXPECTED[tier]);
    });
  }

  it('admits a party only through a verified organisation of the caller', () => {
    const viewer: Viewer = { actor: user({ [PARTY]: 'member' }), verifiedOrganizationIds: new Set() };
    expect(
      canViewDetails(viewer, { ownerOrganizationId: OWNER, visibility: 'parties' }, new Set([PARTY])),
    ).toBe(false);
  });
});

describe('posting', () => {
  const owner = { id: OWNER, kind: 'enterprise' as const, verificationStatus: 'verified' };

  it('lets any member of a verified organisation of a fitting kind post', () => {
    expect(postRefusal(user({ [OWNER]: 'member' }), owner, 'need')).toBeNull();
    expect(postRefusal(user({ [OWNER]: 'admin' }), owner, 'capability')).toBeNull();
  });

  it('refuses outsiders first, then unverified owners, then unfitting kinds', () => {
    expect(postRefusal(user({}, ['cluster_office']), owner, 'need')).toBe('not_member');
    expect(postRefusal(ANONYMOUS, owner, 'need')).toBe('not_member');
    expect(
      postRefusal(user({ [OWNER]: 'admin' }), { ...owner, verificationStatus: 'unverified' }, 'need'),
    ).toBe('unverified');
    expect(postRefusal(user({ [OWNER]: 'admin' }), owner, 'achievement')).toBe('kind_not_allowed');
  });
});

describe('NDA requests', () => {
  const parties = { ownerOrganizationId: OWNER, visibility: 'parties' as const, isClosed: false };

  it('lets a verified outsider ask for a parties record, but not the owner, the unverified or for other tiers', () => {
    expect(canRequestNda(VIEWERS.verifiedOutsider, parties, [])).toBe(true);
    expect(canRequestNda(VIEWERS.ownerMember, parties, [])).toBe(false);
    expect(canRequestNda(VIEWERS.unverifiedMember, parties, [])).toBe(false);
    expect(canRequestNda(VIEWERS.clusterOffice, parties, [])).toBe(false);
    expect(canRequestNda(VIEWERS.anonymous, parties, [])).toBe(false);
    expect(canRequestNda(VIEWERS.verifiedOutsider, { ...parties, visibility: 'registered' }, [])).toBe(false);
    expect(canRequestNda(VIEWERS.verifiedOutsider, { ...parties, isClosed: true }, [])).toBe(false);
  });

  it('does not let an organisation ask twice while waiting or once admitted, but again after a refusal', () => {
    const asked = (status: 'pending' | 'accepted' | 'declined') => [
      { requesterOrganizationId: OTHER, status },
    ];
    expect(canRequestNda(VIEWERS.verifiedOutsider, parties, asked('pending'))).toBe(false);
    expect(canRequestNda(VIEWERS.verifiedOutsider, parties, asked('accepted'))).toBe(false);
    expect(canRequestNda(VIEWERS.verifiedOutsider, parties, asked('declined'))).toBe(true);
    expect(ndaStanding(VIEWERS.verifiedOutsider, asked('pending'))).toBe('pending');
    expect(ndaStanding(VIEWERS.verifiedOutsider, [...asked('declined'), ...asked('accepted')])).toBe(
      'accepted',
    );
    expect(ndaStanding(VIEWERS.party, asked('accepted'))).toBe('none');
  });

  it('shows a request to the owner admins and the requester members; only owner admins decide, while pending', () => {
    const request = {
      ownerOrganizationId: OWNER,
      requesterOrganizationId: OTHER,
      status: 'pending' as const,
    };
    expect(canSeeNdaRequest(user({ [OWNER]: 'admin' }), request)).toBe(true);
    expect(canSeeNdaRequest(user({ [OWNER]: 'member' }), request)).toBe(false);
    expect(canSeeNdaRequest(user({ [OTHER]: 'member' }), request)).toBe(true);
    expect(canSeeNdaRequest(user({}, ['cluster_office']), request)).toBe(false);
    expect(ndaRequestPermissions(user({ [OWNER]: 'admin' }), request)).toEqual({
      accept: true,
      decline: true,
    });
    expect(ndaRequestPermissions(user({ [OTHER]: 'admin' }), request)).toEqual({
      accept: false,
      decline: false,
    });
    expect(ndaRequestPermissions(user({ [OWNER]: 'admin' }), { ...request, status: 'accepted' })).toEqual({
      accept: false,
      decline: false,
    });
  });
});

describe('record permissions', () => {
  it("lets the owner's members edit and move an open record, and nobody change a closed one", () => {
    const open = { ownerOrganizationId: OWNER, visibility: 'public' as const, isClosed: false };
    expect(recordPermissions(VIEWERS.ownerMember, open, ['in_talks', 'closed'], [])).toEqual({
      update: true,
      changeStatus: true,
      close: true,
      nextStatuses: ['in_talks', 'closed'],
      requestNda: false,
    });
    expect(recordPermissions(VIEWERS.ownerMember, { ...open, isClosed: true }, [], [])).toEqual({
      update: false,
      changeStatus: false,
      close: false,
      nextStatuses: [],
      requestNda: false,
    });
    expect(recordPermissions(VIEWERS.clusterOffice, open, ['closed'], []).update).toBe(false);
  });
});

describe('the teaser contract', () => {
  it('drops every hidden field from a teaser when the response is serialised', () => {
    const details: NeedDetails = {
      id: 'n1',
      owner: { id: OWNER, kind: 'enterprise', nameZh: '甲', nameEn: 'A' },
      title: 'Title',
      publicKeywords: ['public'],
      cluster: null,
      visibility: 'parties',
      ndaTerms: '',
      isDemo: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
      cooperationModes: ['joint_rd'],
      deadline: null,
      status: 'open',
      description: 'SECRET description',
      keywords: ['SECRET keyword'],
      budgetMinFen: 123_456_789,
      budgetMaxFen: null,
      currency: 'CNY',
      detailsHidden: false,
    };
    // A service that forgot to strip the details but marked the record hidden still leaks nothing.
    const encoded = JSON.stringify(NeedListItemSchema.encode({ ...details, detailsHidden: true }));
    expect(encoded).not.toContain('SECRET');
    expect(encoded).not.toContain('123456789');
    expect(JSON.parse(encoded)).toMatchObject({
      detailsHidden: true,
      title: 'Title',
      publicKeywords: ['public'],
    });
  });
});
