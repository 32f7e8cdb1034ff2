import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  creditCodeCheckCharacter,
  fieldsAllowedFor,
  isValidMoeCode,
  profileIssues,
} from './rules.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from './schemas.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A well-formed credit code: registration authority + type, a six-digit region, nine body characters, check. */
function buildCreditCode(body9 = 'MA1X2Y3Q0', region = '320594', prefix = '91'): string {
  const first17 = `${prefix}${region}${body9}`;
  const check = creditCodeCheckCharacter(first17);
  if (check === null) throw new Error(`bad prefix ${first17}`);
  return first17 + check;
}

const VALID = buildCreditCode();

function profile(
  overrides: Partial<Parameters<typeof profileIssues>[1]> = {},
): Parameters<typeof profileIssues>[1] {
  return {
    sizeClass: null,
    serviceType: null,
    creditCode: null,
    moeCode: null,
    clusterSlugs: [],
    ...overrides,
  };
}

/** The minimal valid profile for a kind. */
function validProfileFor(kind: OrganizationKind): Parameters<typeof profileIssues>[1] {
  return profile({
    sizeClass: kind === 'enterprise' ? 'small' : null,
    serviceType: kind === 'service' ? 'incubator' : null,
  });
}

describe('credit code (GB 32100-2015)', () => {
  it('accepts codes completed with their computed check character', () => {
    for (const code of [
      buildCreditCode(),
      buildCreditCode('MA1000010', '320508', '91'),
      buildCreditCode('MJ1000020', '320581', '51'),
      buildCreditCode('MB1000030', '110108', '12'),
      buildCreditCode('000000000', '000000', '00'),
    ]) {
      expect(checkCreditCode(code), code).toBeNull();
    }
  });

  it('accepts published real codes', () => {
    // The standard's own example, Tencent (Shenzhen) and Huawei Technologies.
    for (const code of ['91350100M000100Y43', '91440300708461136T', '914403001922038216']) {
      expect(checkCreditCode(code), code).toBeNull();
    }
  });

  it('computes the check character of the standard example', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('maps a weighted sum divisible by 31 to the check character 0', () => {
    expect(creditCodeCheckCharacter('0'.repeat(17))).toBe('0');
  });

  it('gives no check character for a malformed prefix', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y')).toBeNull();
    expect(creditCodeCheckCharacter('91350100M000100Y43')).toBeNull();
    expect(creditCodeCheckCharacter('91350100M000100I4')).toBeNull();
  });

  it('rejects a code of the wrong length', () => {
    expect(checkCreditCode('')).toBe('length');
    expect(checkCreditCode(VALID.slice(0, 17))).toBe('length');
    expect(checkCreditCode(`${VALID}0`)).toBe('length');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the letter %s anywhere in the code', (letter) => {
    expect(checkCreditCode(`${letter}${VALID.slice(1)}`)).toBe('characters');
    expect(checkCreditCode(`${VALID.slice(0, 10)}${letter}${VALID.slice(11)}`)).toBe('characters');
    expect(checkCreditCode(`${VALID.slice(0, 17)}${letter}`)).toBe('characters');
  });

  it('rejects lower-case letters and other characters', () => {
    expect(checkCreditCode('91350100m000100Y43')).toBe('characters');
    expect(checkCreditCode(`${VALID.slice(0, 9)}-${VALID.slice(10)}`)).toBe('characters');
    expect(checkCreditCode(`${VALID.slice(0, 9)}中${VALID.slice(10)}`)).toBe('characters');
  });

  it('rejects letters in the six-digit region code', () => {
    const first17 = '91A20594MA1X2Y3Q0';
    const code = first17 + (creditCodeCheckCharacter(first17) ?? '');
    expect(code).toHaveLength(18);
    expect(checkCreditCode(code)).toBe('region');
  });

  it('rejects a wrong check character', () => {
    const wrong = ALPHABET[(ALPHABET.indexOf(VALID[17] ?? '0') + 1) % ALPHABET.length] ?? '0';
    expect(checkCreditCode(VALID.slice(0, 17) + wrong)).toBe('check_character');
    expect(checkCreditCode('91350100M000100Y44')).toBe('check_character');
  });

  it('rejects any code in which exactly one character was changed', () => {
    const validCode = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 2, maxLength: 2 }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
        fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 9, maxLength: 9 }),
      )
      .map(([prefix, region, body]) => buildCreditCode(body, region, prefix));
    fc.assert(
      fc.property(validCode, fc.nat(17), fc.constantFrom(...ALPHABET), (code, position, replacement) => {
        fc.pre(code[position] !== replacement);
        expect(checkCreditCode(code)).toBeNull();
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(checkCreditCode(changed)).not.toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('MOE institution code', () => {
  it('accepts exactly ten digits', () => {
    expect(isValidMoeCode('4132010285')).toBe(true);
    expect(isValidMoeCode('0000000000')).toBe(true);
  });

  it('rejects other lengths, letters and padding', () => {
    for (const code of [
      '',
      '413201028',
      '41320102851',
      '413201028A',
      ' 4132010285',
      '4132010285\n',
      '４１３２０１０２８５',
    ]) {
      expect(isValidMoeCode(code), JSON.stringify(code)).toBe(false);
    }
  });
});

describe('profileIssues', () => {
  it.each(ORGANIZATION_KINDS)('finds nothing wrong with a minimal %s profile', (kind) => {
    expect(profileIssues(kind, validProfileFor(kind))).toEqual([]);
  });

  it('requires a size class of enterprises and allows it no one else', () => {
    expect(profileIssues('enterprise', profile())).toEqual([
      expect.objectContaining({ code: 'organization.size_class_required', field: 'body.sizeClass' }),
    ]);
    for (const kind of ORGANIZATION_KINDS.filter((k) => k !== 'enterprise')) {
      expect(profileIssues(kind, { ...validProfileFor(kind), sizeClass: 'large' }), kind).toEqual([
        expect.objectContaining({ code: 'organization.size_class_not_allowed', field: 'body.sizeClass' }),
      ]);
    }
  });

  it('requires a service type of service organisations and allows it no one else', () => {
    expect(profileIssues('service', profile())).toEqual([
      expect.objectContaining({ code: 'organization.service_type_required', field: 'body.serviceType' }),
    ]);
    for (const kind of ORGANIZATION_KINDS.filter((k) => k !== 'service')) {
      expect(profileIssues(kind, { ...validProfileFor(kind), serviceType: 'incubator' }), kind).toEqual([
        expect.objectContaining({ code: 'organization.service_type_not_allowed', field: 'body.serviceType' }),
      ]);
    }
  });

  it('allows an MOE code only for universities and vocational colleges', () => {
    for (const kind of ORGANIZATION_KINDS) {
      const issues = profileIssues(kind, { ...validProfileFor(kind), moeCode: '4132010285' });
      if (kind === 'university' || kind === 'vocational_college') expect(issues, kind).toEqual([]);
      else
        expect(issues, kind).toEqual([
          expect.objectContaining({ code: 'organization.moe_code_not_allowed', field: 'body.moeCode' }),
        ]);
    }
    expect(fieldsAllowedFor('university').moeCode).toBe('optional');
    expect(fieldsAllowedFor('enterprise').moeCode).toBe('forbidden');
  });

  it('refuses a malformed MOE code of a university', () => {
    expect(profileIssues('university', profile({ moeCode: '12345' }))).toEqual([
      expect.objectContaining({ code: 'organization.moe_code_invalid', field: 'body.moeCode' }),
    ]);
  });

  it('allows a credit code for every kind and names the problem of a bad one', () => {
    for (const kind of ORGANIZATION_KINDS) {
      expect(profileIssues(kind, { ...validProfileFor(kind), creditCode: VALID }), kind).toEqual([]);
    }
    const [issue] = profileIssues('enterprise', {
      ...validProfileFor('enterprise'),
      creditCode: VALID.slice(0, 17),
    });
    expect(issue).toEqual({
      code: 'organization.credit_code_invalid',
      field: 'body.creditCode',
      message: 'A unified social credit code has exactly 18 characters',
    });
    const [checkIssue] = profileIssues('fund', {
      ...validProfileFor('fund'),
      creditCode: '91350100M000100Y44',
    });
    expect(checkIssue?.message).toMatch(/check character/);
  });

  it('names each repeated cluster by its index', () => {
    const issues = profileIssues(
      'research_institute',
      profile({ clusterSlugs: ['ai', 'biomedicine', 'ai', 'nanomaterials', 'biomedicine', 'ai'] }),
    );
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['organization.duplicate_cluster', 'body.clusters.2.cluster'],
      ['organization.duplicate_cluster', 'body.clusters.4.cluster'],
      ['organization.duplicate_cluster', 'body.clusters.5.cluster'],
    ]);
    expect(issues[0]?.message).toBe('Cluster "ai" is listed twice');
  });

  it('reports every problem at once, each with its field', () => {
    const issues = profileIssues('government', {
      sizeClass: 'large',
      serviceType: 'incubator',
      creditCode: 'ABC',
      moeCode: '4132010285',
      clusterSlugs: ['ai', 'ai'],
    });
    expect(issues.map((i) => i.field)).toEqual([
      'body.sizeClass',
      'body.serviceType',
      'body.creditCode',
      'body.moeCode',
      'body.clusters.1.cluster',
    ]);
  });
});
