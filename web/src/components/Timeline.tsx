// Timeline.tsx: who did what when on a case, with before and after in words, not in the
// stored form (epoch seconds, staff ids).
import { Table, Text } from '@mantine/core';
import type { AuditEvent } from '../types';
import {
  actionKinds, actionLabels, actionStatuses, attachmentKinds, channelLabels, fieldLabels, mailKinds, mailRecipients,
  nonconformityKinds, nonconformitySources, stateLabels, valueLabels,
} from '../labels';
import { formatDateTime, formatDay, formatEpoch, formatMoment, formatSize } from '../format';
import { useSession } from '../session';
import { useT } from '../i18n';

// Fields that hold a member of staff's id, and a date ("2026-11-24") of the register.
const staffFields = new Set(['handler_id', 'registered_by', 'owner_id', 'recorded_by', 'closed_by', 'reviewed_by', 'created_by']);
const dayFields = new Set(['occurred_on', 'due_on', 'effective_from', 'review_due_on', 'reviewed_on']);

export function Timeline({ events }: { events: AuditEvent[] }) {
  const { t, pick } = useT();
  const { staffName } = useSession();

  const show = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    if (typeof v === 'number' && (field.endsWith('_at') || field === 'agreed_resolve_by')) return formatEpoch(v);
    if (typeof v === 'string' && field.endsWith('_at')) return formatMoment(v);
    if (typeof v === 'string' && dayFields.has(field)) return formatDay(v);
    if (staffFields.has(field)) return staffName(Number(v));
    if (field === 'involved_staff' || field === 'granted_access')
      return Array.isArray(v) ? v.map((id) => staffName(Number(id))).join(', ') || '—' : String(v);
    if (field === 'state' && typeof v === 'string' && stateLabels[v]) return pick(stateLabels[v][0], stateLabels[v][1]);
    if (field === 'channel' && typeof v === 'string' && channelLabels[v]) return pick(channelLabels[v][0], channelLabels[v][1]);
    if (field === 'kind' && typeof v === 'string') {
      const k = attachmentKinds[v] ?? nonconformityKinds[v] ?? actionKinds[v];
      if (k) return pick(k[0], k[1]);
    }
    if (field === 'status' && typeof v === 'string' && actionStatuses[v]) return pick(...actionStatuses[v]);
    if (field === 'source' && typeof v === 'string' && nonconformitySources[v]) return pick(...nonconformitySources[v]);
    if ((field === 'action_id' || field === 'follows_id') && typeof v === 'number') return `#${v}`;
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
              <Table.Td>{label ? pick(label[0], label[1]) : e.action.replace(/-/g, ' ')}</Table.Td>
              <Table.Td>
                {changes.map(([field, pair]) => {
                  const [before, after] = Array.isArray(pair) ? pair : [null, pair];
                  // "kind" is a file's kind of document, or the kind of a finding or an action.
                  const named = field === 'kind' && !attachmentKinds[String(Array.isArray(pair) ? pair[1] : pair)]
                    ? (['Soort', 'Kind'] as const) : fieldLabels[field];
                  const name = named ? pick(named[0], named[1]) : field;
                  return (
                    <Text key={field} size="sm">
                      {name}: {before === null || before === undefined || JSON.stringify(before) === JSON.stringify(after)
                        ? show(field, after) : `${show(field, before)} → ${show(field, after)}`}
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
