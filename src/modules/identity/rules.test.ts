import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THROTTLE,
  isLoginThrottled,
  isSessionDueForTouch,
  passwordProblem,
  SESSION_TOUCH_INTERVAL_MS,
  SESSION_TTL_DAYS,
  sessionExpiry,
  throttleWindowStart,
} from './rules.js';

const EMAIL = 'meiling.wang@example.com';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('correct horse battery staple', EMAIL)).toBeNull();
    expect(passwordProblem('苏州工业园区的春天来了', EMAIL)).toBeNull();
  });

  it('refuses fewer than ten characters, counting code points not UTF-16 units', () => {
    expect(passwordProblem('abcdefgh9', EMAIL)).toBe('too_short');
    expect(passwordProblem('abcdefgh9!', EMAIL)).toBeNull();
    // Five emoji are ten UTF-16 units but only five characters.
    expect(passwordProblem('😀😀😀😀😀', EMAIL)).toBe('too_short');
  });

  it('refuses a password containing the e-mail name, ignoring case', () => {
    expect(passwordProblem('my-MeiLing.Wang-2024', EMAIL)).toBe('contains_email');
  });

  it('ignores very short e-mail names', () => {
    expect(passwordProblem('bob-likes-long-walks', 'bob@example.com')).toBeNull();
  });

  it('refuses common passwords, ignoring case', () => {
    expect(passwordProblem('Password123', EMAIL)).toBe('too_common');
    expect(passwordProblem('QWERTYUIOP', EMAIL)).toBe('too_common');
    expect(passwordProblem('1234567890', EMAIL)).toBe('too_common');
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaa', EMAIL)).toBe('too_common');
    expect(passwordProblem('aaaaaaaaaaab', EMAIL)).toBeNull();
  });
});

describe('login throttle', () => {
  const limits = { perAccount: 3, perIp: 10, windowMinutes: 15 };
  const now = new Date('2026-03-01T12:00:00.000Z');

  it('throttles at the account limit and at the address limit', () => {
    expect(isLoginThrottled({ forAccount: 2, forIp: 9 }, limits)).toBe(false);
    expect(isLoginThrottled({ forAccount: 3, forIp: 0 }, limits)).toBe(true);
    expect(isLoginThrottled({ forAccount: 0, forIp: 10 }, limits)).toBe(true);
  });

  it('counts failures from the start of the window when there was no success', () => {
    expect(throttleWindowStart(now, limits, null)).toBe('2026-03-01T11:45:00.000Z');
  });

  it('does not count failures before the last successful sign-in', () => {
    const lastSuccess = '2026-03-01T11:58:00.000Z';
    expect(throttleWindowStart(now, limits, lastSuccess)).toBe(lastSuccess);
  });

  it('keeps the window when the last success is older than it', () => {
    expect(throttleWindowStart(now, limits, '2026-03-01T09:00:00.000Z')).toBe('2026-03-01T11:45:00.000Z');
  });

  it('defaults to five per account and thirty per address in fifteen minutes', () => {
    expect(DEFAULT_THROTTLE).toEqual({ perAccount: 5, perIp: 30, windowMinutes: 15 });
  });
});

describe('sessions', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');

  it('expire fourteen days after they are opened or used', () => {
    expect(SESSION_TTL_DAYS).toBe(14);
    expect(sessionExpiry(now)).toBe('2026-03-15T12:00:00.000Z');
    expect(sessionExpiry(now, 1)).toBe('2026-03-02T12:00:00.000Z');
  });

  it('slide forward at most every five minutes', () => {
    expect(SESSION_TOUCH_INTERVAL_MS).toBe(5 * 60_000);
    expect(isSessionDueForTouch('2026-03-01T11:55:00.001Z', now)).toBe(false);
    expect(isSessionDueForTouch('2026-03-01T11:55:00.000Z', now)).toBe(true);
    expect(isSessionDueForTouch('2026-02-01T00:00:00.000Z', now)).toBe(true);
    expect(isSessionDueForTouch('2026-03-01T12:00:00.000Z', now)).toBe(false);
  });
});
