// FormCard.tsx: the frame of a small form on a page: its title, the refusal that has no field
// to stand next to, and save and cancel.
import type { FormEvent, ReactNode } from 'react';
import { Alert, Button, Group, List, Paper, Stack, Title } from '@mantine/core';
import type { ApiError } from '../api';
import { useT } from '../i18n';

// The refusal above a form, when (some of) it has no field of the form to stand next to.
export function Refusal({ error, placed }: { error: ApiError | null; placed: (field: string) => boolean }) {
  const { pick, lang } = useT();
  if (!error) return null;
  const unplaced = error.errors.filter((x) => !placed(x.field));
  if (error.errors.length > 0 && unplaced.length === 0) return null;
  return (
    <Alert color="red" role="alert">
      {pick(error.detail, error.detailEn)}
      {unplaced.length > 0 && unplaced.some((x) => (lang === 'nl' ? x.message : x.message_en) !== pick(error.detail, error.detailEn)) && (
        <List size="sm">{unplaced.map((x) => <List.Item key={x.field}>{lang === 'nl' ? x.message : x.message_en}</List.Item>)}</List>
      )}
    </Alert>
  );
}

// `title` names the form for screen readers and the browser tests; `heading` may say more
// (which action it is about). A form of its own on a page is a level higher (order 2) than
// one opened inside a section.
export function FormCard({
  title, heading, order = 3, intro, maw, error, placed, onSubmit, busy, onCancel, submitLabel, children,
}: {
  title: string; heading?: ReactNode; order?: 2 | 3; intro?: ReactNode; maw?: number;
  error: ApiError | null; placed: (field: string) => boolean;
  onSubmit: () => void; busy: boolean; onCancel: () => void; submitLabel?: string; children: ReactNode;
}) {
  const { t } = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={title} maw={maw}>
      <Stack>
        <Title order={order} size={order === 2 ? 'h3' : 'h4'}>{heading ?? title}</Title>
        {intro}
        <Refusal error={error} placed={placed} />
        {children}
        <Group>
          <Button type="submit" loading={busy}>{submitLabel ?? t('save')}</Button>
          <Button variant="default" onClick={onCancel}>{t('cancel')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
