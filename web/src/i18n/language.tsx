import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { roleLabels, type RoleId } from '../../../src/domain/shared/roleLabels.js';
import { en } from './en.js';
import { type Messages, zh } from './zh.js';

export type Language = 'zh' | 'en';

const roleNamesEn: Record<RoleId, string> = {
  archiveClerk: 'Archive clerk',
  serviceClerk: 'Service clerk',
  salesperson: 'Salesperson',
  salesDeptManager: 'Sales department manager',
  salesAdminManager: 'Sales administration manager',
  salesVP: 'Sales VP',
  salesGM: 'Sales GM',
  groupGM: 'Group GM',
  reviewBoard: 'Customer review board',
  auditor: 'Auditor',
};

type LanguageState = {
  language: Language;
  messages: Messages;
  setLanguage(language: Language): void;
  /** A post's name: the manual's Chinese (roleLabels), or English. */
  roleName(role: string): string;
};

const storageKey = 'customer-ledger.language';
const LanguageContext = createContext<LanguageState | null>(null);

/** Chinese unless the user switched to English (remembered in this browser). */
export const LanguageProvider = ({ children }: { children: ReactNode }) => {
  const [language, setState] = useState<Language>(() => (localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh'));
  const value = useMemo<LanguageState>(
    () => ({
      language,
      messages: language === 'en' ? en : zh,
      setLanguage: (next) => {
        localStorage.setItem(storageKey, next);
        setState(next);
      },
      roleName: (role) => (language === 'en' ? roleNamesEn : roleLabels)[role as RoleId] ?? role,
    }),
    [language],
  );
  // Screen readers and the browser's fonts follow the page's language, also after a reload in English.
  useEffect(() => {
    document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
  }, [language]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
};

export const useLanguage = (): LanguageState => {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage outside LanguageProvider');
  return state;
};

export const useMessages = (): Messages => useLanguage().messages;
