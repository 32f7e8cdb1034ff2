/**
 * Bulk importers of outside data sets: CORDIS H2020 (organisations and their past projects, the
 * collaboration graph) and the MOE list of universities. One transaction each; organisations are
 * audited one by one by the organisations module, the rest by one `import.batch` event.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { canonicalJson } from '../../platform/audit/chain.js';
import type { Tx } from '../../platform/db/database.js';
import { newId, nowIso } from '../../platform/ids.js';
import {
  insertOrganizationInTransaction,
  updateOrganizationInTransaction,
} from '../organizations/service.js';
import type { CreateOrganizationBody } from '../organizations/schemas.js';
import { readCordis, type CordisData } from './cordis.js';
import { moeKind, parseMoeUniversities } from './moe.js';
import * as repo from './repo.js';
import { CORDIS_KINDS } from './rules.js';

export const CORDIS_SOURCE = 'cordis';
export const MOE_SOURCE = 'moe';

function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

type OrganizationInput = Omit<CreateOrganizationBody, 'clusters'>;

interface OrganizationImport {
  externalId: string;
  input: OrganizationInput;
  profile: { country: string | null; city: string | null };
  /** An organisation already on the platform to adopt (same MOE code). */
  adopt?: string | undefined;
}

/** Creates or updates organisations by external id; returns external id → platform id. */
async function upsertOrganizations(
  tx: Tx,
  source: string,
  items: readonly OrganizationImport[],
  progress: (line: string) => void,
): Promise<{ ids: Map<string, string>; created: number; updated: number; unchanged: number }> {
  const refs = await repo.findExternalRefs(
    tx,
    source,
    'organization',
    items.map((i) => i.externalId),
  );
  const ids = new Map<string, string>();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const now = nowIso();
  for (const [n, item] of items.entries()) {
    const hash = hashOf({ ...item.input, ...item.profile });
    const ref = refs.get(item.externalId);
    const existing = ref?.entity_id ?? item.adopt;
    let id: string;
    if (existing) {
      id = existing;
      // An organisation adopted on first import keeps its own profile; later imports update it.
      if (ref?.content_hash === hash || !ref) unchanged += 1;
      else {
        const { kind: _kind, ...changes } = item.input;
        if (await updateOrganizationInTransaction(tx, id, { ...changes, verified: true }, null)) updated += 1;
        else unchanged += 1;
      }
    } else {
      id = await insertOrganizationInTransaction(
        tx,
        { ...item.input, verified: true, isDemo: false },
        new Map(),
        [],
        null,
      );
      created += 1;
    }
    ids.set(item.externalId, id);
    if (ref?.content_hash !== hash) {
      await repo.upsertMatchProfile(tx, {
        organization_id: id,
        country: item.profile.country,
        city: item.profile.city,
        keywords: '[]',
        updated_at: now,
      });
      await repo.upsertExternalRef(tx, {
        source,
        entity_type: 'organization',
        external_id: item.externalId,
        entity_id: id,
        content_hash: hash,
        imported_at: now,
      });
    }
    if ((n + 1) % 5000 === 0) progress(`  organisations: ${n + 1} of ${items.length}`);
  }
  return { ids, created, updated, unchanged };
}

export interface CordisImportSummary {
  organizations: { created: number; updated: number; unchanged: number };
  projects: number;
  participations: number;
}

function mode(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
}

/** The organisations and projects of CORDIS data, as platform records (pure). */
export function cordisRecords(data: CordisData): {
  organizations: OrganizationImport[];
  projects: {
    externalId: string;
    title: string;
    programme: string | null;
    topic: string | null;
    startYear: number;
  }[];
} {
  const byPic = new Map<string, { types: string[]; countries: string[] }>();
  const projects = new Map<
    string,
    { externalId: string; title: string; programme: string | null; topic: string | null; startYear: number }
  >();
  for (const p of data.participations) {
    const entry = byPic.get(p.pic) ?? { types: [], countries: [] };
    entry.types.push(p.type);
    entry.countries.push(p.country);
    byPic.set(p.pic, entry);
    if (!projects.has(p.rcn)) {
      const text = data.projectTexts.get(p.rcn);
      const programme = data.programmeParts.get(p.rcn) ?? null;
      projects.set(p.rcn, {
        externalId: p.rcn,
        title: text?.acronym || text?.title || `H2020 project ${p.rcn}`,
        programme,
        topic: text ? `${text.topic} ${text.title}`.trim() : null,
        startYear: p.startYear,
      });
    }
  }
  const organizations: OrganizationImport[] = [...byPic]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([pic, entry]) => {
      const named = data.organisations.get(pic);
      const type = named?.activityType || mode(entry.types) || 'OTH';
      const kind = CORDIS_KINDS[type] ?? 'service';
      const name = (named?.name || `CORDIS organisation ${pic}`).slice(0, 120);
      return {
        externalId: pic,
        input: {
          kind,
          sizeClass: kind === 'enterprise' ? (named?.isSme === false ? 'large' : 'small') : null,
          serviceType: kind === 'service' ? 'industry_association' : null,
          nameZh: name,
          nameEn: name,
          descriptionZh: '',
          descriptionEn: named?.shortName && named.shortName !== named.name ? named.shortName : '',
        },
        profile: { country: named?.country || mode(entry.countries), city: named?.city || null },
      };
    });
  return { organizations, projects: [...projects.values()] };
}

