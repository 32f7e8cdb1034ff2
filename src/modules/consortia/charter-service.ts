/**
 * Use cases of the consortium charter: drafting and amending versions, opening one for signature
 * (its content frozen and its digest fixed), members' signatures bound to that digest, the version
 * becoming effective once every active member signed it, the diff between versions, and the
 * effective charter's exit rule that membership exits pass. Each change is one transaction with
 * its audit events.
 *
 * Members changing: a version is effective only when every current active member signed its
 * digest (charter-rules `isEffective`). A version being signed therefore also needs the signature
 * of an organisation that joins meanwhile, and becomes effective as soon as a member that had not
 * signed leaves. An effective version stays in force when an organisation joins (its status is
 * recorded, not recomputed, so the exit rule cannot lapse by an invitation): the newcomer is listed
 * among its missing signatures, may sign (accede to) it, and its exit rule applies to every active
 * member. Amendments need the signatures of all active members again.
 */
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { sha256Hex } from '../../platform/audit/chain.js';
import { roleIn, type Actor, type UserActor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type {
  CharterSignatureRow,
  CharterVersionRow,
  ConsortiumMemberRow,
  ConsortiumRow,
} from '../../platform/db/schema.js';
import { DomainError, type ErrorDetails } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import { findOrganizationSummaries, type OrganizationSummary } from '../organizations/service.js';
import type { CharterContent } from './charter.js';
import {
  canLeave,
  canonicalCharter,
  charterDiff,
  dutiesOf,
  isEffective,
  missingSignatures,
  validateCharter,
  type CharterIssue,
  type CharterMember,
} from './charter-rules.js';
import { isInsider, isLeadAdmin, type ConsortiumAccessFacts } from './permissions.js';
import * as repo from './repo.js';
import { noticeCharterEffective, noticeCharterOpened } from './notices.js';
import type { CharterExitRule } from './rules.js';
import type {
  CharterDiffQuery,
  CharterDiffView,
  CharterOverview,
  CharterStatus,
  CharterVersionList,
  CharterVersionSummary,
  CharterVersionView,
  ConsortiumStatus,
  CreateCharterDraftBody,
  DesignationStatus,
  MemberStatus,
  OpenCharterBody,
  OrganizationRef,
  SignCharterBody,
  UpdateCharterDraftBody,
} from './schemas.js';

// ---------------------------------------------------------------------------------------------
// Errors and loading

function notFound(): DomainError {
  return new DomainError('record.not_found', 'No such consortium');
}

function versionNotFound(number: number): DomainError {
  return new DomainError('charter.version_not_found', `The charter has no version ${String(number)}`, {
    number,
  });
}

function conflict(): DomainError {
  return new DomainError(
    'record.version_conflict',
    'The charter version changed since you loaded it; reload and try again',
  );
}

interface Scope {
  row: ConsortiumRow;
  members: ConsortiumMemberRow[];
  facts: ConsortiumAccessFacts;
}

/**
 * The consortium, for an insider only: the charter is the members' agreement, so even a
 * designated consortium's public does not see it. Anyone else gets 404.
 */
async function loadScope(db: Queryable, actor: Actor, id: string): Promise<Scope> {
  const row = await repo.findConsortium(db, id);
  if (!row) throw notFound();
  const members = await repo.findMembers(db, [id]);
  const facts: ConsortiumAccessFacts = {
    leadOrganizationId: row.lead_organization_id,
    status: row.status as ConsortiumStatus,
    designationStatus: row.designation_status as DesignationStatus,
    members: members.map((m) => ({ organizationId: m.organization_id, status: m.status as MemberStatus })),
  };
  if (!isInsider(actor, facts)) throw notFound();
  return { row, members, facts };
}

/** Lead admins only, on a consortium that is not dissolved. */
function assertLeadAdmin(actor: UserActor, scope: Scope): void {
  if (!isLeadAdmin(actor, scope.facts))
    throw new DomainError('auth.forbidden', 'Only admins of the lead organisation draft the charter');
  if (scope.row.status === 'dissolved')
    throw new DomainError('consortium.dissolved', 'The consortium is dissolved');
}

function activeMemberIds(members: readonly ConsortiumMemberRow[]): string[] {
  return members.filter((m) => m.status === 'active').map((m) => m.organization_id);
}

/** The digest a signature binds to: SHA-256 of the canonical content (equals chain.ts digestOf). */
export function charterDigest(content: CharterContent): string {
  return sha256Hex(canonicalCharter(content));
}

function contentOf(row: CharterVersionRow): CharterContent {
  return JSON.parse(row.content) as CharterContent;
}

function isOpen(row: CharterVersionRow): boolean {
  return row.status === 'draft' || row.status === 'signing';
}

function byNumber(versions: readonly CharterVersionRow[], number: number): CharterVersionRow {
  const found = versions.find((v) => v.number === number);
  if (!found) throw versionNotFound(number);
  return found;
}

/** A charter without content yet: every list empty, the usual defaults elsewhere. */
export function emptyCharter(): CharterContent {
  const rule = {
    shares: [],
    licensing: { whoMayLicense: 'each_co_owner' as const, memberUse: 'royalty_free' as const, terms: '' },
  };
  return {
    currency: 'CNY',
    objectives: [],
    workPackages: [],
    contributions: [],
    backgroundIp: [],
    foregroundIp: { patent: rule, software: rule, know_how: rule, standard: rule },
    firstRefusal: { offerPeriodDays: 30 },
    benefit: { method: 'fixed', shares: [], costRecovery: null },
    exit: { noticeDays: 30, foregroundIp: 'keeps_shares', futureIncome: 'until_exit_only', conditions: '' },
    dispute: { steps: [] },
  };
}

async function charterMembers(db: Queryable, ids: readonly string[]): Promise<CharterMember[]> {
  const names = await findOrganizationSummaries(db, ids);
  return ids.map((id) => {
    const name = names.get(id)?.nameEn || names.get(id)?.nameZh;
    return name ? { id, name } : { id };
  });
}

/**
 * What keeps a version from being signed, against the current active members. An amendment may
 * release members: one that had duties under the version it amends and has none in it is being
 * let go (so that it may leave), not forgotten, and is not flagged as a member without duty. It
 * still signs the amendment like every active member.
 */
async function issuesOf(
  db: Queryable,
  row: CharterVersionRow,
  versions: readonly CharterVersionRow[],
  active: readonly string[],
): Promise<CharterIssue[]> {
  const content = contentOf(row);
  const base = versions.find((v) => v.id === row.based_on_id);
  const released = new Set(
    base
      ? active.filter((id) => dutiesOf(contentOf(base), id).length > 0 && dutiesOf(content, id).length === 0)
      : [],
  );
  return validateCharter(content, await charterMembers(db, active)).filter(
    (issue) =>
      !(issue.code === 'charter.member_without_duty' && released.has(String(issue.params['memberId']))),
  );
}

// ---------------------------------------------------------------------------------------------
// Views

function organizationRef(summary: OrganizationSummary | undefined, id: string): OrganizationRef {
  return {
    id,
    kind: summary?.kind ?? 'enterprise',
    nameZh: summary?.nameZh ?? '',
    nameEn: summary?.nameEn ?? '',
  };
}

function summaryOf(
  row: CharterVersionRow,
  versions: readonly CharterVersionRow[],
  signatures: readonly CharterSignatureRow[],
  active: readonly string[],
): CharterVersionSummary {
  const counted =
    row.digest === null
      ? 0
      : active.length -
        missingSignatures(
          row.digest,
          active,
          signatures
            .filter((s) => s.version_id === row.id)
            .map((s) => ({ memberId: s.organization_id, digest: s.digest })),
        ).length;
  return {
    number: row.number,
    status: row.status as CharterStatus,
    digest: row.digest,
    basedOn: versions.find((v) => v.id === row.based_on_id)?.number ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    openedAt: row.opened_at,
    effectiveAt: row.effective_at,
    supersededAt: row.superseded_at,
    signatures: counted,
    version: row.version,
  };
}

async function viewOf(
  db: Queryable,
  actor: Actor,
  scope: Scope,
  row: CharterVersionRow,
  versions: readonly CharterVersionRow[],
): Promise<CharterVersionView> {
  const active = activeMemberIds(scope.members);
  const signatures = await repo.findCharterSignatures(db, [row.id]);
  const content = contentOf(row);
  const organizations = await findOrganizationSummaries(db, [
    ...active,
    ...signatures.map((s) => s.organization_id),
  ]);
  const missing =
    row.digest === null || (row.status !== 'signing' && row.status !== 'effective')
      ? []
      : missingSignatures(
          row.digest,
          active,
          signatures.map((s) => ({ memberId: s.organization_id, digest: s.digest })),
        );
  const editable = row.status === 'draft' && actor.kind === 'user' && isLeadAdmin(actor, scope.facts);
  return {
    ...summaryOf(row, versions, signatures, active),
    content,
    issues: await issuesOf(db, row, versions, active),
    signedBy: signatures.map((s) => ({
      organization: organizationRef(organizations.get(s.organization_id), s.organization_id),
      signedAt: s.signed_at,
      digest: s.digest,
    })),
    missingSignatures: missing.map((id) => organizationRef(organizations.get(id), id)),
    permissions: {
      edit: editable && scope.row.status !== 'dissolved',
      open: editable && scope.row.status !== 'dissolved',
      signFor: missing.filter((id) => roleIn(actor, id) === 'admin'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** `GET /api/v1/consortia/:id/charter`: the effective version and the open one (draft or signing). */
export async function getCharter(ctx: AppContext, actor: Actor, id: string): Promise<CharterOverview> {
  const scope = await loadScope(ctx.db, actor, id);
  const versions = await repo.findCharterVersions(ctx.db, id);
  const effective = versions.find((v) => v.status === 'effective');
  const open = versions.find(isOpen);
  return {
    effective: effective ? await viewOf(ctx.db, actor, scope, effective, versions) : null,
    open: open ? await viewOf(ctx.db, actor, scope, open, versions) : null,
    permissions: {
      createDraft:
        actor.kind === 'user' &&
        isLeadAdmin(actor, scope.facts) &&
        scope.row.status !== 'dissolved' &&
        !versions.some((v) => v.status === 'draft'),
    },
  };
}

/** `GET /api/v1/consortia/:id/charter/versions`: every version, oldest first. */
export async function listCharterVersions(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<CharterVersionList> {
  const scope = await loadScope(ctx.db, actor, id);
  const versions = await repo.findCharterVersions(ctx.db, id);
  const signatures = await repo.findCharterSignatures(
    ctx.db,
    versions.map((v) => v.id),
  );
  const active = activeMemberIds(scope.members);
  return { items: versions.map((v) => summaryOf(v, versions, signatures, active)) };
}

/** `GET /api/v1/consortia/:id/charter/versions/:number`: one version with its content and signatures. */
export async function getCharterVersion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  number: number,
): Promise<CharterVersionView> {
  const scope = await loadScope(ctx.db, actor, id);
  const versions = await repo.findCharterVersions(ctx.db, id);
  return viewOf(ctx.db, actor, scope, byNumber(versions, number), versions);
}

/** `GET /api/v1/consortia/:id/charter/diff?from=&to=`: what changed between two versions. */
export async function diffCharterVersions(
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: CharterDiffQuery,
): Promise<CharterDiffView> {
  const scope = await loadScope(ctx.db, actor, id);
  const versions = await repo.findCharterVersions(ctx.db, id);
  const from = byNumber(versions, query.from);
  const to = byNumber(versions, query.to);
  const signatures = await repo.findCharterSignatures(ctx.db, [from.id, to.id]);
  const active = activeMemberIds(scope.members);
  return {
    from: summaryOf(from, versions, signatures, active),
    to: summaryOf(to, versions, signatures, active),
    changes: charterDiff(contentOf(from), contentOf(to)),
  };
}

// ---------------------------------------------------------------------------------------------
// Drafting

/**
 * `POST /api/v1/consortia/:id/charter/versions`: the lead's admins start a draft — the first
 * charter, or an amendment based on the effective version. Without content it copies the latest
 * version's. A version still being signed is withdrawn by it (its signatures stay as history);
 * while a draft exists, it is edited instead.
 */
export async function createCharterDraft(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  input: CreateCharterDraftBody,
): Promise<CharterVersionView> {
  const scope = await loadScope(ctx.db, actor, id);
  assertLeadAdmin(actor, scope);
  const created = await ctx.db.transaction().execute(async (tx) => {
    await repo.lockConsortium(tx, id);
    const versions = await repo.findCharterVersions(tx, id);
    const draft = versions.find((v) => v.status === 'draft');
    if (draft)
      throw new DomainError(
        'charter.open_version_exists',
        `Version ${String(draft.number)} is a draft already; edit it instead`,
        { number: draft.number },
      );
    const latest = versions.at(-1);
    const effective = versions.find((v) => v.status === 'effective');
    const now = nowIso();
    const signing = versions.find((v) => v.status === 'signing');
    if (signing) {
      const withdrawn = { status: 'withdrawn', updated_by: actor.userId, updated_at: now };
      if (!(await repo.updateCharterVersion(tx, signing.id, signing.version, withdrawn))) throw conflict();
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'charter.withdraw',
        entityType: 'consortium',
        entityId: id,
        before: signing,
        after: { ...signing, ...withdrawn, version: signing.version + 1 },
        details: { number: signing.number },
      });
    }
    const content = input.content ?? (latest ? contentOf(latest) : emptyCharter());
    const row: CharterVersionRow = {
      id: newId(),
      consortium_id: id,
      number: (latest?.number ?? 0) + 1,
      status: 'draft',
      content: JSON.stringify(content),
      digest: null,
      based_on_id: effective?.id ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
      opened_by: null,
      opened_at: null,
      effective_at: null,
      superseded_at: null,
      version: 1,
    };
    await repo.insertCharterVersion(tx, row);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'charter.draft_create',
      entityType: 'consortium',
      entityId: id,
      after: row,
      details: {
        number: row.number,
        basedOn: effective?.number ?? null,
        copiedFrom: input.content === undefined ? (latest?.number ?? null) : null,
      },
    });
    return row;
  });
  return getCharterVersion(ctx, actor, id, created.number);
}

/** `PUT /api/v1/consortia/:id/charter/versions/:number`: the lead's admins edit the draft. */
export async function updateCharterDraft(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  number: number,
  input: UpdateCharterDraftBody,
): Promise<CharterVersionView> {
  const scope = await loadScope(ctx.db, actor, id);
  assertLeadAdmin(actor, scope);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockConsortium(tx, id);
    const row = byNumber(await repo.findCharterVersions(tx, id), number);
    if (row.status !== 'draft')
      throw new DomainError(
        'charter.not_draft',
        `Version ${String(number)} is not a draft; start a new draft to change it`,
        { number, status: row.status },
      );
    if (row.version !== input.version) throw conflict();
    const changes = {
      content: JSON.stringify(input.content),
      updated_by: actor.userId,
      updated_at: nowIso(),
    };
    if (!(await repo.updateCharterVersion(tx, row.id, row.version, changes))) throw conflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'charter.draft_update',
      entityType: 'consortium',
      entityId: id,
      before: row,
      after: { ...row, ...changes, version: row.version + 1 },
      details: { number },
    });
  });
  return getCharterVersion(ctx, actor, id, number);
}

