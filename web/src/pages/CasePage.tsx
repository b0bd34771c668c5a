// CasePage.tsx: one complaint: its data, every deadline of the procedure with its state, the
// steps the reader may take now (and why others must wait), and the timeline.
import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { api } from '../api';
import type { Complaint, State, TrackedAction } from '../types';
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
import { ActionTable, exactMessage, isoDates, localRefusal, ownerOptions } from '../components/TrackedActions';
import { FormCard } from '../components/FormCard';
import { useSubmit } from '../useSubmit';
import { navigate } from '../router';
import { reportingRoles } from './NonconformitiesPage';

// A case in one of these states has ended: no actions are agreed on it any more.
const finalStates: State[] = ['closed', 'closed_unsatisfied', 'declined', 'withdrawn'];

export function CasePage({ id }: { id: number }) {
  const { t, pick, lang } = useT();
  const { org, staffName, session, hasRole } = useSession();
  const { data: c, error, reload } = useApi<Complaint>(`${org}/complaints/${id}`);
  const [open, setOpen] = useState<string | null>(null);
  const [agreeing, setAgreeing] = useState(false);
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
  // Who works the case agrees actions on it (as core/access.cpp's may_work_case): its handler
  // (or confidant), or the coordinator and management when it is not confidential; the
  // server decides, and says so when not.
  const me = session.staff.id;
  const mayWork = !finalStates.includes(c.state) && (
    (c.handler?.id === me && ['handler', 'coordinator', 'management', 'confidant'].some(hasRole)) ||
    ((hasRole('coordinator') || hasRole('management')) && !c.confidential));
  const actionSaved = (message: string) => {
    setSaved(message);
    setAgreeing(false);
    reload();
  };
  const possible = c.actions.filter((a) => !a.blocked);
  const waiting = c.actions.filter((a) => a.blocked);

  return (
    <Stack>
      <Group>
        <Title order={1} size="h2">{pick('Klacht', 'Complaint')} {c.reference}</Title>
        <Badge size="lg" color="indigo.8" style={{ textTransform: 'none' }}>{label(state, c.state)}</Badge>
        {c.confidential && <Badge color="grape.8" style={{ textTransform: 'none' }}>🔒 {pick('Vertrouwelijk', 'Confidential')}</Badge>}
        {c.imported_from && <Badge color="gray.7" style={{ textTransform: 'none' }}>{pick('Historisch dossier (geïmporteerd)', 'Historic record (imported)')}</Badge>}
      </Group>
      {saved && <Alert color="green" role="status" withCloseButton closeButtonLabel={pick('Sluiten', 'Close')} onClose={() => setSaved(null)}>{saved}</Alert>}

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

      <section aria-label={pick('Afgesproken acties', 'Agreed actions')}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3">{pick('Afgesproken acties', 'Agreed actions')}</Title>
          <Group gap="xs">
            {mayWork && (
              <Button variant={agreeing ? 'filled' : 'light'} onClick={() => setAgreeing(!agreeing)}>
                {pick('Actie afspreken', 'Agree an action')}
              </Button>
            )}
            {reportingRoles.some(hasRole) && (
              <Button variant="default" component="a"
                href={`/afwijkingen?nieuw=1&klacht=${c.id}&kenmerk=${encodeURIComponent(c.reference)}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/afwijkingen?nieuw=1&klacht=${c.id}&kenmerk=${encodeURIComponent(c.reference)}`);
                }}>
                {pick('Afwijking registreren', 'Record a nonconformity')}
              </Button>
            )}
          </Group>
        </Group>
        {agreeing && (
          <Stack mb="md">
            <AgreedActionForm complaint={c} onCancel={() => setAgreeing(false)}
              onDone={(a) => actionSaved(pick(`Actie afgesproken: ${a.what}`, `Action agreed: ${a.what}`))} />
          </Stack>
        )}
        <ActionTable items={c.agreed_actions} variant="agreed" caption={pick('Afgesproken acties', 'Agreed actions')}
          onChanged={actionSaved} empty={pick('Geen afgesproken acties.', 'No agreed actions.')} />
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
            {row(pick('Geregistreerd', 'Registered'), c.imported_from
              ? `${formatDateTime(c.registered_at)}, ${pick('bij de import', 'by the import')}`
              : `${formatDateTime(c.registered_at)} ${t('by')} ${staffName(c.registered_by)}`)}
            {c.imported_from && row(pick('Geïmporteerd uit', 'Imported from'), c.imported_from)}
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

// An action agreed on the case (003): what, who does it, by when.
function AgreedActionForm({ complaint, onDone, onCancel }: {
  complaint: Complaint; onDone: (a: TrackedAction) => void; onCancel: () => void;
}) {
  const { pick, lang } = useT();
  const { org, staff } = useSession();
  const [what, setWhat] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, setError, run } = useSubmit();
  const err = (f: string) => exactMessage(error, f, lang);
  const submit = () => {
    const { dates, bad } = isoDates({ due_on: due });
    if (bad.length > 0) {
      setError(localRefusal(bad));
      return;
    }
    const body: Record<string, unknown> = { what, ...dates };
    if (owner) body.owner_id = Number(owner);
    return run(async () => {
      onDone(await api<TrackedAction>('POST', `${org}/complaints/${complaint.id}/actions`, body));
    });
  };
  return (
    <FormCard title={pick('Actie afspreken', 'Agree an action')} error={error} placed={(f) => ['what', 'owner_id', 'due_on'].includes(f)}
      onSubmit={submit} busy={busy} onCancel={onCancel}>
      <Textarea label={pick('Wat is er afgesproken?', 'What was agreed?')} value={what} autosize minRows={2}
        onChange={(e) => setWhat(e.currentTarget.value)} error={err('what')} />
      <Group grow align="start">
        <NativeSelect label={pick('Eigenaar', 'Owner')} value={owner} onChange={(e) => setOwner(e.currentTarget.value)}
          data={ownerOptions(staff, pick)} error={err('owner_id')} />
        <TextInput label={pick('Streefdatum', 'Due date')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={due}
          onChange={(e) => setDue(e.currentTarget.value)} error={err('due_on')} />
      </Group>
    </FormCard>
  );
}
