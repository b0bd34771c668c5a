// ProcedurePage.tsx: the organisation's procedure as a page to read: steps and terms in the
// seed's own words, the rules, and who authorised which version.
import { Alert, Anchor, Code, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { Procedure } from '../types';
import { useApi } from '../useApi';
import { useSession } from '../session';
import { useT } from '../i18n';
import { stepLabels } from '../labels';

export function ProcedurePage() {
  const { t, pick, lang } = useT();
  const { org, session } = useSession();
  const formUrl = `${location.origin}/klacht/${session.organisation.slug}`;
  const snippet = `<iframe src="${formUrl}" title="Klacht indienen" style="width:100%;min-height:900px;border:0"></iframe>`;
  const { data: p, error } = useApi<Procedure>(`${org}/procedure`);
  if (error) return <Alert color="red">{pick(error.detail, error.detailEn)}</Alert>;
  if (!p) return <Loader aria-label={t('loading')} />;
  const rules: string[] = [];
  if (p.require_description_approval) rules.push(pick('De indiener keurt de omschrijving goed.', 'The complainant approves the description.'));
  if (p.require_procedure_explained) rules.push(pick('De procedure wordt aan de indiener uitgelegd.', 'The procedure is explained to the complainant.'));
  if (p.confidant_route) rules.push(pick('Een klacht kan vertrouwelijk via een vertrouwenspersoon lopen.', 'A complaint can go confidentially through a confidant.'));
  if (p.categories.length) rules.push(pick('Categorieën: ', 'Categories: ') + p.categories.join(', '));
  if (p.cause_categories.length) rules.push(pick('Oorzaken: ', 'Causes: ') + p.cause_categories.join(', ') + (p.cause_required ? pick(' (vast te leggen vóór de afhandeling)', ' (recorded before resolving)') : ''));
  if (p.extension.allowed) rules.push(pick(`De afhandeltermijn kan ${p.extension.times} keer verlengd worden, met hoogstens ${p.extension.max}.`, `The handling term can be extended ${p.extension.times} time(s), by at most ${p.extension.max}.`));
  if (p.escalation_body) rules.push(pick('Niet tevreden: doorverwijzing naar ', 'Not satisfied: referral to ') + p.escalation_body);
  if (p.acknowledgement_states_first_actions) rules.push(pick('De ontvangstbevestiging beschrijft de klacht en de eerste acties.', 'The acknowledgement describes the complaint and the first actions.'));
  if (p.hearing_required) rules.push(pick('Hoor en wederhoor gaan aan de afhandeling vooraf.', 'Both sides are heard before the complaint is resolved.'));
  if (p.satisfaction_evidence_required) rules.push(pick('Tevredenheid wordt met bewijs vastgelegd.', 'Satisfaction is recorded with evidence.'));
  if (p.retention_years) rules.push(pick(`Bewaartermijn: ${p.retention_years} jaar.`, `Retention: ${p.retention_years} years.`));
  return (
    <Stack maw={900}>
      <Title order={1} size="h2">{p.title} ({p.organisation_code})</Title>
      <Text>{t('version')} {p.version}, {t('authorisedBy').toLowerCase()} {p.authorised_by || '—'}</Text>
      <Title order={2} size="h3">{t('steps')}</Title>
      <Table>
        <Table.Thead>
          <Table.Tr><Table.Th>{t('step')}</Table.Th><Table.Th>{t('term')}</Table.Th><Table.Th>{pick('Uit de procedure', 'From the procedure')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.steps.map((s) => (
            <Table.Tr key={s.step}>
              <Table.Td>{stepLabels[s.step] ? pick(stepLabels[s.step][0], stepLabels[s.step][1]) : s.label_nl}</Table.Td>
              <Table.Td>{(lang === 'en' ? s.term : s.term_nl) ?? (s.kind === 'agreed' ? pick('per klacht afgesproken', 'agreed per complaint') : '—')}</Table.Td>
              <Table.Td><Text size="sm" fs="italic">{s.quote ? `“${s.quote}”` : ''}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2} size="h3">{t('rules')}</Title>
      {rules.length === 0
        ? <Text>{pick('Geen bijzondere regels naast de stappen en termijnen hierboven.', 'No particular rules besides the steps and terms above.')}</Text>
        : <List>{rules.map((r) => <List.Item key={r}>{r}</List.Item>)}</List>}
      <Title order={2} size="h3">{pick('Klachtenformulier voor uw website', 'Complaint form for your website')}</Title>
      <Text>
        {pick('Iedereen kan via dit formulier een klacht indienen, ook zonder JavaScript: ',
          'Anyone can make a complaint through this form, also without JavaScript: ')}
        <Anchor href={formUrl} target="_blank" rel="noopener">{formUrl}</Anchor>
      </Text>
      <Text size="sm">{pick('Om het in uw eigen website op te nemen:', 'To embed it in your own website:')}</Text>
      <Code block tabIndex={0} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{snippet}</Code>
    </Stack>
  );
}
