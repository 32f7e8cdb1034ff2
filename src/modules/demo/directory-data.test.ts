import { describe, expect, it } from 'vitest';
import { checkRegistrationNumber, mayOwn, normalizeOrcid } from '../directory/rules.js';
import { VISIBILITY_TIERS } from '../directory/schemas.js';
import { DEMO_CLUSTERS, DEMO_ORGANIZATIONS, DEMO_USERS } from './data.js';
import {
  DEMO_ACHIEVEMENTS,
  DEMO_CAPABILITIES,
  DEMO_EXPERTS,
  DEMO_NDA_REQUESTS,
  DEMO_NEEDS,
  demoOrcid,
  demoPatentNumber,
} from './directory-data.js';

const organizations = new Map(DEMO_ORGANIZATIONS.map((o) => [o.key, o]));
const clusters = new Set(DEMO_CLUSTERS.map((c) => c.slug));

/** Fictional organisations carry a demo credit code (17th character 'D'); real ones carry none. */
const isFictional = (key: string): boolean => organizations.get(key)?.creditCode?.[16] === 'D';

describe('demo directory data', () => {
  it('has about a dozen of each record type, across clusters and all three tiers', () => {
    expect(DEMO_NEEDS.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_CAPABILITIES.length).toBeGreaterThanOrEqual(10);
    expect(DEMO_ACHIEVEMENTS.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_EXPERTS.length).toBeGreaterThanOrEqual(10);
    for (const records of [DEMO_NEEDS, DEMO_ACHIEVEMENTS])
      expect(new Set(records.map((r) => r.visibility))).toEqual(new Set(VISIBILITY_TIERS));
    expect(new Set(DEMO_NEEDS.map((n) => n.cluster)).size).toBeGreaterThanOrEqual(5);
    const keys = [...DEMO_NEEDS, ...DEMO_CAPABILITIES, ...DEMO_ACHIEVEMENTS].map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every record a verified owner of a kind that may post it, and a known cluster', () => {
    const check = (
      type: 'need' | 'capability' | 'achievement' | 'expert',
      owner: string,
      cluster: string,
    ) => {
      const org = organizations.get(owner);
      expect(org, owner).toBeDefined();
      expect(org?.verified, owner).toBe(true);
      expect(org && mayOwn(org.kind, type), `${type} of ${owner}`).toBe(true);
      expect(clusters, cluster).toContain(cluster);
    };
    for (const n of DEMO_NEEDS) check('need', n.owner, n.cluster);
    for (const c of DEMO_CAPABILITIES) check('capability', c.owner, c.cluster);
    for (const a of DEMO_ACHIEVEMENTS) check('achievement', a.owner, a.cluster);
    for (const e of DEMO_EXPERTS) check('expert', e.organization, e.cluster);
  });

  it('attributes needs, achievements and named experts to fictional organisations only', () => {
    for (const owner of [
      ...DEMO_NEEDS.map((n) => n.owner),
      ...DEMO_ACHIEVEMENTS.map((a) => a.owner),
      ...DEMO_EXPERTS.map((e) => e.organization),
    ]) {
      expect(isFictional(owner), owner).toBe(true);
    }
  });

  it('includes a chip power-management need of the SME demo user’s company', () => {
    const sme = DEMO_USERS.find((u) => u.email === 'sme@demo.consortia.cn');
    const company = sme?.memberships[0]?.org;
    expect(company).toBe('xicheng-micro');
    expect(DEMO_NEEDS.some((n) => n.owner === company && n.title.includes('电源管理'))).toBe(true);
  });

  it('uses valid registration numbers and ORCID iDs from unissued ranges', () => {
    for (const a of DEMO_ACHIEVEMENTS) {
      if (a.registrationNumber === null) {
        expect(a.kind, a.key).toBe('know_how');
        continue;
      }
      expect(checkRegistrationNumber(a.kind, a.registrationNumber), a.key).toEqual({
        value: a.registrationNumber,
      });
      expect(a.trl).toBeGreaterThanOrEqual(1);
      expect(a.trl).toBeLessThanOrEqual(9);
    }
    for (const e of DEMO_EXPERTS) {
      if (e.orcid === null) continue;
      expect(normalizeOrcid(e.orcid), e.nameEn).toBe(e.orcid);
      expect(e.orcid.startsWith('0000-0000-'), e.nameEn).toBe(true);
    }
    expect(() => demoPatentNumber(2023, 1, 123_456)).toThrow();
    expect(demoOrcid(1)).toMatch(/^0000-0000-0000-001[\dX]$/);
  });

  it('lets budgets run forwards and sets NDA requests only on parties-tier achievements of others', () => {
    for (const n of DEMO_NEEDS) {
      if (n.budgetMinYuan !== null && n.budgetMaxYuan !== null)
        expect(n.budgetMinYuan, n.key).toBeLessThanOrEqual(n.budgetMaxYuan);
    }
    for (const r of DEMO_NDA_REQUESTS) {
      const achievement = DEMO_ACHIEVEMENTS.find((a) => a.key === r.achievement);
      expect(achievement?.visibility, r.achievement).toBe('parties');
      expect(achievement?.owner).not.toBe(r.requester);
      expect(organizations.get(r.requester)?.verified).toBe(true);
    }
  });
});
