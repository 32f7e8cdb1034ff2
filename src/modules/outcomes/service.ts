/**
 * Use cases of a project's outcomes and income: recording results with their owners' shares
 * (copied from the effective charter's foreground IP rule, so later amendments do not rewrite
 * history), recording income and distributing it exactly under the charter's benefit rule
 * (statements per member posted to each organisation's account), reading accounts, and transfers
 * of a co-owner's share under the co-owners' right of first refusal. Each change is one
 * transaction with its audit events, project activity and notifications.
 */
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Actor, UserActor } from '../../platform/auth/actor.js';
import type { Queryable, Tx } from '../../platform/db/database.js';
import type {
  AccountEntryRow,
  DistributionStatementRow,
  IncomeEventRow,
  IpTransferResponseRow,
  IpTransferRow,
  OutcomeShareRow,
  ProjectOutcomeRow,
  ProjectRow,
} from '../../platform/db/schema.js';
import { DomainError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import type { CharterContent } from '../consortia/charter.js';
import { departedMembers, effectiveCharter } from '../consortia/charter-service.js';
import { distributeIncome } from '../consortia/distribution.js';
import { notify } from '../notifications/notify.js';
import { findOrganizationSummaries, type OrganizationSummary } from '../organizations/service.js';
import {
  actingPartyOf,
  loadProjectAccess,
  recordProjectActivity,
  type ProjectAccess,
} from '../projects/access.js';
import { actsFor, mayRecordIncome, mayRecordOutcome, mayViewAccount, recordableFor } from './permissions.js';
import * as repo from './repo.js';
import {
  checkShares,
  completion,
  contributionsOf,
  deadlineOf,
  excludedFromIncome,
  externalHolderKey,
  formatYuan,
  IP_TYPE_OF,
  moveShares,
  offerState,
  parseFen,
  runningBalances,
  sharesFromCharter,
  weightsOf,
  type Holding as HoldingFact,
  type ShareIssue,
  type TransferFacts,
} from './rules.js';
import type {
  Account,
  AccountQuery,
  CompleteTransferBody,
  Holding,
  Income,
  IncomeKind,
  IncomeList,
  IpType,
  OfferTransferBody,
  OrganizationRef,
  Outcome,
  OutcomeKind,
  OutcomeList,
  RecordIncomeBody,
  RecordOutcomeBody,
  RespondTransferBody,
  Transfer,
  TransferAnswer,
  TransferKind,
  TransferList,
  TransferStatus,
  WithdrawTransferBody,
} from './schemas.js';

/** The offer period for a project without an effective charter (a bilateral project). */
export const DEFAULT_OFFER_PERIOD_DAYS = 30;

// ---------------------------------------------------------------------------------------------
// Errors and loading

function notFound(what = 'No such outcome'): DomainError {
  return new DomainError('record.not_found', what);
}

function conflict(): DomainError {
  return new DomainError(
    'record.version_conflict',
    'The record changed since you loaded it; reload and try again',
  );
}

function forbidden(message: string): DomainError {
  return new DomainError('auth.forbidden', message);
}

interface Charter {
  id: string;
  number: number;
  content: CharterContent;
}

/** The project's effective charter, or null (a bilateral project, or none in force yet). */
async function charterOf(db: Queryable, project: ProjectRow): Promise<Charter | null> {
  return project.consortium_id ? effectiveCharter(db, project.consortium_id) : null;
}

/** The outcome and the caller's standing in its project; 404 unless the caller may see the project. */
async function loadOutcome(
  db: Queryable,
  actor: Actor,
  outcomeId: string,
): Promise<{ outcome: ProjectOutcomeRow; access: ProjectAccess }> {
  const outcome = await repo.findOutcome(db, outcomeId);
  if (!outcome) throw notFound();
  const access = await loadProjectAccess(db, actor, outcome.project_id);
  return { outcome, access };
}

function organizationRef(summary: OrganizationSummary | undefined, id: string): OrganizationRef {
  return {
    id,
    kind: summary?.kind ?? 'enterprise',
    nameZh: summary?.nameZh ?? '',
    nameEn: summary?.nameEn ?? '',
  };
}

/** `{key}_zh` and `{key}_en` params naming an organisation in each language. */
function bilingualName(
  key: string,
  summary: OrganizationSummary | undefined,
  id: string,
): Record<string, string> {
  return {
    [`${key}_zh`]: summary?.nameZh || summary?.nameEn || id,
    [`${key}_en`]: summary?.nameEn || summary?.nameZh || id,
  };
}

const ANSWER_TEXT = {
  accept: { zh: '接受了', en: 'accepted' },
  decline: { zh: '放弃了', en: 'waived' },
} as const;

const STATUS_TEXT: Readonly<Record<string, { zh: string; en: string }>> = {
  taken_by_co_owners: { zh: '由接受的共有人按比例受让', en: 'taken up by the accepting co-owners pro rata' },
  sold: { zh: '已出让给第三方', en: 'sold to a third party' },
  licensed: { zh: '已独占许可给第三方', en: 'licensed exclusively to a third party' },
};

function shareMessage(issue: ShareIssue): string {
  switch (issue.code) {
    case 'shares_not_10000':
      return `The shares add up to ${String(issue.total)} basis points; they must add up to exactly 10000`;
    case 'duplicate_holder':
      return 'Each organisation may be named once';
    case 'unknown_holder':
      return 'Only parties of the project may own shares';
    case 'zero_share':
      return 'Every share must be more than zero';
  }
}

// ---------------------------------------------------------------------------------------------
// Outcomes

function holdingView(row: OutcomeShareRow, organizations: Map<string, OrganizationSummary>): Holding {
  return {
    holderKey: row.holder_key,
    organization: row.organization_id
      ? organizationRef(organizations.get(row.organization_id), row.organization_id)
      : null,
    name: row.holder_name,
    basisPoints: row.basis_points,
  };
}

async function outcomeViews(
  db: Queryable,
  actor: Actor,
  rows: readonly ProjectOutcomeRow[],
): Promise<Outcome[]> {
  const shares = await repo.findShares(
    db,
    rows.map((r) => r.id),
  );
  const open = await repo.openTransferCounts(
    db,
    rows.map((r) => r.id),
  );
  const organizations = await findOrganizationSummaries(db, [
    ...rows.map((r) => r.organization_id),
    ...shares.flatMap((s) => (s.organization_id ? [s.organization_id] : [])),
  ]);
  return rows.map((row) => {
    const own = shares.filter((s) => s.outcome_id === row.id);
    return {
      id: row.id,
      projectId: row.project_id,
      kind: row.kind as OutcomeKind,
      ipType: row.ip_type as IpType | null,
      title: row.title,
      description: row.description,
      reference: row.reference,
      outcomeDate: row.outcome_date,
      filingDate: row.filing_date,
      grantDate: row.grant_date,
      charterNumber: row.charter_number,
      recordedFor: organizationRef(organizations.get(row.organization_id), row.organization_id),
      shares: own.map((s) => holdingView(s, organizations)),
      openTransfers: open.get(row.id) ?? 0,
      createdAt: row.created_at,
      version: row.version,
      permissions: {
        offerFor: own
          .filter(
            (s) => s.organization_id !== null && s.basis_points > 0 && actsFor(actor, s.organization_id),
          )
          .map((s) => s.organization_id as string),
      },
    };
  });
}

/** `GET /api/v1/projects/:id/outcomes`: the project's outcomes, newest first (its insiders). */
export async function listOutcomes(ctx: AppContext, actor: Actor, projectId: string): Promise<OutcomeList> {
  const access = await loadProjectAccess(ctx.db, actor, projectId);
  const parties = access.parties.map((p) => p.organizationId);
  const charter = await charterOf(ctx.db, access.project);
  const names = await findOrganizationSummaries(ctx.db, parties);
  return {
    items: await outcomeViews(ctx.db, actor, await repo.listOutcomes(ctx.db, projectId)),
    charterNumber: charter?.number ?? null,
    parties: parties.map((id) => organizationRef(names.get(id), id)),
    permissions: {
      recordFor: recordableFor(actor, parties),
      recordIncome: mayRecordIncome(actor, parties) && charter !== null,
    },
  };
}

/** `GET /api/v1/outcomes/:id`: one outcome with its current owners. */
export async function getOutcome(ctx: AppContext, actor: Actor, outcomeId: string): Promise<Outcome> {
  const { outcome } = await loadOutcome(ctx.db, actor, outcomeId);
  const [view] = await outcomeViews(ctx.db, actor, [outcome]);
  if (!view) throw notFound();
  return view;
}

/**
 * `POST /api/v1/projects/:id/outcomes`: a member of a party records a result. Its owners are the
 * effective charter's foreground IP shares for its type, copied now; a project without an
 * effective charter (a bilateral one) names the shares, among its parties. A paper has none.
 */
export async function recordOutcome(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  input: RecordOutcomeBody,
): Promise<Outcome> {
  const access = await loadProjectAccess(ctx.db, actor, projectId);
  const parties = access.parties.map((p) => p.organizationId);
  if (!mayRecordOutcome(actor, parties, input.organizationId)) {
    if (roleInAny(actor, input.organizationId) && !parties.includes(input.organizationId))
      throw DomainError.field(
        'outcome.not_a_party',
        'body.organizationId',
        'The organisation does not take part in the project',
      );
    throw forbidden('Only members of a party record outcomes for it');
  }
  const filingDate = input.filingDate ?? null;
  const grantDate = input.grantDate ?? (input.kind === 'patent_grant' ? input.outcomeDate : null);
  if (filingDate !== null && grantDate !== null && grantDate < filingDate)
    throw DomainError.field(
      'outcome.dates_inverted',
      'body.grantDate',
      'The grant date is before the filing date',
    );

  const ipType = IP_TYPE_OF[input.kind];
  const id = await ctx.db.transaction().execute(async (tx) => {
    const charter = await charterOf(tx, access.project);
    let shares: HoldingFact[] = [];
    if (ipType === null) {
      if (input.shares && input.shares.length > 0)
        throw DomainError.field(
          'outcome.shares_not_applicable',
          'body.shares',
          'This kind of outcome has no ownership shares',
        );
    } else if (charter) {
      if (input.shares !== undefined)
        throw DomainError.field(
          'outcome.shares_set_by_charter',
          'body.shares',
          `The shares follow the ${ipType} rule of charter version ${String(charter.number)}; leave them out`,
        );
      shares = sharesFromCharter(charter.content, ipType);
      const issue = checkShares(shares);
      if (issue)
        throw new DomainError(
          'outcome.charter_rule_incomplete',
          `The charter's ${ipType} rule has no valid shares: ${shareMessage(issue)}`,
          { charterVersion: charter.number, ipType },
        );
    } else {
      if (!input.shares || input.shares.length === 0)
        throw DomainError.field(
          'outcome.shares_required',
          'body.shares',
          'The project has no effective charter: name the ownership shares of its parties',
        );
      shares = input.shares.map((s) => ({ holderKey: s.organizationId, basisPoints: s.basisPoints }));
      const issue = checkShares(shares, new Set(parties));
      if (issue) throw DomainError.field('outcome.shares_invalid', 'body.shares', shareMessage(issue));
    }
    const now = nowIso();
    const row: ProjectOutcomeRow = {
      id: newId(),
      project_id: projectId,
      kind: input.kind,
      ip_type: ipType,
      title: input.title,
      description: input.description ?? '',
      reference: input.reference,
      outcome_date: input.outcomeDate,
      filing_date: filingDate,
      grant_date: grantDate,
      charter_version_id: ipType !== null && charter ? charter.id : null,
      charter_number: ipType !== null && charter ? charter.number : null,
      organization_id: input.organizationId,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await repo.insertOutcome(tx, row);
    const shareRows = shares.map((s): OutcomeShareRow => ({
      outcome_id: row.id,
      holder_key: s.holderKey,
      organization_id: s.holderKey,
      holder_name: null,
      basis_points: s.basisPoints,
    }));
    await repo.replaceShares(tx, row.id, shareRows);
    await recordProjectActivity(tx, {
      projectId,
      organizationId: input.organizationId,
      userId: actor.userId,
      stage: access.project.stage,
      kind: 'outcome_recorded',
      ref: row.id,
    });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'outcome.record',
      entityType: 'project_outcome',
      entityId: row.id,
      after: { ...row, shares: shareRows },
      details: { projectId, kind: row.kind, ipType, charterVersion: row.charter_number },
    });
    return row.id;
  });
  return getOutcome(ctx, actor, id);
}