/** `consortia import cordis <dir>`: organisations, projects and participations; re-runs update. */
export async function importCordis(
  ctx: AppContext,
  dir: string,
  progress: (line: string) => void = () => {},
): Promise<CordisImportSummary> {
  const data = readCordis(dir, progress);
  const records = cordisRecords(data);
  progress(`importing ${records.organizations.length} organisations and ${records.projects.length} projects`);
  return ctx.db.transaction().execute(async (tx) => {
    const orgs = await upsertOrganizations(tx, CORDIS_SOURCE, records.organizations, progress);
    const known = await repo.findCollaborationProjects(
      tx,
      CORDIS_SOURCE,
      records.projects.map((p) => p.externalId),
    );
    const fresh = records.projects.filter((p) => !known.has(p.externalId));
    const newRows = fresh.map((p) => ({
      id: newId(),
      source: CORDIS_SOURCE,
      external_id: p.externalId,
      title: p.title,
      programme: p.programme,
      topic: p.topic,
      start_year: p.startYear,
    }));
    await repo.insertCollaborationProjects(tx, newRows);
    for (const p of records.projects) {
      const id = known.get(p.externalId);
      if (id)
        await repo.updateCollaborationProject(tx, id, {
          title: p.title,
          programme: p.programme,
          topic: p.topic,
          start_year: p.startYear,
        });
    }
    for (const row of newRows) known.set(row.external_id, row.id);
    progress(`  projects: ${newRows.length} new, ${records.projects.length - newRows.length} updated`);
    const participants = data.participations.map((p) => ({
      project_id: known.get(p.rcn) as string,
      organization_id: orgs.ids.get(p.pic) as string,
      role: p.role || 'participant',
    }));
    await repo.insertParticipants(tx, participants);
    progress(`  participations: ${participants.length}`);
    const summary: CordisImportSummary = {
      organizations: { created: orgs.created, updated: orgs.updated, unchanged: orgs.unchanged },
      projects: records.projects.length,
      participations: participants.length,
    };
    await recordAudit(tx, {
      actorUserId: null,
      action: 'import.batch',
      entityType: 'import',
      entityId: newId(),
      after: summary,
      details: { source: CORDIS_SOURCE, ...summary },
    });
    return summary;
  });
}

export interface MoeImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** `consortia import moe-universities <file>`: universities and colleges by MOE code. */
export async function importMoeUniversities(ctx: AppContext, source: string): Promise<MoeImportSummary> {
  const { universities, skipped } = parseMoeUniversities(source);
  const adopt = await repo.findOrganizationIdsByMoeCode(
    ctx.db,
    universities.map((u) => u.code),
  );
  const items: OrganizationImport[] = universities.map((u) => ({
    externalId: u.code,
    adopt: adopt.get(u.code),
    input: {
      kind: moeKind(u.level),
      sizeClass: null,
      serviceType: null,
      nameZh: u.name.slice(0, 120),
      nameEn: u.name,
      moeCode: u.code,
      // Only Suzhou's districts are in our enum and the list names cities, not districts.
      district: null,
      descriptionZh: [`主管部门：${u.department}`, `所在地：${u.address}`, `办学层次：${u.level}`, u.remarks]
        .filter((part) => part && !part.endsWith('：'))
        .join('；'),
    },
    profile: { country: 'CN', city: u.address || null },
  }));
  return ctx.db.transaction().execute(async (tx) => {
    const result = await upsertOrganizations(tx, MOE_SOURCE, items, () => {});
    const summary = {
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      skipped,
    };
    await recordAudit(tx, {
      actorUserId: null,
      action: 'import.batch',
      entityType: 'import',
      entityId: newId(),
      after: summary,
      details: { source: MOE_SOURCE, ...summary },
    });
    return summary;
  });
}
