import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORGANIZATION_KINDS } from '../organizations/schemas.js';
import {
  canMoveListing,
  canMoveNeed,
  checkRegistrationNumber,
  expertIssues,
  isBudgetRangeInverted,
  isDeadlineInPast,
  isNeedActive,
  mayOwn,
  needIssues,
  normalizeKeywords,
  normalizeModes,
  normalizeOrcid,
  orcidCheckCharacter,
  patentCheckCharacter,
  POSTER_KINDS,
  registrationNumberIssue,
  suzhouDate,
} from './rules.js';
import { COOPERATION_MODES, NEED_STATUSES } from './schemas.js';

describe('ORCID iD (ISO 7064 MOD 11-2)', () => {
  it('accepts published ORCID iDs, including one whose check character is X', () => {
    // Josiah Carberry (ORCID's own test person), and two iDs from ORCID's documentation.
    for (const id of ['0000-0002-1825-0097', '0000-0001-5109-3700', '0000-0002-1694-233X']) {
      expect(normalizeOrcid(id), id).toBe(id);
    }
  });

  it('normalises the forms people paste: URL, no hyphens, lower-case x, spaces around', () => {
    expect(normalizeOrcid('https://orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normalizeOrcid('orcid.org/0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
    expect(normalizeOrcid('  0000000218250097 ')).toBe('0000-0002-1825-0097');
  });

  it('refuses a wrong check character and malformed input', () => {
    expect(normalizeOrcid('0000-0002-1825-0098')).toBeNull();
    expect(normalizeOrcid('0000-0002-1825-009')).toBeNull();
    expect(normalizeOrcid('0000-0002-1825-00977')).toBeNull();
    expect(normalizeOrcid('0000-000A-1825-0097')).toBeNull();
    expect(normalizeOrcid('0000-00021825-0097')).toBeNull();
    expect(normalizeOrcid('')).toBeNull();
    expect(orcidCheckCharacter('12345')).toBeNull();
  });

  it('completes any 15 digits to a valid iD, and notices every single changed digit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 15, maxLength: 15 }),
        fc.nat(14),
        fc.integer({ min: 1, max: 9 }),
        (digits, position, delta) => {
          const check = orcidCheckCharacter(digits) ?? '';
          const id = `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}${check}`;
          expect(normalizeOrcid(id)).toBe(id);
          const changed = (Number(digits[position]) + delta) % 10;
          const typo = digits.slice(0, position) + String(changed) + digits.slice(position + 1);
          expect(normalizeOrcid(typo + check)).toBeNull();
        },
      ),
    );
  });

  it('reports an invalid ORCID and a profile without any name, naming the fields', () => {
    expect(expertIssues({ nameZh: '', nameEn: ' ', orcid: '0000-0002-1825-0098' }).issues).toEqual([
      expect.objectContaining({ code: 'directory.expert_name_required', field: 'body.nameZh' }),
      expect.objectContaining({ code: 'directory.orcid_invalid', field: 'body.orcid' }),
    ]);
    expect(
      expertIssues({ nameZh: '王磊', nameEn: '', orcid: 'https://orcid.org/0000-0002-1825-0097' }),
    ).toEqual({
      orcid: '0000-0002-1825-0097',
      issues: [],
    });
    expect(expertIssues({ nameZh: '', nameEn: 'Wang Lei', orcid: null })).toEqual({
      orcid: null,
      issues: [],
    });
  });
});

describe('patent and software copyright numbers', () => {
  it('checks CNIPA application numbers by their check character, 12 digits and the older 8', () => {
    // Published examples: 201710601862.3 and ZL95115608.X.
    expect(patentCheckCharacter('201710601862')).toBe('3');
    expect(patentCheckCharacter('95115608')).toBe('X');
    expect(checkRegistrationNumber('patent', '201710601862.3')).toEqual({ value: 'CN201710601862.3' });
    expect(checkRegistrationNumber('patent', 'ZL 2017 1 0601862.3')).toEqual({ value: 'CN201710601862.3' });
    expect(checkRegistrationNumber('patent', 'zl95115608.x')).toEqual({ value: 'CN95115608.X' });
    expect(checkRegistrationNumber('patent', 'CN201710601862.4')).toEqual({ problem: 'check_character' });
    expect(checkRegistrationNumber('patent', 'CN2017106018623')).toEqual({ value: 'CN201710601862.3' });
  });

  it('accepts publication numbers of patents, and registration numbers of software copyrights', () => {
    expect(checkRegistrationNumber('patent', 'CN115123456A')).toEqual({ value: 'CN115123456A' });
    expect(checkRegistrationNumber('patent', 'cn 215123456 u')).toEqual({ value: 'CN215123456U' });
    expect(checkRegistrationNumber('patent', 'US1234567')).toEqual({ problem: 'format' });
    expect(checkRegistrationNumber('software_copyright', '2023SR0123456')).toEqual({
      value: '2023SR0123456',
    });
    expect(checkRegistrationNumber('software_copyright', '2023sr012345')).toEqual({ value: '2023SR012345' });
    expect(checkRegistrationNumber('software_copyright', 'CN201710601862.3')).toEqual({ problem: 'format' });
  });

  it('gives know-how no number, and leaves an empty number empty', () => {
    expect(checkRegistrationNumber('know_how', '2023SR0123456')).toEqual({ problem: 'not_allowed' });
    expect(registrationNumberIssue('know_how', '2023SR0123456').issue?.code).toBe(
      'directory.registration_number_not_allowed',
    );
    expect(registrationNumberIssue('know_how', null)).toEqual({ value: null, issue: null });
    expect(registrationNumberIssue('patent', '  ')).toEqual({ value: null, issue: null });
    expect(registrationNumberIssue('patent', 'nonsense').issue).toMatchObject({
      code: 'directory.registration_number_invalid',
      field: 'body.registrationNumber',
    });
  });

  it('always accepts an application number completed with its computed check character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
        (digits) => {
          const number = `${digits}.${patentCheckCharacter(digits) ?? ''}`;
          expect(checkRegistrationNumber('patent', number)).toEqual({ value: `CN${number}` });
        },
      ),
    );
  });
});

