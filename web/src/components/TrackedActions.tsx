// TrackedActions.tsx: actions followed until they are done (docs/register.md): agreed actions
// on a case, measures on a nonconformity, and "Mijn acties"; as a table with their owner, due
// date, status ("te laat" in words and colour) and, for a measure, its effectiveness; the
// forms to report progress, to judge a measure, and the fields of a new action or measure.
import { Fragment, useState, type ReactNode } from 'react';
import { Badge, Button, Fieldset, Group, NativeSelect, Radio, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { api, ApiError, asApiError, type FieldError } from '../api';
import type { ActionKind, ReviewResult, Staff, TrackedAction } from '../types';
import { actionKinds, actionStatuses } from '../labels';
import { formatDay, parseDutchDate, todayIso } from '../format';
import { Link } from '../router';
import { rolesOf, useSession } from '../session';
import { useT } from '../i18n';
import { useSubmit } from '../useSubmit';
import { FormCard, Refusal } from './FormCard';

type Pair = readonly [string, string];

// Who can be given an action: an active member of staff who works here, not an auditor or
// admin alone, nor klachtdesk's own account (as the server's check_owner).
export function possibleOwners(staff: Staff[]): Staff[] {
  const working = ['employee', 'handler', 'coordinator', 'management', 'confidant'];
  return staff.filter((s) => s.active && rolesOf(s.roles).some((r) => working.includes(r)));
}

export function ownerOptions(staff: Staff[], pick: (nl: string, en: string) => string) {
  return [
    { value: '', label: pick('Kies…', 'Choose…') },
    ...possibleOwners(staff).map((s) => ({ value: String(s.id), label: s.job_title ? `${s.name} (${s.job_title})` : s.name })),
  ];
}

// A refusal made in the browser, shown as the server's are: next to the field.
export function localRefusal(errors: FieldError[]): ApiError {
  return new ApiError(422, 'Controleer de gemarkeerde velden.', 'Check the marked fields.', errors);
}

const dateHint = (field: string): FieldError => ({
  field, message: 'Schrijf een datum als 24-11-2026.', message_en: 'Write a date as 24-11-2026.',
});

// Dates typed as dd-mm-jjjj, as the API's YYYY-MM-DD: empty ones left out, bad ones named.
export function isoDates(fields: Record<string, string>, prefix = ''): { dates: Record<string, string>; bad: FieldError[] } {
  const dates: Record<string, string> = {};
  const bad: FieldError[] = [];
  for (const [name, text] of Object.entries(fields)) {
    if (!text.trim()) continue;
    const iso = parseDutchDate(text);
    if (iso) dates[name] = iso;
    else bad.push(dateHint(prefix + name));
  }
  return { dates, bad };
}

// The message of exactly `field` (not of a field under it), in the reader's language.
export function exactMessage(error: ApiError | null, field: string, lang: 'nl' | 'en'): string | undefined {
  const e = error?.errors.find((x) => x.field === field);
  return e ? (lang === 'nl' ? e.message : e.message_en) : undefined;
}

// ---- the fields of a new measure (also the follow-up of one that did not work) ----

export interface MeasureValues {
  kind: string;
  what: string;
  owner_id: string;
  due_on: string;
  effective_from: string;
  review_due_on: string;
}
export const emptyMeasure: MeasureValues = { kind: 'corrective', what: '', owner_id: '', due_on: '', effective_from: '', review_due_on: '' };

// The body of a new measure, or the refusals of its dates (named under `prefix`).
export function measureBody(v: MeasureValues, prefix = '') {
  const { dates, bad } = isoDates(
    { due_on: v.due_on, review_due_on: v.review_due_on, ...(v.kind === 'procedure_change' ? { effective_from: v.effective_from } : {}) },
    prefix);
  const body: Record<string, unknown> = { kind: v.kind, what: v.what, ...dates };
  if (v.owner_id) body.owner_id = Number(v.owner_id);
  return { body, bad };
}

export function MeasureFields({ values, onChange, error, prefix = '' }: {
  values: MeasureValues; onChange: (v: MeasureValues) => void; error: ApiError | null; prefix?: string;
}) {
  const { pick, lang } = useT();
  const { staff } = useSession();
  const err = (f: string) => exactMessage(error, prefix + f, lang);
  const set = (k: keyof MeasureValues) => (e: { currentTarget: { value: string } }) => onChange({ ...values, [k]: e.currentTarget.value });
  const measureKinds: ActionKind[] = ['corrective', 'preventive', 'procedure_change'];
  return (
    <>
      <NativeSelect label={pick('Soort maatregel', 'Kind of measure')} value={values.kind} onChange={set('kind')} error={err('kind')}
        data={measureKinds.map((k) => ({ value: k, label: pick(...actionKinds[k]) }))} />
      <Textarea label={pick('Wat moet er gebeuren?', 'What is to be done?')} value={values.what} onChange={set('what')} autosize minRows={2}
        error={err('what') ?? (prefix ? exactMessage(error, prefix.replace(/\.$/, ''), lang) : undefined)} />
      <Group grow align="start">
        <NativeSelect label={pick('Eigenaar', 'Owner')} value={values.owner_id} onChange={set('owner_id')} error={err('owner_id')}
          data={ownerOptions(staff, pick)} />
        <TextInput label={pick('Streefdatum', 'Due date')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={values.due_on}
          onChange={set('due_on')} error={err('due_on')} />
      </Group>
      <Group grow align="start">
        {values.kind === 'procedure_change' && (
          <TextInput label={pick('Gaat in op', 'Takes effect on')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')}
            description={pick('De datum waarop de gewijzigde procedure geldt', 'The date the changed procedure applies from')}
            value={values.effective_from} onChange={set('effective_from')} error={err('effective_from')} />
        )}
        <TextInput label={pick('Doeltreffendheid beoordelen uiterlijk (optioneel)', 'Review effectiveness by (optional)')}
          placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={values.review_due_on} onChange={set('review_due_on')}
          error={err('review_due_on')} />
      </Group>
    </>
  );
}

// ---- the table ----

export type ActionTableVariant = 'measures' | 'agreed' | 'mine';

// A badge's words in full, never cut to "Ge…" in a narrow column.
const unclipped = { label: { overflow: 'visible' } };

// The status as a badge, and "te laat" beside it when it is overdue: words and a symbol as
// well as colour.
export function ActionStatusBadges({ action }: { action: TrackedAction }) {
  const { pick } = useT();
  const colour: Record<string, string> = { open: 'blue.8', in_progress: 'yellow.4', done: 'teal.9', cancelled: 'gray.7' };
  const s = actionStatuses[action.status];
  return (
    <Group gap={4}>
      <Badge color={colour[action.status] ?? 'gray.7'} autoContrast radius="sm" style={{ textTransform: 'none', flexShrink: 0 }} styles={unclipped}>
        {s ? pick(...s) : action.status}
      </Badge>
      {action.overdue && (
        <Badge color="red.9" radius="sm" style={{ textTransform: 'none', flexShrink: 0 }} styles={unclipped}>⚠ {pick('te laat', 'overdue')}</Badge>
      )}
    </Group>
  );
}

function Effectiveness({ a }: { a: TrackedAction }) {
  const { pick } = useT();
  const { staffName } = useSession();
  if (a.effective !== null && a.effective !== undefined)
    return (
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {a.effective ? `✓ ${pick('Doeltreffend', 'Effective')}` : `✗ ${pick('Niet doeltreffend', 'Not effective')}`}
        </Text>
        <Text size="sm">{formatDay(a.reviewed_on)}{a.reviewed_by ? `, ${staffName(a.reviewed_by)}` : ''}</Text>
        {a.evidence && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{pick('Bewijs', 'Evidence')}: {a.evidence}</Text>}
      </Stack>
    );
  if (a.status === 'done')
    return (
      <Stack gap={2}>
        <Text size="sm">{pick('nog te beoordelen', 'to be reviewed')}{a.review_due_on ? ` (${pick('uiterlijk', 'by')} ${formatDay(a.review_due_on)})` : ''}</Text>
        {a.review_overdue && (
          <Badge color="red.9" radius="sm" style={{ textTransform: 'none', flexShrink: 0 }} styles={unclipped}>⚠ {pick('beoordeling te laat', 'review overdue')}</Badge>
        )}
      </Stack>
    );
  if (a.status === 'cancelled') return <Text size="sm">—</Text>;
  return <Text size="sm">{a.review_due_on ? `${pick('beoordelen uiterlijk', 'review by')} ${formatDay(a.review_due_on)}` : '—'}</Text>;
}

type Opened = { id: number; form: 'done' | 'cancelled' | 'review' } | null;

export function ActionTable({ items, variant, caption, onChanged, empty }: {
  items: TrackedAction[]; variant: ActionTableVariant; caption: string; onChanged: (message: string) => void; empty?: string;
}) {
  const { t, pick } = useT();
  const { org, staffName } = useSession();
  const [opened, setOpened] = useState<Opened>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<{ id: number; error: ApiError } | null>(null);

  if (items.length === 0) return <Text c="dimmed">{empty ?? t('nothingHere')}</Text>;
  const workable = items.some((a) => a.may_update || a.may_review);
  const columns = { measures: 6, agreed: 4, mine: 5 }[variant] + (workable ? 1 : 0);

  const start = async (a: TrackedAction) => {
    setBusy(a.id);
    setError(null);
    try {
      await api<TrackedAction>('POST', `${org}/actions/${a.id}/status`, { status: 'in_progress' });
      onChanged(pick(`In uitvoering: ${a.what}`, `In progress: ${a.what}`));
    } catch (x) {
      setError({ id: a.id, error: asApiError(x) });
    } finally {
      setBusy(null);
    }
  };
  const belongsTo = (a: TrackedAction): ReactNode => {
    if (a.complaint) return <Link inherit to={`/klachten/${a.complaint.id}`}>{pick('Klacht', 'Complaint')} {a.complaint.reference}</Link>;
    if (a.nonconformity) return <Link inherit to={`/afwijkingen/${a.nonconformity.id}`}>{pick('Afwijking', 'Nonconformity')} {a.nonconformity.reference}</Link>;
    return '—';
  };
  const kindCell = (a: TrackedAction) => {
    const k = actionKinds[a.kind];
    const followed = a.follows_id ? items.find((x) => x.id === a.follows_id) : undefined;
    return (
      <Stack gap={2}>
        <Text size="sm">{k ? pick(...k) : a.kind}</Text>
        {a.kind === 'procedure_change' && a.effective_from && (
          <Text size="sm">{pick('gaat in op', 'takes effect on')} {formatDay(a.effective_from)}</Text>
        )}
        {a.follows_id && (
          <Text size="sm" c="dimmed">
            {pick('vervolg op', 'follows up')} {followed ? `“${followed.what.length > 40 ? followed.what.slice(0, 40) + '…' : followed.what}”` : `#${a.follows_id}`}
          </Text>
        )}
      </Stack>
    );
  };

  return (
    <div style={{ overflowX: 'auto' }}>
      <Table captionSide="top" verticalSpacing="xs">
        <Table.Caption style={{ position: 'absolute', left: -10000 }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {variant === 'measures' && <Table.Th>{pick('Soort', 'Kind')}</Table.Th>}
            <Table.Th>{pick('Wat', 'What')}</Table.Th>
            {variant === 'mine' && <Table.Th>{pick('Soort', 'Kind')}</Table.Th>}
            {variant === 'mine' && <Table.Th>{pick('Hoort bij', 'Belongs to')}</Table.Th>}
            {variant !== 'mine' && <Table.Th>{pick('Eigenaar', 'Owner')}</Table.Th>}
            <Table.Th>{pick('Streefdatum', 'Due date')}</Table.Th>
            <Table.Th>{t('state')}</Table.Th>
            {variant === 'measures' && <Table.Th>{pick('Doeltreffendheid', 'Effectiveness')}</Table.Th>}
            {workable && <Table.Th>{pick('Bijwerken', 'Update')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => {
            const open = opened?.id === a.id ? opened.form : null;
            const rowError = error?.id === a.id ? error.error : null;
            return (
              <Fragment key={a.id}>
                <Table.Tr>
                  {variant === 'measures' && <Table.Td>{kindCell(a)}</Table.Td>}
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.what}</Text>
                    {a.result && (
                      <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                        {a.status === 'cancelled' ? pick('Vervallen: ', 'Cancelled: ') : pick('Gedaan: ', 'Done: ')}{a.result}
                      </Text>
                    )}
                  </Table.Td>
                  {variant === 'mine' && <Table.Td>{kindCell(a)}</Table.Td>}
                  {variant === 'mine' && <Table.Td>{belongsTo(a)}</Table.Td>}
                  {variant !== 'mine' && <Table.Td>{staffName(a.owner_id)}</Table.Td>}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(a.due_on)}</Table.Td>
                  <Table.Td><ActionStatusBadges action={a} /></Table.Td>
                  {variant === 'measures' && <Table.Td><Effectiveness a={a} /></Table.Td>}
                  {workable && (
                    <Table.Td>
                      <Group gap={4}>
                        {a.may_update && a.status === 'open' && (
                          <Button size="compact-sm" variant="light" loading={busy === a.id} onClick={() => start(a)}>
                            {pick('In uitvoering', 'In progress')}
                          </Button>
                        )}
                        {a.may_update && (
                          <Button size="compact-sm" variant={open === 'done' ? 'filled' : 'light'}
                            onClick={() => setOpened(open === 'done' ? null : { id: a.id, form: 'done' })}>
                            {pick('Gereed', 'Done')}
                          </Button>
                        )}
                        {a.may_update && (
                          <Button size="compact-sm" variant={open === 'cancelled' ? 'filled' : 'default'}
                            onClick={() => setOpened(open === 'cancelled' ? null : { id: a.id, form: 'cancelled' })}>
                            {pick('Vervallen', 'Cancel')}
                          </Button>
                        )}
                        {a.may_review && (
                          <Button size="compact-sm" variant={open === 'review' ? 'filled' : 'light'}
                            onClick={() => setOpened(open === 'review' ? null : { id: a.id, form: 'review' })}>
                            {pick('Beoordelen', 'Review')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
                {(open || rowError) && (
                  <Table.Tr>
                    <Table.Td colSpan={columns}>
                      {rowError && !open && <Refusal error={rowError} placed={() => false} />}
                      {(open === 'done' || open === 'cancelled') && (
                        <StatusForm action={a} status={open} onCancel={() => setOpened(null)}
                          onDone={(m) => { setOpened(null); onChanged(m); }} />
                      )}
                      {open === 'review' && (
                        <ReviewForm action={a} onCancel={() => setOpened(null)}
                          onDone={(m) => { setOpened(null); onChanged(m); }} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}

// ---- reporting progress: done (what was done) or cancelled (why) ----

// An action's words in a form's heading: enough to know which one it is.
const shortened = (what: string) => (what.length > 60 ? what.slice(0, 60) + '…' : what);

function StatusForm({ action, status, onDone, onCancel }: {
  action: TrackedAction; status: 'done' | 'cancelled'; onDone: (message: string) => void; onCancel: () => void;
}) {
  const { pick, lang } = useT();
  const { org } = useSession();
  const [note, setNote] = useState('');
  const { busy, error, run } = useSubmit();
  const title: Pair = status === 'done' ? ['Gereed melden', 'Report done'] : ['Laten vervallen', 'Cancel'];
  const submit = () => run(async () => {
    await api<TrackedAction>('POST', `${org}/actions/${action.id}/status`, { status, note });
    onDone(status === 'done' ? pick(`Gereed: ${action.what}`, `Done: ${action.what}`) : pick(`Vervallen: ${action.what}`, `Cancelled: ${action.what}`));
  });
  return (
    <FormCard title={pick(...title)} heading={`${pick(...title)}: ${shortened(action.what)}`}
      error={error} placed={(f) => f === 'note'} onSubmit={submit} busy={busy} onCancel={onCancel}>
      <Textarea label={status === 'done' ? pick('Wat is er gedaan?', 'What was done?') : pick('Waarom vervalt het?', 'Why is it cancelled?')}
        value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2}
        error={exactMessage(error, 'note', lang)} />
    </FormCard>
  );
}

// ---- the effectiveness review; "not effective" asks for the follow-up measure ----

function ReviewForm({ action, onDone, onCancel }: {
  action: TrackedAction; onDone: (message: string) => void; onCancel: () => void;
}) {
  const { pick, lang } = useT();
  const { org } = useSession();
  const [on, setOn] = useState(formatDay(todayIso()));
  const [effective, setEffective] = useState('');
  const [evidence, setEvidence] = useState('');
  const [followUp, setFollowUp] = useState<MeasureValues>(emptyMeasure);
  const { busy, error, setError, run } = useSubmit();
  const err = (f: string) => exactMessage(error, f, lang);

  const submit = () => {
    const bad: FieldError[] = [];
    if (effective === '') bad.push({ field: 'effective', message: 'Kies ja of nee.', message_en: 'Choose yes or no.' });
    const { dates, bad: badDate } = isoDates({ reviewed_on: on });
    bad.push(...badDate);
    const body: Record<string, unknown> = { effective: effective === 'yes', evidence, ...dates };
    // The follow-up goes along only when something of it was filled in: without it the
    // server says that a measure that did not work needs one.
    const started = followUp.what.trim() || followUp.owner_id || followUp.due_on.trim() || followUp.effective_from.trim();
    if (effective === 'no' && started) {
      const m = measureBody(followUp, 'follow_up.');
      bad.push(...m.bad);
      body.follow_up = m.body;
    }
    if (bad.length > 0) {
      setError(localRefusal(bad));
      return;
    }
    return run(async () => {
      const r = await api<ReviewResult>('POST', `${org}/actions/${action.id}/review`, body);
      onDone(r.follow_up
        ? pick('Beoordeeld: niet doeltreffend; de vervolgmaatregel is toegevoegd.', 'Reviewed: not effective; the follow-up measure was added.')
        : pick('Beoordeeld.', 'Reviewed.'));
    });
  };
  const placed = (f: string) => ['reviewed_on', 'effective', 'evidence'].includes(f) ||
    (effective === 'no' && (f === 'follow_up' || f.startsWith('follow_up.')));
  const title = pick('Doeltreffendheid beoordelen', 'Review effectiveness');
  return (
    <FormCard title={title} heading={`${title}: ${shortened(action.what)}`}
      error={error} placed={placed} onSubmit={submit} busy={busy} onCancel={onCancel}>
      <TextInput label={pick('Beoordeeld op', 'Reviewed on')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={on} maw={220}
        onChange={(e) => setOn(e.currentTarget.value)} error={err('reviewed_on')} />
      <Radio.Group label={pick('Was de maatregel doeltreffend?', 'Was the measure effective?')} value={effective}
        onChange={setEffective} error={err('effective')}>
        <Group mt={4}>
          <Radio value="yes" label={pick('Ja, doeltreffend', 'Yes, effective')} />
          <Radio value="no" label={pick('Nee, niet doeltreffend', 'No, not effective')} />
        </Group>
      </Radio.Group>
      <Textarea label={pick('Bewijs (waaruit blijkt het?)', 'Evidence (what shows it?)')} value={evidence} autosize minRows={2}
        onChange={(e) => setEvidence(e.currentTarget.value)} error={err('evidence')} />
      {effective === 'no' && (
        <Fieldset legend={pick('Vervolgmaatregel (verplicht bij niet doeltreffend)', 'Follow-up measure (required when not effective)')}>
          <Stack>
            <MeasureFields values={followUp} onChange={setFollowUp} error={error} prefix="follow_up." />
          </Stack>
        </Fieldset>
      )}
    </FormCard>
  );
}
