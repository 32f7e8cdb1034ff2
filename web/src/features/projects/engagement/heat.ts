/** How a heat-map cell is coloured: by the party's engagement in that stage. */
import type { EngagementCellView } from '../../../../../src/modules/projects/schemas';

export type CellTone = 'none' | 'low' | 'medium' | 'high' | 'flagged' | 'future';

export const TONE_COLOURS: Readonly<Record<CellTone, string>> = {
  none: '#fff1f0',
  low: '#d9f7be',
  medium: '#95de64',
  high: '#52c41a',
  flagged: '#ffccc7',
  future: '#fafafa',
};

/**
 * A stage not reached yet is `future` (unless something already happened in it); a flagged cell is
 * `flagged`; otherwise the number of contributions sets the tone, and a reached stage without any
 * is `none` (pale red: nothing from this party there).
 */
export function cellTone(
  cell: EngagementCellView,
  context: { stageIndex: number; currentIndex: number; silentAfterDays: number; flagged: boolean },
): CellTone {
  if (context.flagged) return 'flagged';
  if (cell.activityCount === 0) return context.stageIndex > context.currentIndex ? 'future' : 'none';
  if (cell.activityCount >= 6) return 'high';
  if (cell.activityCount >= 3) return 'medium';
  return 'low';
}
