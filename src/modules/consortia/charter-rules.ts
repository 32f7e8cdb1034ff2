/**
 * Pure decisions about charters: whether a version's content is sound (with exact messages), a
 * member's duties and whether it may leave, the canonical form signatures bind to, when a version
 * is effective, and a readable diff between versions. No I/O, no framework, no node: imports.
 *
 * Digest: a version's digest is `sha256Hex(canonicalCharter(content))`, which equals
 * `digestOf(content)` of platform/audit/chain.ts (a test checks). The hashing itself stays with
 * the service, because chain.ts hashes with node:crypto and this file must stay free of node:
 * imports; only the canonical text, the part that decides what a signature covers, lives here.
 */
import {
  BASIS_POINTS_WHOLE,
  DISPUTE_STEPS,
  OUTCOME_TYPES,
  type CharterContent,
  type OutcomeType,
  type Share,
} from './charter.js';

// ---------------------------------------------------------------------------------------------
// Issues

/** A member of the consortium as the rules see it; the name, when given, makes messages readable. */
export interface CharterMember {
  id: string;
  name?: string;
}

export type CharterIssueCode =
  | 'charter.objectives_missing'
  | 'charter.duplicate_id'
  | 'charter.unknown_member'
  | 'charter.member_repeated'
  | 'charter.work_package_without_responsible'
  | 'charter.work_package_responsible_not_member'
  | 'charter.responsible_also_contributing'
  | 'charter.dates_inverted'
  | 'charter.unknown_work_package'
  | 'charter.negative_contribution'
  | 'charter.share_out_of_range'
  | 'charter.shares_not_10000'
  | 'charter.licensee_not_co_owner'
  | 'charter.dispute_procedure_missing'
  | 'charter.dispute_steps_out_of_order'
  | 'charter.dispute_arbitration_and_litigation'
  | 'charter.arbitration_commission_missing'
  | 'charter.member_without_duty'
  | 'charter.member_has_open_duties';

/**
 * A problem with a charter: a FieldIssue (`field` is a dotted path into the request, e.g.
 * `content.workPackages.0.responsibleMemberId`) plus the figures and ids the message names, so the
 * web app can word it in zh-CN or en itself.
 */
export interface CharterIssue {
  field: string;
  code: CharterIssueCode;
  message: string;
  params: Record<string, string | number>;
}

/** Reading names of the outcome types, as the messages use them. */
export const OUTCOME_NAMES: Readonly<Record<OutcomeType, string>> = {
  patent: 'patents',
  software: 'software',
  know_how: 'know-how',
  standard: 'standards',
};

