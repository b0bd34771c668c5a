// NonconformityPage.tsx: one row of the register (docs/register.md): what occurred, its
// source, cause and correction; its measures with owner, due date, status and whether they
// worked; the investigation's forms for the coordinator and management (cause and correction,
// a measure, the effectiveness review, closing); the owner's progress; and the timeline.
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { api } from '../api';
import type { Nonconformity, NonconformityChange, Procedure, TrackedAction } from '../types';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT } from '../i18n';
import { Link, useLocation } from '../router';
import { nonconformityKinds, nonconformitySources, nonconformityStatuses } from '../labels';
import { formatDateTime, formatDay } from '../format';
import { Timeline } from '../components/Timeline';
import {
  ActionTable, emptyMeasure, exactMessage, localRefusal, MeasureFields, measureBody, type MeasureValues,
} from '../components/TrackedActions';
import { FormCard } from '../components/FormCard';
import { useSubmit } from '../useSubmit';
import { effectivenessText } from './NonconformitiesPage';

export function NonconformityPage({ id }: { id: number }) {
  const { t, pick } = useT();
  const { org, staffName } = useSession();
  const { query } = useLocation();
  const { data: n, error, reload } = useApi<Nonconformity>(`${org}/nonconformities/${id}`);
  const [open, setOpen] = useState<'edit' | 'measure' | 'close' | null>(null);
  const [saved, setSaved] = useState<string | null>(query.get('gemeld') === '1' ? pick('Gemeld.', 'Reported.') : null);

  if (error) return <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>;
  if (!n) return <Loader aria-label={t('loading')} />;

  const kind = nonconformityKinds[n.kind];
  const source = nonconformitySources[n.source];
  const done = (message: string) => {
    setSaved(message);
    setOpen(null);
    reload();
  };
  const row = (name: string, value: ReactNode) => (
    <Group gap="xs" wrap="nowrap" align="start">
      <Text fw={600} size="sm" miw={170}>{name}</Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap' }}>{value || '—'}</Text>
    </Group>
  );
  const running = n.measures.filter((m) => m.status === 'open' || m.status === 'in_progress').length;

  return (
    <Stack>
      <Group>
        <Title order={1} size="h2">{kind ? pick(...kind) : n.kind} {n.reference}</Title>
        <Badge size="lg" color={n.status === 'closed' ? 'gray.7' : 'indigo.8'} style={{ textTransform: 'none' }}>
          {pick(...(nonconformityStatuses[n.status] ?? [n.status, n.status]))}
        </Badge>
      </Group>
      <Text size="sm"><Link to="/afwijkingen">{pick('← Naar het afwijkingenregister', '← To the nonconformity register')}</Link></Text>
      {saved && <Alert color="green" role="status" withCloseButton closeButtonLabel={pick('Sluiten', 'Close')} onClose={() => setSaved(null)}>{saved}</Alert>}

      <section aria-label={t('details')}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3">{t('details')}</Title>
          {n.may_edit && (
            <Button variant={open === 'edit' ? 'filled' : 'light'} onClick={() => setOpen(open === 'edit' ? null : 'edit')}>
              {pick('Oorzaak en correctie vastleggen', 'Record cause and correction')}
            </Button>
          )}
        </Group>
        {open === 'edit' && (
          <Stack mb="md">
            <EditForm n={n} onCancel={() => setOpen(null)} onDone={() => done(pick('Gewijzigd.', 'Changed.'))} />
          </Stack>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={4}>
            {row(pick('Soort', 'Kind'), kind ? pick(...kind) : n.kind)}
            {row(pick('Datum', 'Date'), formatDay(n.occurred_on))}
            {row(pick('Bron', 'Source'), (
              <>
                {source ? pick(...source) : n.source}
                {n.complaint && <> (<Link to={`/klachten/${n.complaint.id}`}>{pick('klacht', 'complaint')} {n.complaint.reference}</Link>)</>}
              </>
            ))}
            {row(pick('Gemeld', 'Reported'), `${formatDateTime(n.recorded_at)} ${t('by')} ${staffName(n.recorded_by)}`)}
          </Stack>
          <Stack gap={4}>
            {row(pick('Oorzaak', 'Cause'), [n.cause_category, n.cause].filter(Boolean).join(': '))}
            {row(pick('Correctie', 'Correction'), n.correction)}
            {row(pick('Doeltreffendheid', 'Effectiveness'), effectivenessText(n, pick))}
            {n.closed_at && row(pick('Gesloten', 'Closed'), `${formatDateTime(n.closed_at)} ${t('by')} ${staffName(n.closed_by)}`)}
            {n.closed_at && row(pick('Conclusie', 'Conclusion'), n.close_note)}
          </Stack>
        </SimpleGrid>
        {row(pick('Wat is er gebeurd', 'What happened'), n.description)}
      </section>

      <section aria-label={pick('Maatregelen', 'Measures')}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3">{pick('Maatregelen', 'Measures')}</Title>
          {n.may_edit && (
            <Button variant={open === 'measure' ? 'filled' : 'light'} onClick={() => setOpen(open === 'measure' ? null : 'measure')}>
              {pick('Maatregel toevoegen', 'Add a measure')}
            </Button>
          )}
        </Group>
        {open === 'measure' && (
          <Stack mb="md">
            <MeasureForm nonconformity={n} onCancel={() => setOpen(null)}
              onDone={(m) => done(pick(`Maatregel toegevoegd: ${m.what}`, `Measure added: ${m.what}`))} />
          </Stack>
        )}
        <ActionTable items={n.measures} variant="measures" caption={pick('Maatregelen', 'Measures')} onChanged={done}
          empty={pick('Nog geen maatregelen.', 'No measures yet.')} />
      </section>

      {n.may_edit && (
        <section aria-label={pick('Afsluiten', 'Close')}>
          <Title order={2} size="h3" mb="xs">{pick('Afsluiten', 'Close')}</Title>
          <Text size="sm" mb="xs">
            {pick('Afsluiten kan als de oorzaak bekend is, geen maatregel meer loopt en van elke uitgevoerde maatregel de doeltreffendheid is beoordeeld.',
              'It can be closed once the cause is known, no measure is running and the effectiveness of every measure carried out has been reviewed.')}
            {running > 0 && ` ${pick(`Nog ${running} lopend.`, `${running} still running.`)}`}
          </Text>
          {open === 'close'
            ? <CloseForm n={n} onCancel={() => setOpen(null)} onDone={() => done(pick('Gesloten.', 'Closed.'))} />
            : <Button variant="light" onClick={() => setOpen('close')}>{pick('Afsluiten…', 'Close…')}</Button>}
        </section>
      )}

      <section aria-label={t('timeline')}>
        <Title order={2} size="h3" mb="xs">{t('timeline')}</Title>
        <Timeline events={n.timeline ?? []} />
      </section>
    </Stack>
  );
}

// The investigation: what happened, the cause (a category of the procedure and in words),
// the correction; only what changed is sent.
function EditForm({ n, onDone, onCancel }: { n: Nonconformity; onDone: () => void; onCancel: () => void }) {
  const { pick, lang } = useT();
  const { org } = useSession();
  const { data: procedure } = useApi<Procedure>(`${org}/procedure`);
  const causes = procedure?.cause_categories ?? [];
  const [values, setValues] = useState({ description: n.description, cause_category: n.cause_category, cause: n.cause, correction: n.correction });
  const { busy, error, run } = useSubmit();
  const err = (f: string) => exactMessage(error, f, lang);
  const set = (k: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [k]: value }));
  };
  const submit = () => {
    const body: NonconformityChange = {};
    for (const k of Object.keys(values) as (keyof typeof values)[]) if (values[k] !== n[k]) body[k] = values[k];
    return run(async () => {
      await api<Nonconformity>('PATCH', `${org}/nonconformities/${n.id}`, body);
      onDone();
    });
  };
  const options = [...causes, ...(n.cause_category && !causes.includes(n.cause_category) ? [n.cause_category] : [])];
  return (
    <FormCard title={pick('Oorzaak en correctie vastleggen', 'Record cause and correction')} error={error} placed={(f) => f in values}
      onSubmit={submit} busy={busy} onCancel={onCancel}>
      <Textarea label={pick('Wat is er gebeurd?', 'What happened?')} value={values.description} onChange={set('description')}
        autosize minRows={2} error={err('description')} />
      {options.length > 0 && (
        <NativeSelect label={pick('Oorzaak', 'Cause')} value={values.cause_category} onChange={set('cause_category')} error={err('cause_category')}
          data={[{ value: '', label: pick('(nog niet bekend)', '(not known yet)') }, ...options.map((c) => ({ value: c, label: c }))]} />
      )}
      <Textarea label={pick('Oorzaak in woorden', 'The cause in words')} value={values.cause} onChange={set('cause')}
        autosize minRows={2} error={err('cause')} />
      <Textarea label={pick('Correctie: wat is meteen rechtgezet?', 'Correction: what was put right at once?')} value={values.correction}
        onChange={set('correction')} autosize minRows={2} error={err('correction')} />
    </FormCard>
  );
}