/**
 * `POST /api/v1/consortia/:id/charter/versions/:number/open`: the lead's admins freeze the draft
 * and open it for signature. Refused with every issue `validateCharter` finds against the
 * current active members, each with its field path.
 */
export async function openCharterForSignature(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  number: number,
  input: OpenCharterBody,
): Promise<CharterVersionView> {
  const scope = await loadScope(ctx.db, actor, id);
  assertLeadAdmin(actor, scope);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockConsortium(tx, id);
    const versions = await repo.findCharterVersions(tx, id);
    const row = byNumber(versions, number);
    if (row.status !== 'draft')
      throw new DomainError('charter.not_draft', `Version ${String(number)} is not a draft`, {
        number,
        status: row.status,
      });
    if (row.version !== input.version) throw conflict();
    const content = contentOf(row);
    const active = activeMemberIds(await repo.findMembers(tx, [id]));
    const issues = await issuesOf(tx, row, versions, active);
    if (issues.length > 0)
      throw new DomainError(
        'charter.invalid',
        issues.length === 1
          ? `The charter cannot be signed yet: ${issues[0]?.message ?? ''}`
          : `The charter cannot be signed yet: it has ${String(issues.length)} issues`,
        {
          // The draft's view carries each issue's params too, for wording it in zh-CN or en.
          issues: issues.map(({ field, code, message }) => ({ field, code, message })),
        },
      );
    const now = nowIso();
    const changes = {
      status: 'signing',
      digest: charterDigest(content),
      opened_by: actor.userId,
      opened_at: now,
      updated_by: actor.userId,
      updated_at: now,
    };
    if (!(await repo.updateCharterVersion(tx, row.id, row.version, changes))) throw conflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'charter.open',
      entityType: 'consortium',
      entityId: id,
      before: row,
      after: { ...row, ...changes, version: row.version + 1 },
      details: { number, digest: changes.digest, signatories: active },
    });
    await noticeCharterOpened(tx, id, row.id, number);
  });
  return getCharterVersion(ctx, actor, id, number);
}

