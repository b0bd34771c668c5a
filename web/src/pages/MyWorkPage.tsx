// MyWorkPage.tsx: the complaints that need me, most urgent first: a handler's or confidant's
// own cases, the coordinator's unassigned and overdue ones, management's overview.
import { Alert, Loader, Stack, Title } from '@mantine/core';
import type { ComplaintPage } from '../types';
import { ComplaintTable } from '../components/ComplaintTable';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT, type Word } from '../i18n';
import { openStates } from '../labels';

function Section({ title, query }: { title: Word; query: string }) {
  const { t, pick } = useT();
  const { org } = useSession();
  const { data, error } = useApi<ComplaintPage>(`${org}/complaints?${query}&sort=next_due_at&limit=50`);
  return (
    <section aria-label={t(title)}>
      <Title order={2} size="h3" mb="xs">{t(title)}</Title>
      {error && <Alert color="red">{pick(error.detail, error.detailEn)}</Alert>}
      {!data && !error && <Loader size="sm" aria-label={t('loading')} />}
      {data && <ComplaintTable items={data.items} caption={t(title)} />}
    </section>
  );
}

export function MyWorkPage() {
  const { t } = useT();
  const { session, hasRole } = useSession();
  const me = session.staff.id;
  const open = `state=${openStates.join(',')}`;
  const sections: { title: Word; query: string }[] = [];
  if (hasRole('coordinator')) {
    sections.push({ title: 'overdue', query: `${open}&overdue=true` });
    sections.push({ title: 'unassigned', query: 'state=received,acknowledged' });
  }
  if (hasRole('handler') || hasRole('coordinator') || hasRole('management'))
    sections.push({ title: 'myCases', query: `${open}&handler=${me}` });
  if (hasRole('confidant')) sections.push({ title: 'confidentialCases', query: `${open}&handler=${me}` });
  if (hasRole('management') || hasRole('auditor')) sections.push({ title: 'allOpen', query: open });
  if (sections.length === 0) sections.push({ title: 'allOpen', query: open });
  return (
    <Stack>
      <Title order={1} size="h2">{t('myWork')}</Title>
      {sections.map((s) => (
        <Section key={s.title} title={s.title} query={s.query} />
      ))}
    </Stack>
  );
}