function MeasureForm({ nonconformity, onDone, onCancel }: {
  nonconformity: Nonconformity; onDone: (m: TrackedAction) => void; onCancel: () => void;
}) {
  const { pick } = useT();
  const { org } = useSession();
  const [values, setValues] = useState<MeasureValues>(emptyMeasure);
  const { busy, error, setError, run } = useSubmit();
  const submit = () => {
    const { body, bad } = measureBody(values);
    if (bad.length > 0) {
      setError(localRefusal(bad));
      return;
    }
    return run(async () => {
      onDone(await api<TrackedAction>('POST', `${org}/nonconformities/${nonconformity.id}/measures`, body));
    });
  };
  return (
    <FormCard title={pick('Maatregel toevoegen', 'Add a measure')} error={error} placed={(f) => f in emptyMeasure}
      onSubmit={submit} busy={busy} onCancel={onCancel}>
      <MeasureFields values={values} onChange={setValues} error={error} />
    </FormCard>
  );
}

// Closing, with the conclusion; the server says why not while measures run or are not judged.
function CloseForm({ n, onDone, onCancel }: { n: Nonconformity; onDone: () => void; onCancel: () => void }) {
  const { pick, lang } = useT();
  const { org } = useSession();
  const [note, setNote] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = () => run(async () => {
    await api<Nonconformity>('POST', `${org}/nonconformities/${n.id}/close`, { note });
    onDone();
  });
  return (
    <FormCard title={pick('Afwijking afsluiten', 'Close the nonconformity')} error={error} placed={(f) => f === 'note'}
      onSubmit={submit} busy={busy} onCancel={onCancel} submitLabel={pick('Afsluiten', 'Close')}>
      <Textarea label={pick('Conclusie', 'Conclusion')} value={note} onChange={(e) => setNote(e.currentTarget.value)}
        autosize minRows={2} error={exactMessage(error, 'note', lang)} />
    </FormCard>
  );
}
