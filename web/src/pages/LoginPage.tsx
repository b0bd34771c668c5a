// LoginPage.tsx: logging in with e-mail address and password; a refusal is said in words.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { api, ApiError } from '../api';
import type { LoginRequest, Session } from '../types';
import { useLang, useT } from '../i18n';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: Session) => Promise<void> }) {
  const { t, pick } = useT();
  const { lang, setLang } = useLang();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLoggedIn(await api<Session>('POST', '/api/v1/session', { email, password } satisfies LoginRequest));
    } catch (err) {
      setError(err instanceof ApiError ? pick(err.detail, err.detailEn) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" component="main">
      <Paper withBorder p="xl" w={380} component="form" onSubmit={submit}>
        <Stack>
          <Title order={1} size="h2">klachtdesk</Title>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <TextInput label={t('email')} type="email" autoComplete="username" required autoFocus
            value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t('password')} autoComplete="current-password" required
            value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>{t('login')}</Button>
          <Button variant="subtle" size="xs" onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}>
            {lang === 'nl' ? 'English' : 'Nederlands'}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
