import { z } from 'zod';

export const PLATFORM_ROLE_VALUES = ['cluster_office', 'auditor', 'reviewer'] as const;
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Passwords: at least 10 characters; length beats composition rules. */
export const PASSWORD_MIN_LENGTH = 10;
const newPassword = z.string().max(200).describe(`At least ${PASSWORD_MIN_LENGTH} characters`);
const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase())
  .describe('E-mail address, used to sign in');

export const RegisterBody = z.strictObject({
  email,
  password: newPassword,
  displayName: z.string().trim().min(1).max(80).describe('Name shown to other users'),
  locale: z.enum(LOCALES).optional().describe('Preferred language'),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.strictObject({
  email: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .transform((value) => value.toLowerCase()),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const UpdateProfileBody = z.strictObject({
  displayName: z.string().trim().min(1).max(80).optional(),
  locale: z.enum(LOCALES).optional(),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(LOCALES),
  isDemo: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

export const SessionMembershipSchema = z.object({
  organizationId: z.string(),
  role: z.enum(['admin', 'member']),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.string(),
  verificationStatus: z.string(),
});

export const SessionSchema = z.object({
  user: UserSchema,
  platformRoles: z.array(z.enum(PLATFORM_ROLE_VALUES)),
  memberships: z.array(SessionMembershipSchema),
  csrfToken: z.string().describe('Send it back as the x-csrf-token header on every write'),
});
export type Session = z.infer<typeof SessionSchema>;

export const UserAdminSchema = UserSchema.extend({
  platformRoles: z.array(z.enum(PLATFORM_ROLE_VALUES)),
  createdAt: z.string(),
});
export type UserAdmin = z.infer<typeof UserAdminSchema>;

export const ListUsersQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Part of an e-mail or name'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const UserListSchema = z.object({ items: z.array(UserAdminSchema), total: z.int() });

export const UserIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const SetPlatformRolesBody = z.strictObject({
  roles: z.array(z.enum(PLATFORM_ROLE_VALUES)).max(3).describe('The complete set of platform roles'),
});
export type SetPlatformRolesBody = z.infer<typeof SetPlatformRolesBody>;

export const OkSchema = z.object({ ok: z.literal(true) });
