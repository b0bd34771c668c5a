// RegisterPage.tsx: the register: filters that live in the address (so a link keeps them),
// sorting, paging by cursor, and every complaint the filters select as a file for Excel.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Select, Stack, TextInput, Title } from '@mantine/core';
import type { ComplaintPage } from '../types';
import { ComplaintTable } from '../components/ComplaintTable';
import { ExportLinks } from '../components/ExportLinks';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT } from '../i18n';
import { navigate, useLocation } from '../router';
import { openStates, stateLabels } from '../labels';
import { parseDutchDateTime } from '../format';

const filterNames = ['q', 'state', 'handler', 'overdue', 'received_from', 'received_to', 'sort', 'cursor'];

function isoDate(dutch: string): string | null {
  const v = parseDutchDateTime(dutch);
  return v ? v.slice(0, 10) : null;
}
function dutchDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

export function RegisterPage() {
  const { t, pick } = useT();
  const { org, staff } = useSession();
  const { query } = useLocation();
  const api = new URLSearchParams();
  for (const n of filterNames) if (query.get(n)) api.set(n, query.get(n)!);
  if (api.get('state') === 'open') api.set('state', openStates.join(','));
  const { data, error } = useApi<ComplaintPage>(`${org}/complaints?${api.toString()}`);
  // The file holds the whole list of these filters, in this order: the page's place in it
  // (the cursor) does not belong in its address.
  const exported = new URLSearchParams(api);
  exported.delete('cursor');

  const [q, setQ] = useState(query.get('q') ?? '');
  const [from, setFrom] = useState(dutchDate(query.get('received_from')));
  const [to, setTo] = useState(dutchDate(query.get('received_to')));
  const [dateError, setDateError] = useState<string | null>(null);

  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(query);
    next.delete('cursor');
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    navigate(`/register?${next.toString()}`);
  };

  const search = (e: FormEvent) => {
    e.preventDefault();
    const f = from ? isoDate(from) : '';
    const tt = to ? isoDate(to) : '';
    if (f === null || tt === null) {
      setDateError(pick('Schrijf een datum als 24-11-2026.', 'Write a date as 24-11-2026.'));
      return;
    }
    setDateError(null);
    go({ q, received_from: f, received_to: tt });
  };

  const states = [
    { value: '', label: t('anyState') },
    { value: 'open', label: pick('Alle lopende', 'All open') },
    ...Object.entries(stateLabels).map(([value, l]) => ({ value, label: pick(l[0], l[1]) })),
  ];
  const handlers = [
    { value: '', label: t('anyHandler') },
    // Those who can handle a case, not klachtdesk's own actor, auditors or admins.
    ...staff
      .filter((s) => /handler|coordinator|management|confidant/.test(s.roles))
      .map((s) => ({ value: String(s.id), label: s.name })),
  ];
  const sorts = [
    { value: '', label: pick('Nieuwste eerst', 'Newest first') },
    { value: 'received_at', label: pick('Oudste eerst', 'Oldest first') },
    { value: 'next_due_at', label: pick('Eerst verlopend', 'Due first') },
    { value: 'reference', label: t('reference') },
  ];

  return (
    <Stack>
      <Title order={1} size="h2">{t('register')}</Title>
      <form onSubmit={search} aria-label={t('search')}>
        <Group align="end" wrap="wrap">
          <TextInput label={t('search')} placeholder={t('searchHint')} value={q}
            onChange={(e) => setQ(e.currentTarget.value)} />
          <TextInput label={t('from')} placeholder="dd-mm-jjjj" value={from} w={130}
            onChange={(e) => setFrom(e.currentTarget.value)} error={dateError ?? undefined} />
          <TextInput label={t('to')} placeholder="dd-mm-jjjj" value={to} w={130}
            onChange={(e) => setTo(e.currentTarget.value)} />
          <Button type="submit">{t('search')}</Button>
        </Group>
      </form>
      <Group align="end" wrap="wrap">
        <Select label={t('state')} data={states} value={query.get('state') ?? ''} allowDeselect={false}
          onChange={(v) => go({ state: v })} />
        <Select label={t('handler')} data={handlers} value={query.get('handler') ?? ''} searchable
          allowDeselect={false} onChange={(v) => go({ handler: v })} />
        <Select label={pick('Sorteren', 'Sort')} data={sorts} value={query.get('sort') ?? ''}
          allowDeselect={false} onChange={(v) => go({ sort: v })} />
        <Checkbox label={t('onlyOverdue')} checked={query.get('overdue') === 'true'}
          onChange={(e) => go({ overdue: e.currentTarget.checked ? 'true' : null })} />
      </Group>
      {error && <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>}
      {!data && !error && <Loader size="sm" aria-label={t('loading')} />}
      {data && (
        <>
          {data.items.length > 0 && (
            <ExportLinks path={`${org}/complaints`} filter={exported} hint={t('downloadAllComplaints')} />
          )}
          <ComplaintTable items={data.items} caption={t('register')} empty="noneFound" />
          {(query.get('cursor') || data.next_cursor) && (
            <Group>
              {query.get('cursor') && (
                <Button variant="default" onClick={() => go({ cursor: null })}>{t('firstPage')}</Button>
              )}
              {data.next_cursor && (
                <Button variant="default" onClick={() => {
                  const next = new URLSearchParams(query);
                  next.set('cursor', data.next_cursor!);
                  navigate(`/register?${next.toString()}`);
                }}>{t('nextPage')}</Button>
              )}
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
