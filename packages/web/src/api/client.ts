// The one way the pages talk to the server: JSON in and out, problem+json errors as ApiError.

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

/**
 * The form field a server field error is about: its JSON pointer names the request part and the path
 * (`/body/name`, `/body/geometry/coordinates/0`); the docs' examples leave the part out (`/name`).
 */
export function formFieldOf(error: FieldError): string | null {
  const [first] = error.field.replace(/^\/(body|query|params)(?=\/|$)/, '').split('/').filter(Boolean);
  return first ?? null;
}

let onUnauthorised: () => void = () => {};
export const setUnauthorisedHandler = (handler: () => void): void => {
  onUnauthorised = handler;
};

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
  });
  return answerOf<T>(response);
}

/** Sends a file as the raw request body (photo uploads); same answers and errors as `api`. */
export async function upload<T>(url: string, file: Blob): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': file.type || 'image/jpeg' },
    body: file,
  });
  return answerOf<T>(response);
}

async function answerOf<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const p = (data ?? {}) as { code?: string; message?: string; errors?: FieldError[] };
    if (response.status === 401 && p.code === 'auth.required') onUnauthorised();
    throw new ApiError(response.status, p.code ?? 'unknown', p.message ?? `请求失败（${response.status}）`, p.errors ?? []);
  }
  return data as T;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

/** A query string; a list repeats its parameter (`status=a&status=b`), as the server's array parameters expect. */
export function query(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const item of v as readonly string[]) search.append(k, item);
    else if (v !== undefined && v !== null && v !== '' && v !== false) search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
