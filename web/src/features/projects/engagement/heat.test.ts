import { describe, expect, it } from 'vitest';
import { cellTone } from './heat';

const cell = (activityCount: number) => ({
  stage: 'rd' as const,
  activityCount,
  overdueTasks: 0,
  daysSinceLastContribution: null,
  medianResponseHours: null,
});

describe('heat-map tones', () => {
  it('marks flagged cells, greys stages not reached, and deepens with activity', () => {
    const ctx = { stageIndex: 1, currentIndex: 1, silentAfterDays: 14, flagged: false };
    expect(cellTone(cell(0), { ...ctx, flagged: true })).toBe('flagged');
    expect(cellTone(cell(0), { ...ctx, stageIndex: 3 })).toBe('future');
    expect(cellTone(cell(0), ctx)).toBe('none');
    expect(cellTone(cell(1), ctx)).toBe('low');
    expect(cellTone(cell(3), ctx)).toBe('medium');
    expect(cellTone(cell(9), ctx)).toBe('high');
  });
});
