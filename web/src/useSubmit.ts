// useSubmit.ts: the busy flag and the refusal of a form that sends its request on submit.
import { useState } from 'react';
import { asApiError, type ApiError } from './api';

export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // The work may also refuse by itself (setError) after a look-up of its own; whatever it
  // throws, the server's refusal or a lost connection, stands above or beside the fields.
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (x) {
      setError(asApiError(x));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
