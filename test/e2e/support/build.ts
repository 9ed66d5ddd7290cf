// The console under test is the one `npm run build` makes: built here when dist/web is
// missing or older than web/'s sources (scripts/buildConsole.mjs decides).
export { buildConsole, initialBudgetBytes } from '../../../scripts/buildConsole.mjs';
