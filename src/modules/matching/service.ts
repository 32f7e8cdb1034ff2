/**
 * Use cases of matching: import and export of the JSON-lines interchange format, the CORDIS and
 * MOE importers, and ranking organisations for free text. Imports are trusted operator actions:
 * one transaction per file, every record audited by the module that owns it (organisation,
 * need, …) plus one `import.batch` event summarising the file.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { canonicalJson } from '../../platform/audit/chain.js';
import { ANONYMOUS } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { DomainError } from '../../platform/errors.js';
import { newId, nowIso } from '../../platform/ids.js';
import {
  findStoredRecordFacts,
  insertAchievementInTransaction,
  insertCapabilityInTransaction,
  insertExpertInTransaction,
  insertNeedInTransaction,
  listAchievements,
  listCapabilities,
  listExperts,
  listNeeds,
  updateAchievementInTransaction,
  updateCapabilityInTransaction,
  updateExpertInTransaction,
  updateNeedInTransaction,
  type StoredRecordFacts,
} from '../directory/service.js';
import {
  findOrganizationSummaries,
  insertOrganizationInTransaction,
  updateOrganizationInTransaction,
} from '../organizations/service.js';
import type { OrganizationKind, ServiceType, SizeClass } from '../organizations/schemas.js';
import * as repo from './repo.js';
import { MatchIndex, type Analyzer, type MatchCandidate } from './ranking.js';
import { hasChinese } from './rules.js';
import {
  InterchangeLine,
  type AchievementLine,
  type CapabilityLine,
  type ExpertLine,
  type ImportIssue,
  type ImportSummary,
  type InterchangeType,
  type MatchOutput,
  type NeedLine,
  type OrganizationLine,
} from './schemas.js';
import { CONCEPT_PREFIX } from '../search/analyzer.js';
import { sharedAnalyzer } from './text.js';

export const JSONL_SOURCE = 'jsonl';

/** Platform ids are ULIDs. */
const PLATFORM_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Thrown inside the import transaction to roll it back and name the row at fault. */
class RowError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
  }
}

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; issues: ImportIssue[] };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(line)';
}

interface ParsedLine {
  row: number;
  line: InterchangeLine;
  hash: string;
}

