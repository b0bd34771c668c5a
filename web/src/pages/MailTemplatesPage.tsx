// MailTemplatesPage.tsx: the organisation's own mail texts, per kind of mail and language, for management and admins to write and for coordinators and auditors to read.
import { useRef, useState, type FormEvent } from 'react';
import {
  Alert, Badge, Button, Code, Grid, Group, List, Loader, NativeSelect, Paper, Stack, Table, Tabs, Text, Textarea, TextInput, Title,
} from '@mantine/core';
import { api, ApiError } from '../api';
import type { MailTemplate, MailTemplateKind, MailTemplateList, MailTemplateText, MailTemplateVersion } from '../types';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT, type Lang } from '../i18n';
import { navigate, useLocation } from '../router';
import { templateKinds } from '../labels';
import { formatDateTime } from '../format';

const monospace = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

export function MailTemplatesPage() {
  const { t, pick } = useT();
  const { org, hasRole } = useSession();
  const { query } = useLocation();
  const { data, error, setData } = useApi<MailTemplateList>(`${org}/mail-templates`);
  // As service/mail_templates.cpp's may_write; coordinators and auditors only read.
  const mayWrite = hasRole('management') || hasRole('admin');
  // The choice lives in the address, so that a reload or a link opens the same text.
  const kind = query.get('soort') ?? 'acknowledgement';
  const language: Lang = query.get('taal') === 'en' ? 'en' : 'nl';
  const choose = (k: string, l: Lang) => navigate(`/e-mailteksten?soort=${encodeURIComponent(k)}&taal=${l}`, true);

  if (error) return <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>;
  if (!data) return <Loader aria-label={t('loading')} />;
  const item = data.items.find((i) => i.kind === kind) ?? data.items[0];
  const changed = (k: MailTemplateKind, l: Lang, v: MailTemplateVersion) =>
    setData({ items: data.items.map((i) => (i.kind === k ? { ...i, texts: { ...i.texts, [l]: v } } : i)) });

  return (
    <Stack maw={1000}>
      <Title order={1} size="h2">{t('mailTexts')}</Title>
      <Text>
        {pick('De e-mails die klachtdesk namens uw organisatie verstuurt, in uw eigen woorden. Zonder eigen tekst gebruikt klachtdesk zijn standaardtekst.',
          'The e-mails klachtdesk sends on behalf of your organisation, in your own words. Without a text of your own klachtdesk uses its standard text.')}
      </Text>
      {!mayWrite && (
        <Alert color="blue" role="note">
          {pick('U kunt deze teksten lezen; alleen de directie en beheerders passen ze aan.',
            'You can read these texts; only management and admins change them.')}
        </Alert>
      )}
      <NativeSelect label={pick('Soort e-mail', 'Kind of mail')} value={item.kind} maw={520}
        onChange={(e) => choose(e.currentTarget.value, language)}
        description={item.to === 'complainant' ? pick('Gaat naar de indiener.', 'Goes to the complainant.') : pick('Gaat naar medewerkers.', 'Goes to staff.')}
        data={data.items.map((i) => ({ value: i.kind, label: templateKinds[i.kind] ? pick(...templateKinds[i.kind]) : i.kind }))} />
      <Tabs value={language} onChange={(v) => choose(item.kind, v === 'en' ? 'en' : 'nl')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="nl">Nederlands</Tabs.Tab>
          <Tabs.Tab value="en">English</Tabs.Tab>
        </Tabs.List>
        {(['nl', 'en'] as const).map((l) => (
          <Tabs.Panel key={l} value={l} pt="md">
            <TemplateEditor key={`${item.kind}-${l}`} item={item} language={l} mayWrite={mayWrite}
              onChanged={(v) => changed(item.kind, l, v)} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function TemplateEditor({ item, language, mayWrite, onChanged }: {
  item: MailTemplate; language: Lang; mayWrite: boolean; onChanged: (v: MailTemplateVersion) => void;
}) {
  const { t, pick, lang } = useT();
  const { org } = useSession();
  const stored = item.texts[language];
  const [subject, setSubject] = useState(stored.subject);
  const [body, setBody] = useState(stored.body);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [preview, setPreview] = useState<MailTemplateText | null>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | 'reset' | null>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastField = useRef<'subject' | 'body'>('body');
  // Its text is a paragraph of the outcome mail, so it has no subject line of its own.
  const hasSubject = item.kind !== 'satisfaction_request';
  const path = `${org}/mail-templates/${item.kind}/${language}`;
  const err = (field: string) => error?.fieldMessage(field, lang);
  const text = (): MailTemplateText => ({ subject: hasSubject ? subject : '', body });

  const run = async (what: 'save' | 'preview' | 'reset', call: () => Promise<void>) => {
    setError(null);
    setStatus(null);
    setBusy(what);
    try {
      await call();
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError(0, String(x), String(x)));
    } finally {
      setBusy(null);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    run('save', async () => {
      const v = await api<MailTemplateVersion>('PUT', path, text());
      onChanged(v);
      setStatus(t('saved'));
    });
  };
  const showPreview = () => run('preview', async () => {
    setPreview(null);
    setPreview(await api<MailTemplateText>('POST', `${path}/preview`, text()));
  });
  const restore = () => {
    if (!window.confirm(pick('De eigen tekst vervangen door de standaardtekst van klachtdesk?',
      "Replace your own text with klachtdesk's standard text?"))) return;
    run('reset', async () => {
      const v = await api<MailTemplateVersion>('DELETE', path);
      setSubject(v.subject);
      setBody(v.body);
      setPreview(null);
      onChanged(v);
      setStatus(pick('Standaardtekst teruggezet', 'Standard text restored'));
    });
  };
  // Puts the placeholder where the cursor was in the field last used, as if typed there.
  const insert = (name: string) => {
    const token = `{{${name}}}`;
    const inSubject = hasSubject && lastField.current === 'subject';
    const el = inSubject ? subjectRef.current : bodyRef.current;
    const value = inSubject ? subject : body;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? start;
    (inSubject ? setSubject : setBody)(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const fieldErrors = error?.errors.filter((x) => x.field === 'subject' || x.field === 'body') ?? [];
  const n = pick('naam', 'name');
  const otherErrors = error?.errors.filter((x) => x.field !== 'subject' && x.field !== 'body') ?? [];

  // The placeholders stand beside the text on a wide screen, where a click inserts them.
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack>
          <Group gap="xs">
            {stored.own
              ? <Badge color="teal.9" style={{ textTransform: 'none' }}>{pick('Eigen tekst', 'Own text')}</Badge>
              : <Badge color="gray.8" style={{ textTransform: 'none' }}>{pick('Standaardtekst van klachtdesk', "klachtdesk's standard text")}</Badge>}
            {stored.own && stored.updated_at && (
              <Text size="sm" c="dimmed">{pick('Gewijzigd op', 'Changed on')} {formatDateTime(stored.updated_at)}</Text>
            )}
          </Group>
          <form onSubmit={save} noValidate aria-label={pick('E-mailtekst', 'Mail text')}>
            <Stack>
              {status && <Alert color="green" role="status">{status}</Alert>}
              {error && (fieldErrors.length === 0 || otherErrors.length > 0) && (
                <Alert color="red" role="alert">
                  {pick(error.detail, error.detailEn)}
                  {otherErrors.length > 0 && (
                    <List size="sm">{otherErrors.map((x) => <List.Item key={x.field}>{lang === 'nl' ? x.message : x.message_en}</List.Item>)}</List>
                  )}
                </Alert>
              )}
              {error && fieldErrors.length > 0 && otherErrors.length === 0 && (
                <Alert color="red" role="alert">{pick(error.detail || 'Niet alle velden zijn goed ingevuld.', error.detailEn || 'Not all fields are filled in correctly.')}</Alert>
              )}
              {hasSubject ? (
                <TextInput ref={subjectRef} label={pick('Onderwerp', 'Subject')} value={subject} readOnly={!mayWrite}
                  onChange={(e) => setSubject(e.currentTarget.value)} onFocus={() => (lastField.current = 'subject')}
                  error={err('subject')} styles={monospace} />
              ) : (
                <Text size="sm" c="dimmed">
                  {pick('Deze tekst heeft geen eigen onderwerp: hij staat in de afhandelingsmail op de plek van {{satisfaction_request}}.',
                    'This text has no subject of its own: it stands in the outcome mail where {{satisfaction_request}} is.')}
                </Text>
              )}
              <Textarea ref={bodyRef} label={pick('Tekst', 'Text')} value={body} readOnly={!mayWrite} rows={16}
                onChange={(e) => setBody(e.currentTarget.value)} onFocus={() => (lastField.current = 'body')}
                error={err('body')} styles={monospace} />
              <Group>
                <Button variant="light" onClick={showPreview} loading={busy === 'preview'}>{pick('Voorbeeld bekijken', 'Preview')}</Button>
                {mayWrite && <Button type="submit" loading={busy === 'save'}>{t('save')}</Button>}
                {mayWrite && stored.own && (
                  <Button variant="default" color="red" onClick={restore} loading={busy === 'reset'}>
                    {pick('Standaardtekst terugzetten', 'Restore the standard text')}
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
          {preview && (
            <Paper withBorder p="md" component="section" aria-label={pick('Voorbeeld', 'Preview')}>
              <Title order={2} size="h4" mb="xs">{pick('Voorbeeld (met voorbeeldgegevens)', 'Preview (with example values)')}</Title>
              {hasSubject && <Text fw={600} mb="xs">{pick('Onderwerp', 'Subject')}: {preview.subject}</Text>}
              <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', margin: 0 }}>{preview.body}</pre>
            </Paper>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack>
          <section aria-label={pick('Invulvelden', 'Placeholders')}>
            <Title order={2} size="h4" mb="xs">{pick('Invulvelden', 'Placeholders')}</Title>
            {mayWrite && (
              <Text size="sm" mb="xs">{pick('Klik op een invulveld om het op de plek van de cursor in te voegen.',
                'Click a placeholder to insert it where the cursor is.')}</Text>
            )}
            <Table>
              <Table.Thead>
                <Table.Tr><Table.Th>{pick('Invulveld', 'Placeholder')}</Table.Th><Table.Th>{pick('Betekenis', 'Meaning')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {item.placeholders.map((p) => (
                  <Table.Tr key={p.name}>
                    <Table.Td>
                      {mayWrite
                        ? <Button size="compact-sm" variant="subtle" ff="monospace" onClick={() => insert(p.name)}>{`{{${p.name}}}`}</Button>
                        : <Code>{`{{${p.name}}}`}</Code>}
                    </Table.Td>
                    <Table.Td>{pick(p.meaning_nl, p.meaning_en)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
          <section aria-label={pick('Hoe een tekst werkt', 'How a text works')}>
            <Title order={2} size="h4" mb="xs">{pick('Hoe een tekst werkt', 'How a text works')}</Title>
            <List size="sm">
              <List.Item><Code>{`{{${n}}}`}</Code> {pick('wordt ingevuld.', 'is filled in.')}</List.Item>
              <List.Item><Code>{`{{#${n}}}…{{/${n}}}`}</Code> {pick('staat er alleen als de waarde niet leeg is.', 'only shows when the value is not empty.')}</List.Item>
              <List.Item><Code>{`{{^${n}}}…{{/${n}}}`}</Code> {pick('staat er alleen als de waarde leeg is.', 'only shows when the value is empty.')}</List.Item>
              <List.Item>{pick('Een tag die alleen op zijn regel staat, neemt die regel mee weg.', 'A tag alone on its line takes its line away.')}</List.Item>
            </List>
          </section>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
