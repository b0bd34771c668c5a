// Layout.tsx: the frame of every staff page: the organisation, the navigation, the language
// and logging out.
import type { ReactNode } from 'react';
import { AppShell, Button, Group, NavLink, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useLang, useT } from '../i18n';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useT();
  const { lang, setLang } = useLang();
  const { session, hasRole, logout } = useSession();
  const { path } = useLocation();
  // As core/access.cpp's can_register: everyone but an auditor or admin alone.
  const mayRegister = ['employee', 'handler', 'coordinator', 'management', 'confidant'].some(hasRole);
  const links: { to: string; label: string; show: boolean }[] = [
    { to: '/', label: t('myWork'), show: true },
    { to: '/register', label: t('register'), show: true },
    { to: '/klachten/nieuw', label: t('newComplaint'), show: mayRegister },
    // The register of nonconformities: everyone who works here reports, auditors read.
    { to: '/afwijkingen', label: t('nonconformities'), show: mayRegister || hasRole('auditor') },
    // The management-review report: as the server's reports service, those who review and audit.
    { to: '/rapportage', label: t('report'), show: ['coordinator', 'management', 'auditor'].some(hasRole) },
    { to: '/postvak', label: t('inbox'), show: ['coordinator', 'management', 'confidant'].some(hasRole) },
    { to: '/procedure', label: t('procedure'), show: true },
    { to: '/e-mailteksten', label: t('mailTexts'), show: ['management', 'admin', 'coordinator', 'auditor'].some(hasRole) },
    { to: '/accounts', label: t('accounts'), show: hasRole('admin') || hasRole('management') },
    { to: '/wachtwoord', label: t('changePassword'), show: true },
  ];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={1} size="h3">
              klachtdesk
            </Title>
            <Text c="dimmed">{session.organisation.name}</Text>
          </Group>
          <Group gap="sm">
            <SegmentedControl
              size="xs"
              aria-label={t('language')}
              value={lang}
              onChange={(v) => setLang(v === 'en' ? 'en' : 'nl')}
              data={[
                { value: 'nl', label: 'NL' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Text size="sm">{session.staff.name}</Text>
            <Button variant="default" size="xs" onClick={logout}>
              {t('logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Menu">
        <Stack gap={2}>
          {links
            .filter((l) => l.show)
            .map((l) => (
              <NavLink
                key={l.to}
                href={l.to}
                label={l.label}
                active={l.to === '/' ? path === '/' : path.startsWith(l.to)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(l.to);
                }}
              />
            ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
