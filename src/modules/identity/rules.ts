/** Pure decisions about accounts and sign-in. */
import { PASSWORD_MIN_LENGTH } from './schemas.js';

export type PasswordProblem = 'too_short' | 'contains_email' | 'too_common';

const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  'password123',
  'password1234',
  'qwertyuiop',
  'administrator',
  'iloveyou123',
  '1q2w3e4r5t',
  'a123456789',
  'abcdefghij',
  'consortia123',
]);

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  const localPart = email.toLowerCase().split('@')[0] ?? '';
  if (localPart.length >= 4 && lower.includes(localPart)) return 'contains_email';
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'too_common';
  return null;
}

export interface ThrottleLimits {
  /** Failed attempts allowed per account within the window. */
  perAccount: number;
  /** Failed attempts allowed per client address within the window. */
  perIp: number;
  windowMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perIp: 30, windowMinutes: 15 };

/** Whether another sign-in attempt may be checked, given the recent failures. */
export function isLoginThrottled(
  failures: { forAccount: number; forIp: number },
  limits: ThrottleLimits,
): boolean {
  return failures.forAccount >= limits.perAccount || failures.forIp >= limits.perIp;
}

/** The start of the window in which failures count; failures before the last success never do. */
export function throttleWindowStart(now: Date, limits: ThrottleLimits, lastSuccess: string | null): string {
  const windowStart = new Date(now.getTime() - limits.windowMinutes * 60_000).toISOString();
  return lastSuccess !== null && lastSuccess > windowStart ? lastSuccess : windowStart;
}

export const SESSION_TTL_DAYS = 14;
/** A session's expiry moves forward when used, at most this often (to avoid a write per request). */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60_000;

export function sessionExpiry(now: Date, ttlDays = SESSION_TTL_DAYS): string {
  return new Date(now.getTime() + ttlDays * 86_400_000).toISOString();
}

export function isSessionDueForTouch(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) >= SESSION_TOUCH_INTERVAL_MS;
}
