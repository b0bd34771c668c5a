// CasePage.tsx: one complaint: its data, every deadline of the procedure with its state, the
// steps the reader may take now (and why others must wait), and the timeline.
import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Complaint } from '../types';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT } from '../i18n';
import { actionForms, channelLabels, stateLabels, stepLabels, valueLabels } from '../labels';
import { formatDateTime, termText } from '../format';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { ActionForm } from '../components/ActionForm';
import { Timeline } from '../components/Timeline';
import { CaseFileSection } from '../components/CaseFileSection';
import { Correspondence } from '../components/Correspondence';

export function CasePage({ id }: { id: number }) {
  const { t, pick, lang } = useT();
  const { org, staffName } = useSession();
  const { data: c, error, reload } = useApi<Complaint>(`${org}/complaints/${id}`);
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  if (error) return <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>;
  if (!c) return <Loader aria-label={t('loading')} />;

  const state = stateLabels[c.state];
  const label = (pair: readonly [string, string] | undefined, fallback: string) => (pair ? pick(pair[0], pair[1]) : fallback);
  const row = (name: string, value: string) => (
    <Group gap="xs" wrap="nowrap" align="start">
      <Text fw={600} size="sm" miw={170}>{name}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{value || '—'}</Text>
    </Group>
  );
  const possible = c.actions.filter((a) => !a.blocked);
  const waiting = c.actions.filter((a) => a.blocked);

  return (
    <Stack>
      <Group>
        <Title order={1} size="h2">{pick('Klacht', 'Complaint')} {c.reference}</Title>
        <Badge size="lg" color="indigo.8" style={{ textTransform: 'none' }}>{label(state, c.state)}</Badge>
        {c.confidential && <Badge color="grape.8" style={{ textTransform: 'none' }}>🔒 {pick('Vertrouwelijk', 'Confidential')}</Badge>}
      </Group>
      {saved && <Alert color="green" role="status" withCloseButton onClose={() => setSaved(null)}>{saved}</Alert>}

      <section aria-label={t('actions')}>
        <Title order={2} size="h3" mb="xs">{t('actions')}</Title>
        {possible.length === 0 && <Text c="dimmed">{t('nothingHere')}</Text>}
        <Group gap="xs">
          {possible.map((a) => (
            <Button key={a.action} variant={open === a.action ? 'filled' : 'light'}
              onClick={() => setOpen(open === a.action ? null : a.action)}>
              {label(actionForms[a.action]?.label, a.action)}
            </Button>
          ))}
        </Group>
        {open && (
          <Stack mt="sm">
            <ActionForm key={open} complaint={c} action={open} onCancel={() => setOpen(null)}
              onDone={() => {
                setSaved(`${label(actionForms[open]?.label, open)}: ${t('saved').toLowerCase()}.`);
                setOpen(null);
                reload();
              }} />
          </Stack>
        )}
        {waiting.length > 0 && (
          <>
            <Text fw={600} size="sm" mt="sm">{t('notYet')}</Text>
            <List size="sm">
              {waiting.map((a) => (
                <List.Item key={a.action}>
                  {label(actionForms[a.action]?.label, a.action)}: {pick(a.blocked!.detail, a.blocked!.detail_en)}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </section>

      <section aria-label={t('deadlines')}>
        <Title order={2} size="h3" mb="xs">{t('deadlines')}</Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('step')}</Table.Th>
              <Table.Th>{t('term')}</Table.Th>
              <Table.Th>{t('due')}</Table.Th>
              <Table.Th>{t('done')}</Table.Th>
              <Table.Th>{t('state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.deadlines.map((d) => (
              <Table.Tr key={d.step}>
                <Table.Td>{label(stepLabels[d.step], d.label_nl)}</Table.Td>
                <Table.Td>{d.term ? termText(d.term, lang) : '—'}</Table.Td>
                <Table.Td>{formatDateTime(d.due) || '—'}</Table.Td>
                <Table.Td>{formatDateTime(d.done_at) || '—'}</Table.Td>
                <Table.Td><DeadlineBadge deadline={d} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <section aria-label={t('details')}>
        <Title order={2} size="h3" mb="xs">{t('details')}</Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={4}>
            {row(t('received'), formatDateTime(c.received_at))}
            {row(t('channel'), label(channelLabels[c.channel], c.channel))}
            {row(t('complainant'), [c.complainant.name, c.complainant.relation].filter(Boolean).join(', '))}
            {row(t('phone'), c.complainant.phone)}
            {row(t('email'), c.complainant.email)}
            {c.complainant.language === 'en' && row(pick('Taal voor e-mail', 'Language for e-mail'), 'English')}
            {row(t('complainantType'), c.complainant.type === 'internal' ? t('internal') : t('external'))}
            {row(t('category'), c.category)}
          </Stack>
          <Stack gap={4}>
            {row(t('handler'), c.handler ? `${c.handler.name}${c.handler.job_title ? ` (${c.handler.job_title})` : ''}` : '')}
            {row(t('involvedStaff'), c.involved_staff.map((s) => staffName(s)).join(', '))}
            {row(pick('Geregistreerd', 'Registered'), `${formatDateTime(c.registered_at)} ${t('by')} ${staffName(c.registered_by)}`)}
            {row(pick('Oorzaak', 'Cause'), [c.cause_category, c.cause].filter(Boolean).join(': '))}
            {row(pick('Oplossing', 'Solution'), String(c.solution ?? ''))}
            {row(pick('Tevredenheid', 'Satisfaction'), label(valueLabels.satisfaction[String(c.satisfaction)], String(c.satisfaction ?? '')))}
          </Stack>
        </SimpleGrid>
        {row(t('description'), c.description)}
      </section>

      <section aria-label={pick('Dossier', 'Case file')}>
        <Title order={2} size="h3" mb="xs">{pick('Dossier', 'Case file')}</Title>
        <CaseFileSection complaintId={c.id} files={c.attachments} mayAdd={c.may_add_files} maxBytes={c.max_file_bytes}
          onAdded={() => {
            setSaved(pick('Bestand toegevoegd.', 'File added.'));
            reload();
          }} />
      </section>

      <section aria-label={pick('Correspondentie', 'Correspondence')}>
        <Title order={2} size="h3" mb="xs">{pick('Correspondentie', 'Correspondence')}</Title>
        <Correspondence items={c.correspondence} />
      </section>

      <section aria-label={t('timeline')}>
        <Title order={2} size="h3" mb="xs">{t('timeline')}</Title>
        <Timeline events={c.timeline} />
      </section>
    </Stack>
  );
}
