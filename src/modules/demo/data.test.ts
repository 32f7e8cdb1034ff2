import { describe, expect, it } from 'vitest';
import { CHAIN_POSITIONS, DISTRICTS, ORGANIZATION_KINDS, SIZE_CLASSES } from '../organizations/schemas.js';
import { checkCreditCode, fieldsAllowedFor, isValidMoeCode } from '../organizations/rules.js';
import { DEMO_CLUSTERS, DEMO_ORGANIZATIONS, DEMO_USERS, demoCreditCode } from './data.js';

const DIVISION_CODES = {
  gusu: '320508',
  huqiu: '320505',
  wuzhong: '320506',
  xiangcheng: '320507',
  wujiang: '320509',
  sip: '320594',
  changshu: '320581',
  zhangjiagang: '320582',
  kunshan: '320583',
  taicang: '320585',
} as const;

describe('demo data', () => {
  it('covers every organisation kind and at least 40 organisations', () => {
    expect(DEMO_ORGANIZATIONS.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(DEMO_ORGANIZATIONS.map((o) => o.kind));
    for (const kind of ORGANIZATION_KINDS) expect(kinds, kind).toContain(kind);
    const keys = DEMO_ORGANIZATIONS.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every enterprise a size class and a valid unique credit code', () => {
    const enterprises = DEMO_ORGANIZATIONS.filter((o) => o.kind === 'enterprise');
    for (const org of enterprises) {
      expect(org.sizeClass, org.key).not.toBeNull();
      expect(org.creditCode, org.key).not.toBeNull();
    }
    expect(new Set(enterprises.map((o) => o.sizeClass))).toEqual(new Set(SIZE_CLASSES));
    const codes = DEMO_ORGANIZATIONS.flatMap((o) => (o.creditCode === null ? [] : [o.creditCode]));
    for (const code of codes) expect(checkCreditCode(code), code).toBeNull();
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("places each credit code in its district's division", () => {
    for (const org of DEMO_ORGANIZATIONS) {
      if (org.creditCode !== null)
        expect(org.creditCode.slice(2, 8), org.key).toBe(DIVISION_CODES[org.district]);
    }
  });

  it('refuses to complete a malformed credit code prefix', () => {
    expect(demoCreditCode('91320594MA1234567')).toHaveLength(18);
    expect(() => demoCreditCode('91320594MA123456')).toThrow();
    expect(() => demoCreditCode('91320594MA123456O')).toThrow();
    expect(() => demoCreditCode('91ABCDEFMA1234567')).toThrow();
  });

  it('puts every cluster at all three chain positions', () => {
    const slugs = new Set(DEMO_CLUSTERS.map((c) => c.slug));
    for (const org of DEMO_ORGANIZATIONS) {
      expect(org.clusters.length, org.key).toBeGreaterThanOrEqual(1);
      expect(org.clusters.length, org.key).toBeLessThanOrEqual(3);
      for (const { cluster } of org.clusters) expect(slugs, `${org.key} → ${cluster}`).toContain(cluster);
    }
    for (const slug of slugs) {
      const positions = new Set(
        DEMO_ORGANIZATIONS.flatMap((o) =>
          o.clusters.filter((c) => c.cluster === slug).map((c) => c.chainPosition),
        ),
      );
      expect(positions, slug).toEqual(new Set(CHAIN_POSITIONS));
    }
  });

  it('links every demo user to existing organisations', () => {
    const keys = new Set(DEMO_ORGANIZATIONS.map((o) => o.key));
    const emails = DEMO_USERS.map((u) => u.email);
    expect(new Set(emails).size).toBe(emails.length);
    for (const user of DEMO_USERS) {
      expect(user.email).toMatch(/^[a-z.]+@demo\.consortia\.cn$/);
      for (const m of user.memberships) expect(keys, `${user.email} → ${m.org}`).toContain(m.org);
    }
  });

  it('gives kind-specific fields only to the kinds that carry them', () => {
    for (const org of DEMO_ORGANIZATIONS) {
      const allowed = fieldsAllowedFor(org.kind);
      expect(org.sizeClass === null, `${org.key} sizeClass`).toBe(allowed.sizeClass === 'forbidden');
      expect(org.serviceType === null, `${org.key} serviceType`).toBe(allowed.serviceType === 'forbidden');
      if (allowed.moeCode === 'forbidden') expect(org.moeCode, `${org.key} moeCode`).toBeNull();
      if (org.moeCode !== null) expect(isValidMoeCode(org.moeCode), org.key).toBe(true);
    }
  });

  it('uses every Suzhou district', () => {
    expect(new Set(DEMO_ORGANIZATIONS.map((o) => o.district))).toEqual(new Set(DISTRICTS));
  });

  it('leaves a few organisations for the verification queue', () => {
    const unverified = DEMO_ORGANIZATIONS.filter((o) => !o.verified).length;
    expect(unverified).toBeGreaterThanOrEqual(3);
    expect(unverified).toBeLessThanOrEqual(4);
  });
});
