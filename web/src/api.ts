// api.ts: every call to the klachtdesk API: JSON in and out, the CSRF token on changes, and
// refusals as ApiError with the server's own words per field.
import type { FieldError, Problem } from './types';

export type { FieldError };

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

// Whatever a call threw as an ApiError, so that a lost connection is shown as a refusal is.
export function asApiError(x: unknown): ApiError {
  return x instanceof ApiError ? x : new ApiError(0, String(x), String(x));
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
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw refusal(res.status, path, data);
  return data as T;
}

// A file the server writes (a list for Excel: format=xlsx or csv) with the name it gives it.
// Fetched rather than followed as a link: a refusal (more than 100,000 rows, a session that
// ended) then comes back as an ApiError to show in words, where a link would only leave a
// failed download in the browser's bar.
export async function downloadFile(path: string): Promise<{ blob: Blob; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'De server is niet bereikbaar.', 'The server cannot be reached.');
  }
  if (!res.ok) throw refusal(res.status, path, await res.json().catch(() => ({})));
  const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '');
  return { blob: await res.blob(), fileName: named ? named[1] : path.replace(/[?#].*$/, '').split('/').pop()! };
}

// The server's problem document as an ApiError; a session that ended (idle for 30 minutes)
// sends the app back to logging in.
function refusal(status: number, path: string, data: Partial<Problem>) {
  if (status === 401 && path !== '/api/v1/session') window.dispatchEvent(new Event('klachtdesk:session-ended'));
  return new ApiError(status, data.detail ?? `Fout ${status}`, data.detail_en ?? `Error ${status}`, data.errors ?? []);
}

// Sends a file as the request body, reporting the percentage sent: fetch() cannot tell how
// far an upload is, XMLHttpRequest can.
export function uploadFile<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((100 * e.loaded) / e.total));
    };
    xhr.onerror = () => reject(new ApiError(0, 'De server is niet bereikbaar.', 'The server cannot be reached.'));
    xhr.onload = () => {
      let data = {};
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* an answer without JSON: the status says enough */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(refusal(xhr.status, path, data));
    };
    xhr.send(file);
  });
}

export const orgPath = (slug: string) => `/api/v1/organisations/${encodeURIComponent(slug)}`;