/** An integer with thousands separators (`-12,345`), the same in every locale; other numbers as they are. */
export function groupDigits(value: number | bigint): string {
  if (typeof value === 'number' && !Number.isInteger(value)) return String(value);
  const digits = (value < 0 ? -BigInt(value) : BigInt(value)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return value < 0 ? `-${grouped}` : grouped;
}

/** A person-month figure as people write it (`7.5`, `12`). */
function formatMonths(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Collects issues in the order a person reads the charter. */
class IssueList {
  readonly issues: CharterIssue[] = [];
  private readonly names = new Map<string, string>();
  readonly memberIds: ReadonlySet<string>;

  constructor(members: readonly CharterMember[]) {
    for (const member of members) if (member.name) this.names.set(member.id, member.name);
    this.memberIds = new Set(members.map((member) => member.id));
  }

  /** How a message names an organisation: its name if known, else its id. */
  label(memberId: string): string {
    return this.names.get(memberId) ?? `organisation ${memberId}`;
  }

  add(field: string, code: CharterIssueCode, message: string, params: CharterIssue['params'] = {}): void {
    this.issues.push({ field, code, message: capitalise(message), params });
  }

  /** Flags `memberId` at `field` unless it is a current member; true when it is one. */
  requireMember(field: string, memberId: string, role: string): boolean {
    if (this.memberIds.has(memberId)) return true;
    this.add(
      field,
      'charter.unknown_member',
      `${this.label(memberId)} (${role}) is not a member of this consortium`,
      {
        memberId,
      },
    );
    return false;
  }

  /** Flags the second and later uses of an id in one list. */
  requireUniqueIds(items: readonly { id: string }[], field: string, noun: string): void {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) {
        this.add(
          `${field}.${index}.id`,
          'charter.duplicate_id',
          `The id ${item.id} is used by more than one ${noun}; ids must be unique`,
          { id: item.id },
        );
      }
      seen.add(item.id);
    });
  }

  /** A share table: members only, each once, each 0..10,000, together exactly 10,000. */
  checkShares(shares: readonly Share[], field: string, tableName: string): void {
    const seen = new Set<string>();
    let total = 0;
    shares.forEach((share, index) => {
      const entry = `${field}.${index}`;
      this.requireMember(`${entry}.memberId`, share.memberId, `holder of ${tableName}`);
      if (seen.has(share.memberId)) {
        this.add(
          `${entry}.memberId`,
          'charter.member_repeated',
          `${this.label(share.memberId)} is listed more than once in ${tableName}; list each member once`,
          { memberId: share.memberId },
        );
      }
      seen.add(share.memberId);
      if (
        !Number.isInteger(share.basisPoints) ||
        share.basisPoints < 0 ||
        share.basisPoints > BASIS_POINTS_WHOLE
      ) {
        this.add(
          `${entry}.basisPoints`,
          'charter.share_out_of_range',
          `The share of ${this.label(share.memberId)} in ${tableName} is ${groupDigits(share.basisPoints)} basis points; a share is a whole number from 0 to 10,000`,
          { memberId: share.memberId, basisPoints: share.basisPoints },
        );
      }
      total += share.basisPoints;
    });
    if (total !== BASIS_POINTS_WHOLE) {
      this.add(
        field,
        'charter.shares_not_10000',
        `${tableName} add up to ${groupDigits(total)} basis points; they must add up to exactly 10,000`,
        { total },
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Every problem with a charter's content, for the consortium's current `members`, in reading
 * order (objectives, work packages, contributions, IP, benefit rule, disputes, then members
 * without duties). Empty means the version may be signed.
 */
export function validateCharter(content: CharterContent, members: readonly CharterMember[]): CharterIssue[] {
  const list = new IssueList(members);

  if (content.objectives.length === 0) {
    list.add(
      'content.objectives',
      'charter.objectives_missing',
      'State at least one objective of the consortium',
    );
  }

  // Work packages
  list.requireUniqueIds(content.workPackages, 'content.workPackages', 'work package');
  content.workPackages.forEach((wp, index) => {
    const field = `content.workPackages.${index}`;
    const responsible = wp.responsibleMemberId;
    if (responsible === null) {
      list.add(
        `${field}.responsibleMemberId`,
        'charter.work_package_without_responsible',
        `Work package ${wp.id} has no responsible member; it needs exactly one`,
        { workPackageId: wp.id },
      );
    } else if (!list.memberIds.has(responsible)) {
      list.add(
        `${field}.responsibleMemberId`,
        'charter.work_package_responsible_not_member',
        `The responsible member of work package ${wp.id}, ${list.label(responsible)}, is not a member of this consortium`,
        { workPackageId: wp.id, memberId: responsible },
      );
    }
    const seen = new Set<string>();
    wp.contributingMemberIds.forEach((memberId, j) => {
      const entry = `${field}.contributingMemberIds.${j}`;
      list.requireMember(entry, memberId, `contributing to work package ${wp.id}`);
      if (memberId === responsible) {
        list.add(
          entry,
          'charter.responsible_also_contributing',
          `${list.label(memberId)} is responsible for work package ${wp.id}; do not list it as contributing too`,
          { workPackageId: wp.id, memberId },
        );
      } else if (seen.has(memberId)) {
        list.add(
          entry,
          'charter.member_repeated',
          `${list.label(memberId)} is listed more than once as contributing to work package ${wp.id}`,
          { workPackageId: wp.id, memberId },
        );
      }
      seen.add(memberId);
    });
    list.requireUniqueIds(wp.deliverables, `${field}.deliverables`, `deliverable of work package ${wp.id}`);
    if (wp.startDate !== null && wp.endDate !== null && wp.endDate < wp.startDate) {
      list.add(
        `${field}.endDate`,
        'charter.dates_inverted',
        `Work package ${wp.id} ends (${wp.endDate}) before it starts (${wp.startDate})`,
        { workPackageId: wp.id, startDate: wp.startDate, endDate: wp.endDate },
      );
    }
  });

  // Contributions
  const workPackageIds = new Set(content.workPackages.map((wp) => wp.id));
  list.requireUniqueIds(content.contributions, 'content.contributions', 'contribution');
  content.contributions.forEach((contribution, index) => {
    const field = `content.contributions.${index}`;
    list.requireMember(`${field}.memberId`, contribution.memberId, `contribution ${contribution.id}`);
    if (contribution.workPackageId !== null && !workPackageIds.has(contribution.workPackageId)) {
      list.add(
        `${field}.workPackageId`,
        'charter.unknown_work_package',
        `Contribution ${contribution.id} goes to work package ${contribution.workPackageId}, which the charter does not have`,
        { contributionId: contribution.id, workPackageId: contribution.workPackageId },
      );
    }
    if (contribution.valuationFen < 0) {
      list.add(
        `${field}.valuationFen`,
        'charter.negative_contribution',
        `Contribution ${contribution.id} is valued at ${groupDigits(contribution.valuationFen)} fen; no contribution may be negative`,
        { contributionId: contribution.id, valuationFen: contribution.valuationFen },
      );
    }
    if (contribution.kind === 'personnel' && contribution.personMonths < 0) {
      list.add(
        `${field}.personMonths`,
        'charter.negative_contribution',
        `Contribution ${contribution.id} states ${formatMonths(contribution.personMonths)} person-months; no contribution may be negative`,
        { contributionId: contribution.id, personMonths: contribution.personMonths },
      );
    }
  });

  // Background IP
  list.requireUniqueIds(content.backgroundIp, 'content.backgroundIp', 'background IP item');
  content.backgroundIp.forEach((item, index) => {
    list.requireMember(
      `content.backgroundIp.${index}.ownerMemberId`,
      item.ownerMemberId,
      `owner of ${item.id}`,
    );
  });

  // Foreground IP
  for (const type of OUTCOME_TYPES) {
    const rule = content.foregroundIp[type];
    const field = `content.foregroundIp.${type}`;
    list.checkShares(rule.shares, `${field}.shares`, `foreground IP shares for ${OUTCOME_NAMES[type]}`);
    if (rule.licensing.whoMayLicense === 'designated_members') {
      const owners = new Set(rule.shares.filter((s) => s.basisPoints > 0).map((s) => s.memberId));
      const seen = new Set<string>();
      rule.licensing.designatedMemberIds.forEach((memberId, j) => {
        const entry = `${field}.licensing.designatedMemberIds.${j}`;
        if (seen.has(memberId)) {
          list.add(
            entry,
            'charter.member_repeated',
            `${list.label(memberId)} is named more than once to license ${OUTCOME_NAMES[type]}`,
            { memberId, outcomeType: type },
          );
        } else if (
          list.requireMember(entry, memberId, `licensing ${OUTCOME_NAMES[type]}`) &&
          !owners.has(memberId)
        ) {
          list.add(
            entry,
            'charter.licensee_not_co_owner',
            `${list.label(memberId)} is named to license ${OUTCOME_NAMES[type]} but holds no share of them; only co-owners may license`,
            { memberId, outcomeType: type },
          );
        }
        seen.add(memberId);
      });
    }
  }

  // Benefit rule
  if (content.benefit.method === 'fixed') {
    list.checkShares(content.benefit.shares, 'content.benefit.shares', 'fixed income shares');
  }

  // Dispute procedure
  checkDisputeProcedure(content, list);

  // Every member has a duty
  for (const member of members) {
    if (dutiesOf(content, member.id).length === 0) {
      list.add(
        'content.workPackages',
        'charter.member_without_duty',
        `${list.label(member.id)} has no duty: make it responsible for or contributing to a work package, or record a contribution of it`,
        { memberId: member.id },
      );
    }
  }

  return list.issues;
}

function checkDisputeProcedure(content: CharterContent, list: IssueList): void {
  const steps = content.dispute.steps;
  if (steps.length === 0) {
    list.add(
      'content.dispute.steps',
      'charter.dispute_procedure_missing',
      'Set out the dispute procedure: at least one of negotiation, mediation, arbitration or litigation',
    );
    return;
  }
  let previous = -1;
  for (const [index, rule] of steps.entries()) {
    const rank = DISPUTE_STEPS.indexOf(rule.step);
    if (rank <= previous) {
      list.add(
        `content.dispute.steps.${index}`,
        'charter.dispute_steps_out_of_order',
        `Dispute step ${String(index + 1)} (${rule.step}) is out of order; each step appears once, in the order negotiation, mediation, arbitration or litigation`,
        { step: rule.step, position: index + 1 },
      );
      break;
    }
    previous = rank;
  }
  const names = new Set(steps.map((s) => s.step));
  if (names.has('arbitration') && names.has('litigation')) {
    list.add(
      'content.dispute.steps',
      'charter.dispute_arbitration_and_litigation',
      'The dispute procedure names both arbitration and litigation; choose one, since an arbitration agreement excludes the courts',
    );
  }
  steps.forEach((rule, index) => {
    if (rule.step === 'arbitration' && rule.forum.trim() === '') {
      list.add(
        `content.dispute.steps.${index}.forum`,
        'charter.arbitration_commission_missing',
        'Name the arbitration commission; an arbitration agreement without one is invalid',
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Duties and leaving

/** Something a member has undertaken in the charter. `field` points at it, for the UI. */
export type Duty =
  | { kind: 'responsible'; workPackageId: string; field: string }
  | { kind: 'contributing'; workPackageId: string; field: string }
  | { kind: 'contribution'; contributionId: string; field: string };

/** Every duty of `memberId` in the charter: work packages it leads or works on, and its contributions. */
export function dutiesOf(content: CharterContent, memberId: string): Duty[] {
  const duties: Duty[] = [];
  content.workPackages.forEach((wp, index) => {
    if (wp.responsibleMemberId === memberId) {
      duties.push({
        kind: 'responsible',
        workPackageId: wp.id,
        field: `content.workPackages.${index}.responsibleMemberId`,
      });
    }
    const j = wp.contributingMemberIds.indexOf(memberId);
    if (j >= 0) {
      duties.push({
        kind: 'contributing',
        workPackageId: wp.id,
        field: `content.workPackages.${index}.contributingMemberIds.${j}`,
      });
    }
  });
  content.contributions.forEach((contribution, index) => {
    if (contribution.memberId === memberId) {
      duties.push({
        kind: 'contribution',
        contributionId: contribution.id,
        field: `content.contributions.${index}`,
      });
    }
  });
  return duties;
}

/**
 * What the project has already done, from its own records: a duty in a completed work package or a
 * fulfilled contribution is no longer open.
 */
export interface DutyProgress {
  completedWorkPackageIds?: readonly string[];
  fulfilledContributionIds?: readonly string[];
}

/** The duties of `memberId` still open, i.e. the ones to reassign before it may leave. */
export function openDuties(content: CharterContent, memberId: string, progress: DutyProgress = {}): Duty[] {
  const completed = new Set(progress.completedWorkPackageIds ?? []);
  const fulfilled = new Set(progress.fulfilledContributionIds ?? []);
  return dutiesOf(content, memberId).filter((duty) =>
    duty.kind === 'contribution' ? !fulfilled.has(duty.contributionId) : !completed.has(duty.workPackageId),
  );
}

export type LeaveDecision = { allowed: true } | { allowed: false; openDuties: Duty[]; issue: CharterIssue };

/**
 * Whether `member` may leave under `content`: only with no open duties. To leave, members amend
 * the charter so its duties pass to others, and this is asked of the amended content.
 */
export function canLeave(
  content: CharterContent,
  member: CharterMember,
  progress: DutyProgress = {},
): LeaveDecision {
  const open = openDuties(content, member.id, progress);
  if (open.length === 0) return { allowed: true };
  const list = new IssueList([member]);
  const described = open.map((duty) => {
    switch (duty.kind) {
      case 'responsible':
        return `responsible for work package ${duty.workPackageId}`;
      case 'contributing':
        return `contributing to work package ${duty.workPackageId}`;
      case 'contribution':
        return `contribution ${duty.contributionId}`;
    }
  });
  const count = open.length === 1 ? '1 open duty' : `${String(open.length)} open duties`;
  list.add(
    open[0]?.field ?? 'content',
    'charter.member_has_open_duties',
    `${list.label(member.id)} cannot leave with ${count} (${described.join('; ')}); reassign them first`,
    { memberId: member.id, openDuties: open.length },
  );
  const issue = list.issues[0] as CharterIssue;
  return { allowed: false, openDuties: open, issue };
}

// ---------------------------------------------------------------------------------------------
// Canonical form and signatures

/**
 * The text a charter version's digest covers: JSON with object keys sorted at every depth and
 * undefined fields left out; list order is kept (it is part of what people sign). Identical to
 * `canonicalJson` of platform/audit/chain.ts, rebuilt here to stay free of node: imports.
 */
export function canonicalCharter(content: CharterContent): string {
  return JSON.stringify(sortKeys(content));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    // No prototype: a `__proto__` key is then an ordinary key, not silently dropped.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** A member's signature of a charter version: it binds to that version's content digest. */
export interface CharterSignature {
  memberId: string;
  digest: string;
}

/** The current members who have not signed the content with `digest` (in the order given). */
export function missingSignatures(
  digest: string,
  currentMemberIds: readonly string[],
  signatures: readonly CharterSignature[],
): string[] {
  const signed = new Set(signatures.filter((s) => s.digest === digest).map((s) => s.memberId));
  return currentMemberIds.filter((memberId) => !signed.has(memberId));
}

/**
 * A version is effective only when every current member has signed that exact content (its
 * digest). Signatures of another version, or of former members, count for nothing; a consortium
 * without members has no effective charter.
 */
export function isEffective(
  version: { digest: string },
  currentMemberIds: readonly string[],
  signatures: readonly CharterSignature[],
): boolean {
  return (
    currentMemberIds.length > 0 &&
    missingSignatures(version.digest, currentMemberIds, signatures).length === 0
  );
}

// ---------------------------------------------------------------------------------------------
// Diff

/** Top-level parts of a charter, in the order a person reads them (and the diff lists them). */
export const CHARTER_SECTIONS = [
  'currency',
  'objectives',
  'workPackages',
  'contributions',
  'backgroundIp',
  'foregroundIp',
  'firstRefusal',
  'benefit',
  'exit',
  'dispute',
] as const;
export type CharterSection = (typeof CHARTER_SECTIONS)[number];

/** One step of a path: an object key, a list item by its id (or member, or step), or a list position. */
export type PathSegment = { key: string } | { item: string } | { index: number };

interface ChangeBase {
  section: CharterSection;
  /** Readable path, e.g. `workPackages[WP1].deliverables[D1.2].dueDate`, `objectives[0]`. */
  path: string;
  segments: PathSegment[];
}

/**
 * One difference between two versions. Values are the JSON values of the part (a whole work
 * package when one is added). `reordered` lists the ids of items both versions have, in each order.
 */
export type CharterChange = ChangeBase &
  (
    | { kind: 'added'; after: unknown }
    | { kind: 'removed'; before: unknown }
    | { kind: 'changed'; before: unknown; after: unknown }
    | { kind: 'reordered'; before: string[]; after: string[] }
  );

// Keys of the parts of a charter in reading order (the sections themselves follow CHARTER_SECTIONS);
// anything else follows, alphabetically.
const KEY_ORDER: readonly string[] = [
  'id',
  'kind',
  'method',
  'whoMayLicense',
  'step',
  'title',
  'memberId',
  'ownerMemberId',
  'responsibleMemberId',
  'contributingMemberIds',
  'designatedMemberIds',
  'stage',
  'description',
  'workPackageId',
  'valuationFen',
  'personMonths',
  'registrationNumber',
  'projectAccess',
  'exploitationAccess',
  'patent',
  'software',
  'know_how',
  'standard',
  'shares',
  'basisPoints',
  'licensing',
  'memberUse',
  'terms',
  'costRecovery',
  'kinds',
  'offerPeriodDays',
  'noticeDays',
  'foregroundIp',
  'futureIncome',
  'steps',
  'days',
  'forum',
  'deliverables',
  'dueDate',
  'startDate',
  'endDate',
  'conditions',
];
const rankOf = (order: readonly string[]) => new Map(order.map((key, index) => [key, index] as const));
const SECTION_RANK = rankOf(CHARTER_SECTIONS);
const KEY_RANK = rankOf(KEY_ORDER);

function compareKeys(rank: ReadonlyMap<string, number>, a: string, b: string): number {
  const ra = rank.get(a) ?? rank.size;
  const rb = rank.get(b) ?? rank.size;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fields that identify an item in a list, tried in this order. */
const ITEM_KEYS = ['id', 'memberId', 'step'] as const;

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function same(a: Json, b: Json): boolean {
  return a === b || JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function pathText(segments: readonly PathSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if ('key' in segment) text += text === '' ? segment.key : `.${segment.key}`;
    else if ('item' in segment) text += `[${segment.item}]`;
    else text += `[${String(segment.index)}]`;
  }
  return text;
}

/**
 * What changed from `before` to `after`, in reading order: sections in CHARTER_SECTIONS order,
 * list items matched by their id (work packages, deliverables, contributions, background IP),
 * member (shares) or step (dispute), plain lists (objectives, member lists) aligned so an insertion
 * is one addition. Empty exactly when both have the same canonical form, i.e. the same digest.
 */
export function charterDiff(before: CharterContent, after: CharterContent): CharterChange[] {
  const changes: CharterChange[] = [];
  diffValue(before, after, [], changes);
  return changes;
}

function emit(
  changes: CharterChange[],
  segments: PathSegment[],
  change:
    | { kind: 'added'; after: Json }
    | { kind: 'removed'; before: Json }
    | { kind: 'changed'; before: Json; after: Json }
    | { kind: 'reordered'; before: string[]; after: string[] },
): void {
  const first = segments[0];
  // Every change of two charters lies under a section key; the fallback only serves malformed input.
  const section = (first && 'key' in first ? first.key : 'currency') as CharterSection;
  changes.push({ section, path: pathText(segments), segments: [...segments], ...change });
}

function diffValue(before: Json, after: Json, segments: PathSegment[], changes: CharterChange[]): void {
  if (same(before, after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    const rank = segments.length === 0 ? SECTION_RANK : KEY_RANK;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort((a, b) =>
      compareKeys(rank, a, b),
    );
    for (const key of keys) {
      const b = before[key];
      const a = after[key];
      const at = [...segments, { key }];
      if (b === undefined && a !== undefined) emit(changes, at, { kind: 'added', after: a });
      else if (a === undefined && b !== undefined) emit(changes, at, { kind: 'removed', before: b });
      else diffValue(b, a, at, changes);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const itemKey = ITEM_KEYS.find((key) => isKeyedBy(before, key) && isKeyedBy(after, key));
    if (itemKey) diffKeyedList(before, after, itemKey, segments, changes);
    else if (before.every(isScalar) && after.every(isScalar))
      diffScalarList(before, after, segments, changes);
    else diffByPosition(before, after, segments, changes);
    return;
  }
  emit(changes, segments, { kind: 'changed', before, after });
}

function isScalar(value: Json): boolean {
  return value === null || typeof value !== 'object';
}

/** Whether every item is an object with a distinct string in field `key`. */
function isKeyedBy(items: readonly Json[], key: string): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    if (!isPlainObject(item)) return false;
    const value = item[key];
    if (typeof value !== 'string' || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

function diffKeyedList(
  before: readonly Json[],
  after: readonly Json[],
  key: string,
  segments: PathSegment[],
  changes: CharterChange[],
): void {
  const keyOf = (item: Json) => (item as Record<string, string>)[key] as string;
  const beforeByKey = new Map(before.map((item) => [keyOf(item), item] as const));
  const afterKeys = new Set(after.map(keyOf));
  const commonBefore = before.map(keyOf).filter((k) => afterKeys.has(k));
  const commonAfter = after.map(keyOf).filter((k) => beforeByKey.has(k));
  if (commonBefore.some((k, i) => k !== commonAfter[i])) {
    emit(changes, segments, { kind: 'reordered', before: commonBefore, after: commonAfter });
  }
  for (const item of after) {
    const k = keyOf(item);
    const at = [...segments, { item: k }];
    const previous = beforeByKey.get(k);
    if (previous === undefined) emit(changes, at, { kind: 'added', after: item });
    else diffValue(previous, item, at, changes);
  }
  for (const item of before) {
    const k = keyOf(item);
    if (!afterKeys.has(k)) emit(changes, [...segments, { item: k }], { kind: 'removed', before: item });
  }
}

/**
 * Plain lists aligned by their longest common subsequence; within each gap between kept entries,
 * removed and added entries pair up as changes (an edited objective reads as one change).
 */
function diffScalarList(
  before: readonly Json[],
  after: readonly Json[],
  segments: PathSegment[],
  changes: CharterChange[],
): void {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      const row = lcs[i] as number[];
      row[j] =
        before[i] === after[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  let i = 0;
  let j = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k += 1) {
      const b = removed[k] as number;
      const a = added[k] as number;
      emit(changes, [...segments, { index: a }], { kind: 'changed', before: before[b], after: after[a] });
    }
    for (const b of removed.slice(paired))
      emit(changes, [...segments, { index: b }], { kind: 'removed', before: before[b] });
    for (const a of added.slice(paired))
      emit(changes, [...segments, { index: a }], { kind: 'added', after: after[a] });
    removed = [];
    added = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      flush();
      i += 1;
      j += 1;
    } else if (
      j >= m ||
      (i < n && ((lcs[i + 1] as number[])[j] as number) >= ((lcs[i] as number[])[j + 1] as number))
    ) {
      removed.push(i);
      i += 1;
    } else {
      added.push(j);
      j += 1;
    }
  }
  flush();
}

function diffByPosition(
  before: readonly Json[],
  after: readonly Json[],
  segments: PathSegment[],
  changes: CharterChange[],
): void {
  const length = Math.max(before.length, after.length);
  for (let index = 0; index < length; index += 1) {
    const at = [...segments, { index }];
    if (index >= before.length) emit(changes, at, { kind: 'added', after: after[index] });
    else if (index >= after.length) emit(changes, at, { kind: 'removed', before: before[index] });
    else diffValue(before[index], after[index], at, changes);
  }
}
