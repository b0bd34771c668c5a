// ReportPage.tsx: the management-review report (Rapportage, docs/reports.md): a quarter,
// half-year, year or span of days beside the period before it, every figure with the
// difference, the breakdowns as tables and bar charts, and the review's conclusions and
// decisions; the period lives in the address (?periode=2026-Q3, or ?van=…&tot=…), so a link
// or a reload shows the same, and the page prints as the review's record (app.css).
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Box, Button, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { api, type ApiError } from '../api';
import type { Report, ReportBreakdown, ReportFigures, ReportPeriod, ReportReview } from '../types';
import { useApi } from '../useApi';
import { useAddressSpan } from '../useAddressSpan';
import { useSession } from '../session';
import { useT } from '../i18n';
import { navigate, useLocation } from '../router';
import { formatDateTime, formatDay, parseDutchDate, todayIso } from '../format';
import { reportCountLabel, reportMeasures, stepLabels } from '../labels';
import { BarChart, type Bar } from '../components/BarChart';
import { Refusal } from '../components/FormCard';
import { exactMessage } from '../components/TrackedActions';
import { useSubmit } from '../useSubmit';

type Pick = (nl: string, en: string) => string;
type Kind = ReportPeriod['kind'];
type Named = Exclude<Kind, 'custom'>;

// ---- periods ----

// "2026-Q3" a quarter, "2026-H1" a half-year, "2026" a year; null when it is none of these.
function kindOfName(name: string): Named | null {
  const m = /^\d{4}(-Q[1-4]|-H[12])?$/.exec(name);
  if (!m) return null;
  return !m[1] ? 'year' : m[1][1] === 'Q' ? 'quarter' : 'half_year';
}

// What the picker offers: the period of `kind` holding `day` ("2026-11-24") and those before
// it, enough for a year-on-year look (8 quarters, 4 half-years, 5 years).
function periodsUpTo(kind: Named, day: string): string[] {
  const year = Number(day.slice(0, 4));
  if (kind === 'year') return [0, 1, 2, 3, 4].map((i) => String(year - i));
  const perYear = kind === 'quarter' ? 4 : 2;
  const letter = kind === 'quarter' ? 'Q' : 'H';
  let y = year;
  let i = Math.floor(((Number(day.slice(5, 7)) - 1) * perYear) / 12);
  const names: string[] = [];
  for (let n = 0; n < 2 * perYear; n++) {
    names.push(`${y}-${letter}${i + 1}`);
    if (--i < 0) {
      i = perYear - 1;
      y -= 1;
    }
  }
  return names;
}

// "4e kwartaal 2026", "1e halfjaar 2026", "2026"; a span of days as its first and last.
function periodName(p: { name: string; kind: Kind; from?: string; to?: string }, pick: Pick): string {
  if (p.kind === 'custom') return `${formatDay(p.from)} – ${formatDay(p.to)}`;
  const m = /^(\d{4})-([QH])([1-4])$/.exec(p.name);
  if (!m) return p.name;
  return m[2] === 'Q' ? pick(`${m[3]}e kwartaal ${m[1]}`, `Q${m[3]} ${m[1]}`) : pick(`${m[3]}e halfjaar ${m[1]}`, `H${m[3]} ${m[1]}`);
}

// "Q4 2026", "H1 2026": a column's heading, as short as the figures under it, on one line.
function periodShort(p: ReportPeriod, pick: Pick): string {
  const m = /^(\d{4})-([QH][1-4])$/.exec(p.name);
  return m ? `${m[2]}\u00a0${m[1]}` : periodName(p, pick);
}

// "4e kwartaal 2026 (01-10-2026 t/m 31-12-2026)".
function periodTitle(p: ReportPeriod, pick: Pick): string {
  const days = `${formatDay(p.from)} ${pick('t/m', 'to')} ${formatDay(p.to)}`;
  return p.kind === 'custom' ? days : `${periodName(p, pick)} (${days})`;
}

// The API's query for the period in the address; the same for recording the conclusions of
// the period shown (by its name, so that it is the period read, whatever today is by then).
function apiQuery(query: URLSearchParams): string {
  const q = new URLSearchParams();
  if (query.get('periode')) q.set('period', query.get('periode')!);
  if (query.get('van')) q.set('from', query.get('van')!);
  if (query.get('tot')) q.set('to', query.get('tot')!);
  return q.toString();
}
function queryOf(p: ReportPeriod): string {
  return p.kind === 'custom' ? `from=${p.from}&to=${p.to}` : `period=${encodeURIComponent(p.name)}`;
}

