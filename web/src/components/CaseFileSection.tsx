// CaseFileSection.tsx: the case file of a complaint: its files to download, and adding one by
// dropping it or choosing it, with the upload's progress and the server's refusal next to it.
import { useState } from 'react';
import { Alert, Anchor, Button, Group, NativeSelect, Progress, Stack, Table, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import { ApiError, uploadFile } from '../api';
import type { Attachment } from '../types';
import { attachmentKinds } from '../labels';
import { formatDateTime, formatSize } from '../format';
import { useSession } from '../session';
import { useT } from '../i18n';

interface Props {
  complaintId: number;
  files: Attachment[];
  mayAdd: boolean;
  maxBytes: number;
  onAdded: () => void;
}

export function CaseFileSection({ complaintId, files, mayAdd, maxBytes, onAdded }: Props) {
  const { pick, lang } = useT();
  const { org, staffName } = useSession();
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const base = `${org}/complaints/${complaintId}/attachments`; // org: the organisation's API path
  const kindLabel = (k: string) => (attachmentKinds[k] ? pick(attachmentKinds[k][0], attachmentKinds[k][1]) : k);
  const fieldError = (field: string) => error?.fieldMessage(field, lang);
  const fileError = fieldError('file') ?? fieldError('file_name');

  const choose = (chosen: File | undefined) => {
    setError(null);
    if (!chosen) return;
    if (chosen.size > maxBytes) {
      const limit = formatSize(maxBytes);
      setError(new ApiError(413, '', '', [{ field: 'file', message: `Het bestand is groter dan ${limit}.`, message_en: `The file is larger than ${limit}.` }]));
      return;
    }
    setFile(chosen);
  };

  const send = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      await uploadFile(`${base}?file_name=${encodeURIComponent(file.name)}&kind=${encodeURIComponent(kind)}`, file, setProgress);
      setFile(null);
      setKind('');
      onAdded();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, String(e), String(e)));
    } finally {
      setProgress(null);
    }
  };

  return (
    <Stack>
      {files.length === 0 ? (
        <Text c="dimmed">{pick('Nog geen bestanden.', 'No files yet.')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{pick('Bestand', 'File')}</Table.Th>
              <Table.Th>{pick('Soort stuk', 'Kind of document')}</Table.Th>
              <Table.Th>{pick('Grootte', 'Size')}</Table.Th>
              <Table.Th>{pick('Toegevoegd', 'Added')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  {f.removed_at ? (
                    <Text size="sm">{pick('Verwijderd op', 'Removed on')} {formatDateTime(f.removed_at)}</Text>
                  ) : (
                    <Anchor href={`${base}/${f.id}`} download={f.file_name}>{f.file_name}</Anchor>
                  )}
                </Table.Td>
                <Table.Td>{kindLabel(f.kind)}</Table.Td>
                <Table.Td>{formatSize(f.size)}</Table.Td>
                <Table.Td>{formatDateTime(f.uploaded_at)}, {staffName(f.uploaded_by)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {mayAdd && (
        <Stack gap="xs" maw={560}>
          <Dropzone onDrop={(dropped) => choose(dropped[0])} onReject={(rejected) => choose(rejected[0]?.file)}
            multiple={false} inputProps={{ 'aria-label': pick('Bestand kiezen', 'Choose a file') }}
            aria-label={pick('Bestand toevoegen: sleep het hierheen of kies het', 'Add a file: drop it here or choose it')}>
            <Text ta="center" py="md">
              {file
                ? `${file.name} (${formatSize(file.size)})`
                : pick(`Sleep een bestand hierheen of klik om te kiezen (hoogstens ${formatSize(maxBytes)}).`,
                  `Drop a file here or click to choose one (at most ${formatSize(maxBytes)}).`)}
            </Text>
          </Dropzone>
          {fileError && <Text c="red.8" size="sm" role="alert">{fileError}</Text>}
          <Group align="end">
            <NativeSelect label={pick('Soort stuk', 'Kind of document')} value={kind} onChange={(e) => setKind(e.currentTarget.value)}
              data={[{ value: '', label: pick('Kies…', 'Choose…') }, ...Object.keys(attachmentKinds).map((k) => ({ value: k, label: kindLabel(k) }))]}
              error={fieldError('kind')} required />
            <Button onClick={send} disabled={!file || progress !== null}>{pick('Toevoegen', 'Add')}</Button>
          </Group>
          {progress !== null && (
            <Progress value={progress} aria-label={pick('Voortgang van het uploaden', 'Upload progress')} />
          )}
          {error && !fileError && !fieldError('kind') && <Alert color="red" role="alert">{pick(error.detail, error.detailEn)}</Alert>}
        </Stack>
      )}
    </Stack>
  );
}
