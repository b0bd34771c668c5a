// NonconformitiesPage.tsx: the nonconformity register (afwijkingenregister, docs/register.md)
// as an auditor reads it: when and which findings there were, their cause, the correction,
// the measures and whether they worked; filtered by period, status and kind in the address
// (so a link or a reload shows the same), downloadable for Excel with those filters, and the
// form to report one (002: anyone who works here), from a complaint too.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Loader, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { api, type FieldError } from '../api';
import type { ComplaintPage, Nonconformity, NonconformityList, Procedure } from '../types';
import { useApi } from '../useApi';
import { useAddressSpan } from '../useAddressSpan';
import { useSession } from '../session';
import { useT } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { nonconformityKinds, nonconformitySources, nonconformityStatuses } from '../labels';
import { formatDay, parseDutchDate, periodOf, todayIso, type PeriodName } from '../format';
import { exactMessage, localRefusal } from '../components/TrackedActions';
import { FormCard } from '../components/FormCard';
import { ExportLinks } from '../components/ExportLinks';
import { useSubmit } from '../useSubmit';

// The roles that report findings (as core/access.cpp's may_report_finding: not an auditor
// or admin alone), and those that read the whole register.
export const reportingRoles = ['employee', 'handler', 'coordinator', 'management', 'confidant'];

// "2 van 3 doeltreffend", "nog te beoordelen": the measures' effectiveness in words.
export function effectivenessText(n: Nonconformity, pick: (nl: string, en: string) => string): string {
  const reviewed = n.measures.filter((m) => m.effective !== null && m.effective !== undefined);
  const effective = reviewed.filter((m) => m.effective).length;
  const pending = n.measures.filter((m) => m.status === 'done' && (m.effective === null || m.effective === undefined)).length;
  const parts: string[] = [];
  if (reviewed.length > 0) parts.push(pick(`${effective} van ${reviewed.length} doeltreffend`, `${effective} of ${reviewed.length} effective`));
  if (pending > 0)
    parts.push(reviewed.length > 0 ? pick(`${pending} nog te beoordelen`, `${pending} to be reviewed`) : pick('nog te beoordelen', 'to be reviewed'));
  return parts.join(', ') || '—';
}

export function measuresText(n: Nonconformity, pick: (nl: string, en: string) => string): string {
  if (n.measures.length === 0) return pick('geen', 'none');
  const done = n.measures.filter((m) => m.status === 'done').length;
  const cancelled = n.measures.filter((m) => m.status === 'cancelled').length;
  return pick(`${n.measures.length} (${done} gereed${cancelled ? `, ${cancelled} vervallen` : ''})`,
    `${n.measures.length} (${done} done${cancelled ? `, ${cancelled} cancelled` : ''})`);
}

const presets: { name: PeriodName; label: readonly [string, string] }[] = [
  { name: 'quarter', label: ['Dit kwartaal', 'This quarter'] },
  { name: 'half', label: ['Dit halfjaar', 'This half year'] },
  { name: 'year', label: ['Dit jaar', 'This year'] },
  { name: 'previousQuarter', label: ['Vorig kwartaal', 'Last quarter'] },
  { name: 'previousYear', label: ['Vorig jaar', 'Last year'] },
];