// ---------------------------------------------------------------------------------------------
// Signing and effectiveness

/**
 * Makes the version being signed effective once every active member signed its digest, and
 * supersedes the one in force; nothing when signatures are missing. Runs in the caller's
 * transaction after a signature or an exit, with the consortium locked.
 */
export async function settleCharterInTransaction(
  tx: Tx,
  actorUserId: string,
  consortiumId: string,
): Promise<number | null> {
  const versions = await repo.findCharterVersions(tx, consortiumId);
  const signing = versions.find((v) => v.status === 'signing');
  if (!signing?.digest) return null;
  const active = activeMemberIds(await repo.findMembers(tx, [consortiumId]));
  const signatures = (await repo.findCharterSignatures(tx, [signing.id])).map((s) => ({
    memberId: s.organization_id,
    digest: s.digest,
  }));
  if (!isEffective({ digest: signing.digest }, active, signatures)) return null;
  const now = nowIso();
  const previous = versions.find((v) => v.status === 'effective');
  if (previous) {
    const superseded = { status: 'superseded', superseded_at: now, updated_at: now };
    if (!(await repo.updateCharterVersion(tx, previous.id, previous.version, superseded))) throw conflict();
  }
  const effective = { status: 'effective', effective_at: now, updated_at: now };
  if (!(await repo.updateCharterVersion(tx, signing.id, signing.version, effective))) throw conflict();
  // A charter in force changes what the consortium allows (its exit rule): bump its version so a
  // membership step checked against the old charter is refused as stale.
  const consortium = await repo.findConsortium(tx, consortiumId);
  if (
    !consortium ||
    !(await repo.updateConsortium(tx, consortiumId, consortium.version, { updated_at: now }))
  )
    throw conflict();
  await recordAudit(tx, {
    actorUserId,
    action: 'charter.effective',
    entityType: 'consortium',
    entityId: consortiumId,
    before: previous ?? null,
    after: { ...signing, ...effective, version: signing.version + 1 },
    details: {
      number: signing.number,
      digest: signing.digest,
      superseded: previous?.number ?? null,
      signatories: active,
    },
  });
  await noticeCharterEffective(tx, consortiumId, signing.id, signing.number);
  return signing.number;
}