// ---- numbers as Dutch readers write them ----

const number = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('nl-NL'));
const decimal = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
// "75 %" with a space that does not break, as Dutch writes a percentage.
const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '—' : `${decimal(rate * 100)}\u00a0%`);

// "+2", "−1,5", "0"; "—" when either side has no figure. A rate's difference is in
// percentage points.
function difference(now: number | null | undefined, before: number | null | undefined, scale = 1): string {
  if (now === null || now === undefined || before === null || before === undefined) return '—';
  const d = Math.round((now - before) * scale * 10) / 10;
  if (d === 0) return '0';
  return `${d > 0 ? '+' : '−'}${decimal(Math.abs(d))}`;
}

// ---- the page ----

export function ReportPage() {
  const { t, pick } = useT();
  const { org } = useSession();
  const { query } = useLocation();
  const q = apiQuery(query);
  const { data, error, setData } = useApi<Report>(`${org}/report${q ? `?${q}` : ''}`);

  if (error?.status === 403)
    return (
      <Stack>
        <Title order={1} size="h2">{t('report')}</Title>
        <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>
      </Stack>
    );
  return (
    <Stack className="report">
      <Group justify="space-between">
        <Title order={1} size="h2">{t('report')}</Title>
        <Group gap="xs" className="no-print">
          {/* The server's PDF of the same period: the review's record to file or send. */}
          <Button component="a" variant="light" href={`${org}/report?${q ? `${q}&` : ''}format=pdf`} download>
            {pick('PDF downloaden', 'Download PDF')}
          </Button>
          <Button variant="default" onClick={() => window.print()} disabled={!data}>
            {pick('Afdrukken', 'Print')}
          </Button>
        </Group>
      </Group>
      <PeriodPicker shown={data?.period ?? null} error={error} />
      {error && <Refusal error={error} placed={(f) => ['period', 'from', 'to'].includes(f)} />}
      {!data && !error && <Loader size="sm" aria-label={t('loading')} />}
      {data && (
        <>
          <div>
            <Text fw={600}>
              {data.organisation.name} · {pick('directiebeoordeling van de klachtenbehandeling', 'management review of complaints handling')}
            </Text>
            <Text>{pick('Periode', 'Period')}: {periodTitle(data.period, pick)}</Text>
            <Text>{pick('Vergeleken met', 'Compared with')}: {periodTitle(data.previous_period, pick)}</Text>
          </div>
          <Figures report={data} />
          <Conclusions key={data.period.name} report={data} onSaved={(review) => setData({ ...data, review })} />
        </>
      )}
    </Stack>
  );
}