export function NonconformitiesPage() {
  const { t, pick } = useT();
  const { org, hasRole } = useSession();
  const { query } = useLocation();
  // The address: van, tot (YYYY-MM-DD), status, soort; nieuw=1 (and klacht, kenmerk) opens
  // the form to report one.
  const filter = new URLSearchParams();
  if (query.get('van')) filter.set('from', query.get('van')!);
  if (query.get('tot')) filter.set('to', query.get('tot')!);
  if (query.get('status')) filter.set('status', query.get('status')!);
  if (query.get('soort')) filter.set('kind', query.get('soort')!);
  const { data, error } = useApi<NonconformityList>(`${org}/nonconformities?${filter.toString()}`);
  const mayReport = reportingRoles.some(hasRole);
  const readsAll = hasRole('coordinator') || hasRole('management') || hasRole('auditor');

  const { from, setFrom, to, setTo, dateError, setDateError } = useAddressSpan(query);

  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const s = next.toString();
    navigate(`/afwijkingen${s ? `?${s}` : ''}`);
  };
  const applyPeriod = (e: FormEvent) => {
    e.preventDefault();
    const f = from.trim() ? parseDutchDate(from) : '';
    const tt = to.trim() ? parseDutchDate(to) : '';
    const hint = pick('Schrijf een datum als 24-11-2026.', 'Write a date as 24-11-2026.');
    if (f === null || tt === null) {
      setDateError({ from: f === null ? hint : undefined, to: tt === null ? hint : undefined });
      return;
    }
    setDateError({});
    go({ van: f, tot: tt });
  };
  const period = query.get('van') || query.get('tot')
    ? `${query.get('van') ? formatDay(query.get('van')) : '…'} ${pick('t/m', 'to')} ${query.get('tot') ? formatDay(query.get('tot')) : '…'}`
    : pick('alle data', 'all dates');
  const formOpen = query.get('nieuw') === '1' && mayReport;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">{t('nonconformities')}</Title>
        {mayReport && !formOpen && (
          <Button onClick={() => go({ nieuw: '1' })}>{pick('Afwijking melden', 'Report a nonconformity')}</Button>
        )}
      </Group>
      <Text>
        {readsAll
          ? pick('Het afwijkingenregister: wanneer en welke afwijkingen er waren, hun oorzaak, de correctie, de maatregelen en of die doeltreffend waren.',
            'The nonconformity register: when and which nonconformities occurred, their cause, the correction, the measures and whether they worked.')
          : pick('U ziet wat u zelf meldde en de afwijkingen waarvan u een maatregel uitvoert.',
            'You see what you reported yourself and the nonconformities you carry out a measure of.')}
      </Text>

      {formOpen && (
        <NewNonconformityForm key={`${query.get('klacht') ?? ''}`} complaintId={query.get('klacht')} complaintReference={query.get('kenmerk')}
          onCancel={() => go({ nieuw: null, klacht: null, kenmerk: null })} />
      )}

      <section aria-label={pick('Filter', 'Filter')}>
        <Stack gap="xs">
          <form onSubmit={applyPeriod} aria-label={pick('Periode', 'Period')} noValidate>
            <Group align="start" wrap="wrap">
              <TextInput label={pick('Vanaf', 'From')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={from} w={150}
                onChange={(e) => setFrom(e.currentTarget.value)} error={dateError.from} />
              <TextInput label={pick('Tot en met', 'Up to')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={to} w={150}
                onChange={(e) => setTo(e.currentTarget.value)} error={dateError.to} />
              <Button type="submit" mt={25}>{pick('Toon', 'Show')}</Button>
              <NativeSelect label={t('state')} value={query.get('status') ?? ''} onChange={(e) => go({ status: e.currentTarget.value })}
                data={[{ value: '', label: pick('Alle', 'All') },
                  ...Object.entries(nonconformityStatuses).map(([value, l]) => ({ value, label: pick(...l) }))]} />
              <NativeSelect label={pick('Soort', 'Kind')} value={query.get('soort') ?? ''} onChange={(e) => go({ soort: e.currentTarget.value })}
                data={[{ value: '', label: pick('Alle soorten', 'All kinds') },
                  ...Object.entries(nonconformityKinds).map(([value, l]) => ({ value, label: pick(...l) }))]} />
            </Group>
          </form>
          <Group gap="xs" role="group" aria-label={pick('Periode kiezen', 'Choose a period')}>
            {presets.map((p) => (
              <Button key={p.name} size="compact-sm" variant="light"
                onClick={() => { const r = periodOf(p.name, todayIso()); go({ van: r.from, tot: r.to }); }}>
                {pick(...p.label)}
              </Button>
            ))}
            <Button size="compact-sm" variant="default" onClick={() => go({ van: null, tot: null })}>
              {pick('Alle data', 'All dates')}
            </Button>
          </Group>
        </Stack>
      </section>

      {error && <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>}
      {!data && !error && <Loader size="sm" aria-label={t('loading')} />}
      {data && (
        <section aria-label={pick('Afwijkingenregister', 'Nonconformity register')}>
          <Group justify="space-between" align="start" mb="xs">
            <Text size="sm" mt={6}>
              {pick('Periode', 'Period')}: {period} · {data.items.length} {data.items.length === 1 ? pick('melding', 'record') : pick('meldingen', 'records')}
            </Text>
            {data.items.length > 0 && <ExportLinks path={`${org}/nonconformities`} filter={filter} />}
          </Group>
          <RegisterTable items={data.items} />
        </section>
      )}
    </Stack>
  );
}