function roleInAny(actor: UserActor, organizationId: string): boolean {
  return actor.memberships.has(organizationId);
}

// ---------------------------------------------------------------------------------------------
// Income and distribution

async function incomeViews(db: Queryable, rows: readonly IncomeEventRow[]): Promise<Income[]> {
  const statements = await repo.findStatements(
    db,
    rows.map((r) => r.id),
  );
  const organizations = await findOrganizationSummaries(
    db,
    statements.map((s) => s.organization_id),
  );
  const outcomeIds = [...new Set(rows.flatMap((r) => (r.outcome_id ? [r.outcome_id] : [])))];
  const outcomes = new Map<string, ProjectOutcomeRow>();
  for (const id of outcomeIds) {
    const outcome = await repo.findOutcome(db, id);
    if (outcome) outcomes.set(id, outcome);
  }
  return rows.map((row) => {
    const outcome = row.outcome_id ? outcomes.get(row.outcome_id) : undefined;
    return {
      id: row.id,
      projectId: row.project_id,
      number: row.number,
      kind: row.kind as IncomeKind,
      amountFen: row.amount_fen,
      receivedOn: row.received_on,
      payer: row.payer,
      outcome: outcome ? { id: outcome.id, title: outcome.title } : null,
      note: row.note,
      charterNumber: row.charter_number,
      method: row.method as Income['method'],
      costRecoveryFen: row.cost_recovery_fen,
      sharedFen: row.shared_fen,
      recordedAt: row.recorded_at,
      statements: statements
        .filter((s) => s.income_id === row.id)
        .map((s) => ({
          id: s.id,
          organization: organizationRef(organizations.get(s.organization_id), s.organization_id),
          costRecoveryFen: s.cost_recovery_fen,
          shareFen: s.share_fen,
          totalFen: s.total_fen,
          weight: s.weight,
        })),
    };
  });
}

