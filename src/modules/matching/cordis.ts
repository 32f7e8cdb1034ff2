/**
 * Reading the CORDIS Horizon 2020 open data (../shared/data/cordis-h2020): participations,
 * programme parts, the named organisation subset and call topics. Used by `consortia import
 * cordis` and by the matching evaluation. The files are read where they lie, never copied.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { csvRecords } from './csv.js';

export interface CordisParticipation {
  /** Project record number. */
  rcn: string;
  role: string;
  /** Participant identification code: the organisation. */
  pic: string;
  /** HES higher education, PRC private company, REC research, PUB public body, OTH other. */
  type: string;
  country: string;
  startYear: number;
  /** EU contribution in euro (whole euros as published). */
  contribution: number;
}

export interface CordisOrganisation {
  pic: string;
  name: string;
  shortName: string;
  activityType: string;
  city: string;
  country: string;
  isSme: boolean | null;
}

export interface CordisProjectText {
  /** The grant id (`projectID` in the named subset and the topics file). */
  projectId: string;
  acronym: string;
  topic: string;
  title: string;
}

export interface CordisData {
  participations: CordisParticipation[];
  /** rcn → programme part (ERC, MSCA, LEIT, SC1…SC7, FET…). */
  programmeParts: Map<string, string>;
  /** pic → name and place, for the organisations of the named subset. */
  organisations: Map<string, CordisOrganisation>;
  /** rcn → acronym and call topic, for the projects the named subset lets us link. */
  projectTexts: Map<string, CordisProjectText>;
}

export const CORDIS_FILES = {
  participations: 'h2020.csv.gz',
  programmeParts: 'programme_parts.csv.gz',
  organisations: 'h2020_organizations_subset.csv',
  topics: 'h2020_topics.csv',
} as const;

/** ../shared/data/cordis-h2020 beside the project root (where tests, evals and CI find it). */
export function defaultCordisDir(projectRoot: string): string {
  return path.resolve(projectRoot, '..', 'shared', 'data', 'cordis-h2020');
}

/** The CORDIS files missing from a folder (empty: all there). */
export function missingCordisFiles(dir: string): string[] {
  return Object.values(CORDIS_FILES).filter((f) => !fs.existsSync(path.join(dir, f)));
}

function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  return (file.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8');
}

/**
 * The named subset and the topics file key projects by grant id, the participations by record
 * number. An organisation's EU contribution to a project is nearly unique, so each subset row
 * votes for the participation of the same organisation with the same contribution; a grant takes
 * the record its rows voted for most.
 */
export function linkGrantsToRecords(
  participations: readonly CordisParticipation[],
  subset: readonly { projectId: string; pic: string; contribution: number }[],
): Map<string, string> {
  const byPic = new Map<string, CordisParticipation[]>();
  for (const p of participations) {
    const list = byPic.get(p.pic);
    if (list) list.push(p);
    else byPic.set(p.pic, [p]);
  }
  const votes = new Map<string, Map<string, number>>();
  for (const row of subset) {
    for (const p of byPic.get(row.pic) ?? []) {
      if (!Number.isFinite(row.contribution) || Math.abs(p.contribution - row.contribution) >= 1.5) continue;
      let tally = votes.get(row.projectId);
      if (!tally) votes.set(row.projectId, (tally = new Map<string, number>()));
      tally.set(p.rcn, (tally.get(p.rcn) ?? 0) + 1);
    }
  }
  const links = new Map<string, string>();
  for (const [projectId, tally] of votes) {
    const best = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best) links.set(projectId, best[0]);
  }
  return links;
}

/** Reads all four files; `progress` hears a line per file. */
export function readCordis(dir: string, progress: (line: string) => void = () => {}): CordisData {
  const missing = missingCordisFiles(dir);
  if (missing.length > 0) throw new Error(`CORDIS files missing in ${dir}: ${missing.join(', ')}`);
  const participations: CordisParticipation[] = [];
  for (const r of csvRecords(readText(path.join(dir, CORDIS_FILES.participations)))) {
    const startYear = Number(r['start_year']);
    if (!r['rcn'] || !r['pic'] || !Number.isFinite(startYear) || r['start_year'] === '') continue;
    participations.push({
      rcn: r['rcn'],
      role: r['role'] ?? '',
      pic: r['pic'],
      type: r['type'] ?? '',
      country: r['country'] ?? '',
      startYear,
      contribution: Number(r['contribution'] ?? 'NaN'),
    });
  }
  progress(`read ${participations.length} participations`);
  const programmeParts = new Map<string, string>();
  for (const r of csvRecords(readText(path.join(dir, CORDIS_FILES.programmeParts))))
    if (r['rcn'] && r['programme_part']) programmeParts.set(r['rcn'], r['programme_part']);
  progress(`read ${programmeParts.size} programme parts`);
  const organisations = new Map<string, CordisOrganisation>();
  const subset: { projectId: string; pic: string; contribution: number; acronym: string }[] = [];
  for (const r of csvRecords(readText(path.join(dir, CORDIS_FILES.organisations)))) {
    const pic = r['organisationID'] ?? '';
    if (!pic) continue;
    const sme = r['SME'];
    organisations.set(pic, {
      pic,
      name: (r['name'] ?? '').trim(),
      shortName: (r['shortName'] ?? '').trim(),
      activityType: r['activityType'] ?? '',
      city: (r['city'] ?? '').trim(),
      country: r['country'] ?? '',
      isSme: sme === 'True' ? true : sme === 'False' ? false : null,
    });
    subset.push({
      projectId: r['projectID'] ?? '',
      pic,
      contribution: Number(r['ecContribution'] ?? 'NaN'),
      acronym: r['projectAcronym'] ?? '',
    });
  }
  progress(`read ${organisations.size} named organisations`);
  const topics = new Map<string, { topic: string; title: string }>();
  for (const r of csvRecords(readText(path.join(dir, CORDIS_FILES.topics))))
    if (r['projectID']) topics.set(r['projectID'], { topic: r['topic'] ?? '', title: r['title'] ?? '' });
  const acronyms = new Map(subset.map((s) => [s.projectId, s.acronym]));
  const projectTexts = new Map<string, CordisProjectText>();
  for (const [projectId, rcn] of linkGrantsToRecords(participations, subset)) {
    const topic = topics.get(projectId);
    projectTexts.set(rcn, {
      projectId,
      acronym: acronyms.get(projectId) ?? '',
      topic: topic?.topic ?? '',
      title: topic?.title ?? '',
    });
  }
  progress(`read ${topics.size} topics; linked ${projectTexts.size} projects to their topics`);
  return { participations, programmeParts, organisations, projectTexts };
}
