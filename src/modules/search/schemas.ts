import { z } from 'zod';
import { SEARCHABLE_TYPES, VISIBILITY_TIERS } from './documents.js';

export { SEARCHABLE_TYPES, VISIBILITY_TIERS };

/** A comma-separated list in a query string, e.g. `types=need,achievement`. */
function csv<T extends z.ZodType<string, string>>(item: T, max: number) {
  return z
    .string()
    .max(500)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).max(max));
}

const facetValue = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'Use lower-case letters, digits, "-" and "_"');

/** TRL filter: one level (`6`) or a range (`4-7`), 1 to 9. */
const trlFilter = z
  .string()
  .regex(/^[1-9](-[1-9])?$/, 'A TRL from 1 to 9, or a range such as 4-7')
  .transform((value) => {
    const [from, to] = value.split('-').map(Number);
    const low = Math.min(from ?? 1, to ?? from ?? 1);
    const high = Math.max(from ?? 1, to ?? from ?? 1);
    return Array.from({ length: high - low + 1 }, (_, i) => low + i);
  });

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).describe('Words to find, in Chinese or English (or both)'),
  types: csv(z.enum(SEARCHABLE_TYPES), SEARCHABLE_TYPES.length)
    .optional()
    .describe(
      'Only these record types, comma-separated: organization, expert, need, capability, achievement',
    ),
  kind: csv(facetValue, 10).optional().describe('Organisation kind (or kinds, comma-separated)'),
  cluster: csv(facetValue, 10).optional().describe('Cluster slug(s)'),
  district: csv(facetValue, 10).optional().describe('District(s) of Suzhou'),
  chainPosition: csv(facetValue, 3).optional().describe('upstream, midstream, downstream'),
  mode: csv(facetValue, 10).optional().describe('Cooperation or transfer mode(s)'),
  trl: trlFilter.optional().describe('Technology readiness level, or a range such as 4-7'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(500).default(0),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const TextSegmentSchema = z.object({
  text: z.string(),
  match: z.boolean().describe('Whether this piece matched the query (show it highlighted)'),
});
export type TextSegment = z.infer<typeof TextSegmentSchema>;

export const SearchHitSchema = z.object({
  type: z.enum(SEARCHABLE_TYPES),
  id: z.string(),
  title: z.string(),
  titleSegments: z.array(TextSegmentSchema).describe('The title, with matched words marked'),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  score: z.number().describe('Relevance; higher is better, comparable within one response'),
  snippet: z.array(TextSegmentSchema).describe('An excerpt around the first match, as marked pieces'),
  snippetHtml: z.string().describe('The same excerpt as HTML: matches in <mark>, everything else escaped'),
  detailsHidden: z
    .boolean()
    .describe('The record has details the caller may not see (its tier does not admit them)'),
  visibility: z.enum(VISIBILITY_TIERS),
  kind: z.string().nullable(),
  district: z.string().nullable(),
  trl: z.int().nullable(),
  clusters: z.array(z.string()),
  chainPositions: z.array(z.string()),
  cooperationModes: z.array(z.string()),
  keywords: z.array(z.string()),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultsSchema = z.object({
  items: z.array(SearchHitSchema),
  total: z.int().describe('How many records match (counted up to a limit, see totalIsExact)'),
  totalIsExact: z.boolean(),
  limit: z.int(),
  offset: z.int(),
  terms: z.array(z.string()).describe('The query as the analyser understood it'),
});
export type SearchResults = z.infer<typeof SearchResultsSchema>;