/** `GET /api/v1/projects/:id/income`: the project's incomes with their statements, newest first. */
export async function listIncome(ctx: AppContext, actor: Actor, projectId: string): Promise<IncomeList> {
  const access = await loadProjectAccess(ctx.db, actor, projectId);
  const rows = await repo.listIncomes(ctx.db, projectId);
  const charter = await charterOf(ctx.db, access.project);
  let total = 0n;
  for (const row of rows) total += parseFen(row.amount_fen);
  return {
    items: await incomeViews(ctx.db, rows),
    totalFen: total.toString(),
    charterNumber: charter?.number ?? null,
    permissions: {
      record:
        charter !== null &&
        mayRecordIncome(
          actor,
          access.parties.map((p) => p.organizationId),
        ),
    },
  };
}

function noCharter(project: ProjectRow): DomainError {
  return new DomainError(
    'outcome.no_effective_charter',
    project.consortium_id
      ? 'The consortium has no effective charter: income is distributed only under a charter every member signed'
      : 'A bilateral project has no charter to distribute income by: settle it under the parties’ own contract',
    {},
  );
}

/**
 * `POST /api/v1/projects/:id/income`: an admin of a party records income. In one transaction it
 * is distributed under the effective charter's benefit rule (cost recovery first, if the rule has
 * it, against the charter's agreed contributions less what earlier incomes recovered; then fixed
 * shares or contribution weights), one statement per member exact to the fen, posted to each
 * member's account, each audited; the members' admins are notified. Refused without an effective
 * charter (a bilateral project has none).
 */
