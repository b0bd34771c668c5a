// MyWorkPage.tsx: the complaints that need me, most urgent first: a handler's or confidant's
// own cases, the coordinator's unassigned and overdue ones, management's overview.
import { useState } from 'react';
import { Alert, Loader, Stack, Title } from '@mantine/core';
import type { ActionList, ComplaintPage } from '../types';
import { ActionTable } from '../components/TrackedActions';
import { reportingRoles } from './NonconformitiesPage';
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

// The actions and measures I own that are open or in progress, by due date, overdue ones
// marked; each linked to its complaint or nonconformity, with my progress to report.
function MyActions() {
  const { t, pick } = useT();
  const { org } = useSession();
  const { data, error, reload } = useApi<ActionList>(`${org}/actions?mine=true`);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section aria-label={t('myActions')}>
      <Title order={2} size="h3" mb="xs">{t('myActions')}</Title>
      {saved && <Alert color="green" role="status" mb="xs" withCloseButton closeButtonLabel={pick('Sluiten', 'Close')} onClose={() => setSaved(null)}>{saved}</Alert>}
      {error && <Alert color="red">{pick(error.detail, error.detailEn)}</Alert>}
      {!data && !error && <Loader size="sm" aria-label={t('loading')} />}
      {data && (
        <ActionTable items={data.items} variant="mine" caption={t('myActions')}
          onChanged={(m) => { setSaved(m); reload(); }} />
      )}
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
      {reportingRoles.some(hasRole) && <MyActions />}
      {sections.map((s) => (
        <Section key={s.title} title={s.title} query={s.query} />
      ))}
    </Stack>
  );
}
