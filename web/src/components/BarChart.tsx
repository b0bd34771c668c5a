// BarChart.tsx: a horizontal bar chart of figures in a period and the period before, drawn as
// SVG by React: the report needs nothing more, a chart library would weigh more than the page,
// and SVG prints sharp. It is one image with a label; the table beside it carries the numbers.
export interface Bar {
  label: string;
  current: number | null;
  previous: number | null;
}

// Indigo as the app's buttons (primary shade 8) and a grey, each at least 3:1 on white
// (WCAG 1.4.11); the text is near-black.
const currentColour = '#3b5bdb';
const previousColour = '#868e96';
const textColour = '#212529';

const valueWidth = 64;
const barHeight = 11;
const rowHeight = 2 * barHeight + 2 + 12;
const legendHeight = 26;

// A label longer than its column (about 6.5 units a character) is cut short: the table shows
// it whole.
function short(label: string, room: number): string {
  const fits = Math.floor(room / 6.5);
  return label.length > fits ? `${label.slice(0, fits - 1)}…` : label;
}

export function BarChart({ label, bars, currentName, previousName, max, format, width = 640 }: {
  label: string;
  bars: Bar[];
  currentName: string;
  previousName: string;
  // The value of a full bar (100 for percentages); by default the largest value.
  max?: number;
  format: (v: number | null) => string;
  // Its width in units, the most it takes on the page (a unit is a pixel): its text stays the
  // size of the page's small text where the chart has half the page.
  width?: number;
}) {
  const labelWidth = Math.round(width * 0.4);
  const top = max ?? Math.max(1, ...bars.flatMap((b) => [b.current ?? 0, b.previous ?? 0]));
  const length = (v: number | null) => ((width - labelWidth - valueWidth) * Math.max(0, v ?? 0)) / top;
  const height = legendHeight + bars.length * rowHeight;
  // The legend's second entry after the first one's text: about 7 units a character.
  const secondLegend = labelWidth + 18 + currentName.length * 7 + 20;
  const bar = (v: number | null, y: number, fill: string) => (
    <>
      {length(v) > 0 && <rect x={labelWidth} y={y} width={length(v)} height={barHeight} fill={fill} />}
      <text x={labelWidth + length(v) + 4} y={y + barHeight - 1.5} fill={textColour}>{format(v)}</text>
    </>
  );
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%" className="bar-chart"
      style={{ maxWidth: width, display: 'block' }} fontSize={12} fontFamily="inherit">
      <rect x={labelWidth} y={2} width={12} height={12} fill={currentColour} />
      <text x={labelWidth + 18} y={12.5} fill={textColour}>{currentName}</text>
      <rect x={secondLegend} y={2} width={12} height={12} fill={previousColour} />
      <text x={secondLegend + 18} y={12.5} fill={textColour}>{previousName}</text>
      {bars.map((b, i) => {
        const y = legendHeight + i * rowHeight;
        return (
          <g key={i}>
            <text x={labelWidth - 8} y={y + barHeight + 5} textAnchor="end" fill={textColour}>{short(b.label, labelWidth - 10)}</text>
            {bar(b.current, y, currentColour)}
            {bar(b.previous, y + barHeight + 2, previousColour)}
          </g>
        );
      })}
    </svg>
  );
}