describe('budgets and deadlines', () => {
  it('refuses a budget whose upper end is below its lower end, naming the upper end', () => {
    expect(isBudgetRangeInverted(500, 100)).toBe(true);
    expect(isBudgetRangeInverted(100, 100)).toBe(false);
    expect(isBudgetRangeInverted(null, 100)).toBe(false);
    expect(isBudgetRangeInverted(100, null)).toBe(false);
    const issues = needIssues({
      budgetMinFen: 500,
      budgetMaxFen: 100,
      deadline: null,
      deadlineChanged: false,
      today: '2026-01-01',
    });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'directory.budget_range_inverted', field: 'body.budgetMaxFen' }),
    ]);
  });

  it('takes the date in Suzhou (UTC+8): 16:30 UTC is already the next day', () => {
    expect(suzhouDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(suzhouDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(suzhouDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('allows a deadline of today and refuses yesterday, but only when the deadline changes', () => {
    expect(isDeadlineInPast('2026-03-02', '2026-03-02')).toBe(false);
    expect(isDeadlineInPast('2026-03-01', '2026-03-02')).toBe(true);
    const base = { budgetMinFen: null, budgetMaxFen: null, deadline: '2026-03-01', today: '2026-03-02' };
    expect(needIssues({ ...base, deadlineChanged: true })).toEqual([
      expect.objectContaining({ code: 'directory.deadline_in_past', field: 'body.deadline' }),
    ]);
    expect(needIssues({ ...base, deadlineChanged: false })).toEqual([]);
  });
});

describe('status changes', () => {
  it('moves a need open ⇄ in talks → matched, and closes it from anywhere but closed', () => {
    expect(canMoveNeed('open', 'in_talks')).toBe(true);
    expect(canMoveNeed('in_talks', 'open')).toBe(true);
    expect(canMoveNeed('in_talks', 'matched')).toBe(true);
    expect(canMoveNeed('matched', 'open')).toBe(false);
    expect(canMoveNeed('matched', 'in_talks')).toBe(false);
    for (const from of NEED_STATUSES) {
      expect(canMoveNeed(from, from), `${from} → itself`).toBe(false);
      if (from !== 'closed') expect(canMoveNeed(from, 'closed'), from).toBe(true);
      expect(canMoveNeed('closed', from), `closed → ${from}`).toBe(false);
    }
  });

  it('closes a listing for good', () => {
    expect(canMoveListing('active', 'closed')).toBe(true);
    expect(canMoveListing('closed', 'active')).toBe(false);
    expect(canMoveListing('active', 'active')).toBe(false);
  });

  it('counts open and in-talks needs as live', () => {
    expect(NEED_STATUSES.filter(isNeedActive)).toEqual(['open', 'in_talks']);
  });
});

describe('who may post what', () => {
  it('lets enterprises post needs, research organisations achievements, and nobody post as government or fund', () => {
    expect(POSTER_KINDS.need).toEqual(['enterprise']);
    expect(mayOwn('university', 'need')).toBe(false);
    expect(mayOwn('university', 'achievement')).toBe(true);
    expect(mayOwn('research_institute', 'achievement')).toBe(true);
    expect(mayOwn('enterprise', 'achievement')).toBe(false);
    expect(mayOwn('enterprise', 'capability')).toBe(true);
    expect(mayOwn('service', 'capability')).toBe(true);
    for (const type of ['need', 'capability', 'achievement', 'expert'] as const) {
      expect(mayOwn('government', type), type).toBe(false);
      expect(mayOwn('fund', type), type).toBe(false);
    }
    for (const kinds of Object.values(POSTER_KINDS))
      for (const kind of kinds) expect(ORGANIZATION_KINDS).toContain(kind);
  });
});

describe('keywords and modes', () => {
  it('trims keywords, squeezes spaces and keeps each once, ignoring case', () => {
    expect(normalizeKeywords(['  Power  IC ', 'power ic', '', '电源管理', 'BMS', '电源管理'])).toEqual([
      'Power IC',
      '电源管理',
      'BMS',
    ]);
  });

  it('stores modes once each, in their declared order', () => {
    expect(normalizeModes(['talent', 'joint_rd', 'talent'], COOPERATION_MODES)).toEqual([
      'joint_rd',
      'talent',
    ]);
  });
});