/**
 * `POST /api/v1/consortia/:id/charter/versions/:number/sign`: an admin of an active member signs
 * the version for it, naming the digest they saw; a version being signed becomes effective with
 * the last signature. An organisation that joined after a version became effective may sign it too.
 */
export async function signCharter(
  ctx: AppContext,
  actor: UserActor,
  id: string,
  number: number,
  input: SignCharterBody,
): Promise<CharterVersionView> {
  const scope = await loadScope(ctx.db, actor, id);
  if (scope.row.status === 'dissolved')
    throw new DomainError('consortium.dissolved', 'The consortium is dissolved');
  if (roleIn(actor, input.organizationId) !== 'admin')
    throw new DomainError('auth.forbidden', 'Only admins of the organisation sign for it');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.lockConsortium(tx, id);
    const members = await repo.findMembers(tx, [id]);
    if (!activeMemberIds(members).includes(input.organizationId))
      throw DomainError.field(
        'charter.signer_not_member',
        'body.organizationId',
        'Only active members of the consortium sign its charter',
      );
    const row = byNumber(await repo.findCharterVersions(tx, id), number);
    if ((row.status !== 'signing' && row.status !== 'effective') || row.digest === null)
      throw new DomainError(
        'charter.not_open_for_signature',
        `Version ${String(number)} is not open for signature`,
        { number, status: row.status },
      );
    if (row.digest !== input.digest)
      throw DomainError.field(
        'charter.digest_mismatch',
        'body.digest',
        'The digest you signed is not the digest of this version; reload it and read it again',
      );
    const existing = await repo.findCharterSignatures(tx, [row.id]);
    if (existing.some((s) => s.organization_id === input.organizationId))
      throw new DomainError('charter.already_signed', 'Your organisation has signed this version already', {
        number,
      });
    const signature: CharterSignatureRow = {
      version_id: row.id,
      organization_id: input.organizationId,
      signed_by: actor.userId,
      signed_at: nowIso(),
      digest: input.digest,
    };
    await repo.insertCharterSignature(tx, signature);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'charter.sign',
      entityType: 'consortium',
      entityId: id,
      after: signature,
      details: { number, organizationId: input.organizationId, digest: input.digest },
    });
    await settleCharterInTransaction(tx, actor.userId, id);
  });
  return getCharterVersion(ctx, actor, id, number);
}

