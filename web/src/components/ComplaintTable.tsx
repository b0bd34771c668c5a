// ComplaintTable.tsx: complaints as a list to work from: reference (a link to the case),
// complainant, category, state, handler and the next deadline.
import { Table, Text } from '@mantine/core';
import type { ComplaintSummary } from '../types';
import { formatDate } from '../format';
import { stateLabels } from '../labels';
import { Link } from '../router';
import { useT } from '../i18n';
import { useSession } from '../session';
import { DeadlineBadge } from './DeadlineBadge';

// `empty`: what an empty list says (My work: nothing to do; the register: nothing found).
export function ComplaintTable({ items, caption, empty = 'nothingHere' }: { items: ComplaintSummary[]; caption: string; empty?: 'nothingHere' | 'noneFound' }) {
  const { t, pick } = useT();
  const { staffName } = useSession();
  if (items.length === 0) return <Text c="dimmed">{t(empty)}</Text>;
  return (
    <Table striped highlightOnHover captionSide="top">
      <Table.Caption style={{ position: 'absolute', left: -10000 }}>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reference')}</Table.Th>
          <Table.Th>{t('received')}</Table.Th>
          <Table.Th>{t('complainant')}</Table.Th>
          <Table.Th>{t('category')}</Table.Th>
          <Table.Th>{t('state')}</Table.Th>
          <Table.Th>{t('handler')}</Table.Th>
          <Table.Th>{t('nextDeadline')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((c) => {
          const state = stateLabels[c.state];
          return (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Link to={`/klachten/${c.id}`}>{c.reference}</Link>
                {c.confidential ? ' 🔒' : ''}
              </Table.Td>
              <Table.Td>{formatDate(c.received_at)}</Table.Td>
              <Table.Td>{c.complainant.name}</Table.Td>
              <Table.Td>{c.category}</Table.Td>
              <Table.Td>{state ? pick(state[0], state[1]) : c.state}</Table.Td>
              <Table.Td>{staffName(c.handler_id)}</Table.Td>
              <Table.Td>
                <DeadlineBadge deadline={c.next_deadline} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
