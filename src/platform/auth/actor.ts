/** Roles a user holds across the whole platform, beside memberships of organisations. */
export const PLATFORM_ROLES = ['cluster_office', 'auditor', 'reviewer'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const ORGANIZATION_ROLES = ['admin', 'member'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

/** Who is making a request, as every permission decision sees it. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      csrfToken: string;
      platformRoles: ReadonlySet<PlatformRole>;
      /** organisation id → role in it */
      memberships: ReadonlyMap<string, OrganizationRole>;
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function isSignedIn(actor: Actor): actor is UserActor {
  return actor.kind === 'user';
}

export function hasPlatformRole(actor: Actor, role: PlatformRole): boolean {
  return actor.kind === 'user' && actor.platformRoles.has(role);
}

export function roleIn(actor: Actor, organizationId: string): OrganizationRole | null {
  return actor.kind === 'user' ? (actor.memberships.get(organizationId) ?? null) : null;
}

/** The acting user's id, or null for anonymous callers (audit events record it). */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