// ---------------------------------------------------------------------------------------------
// The exit rule

/** The effective charter's exit rule, with what to tell a member it refuses. */
export interface CharterExit extends CharterExitRule {
  /** Why `organizationId` may not exit: its open duties under the effective version. */
  refusalDetails(db: Queryable, organizationId: string): Promise<{ message: string; details: ErrorDetails }>;
}

/**
 * The consortium's effective charter as an exit rule, or null while it has none (members then
 * exit freely). A member leaves, or is removed, only without open duties: an effective amendment
 * that reassigns them is what lets it go.
 */
export async function charterExitRule(db: Queryable, consortiumId: string): Promise<CharterExit | null> {
  const effective = (await repo.findCharterVersions(db, consortiumId)).find((v) => v.status === 'effective');
  if (!effective) return null;
  const content = contentOf(effective);
  return {
    permits: (exit) => canLeave(content, { id: exit.organizationId }).allowed,
    refusalDetails: async (queryable, organizationId) => {
      const [member] = await charterMembers(queryable, [organizationId]);
      const decision = canLeave(content, member ?? { id: organizationId });
      if (decision.allowed)
        return { message: 'The charter’s exit rule does not allow this exit now', details: {} };
      const { field, code, message } = decision.issue;
      return {
        message,
        details: {
          charterVersion: effective.number,
          openDuties: decision.openDuties,
          issues: [{ field, code, message }],
        },
      };
    },
  };
}

/** The consortium's effective charter version, or null while it has none (the outcomes module reads it). */
export async function effectiveCharter(
  db: Queryable,
  consortiumId: string,
): Promise<{ id: string; number: number; content: CharterContent } | null> {
  const effective = (await repo.findCharterVersions(db, consortiumId)).find((v) => v.status === 'effective');
  return effective ? { id: effective.id, number: effective.number, content: contentOf(effective) } : null;
}

/** Organisations that left the consortium or were removed, with when (the outcomes module applies the exit rule's `futureIncome`). */
export async function departedMembers(
  db: Queryable,
  consortiumId: string,
): Promise<{ organizationId: string; endedAt: string }[]> {
  return (await repo.findMembers(db, [consortiumId]))
    .filter((m) => (m.status === 'left' || m.status === 'removed') && m.ended_at !== null)
    .map((m) => ({ organizationId: m.organization_id, endedAt: m.ended_at as string }));
}
