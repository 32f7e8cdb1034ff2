import type { TextSegment } from './api';

/**
 * Text with the matched words marked. Built from the API's segments as React nodes, so nothing
 * the records contain is ever interpreted as HTML.
 */
export function Highlighted({ segments, testId }: { segments: readonly TextSegment[]; testId?: string }) {
  return (
    <span data-testid={testId}>
      {segments.map((segment, index) =>
        segment.match ? (
          <mark key={index} data-testid="search-mark" style={{ padding: '0 1px', background: '#ffe58f' }}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}
