// InboxMessagePage.tsx: one message that came in: who wrote what, and the two ways to settle
// it: register it as a complaint (the intake opens with what the message says) or say why it
// is not one.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { api, ApiError } from '../api';
import type { InboundMail } from '../types';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT } from '../i18n';
import { Link, navigate } from '../router';
import { inboxStatuses } from '../labels';
import { formatDateTime } from '../format';

export function InboxMessagePage({ id }: { id: number }) {
  const { t, pick, lang } = useT();
  const { org } = useSession();
  const { data: m, error: loadError } = useApi<InboundMail>(`${org}/inbox/${id}`);
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (loadError) return <Alert color="red" role="alert">{pick(loadError.detail, loadError.detailEn)}</Alert>;
  if (!m) return <Loader aria-label={t('loading')} />;

  const dismiss = async () => {
    setBusy(true);
    try {
      await api('POST', `${org}/inbox/${id}/dismiss`, { reason });
      navigate('/postvak');
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError(0, String(x), String(x)));
    } finally {
      setBusy(false);
    }
  };
  const general = error && error.errors.length === 0 ? pick(error.detail, error.detailEn) : null;

  return (
    <Stack maw={820}>
      <Group>
        <Title order={1} size="h2">{m.subject || pick('(geen onderwerp)', '(no subject)')}</Title>
        <Badge color="indigo.8" style={{ textTransform: 'none' }}>{pick(...inboxStatuses[m.status])}</Badge>
        {m.confidential && <Badge color="grape.8" style={{ textTransform: 'none' }}>🔒 {pick('Vertrouwelijk', 'Confidential')}</Badge>}
      </Group>
      <Stack gap={2}>
        <Text size="sm"><b>{pick('Van', 'From')}:</b> {m.from_name ? `${m.from_name} <${m.from_address}>` : m.from_address}</Text>
        <Text size="sm"><b>{pick('Verzonden', 'Sent')}:</b> {formatDateTime(m.sent_at) || '—'}</Text>
        <Text size="sm"><b>{pick('Binnengekomen', 'Came in')}:</b> {formatDateTime(m.received_at)}</Text>
        <Text size="sm"><b>{pick('Bijlagen', 'Attachments')}:</b> {m.files}</Text>
        {m.reason && <Text size="sm"><b>{pick('Reden', 'Reason')}:</b> {m.reason}</Text>}
        {m.complaint_id && (
          <Text size="sm"><b>{pick('Klacht', 'Complaint')}:</b> <Link to={`/klachten/${m.complaint_id}`}>{pick('openen', 'open')}</Link></Text>
        )}
      </Stack>
      <Paper withBorder p="sm">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{m.text || pick('(geen tekst)', '(no text)')}</Text>
      </Paper>
      {general && <Alert color="red" role="alert">{general}</Alert>}
      {m.status === 'new' && !dismissing && (
        <Group>
          <Button onClick={() => navigate(`/postvak/${id}/registreren`)}>{pick('Registreren als klacht', 'Register as a complaint')}</Button>
          <Button variant="default" onClick={() => setDismissing(true)}>{pick('Geen klacht', 'Not a complaint')}</Button>
        </Group>
      )}
      {m.status === 'new' && dismissing && (
        <Stack>
          <Textarea label={pick('Waarom is dit geen klacht?', 'Why is this not a complaint?')} value={reason}
            onChange={(e) => setReason(e.currentTarget.value)} error={error?.fieldMessage('reason', lang)}
            autosize minRows={2} autoFocus required />
          <Group>
            <Button onClick={dismiss} loading={busy}>{t('save')}</Button>
            <Button variant="default" onClick={() => setDismissing(false)}>{t('cancel')}</Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
