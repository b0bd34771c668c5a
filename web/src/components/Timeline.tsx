// Timeline.tsx: who did what when on a case, with before and after in words, not in the
// stored form (epoch seconds, staff ids).
import { Table, Text } from '@mantine/core';
import type { AuditEvent } from '../types';
import { actionLabels, attachmentKinds, channelLabels, fieldLabels, mailKinds, mailRecipients, stateLabels, valueLabels } from '../labels';
import { formatDateTime, formatEpoch, formatSize } from '../format';
import { useSession } from '../session';
import { useT } from '../i18n';

export function Timeline({ events }: { events: AuditEvent[] }) {
  const { t, pick } = useT();
  const { staffName } = useSession();

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number' && (field.endsWith('_at') || field === 'agreed_resolve_by')) return formatEpoch(v);
    if (field === 'handler_id' || field === 'registered_by') return staffName(Number(v));
    if (field === 'involved_staff' || field === 'granted_access')
      return Array.isArray(v) ? v.map((id) => staffName(Number(id))).join(', ') || '—' : String(v);
    if (field === 'state' && typeof v === 'string' && stateLabels[v]) return pick(stateLabels[v][0], stateLabels[v][1]);
    if (field === 'channel' && typeof v === 'string' && channelLabels[v]) return pick(channelLabels[v][0], channelLabels[v][1]);
    if (field === 'kind' && typeof v === 'string' && attachmentKinds[v]) return pick(attachmentKinds[v][0], attachmentKinds[v][1]);
    if (field === 'size' && typeof v === 'number') return formatSize(v);
    const named = valueLabels[field === 'complainant_type' ? 'complainant_type' : field]?.[String(v)];
    if (named) return pick(named[0], named[1]);
    if (field === 'mail_kind' && typeof v === 'string' && mailKinds[v]) return pick(mailKinds[v][0], mailKinds[v][1]);
    if (field === 'recipient' && typeof v === 'string' && mailRecipients[v]) return pick(...mailRecipients[v]);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };

  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{pick('Wanneer', 'When')}</Table.Th>
          <Table.Th>{pick('Wie', 'Who')}</Table.Th>
          <Table.Th>{pick('Wat', 'What')}</Table.Th>
          <Table.Th>{pick('Wijzigingen', 'Changes')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.map((e) => {
          const label = actionLabels[e.action];
          const changes = typeof e.changes === 'object' && e.changes ? Object.entries(e.changes) : [];
          return (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
              <Table.Td>{staffName(e.actor_id)}</Table.Td>
              <Table.Td>{label ? pick(label[0], label[1]) : e.action}</Table.Td>
              <Table.Td>
                {changes.map(([field, pair]) => {
                  const [before, after] = Array.isArray(pair) ? pair : [null, pair];
                  const name = fieldLabels[field] ? pick(fieldLabels[field][0], fieldLabels[field][1]) : field;
                  return (
                    <Text key={field} size="sm">
                      {name}: {before === null || before === undefined ? show(field, after) : `${show(field, before)} → ${show(field, after)}`}
                    </Text>
                  );
                })}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
