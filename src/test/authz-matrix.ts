/**
 * The authorization matrix: for every API route, a request that is valid for it and which roles
 * the product lets through. `authz-matrix.test.ts` checks it against the server's own route table,
 * so a new route without an entry here fails the build. Add the entry with the route.
 */
import type { HTTPMethods } from 'fastify';
import { creditCodeCheckCharacter } from '../modules/organizations/rules.js';
import { hashPassword, insertUserInTransaction } from '../modules/identity/service.js';
import {
  insertClusterInTransaction,
  insertOrganizationInTransaction,
} from '../modules/organizations/service.js';
import {
  insertAchievementInTransaction,
  insertCapabilityInTransaction,
  insertExpertInTransaction,
  insertNeedInTransaction,
} from '../modules/directory/service.js';
import type { CreateOrganizationBody } from '../modules/organizations/schemas.js';
import type { PlatformRole } from '../platform/auth/actor.js';
import type { TestApp } from './app.js';

/** Who calls: nobody, platform roles without memberships, and people related to the target organisation. */
export const ROLES = [
  'anonymous',
  'outsider',
  'member',
  'orgAdmin',
  'clusterOffice',
  'auditor',
  'reviewer',
] as const;
export type Role = (typeof ROLES)[number];

/** Real rows of the prepared world that requests point at. */
export interface AuthzFixture {
  /** A verified organisation: `member` is a member and `orgAdmin` an admin of it. */
  organization: { id: string; version: number };
  /** An organisation awaiting verification, with the same member and admin. */
  unverifiedOrganization: { id: string; version: number };
  /** A plain member of both target organisations, whom the membership routes act on. */
  subject: { id: string; email: string };
  /** A registered user who belongs nowhere, to be added as a member. */
  newcomer: { email: string };
  /** Every fixture user's password. */
  password: string;
  /** Directory records of the target organisations, `parties`-tier so their details are restricted. */
  need: { id: string; version: number };
  capability: { id: string; version: number };
  /** A verified research institute that `member` and `orgAdmin` also belong to. */
  achievementOwner: { id: string };
  /** Owned by the research institute. */
  achievement: { id: string; version: number };
  expert: { id: string; version: number };
  /** A pending NDA request of the outsider's university for another need of the target. */
  ndaRequest: { id: string; version: number };
  /** A pair in the pipeline: the target's need and the outsider's university, which reached out. */
  match: { id: string; version: number };
  /** A verified leading enterprise (链主): `orgAdmin` is an admin, `member` a member. */
  consortiumLead: { id: string };
  /**
   * A forming consortium it leads: the target and the research institute are active members
   * (version of each membership given), the outsider's university is invited (version 1).
   */
  consortium: { id: string; version: number; targetVersion: number; instituteVersion: number };
  /** The outsider's university. */
  invitee: { id: string };
  /** A verified vocational college nobody belongs to, free to be invited. */
  partner: { id: string };
  /** Another consortium of the same lead and members, under review for designation. */
  submittedConsortium: { id: string; version: number };
  /** The forming consortium's charter: version 1, open for signature and not signed yet. */
  charter: { digest: string };
  /** The submitted consortium's charter: version 1, a sound draft (its content, for editing). */
  charterDraft: { version: number; content: Record<string, unknown> };
  /** The cluster office's notification of the submitted consortium's application (unread). */
  notification: { id: string };
  /**
   * A project of the chain leader (lead) and the research institute, for its communication log
   * and engagement monitor: a thread open and one closed (both started by the leader), minutes.
   */
  commProject: { id: string; openThread: string; closedThread: string; minutes: string };
  /**
   * Projects of the forming consortium (parties: the lead, the institute, the target), in the
   * application stage. `project`: nothing signed off; an rd milestone open (`milestone`) and one
   * done (`doneMilestone`), both the target's; a task assigned to the target, created by `orgAdmin`.
   * `signedProject`: the lead signed off, so its gate opens. `suspendedProject`: suspended.
   */
  project: {
    id: string;
    version: number;
    milestone: { id: string; version: number };
    doneMilestone: { id: string; version: number };
    task: { id: string; version: number };
  };
  signedProject: { id: string; version: number };
  suspendedProject: { id: string; version: number };
  /**
   * Outcomes: a project of a third consortium of the lead, the institute and the target whose charter
   * is effective (shares 5000/3000/2000), with a patent `outcome` owned by the three; `transfer`: the
   * lead's open offer of 1000 bp, unanswered; `waivedTransfer`: the institute's offer of 1000 bp that
   * the lead and the target waived (so a third party may have it).
   */
  outcomeProject: { id: string };
  outcome: { id: string };
  transfer: { id: string; version: number };
  waivedTransfer: { id: string; version: number };
}

/** A request valid for its route: the method comes from the matrix key. */
export interface MatrixRequest {
  url: string;
  payload?: Record<string, unknown>;
  /** A raw body (an uploaded file) and its media type, sent instead of a JSON payload. */
  file?: { body: string; contentType: string };
}

export interface MatrixEntry {
  request(fixture: AuthzFixture): MatrixRequest;
  allowed: Readonly<Record<Role, boolean>>;
}

function allow(...roles: Role[]): Record<Role, boolean> {
  return Object.fromEntries(ROLES.map((role) => [role, roles.includes(role)])) as Record<Role, boolean>;
}

const anyone = allow(...ROLES);
const signedIn = allow('outsider', 'member', 'orgAdmin', 'clusterOffice', 'auditor', 'reviewer');
const NEW_PASSWORD = 'a fresh and rather long passphrase';