function RegisterTable({ items }: { items: Nonconformity[] }) {
  const { t, pick } = useT();
  if (items.length === 0) return <Text c="dimmed">{pick('Geen meldingen gevonden.', 'Nothing found.')}</Text>;
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table striped highlightOnHover captionSide="top" verticalSpacing="xs" horizontalSpacing={6} fz="sm">
        <Table.Caption style={{ position: 'absolute', left: -10000 }}>{pick('Afwijkingenregister', 'Nonconformity register')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reference')}</Table.Th>
            <Table.Th>{pick('Datum', 'Date')}</Table.Th>
            <Table.Th>{pick('Soort', 'Kind')}</Table.Th>
            <Table.Th>{pick('Wat', 'What')}</Table.Th>
            <Table.Th>{pick('Bron', 'Source')}</Table.Th>
            <Table.Th>{pick('Oorzaak', 'Cause')}</Table.Th>
            <Table.Th>{pick('Correctie', 'Correction')}</Table.Th>
            <Table.Th>{pick('Maat\u00ADregelen', 'Measures')}</Table.Th>
            <Table.Th>{pick('Doel\u00ADtreffend\u00ADheid', 'Effective\u00ADness')}</Table.Th>
            <Table.Th>{t('state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((n) => {
            const kind = nonconformityKinds[n.kind];
            const source = nonconformitySources[n.source];
            const overdue = n.measures.some((m) => m.overdue || m.review_overdue);
            return (
              <Table.Tr key={n.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}><Link inherit to={`/afwijkingen/${n.id}`}>{n.reference}</Link></Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(n.occurred_on)}</Table.Td>
                <Table.Td>{kind ? pick(...kind) : n.kind}</Table.Td>
                <Table.Td><Text size="sm" lineClamp={4} title={n.description}>{n.description}</Text></Table.Td>
                <Table.Td>
                  {source ? pick(...source) : n.source}
                  {n.complaint && (
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}><Link inherit to={`/klachten/${n.complaint.id}`}>{n.complaint.reference}</Link></Text>
                  )}
                </Table.Td>
                <Table.Td><Text size="sm" lineClamp={4}>{[n.cause_category, n.cause].filter(Boolean).join(': ') || '—'}</Text></Table.Td>
                <Table.Td><Text size="sm" lineClamp={4}>{n.correction || '—'}</Text></Table.Td>
                <Table.Td>
                  {measuresText(n, pick)}
                  {overdue && <Text size="sm" c="red.9" fw={600}>⚠ {pick('te laat', 'overdue')}</Text>}
                </Table.Td>
                <Table.Td>{effectivenessText(n, pick)}</Table.Td>
                <Table.Td fw={n.status === 'open' ? 600 : undefined}>
                  {pick(...(nonconformityStatuses[n.status] ?? [n.status, n.status]))}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

// ---- reporting a finding ----

function NewNonconformityForm({ complaintId, complaintReference, onCancel }: {
  complaintId: string | null; complaintReference: string | null; onCancel: () => void;
}) {
  const { pick, lang } = useT();
  const { org } = useSession();
  const { data: procedure } = useApi<Procedure>(`${org}/procedure`);
  const causes = procedure?.cause_categories ?? [];
  const fromComplaint = Boolean(complaintId);
  const [values, setValues] = useState({
    kind: 'nonconformity',
    occurred_on: formatDay(todayIso()),
    description: '',
    source: fromComplaint ? 'complaint' : '',
    complaint: complaintReference ?? (complaintId ? complaintId : ''),
    cause_category: '',
    cause: '',
    correction: '',
  });
  const { busy, error, setError, run } = useSubmit();
  const err = (f: string) => exactMessage(error, f, lang);
  const set = (k: keyof typeof values) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [k]: value }));
  };

  // The complaint as typed: the one the form was opened from, a number, or a reference
  // looked up in the register of complaints.
  const complaintOf = async (text: string): Promise<number | null> => {
    const typed = text.trim();
    if (complaintId && (typed === complaintReference || typed === complaintId)) return Number(complaintId);
    if (/^\d+$/.test(typed)) return Number(typed);
    const found = await api<ComplaintPage>('GET', `${org}/complaints?q=${encodeURIComponent(typed)}&limit=10`);
    return found.items.find((c) => c.reference.toLowerCase() === typed.toLowerCase())?.id ?? null;
  };

  const submit = () => {
    const bad: FieldError[] = [];
    const body: Record<string, unknown> = {
      kind: values.kind, description: values.description, cause: values.cause, correction: values.correction,
    };
    if (values.source) body.source = values.source;
    if (values.cause_category) body.cause_category = values.cause_category;
    if (values.occurred_on.trim()) {
      const iso = parseDutchDate(values.occurred_on);
      if (iso) body.occurred_on = iso;
      else bad.push({ field: 'occurred_on', message: 'Schrijf een datum als 24-11-2026.', message_en: 'Write a date as 24-11-2026.' });
    }
    // The complaint is looked up before anything is refused, so that one refusal names every
    // field; the form is busy while it is.
    return run(async () => {
      if (values.source === 'complaint' && values.complaint.trim()) {
        const id = await complaintOf(values.complaint);
        if (id) body.complaint_id = id;
        else bad.push({ field: 'complaint_id', message: 'Geen klacht met dit kenmerk gevonden.', message_en: 'No complaint with this reference was found.' });
      }
      if (bad.length > 0) {
        setError(localRefusal(bad));
        return;
      }
      const n = await api<Nonconformity>('POST', `${org}/nonconformities`, body);
      navigate(`/afwijkingen/${n.id}?gemeld=1`);
    });
  };

  const fields = ['kind', 'occurred_on', 'description', 'source', 'complaint_id', 'cause_category', 'cause', 'correction'];
  return (
    <FormCard title={pick('Afwijking melden', 'Report a nonconformity')} order={2} maw={900}
      intro={(
        <Text size="sm">
          {pick('Meld wat er mis ging of beter kan: een afwijking, een mogelijke (toekomstige) afwijking, een tekortkoming of een verbeteroptie.',
            'Report what went wrong or could be better: a nonconformity, a possible (future) one, a shortcoming or an idea for improvement.')}
        </Text>
      )}
      error={error} placed={(f) => fields.includes(f)} onSubmit={submit} busy={busy} onCancel={onCancel} submitLabel={pick('Melden', 'Report')}>
      <Group grow align="start">
        <NativeSelect label={pick('Soort', 'Kind')} value={values.kind} onChange={set('kind')} error={err('kind')}
          data={Object.entries(nonconformityKinds).map(([value, l]) => ({ value, label: pick(...l) }))} />
        <TextInput label={pick('Datum waarop het zich voordeed', 'Date it occurred')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')}
          value={values.occurred_on} onChange={set('occurred_on')} error={err('occurred_on')} />
      </Group>
      <Textarea label={pick('Wat is er gebeurd?', 'What happened?')} value={values.description} onChange={set('description')}
        autosize minRows={3} error={err('description')} />
      <Group grow align="start">
        <NativeSelect label={pick('Bron', 'Source')} value={values.source} onChange={set('source')} error={err('source')}
          data={[{ value: '', label: pick('Kies…', 'Choose…') },
            ...Object.entries(nonconformitySources).map(([value, l]) => ({ value, label: pick(...l) }))]} />
        {values.source === 'complaint' ? (
          <TextInput label={pick('Klacht (kenmerk)', 'Complaint (reference)')} value={values.complaint} onChange={set('complaint')}
            placeholder="004-2026-0012" error={err('complaint_id')} />
        ) : <div />}
      </Group>
      {causes.length > 0 && (
        <NativeSelect label={pick('Oorzaak (optioneel)', 'Cause (optional)')} value={values.cause_category} onChange={set('cause_category')}
          error={err('cause_category')}
          data={[{ value: '', label: pick('(nog niet bekend)', '(not known yet)') }, ...causes.map((c) => ({ value: c, label: c }))]} />
      )}
      <Textarea label={pick('Oorzaak in woorden (optioneel)', 'The cause in words (optional)')} value={values.cause} onChange={set('cause')}
        autosize minRows={2} error={err('cause')} />
      <Textarea label={pick('Correctie: wat is meteen rechtgezet? (optioneel)', 'Correction: what was put right at once? (optional)')}
        value={values.correction} onChange={set('correction')} autosize minRows={2} error={err('correction')} />
    </FormCard>
  );
}