export async function recordIncome(
  ctx: AppContext,
  actor: UserActor,
  projectId: string,
  input: RecordIncomeBody,
): Promise<Income> {
  const access = await loadProjectAccess(ctx.db, actor, projectId);
  const parties = access.parties.map((p) => p.organizationId);
  if (!mayRecordIncome(actor, parties)) throw forbidden('Only admins of a party record income');
  const amount = parseFen(input.amountFen);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const charter = await charterOf(tx, access.project);
    if (!charter) throw noCharter(access.project);
    if (input.outcomeId) {
      const outcome = await repo.findOutcome(tx, input.outcomeId);
      if (outcome?.project_id !== projectId)
        throw DomainError.field(
          'outcome.related_outcome_not_found',
          'body.outcomeId',
          'The project has no such outcome',
        );
    }
    const number = await repo.nextIncomeNumber(tx, projectId);
    const recovered = new Map<string, bigint>();
    for (const s of await repo.findProjectStatements(tx, projectId))
      recovered.set(
        s.organization_id,
        (recovered.get(s.organization_id) ?? 0n) + parseFen(s.cost_recovery_fen),
      );
    const contributions = contributionsOf(charter.content);
    // The exit rule: a member that left before the income came may have no part in it.
    const excluded = excludedFromIncome(
      charter.content.exit.futureIncome,
      access.project.consortium_id ? await departedMembers(tx, access.project.consortium_id) : [],
      input.receivedOn,
    );
    const result = distributeIncome(
      amount,
      charter.content.benefit,
      contributions,
      [...recovered].map(([memberId, amountFen]) => ({ memberId, amountFen })),
      excluded,
    );
    if (!result.ok)
      throw new DomainError(
        'outcome.distribution_refused',
        result.refusal === 'nothing_to_weigh'
          ? 'The charter weighs income by contributions, but it records none'
          : `The charter's benefit rule cannot distribute this income (${result.refusal})`,
        { refusal: result.refusal, charterVersion: charter.number },
      );
    const { statement } = result;
    const weights = weightsOf(charter.content.benefit, contributions);
    for (const memberId of excluded) weights.delete(memberId);
    const now = nowIso();
    const income: IncomeEventRow = {
      id: newId(),
      project_id: projectId,
      number,
      kind: input.kind,
      amount_fen: statement.amountFen.toString(),
      received_on: input.receivedOn,
      payer: input.payer,
      outcome_id: input.outcomeId ?? null,
      note: input.note ?? '',
      charter_version_id: charter.id,
      charter_number: charter.number,
      method: statement.method,
      cost_recovery_fen: statement.costRecoveryFen.toString(),
      shared_fen: statement.sharedFen.toString(),
      recorded_by: actor.userId,
      recorded_at: now,
    };
    await repo.insertIncome(tx, income);
    const lines = statement.lines.map((line): DistributionStatementRow => ({
      id: newId(),
      income_id: income.id,
      project_id: projectId,
      organization_id: line.memberId,
      cost_recovery_fen: line.costRecoveryFen.toString(),
      share_fen: line.shareFen.toString(),
      total_fen: line.totalFen.toString(),
      weight: (weights.get(line.memberId) ?? 0n).toString(),
      created_at: now,
    }));
    await repo.insertStatements(tx, lines);
    const entries = lines
      .filter((line) => line.total_fen !== '0')
      .map((line): AccountEntryRow => ({
        id: newId(),
        organization_id: line.organization_id,
        project_id: projectId,
        statement_id: line.id,
        income_id: income.id,
        amount_fen: line.total_fen,
        posted_at: now,
      }));
    await repo.insertEntries(tx, entries);
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'outcome.income_record',
      entityType: 'project',
      entityId: projectId,
      after: income,
      details: {
        number,
        amountFen: income.amount_fen,
        charterVersion: charter.number,
        method: income.method,
        members: lines.length,
      },
    });
    for (const line of lines)
      await recordAudit(tx, {
        actorUserId: actor.userId,
        action: 'outcome.statement_post',
        entityType: 'organization',
        entityId: line.organization_id,
        after: line,
        details: { projectId, incomeNumber: number, totalFen: line.total_fen },
      });
    const party = actingPartyOf(access);
    if (party !== null)
      await recordProjectActivity(tx, {
        projectId,
        organizationId: party,
        userId: actor.userId,
        stage: access.project.stage,
        kind: 'income_recorded',
        ref: income.id,
      });
    const members = await findOrganizationSummaries(
      tx,
      lines.map((line) => line.organization_id),
    );
    for (const line of lines)
      await notify(tx, {
        kind: 'outcome.income_distributed',
        recipients: { organizationAdminsOf: [line.organization_id] },
        params: {
          project: access.project.title,
          number,
          amount: formatYuan(statement.amountFen),
          share: formatYuan(parseFen(line.total_fen)),
          ...bilingualName('organization', members.get(line.organization_id), line.organization_id),
        },
        link: `/my/income?organization=${line.organization_id}`,
        dedupeKey: `outcome.income_distributed:${income.id}:${line.organization_id}`,
      });
    return income.id;
  });
  const [row] = await repo.findIncomes(ctx.db, [id]);
  const [view] = row ? await incomeViews(ctx.db, [row]) : [];
  if (!view) throw notFound('No such income');
  return view;
}

// ---------------------------------------------------------------------------------------------
// Accounts

/**
 * `GET /api/v1/organizations/:id/account`: the organisation's account — what its statements
 * posted, newest first, with the balance after each — for its members, the cluster office and the
 * auditor only. Everyone else gets 404.
 */