/** `'METHOD /api/v1/path/:param'` → a valid request and who may make it (the product's rule). */
export const AUTHZ_MATRIX: Readonly<Record<string, MatrixEntry>> = {
  'GET /api/v1/meta': { request: () => ({ url: '/api/v1/meta' }), allowed: anyone },

  'POST /api/v1/auth/register': {
    request: () => ({
      url: '/api/v1/auth/register',
      payload: {
        email: 'newly.registered@example.com',
        password: NEW_PASSWORD,
        displayName: 'Newly Registered',
      },
    }),
    allowed: anyone,
  },
  'POST /api/v1/auth/login': {
    request: (f) => ({
      url: '/api/v1/auth/login',
      payload: { email: f.subject.email, password: f.password },
    }),
    allowed: anyone,
  },
  'POST /api/v1/auth/logout': { request: () => ({ url: '/api/v1/auth/logout' }), allowed: signedIn },
  'GET /api/v1/auth/session': { request: () => ({ url: '/api/v1/auth/session' }), allowed: signedIn },
  'PATCH /api/v1/auth/me': {
    request: () => ({ url: '/api/v1/auth/me', payload: { displayName: '改过的名字', locale: 'en' } }),
    allowed: signedIn,
  },
  'POST /api/v1/auth/password': {
    request: (f) => ({
      url: '/api/v1/auth/password',
      payload: { currentPassword: f.password, newPassword: NEW_PASSWORD },
    }),
    allowed: signedIn,
  },
  'GET /api/v1/users': { request: () => ({ url: '/api/v1/users?limit=5' }), allowed: allow('clusterOffice') },
  'PUT /api/v1/users/:id/platform-roles': {
    request: (f) => ({
      url: `/api/v1/users/${f.subject.id}/platform-roles`,
      payload: { roles: ['reviewer'] },
    }),
    allowed: allow('clusterOffice'),
  },

  'GET /api/v1/clusters': { request: () => ({ url: '/api/v1/clusters' }), allowed: anyone },
  'GET /api/v1/organizations': { request: () => ({ url: '/api/v1/organizations?limit=5' }), allowed: anyone },
  'GET /api/v1/search': {
    request: () => ({
      url: `/api/v1/search?q=${encodeURIComponent('纳米 materials')}&types=organization,need`,
    }),
    allowed: anyone,
  },
  'POST /api/v1/organizations': {
    request: () => ({
      url: '/api/v1/organizations',
      payload: { kind: 'research_institute', nameZh: '新登记研究所', nameEn: 'Newly Registered Institute' },
    }),
    allowed: signedIn,
  },
  'GET /api/v1/organizations/:id': {
    request: (f) => ({ url: `/api/v1/organizations/${f.organization.id}` }),
    allowed: anyone,
  },
  'PATCH /api/v1/organizations/:id': {
    request: (f) => ({
      url: `/api/v1/organizations/${f.organization.id}`,
      payload: { version: f.organization.version, descriptionEn: 'Edited description' },
    }),
    allowed: allow('orgAdmin', 'clusterOffice'),
  },
  'POST /api/v1/organizations/:id/verify': {
    request: (f) => ({
      url: `/api/v1/organizations/${f.unverifiedOrganization.id}/verify`,
      payload: { version: f.unverifiedOrganization.version },
    }),
    allowed: allow('clusterOffice'),
  },
  'GET /api/v1/organizations/:id/members': {
    request: (f) => ({ url: `/api/v1/organizations/${f.organization.id}/members` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice'),
  },
  'POST /api/v1/organizations/:id/members': {
    request: (f) => ({
      url: `/api/v1/organizations/${f.organization.id}/members`,
      payload: { email: f.newcomer.email, role: 'member' },
    }),
    allowed: allow('orgAdmin', 'clusterOffice'),
  },
  'PATCH /api/v1/organizations/:id/members/:userId': {
    request: (f) => ({
      url: `/api/v1/organizations/${f.organization.id}/members/${f.subject.id}`,
      payload: { role: 'admin' },
    }),
    allowed: allow('orgAdmin', 'clusterOffice'),
  },
  'DELETE /api/v1/organizations/:id/members/:userId': {
    request: (f) => ({ url: `/api/v1/organizations/${f.organization.id}/members/${f.subject.id}` }),
    allowed: allow('orgAdmin', 'clusterOffice'),
  },

  'GET /api/v1/needs': { request: () => ({ url: '/api/v1/needs?limit=5' }), allowed: anyone },
  'POST /api/v1/needs': {
    request: (f) => ({
      url: '/api/v1/needs',
      payload: {
        ownerOrganizationId: f.organization.id,
        title: '车规级芯片电源管理联合开发',
        description: '寻求高校团队联合开发车规级电源管理芯片。',
        cooperationModes: ['joint_rd'],
        visibility: 'registered',
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/needs/:id': { request: (f) => ({ url: `/api/v1/needs/${f.need.id}` }), allowed: anyone },
  'PATCH /api/v1/needs/:id': {
    request: (f) => ({
      url: `/api/v1/needs/${f.need.id}`,
      payload: { version: f.need.version, title: 'Edited need' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/needs/:id/status': {
    request: (f) => ({
      url: `/api/v1/needs/${f.need.id}/status`,
      payload: { version: f.need.version, status: 'in_talks' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/needs/:id/nda-requests': {
    request: (f) => ({
      url: `/api/v1/needs/${f.need.id}/nda-requests`,
      payload: { message: 'We would like to discuss this need.', acceptTerms: true },
    }),
    allowed: allow('outsider'),
  },

  'GET /api/v1/capabilities': {
    request: () => ({ url: '/api/v1/capabilities?limit=5' }),
    allowed: anyone,
  },
  'POST /api/v1/capabilities': {
    request: (f) => ({
      url: '/api/v1/capabilities',
      payload: {
        ownerOrganizationId: f.organization.id,
        title: 'Reliability testing of power modules',
        description: 'Thermal cycling and HTOL testing.',
        cooperationModes: ['consulting'],
        visibility: 'public',
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/capabilities/:id': {
    request: (f) => ({ url: `/api/v1/capabilities/${f.capability.id}` }),
    allowed: anyone,
  },
  'PATCH /api/v1/capabilities/:id': {
    request: (f) => ({
      url: `/api/v1/capabilities/${f.capability.id}`,
      payload: { version: f.capability.version, title: 'Edited capability' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/capabilities/:id/status': {
    request: (f) => ({
      url: `/api/v1/capabilities/${f.capability.id}/status`,
      payload: { version: f.capability.version, status: 'closed' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/capabilities/:id/nda-requests': {
    request: (f) => ({
      url: `/api/v1/capabilities/${f.capability.id}/nda-requests`,
      payload: { message: 'We would like to use this service.', acceptTerms: true },
    }),
    allowed: allow('outsider'),
  },

  'GET /api/v1/achievements': {
    request: () => ({ url: '/api/v1/achievements?limit=5&trlMin=3' }),
    allowed: anyone,
  },
  'POST /api/v1/achievements': {
    request: (f) => ({
      url: '/api/v1/achievements',
      payload: {
        ownerOrganizationId: f.achievementOwner.id,
        title: 'Low-temperature sintering of silver paste',
        description: 'A process for die attach at 200 °C.',
        kind: 'know_how',
        trl: 4,
        transferModes: ['licence'],
        visibility: 'parties',
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/achievements/:id': {
    request: (f) => ({ url: `/api/v1/achievements/${f.achievement.id}` }),
    allowed: anyone,
  },
  'PATCH /api/v1/achievements/:id': {
    request: (f) => ({
      url: `/api/v1/achievements/${f.achievement.id}`,
      payload: { version: f.achievement.version, trl: 6 },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/achievements/:id/status': {
    request: (f) => ({
      url: `/api/v1/achievements/${f.achievement.id}/status`,
      payload: { version: f.achievement.version, status: 'closed' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/achievements/:id/nda-requests': {
    request: (f) => ({
      url: `/api/v1/achievements/${f.achievement.id}/nda-requests`,
      payload: { message: 'We would like to license this result.', acceptTerms: true },
    }),
    allowed: allow('outsider'),
  },

  'GET /api/v1/experts': { request: () => ({ url: '/api/v1/experts?limit=5' }), allowed: anyone },
  'POST /api/v1/experts': {
    request: (f) => ({
      url: '/api/v1/experts',
      payload: { organizationId: f.organization.id, nameZh: '新专家', orcid: '0000-0002-1825-0097' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/experts/:id': { request: (f) => ({ url: `/api/v1/experts/${f.expert.id}` }), allowed: anyone },
  'PATCH /api/v1/experts/:id': {
    request: (f) => ({
      url: `/api/v1/experts/${f.expert.id}`,
      payload: { version: f.expert.version, title: 'Senior engineer' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/experts/:id/status': {
    request: (f) => ({
      url: `/api/v1/experts/${f.expert.id}/status`,
      payload: { version: f.expert.version, status: 'closed' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },

  'GET /api/v1/organizations/:id/directory': {
    request: (f) => ({ url: `/api/v1/organizations/${f.organization.id}/directory` }),
    allowed: anyone,
  },
  'GET /api/v1/nda-requests': {
    request: () => ({ url: '/api/v1/nda-requests?direction=incoming' }),
    allowed: signedIn,
  },
  'POST /api/v1/nda-requests/:id/accept': {
    request: (f) => ({
      url: `/api/v1/nda-requests/${f.ndaRequest.id}/accept`,
      payload: { version: f.ndaRequest.version },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/nda-requests/:id/decline': {
    request: (f) => ({
      url: `/api/v1/nda-requests/${f.ndaRequest.id}/decline`,
      payload: { version: f.ndaRequest.version, reason: 'Not a fit for us' },
    }),
    allowed: allow('orgAdmin'),
  },

  'GET /api/v1/needs/:id/matches': {
    request: (f) => ({ url: `/api/v1/needs/${f.need.id}/matches?type=achievement` }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/capabilities/:id/matches': {
    request: (f) => ({ url: `/api/v1/capabilities/${f.capability.id}/matches` }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/achievements/:id/matches': {
    request: (f) => ({ url: `/api/v1/achievements/${f.achievement.id}/matches` }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/matches': { request: () => ({ url: '/api/v1/matches' }), allowed: signedIn },
  'POST /api/v1/matches': {
    request: (f) => ({
      url: '/api/v1/matches',
      payload: { needId: f.need.id, counterpartType: 'achievement', counterpartId: f.achievement.id },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/matches/:id': {
    request: (f) => ({ url: `/api/v1/matches/${f.match.id}` }),
    allowed: allow('outsider', 'member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/matches/:id/actions': {
    request: (f) => ({
      url: `/api/v1/matches/${f.match.id}/actions`,
      payload: { action: 'decline', version: f.match.version, reason: 'timing' },
    }),
    allowed: allow('outsider', 'member', 'orgAdmin'),
  },

  'GET /api/v1/consortia': { request: () => ({ url: '/api/v1/consortia' }), allowed: anyone },
  'POST /api/v1/consortia': {
    request: (f) => ({
      url: '/api/v1/consortia',
      payload: {
        leadOrganizationId: f.consortiumLead.id,
        nameZh: '新组建的创新联合体',
        nameEn: 'A newly formed consortium',
        cluster: 'matrix-cluster',
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/consortia/invitations': {
    request: () => ({ url: '/api/v1/consortia/invitations' }),
    allowed: signedIn,
  },
  'GET /api/v1/consortia/policy': { request: () => ({ url: '/api/v1/consortia/policy' }), allowed: signedIn },
  'PUT /api/v1/consortia/policy': {
    request: () => ({
      url: '/api/v1/consortia/policy',
      payload: {
        version: 1,
        leadKinds: ['enterprise'],
        leadSizeClasses: ['leading', 'large', 'medium'],
        minActiveMembers: 3,
        requireKnowledgeMember: true,
      },
    }),
    allowed: allow('clusterOffice'),
  },
  'GET /api/v1/consortia/:id': {
    request: (f) => ({ url: `/api/v1/consortia/${f.consortium.id}` }),
    allowed: allow('outsider', 'member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'PATCH /api/v1/consortia/:id': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}`,
      payload: { version: f.consortium.version, summary: 'Edited summary' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/members': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/members`,
      payload: { organizationId: f.partner.id, role: 'supporting', chainPosition: 'upstream' },
    }),
    allowed: allow('orgAdmin'),
  },
  'PATCH /api/v1/consortia/:id/members/:organizationId': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/members/${f.achievementOwner.id}`,
      payload: { version: f.consortium.instituteVersion, role: 'supporting' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/members/:organizationId/accept': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/members/${f.invitee.id}/accept`,
      payload: { version: 1 },
    }),
    allowed: allow('outsider'),
  },
  'POST /api/v1/consortia/:id/members/:organizationId/decline': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/members/${f.invitee.id}/decline`,
      payload: { version: 1, note: 'Not this year' },
    }),
    allowed: allow('outsider'),
  },
  'POST /api/v1/consortia/:id/members/:organizationId/withdraw': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/members/${f.invitee.id}/withdraw`,
      payload: { version: 1 },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/members/:organizationId/remove': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/members/${f.organization.id}/remove`,
      payload: { version: f.consortium.targetVersion },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/members/:organizationId/leave': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/members/${f.achievementOwner.id}/leave`,
      payload: { version: f.consortium.instituteVersion },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/designation/submit': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/designation/submit`,
      payload: { version: f.consortium.version },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/designation/approve': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.submittedConsortium.id}/designation/approve`,
      payload: { version: f.submittedConsortium.version },
    }),
    allowed: allow('clusterOffice'),
  },
  'POST /api/v1/consortia/:id/designation/return': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.submittedConsortium.id}/designation/return`,
      payload: { version: f.submittedConsortium.version, comments: 'Add the IP arrangements' },
    }),
    allowed: allow('clusterOffice'),
  },

  'GET /api/v1/consortia/:id/charter': {
    request: (f) => ({ url: `/api/v1/consortia/${f.consortium.id}/charter` }),
    allowed: allow('outsider', 'member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'GET /api/v1/consortia/:id/charter/versions': {
    request: (f) => ({ url: `/api/v1/consortia/${f.consortium.id}/charter/versions` }),
    allowed: allow('outsider', 'member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/consortia/:id/charter/versions': {
    request: (f) => ({ url: `/api/v1/consortia/${f.consortium.id}/charter/versions`, payload: {} }),
    allowed: allow('orgAdmin'),
  },
  'GET /api/v1/consortia/:id/charter/versions/:number': {
    request: (f) => ({ url: `/api/v1/consortia/${f.consortium.id}/charter/versions/1` }),
    allowed: allow('outsider', 'member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'PUT /api/v1/consortia/:id/charter/versions/:number': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.submittedConsortium.id}/charter/versions/1`,
      payload: { version: f.charterDraft.version, content: f.charterDraft.content },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/charter/versions/:number/open': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.submittedConsortium.id}/charter/versions/1/open`,
      payload: { version: f.charterDraft.version },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/consortia/:id/charter/versions/:number/sign': {
    request: (f) => ({
      url: `/api/v1/consortia/${f.consortium.id}/charter/versions/1/sign`,
      payload: { organizationId: f.organization.id, digest: f.charter.digest },
    }),
    allowed: allow('orgAdmin'),
  },
  'GET /api/v1/consortia/:id/charter/diff': {
    request: (f) => ({ url: `/api/v1/consortia/${f.consortium.id}/charter/diff?from=1&to=1` }),
    allowed: allow('outsider', 'member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },

  // Projects: parties' members see; the lead's admins run it; responsible parties complete milestones.
  'GET /api/v1/projects': { request: () => ({ url: '/api/v1/projects' }), allowed: signedIn },
  'POST /api/v1/projects': {
    request: (f) => ({
      url: '/api/v1/projects',
      payload: { consortiumId: f.consortium.id, title: 'Matrix project two' },
    }),
    allowed: allow('orgAdmin'),
  },
  'GET /api/v1/projects/:id': {
    request: (f) => ({ url: `/api/v1/projects/${f.project.id}` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'PATCH /api/v1/projects/:id': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}`,
      payload: { version: f.project.version, title: 'Matrix project renamed' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/projects/:id/advance': {
    request: (f) => ({
      url: `/api/v1/projects/${f.signedProject.id}/advance`,
      payload: { version: f.signedProject.version },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/projects/:id/suspend': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/suspend`,
      payload: { version: f.project.version, reason: 'Matrix pause' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/projects/:id/resume': {
    request: (f) => ({
      url: `/api/v1/projects/${f.suspendedProject.id}/resume`,
      payload: { version: f.suspendedProject.version },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/projects/:id/terminate': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/terminate`,
      payload: { version: f.project.version, reason: 'Matrix stop' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/projects/:id/milestones': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/milestones`,
      payload: { title: 'Matrix milestone two', responsibleOrganizationId: f.organization.id },
    }),
    allowed: allow('orgAdmin'),
  },
  'PATCH /api/v1/projects/:id/milestones/:milestoneId': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/milestones/${f.project.milestone.id}`,
      payload: { version: f.project.milestone.version, dueDate: '2031-01-01' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/projects/:id/milestones/:milestoneId/complete': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/milestones/${f.project.milestone.id}/complete`,
      payload: {
        version: f.project.milestone.version,
        evidenceKind: 'url',
        reference: 'https://example.com/report',
        note: 'Matrix evidence',
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/projects/:id/milestones/:milestoneId/reopen': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/milestones/${f.project.doneMilestone.id}/reopen`,
      payload: { version: f.project.doneMilestone.version, reason: 'Matrix redo' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/projects/:id/stages/:stage/signoffs': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/stages/application/signoffs`,
      payload: { organizationId: f.consortiumLead.id },
    }),
    allowed: allow('orgAdmin'),
  },
  'GET /api/v1/projects/:id/tasks': {
    request: (f) => ({ url: `/api/v1/projects/${f.project.id}/tasks` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/projects/:id/tasks': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/tasks`,
      payload: { title: 'Matrix task two', assigneeOrganizationId: f.organization.id },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'PATCH /api/v1/projects/:id/tasks/:taskId': {
    request: (f) => ({
      url: `/api/v1/projects/${f.project.id}/tasks/${f.project.task.id}`,
      payload: { version: f.project.task.version, status: 'in_progress' },
    }),
    allowed: allow('member', 'orgAdmin'),
  },

  'GET /api/v1/imports/templates/:kind': {
    request: () => ({ url: '/api/v1/imports/templates/needs?format=csv&lang=en' }),
    allowed: anyone,
  },
  'POST /api/v1/organizations/:id/imports/needs': {
    request: (f) => ({
      url: `/api/v1/organizations/${f.organization.id}/imports/needs`,
      file: {
        body: 'title,description,cooperationModes,visibility\r\n表格导入的需求,通过表格导入的需求描述,joint_rd,public\r\n',
        contentType: 'text/csv',
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/organizations/:id/imports/achievements': {
    request: (f) => ({
      url: `/api/v1/organizations/${f.achievementOwner.id}/imports/achievements`,
      file: {
        body: 'title,description,kind,trl,transferModes,visibility\r\n表格导入的成果,通过表格导入的成果描述,know_how,4,licence,registered\r\n',
        contentType: 'text/csv',
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },

  'GET /api/v1/projects/:id/threads': {
    request: (f) => ({ url: `/api/v1/projects/${f.commProject.id}/threads` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/projects/:id/threads': {
    request: (f) => ({
      url: `/api/v1/projects/${f.commProject.id}/threads`,
      payload: { subject: 'Matrix thread', body: 'Matrix question', organizationId: f.consortiumLead.id },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/projects/:id/threads/:threadId': {
    request: (f) => ({ url: `/api/v1/projects/${f.commProject.id}/threads/${f.commProject.openThread}` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/projects/:id/threads/:threadId/posts': {
    request: (f) => ({
      url: `/api/v1/projects/${f.commProject.id}/threads/${f.commProject.openThread}/posts`,
      payload: { body: 'Matrix answer', organizationId: f.consortiumLead.id },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/projects/:id/threads/:threadId/close': {
    request: (f) => ({
      url: `/api/v1/projects/${f.commProject.id}/threads/${f.commProject.openThread}/close`,
      payload: { version: 1 },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'POST /api/v1/projects/:id/threads/:threadId/reopen': {
    request: (f) => ({
      url: `/api/v1/projects/${f.commProject.id}/threads/${f.commProject.closedThread}/reopen`,
      payload: { version: 2 },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/projects/:id/minutes': {
    request: (f) => ({ url: `/api/v1/projects/${f.commProject.id}/minutes` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/projects/:id/minutes': {
    request: (f) => ({
      url: `/api/v1/projects/${f.commProject.id}/minutes`,
      payload: {
        title: 'Matrix meeting',
        meetingDate: '2026-11-20',
        attendees: [{ organizationId: f.consortiumLead.id }],
        decisions: ['Matrix decision'],
        actionItems: [{ description: 'Matrix action', assigneeOrganizationId: f.achievementOwner.id }],
        organizationId: f.consortiumLead.id,
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/projects/:id/minutes/:minutesId': {
    request: (f) => ({ url: `/api/v1/projects/${f.commProject.id}/minutes/${f.commProject.minutes}` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'GET /api/v1/projects/:id/documents': {
    request: (f) => ({ url: `/api/v1/projects/${f.commProject.id}/documents` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/projects/:id/documents': {
    request: (f) => ({
      url: `/api/v1/projects/${f.commProject.id}/documents`,
      payload: {
        title: 'Matrix report',
        kind: 'report',
        reference: 'MX-1',
        organizationId: f.consortiumLead.id,
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/projects/:id/engagement': {
    request: (f) => ({ url: `/api/v1/projects/${f.commProject.id}/engagement` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'PUT /api/v1/projects/:id/engagement/settings': {
    request: (f) => ({
      url: `/api/v1/projects/${f.commProject.id}/engagement/settings`,
      payload: { version: 1, silentAfterDays: 10 },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/projects/:id/engagement/sweep': {
    request: (f) => ({ url: `/api/v1/projects/${f.commProject.id}/engagement/sweep` }),
    allowed: allow('orgAdmin', 'clusterOffice'),
  },
  'GET /api/v1/engagement': {
    request: () => ({ url: '/api/v1/engagement' }),
    allowed: allow('clusterOffice', 'auditor'),
  },

  'GET /api/v1/notifications': {
    request: () => ({ url: '/api/v1/notifications?unread=true&limit=5' }),
    allowed: signedIn,
  },
  'GET /api/v1/notifications/unread-count': {
    request: () => ({ url: '/api/v1/notifications/unread-count' }),
    allowed: signedIn,
  },
  'POST /api/v1/notifications/read-all': {
    request: () => ({ url: '/api/v1/notifications/read-all' }),
    allowed: signedIn,
  },
  'GET /api/v1/notifications/preferences': {
    request: () => ({ url: '/api/v1/notifications/preferences' }),
    allowed: signedIn,
  },
  'PUT /api/v1/notifications/preferences': {
    request: () => ({ url: '/api/v1/notifications/preferences', payload: { emailEnabled: false } }),
    allowed: signedIn,
  },
  // Only its recipient reads a notification; everyone else gets 404.
  'POST /api/v1/notifications/:id/read': {
    request: (f) => ({ url: `/api/v1/notifications/${f.notification.id}/read` }),
    allowed: allow('clusterOffice'),
  },

  'GET /api/v1/projects/:id/outcomes': {
    request: (f) => ({ url: `/api/v1/projects/${f.outcomeProject.id}/outcomes` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/projects/:id/outcomes': {
    request: (f) => ({
      url: `/api/v1/projects/${f.outcomeProject.id}/outcomes`,
      payload: {
        kind: 'software_copyright',
        title: 'Matrix software',
        reference: '2026SR0000001',
        outcomeDate: '2026-11-01',
        organizationId: f.organization.id,
      },
    }),
    allowed: allow('member', 'orgAdmin'),
  },
  'GET /api/v1/outcomes/:id': {
    request: (f) => ({ url: `/api/v1/outcomes/${f.outcome.id}` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'GET /api/v1/projects/:id/income': {
    request: (f) => ({ url: `/api/v1/projects/${f.outcomeProject.id}/income` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/projects/:id/income': {
    request: (f) => ({
      url: `/api/v1/projects/${f.outcomeProject.id}/income`,
      payload: {
        kind: 'licence_fee',
        amountFen: '100000001',
        receivedOn: '2026-11-20',
        payer: 'Matrix payer',
      },
    }),
    allowed: allow('orgAdmin'),
  },
  'GET /api/v1/organizations/:id/account': {
    request: (f) => ({ url: `/api/v1/organizations/${f.organization.id}/account` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'GET /api/v1/outcomes/:id/transfers': {
    request: (f) => ({ url: `/api/v1/outcomes/${f.outcome.id}/transfers` }),
    allowed: allow('member', 'orgAdmin', 'clusterOffice', 'auditor'),
  },
  'POST /api/v1/outcomes/:id/transfers': {
    request: (f) => ({
      url: `/api/v1/outcomes/${f.outcome.id}/transfers`,
      payload: { organizationId: f.organization.id, kind: 'sale', basisPoints: 100, priceFen: '1' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/outcomes/:id/transfers/:transferId/respond': {
    request: (f) => ({
      url: `/api/v1/outcomes/${f.outcome.id}/transfers/${f.transfer.id}/respond`,
      payload: { organizationId: f.organization.id, answer: 'decline' },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/outcomes/:id/transfers/:transferId/complete': {
    request: (f) => ({
      url: `/api/v1/outcomes/${f.outcome.id}/transfers/${f.waivedTransfer.id}/complete`,
      payload: { version: f.waivedTransfer.version, transferee: { name: 'Matrix buyer', priceFen: '100' } },
    }),
    allowed: allow('orgAdmin'),
  },
  'POST /api/v1/outcomes/:id/transfers/:transferId/withdraw': {
    request: (f) => ({
      url: `/api/v1/outcomes/${f.outcome.id}/transfers/${f.transfer.id}/withdraw`,
      payload: { version: f.transfer.version },
    }),
    allowed: allow('orgAdmin'),
  },

  'GET /api/v1/audit/events': {
    request: () => ({ url: '/api/v1/audit/events?limit=5' }),
    allowed: allow('clusterOffice', 'auditor'),
  },
  'GET /api/v1/audit/verify': {
    request: () => ({ url: '/api/v1/audit/verify' }),
    allowed: allow('clusterOffice', 'auditor'),
  },
};

/** A sound charter of three members: `lead` and `partner` run a work package each, `third` pays. */
function matrixCharter(lead: string, partner: string, third: string): Record<string, unknown> {
  const shares = [
    { memberId: lead, basisPoints: 5000 },
    { memberId: partner, basisPoints: 3000 },
    { memberId: third, basisPoints: 2000 },
  ];
  const rule = {
    shares,
    licensing: { whoMayLicense: 'each_co_owner', memberUse: 'royalty_free', terms: '' },
  };
  const workPackage = (id: string, responsibleMemberId: string) => ({
    id,
    title: `Matrix work package ${id}`,
    description: '',
    stage: 'rd',
    responsibleMemberId,
    contributingMemberIds: [],
    deliverables: [],
    startDate: null,
    endDate: null,
  });
  return {
    currency: 'CNY',
    objectives: ['Matrix objective'],
    workPackages: [workPackage('WP1', lead), workPackage('WP2', partner)],
    contributions: [
      { id: 'C1', kind: 'cash', memberId: third, workPackageId: 'WP1', description: '', valuationFen: 100 },
    ],
    backgroundIp: [],
    foregroundIp: { patent: rule, software: rule, know_how: rule, standard: rule },
    firstRefusal: { offerPeriodDays: 30 },
    benefit: { method: 'fixed', shares, costRecovery: null },
    exit: { noticeDays: 30, foregroundIp: 'keeps_shares', futureIncome: 'until_exit_only', conditions: '' },
    dispute: { steps: [{ step: 'negotiation', days: 30, forum: '' }] },
  };
}

/** Splits a matrix key into its method and route pattern. */
export function parseMatrixKey(key: string): { method: HTTPMethods; url: string } {
  const [method, url] = key.split(' ');
  if (!method || !url) throw new Error(`Malformed matrix key "${key}"`);
  return { method, url };
}

/** The prepared world: rows to point at, how to act as each role, and what a refusal must not reveal. */
export interface AuthzWorld {
  fixture: AuthzFixture;
  /** Request headers acting as each role: the session cookie and the CSRF token (none for anonymous). */
  headers: Readonly<Record<Role, Readonly<Record<string, string>>>>;
  /** Names, e-mails, ids and tokens of the world; a refusal may show only those in its own URL. */
  secrets: readonly string[];
}

const PASSWORD = 'matrix fixture passphrase';

interface FixtureUser {
  role: Exclude<Role, 'anonymous'> | 'subject' | 'newcomer';
  email: string;
  displayName: string;
  platformRoles: PlatformRole[];
}

const USERS: readonly FixtureUser[] = [
  {
    role: 'outsider',
    email: 'matrix.outsider@example.com',
    displayName: 'Matrix Outsider Ou',
    platformRoles: [],
  },
  { role: 'member', email: 'matrix.member@example.com', displayName: 'Matrix Member Mei', platformRoles: [] },
  { role: 'orgAdmin', email: 'matrix.admin@example.com', displayName: 'Matrix Admin An', platformRoles: [] },
  {
    role: 'clusterOffice',
    email: 'matrix.office@example.com',
    displayName: 'Matrix Office Bai',
    platformRoles: ['cluster_office'],
  },
  {
    role: 'auditor',
    email: 'matrix.auditor@example.com',
    displayName: 'Matrix Auditor Shen',
    platformRoles: ['auditor'],
  },
  {
    role: 'reviewer',
    email: 'matrix.reviewer@example.com',
    displayName: 'Matrix Reviewer Ping',
    platformRoles: ['reviewer'],
  },
  {
    role: 'subject',
    email: 'matrix.subject@example.com',
    displayName: 'Matrix Subject Zhu',
    platformRoles: [],
  },
  {
    role: 'newcomer',
    email: 'matrix.newcomer@example.com',
    displayName: 'Matrix Newcomer Xin',
    platformRoles: [],
  },
];

function emailOf(role: FixtureUser['role']): string {
  const user = USERS.find((u) => u.role === role);
  if (!user) throw new Error(`No fixture user for ${role}`);
  return user.email;
}

function creditCode(prefix17: string): string {
  const check = creditCodeCheckCharacter(prefix17);
  if (check === null) throw new Error(`Not a credit code prefix: ${prefix17}`);
  return prefix17 + check;
}

/**
 * Builds the world on an empty test database: the users above (one password hash shared, since
 * argon2 is slow), the target organisation verified and unverified, an unrelated organisation the
 * outsider runs, and a signed-in session for every role.
 */
export async function buildAuthzWorld(t: TestApp): Promise<AuthzWorld> {
  const passwordHash = await hashPassword(PASSWORD);
  const target: CreateOrganizationBody = {
    kind: 'enterprise',
    sizeClass: 'medium',
    nameZh: '矩阵目标科技有限公司',
    nameEn: 'Matrix Target Technology Co.',
    creditCode: creditCode('91320594MA1W2X3Y4'),
  };
  const pending: CreateOrganizationBody = {
    kind: 'research_institute',
    nameZh: '矩阵待审研究院',
    nameEn: 'Matrix Pending Institute',
  };
  const unrelated: CreateOrganizationBody = {
    kind: 'university',
    nameZh: '矩阵无关大学',
    nameEn: 'Matrix Unrelated University',
  };
  const institute: CreateOrganizationBody = {
    kind: 'research_institute',
    nameZh: '矩阵目标研究院',
    nameEn: 'Matrix Target Institute',
  };
  const chainLeader: CreateOrganizationBody = {
    kind: 'enterprise',
    sizeClass: 'leading',
    nameZh: '矩阵链主集团',
    nameEn: 'Matrix Chain Leader Group',
  };
  const partner: CreateOrganizationBody = {
    kind: 'vocational_college',
    nameZh: '矩阵职业技术学院',
    nameEn: 'Matrix Vocational College',
  };
  const consortiumNames = {
    forming: { nameZh: '矩阵组建中联合体', nameEn: 'Matrix Forming Consortium' },
    submitted: { nameZh: '矩阵待认定联合体', nameEn: 'Matrix Submitted Consortium' },
  };
  const restricted = {
    visibility: 'parties' as const,
    ndaTerms: '矩阵保密条款',
    keywords: ['矩阵秘密关键词'],
  };
  const directoryTexts = {
    need: { title: '矩阵目标需求', description: '矩阵需求的保密描述' },
    requestedNeed: { title: '矩阵已申请需求', description: '矩阵已申请需求的保密描述' },
    capability: { title: '矩阵目标能力', description: '矩阵能力的保密描述' },
    achievement: { title: '矩阵目标成果', description: '矩阵成果的保密描述' },
  };

  const { ids, organizationId, unverifiedId, unrelatedId, instituteId, leaderId, partnerId, records } =
    await t.ctx.db.transaction().execute(async (tx) => {
      const ids = new Map<FixtureUser['role'], string>();
      for (const user of USERS) {
        const id = await insertUserInTransaction(
          tx,
          {
            email: user.email,
            displayName: user.displayName,
            passwordHash,
            locale: 'zh-CN',
            isDemo: false,
            platformRoles: user.platformRoles,
          },
          null,
        );
        ids.set(user.role, id);
      }
      const idOf = (role: FixtureUser['role']): string => ids.get(role) ?? '';
      const targetMembers = [
        { userId: idOf('orgAdmin'), role: 'admin' as const },
        { userId: idOf('member'), role: 'member' as const },
        { userId: idOf('subject'), role: 'member' as const },
      ];
      const none = new Map<string, string>();
      const organizationId = await insertOrganizationInTransaction(
        tx,
        { ...target, verified: true, isDemo: false },
        none,
        targetMembers,
        null,
      );
      const unverifiedId = await insertOrganizationInTransaction(
        tx,
        { ...pending, verified: false, isDemo: false },
        none,
        targetMembers,
        null,
      );
      const unrelatedId = await insertOrganizationInTransaction(
        tx,
        { ...unrelated, verified: true, isDemo: false },
        none,
        [{ userId: idOf('outsider'), role: 'admin' }],
        null,
      );
      const instituteId = await insertOrganizationInTransaction(
        tx,
        { ...institute, verified: true, isDemo: false },
        none,
        targetMembers,
        null,
      );
      const leaderId = await insertOrganizationInTransaction(
        tx,
        { ...chainLeader, verified: true, isDemo: false },
        none,
        targetMembers,
        null,
      );
      const partnerId = await insertOrganizationInTransaction(
        tx,
        { ...partner, verified: true, isDemo: false },
        none,
        [],
        null,
      );
      await insertClusterInTransaction(
        tx,
        { slug: 'matrix-cluster', nameZh: '矩阵集群', nameEn: 'Matrix Cluster', sortOrder: 1 },
        null,
      );
      const options = { actorUserId: null, isDemo: false };
      const needOf = (texts: { title: string; description: string }) =>
        insertNeedInTransaction(
          tx,
          { ownerOrganizationId: organizationId, ...texts, ...restricted, cooperationModes: ['joint_rd'] },
          options,
        );
      const records = {
        need: await needOf(directoryTexts.need),
        requestedNeed: await needOf(directoryTexts.requestedNeed),
        capability: await insertCapabilityInTransaction(
          tx,
          {
            ownerOrganizationId: organizationId,
            ...directoryTexts.capability,
            ...restricted,
            cooperationModes: ['consulting'],
          },
          options,
        ),
        achievement: await insertAchievementInTransaction(
          tx,
          {
            ownerOrganizationId: instituteId,
            ...directoryTexts.achievement,
            ...restricted,
            kind: 'patent',
            registrationNumber: 'CN202310123456.6',
            trl: 5,
            transferModes: ['licence'],
          },
          options,
        ),
        expert: await insertExpertInTransaction(
          tx,
          { organizationId, nameZh: '矩阵专家', nameEn: 'Matrix Expert' },
          options,
        ),
      };
      return { ids, organizationId, unverifiedId, unrelatedId, instituteId, leaderId, partnerId, records };
    });

  const headers: Record<Role, Record<string, string>> = {
    anonymous: {},
    outsider: {},
    member: {},
    orgAdmin: {},
    clusterOffice: {},
    auditor: {},
    reviewer: {},
  };
  const tokens: string[] = [];
  for (const user of USERS) {
    if (user.role === 'subject' || user.role === 'newcomer') continue;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    if (response.statusCode !== 200)
      throw new Error(`fixture sign-in failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'consortia_session')?.value ?? '';
    const { csrfToken } = response.json<{ csrfToken: string }>();
    headers[user.role] = { cookie: `consortia_session=${cookie}`, 'x-csrf-token': csrfToken };
    tokens.push(cookie, csrfToken);
  }

  // The outsider's university asks for access to one need, through the API like anyone would.
  const requested = await t.app.inject({
    method: 'POST',
    url: `/api/v1/needs/${records.requestedNeed}/nda-requests`,
    headers: headers.outsider,
    payload: { message: 'Matrix request for access', acceptTerms: true },
  });
  if (requested.statusCode !== 201)
    throw new Error(`fixture NDA request failed: ${requested.statusCode} ${requested.body}`);
  const ndaRequestId = requested.json<{ id: string }>().id;

  // The outsider's university reaches out about the target's need.
  const contacted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/matches',
    headers: headers.outsider,
    payload: {
      needId: records.need,
      counterpartType: 'organization',
      counterpartId: unrelatedId,
      status: 'contacted',
      note: 'Matrix first contact',
    },
  });
  if (contacted.statusCode !== 201)
    throw new Error(`fixture match failed: ${contacted.statusCode} ${contacted.body}`);
  const matchId = contacted.json<{ id: string }>().id;

  // Consortia of the chain leader, formed through the API: one forming, one under review.
  const call = async (role: Role, url: string, payload?: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: payload === undefined ? 'GET' : 'POST',
      url,
      headers: headers[role],
      ...(payload === undefined ? {} : { payload }),
    });
    if (response.statusCode >= 300)
      throw new Error(`fixture ${url} failed: ${response.statusCode} ${response.body}`);
    return response.json<{
      id: string;
      version: number;
      members: { organization: { id: string }; version: number }[];
    }>();
  };
  const formConsortium = async (names: { nameZh: string; nameEn: string }) => {
    const { id } = await call('orgAdmin', '/api/v1/consortia', {
      leadOrganizationId: leaderId,
      ...names,
      cluster: 'matrix-cluster',
    });
    for (const member of [instituteId, organizationId])
      await call('orgAdmin', `/api/v1/consortia/${id}/members`, { organizationId: member, role: 'core' });
    for (const member of [instituteId, organizationId])
      await call('orgAdmin', `/api/v1/consortia/${id}/members/${member}/accept`, { version: 1 });
    return id;
  };
  const formingId = await formConsortium(consortiumNames.forming);
  await call('orgAdmin', `/api/v1/consortia/${formingId}/members`, {
    organizationId: unrelatedId,
    role: 'core',
  });
  const forming = await call('orgAdmin', `/api/v1/consortia/${formingId}`);
  const versionOf = (organization: string): number =>
    forming.members.find((m) => m.organization.id === organization)?.version ?? 0;
  const submittedId = await formConsortium(consortiumNames.submitted);
  const submitted = await call('orgAdmin', `/api/v1/consortia/${submittedId}/designation/submit`, {
    version: (await call('orgAdmin', `/api/v1/consortia/${submittedId}`)).version,
  });
  // Charters: the forming consortium's open for signature, the submitted one's a sound draft.
  const charterContent = matrixCharter(leaderId, instituteId, organizationId);
  await call('orgAdmin', `/api/v1/consortia/${formingId}/charter/versions`, { content: charterContent });
  const opened = (await call('orgAdmin', `/api/v1/consortia/${formingId}/charter/versions/1/open`, {
    version: 1,
  })) as unknown as { digest: string };
  const charterDraft = (await call('orgAdmin', `/api/v1/consortia/${submittedId}/charter/versions`, {
    content: charterContent,
  })) as unknown as { version: number };

  // A project of the chain leader and the institute, inserted directly (its own API is the
  // projects module's); its log through the API: two threads (one closed) and minutes.
  const commProjectId = `01MATRIXPROJECT${leaderId.slice(-11)}`;
  const commAt = new Date().toISOString();
  await t.ctx.db
    .insertInto('project')
    .values({
      id: commProjectId,
      consortium_id: null,
      source_match_id: null,
      title: 'Matrix communication project',
      summary: '',
      lead_organization_id: leaderId,
      stage: 'rd',
      status: 'active',
      status_reason: null,
      silent_after_days: 14,
      created_by: null,
      created_at: commAt,
      updated_at: commAt,
      version: 1,
    })
    .execute();
  await t.ctx.db
    .insertInto('project_party')
    .values([
      { project_id: commProjectId, organization_id: leaderId, role: 'lead', joined_at: commAt },
      { project_id: commProjectId, organization_id: instituteId, role: 'core', joined_at: commAt },
    ])
    .execute();
  const thread = (subject: string) =>
    call('orgAdmin', `/api/v1/projects/${commProjectId}/threads`, {
      subject,
      body: 'Matrix first post',
      organizationId: leaderId,
    });
  const openThread = await thread('Matrix open thread');
  const closedThread = await thread('Matrix closed thread');
  await call('orgAdmin', `/api/v1/projects/${commProjectId}/threads/${closedThread.id}/close`, {
    version: 1,
  });
  const minutes = await call('orgAdmin', `/api/v1/projects/${commProjectId}/minutes`, {
    title: 'Matrix minutes',
    meetingDate: '2026-11-01',
    attendees: [{ organizationId: leaderId }, { organizationId: instituteId }],
    organizationId: leaderId,
  });

  // Projects of the forming consortium (its parties: the lead, the institute, the target).
  type MatrixProject = {
    id: string;
    version: number;
    milestones: { id: string; title: string; version: number }[];
  };
  const newProject = async (title: string) =>
    (await call('orgAdmin', '/api/v1/projects', {
      consortiumId: formingId,
      title,
    })) as unknown as MatrixProject;
  let project = await newProject('Matrix project');
  for (const title of ['Matrix milestone', 'Matrix done milestone'])
    project = (await call('orgAdmin', `/api/v1/projects/${project.id}/milestones`, {
      title,
      stage: 'rd',
      responsibleOrganizationId: organizationId,
    })) as unknown as MatrixProject;
  const milestoneNamed = (p: MatrixProject, title: string) => {
    const found = p.milestones.find((m) => m.title === title);
    if (!found) throw new Error(`fixture milestone ${title} missing`);
    return { id: found.id, version: found.version };
  };
  const toComplete = milestoneNamed(project, 'Matrix done milestone');
  project = (await call('orgAdmin', `/api/v1/projects/${project.id}/milestones/${toComplete.id}/complete`, {
    version: toComplete.version,
    evidenceKind: 'document',
    reference: 'MATRIX-1',
    note: 'Matrix evidence',
  })) as unknown as MatrixProject;
  const task = await call('orgAdmin', `/api/v1/projects/${project.id}/tasks`, {
    title: 'Matrix task',
    assigneeOrganizationId: organizationId,
  });
  const signedProject = await newProject('Matrix signed project');
  await call('orgAdmin', `/api/v1/projects/${signedProject.id}/stages/application/signoffs`, {
    organizationId: leaderId,
  });
  const paused = await newProject('Matrix paused project');
  const suspendedProject = (await call('orgAdmin', `/api/v1/projects/${paused.id}/suspend`, {
    version: paused.version,
    reason: 'Matrix pause',
  })) as unknown as MatrixProject;

  // Outcomes: a third consortium whose charter the three members sign (orgAdmin is admin of all
  // three), its project, a patent owned by the three, and two offers of shares.
  const outcomeConsortiumId = await formConsortium({
    nameZh: '矩阵成果联合体',
    nameEn: 'Matrix Outcome Consortium',
  });
  await call('orgAdmin', `/api/v1/consortia/${outcomeConsortiumId}/charter/versions`, {
    content: charterContent,
  });
  const outcomeCharter = (await call(
    'orgAdmin',
    `/api/v1/consortia/${outcomeConsortiumId}/charter/versions/1/open`,
    {
      version: 1,
    },
  )) as unknown as { digest: string };
  for (const signer of [leaderId, instituteId, organizationId])
    await call('orgAdmin', `/api/v1/consortia/${outcomeConsortiumId}/charter/versions/1/sign`, {
      organizationId: signer,
      digest: outcomeCharter.digest,
    });
  const outcomeProject = await call('orgAdmin', '/api/v1/projects', {
    consortiumId: outcomeConsortiumId,
    title: 'Matrix outcome project',
  });
  const outcome = await call('orgAdmin', `/api/v1/projects/${outcomeProject.id}/outcomes`, {
    kind: 'patent_grant',
    title: 'Matrix patent',
    reference: 'ZL202610000001.1',
    outcomeDate: '2026-10-01',
    organizationId: leaderId,
  });
  const offer = (seller: string) =>
    call('orgAdmin', `/api/v1/outcomes/${outcome.id}/transfers`, {
      organizationId: seller,
      kind: 'sale',
      basisPoints: 1000,
      priceFen: '100',
    });
  const transfer = await offer(leaderId);
  const waived = await offer(instituteId);
  for (const coOwner of [leaderId, organizationId])
    await call('orgAdmin', `/api/v1/outcomes/${outcome.id}/transfers/${waived.id}/respond`, {
      organizationId: coOwner,
      answer: 'decline',
    });
  const waivedTransfer = await call('orgAdmin', `/api/v1/outcomes/${outcome.id}/transfers`);
  const waivedVersion =
    (waivedTransfer as unknown as { items: { id: string; version: number }[] }).items.find(
      (i) => i.id === waived.id,
    )?.version ?? 0;

  const subjectId = ids.get('subject') ?? '';
  const officeNotification = await t.ctx.db
    .selectFrom('notification')
    .select('id')
    .where('user_id', '=', ids.get('clusterOffice') ?? '')
    .where('kind', '=', 'consortium.designation_submitted')
    .executeTakeFirstOrThrow();
  const secrets = [
    ...USERS.flatMap((u) => [u.email, u.displayName]),
    ...ids.values(),
    organizationId,
    unverifiedId,
    unrelatedId,
    instituteId,
    ndaRequestId,
    matchId,
    leaderId,
    partnerId,
    formingId,
    submittedId,
    commProjectId,
    outcomeConsortiumId,
    outcomeProject.id,
    outcome.id,
    project.id,
    signedProject.id,
    suspendedProject.id,
    openThread.id,
    closedThread.id,
    minutes.id,
    ...Object.values(consortiumNames).flatMap((c) => [c.nameZh, c.nameEn]),
    ...Object.values(records),
    ...Object.values(directoryTexts).flatMap((r) => [r.title, r.description]),
    restricted.ndaTerms,
    ...restricted.keywords,
    ...[target, pending, unrelated, institute, chainLeader, partner].flatMap((o) => [
      o.nameZh,
      o.nameEn,
      o.creditCode ?? '',
    ]),
    ...tokens,
  ].filter((secret) => secret !== '');
  return {
    fixture: {
      organization: { id: organizationId, version: 1 },
      unverifiedOrganization: { id: unverifiedId, version: 1 },
      subject: { id: subjectId, email: emailOf('subject') },
      newcomer: { email: emailOf('newcomer') },
      password: PASSWORD,
      need: { id: records.need, version: 1 },
      capability: { id: records.capability, version: 1 },
      achievementOwner: { id: instituteId },
      achievement: { id: records.achievement, version: 1 },
      expert: { id: records.expert, version: 1 },
      ndaRequest: { id: ndaRequestId, version: 1 },
      match: { id: matchId, version: 1 },
      consortiumLead: { id: leaderId },
      consortium: {
        id: formingId,
        version: forming.version,
        targetVersion: versionOf(organizationId),
        instituteVersion: versionOf(instituteId),
      },
      invitee: { id: unrelatedId },
      partner: { id: partnerId },
      submittedConsortium: { id: submittedId, version: submitted.version },
      charter: { digest: opened.digest },
      charterDraft: { version: charterDraft.version, content: charterContent },
      notification: { id: officeNotification.id },
      project: {
        id: project.id,
        version: project.version,
        milestone: milestoneNamed(project, 'Matrix milestone'),
        doneMilestone: milestoneNamed(project, 'Matrix done milestone'),
        task: { id: task.id, version: task.version },
      },
      signedProject: { id: signedProject.id, version: signedProject.version },
      suspendedProject: { id: suspendedProject.id, version: suspendedProject.version },
      outcomeProject: { id: outcomeProject.id },
      outcome: { id: outcome.id },
      transfer: { id: transfer.id, version: transfer.version },
      waivedTransfer: { id: waived.id, version: waivedVersion },
      commProject: {
        id: commProjectId,
        openThread: openThread.id,
        closedThread: closedThread.id,
        minutes: minutes.id,
      },
    },
    headers,
    secrets,
  };
}
