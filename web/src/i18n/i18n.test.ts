import { describe, expect, it } from 'vitest';
import { LOCALES, PLATFORM_ROLE_VALUES } from '../../../src/modules/identity/schemas';
import {
  CHAIN_POSITIONS,
  DISTRICTS,
  ORGANIZATION_KINDS,
  SERVICE_TYPES,
  SIZE_CLASSES,
  VERIFICATION_STATUSES,
} from '../../../src/modules/organizations/schemas';
import { ERROR_STATUS } from '../../../src/platform/errors';
import { CLIENT_ERROR_CODES } from '../api/client';
import {
  AUDIT_BREAK_KINDS,
  auditBreakKey,
  chainPositionKey,
  districtKey,
  errorKey,
  ISSUE_CODES,
  issueKey,
  kindKey,
  localeKey,
  ORG_ROLES,
  orgRoleKey,
  platformRoleHelpKey,
  platformRoleKey,
  serviceTypeKey,
  sizeClassKey,
  VERIFICATION_FILTERS,
  verificationFilterKey,
  verificationKey,
} from './labels';
import { TRANSLATIONS } from './resources';

/** Every leaf of a nested translation object, as `a.b.c` → text. */
function flatten(node: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) flatten(value, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, node);
  }
  return into;
}

const locales = { 'zh-CN': flatten(TRANSLATIONS['zh-CN']), en: flatten(TRANSLATIONS.en) };

/** The web app's own source files (not tests), as text. */
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Literal keys in t('…'), t("…"), t(`…`) without placeholders, and i18nKey="…". */
function keysUsedInCode(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [/\bt\(\s*(['"`])([^'"`$\n]+?)\1/g, /\bi18nKey=\{?\s*(['"`])([^'"`$\n]+?)\1/g];
  for (const [file, text] of Object.entries(sources)) {
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const key = match[2];
        if (key) used.set(key, file);
      }
    }
  }
  return used;
}

/** Keys built from enum values by the helpers in labels.ts. */
function keysBuiltFromEnums(): string[] {
  return [
    ...ORGANIZATION_KINDS.map(kindKey),
    ...SIZE_CLASSES.map(sizeClassKey),
    ...SERVICE_TYPES.map(serviceTypeKey),
    ...CHAIN_POSITIONS.map(chainPositionKey),
    ...DISTRICTS.map(districtKey),
    ...VERIFICATION_STATUSES.map(verificationKey),
    ...VERIFICATION_FILTERS.map(verificationFilterKey),
    ...PLATFORM_ROLE_VALUES.map(platformRoleKey),
    ...PLATFORM_ROLE_VALUES.map(platformRoleHelpKey),
    ...ORG_ROLES.map(orgRoleKey),
    ...LOCALES.map(localeKey),
    ...ISSUE_CODES.map(issueKey),
    ...AUDIT_BREAK_KINDS.map(auditBreakKey),
    ...CLIENT_ERROR_CODES.map(errorKey),
  ];
}

function missingIn(keys: Iterable<string>): string[] {
  const missing: string[] = [];
  for (const key of keys) {
    for (const [locale, table] of Object.entries(locales)) {
      if (typeof table.get(key) !== 'string') missing.push(`${locale}: ${key}`);
    }
  }
  return missing;
}

describe('translations', () => {
  it('has the same keys in zh-CN and en', () => {
    const zhKeys = [...locales['zh-CN'].keys()].sort();
    const enKeys = [...locales.en.keys()].sort();
    expect(zhKeys.filter((key) => !locales.en.has(key))).toEqual([]);
    expect(enKeys.filter((key) => !locales['zh-CN'].has(key))).toEqual([]);
  });

  it('has no empty translations', () => {
    const empty = Object.entries(locales).flatMap(([locale, table]) =>
      [...table.entries()]
        .filter(([, text]) => typeof text !== 'string' || text.trim() === '')
        .map(([key]) => `${locale}: ${key}`),
    );
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: unknown) =>
      [...String(text).matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]).sort();
    const differing = [...locales['zh-CN'].entries()]
      .filter(
        ([key, text]) =>
          JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(locales.en.get(key))),
      )
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('translates every key the code uses', () => {
    const used = keysUsedInCode();
    // A sanity check that the scan found the code at all.
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    expect(used.size).toBeGreaterThan(100);
    const missing = missingIn(used.keys()).map(
      (entry) => `${entry} (${used.get(entry.split(': ')[1] ?? '')})`,
    );
    expect(missing).toEqual([]);
  });

  it('translates every value of every enum the UI shows', () => {
    expect(missingIn(keysBuiltFromEnums())).toEqual([]);
  });

  it('translates every server error code', () => {
    const codes = Object.keys(ERROR_STATUS);
    expect(codes.length).toBeGreaterThan(0);
    expect(missingIn(codes.map(errorKey))).toEqual([]);
  });
});
