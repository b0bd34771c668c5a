// api.ts: every call to the klachtdesk API: JSON in and out, the CSRF token on changes, and
// refusals as ApiError with the server's own words per field.
export interface FieldError {
  field: string;
  message: string;
  message_en: string;
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public detail: string,
    public detailEn: string,
    public errors: FieldError[] = [],
  ) {
    super(detailEn);
  }
  // The message for `field` (or a field under it, "complainant.name"), in the language asked.
  fieldMessage(field: string, lang: 'nl' | 'en'): string | undefined {
    const e = this.errors.find((x) => x.field === field || x.field.startsWith(field + '.'));
    return e ? (lang === 'nl' ? e.message : e.message_en) : undefined;
  }
}

let csrfToken = '';
export function setCsrfToken(token: string) {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'De server is niet bereikbaar.', 'The server cannot be reached.');
  }
  if (res.status === 204) return undefined as T;
  // A session that ended (idle for 30 minutes) sends the app back to logging in.
  if (res.status === 401 && path !== '/api/v1/session') window.dispatchEvent(new Event('klachtdesk:session-ended'));
  const data = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      res.status,
      data.detail ?? `Fout ${res.status}`,
      data.detail_en ?? `Error ${res.status}`,
      data.errors ?? [],
    );
  return data as T;
}

export const orgPath = (slug: string) => `/api/v1/organisations/${encodeURIComponent(slug)}`;
