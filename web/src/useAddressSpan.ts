// useAddressSpan.ts: the two date fields of a period (dd-mm-jjjj) that follow the address's
// `van` and `tot`, so that a preset or the back button moves them too.
import { useEffect, useState } from 'react';
import { formatDay } from './format';

export function useAddressSpan(query: URLSearchParams) {
  const [from, setFrom] = useState(formatDay(query.get('van')));
  const [to, setTo] = useState(formatDay(query.get('tot')));
  const [dateError, setDateError] = useState<{ from?: string; to?: string }>({});
  useEffect(() => {
    setFrom(formatDay(query.get('van')));
    setTo(formatDay(query.get('tot')));
    setDateError({});
  }, [query.get('van'), query.get('tot')]); // eslint-disable-line react-hooks/exhaustive-deps
  return { from, setFrom, to, setTo, dateError, setDateError };
}
