// AccountsPage.tsx: the organisation's accounts, for admins and management: add one, change
// roles, job title or whether it is active. The server decides who may grant what
// (docs/access.md) and says why when it refuses.
import { useState, type FormEvent } from 'react';
import {
  Alert, Button, Checkbox, Group, NativeSelect, Paper, PasswordInput, Stack, Switch, Table, TextInput, Title,
} from '@mantine/core';
import { api, ApiError } from '../api';
import type { AccountChange, NewAccount, Staff, StaffList } from '../types';
import { useApi } from '../useApi';
import { useSession, rolesOf } from '../session';
import { useT } from '../i18n';

const allRoles: { role: string; nl: string; en: string }[] = [
  { role: 'employee', nl: 'medewerker', en: 'employee' },
  { role: 'handler', nl: 'behandelaar', en: 'handler' },
  { role: 'coordinator', nl: 'kwaliteitscoördinator', en: 'coordinator' },
  { role: 'management', nl: 'directie', en: 'management' },
  { role: 'confidant', nl: 'vertrouwenspersoon', en: 'confidant' },
  { role: 'auditor', nl: 'auditor', en: 'auditor' },
  { role: 'admin', nl: 'beheerder', en: 'admin' },
];

function RolePicker({ value, onChange, error }: { value: string[]; onChange: (r: string[]) => void; error?: string }) {
  const { pick } = useT();
  return (
    <Checkbox.Group label={pick('Rollen', 'Roles')} value={value} onChange={onChange} error={error}>
      <Group mt={4}>
        {allRoles.map((r) => <Checkbox key={r.role} value={r.role} label={pick(r.nl, r.en)} />)}
      </Group>
    </Checkbox.Group>
  );
}

// The languages klachtdesk writes mails in: a person's own mails (assigned, reminders, the
// digest) come in the one set here.
const languages = [
  { value: 'nl', nl: 'Nederlands', en: 'Dutch' },
  { value: 'en', nl: 'Engels', en: 'English' },
];

function AddAccount({ onAdded }: { onAdded: () => void }) {
  const { pick, lang } = useT();
  const { org } = useSession();
  const empty = { name: '', email: '', job_title: '', password: '', language: 'nl' as 'nl' | 'en', roles: ['employee'] as string[] };
  const [f, setF] = useState(empty);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const err = (field: string) => error?.fieldMessage(field, lang);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', `${org}/staff`, { ...f, roles: f.roles.join(',') } satisfies NewAccount);
      setDone(f.name);
      setF(empty);
      onAdded();
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError(0, String(x), String(x)));
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={pick('Account toevoegen', 'Add an account')}>
      <Stack>
        <Title order={2} size="h4">{pick('Account toevoegen', 'Add an account')}</Title>
        {done && <Alert color="green" role="status">{pick(`Account van ${done} toegevoegd.`, `Account of ${done} added.`)}</Alert>}
        {error && error.errors.length === 0 && <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>}
        <Group grow>
          <TextInput label={pick('Naam', 'Name')} value={f.name} error={err('name')}
            onChange={(e) => setF({ ...f, name: e.currentTarget.value })} />
          <TextInput label={pick('E-mailadres', 'E-mail address')} type="email" value={f.email} error={err('email')}
            onChange={(e) => setF({ ...f, email: e.currentTarget.value })} />
        </Group>
        <Group grow>
          <TextInput label={pick('Functie', 'Job title')} value={f.job_title} error={err('job_title')}
            onChange={(e) => setF({ ...f, job_title: e.currentTarget.value })} />
          <PasswordInput label={pick('Eerste wachtwoord (minstens 10 tekens)', 'First password (at least 10 characters)')}
            autoComplete="new-password" value={f.password} error={err('password')}
            onChange={(e) => setF({ ...f, password: e.currentTarget.value })} />
        </Group>
        <Group grow>
          <NativeSelect label={pick('Taal voor e-mail', 'Language for e-mail')} value={f.language} error={err('language')}
            data={languages.map((l) => ({ value: l.value, label: pick(l.nl, l.en) }))}
            onChange={(e) => setF({ ...f, language: e.currentTarget.value === 'en' ? 'en' : 'nl' })} />
          <div />
        </Group>
        <RolePicker value={f.roles} onChange={(roles) => setF({ ...f, roles })} error={err('roles')} />
        <Group><Button type="submit">{pick('Toevoegen', 'Add')}</Button></Group>
      </Stack>
    </Paper>
  );
}

