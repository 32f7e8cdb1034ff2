import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EN_NOTIFICATION_TEXTS } from './locales/en.js';
import { ZH_NOTIFICATION_TEXTS } from './locales/zh-CN.js';
import { mailSettingsFromEnv, retryDelayMs } from './outbox.js';
import { fillTemplate, notificationEmail, notificationText } from './texts.js';

const placeholders = (template: string) =>
  [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('notification texts', () => {
  it('every kind has its text in both languages, with the same placeholders', () => {
    expect(Object.keys(ZH_NOTIFICATION_TEXTS).sort()).toEqual(Object.keys(EN_NOTIFICATION_TEXTS).sort());
    for (const [kind, en] of Object.entries(EN_NOTIFICATION_TEXTS)) {
      expect(kind).toMatch(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/);
      expect(placeholders(ZH_NOTIFICATION_TEXTS[kind] ?? ''), kind).toEqual(placeholders(en));
    }
  });

  it('fills a placeholder with the language’s own param first, then the plain one', () => {
    const params = { name_zh: '苏州大学', name_en: 'Soochow University', n: 2 };
    expect(fillTemplate('{{name}} #{{n}}', params, 'zh-CN')).toBe('苏州大学 #2');
    expect(fillTemplate('{{name}} #{{n}}', params, 'en')).toBe('Soochow University #2');
    expect(fillTemplate('{{ name }}|{{missing}}|', { name: 'x' }, 'en')).toBe('x||');
  });

  it('renders a known kind, falls back to the kind for an unknown one', () => {
    expect(notificationText('charter.effective', { consortium_en: 'SiC', number: 1 }, 'en')).toBe(
      'Version 1 of the charter of “SiC” is now effective',
    );
    expect(notificationText('nobody.knows', {}, 'zh-CN')).toBe('nobody.knows');
  });

  it('never puts a line break into an e-mail subject', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const { subject } = notificationEmail('test.x', { x: value }, 'en', null, null);
        expect(subject).not.toMatch(/[\r\n]/);
      }),
    );
    const { subject } = notificationEmail(
      'consortium.designation_returned',
      { consortium: 'C', comments: 'line 1\r\nBcc: evil@example.com' },
      'en',
      '/x',
      null,
    );
    expect(subject).not.toMatch(/[\r\n]/);
  });
});

describe('outbox settings', () => {
  it('reads SMTP from the environment: off without a URL, errors for bad settings', () => {
    expect(mailSettingsFromEnv({})).toBeNull();
    expect(mailSettingsFromEnv({ CONSORTIA_SMTP_URL: '  ' })).toBeNull();
    expect(
      mailSettingsFromEnv({ CONSORTIA_SMTP_URL: 'smtp://u:p@mail:587', CONSORTIA_MAIL_FROM: 'A <a@b.c>' }),
    ).toEqual({ smtpUrl: 'smtp://u:p@mail:587', from: 'A <a@b.c>' });
    expect(() => mailSettingsFromEnv({ CONSORTIA_SMTP_URL: 'smtp://mail:25' })).toThrow(
      /CONSORTIA_MAIL_FROM/,
    );
    expect(() =>
      mailSettingsFromEnv({ CONSORTIA_SMTP_URL: 'http://mail', CONSORTIA_MAIL_FROM: 'a@b.c' }),
    ).toThrow(/smtp:\/\//);
    expect(() =>
      mailSettingsFromEnv({ CONSORTIA_SMTP_URL: 'not a url', CONSORTIA_MAIL_FROM: 'a@b.c' }),
    ).toThrow();
  });

  it('doubles the retry delay per attempt up to the cap', () => {
    const o = { backoffMs: 30_000, maxBackoffMs: 3_600_000 };
    expect([1, 2, 3, 4, 8, 20].map((a) => retryDelayMs(a, o))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
  });
});
