// router.tsx: the address bar as state: each page is a path, its filters the query string,
// so a link or a reload shows the same page (the server answers every such path with the app).
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { Anchor } from '@mantine/core';

const changed = 'klachtdesk:navigate';

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(changed));
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search) });
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener(changed, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(changed, update);
    };
  }, []);
  return loc;
}

// `inherit`: in the font of the text around it (a table's smaller text).
export function Link({ to, children, inherit }: { to: string; children: ReactNode; inherit?: boolean }) {
  const go = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <Anchor href={to} onClick={go} inherit={inherit}>
      {children}
    </Anchor>
  );
}
