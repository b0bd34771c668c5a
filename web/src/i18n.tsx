// i18n.tsx: Dutch first, English as a choice; the choice is kept in the browser.
import { createContext, useContext, useState, type ReactNode } from 'react';

export type Lang = 'nl' | 'en';

const words = {
  appName: ['klachtdesk', 'klachtdesk'],
  login: ['Inloggen', 'Log in'],
  logout: ['Uitloggen', 'Log out'],
  email: ['E-mailadres', 'E-mail address'],
  password: ['Wachtwoord', 'Password'],
  myWork: ['Mijn werk', 'My work'],
  register: ['Register', 'Register'],
  newComplaint: ['Nieuwe klacht', 'New complaint'],
  procedure: ['Procedure', 'Procedure'],
  changePassword: ['Wachtwoord wijzigen', 'Change password'],
  accounts: ['Accounts', 'Accounts'],
  inbox: ['Postvak', 'Mailbox'],
  mailTexts: ['E-mailteksten', 'Mail texts'],
  nonconformities: ['Afwijkingen', 'Nonconformities'],
  myActions: ['Mijn acties', 'My actions'],
  report: ['Rapportage', 'Report'],
  language: ['Taal', 'Language'],
  reference: ['Kenmerk', 'Reference'],
  complainant: ['Indiener', 'Complainant'],
  category: ['Categorie', 'Category'],
  state: ['Status', 'State'],
  received: ['Ontvangen', 'Received'],
  nextDeadline: ['Eerstvolgende termijn', 'Next deadline'],
  handler: ['Behandelaar', 'Handler'],
  nothingHere: ['Niets te doen hier.', 'Nothing to do here.'],
  noneFound: ['Geen klachten gevonden.', 'No complaints found.'],
  loading: ['Laden…', 'Loading…'],
  myCases: ['Mijn klachten in behandeling', 'My complaints in hand'],
  unassigned: ['Nog niet toegewezen', 'Not yet assigned'],
  overdue: ['Te laat', 'Overdue'],
  allOpen: ['Alle lopende klachten', 'All open complaints'],
  confidentialCases: ['Vertrouwelijke klachten', 'Confidential complaints'],
  search: ['Zoeken', 'Search'],
  searchHint: ['kenmerk, naam of woorden', 'reference, name or words'],
  onlyOverdue: ['Alleen te laat', 'Overdue only'],
  from: ['Ontvangen vanaf', 'Received from'],
  to: ['Ontvangen tot en met', 'Received up to'],
  anyState: ['Alle statussen', 'All states'],
  anyHandler: ['Alle behandelaars', 'All handlers'],
  nextPage: ['Volgende pagina', 'Next page'],
  firstPage: ['Eerste pagina', 'First page'],
  downloads: ['Downloaden', 'Download'],
  downloadXlsx: ['Download voor Excel (.xlsx)', 'Download for Excel (.xlsx)'],
  downloadCsv: ['CSV', 'CSV'],
  downloadAllComplaints: ['Alle klachten van dit filter, niet alleen deze pagina.', 'Every complaint of this filter, not just this page.'],
  receivedAt: ['Ontvangen op', 'Received at'],
  receivedAtHint: ['dd-mm-jjjj uu:mm', 'dd-mm-yyyy hh:mm'],
  channel: ['Kanaal', 'Channel'],
  name: ['Naam', 'Name'],
  phone: ['Telefoon', 'Phone'],
  relation: ['Relatie (bijv. uitzendkracht, opdrachtgever)', 'Relation (e.g. temp worker, client)'],
  complainantType: ['Indiener is', 'Complainant is'],
  external: ['Extern', 'External'],
  internal: ['Intern (eigen medewerker)', 'Internal (own employee)'],
  description: ['Omschrijving van de klacht', 'Description of the complaint'],
  involvedStaff: ['Betrokken medewerkers', 'Employees involved'],
  descriptionApproved: [
    'De indiener heeft de omschrijving goedgekeurd',
    'The complainant approved the description',
  ],
  procedureExplained: [
    'De procedure is aan de indiener uitgelegd',
    'The procedure was explained to the complainant',
  ],
  confidential: ['Vertrouwelijk (via een vertrouwenspersoon)', 'Confidential (through a confidant)'],
  confidant: ['Vertrouwenspersoon', 'Confidant'],
  save: ['Opslaan', 'Save'],
  cancel: ['Annuleren', 'Cancel'],
  saved: ['Opgeslagen', 'Saved'],
  deadlines: ['Termijnen', 'Deadlines'],
  timeline: ['Tijdlijn', 'Timeline'],
  actions: ['Wat kan nu', 'What can be done now'],
  notYet: ['Nog niet mogelijk', 'Not possible yet'],
  happenedAt: ['Wanneer gebeurd (leeg: nu)', 'When it happened (empty: now)'],
  details: ['Gegevens', 'Details'],
  step: ['Stap', 'Step'],
  term: ['Termijn', 'Term'],
  due: ['Uiterlijk', 'Due'],
  done: ['Gedaan', 'Done'],
  version: ['Versie', 'Version'],
  authorisedBy: ['Vastgesteld door', 'Authorised by'],
  steps: ['Stappen en termijnen', 'Steps and terms'],
  rules: ['Regels', 'Rules'],
  currentPassword: ['Huidig wachtwoord', 'Current password'],
  newPassword: ['Nieuw wachtwoord (minstens 10 tekens)', 'New password (at least 10 characters)'],
  passwordChanged: ['Uw wachtwoord is gewijzigd.', 'Your password has been changed.'],
  noCategory: ['(geen)', '(none)'],
  by: ['door', 'by'],
  yes: ['ja', 'yes'],
  no: ['nee', 'no'],
  notFound: ['Deze pagina bestaat niet.', 'This page does not exist.'],
} as const;

export type Word = keyof typeof words;

const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'nl',
  setLang: () => {},
});

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(
    localStorage.getItem('klachtdesk.lang') === 'en' ? 'en' : 'nl',
  );
  const setLang = (l: Lang) => {
    localStorage.setItem('klachtdesk.lang', l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

// t('save') -> "Opslaan"; pick('Gesloten', 'Closed') for text that comes with the data.
export function useT() {
  const { lang } = useLang();
  const t = (w: Word) => words[w][lang === 'nl' ? 0 : 1];
  const pick = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  return { t, pick, lang };
}
