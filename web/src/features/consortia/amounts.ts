/**
 * Exact conversions for the charter editor: yuan typed as a decimal string to integer fen, and
 * percent with two decimals to integer basis points, by string arithmetic only (no floating
 * point), and back for display. A figure that does not parse exactly is `null`.
 */
import { BASIS_POINTS_WHOLE, MAX_CHARTER_FEN } from '../../../../src/modules/consortia/schemas';

/** `whole` and up to `scale` decimals, thousands separators allowed in `whole`: "1,000,000.01". */
function parseScaled(text: string, scale: number): bigint | null {
  const trimmed = text.trim().replace(/[,，\s]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(trimmed);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > scale || whole.length > 20) return null;
  return BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0') || '0');
}

/** Formats an integer with `scale` implied decimals: 100000001 with scale 2 → "1,000,000.01". */
function formatScaled(value: number, scale: number, group: boolean): string {
  const negative = value < 0;
  const digits = (negative ? -BigInt(value) : BigInt(value)).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${negative ? '-' : ''}${grouped}.${fraction}`;
}

/** Yuan as typed ("1,000,000.01", "12", "3.5") to fen; null unless exact and within the charter's range. */
export function yuanToFen(text: string): number | null {
  const fen = parseScaled(text, 2);
  if (fen === null || fen > BigInt(MAX_CHARTER_FEN)) return null;
  return Number(fen);
}

/** Fen as yuan with two decimals and thousands separators: 100000001 → "1,000,000.01". */
export function fenToYuan(fen: number): string {
  return formatScaled(fen, 2, true);
}

/** A percent with up to two decimals ("33.33") to basis points (3333); null unless exact and 0–100. */
export function percentToBasisPoints(text: string): number | null {
  const bp = parseScaled(text, 2);
  if (bp === null || bp > BigInt(BASIS_POINTS_WHOLE)) return null;
  return Number(bp);
}

/** Basis points as a percent with two decimals: 3333 → "33.33". */
export function basisPointsToPercent(bp: number): string {
  return formatScaled(bp, 2, false);
}