export async function getAccount(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  query: AccountQuery,
): Promise<Account> {
  if (!mayViewAccount(actor, organizationId)) throw notFound('No such organisation');
  const organizations = await findOrganizationSummaries(ctx.db, [organizationId]);
  const organization = organizations.get(organizationId);
  if (!organization) throw notFound('No such organisation');
  const entries = await repo.listEntries(ctx.db, organizationId, query.projectId);
  const balances = runningBalances(entries.map((e) => e.amount_fen));
  const incomes = new Map(
    (
      await repo.findIncomes(
        ctx.db,
        entries.map((e) => e.income_id),
      )
    ).map((r) => [r.id, r]),
  );
  const statements = new Map(
    (
      await repo.findStatementsByIds(
        ctx.db,
        entries.map((e) => e.statement_id),
      )
    ).map((r) => [r.id, r]),
  );
  const titles = await repo.projectTitles(
    ctx.db,
    entries.map((e) => e.project_id),
  );
  const views = entries.map((entry, index) => {
    const income = incomes.get(entry.income_id);
    const statement = statements.get(entry.statement_id);
    return {
      id: entry.id,
      postedAt: entry.posted_at,
      amountFen: entry.amount_fen,
      balanceAfterFen: balances[index] ?? '0',
      project: { id: entry.project_id, title: titles.get(entry.project_id) ?? '' },
      income: {
        id: entry.income_id,
        number: income?.number ?? 0,
        kind: (income?.kind ?? 'other') as IncomeKind,
        payer: income?.payer ?? '',
        receivedOn: income?.received_on ?? '',
        amountFen: income?.amount_fen ?? '0',
      },
      statement: {
        id: entry.statement_id,
        costRecoveryFen: statement?.cost_recovery_fen ?? '0',
        shareFen: statement?.share_fen ?? '0',
      },
    };
  });
  return {
    organization: organizationRef(organization, organizationId),
    balanceFen: balances.at(-1) ?? '0',
    entries: views.reverse(),
  };
}

// ---------------------------------------------------------------------------------------------
// Transfers of a co-owner's share

function holdingsOf(rows: readonly OutcomeShareRow[]): HoldingFact[] {
  return rows.map((s) => ({ holderKey: s.holder_key, basisPoints: s.basis_points }));
}

function factsOf(
  transfer: IpTransferRow,
  shares: readonly OutcomeShareRow[],
  responses: readonly IpTransferResponseRow[],
): TransferFacts {
  return {
    kind: transfer.kind as TransferKind,
    sellerKey: transfer.seller_organization_id,
    basisPoints: transfer.basis_points,
    priceFen: transfer.price_fen,
    offeredAt: transfer.offered_at,
    offerPeriodDays: transfer.offer_period_days,
    shares: holdingsOf(shares),
    responses: responses
      .filter((r) => r.transfer_id === transfer.id)
      .map((r) => ({
        organizationId: r.organization_id,
        answer: r.answer as TransferAnswer,
        at: r.answered_at,
      })),
  };
}

async function transferViews(
  db: Queryable,
  actor: Actor,
  rows: readonly IpTransferRow[],
  shares: readonly OutcomeShareRow[],
): Promise<Transfer[]> {
  const responses = await repo.findResponses(
    db,
    rows.map((r) => r.id),
  );
  const organizations = await findOrganizationSummaries(db, [
    ...rows.flatMap((r) => [
      r.seller_organization_id,
      ...(r.transferee_organization_id ? [r.transferee_organization_id] : []),
    ]),
    ...responses.map((r) => r.organization_id),
    ...shares.flatMap((s) => (s.organization_id ? [s.organization_id] : [])),
  ]);
  const now = nowIso();
  return rows.map((row) => {
    const facts = factsOf(row, shares, responses);
    const open = row.status === 'offered';
    const state = offerState(facts, now);
    const probe = completion(facts, now, { key: externalHolderKey('\u0000probe'), priceFen: row.price_fen });
    const seller = actsFor(actor, row.seller_organization_id);
    return {
      id: row.id,
      outcomeId: row.outcome_id,
      seller: organizationRef(organizations.get(row.seller_organization_id), row.seller_organization_id),
      kind: row.kind as TransferKind,
      basisPoints: row.basis_points,
      priceFen: row.price_fen,
      offerPeriodDays: row.offer_period_days,
      offeredAt: row.offered_at,
      deadline: row.deadline,
      status: row.status as TransferStatus,
      responses: responses
        .filter((r) => r.transfer_id === row.id)
        .map((r) => ({
          organization: organizationRef(organizations.get(r.organization_id), r.organization_id),
          answer: r.answer as TransferAnswer,
          answeredAt: r.answered_at,
        })),
      awaiting: open ? state.awaiting.map((key) => organizationRef(organizations.get(key), key)) : [],
      thirdPartyAllowed: open && probe.ok && probe.to === 'third_party',
      transferee:
        row.transferee_organization_id || row.transferee_name
          ? {
              organization: row.transferee_organization_id
                ? organizationRef(
                    organizations.get(row.transferee_organization_id),
                    row.transferee_organization_id,
                  )
                : null,
              name: row.transferee_name,
            }
          : null,
      finalPriceFen: row.final_price_fen,
      moved: row.moved ? (JSON.parse(row.moved) as { holderKey: string; basisPoints: number }[]) : null,
      note: row.note,
      completedAt: row.completed_at,
      version: row.version,
      permissions: {
        respondFor: open && !state.lapsed ? state.awaiting.filter((key) => actsFor(actor, key)) : [],
        complete: open && seller,
        withdraw: open && seller,
      },
    };
  });
}

/** `GET /api/v1/outcomes/:id/transfers`: offers of shares of the outcome, newest first. */
export async function listTransfers(ctx: AppContext, actor: Actor, outcomeId: string): Promise<TransferList> {
  const { outcome } = await loadOutcome(ctx.db, actor, outcomeId);
  const shares = await repo.findShares(ctx.db, [outcome.id]);
  return { items: await transferViews(ctx.db, actor, await repo.listTransfers(ctx.db, outcome.id), shares) };
}

