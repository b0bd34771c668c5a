// IntakePage.tsx: registering a complaint, e.g. one taken by phone, in under a minute with
// the keyboard alone: fields in the order of the call, each error next to its field. Opened
// from a message in the mailbox, it starts with what the message says.
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert, Button, Checkbox, Group, MultiSelect, NativeSelect, Stack, Textarea, TextInput, Title,
} from '@mantine/core';
import { api, ApiError } from '../api';
import type { Channel, ComplainantType, InboundMail, Intake, Procedure, SavedComplaint } from '../types';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT } from '../i18n';
import { navigate } from '../router';
import { channelLabels } from '../labels';
import { formatDateTime, nowDutch, parseDutchDateTime } from '../format';

// What GET .../inbox/{id} suggests for the intake.
type Suggested = {
  received_at?: string;
  complainant?: { name?: string; email?: string };
  description?: string;
  confidential?: boolean;
};

export function IntakePage({ fromMail }: { fromMail?: number }) {
  const { t, pick, lang } = useT();
  const { org, staff, session } = useSession();
  const [registered, setRegistered] = useState<string | null>(null);
  const { data: procedure } = useApi<Procedure>(`${org}/procedure`);
  const [f, setF] = useState({
    received_at: nowDutch(), channel: 'phone' as Channel, name: '', phone: '', email: '', language: 'nl' as 'nl' | 'en', type: 'external' as ComplainantType,
    relation: '', description: '', category: '', involved: [] as string[],
    description_approved: false, procedure_explained: false, acknowledged: false,
    acknowledgement_note: '', confidential: false, confidant: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { data: mail } = useApi<InboundMail>(fromMail ? `${org}/inbox/${fromMail}` : null);
  useEffect(() => {
    const s = mail?.suggested_intake as Suggested | undefined;
    if (!s) return;
    setF((old) => ({
      ...old,
      received_at: formatDateTime(s.received_at) || old.received_at,
      channel: 'email',
      name: s.complainant?.name ?? '',
      email: s.complainant?.email ?? '',
      description: s.description ?? '',
      confidential: Boolean(s.confidential),
    }));
  }, [mail]);
  const set = (k: keyof typeof f) => (v: unknown) => setF((old) => ({ ...old, [k]: v }));
  const text = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => set(k)(e.currentTarget.value);
  const err = (field: string) => error?.fieldMessage(field, lang);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const received = parseDutchDateTime(f.received_at);
    if (!received) {
      setError(new ApiError(422, '', '', [{
        field: 'received_at',
        message: 'Schrijf datum en tijd als 24-11-2026 14:05.',
        message_en: 'Write the date and time as 24-11-2026 14:05.',
      }]));
      return;
    }
    const body: Intake = {
      received_at: received,
      channel: f.channel,
      complainant: { name: f.name, phone: f.phone, email: f.email, language: f.language, type: f.type, relation: f.relation },
      description: f.description,
      involved_staff: f.involved.map(Number),
    };
    if (f.category) body.category = f.category;
    if (procedure?.require_description_approval) body.description_approved = f.description_approved;
    if (procedure?.require_procedure_explained) body.procedure_explained = f.procedure_explained;
    if (f.acknowledged) {
      body.acknowledged_at_intake = true;
      body.acknowledgement_note = f.acknowledgement_note;
    }
    if (f.confidential) {
      body.confidential = true;
      if (f.confidant) body.handler_id = Number(f.confidant);
    }
    setBusy(true);
    try {
      const c = await api<SavedComplaint>('POST', fromMail ? `${org}/inbox/${fromMail}/register` : `${org}/complaints`, body);
      // A confidential complaint is the confidant's alone: whoever registered it for them
      // does not see it afterwards (R-ASSIGN, 003), so it is confirmed here.
      if (c.confidential && c.handler_id !== session.staff.id) {
        setRegistered(c.reference);
        setError(null);
        return;
      }
      navigate(`/klachten/${c.id}`);
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError(0, String(x), String(x)));
    } finally {
      setBusy(false);
    }
  };

  const channels = (procedure?.channels ?? Object.keys(channelLabels)).map((c) => ({
    value: c, label: channelLabels[c] ? pick(channelLabels[c][0], channelLabels[c][1]) : c,
  }));
  const confidants = staff.filter((s) => s.confidant);
  const general = error && error.errors.length === 0 ? pick(error.detail, error.detailEn) : null;

  return (
    <Stack maw={720}>
      <Title order={1} size="h2">{fromMail ? pick('Klacht uit e-mail registreren', 'Register a complaint from an e-mail') : t('newComplaint')}</Title>
      {fromMail && (
        <Alert color="blue" role="note">
          {pick('Het formulier begint met wat het bericht zegt. Controleer en vul aan wat de procedure vraagt; het bericht en de bijlagen komen in het dossier.',
            'The form starts with what the message says. Check it and add what the procedure asks; the message and its attachments go into the case file.')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          {registered && (
            <Alert color="green" role="status">
              {pick(`Klacht ${registered} is geregistreerd en ligt nu alleen bij de vertrouwenspersoon.`,
                `Complaint ${registered} is registered and is now with the confidant alone.`)}
            </Alert>
          )}
          {general && <Alert color="red" role="alert">{general}</Alert>}
          {error && error.errors.length > 0 && (
            <Alert color="red" role="alert">{pick(error.detail || 'Niet alle velden zijn goed ingevuld.', error.detailEn || 'Not all fields are filled in correctly.')}</Alert>
          )}
          <Group grow>
            <TextInput label={t('receivedAt')} description={t('receivedAtHint')} value={f.received_at}
              onChange={text('received_at')} error={err('received_at')} autoFocus />
            <NativeSelect label={t('channel')} data={channels} value={f.channel} disabled={Boolean(fromMail)}
              onChange={text('channel')} error={err('channel')} />
          </Group>
          <TextInput label={t('name')} value={f.name} onChange={text('name')} required
            error={err('complainant.name') ?? err('complainant')} />
          <Group grow>
            <TextInput label={t('phone')} type="tel" value={f.phone} onChange={text('phone')}
              error={err('complainant.phone')} />
            <TextInput label={t('email')} type="email" value={f.email} onChange={text('email')}
              error={err('complainant.email')} />
            <NativeSelect label={pick('Taal voor e-mail', 'Language for e-mail')} value={f.language} onChange={text('language')}
              error={err('complainant.language')}
              data={[{ value: 'nl', label: 'Nederlands' }, { value: 'en', label: 'English' }]} />
          </Group>
          <Group grow>
            <NativeSelect label={t('complainantType')} value={f.type} onChange={text('type')}
              data={[{ value: 'external', label: t('external') }, { value: 'internal', label: t('internal') }]} />
            <TextInput label={t('relation')} value={f.relation} onChange={text('relation')}
              error={err('complainant.relation')} />
          </Group>
          <Textarea label={t('description')} value={f.description} onChange={text('description')}
            required autosize minRows={4} error={err('description')} />
          {procedure && procedure.categories.length > 0 ? (
            <NativeSelect label={t('category')} value={f.category} onChange={text('category')}
              error={err('category')} required
              data={[{ value: '', label: pick('Kies een categorie', 'Choose a category') },
                ...procedure.categories.map((c) => ({ value: c, label: c }))]} />
          ) : (
            <TextInput label={t('category')} value={f.category} onChange={text('category')} error={err('category')} />
          )}
          <MultiSelect label={t('involvedStaff')} searchable value={f.involved} onChange={set('involved')}
            data={staff.filter((s) => s.active !== false && s.roles !== 'system').map((s) => ({ value: String(s.id), label: s.name }))}
            error={err('involved_staff')} />
          {procedure?.require_description_approval && (
            <Checkbox label={t('descriptionApproved')} checked={f.description_approved}
              onChange={(e) => set('description_approved')(e.currentTarget.checked)}
              error={err('description_approved')} />
          )}
          {procedure?.require_procedure_explained && (
            <Checkbox label={t('procedureExplained')} checked={f.procedure_explained}
              onChange={(e) => set('procedure_explained')(e.currentTarget.checked)}
              error={err('procedure_explained')} />
          )}
          <Checkbox label={pick('Ontvangst is bij de intake al bevestigd', 'Receipt was acknowledged at intake')}
            checked={f.acknowledged} onChange={(e) => set('acknowledged')(e.currentTarget.checked)}
            error={err('acknowledged_at_intake')} />
          {f.acknowledged && (
            <Textarea label={pick('Wat de bevestiging zei (003: omschrijving en eerste acties)',
              'What the acknowledgement said (003: description and first actions)')}
              value={f.acknowledgement_note} onChange={text('acknowledgement_note')}
              error={err('acknowledgement_note')} autosize minRows={2} />
          )}
          {procedure?.confidant_route && (
            <>
              <Checkbox label={t('confidential')} checked={f.confidential}
                onChange={(e) => set('confidential')(e.currentTarget.checked)} error={err('confidential')} />
              {f.confidential && (
                <NativeSelect label={t('confidant')} value={f.confidant} onChange={text('confidant')}
                  error={err('handler_id')}
                  data={[{ value: '', label: pick('Kies de vertrouwenspersoon', 'Choose the confidant') },
                    ...confidants.map((s) => ({ value: String(s.id), label: s.name }))]} />
              )}
            </>
          )}
          <Group>
            <Button type="submit" loading={busy}>{t('save')}</Button>
            <Button variant="default" onClick={() => navigate(fromMail ? `/postvak/${fromMail}` : '/')}>{t('cancel')}</Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
