// ExportLinks.tsx: a list as a file for Excel (.xlsx) or as CSV, written by the server with the
// filters the page shows: every row they select (up to 100,000), not only the page on screen.
import { useState, type MouseEvent } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { asApiError, downloadFile, type ApiError } from '../api';
import { useT } from '../i18n';

type Format = 'xlsx' | 'csv';

// `path`: the list's API path; `filter`: the query the page asks its JSON with (paging left
// out: the server ignores it for a file anyway); `hint`: what the file holds, in words.
export function ExportLinks({ path, filter, hint }: { path: string; filter: URLSearchParams; hint?: string }) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const href = (format: Format) => {
    const q = new URLSearchParams(filter);
    q.set('format', format);
    return `${path}?${q.toString()}`;
  };

  // The href stays a real link (open in a new tab, copy, save as); a plain click fetches the
  // file instead, so that a refusal is said here and the button shows that a large list is
  // still being written.
  const fetchFile = (format: Format) => async (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    if (busy) return;
    setBusy(format);
    setError(null);
    try {
      const { blob, fileName } = await downloadFile(href(format));
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = fileName;
      a.click();
      // The browser reads the blob after click() returns: freed a while later, not at once.
      setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    } catch (x) {
      setError(asApiError(x));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs" role="group" aria-label={t('downloads')}>
        <Button component="a" href={href('xlsx')} download variant="light" loading={busy === 'xlsx'} onClick={fetchFile('xlsx')}>
          {t('downloadXlsx')}
        </Button>
        <Button component="a" href={href('csv')} download variant="default" loading={busy === 'csv'} onClick={fetchFile('csv')}>
          {t('downloadCsv')}
        </Button>
        {hint && <Text size="sm">{hint}</Text>}
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error.fieldMessage('format', lang) ?? (lang === 'nl' ? error.detail : error.detailEn)}
        </Alert>
      )}
    </Stack>
  );
}
