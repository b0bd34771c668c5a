// ActionForm.tsx: one step on a case: the fields it needs, when it really happened, and the
// server's refusal next to the field it concerns.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { api, ApiError } from '../api';
import type { Complaint, Procedure, SavedComplaint } from '../types';
import { useApi } from '../useApi';
import { actionForms, type ActionField } from '../labels';
import { parseDutchDateTime } from '../format';
import { useSession, rolesOf } from '../session';
import { useT } from '../i18n';
import { useSubmit } from '../useSubmit';

// Steps that record no moment of their own take no "when it happened" (docs/api.md).
const undated = new Set(['extend', 'grant-access', 'revoke-access', 'correct', 'record-cause']);

export function ActionForm({ complaint, action, onDone, onCancel }: {
  complaint: Complaint; action: string; onDone: (c: SavedComplaint) => void; onCancel: () => void;
}) {
  const { t, pick, lang } = useT();
  const { org, staff } = useSession();
  const known = actionForms[action] ?? { label: [action, action] as const, fields: [] };
  // A field only some procedures have is left out where this case's does not (001's agreed
  // handling term).
  const agreedTerm = complaint.deadlines.some((d) => d.step === 'resolve' && d.kind === 'agreed');
  const form = { ...known, fields: known.fields.filter((f) => f.onlyWhen !== 'agreed_term' || agreedTerm) };
  // The causes to choose from are the procedure's own (issue 13).
  const { data: procedure } = useApi<Procedure>(known.fields.some((f) => f.kind === 'cause') ? `${org}/procedure` : null);
  const causes = procedure?.cause_categories ?? [];
  const [values, setValues] = useState<Record<string, string | boolean>>(
    action === 'record-cause' ? { category: complaint.cause_category, text: complaint.cause } : {});
  const [at, setAt] = useState('');
  const { busy, error, setError, run } = useSubmit();
  const err = (field: string) => error?.fieldMessage(field, lang);

  const people = (f: ActionField) => {
    if (f.kind === 'involved') return staff.filter((s) => complaint.involved_staff.includes(s.id));
    if (action === 'assign')
      return staff.filter((s) => !complaint.involved_staff.includes(s.id)).filter((s) => {
        const r = rolesOf(s.roles);
        return complaint.confidential
          ? s.confidant || r.includes('confidant')
          : r.includes('handler') || r.includes('coordinator') || r.includes('management');
      });
    return staff;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    for (const f of form.fields) {
      const v = values[f.name];
      if (f.kind === 'bool') body[f.name] = Boolean(v);
      else if (f.kind === 'staff' || f.kind === 'involved') { if (v) body[f.name] = Number(v); }
      else if (f.kind === 'date') {
        if (v) {
          const iso = parseDutchDateTime(String(v));
          if (!iso) {
            setError(new ApiError(422, '', '', [{ field: f.name, message: 'Schrijf een datum als 24-11-2026.', message_en: 'Write a date as 24-11-2026.' }]));
            return;
          }
          body[f.name] = iso;
        }
      } else if (v) body[f.name] = v;
    }
    if (at) {
      const iso = parseDutchDateTime(at);
      if (!iso) {
        setError(new ApiError(422, '', '', [{ field: 'at', message: 'Schrijf datum en tijd als 24-11-2026 14:05.', message_en: 'Write the date and time as 24-11-2026 14:05.' }]));
        return;
      }
      body.at = iso;
    }
    await run(async () => {
      onDone(await api<SavedComplaint>('POST', `${org}/complaints/${complaint.id}/${action}`, body));
    });
  };

  const unplaced = error && (error.errors.length === 0 ||
    error.errors.some((x) => x.field !== 'at' && !form.fields.some((f) => x.field.startsWith(f.name))));
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={pick(form.label[0], form.label[1])}>
      <Stack>
        <Title order={3} size="h4">{pick(form.label[0], form.label[1])}</Title>
        {unplaced && <Alert color="red" role="alert">{pick(error!.detail, error!.detailEn)}</Alert>}
        {form.fields.map((f) => {
          const label = pick(f.label[0], f.label[1]);
          const value = values[f.name];
          const change = (v: string | boolean) => setValues((o) => ({ ...o, [f.name]: v }));
          if (f.kind === 'bool')
            return <Checkbox key={f.name} label={label} checked={Boolean(value)}
              onChange={(e) => change(e.currentTarget.checked)} error={err(f.name)} />;
          if (f.kind === 'long')
            return <Textarea key={f.name} label={label} value={String(value ?? '')} autosize minRows={2}
              onChange={(e) => change(e.currentTarget.value)} error={err(f.name)} />;
          if (f.kind === 'cause' && causes.length > 0)
            return <NativeSelect key={f.name} label={label} value={String(value ?? '')}
              data={[{ value: '', label: pick('Kies…', 'Choose…') }, ...causes.map((x) => ({ value: x, label: x }))]}
              onChange={(e) => change(e.currentTarget.value)} error={err(f.name)} />;
          if (f.kind === 'staff' || f.kind === 'involved' || f.kind === 'select') {
            const data = f.kind === 'select'
              ? f.options!.map((o) => ({ value: o.value, label: pick(o.label[0], o.label[1]) }))
              : [{ value: '', label: pick('Kies…', 'Choose…') },
                ...people(f).map((s) => ({ value: String(s.id), label: s.job_title ? `${s.name} (${s.job_title})` : s.name }))];
            return <NativeSelect key={f.name} label={label} data={data} value={String(value ?? (f.kind === 'select' ? data[0].value : ''))}
              onChange={(e) => change(e.currentTarget.value)} error={err(f.name)} />;
          }
          return <TextInput key={f.name} label={label} value={String(value ?? '')}
            placeholder={f.kind === 'date' ? pick('dd-mm-jjjj', 'dd-mm-yyyy') : undefined}
            onChange={(e) => change(e.currentTarget.value)} error={err(f.name)} />;
        })}
        {!undated.has(action) && (
          <TextInput label={t('happenedAt')} placeholder={pick('dd-mm-jjjj uu:mm', 'dd-mm-yyyy hh:mm')} value={at}
            onChange={(e) => setAt(e.currentTarget.value)} error={err('at')} />
        )}
        <Group>
          <Button type="submit" loading={busy}>{t('save')}</Button>
          <Button variant="default" onClick={onCancel}>{t('cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