/** Parses and validates every line; returns all problems rather than the first. */
export function parseJsonl(text: string): { lines: ParsedLine[]; issues: ImportIssue[] } {
  const lines: ParsedLine[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const row = index + 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        issues.push({ row, field: '(line)', message: `Not valid JSON: ${(error as Error).message}` });
        return;
      }
      const parsed = InterchangeLine.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          issues.push({ row, field: fieldOf(issue.path), message: issue.message });
        return;
      }
      const key = `${parsed.data.type}:${parsed.data.id}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          row,
          field: 'id',
          message: `Duplicate ${parsed.data.type} id "${parsed.data.id}" (row ${first})`,
        });
        return;
      }
      seen.set(key, row);
      lines.push({ row, line: parsed.data, hash: sha256(canonicalJson(effectiveRecord(parsed.data))) });
    });
  return { lines, issues };
}

/** Default cooperation modes, achievement kind, readiness and transfer modes of imported records. */
export const IMPORT_DEFAULTS = {
  cooperationModes: ['joint_rd'] as const,
  achievementKind: 'know_how' as const,
  /** The lowest readiness level: an import never overstates how ready a result is. */
  trl: 1,
  transferModes: ['licence'] as const,
};

/**
 * A line with the defaults applied: what the record will hold. Two lines with the same effective
 * record (say, an exported line and the line it was imported from) are the same record.
 */
function effectiveRecord(line: InterchangeLine): unknown {
  switch (line.type) {
    case 'organization':
      return { ...line, keywords: line.keywords ?? [] };
    case 'need':
    case 'capability':
      return {
        type: line.type,
        id: line.id,
        title: line.title,
        description: line.description,
        keywords: line.keywords ?? [],
        owner: line.owner,
        cluster: line.cluster ?? null,
        visibility: line.visibility,
        cooperationModes: line.cooperation_modes ?? IMPORT_DEFAULTS.cooperationModes,
      };
    case 'achievement':
      return {
        type: line.type,
        id: line.id,
        title: line.title,
        description: line.description,
        keywords: line.keywords ?? [],
        owner: line.owner,
        cluster: line.cluster ?? null,
        visibility: line.visibility,
        kind: line.kind ?? IMPORT_DEFAULTS.achievementKind,
        trl: line.trl ?? IMPORT_DEFAULTS.trl,
        transferModes: line.transfer_modes ?? IMPORT_DEFAULTS.transferModes,
        registrationNumber: line.registration_number ?? null,
      };
    case 'expert':
      return {
        type: line.type,
        id: line.id,
        name: line.name ?? line.title ?? null,
        description: line.description ?? '',
        keywords: line.keywords ?? [],
        owner: line.owner,
        position: line.position ?? null,
        orcid: line.orcid ?? null,
        cluster: line.cluster ?? null,
      };
  }
}

/**
 * The organisation a line describes. Names and descriptions always come from the line; the
 * optional identifiers and classes only when the line has them (an update keeps the others), and a
 * new enterprise or service organisation without one gets the documented default.
 */
function organizationInput(line: OrganizationLine, isNew: boolean) {
  const description = line.description.trim();
  const descriptionIsChinese = hasChinese(description);
  const optional = <T>(value: T | undefined, fallback: T | null): { value: T | null } | undefined =>
    value !== undefined ? { value } : isNew ? { value: fallback } : undefined;
  const sizeClass = optional<SizeClass>(line.size_class, line.kind === 'enterprise' ? 'small' : null);
  const serviceType = optional<ServiceType>(
    line.service_type,
    line.kind === 'service' ? 'technology_transfer' : null,
  );
  const creditCode = optional(line.credit_code, null);
  const moeCode = optional(line.moe_code, null);
  const district = optional(line.district, null);
  const website = optional(line.website, null);
  return {
    kind: line.kind,
    nameZh: (line.name_zh ?? line.name).slice(0, 120),
    nameEn: line.name_en ?? line.name,
    descriptionZh: line.description_zh ?? (descriptionIsChinese ? description : ''),
    descriptionEn: line.description_en ?? (descriptionIsChinese ? '' : description),
    ...(sizeClass ? { sizeClass: sizeClass.value } : {}),
    ...(serviceType ? { serviceType: serviceType.value } : {}),
    ...(creditCode ? { creditCode: creditCode.value } : {}),
    ...(moeCode ? { moeCode: moeCode.value } : {}),
    ...(district ? { district: district.value } : {}),
    ...(website ? { website: website.value } : {}),
  };
}

/** Runs `work` for a row, turning domain errors into an issue that names the row and field. */
async function atRow<T>(row: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RowError) throw error;
    if (error instanceof DomainError) {
      const first = error.details.issues?.[0];
      const field = (first?.field ?? error.code).replace(/^body\./, '');
      throw new RowError({ row, field, message: first?.message ?? error.message });
    }
    throw new RowError({
      row,
      field: '(line)',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * `consortia import jsonl`: all or nothing. Organisations are written first (so records may
 * name owners defined later in the file), then experts, needs, capabilities and achievements.
 * An id already imported updates its record; an unchanged record is left alone.
 */
export async function importJsonl(
  ctx: AppContext,
  text: string,
  options: { actorUserId?: string | null; fileName?: string } = {},
): Promise<ImportResult> {
  const actor = options.actorUserId ?? null;
  const { lines, issues } = parseJsonl(text);
  const orgLines = lines.filter((l) => l.line.type === 'organization');
  const otherLines = lines.filter((l) => l.line.type !== 'organization');
  const existingOrgs = await repo.findExternalRefs(
    ctx.db,
    JSONL_SOURCE,
    'organization',
    lines.map((l) => (l.line.type === 'organization' ? l.line.id : l.line.owner)),
  );
  const inFile = new Set(orgLines.map((l) => l.line.id));
  const unresolved = otherLines
    .map((l) => (l.line.type === 'organization' ? null : { row: l.row, owner: l.line.owner }))
    .filter((x): x is { row: number; owner: string } => x !== null)
    .filter((x) => !inFile.has(x.owner) && !existingOrgs.has(x.owner));
  if (unresolved.length > 0) {
    const internal = await findOrganizationSummaries(
      ctx.db,
      unresolved.map((u) => u.owner),
    );
    for (const u of unresolved)
      if (!internal.has(u.owner))
        issues.push({
          row: u.row,
          field: 'owner',
          message: `No organisation with id "${u.owner}" in this file or imported before`,
        });
  }
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.row - b.row) };

  const otherRefs = new Map<string, Map<string, { entity_id: string; content_hash: string }>>();
  for (const type of ['expert', 'need', 'capability', 'achievement'] as const) {
    otherRefs.set(
      type,
      await repo.findExternalRefs(
        ctx.db,
        JSONL_SOURCE,
        type,
        otherLines.filter((l) => l.line.type === type).map((l) => l.line.id),
      ),
    );
  }
  // Records exported with platform ids (never imported): unchanged when they equal their export.
  const unreferenced = otherLines.some(
    (l) => PLATFORM_ID.test(l.line.id) && !otherRefs.get(l.line.type)?.has(l.line.id),
  );
  const current = unreferenced ? await currentRecordHashes(ctx) : new Map<string, string>();
  const summary: ImportSummary = { rows: lines.length, created: 0, updated: 0, unchanged: 0, byType: {} };
  const count = (type: InterchangeType, outcome: 'created' | 'updated' | 'unchanged'): void => {
    summary[outcome] += 1;
    summary.byType[type] = (summary.byType[type] ?? 0) + 1;
  };
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const orgIds = new Map<string, string>();
      for (const [externalId, ref] of existingOrgs) orgIds.set(externalId, ref.entity_id);
      for (const { row, line, hash } of orgLines) {
        if (line.type !== 'organization') continue;
        await atRow(row, async () => {
          const ref = existingOrgs.get(line.id) ?? (await internalRef(tx, line.id));
          let id: string;
          if (ref) {
            id = ref.entity_id;
            if (ref.content_hash === hash) {
              count('organization', 'unchanged');
            } else {
              const { kind, ...changes } = organizationInput(line, false);
              const current = (await findOrganizationSummaries(tx, [id])).get(id)?.kind;
              if (current !== kind)
                throw new RowError({
                  row,
                  field: 'kind',
                  message: `The organisation is a ${current}; kinds never change`,
                });
              const changed = await updateOrganizationInTransaction(
                tx,
                id,
                { ...changes, verified: line.verified },
                actor,
              );
              const profileChanged = await saveProfile(tx, id, line, now);
              count('organization', changed || profileChanged ? 'updated' : 'unchanged');
            }
          } else {
            id = await insertOrganizationInTransaction(
              tx,
              { ...organizationInput(line, true), verified: line.verified, isDemo: false },
              new Map(),
              [],
              actor,
            );
            await saveProfile(tx, id, line, now);
            count('organization', 'created');
          }
          orgIds.set(line.id, id);
          await repo.upsertExternalRef(tx, {
            source: JSONL_SOURCE,
            entity_type: 'organization',
            external_id: line.id,
            entity_id: id,
            content_hash: hash,
            imported_at: now,
          });
        });
      }
      for (const { row, line, hash } of otherLines) {
        if (line.type === 'organization') continue;
        await atRow(row, async () => {
          const ownerId = orgIds.get(line.owner) ?? line.owner;
          const exported = current.get(`${line.type}:${line.id}`);
          const ref =
            otherRefs.get(line.type)?.get(line.id) ??
            (exported !== undefined ? { entity_id: line.id, content_hash: exported } : undefined);
          if (ref?.content_hash === hash) {
            count(line.type, 'unchanged');
            return;
          }
          const stored = ref ? await findStoredRecordFacts(tx, line.type, ref.entity_id) : null;
          let entityId: string;
          if (ref && stored) {
            entityId = ref.entity_id;
            if (stored.ownerOrganizationId !== ownerId)
              throw new RowError({
                row,
                field: 'owner',
                message: `The ${line.type} "${line.id}" belongs to another organisation; an import never moves a record to another owner`,
              });
            const changed = await updateRecord(tx, row, line, entityId, stored, actor);
            count(line.type, changed ? 'updated' : 'unchanged');
          } else {
            entityId = await insertRecord(tx, row, line, ownerId, actor);
            count(line.type, 'created');
          }
          await repo.upsertExternalRef(tx, {
            source: JSONL_SOURCE,
            entity_type: line.type,
            external_id: line.id,
            entity_id: entityId,
            content_hash: hash,
            imported_at: now,
          });
        });
      }
      const batchId = newId();
      await recordAudit(tx, {
        actorUserId: actor,
        action: 'import.batch',
        entityType: 'import',
        entityId: batchId,
        after: { sha256: sha256(text), ...summary },
        details: { source: JSONL_SOURCE, file: options.fileName ?? null, ...summary },
      });
    });
  } catch (error) {
    if (error instanceof RowError) return { ok: false, issues: [error.issue] };
    throw error;
  }
  return { ok: true, summary };
}

type RecordLine = NeedLine | CapabilityLine | AchievementLine | ExpertLine;

/** A need's or capability's fields as the directory takes them, defaults applied. */
function listingFields(line: NeedLine | CapabilityLine) {
  return {
    title: line.title,
    description: line.description,
    keywords: line.keywords ?? [],
    cluster: line.cluster ?? null,
    cooperationModes: [...(line.cooperation_modes ?? IMPORT_DEFAULTS.cooperationModes)],
    visibility: line.visibility,
  };
}

/** An achievement's fields as the directory takes them, defaults applied. */
function achievementFields(line: AchievementLine) {
  return {
    title: line.title,
    description: line.description,
    keywords: line.keywords ?? [],
    cluster: line.cluster ?? null,
    kind: line.kind ?? IMPORT_DEFAULTS.achievementKind,
    registrationNumber: line.registration_number ?? null,
    trl: line.trl ?? IMPORT_DEFAULTS.trl,
    transferModes: [...(line.transfer_modes ?? IMPORT_DEFAULTS.transferModes)],
    visibility: line.visibility,
  };
}

function expertName(row: number, line: ExpertLine): string {
  const name = line.name ?? line.title;
  if (!name) throw new RowError({ row, field: 'title', message: 'An expert needs a name (title or name)' });
  return name;
}

/** Adds the record a line describes (trusted: the owner's kind is not checked); returns its id. */
async function insertRecord(
  tx: Tx,
  row: number,
  line: RecordLine,
  ownerId: string,
  actor: string | null,
): Promise<string> {
  const options = { actorUserId: actor, isDemo: false, skipOwnerKindCheck: true };
  switch (line.type) {
    case 'need':
      return insertNeedInTransaction(tx, { ownerOrganizationId: ownerId, ...listingFields(line) }, options);
    case 'capability':
      return insertCapabilityInTransaction(
        tx,
        { ownerOrganizationId: ownerId, ...listingFields(line) },
        options,
      );
    case 'achievement':
      return insertAchievementInTransaction(
        tx,
        { ownerOrganizationId: ownerId, ...achievementFields(line) },
        options,
      );
    case 'expert': {
      const name = expertName(row, line);
      return insertExpertInTransaction(
        tx,
        {
          organizationId: ownerId,
          ...(hasChinese(name) ? { nameZh: name } : { nameEn: name }),
          ...(line.position ? { title: line.position } : {}),
          keywords: line.keywords ?? [],
          ...(line.orcid ? { orcid: line.orcid } : {}),
          cluster: line.cluster ?? null,
          bio: line.description ?? '',
        },
        options,
      );
    }
  }
}

/**
 * Brings an imported record in line with its changed line, through the directory's own update
 * (same rules, next version, audited, re-indexed); returns whether anything changed. The fields
 * the format carries take the line's values, defaults applied as on the first import; the others
 * (public keywords, budget, deadline, NDA terms, research fields) and the status stay as they are
 * on the platform, so a closed record takes the new text and stays closed.
 */
async function updateRecord(
  tx: Tx,
  row: number,
  line: RecordLine,
  id: string,
  stored: StoredRecordFacts,
  actor: string | null,
): Promise<boolean> {
  const options = { actorUserId: actor };
  switch (line.type) {
    case 'need':
      return updateNeedInTransaction(tx, id, listingFields(line), options);
    case 'capability':
      return updateCapabilityInTransaction(tx, id, listingFields(line), options);
    case 'achievement':
      return updateAchievementInTransaction(tx, id, achievementFields(line), options);
    case 'expert': {
      const name = expertName(row, line);
      const names = stored.expertNames ?? { zh: '', en: '' };
      // The name goes where its script says, and the other language's name stays (it may have
      // been added on the platform) unless the expert had no name in this script: then the name
      // changed language, and the old one, from the earlier import, would otherwise still show.
      const nameFields = hasChinese(name)
        ? { nameZh: name, ...(names.zh === '' ? { nameEn: '' } : {}) }
        : { nameEn: name, ...(names.en === '' ? { nameZh: '' } : {}) };
      return updateExpertInTransaction(
        tx,
        id,
        {
          ...nameFields,
          title: line.position ?? '',
          keywords: line.keywords ?? [],
          orcid: line.orcid ?? null,
          cluster: line.cluster ?? null,
          bio: line.description ?? '',
        },
        options,
      );
    }
  }
}

/** The effective-record hash of every record as export writes it now, by `type:id`. */
async function currentRecordHashes(ctx: AppContext): Promise<Map<string, string>> {
  const { lines } = await exportJsonl(ctx);
  return new Map(parseJsonl(lines.join('\n')).lines.map((l) => [`${l.line.type}:${l.line.id}`, l.hash]));
}

/** An id that is not an external id but a platform organisation id (a file written by export). */
async function internalRef(tx: Tx, id: string) {
  const found = await findOrganizationSummaries(tx, [id]);
  return found.has(id) ? { entity_id: id, content_hash: '' } : undefined;
}

async function saveProfile(
  tx: Tx,
  organizationId: string,
  line: OrganizationLine,
  now: string,
): Promise<boolean> {
  const keywords = JSON.stringify(line.keywords ?? []);
  const before = await repo.findMatchProfile(tx, organizationId);
  const wanted = { country: line.country ?? null, city: line.city ?? null, keywords };
  const same = before
    ? before.country === wanted.country && before.city === wanted.city && before.keywords === wanted.keywords
    : wanted.country === null && wanted.city === null && keywords === '[]';
  if (same) return false;
  await repo.upsertMatchProfile(tx, {
    organization_id: organizationId,
    country: line.country ?? null,
    city: line.city ?? null,
    keywords,
    updated_at: now,
  });
  return true;
}

/** Both descriptions, when `description` alone would not bring them back as they are. */
function descriptionFields(org: { description_zh: string; description_en: string }): Record<string, string> {
  const description = org.description_zh || org.description_en;
  const chinese = hasChinese(description);
  const restored = { zh: chinese ? description : '', en: chinese ? '' : description };
  return restored.zh === org.description_zh && restored.en === org.description_en
    ? {}
    : { description_zh: org.description_zh, description_en: org.description_en };
}

/** The name an organisation goes by in the interchange format: Chinese when it has one. */
function displayName(row: { name_zh: string; name_en: string }): string {
  return hasChinese(row.name_zh) || !row.name_en ? row.name_zh : row.name_en;
}

export interface ExportResult {
  lines: string[];
  /** Records whose visibility tier hides their details from a public reader: left out. */
  withheld: number;
}

/** Pages through one of the directory's public lists. */
async function everyPage<T>(fetch: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await fetch(offset);
    all.push(...page.items);
    if (page.items.length < 100 || all.length >= page.total) return all;
  }
}

/**
 * `consortia export jsonl`: every organisation and every directory record a public reader may
 * see in full, in the import format; ids are the external ids they were imported with, or
 * platform ids. Re-importing the file changes nothing.
 */
export async function exportJsonl(ctx: AppContext): Promise<ExportResult> {
  const lines: string[] = [];
  const refs = await repo.listExternalRefs(ctx.db, JSONL_SOURCE);
  const externalOf = new Map(refs.map((r) => [`${r.entity_type}:${r.entity_id}`, r.external_id]));
  const idOf = (type: string, id: string): string => externalOf.get(`${type}:${id}`) ?? id;
  const profiles = new Map((await repo.listMatchProfiles(ctx.db)).map((p) => [p.organization_id, p]));
  for (const org of await repo.listOrganizationsForMatching(ctx.db)) {
    const profile = profiles.get(org.id);
    const name = displayName(org);
    const keywords = profile ? (JSON.parse(profile.keywords) as string[]) : [];
    lines.push(
      JSON.stringify({
        type: 'organization',
        id: idOf('organization', org.id),
        name,
        kind: org.kind,
        description: org.description_zh || org.description_en,
        ...(profile?.country ? { country: profile.country } : {}),
        ...(profile?.city ? { city: profile.city } : {}),
        ...(keywords.length > 0 ? { keywords } : {}),
        ...(org.name_en && org.name_en !== name ? { name_en: org.name_en } : {}),
        ...(org.name_zh !== name ? { name_zh: org.name_zh } : {}),
        ...descriptionFields(org),
        ...(org.verification_status === 'verified' ? {} : { verified: false }),
        ...(org.district ? { district: org.district } : {}),
        ...(org.size_class ? { size_class: org.size_class } : {}),
        ...(org.service_type ? { service_type: org.service_type } : {}),
        ...(org.website ? { website: org.website } : {}),
        ...(org.moe_code ? { moe_code: org.moe_code } : {}),
        ...(org.credit_code ? { credit_code: org.credit_code } : {}),
      }),
    );
  }
  let withheld = 0;
  const owner = (id: string): string => idOf('organization', id);
  const needs = await everyPage((offset) => listNeeds(ctx, ANONYMOUS, { limit: 100, offset }));
  for (const item of needs) {
    if (item.detailsHidden) {
      withheld += 1;
      continue;
    }
    lines.push(
      JSON.stringify({
        type: 'need',
        id: idOf('need', item.id),
        title: item.title,
        description: item.description,
        keywords: item.keywords,
        owner: owner(item.owner.id),
        ...(item.cluster ? { cluster: item.cluster.slug } : {}),
        cooperation_modes: item.cooperationModes,
      }),
    );
  }
  const capabilities = await everyPage((offset) => listCapabilities(ctx, ANONYMOUS, { limit: 100, offset }));
  for (const item of capabilities) {
    if (item.detailsHidden) {
      withheld += 1;
      continue;
    }
    lines.push(
      JSON.stringify({
        type: 'capability',
        id: idOf('capability', item.id),
        title: item.title,
        description: item.description,
        keywords: item.keywords,
        owner: owner(item.owner.id),
        ...(item.cluster ? { cluster: item.cluster.slug } : {}),
        cooperation_modes: item.cooperationModes,
      }),
    );
  }
  const achievements = await everyPage((offset) => listAchievements(ctx, ANONYMOUS, { limit: 100, offset }));
  for (const item of achievements) {
    if (item.detailsHidden) {
      withheld += 1;
      continue;
    }
    lines.push(
      JSON.stringify({
        type: 'achievement',
        id: idOf('achievement', item.id),
        title: item.title,
        description: item.description,
        keywords: item.keywords,
        owner: owner(item.owner.id),
        ...(item.cluster ? { cluster: item.cluster.slug } : {}),
        kind: item.kind,
        trl: item.trl,
        transfer_modes: item.transferModes,
        ...(item.registrationNumber ? { registration_number: item.registrationNumber } : {}),
      }),
    );
  }
  const experts = await everyPage((offset) => listExperts(ctx, ANONYMOUS, { limit: 100, offset }));
  for (const item of experts) {
    const name = item.nameZh || item.nameEn;
    lines.push(
      JSON.stringify({
        type: 'expert',
        id: idOf('expert', item.id),
        title: name,
        description: item.bio,
        keywords: item.keywords,
        owner: owner(item.organization.id),
        ...(item.title ? { position: item.title } : {}),
        ...(item.orcid ? { orcid: item.orcid } : {}),
        ...(item.cluster ? { cluster: item.cluster.slug } : {}),
      }),
    );
  }
  return { lines, withheld };
}

// ---------------------------------------------------------------------------------------------
// Matching organisations

export interface OrganizationMatcher {
  /** How many organisations are indexed. */
  size: number;
  match(text: string, options?: { kinds?: readonly string[]; top?: number }): MatchOutput[];
}

function addText(texts: Map<string, string[]>, id: string, ...parts: (string | null | undefined)[]): void {
  const list = texts.get(id);
  const clean = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  if (list) list.push(...clean);
  else texts.set(id, clean);
}

/**
 * Builds the index once (verified organisations, their public directory records and their past
 * collaborations) and answers many queries from it. Organisation text: name, description,
 * keywords, and what public readers see of its capabilities and achievements.
 */
export async function buildOrganizationMatcher(
  ctx: AppContext,
  analyzer: Analyzer = sharedAnalyzer,
): Promise<OrganizationMatcher> {
  const orgs = (await repo.listOrganizationsForMatching(ctx.db)).filter(
    (o) => o.verification_status === 'verified',
  );
  const texts = new Map<string, string[]>();
  const profiles = new Map((await repo.listMatchProfiles(ctx.db)).map((p) => [p.organization_id, p]));
  for (const org of orgs) {
    const profile = profiles.get(org.id);
    const keywords = profile ? (JSON.parse(profile.keywords) as string[]) : [];
    addText(
      texts,
      org.id,
      org.name_zh,
      org.name_en !== org.name_zh ? org.name_en : '',
      org.description_zh,
      org.description_en,
      ...keywords,
    );
  }
  const capabilities = await everyPage((offset) => listCapabilities(ctx, ANONYMOUS, { limit: 100, offset }));
  const achievements = await everyPage((offset) => listAchievements(ctx, ANONYMOUS, { limit: 100, offset }));
  for (const item of [...capabilities, ...achievements]) {
    addText(texts, item.owner.id, item.title, ...item.publicKeywords);
    if (!item.detailsHidden) addText(texts, item.owner.id, item.description, ...item.keywords);
  }
  const clusters = new Map<
    string,
    { cluster: string; chainPosition: 'upstream' | 'midstream' | 'downstream' }[]
  >();
  for (const c of await repo.listOrganizationClusters(ctx.db)) {
    const list = clusters.get(c.organization_id) ?? [];
    list.push({
      cluster: c.slug,
      chainPosition: c.chain_position as 'upstream' | 'midstream' | 'downstream',
    });
    clusters.set(c.organization_id, list);
  }
  // Past collaborations: the co-participation graph, track records and project text.
  const members = new Map<string, string[]>();
  const projectCount = new Map<string, number>();
  for (const p of await repo.listParticipations(ctx.db)) {
    const list = members.get(p.project_id) ?? [];
    list.push(p.organization_id);
    members.set(p.project_id, list);
    projectCount.set(p.organization_id, (projectCount.get(p.organization_id) ?? 0) + 1);
    addText(texts, p.organization_id, p.programme, p.topic, p.title);
  }
  const graph = new Map<string, Map<string, number>>();
  for (const list of members.values())
    for (const a of list) {
      let ties = graph.get(a);
      if (!ties) graph.set(a, (ties = new Map<string, number>()));
      for (const b of list) if (a !== b) ties.set(b, (ties.get(b) ?? 0) + 1);
    }
  const candidates: MatchCandidate[] = orgs.map((org) => ({
    id: org.id,
    kind: org.kind,
    tokens: analyzer.tokens((texts.get(org.id) ?? []).join('\n')),
    clusters: clusters.get(org.id) ?? [],
    district: org.district,
    country: profiles.get(org.id)?.country ?? null,
    projects: projectCount.get(org.id) ?? 0,
  }));
  const index = new MatchIndex(candidates, { graph });
  const refs = await repo.listAllExternalRefs(ctx.db, 'organization');
  const outsideId = new Map<string, string>();
  for (const ref of refs)
    if (ref.source === JSONL_SOURCE || !outsideId.has(ref.entity_id))
      outsideId.set(ref.entity_id, ref.external_id);
  const names = new Map(orgs.map((o) => [o.id, displayName(o)]));
  return {
    size: index.size,
    match(text, options = {}) {
      const surface = surfaceWords(text, analyzer);
      const results = index.rank({
        tokens: analyzer.tokens(text),
        kinds: options.kinds,
        top: options.top ?? 10,
      });
      return results.map((r) => ({
        id: outsideId.get(r.id) ?? r.id,
        name: names.get(r.id) ?? r.id,
        score: Math.round(r.score * 1e6) / 1e6,
        reasons: r.reasons.map((reason) => {
          if (reason.code === 'past_collaboration')
            return { ...reason, partners: reason.partners.map((p) => outsideId.get(p) ?? p) };
          if (reason.code === 'shared_terms') return readableTerms(reason.terms, surface);
          return reason;
        }),
      }));
    },
  };
}

/**
 * Shared terms as people read them: words, without the sub-words of a longer shared word
 * (碳化硅 rather than 碳化, 化硅), and glossary concepts apart, by their concept id.
 */
export function readableTerms(
  tokens: readonly string[],
  surface: ReadonlyMap<string, string> = new Map(),
): {
  code: 'shared_terms';
  terms: string[];
  concepts?: string[];
} {
  const concepts = tokens
    .filter((t) => t.startsWith(CONCEPT_PREFIX))
    .map((t) => t.slice(CONCEPT_PREFIX.length));
  const words = tokens.filter((t) => !t.startsWith(CONCEPT_PREFIX));
  const kept = words.filter(
    (w) => !words.some((other) => other !== w && other.length > w.length && other.includes(w)),
  );
  const terms = [...new Set(kept.map((t) => surface.get(t) ?? t))];
  return { code: 'shared_terms', terms, ...(concepts.length > 0 ? { concepts } : {}) };
}

/** Each stemmed token of a query mapped back to the word it came from (packag → packaging). */
export function surfaceWords(text: string, analyzer: Analyzer): Map<string, string> {
  const surface = new Map<string, string>();
  for (const word of text.split(/[\s,;，；、。.!?！？()（）]+/)) {
    // Chinese words come out of the analyser as they are written; only stems need their word back.
    if (!word || hasChinese(word)) continue;
    for (const token of analyzer.tokens(word))
      if (!surface.has(token)) surface.set(token, word.toLowerCase());
  }
  return surface;
}

/** Kinds named on the command line, checked against ours (CORDIS codes accepted). */
export function parseKinds(list: string): OrganizationKind[] {
  const parsed = InterchangeLine.options[0].shape.kind;
  return list
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => {
      const result = parsed.safeParse(k);
      if (!result.success) throw new Error(`Unknown kind "${k}"`);
      return result.data;
    });
}