function AccountRow({ s, onChanged }: { s: Staff; onChanged: () => void }) {
  const { pick } = useT();
  const { org, session } = useSession();
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState(rolesOf(s.roles));
  const [error, setError] = useState<string | null>(null);
  const change = async (body: AccountChange) => {
    setError(null);
    try {
      await api('POST', `${org}/staff/${s.id}`, body);
      setEditing(false);
      onChanged();
    } catch (x) {
      setError(x instanceof ApiError ? pick(x.detail, x.detailEn) : String(x));
    }
  };
  const label = (r: string) => { const x = allRoles.find((a) => a.role === r); return x ? pick(x.nl, x.en) : r; };
  const mine = s.id === session.staff.id;
  return (
    <Table.Tr>
      <Table.Td>{s.name}{s.job_title ? ` (${s.job_title})` : ''}</Table.Td>
      <Table.Td>{s.email}</Table.Td>
      <Table.Td>
        {editing ? (
          <Stack gap={4}>
            <RolePicker value={roles} onChange={setRoles} />
            <Group gap="xs">
              <Button size="xs" onClick={() => change({ roles: roles.join(',') })}>{pick('Opslaan', 'Save')}</Button>
              <Button size="xs" variant="default" onClick={() => setEditing(false)}>{pick('Annuleren', 'Cancel')}</Button>
            </Group>
          </Stack>
        ) : (
          <Group gap="xs">
            {rolesOf(s.roles).map(label).join(', ')}
            {!mine && <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}
              aria-label={pick(`Rollen van ${s.name} wijzigen`, `Change the roles of ${s.name}`)}>{pick('wijzigen', 'change')}</Button>}
          </Group>
        )}
        {error && <Alert color="red" role="alert" mt={4}>{error}</Alert>}
      </Table.Td>
      <Table.Td>
        <NativeSelect size="xs" value={s.language ?? 'nl'}
          aria-label={pick(`Taal voor e-mail van ${s.name}`, `Language for e-mail of ${s.name}`)}
          data={languages.map((l) => ({ value: l.value, label: pick(l.nl, l.en) }))}
          onChange={(e) => change({ language: e.currentTarget.value === 'en' ? 'en' : 'nl' })} />
      </Table.Td>
      <Table.Td>
        <Switch checked={s.active !== false} disabled={mine}
          aria-label={pick(`${s.name} actief`, `${s.name} active`)}
          onChange={(e) => change({ active: e.currentTarget.checked })} />
      </Table.Td>
    </Table.Tr>
  );
}

export function AccountsPage() {
  const { pick } = useT();
  const { org } = useSession();
  const { data, error, reload } = useApi<StaffList>(`${org}/staff`);
  return (
    <Stack>
      <Title order={1} size="h2">{pick('Accounts', 'Accounts')}</Title>
      {error && <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>}
      {data && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{pick('Naam', 'Name')}</Table.Th>
              <Table.Th>{pick('E-mailadres', 'E-mail address')}</Table.Th>
              <Table.Th>{pick('Rollen', 'Roles')}</Table.Th>
              <Table.Th>{pick('Taal voor e-mail', 'Language for e-mail')}</Table.Th>
              <Table.Th>{pick('Actief', 'Active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.filter((s) => s.roles !== 'system').map((s) => <AccountRow key={s.id} s={s} onChanged={reload} />)}
          </Table.Tbody>
        </Table>
      )}
      <AddAccount onAdded={reload} />
    </Stack>
  );
}
