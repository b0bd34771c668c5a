// PasswordPage.tsx: changing one's own password; every other session of the account ends.
import { useState, type FormEvent } from 'react';
import { Alert, Button, PasswordInput, Stack, Title } from '@mantine/core';
import { api, ApiError, setCsrfToken } from '../api';
import type { PasswordChange, Session } from '../types';
import { useT } from '../i18n';

export function PasswordPage() {
  const { t, pick, lang } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      const s = await api<Session>('POST', '/api/v1/session/password', { current_password: current, new_password: next } satisfies PasswordChange);
      setCsrfToken(s.csrf_token);
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError(0, String(x), String(x)));
    }
  };
  return (
    <Stack maw={420} component="form" onSubmit={submit}>
      <Title order={1} size="h2">{t('changePassword')}</Title>
      {done && <Alert color="green" role="status">{t('passwordChanged')}</Alert>}
      {error && error.errors.length === 0 && <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>}
      <PasswordInput label={t('currentPassword')} autoComplete="current-password" value={current}
        onChange={(e) => setCurrent(e.currentTarget.value)} error={error?.fieldMessage('current_password', lang)} />
      <PasswordInput label={t('newPassword')} autoComplete="new-password" value={next}
        onChange={(e) => setNext(e.currentTarget.value)} error={error?.fieldMessage('new_password', lang)} />
      <Button type="submit">{t('save')}</Button>
    </Stack>
  );
}