async function transferView(ctx: AppContext, actor: Actor, transferId: string): Promise<Transfer> {
  const row = await repo.findTransfer(ctx.db, transferId);
  if (!row) throw notFound('No such transfer');
  const shares = await repo.findShares(ctx.db, [row.outcome_id]);
  const [view] = await transferViews(ctx.db, actor, [row], shares);
  if (!view) throw notFound('No such transfer');
  return view;
}

/** The transfer of this outcome (404 otherwise), read in the transaction after locking the outcome. */
async function lockedTransfer(tx: Tx, outcomeId: string, transferId: string): Promise<IpTransferRow> {
  await repo.lockOutcome(tx, outcomeId);
  const row = await repo.findTransfer(tx, transferId);
  if (row?.outcome_id !== outcomeId) throw notFound('No such transfer');
  return row;
}

function notOpen(row: IpTransferRow): DomainError {
  return new DomainError('outcome.transfer_not_open', `The offer is ${row.status}, no longer open`, {
    status: row.status,
  });
}

async function notifyTransfer(
  tx: Tx,
  kind: string,
  organizationIds: readonly string[],
  outcome: ProjectOutcomeRow,
  transfer: IpTransferRow,
  extra: Record<string, string | number> = {},
): Promise<void> {
  const recipients = [...new Set(organizationIds)];
  if (recipients.length === 0) return;
  const seller = (await findOrganizationSummaries(tx, [transfer.seller_organization_id])).get(
    transfer.seller_organization_id,
  );
  await notify(tx, {
    kind,
    recipients: { organizationAdminsOf: recipients },
    params: {
      outcome: outcome.title,
      ...bilingualName('seller', seller, transfer.seller_organization_id),
      basisPoints: transfer.basis_points,
      price: formatYuan(parseFen(transfer.price_fen)),
      deadline: transfer.deadline,
      ...extra,
    },
    link: `/projects/${outcome.project_id}?tab=outcomes`,
    dedupeKey: `${kind}:${transfer.id}:${String(transfer.version)}`,
  });
}

/**
 * `POST /api/v1/outcomes/:id/transfers`: a co-owner's admin offers (part of) its share, for sale or
 * exclusive licence, first to the other co-owners for the charter's first-refusal period (30 days
 * for a project without an effective charter). One open offer per co-owner and outcome.
 */
export async function offerTransfer(
  ctx: AppContext,
  actor: UserActor,
  outcomeId: string,
  input: OfferTransferBody,
): Promise<Transfer> {
  const { outcome, access } = await loadOutcome(ctx.db, actor, outcomeId);
  if (!actsFor(actor, input.organizationId)) throw forbidden('Only admins of a co-owner offer its share');
  if (outcome.ip_type === null)
    throw new DomainError('outcome.no_ip_shares', 'This outcome has no ownership shares to transfer', {});
  const charter = await charterOf(ctx.db, access.project);
  const period = charter?.content.firstRefusal.offerPeriodDays ?? DEFAULT_OFFER_PERIOD_DAYS;
  const id = await ctx.db.transaction().execute(async (tx) => {
    await repo.lockOutcome(tx, outcomeId);
    const shares = await repo.findShares(tx, [outcomeId]);
    const held = shares.find((s) => s.holder_key === input.organizationId)?.basis_points ?? 0;
    if (held <= 0)
      throw DomainError.field(
        'outcome.not_co_owner',
        'body.organizationId',
        'The organisation owns no share of this outcome',
      );
    if (input.basisPoints > held)
      throw DomainError.field(
        'outcome.share_insufficient',
        'body.basisPoints',
        `The organisation holds ${String(held)} basis points; it cannot offer more`,
      );
    const existing = await repo.listTransfers(tx, outcomeId);
    if (existing.some((t) => t.status === 'offered' && t.seller_organization_id === input.organizationId))
      throw new DomainError(
        'outcome.transfer_open',
        'The organisation already has an open offer for this outcome',
        {},
      );
    const now = nowIso();
    const row: IpTransferRow = {
      id: newId(),
      outcome_id: outcomeId,
      project_id: outcome.project_id,
      seller_organization_id: input.organizationId,
      kind: input.kind,
      basis_points: input.basisPoints,
      price_fen: input.priceFen,
      offer_period_days: period,
      offered_at: now,
      deadline: deadlineOf(now, period),
      status: 'offered',
      transferee_organization_id: null,
      transferee_name: null,
      final_price_fen: null,
      moved: null,
      note: input.note ?? '',
      created_by: actor.userId,
      completed_at: null,
      updated_at: now,
      version: 1,
    };
    await repo.insertTransfer(tx, row);
    if (access.parties.some((p) => p.organizationId === input.organizationId))
      await recordProjectActivity(tx, {
        projectId: outcome.project_id,
        organizationId: input.organizationId,
        userId: actor.userId,
        stage: access.project.stage,
        kind: 'share_offered',
        ref: row.id,
      });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'outcome.transfer_offer',
      entityType: 'project_outcome',
      entityId: outcomeId,
      after: row,
      details: {
        transferId: row.id,
        seller: row.seller_organization_id,
        basisPoints: row.basis_points,
        deadline: row.deadline,
      },
    });
    const coOwners = shares
      .filter((s) => s.organization_id !== null && s.holder_key !== input.organizationId)
      .map((s) => s.organization_id as string);
    await notifyTransfer(tx, 'outcome.share_offered', coOwners, outcome, row);
    return row.id;
  });
  return transferView(ctx, actor, id);
}

/**
 * `POST /api/v1/outcomes/:id/transfers/:transferId/respond`: a co-owner's admin accepts (takes up
 * the share, pro rata with other acceptors) or waives, within the offer period. An answer binds.
 */
