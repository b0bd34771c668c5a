// App.tsx: the session (log in first), the frame with its navigation, and the page the
// address asks for.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Center, Loader } from '@mantine/core';
import { api, orgPath, setCsrfToken } from './api';
import type { Session, Staff, StaffList } from './types';
import { SessionContext, rolesOf, type SessionState } from './session';
import { useLocation } from './router';
import { Layout } from './components/Layout';
import { LoginPage } from './pages/LoginPage';
import { MyWorkPage } from './pages/MyWorkPage';
import { RegisterPage } from './pages/RegisterPage';
import { IntakePage } from './pages/IntakePage';
import { CasePage } from './pages/CasePage';
import { ProcedurePage } from './pages/ProcedurePage';
import { PasswordPage } from './pages/PasswordPage';
import { AccountsPage } from './pages/AccountsPage';
import { InboxPage } from './pages/InboxPage';
import { InboxMessagePage } from './pages/InboxMessagePage';
import { MailTemplatesPage } from './pages/MailTemplatesPage';
import { NonconformitiesPage } from './pages/NonconformitiesPage';
import { NonconformityPage } from './pages/NonconformityPage';
import { ReportPage } from './pages/ReportPage';
import { useT } from './i18n';

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [staff, setStaff] = useState<Staff[]>([]);

  const begin = useCallback(async (s: Session) => {
    setCsrfToken(s.csrf_token);
    const list = await api<StaffList>('GET', `${orgPath(s.organisation.slug)}/staff`);
    setStaff(list.items);
    setSession(s);
  }, []);

  useEffect(() => {
    api<Session>('GET', '/api/v1/session')
      .then(begin)
      .catch(() => setSession(null));
  }, [begin]);

  const state = useMemo<SessionState | null>(() => {
    if (!session) return null;
    const roles = rolesOf(session.staff.roles);
    return {
      session,
      staff,
      hasRole: (r) => roles.includes(r),
      staffName: (id) => staff.find((s) => s.id === id)?.name ?? (id ? `#${id}` : ''),
      org: orgPath(session.organisation.slug),
      logout: () => {
        api('DELETE', '/api/v1/session').finally(() => setSession(null));
      },
    };
  }, [session, staff]);

  if (session === undefined)
    return (
      <Center h="100vh">
        <Loader aria-label="Laden" />
      </Center>
    );
  if (!state) return <LoginPage onLoggedIn={begin} />;
  return (
    <SessionContext.Provider value={state}>
      <Layout>
        <Page onSessionEnded={() => setSession(null)} />
      </Layout>
    </SessionContext.Provider>
  );
}

function Page({ onSessionEnded }: { onSessionEnded: () => void }) {
  const { path } = useLocation();
  const { t } = useT();
  // A session that ended (idle for 30 minutes) sends every call to 401: back to logging in.
  useEffect(() => {
    window.addEventListener('klachtdesk:session-ended', onSessionEnded);
    return () => window.removeEventListener('klachtdesk:session-ended', onSessionEnded);
  }, [onSessionEnded]);

  const complaint = path.match(/^\/klachten\/(\d+)$/);
  const message = path.match(/^\/postvak\/(\d+)$/);
  const fromMail = path.match(/^\/postvak\/(\d+)\/registreren$/);
  const nonconformity = path.match(/^\/afwijkingen\/(\d+)$/);
  if (path === '/' || path === '/werk') return <MyWorkPage />;
  if (path === '/register') return <RegisterPage />;
  if (path === '/klachten/nieuw') return <IntakePage />;
  if (path === '/postvak') return <InboxPage />;
  if (message) return <InboxMessagePage key={message[1]} id={Number(message[1])} />;
  if (fromMail) return <IntakePage key={fromMail[1]} fromMail={Number(fromMail[1])} />;
  if (complaint) return <CasePage key={complaint[1]} id={Number(complaint[1])} />;
  if (path === '/procedure') return <ProcedurePage />;
  if (path === '/wachtwoord') return <PasswordPage />;
  if (path === '/accounts') return <AccountsPage />;
  if (path === '/e-mailteksten') return <MailTemplatesPage />;
  if (path === '/afwijkingen') return <NonconformitiesPage />;
  if (path === '/rapportage') return <ReportPage />;
  if (nonconformity) return <NonconformityPage key={nonconformity[1]} id={Number(nonconformity[1])} />;
  return <p>{t('notFound')}</p>;
}
