// DeadlineBadge.tsx: a deadline as "nog 2 werkdagen" / "1 werkdag te laat", with a symbol
// and words as well as a colour, so it reads without colour too.
import { Badge } from '@mantine/core';
import type { Deadline } from '../types';
import { deadlineText, urgencyColour, urgencyOf, urgencySymbol } from '../format';
import { useT } from '../i18n';

export function DeadlineBadge({ deadline }: { deadline: Deadline | null }) {
  const { lang } = useT();
  const u = urgencyOf(deadline);
  return (
    <Badge color={urgencyColour[u]} variant="filled" autoContrast radius="sm"
      style={{ textTransform: 'none' }}>
      {urgencySymbol[u]} {deadlineText(deadline, lang)}
    </Badge>
  );
}
