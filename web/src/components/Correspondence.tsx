// Correspondence.tsx: the mails to the complainant and their messages back, oldest first,
// each with whether it went out; a mail that could not be delivered says so, with the reason,
// so that the handler writes or calls instead.
import { Accordion, Badge, Group, Text } from '@mantine/core';
import type { CorrespondenceItem } from '../types';
import { useT } from '../i18n';
import { mailKinds } from '../labels';
import { formatDateTime } from '../format';

export function Correspondence({ items }: { items: CorrespondenceItem[] }) {
  const { pick } = useT();
  if (items.length === 0)
    return <Text c="dimmed" size="sm">{pick('Nog geen e-mail met de indiener.', 'No mail with the complainant yet.')}</Text>;
  const status = (m: CorrespondenceItem) => {
    if (m.direction === 'in') return <Badge color="blue.9" style={{ textTransform: 'none' }}>{pick('Ontvangen', 'Received')}</Badge>;
    if (m.status === 'sent') return <Badge color="green.8" style={{ textTransform: 'none' }}>{pick('Verzonden', 'Sent')}</Badge>;
    if (m.status === 'failed') return <Badge color="red.8" style={{ textTransform: 'none' }}>{pick('Niet bezorgd', 'Not delivered')}</Badge>;
    return <Badge color="dark.6" style={{ textTransform: 'none' }}>{pick('Wacht op verzending', 'Waiting to be sent')}</Badge>;
  };
  return (
    <Accordion multiple variant="contained">
      {items.map((m, i) => (
        <Accordion.Item key={i} value={String(i)}>
          <Accordion.Control>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" miw={130}>{formatDateTime(m.at)}</Text>
              <Text size="sm" miw={40}>{m.direction === 'in' ? pick('Van', 'From') : pick('Aan', 'To')}</Text>
              <Text size="sm" fw={600}>{m.subject}</Text>
              {status(m)}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Text size="xs" c="dimmed">
              {mailKinds[m.kind] ? pick(...mailKinds[m.kind]) : m.kind} · {m.address}
            </Text>
            {m.error && <Text size="sm" c="red.8">{m.error}</Text>}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{m.text}</Text>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
