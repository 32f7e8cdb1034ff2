/**
 * The contract between the modules that own searchable records (organisations, directory) and
 * the search module that indexes them. Owners call `indexDocument` / `removeDocument` from
 * `service.ts` inside the same transaction as the change, so the index never disagrees with the
 * data it describes.
 */
export const SEARCHABLE_TYPES = ['organization', 'expert', 'need', 'capability', 'achievement'] as const;
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

/** Who may see a record's details: everyone; verified organisations' members; NDA parties only. */
export const VISIBILITY_TIERS = ['public', 'registered', 'parties'] as const;
export type VisibilityTier = (typeof VISIBILITY_TIERS)[number];

export interface SearchDocument {
  entityType: SearchableType;
  entityId: string;
  /** The organisation that owns the record (for organisations: itself); null for none. */
  ownerOrganizationId: string | null;
  visibility: VisibilityTier;
  /** Whether the record is live (open need, published achievement, verified organisation). */
  isActive: boolean;
  /** Always searchable and shown: names, titles, keywords, a public summary. */
  title: string;
  publicText: string;
  keywords: readonly string[];
  /** Searchable and shown only to callers the tier admits (descriptions of restricted records). */
  restrictedText: string;
  facets: {
    kind?: string | null;
    clusters?: readonly string[];
    district?: string | null;
    chainPositions?: readonly string[];
    trl?: number | null;
    cooperationModes?: readonly string[];
  };
}
