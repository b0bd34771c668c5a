// InboxPage.tsx: mail to the complaints address that waits for staff (register it as a
// complaint, or say why it is none), what became of earlier messages, and the mails out that
// were given up, so that somebody writes or calls instead.
import { Alert, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import type { InboundMailList, OutboxMailList } from '../types';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { inboxStatuses, mailKinds, mailRecipients } from '../labels';
import { formatDateTime } from '../format';

const tabs = ['new', 'registered', 'joined', 'dismissed', 'ignored', 'failed'] as const;

function Messages({ status }: { status: string }) {
  const { t, pick } = useT();
  const { org } = useSession();
  const { data, error } = useApi<InboundMailList>(`${org}/inbox?status=${status}`);
  if (error) return <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>;
  if (!data) return <Loader size="sm" aria-label={t('loading')} />;
  if (data.items.length === 0)
    return <Text c="dimmed">{pick('Geen berichten.', 'No messages.')}</Text>;
  return (
    <Table striped highlightOnHover>
      <Table.Caption>{pick(inboxStatuses[status][0], inboxStatuses[status][1])}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{pick('Binnengekomen', 'Came in')}</Table.Th>
          <Table.Th>{pick('Van', 'From')}</Table.Th>
          <Table.Th>{pick('Onderwerp', 'Subject')}</Table.Th>
          <Table.Th>{pick('Bijlagen', 'Attachments')}</Table.Th>
          {(status === 'dismissed' || status === 'ignored') && <Table.Th>{pick('Reden', 'Reason')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.items.map((m) => (
          <Table.Tr key={m.id}>
            <Table.Td>{formatDateTime(m.received_at)}</Table.Td>
            <Table.Td>{m.from_name ? `${m.from_name} <${m.from_address}>` : m.from_address}</Table.Td>
            <Table.Td>
              <Link to={`/postvak/${m.id}`}>{m.subject || pick('(geen onderwerp)', '(no subject)')}</Link>
              {m.confidential && ` 🔒`}
            </Table.Td>
            <Table.Td>{m.files}</Table.Td>
            {(status === 'dismissed' || status === 'ignored') && <Table.Td>{m.reason}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function FailedMails() {
  const { t, pick } = useT();
  const { org } = useSession();
  const { data, error } = useApi<OutboxMailList>(`${org}/outbox?status=failed`);
  if (error) return <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>;
  if (!data) return <Loader size="sm" aria-label={t('loading')} />;
  if (data.items.length === 0)
    return <Text c="dimmed">{pick('Alle e-mails zijn verzonden.', 'Every mail was sent.')}</Text>;
  return (
    <Table striped>
      <Table.Caption>
        {pick('Deze e-mails konden niet worden bezorgd: neem op een andere manier contact op.',
          'These mails could not be delivered: get in touch another way.')}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{pick('Opgegeven', 'Given up')}</Table.Th>
          <Table.Th>{pick('Klacht', 'Complaint')}</Table.Th>
          <Table.Th>{pick('Aan', 'To')}</Table.Th>
          <Table.Th>{pick('E-mail', 'Mail')}</Table.Th>
          <Table.Th>{pick('Foutmelding', 'Error')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.items.map((m) => (
          <Table.Tr key={m.id}>
            <Table.Td>{formatDateTime(m.failed_at)}</Table.Td>
            <Table.Td>{m.complaint_id ? <Link to={`/klachten/${m.complaint_id}`}>{m.reference}</Link> : '—'}</Table.Td>
            <Table.Td>
              {m.address}
              <Text size="xs" c="dimmed">{mailRecipients[m.recipient] ? pick(...mailRecipients[m.recipient]) : m.recipient}</Text>
            </Table.Td>
            <Table.Td>{mailKinds[m.kind] ? pick(...mailKinds[m.kind]) : m.kind}</Table.Td>
            <Table.Td><Text size="sm">{m.error}</Text></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function InboxPage() {
  const { t, pick } = useT();
  const { query } = useLocation();
  const tab = tabs.find((x) => x === query.get('tab')) ?? 'new';
  return (
    <Stack>
      <Title order={1} size="h2">{t('inbox')}</Title>
      <Text size="sm" c="dimmed">
        {pick('E-mail aan het klachtenadres. Een antwoord op een klacht komt vanzelf bij die klacht; de rest wacht hier tot iemand het registreert of zegt waarom het geen klacht is.',
          'Mail to the complaints address. A reply to a complaint joins that complaint by itself; everything else waits here until someone registers it or says why it is not a complaint.')}
      </Text>
      <SegmentedControl
        aria-label={pick('Welke berichten', 'Which messages')}
        value={tab}
        onChange={(v) => navigate(`/postvak?tab=${v}`, true)}
        data={tabs.map((x) => ({
          value: x,
          label: x === 'failed' ? pick('Niet bezorgd', 'Not delivered') : pick(...inboxStatuses[x]),
        }))}
      />
      {tab === 'failed' ? <FailedMails /> : <Messages key={tab} status={tab} />}
    </Stack>
  );
}
