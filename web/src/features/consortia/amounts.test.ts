import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CHARTER_FEN } from '../../../../src/modules/consortia/schemas';
import { basisPointsToPercent, fenToYuan, percentToBasisPoints, yuanToFen } from './amounts';

describe('charter amounts', () => {
  it('reads yuan to fen exactly, with separators and up to two decimals', () => {
    expect(yuanToFen('1,000,000.01')).toBe(100_000_001);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('12')).toBe(1200);
    expect(yuanToFen(' 3. ')).toBe(300);
    expect(yuanToFen('10000000000000')).toBe(MAX_CHARTER_FEN);
  });

  it('refuses what is not an exact amount', () => {
    for (const text of ['', '-1', '1.001', 'abc', '1e3', '10000000000000.01', '.5', '1.2.3'])
      expect(yuanToFen(text), text).toBeNull();
  });

  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuan(100_000_001)).toBe('1,000,000.01');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(0)).toBe('0.00');
    expect(fenToYuan(MAX_CHARTER_FEN)).toBe('10,000,000,000,000.00');
  });

  it('round-trips every fen amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_CHARTER_FEN }), (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
      }),
    );
  });

  it('reads percent to basis points exactly and back', () => {
    expect(percentToBasisPoints('33.33')).toBe(3333);
    expect(percentToBasisPoints('33.34')).toBe(3334);
    expect(percentToBasisPoints('100')).toBe(10_000);
    expect(percentToBasisPoints('0.01')).toBe(1);
    expect(percentToBasisPoints('100.01')).toBeNull();
    expect(percentToBasisPoints('33.333')).toBeNull();
    expect(basisPointsToPercent(3333)).toBe('33.33');
    expect(basisPointsToPercent(10_000)).toBe('100.00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(percentToBasisPoints(basisPointsToPercent(bp))).toBe(bp);
      }),
    );
  });
});
