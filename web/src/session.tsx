// session.tsx: who is logged in, with their organisation, roles and colleagues.
import { createContext, useContext } from 'react';
import type { Session, Staff } from './types';

export interface SessionState {
  session: Session;
  staff: Staff[];
  hasRole: (r: string) => boolean;
  staffName: (id: number | null | undefined) => string;
  org: string; // the organisation's API path
  logout: () => void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

export function rolesOf(roles: string): string[] {
  return roles.split(',').map((r) => r.trim()).filter(Boolean);
}
