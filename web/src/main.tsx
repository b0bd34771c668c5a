// main.tsx: the entry point: Mantine's theme and the app.
import '@mantine/core/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import { App } from './App';
import { LangProvider } from './i18n';

const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  // Contrast (WCAG AA): darker shades for text on white.
  primaryShade: 8,
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <LangProvider>
        <App />
      </LangProvider>
    </MantineProvider>
  </StrictMode>,
);
