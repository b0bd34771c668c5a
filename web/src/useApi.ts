// useApi.ts: a GET that loads when its path changes, with its error and a way to reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api';

export function useApi<T>(path: string | null) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setError(null);
    // Never show the previous address's data under the new one (a reload keeps it).
    if (shown.current !== path) setData(null);
    shown.current = path;
    api<T>('GET', path)
      .then((d) => live && setData(d))
      .catch((e) => live && setError(e instanceof ApiError ? e : new ApiError(0, String(e), String(e))));
    return () => {
      live = false;
    };
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload, setData };
}
