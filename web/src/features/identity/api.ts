import type { ApiClient } from '../../api/client';
import { seg } from '../../api/client';
import type {
  ChangePasswordBody,
  ListUsersQuery,
  LoginBody,
  RegisterBody,
  Session,
  SetPlatformRolesBody,
  UpdateProfileBody,
  UserAdmin,
} from '../../../../src/modules/identity/schemas';

export type { Session, UserAdmin };

export const getSession = (api: ApiClient, signal?: AbortSignal) =>
  api.get<Session>('/api/v1/auth/session', { signal });
export const logIn = (api: ApiClient, body: LoginBody) => api.post<Session>('/api/v1/auth/login', body);
export const register = (api: ApiClient, body: RegisterBody) =>
  api.post<Session>('/api/v1/auth/register', body);
export const logOut = (api: ApiClient) => api.post<{ ok: true }>('/api/v1/auth/logout');
export const updateProfile = (api: ApiClient, body: UpdateProfileBody) =>
  api.patch<Session>('/api/v1/auth/me', body);
export const changePassword = (api: ApiClient, body: ChangePasswordBody) =>
  api.post<{ ok: true }>('/api/v1/auth/password', body);

export const listUsers = (api: ApiClient, query: Partial<ListUsersQuery>, signal?: AbortSignal) =>
  api.get<{ items: UserAdmin[]; total: number }>('/api/v1/users', { query, signal });
export const setPlatformRoles = (api: ApiClient, userId: string, body: SetPlatformRolesBody) =>
  api.put<UserAdmin>(`/api/v1/users/${seg(userId)}/platform-roles`, body);
