/**
 * Money in the web app: amounts travel as fen (分) in strings of decimal digits and are shown as
 * yuan (¥1,000,000.01). Conversion is string arithmetic only; floating point never touches an
 * amount, so figures beyond 2^53 fen stay exact.
 */

const FEN = /^(0|[1-9][0-9]*)$/;
const YUAN = /^(\d{1,27})(?:\.(\d{0,2}))?$/;

/** "100000001" → "¥1,000,000.01"; anything that is not fen digits is shown as given. */
export function formatFen(fen: string): string {
  if (!FEN.test(fen)) return fen;
  const padded = fen.padStart(3, '0');
  const yuan = padded.slice(0, -2).replace(/^0+(?=\d)/, '');
  const cents = padded.slice(-2);
  return `¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/**
 * What a person typed in yuan ("1000000.01", "1,000,000.01", "¥12") as fen digits, or null when
 * it is not an amount with at most two decimals.
 */
export function yuanToFen(input: string): string | null {
  const cleaned = input
    .trim()
    .replace(/^¥/, '')
    .replace(/[,，\s]/g, '');
  const match = YUAN.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const cents = (match[2] ?? '').padEnd(2, '0');
  const digits = `${whole}${cents}`.replace(/^0+(?=\d)/, '');
  return digits;
}

/** Basis points as a percentage, e.g. 3334 → "33.34%". */
export function formatBasisPoints(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = String(basisPoints % 100).padStart(2, '0');
  return `${String(whole)}.${rest}%`;
}