export async function respondTransfer(
  ctx: AppContext,
  actor: UserActor,
  outcomeId: string,
  transferId: string,
  input: RespondTransferBody,
): Promise<Transfer> {
  const { outcome } = await loadOutcome(ctx.db, actor, outcomeId);
  if (!actsFor(actor, input.organizationId)) throw forbidden('Only admins of a co-owner answer for it');
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockedTransfer(tx, outcomeId, transferId);
    if (row.status !== 'offered') throw notOpen(row);
    const shares = await repo.findShares(tx, [outcomeId]);
    const responses = await repo.findResponses(tx, [row.id]);
    const now = nowIso();
    const state = offerState(factsOf(row, shares, responses), now);
    if (!state.coOwners.includes(input.organizationId))
      throw DomainError.field(
        'outcome.not_co_owner',
        'body.organizationId',
        'Only the other co-owners answer an offer',
      );
    if (state.lapsed)
      throw new DomainError('outcome.offer_period_over', `The offer period ended at ${state.deadline}`, {
        deadline: state.deadline,
      });
    if (responses.some((r) => r.organization_id === input.organizationId))
      throw new DomainError(
        'outcome.already_answered',
        'The organisation has answered this offer already',
        {},
      );
    const response: IpTransferResponseRow = {
      transfer_id: row.id,
      organization_id: input.organizationId,
      answer: input.answer,
      answered_by: actor.userId,
      answered_at: now,
    };
    await repo.insertResponse(tx, response);
    if (!(await repo.updateTransfer(tx, row.id, row.version, { updated_at: now }))) throw conflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'outcome.transfer_respond',
      entityType: 'project_outcome',
      entityId: outcomeId,
      after: response,
      details: { transferId: row.id, organizationId: input.organizationId, answer: input.answer },
    });
    await notifyTransfer(
      tx,
      'outcome.share_offer_answered',
      [row.seller_organization_id],
      outcome,
      { ...row, version: row.version + 1 },
      {
        answer_zh: ANSWER_TEXT[input.answer].zh,
        answer_en: ANSWER_TEXT[input.answer].en,
        ...bilingualName(
          'coOwner',
          (await findOrganizationSummaries(tx, [input.organizationId])).get(input.organizationId),
          input.organizationId,
        ),
      },
    );
  });
  return transferView(ctx, actor, transferId);
}

/**
 * `POST /api/v1/outcomes/:id/transfers/:transferId/complete`: the seller's admin completes the
 * offer — to the co-owners that accepted (pro rata to their holdings), or, when first refusal
 * allows it, a sale or exclusive licence to a named third party. A sale moves the shares (they
 * still add up to 10,000 basis points); a licence leaves them.
 */
