import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatFen, yuanToFen } from './money';

describe('money in the web app', () => {
  it('shows fen as yuan exactly', () => {
    expect(formatFen('100000001')).toBe('¥1,000,000.01');
    expect(formatFen('33340001')).toBe('¥333,400.01');
    expect(formatFen('0')).toBe('¥0.00');
    expect(formatFen('7')).toBe('¥0.07');
    expect(formatFen('90071992547409930000001')).toBe('¥900,719,925,474,099,300,000.01');
  });

  it('reads yuan as fen without floating point', () => {
    expect(yuanToFen('1000000.01')).toBe('100000001');
    expect(yuanToFen('¥1,000,000.01')).toBe('100000001');
    expect(yuanToFen('12')).toBe('1200');
    expect(yuanToFen('0.5')).toBe('50');
    expect(yuanToFen('0')).toBe('0');
    for (const bad of ['', 'abc', '1.001', '-1', '1e3']) expect(yuanToFen(bad)).toBeNull();
  });

  it('round-trips any amount (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 80n }), (fen) => {
        expect(yuanToFen(formatFen(fen.toString()))).toBe(fen.toString());
      }),
    );
  });

  it('shows basis points as a percentage', () => {
    expect(formatBasisPoints(3334)).toBe('33.34%');
    expect(formatBasisPoints(10000)).toBe('100.00%');
    expect(formatBasisPoints(5)).toBe('0.05%');
  });
});
