/**
 * A small typed wrapper around fetch for the Consortia API: JSON in and out, the session cookie
 * sent by the browser, the CSRF token on every write, and error bodies turned into ApiError.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';

/** One problem with one field, named the way the API names it (`body.creditCode`). */
export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

/** Codes the client itself produces when there is no usable error body from the server. */
export const CLIENT_ERROR_CODES = ['client.network_failed', 'client.unexpected_response'] as const;

/** An error response of the API (or a failure to reach it), by its stable code. */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Stable code, e.g. `auth.invalid_credentials`; translated by the web app. */
  readonly code: string;
  readonly issues: readonly FieldIssue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    status: number,
    code: string,
    message: string,
    issues: readonly FieldIssue[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  /** Query parameters; null, undefined and '' are left out. */
  query?: Readonly<Record<string, QueryValue>> | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseIssues(details: Record<string, unknown>): FieldIssue[] {
  const raw = details['issues'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown) =>
    isRecord(item) && typeof item['field'] === 'string'
      ? [
          {
            field: item['field'],
            code: typeof item['code'] === 'string' ? item['code'] : 'invalid',
            message: typeof item['message'] === 'string' ? item['message'] : '',
          },
        ]
      : [],
  );
}

/** Turns an error response into an ApiError, whatever its body looks like. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body['code'] === 'string') {
    const details = isRecord(body['details']) ? body['details'] : {};
    const message = typeof body['message'] === 'string' ? body['message'] : body['code'];
    return new ApiError(status, body['code'], message, parseIssues(details), details);
  }
  const code =
    status === 502 || status === 503 || status === 504 ? 'server.unavailable' : 'client.unexpected_response';
  return new ApiError(status, code, `HTTP ${status}`);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

type UnauthenticatedListener = () => void;

/**
 * The API client of one browser tab. It holds the CSRF token of the current session (set by the
 * session provider) and tells listeners when the server says the session is gone.
 */
export class ApiClient {
  #csrfToken: string | null = null;
  readonly #listeners = new Set<UnauthenticatedListener>();

  setCsrfToken(token: string | null): void {
    this.#csrfToken = token;
  }

  /** Called when a request fails with `auth.unauthenticated` (an expired or revoked session). */
  onUnauthenticated(listener: UnauthenticatedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const hasBody = options.body !== undefined;
    if (hasBody) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.#csrfToken) headers['x-csrf-token'] = this.#csrfToken;

    let response: Response;
    try {
      response = await fetch(withQuery(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(hasBody ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError(0, 'client.network_failed', error instanceof Error ? error.message : String(error));
    }

    const body = await readJson(response);
    if (!response.ok) {
      const error = toApiError(response.status, body);
      if (error.code === 'auth.unauthenticated') for (const listener of this.#listeners) listener();
      throw error;
    }
    if (body === undefined && response.status !== 204) {
      throw new ApiError(response.status, 'client.unexpected_response', 'Expected a JSON body');
    }
    return body as T;
  }

  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  delete<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return createElement(ApiContext.Provider, { value: client }, children);
}

/** The API client of this tab. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider>');
  return client;
}

/** A path segment, encoded. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