export async function completeTransfer(
  ctx: AppContext,
  actor: UserActor,
  outcomeId: string,
  transferId: string,
  input: CompleteTransferBody,
): Promise<Transfer> {
  const { outcome, access } = await loadOutcome(ctx.db, actor, outcomeId);
  const first = await repo.findTransfer(ctx.db, transferId);
  if (first?.outcome_id !== outcomeId) throw notFound('No such transfer');
  if (!actsFor(actor, first.seller_organization_id))
    throw forbidden('Only admins of the offering co-owner complete it');
  let transferee: {
    key: string;
    organizationId: string | null;
    name: string | null;
    priceFen: string;
  } | null = null;
  if (input.transferee) {
    const orgId = input.transferee.organizationId ?? null;
    const name = input.transferee.name ?? null;
    if (orgId !== null) {
      const found = await findOrganizationSummaries(ctx.db, [orgId]);
      if (!found.has(orgId))
        throw DomainError.field(
          'outcome.transferee_not_found',
          'body.transferee.organizationId',
          'No such organisation',
        );
      transferee = { key: orgId, organizationId: orgId, name, priceFen: input.transferee.priceFen };
    } else if (name !== null) {
      transferee = {
        key: externalHolderKey(name),
        organizationId: null,
        name,
        priceFen: input.transferee.priceFen,
      };
    } else {
      throw DomainError.field(
        'outcome.transferee_required',
        'body.transferee',
        'Name the third party: an organisation on the platform or its name',
      );
    }
    if (transferee.key === first.seller_organization_id)
      throw DomainError.field(
        'outcome.transferee_invalid',
        'body.transferee',
        'The seller cannot transfer to itself',
      );
  }
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockedTransfer(tx, outcomeId, transferId);
    if (row.status !== 'offered') throw notOpen(row);
    if (row.version !== input.version) throw conflict();
    const shares = await repo.findShares(tx, [outcomeId]);
    const responses = await repo.findResponses(tx, [row.id]);
    const now = nowIso();
    const decision = completion(factsOf(row, shares, responses), now, transferee);
    if (!decision.ok) {
      switch (decision.refusal) {
        case 'first_refusal_pending':
          throw new DomainError(
            'outcome.first_refusal_pending',
            `The co-owners' first-refusal period runs until ${decision.deadline}; ${String(decision.awaiting.length)} co-owner(s) have not answered`,
            { deadline: decision.deadline, awaiting: decision.awaiting },
          );
        case 'first_refusal_exercised':
          throw new DomainError(
            'outcome.first_refusal_exercised',
            'Co-owners accepted the offer: the share goes to them; complete it without a third party',
            { acceptedBy: decision.acceptedBy },
          );
        case 'price_below_offer':
          throw DomainError.field(
            'outcome.price_below_offer',
            'body.transferee.priceFen',
            'A third party may not pay less than the price offered to the co-owners',
          );
        case 'transferee_required':
          throw DomainError.field(
            'outcome.transferee_required',
            'body.transferee',
            'No co-owner accepted: name the third party to complete the transfer',
          );
        case 'seller_not_owner':
          throw new DomainError(
            'outcome.share_insufficient',
            'The seller no longer holds the share offered',
            {},
          );
      }
    }
    let moves: Map<string, number> | null = null;
    let status: TransferStatus;
    if (decision.to === 'co_owners') {
      moves = decision.moves;
      status = 'taken_by_co_owners';
    } else if (row.kind === 'sale') {
      moves = new Map([[transferee?.key ?? '', row.basis_points]]);
      status = 'sold';
    } else {
      status = 'licensed';
    }
    const before = shares;
    if (moves) {
      const next = moveShares(holdingsOf(shares), row.seller_organization_id, row.basis_points, moves);
      const rows = next.map((h): OutcomeShareRow => {
        const known = shares.find((s) => s.holder_key === h.holderKey);
        const isTransferee = transferee?.key === h.holderKey;
        return {
          outcome_id: outcomeId,
          holder_key: h.holderKey,
          organization_id: known
            ? known.organization_id
            : isTransferee
              ? (transferee?.organizationId ?? null)
              : h.holderKey,
          holder_name: known
            ? known.holder_name
            : isTransferee && !transferee?.organizationId
              ? (transferee?.name ?? null)
              : null,
          basis_points: h.basisPoints,
        };
      });
      await repo.replaceShares(tx, outcomeId, rows);
      if (!(await repo.updateOutcome(tx, outcomeId, outcome.version, { updated_at: now }))) {
        const current = await repo.findOutcome(tx, outcomeId);
        if (!current || !(await repo.updateOutcome(tx, outcomeId, current.version, { updated_at: now })))
          throw conflict();
      }
    }
    const changes: Partial<IpTransferRow> = {
      status,
      transferee_organization_id: decision.to === 'third_party' ? (transferee?.organizationId ?? null) : null,
      transferee_name: decision.to === 'third_party' ? (transferee?.name ?? null) : null,
      final_price_fen:
        decision.to === 'third_party' ? (transferee?.priceFen ?? row.price_fen) : row.price_fen,
      moved: moves
        ? JSON.stringify([...moves].map(([holderKey, basisPoints]) => ({ holderKey, basisPoints })))
        : null,
      completed_at: now,
      updated_at: now,
    };
    if (!(await repo.updateTransfer(tx, row.id, row.version, changes))) throw conflict();
    const after = await repo.findShares(tx, [outcomeId]);
    if (access.parties.some((p) => p.organizationId === row.seller_organization_id))
      await recordProjectActivity(tx, {
        projectId: outcome.project_id,
        organizationId: row.seller_organization_id,
        userId: actor.userId,
        stage: access.project.stage,
        kind: 'share_transferred',
        ref: row.id,
      });
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'outcome.transfer_complete',
      entityType: 'project_outcome',
      entityId: outcomeId,
      before: { transfer: row, shares: before },
      after: { transfer: { ...row, ...changes, version: row.version + 1 }, shares: after },
      details: {
        transferId: row.id,
        status,
        reason: decision.to === 'third_party' ? decision.reason : 'co_owners_accepted',
        moved: changes.moved ?? null,
      },
    });
    const recipients = [
      ...shares.flatMap((s) =>
        s.organization_id && s.holder_key !== row.seller_organization_id ? [s.organization_id] : [],
      ),
      ...(transferee?.organizationId ? [transferee.organizationId] : []),
    ];
    await notifyTransfer(
      tx,
      'outcome.share_transferred',
      recipients,
      outcome,
      { ...row, version: row.version + 1 },
      {
        status_zh: STATUS_TEXT[status]?.zh ?? status,
        status_en: STATUS_TEXT[status]?.en ?? status,
      },
    );
  });
  return transferView(ctx, actor, transferId);
}

/** `POST /api/v1/outcomes/:id/transfers/:transferId/withdraw`: the seller's admin withdraws an open offer. */
export async function withdrawTransfer(
  ctx: AppContext,
  actor: UserActor,
  outcomeId: string,
  transferId: string,
  input: WithdrawTransferBody,
): Promise<Transfer> {
  const { outcome } = await loadOutcome(ctx.db, actor, outcomeId);
  const first = await repo.findTransfer(ctx.db, transferId);
  if (first?.outcome_id !== outcomeId) throw notFound('No such transfer');
  if (!actsFor(actor, first.seller_organization_id))
    throw forbidden('Only admins of the offering co-owner withdraw it');
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockedTransfer(tx, outcomeId, transferId);
    if (row.status !== 'offered') throw notOpen(row);
    if (row.version !== input.version) throw conflict();
    const now = nowIso();
    const changes = { status: 'withdrawn', completed_at: now, updated_at: now };
    if (!(await repo.updateTransfer(tx, row.id, row.version, changes))) throw conflict();
    await recordAudit(tx, {
      actorUserId: actor.userId,
      action: 'outcome.transfer_withdraw',
      entityType: 'project_outcome',
      entityId: outcomeId,
      before: row,
      after: { ...row, ...changes, version: row.version + 1 },
      details: { transferId: row.id },
    });
    const shares = await repo.findShares(tx, [outcomeId]);
    await notifyTransfer(
      tx,
      'outcome.share_offer_withdrawn',
      shares.flatMap((s) =>
        s.organization_id && s.holder_key !== row.seller_organization_id ? [s.organization_id] : [],
      ),
      outcome,
      { ...row, version: row.version + 1 },
    );
  });
  return transferView(ctx, actor, transferId);
}