// Kind of period, then which one: a named period shows at once, a span of days when both
// dates are typed. The server's refusal of the address stands next to the field it is about.
function PeriodPicker({ shown, error }: { shown: ReportPeriod | null; error: ApiError | null }) {
  const { pick, lang } = useT();
  const { query } = useLocation();
  const today = todayIso();
  const named = query.get('periode');
  const addressKind: Kind = named ? (kindOfName(named) ?? 'quarter') : query.get('van') || query.get('tot') ? 'custom' : 'quarter';
  // Choosing "Eigen periode" shows the date fields; the address changes when they are sent.
  const [spanOpen, setSpanOpen] = useState(false);
  const kind = spanOpen ? 'custom' : addressKind;
  const { from, setFrom, to, setTo, dateError, setDateError } = useAddressSpan(query);

  // Another address (the menu, the back button) shows its own kind of period.
  useEffect(() => setSpanOpen(false), [query.toString()]); // eslint-disable-line react-hooks/exhaustive-deps

  const show = (address: string) => {
    setSpanOpen(false);
    navigate(`/rapportage?${address}`);
  };
  // The period of the new kind around the one shown (from 2025-Q2 to the year 2025), never
  // past today.
  const chooseKind = (k: Kind) => {
    if (k === 'custom') {
      setSpanOpen(true);
      if (shown && !from && !to) {
        setFrom(formatDay(shown.from));
        setTo(formatDay(shown.to < today ? shown.to : today));
      }
      return;
    }
    const day = shown && addressKind !== 'custom' ? (shown.to < today ? shown.to : today) : today;
    show(`periode=${periodsUpTo(k, day)[0]}`);
  };
  const current = named ?? (shown && shown.kind !== 'custom' ? shown.name : periodsUpTo('quarter', today)[0]);
  const choices = kind === 'custom' ? [] : periodsUpTo(kind, today);
  if (kind !== 'custom' && kindOfName(current) === kind && !choices.includes(current)) choices.push(current);
  choices.sort().reverse();

  const applySpan = (e: FormEvent) => {
    e.preventDefault();
    if (kind !== 'custom') return;
    const f = parseDutchDate(from);
    const tt = parseDutchDate(to);
    const hint = pick('Schrijf een datum als 24-11-2026.', 'Write a date as 24-11-2026.');
    if (f === null || tt === null) {
      setDateError({ from: f === null ? hint : undefined, to: tt === null ? hint : undefined });
      return;
    }
    setDateError({});
    show(`van=${f}&tot=${tt}`);
  };
  const kinds: { value: Kind; label: string }[] = [
    { value: 'quarter', label: pick('Kwartaal', 'Quarter') },
    { value: 'half_year', label: pick('Halfjaar', 'Half-year') },
    { value: 'year', label: pick('Jaar', 'Year') },
    { value: 'custom', label: pick('Eigen periode', 'Span of days') },
  ];
  return (
    <form onSubmit={applySpan} aria-label={pick('Periode kiezen', 'Choose a period')} noValidate className="no-print">
      <Group align="start" wrap="wrap">
        <NativeSelect label={pick('Soort periode', 'Kind of period')} value={kind} w={170}
          onChange={(e) => chooseKind(e.currentTarget.value as Kind)} data={kinds} />
        {kind === 'custom' ? (
          <>
            <TextInput label={pick('Vanaf', 'From')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={from} w={150}
              onChange={(e) => setFrom(e.currentTarget.value)} error={dateError.from ?? exactMessage(error, 'from', lang)} />
            <TextInput label={pick('Tot en met', 'Up to')} placeholder={pick('dd-mm-jjjj', 'dd-mm-yyyy')} value={to} w={150}
              onChange={(e) => setTo(e.currentTarget.value)} error={dateError.to ?? exactMessage(error, 'to', lang)} />
            <Button type="submit" mt={25}>{pick('Toon', 'Show')}</Button>
          </>
        ) : (
          <NativeSelect label={pick('Periode', 'Period')} value={current} w={220} error={exactMessage(error, 'period', lang)}
            onChange={(e) => show(`periode=${e.currentTarget.value}`)}
            data={choices.map((name) => ({ value: name, label: periodName({ name, kind }, pick) }))} />
        )}
      </Group>
    </form>
  );
}

// ---- the figures ----

function Figures({ report }: { report: Report }) {
  const { pick, lang } = useT();
  const now = report.current;
  const before = report.previous;
  const names = { now: periodShort(report.period, pick), before: periodShort(report.previous_period, pick) };
  const stepName = (step: string, label: string) => (lang === 'nl' ? label : stepLabels[step]?.[1] ?? label);
  const keyFigures: { label: string; of: (f: ReportFigures) => number | null }[] = [
    { label: pick('Ontvangen klachten', 'Complaints received'), of: (f) => f.received },
    { label: pick('Afgehandeld', 'Resolved'), of: (f) => f.handling.count },
    { label: pick('Doorlooptijd tot afhandeling, mediaan (dagen)', 'Time to resolution, median (days)'), of: (f) => f.handling.median_days },
    { label: pick('Doorlooptijd tot afhandeling, 90e percentiel (dagen)', 'Time to resolution, 90th percentile (days)'), of: (f) => f.handling.p90_days },
    { label: pick('Open aan het eind van de periode', 'Open at the end of the period'), of: (f) => f.open_at_end },
    { label: pick('Waarvan met een verstreken termijn', 'Of which with a deadline past due'), of: (f) => f.overdue_at_end },
    { label: pick('Afwijkingen en verbeteropties vastgelegd', 'Nonconformities and ideas recorded'), of: (f) => f.findings_recorded },
    { label: pick('Maatregelen gestart', 'Measures opened'), of: (f) => f.measures.opened },
    { label: pick('Maatregelen gereed', 'Measures done'), of: (f) => f.measures.done },
    { label: pick('Maatregelen doeltreffend', 'Measures effective'), of: (f) => f.measures.effective },
    { label: pick('Maatregelen niet doeltreffend', 'Measures not effective'), of: (f) => f.measures.not_effective },
  ];
  return (
    <>
      <Block title={pick('Kerncijfers', 'Key figures')}>
        <Box maw={820}>
          <Table {...tableStyle}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pick('Cijfer', 'Figure')}</Table.Th>
                <Table.Th ta="right">{names.now}</Table.Th>
                <Table.Th ta="right">{names.before}</Table.Th>
                <Table.Th ta="right">{pick('Verschil', 'Difference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keyFigures.map((k) => (
                <Table.Tr key={k.label}>
                  <Table.Th scope="row" fw={400}>{k.label}</Table.Th>
                  <Table.Td ta="right">{number(k.of(now))}</Table.Td>
                  <Table.Td ta="right">{number(k.of(before))}</Table.Td>
                  <Table.Td ta="right">{difference(k.of(now), k.of(before))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      </Block>

      <Title order={2} size="h3">{pick('Ontvangen klachten naar soort', 'Complaints received by kind')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl" verticalSpacing="xl">
        {Object.keys(reportMeasures).map((measure) => (
          <BreakdownBlock key={measure} measure={measure} names={names}
            now={now.breakdowns.find((b) => b.measure === measure)} before={before.breakdowns.find((b) => b.measure === measure)}
            received={now.received} />
        ))}
      </SimpleGrid>

      <Block title={pick('Termijnen gehaald', 'Deadlines met')}
        intro={pick('Per stap de termijnen die in de periode afliepen: op tijd gedaan, te laat (of verstreken en niet gedaan), en nog lopend.',
          'Per step, the deadlines that fell due in the period: met, missed (late, or past due and not done), and still running.')}>
        <BarChart label={pick(`Termijnen op tijd gehaald per stap, ${names.now} tegenover ${names.before}, in procenten; de cijfers staan in de tabel`,
          `Deadlines met per step, ${names.now} against ${names.before}, in percent; the figures are in the table`)}
          currentName={names.now} previousName={names.before} max={100} format={(v) => percent(v === null ? null : v / 100)}
          bars={now.deadlines.map((d) => {
            const then = before.deadlines.find((x) => x.step === d.step);
            const rate = (r: number | null | undefined) => (r === null || r === undefined ? null : r * 100);
            return { label: stepName(d.step, d.label), current: rate(d.on_time_rate), previous: rate(then?.on_time_rate) };
          })} />
        <Scroll>
          <Table {...tableStyle}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>{pick('Termijn van', 'Deadline of')}</Table.Th>
                <Table.Th colSpan={4} scope="colgroup" ta="center">{names.now}</Table.Th>
                <Table.Th colSpan={2} scope="colgroup" ta="center">{names.before}</Table.Th>
                <Table.Th rowSpan={2} ta="right">{pick('Verschil (procentpunt)', 'Difference (percentage points)')}</Table.Th>
              </Table.Tr>
              <Table.Tr>
                <Table.Th ta="right">{pick('Op\u00a0tijd', 'On\u00a0time')}</Table.Th>
                <Table.Th ta="right">{pick('Gehaald', 'Met')}</Table.Th>
                <Table.Th ta="right">{pick('Te laat', 'Missed')}</Table.Th>
                <Table.Th ta="right">{pick('Lopend', 'Running')}</Table.Th>
                <Table.Th ta="right">{pick('Op\u00a0tijd', 'On\u00a0time')}</Table.Th>
                <Table.Th ta="right">{pick('Gehaald / te laat / lopend', 'Met / missed / running')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {now.deadlines.map((d) => {
                const then = before.deadlines.find((x) => x.step === d.step);
                return (
                  <Table.Tr key={d.step}>
                    <Table.Th scope="row" fw={400}>{stepName(d.step, d.label)}</Table.Th>
                    <Table.Td ta="right" fw={600}>{percent(d.on_time_rate)}</Table.Td>
                    <Table.Td ta="right">{number(d.met)}</Table.Td>
                    <Table.Td ta="right">{number(d.missed)}</Table.Td>
                    <Table.Td ta="right">{number(d.running)}</Table.Td>
                    <Table.Td ta="right">{percent(then?.on_time_rate)}</Table.Td>
                    <Table.Td ta="right">{then ? `${number(then.met)} / ${number(then.missed)} / ${number(then.running)}` : '—'}</Table.Td>
                    <Table.Td ta="right">{difference(d.on_time_rate, then?.on_time_rate, 100)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Scroll>
      </Block>

      <Block title={pick('Doorlooptijd per stap', 'Time per step')}
        intro={pick('Van wat de klok van een stap start tot de stap, in kalenderdagen, van de stappen die in de periode gedaan zijn.',
          'From what starts a step\'s clock to the step, in calendar days, of the steps done in the period.')}>
        <Scroll>
          <Table {...tableStyle}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>{pick('Stap', 'Step')}</Table.Th>
                <Table.Th colSpan={2} scope="colgroup" ta="center">{pick('Aantal', 'Count')}</Table.Th>
                <Table.Th colSpan={3} scope="colgroup" ta="center">{pick('Mediaan (dagen)', 'Median (days)')}</Table.Th>
                <Table.Th colSpan={3} scope="colgroup" ta="center">{pick('90e percentiel (dagen)', '90th percentile (days)')}</Table.Th>
              </Table.Tr>
              <Table.Tr>
                {[0, 1, 2].map((i) => (
                  <PeriodHeads key={i} now={names.now} before={names.before} withDifference={i > 0} />
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {now.steps.map((s) => {
                const then = before.steps.find((x) => x.step === s.step);
                return (
                  <Table.Tr key={s.step}>
                    <Table.Th scope="row" fw={400}>{stepName(s.step, s.label)}</Table.Th>
                    <Table.Td ta="right">{number(s.count)}</Table.Td>
                    <Table.Td ta="right">{number(then?.count)}</Table.Td>
                    <Table.Td ta="right">{number(s.median_days)}</Table.Td>
                    <Table.Td ta="right">{number(then?.median_days)}</Table.Td>
                    <Table.Td ta="right">{difference(s.median_days, then?.median_days)}</Table.Td>
                    <Table.Td ta="right">{number(s.p90_days)}</Table.Td>
                    <Table.Td ta="right">{number(then?.p90_days)}</Table.Td>
                    <Table.Td ta="right">{difference(s.p90_days, then?.p90_days)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Scroll>
      </Block>
    </>
  );
}

const tableStyle = { striped: true, verticalSpacing: 4, horizontalSpacing: 8, fz: 'sm', withTableBorder: true } as const;

function PeriodHeads({ now, before, withDifference }: { now: string; before: string; withDifference: boolean }) {
  const { pick } = useT();
  return (
    <>
      <Table.Th ta="right">{now}</Table.Th>
      <Table.Th ta="right">{before}</Table.Th>
      {withDifference && <Table.Th ta="right">{pick('Verschil', 'Difference')}</Table.Th>}
    </>
  );
}

// A part of the report that stays on one sheet when printed (app.css).
function Block({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="report-block">
      <Stack gap="xs">
        <Title order={2} size="h3">{title}</Title>
        {intro && <Text size="sm">{intro}</Text>}
        {children}
      </Stack>
    </section>
  );
}

function Scroll({ children }: { children: ReactNode }) {
  return <div className="report-scroll" style={{ overflowX: 'auto' }}>{children}</div>;
}

// One breakdown: what the complaints received were, by one measure, in both periods; the
// keys of the period shown first (most first), then those only the period before had.
function BreakdownBlock({ measure, now, before, received, names }: {
  measure: string; now?: ReportBreakdown; before?: ReportBreakdown; received: number; names: { now: string; before: string };
}) {
  const { pick, lang } = useT();
  const title = pick(...reportMeasures[measure]);
  const rows: { key: string; label: string; now: number; before: number }[] = [];
  for (const c of [...(now?.counts ?? []), ...(before?.counts ?? [])]) {
    if (rows.some((r) => r.key === c.key)) continue;
    rows.push({
      key: c.key,
      label: reportCountLabel(measure, c.key, c.label, lang),
      now: now?.counts.find((x) => x.key === c.key)?.n ?? 0,
      before: before?.counts.find((x) => x.key === c.key)?.n ?? 0,
    });
  }
  const bars: Bar[] = rows.map((r) => ({ label: r.label, current: r.now, previous: r.before }));
  return (
    <section aria-label={title} className="report-block">
      <Stack gap="xs">
        <Title order={3} size="h4">{title}</Title>
        {rows.length === 0 ? (
          <Text c="dimmed" size="sm">{pick('Geen klachten ontvangen in deze periodes.', 'No complaints received in these periods.')}</Text>
        ) : (
          <>
            <BarChart label={pick(`Ontvangen klachten naar ${title.toLowerCase()}, ${names.now} tegenover ${names.before}; de aantallen staan in de tabel`,
              `Complaints received by ${title.toLowerCase()}, ${names.now} against ${names.before}; the numbers are in the table`)}
              bars={bars} currentName={names.now} previousName={names.before} format={number} width={500} />
            <Scroll>
              <Table {...tableStyle}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{title}</Table.Th>
                    <Table.Th ta="right">{names.now}</Table.Th>
                    <Table.Th ta="right">{pick('Aandeel', 'Share')}</Table.Th>
                    <Table.Th ta="right">{names.before}</Table.Th>
                    <Table.Th ta="right">{pick('Verschil', 'Difference')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Th scope="row" fw={400}>{r.label}</Table.Th>
                      <Table.Td ta="right">{number(r.now)}</Table.Td>
                      <Table.Td ta="right">{received > 0 ? percent(r.now / received) : '—'}</Table.Td>
                      <Table.Td ta="right">{number(r.before)}</Table.Td>
                      <Table.Td ta="right">{difference(r.now, r.before)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Scroll>
          </>
        )}
      </Stack>
    </section>
  );
}

// ---- the review's conclusions ----

// What the management review concluded and decided about this period: written by those the
// server lets (may_review), read by the others; on paper the text as recorded.
function Conclusions({ report, onSaved }: { report: Report; onSaved: (review: ReportReview) => void }) {
  const { t, pick, lang } = useT();
  const { org } = useSession();
  const review = report.review ?? null;
  const [text, setText] = useState(review?.conclusions ?? '');
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useSubmit();
  const title = pick('Conclusies en besluiten van de directiebeoordeling', 'Conclusions and decisions of the management review');
  const save = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    run(async () => {
      const r = await api<ReportReview>('PUT', `${org}/report/review?${queryOf(report.period)}`, { conclusions: text });
      onSaved(r);
      setText(r.conclusions);
      setSaved(true);
    });
  };
  const recorded = review && (
    <Text size="sm" c="dimmed">
      {pick(`Vastgelegd door ${review.updated_by.name} op ${formatDateTime(review.updated_at)}`,
        `Recorded by ${review.updated_by.name} on ${formatDateTime(review.updated_at)}`)}
    </Text>
  );
  return (
    <section aria-label={title} className="report-block">
      <Stack gap="xs">
        <Title order={2} size="h3">{title}</Title>
        {report.may_review && (
          <form onSubmit={save} noValidate aria-label={pick('Conclusies vastleggen', 'Record the conclusions')} className="no-print">
            <Stack gap="xs">
              <Refusal error={error} placed={(f) => f === 'conclusions'} />
              <Textarea label={pick('Conclusies en besluiten', 'Conclusions and decisions')} autosize minRows={4} maxRows={20}
                description={pick('Wat de directie uit deze cijfers concludeert en besluit, met wie wat doet en wanneer.',
                  'What management concludes and decides from these figures, with who does what and when.')}
                value={text} onChange={(e) => setText(e.currentTarget.value)} error={exactMessage(error, 'conclusions', lang)} />
              <Group>
                <Button type="submit" loading={busy}>{t('save')}</Button>
                {saved && <Text size="sm" role="status">{pick('Opgeslagen.', 'Saved.')}</Text>}
              </Group>
              {recorded}
            </Stack>
          </form>
        )}
        <div className={report.may_review ? 'print-only' : undefined}>
          {review ? (
            <>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{review.conclusions}</Text>
              {recorded}
            </>
          ) : (
            <Text c="dimmed">{pick('Nog geen conclusies vastgelegd.', 'No conclusions recorded yet.')}</Text>
          )}
        </div>
      </Stack>
    </section>
  );
}
